package web

import (
	"net/http"

	"github.com/schakel-nl/schakel"
)

// registerView is what every public register page reads before its own
// rows: the page, the organisations (by id for the rows, all for the
// filter's choices) and the catalogue, retired principles too, since old
// records cite them.
type registerView struct {
	pg            *page
	orgs          orgIndex
	all           []*schakel.Organisation
	principles    []*schakel.Principle
	principleName func(string) string
}

// openRegister starts a public register page with its title and the
// navigation item it belongs to.
func (h *Handler) openRegister(r *http.Request, title, nav string) (*registerView, error) {
	pg := h.newPage(r, title)
	pg.Nav = nav
	orgs, all, err := h.orgs(r)
	if err != nil {
		return nil, err
	}
	ps, err := h.Directory.Principles(r.Context(), schakel.PrincipleFilter{IncludeRetired: true})
	if err != nil {
		return nil, err
	}
	return &registerView{pg: pg, orgs: orgs, all: all, principles: ps, principleName: principleNamesOf(pg, ps)}, nil
}

// refuseFilter shows a register's form again with the filter's errors
// (fallback takes an error that names no field of the form) and no rows;
// it is the answer to a filter the service refused.
func (h *Handler) refuseFilter(w http.ResponseWriter, r *http.Request, rv *registerView, err error, fallback, name string, data any) error {
	rv.pg.Form.AddFieldErrors(err, fallback)
	rv.pg.Data = data
	h.render(w, r, http.StatusBadRequest, name, rv.pg)
	return nil
}

// formerQuery is a query name a register page used before the pages and
// the API shared one set, with the value mapping where the values changed
// too.
type formerQuery struct {
	name, now string
	values    map[string]string // former value → current; nil keeps them
}

// The former names of the brake register's and the operators' filters.
var (
	formerBrakeQuery = []formerQuery{{"toestand", "status", nil}, {"van", "vanaf", nil},
		{"gemist", "termijnGemist", map[string]string{"ja": "true", "nee": "false"}}}
	formerNotificationQuery = []formerQuery{{"toestand", "status", nil}}
	formerCaseQuery         = []formerQuery{{"toestand", "status", nil}}
)

// redirectFormer sends a request that uses a former filter name to the same
// page with the current names (301), so that a bookmarked link still
// filters instead of silently listing everything. It reports whether it
// did.
func redirectFormer(w http.ResponseWriter, r *http.Request, former []formerQuery) bool {
	q := r.URL.Query()
	moved := false
	for _, f := range former {
		vs, ok := q[f.name]
		if !ok {
			continue
		}
		moved = true
		q.Del(f.name)
		for _, v := range vs {
			if now, ok := f.values[v]; ok {
				v = now
			}
			q.Add(f.now, v)
		}
	}
	if moved {
		http.Redirect(w, r, r.URL.Path+"?"+q.Encode(), http.StatusMovedPermanently)
	}
	return moved
}
