package web

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/auth"
	"github.com/schakel-nl/schakel/authz"
	"github.com/schakel-nl/schakel/brakes"
	"github.com/schakel-nl/schakel/comply"
)

// budgetSpent is the Dutch message of a spent referral budget, as the
// store refuses a brake with it: the limit, the year, and the next year.
const budgetSpent = "Het budget van %d doorverwijzing(en) per jaar is voor %d op. Het wordt op 1 januari %d weer aangevuld; een doorverwijzing waarop het ministerie het verzoek volgt (comply), komt eerder terug."

// organisationBrakeFields are the fields of returning an assignment.
func organisationBrakeFields(pg *page) []fieldSpec {
	specs := []fieldSpec{
		{Name: "organisatie", Label: "Welke organisatie geeft de opdracht terug?", Description: "De opdracht gaat terug naar het ministerie dat opdrachtgever is.", Kind: kindSelect, Required: true},
		{Name: "betreft", Label: "Welke opdracht geeft u terug?", Description: "Noem de opdracht, regeling of instructie van het ministerie, met een kenmerk of datum.", Kind: kindTextarea, Required: true, Spellcheck: true},
	}
	specs = append(specs, ruleSpecs(pg, false)...)
	specs = append(specs,
		fieldSpec{Name: "onderwerp", Label: "Onderwerp", Description: "In één regel: waar gaat het om?", Required: true, Spellcheck: true},
		fieldSpec{Name: "toelichting", Label: "Toelichting", Description: "Waarom kan uw organisatie de opdracht niet uitvoeren zoals zij is gegeven?", Kind: kindTextarea, Spellcheck: true},
	)
	return append(specs, groundSpecs()...)
}

// organisationBrakeData is the Data of the organisation's form.
type organisationBrakeData struct {
	brakeFormParts
	Budgets  []budgetView
	Term     string // the answer term, in words
	Conflict string // why the assignment cannot be returned now, translated
	// None: the user leads no organisation that may return an assignment,
	// so there is no form.
	None bool
}

// budgetView is where one organisation stands with its referral budget.
type budgetView struct {
	Org       *schakel.Organisation
	Principal string // the ministry the assignment goes back to
	Budget    brakes.Budget
}

// OrganisationBrakeForm shows the board of an executive organisation the
// form to return an assignment to its principal ministry, with its
// referral budget; GET /noodrem/organisatie.
func (h *Handler) OrganisationBrakeForm(w http.ResponseWriter, r *http.Request) error {
	if err := h.needBrakes(); err != nil {
		return err
	}
	return h.renderOrganisationBrake(w, r, http.StatusOK, nil, nil)
}

// ReturnAssignment returns an assignment (POST /noodrem/organisatie) and
// goes to the request's page; a spent budget is refused with the day it
// renews.
func (h *Handler) ReturnAssignment(w http.ResponseWriter, r *http.Request) error {
	if err := h.needBrakes(); err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	u := auth.UserFrom(r.Context())
	if u == nil {
		return schakel.Errorf(schakel.EUNAUTHORIZED, "Log in om een opdracht terug te geven.")
	}
	f := r.PostForm
	if addingRow(f) {
		return h.renderOrganisationBrake(w, r, http.StatusOK, f, nil)
	}
	// An organisation's pull always has its request's page (filedAt); the
	// receipt page is never reached from here.
	token, filed, expired, err := h.claimForm(w, r, f, professionalReceiptCookie, professionalReceiptPath)
	switch {
	case err != nil || filed:
		return err
	case expired:
		return h.renderOrganisationBrake(w, r, http.StatusBadRequest, f, errFormExpired)
	}
	pulled := false
	defer func() {
		if !pulled {
			h.tokens.release(token)
		}
	}()
	refs, ruleRows := readRules(f)
	grounds, groundRows := readGrounds(f)
	in := brakes.PullInput{
		Level:        schakel.LevelOrganisation,
		Organisation: strings.TrimSpace(f.Get("organisatie")),
		Concerned:    strings.TrimSpace(f.Get("betreft")),
		RuleRefs:     refs,
		Subject:      strings.TrimSpace(f.Get("onderwerp")),
		Body:         strings.TrimSpace(f.Get("toelichting")),
		Grounds:      grounds,
	}
	p, err := h.Brakes.Pull(r.Context(), u, h.address(r), in)
	switch schakel.ErrorCode(err) {
	case "":
		pulled = true
		h.finishPull(w, r, token, p)
	case schakel.EINVALID:
		err = remapRows(remapRows(err, "regels", ruleRows), "gronden", groundRows)
		return h.renderOrganisationBrake(w, r, http.StatusBadRequest, f, err)
	case schakel.ECONFLICT:
		return h.renderOrganisationBrake(w, r, http.StatusConflict, f, err)
	case schakel.EFORBIDDEN:
		return h.renderOrganisationBrake(w, r, http.StatusForbidden, f, err)
	default:
		return err
	}
	return nil
}

// renderOrganisationBrake renders the organisation's form with the budgets
// of the organisations the user leads, the values entered and the error of
// a failed attempt.
func (h *Handler) renderOrganisationBrake(w http.ResponseWriter, r *http.Request, status int, values url.Values, formErr error) error {
	pg := h.newPage(r, "Een opdracht teruggeven")
	pg.Nav = "noodrem"
	if pg.User == nil {
		return schakel.Errorf(schakel.EUNAUTHORIZED, "Log in om een opdracht terug te geven.")
	}
	orgs, all, err := h.orgs(r)
	if err != nil {
		return err
	}
	principles, err := h.principleOptions(r, pg)
	if err != nil {
		return err
	}
	d := organisationBrakeData{brakeFormParts: newBrakeFormParts(pg, values, "/noodrem/organisatie", h.formToken(values)), Term: pg.TermWords(comply.DefaultTerms[schakel.TypeOrganisationBrake].Answer)}
	f := newForm(pg.translator, organisationBrakeFields(pg), values)
	opts := []option{{Value: "", Label: pg.T("Kies een organisatie")}}
	budgets := map[string]brakes.Budget{}
	for _, o := range all {
		if !o.Type.Executes() || len(o.PrincipalIDs) == 0 || authz.Can(pg.User, authz.ReturnAssignment, o.ID) != nil {
			continue
		}
		_, b, err := h.Brakes.ReferralBudget(r.Context(), o.Code)
		if err != nil {
			return err
		}
		budgets[o.Code] = b
		d.Budgets = append(d.Budgets, budgetView{Org: o, Principal: orgs.Name(o.PrincipalIDs[0]), Budget: b})
		opts = append(opts, option{Value: o.Code, Label: o.Name})
	}
	if len(d.Budgets) == 1 && values == nil {
		// The usual case: a board member of one organisation.
		f.values.Set("organisatie", d.Budgets[0].Org.Code)
	}
	f.SetOptions("organisatie", opts)
	for i := 0; i < maxGroundRows; i++ {
		f.SetOptions(groundField(i, "beginsel"), principles)
	}
	d.None = len(d.Budgets) == 0
	if d.None {
		// No form: the page says who may return an assignment.
		status, formErr = http.StatusForbidden, nil
	}
	switch schakel.ErrorCode(formErr) {
	case "":
	case schakel.ECONFLICT:
		if b, ok := budgets[f.Value("organisatie")]; ok && b.Available == 0 {
			d.Conflict = pg.T(budgetSpent, b.Limit, b.Year, b.Year+1)
		} else {
			d.Conflict = pg.ErrorMessage(formErr)
		}
	case schakel.EFORBIDDEN:
		f.AddError("organisatie", pg.T("Alleen het bestuur van de organisatie kan een opdracht teruggeven."))
	default:
		if !f.AddFieldErrors(formErr, "organisatie") {
			f.AddError("organisatie", pg.ErrorMessage(formErr))
		}
	}
	pg.Form = f
	pg.Data = d
	h.render(w, r, status, "brake_organisation", pg)
	return nil
}
