package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/api"
	"github.com/schakel-nl/schakel/assessments"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/store/storetest"
)

// replaced returns body, a JSON object, with its top-level field name set
// to the JSON value raw, or left out when raw is "".
func replaced(t testing.TB, body, name, raw string) string {
	t.Helper()
	var m map[string]json.RawMessage
	if err := json.Unmarshal([]byte(body), &m); err != nil {
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

// badCase is a body refused with status, naming exactly fields.
type badCase struct {
	name   string
	body   string
	status int
	fields []string
}

// TestProposalBadInput: registering a proposal, asking for assessments
// and signing name every invalid field at once — wrong types, unknown and
// repeated fields, missing and oversized texts, malformed references and
// dates — and store nothing.
func TestProposalBadInput(t *testing.T) {
	onEveryProposalBackend(t, func(t *testing.T, e *proposalEnv) {
		for _, tc := range []badCase{
			{"nothing", `{}`, 400, []string{"ministerie", "soort", "titel", "samenvatting", "opgave", "tekst", "regels", "inwerkingtreding"}},
			{"everything wrong at once", `{"ministerie": 1, "soort": "wet", "titel": "` + strings.Repeat("x", 201) + `", "regels": ["BWBR12", 3],
				"inwerkingtreding": "morgen", "tekstUrl": "http://x", "x": 1}`, 400,
				[]string{"ministerie", "soort", "titel", "samenvatting", "opgave", "regels[0]", "regels[1]", "inwerkingtreding", "tekstUrl", "x"}},
			{"a date in the past and a ministry that is none", replaced(t, replaced(t, wiaBill, "inwerkingtreding", `"2026-03-31"`), "ministerie", `"uwv"`), 400,
				[]string{"inwerkingtreding", "ministerie"}},
			{"an unknown ministry, no rules, a field twice", strings.Replace(replaced(t, replaced(t, wiaBill, "regels", `[]`), "ministerie", `"bestaat-niet"`),
				`"opgave":`, `"titel": "Nog eens", "opgave":`, 1), 400, []string{"ministerie", "regels", "titel"}},
			{"too many rules", replaced(t, wiaBill, "regels", `[`+strings.Repeat(`"jci1.3:c:BWBR0019057&artikel=76",`, 30)+`"jci1.3:c:BWBR0019057&artikel=77"]`), 400, []string{"regels"}},
			{"neither text nor address", replaced(t, replaced(t, wiaBill, "tekst", ""), "tekstUrl", ""), 400, []string{"tekst"}},
			{"NUL characters, which PostgreSQL cannot store", replaced(t, replaced(t, wiaBill, "titel", `"Wet \u0000"`), "regels", `["jci1.3:c:BWBR0019057&artikel=76\u0000"]`), 400,
				[]string{"titel", "regels[0]"}},
			{"not an object", `["x"]`, 400, []string{"body"}},
			{"not JSON", `{"titel": `, 400, []string{"body"}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				before := e.proposalCount()
				wantProblem(t, e.do("POST", "/api/v1/voorstellen", tc.body, e.policy), tc.status, tc.fields...)
				if after := e.proposalCount(); after != before {
					t.Errorf("%d proposals after a refused registration, want %d", after, before)
				}
			})
		}
		// Someone who may not register learns nothing from the body.
		wantProblem(t, e.do("POST", "/api/v1/voorstellen", replaced(t, wiaBill, "titel", `1`), e.bzkPolicy), http.StatusForbidden)
		wantProblem(t, e.do("POST", "/api/v1/voorstellen", `{"titel": `, nil), http.StatusUnauthorized)

		p := e.register(wiaBill, e.policy)
		for _, tc := range []badCase{
			{"nothing", `{}`, 400, []string{"organisaties"}},
			{"a ministry, an unknown code, a number and a field too many", `{"organisaties": ["min-szw", "bestaat-niet", 3], "x": 1}`, 400,
				[]string{"organisaties[0]", "organisaties[1]", "organisaties[2]", "x"}},
			{"one organisation twice", `{"organisaties": ["uwv", "uwv"]}`, 400, []string{"organisaties[1]"}},
			{"a NUL character", `{"organisaties": ["uwv\u0000"]}`, 400, []string{"organisaties[0]"}},
			{"not a list", `{"organisaties": "uwv"}`, 400, []string{"organisaties"}},
		} {
			t.Run("request "+tc.name, func(t *testing.T) {
				wantProblem(t, e.do("POST", proposalPath(p.ID, "toetsaanvragen"), tc.body, e.policy), tc.status, tc.fields...)
				if n := e.assessmentCount(p.ID); n != 0 {
					t.Errorf("%d assessments after a refused request", n)
				}
			})
		}
		p = signalStep[api.ProposalDetail](e.signalEnv, "POST", proposalPath(p.ID, "toetsaanvragen"), `{"organisaties": ["uwv"]}`, e.policy, http.StatusOK)
		wantProblem(t, e.do("POST", proposalPath(p.ID, "toetsaanvragen"), `{"organisaties": ["uwv"]}`, e.policy), http.StatusBadRequest, "organisaties[0]")
		wantProblem(t, e.do("POST", proposalPath(p.ID, "handtekeningen"), `{"verklaring": 1, "y": 2}`, e.sg), http.StatusBadRequest, "verklaring", "y")
		wantProblem(t, e.do("POST", proposalPath(p.ID, "handtekeningen"), `{}`, e.sg), http.StatusBadRequest, "verklaring")
		if n := e.assessmentCount(p.ID); n != 1 {
			t.Errorf("%d assessments, want 1", n)
		}
	})
}

// TestAssessmentBadInput: delivering and answering an assessment name
// every invalid field at once, with the path of the body, and store
// nothing: the assessment keeps its state and nothing is added.
func TestAssessmentBadInput(t *testing.T) {
	onEveryProposalBackend(t, func(t *testing.T, e *proposalEnv) {
		p, uwv, _ := e.requested()
		deliver := []badCase{
			{"nothing", `{}`, 400, []string{"oordeel", "start"}},
			{"everything wrong at once", `{"oordeel": "misschien", "kosten": {"eenmaligCenten": -1, "fteStructureel": "veel", "x": 1},
				"effecten": [{"groep": "", "burgers": 30000000, "toelichting": ""}], "conflicten": [{"beginsel": "onbekend", "reden": ""}],
				"voorwaarden": [""], "start": "gisteren", "y": 1}`, 400,
				[]string{"oordeel", "kosten.eenmaligCenten", "kosten.fteStructureel", "kosten.x", "effecten[0].groep", "effecten[0].burgers", "effecten[0].beter",
					"effecten[0].toelichting", "conflicten[0].beginsel", "conflicten[0].reden", "voorwaarden[0]", "start", "y"}},
			{"conditional without conditions, costs without a bearer", replaced(t, replaced(t, uwvAssessment, "voorwaarden", ""), "kosten", `{"fteEenmalig": 3}`), 400,
				[]string{"voorwaarden", "kosten.drager"}},
			{"not executable without alternatives or dilemmas", replaced(t, replaced(t, replaced(t, uwvAssessment, "oordeel", `"niet-uitvoerbaar"`), "alternatieven", ""), "dilemmas", `[]`), 400,
				[]string{"alternatieven"}},
			{"absurd numbers", replaced(t, uwvAssessment, "kosten", `{"eenmaligCenten": 99999999999999999, "structureelCenten": 1e30, "fteEenmalig": 10000001, "fteStructureel": -1, "drager": "Rijk"}`), 400,
				[]string{"kosten.eenmaligCenten", "kosten.structureelCenten", "kosten.fteEenmalig", "kosten.fteStructureel"}},
			{"a value twice, an effect of the wrong type", replaced(t, replaced(t, uwvAssessment, "conflicten",
				`[{"beginsel": "rechtszekerheid", "reden": "a"}, {"beginsel": "rechtszekerheid", "reden": "b"}]`), "effecten", `[null, {"groep": 1, "beter": "ja", "toelichting": "t"}]`), 400,
				[]string{"conflicten[1].beginsel", "effecten[0]", "effecten[1].groep", "effecten[1].beter"}},
			{"twenty conditions and a value: more items than a request has grounds", replaced(t, uwvAssessment, "voorwaarden", `[`+strings.Repeat(`"v",`, 19)+`"v"]`), 400,
				[]string{"voorwaarden"}},
			{"NUL characters", replaced(t, replaced(t, uwvAssessment, "conflicten", `[{"beginsel": "\u0000", "reden": "r"}]`), "dilemmas", `["a\u0000"]`), 400,
				[]string{"conflicten[0].beginsel", "dilemmas[0]"}},
			{"a start in the past", replaced(t, uwvAssessment, "start", `"2026-03-01"`), 400, []string{"start"}},
			{"oversized texts", replaced(t, uwvAssessment, "dilemmas", `["`+strings.Repeat("x", 4001)+`"]`), 400, []string{"dilemmas[0]"}},
			{"not JSON", `{"oordeel": `, 400, []string{"body"}},
			{"empty", ``, 400, []string{"body"}},
		}
		for _, tc := range deliver {
			t.Run("deliver "+tc.name, func(t *testing.T) {
				wantProblem(t, e.do("POST", assessmentPath(uwv, "oordelen"), tc.body, e.board), tc.status, tc.fields...)
				if s := e.assessmentState(uwv); s != schakel.AssessmentRequested {
					t.Errorf("after refused input: %s", s)
				}
				if n := e.assessmentCount(p.ID); n != 2 {
					t.Errorf("%d assessments, want 2", n)
				}
			})
		}
		signalStep[api.Assessment](e.signalEnv, "POST", assessmentPath(uwv, "oordelen"), uwvAssessment, e.board, http.StatusOK)

		text := func(s string) string { return `"tekst": "` + s + ` is zo in het wetsvoorstel geregeld."` }
		answer := []badCase{
			{"nothing", `{}`, 400, []string{"antwoorden.oordeel", "antwoorden.voorwaarde-1", "antwoorden.voorwaarde-2", "antwoorden.waarde-rechtszekerheid"}},
			{"everything wrong at once", `{"antwoorden": {"oordeel": {"aanvaard": "ja", "tekst": "kort"}, "voorwaarde-1": {` + text("De termijn") + `},
				"voorwaarde-9": {"aanvaard": true, ` + text("Dit punt") + `}, "waarde-rechtszekerheid": {"aanvaard": true, "tekst": "x", "extra": 1}}, "z": 1}`, 400,
				[]string{"antwoorden.oordeel.aanvaard", "antwoorden.oordeel", "antwoorden.voorwaarde-1.aanvaard", "antwoorden.voorwaarde-2",
					"antwoorden.voorwaarde-9", "antwoorden.waarde-rechtszekerheid", "antwoorden.waarde-rechtszekerheid.extra", "z"}},
			{"an item twice", strings.Replace(uwvAnswers, `"oordeel": {`, `"oordeel": {"aanvaard": true, `+text("Het oordeel")+`}, "oordeel": {`, 1), 400,
				[]string{"antwoorden.oordeel"}},
			{"an answer that is no object", replaced(t, uwvAnswers, "antwoorden", `{"oordeel": "ja", "voorwaarde-1": null}`), 400,
				[]string{"antwoorden.oordeel", "antwoorden.voorwaarde-1", "antwoorden.voorwaarde-2", "antwoorden.waarde-rechtszekerheid"}},
			{"a NUL character", strings.Replace(uwvAnswers, "memorie van toelichting.", "memorie\\u0000", 1), 400, []string{"antwoorden.oordeel.tekst"}},
			{"answers that are no object", `{"antwoorden": []}`, 400, []string{"antwoorden"}},
			{"nearly the same text twice", strings.Replace(uwvAnswers, "Lopende terugvorderingen worden ambtshalve herzien, met bericht aan elke betrokkene.",
				"het oordeel is overgenomen in de memorie van toelichting", 1), 400, []string{"antwoorden.waarde-rechtszekerheid"}},
			{"not JSON", `{"antwoorden": `, 400, []string{"body"}},
		}
		for _, tc := range answer {
			t.Run("answer "+tc.name, func(t *testing.T) {
				wantProblem(t, e.do("POST", assessmentPath(uwv, "antwoorden"), tc.body, e.minister), tc.status, tc.fields...)
				if s := e.assessmentState(uwv); s != schakel.AssessmentDelivered {
					t.Errorf("after refused input: %s", s)
				}
			})
		}
	})
}

// fuzzTarget is one backend's env for FuzzAssessmentDecoder, with an
// assessment that waits for its delivery and one that waits for its
// answer.
type fuzzTarget struct {
	e                       *env
	policy, board, minister *schakel.User
	requested, delivered    int64
}

// newFuzzTarget builds a target on one backend.
func newFuzzTarget(f *testing.F, open storetest.Opener) *fuzzTarget {
	e := newEnvOn(f, open)
	if _, err := e.st.SeedPrinciples(f.Context(), schakel.DefaultPrinciples()); err != nil {
		f.Fatal(err)
	}
	tg := &fuzzTarget{e: e,
		policy:   storetest.MustUser(f, e.st, "beleid", schakel.Membership{OrganisationID: e.minSZW.ID, Role: schakel.RolePolicy}),
		board:    storetest.MustUser(f, e.st, "bestuur", schakel.Membership{OrganisationID: e.uwv.ID, Role: schakel.RoleBoard}),
		minister: storetest.MustUser(f, e.st, "minister", schakel.Membership{OrganisationID: e.minSZW.ID, Role: schakel.RoleMinister})}
	tg.refresh(f)
	return tg
}

// refresh gives tg a new assessment to deliver and a new one to answer,
// made through the services.
func (tg *fuzzTarget) refresh(tb testing.TB) {
	ctx := context.Background()
	svc := tg.e.h.Assessments
	ask := func() int64 {
		p, err := svc.Register(ctx, tg.policy, assessments.RegisterInput{Ministry: "min-szw", Kind: schakel.KindBill, Title: "Wet voorschotten WIA",
			Summary: "Geen terugvordering.", Rules: []string{"jci1.3:c:BWBR0019057&artikel=76"}, Task: "Bestaanszekerheid",
			PlannedEntry: calendar.DateOf(2027, 1, 1), TextURL: "https://www.internetconsultatie.nl/wia"})
		if err != nil {
			tb.Fatal(err)
		}
		if _, err := svc.RequestAssessments(ctx, tg.policy, p.ID, assessments.RequestInput{Organisations: []string{"uwv"}}); err != nil {
			tb.Fatal(err)
		}
		v, err := svc.Get(ctx, nil, p.ID)
		if err != nil {
			tb.Fatal(err)
		}
		return v.Assessments[0].Assessment.ID
	}
	tg.requested, tg.delivered = ask(), ask()
	if _, err := svc.Deliver(ctx, tg.board, tg.delivered, assessments.DeliverInput{Verdict: schakel.VerdictConditional,
		Conditions: []string{"Een overgangstermijn."}, Conflicts: []assessments.Conflict{{Principle: "rechtszekerheid", Grounds: "Lopende zaken."}},
		Start: calendar.DateOf(2027, 1, 1)}); err != nil {
		tb.Fatal(err)
	}
}

// snapshot is everything a refused body must leave alone: both
// assessments and the number of proposals.
func (tg *fuzzTarget) snapshot(t *testing.T) string {
	ctx := context.Background()
	var b strings.Builder
	for _, id := range []int64{tg.requested, tg.delivered} {
		a, err := tg.e.h.Assessments.Assessment(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		j, _ := json.Marshal(a)
		b.Write(j)
	}
	_, n, err := tg.e.h.Assessments.List(ctx, schakel.ProposalFilter{})
	if err != nil {
		t.Fatal(err)
	}
	b.WriteString(strconv.Itoa(n))
	return b.String()
}

// FuzzAssessmentDecoder posts arbitrary bytes as an assessment (as the
// board asked) and as the minister's answers: never a server error, and a
// refusal stores nothing.
func FuzzAssessmentDecoder(f *testing.F) {
	for _, seed := range []string{
		uwvAssessment, svbAssessment, uwvAnswers, svbAnswers, `{}`, ``, `[]`, `null`, `{"oordeel": `, `{"kosten": {"eenmaligCenten": 1e400}}`,
		`{"antwoorden": {"oordeel": null}}`, `{"antwoorden": {"oordeel": {"aanvaard": true, "tekst": "x"}, "oordeel": {}}}`, `{"antwoorden": "x"}`,
		`{"effecten": [{"beter": null}], "start": "2026-02-30"}`, "{\"voorwaarden\": [\"\xff\"]}", `{"conflicten": [{"beginsel": "\u0000"}]}`,
	} {
		f.Add([]byte(seed), false)
		f.Add([]byte(seed), true)
	}
	var targets []*fuzzTarget
	for _, b := range storetest.Backends() {
		targets = append(targets, newFuzzTarget(f, b.Open))
	}
	f.Fuzz(func(t *testing.T, body []byte, answer bool) {
		for _, tg := range targets {
			path, u := assessmentPath(tg.requested, "oordelen"), tg.board
			if answer {
				path, u = assessmentPath(tg.delivered, "antwoorden"), tg.minister
			}
			before := tg.snapshot(t)
			req := httptest.NewRequest("POST", path, bytes.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set(testUserHeader, strconv.FormatInt(u.ID, 10))
			rec := httptest.NewRecorder()
			tg.e.srv.ServeHTTP(rec, req)
			switch {
			case rec.Code >= 500:
				t.Fatalf("status %d for %q: %s", rec.Code, body, rec.Body)
			case rec.Code >= 400:
				if after := tg.snapshot(t); after != before {
					t.Fatalf("status %d for %q, yet the store changed:\n%s\n%s", rec.Code, body, before, after)
				}
				if ct := rec.Header().Get("Content-Type"); ct != "application/problem+json" {
					t.Fatalf("status %d with Content-Type %q", rec.Code, ct)
				}
			case rec.Code != http.StatusOK:
				t.Fatalf("status %d for %q", rec.Code, body)
			default:
				// Accepted: the next inputs get a fresh assessment to try.
				tg.refresh(t)
			}
		}
	})
}
