package web

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/alexedwards/scs/v2"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/auth"
	"github.com/schakel-nl/schakel/brakes"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/comply"
	"github.com/schakel-nl/schakel/demo"
	"github.com/schakel-nl/schakel/directory"
	"github.com/schakel-nl/schakel/figures"
	"github.com/schakel-nl/schakel/inbox"
	"github.com/schakel-nl/schakel/notifications"
	"github.com/schakel-nl/schakel/receipt"
	"github.com/schakel-nl/schakel/requests"
	"github.com/schakel-nl/schakel/schakeltest"
	"github.com/schakel-nl/schakel/store"
	"github.com/schakel-nl/schakel/store/storetest"
)

// testReceiptParams make receipt hashes cheap in tests; the hashing itself
// is tested in package receipt.
var testReceiptParams = receipt.Params{Time: 1, MemoryKiB: 64, Threads: 1, KeyLen: 16, SaltLen: 8}

// brakeSite is a running site on a fresh database with the demo world, the
// seed catalogue and the brake service, routed as server/routes.go routes
// the pages.
type brakeSite struct {
	st     *store.Store
	clock  *schakeltest.Clock
	h      *Handler
	srv    *httptest.Server
	logs   *syncBuffer // everything the handler logged
	users  map[string]*schakel.User
	orgsBy map[string]*schakel.Organisation
}

// syncBuffer is a bytes.Buffer safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// clientAddress is the address every request of the tests comes from.
const clientAddress = "192.0.2.7"

func startBrakeSite(tb testing.TB) *brakeSite {
	tb.Helper()
	ctx := context.Background()
	clock := schakeltest.NewClock(storetest.Start)
	st := storetest.OpenSQLite(tb, clock)
	logs := &syncBuffer{}
	log := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	if _, err := st.SeedPrinciples(ctx, schakel.DefaultPrinciples()); err != nil {
		tb.Fatal(err)
	}
	if ok, err := demo.Build(ctx, st); err != nil || !ok {
		tb.Fatalf("demo world: %v, %v", ok, err)
	}

	sessions := scs.New()
	sessions.Codec = auth.Codec{}
	sessions.Store = st.Sessions()
	a := &auth.Auth{Sessions: sessions, Users: st, Log: log, Demo: true}
	cal := calendar.New()
	rs := requests.New(st, &comply.Engine{Calendar: cal}, clock)
	bs := brakes.New(st, rs, clock, receipt.NewHasher(testReceiptParams, 2))
	h, err := New(Handler{Directory: directory.New(st), Notices: notifications.New(st, clock), Work: inbox.New(rs, nil, nil, st, clock), Requests: rs, Calendar: cal, Auth: a, Clock: clock, Log: log, Demo: true,
		Brakes: bs, Figures: figures.New(st).WithClock(clock), Address: func(*http.Request) string { return clientAddress }})
	if err != nil {
		tb.Fatal(err)
	}

	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", h.Serve(h.Home))
	mux.HandleFunc("GET /inloggen", h.LoginPage)
	mux.HandleFunc("GET /demo/inloggen", h.Serve(h.DemoLoginPage))
	mux.HandleFunc("POST /demo/inloggen", h.Serve(h.DemoLogin))
	mux.HandleFunc("GET /organisaties", h.Serve(h.OrganisationsPage))
	mux.HandleFunc("GET /beginselen", h.Serve(h.PrinciplesPage))
	mux.HandleFunc("GET /postvak", h.Serve(h.Inbox))
	mux.HandleFunc("GET /verzoeken", h.Serve(h.RequestList))
	mux.HandleFunc("GET /verzoeken/{id}", h.Serve(h.RequestPage))
	mux.HandleFunc("POST /verzoeken/{id}/antwoord", h.Serve(h.AnswerRequest))
	mux.HandleFunc("POST /verzoeken/{id}/betwisting", h.Serve(h.ContestRequest))
	mux.HandleFunc("GET /noodrem", h.Serve(h.BrakeHome))
	mux.HandleFunc("GET /noodrem/burger", h.Serve(h.CitizenBrakeForm))
	mux.HandleFunc("POST /noodrem/burger", h.Serve(h.PullCitizenBrake))
	mux.HandleFunc("GET /noodrem/burger/ontvangst", h.Serve(h.CitizenReceipt))
	mux.HandleFunc("GET /noodrem/professional/ontvangst", h.Serve(h.ProfessionalReceipt))
	mux.HandleFunc("GET /noodrem/burger/ontvangst/pdf", h.Serve(h.CitizenReceiptPDF))
	mux.HandleFunc("GET /noodrem/professional", h.Serve(h.ProfessionalBrakeForm))
	mux.HandleFunc("POST /noodrem/professional", h.Serve(h.PullProfessionalBrake))
	mux.HandleFunc("GET /noodrem/organisatie", h.Serve(h.OrganisationBrakeForm))
	mux.HandleFunc("POST /noodrem/organisatie", h.Serve(h.ReturnAssignment))
	mux.HandleFunc("GET /noodrem/volgen", h.Serve(h.FollowBrakeForm))
	mux.HandleFunc("POST /noodrem/volgen", h.Serve(h.FollowBrake))
	mux.HandleFunc("POST /noodrem/volgen/betwisting", h.Serve(h.ContestBrakeByReceipt))
	mux.HandleFunc("POST /noodrem/volgen/afsluiting", h.Serve(h.CloseBrakeByReceipt))
	mux.HandleFunc("POST /noodrem/volgen/intrekking", h.Serve(h.WithdrawBrakeByReceipt))
	mux.HandleFunc("GET /noodremmen", h.Serve(h.BrakeRegister))
	mux.HandleFunc("GET /noodremmen/{id}", h.Serve(h.BrakeRegisterEntry))
	mux.HandleFunc("GET /parlement", h.Serve(h.ParliamentView))
	mux.HandleFunc("GET /parlement/verzoeken", h.Serve(h.ParliamentItems))
	mux.HandleFunc("GET /beheer/meldingen", h.Serve(h.NotificationsPage))
	mux.HandleFunc("POST /beheer/meldingen/{id}/opnieuw", h.Serve(h.RetryNotification))
	mux.HandleFunc("POST /beheer/meldingen/{code}/adressen", h.Serve(h.AddNotificationAddress))
	mux.HandleFunc("POST /beheer/meldingen/{code}/adressen/{id}/intrekking", h.Serve(h.RetireNotificationAddress))
	mux.HandleFunc("POST /beheer/meldingen/{code}/webhooks", h.Serve(h.CreateWebhookPage))
	mux.HandleFunc("GET /beheer/meldingen/nieuwe-webhook", h.Serve(h.NewWebhookPage))
	mux.HandleFunc("POST /beheer/meldingen/{code}/webhooks/{id}/intrekking", h.Serve(h.RetireWebhookPage))
	mux.HandleFunc("POST /beheer/meldingen/{code}/proef", h.Serve(h.SendTestNotification))
	mux.HandleFunc("GET /instellingen", h.Serve(h.SettingsPage))
	mux.HandleFunc("POST /instellingen", h.Serve(h.SaveSettings))
	mux.HandleFunc("GET /taal/{taal}", h.Serve(h.SetLanguage))
	mux.HandleFunc("/", h.NotFound)
	srv := httptest.NewServer(sessions.LoadAndSave(a.LoadUser(mux)))
	tb.Cleanup(srv.Close)

	s := &brakeSite{st: st, clock: clock, h: h, srv: srv, logs: logs, users: map[string]*schakel.User{}, orgsBy: map[string]*schakel.Organisation{}}
	us, _, err := st.Users(ctx, schakel.UserFilter{Issuer: auth.DemoIssuer, Limit: 500})
	if err != nil {
		tb.Fatal(err)
	}
	for _, u := range us {
		s.users[u.Subject] = u
	}
	os, _, err := st.Organisations(ctx, schakel.OrganisationFilter{Limit: 500})
	if err != nil {
		tb.Fatal(err)
	}
	for _, o := range os {
		s.orgsBy[o.Code] = o
	}
	return s
}

// brakeEnv is a brakeSite with the helpers of env (browsers, requests,
// selectors).
type brakeEnv struct {
	*env
	site *brakeSite
}

func newBrakeEnv(t *testing.T) *brakeEnv {
	t.Helper()
	s := startBrakeSite(t)
	e := &env{t: t, st: s.st, clock: s.clock, h: s.h, srv: s.srv, ministry: s.orgsBy["min-szw"], uwv: s.orgsBy["uwv"]}
	return &brakeEnv{env: e, site: s}
}

// user returns the demo user with subject, reloaded with its memberships.
func (e *brakeEnv) user(subject string) *schakel.User {
	e.t.Helper()
	u, ok := e.site.users[subject]
	if !ok {
		e.t.Fatalf("no demo user %s", subject)
	}
	full, err := e.st.User(context.Background(), u.ID)
	if err != nil {
		e.t.Fatal(err)
	}
	return full
}

// as returns a browser logged in as the demo user with subject.
func (e *brakeEnv) as(subject string) *http.Client {
	e.t.Helper()
	return e.loggedIn(e.user(subject))
}

// receiptPattern is a receipt code as the pages show it.
var receiptPattern = regexp.MustCompile(`^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){5}$`)

// wantReceipt checks r is the receipt page and returns its code.
func wantReceipt(t *testing.T, r *response) string {
	t.Helper()
	wantStatus(t, r, http.StatusOK)
	code := r.Text(t, ".receipt-code code")
	if !receiptPattern.MatchString(code) {
		t.Fatalf("receipt code %q is not in six groups of four", code)
	}
	if r.Header.Get("Set-Cookie") != "" {
		t.Errorf("the receipt page sets a cookie: %s", r.Header.Get("Set-Cookie"))
	}
	if cc := r.Header.Get("Cache-Control"); cc != "no-store" {
		t.Errorf("Cache-Control = %q", cc)
	}
	return code
}

// validCitizen is a valid citizen's form.
func validCitizen(mod func(url.Values)) url.Values {
	v := url.Values{
		"organisatie":      {"uwv"},
		"kenmerk":          {"UWV-2026-004711"},
		"datumBesluit":     {"2026-02-20"},
		"toelichting":      {"Mijn uitkering is gestopt zonder dat iemand mij belde."},
		"bezwaren":         {"niet-gehoord", "onevenredig"},
		"gewensteUitkomst": {"Dat de uitkering doorloopt tot iemand naar mijn situatie heeft gekeken."},
	}
	if mod != nil {
		mod(v)
	}
	return v
}

// validProfessional is a valid professional's form with identity id.
func validProfessional(id schakel.Identity, mod func(url.Values)) url.Values {
	v := url.Values{
		"organisatie":            {"uwv"},
		"betreft":                {"Werkinstructie WIA-herbeoordeling 2026-03"},
		"regels[0]":              {"jci1.3:c:BWBR0015703&artikel=36"},
		"regels[1]":              {""},
		"onderwerp":              {"Herbeoordelingen zonder gesprek"},
		"toelichting":            {"De instructie schrijft voor dat herbeoordelingen op papier gebeuren."},
		"gronden[0].beginsel":    {"zorgvuldigheid"},
		"gronden[0].toelichting": {"Zonder gesprek is de situatie niet onderzocht."},
		"identiteit":             {string(id)},
	}
	if mod != nil {
		mod(v)
	}
	return v
}

// validAssignment is a valid form to return an assignment of uwv.
func validAssignment(mod func(url.Values)) url.Values {
	v := url.Values{
		"organisatie":            {"uwv"},
		"betreft":                {"Opdrachtbrief handhaving 2026, kenmerk 2026-0000123"},
		"onderwerp":              {"Handhavingsopdracht zonder ruimte voor maatwerk"},
		"toelichting":            {"De opdracht laat geen ruimte om af te wijken bij schrijnende gevallen."},
		"gronden[0].beginsel":    {"evenredigheid"},
		"gronden[0].toelichting": {"Terugvorderingen treffen gezinnen onevenredig."},
	}
	if mod != nil {
		mod(v)
	}
	return v
}

// pullCitizen pulls a citizen's brake through the form and returns its code.
func (e *brakeEnv) pullCitizen(mod func(url.Values)) string {
	e.t.Helper()
	c := e.client()
	return wantReceipt(e.t, e.receiptAfter(c, e.postCitizen(c, validCitizen(mod))))
}

// follow opens the brake of code.
func (e *brakeEnv) follow(c *http.Client, code string) *response {
	e.t.Helper()
	return e.post(c, "/noodrem/volgen", url.Values{"ontvangstcode": {code}})
}

// brakeByCode returns the stored brake of a receipt code.
func (e *brakeEnv) brakeByCode(code string) *schakel.Brake {
	e.t.Helper()
	c, err := receipt.Parse(code)
	if err != nil {
		e.t.Fatal(err)
	}
	b, err := e.st.BrakeByReceipt(context.Background(), c.Lookup())
	if err != nil {
		e.t.Fatal(err)
	}
	return b
}

// idFromLocation returns the request id of a Location /verzoeken/{id}?….
func idFromLocation(t *testing.T, r *response) int64 {
	t.Helper()
	wantStatus(t, r, http.StatusSeeOther)
	loc := r.Header.Get("Location")
	m := regexp.MustCompile(`^/verzoeken/(\d+)\?gedaan=aangemaakt$`).FindStringSubmatch(loc)
	if m == nil {
		t.Fatalf("Location = %q", loc)
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	return id
}

func TestBrakePagesInBothLanguages(t *testing.T) {
	e := newBrakeEnv(t)
	code := e.pullCitizen(nil)
	id := e.brakeByCode(code).RequestID
	pages := []struct {
		user   string // demo subject, or "" for a visitor
		path   string
		status int
		h1     map[string]string // by language
	}{
		{"", "/noodrem", 200, map[string]string{"nl": "Noodrem", "en": "Emergency brake"}},
		{"", "/noodrem/burger", 200, map[string]string{"nl": "Noodrem voor burgers", "en": "Emergency brake for citizens"}},
		{"", "/noodrem/volgen", 200, map[string]string{"nl": "Noodrem volgen", "en": "Follow an emergency brake"}},
		{"", "/noodremmen", 200, map[string]string{"nl": "Register van noodremmen", "en": "Register of emergency brakes"}},
		{"", "/noodremmen?niveau=burger&vanaf=2026-03-01&tot=2026-03-31&termijnGemist=false", 200, nil},
		{"", "/noodremmen?vanaf=2026-02-30", 400, nil},
		{"", "/noodremmen?niveau=onzin&organisatie=x&beginsel=x&status=onzin&termijnGemist=ja&vanaf=2026-03-10&tot=2026-03-01", 400, nil},
		{"", "/noodremmen/" + strconv.FormatInt(id, 10), 200, map[string]string{"nl": "Noodrem " + strconv.FormatInt(id, 10), "en": "Emergency brake " + strconv.FormatInt(id, 10)}},
		{"", "/noodremmen/99999", 404, nil},
		{"", "/parlement", 200, map[string]string{"nl": "Cijfers voor het parlement", "en": "Figures for parliament"}},
		{"svb-professional", "/noodrem/professional", 200, map[string]string{"nl": "Noodrem van een professional", "en": "Emergency brake of a professional"}},
		{"uwv-bestuur", "/noodrem/organisatie", 200, map[string]string{"nl": "Een opdracht teruggeven", "en": "Return an assignment"}},
		{"svb-professional", "/noodrem/organisatie", 403, nil},
		{"uwv-beheerder", "/beheer/meldingen", 200, map[string]string{"nl": "Meldingen", "en": "Notifications"}},
		{"uwv-beheerder", "/beheer/meldingen?status=opgegeven", 200, nil},
		{"uwv-beheerder", "/beheer/meldingen?status=onzin", 400, nil},
		{"uwv-professional", "/beheer/meldingen", 403, nil},
	}
	for _, lang := range []string{"nl", "en"} {
		browsers := map[string]*http.Client{}
		for _, p := range pages {
			t.Run(lang+"/"+p.user+p.path, func(t *testing.T) {
				c, ok := browsers[p.user]
				if !ok {
					c = e.client()
					if p.user != "" {
						c = e.as(p.user)
					}
					e.setLang(c, lang)
					browsers[p.user] = c
				}
				r := e.get(c, p.path)
				wantStatus(t, r, p.status)
				checkPage(t, r, lang)
				if want, ok := p.h1[lang]; ok {
					wantText(t, r, "h1", want)
				}
				if p.status == 200 {
					wantSelector(t, r, `nav.main-nav a[href="/noodrem"]`)
					wantSelector(t, r, `nav.main-nav a[href="/noodremmen"]`)
				}
				if lang == "en" {
					main := r.Text(t, "main")
					for _, nl := range []string{"Noodrem", "noodrem", "Toestand", "Organisatie ", "Termijn", "ontvangstcode", "Kies een"} {
						if strings.Contains(main, nl) {
							t.Errorf("English page contains %q: %s", nl, main)
						}
					}
				}
			})
		}
	}
	// The landing page links to the forms, the follow page and the register.
	r := e.get(e.client(), "/noodrem")
	for _, href := range []string{"/noodrem/burger", "/noodrem/professional", "/noodrem/organisatie", "/noodrem/volgen", "/noodremmen", "/parlement"} {
		wantSelector(t, r, `main a[href="`+href+`"]`)
	}
	wantSelector(t, r, `nav.main-nav a[href="/noodrem"][aria-current="true"]`)
}

// TestBrakePagesNeedTheService checks that without the brake service the
// pages do not exist and the menu does not offer them.
func TestBrakePagesNeedTheService(t *testing.T) {
	e := newEnv(t, true)
	if e.h.Brakes != nil {
		t.Fatal("newEnv has a brake service")
	}
	r := e.get(e.client(), "/")
	wantNoSelector(t, r, `nav.main-nav a[href="/noodrem"]`)
	rec := httptest.NewRecorder()
	e.h.Serve(e.h.BrakeHome)(rec, httptest.NewRequest("GET", "/noodrem", nil))
	if rec.Code != http.StatusNotFound {
		t.Errorf("BrakeHome without brakes: status %d", rec.Code)
	}
	rec = httptest.NewRecorder()
	e.h.Serve(e.h.PullCitizenBrake)(rec, httptest.NewRequest("POST", "/noodrem/burger", strings.NewReader("")))
	if rec.Code != http.StatusNotFound {
		t.Errorf("PullCitizenBrake without brakes: status %d", rec.Code)
	}
}
