package web

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/schakel-nl/schakel"
)

// TestBrakeFormsFileOnce: a professional's or an organisation's brake form
// sent twice with the same token (a reload, a double click) is filed once;
// the second submission goes to what the first made. An unknown token
// files nothing and shows the form again, as typed.
func TestBrakeFormsFileOnce(t *testing.T) {
	e := newBrakeEnv(t)
	ctx := context.Background()
	count := func() int {
		t.Helper()
		_, n, err := e.st.Requests(ctx, schakel.RequestFilter{Limit: 1})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	twice := func(c *http.Client, path string, form url.Values) (first, second *response) {
		t.Helper()
		form.Set(tokenField, e.h.tokens.issue(e.clock.Now()))
		return e.post(c, path, form), e.post(c, path, form)
	}

	t.Run("named professional", func(t *testing.T) {
		before := count()
		first, second := twice(e.as("uwv-professional"), "/noodrem/professional", validProfessional(schakel.IdentityNamed, nil))
		wantStatus(t, first, http.StatusSeeOther)
		wantLocation(t, second, first.Header.Get("Location"))
		if n := count(); n != before+1 {
			t.Errorf("%d requests filed, want 1", n-before)
		}
	})
	t.Run("anonymous professional", func(t *testing.T) {
		before := count()
		c := e.as("svb-professional")
		first, second := twice(c, "/noodrem/professional", validProfessional(schakel.IdentityAnonymous, nil))
		wantLocation(t, first, professionalReceiptPath)
		wantLocation(t, second, professionalReceiptPath)
		code := wantReceipt(t, e.get(c, professionalReceiptPath))
		if again := wantReceipt(t, e.get(c, professionalReceiptPath)); again != code {
			t.Errorf("a reload shows code %s, first %s", again, code)
		}
		if n := count(); n != before+1 {
			t.Errorf("%d requests filed, want 1", n-before)
		}
		// Another browser, or the same after resultTTL, sees no code.
		r := e.get(e.as("svb-professional"), professionalReceiptPath)
		wantStatus(t, r, http.StatusGone)
		wantNoSelector(t, r, ".receipt-code")
		e.clock.Advance(resultTTL + 1)
		wantStatus(t, e.get(c, professionalReceiptPath), http.StatusGone)
	})
	t.Run("organisation", func(t *testing.T) {
		before := count()
		first, second := twice(e.as("uwv-bestuur"), "/noodrem/organisatie", validAssignment(nil))
		wantStatus(t, first, http.StatusSeeOther)
		wantLocation(t, second, first.Header.Get("Location"))
		if n := count(); n != before+1 {
			t.Errorf("%d requests filed, want 1", n-before)
		}
	})
	t.Run("unknown token", func(t *testing.T) {
		before := count()
		form := validProfessional(schakel.IdentityNamed, nil)
		form.Set(tokenField, "verzonnen")
		r := e.post(e.as("uwv-professional"), "/noodrem/professional", form)
		wantStatus(t, r, http.StatusBadRequest)
		wantContains(t, r, ".error-summary", "Dit formulier was verlopen")
		wantSelector(t, r, `input#onderwerp[value="Herbeoordelingen zonder gesprek"]`)
		if tok := r.Doc(t).Find(`input[name="formulierToken"]`).AttrOr("value", ""); tok == "" || tok == "verzonnen" {
			t.Errorf("the form comes back with token %q, want a new one", tok)
		}
		if n := count(); n != before {
			t.Errorf("%d requests filed, want none", n-before)
		}
	})
}
