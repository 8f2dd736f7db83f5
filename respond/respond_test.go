package respond

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/schakel-nl/schakel"
)

func TestStatus(t *testing.T) {
	cases := map[string]int{
		schakel.EINVALID: 400, schakel.EUNAUTHORIZED: 401, schakel.EFORBIDDEN: 403, schakel.ENOTFOUND: 404,
		schakel.ECONFLICT: 409, schakel.ETOOLARGE: 413, schakel.EUNAVAILABLE: 503, schakel.EINTERNAL: 500,
	}
	for code, want := range cases {
		if got := Status(schakel.Errorf(code, "x")); got != want {
			t.Errorf("Status(%s) = %d, want %d", code, got, want)
		}
		if Title(want) == "" {
			t.Errorf("no title for %d", want)
		}
	}
	if got := Status(errors.New("boom")); got != 500 {
		t.Errorf("a plain error is %d, want 500", got)
	}
}

func TestErrorWritesProblemWithEveryField(t *testing.T) {
	var v schakel.Validation
	v.Add("bwbId", "format", "Een BWB-id is %q gevolgd door 7 cijfers.", "BWBR")
	v.Required("naam", " ")
	w := httptest.NewRecorder()
	Error(w, httptest.NewRequest("POST", "/api/v1/organisaties", nil), nil, v.Err())
	if w.Code != http.StatusBadRequest || w.Header().Get("Content-Type") != "application/problem+json" {
		t.Fatalf("%d %q", w.Code, w.Header().Get("Content-Type"))
	}
	var p Problem
	if err := json.Unmarshal(w.Body.Bytes(), &p); err != nil {
		t.Fatal(err)
	}
	if p.Status != 400 || p.Instance != "/api/v1/organisaties" || len(p.InvalidParams) != 2 ||
		p.InvalidParams[0].Name != "bwbId" || p.InvalidParams[0].Reason != `Een BWB-id is "BWBR" gevolgd door 7 cijfers.` ||
		p.InvalidParams[1].Name != "naam" || p.InvalidParams[1].Code != "required" {
		t.Fatalf("problem %+v", p)
	}
}

func TestInternalErrorsDoNotLeak(t *testing.T) {
	w := httptest.NewRecorder()
	Error(w, httptest.NewRequest("GET", "/x", nil), nil, errors.New("pq: password authentication failed for user geheim"))
	if w.Code != 500 || strings.Contains(w.Body.String(), "geheim") {
		t.Fatalf("%d %s", w.Code, w.Body.String())
	}
}

// TestProblemNamesRequiredAssurance: a refusal for a too-low level of
// assurance tells the client which level to log in with; other refusals
// say nothing of levels.
func TestProblemNamesRequiredAssurance(t *testing.T) {
	r := httptest.NewRequest(http.MethodPost, "/api/v1/verzoeken/1/antwoord", nil)
	p := ProblemFor(r, schakel.TooLowAssurance(schakel.AssuranceSubstantial))
	if p.Status != http.StatusForbidden || p.RequiredAssurance != "substantieel" {
		t.Fatalf("problem = %+v", p)
	}
	if p := ProblemFor(r, schakel.Errorf(schakel.EFORBIDDEN, "Nee.")); p.RequiredAssurance != "" {
		t.Fatalf("plain refusal names a level: %+v", p)
	}
}
