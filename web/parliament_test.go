package web

import (
	"net/http"
	"strings"
	"testing"
)

// TestParliamentFigures: the view shows the figures per ministry,
// committee, organisation and task with a chart beside its table, each
// figure linking to the requests behind it; those requests name who owes
// the answer and by when; a bad filter is refused naming its fields; and
// neither page names a person or repeats a text of the brake.
func TestParliamentFigures(t *testing.T) {
	e := newBrakeEnv(t)
	board := e.as("uwv-bestuur")
	id := idFromLocation(t, e.post(board, "/noodrem/organisatie", validAssignment(nil)))

	r := e.get(e.client(), "/parlement")
	wantStatus(t, r, http.StatusOK)
	checkPage(t, r, "nl")
	for _, sel := range []string{"#tabel-per-ministerie tbody tr", "#tabel-per-commissie", "#tabel-per-organisatie", "#tabel-per-opgave",
		".bar-chart svg[role=img][aria-labelledby]", ".terms-table", `.total-requests a[href^="/parlement/verzoeken?"]`,
		`form.filter-form select[name=ministerie] option[value=min-szw]`} {
		wantSelector(t, r, sel)
	}
	wantSelector(t, r, `article.parliament-item[data-id="`+itoa(id)+`"] .due time`)
	wantContains(t, r, "#tabel-per-ministerie", "Ministerie van Sociale Zaken en Werkgelegenheid")
	// The ministry's returned assignment links to the register, selected
	// by the ministry it went to and the period.
	wantSelector(t, r, `#tabel-per-ministerie .organisation-brakes a[href^="/noodremmen?niveau=organisatie&organisatie=min-szw"]`)
	wantSelector(t, r, `.terms-table tr[data-type="noodrem-organisatie"] .answered`)

	// Behind "open": the returned assignment, naming the ministry that owes
	// the answer and the deadline.
	r = e.get(e.client(), "/parlement/verzoeken?cijfer=open")
	wantStatus(t, r, http.StatusOK)
	item := `tr.item[data-id="` + itoa(id) + `"]`
	wantContains(t, r, item+" .addressee", "Ministerie van Sociale Zaken en Werkgelegenheid")
	wantSelector(t, r, item+" .deadline time[datetime]")
	wantSelector(t, r, item+` a[href="/noodremmen/`+itoa(id)+`"]`)

	// A bad filter: 400, every field named, nothing else shown.
	r = e.get(e.client(), "/parlement?vanaf=gisteren&ministerie=bestaat-niet&organisatie=ook-niet")
	wantStatus(t, r, http.StatusBadRequest)
	for _, f := range []string{"vanaf", "ministerie", "organisatie"} {
		wantSelector(t, r, `.utrecht-form-field--invalid [name="`+f+`"], [name="`+f+`"][aria-invalid=true]`)
	}
	wantNoSelector(t, r, "#tabel-per-ministerie")
	r = e.get(e.client(), "/parlement/verzoeken?cijfer=alles-behalve")
	wantStatus(t, r, http.StatusBadRequest)

	for _, path := range []string{"/parlement", "/parlement/verzoeken?cijfer=alle", "/parlement/verzoeken?cijfer=open"} {
		for _, lang := range []string{"nl", "en"} {
			c := e.client()
			e.setLang(c, lang)
			r := e.get(c, path)
			wantStatus(t, r, http.StatusOK)
			for _, text := range []string{e.user("uwv-bestuur").Name, "Handhavingsopdracht zonder ruimte voor maatwerk", "2026-0000123", "schrijnende gevallen"} {
				if strings.Contains(r.Body, text) {
					t.Errorf("%s (%s) shows %q", path, lang, text)
				}
			}
		}
	}
}
