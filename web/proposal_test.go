package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/schakel-nl/schakel/store/storetest"
)

// TestProposalPagesPerRole checks who sees which page and form: the list
// and the proposal are public; the register form, the requests, the
// signature, the sending and the delivery each for their own role; 403
// for the others, 404 for what does not exist.
func TestProposalPagesPerRole(t *testing.T) {
	onAssessmentBackends(t, func(t *testing.T, e *assessmentEnv) {
		p, as := e.registered("Geen terugvordering van het WIA-voorschot", "uwv")
		a := as["uwv"]
		pPath, aPath := proposalPath(p.ID), assessmentPath(a.ID)

		visitor := e.client()
		r := e.get(visitor, "/voorstellen")
		wantStatus(t, r, http.StatusOK)
		checkPage(t, r, "nl")
		wantSelector(t, r, `tr.proposal-row[data-id="`+strconv.FormatInt(p.ID, 10)+`"] a[href="`+pPath+`"]`)
		wantSelector(t, r, `nav.main-nav a[href="/voorstellen"][aria-current="true"]`)
		wantNoSelector(t, r, "a.new-proposal")
		wantNoSelector(t, r, ".owed")

		r = e.get(e.as("szw-beleid"), "/voorstellen")
		wantSelector(t, r, `a.new-proposal[href="/voorstellen/nieuw"]`)
		r = e.get(e.as("uwv-bestuur"), "/voorstellen")
		wantSelector(t, r, `.owed a[href="`+aPath+`"]`)

		r = e.get(visitor, "/voorstellen/nieuw")
		wantStatus(t, r, http.StatusSeeOther)
		wantLocation(t, r, "/inloggen")
		wantStatus(t, e.get(e.as("uwv-professional"), "/voorstellen/nieuw"), http.StatusForbidden)
		wantStatus(t, e.get(e.as("szw-minister"), "/voorstellen/nieuw"), http.StatusForbidden)
		r = e.get(e.as("jenv-beleid"), "/voorstellen/nieuw")
		wantStatus(t, r, http.StatusOK)
		checkPage(t, r, "nl")
		if got := r.Text(t, "#ministerie option[selected]"); !strings.Contains(got, "Justitie") {
			t.Errorf("the ministry chosen is %q, want JenV's", got)
		}
		wantNoSelector(t, r, `#ministerie option[value="min-szw"]`)

		// The proposal: public, each form for its role.
		forms := map[string][]string{
			"":                  nil,
			"kamerlid":          nil,
			"uwv-bestuur":       nil,
			"jenv-beleid":       nil,
			"szw-minister":      nil,
			"szw-beleid":        {"/toetsaanvraag", "/verzending"},
			"szw-sg":            {"/handtekening"},
			"eindhoven-bestuur": nil,
		}
		for subject, want := range forms {
			c := visitor
			if subject != "" {
				c = e.as(subject)
			}
			r := e.get(c, pPath)
			wantStatus(t, r, http.StatusOK)
			checkPage(t, r, "nl")
			for _, action := range []string{"/toetsaanvraag", "/handtekening", "/verzending", "/inwerkingtreding"} {
				has := r.Count(t, `form[action="`+pPath+action+`"]`) > 0
				if has != contains(want, action) {
					t.Errorf("%q: form %s shown = %v", subject, action, has)
				}
			}
		}
		r = e.get(e.as("uwv-bestuur"), pPath)
		wantSelector(t, r, `a.act-deliver[href="`+aPath+`#uitbrengen"]`)
		for _, c := range []*http.Client{visitor, e.as("szw-minister"), e.as("uwv-professional")} {
			wantNoSelector(t, e.get(c, pPath), "a.act-deliver, a.act-answer")
		}
		wantStatus(t, e.get(visitor, "/voorstellen/999999"), http.StatusNotFound)
		wantStatus(t, e.get(visitor, "/voorstellen/abc"), http.StatusNotFound)
		wantStatus(t, e.get(visitor, "/voorstellen/0"), http.StatusNotFound)

		// The assessment: public; the delivery form for uwv's board only.
		for subject, deliver := range map[string]bool{"": false, "uwv-bestuur": true, "uwv-professional": false, "szw-minister": false, "eindhoven-bestuur": false, "szw-beleid": false} {
			c := visitor
			if subject != "" {
				c = e.as(subject)
			}
			r := e.get(c, aPath)
			wantStatus(t, r, http.StatusOK)
			checkPage(t, r, "nl")
			if has := r.Count(t, `form[action="`+aPath+`/oordeel"]`) > 0; has != deliver {
				t.Errorf("%q: delivery form shown = %v", subject, has)
			}
			wantNoSelector(t, r, `form[action="`+aPath+`/antwoord"]`)
		}
		wantStatus(t, e.get(visitor, "/uitvoeringstoetsen/999999"), http.StatusNotFound)
		wantStatus(t, e.get(visitor, "/uitvoeringstoetsen/x"), http.StatusNotFound)

		// Actions by the wrong role are refused and change nothing.
		posts := []struct {
			subject, path string
			form          url.Values
			want          int
		}{
			{"", aPath + "/oordeel", validDelivery(nil), http.StatusSeeOther},
			{"uwv-professional", aPath + "/oordeel", validDelivery(nil), http.StatusForbidden},
			{"eindhoven-bestuur", aPath + "/oordeel", validDelivery(nil), http.StatusForbidden},
			{"szw-minister", aPath + "/antwoord", url.Values{}, http.StatusConflict},
			{"jenv-minister", aPath + "/antwoord", url.Values{}, http.StatusForbidden},
			{"jenv-beleid", pPath + "/toetsaanvraag", url.Values{"organisaties": {"svb"}}, http.StatusForbidden},
			{"uwv-bestuur", pPath + "/toetsaanvraag", url.Values{"organisaties": {"svb"}}, http.StatusForbidden},
			{"szw-beleid", pPath + "/handtekening", url.Values{"verklaring": {"Ik teken voor de uitvoering van dit voorstel."}}, http.StatusForbidden},
			{"jenv-sg", pPath + "/handtekening", url.Values{"verklaring": {"Ik teken voor de uitvoering van dit voorstel."}}, http.StatusForbidden},
			{"szw-sg", pPath + "/verzending", url.Values{}, http.StatusForbidden},
			{"kamerlid", pPath + "/inwerkingtreding", url.Values{"datum": {"2026-03-02"}}, http.StatusForbidden},
			{"szw-beleid", "/voorstellen/999999/verzending", url.Values{}, http.StatusNotFound},
			{"uwv-bestuur", "/uitvoeringstoetsen/999999/oordeel", validDelivery(nil), http.StatusNotFound},
			{"szw-minister", "/uitvoeringstoetsen/999999/antwoord", url.Values{}, http.StatusNotFound},
		}
		for _, tc := range posts {
			c := visitor
			if tc.subject != "" {
				c = e.as(tc.subject)
			}
			r := e.post(c, tc.path, tc.form)
			if r.StatusCode != tc.want {
				t.Errorf("%q POST %s: status %d, want %d", tc.subject, tc.path, r.StatusCode, tc.want)
			}
			if tc.subject == "" && r.Header.Get("Location") != "/inloggen" {
				t.Errorf("a visitor's POST %s goes to %q", tc.path, r.Header.Get("Location"))
			}
		}
		if got := e.assessment(a.ID).State; got != "gevraagd" {
			t.Errorf("assessment is %s after refused actions", got)
		}
		if got := e.proposal(p.ID); got.State != "in-toetsing" || got.Version != p.Version {
			t.Errorf("proposal is %s, version %d after refused actions (was %d)", got.State, got.Version, p.Version)
		}
	})
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// TestRegisterProposalForm checks the register form: every invalid field
// at once, at the field and in the summary, nothing stored; a ministry
// the officer does not work at refused at its field; a valid form goes to
// the new proposal.
func TestRegisterProposalForm(t *testing.T) {
	onAssessmentBackends(t, func(t *testing.T, e *assessmentEnv) {
		officer := e.as("szw-beleid")
		r := e.get(officer, "/voorstellen/nieuw")
		wantStatus(t, r, http.StatusOK)
		checkPage(t, r, "nl")
		for _, id := range []string{"ministerie", "soort", "titel", "samenvatting", "opgave", "regels-0", "regels-blok-1", "inwerkingtreding", "tekst", "tekstUrl"} {
			wantSelector(t, r, "#"+id)
		}
		wantSelector(t, r, `#ministerie option[value="min-szw"][selected]`)
		wantSelector(t, r, `#inwerkingtreding[type="date"]`)

		r = e.post(officer, "/voorstellen", url.Values{})
		wantStatus(t, r, http.StatusBadRequest)
		checkPage(t, r, "nl")
		wantErrorsAt(t, r, "ministerie", "soort", "titel", "samenvatting", "opgave", "regels-0", "inwerkingtreding", "tekst")

		r = e.post(officer, "/voorstellen", validProposal(func(v url.Values) {
			v.Set("soort", "wet")
			v.Set("regels[3]", "artikel 12 van de wet")
			v.Set("inwerkingtreding", "2026-02-30")
			v.Set("tekstUrl", "http://example.org/voorstel")
			v.Set("titel", strings.Repeat("lang ", 50))
		}))
		wantStatus(t, r, http.StatusBadRequest)
		wantErrorsAt(t, r, "soort", "titel", "regels-3", "inwerkingtreding", "tekstUrl")
		if got, _ := r.Doc(t).Find("#regels-3").Attr("value"); got != "artikel 12 van de wet" {
			t.Errorf("the rule typed is not shown again: %q", got)
		}
		wantSelector(t, r, `#regels-3[aria-invalid="true"]`)

		r = e.post(officer, "/voorstellen", validProposal(func(v url.Values) { v.Set("inwerkingtreding", "2026-03-01") }))
		wantStatus(t, r, http.StatusBadRequest)
		wantErrorsAt(t, r, "inwerkingtreding")

		r = e.post(e.as("jenv-beleid"), "/voorstellen", validProposal(nil))
		wantStatus(t, r, http.StatusForbidden)
		wantErrorsAt(t, r, "ministerie")
		if n := e.proposalCount(); n != 0 {
			t.Fatalf("%d proposals stored by refused forms", n)
		}

		id := e.register(officer, validProposal(nil))
		r = e.get(e.client(), proposalPath(id)+"?gedaan=geregistreerd")
		wantStatus(t, r, http.StatusOK)
		wantText(t, r, "h1", "Geen terugvordering van het WIA-voorschot na een te laat besluit")
		wantSelector(t, r, ".notice--ok")
		wantContains(t, r, ".kind", "Wetsvoorstel")
		wantContains(t, r, ".proposal-rules", "Wet werk en inkomen naar arbeidsvermogen, art. 76")
		wantContains(t, r, ".planned-entry", "1 januari 2027")
		wantSelector(t, r, `.text-url a[href="https://www.internetconsultatie.nl/wia-voorschot"]`)
		wantContains(t, r, ".missing", "Er is nog geen uitvoeringstoets gevraagd.")
		// The notice is not shown to whoever follows the link later.
		r = e.get(e.client(), proposalPath(id))
		wantNoSelector(t, r, ".notice--ok")
	})
}

// TestProposalListFilters checks the filters of the list.
func TestProposalListFilters(t *testing.T) {
	e := newAssessmentEnv(t, storetest.OpenSQLite)
	p1, _ := e.registered("Voorstel over het WIA-voorschot", "uwv")
	p2, _ := e.registered("Voorstel over de Participatiewet", "gemeente-eindhoven")
	c := e.client()
	ids := func(r *response) []string {
		var out []string
		for _, n := range r.Doc(t).Find("tr.proposal-row").Nodes {
			for _, a := range n.Attr {
				if a.Key == "data-id" {
					out = append(out, a.Val)
				}
			}
		}
		return out
	}
	for _, tc := range []struct {
		query string
		want  []int64
	}{
		{"", []int64{p2.ID, p1.ID}},
		{"?organisatie=uwv", []int64{p1.ID}},
		{"?organisatie=gemeente-eindhoven", []int64{p2.ID}},
		{"?ministerie=min-jenv", nil},
		{"?ministerie=min-szw&toestand=in-toetsing&soort=wetsvoorstel", []int64{p2.ID, p1.ID}},
		{"?toestand=naar-parlement", nil},
		{"?toestand=onzin&soort=onzin&ministerie=uwv&organisatie=min-szw", []int64{p2.ID, p1.ID}},
	} {
		r := e.get(c, "/voorstellen"+tc.query)
		wantStatus(t, r, http.StatusOK)
		var want []string
		for _, id := range tc.want {
			want = append(want, strconv.FormatInt(id, 10))
		}
		if got := ids(r); strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("%s: rows %v, want %v", tc.query, got, want)
		}
		if len(tc.want) == 0 {
			wantText(t, r, ".empty-state", "Geen voorstellen met deze filters.")
		}
	}
}

// TestProposalOverdueTerm checks that a term passed without an
// assessment shows as late on the proposal and among what is missing.
func TestProposalOverdueTerm(t *testing.T) {
	e := newAssessmentEnv(t, storetest.OpenSQLite)
	p, as := e.registered("Geen terugvordering van het WIA-voorschot", "uwv")
	r := e.get(e.client(), proposalPath(p.ID))
	wantNoSelector(t, r, ".term--assess .badge--overdue")
	e.clock.Advance(10 * 7 * 24 * time.Hour)
	r = e.get(e.client(), proposalPath(p.ID))
	wantStatus(t, r, http.StatusOK)
	wantSelector(t, r, `section.assessment[data-id="`+strconv.FormatInt(as["uwv"].ID, 10)+`"] .term--assess .badge--overdue`)
	wantContains(t, r, ".missing", "UWV heeft de termijn gemist")
	r = e.get(e.client(), assessmentPath(as["uwv"].ID))
	wantSelector(t, r, ".term--assess .badge--overdue")
}
