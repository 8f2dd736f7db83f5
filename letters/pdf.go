package letters

import (
	"fmt"
	"io"

	"codeberg.org/go-pdf/fpdf"

	"github.com/schakel-nl/schakel/documents"
)

// The page of the PDF: A4 in millimetres, margins as in a Dutch
// government letter, body text in Helvetica (a core font: nothing is
// embedded, so nothing varies with the machine).
const (
	pdfLeft   = 25.0
	pdfRight  = 20.0
	pdfTop    = 20.0
	pdfBottom = 22.0
	pdfBody   = 10.5 // points
	pdfSmall  = 8.5
	pdfLine   = 5.0 // mm between lines of body text
	pdfIndent = 5.0 // mm for list items and grounds
	pdfLabel  = 28.0
	// nbAlias stands for the number of pages until the document is
	// closed.
	nbAlias = "{schakel-nb}"
	font    = "Helvetica"
)

// pdfWriter lays out a view on the pages of one document.
type pdfWriter struct {
	f     *fpdf.Fpdf
	tr    func(string) string // UTF-8 to cp1252 for the core font
	width float64             // between the margins
}

// PDF writes the letter as a PDF with the content of HTML: A4 pages in
// Helvetica with the page numbers ("pagina 2 van 5") and the reference in
// the footer, long texts wrapped, the rules, precedents and the knelpunten's
// pages as clickable links, and an outline with a bookmark per knelpunt.
// Text is written in Windows-1252, which holds the euro sign and the Dutch
// diacritics; a character outside it becomes a look-alike or "?".
//
// The output is byte-identical for the same Letter: its creation and
// modification dates are the letter's Date at 00:00 UTC, its catalogs are
// sorted, nothing depends on the clock or on map order, and its pages are
// not compressed, so the bytes do not change with the Go release's zlib.
// It writes nothing when l is invalid (see Validate).
func PDF(w io.Writer, l Letter) error {
	v, err := build(l)
	if err != nil {
		return err
	}
	p := newPDF(v)
	p.letter(v)
	if err := documents.WritePDF(w, p.f, l.Date.Time()); err != nil {
		return fmt.Errorf("letters: %w", err)
	}
	return nil
}

// newPDF starts a document for v with its metadata and footer.
func newPDF(v *view) *pdfWriter {
	f, tr := documents.NewPDF(documents.PDFSetup{Title: v.Title + ": " + v.Subject, Subject: v.Subject, Author: v.Sender, AuthorUTF8: true,
		Left: pdfLeft, Top: pdfTop, Right: pdfRight, Bottom: pdfBottom, Font: font, FooterSize: pdfSmall, FooterY: -14,
		FooterPrefix: "Kenmerk " + v.Reference, PagesAlias: nbAlias})
	pageW, _ := f.GetPageSize()
	return &pdfWriter{f: f, tr: tr, width: pageW - pdfLeft - pdfRight}
}

// letter lays out the whole letter.
func (p *pdfWriter) letter(v *view) {
	f := p.f
	f.AddPage()
	p.style("B", 15, 0)
	p.text(v.Sender, 0, "", 7)
	f.Ln(4)
	p.style("B", 14, 0)
	p.text(v.Title, 0, "", 7)
	f.Ln(3)
	p.meta(v.Meta)
	f.Ln(6)
	p.style("", pdfBody, 0)
	p.para(v.Salutation)
	for _, s := range v.Intro {
		p.para(s)
	}
	for _, k := range v.Knelpunten {
		p.knelpunt(k)
	}
	p.heading2(headRequest)
	for _, s := range v.Request {
		p.para(s)
	}
	f.Ln(2)
	p.para(greeting)
	f.Ln(4)
	p.para(v.Closing)
}

// meta lays out the block under the letterhead: a label and its value on
// each row.
func (p *pdfWriter) meta(rows []field) {
	for _, r := range rows {
		p.need(pdfLine * 2)
		y := p.f.GetY()
		p.style("B", pdfBody, 0)
		p.f.SetXY(pdfLeft, y)
		p.f.CellFormat(pdfLabel, pdfLine, p.tr(r.Label), "", 0, "L", false, 0, "")
		p.style("", pdfBody, 0)
		p.f.SetXY(pdfLeft, y)
		p.text(r.Value, pdfLabel, "", pdfLine)
		p.f.Ln(1)
	}
}

// knelpunt lays out one knelpunt: the headings and parts HTML has, in the
// same order.
func (p *pdfWriter) knelpunt(k knelpuntView) {
	p.heading2(k.Heading)
	p.f.Bookmark(p.tr(k.Heading), 0, -1)

	p.heading3(headRules)
	if len(k.Rules) == 0 {
		p.para("Er zijn geen regels genoemd.")
	}
	p.links(k.Rules)

	p.heading3(headProblem)
	p.paras(k.Problem)
	for i, s := range k.Group {
		if i == 0 {
			s = "Voor wie: " + s
		}
		p.para(s)
	}
	p.paras(k.Figures)

	p.heading3(headSolution)
	p.para(k.Solution)
	p.paras(k.Proposal)

	p.heading3(headCost)
	p.para(k.Cost)

	if len(k.Conflict) > 0 {
		p.heading3(headConflicts)
		for _, c := range k.Conflict {
			p.need(2 * pdfLine)
			p.style("B", pdfBody, 0)
			p.text(c.Principle, 0, "", pdfLine)
			p.style("", pdfBody, 0)
			for _, g := range c.Grounds {
				p.text(g, pdfIndent, "", pdfLine)
			}
			p.f.Ln(2)
		}
	}
	if len(k.Examples) > 0 {
		p.heading3(headPrecedents)
		p.links(k.Examples)
	}
	if k.Page.URL != "" {
		p.para(k.Page.Text + ":")
		p.address(k.Page.URL, 0)
		p.f.Ln(2)
	}
}

// links lays out a list of links: a bullet, the text as a link and the
// address under it, so that a printed letter shows where it points.
func (p *pdfWriter) links(ls []link) {
	for _, l := range ls {
		p.need(2 * pdfLine)
		p.style("", pdfBody, 0)
		p.f.SetX(pdfLeft)
		p.f.CellFormat(pdfIndent, pdfLine, p.tr("•"), "", 0, "L", false, 0, "")
		if l.URL == "" {
			p.text(l.Text, pdfIndent, "", pdfLine)
			continue
		}
		p.style("U", pdfBody, 1)
		p.text(l.Text, pdfIndent, l.URL, pdfLine)
		p.address(l.URL, pdfIndent)
	}
	p.style("", pdfBody, 0)
	p.f.Ln(2)
}

// address lays out a web address in small print, as a link to itself.
func (p *pdfWriter) address(u string, indent float64) {
	p.style("", pdfSmall, 2)
	p.text(u, indent, u, 4)
	p.style("", pdfBody, 0)
}

// heading2 starts a part of the letter, on a new page when too little of
// this one is left for the heading and a few lines under it.
func (p *pdfWriter) heading2(s string) {
	p.f.Ln(3)
	p.need(40)
	p.style("B", 12.5, 0)
	p.text(s, 0, "", 6)
	p.f.Ln(1.5)
	p.style("", pdfBody, 0)
}

// heading3 starts a part of a knelpunt, kept with the lines under it.
func (p *pdfWriter) heading3(s string) {
	p.need(22)
	p.style("B", pdfBody+0.5, 0)
	p.text(s, 0, "", 5.5)
	p.f.Ln(0.5)
	p.style("", pdfBody, 0)
}

// paras lays out paragraphs of body text.
func (p *pdfWriter) paras(ss []string) {
	for _, s := range ss {
		p.para(s)
	}
}

// para lays out one paragraph of body text and the space after it.
func (p *pdfWriter) para(s string) {
	p.text(s, 0, "", pdfLine)
	p.f.Ln(2)
}

// text lays out s in the current font, wrapped between the left margin
// plus indent and the right margin, each line h high and, when target is
// set, a link to it. A page ends where the automatic page break puts it.
func (p *pdfWriter) text(s string, indent float64, target string, h float64) {
	if s == "" {
		return
	}
	w := p.width - indent
	for _, ln := range p.f.SplitLines([]byte(p.tr(s)), w) {
		p.f.SetX(pdfLeft + indent)
		p.f.CellFormat(w, h, string(ln), "", 1, "L", false, 0, target)
	}
}

// need starts a new page when less than h is left on this one.
func (p *pdfWriter) need(h float64) {
	_, pageH := p.f.GetPageSize()
	if p.f.GetY()+h > pageH-pdfBottom {
		p.f.AddPage()
	}
}

// style sets the font style ("", "B", "U") and size, and the text colour:
// 0 black, 1 link blue, 2 grey.
func (p *pdfWriter) style(s string, size float64, colour int) {
	p.f.SetFont(font, s, size)
	switch colour {
	case 1:
		p.f.SetTextColor(29, 78, 137)
	case 2:
		p.f.SetTextColor(70, 90, 120)
	default:
		p.f.SetTextColor(26, 26, 26)
	}
}
