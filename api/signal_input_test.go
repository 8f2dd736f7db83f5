package api_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/store/storetest"
)

// withField returns wiaSignal with its top-level field name set to the
// JSON value raw (or left out when raw is ""), keeping the order of the
// rest.
func withField(t testing.TB, name, raw string) string {
	t.Helper()
	var m map[string]json.RawMessage
	if err := json.Unmarshal([]byte(wiaSignal), &m); err != nil {
		t.Fatal(err)
	}
	if raw == "" {
		delete(m, name)
	} else {
		m[name] = json.RawMessage(raw)
	}
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestSignalBadInput: a signal names every invalid field at once — wrong
// types, unknown fields, missing rules, an unknown principle, negative and
// absurd numbers, oversized texts — and nothing is stored.
func TestSignalBadInput(t *testing.T) {
	onEveryBackend(t, func(t *testing.T, e *signalEnv) {
		long := strconv.Quote(strings.Repeat("lang ", 1000))
		for _, tc := range []struct {
			name   string
			body   string
			user   *schakel.User
			status int
			fields []string
		}{
			{"nothing", `{}`, e.prof, 400, []string{"organisatie", "titel", "regels", "groep", "gevolg", "burgers.tot", "burgers.methode", "oplossing", "voorstel", "conflicten"}},
			{"no rules", withField(t, "regels", ""), e.prof, 400, []string{"regels"}},
			{"empty rules", withField(t, "regels", `[]`), e.prof, 400, []string{"regels"}},
			{"a rule that is no reference and one twice", withField(t, "regels", `["artikel 76 Wet op de vliegende schotels", "jci1.3:c:BWBR0019057&artikel=76", "jci1.3:c:BWBR0019057&artikel=76"]`),
				e.prof, 400, []string{"regels[0]", "regels[2]"}},
			{"unknown principle", withField(t, "conflicten", `[{"beginsel": "bestaat-niet", "reden": "x"}, {"beginsel": "evenredigheid", "reden": ""}]`), e.prof, 400,
				[]string{"conflicten[0].beginsel", "conflicten[1].reden"}},
			{"absurd and negative numbers", withField(t, "kosten", `{"eenmaligCenten": -1, "structureelCenten": 99999999999999999, "drager": "Rijk"}`), e.prof, 400,
				[]string{"kosten.eenmaligCenten", "kosten.structureelCenten"}},
			{"more citizens than the Netherlands has", withField(t, "burgers", `{"van": -5, "tot": 30000000, "methode": "x"}`), e.prof, 400,
				[]string{"burgers.van", "burgers.tot"}},
			{"a number too large for any integer", withField(t, "burgers", `{"van": 1, "tot": 1e30, "methode": "x"}`), e.prof, 400, []string{"burgers.tot"}},
			{"oversized texts", withField(t, "gevolg", long), e.prof, 400, []string{"gevolg"}},
			{"oversized title", withField(t, "titel", strconv.Quote(strings.Repeat("x", 201))), e.prof, 400, []string{"titel"}},
			{"wrong types", `{"organisatie": "uwv", "titel": 3, "regels": "x", "burgers": {"van": "veel", "tot": 3, "methode": "x"}, "kosten": [], "conflicten": {},
				"groep": "g", "gevolg": "g", "oplossing": "wet", "voorstel": "v", "versies": [1], "bewijs": [{"soort": 1, "id": "2"}], "knelpuntId": true}`, e.prof, 400,
				[]string{"titel", "regels", "burgers.van", "kosten", "conflicten", "versies", "bewijs[0].soort", "bewijs[0].id", "knelpuntId"}},
			{"unknown and repeated fields", strings.Replace(wiaSignal, `"titel":`, `"extra": 1, "burgers": {"x": 1}, "titel":`, 1), e.prof, 400,
				[]string{"extra", "burgers.x", "burgers"}},
			{"a version of a law and of no rule", withField(t, "versies", `{"0": 2, "5": 1, "x": 1}`), e.prof, 400, []string{"versies.0", "versies.5", "versies.x"}},
			{"evidence of no kind and no number", withField(t, "bewijs", `[{"soort": "dossier", "id": 0}]`), e.prof, 400, []string{"bewijs[0].soort", "bewijs[0].id"}},
			{"everything at once", `{"organisatie": "uwv", "titel": "` + strings.Repeat("x", 201) + `", "regels": [], "groep": 1, "gevolg": "g", "oplossing": "alles",
				"burgers": {"van": 1, "tot": 30000000, "methode": "m"}, "kosten": {"eenmaligCenten": -1}, "conflicten": [{"beginsel": "bestaat-niet", "reden": "r"}], "y": 1}`,
				e.prof, 400, []string{"titel", "regels", "groep", "oplossing", "voorstel", "burgers.tot", "kosten.eenmaligCenten", "conflicten[0].beginsel", "y"}},
			{"not JSON", `{"titel": `, e.prof, 400, []string{"body"}},
			{"no login", wiaSignal, nil, 401, nil},
			{"another organisation", strings.Replace(wiaSignal, `"uwv"`, `"svb"`, 1), e.prof, 403, nil},
			{"another organisation's knelpunt", withField(t, "knelpuntId", `999`), e.prof, 400, []string{"knelpuntId"}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				before := e.signalCount()
				wantProblem(t, e.do("POST", "/api/v1/signalen", tc.body, tc.user), tc.status, tc.fields...)
				if after := e.signalCount(); after != before {
					t.Errorf("%d signals after a refused filing, want %d", after, before)
				}
			})
		}
		if n := e.signalCount(); n != 0 {
			t.Fatalf("%d signals stored by bad input", n)
		}
	})
}

// FuzzSignalDecoder posts arbitrary bytes as a signal, as a member of the
// organisation: never a server error, and a refusal stores nothing.
func FuzzSignalDecoder(f *testing.F) {
	for _, seed := range []string{
		wiaSignal, wiaSimilar, otherLaw, `{}`, ``, `[]`, `null`, `{"titel": `, `{"burgers": {"tot": 1e400}}`,
		withField(f, "versies", `{"0": 1, "-1": 2, "01": 3}`), withField(f, "regels", `["beleidsregel:uwv/BR-1", "https://wetten.overheid.nl/BWBR0019057/2024-01-01#Artikel76"]`),
		withField(f, "knelpuntId", `-1`), withField(f, "signaalId", `1`), withField(f, "bewijs", `[{"soort": "casus", "id": 1}]`),
		`{"organisatie": "uwv", "titel": "\u0000\ud800", "regels": [null]}`, "{\"gevolg\": \"\xff\"}",
	} {
		f.Add([]byte(seed))
	}
	type target struct {
		srv  http.Handler
		e    *env
		prof *schakel.User
	}
	var targets []target
	for _, b := range storetest.Backends() {
		e := newEnvOn(f, b.Open)
		if _, err := e.st.SeedPrinciples(f.Context(), schakel.DefaultPrinciples()); err != nil {
			f.Fatal(err)
		}
		targets = append(targets, target{srv: e.srv, e: e, prof: e.prof})
	}
	count := func(t *testing.T, e *env) int {
		_, n, err := e.h.Signals.Signals(t.Context(), e.admin, schakel.SignalFilter{OrganisationID: e.uwv.ID})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		for _, tg := range targets {
			before := count(t, tg.e)
			req := httptest.NewRequest("POST", "/api/v1/signalen", bytes.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set(testUserHeader, strconv.FormatInt(tg.prof.ID, 10))
			rec := httptest.NewRecorder()
			tg.srv.ServeHTTP(rec, req)
			switch {
			case rec.Code >= 500:
				t.Fatalf("status %d for %q: %s", rec.Code, body, rec.Body)
			case rec.Code >= 400:
				if after := count(t, tg.e); after != before {
					t.Fatalf("status %d for %q, yet %d signals where there were %d", rec.Code, body, after, before)
				}
				if ct := rec.Header().Get("Content-Type"); ct != "application/problem+json" {
					t.Fatalf("status %d with Content-Type %q", rec.Code, ct)
				}
			case rec.Code != http.StatusCreated:
				t.Fatalf("status %d for %q", rec.Code, body)
			}
		}
	})
}
