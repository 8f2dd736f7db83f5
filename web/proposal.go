package web

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/assessments"
	"github.com/schakel-nl/schakel/auth"
	"github.com/schakel-nl/schakel/authz"
	"github.com/schakel-nl/schakel/calendar"
)

// The proposals of ministries and their assessments (PRODUCT.md C6): the
// public list, the form of a policy officer who registers one, and (in
// proposal_page.go) the page parliament reads.

// proposalsPerPage is the page size of the list of proposals.
const proposalsPerPage = 25

// maxProposalRules is how many rules the register form offers.
const maxProposalRules = 8

// maxOwed is how many proposals in assessment the list reads for the
// viewer's own work.
const maxOwed = 100

// proposalListFields are the filters of the list of proposals, a GET form.
var proposalListFields = []fieldSpec{
	{Name: "ministerie", Label: "Ministerie", Kind: kindSelect},
	{Name: "organisatie", Label: "Getoetst door", Kind: kindSelect},
	{Name: "soort", Label: "Soort voorstel", Kind: kindSelect},
	{Name: "toestand", Label: "Toestand", Kind: kindSelect},
}

// proposalListData is the Data of /voorstellen.
type proposalListData struct {
	Rows     []proposalRow
	Total    int
	Page     int
	Pages    int
	PrevURL  string
	NextURL  string
	Filtered bool
	// CanRegister: the viewer may register a proposal somewhere.
	CanRegister bool
	// Owed are the assessments the viewer's organisation owes, or that the
	// viewer must answer as minister.
	Owed []owedRow
}

// proposalRow is one proposal in the list.
type proposalRow struct {
	P        *schakel.Proposal
	Ministry string
}

// owedRow is one assessment the viewer must act on.
type owedRow struct {
	ID           int64
	Proposal     string
	Organisation string
	State        schakel.AssessmentState
}

// ProposalList lists the proposals, newest first, filtered by ministry,
// assessing organisation, kind and state, a page at a time; GET
// /voorstellen. Proposals are public; a board member or minister also
// sees the assessments they owe.
func (h *Handler) ProposalList(w http.ResponseWriter, r *http.Request) error {
	if err := h.needAssessments(); err != nil {
		return err
	}
	pg := h.newPage(r, "Voorstellen en uitvoeringstoetsen")
	pg.Nav = "voorstellen"
	orgs, all, err := h.orgs(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	values := url.Values{}
	var f schakel.ProposalFilter
	for _, o := range all {
		if code := strings.TrimSpace(q.Get("ministerie")); code != "" && o.Code == code && o.Type == schakel.OrgMinistry {
			f.MinistryID = o.ID
			values.Set("ministerie", code)
		}
		if code := strings.TrimSpace(q.Get("organisatie")); code != "" && o.Code == code && o.Type.Executes() {
			f.OrganisationID = o.ID
			values.Set("organisatie", code)
		}
	}
	if k := schakel.ProposalKind(q.Get("soort")); k.Valid() {
		f.Kind = k
		values.Set("soort", string(k))
	}
	if s := schakel.ProposalState(q.Get("toestand")); s.Valid() {
		f.State = s
		values.Set("toestand", string(s))
	}
	num := pageNumber(q)
	f.Offset, f.Limit = (num-1)*proposalsPerPage, proposalsPerPage
	ps, total, err := h.Assessments.List(r.Context(), f)
	if err != nil {
		return err
	}
	d := proposalListData{Total: total, Page: num, Pages: max(1, (total+proposalsPerPage-1)/proposalsPerPage), Filtered: len(values) > 0,
		CanRegister: len(authz.Organisations(pg.User, authz.ManageProposals)) > 0}
	for _, p := range ps {
		d.Rows = append(d.Rows, proposalRow{P: p, Ministry: orgs.Name(p.MinistryID)})
	}
	if d.Owed, err = h.owed(r, pg.User, orgs); err != nil {
		return err
	}
	d.PrevURL, d.NextURL = pageLinks("/voorstellen", values, num, d.Pages)
	pg.Form = proposalListForm(pg, all, values)
	pg.Data = d
	h.render(w, r, http.StatusOK, "proposal_list", pg)
	return nil
}

// owed returns the assessments u must act on: those u's organisation owes
// as its board, those u must answer as minister.
func (h *Handler) owed(r *http.Request, u *schakel.User, orgs orgIndex) ([]owedRow, error) {
	if u == nil || (len(authz.Organisations(u, authz.AssessProposal)) == 0 && len(authz.Organisations(u, authz.AnswerAssessment)) == 0) {
		return nil, nil
	}
	f := schakel.ProposalFilter{State: schakel.ProposalAssessing, Limit: maxOwed}
	ps, _, err := h.Assessments.List(r.Context(), f)
	if err != nil {
		return nil, err
	}
	titles := make(map[int64]string, len(ps))
	for _, p := range ps {
		titles[p.ID] = p.Title
	}
	as, err := h.Assessments.Inbox(r.Context(), u, f)
	if err != nil {
		return nil, err
	}
	out := make([]owedRow, 0, len(as))
	for _, a := range as {
		out = append(out, owedRow{ID: a.ID, Proposal: titles[a.ProposalID], Organisation: orgs.Name(a.OrganisationID), State: a.State})
	}
	return out, nil
}

// proposalListForm is the filter form of the list.
func proposalListForm(pg *page, all []*schakel.Organisation, values url.Values) *form {
	f := newForm(pg.translator, proposalListFields, values)
	ministries := []option{{Value: "", Label: pg.T("Alle ministeries")}}
	executing := []option{{Value: "", Label: pg.T("Alle organisaties")}}
	for _, o := range all {
		switch {
		case o.Type == schakel.OrgMinistry:
			ministries = append(ministries, option{Value: o.Code, Label: o.Name})
		case o.Type.Executes():
			executing = append(executing, option{Value: o.Code, Label: o.Name})
		}
	}
	f.SetOptions("ministerie", ministries)
	f.SetOptions("organisatie", executing)
	f.SetOptions("soort", kindOptions(pg, pg.T("Alle soorten")))
	states := []option{{Value: "", Label: pg.T("Alle toestanden")}}
	for _, s := range schakel.ProposalStates {
		states = append(states, option{Value: string(s), Label: pg.ProposalState(s)})
	}
	f.SetOptions("toestand", states)
	return f
}

// kindOptions are the kinds of proposal, after a first empty option
// labelled none.
func kindOptions(pg *page, none string) []option {
	opts := []option{{Value: "", Label: none}}
	for _, k := range schakel.ProposalKinds {
		opts = append(opts, option{Value: string(k), Label: pg.ProposalKind(k)})
	}
	return opts
}

// proposalFields are the fields of the register form.
func proposalFields(pg *page) []fieldSpec {
	specs := []fieldSpec{
		{Name: "ministerie", Label: "Ministerie", Description: "Het ministerie dat het voorstel doet.", Kind: kindSelect, Required: true},
		{Name: "soort", Label: "Soort voorstel", Description: "Een amendement of motie wordt binnen 5 werkdagen getoetst, de andere soorten binnen 8 weken.", Kind: kindSelect, Required: true},
		{Name: "titel", Label: "Titel", Description: "De titel van het voorstel, in één regel.", Required: true, Spellcheck: true},
		{Name: "samenvatting", Label: "Samenvatting", Description: "Wat verandert er, en waarom? Schrijf het zo dat de uitvoering en het parlement het snel begrijpen.", Kind: kindTextarea, Required: true, Spellcheck: true},
		{Name: "opgave", Label: "Maatschappelijke opgave", Description: "Welk probleem in de samenleving lost het voorstel op? Bijvoorbeeld: minder schulden door terugvorderingen.", Required: true, Spellcheck: true},
	}
	specs = append(specs, rowSpecs(pg, "regels", "Regels die het voorstel wijzigt", "Regel %d", "Een wetsartikel, zoals Wet WIA artikel 76 of een link naar wetten.overheid.nl, of een beleidsregel, zoals beleidsregel:uwv/BR-2024-12.", maxProposalRules, true)...)
	return append(specs,
		fieldSpec{Name: "inwerkingtreding", Label: "Geplande inwerkingtreding", Description: "De datum waarop het voorstel in werking moet treden.", Kind: kindDate, Required: true, Autocomplete: "off"},
		fieldSpec{Name: "tekst", Label: "Tekst van het voorstel", Description: "Plak hier de tekst, of geef hieronder het adres waar die staat. Eén van beide is nodig.", Kind: kindTextarea, Spellcheck: true},
		fieldSpec{Name: "tekstUrl", Label: "Adres van de tekst", Description: "Een https-adres, zoals de pagina van de internetconsultatie.", Autocomplete: "url"},
	)
}

// newProposalData is the Data of the register form.
type newProposalData struct {
	Rules rowGroup
}

// NewProposalForm shows the register form to a policy officer of a
// ministry; GET /voorstellen/nieuw.
func (h *Handler) NewProposalForm(w http.ResponseWriter, r *http.Request) error {
	if err := h.needAssessments(); err != nil {
		return err
	}
	return h.renderNewProposal(w, r, http.StatusOK, nil, nil)
}

// readProposalForm reads the register form. A date that is no date is a
// problem of the input, so the service names it with everything else.
func readProposalForm(f url.Values) (assessments.RegisterInput, []int) {
	in := assessments.RegisterInput{
		Ministry: strings.TrimSpace(f.Get("ministerie")),
		Kind:     schakel.ProposalKind(strings.TrimSpace(f.Get("soort"))),
		Title:    f.Get("titel"),
		Summary:  f.Get("samenvatting"),
		Task:     f.Get("opgave"),
		Text:     f.Get("tekst"),
		TextURL:  f.Get("tekstUrl"),
	}
	var rows []int
	in.Rules, rows = readRows(f, "regels", maxProposalRules)
	var v schakel.Validation
	in.PlannedEntry = readDate(&v, "inwerkingtreding", f.Get("inwerkingtreding"))
	in.Problems = v.Fields()
	return in, rows
}

// readDate reads an optional date YYYY-MM-DD, naming a malformed one in v.
func readDate(v *schakel.Validation, field, raw string) calendar.Date {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return calendar.Date{}
	}
	d, err := calendar.ParseDate(raw)
	addCalendarError(v, field, err)
	return d
}

// RegisterProposal registers a proposal and goes to its page; POST
// /voorstellen.
func (h *Handler) RegisterProposal(w http.ResponseWriter, r *http.Request) error {
	if err := h.needAssessments(); err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	u := auth.UserFrom(r.Context())
	if u == nil {
		return schakel.Errorf(schakel.EUNAUTHORIZED, "Log in om een voorstel te registreren.")
	}
	if addingRow(r.PostForm) {
		return h.renderNewProposal(w, r, http.StatusOK, r.PostForm, nil)
	}
	in, rows := readProposalForm(r.PostForm)
	p, err := h.Assessments.Register(r.Context(), u, in)
	switch schakel.ErrorCode(err) {
	case "":
		http.Redirect(w, r, proposalPath(p.ID)+"?gedaan=geregistreerd", http.StatusSeeOther)
		return nil
	case schakel.EINVALID:
		return h.renderNewProposal(w, r, http.StatusBadRequest, r.PostForm, remapRows(err, "regels", rows))
	case schakel.EFORBIDDEN:
		// The form offers only the user's own ministries; a forged choice
		// is an error at that field.
		var v schakel.Validation
		v.Add("ministerie", "not_allowed", "U kunt voor dit ministerie geen voorstel registreren.")
		return h.renderNewProposal(w, r, http.StatusForbidden, r.PostForm, v.Err())
	}
	return err
}

// renderNewProposal renders the register form with the values entered
// and the errors of a failed attempt.
func (h *Handler) renderNewProposal(w http.ResponseWriter, r *http.Request, status int, values url.Values, formErr error) error {
	pg := h.newPage(r, "Nieuw voorstel")
	pg.Nav = "voorstellen"
	if pg.User == nil {
		return schakel.Errorf(schakel.EUNAUTHORIZED, "Log in om een voorstel te registreren.")
	}
	ministries, err := h.orgsWhere(r, pg.User, authz.ManageProposals)
	if err != nil {
		return err
	}
	if len(ministries) == 0 {
		return schakel.Errorf(schakel.EFORBIDDEN, "U heeft geen rol die dit mag.")
	}
	if values == nil && len(ministries) == 1 {
		values = url.Values{"ministerie": {ministries[0].Code}}
	}
	f := newForm(pg.translator, proposalFields(pg), values)
	opts := []option{{Value: "", Label: pg.T("Kies een ministerie")}}
	for _, o := range ministries {
		opts = append(opts, option{Value: o.Code, Label: o.Name})
	}
	f.SetOptions("ministerie", opts)
	f.SetOptions("soort", kindOptions(pg, pg.T("Kies een soort")))
	if formErr != nil && !f.AddFieldErrors(formErr, "titel") {
		f.AddError("titel", pg.ErrorMessage(formErr))
	}
	pg.Form = f
	pg.Data = newProposalData{Rules: rowGroup{Field: f.Field("regels"), Legend: pg.T("Regels die het voorstel wijzigt"),
		Description: pg.T("De wetsartikelen of beleidsregels die veranderen, één per regel. Organisaties zien dan welke signalen er al over deze regels zijn."),
		Form:        f}.growing(pg, "/voorstellen", "Nog een regel toevoegen", maxProposalRules)}
	h.render(w, r, status, "proposal_new", pg)
	return nil
}
