package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/assessments"
)

// The actions on a proposal: asking organisations for their assessment,
// the secretary-general's signature, sending it to parliament and
// recording its entry into force.

// requestAssessmentFields are the fields of asking for assessments.
func requestAssessmentFields() []fieldSpec {
	return []fieldSpec{{Name: "organisaties", Label: "Organisaties"}}
}

// signFields are the fields of the secretary-general's signature.
func signFields() []fieldSpec {
	return []fieldSpec{{Name: "verklaring", Label: "Verklaring", Description: "Zeg waarvoor u tekent: dat de uitvoering haalbaar is met deze toetsen en de antwoorden van de minister, en onder welke voorwaarden.",
		Kind: kindTextarea, Required: true, Spellcheck: true}}
}

// inForceFields are the fields of recording the entry into force.
func inForceFields() []fieldSpec {
	return []fieldSpec{{Name: "datum", Label: "Datum van inwerkingtreding", Description: "De dag waarop het voorstel in werking trad. Vandaag of eerder.", Kind: kindDate, Required: true, Autocomplete: "off"}}
}

// assessorChoices are the checkboxes of the organisations that execute
// and were not asked yet; call it after the errors are on the form.
func assessorChoices(pg *page, f *form, all []*schakel.Organisation, asked []assessments.AssessmentView) choiceGroup {
	g := choiceGroup{Field: f.Field("organisaties"), Type: "checkbox", Legend: pg.T("Welke organisaties toetsen het voorstel?"),
		Description: pg.T("Kies de organisaties die het voorstel moeten uitvoeren. Elk krijgt een verzoek met een wettelijke termijn.")}
	done := map[int64]bool{}
	for _, av := range asked {
		done[av.Assessment.OrganisationID] = true
	}
	chosen := map[string]bool{}
	for _, c := range f.values["organisaties"] {
		chosen[c] = true
	}
	for _, o := range all {
		if o.Type.Executes() && !done[o.ID] {
			g.Choices = append(g.Choices, choiceView{ID: "organisatie-" + fieldID(o.Code), Value: o.Code, Label: o.Name, Checked: chosen[o.Code]})
		}
	}
	return g
}

// RequestAssessments asks the checked organisations (the field
// organisaties) for their assessment; POST /voorstellen/{id}/toetsaanvraag.
func (h *Handler) RequestAssessments(w http.ResponseWriter, r *http.Request) error {
	return h.proposalAction(w, r, "request", "gevraagd", func(ctx context.Context, u *schakel.User, id int64, f url.Values) error {
		var codes []string
		for _, c := range f["organisaties"] {
			if c = strings.TrimSpace(c); c != "" {
				codes = append(codes, c)
			}
		}
		_, err := h.Assessments.RequestAssessments(ctx, u, id, assessments.RequestInput{Organisations: codes})
		return groupErrors(err, "organisaties")
	})
}

// SignProposal records the secretary-general's signature with the
// statement (verklaring); POST /voorstellen/{id}/handtekening.
func (h *Handler) SignProposal(w http.ResponseWriter, r *http.Request) error {
	return h.proposalAction(w, r, "sign", "getekend", func(ctx context.Context, u *schakel.User, id int64, f url.Values) error {
		_, err := h.Assessments.Sign(ctx, u, id, assessments.SignInput{Statement: f.Get("verklaring")})
		return err
	})
}

// SendProposal marks the proposal as sent to parliament; refused with the
// list of what is missing; POST /voorstellen/{id}/verzending.
func (h *Handler) SendProposal(w http.ResponseWriter, r *http.Request) error {
	return h.proposalAction(w, r, "send", "verstuurd", func(ctx context.Context, u *schakel.User, id int64, _ url.Values) error {
		_, err := h.Assessments.Send(ctx, u, id)
		return err
	})
}

// ProposalInForce records the day (datum) the proposal entered into
// force; POST /voorstellen/{id}/inwerkingtreding.
func (h *Handler) ProposalInForce(w http.ResponseWriter, r *http.Request) error {
	return h.proposalAction(w, r, "enter", "inwerking", func(ctx context.Context, u *schakel.User, id int64, f url.Values) error {
		var v schakel.Validation
		day := readDate(&v, "datum", f.Get("datum"))
		_, err := h.Assessments.EnterIntoForce(ctx, u, id, assessments.EnterInput{Day: day, Problems: v.Fields()})
		return err
	})
}

// proposalAction runs one action on the proposal of the path (see
// pageAction.run); a refused step shows what is missing.
func (h *Handler) proposalAction(w http.ResponseWriter, r *http.Request, formName, done string,
	do func(ctx context.Context, u *schakel.User, id int64, f url.Values) error) error {
	if err := h.needAssessments(); err != nil {
		return err
	}
	return pageAction{form: formName, done: done, path: proposalPath, render: h.renderProposal}.run(w, r, sameID(do))
}
