package web

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/auth"
	"github.com/schakel-nl/schakel/authz"
	"github.com/schakel-nl/schakel/cases"
)

// casesPerPage is the page size of the list of cases.
const casesPerPage = 25

// caseListFields are the filters of the list of cases, a GET form.
var caseListFields = []fieldSpec{
	{Name: "status", Label: "Toestand", Kind: kindSelect},
}

// caseListData is the Data of /casussen.
type caseListData struct {
	Rows      []caseRow
	Total     int
	Page      int
	Pages     int
	PrevURL   string
	NextURL   string
	Filtered  bool
	CanSubmit bool // the user may submit a case somewhere
}

// caseRow is one case in the list.
type caseRow struct {
	ID           int64
	Title        string
	Organisation string
	State        schakel.CaseState
	Urgent       bool
	At           time.Time
}

// CaseList lists the cases of the organisations the user works at, newest
// first, filtered by state, a page at a time; GET /casussen.
func (h *Handler) CaseList(w http.ResponseWriter, r *http.Request) error {
	if err := h.needCases(); err != nil {
		return err
	}
	pg := h.newPage(r, "Casussen")
	pg.Nav = "casussen"
	if pg.User == nil {
		return schakel.Errorf(schakel.EUNAUTHORIZED, "Log in om casussen te zien.")
	}
	if redirectFormer(w, r, formerCaseQuery) {
		return nil
	}
	q := r.URL.Query()
	values := url.Values{}
	var state schakel.CaseState
	if s := schakel.CaseState(q.Get("status")); s.Valid() {
		state = s
		values.Set("status", string(s))
	}
	num := pageNumber(q)
	cs, total, err := h.Cases.List(r.Context(), pg.User, state, (num-1)*casesPerPage, casesPerPage)
	if err != nil {
		return err
	}
	orgs, _, err := h.orgs(r)
	if err != nil {
		return err
	}
	f := newForm(pg.translator, caseListFields, values)
	opts := []option{{Value: "", Label: pg.T("Alle toestanden")}}
	for _, s := range schakel.CaseStates {
		opts = append(opts, option{Value: string(s), Label: pg.CaseState(s)})
	}
	f.SetOptions("status", opts)
	pg.Form = f
	d := caseListData{Total: total, Page: num, Pages: max(1, (total+casesPerPage-1)/casesPerPage), Filtered: len(values) > 0,
		CanSubmit: len(authz.Organisations(pg.User, authz.SubmitCase)) > 0}
	for _, c := range cs {
		d.Rows = append(d.Rows, caseRow{ID: c.ID, Title: c.Title, Organisation: orgs.Name(c.OrganisationID), State: c.State, Urgent: c.Urgent, At: c.CreatedAt})
	}
	d.PrevURL, d.NextURL = pageLinks("/casussen", values, num, d.Pages)
	pg.Data = d
	h.render(w, r, http.StatusOK, "case_list", pg)
	return nil
}

// The rows the submission form offers.
const (
	maxPartyRows = 5
	maxCaseRules = 5
)

// newCaseFields are the fields of the submission form.
func newCaseFields(pg *page, principles []*schakel.Principle) []fieldSpec {
	specs := []fieldSpec{
		{Name: "organisatie", Label: "Organisatie", Description: "De organisatie waar de casus speelt. De casus blijft binnen deze organisatie.", Kind: kindSelect, Required: true},
		{Name: "titel", Label: "Titel", Description: "In één regel: waar gaat het om? Noem geen namen.", Required: true, Spellcheck: true},
		{Name: "situatie", Label: "De situatie van de burger — blijft binnen de organisatie", Description: "Wat is er aan de hand? Alleen collega's van uw organisatie zien deze tekst. Bij publicatie wordt een weggelakte samenvatting gemaakt.", Kind: kindTextarea, Required: true, Spellcheck: true},
	}
	specs = append(specs, rowSpecs(pg, "partijen", "Namen van betrokkenen", "Naam %d", "", maxPartyRows, false)...)
	specs = append(specs, rowSpecs(pg, "regels", "Regels", "Regel %d", "Een verwijzing naar een wet of regel, zoals Wet WIA artikel 76 of een link naar wetten.overheid.nl.", maxCaseRules, true)...)
	specs = append(specs,
		fieldSpec{Name: "bedoeling", Label: "Wat is de bedoeling van de regel?", Description: "Wat wil de wetgever of de organisatie met deze regel bereiken?", Kind: kindTextarea, Required: true, Spellcheck: true},
		fieldSpec{Name: "knelpunt", Label: "Waarom wringt het? (professionele buikpijn)", Description: "Waarom werkt de regel hier tegen zijn bedoeling in?", Kind: kindTextarea, Required: true, Spellcheck: true},
	)
	anchor := "beginselen"
	if len(principles) > 0 {
		anchor = fieldID("beginselen-" + principles[0].Code)
	}
	specs = append(specs,
		fieldSpec{Name: "beginselen", Label: "Beginselen", Anchor: anchor},
		fieldSpec{Name: "urgent", Label: "Spoed: de burger kan niet wachten", Description: "Kies dit als de burger schade lijdt wanneer het beraad weken duurt.", Kind: kindCheckbox},
	)
	return specs
}

// newCaseData is the Data of the submission form.
type newCaseData struct {
	Parties    rowGroup
	Rules      rowGroup
	Principles principleChoices
}

// principleChoices are the checkboxes of the catalogue, by group.
type principleChoices struct {
	Field  fieldView
	Groups []principleChoiceGroup
}

// principleChoiceGroup is one group of the catalogue.
type principleChoiceGroup struct {
	Name    string
	Choices []choiceView
}

// DescribedBy is the outer fieldset's aria-describedby.
func (p principleChoices) DescribedBy() string {
	ids := []string{"beginselen-omschrijving"}
	if p.Field.Invalid() {
		ids = append(ids, p.Field.ErrorID())
	}
	return strings.Join(ids, " ")
}

// submitOrgs returns the organisations where u may submit a case.
func (h *Handler) submitOrgs(r *http.Request, u *schakel.User) ([]*schakel.Organisation, error) {
	_, all, err := h.orgs(r)
	if err != nil {
		return nil, err
	}
	var out []*schakel.Organisation
	for _, o := range all {
		if authz.Can(u, authz.SubmitCase, o.ID) == nil {
			out = append(out, o)
		}
	}
	return out, nil
}

// NewCaseForm shows the submission form to a member who may submit a
// case; GET /casussen/nieuw.
func (h *Handler) NewCaseForm(w http.ResponseWriter, r *http.Request) error {
	if err := h.needCases(); err != nil {
		return err
	}
	return h.renderNewCase(w, r, http.StatusOK, nil, nil)
}

// SubmitCase stores a new case and goes to its page; POST /casussen.
func (h *Handler) SubmitCase(w http.ResponseWriter, r *http.Request) error {
	if err := h.needCases(); err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	u := auth.UserFrom(r.Context())
	if u == nil {
		return schakel.Errorf(schakel.EUNAUTHORIZED, "Log in om een casus in te dienen.")
	}
	f := r.PostForm
	if addingRow(f) {
		return h.renderNewCase(w, r, http.StatusOK, f, nil)
	}
	parties, partyRows := readRows(f, "partijen", maxPartyRows)
	refs, ruleRows := readRows(f, "regels", maxCaseRules)
	var principles []string
	for _, p := range f["beginselen"] {
		if p = strings.TrimSpace(p); p != "" {
			principles = append(principles, p)
		}
	}
	in := cases.SubmitInput{
		Organisation: strings.TrimSpace(f.Get("organisatie")),
		Title:        f.Get("titel"),
		Situation:    f.Get("situatie"),
		Parties:      parties,
		RuleRefs:     refs,
		Intent:       f.Get("bedoeling"),
		Harm:         f.Get("knelpunt"),
		Principles:   principles,
		Urgent:       f.Get("urgent") != "",
	}
	c, err := h.Cases.Submit(r.Context(), u, in)
	switch schakel.ErrorCode(err) {
	case "":
		http.Redirect(w, r, casePath(c.ID)+"?gedaan=ingediend", http.StatusSeeOther)
	case schakel.EINVALID:
		err = groupErrors(remapRows(remapRows(err, "partijen", partyRows), "regels", ruleRows), "beginselen")
		return h.renderNewCase(w, r, http.StatusBadRequest, f, err)
	case schakel.EFORBIDDEN:
		// The form offers only the user's own organisations; a forged
		// choice is an error at that field.
		var v schakel.Validation
		v.Add("organisatie", "not_allowed", "U kunt bij deze organisatie geen casus indienen.")
		return h.renderNewCase(w, r, http.StatusForbidden, f, v.Err())
	default:
		return err
	}
	return nil
}

// renderNewCase renders the submission form with the values entered and
// the errors of a failed attempt.
func (h *Handler) renderNewCase(w http.ResponseWriter, r *http.Request, status int, values url.Values, formErr error) error {
	pg := h.newPage(r, "Nieuwe casus")
	pg.Nav = "casussen"
	if pg.User == nil {
		return schakel.Errorf(schakel.EUNAUTHORIZED, "Log in om een casus in te dienen.")
	}
	orgs, err := h.submitOrgs(r, pg.User)
	if err != nil {
		return err
	}
	if len(orgs) == 0 {
		return schakel.Errorf(schakel.EFORBIDDEN, "U heeft geen rol die dit mag.")
	}
	ps, err := h.Directory.Principles(r.Context(), schakel.PrincipleFilter{})
	if err != nil {
		return err
	}
	var active []*schakel.Principle
	for _, p := range ps {
		if !p.Retired() {
			active = append(active, p)
		}
	}
	if values == nil && len(orgs) == 1 {
		values = url.Values{"organisatie": {orgs[0].Code}}
	}
	f := newForm(pg.translator, newCaseFields(pg, active), values)
	opts := []option{{Value: "", Label: pg.T("Kies een organisatie")}}
	for _, o := range orgs {
		opts = append(opts, option{Value: o.Code, Label: o.Name})
	}
	f.SetOptions("organisatie", opts)
	if formErr != nil && !f.AddFieldErrors(formErr, "titel") {
		f.AddError("titel", pg.ErrorMessage(formErr))
	}
	d := newCaseData{
		Parties: rowGroup{Field: f.Field("partijen"), Legend: pg.T("Namen van betrokkenen, voor het anonimiseren"),
			Description: pg.T("Noem de namen van de burger en anderen die in de tekst voorkomen. Ze blijven binnen de organisatie; bij publicatie worden ze weggelakt."),
			Form:        f}.growing(pg, "/casussen", "Nog een naam toevoegen", maxPartyRows),
		Rules: rowGroup{Field: f.Field("regels"), Legend: pg.T("Regels waar het om gaat"),
			Description: pg.T("De wetsartikelen of beleidsregels die hier wringen, één per regel."),
			Form:        f}.growing(pg, "/casussen", "Nog een regel toevoegen", maxCaseRules),
	}
	chosen := map[string]bool{}
	if values != nil {
		for _, c := range values["beginselen"] {
			chosen[c] = true
		}
	}
	d.Principles.Field = f.Field("beginselen")
	byGroup := map[schakel.PrincipleGroup]*principleChoiceGroup{}
	var order []schakel.PrincipleGroup
	for _, p := range active {
		g := byGroup[p.Group]
		if g == nil {
			g = &principleChoiceGroup{Name: pg.Group(p.Group)}
			byGroup[p.Group] = g
			order = append(order, p.Group)
		}
		g.Choices = append(g.Choices, choiceView{ID: fieldID("beginselen-" + p.Code), Value: p.Code, Label: pg.PrincipleName(p), Checked: chosen[p.Code]})
	}
	for _, g := range order {
		d.Principles.Groups = append(d.Principles.Groups, *byGroup[g])
	}
	pg.Form = f
	pg.Data = d
	h.render(w, r, status, "case_new", pg)
	return nil
}
