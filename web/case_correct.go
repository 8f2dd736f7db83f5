package web

import (
	"net/http"
	"net/url"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/cases"
)

// correctFields are the fields of a correction: what to redact besides
// the flags chosen, and the public reason.
func correctFields() []fieldSpec {
	return []fieldSpec{
		{Name: "weglakken", Label: "Extra weglakken", Description: "Eén woord of zinsdeel per regel. Het wordt overal weggelakt waar het staat.", Kind: kindTextarea},
		{Name: "reden", Label: "Reden van de correctie", Description: "Deze reden wordt openbaar. Noem geen persoonsgegevens.", Kind: kindTextarea, Required: true, Spellcheck: true},
	}
}

// withdrawFields is the public reason of a withdrawal.
func withdrawFields() []fieldSpec {
	return []fieldSpec{
		{Name: "intrekkingsreden", Label: "Reden van het intrekken", Description: "Deze reden wordt openbaar. Noem geen persoonsgegevens.", Kind: kindTextarea, Required: true, Spellcheck: true},
	}
}

// correctionData is the Data of the correction page.
type correctionData struct {
	ID       int64 // the case
	Preview  precedentView
	Flags    []flagView
	Correct  *form
	Withdraw *form
}

// CorrectionPage shows a published case's publication with what is still
// flagged in it, a form to redact more and one to withdraw it; GET
// /casussen/{id}/correctie.
func (h *Handler) CorrectionPage(w http.ResponseWriter, r *http.Request) error {
	if err := h.needCases(); err != nil {
		return err
	}
	id, ok := caseID(r)
	if !ok {
		return errNoPage
	}
	return h.renderCorrection(w, r, http.StatusOK, id, nil, nil, nil)
}

// CorrectPublication redacts a publication more; POST
// /casussen/{id}/correctie.
func (h *Handler) CorrectPublication(w http.ResponseWriter, r *http.Request) error {
	return h.changePublication(w, r, func(u *schakel.User, id int64, f url.Values) error {
		_, err := h.Cases.Correct(r.Context(), u, id, cases.CorrectInput{Redact: redactLines(f.Get("weglakken")), Generalise: f["generaliseren"], Reason: f.Get("reden")})
		return err
	}, false)
}

// WithdrawPublication takes a publication out of the register; POST
// /casussen/{id}/publicatie-intrekking.
func (h *Handler) WithdrawPublication(w http.ResponseWriter, r *http.Request) error {
	return h.changePublication(w, r, func(u *schakel.User, id int64, f url.Values) error {
		_, err := h.Cases.WithdrawPublication(r.Context(), u, id, f.Get("intrekkingsreden"))
		return err
	}, true)
}

// changePublication runs a correction or withdrawal and goes to the public
// page, or shows the correction page with the errors.
func (h *Handler) changePublication(w http.ResponseWriter, r *http.Request, change func(u *schakel.User, id int64, f url.Values) error, withdraw bool) error {
	id, u, err := h.casePost(r)
	if err != nil {
		return err
	}
	err = change(u, id, r.PostForm)
	switch {
	case err == nil:
		http.Redirect(w, r, precedentPath(id), http.StatusSeeOther)
		return nil
	case schakel.ErrorCode(err) != schakel.EINVALID:
		return err
	case withdraw:
		return h.renderCorrection(w, r, http.StatusBadRequest, id, nil, r.PostForm, err)
	}
	return h.renderCorrection(w, r, http.StatusBadRequest, id, r.PostForm, nil, err)
}

// renderCorrection renders the correction page of case id with the values
// and error of a failed correction or withdrawal.
func (h *Handler) renderCorrection(w http.ResponseWriter, r *http.Request, status int, id int64, correct, withdraw url.Values, formErr error) error {
	pg := h.newPage(r, "Publicatie corrigeren of intrekken")
	pg.Nav = "casussen"
	ctx := r.Context()
	cr, err := h.Cases.CorrectionReview(ctx, pg.User, id)
	if err != nil {
		return err
	}
	orgs, _, err := h.orgs(r)
	if err != nil {
		return err
	}
	principleName, err := h.principleNames(ctx, pg)
	if err != nil {
		return err
	}
	f := newForm(pg.translator, correctFields(), correct)
	wf := newForm(pg.translator, withdrawFields(), withdraw)
	if formErr != nil {
		target, first := f, "reden"
		if withdraw != nil {
			target, first = wf, "intrekkingsreden"
		}
		if !target.AddFieldErrors(formErr, first) {
			target.AddError(first, pg.ErrorMessage(formErr))
		}
	}
	pg.Form = f // the error summary shows the form that failed
	if withdraw != nil {
		pg.Form = wf
	}
	pg.Data = correctionData{ID: id, Preview: newPrecedentView(pg, orgs, principleName, cr.Precedent), Flags: flagViews(pg, cr.Flags), Correct: f, Withdraw: wf}
	h.render(w, r, status, "case_correction", pg)
	return nil
}
