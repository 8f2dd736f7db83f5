package web

import (
	"context"
	"net/http"
	"net/url"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/assessments"
	"github.com/schakel-nl/schakel/auth"
	"github.com/schakel-nl/schakel/authz"
)

// The page of one assessment (uitvoeringstoets): what the organisation
// said and the minister's answer to each item, with the delivery form for
// the board of the organisation asked and the answer form for the
// minister.

// assessmentDone are the messages after an action on an assessment, by
// the value of ?gedaan=.
var assessmentDone = map[string]string{
	"uitgebracht": "Uw uitvoeringstoets is uitgebracht. De minister moet nu elk punt beantwoorden.",
	"beantwoord":  "Uw antwoord op elk punt is vastgelegd.",
}

// assessmentPageData is the Data of an assessment's page.
type assessmentPageData struct {
	P        *schakel.Proposal
	Ministry string
	Panel    assessmentPanel
	Done     string
	Conflict string
	// Deliver is the delivery form for the organisation's board, with its
	// groups; nil when the viewer may not deliver now.
	Deliver      *form
	Verdict      choiceGroup
	Effects      rowGroup
	Values       rowGroup
	Conditions   rowGroup
	Alternatives rowGroup
	Dilemmas     rowGroup
	// Answer is the answer form for the minister, one item after the
	// other; nil when the viewer may not answer now.
	Answer      *form
	AnswerItems []answerItem
}

// Acts reports whether the viewer may do anything now.
func (d assessmentPageData) Acts() bool { return d.Deliver != nil || d.Answer != nil }

// answerItem is one item of the answer form.
type answerItem struct {
	Code, Label, Says string
	Accepted          choiceGroup
	Text              string // the name of its text field
}

// AssessmentPage shows an assessment; GET /uitvoeringstoetsen/{id}.
// Assessments are public; the forms are for who may use them.
func (h *Handler) AssessmentPage(w http.ResponseWriter, r *http.Request) error {
	if err := h.needAssessments(); err != nil {
		return err
	}
	id, ok := pathID(r)
	if !ok {
		return errNoPage
	}
	return h.renderAssessment(w, r, http.StatusOK, id, nil)
}

// renderAssessment renders the page of assessment id; act is the action
// that was just refused, or nil.
func (h *Handler) renderAssessment(w http.ResponseWriter, r *http.Request, status int, id int64, act *actionResult) error {
	pg := h.newPage(r, "Uitvoeringstoets")
	pg.Nav = "voorstellen"
	ctx := r.Context()
	a, err := h.Assessments.Assessment(ctx, id)
	if err != nil {
		return err
	}
	v, err := h.Assessments.Get(ctx, auth.UserFrom(ctx), a.ProposalID)
	if err != nil {
		return err
	}
	var av *assessments.AssessmentView
	for i := range v.Assessments {
		if v.Assessments[i].Assessment.ID == id {
			av = &v.Assessments[i]
		}
	}
	if av == nil {
		return errNoPage
	}
	name, err := h.principleNames(ctx, pg)
	if err != nil {
		return err
	}
	d := assessmentPageData{P: v.Proposal, Ministry: v.Ministry.Name, Panel: assessmentPanelOf(pg, *av, v.Proposal.MinistryID, name)}
	if act == nil {
		if k, ok := assessmentDone[r.URL.Query().Get("gedaan")]; ok {
			d.Done = pg.T(k)
		}
	}
	if err := h.assessmentForms(r, pg, &d, act); err != nil {
		return err
	}
	if c := refusal(pg, act, d.actionForm, pg.T("Dit kan nu niet: de uitvoeringstoets is %s.", pg.AssessmentState(av.Assessment.State))); c != "" {
		d.Conflict = c
	}
	d.fillGroups(pg)
	pg.Title = pg.T("Uitvoeringstoets van %s", d.Panel.Organisation)
	pg.Data = d
	h.render(w, r, status, "assessment", pg)
	return nil
}

// assessmentForms adds the forms of d the viewer of pg may use now, each
// filled with the values of act when it is the form of that refused
// action: delivering for the board of the organisation asked while the
// assessment is owed; answering for the minister of the proposal's
// ministry once it is delivered.
func (h *Handler) assessmentForms(r *http.Request, pg *page, d *assessmentPageData, act *actionResult) error {
	u, a := pg.User, d.Panel.A
	if u == nil {
		return nil
	}
	if a.State == schakel.AssessmentRequested && authz.Can(u, authz.AssessProposal, a.OrganisationID) == nil {
		d.Deliver = newForm(pg.translator, deliverFields(pg), act.kept("deliver"))
		principles, err := h.principleOptions(r, pg)
		if err != nil {
			return err
		}
		for i := 0; i < maxValueRows; i++ {
			d.Deliver.SetOptions(rowField("conflicten", i, "beginsel"), principles)
		}
		for i := 0; i < maxEffectRows; i++ {
			d.Deliver.SetOptions(rowField("effecten", i, "richting"), directionOptions(pg))
		}
	}
	if a.State == schakel.AssessmentDelivered && authz.Can(u, authz.AnswerAssessment, d.P.MinistryID) == nil {
		d.Answer = newForm(pg.translator, answerFields(pg, d.Panel.Items), act.kept("answer"))
	}
	return nil
}

// actionForm returns the form of an action and the field its errors fall
// back to.
func (d *assessmentPageData) actionForm(name string) (*form, string) {
	switch name {
	case "deliver":
		return d.Deliver, "oordeel"
	case "answer":
		if d.Answer == nil || len(d.Answer.specs) == 0 {
			return nil, ""
		}
		return d.Answer, d.Answer.specs[1].Name
	}
	return nil, ""
}

// fillGroups builds the groups of the forms once their errors are on
// them.
func (d *assessmentPageData) fillGroups(pg *page) {
	if f := d.Deliver; f != nil {
		action := assessmentPath(d.Panel.A.ID) + "/oordeel"
		d.Verdict = verdictChoices(pg, f)
		d.Effects = rowGroup{Field: f.Field("effecten"), Legend: pg.T("Effecten voor burgers"),
			Description: pg.T("Welke groepen burgers merken het voorstel, hoeveel zijn het, en wordt het voor hen beter of slechter?"),
			Form:        f, RowLegend: "Effect %d"}.growing(pg, action, "Nog een effect toevoegen", maxEffectRows, "groep", "burgers", "richting", "toelichting")
		d.Values = rowGroup{Field: f.Field("conflicten"), Legend: pg.T("Waarden in het geding"),
			Description: pg.T("Beginselen uit de catalogus die door het voorstel in de knel komen. De minister beantwoordt elk."),
			Form:        f, RowLegend: "Beginsel %d"}.growing(pg, action, "Nog een beginsel toevoegen", maxValueRows, "beginsel", "reden")
		d.Conditions = rowGroup{Field: f.Field("voorwaarden"), Legend: pg.T("Voorwaarden"),
			Description: pg.T("Nodig bij 'uitvoerbaar onder voorwaarden'. Eén voorwaarde per regel."),
			Form:        f}.growing(pg, action, "Nog een voorwaarde toevoegen", maxConditionRows)
		d.Alternatives = rowGroup{Field: f.Field("alternatieven"), Legend: pg.T("Alternatieven"),
			Description: pg.T("Bij 'niet uitvoerbaar' zijn alternatieven of dilemma's nodig."),
			Form:        f}.growing(pg, action, "Nog een alternatief toevoegen", maxAlternativeRows)
		d.Dilemmas = rowGroup{Field: f.Field("dilemmas"), Legend: pg.T("Dilemma's"), Form: f}.growing(pg, action, "Nog een dilemma toevoegen", maxDilemmaRows)
	}
	if f := d.Answer; f != nil {
		for _, it := range d.Panel.Items {
			d.AnswerItems = append(d.AnswerItems, answerItem{Code: it.Code, Label: it.Label, Says: it.Says, Accepted: acceptChoices(pg, f, it.Code), Text: "antwoorden." + it.Code})
		}
	}
}

// DeliverAssessment records the organisation's assessment, for its board;
// POST /uitvoeringstoetsen/{id}/oordeel.
func (h *Handler) DeliverAssessment(w http.ResponseWriter, r *http.Request) error {
	return h.assessmentAction(w, r, "deliver", "uitgebracht", func(ctx context.Context, u *schakel.User, id int64, f url.Values) error {
		dr := readDeliverForm(f)
		_, err := h.Assessments.Deliver(ctx, u, id, dr.in)
		return dr.formErrors(err)
	})
}

// AnswerAssessment records the minister's answer to every item; POST
// /uitvoeringstoetsen/{id}/antwoord.
func (h *Handler) AnswerAssessment(w http.ResponseWriter, r *http.Request) error {
	return h.assessmentAction(w, r, "answer", "beantwoord", func(ctx context.Context, u *schakel.User, id int64, f url.Values) error {
		a, err := h.Assessments.Assessment(ctx, id)
		if err != nil {
			return err
		}
		var items []itemRow
		for _, it := range a.Items() {
			items = append(items, itemRow{Code: it.Principle})
		}
		_, err = h.Assessments.Answer(ctx, u, id, readAnswerForm(f, items))
		return err
	})
}

// assessmentAction runs one action on the assessment of the path (see
// pageAction.run).
func (h *Handler) assessmentAction(w http.ResponseWriter, r *http.Request, formName, done string,
	do func(ctx context.Context, u *schakel.User, id int64, f url.Values) error) error {
	if err := h.needAssessments(); err != nil {
		return err
	}
	return pageAction{form: formName, done: done, path: assessmentPath, render: h.renderAssessment}.run(w, r, sameID(do))
}
