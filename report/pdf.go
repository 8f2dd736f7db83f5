package report

import (
	"fmt"
	"io"
	"strconv"

	"codeberg.org/go-pdf/fpdf"

	"github.com/schakel-nl/schakel/documents"
)

// The page of the PDF: A4 in millimetres, body text in Helvetica (a core
// font: nothing is embedded, so nothing varies with the machine).
const (
	pdfMargin = 20.0
	pdfBottom = 20.0
	pdfBody   = 10.0 // points
	pdfSmall  = 8.0
	pdfLine   = 4.8 // mm between lines of body text
	pdfRowH   = 5.5 // mm per bar of a chart
	pdfLabelW = 62.0
	pdfCellH  = 4.2
	nbAlias   = "{nb}"
	font      = "Helvetica"
)

// pdfWriter lays out a view on the pages of one document.
type pdfWriter struct {
	f     *fpdf.Fpdf
	tr    func(string) string // UTF-8 to cp1252 for the core font
	width float64
	links []int // the table of contents' link per chapter
}

// PDF writes the report as a PDF with the content of HTML: a title page
// with a table of contents (each chapter linked, with its page), an
// outline with a bookmark per chapter, page numbers ("pagina 2 van 9"),
// each chart drawn as bars with its labels and values and followed by its
// table. Text is written in Windows-1252; a character outside it becomes a
// look-alike or "?".
//
// The output is byte-identical for the same Report: its creation and
// modification dates are the cut-off date at 00:00 UTC, nothing depends
// on the clock or on map order, and its pages are not compressed, so the
// bytes do not change with the Go release's zlib. It writes nothing when
// r is invalid (see Validate).
func PDF(w io.Writer, r Report) error {
	v, err := build(r)
	if err != nil {
		return err
	}
	p := newPDF(v)
	p.report(v)
	if err := documents.WritePDF(w, p.f, r.Cutoff.Time()); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	return nil
}

// newPDF starts a document for v with its metadata and footer.
func newPDF(v *view) *pdfWriter {
	f, tr := documents.NewPDF(documents.PDFSetup{Title: v.Title, Subject: v.Subtitle, Author: "schakel",
		Left: pdfMargin, Top: pdfMargin, Right: pdfMargin, Bottom: pdfBottom, Font: font, FooterSize: pdfSmall, FooterY: -13,
		FooterPrefix: v.Title, PagesAlias: nbAlias})
	pageW, _ := f.GetPageSize()
	return &pdfWriter{f: f, tr: tr, width: pageW - 2*pdfMargin}
}

// report lays out the whole report: the title page with the contents,
// then each chapter on a new page. The contents name each chapter's page
// through an alias that is filled in when the document is closed.
func (p *pdfWriter) report(v *view) {
	f := p.f
	f.AddPage()
	p.style("B", 22, 0)
	p.text(v.Title, 0, 10)
	f.Ln(2)
	p.style("", 13, 0)
	p.text(v.Subtitle, 0, 6.5)
	f.Ln(6)
	for _, m := range v.Meta {
		y := f.GetY()
		p.style("B", pdfBody, 0)
		f.CellFormat(32, pdfLine, p.tr(m.Label), "", 0, "L", false, 0, "")
		p.style("", pdfBody, 0)
		f.SetXY(pdfMargin, y)
		p.text(m.Value, 32, pdfLine)
	}
	f.Ln(8)
	p.style("B", 14, 0)
	p.text("Inhoud", 0, 7)
	f.Ln(1)
	p.style("", 11, 0)
	for _, c := range v.Chapters {
		link := f.AddLink()
		p.links = append(p.links, link)
		f.SetX(pdfMargin)
		f.CellFormat(p.width-15, 6.5, p.tr(c.Heading()), "", 0, "L", false, link, "")
		f.CellFormat(15, 6.5, "{p"+strconv.Itoa(c.Num)+"}", "", 1, "R", false, link, "")
	}
	for i, c := range v.Chapters {
		f.AddPage()
		f.SetLink(p.links[i], -1, f.PageNo())
		f.RegisterAlias("{p"+strconv.Itoa(c.Num)+"}", strconv.Itoa(f.PageNo()))
		f.Bookmark(p.tr(c.Heading()), 0, -1)
		p.style("B", 16, 0)
		p.text(c.Heading(), 0, 8)
		f.Ln(2)
		for _, b := range c.Blocks {
			p.block(b)
		}
	}
}

// block lays out one part of a chapter in the order HTML shows it.
func (p *pdfWriter) block(b block) {
	if b.Heading != "" {
		p.f.Ln(2)
		p.need(25)
		p.style("B", 11.5, 0)
		p.text(b.Heading, 0, 5.5)
		p.f.Ln(0.5)
	}
	p.style("", pdfBody, 0)
	for _, s := range b.Paras {
		p.text(s, 0, pdfLine)
		p.f.Ln(1.5)
	}
	if b.Chart != nil {
		p.chart(b.Chart)
	}
	if b.Table != nil {
		p.table(b.Table)
	}
	if b.Link != nil {
		p.style("U", pdfBody, 1)
		p.f.SetX(pdfMargin)
		p.f.CellFormat(p.width, pdfLine, p.tr(b.Link.Text+": "+b.Link.URL), "", 1, "L", false, 0, b.Link.URL)
		p.style("", pdfBody, 0)
		p.f.Ln(1.5)
	}
}

// chart draws a bar chart: its title, then per bar the label, a filled
// rectangle as long as the value is of the largest and the value; then
// the table with the same numbers.
func (p *pdfWriter) chart(c *chart) {
	f := p.f
	p.need(10 + pdfRowH*float64(min(len(c.Bars), 12)))
	f.Ln(1)
	p.style("B", pdfBody, 0)
	p.text("Grafiek: "+c.Title, 0, pdfLine)
	f.Ln(1)
	barsW := p.width - pdfLabelW - 22
	f.SetFillColor(21, 66, 115)
	for _, b := range c.Bars {
		p.need(pdfRowH)
		y := f.GetY()
		p.style("", pdfSmall, 0)
		f.SetXY(pdfMargin, y)
		f.CellFormat(pdfLabelW-2, pdfRowH, p.tr(shorten(b.Label, 40)), "", 0, "R", false, 0, "")
		w := 0.0
		if c.Max > 0 {
			w = barsW * float64(b.Value) / float64(c.Max)
		}
		if b.Value > 0 {
			w = max(w, 0.5)
			f.Rect(pdfMargin+pdfLabelW, y+0.8, w, pdfRowH-1.6, "F")
		}
		f.SetXY(pdfMargin+pdfLabelW+w+1.5, y)
		f.CellFormat(20, pdfRowH, number(int64(b.Value)), "", 1, "L", false, 0, "")
	}
	f.Ln(2)
	p.table(&c.Table)
}

// table lays out a table: the caption, a header row and the rows, the
// first column wider, each cell wrapped within its column.
func (p *pdfWriter) table(t *table) {
	f := p.f
	n := len(t.Head)
	if n == 0 {
		return
	}
	widths := make([]float64, n)
	first := p.width
	if n > 1 {
		first = max(p.width*0.34, p.width-float64(n-1)*26)
		for i := 1; i < n; i++ {
			widths[i] = (p.width - first) / float64(n-1)
		}
	}
	widths[0] = first
	p.need(3 * pdfLine)
	p.style("B", pdfBody, 0)
	p.text(t.Caption, 0, pdfLine)
	p.row(t, t.Head, widths, true)
	for _, r := range t.Rows {
		p.row(t, r, widths, false)
	}
	f.Ln(3)
	p.style("", pdfBody, 0)
}

// row lays out one row of a table, as high as its longest cell, with a
// rule under it.
func (p *pdfWriter) row(t *table, cells []string, widths []float64, head bool) {
	f := p.f
	if head {
		p.style("B", pdfSmall, 0)
	} else {
		p.style("", pdfSmall, 0)
	}
	lines := make([][][]byte, len(cells))
	height := 1
	for i, c := range cells {
		if i >= len(widths) {
			break
		}
		lines[i] = f.SplitLines([]byte(p.tr(c)), widths[i]-1.5)
		height = max(height, len(lines[i]))
	}
	h := float64(height)*pdfCellH + 1
	p.need(h)
	y, x := f.GetY(), pdfMargin
	for i := range cells {
		if i >= len(widths) {
			break
		}
		align := "L"
		if i < len(t.Num) && t.Num[i] {
			align = "R"
		}
		for j, ln := range lines[i] {
			f.SetXY(x, y+0.5+float64(j)*pdfCellH)
			f.CellFormat(widths[i]-1.5, pdfCellH, string(ln), "", 0, align, false, 0, "")
		}
		x += widths[i]
	}
	f.SetDrawColor(190, 190, 190)
	f.Line(pdfMargin, y+h, pdfMargin+p.width, y+h)
	f.SetXY(pdfMargin, y+h)
}

// text lays out s wrapped between the margins, indented by indent, each
// line h high.
func (p *pdfWriter) text(s string, indent, h float64) {
	if s == "" {
		return
	}
	w := p.width - indent
	for _, ln := range p.f.SplitLines([]byte(p.tr(s)), w) {
		p.f.SetX(pdfMargin + indent)
		p.f.CellFormat(w, h, string(ln), "", 1, "L", false, 0, "")
	}
}

// need starts a new page when less than h is left on this one.
func (p *pdfWriter) need(h float64) {
	_, pageH := p.f.GetPageSize()
	if p.f.GetY()+h > pageH-pdfBottom {
		p.f.AddPage()
	}
}

// style sets the font style and size and the text colour: 0 black, 1
// link blue.
func (p *pdfWriter) style(s string, size float64, colour int) {
	p.f.SetFont(font, s, size)
	if colour == 1 {
		p.f.SetTextColor(21, 66, 115)
		return
	}
	p.f.SetTextColor(26, 26, 26)
}
