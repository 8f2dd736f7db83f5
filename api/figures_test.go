package api_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/schakel-nl/schakel/api"
)

// TestPolicyRules: an organisation's administrator registers versions of
// its policy rules; anyone may list them; a signal anchors to the latest
// version or the one it names, never to an unregistered one; and the
// figures per policy rule count those signals.
func TestPolicyRules(t *testing.T) {
	onEveryBackend(t, func(t *testing.T, e *signalEnv) {
		rules := "/api/v1/organisaties/uwv/beleidsregels"
		v1 := `{"code": "BR-2024-12", "versie": 1, "titel": "Terugvordering voorschotten", "url": "https://uwv.example/br-2024-12"}`
		rec := e.do("POST", rules, v1, e.admin)
		if rec.Code != http.StatusCreated || rec.Header().Get("Location") != rules {
			t.Fatalf("register: %d %s (Location %q)", rec.Code, rec.Body, rec.Header().Get("Location"))
		}
		wantJSON(t, rec, http.StatusCreated, `{"organisatie": "uwv", "code": "BR-2024-12", "versie": 1, "titel": "Terugvordering voorschotten",
			"url": "https://uwv.example/br-2024-12", "verwijzing": "beleidsregel:uwv/BR-2024-12", "geregistreerdOp": "2026-04-01T09:00:00Z"}`)
		wantProblem(t, e.do("POST", rules, v1, e.admin), http.StatusConflict)
		wantProblem(t, e.do("POST", rules, `{"code": "BR 1", "versie": 0, "titel": "", "url": "http://x", "extra": true}`, e.admin), http.StatusBadRequest,
			"code", "versie", "titel", "url", "extra")
		wantProblem(t, e.do("POST", rules, `{"code": 1, "versie": "2"}`, e.admin), http.StatusBadRequest, "code", "versie", "titel")
		wantProblem(t, e.do("POST", rules, v1, nil), http.StatusUnauthorized)
		wantProblem(t, e.do("POST", rules, v1, e.prof), http.StatusForbidden)
		wantProblem(t, e.do("POST", rules, v1, e.svbAdmin), http.StatusForbidden)
		wantProblem(t, e.do("POST", "/api/v1/organisaties/nee/beleidsregels", v1, e.admin), http.StatusNotFound)
		signalStep[api.PolicyRule](e, "POST", rules, `{"code": "BR-2024-12", "versie": 2, "titel": "Terugvordering voorschotten, herzien"}`, e.admin, http.StatusCreated)
		list := signalStep[api.PolicyRuleList](e, "GET", rules, "", nil, http.StatusOK)
		if len(list.Results) != 1 || list.Results[0].Version != 2 || list.Results[0].URL != "" {
			t.Fatalf("rules: %+v", list)
		}
		if l := signalStep[api.PolicyRuleList](e, "GET", "/api/v1/organisaties/svb/beleidsregels", "", nil, http.StatusOK); len(l.Results) != 0 {
			t.Errorf("svb's rules: %+v", l)
		}
		wantProblem(t, e.do("GET", "/api/v1/organisaties/nee/beleidsregels", "", nil), http.StatusNotFound)

		anchored := func(rules, versions string) string {
			body := strings.Replace(wiaSignal, `"regels": ["jci1.3:c:BWBR0019057&artikel=76"]`, `"regels": `+rules, 1)
			if versions != "" {
				body = strings.Replace(body, `"titel":`, `"versies": `+versions+`, "titel":`, 1)
			}
			return body
		}
		latest := e.file(anchored(`["beleidsregel:uwv/BR-2024-12"]`, ""), e.prof)
		if r := latest.Signal.Rules; len(r) != 1 || r[0].Version != 2 || r[0].Ref != "beleidsregel:uwv/BR-2024-12" || r[0].URL != "" || r[0].Label == "" {
			t.Errorf("anchored to %+v, want version 2", r)
		}
		first := e.file(anchored(`["jci1.3:c:BWBR0019057&artikel=76", "beleidsregel:uwv/BR-2024-12"]`, `{"1": 1}`), e.prof)
		if r := first.Signal.Rules; len(r) != 2 || r[1].Version != 1 || r[0].Version != 0 {
			t.Errorf("anchored to %+v, want the rule's version 1", r)
		}
		before := e.signalCount()
		wantProblem(t, e.do("POST", "/api/v1/signalen", anchored(`["beleidsregel:uwv/BR-2024-12", "beleidsregel:uwv/BR-0", "beleidsregel:nee/BR-1"]`, `{"0": 7}`), e.prof),
			http.StatusBadRequest, "regels[0]", "regels[1]", "regels[2]")
		if e.signalCount() != before {
			t.Error("a signal on unregistered rules was stored")
		}

		figs := signalStep[api.FigurePage](e, "GET", "/api/v1/beleidsregels", "", nil, http.StatusOK)
		// ruleref reads a policy reference regardless of case, and keys it
		// in lower case.
		if figs.Total != 1 || !strings.EqualFold(figs.Results[0].Key, "beleidsregel:uwv/BR-2024-12") || figs.Results[0].Signals != 2 || figs.Results[0].Law != "uwv" ||
			figs.Results[0].Level != "beleidsregel" || figs.Results[0].URL != "" || figs.Results[0].Knelpunten != 2 {
			t.Fatalf("policy figures: %+v", figs)
		}
		if f := signalStep[api.FigurePage](e, "GET", "/api/v1/beleidsregels?organisatie=uwv&paginaGrootte=1", "", nil, http.StatusOK); f.Total != 1 || f.PageSize != 1 {
			t.Errorf("uwv's policy figures: %+v", f)
		}
		if f := signalStep[api.FigurePage](e, "GET", "/api/v1/beleidsregels?organisatie=svb", "", nil, http.StatusOK); f.Total != 0 {
			t.Errorf("svb's policy figures: %+v", f)
		}
		if p := signalStep[api.SignalPage](e, "GET", "/api/v1/signalen?organisatie=uwv&regel=beleidsregel:uwv/BR-2024-12", "", e.prof, http.StatusOK); p.Total != 2 {
			t.Errorf("signals on the policy rule: %d, want 2", p.Total)
		}
		wantProblem(t, e.do("GET", "/api/v1/beleidsregels?organisatie=nee&pagina=0&x=1", "", nil), http.StatusBadRequest, "organisatie", "pagina", "x")
		// The laws count only the law the second signal names.
		laws := signalStep[api.FigurePage](e, "GET", "/api/v1/wetten", "", nil, http.StatusOK)
		if laws.Total != 1 || laws.Results[0].Signals != 1 {
			t.Errorf("laws: %+v", laws)
		}
		wantProblem(t, e.do("GET", "/api/v1/wetten?paginaGrootte=501", "", nil), http.StatusBadRequest, "paginaGrootte")
	})
}
