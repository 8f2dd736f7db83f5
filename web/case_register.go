package web

import (
	"context"
	"net/http"
	"net/url"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/generalise"
	"github.com/schakel-nl/schakel/ruleref"
)

// The casusprudentie is public: it shows published cases only, and every
// text in them was redacted before publication.

// precedentFields are the search and filters of the register, a GET form,
// by the names of the API's query (cases.PrecedentFilter reads both).
var precedentFields = []fieldSpec{
	{Name: "q", Label: "Zoeken", Description: "Woorden uit de casus, zoals voorschot terugvordering.", Autocomplete: "off", Spellcheck: true},
	{Name: "regel", Label: "Regel", Description: "Een verwijzing naar een wetsartikel of beleidsregel, zoals Wet WIA artikel 76 of een link naar wetten.overheid.nl.", Autocomplete: "off"},
	{Name: "beginsel", Label: "Beginsel", Kind: kindSelect},
	{Name: "uitkomst", Label: "Uitkomst", Kind: kindSelect},
	{Name: "organisatie", Label: "Organisatie", Kind: kindSelect},
	{Name: "vanaf", Label: "Besloten vanaf", Kind: kindDate, Autocomplete: "off"},
	{Name: "tot", Label: "Besloten tot en met", Kind: kindDate, Autocomplete: "off"},
}

// precedentsPerPage is the page size of the register.
const precedentsPerPage = 20

// precedentRegisterData is the Data of the register.
type precedentRegisterData struct {
	Rows     []precedentRow
	Total    int
	Page     int
	Pages    int
	PrevURL  string
	NextURL  string
	Filtered bool
	Invalid  bool
	// More is set when the search found more cases than it counts
	// (schakel.MaxPrecedentTotal): Total is then that limit.
	More bool
	// Changes are the latest corrections and withdrawals.
	Changes []changeView
}

// precedentRow is one published case in the results.
type precedentRow struct {
	ID           int64
	Title        string
	Organisation string
	Outcome      schakel.Outcome
	At           time.Time
	Principles   []principleView
	Snippet      string
}

// PrecedentRegister searches the published cases: full text, rule,
// principle, outcome, organisation and day of decision, a page at a time;
// GET /casusprudentie. It is public.
func (h *Handler) PrecedentRegister(w http.ResponseWriter, r *http.Request) error {
	if err := h.needCases(); err != nil {
		return err
	}
	rv, err := h.openRegister(r, "Casusprudentie", "casusprudentie")
	if err != nil {
		return err
	}
	ctx, pg := r.Context(), rv.pg
	q := precedentQueryOf(r.URL.Query())
	pg.Form = precedentRegisterForm(pg, q.Values, rv.all, rv.principles)
	flt, err := h.precedentFilter(ctx, q)
	switch {
	case schakel.ErrorCode(err) == schakel.EINVALID:
		return h.refuseFilter(w, r, rv, err, "q", "precedent_register", precedentRegisterData{Page: q.Page, Filtered: len(q.Values) > 0, Invalid: true})
	case err != nil:
		return err
	}
	res, total, err := h.Cases.Search(ctx, flt)
	if err != nil {
		return err
	}
	d := precedentRegisterDataOf(rv.orgs, rv.principleName, q, res, total)
	changes, _, err := h.Cases.Changes(ctx, schakel.PrecedentChangeFilter{Limit: 10})
	if err != nil {
		return err
	}
	for _, ch := range changes {
		if ch.Kind != schakel.PrecedentPublished {
			d.Changes = append(d.Changes, changeViews(pg, rv.orgs, []*schakel.PrecedentChange{ch})...)
		}
	}
	pg.Data = d
	h.render(w, r, http.StatusOK, "precedent_register", pg)
	return nil
}

// precedentQuery is a search of the casusprudentie.
type precedentQuery struct {
	Values url.Values // the search and filters given, for the service, the form and the links
	Page   int
}

// precedentQueryOf reads the query q of the register: the search and the
// filters given (see filterValues) and the page.
func precedentQueryOf(q url.Values) precedentQuery {
	return precedentQuery{Values: filterValues(q, precedentFields), Page: pageNumber(q)}
}

// precedentFilter reads the search and filters of q by
// cases.PrecedentFilter, the one parser of the register's query, and adds
// the page's own checks: that the rule is a reference it can read, and that
// the days do not end before they start. It returns EINVALID naming every
// invalid field, or another error of the service.
func (h *Handler) precedentFilter(ctx context.Context, q precedentQuery) (schakel.PrecedentFilter, error) {
	f, err := h.Cases.PrecedentFilter(ctx, q.Values)
	var v schakel.Validation
	if err := v.Merge("", err); err != nil {
		return f, err
	}
	if s := q.Values.Get("regel"); s != "" {
		checkRuleFilter(&v, s)
	}
	// To is the start of the day after "tot".
	if !f.From.IsZero() && !f.To.IsZero() && !f.To.After(f.From) {
		addDayOrderError(&v)
	}
	f.Offset, f.Limit = (q.Page-1)*precedentsPerPage, precedentsPerPage
	return f, v.Err()
}

// checkRuleFilter adds to v the errors of a rule s of the filter ?regel=
// that is no reference ruleref can read.
func checkRuleFilter(v *schakel.Validation, s string) {
	_, err := ruleref.Parse(s)
	if err == nil {
		return
	}
	for _, fe := range schakel.ErrorFields(err) {
		v.Add("regel", fe.Code, fe.Format, fe.Args...)
	}
	if len(schakel.ErrorFields(err)) == 0 {
		v.Add("regel", "format", "Deze verwijzing kunnen we niet lezen.")
	}
}

// precedentRegisterForm is the form of the register's search and filters
// with values.
func precedentRegisterForm(pg *page, values url.Values, all []*schakel.Organisation, ps []*schakel.Principle) *form {
	f := newForm(pg.translator, precedentFields, values)
	pOpts := []option{{Value: "", Label: pg.T("Alle beginselen")}}
	for _, p := range ps {
		pOpts = append(pOpts, option{Value: p.Code, Label: pg.PrincipleName(p)})
	}
	f.SetOptions("beginsel", pOpts)
	oOpts := []option{{Value: "", Label: pg.T("Alle uitkomsten")}}
	for _, o := range schakel.Outcomes {
		oOpts = append(oOpts, option{Value: string(o), Label: pg.Outcome(o)})
	}
	f.SetOptions("uitkomst", oOpts)
	orgOpts := []option{{Value: "", Label: pg.T("Alle organisaties")}}
	for _, o := range all {
		if o.Type.Executes() {
			orgOpts = append(orgOpts, option{Value: o.Code, Label: o.Name})
		}
	}
	f.SetOptions("organisatie", orgOpts)
	return f
}

// precedentRegisterDataOf puts a page of results into words: res are the
// published cases the query q found on its page, of total.
func precedentRegisterDataOf(orgs orgIndex, principleName func(string) string, q precedentQuery, res []*schakel.Precedent, total int) precedentRegisterData {
	d := precedentRegisterData{Page: q.Page, Filtered: len(q.Values) > 0, Total: total, Pages: max(1, (total+precedentsPerPage-1)/precedentsPerPage)}
	if total > schakel.MaxPrecedentTotal {
		// Counted no further: every full page may have a next one.
		d.More, d.Total = true, schakel.MaxPrecedentTotal
		if len(res) == precedentsPerPage {
			d.Pages = max(d.Pages, q.Page+1)
		}
	}
	for _, p := range res {
		d.Rows = append(d.Rows, precedentRow{ID: p.CaseID, Title: p.Title, Organisation: orgs.Name(p.OrganisationID), Outcome: p.Outcome,
			At: p.DecidedAt, Principles: principleViews(principleName, p.Principles), Snippet: snippet(p.Summary, 240)})
	}
	d.PrevURL, d.NextURL = pageLinks("/casusprudentie", q.Values, q.Page, d.Pages)
	return d
}

// precedentView is a published case (or the proposal of one) in words.
type precedentView struct {
	ID           int64
	Title        string
	Organisation string
	Outcome      schakel.Outcome
	LegalGround  string
	Summary      string
	Intent       string
	Harm         string
	Weighings    []weighingView
	Principles   []principleView
	// Cost is the band the cost of the fix falls in: the exact amount
	// could single someone out, the band is what the decision needs.
	Cost        string
	Explanation string
	Rules       []ruleView
	DecidedAt   time.Time
	PublishedAt time.Time // zero in a proposal
	CorrectedAt time.Time // zero when never corrected
}

func newPrecedentView(pg *page, orgs orgIndex, principleName func(string) string, p *schakel.Precedent) precedentView {
	return precedentView{ID: p.CaseID, Title: p.Title, Organisation: orgs.Name(p.OrganisationID), Outcome: p.Outcome, LegalGround: p.LegalGround,
		Summary: p.Summary, Intent: p.Intent, Harm: p.Harm, Weighings: weighingViews(principleName, p.Weighings),
		Principles: principleViews(principleName, p.Principles), Cost: generalise.BandText(p.CostCents, pg.Lang()), Explanation: p.Explanation,
		Rules: caseRuleViews(pg, p.RuleRefs), DecidedAt: p.DecidedAt, PublishedAt: p.PublishedAt, CorrectedAt: p.CorrectedAt}
}

// PrecedentPage shows one published case; GET /casusprudentie/{id}. It is
// public.
func (h *Handler) PrecedentPage(w http.ResponseWriter, r *http.Request) error {
	if err := h.needCases(); err != nil {
		return err
	}
	id, ok := caseID(r)
	if !ok {
		return errNoPage
	}
	ctx := r.Context()
	pub, err := h.Cases.Publication(ctx, id)
	if err != nil {
		return err
	}
	pg := h.newPage(r, "Casusprudentie")
	pg.Nav = "casusprudentie"
	orgs, _, err := h.orgs(r)
	if err != nil {
		return err
	}
	d := precedentPageData{ID: id, Changes: changeViews(pg, orgs, pub.Changes)}
	if pub.Precedent == nil {
		pg.Title = pg.T("Casus %d: publicatie ingetrokken", id)
		d.Withdrawn = &d.Changes[0]
	} else {
		principleName, err := h.principleNames(ctx, pg)
		if err != nil {
			return err
		}
		v := newPrecedentView(pg, orgs, principleName, pub.Precedent)
		d.View, pg.Title = &v, v.Title
	}
	pg.Data = d
	h.render(w, r, http.StatusOK, "precedent", pg)
	return nil
}

// precedentPageData is the Data of a case's page in the register: its
// publication (nil once withdrawn) and its changes.
type precedentPageData struct {
	ID        int64
	View      *precedentView
	Withdrawn *changeView
	Changes   []changeView
}

// changeView is one change of the register, as pages show it.
type changeView struct {
	CaseID       int64
	Kind         string // translated
	Code         string // the kind's code, for CSS
	Organisation string
	At           time.Time
	Reason       string
	Digest       string
}

// changeNames name the changes of the register.
var changeNames = map[schakel.PrecedentChangeKind]string{
	schakel.PrecedentPublished: "gepubliceerd",
	schakel.PrecedentCorrected: "gecorrigeerd",
	schakel.PrecedentWithdrawn: "ingetrokken",
}

func changeViews(pg *page, orgs orgIndex, chs []*schakel.PrecedentChange) []changeView {
	var out []changeView
	for _, ch := range chs {
		out = append(out, changeView{CaseID: ch.CaseID, Kind: pg.T(changeNames[ch.Kind]), Code: string(ch.Kind), Organisation: orgs.Name(ch.OrganisationID),
			At: ch.At, Reason: ch.Reason, Digest: ch.Digest})
	}
	return out
}
