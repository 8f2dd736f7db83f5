package web

import (
	"html/template"
	"net/http"
	"net/url"
	"strconv"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/figures"
)

// parliamentFields are the filters of the parliament view, a GET form, by
// the names of the API's query.
var parliamentFields = []fieldSpec{
	{Name: "vanaf", Label: "Vanaf", Kind: kindDate, Autocomplete: "off"},
	{Name: "tot", Label: "Tot en met", Kind: kindDate, Autocomplete: "off"},
	{Name: "ministerie", Label: "Ministerie", Kind: kindSelect},
	{Name: "organisatie", Label: "Organisatie", Kind: kindSelect},
	{Name: "commissie", Label: "Vaste Kamercommissie", Kind: kindSelect},
	{Name: "opgave", Label: "Maatschappelijke opgave", Kind: kindSelect},
}

// parliamentData is the Data of /parlement.
type parliamentData struct {
	Invalid bool
	// Query is the filter as a query string, for the links behind figures.
	Query    string
	From, To calendar.Date
	Total    groupRow
	HeldBack int
	Tables   []groupTable
	Charts   []template.HTML
	Terms    []termRow
	Open     []requestItemRow
	OpenMore string // link to all open requests, when there are more
	OpenAll  int
	Returned []returnedRow
	RetAll   int
	Laws     []knelpuntLawRow
	LawsAll  int
	Proposal []parlProposalRow
	PropAll  int
}

// groupTable is one table of groups: per ministry, committee, organisation
// or task.
type groupTable struct {
	ID, Title, Caption string
	Rows               []groupRow
}

// groupRow is one group's figures in words, each with the link to the
// requests behind it.
type groupRow struct {
	Name, Link string
	F          figures.Figures
	Q          string // the query that narrows the view to this group
	// NoLink is set for a group the view cannot be narrowed to (no
	// ministry, committee or task recorded).
	NoLink bool
	// Brakes is the query of the brake register that holds the group's
	// brakes of a level ("" when the register cannot select them: it
	// selects by the organisation a brake was pulled at).
	Brakes func(level string) string
}

// BrakeLink is the link to the group's brakes of a level in the public
// register, or "".
func (g groupRow) BrakeLink(level string) string {
	if g.Brakes == nil {
		return ""
	}
	if q := g.Brakes(level); q != "" {
		return "/noodremmen?" + q
	}
	return ""
}

// BrakeCell is a count of the group's brakes of a level, linked to them in
// the register when it can select them.
func (g groupRow) BrakeCell(level string, n int) template.HTML {
	link := g.BrakeLink(level)
	if link == "" || n == 0 {
		return template.HTML(strconv.Itoa(n))
	}
	return template.HTML(`<a href="` + template.HTMLEscapeString(link) + `">` + strconv.Itoa(n) + `</a>`)
}

// brakeQuery returns, for the groups of a table, the register's query of
// their brakes: an organisation's brakes of citizens and professionals
// were pulled at it, a ministry's returned assignments at it.
func brakeQuery(from, to calendar.Date, param, key string) func(level string) string {
	return func(level string) string {
		switch {
		case key == "":
			return ""
		case param == "organisatie" && (level == string(schakel.LevelCitizen) || level == string(schakel.LevelProfessional)),
			param == "ministerie" && level == string(schakel.LevelOrganisation):
			return url.Values{"niveau": {level}, "organisatie": {key}, "vanaf": {from.String()}, "tot": {to.String()}}.Encode()
		case param == "":
			return url.Values{"niveau": {level}, "vanaf": {from.String()}, "tot": {to.String()}}.Encode()
		}
		return ""
	}
}

// termRow is one request type's answer times against its legal term.
type termRow struct {
	Type  schakel.RequestType
	Term  string
	Group groupRow
}

// parliamentQuery reads the view's filter from the query q
// (figures.FilterOf), with the values the form shows again.
func parliamentQuery(q url.Values) (url.Values, figures.Filter) {
	values := filterValues(q, parliamentFields)
	return values, figures.FilterOf(values)
}

// ParliamentView shows parliament the figures of the executive: per
// ministry, standing committee, organisation and societal task; answer
// times against the legal terms; open requests naming who owes the answer
// and by when; returned assignments with the ministry's answers, open ones
// too; knelpunten per law; proposals with their assessments. GET
// /parlement. It is public and names no person.
func (h *Handler) ParliamentView(w http.ResponseWriter, r *http.Request) error {
	if h.Figures == nil {
		return errNoPage
	}
	pg := h.newPage(r, "Cijfers voor het parlement")
	pg.Nav = "parlement"
	values, f := parliamentQuery(r.URL.Query())
	v, err := h.Figures.View(r.Context(), f)
	if schakel.ErrorCode(err) == schakel.EINVALID {
		all, _ := h.Figures.View(r.Context(), figures.Filter{})
		pg.Form = parliamentForm(pg, values, all)
		pg.Form.AddFieldErrors(err, "vanaf")
		pg.Data = parliamentData{Invalid: true}
		h.render(w, r, http.StatusBadRequest, "parliament", pg)
		return nil
	}
	if err != nil {
		return err
	}
	pg.Form = parliamentForm(pg, values, v)
	ps, err := h.Directory.Principles(r.Context(), schakel.PrincipleFilter{IncludeRetired: true})
	if err != nil {
		return err
	}
	d, err := parliamentDataOf(pg, v, values, principleNamesOf(pg, ps))
	if err != nil {
		return err
	}
	pg.Data = d
	h.render(w, r, http.StatusOK, "parliament", pg)
	return nil
}

// parliamentForm is the filter form with the choices the directory offers.
func parliamentForm(pg *page, values url.Values, v *figures.View) *form {
	f := newForm(pg.translator, parliamentFields, values)
	ministries := []option{{Value: "", Label: pg.T("Alle ministeries")}}
	orgs := []option{{Value: "", Label: pg.T("Alle organisaties")}}
	committees := []option{{Value: "", Label: pg.T("Alle commissies")}}
	tasks := []option{{Value: "", Label: pg.T("Alle opgaven")}}
	if v != nil {
		seen := map[string]bool{}
		for _, o := range sortedOrgs(v.Directory) {
			switch {
			case o.Type == schakel.OrgMinistry:
				ministries = append(ministries, option{Value: o.Code, Label: o.Name})
				if o.Committee != "" && !seen["c"+o.Committee] {
					seen["c"+o.Committee] = true
					committees = append(committees, option{Value: o.Committee, Label: o.Committee})
				}
			case o.Type.Executes():
				orgs = append(orgs, option{Value: o.Code, Label: o.Name})
				if o.Task != "" && !seen["t"+o.Task] {
					seen["t"+o.Task] = true
					tasks = append(tasks, option{Value: o.Task, Label: o.Task})
				}
			}
		}
	}
	f.SetOptions("ministerie", ministries)
	f.SetOptions("organisatie", orgs)
	f.SetOptions("commissie", committees)
	f.SetOptions("opgave", tasks)
	return f
}

// parliamentDataOf puts a view into words, tables and charts.
func parliamentDataOf(pg *page, v *figures.View, values url.Values, principleName func(string) string) (parliamentData, error) {
	d := parliamentData{Query: values.Encode(), From: v.From, To: v.To, HeldBack: v.HeldBack,
		OpenAll: v.OpenTotal, RetAll: v.ReturnedTotal, LawsAll: v.LawsTotal, PropAll: v.ProposalsTotal}
	d.Total = groupRow{Name: pg.T("Alle verzoeken"), F: v.Total.Figures, Q: d.Query, Brakes: brakeQuery(v.From, v.To, "", "all")}
	rows := func(gs []figures.Group, param, none string) []groupRow {
		out := make([]groupRow, 0, len(gs))
		for _, g := range gs {
			row := groupRow{Name: g.Name, F: g.Figures, Q: narrowed(values, param, g.Key), Brakes: brakeQuery(v.From, v.To, param, g.Key)}
			if g.Key == "" {
				row.Name, row.Q, row.NoLink = pg.T(none), "", true
			}
			out = append(out, row)
		}
		return out
	}
	d.Tables = []groupTable{
		{ID: "per-ministerie", Title: pg.T("Per ministerie"), Rows: rows(v.Ministries, "ministerie", "Zonder ministerie")},
		{ID: "per-commissie", Title: pg.T("Per vaste Kamercommissie"), Rows: rows(v.Committees, "commissie", "Geen commissie vastgelegd")},
		{ID: "per-organisatie", Title: pg.T("Per uitvoeringsorganisatie"), Rows: rows(v.Organisations, "organisatie", "Zonder organisatie")},
		{ID: "per-opgave", Title: pg.T("Per maatschappelijke opgave"), Rows: rows(v.Tasks, "opgave", "Geen opgave vastgelegd")},
	}
	for _, tt := range v.Terms {
		row := termRow{Type: tt.Type, Term: pg.TermWords(tt.Term), Group: groupRow{Name: pg.RequestType(tt.Type), Q: narrowed(values, "type", string(tt.Type)),
			NoLink: !figures.Listed(tt.Type)}}
		for _, g := range v.Types {
			if g.Key == string(tt.Type) {
				row.Group.F = g.Figures
			}
		}
		if row.Group.F.Requests > 0 {
			d.Terms = append(d.Terms, row)
		}
	}
	charts, err := parliamentCharts(pg, v, d.Tables[0].Rows, d.Terms)
	if err != nil {
		return d, err
	}
	d.Charts = charts
	d.Open = itemRows(pg, v, openItems(v.Open))
	if v.OpenTotal > len(v.Open) {
		d.OpenMore = "/parlement/verzoeken?" + withWhich(values, figures.WhichOpen)
	}
	d.Returned = returnedRows(pg, v, principleName)
	d.Laws = knelpuntLawRows(pg, v.Laws)
	d.Proposal = parlProposalRows(pg, v)
	return d, nil
}

// narrowed returns the query of values with param set to value.
func narrowed(values url.Values, param, value string) string {
	q := url.Values{}
	for k, vs := range values {
		q[k] = vs
	}
	q.Set(param, value)
	return q.Encode()
}

// withWhich returns the query of values asking for the requests behind
// one figure.
func withWhich(values url.Values, w figures.Which) string {
	return narrowed(values, "cijfer", string(w))
}

// ItemsLink is the link to the requests behind figure w of a group whose
// view has query q.
func (g groupRow) ItemsLink(w string) string {
	if g.NoLink {
		return ""
	}
	return "/parlement/verzoeken?" + narrowedQuery(g.Q, "cijfer", w)
}

// Cell is figure n of the group linked to the requests behind it (figure
// w), or n alone when there are none or the group cannot be narrowed to.
func (g groupRow) Cell(w string, n int) template.HTML {
	link := g.ItemsLink(w)
	if link == "" || n == 0 {
		return template.HTML(strconv.Itoa(n))
	}
	return template.HTML(`<a href="` + template.HTMLEscapeString(link) + `">` + strconv.Itoa(n) + `</a>`)
}

// ViewLink is the link to the view narrowed to the group.
func (g groupRow) ViewLink() string {
	if g.NoLink {
		return ""
	}
	return "/parlement?" + g.Q
}

// narrowedQuery sets param to value in the encoded query q.
func narrowedQuery(q, param, value string) string {
	values, _ := url.ParseQuery(q)
	return narrowed(values, param, value)
}

// Days says a number of days, or a dash when there is none.
func (pg *page) Days(n int) string {
	if n < 0 {
		return "–"
	}
	if n == 1 {
		return pg.T("1 dag")
	}
	return pg.T("%d dagen", n)
}

// Share says a percentage, or a dash when there is none.
func (pg *page) Share(pct int) string {
	if pct < 0 {
		return "–"
	}
	return strconv.Itoa(pct) + "%"
}

// CitizenBrakes says a published count of citizens' brakes.
func (pg *page) CitizenBrakes(c figures.Count) string {
	// Held back at one organisation means 1 to 4; summed over several it
	// could be more, so the words say only that some were held back.
	switch {
	case c.Suppressed && c.N == 0:
		return pg.T("achtergehouden")
	case c.Suppressed:
		return pg.T("%d, en enkele achtergehouden", c.N)
	}
	return strconv.Itoa(c.N)
}

// MinCitizenBrakes is the number of citizens' brakes at an organisation
// from which the figures count them (figures.MinCitizenBrakes).
func (pg *page) MinCitizenBrakes() int {
	return figures.MinCitizenBrakes
}

// FiguresOn reports whether the parliament view is served.
func (pg *page) FiguresOn() bool { return pg.h.Figures != nil }
