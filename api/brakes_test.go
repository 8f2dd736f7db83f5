package api_test

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/api"
	"github.com/schakel-nl/schakel/jobs"
	"github.com/schakel-nl/schakel/store/storetest"
	"github.com/schakel-nl/schakel/throttle"
	"golang.org/x/time/rate"
)

// brakeEnv is the API env with the whole catalogue and the people of the
// three ladders at uwv and its ministry, and parliament.
type brakeEnv struct {
	*env
	coord, board, policy, minister, mp, counsel *schakel.User
}

func newBrakeEnv(t *testing.T) *brakeEnv {
	t.Helper()
	e := newEnv(t)
	if _, err := e.st.SeedPrinciples(context.Background(), schakel.DefaultPrinciples()); err != nil {
		t.Fatal(err)
	}
	parl := storetest.MustOrganisation(t, e.st, "tweede-kamer", schakel.OrgParliament)
	return &brakeEnv{env: e,
		coord:    storetest.MustUser(t, e.st, "coordinator", schakel.Membership{OrganisationID: e.uwv.ID, Role: schakel.RoleCoordinator}),
		board:    storetest.MustUser(t, e.st, "bestuur", schakel.Membership{OrganisationID: e.uwv.ID, Role: schakel.RoleBoard}),
		policy:   storetest.MustUser(t, e.st, "beleid", schakel.Membership{OrganisationID: e.minSZW.ID, Role: schakel.RolePolicy}),
		minister: storetest.MustUser(t, e.st, "minister", schakel.Membership{OrganisationID: e.minSZW.ID, Role: schakel.RoleMinister}),
		mp:       storetest.MustUser(t, e.st, "kamerlid", schakel.Membership{OrganisationID: parl.ID, Role: schakel.RoleParliament}),
		counsel:  storetest.MustUser(t, e.st, "vertrouwenspersoon", schakel.Membership{OrganisationID: e.uwv.ID, Role: schakel.RoleCounsel}),
	}
}

const (
	professionalBrake = `{"niveau": "professional", "organisatie": "uwv", "identiteit": %q, "betreft": "Werkinstructie terugvordering WIA-voorschotten",
		"regels": ["jci1.3:c:BWBR0019057&artikel=76"], "onderwerp": "Terugvordering van voorschotten stoppen",
		"toelichting": "Mensen moeten duizenden euro's terugbetalen door een fout van ons.",
		"gronden": [{"beginsel": "evenredigheid", "toelichting": "De gevolgen zijn onevenredig."}, {"beginsel": "zorgvuldigheid", "toelichting": "Niemand keek naar de situatie."}], "urgent": %v}`
	returnedAssignment = `{"niveau": "organisatie", "organisatie": "uwv", "betreft": "Opdracht: invoering per 1 juli",
		"regels": ["jci1.3:c:BWBR0019057&artikel=76"], "onderwerp": "Opdracht onuitvoerbaar",
		"gronden": [{"beginsel": "legaliteit", "toelichting": "Er is geen grondslag."}]}`
	citizenBrake = `{"niveau": "burger", "organisatie": "uwv", "kenmerk": "UWV-2026-004711", "datumBesluit": "2026-03-20",
		"toelichting": "Ik moet alles terugbetalen.", "bezwaren": ["niet-gehoord", "onevenredig"], "gewensteUitkomst": "Dat de terugvordering vervalt."}`
)

func (e *brakeEnv) pull(body string, u *schakel.User) api.PulledBrake {
	e.t.Helper()
	rec := e.do("POST", "/api/v1/noodremmen", body, u)
	if rec.Code != http.StatusCreated {
		e.t.Fatalf("pull: %d %s", rec.Code, rec.Body)
	}
	return decodeJSON[api.PulledBrake](e.t, rec.Body.Bytes())
}

func (e *brakeEnv) step(path, body string, u *schakel.User, want int) string {
	e.t.Helper()
	rec := e.do("POST", path, body, u)
	if rec.Code != want {
		e.t.Fatalf("POST %s: %d, want %d: %s", path, rec.Code, want, rec.Body)
	}
	return rec.Body.String()
}

func (e *brakeEnv) brake(id int64) api.BrakeDetail {
	e.t.Helper()
	rec := e.do("GET", fmt.Sprintf("/api/v1/noodremmen/%d", id), "", nil)
	if rec.Code != http.StatusOK {
		e.t.Fatalf("GET brake %d: %d %s", id, rec.Code, rec.Body)
	}
	return decodeJSON[api.BrakeDetail](e.t, rec.Body.Bytes())
}

func (e *brakeEnv) sweep() {
	e.t.Helper()
	s := &jobs.Sweeper{Store: e.st, Engine: e.h.Requests.Engine, Clock: e.clock, Log: slog.New(slog.DiscardHandler)}
	if _, err := s.SweepOnce(context.Background()); err != nil {
		e.t.Fatal(err)
	}
}

// TestProfessionalBrakeFlow: someone of another organisation pulls at uwv;
// the coordinator acknowledges and complies; the register shows it met.
func TestProfessionalBrakeFlow(t *testing.T) {
	e := newBrakeEnv(t)
	p := e.pull(fmt.Sprintf(professionalBrake, "genoemd", false), e.svbAdmin)
	if p.ReceiptCode != "" || p.Request == "" || p.Brake.Level != "professional" || p.Brake.Addressee.Role != "coordinator" {
		t.Fatalf("pulled = %+v", p)
	}
	req := fmt.Sprintf("/api/v1/verantwoordingsverzoeken/%d", p.Brake.ID)
	e.step(req+"/ontvangstbevestigingen", "", e.coord, 200)
	e.step(req+"/antwoorden", `{"soort": "comply", "wijzigingen": "De terugvordering stopt.", "uiterlijk": "2026-05-01"}`, e.coord, 200)
	e.step(req+"/afsluitingen", "", e.svbAdmin, 200)
	b := e.brake(p.Brake.ID)
	if b.State != "gesloten" || b.Answer != "comply" || b.DeadlineMissed || len(b.Escalations) != 0 {
		t.Fatalf("register: %+v", b.Brake)
	}
	var types []string
	for _, ev := range b.Events {
		types = append(types, ev.Type)
		if !strings.HasPrefix(ev.Proof, fmt.Sprintf("/api/v1/logboek/gebeurtenissen/%d/", p.Brake.ID)) {
			t.Errorf("event %d has proof %q", ev.Seq, ev.Proof)
		}
	}
	if got := strings.Join(types, ","); got != "aangemaakt,ontvangst-bevestigd,beantwoord,gesloten" {
		t.Fatalf("events %s", got)
	}
}

// TestProfessionalBrakeEscalates: explain, contest, escalation to the
// board; then a missed deadline climbs to the ministry, and at the top a
// miss is recorded.
func TestProfessionalBrakeEscalates(t *testing.T) {
	e := newBrakeEnv(t)
	p := e.pull(fmt.Sprintf(professionalBrake, "genoemd", true), e.prof)
	req := fmt.Sprintf("/api/v1/verantwoordingsverzoeken/%d", p.Brake.ID)
	e.step(req+"/antwoorden", `{"soort": "explain", "motiveringen": {"evenredigheid": "De wet laat geen ruimte.", "zorgvuldigheid": "Elk dossier is bekeken."}}`, e.coord, 200)
	e.step(req+"/betwistingen", `{"reden": "De wet laat wel ruimte: artikel 4:84 Awb."}`, e.prof, 200)
	b := e.brake(p.Brake.ID)
	if b.State != "geescaleerd" || b.Addressee.Role != "bestuur" || len(b.Escalations) != 1 || b.Escalations[0].Cause != "betwisting" {
		t.Fatalf("after contest: %+v", b.Brake)
	}
	// Nobody at the board answers: the sweep climbs to the ministry.
	e.clock.Advance(60 * 24 * time.Hour)
	e.sweep()
	b = e.brake(p.Brake.ID)
	if b.Addressee.Organisation != "min-szw" || len(b.Escalations) != 2 || b.Escalations[1].Cause != "termijn" || !b.DeadlineMissed {
		t.Fatalf("after the missed deadline: %+v", b.Brake)
	}
	// At the top the miss is recorded, and the brake stays owed.
	e.clock.Advance(120 * 24 * time.Hour)
	e.sweep()
	b = e.brake(p.Brake.ID)
	if b.State != "geescaleerd" || b.MissedCount < 2 || b.Events[len(b.Events)-1].Type != "termijn-gemist" {
		t.Fatalf("at the top: %+v, last event %+v", b.Brake, b.Events[len(b.Events)-1])
	}
	rec := e.do("GET", "/api/v1/noodremmen?termijnGemist=true", "", nil)
	page := decodeJSON[api.BrakePage](t, rec.Body.Bytes())
	if page.Total != 1 || page.Results[0].ID != p.Brake.ID {
		t.Fatalf("register of missed: %+v", page)
	}
}

// TestOrganisationBrakeBudget: the board returns an assignment; the
// ministry explains, the board contests, the minister answers in public;
// the budget is used, refused with the renewal date, and given back by a
// comply.
func TestOrganisationBrakeBudget(t *testing.T) {
	e := newBrakeEnv(t)
	budget := func() api.ReferralBudget {
		rec := e.do("GET", "/api/v1/organisaties/uwv/doorverwijsbudget", "", nil)
		return decodeJSON[api.ReferralBudget](t, rec.Body.Bytes())
	}
	if b := budget(); b.Available != 1 || b.Limit != 1 || b.Renews != "2027-01-01" {
		t.Fatalf("budget at start: %+v", b)
	}
	first := e.pull(returnedAssignment, e.board)
	if first.Brake.Addressee != (api.Addressee{Organisation: "min-szw", Role: "beleid"}) || len(first.Brake.Ladder) != 3 || first.Brake.Ladder[2].Role != "parlement" {
		t.Fatalf("ladder: %+v", first.Brake.Ladder)
	}
	if b := budget(); b.Used != 1 || b.Available != 0 {
		t.Fatalf("budget after the pull: %+v", b)
	}
	rec := e.do("POST", "/api/v1/noodremmen", returnedAssignment, e.board)
	if rec.Code != http.StatusConflict || !strings.Contains(rec.Body.String(), "1 januari 2027") {
		t.Fatalf("second pull: %d %s", rec.Code, rec.Body)
	}
	req := fmt.Sprintf("/api/v1/verantwoordingsverzoeken/%d", first.Brake.ID)
	e.step(req+"/antwoorden", `{"soort": "explain", "motiveringen": {"legaliteit": "De grondslag is artikel 76."}}`, e.policy, 200)
	e.step(req+"/betwistingen", `{"reden": "Artikel 76 gaat over iets anders."}`, e.board, 200)
	e.step(req+"/antwoorden", `{"soort": "comply", "wijzigingen": "De invoering wordt uitgesteld tot 2027.", "uiterlijk": "2026-07-01"}`, e.minister, 200)
	b := e.brake(first.Brake.ID)
	if len(b.MinisterAnswers) != 1 || b.MinisterAnswers[0].Answer != "comply" || !strings.Contains(b.MinisterAnswers[0].Changes, "2027") {
		t.Fatalf("minister's answers: %+v", b.MinisterAnswers)
	}
	// The comply gives the referral back.
	if b := budget(); b.Used != 0 || b.Available != 1 {
		t.Fatalf("budget after the comply: %+v", b)
	}
	second := e.pull(returnedAssignment, e.board)
	req = fmt.Sprintf("/api/v1/verantwoordingsverzoeken/%d", second.Brake.ID)
	e.step(req+"/antwoorden", `{"soort": "explain", "motiveringen": {"legaliteit": "Wel uitvoerbaar."}}`, e.policy, 200)
	e.step(req+"/afsluitingen", `{"reden": "Aanvaard."}`, e.board, 200)
	if b := budget(); b.Used != 1 || b.Available != 0 {
		t.Fatalf("budget after an explain that stands: %+v", b)
	}
	// A new year renews it.
	e.clock.Set(time.Date(2027, 1, 4, 9, 0, 0, 0, time.UTC))
	if b := budget(); b.Year != 2027 || b.Available != 1 {
		t.Fatalf("budget in 2027: %+v", b)
	}
	// Budget 0: every pull is refused, with the renewal date.
	e.h.Brakes.Budget = 0
	rec = e.do("POST", "/api/v1/noodremmen", returnedAssignment, e.board)
	if rec.Code != http.StatusConflict || !strings.Contains(rec.Body.String(), "1 januari 2028") {
		t.Fatalf("budget 0: %d %s", rec.Code, rec.Body)
	}
}

// TestCitizenBrakeFlow: no login; the receipt code is shown once, opens the
// brake with its answer, and contests an explain once.
func TestCitizenBrakeFlow(t *testing.T) {
	e := newBrakeEnv(t)
	p := e.pull(citizenBrake, nil)
	if len(p.ReceiptCode) != 29 || strings.Count(p.ReceiptCode, "-") != 5 || p.Request != "" {
		t.Fatalf("pulled: %+v", p)
	}
	if p.Brake.AnswerDue != "2026-05-13" || p.Brake.Addressee.Role != "coordinator" {
		t.Fatalf("citizen's brake due %s at %+v, want six weeks at the coordinator", p.Brake.AnswerDue, p.Brake.Addressee)
	}
	follow := func(code string, want int) api.FollowedBrake {
		t.Helper()
		rec := e.do("POST", "/api/v1/ontvangstcodes/raadplegingen", fmt.Sprintf(`{"ontvangstcode": %q}`, code), nil)
		if rec.Code != want {
			t.Fatalf("follow: %d, want %d: %s", rec.Code, want, rec.Body)
		}
		if want != 200 {
			return api.FollowedBrake{}
		}
		return decodeJSON[api.FollowedBrake](t, rec.Body.Bytes())
	}
	f := follow(strings.ToLower(strings.ReplaceAll(p.ReceiptCode, "-", " ")), 200)
	if f.Brake.State != "open" || f.DecisionReference != "UWV-2026-004711" || f.Request.Requester.Kind != "anoniem" || len(f.Request.Grounds) != 2 {
		t.Fatalf("followed: %+v", f)
	}
	req := fmt.Sprintf("/api/v1/verantwoordingsverzoeken/%d", p.Brake.ID)
	e.step(req+"/antwoorden", `{"soort": "explain", "motiveringen": {"fair-play": "U bent op 3 maart gebeld.", "evenredigheid": "De wet laat geen ruimte."}}`, e.coord, 200)
	f = follow(p.ReceiptCode, 200)
	if f.Request.State != "beantwoord" || f.Request.History[len(f.Request.History)-1].Motivations["fair-play"] != "U bent op 3 maart gebeld." {
		t.Fatalf("answer not readable: %+v", f.Request.History)
	}
	if f.Request.History[len(f.Request.History)-1].Actor.User != 0 {
		t.Fatal("the holder of the code sees which official answered")
	}
	code := fmt.Sprintf(`{"ontvangstcode": %q, "reden": "Ik ben niet gebeld."}`, p.ReceiptCode)
	e.step("/api/v1/ontvangstcodes/betwistingen", code, nil, 200)
	e.step("/api/v1/ontvangstcodes/betwistingen", code, nil, 409)
	if f = follow(p.ReceiptCode, 200); f.Brake.Addressee.Role != "bestuur" {
		t.Fatalf("after contest at %+v", f.Brake.Addressee)
	}
	// A code that differs in one character opens nothing, and says nothing.
	wrong := []byte(p.ReceiptCode)
	if wrong[len(wrong)-1] == '0' {
		wrong[len(wrong)-1] = '1'
	} else {
		wrong[len(wrong)-1] = '0'
	}
	r1 := e.do("POST", "/api/v1/ontvangstcodes/raadplegingen", fmt.Sprintf(`{"ontvangstcode": %q}`, wrong), nil)
	r2 := e.do("POST", "/api/v1/ontvangstcodes/raadplegingen", `{"ontvangstcode": "ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ"}`, nil)
	if r1.Code != 404 || r2.Code != 404 || problemDetail(t, r1) != problemDetail(t, r2) {
		t.Fatalf("wrong codes: %d %s / %d %s", r1.Code, r1.Body, r2.Code, r2.Body)
	}
}

func problemDetail(t *testing.T, rec interface{ Result() *http.Response }) string {
	t.Helper()
	var p struct {
		Detail string `json:"detail"`
	}
	res := rec.Result()
	defer res.Body.Close()
	if err := jsonDecode(res.Body, &p); err != nil {
		t.Fatal(err)
	}
	return p.Detail
}

// TestBrakeAccess: a professional of svb pulls at uwv but cannot read uwv's
// requests; a protected puller is masked for the addressee and shown to
// the counsel; the register never carries texts.
func TestBrakeAccess(t *testing.T) {
	e := newBrakeEnv(t)
	svbProf := storetest.MustUser(t, e.st, "svb-prof", schakel.Membership{OrganisationID: e.svb.ID, Role: schakel.RoleProfessional})
	other := e.pull(fmt.Sprintf(professionalBrake, "genoemd", false), e.prof) // uwv's own
	p := e.pull(fmt.Sprintf(professionalBrake, "beschermd", false), svbProf)
	// svbProf cannot read uwv's inbox or another brake at uwv.
	if rec := e.do("GET", fmt.Sprintf("/api/v1/verantwoordingsverzoeken/%d", other.Brake.ID), "", svbProf); rec.Code != 404 {
		t.Fatalf("svb professional reads a uwv brake: %d", rec.Code)
	}
	rec := e.do("GET", "/api/v1/verantwoordingsverzoeken?geadresseerde=uwv", "", svbProf)
	page := decodeJSON[api.RequestPage](t, rec.Body.Bytes())
	for _, r := range page.Results {
		if r.ID != p.Brake.ID {
			t.Fatalf("svb professional lists uwv's request %d", r.ID)
		}
	}
	// The addressee sees "beschermd", never the puller.
	path := fmt.Sprintf("/api/v1/verantwoordingsverzoeken/%d", p.Brake.ID)
	for _, u := range []*schakel.User{e.coord, e.board} {
		body := e.do("GET", path, "", u).Body.String()
		if !strings.Contains(body, `"soort":"beschermd"`) || strings.Contains(body, fmt.Sprintf(`"gebruiker":%d`, svbProf.ID)) || strings.Contains(body, `"organisatie":"svb"`) {
			t.Fatalf("addressee %s sees: %s", u.Name, body)
		}
		list := e.do("GET", "/api/v1/verantwoordingsverzoeken", "", u).Body.String()
		if strings.Contains(list, fmt.Sprintf(`"gebruiker":%d`, svbProf.ID)) {
			t.Fatalf("addressee's list shows the protected puller: %s", list)
		}
	}
	ack := e.step(path+"/ontvangstbevestigingen", "", e.coord, 200)
	if strings.Contains(ack, fmt.Sprintf(`"gebruiker":%d`, svbProf.ID)) {
		t.Fatalf("the acknowledgement's answer shows the puller: %s", ack)
	}
	// The puller and the counsel see who pulled.
	for _, u := range []*schakel.User{svbProf, e.counsel} {
		body := e.do("GET", path, "", u).Body.String()
		if !strings.Contains(body, fmt.Sprintf(`"verzoeker":{"soort":"gebruiker","gebruiker":%d}`, svbProf.ID)) {
			t.Fatalf("%s does not see the puller: %s", u.Name, body)
		}
	}
	// The puller still acts on it: contest after an explain.
	e.step(path+"/antwoorden", `{"soort": "explain", "motiveringen": {"evenredigheid": "x", "zorgvuldigheid": "y"}}`, e.coord, 200)
	e.step(path+"/betwistingen", `{"reden": "Niet overtuigend."}`, svbProf, 200)
	// The public register carries no texts and no puller.
	reg := e.do("GET", "/api/v1/noodremmen", "", nil).Body.String() + e.do("GET", fmt.Sprintf("/api/v1/noodremmen/%d", p.Brake.ID), "", nil).Body.String()
	for _, text := range []string{"Terugvordering van voorschotten", "duizenden euro", "onevenredig", "Werkinstructie", "Niet overtuigend", "svb", `"gebruiker"`} {
		if strings.Contains(reg, text) {
			t.Errorf("the register shows %q", text)
		}
	}
}

// TestBrakeBadInput: every level names every invalid field at once and
// stores nothing.
func TestBrakeBadInput(t *testing.T) {
	e := newBrakeEnv(t)
	long := strings.Repeat("x", 20001)
	for _, tc := range []struct {
		name   string
		body   string
		user   *schakel.User
		status int
		fields []string
	}{
		{"professional: nothing", `{"niveau": "professional"}`, e.prof, 400, []string{"organisatie", "identiteit", "regels", "onderwerp", "gronden"}},
		{"professional: bad rule, unknown principle, no grounds text", `{"niveau": "professional", "organisatie": "uwv", "identiteit": "anoniem", "regels": ["artikel 4:84", "jci1.3:c:BWBR0019057&artikel=76"], "onderwerp": "X", "gronden": [{"beginsel": "bestaat-niet", "toelichting": "x"}, {"beginsel": "evenredigheid", "toelichting": ""}]}`, e.prof, 400,
			[]string{"regels[0]", "gronden[0].beginsel", "gronden[1].toelichting"}},
		{"professional: oversized", `{"niveau": "professional", "organisatie": "uwv", "identiteit": "genoemd", "regels": ["jci1.3:c:BWBR0019057&artikel=76"], "onderwerp": "X", "toelichting": "` + long + `", "betreft": "` + long[:2001] + `", "gronden": [{"beginsel": "evenredigheid", "toelichting": "` + long + `"}]}`, e.prof, 400,
			[]string{"toelichting", "betreft", "gronden[0].toelichting"}},
		{"professional: unknown organisation and identity", `{"niveau": "professional", "organisatie": "nee", "identiteit": "geheim", "regels": ["jci1.3:c:BWBR0019057&artikel=76"], "onderwerp": "X", "gronden": [{"beginsel": "evenredigheid", "toelichting": "y"}]}`, e.prof, 400,
			[]string{"organisatie", "identiteit"}},
		{"citizen: nothing", `{"niveau": "burger"}`, nil, 400, []string{"organisatie", "kenmerk", "datumBesluit", "toelichting", "gewensteUitkomst", "bezwaren"}},
		{"citizen: bad sentences and date", `{"niveau": "burger", "organisatie": "uwv", "kenmerk": "K", "datumBesluit": "2026-13-40", "toelichting": "x", "gewensteUitkomst": "y", "bezwaren": ["onevenredig", "onzin", "onevenredig"], "gronden": [{"beginsel": "evenredigheid", "toelichting": "x"}]}`, nil, 400,
			[]string{"datumBesluit", "bezwaren[1]", "bezwaren[2]", "gronden"}},
		{"citizen: future decision, oversized", `{"niveau": "burger", "organisatie": "uwv", "kenmerk": "` + long[:101] + `", "datumBesluit": "2027-01-01", "toelichting": "` + long + `", "gewensteUitkomst": "` + long[:4001] + `", "bezwaren": ["onevenredig"]}`, nil, 400,
			[]string{"kenmerk", "datumBesluit", "toelichting", "gewensteUitkomst"}},
		{"wrong types with the rest", `{"niveau": "burger", "organisatie": 3, "bezwaren": "onevenredig", "extra": true}`, nil, 400, []string{"organisatie", "bezwaren", "extra", "kenmerk", "datumBesluit", "toelichting", "gewensteUitkomst"}},
		{"organisation: not the board", returnedAssignment, e.prof, 403, nil},
		{"organisation: nothing", `{"niveau": "organisatie"}`, e.board, 400, []string{"organisatie", "betreft", "onderwerp", "gronden"}},
		{"professional: no login", `{"niveau": "professional"}`, nil, 401, nil},
		{"level", `{"niveau": "wethouder"}`, nil, 400, []string{"niveau"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := e.do("POST", "/api/v1/noodremmen", tc.body, tc.user)
			if tc.fields == nil {
				wantProblem(t, rec, tc.status)
			} else {
				wantProblem(t, rec, tc.status, tc.fields...)
			}
		})
	}
	if _, n, err := e.st.Brakes(context.Background(), schakel.BrakeFilter{}); err != nil || n != 0 {
		t.Fatalf("%d brakes stored by bad input (%v)", n, err)
	}
}

// TestReceiptBruteForceThrottled: after a few wrong codes from one address
// the lookups are refused with 429 and Retry-After, also for the right
// code, until the clock moves on; another address is not affected.
func TestReceiptBruteForceThrottled(t *testing.T) {
	e := newBrakeEnv(t)
	// Five attempts at once per address, then one a minute.
	lookups, err := throttle.New(throttle.Config{PerAddress: rate.Every(time.Minute), PerAddressBurst: 5, Global: rate.Inf})
	if err != nil {
		t.Fatal(err)
	}
	e.h.Brakes.Lookups = lookups
	p := e.pull(citizenBrake, nil)
	attempt := func(code, addr string) int {
		req := httptest.NewRequest("POST", "/api/v1/ontvangstcodes/raadplegingen", strings.NewReader(fmt.Sprintf(`{"ontvangstcode": %q}`, code)))
		req.Header.Set("Content-Type", "application/json")
		req.RemoteAddr = addr
		rec := httptest.NewRecorder()
		e.srv.ServeHTTP(rec, req)
		if rec.Code == http.StatusTooManyRequests && rec.Header().Get("Retry-After") == "" {
			t.Fatal("429 without Retry-After")
		}
		return rec.Code
	}
	refused := 0
	for i := range 20 {
		if attempt(fmt.Sprintf("AAAA-AAAA-AAAA-AAAA-AAAA-%04d", i), "203.0.113.7:5000") == http.StatusTooManyRequests {
			refused++
		}
	}
	if refused < 14 {
		t.Fatalf("only %d of 20 wrong codes refused", refused)
	}
	if got := attempt(p.ReceiptCode, "203.0.113.7:5001"); got != http.StatusTooManyRequests {
		t.Fatalf("right code from the throttled address: %d, want 429", got)
	}
	if got := attempt(p.ReceiptCode, "198.51.100.9:5000"); got != http.StatusOK {
		t.Fatalf("right code from another address: %d, want 200", got)
	}
	e.clock.Advance(time.Hour)
	if got := attempt(p.ReceiptCode, "203.0.113.7:5002"); got != http.StatusOK {
		t.Fatalf("after an hour: %d, want 200", got)
	}
}

// TestReceiptActionCountsOnce: an action by receipt code is one attempt
// against the throttle, so the answer after a stored contest is never 429.
func TestReceiptActionCountsOnce(t *testing.T) {
	e := newBrakeEnv(t)
	lookups, err := throttle.New(throttle.Config{PerAddress: rate.Every(time.Hour), PerAddressBurst: 2, Global: rate.Inf})
	if err != nil {
		t.Fatal(err)
	}
	e.h.Brakes.Lookups = lookups
	p := e.pull(citizenBrake, nil)
	e.step(fmt.Sprintf("/api/v1/verantwoordingsverzoeken/%d/antwoorden", p.Brake.ID), `{"soort": "explain", "motiveringen": {"fair-play": "x", "evenredigheid": "y"}}`, e.coord, 200)
	code := fmt.Sprintf(`{"ontvangstcode": %q, "reden": "Niet gehoord."}`, p.ReceiptCode)
	e.step("/api/v1/ontvangstcodes/raadplegingen", code, nil, 200)
	body := e.step("/api/v1/ontvangstcodes/betwistingen", code, nil, 200)
	if !strings.Contains(body, `"status":"geescaleerd"`) || !strings.Contains(body, `"type":"betwist"`) {
		t.Fatalf("the contest's answer lacks its result: %s", body)
	}
	e.step("/api/v1/ontvangstcodes/raadplegingen", code, nil, 429)
}

// TestOrganisationBrakeOnlyByTheBoard: the organisation's other leaders may
// request for it, but returning an assignment is the board's (§5.4.6).
func TestOrganisationBrakeOnlyByTheBoard(t *testing.T) {
	e := newBrakeEnv(t)
	policy := storetest.MustUser(t, e.st, "uwv-beleid", schakel.Membership{OrganisationID: e.uwv.ID, Role: schakel.RolePolicy})
	wantProblem(t, e.do("POST", "/api/v1/noodremmen", returnedAssignment, policy), http.StatusForbidden)
	e.pull(returnedAssignment, e.board)
}

// TestNotificationQueueScoped: an administrator sees and retries the
// notifications of their own organisation only.
func TestNotificationQueueScoped(t *testing.T) {
	e := newBrakeEnv(t)
	e.step("/api/v1/organisaties/uwv/webhooks", `{"url": "https://uwv.example.nl/schakel"}`, e.admin, 201)
	e.pull(citizenBrake, nil)
	ctx := context.Background()
	if _, err := e.st.QueueNotifications(ctx, e.clock.Now(), 100); err != nil {
		t.Fatal(err)
	}
	claimed, err := e.st.ClaimNotifications(ctx, e.clock.Now(), time.Minute, 1)
	if err != nil || len(claimed) != 1 {
		t.Fatalf("claim: %v, %v", claimed, err)
	}
	if err := e.st.NotificationFailed(ctx, claimed[0].ID, e.clock.Now(), "weg", time.Time{}); err != nil {
		t.Fatal(err)
	}
	own := decodeJSON[api.NotificationPage](t, e.do("GET", "/api/v1/meldingen", "", e.admin).Body.Bytes())
	other := decodeJSON[api.NotificationPage](t, e.do("GET", "/api/v1/meldingen", "", e.svbAdmin).Body.Bytes())
	if own.Total != 1 || other.Total != 0 {
		t.Fatalf("uwv's admin sees %d, svb's admin %d; want 1 and 0", own.Total, other.Total)
	}
	retry := fmt.Sprintf("/api/v1/meldingen/%d/herhalingen", claimed[0].ID)
	wantProblem(t, e.do("POST", retry, "", e.svbAdmin), http.StatusNotFound)
	if rec := e.do("POST", retry, "", e.admin); rec.Code != http.StatusNoContent {
		t.Fatalf("retry by uwv's admin: %d %s", rec.Code, rec.Body)
	}
}
