package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/api"
	"github.com/schakel-nl/schakel/store/storetest"
)

// signalEnv is the API env on one backend with the whole catalogue, the
// people of uwv's knelpunt ladder, its ministry's, and parliament.
type signalEnv struct {
	*env
	coord, board, policy, mp *schakel.User
}

func newSignalEnv(t *testing.T, open storetest.Opener) *signalEnv {
	t.Helper()
	e := newEnvOn(t, open)
	e.t = t
	return withLadder(e)
}

// withLadder adds the catalogue and the people of the ladder to e.
func withLadder(e *env) *signalEnv {
	e.t.Helper()
	// A letter links to its knelpunten by absolute address.
	e.h.Signals.PublicBase = "https://schakel.example"
	if _, err := e.st.SeedPrinciples(context.Background(), schakel.DefaultPrinciples()); err != nil {
		e.t.Fatal(err)
	}
	parl := storetest.MustOrganisation(e.t, e.st, "tweede-kamer", schakel.OrgParliament)
	return &signalEnv{env: e,
		coord:  storetest.MustUser(e.t, e.st, "coordinator", schakel.Membership{OrganisationID: e.uwv.ID, Role: schakel.RoleCoordinator}),
		board:  storetest.MustUser(e.t, e.st, "bestuur", schakel.Membership{OrganisationID: e.uwv.ID, Role: schakel.RoleBoard}),
		policy: storetest.MustUser(e.t, e.st, "beleid", schakel.Membership{OrganisationID: e.minSZW.ID, Role: schakel.RolePolicy}),
		mp:     storetest.MustUser(e.t, e.st, "kamerlid", schakel.Membership{OrganisationID: parl.ID, Role: schakel.RoleParliament}),
	}
}

// onEveryBackend runs test on SQLite and, when SCHAKEL_TEST_POSTGRES is
// set, on PostgreSQL, each with a fresh signalEnv.
func onEveryBackend(t *testing.T, test func(t *testing.T, e *signalEnv)) {
	for _, b := range storetest.Backends() {
		t.Run(b.Name, func(t *testing.T) { test(t, newSignalEnv(t, b.Open)) })
	}
}

// The signals of the flow. wiaSignal is written the way a professional
// would, with personal data that must never leave uwv; wiaSimilar is about
// the same article in other words; otherLaw is about the Participatiewet.
const (
	wiaSignal = `{"organisatie": "uwv", "titel": "Terugvordering van WIA-voorschotten bij een te laat besluit",
		"regels": ["jci1.3:c:BWBR0019057&artikel=76"],
		"groep": "Mensen met een WIA-voorschot dat na een te laat besluit lager uitvalt",
		"gevolg": "Mevrouw Jansen (BSN 111222333) moet het WIA-voorschot terugbetalen omdat ons besluit te laat kwam; zij is bereikbaar op 06-12345678 en via j.jansen@example.nl.",
		"burgers": {"van": 2000, "tot": 5000, "methode": "Telling van de terugvorderingen van voorschotten in 2025"},
		"oplossing": "wet", "voorstel": "Voorschotten niet terugvorderen als het besluit te laat kwam.",
		"kosten": {"eenmaligCenten": 10000000, "structureelCenten": 250000000, "drager": "Rijksbegroting SZW"},
		"conflicten": [{"beginsel": "evenredigheid", "reden": "Terugbetalen is onevenredig voor mevrouw Jansen."}, {"beginsel": "rechtszekerheid", "reden": "Een voorschot leek definitief."}]}`
	wiaSimilar = `{"organisatie": "uwv", "titel": "WIA-voorschot terugvorderen na een te laat besluit is onredelijk",
		"regels": ["jci1.3:c:BWBR0019057&artikel=76&lid=1"],
		"groep": "Mensen die een WIA-voorschot kregen",
		"gevolg": "Na een te laat besluit moeten zij het voorschot terugbetalen.",
		"burgers": {"van": 1000, "tot": 3000, "methode": "Schatting van het team"},
		"oplossing": "wet", "voorstel": "Het voorschot niet terugvorderen als het besluit te laat kwam.",
		"conflicten": [{"beginsel": "evenredigheid", "reden": "Onevenredig."}]}`
	otherLaw = `{"organisatie": "uwv", "titel": "Kostendelersnorm bij inwonende mantelzorgers",
		"regels": ["jci1.3:c:BWBR0015703&artikel=22a"],
		"groep": "Mantelzorgers die bij een ouder intrekken",
		"gevolg": "De bijstand van de ouder daalt zodra het kind intrekt om te zorgen.",
		"burgers": {"van": 500, "tot": 4000, "methode": "CBS-cijfers over mantelzorg"},
		"oplossing": "wet", "voorstel": "Mantelzorgers buiten de kostendelersnorm laten.",
		"conflicten": [{"beginsel": "gelijkheid", "reden": "Zorg wordt bestraft."}]}`
)

// personalInSignal is every piece of personal data in wiaSignal.
var personalInSignal = []string{"Jansen", "111222333", "06-12345678", "j.jansen@example.nl"}

// signalStep sends a request and decodes its answer when it has status want.
func signalStep[T any](e *signalEnv, method, path, body string, u *schakel.User, want int) T {
	e.t.Helper()
	rec := e.do(method, path, body, u)
	if rec.Code != want {
		e.t.Fatalf("%s %s: %d, want %d: %s", method, path, rec.Code, want, rec.Body)
	}
	return decodeJSON[T](e.t, rec.Body.Bytes())
}

// file files body as u and returns what the API answered.
func (e *signalEnv) file(body string, u *schakel.User) api.FiledSignal {
	e.t.Helper()
	rec := e.do("POST", "/api/v1/signalen", body, u)
	if rec.Code != http.StatusCreated {
		e.t.Fatalf("file: %d %s", rec.Code, rec.Body)
	}
	f := decodeJSON[api.FiledSignal](e.t, rec.Body.Bytes())
	if loc := rec.Header().Get("Location"); loc != fmt.Sprintf("/api/v1/signalen/%d", f.Signal.ID) {
		e.t.Errorf("Location %q for signal %d", loc, f.Signal.ID)
	}
	return f
}

// joining returns body with knelpuntId k added.
func joining(body string, k int64) string {
	return strings.Replace(body, `"organisatie": "uwv",`, fmt.Sprintf(`"organisatie": "uwv", "knelpuntId": %d,`, k), 1)
}

// suggested returns the knelpunten /vergelijkingen suggests for body.
func (e *signalEnv) suggested(body string, u *schakel.User) []int64 {
	e.t.Helper()
	res := signalStep[api.SignalSuggestions](e, "POST", "/api/v1/signalen/vergelijkingen", body, u, http.StatusOK)
	var out []int64
	for _, s := range res.Results {
		out = append(out, s.Knelpunt.ID)
		if s.Score <= 0 || s.Score > 1 || len(s.Signals) == 0 || s.Knelpunt.Title == "" {
			e.t.Errorf("suggestion %+v", s)
		}
	}
	return out
}

// signalCount is how many signals uwv has, read through the service.
func (e *signalEnv) signalCount() int {
	e.t.Helper()
	_, n, err := e.h.Signals.Signals(context.Background(), e.admin, schakel.SignalFilter{OrganisationID: e.uwv.ID})
	if err != nil {
		e.t.Fatal(err)
	}
	return n
}

// publicAnswers collects the body of every GET as nobody, to scan them.
type publicAnswers struct {
	e      *signalEnv
	bodies map[string]string
}

func (p *publicAnswers) get(path string) string {
	p.e.t.Helper()
	rec := p.e.do("GET", path, "", nil)
	if rec.Code != http.StatusOK {
		p.e.t.Fatalf("GET %s as nobody: %d %s", path, rec.Code, rec.Body)
	}
	p.bodies[path] = rec.Body.String()
	return rec.Body.String()
}

// scan checks that no public answer holds any of the personal data, nor a
// user's id under any of the names the API gives them.
func (p *publicAnswers) scan(t *testing.T, personal []string) {
	t.Helper()
	for path, body := range p.bodies {
		for _, s := range personal {
			if strings.Contains(body, s) {
				t.Errorf("GET %s shows %q", path, s)
			}
		}
		var v any
		if err := json.Unmarshal([]byte(body), &v); err != nil {
			t.Fatal(err)
		}
		if k := userKey(v); k != "" {
			t.Errorf("GET %s has a user id in %q: %s", path, k, body)
		}
	}
}

// userKey returns a key anywhere in v that names a user, or "".
func userKey(v any) string {
	switch x := v.(type) {
	case map[string]any:
		for k, c := range x {
			if slices.Contains([]string{"door", "ingediendDoor", "gebruiker", "aangemaaktDoor", "verzondenDoor"}, k) {
				return k
			}
			if k := userKey(c); k != "" {
				return k
			}
		}
	case []any:
		for _, c := range x {
			if k := userKey(c); k != "" {
				return k
			}
		}
	}
	return ""
}

// TestSignalFlow follows a signal through the API only: filed in a new
// knelpunt with its personal data replaced, a similar one suggested that
// knelpunt and joining it (an unrelated one is not), the knelpunt put,
// adopted by the coordinator and the board, sent in the board's letter,
// answered by the ministry — first without a motivation for a principle,
// which is refused naming it — and then public with its answer, in the
// letter and in the figures per law, without any personal data.
func TestSignalFlow(t *testing.T) {
	onEveryBackend(t, func(t *testing.T, e *signalEnv) {
		first := e.file(wiaSignal, e.prof)
		k := first.Knelpunt.ID
		if first.Signal.State != "ingediend" || first.Signal.Knelpunt != k || first.Signal.FiledBy != e.prof.ID || first.Knelpunt.Title == "" {
			t.Fatalf("filed: %+v", first)
		}
		if r := first.Signal.Rules; len(r) != 1 || r[0].URL != "https://wetten.overheid.nl/jci1.3:c:BWBR0019057&artikel=76" || r[0].Version != 0 {
			t.Errorf("rules %+v", r)
		}
		kinds := map[string]int{}
		for _, r := range first.Redacted {
			kinds[r.Kind] = r.Count
		}
		if kinds["bsn"] != 1 || kinds["telefoonnummer"] != 1 || kinds["e-mail"] != 1 || kinds["naam"] < 1 {
			t.Errorf("redacted %v, want a bsn, a phone number, an e-mail address and a name", kinds)
		}
		// What was stored, and what the filer is told, is redacted.
		for _, body := range []string{e.do("GET", fmt.Sprintf("/api/v1/signalen/%d", first.Signal.ID), "", e.prof).Body.String(), fmt.Sprint(first)} {
			for _, p := range personalInSignal {
				if strings.Contains(body, p) {
					t.Errorf("the filed signal shows %q: %s", p, body)
				}
			}
		}
		e.clock.Advance(24 * time.Hour)

		// A signal about the same article is suggested the knelpunt; one
		// about another law is not, nor anything to someone of svb.
		if got := e.suggested(wiaSimilar, e.prof); !slices.Equal(got, []int64{k}) {
			t.Fatalf("suggested for a similar signal: %v, want [%d]", got, k)
		}
		if got := e.suggested(otherLaw, e.prof); len(got) != 0 {
			t.Fatalf("suggested for a signal about another law: %v", got)
		}
		wantProblem(t, e.do("POST", "/api/v1/signalen/vergelijkingen", wiaSimilar, e.svbAdmin), http.StatusForbidden)
		second := e.file(joining(wiaSimilar, k), e.prof)
		other := e.file(otherLaw, e.prof)
		if second.Knelpunt.ID != k || other.Knelpunt.ID == k {
			t.Fatalf("second in %d, other in %d; want %d and another", second.Knelpunt.ID, other.Knelpunt.ID, k)
		}
		kpath := fmt.Sprintf("/api/v1/knelpunten/%d", k)
		kn := signalStep[api.KnelpuntDetail](e, "GET", kpath, "", e.prof, http.StatusOK)
		if kn.SignalCount != 2 || len(kn.Signals) != 2 || kn.Citizens.Low != 3000 || kn.Citizens.High != 8000 ||
			len(kn.History) != 2 || len(kn.Rungs) != 0 || kn.State != "open" {
			t.Fatalf("knelpunt with two signals: %+v", kn)
		}
		// Nobody outside uwv sees a knelpunt before it is sent.
		wantProblem(t, e.do("GET", kpath, "", nil), http.StatusNotFound)
		wantProblem(t, e.do("GET", kpath, "", e.policy), http.StatusNotFound)

		// Up the ladder: put to the team, adopted by the coordinator and
		// by the board.
		kn = signalStep[api.KnelpuntDetail](e, "POST", kpath+"/voorleggingen", "", e.prof, http.StatusOK)
		if kn.State != "voorgelegd" || kn.Level != "team" || kn.Answering != "team" || len(kn.Rungs) != 1 {
			t.Fatalf("put: %+v", kn)
		}
		wantProblem(t, e.do("POST", kpath+"/antwoorden", `{"soort": "comply", "wijzigingen": "x", "uiterlijk": "2026-06-01"}`, e.board), http.StatusForbidden)
		e.clock.Advance(24 * time.Hour)
		kn = signalStep[api.KnelpuntDetail](e, "POST", kpath+"/antwoorden", `{"soort": "comply", "wijzigingen": "Het bestuur beslist erover.", "uiterlijk": "2026-06-01"}`, e.coord, http.StatusOK)
		if kn.Level != "bestuur" || kn.State != "voorgelegd" || kn.Answering != "bestuur" {
			t.Fatalf("adopted by the team: %+v", kn)
		}
		e.clock.Advance(24 * time.Hour)
		kn = signalStep[api.KnelpuntDetail](e, "POST", kpath+"/antwoorden", `{"soort": "comply", "wijzigingen": "Mee in de knelpuntenbrief.", "uiterlijk": "2026-07-01"}`, e.board, http.StatusOK)
		if kn.Level != "bestuur" || kn.State != "overgenomen" || kn.AdoptedAt == "" || kn.Answering != "" {
			t.Fatalf("adopted by the board: %+v", kn)
		}

		// The board drafts and sends its letter: only the adopted knelpunt.
		period := `{"organisatie": "uwv", "van": "2026-04-01", "tot": "2026-04-30"}`
		draft := signalStep[api.LetterDraft](e, "POST", "/api/v1/knelpuntenbrieven/concepten", period, e.board, http.StatusOK)
		if !slices.Equal(draft.KnelpuntIDs, []int64{k}) || len(draft.Knelpunten) != 1 || draft.Ministry != "min-szw" || draft.Period.From != "2026-04-01" || draft.SHA256.PDF == "" {
			t.Fatalf("draft: %+v", draft)
		}
		wantProblem(t, e.do("POST", "/api/v1/knelpuntenbrieven", period, e.coord), http.StatusForbidden)
		rec := e.do("POST", "/api/v1/knelpuntenbrieven", period, e.board)
		if rec.Code != http.StatusCreated {
			t.Fatalf("send: %d %s", rec.Code, rec.Body)
		}
		letter := decodeJSON[api.Letter](t, rec.Body.Bytes())
		lpath := fmt.Sprintf("/api/v1/knelpuntenbrieven/%d", letter.ID)
		if rec.Header().Get("Location") != lpath || letter.Reference != draft.Reference || letter.SHA256 != draft.SHA256 || !slices.Equal(letter.KnelpuntIDs, []int64{k}) ||
			letter.Date != "2026-04-04" || letter.Period != (api.Period{From: "2026-04-01", To: "2026-04-30"}) ||
			letter.Documents.PDF != fmt.Sprintf("/knelpuntenbrieven/%d/brief.pdf", letter.ID) {
			t.Fatalf("sent letter %+v (Location %q)", letter, rec.Header().Get("Location"))
		}
		wantProblem(t, e.do("POST", "/api/v1/knelpuntenbrieven", period, e.board), http.StatusBadRequest, "periode")

		// The ministry explains; a principle without a motivation is named.
		e.clock.Advance(24 * time.Hour)
		wantProblem(t, e.do("POST", kpath+"/antwoorden", `{"soort": "explain", "motiveringen": {"evenredigheid": "De wet laat geen ruimte."}}`, e.policy),
			http.StatusBadRequest, "motiveringen.rechtszekerheid")
		kn = signalStep[api.KnelpuntDetail](e, "POST", kpath+"/antwoorden",
			`{"soort": "explain", "motiveringen": {"evenredigheid": "Een wetswijziging volgt in 2027.", "rechtszekerheid": "Een voorschot is nooit definitief."}}`, e.policy, http.StatusOK)
		if kn.Level != "ministerie" || kn.State != "niet-overgenomen" || len(kn.Signals) != 0 || len(kn.History) != 0 {
			t.Fatalf("after the ministry's answer, as the ministry sees it: %+v", kn)
		}

		// The public sees the knelpunt, its letter and the figures.
		pub := &publicAnswers{e: e, bodies: map[string]string{}}
		kn = decodeJSON[api.KnelpuntDetail](t, []byte(pub.get(kpath)))
		if len(kn.Rungs) != 1 || kn.Rungs[0].Level != "ministerie" || len(kn.Rungs[0].Answers) != 1 {
			t.Fatalf("public knelpunt: %+v", kn)
		}
		if a := kn.Rungs[0].Answers[0]; a.Kind != "explain" || a.Level != "ministerie" || a.Motivations["evenredigheid"] != "Een wetswijziging volgt in 2027." {
			t.Errorf("public answer %+v", a)
		}
		page := decodeJSON[api.KnelpuntPage](t, []byte(pub.get("/api/v1/knelpunten")))
		if page.Total != 1 || page.Results[0].ID != k || page.Results[0].Letter != letter.ID {
			t.Errorf("public list: %+v", page)
		}
		ld := decodeJSON[api.LetterDetail](t, []byte(pub.get(lpath)))
		if len(ld.Knelpunten) != 1 || len(ld.Knelpunten[0].Rungs) != 1 || ld.Knelpunten[0].Rungs[0].Answers[0].Kind != "explain" || ld.Ministry != "min-szw" {
			t.Errorf("public letter: %+v", ld)
		}
		if lp := decodeJSON[api.LetterPage](t, []byte(pub.get("/api/v1/knelpuntenbrieven?organisatie=uwv&ministerie=min-szw"))); lp.Total != 1 {
			t.Errorf("letters: %+v", lp)
		}
		laws := decodeJSON[api.FigurePage](t, []byte(pub.get("/api/v1/wetten")))
		if laws.Total != 2 || laws.Results[0].Key != "wet:BWBR0019057" {
			t.Fatalf("laws: %+v", laws)
		}
		if f := laws.Results[0]; f.Signals != 2 || f.Knelpunten != 1 || f.Organisations != 1 || f.Citizens != (api.Citizens{Low: 3000, High: 8000}) ||
			f.Cost.OnceCents != 10000000 || f.Cost.YearlyCents != 250000000 || f.URL != "https://wetten.overheid.nl/BWBR0019057/" {
			t.Errorf("the WIA's figure: %+v", f)
		}
		law := decodeJSON[api.LawFigures](t, []byte(pub.get("/api/v1/wetten/BWBR0019057")))
		if law.ArticlesTotal != 1 || law.Articles[0].URL != "https://wetten.overheid.nl/jci1.3:c:BWBR0019057&artikel=76" || law.Articles[0].Signals != 2 ||
			law.KnelpuntenTotal != 1 || law.Knelpunten[0].ID != k {
			t.Errorf("the WIA: %+v", law)
		}
		pub.get("/api/v1/wetten/BWBR0015703")
		pub.get("/api/v1/knelpunten?regel=artikel:BWBR0019057/76")
		pub.get("/api/v1/beleidsregels")
		pub.get("/api/v1/organisaties/uwv/beleidsregels")
		pub.scan(t, personalInSignal)
	})
}
