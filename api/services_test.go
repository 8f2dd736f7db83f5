package api_test

import (
	"net/http"
	"strings"
	"testing"
)

// TestCatalogueParentIsTopLevel: the directory is the one rule for the
// catalogue, so the API also refuses a parent that is itself a part of
// another principle, with the directory's code.
func TestCatalogueParentIsTopLevel(t *testing.T) {
	e := newEnv(t)
	e.seedPrinciples()
	before := e.counts()
	p := wantProblem(t, e.do("POST", "/api/v1/beginselen", `{"code": "uwv-x", "ouder": "legaliteit", "naam": "X", "naamEn": "X", "organisatie": "uwv"}`, e.admin),
		http.StatusBadRequest, "ouder")
	if p.InvalidParams[0].Code != "not_top" {
		t.Errorf("code %q, want not_top", p.InvalidParams[0].Code)
	}
	if after := e.counts(); after != before {
		t.Errorf("counts %v after a refused write, want %v", after, before)
	}
}

// TestPermissionBeforeBody: the services decide who may act before they
// look at the input, also when the body cannot be read at all; whoever may
// act hears what is wrong with the body in the decoder's own words.
func TestPermissionBeforeBody(t *testing.T) {
	e := newEnv(t)
	e.seedPrinciples()
	huge := `{"url": "` + strings.Repeat("x", 1<<20) + `"}`
	for _, tc := range []struct {
		name, method, path, body string
		status                   int
		detail                   string
	}{
		{"organisation, nobody, bad JSON", "POST", "/api/v1/organisaties", `{"x":`, http.StatusUnauthorized, ""},
		{"organisation, admin, bad JSON", "POST", "/api/v1/organisaties", `{"x":`, http.StatusBadRequest, "Het verzoek is geen geldige JSON."},
		{"organisation, admin, array", "POST", "/api/v1/organisaties", `[]`, http.StatusBadRequest, "Het verzoek is geen JSON-object."},
		{"organisation, admin, empty", "POST", "/api/v1/organisaties", ``, http.StatusBadRequest, "Het verzoek heeft geen inhoud; stuur een JSON-object."},
		{"retire, professional, bad JSON", "POST", "/api/v1/beginselen/zorgvuldigheid/intrekking", `{`, http.StatusForbidden, ""},
		{"retire, admin, bad JSON", "POST", "/api/v1/beginselen/zorgvuldigheid/intrekking", `{`, http.StatusBadRequest, "Het verzoek is geen geldige JSON."},
		{"webhook, nobody, bad JSON", "POST", "/api/v1/organisaties/uwv/webhooks", `{`, http.StatusUnauthorized, ""},
		{"webhook, other admin, too large", "POST", "/api/v1/organisaties/uwv/webhooks", huge, http.StatusForbidden, ""},
		{"webhook, unknown organisation, bad JSON", "POST", "/api/v1/organisaties/nee/webhooks", `{`, http.StatusNotFound, ""},
		{"webhook, admin, too large", "POST", "/api/v1/organisaties/uwv/webhooks", huge, http.StatusRequestEntityTooLarge, ""},
		{"webhook retire, nobody, bad id", "DELETE", "/api/v1/organisaties/uwv/webhooks/x", ``, http.StatusUnauthorized, ""},
		{"webhook retire, admin, bad id", "DELETE", "/api/v1/organisaties/uwv/webhooks/x", ``, http.StatusNotFound, ""},
		{"retry, professional, bad id", "POST", "/api/v1/meldingen/x/herhalingen", ``, http.StatusForbidden, ""},
		{"retry, admin, bad id", "POST", "/api/v1/meldingen/x/herhalingen", ``, http.StatusNotFound, ""},
		{"queue, professional, bad query", "GET", "/api/v1/meldingen?status=x", ``, http.StatusForbidden, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			u := e.admin
			switch {
			case strings.Contains(tc.name, "nobody"):
				u = nil
			case strings.Contains(tc.name, "professional"):
				u = e.prof
			case strings.Contains(tc.name, "other admin"):
				u = e.svbAdmin
			}
			before := e.counts()
			rec := e.do(tc.method, tc.path, tc.body, u)
			if rec.Code != tc.status {
				t.Fatalf("status %d, want %d: %s", rec.Code, tc.status, rec.Body)
			}
			var p problem
			if err := jsonDecode(rec.Body, &p); err != nil {
				t.Fatal(err)
			}
			if tc.detail != "" && p.Detail != tc.detail {
				t.Errorf("detail %q, want %q", p.Detail, tc.detail)
			}
			if after := e.counts(); after != before {
				t.Errorf("counts %v after a refused write, want %v", after, before)
			}
		})
	}
}
