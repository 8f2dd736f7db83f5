package web

import (
	"net/http"
	"net/url"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/brakes"
)

// The professional's and the organisation's brakes are filed once per form
// token too (formtoken.go): a reload or a double click after a pull sends
// the browser to what the first pull made — the request's page for a named
// or protected puller and for an organisation, the receipt page for an
// anonymous professional — and files nothing.

// professionalReceiptPath is the receipt page of an anonymous
// professional's brake just pulled.
const professionalReceiptPath = "/noodrem/professional/ontvangst"

// professionalReceiptCookie carries the key of an anonymous professional's
// receipt, never the code; only the receipt page receives it.
var professionalReceiptCookie = resultCookie{Name: "noodrem-ontvangst-professional", Path: professionalReceiptPath}

// finishPull keeps what the pull p made under token and sends the browser
// there: the request's page, or the receipt page of an anonymous puller.
func (h *Handler) finishPull(w http.ResponseWriter, r *http.Request, token string, p *brakes.Pulled) {
	now := h.Clock.Now()
	if p.Receipt.IsZero() {
		target := requestURL(p.Brake.RequestID) + "?gedaan=aangemaakt"
		h.tokens.finish(token, filedAt(target), now)
		http.Redirect(w, r, target, http.StatusSeeOther)
		return
	}
	professionalReceiptCookie.set(w, r, h.tokens.finish(token, h.receiptOf(r, p, now), now))
	http.Redirect(w, r, professionalReceiptPath, http.StatusSeeOther)
}

// formToken returns the token the form values carry, or a new one.
func (h *Handler) formToken(values url.Values) string {
	if t := values.Get(tokenField); t != "" {
		return t
	}
	return h.tokens.issue(h.Clock.Now())
}

// ProfessionalReceipt shows the receipt of the anonymous professional's
// brake this browser just pulled; GET /noodrem/professional/ontvangst.
// After resultTTL, or in another browser, it says the code is no longer
// shown (410). Nothing about the puller is read or stored: the page is
// found by the cookie's random key alone.
func (h *Handler) ProfessionalReceipt(w http.ResponseWriter, r *http.Request) error {
	if err := h.needBrakes(); err != nil {
		return err
	}
	pg := h.newPage(r, "Uw ontvangstcode")
	pg.Nav = "noodrem"
	w.Header().Set("Referrer-Policy", "no-referrer")
	v, ok := h.tokens.result(professionalReceiptCookie.view(r), h.Clock.Now())
	c, isReceipt := v.(pulledReceipt)
	if !ok || !isReceipt {
		pg.Title = pg.T("Deze pagina is verlopen")
		pg.Data = receiptView{Expired: true}
		h.render(w, r, http.StatusGone, "brake_receipt", pg)
		return nil
	}
	pg.Data = receiptView{receiptData: receiptData{Code: c.Code, Level: schakel.LevelProfessional, Addressee: c.Addressee, AnswerDue: c.AnswerDue},
		PulledAt: c.PulledAt, Until: c.Until}
	h.render(w, r, http.StatusOK, "brake_receipt", pg)
	return nil
}
