package web

import (
	"html/template"
	"net/http"
	"regexp"
	"strings"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/ruleref"
)

// "Waar de wet het meest knelt": the public figures of the filed signals
// per law, per article of a law and per policy rule, as a bar chart drawn
// by the server (decision 0018) and as tables with the same figures.

// The number of figures the pages show, and the bars of their charts.
const (
	maxFigureRows = 100
	maxChartBars  = 10
)

// bwbID is the id of a law in the Basiswettenbestand.
var bwbID = regexp.MustCompile(`^BWBR[0-9]{7}$`)

// lawPath is the page of the figures of a law.
func lawPath(bwb string) string { return "/wetten/" + bwb }

// figureRow is one law, article or policy rule with its figures.
type figureRow struct {
	F     *schakel.RuleFigure
	Label string
	// URL is the row's own page: a law's figures on schakel, an article's
	// text on wetten.overheid.nl; Source is the law's text there.
	URL    string
	Source string
	// Lang is the language of Label when it is not the page's (a Dutch
	// citation on an English page).
	Lang         string
	Organisation string // the organisation of a policy rule
}

// lawsData is the Data of /wetten.
type lawsData struct {
	Chart      template.HTML
	Laws       []figureRow
	LawTotal   int
	Policies   []figureRow
	PolicyMore bool
}

// lawData is the Data of /wetten/{bwb}.
type lawData struct {
	Law        figureRow
	Chart      template.HTML
	Articles   []figureRow
	Knelpunten []letterKnelpunt
}

// LawFigures shows where the law hurts most: the laws with the most
// signals as a chart and a table, and the policy rules; GET /wetten. It is
// public and holds figures only.
func (h *Handler) LawFigures(w http.ResponseWriter, r *http.Request) error {
	if err := h.needSignals(); err != nil {
		return err
	}
	pg := h.newPage(r, "Waar de wet het meest knelt")
	pg.Nav = "wetten"
	ctx := r.Context()
	laws, total, err := h.Signals.Figures(ctx, schakel.FigureFilter{Level: schakel.FigureLaw, Limit: maxFigureRows})
	if err != nil {
		return err
	}
	policies, ptotal, err := h.Signals.Figures(ctx, schakel.FigureFilter{Level: schakel.FigurePolicy, Limit: maxFigureRows})
	if err != nil {
		return err
	}
	_, all, err := h.orgs(r)
	if err != nil {
		return err
	}
	byCode := map[string]string{}
	for _, o := range all {
		byCode[o.Code] = o.Name
	}
	d := lawsData{LawTotal: total, PolicyMore: ptotal > len(policies)}
	for _, f := range laws {
		d.Laws = append(d.Laws, lawRow(pg, f))
	}
	if d.Policies, err = h.policyRows(r, pg, policies, byCode); err != nil {
		return err
	}
	if len(d.Laws) > 0 {
		d.Chart, err = barChart(pg, "grafiek-wetten", pg.T("Signalen per wet"),
			pg.T("De %d wetten met de meeste signalen van professionals, de meeste eerst. Elke balk is zo lang als het aantal signalen.", min(len(d.Laws), maxChartBars)), d.Laws)
		if err != nil {
			return err
		}
	}
	pg.Data = d
	h.render(w, r, http.StatusOK, "laws", pg)
	return nil
}

// policyRows are the rows of the policy rules of figures, each named as
// its organisation registered it (the figures keep the reference in lower
// case) and linked to where it is published.
func (h *Handler) policyRows(r *http.Request, pg *page, figures []*schakel.RuleFigure, orgNames map[string]string) ([]figureRow, error) {
	registered := map[string]*schakel.PolicyRule{} // by organisation code and rule code, in lower case
	seen := map[string]bool{}
	for _, f := range figures {
		if seen[f.Law] || orgNames[f.Law] == "" {
			continue
		}
		seen[f.Law] = true
		rules, err := h.Signals.PolicyRules(r.Context(), f.Law)
		if err != nil {
			return nil, err
		}
		for _, rule := range rules {
			registered[strings.ToLower(f.Law+"/"+rule.Code)] = rule
		}
	}
	var out []figureRow
	for _, f := range figures {
		row := figureRow{F: f, Label: f.Ref, Organisation: orgNames[f.Law]}
		if ref, err := ruleref.Parse(f.Ref); err == nil {
			if rule := registered[strings.ToLower(ref.Organisation+"/"+ref.PolicyID)]; rule != nil {
				ref.PolicyID, ref.Title, row.URL = rule.Code, rule.Title, rule.URL
			}
			row.Label = ref.Label()
		}
		if pg.lang != langNL {
			row.Lang = langNL
		}
		out = append(out, row)
	}
	return out, nil
}

// lawRow is the row of a law: its BWB id, linking to its figures.
func lawRow(pg *page, f *schakel.RuleFigure) figureRow {
	row := figureRow{F: f, Label: f.Law, URL: lawPath(f.Law)}
	if ref, err := ruleref.Parse(f.Ref); err == nil {
		row.Label, row.Source = ref.WithTitle().Label(), ref.URL()
	}
	return row
}

// LawPage shows the figures of one law per article, each with a link to
// its text on wetten.overheid.nl, and the knelpunten about it that went to
// a ministry, with their answers; GET /wetten/{bwb}.
func (h *Handler) LawPage(w http.ResponseWriter, r *http.Request) error {
	if err := h.needSignals(); err != nil {
		return err
	}
	bwb := r.PathValue("bwb")
	if !bwbID.MatchString(bwb) {
		return errNoPage
	}
	pg := h.newPage(r, "Waar de wet knelt")
	pg.Nav = "wetten"
	ctx := r.Context()
	laws, _, err := h.Signals.Figures(ctx, schakel.FigureFilter{Key: "wet:" + bwb, Limit: 1})
	if err != nil {
		return err
	}
	if len(laws) == 0 {
		return errNoPage
	}
	d := lawData{Law: lawRow(pg, laws[0])}
	articles, _, err := h.Signals.Figures(ctx, schakel.FigureFilter{Level: schakel.FigureArticle, Law: bwb, Limit: maxFigureRows})
	if err != nil {
		return err
	}
	for _, f := range articles {
		row := figureRow{F: f, Label: f.Ref}
		if ref, err := ruleref.Parse(f.Ref); err == nil {
			row.Label, row.URL = ref.Location(), ref.URL()
		}
		if pg.lang != langNL {
			row.Lang = langNL
		}
		d.Articles = append(d.Articles, row)
	}
	if len(d.Articles) > 0 {
		d.Chart, err = barChart(pg, "grafiek-artikelen", pg.T("Signalen per artikel van %s", d.Law.Label),
			pg.T("De %d artikelen met de meeste signalen van professionals, de meeste eerst. Elke balk is zo lang als het aantal signalen.", min(len(d.Articles), maxChartBars)), d.Articles)
		if err != nil {
			return err
		}
	}
	ks, _, err := h.Signals.List(ctx, pg.User, schakel.KnelpuntFilter{Rule: "wet:" + bwb, Sent: true, Limit: maxFigureRows})
	if err != nil {
		return err
	}
	name, err := h.principleNames(ctx, pg)
	if err != nil {
		return err
	}
	for _, k := range ks {
		v, err := h.Signals.Get(ctx, pg.User, k.ID)
		if err != nil {
			return err
		}
		d.Knelpunten = append(d.Knelpunten, ministryAnswer(pg, v, name))
	}
	pg.Title = pg.T("Waar %s knelt", d.Law.Label)
	pg.Data = d
	h.render(w, r, http.StatusOK, "law", pg)
	return nil
}

// chart is a horizontal bar chart as inline SVG: a caption with its
// title and description, which name and describe the image for assistive
// technology (not a <figure>, whose default margins take a fifth of a
// phone's width), and per bar its label and value as text above a bar whose
// length is a share of the width, so it reads at any width without
// scripts or styles.
type chart struct {
	ID, Title, Description string
	Height                 int
	Bars                   []chartBar
}

// chartBar is one bar: its text, where it stands and how long it is (a
// percentage of the width).
type chartBar struct {
	Text        string
	TextY, BarY int
	Width       string
}

// chartRow is the height of a row of a chart, in pixels.
const chartRow = 46

var chartTemplate = template.Must(template.New("chart").Parse(`<div class="bar-chart" id="{{.ID}}">
<p class="bar-chart__caption"><strong id="{{.ID}}-titel">{{.Title}}</strong><br><span id="{{.ID}}-omschrijving">{{.Description}}</span></p>
<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{{.ID}}-titel" aria-describedby="{{.ID}}-omschrijving" width="100%" height="{{.Height}}" class="bar-chart__svg">
{{range .Bars}}<g class="bar-chart__bar"><text x="0" y="{{.TextY}}" font-size="15" fill="currentColor">{{.Text}}</text>
<rect x="0" y="{{.BarY}}" width="{{.Width}}%" height="14" fill="#01689b"></rect></g>
{{end}}</svg>
</div>`))

// barChart draws the signals of the first rows as a bar chart.
func barChart(pg *page, id, title, description string, rows []figureRow) (template.HTML, error) {
	rows = rows[:min(len(rows), maxChartBars)]
	bs := make([]bar, 0, len(rows))
	for _, r := range rows {
		bs = append(bs, bar{Label: r.Label + ": " + pg.SignalCount(int(r.F.Signals)), Value: float64(r.F.Signals)})
	}
	return bars(pg, id, title, description, bs)
}

// FigureCitizens says the citizens a figure counts, as a range.
func (pg *page) FigureCitizens(f *schakel.RuleFigure) string {
	return pg.CitizenRange(schakel.Estimate{Low: f.CitizensLow, High: f.CitizensHigh})
}
