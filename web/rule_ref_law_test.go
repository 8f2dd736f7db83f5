package web

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/schakel-nl/schakel"
)

// TestRuleRefByName checks that the reference checker understands a rule
// written by name, explains in plain Dutch what it cannot read, and lists
// the laws it knows by name.
func TestRuleRefByName(t *testing.T) {
	e := newEnv(t, true)
	c := e.client()

	r := e.get(c, "/regelverwijzing?verwijzing="+url.QueryEscape("Wet WIA artikel 76"))
	wantStatus(t, r, http.StatusOK)
	wantNoSelector(t, r, `.error-summary`)
	if got := r.Text(t, ".ruleref-result code"); got != "jci1.3:c:BWBR0019057&artikel=76" {
		t.Errorf("JCI = %q", got)
	}
	if got := r.Text(t, ".ruleref-result dd:first-of-type"); got != "Wet werk en inkomen naar arbeidsvermogen, art. 76" {
		t.Errorf("label = %q", got)
	}
	wantSelector(t, r, `details.ruleref-laws table th[scope="row"]`)
	if got := r.Text(t, "details.ruleref-laws tbody"); !strings.Contains(got, "Participatiewet") || !strings.Contains(got, "Wet WIA") {
		t.Errorf("the list of laws lacks Participatiewet or Wet WIA: %.200q", got)
	}

	r = e.get(c, "/regelverwijzing?verwijzing="+url.QueryEscape("Participatiewet art. 18 lid 2"))
	wantStatus(t, r, http.StatusOK)
	if got := r.Text(t, ".ruleref-result code"); got != "jci1.3:c:BWBR0015703&artikel=18&lid=2" {
		t.Errorf("JCI = %q", got)
	}

	bad := "/regelverwijzing?verwijzing=" + url.QueryEscape("Wet op de vliegende schotels artikel 3")
	r = e.get(c, bad)
	wantStatus(t, r, http.StatusBadRequest)
	wantSelector(t, r, `.error-summary a[href="#verwijzing"]`)
	got := r.Text(t, "#verwijzing-fout")
	if strings.Contains(got, "U+0020") || !strings.Contains(got, "kennen we niet") || !strings.Contains(got, "Participatiewet artikel 18 lid 2") {
		t.Errorf("Dutch error = %q", got)
	}
	e.setLang(c, "en")
	r = e.get(c, bad)
	if got := r.Text(t, "#verwijzing-fout"); !strings.Contains(got, "We do not know the law") {
		t.Errorf("English error = %q", got)
	}
	wantSelector(t, r, `details.ruleref-laws th[scope="row"][lang="nl"]`)
}

// TestBrakeRulesByName pulls a professional's brake with rules written by
// name: they are stored in JCI form and the request page shows them by name
// with a link to wetten.overheid.nl.
func TestBrakeRulesByName(t *testing.T) {
	e := newBrakeEnv(t)
	puller := e.as("svb-professional")
	coordinator := e.as("uwv-coordinator")
	form := validProfessional(schakel.IdentityNamed, func(v url.Values) {
		v.Set("regels[0]", "Wet WIA artikel 76")
		v.Set("regels[1]", "art. 4:84 Awb")
	})
	id := idFromLocation(t, e.post(puller, "/noodrem/professional", form))
	b, err := e.st.Brake(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"jci1.3:c:BWBR0019057&artikel=76", "jci1.3:c:BWBR0005537&artikel=4:84"}; !slices.Equal(b.RuleRefs, want) {
		t.Errorf("stored rules %q, want %q", b.RuleRefs, want)
	}
	r := e.get(coordinator, requestPath(id))
	wantStatus(t, r, http.StatusOK)
	wantText(t, r, `.brake-rules li:first-child a[href="https://wetten.overheid.nl/jci1.3:c:BWBR0019057&artikel=76"]`, "Wet werk en inkomen naar arbeidsvermogen, art. 76")
	wantText(t, r, `.brake-rules li:nth-child(2) a`, "Algemene wet bestuursrecht, art. 4:84")
	if strings.Contains(r.Text(t, ".brake-rules"), "BWBR") {
		t.Error("the page shows a bare BWB id")
	}

	// Text that is no rule gets a plain message, not one about spaces.
	bad := validProfessional(schakel.IdentityNamed, func(v url.Values) { v.Set("regels[0]", "artikel 76") })
	r = e.post(puller, "/noodrem/professional", bad)
	wantStatus(t, r, http.StatusBadRequest)
	if got := r.Text(t, "#regels-0-fout"); !strings.Contains(got, "Noem ook de wet") || strings.Contains(got, "U+0020") {
		t.Errorf("error = %q", got)
	}
}
