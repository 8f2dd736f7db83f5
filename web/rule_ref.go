package web

import (
	"net/http"
	"strings"

	"github.com/schakel-nl/schakel/ruleref"
)

// ruleRefData is the Data of the rule reference checker.
type ruleRefData struct {
	Checked bool        // a reference was submitted
	Ref     ruleref.Ref // the parsed reference, when valid
	Valid   bool
	Laws    []lawNameRow // the laws schakel knows by name, for the list on the page
}

// lawNameRow is one law of the list of laws known by name.
type lawNameRow struct {
	Title, Names, BWB string
	Lang              string // "nl" on an English page: titles and names stay Dutch
}

// lawNameRows lists the laws of the law lookup for the page.
func lawNameRows(pg *page) []lawNameRow {
	all := ruleref.Laws()
	out := make([]lawNameRow, 0, len(all))
	for _, l := range all {
		row := lawNameRow{Title: l.Title, Names: strings.Join(l.Names, ", "), BWB: l.BWB}
		if pg.lang != langNL {
			row.Lang = langNL
		}
		out = append(out, row)
	}
	return out
}

var ruleRefFields = []fieldSpec{
	{Name: "verwijzing", Label: "Verwijzing", Description: "De wet en het artikel in woorden, zoals Participatiewet artikel 18 lid 2 of art. 4:84 Awb; of een link naar wetten.overheid.nl, een JCI-verwijzing, een BWB-id of beleidsregel:<organisatie>/<id>.", Required: true, Autocomplete: "off"},
}

// RuleRef checks a reference to a law or policy rule (GET
// /regelverwijzing?verwijzing=…) and shows how schakel reads it. Invalid
// input gets status 400 with the errors on the page.
func (h *Handler) RuleRef(w http.ResponseWriter, r *http.Request) {
	pg := h.newPage(r, "Regelverwijzing controleren")
	pg.Nav = "regelverwijzing"
	q := r.URL.Query()
	pg.Form = newForm(pg.translator, ruleRefFields, q)
	d := ruleRefData{Laws: lawNameRows(pg)}
	status := http.StatusOK
	if q.Has("verwijzing") {
		d.Checked = true
		ref, err := ruleref.Parse(q.Get("verwijzing"))
		if err != nil {
			if !pg.Form.AddFieldErrors(err, "verwijzing") {
				pg.Form.AddError("verwijzing", pg.ErrorMessage(err))
			}
			status = http.StatusBadRequest
		} else {
			d.Ref, d.Valid = ref, true
		}
	}
	pg.Data = d
	h.render(w, r, status, "ruleref", pg)
}
