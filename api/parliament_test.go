package api_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/api"
	"github.com/schakel-nl/schakel/store/storetest"
)

// checkParliamentResponses exercises the parliament view's endpoints for
// the OpenAPI conformance test.
func checkParliamentResponses(t *testing.T, e *env, check func(method, path, body string, u *schakel.User, wantStatus int) *httptest.ResponseRecorder) {
	t.Helper()
	check("GET", "/api/v1/parlement", "", nil, 200)
	check("GET", "/api/v1/parlement?vanaf=2026-01-01&tot=2026-12-31&ministerie=min-szw", "", nil, 200)
	check("GET", "/api/v1/parlement?vanaf=gisteren", "", nil, 400)
	check("GET", "/api/v1/parlement/verzoeken?cijfer=open&paginaGrootte=5", "", nil, 200)
	check("GET", "/api/v1/parlement/verzoeken?cijfer=x", "", nil, 400)
}

// TestParliamentBadInput: every invalid parameter of the view is named at
// once, as problem+json, on every backend.
func TestParliamentBadInput(t *testing.T) {
	for _, b := range storetest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			e := newEnvOn(t, b.Open)
			e.t = t
			rec := e.do("GET", "/api/v1/parlement?vanaf=gisteren&tot=2026-13-01&ministerie=uwv&organisatie=bestaat-niet&kleur=rood", "", nil)
			if ct := rec.Header().Get("Content-Type"); ct != "application/problem+json" {
				t.Errorf("Content-Type %q", ct)
			}
			wantProblem(t, rec, http.StatusBadRequest, "vanaf", "tot", "ministerie", "organisatie", "kleur")
			rec = e.do("GET", "/api/v1/parlement/verzoeken?cijfer=alles&tot=2025-01-01&vanaf=2026-01-01&pagina=0", "", nil)
			wantProblem(t, rec, http.StatusBadRequest, "cijfer", "tot", "pagina")
			// A good request answers with every group list, never null.
			v := decodeJSON[api.ParliamentView](t, e.do("GET", "/api/v1/parlement", "", nil).Body.Bytes())
			if v.Ministries == nil || v.Types == nil || v.Open == nil || v.From == "" || v.To == "" {
				t.Errorf("view %+v", v)
			}
		})
	}
}
