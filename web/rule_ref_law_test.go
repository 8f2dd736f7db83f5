package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
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
