package web

import (
	"bytes"
	"net/http"
	"strings"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/brakes"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/documents"
	"github.com/schakel-nl/schakel/throttle"
)

// The receipt of a citizen's brake (issue 15): after the POST the browser
// is sent to GET /noodrem/burger/ontvangst, which shows the receipt kept
// with the form token for resultTTL (formtoken.go). It can be reloaded,
// printed (the print stylesheet shows only the receipt) and downloaded as a
// PDF; after resultTTL the page says the code is no longer shown.

// pulledReceipt is what is kept of a brake just pulled with a receipt
// code (a citizen's, an anonymous professional's), in memory, for the
// receipt page and, for a citizen, its PDF.
type pulledReceipt struct {
	Code        string // in groups: K7QM-2XHD-9RTB-W4NP-CJ6E-8FGA
	Addressee   string // the organisation that must answer
	AnswerDue   calendar.Date
	PulledAt    time.Time
	Until       time.Time // the page is shown until then
	EmailSent   bool      // a copy went to the citizen's e-mail address
	EmailFailed bool      // a copy was asked for and could not be sent
}

// receiptView is the Data of the receipt page: the receipt, and for a
// citizen's receipt how long it is shown or that it is no longer shown.
type receiptView struct {
	receiptData
	Citizen     bool
	Expired     bool
	PulledAt    time.Time
	Until       time.Time
	EmailSent   bool
	EmailFailed bool
}

// receiptOf is the receipt of p, pulled at now.
func (h *Handler) receiptOf(r *http.Request, p *brakes.Pulled, now time.Time) pulledReceipt {
	c := pulledReceipt{Code: p.Receipt.String(), PulledAt: now, Until: now.Add(resultTTL)}
	if req := p.Brake.Request; req != nil {
		c.AnswerDue = req.AnswerDue
		if len(req.Ladder) > 0 {
			if o, err := h.Directory.Organisation(r.Context(), req.Ladder[0].OrganisationID); err == nil {
				c.Addressee = o.Name
			}
		}
	}
	return c
}

// keptReceipt returns the receipt the browser's cookie points to, if it is
// still shown.
func (h *Handler) keptReceipt(r *http.Request) (pulledReceipt, bool) {
	v, ok := h.tokens.result(citizenReceiptCookie.view(r), h.Clock.Now())
	if !ok {
		return pulledReceipt{}, false
	}
	c, ok := v.(pulledReceipt)
	return c, ok
}

// CitizenReceipt shows the receipt of the citizen's brake this browser just
// pulled; GET /noodrem/burger/ontvangst. After resultTTL, or in another
// browser, it says the code is no longer shown (410).
func (h *Handler) CitizenReceipt(w http.ResponseWriter, r *http.Request) error {
	if err := h.needBrakes(); err != nil {
		return err
	}
	pg := h.newPage(r, "Uw ontvangstcode")
	pg.Nav = "noodrem"
	w.Header().Set("Referrer-Policy", "no-referrer")
	c, ok := h.keptReceipt(r)
	if !ok {
		pg.Title = pg.T("Deze pagina is verlopen")
		pg.Data = receiptView{Citizen: true, Expired: true}
		h.render(w, r, http.StatusGone, "brake_receipt", pg)
		return nil
	}
	pg.Data = receiptView{receiptData: receiptData{Code: c.Code, Level: schakel.LevelCitizen, Addressee: c.Addressee, AnswerDue: c.AnswerDue},
		Citizen: true, PulledAt: c.PulledAt, Until: c.Until, EmailSent: c.EmailSent, EmailFailed: c.EmailFailed}
	h.render(w, r, http.StatusOK, "brake_receipt", pg)
	return nil
}

// CitizenReceiptPDF is the receipt as a PDF to save or print; GET
// /noodrem/burger/ontvangst/pdf. It is made on request and kept nowhere.
func (h *Handler) CitizenReceiptPDF(w http.ResponseWriter, r *http.Request) error {
	if err := h.needBrakes(); err != nil {
		return err
	}
	c, ok := h.keptReceipt(r)
	if !ok {
		return h.CitizenReceipt(w, r)
	}
	pg := h.newPage(r, "Uw ontvangstcode")
	var buf bytes.Buffer
	if err := writeReceiptPDF(&buf, pg, c, h.baseURL(r)); err != nil {
		return err
	}
	hd := w.Header()
	hd.Set("Content-Type", "application/pdf")
	hd.Set("Content-Disposition", `attachment; filename="noodrem-ontvangstbewijs.pdf"`)
	hd.Set("Cache-Control", "no-store")
	hd.Set("Referrer-Policy", "no-referrer")
	_, err := buf.WriteTo(w)
	return err
}

// receiptLines are the paragraphs of the receipt after the code, in the
// page's language: the same on the page, in the PDF and in the e-mail.
func receiptLines(pg *page, c pulledReceipt, base string) []string {
	lines := []string{pg.T("Bewaar deze code goed en geef hem niet aan anderen: wie de code heeft, kan uw noodrem volgen, afsluiten of intrekken.")}
	if c.Addressee != "" {
		lines = append(lines, pg.T("Organisatie: %s", c.Addressee))
	}
	if !c.AnswerDue.IsZero() {
		lines = append(lines, pg.T("De organisatie moet uiterlijk %s antwoorden.", pg.LongDate(c.AnswerDue)))
	}
	return append(lines,
		pg.T("Wat gebeurt er nu? De organisatie kijkt opnieuw naar het besluit. Zij verandert het besluit, of legt uit waarom niet. Antwoordt zij niet op tijd, dan gaat uw noodrem vanzelf naar de volgende laag."),
		pg.T("Het antwoord leest u met uw code op %s.", base+"/noodrem/volgen"),
		pg.T("Deze noodrem is geen bezwaarschrift. Wilt u ook bezwaar maken, doe dat dan bij de organisatie zelf, binnen 6 weken na de datum van het besluit."))
}

// writeReceiptPDF writes the receipt c as a one-page PDF.
func writeReceiptPDF(buf *bytes.Buffer, pg *page, c pulledReceipt, base string) error {
	title := pg.T("Ontvangstbewijs noodrem")
	f, tr := documents.NewPDF(documents.PDFSetup{Title: title, Subject: title, Author: "schakel", Left: 20, Top: 20, Right: 20, Bottom: 20,
		Font: "Helvetica", FooterSize: 8, FooterY: -14, FooterPrefix: "schakel", PagesAlias: "{nb}"})
	f.AddPage()
	f.SetFont("Helvetica", "B", 16)
	f.MultiCell(0, 8, tr(title), "", "L", false)
	f.Ln(2)
	f.SetFont("Helvetica", "", 11)
	f.MultiCell(0, 6, tr(pg.T("Getrokken op %s", pg.DateTime(c.PulledAt))), "", "L", false)
	f.Ln(4)
	f.MultiCell(0, 6, tr(pg.T("Uw ontvangstcode")), "", "L", false)
	f.SetFont("Courier", "B", 18)
	f.MultiCell(0, 10, c.Code, "", "L", false)
	f.Ln(3)
	f.SetFont("Helvetica", "", 11)
	for _, l := range receiptLines(pg, c, base) {
		f.MultiCell(0, 6, tr(l), "", "L", false)
		f.Ln(2)
	}
	return documents.WritePDF(buf, f, c.PulledAt)
}

// citizenEmailField is the optional e-mail address of the citizen's form,
// offered when e-mail can be sent.
var citizenEmailField = fieldSpec{Name: "email", Label: "Uw e-mailadres", Description: "Dit hoeft niet. Geeft u het, dan sturen wij u een kopie van het bewijs met de code, en een bericht als er een antwoord is. De organisatie ziet uw e-mailadres niet. Wij wissen het als de noodrem is afgesloten of ingetrokken.", Autocomplete: "email"}

// sendReceiptCopy e-mails the receipt of p to the address the citizen
// gave, in the page's language, and notes on c whether it went. Neither
// the address nor the code is logged.
func (h *Handler) sendReceiptCopy(r *http.Request, p *brakes.Pulled, c *pulledReceipt) {
	if p.Brake.ContactEmail == "" {
		return
	}
	pg := h.newPage(r, "Uw ontvangstcode")
	text := pg.T("Ontvangstbewijs noodrem") + "\n\n" + pg.T("Uw ontvangstcode") + ": " + c.Code + "\n" + pg.T("Getrokken op %s", pg.DateTime(c.PulledAt)) + "\n\n" +
		strings.Join(receiptLines(pg, *c, h.baseURL(r)), "\n\n") + "\n\n" +
		pg.T("Uw e-mailadres wissen wij zodra de noodrem is afgesloten of ingetrokken. De organisatie ziet het niet.") + "\n"
	if err := h.Brakes.SendReceiptCopy(r.Context(), p, pg.T("Ontvangstbewijs noodrem"), text); err != nil {
		h.Log.WarnContext(r.Context(), "receipt copy not sent")
		c.EmailFailed = true
		return
	}
	c.EmailSent = true
}

// waitNotice is the message of a throttled answer with how long to wait,
// in whole minutes rounded up.
func waitNotice(pg *page, err error) string {
	msg := pg.ErrorMessage(err)
	switch m := throttle.WaitMinutes(schakel.ErrorRetryAfter(err)); {
	case m == 1:
		return msg + " " + pg.T("Probeer het over 1 minuut opnieuw.")
	case m > 1:
		return msg + " " + pg.T("Probeer het over %d minuten opnieuw.", m)
	}
	return msg
}
