package web

import (
	"net/http"

	"github.com/schakel-nl/schakel/ruleref"
)

// ruleRefData is the Data of the rule reference checker.
type ruleRefData struct {
	Checked bool        // a reference was submitted
	Ref     ruleref.Ref // the parsed reference, when valid
	Valid   bool
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
	var d ruleRefData
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
