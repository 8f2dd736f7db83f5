package api

import (
	"net/http"
	"slices"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/figures"
	"github.com/schakel-nl/schakel/respond"
)

// The parliament view as JSON (PRODUCT.md C8): the same figures as the
// page /parlement, for parliament's own tools, journalists and the open
// data. Public; names no person (decision 0024).

// Figures are the figures of one group of requests. A median, percentile
// or percentage is left out when nothing was answered.
type Figures struct {
	Requests      int  `json:"verzoeken"`
	Open          int  `json:"open"`
	Overdue       int  `json:"overTermijn"`
	Answered      int  `json:"beantwoord"`
	Complied      int  `json:"pasToe"`
	Explained     int  `json:"legUit"`
	Partial       int  `json:"deels"` // comply in part
	ComplyPercent *int `json:"pasToePercentage,omitempty"`
	OnTime        int  `json:"opTijd"`
	OnTimePercent *int `json:"opTijdPercentage,omitempty"`
	MedianDays    *int `json:"mediaanDagen,omitempty"`
	P90Days       *int `json:"percentiel90Dagen,omitempty"`
	Missed        int  `json:"termijnGemist"`
	Escalated     int  `json:"geescaleerd"`
	// CitizenBrakes counts the citizens' brakes; HeldBack says some were
	// held back (fewer than 5 at an organisation).
	CitizenBrakes      CitizenBrakes `json:"noodremmenBurgers"`
	ProfessionalBrakes int           `json:"noodremmenProfessionals"`
	OrganisationBrakes int           `json:"teruggegevenOpdrachten"`
}

// CitizenBrakes is a published count of citizens' brakes.
type CitizenBrakes struct {
	Count    int  `json:"aantal"`
	HeldBack bool `json:"achtergehouden"`
}

// FigureGroup is the figures of a ministry, committee, organisation, task
// or request type. Key is "" for requests without one.
type FigureGroup struct {
	Key     string  `json:"sleutel"`
	Name    string  `json:"naam"`
	Figures Figures `json:"cijfers"`
	// Term is a request type's legal answer term (ISO 8601), per type only.
	Term string `json:"wettelijkeTermijn,omitempty"`
}

// ParliamentItem is a request behind a figure: no texts.
type ParliamentItem struct {
	ID           int64  `json:"id"`
	Type         string `json:"type"`
	Organisation string `json:"organisatie,omitempty"`
	Addressee    string `json:"geadresseerde"`
	Role         string `json:"rol"`
	State        string `json:"status"`
	Answer       string `json:"antwoord,omitempty"`
	CreatedAt    string `json:"gedaanOp"`
	Deadline     string `json:"uiterlijk"`
	Overdue      bool   `json:"overTermijn"`
	Missed       bool   `json:"termijnGemist"`
	Escalated    bool   `json:"geescaleerd"`
}

// ParliamentView is the view of a period and selection.
type ParliamentView struct {
	From          string        `json:"vanaf"`
	To            string        `json:"tot"`
	AsOf          string        `json:"peilmoment"`
	Total         Figures       `json:"totaal"`
	Ministries    []FigureGroup `json:"perMinisterie"`
	Committees    []FigureGroup `json:"perCommissie"`
	Organisations []FigureGroup `json:"perOrganisatie"`
	Tasks         []FigureGroup `json:"perOpgave"`
	Types         []FigureGroup `json:"perSoort"`
	// OrganisationTypes are per organisation and type; Key is the code and
	// the type joined by "/" (the open data's deadline figures).
	OrganisationTypes []FigureGroup `json:"perOrganisatieEnSoort"`
	HeldBack          int           `json:"organisatiesAchtergehouden"`
	// Open are the first open requests, soonest deadline first; OpenTotal
	// counts them all (GET /api/v1/parlement/verzoeken pages through them).
	Open      []ParliamentItem `json:"openVerzoeken"`
	OpenTotal int              `json:"openVerzoekenTotaal"`
}

// ParliamentItemPage is a page of the requests behind a figure.
type ParliamentItemPage struct {
	Results  []ParliamentItem `json:"resultaten"`
	Total    int              `json:"totaal"`
	Page     int              `json:"pagina"`
	PageSize int              `json:"paginaGrootte"`
}

// parliamentFilter reads the view's filter from q, which parseQuery
// checked: figures.FilterOf of the parameters given once.
func parliamentFilter(q query) figures.Filter { return figures.FilterOf(q.single()) }

// GetParliamentView serves GET /api/v1/parlement: the figures of the
// requests made in a period (default the twelve months up to today) per
// ministry, committee, organisation, task and request type, and the first
// open requests.
func (h *Handler) GetParliamentView(w http.ResponseWriter, r *http.Request) error {
	var v schakel.Validation
	q := parseQuery(r, &v, figures.QueryNames...)
	f := parliamentFilter(q)
	f.Problems = append(v.Fields(), f.Problems...)
	view, err := h.Figures.View(r.Context(), f)
	if err != nil {
		return err
	}
	out := ParliamentView{From: view.From.String(), To: view.To.String(), AsOf: timestamp(view.Now), Total: figuresOf(view.Total.Figures),
		Ministries: groupsOf(view.Ministries), Committees: groupsOf(view.Committees), Organisations: groupsOf(view.Organisations),
		Tasks: groupsOf(view.Tasks), Types: groupsOf(view.Types), OrganisationTypes: groupsOf(view.OrganisationTypes), HeldBack: view.HeldBack, OpenTotal: view.OpenTotal, Open: []ParliamentItem{}}
	for i, g := range out.Types {
		for _, t := range view.Terms {
			if string(t.Type) == g.Key {
				out.Types[i].Term, _ = t.Term.ISO()
			}
		}
	}
	for _, o := range view.Open {
		out.Open = append(out.Open, itemOf(view.Directory, figures.Item{ID: o.ID, Type: o.Type, Organisation: o.Organisation, Addressee: o.Addressee,
			State: schakel.StateOpen, CreatedAt: o.CreatedAt, Deadline: o.Deadline, Overdue: o.Overdue, Escalated: o.Escalated}))
	}
	respond.JSON(w, http.StatusOK, out)
	return nil
}

// ListParliamentItems serves GET /api/v1/parlement/verzoeken: a page of the
// requests behind a figure of the view (cijfer), citizens' own requests
// left out.
func (h *Handler) ListParliamentItems(w http.ResponseWriter, r *http.Request) error {
	var v schakel.Validation
	q := parseQuery(r, &v, append(slices.Clone(figures.QueryNames), "cijfer", "type", "pagina", "paginaGrootte")...)
	f := figures.ItemFilter{Filter: parliamentFilter(q), Which: figures.WhichAll}
	if s, ok := q.get("cijfer"); ok {
		f.Which = figures.Which(s)
	}
	if s, ok := q.get("type"); ok {
		f.Type = schakel.RequestType(s)
	}
	page := q.int("pagina", 1, 1, maxPage)
	size := q.int("paginaGrootte", defaultPageSize, 1, maxPageSize)
	f.Problems = append(v.Fields(), f.Filter.Problems...)
	f.Offset, f.Limit = (page-1)*size, size
	items, total, view, err := h.Figures.Items(r.Context(), f)
	if err != nil {
		return err
	}
	out := ParliamentItemPage{Results: make([]ParliamentItem, 0, len(items)), Total: total, Page: page, PageSize: size}
	for _, it := range items {
		out.Results = append(out.Results, itemOf(view.Directory, it))
	}
	respond.JSON(w, http.StatusOK, out)
	return nil
}

// figuresOf converts a group's figures.
func figuresOf(f figures.Figures) Figures {
	opt := func(n int) *int {
		if n < 0 {
			return nil
		}
		return &n
	}
	return Figures{Requests: f.Requests, Open: f.Open, Overdue: f.Overdue, Answered: f.Answered, Complied: f.Complied, Explained: f.Explained, Partial: f.Partial,
		ComplyPercent: opt(f.ComplyPercent()), OnTime: f.OnTime, OnTimePercent: opt(f.OnTimePercent()), MedianDays: opt(f.MedianDays), P90Days: opt(f.P90Days),
		Missed: f.Missed, Escalated: f.Escalated, CitizenBrakes: CitizenBrakes{Count: f.CitizenBrakes.N, HeldBack: f.CitizenBrakes.Suppressed},
		ProfessionalBrakes: f.ProfessionalBrakes, OrganisationBrakes: f.OrganisationBrakes}
}

// groupsOf converts groups; never null.
func groupsOf(gs []figures.Group) []FigureGroup {
	out := make([]FigureGroup, 0, len(gs))
	for _, g := range gs {
		out = append(out, FigureGroup{Key: g.Key, Name: g.Name, Figures: figuresOf(g.Figures)})
	}
	return out
}

// itemOf converts a request behind a figure, naming organisations by code.
func itemOf(d figures.Directory, it figures.Item) ParliamentItem {
	code := func(id int64) string {
		if o := d[id]; o != nil {
			return o.Code
		}
		return ""
	}
	out := ParliamentItem{ID: it.ID, Type: string(it.Type), Organisation: code(it.Organisation), Addressee: code(it.Addressee.OrganisationID),
		Role: string(it.Addressee.Role), State: string(it.State), Answer: string(it.Answer), CreatedAt: timestamp(it.CreatedAt),
		Deadline: timestamp(it.Deadline), Overdue: it.Overdue, Missed: it.Missed, Escalated: it.Escalated}
	return out
}
