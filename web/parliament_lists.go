package web

import (
	"bytes"
	"cmp"
	"html/template"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/figures"
	"github.com/schakel-nl/schakel/ruleref"
)

// requestItemRow is a request behind a figure, in words.
type requestItemRow struct {
	ID                      int64
	Type, Organisation, To  string
	State, StateClass       string
	Answer                  string
	Created, Deadline       time.Time
	Overdue, Missed, Raised bool
	// Link is the request's public page, when it has one (a brake's entry in
	// the register).
	Link string
}

// openItems turns the view's open requests into items.
func openItems(open []figures.OpenRequest) []figures.Item {
	out := make([]figures.Item, 0, len(open))
	for _, o := range open {
		out = append(out, figures.Item{ID: o.ID, Type: o.Type, Organisation: o.Organisation, Addressee: o.Addressee,
			State: schakel.StateOpen, CreatedAt: o.CreatedAt, Deadline: o.Deadline, Overdue: o.Overdue, Escalated: o.Escalated})
	}
	return out
}

// itemRows puts items into words with the view's directory.
func itemRows(pg *page, v *figures.View, items []figures.Item) []requestItemRow {
	out := make([]requestItemRow, 0, len(items))
	for _, it := range items {
		row := requestItemRow{ID: it.ID, Type: pg.RequestType(it.Type), Organisation: orgName(v.Directory, it.Organisation),
			To:      pg.T("%s, %s", orgName(v.Directory, it.Addressee.OrganisationID), pg.Role(it.Addressee.Role)),
			Created: it.CreatedAt, Deadline: it.Deadline, Overdue: it.Overdue, Missed: it.Missed, Raised: it.Escalated}
		if it.State != "" {
			row.State, row.StateClass = pg.State(it.State), pg.StateClass(it.State)
		}
		if it.Answer != "" {
			row.Answer = pg.Answer(it.Answer)
		}
		switch it.Type {
		case schakel.TypeProfessionalBrake, schakel.TypeOrganisationBrake:
			row.Link = "/noodremmen/" + strconv.FormatInt(it.ID, 10)
		}
		out = append(out, row)
	}
	return out
}

// orgName is an organisation's name, or a dash.
func orgName(d figures.Directory, id int64) string {
	if o := d[id]; o != nil {
		return o.Name
	}
	return "–"
}

// sortedOrgs returns the directory's organisations by name.
func sortedOrgs(d figures.Directory) []*schakel.Organisation {
	out := make([]*schakel.Organisation, 0, len(d))
	for _, o := range d {
		out = append(out, o)
	}
	slices.SortFunc(out, func(a, b *schakel.Organisation) int {
		return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
	})
	return out
}

// returnedRow is a returned assignment in words.
type returnedRow struct {
	ID                 int64
	From, To           string
	Principles         []groundView
	At, Due            time.Time
	State, StateClass  string
	Open, Overdue, Mis bool
	Answers            []returnedAnswer
}

// returnedAnswer is the ministry's answer to a returned assignment.
type returnedAnswer struct {
	By, Kind, Changes, ByWhen string
	At                        time.Time
	Late                      bool
	Reasons                   []detail
}

func returnedRows(pg *page, v *figures.View, principleName func(string) string) []returnedRow {
	out := make([]returnedRow, 0, len(v.Returned))
	for _, r := range v.Returned {
		row := returnedRow{ID: r.ID, From: orgName(v.Directory, r.Organisation), To: orgName(v.Directory, r.Ministry), At: r.At, Due: r.Due,
			State: pg.State(r.State), StateClass: pg.StateClass(r.State), Open: r.Open, Overdue: r.Overdue, Mis: r.Missed}
		for _, p := range r.Principles {
			row.Principles = append(row.Principles, groundView{Code: p, Name: principleName(p)})
		}
		for _, a := range r.Answers {
			ans := returnedAnswer{By: pg.T("%s, %s", row.To, pg.Role(a.Role)), Kind: pg.Answer(a.Kind), Changes: a.Changes, At: a.At, Late: a.Late}
			if a.ByWhen != nil {
				ans.ByWhen = pg.LongDate(*a.ByWhen)
			}
			codes := make([]string, 0, len(a.Motivations))
			for code := range a.Motivations {
				codes = append(codes, code)
			}
			slices.Sort(codes)
			for _, code := range codes {
				ans.Reasons = append(ans.Reasons, detail{Label: principleName(code), Text: a.Motivations[code], Long: true})
			}
			row.Answers = append(row.Answers, ans)
		}
		out = append(out, row)
	}
	return out
}

// knelpuntLawRow is a law's knelpunten in words.
type knelpuntLawRow struct {
	Law, Link, Citizens, CostOnce, CostYearly string
	Knelpunten, Organisations                 int
}

func knelpuntLawRows(pg *page, laws []figures.LawFigure) []knelpuntLawRow {
	out := make([]knelpuntLawRow, 0, len(laws))
	for _, l := range laws {
		out = append(out, knelpuntLawRow{Law: ruleref.LawName(l.Law), Link: "/wetten/" + l.Law, Knelpunten: l.Knelpunten, Organisations: l.Organisations,
			Citizens: pg.CitizenRange(schakel.Estimate{Low: l.CitizensLow, High: l.CitizensHigh}),
			CostOnce: pg.Euros(l.CostOnceCents), CostYearly: pg.Euros(l.CostYearlyCents)})
	}
	return out
}

// parlProposalRow is a proposal with its assessments in words.
type parlProposalRow struct {
	ID                         int64
	Title, Ministry, Kind      string
	State, StateClass          string
	Registered, Signed         time.Time
	Assessments                []string
	Delivered, Answered, Asked int
}

func parlProposalRows(pg *page, v *figures.View) []parlProposalRow {
	out := make([]parlProposalRow, 0, len(v.Proposals))
	for _, p := range v.Proposals {
		row := parlProposalRow{ID: p.ID, Title: p.Title, Ministry: orgName(v.Directory, p.Ministry), Kind: pg.ProposalKind(p.Kind),
			State: pg.ProposalState(p.State), StateClass: pg.ProposalStateClass(p.State), Registered: p.CreatedAt, Signed: p.Signed, Asked: len(p.Assessments)}
		for _, a := range p.Assessments {
			text := orgName(v.Directory, a.Organisation) + ": " + pg.AssessmentState(a.State)
			if a.Verdict != "" {
				text += " (" + pg.Verdict(a.Verdict) + ")"
			}
			row.Assessments = append(row.Assessments, text)
			if !a.DeliveredAt.IsZero() {
				row.Delivered++
			}
			if !a.AnsweredAt.IsZero() {
				row.Answered++
			}
		}
		out = append(out, row)
	}
	return out
}

// parliamentCharts draws the view's charts: comply per ministry, the
// median answer time per request type against its term, and the brakes per
// level. Each has a table with the same figures on the page.
func parliamentCharts(pg *page, v *figures.View, ministries []groupRow, terms []termRow) ([]template.HTML, error) {
	var comply []bar
	for _, m := range ministries {
		if m.F.Answered > 0 {
			comply = append(comply, bar{Label: pg.T("%s: %s pas toe (%d van %d)", m.Name, pg.Share(m.F.ComplyPercent()), m.F.Complied, m.F.Answered),
				Value: float64(m.F.ComplyPercent()), Max: 100})
		}
	}
	var times []bar
	for _, t := range terms {
		if t.Group.F.MedianDays >= 0 {
			times = append(times, bar{Label: pg.T("%s: mediaan %s, termijn %s", t.Group.Name, pg.Days(t.Group.F.MedianDays), t.Term),
				Value: float64(t.Group.F.MedianDays)})
		}
	}
	tot := v.Total.Figures
	brakes := []bar{
		{Label: pg.T("Burgers: %s", pg.CitizenBrakes(tot.CitizenBrakes)), Value: float64(tot.CitizenBrakes.N)},
		{Label: pg.T("Professionals: %d", tot.ProfessionalBrakes), Value: float64(tot.ProfessionalBrakes)},
		{Label: pg.T("Organisaties: %d", tot.OrganisationBrakes), Value: float64(tot.OrganisationBrakes)},
	}
	var out []template.HTML
	for _, c := range []struct {
		id, title, desc string
		bars            []bar
	}{
		{"grafiek-pas-toe", pg.T("Pas toe per ministerie"), pg.T("Het deel van de beantwoorde verzoeken waarin is toegepast wat werd gevraagd. Een volle balk is 100 procent."), comply},
		{"grafiek-antwoordtijd", pg.T("Antwoordtijd per soort verzoek"), pg.T("De mediaan van het aantal dagen tot het eerste antwoord, naast de wettelijke termijn."), times},
		{"grafiek-noodremmen", pg.T("Noodremmen per niveau"), pg.T("Hoeveel noodremmen er zijn getrokken, per niveau."), brakes},
	} {
		if len(c.bars) == 0 {
			continue
		}
		h, err := bars(pg, c.id, c.title, c.desc, c.bars)
		if err != nil {
			return nil, err
		}
		out = append(out, h)
	}
	return out, nil
}

// bar is one bar of a chart: its text and its value, against Max (0: the
// largest value of the chart).
type bar struct {
	Label      string
	Value, Max float64
}

// bars draws a bar chart with the chart template of the law pages
// (decision 0018).
func bars(pg *page, id, title, description string, bs []bar) (template.HTML, error) {
	c := chart{ID: id, Title: title, Description: pg.T("%s De cijfers staan ook in de tabel hieronder.", description)}
	most := 1.0
	for _, b := range bs {
		most = max(most, b.Value, b.Max)
	}
	for i, b := range bs {
		pct := b.Value / most * 100
		if b.Value > 0 {
			pct = max(pct, 1)
		}
		c.Bars = append(c.Bars, chartBar{Text: b.Label, TextY: i*chartRow + 17, BarY: i*chartRow + 24, Width: strconv.FormatFloat(pct, 'f', 1, 64)})
	}
	c.Height = len(bs)*chartRow + 4
	var buf bytes.Buffer
	if err := chartTemplate.Execute(&buf, c); err != nil {
		return "", err
	}
	return template.HTML(buf.String()), nil
}

// itemsData is the Data of /parlement/verzoeken.
type itemsData struct {
	Invalid          bool
	Which            string
	Rows             []requestItemRow
	Total, Page      int
	Pages            int
	PrevURL, NextURL string
	Back             string
}

// itemsPerPage is the page size of the requests behind a figure.
const itemsPerPage = 50

// ParliamentItems lists the requests behind a figure of the parliament
// view: who owed an answer, by when, and what came of it; GET
// /parlement/verzoeken. Citizens' own requests are counted in the figures
// but never listed. It is public.
func (h *Handler) ParliamentItems(w http.ResponseWriter, r *http.Request) error {
	if h.Figures == nil {
		return errNoPage
	}
	pg := h.newPage(r, "Verzoeken achter een cijfer")
	pg.Nav = "parlement"
	q := r.URL.Query()
	values, f := parliamentQuery(q)
	which := q.Get("cijfer")
	if which == "" {
		which = string(figures.WhichAll)
	}
	values.Set("cijfer", which)
	page := pageNumber(q)
	items, total, v, err := h.Figures.Items(r.Context(), figures.ItemFilter{Filter: f, Which: figures.Which(which),
		Type: schakel.RequestType(q.Get("type")), Offset: (page - 1) * itemsPerPage, Limit: itemsPerPage})
	if schakel.ErrorCode(err) == schakel.EINVALID {
		pg.Form = newForm(pg.translator, parliamentFields, values)
		pg.Form.AddFieldErrors(err, "vanaf")
		pg.Data = itemsData{Invalid: true, Back: "/parlement"}
		h.render(w, r, http.StatusBadRequest, "parliament_items", pg)
		return nil
	}
	if err != nil {
		return err
	}
	if t := q.Get("type"); t != "" {
		values.Set("type", t)
	}
	d := itemsData{Which: pg.Which(figures.Which(which)), Rows: itemRows(pg, v, items), Total: total, Page: page,
		Pages: max(1, (total+itemsPerPage-1)/itemsPerPage)}
	back := filterValues(q, parliamentFields)
	d.Back = "/parlement?" + back.Encode()
	d.PrevURL, d.NextURL = pageLinks("/parlement/verzoeken", values, page, d.Pages)
	pg.Data = d
	h.render(w, r, http.StatusOK, "parliament_items", pg)
	return nil
}

// Which names a figure whose requests are listed.
func (pg *page) Which(w figures.Which) string {
	switch w {
	case figures.WhichOpen:
		return pg.T("open verzoeken")
	case figures.WhichOverdue:
		return pg.T("verzoeken over hun termijn")
	case figures.WhichAnswered:
		return pg.T("beantwoorde verzoeken")
	case figures.WhichComplied:
		return pg.T("verzoeken met pas toe")
	case figures.WhichExplained:
		return pg.T("verzoeken met leg uit")
	case figures.WhichPartial:
		return pg.T("verzoeken met deels")
	case figures.WhichMissed:
		return pg.T("verzoeken met een gemiste termijn")
	case figures.WhichEscalated:
		return pg.T("geëscaleerde verzoeken")
	}
	return pg.T("alle verzoeken")
}
