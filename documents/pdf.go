package documents

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"
)

// PDFSetup is what a generated PDF says of itself: its metadata, its
// margins (mm) and its footer, a line of text followed by "pagina n van m".
type PDFSetup struct {
	Title, Subject string
	// Author is who made it; AuthorUTF8 says it may hold characters
	// beyond ASCII (a sender's name), which the metadata then encodes.
	Author                   string
	AuthorUTF8               bool
	Left, Top, Right, Bottom float64
	// Font and FooterSize are the footer's font and size (points);
	// FooterY is its position from the bottom (a negative mm).
	Font         string
	FooterSize   float64
	FooterY      float64
	FooterPrefix string
	// PagesAlias stands for the number of pages until the document closes.
	PagesAlias string
}

// NewPDF starts an A4 document whose bytes depend on its content alone —
// the letters and reports whose SHA-256 goes into the public record
// (decisions 0019, 0025): catalogs sorted, pages uncompressed (so the
// bytes do not change with the zlib of the Go release; four times faster
// and a tenth of the memory, for twice the size), Dutch, the metadata and
// footer of s. It returns the document and the function that turns text
// into Windows-1252 for the core fonts, characters outside it replaced by
// a look-alike or "?".
func NewPDF(s PDFSetup) (*fpdf.Fpdf, func(string) string) {
	f := fpdf.New("P", "mm", "A4", "")
	cp := f.UnicodeTranslatorFromDescriptor("cp1252")
	tr := func(text string) string { return cp(lookAlikes.Replace(text)) }
	f.SetCatalogSort(true)
	f.SetCompression(false)
	f.SetLang("nl-NL")
	f.SetTitle(s.Title, true)
	f.SetSubject(s.Subject, true)
	f.SetAuthor(s.Author, s.AuthorUTF8)
	f.SetCreator("schakel", false)
	f.SetProducer("schakel (go-pdf/fpdf)", false)
	f.SetDisplayMode("fullwidth", "continuous")
	f.SetMargins(s.Left, s.Top, s.Right)
	f.SetAutoPageBreak(true, s.Bottom)
	f.SetCellMargin(0)
	f.AliasNbPages(s.PagesAlias)
	footer := s.FooterPrefix + "  ·  pagina "
	f.SetFooterFunc(func() {
		f.SetY(s.FooterY)
		f.SetFont(s.Font, "", s.FooterSize)
		f.SetTextColor(80, 80, 80)
		f.CellFormat(0, 4, tr(footer+strconv.Itoa(f.PageNo())+" van "+s.PagesAlias), "", 0, "C", false, 0, "")
	})
	return f, tr
}

// WritePDF dates f on stamp (its creation and modification) and writes it
// to w, nothing when rendering fails.
func WritePDF(w io.Writer, f *fpdf.Fpdf, stamp time.Time) error {
	f.SetCreationDate(stamp)
	f.SetModificationDate(stamp)
	var b bytes.Buffer
	if err := f.Output(&b); err != nil {
		return fmt.Errorf("render pdf: %w", err)
	}
	if _, err := b.WriteTo(w); err != nil {
		return fmt.Errorf("write pdf: %w", err)
	}
	return nil
}

// lookAlikes replaces characters that Windows-1252 lacks by the nearest
// it has; the translator turns what is left outside it into ".", which
// the replacement character avoids by becoming "?".
var lookAlikes = strings.NewReplacer(
	"\u2010", "-", "\u2011", "-", "\u2012", "–", "\u2212", "-",
	"\u2009", " ", "\u202f", " ", "\u2007", " ", "\u200b", "",
	"\u2264", "<=", "\u2265", ">=", "\u2192", "->", "\u2190", "<-",
	"\u2022", "•", "\u2032", "'", "\u2033", "\"", "\ufffd", "?",
)
