package web

import (
	"net/http"
	"net/url"
)

// citizenToken opens the citizen's form in c and returns its form token.
func (e *brakeEnv) citizenToken(c *http.Client) string {
	e.t.Helper()
	r := e.get(c, "/noodrem/burger")
	wantStatus(e.t, r, http.StatusOK)
	tok, ok := r.Doc(e.t).Find(`form[action="/noodrem/burger"] input[type="hidden"][name="formulierToken"]`).Attr("value")
	if !ok || len(tok) < 40 {
		e.t.Fatalf("form token = %q", tok)
	}
	return tok
}

// postCitizen sends form with a fresh form token as c.
func (e *brakeEnv) postCitizen(c *http.Client, form url.Values) *response {
	e.t.Helper()
	f := url.Values{}
	for k, v := range form {
		f[k] = v
	}
	f.Set(tokenField, e.citizenToken(c))
	return e.post(c, "/noodrem/burger", f)
}

// receiptAfter checks r sends c to the receipt page, and opens it.
func (e *brakeEnv) receiptAfter(c *http.Client, r *response) *response {
	e.t.Helper()
	wantStatus(e.t, r, http.StatusSeeOther)
	if loc := r.Header.Get("Location"); loc != citizenReceiptPath {
		e.t.Fatalf("Location = %q, want %s", loc, citizenReceiptPath)
	}
	return e.get(c, citizenReceiptPath)
}
