package web

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/alexedwards/scs/v2"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/auth"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/comply"
	"github.com/schakel-nl/schakel/directory"
	"github.com/schakel-nl/schakel/inbox"
	"github.com/schakel-nl/schakel/notifications"
	"github.com/schakel-nl/schakel/requests"
	"github.com/schakel-nl/schakel/schakeltest"
	"github.com/schakel-nl/schakel/store"
	"github.com/schakel-nl/schakel/store/storetest"
)

// env is a running site on a fresh database with a small world: a
// ministry, an executive organisation with a team, the seed catalogue, two
// demo users (a professional and an admin) and one user who is not a demo
// user but is an admin.
type env struct {
	t     *testing.T
	st    *store.Store
	clock *schakeltest.Clock
	h     *Handler
	srv   *httptest.Server

	ministry, uwv *schakel.Organisation
	anna, bram    *schakel.User // demo: professional at uwv, admin at uwv
	outsider      *schakel.User // not a demo user, admin at uwv
}

func newEnv(t *testing.T, demo bool) *env {
	t.Helper()
	ctx := context.Background()
	clock := schakeltest.NewClock(storetest.Start)
	st := storetest.OpenSQLite(t, clock)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))

	sessions := scs.New()
	sessions.Codec = auth.Codec{}
	sessions.Store = st.Sessions()
	a := &auth.Auth{Sessions: sessions, Users: st, Log: log, Demo: demo}
	cal := calendar.New()
	svc := requests.New(st, &comply.Engine{Calendar: cal}, clock)
	h, err := New(Handler{Directory: directory.New(st), Notices: notifications.New(st, clock), Work: inbox.New(svc, nil, nil, st, clock), Requests: svc, Calendar: cal, Auth: a, Clock: clock, Log: log, Demo: demo})
	if err != nil {
		t.Fatal(err)
	}

	e := &env{t: t, st: st, clock: clock, h: h}
	if _, err := st.SeedPrinciples(ctx, schakel.DefaultPrinciples()); err != nil {
		t.Fatal(err)
	}
	e.ministry = storetest.MustOrganisation(t, st, "min-szw", schakel.OrgMinistry)
	e.ministry.Name = "Ministerie van SZW"
	e.uwv = storetest.MustOrganisation(t, st, "uwv", schakel.OrgExecutive, e.ministry.ID)
	storetest.MustOrganisation(t, st, "gemeente-utrecht", schakel.OrgMunicipality)
	if err := st.CreateTeam(ctx, &schakel.Team{OrganisationID: e.uwv.ID, Name: "Maatwerkplaats"}); err != nil {
		t.Fatal(err)
	}
	e.anna = e.demoUser("anna", "Anna de Vries", schakel.Membership{OrganisationID: e.uwv.ID, Role: schakel.RoleProfessional})
	e.bram = e.demoUser("bram", "Bram Bakker", schakel.Membership{OrganisationID: e.uwv.ID, Role: schakel.RoleAdmin})
	e.outsider = storetest.MustUser(t, st, "olga", schakel.Membership{OrganisationID: e.uwv.ID, Role: schakel.RoleAdmin})

	mux := http.NewServeMux()
	// The page routes exactly as server/routes.go registers them.
	mux.HandleFunc("POST /uitloggen", func(w http.ResponseWriter, r *http.Request) {
		a.Logout(r.Context())
		http.Redirect(w, r, "/", http.StatusSeeOther)
	})
	mux.HandleFunc("GET /{$}", h.Serve(h.Home))
	mux.HandleFunc("GET /inloggen", h.LoginPage)
	// Registered also without demo mode, to prove the handlers refuse.
	mux.HandleFunc("GET /demo/inloggen", h.Serve(h.DemoLoginPage))
	mux.HandleFunc("POST /demo/inloggen", h.Serve(h.DemoLogin))
	mux.HandleFunc("GET /organisaties", h.Serve(h.OrganisationsPage))
	mux.HandleFunc("GET /organisaties/{code}", h.Serve(h.Organisation))
	mux.HandleFunc("GET /beginselen", h.Serve(h.PrinciplesPage))
	mux.HandleFunc("POST /beginselen", h.Serve(h.CreatePrinciple))
	mux.HandleFunc("GET /regelverwijzing", h.RuleRef)
	mux.HandleFunc("GET /termijn", h.TermCalculator)
	mux.HandleFunc("GET /logboek", h.Serve(h.LedgerBook))
	mux.HandleFunc("GET /postvak", h.Serve(h.Inbox))
	mux.HandleFunc("GET /verzoeken", h.Serve(h.RequestList))
	mux.HandleFunc("GET /verzoeken/nieuw", h.Serve(h.NewRequestPage))
	mux.HandleFunc("POST /verzoeken", h.Serve(h.CreateRequest))
	mux.HandleFunc("GET /verzoeken/{id}", h.Serve(h.RequestPage))
	mux.HandleFunc("POST /verzoeken/{id}/ontvangst", h.Serve(h.AcknowledgeRequest))
	mux.HandleFunc("POST /verzoeken/{id}/antwoord", h.Serve(h.AnswerRequest))
	mux.HandleFunc("POST /verzoeken/{id}/betwisting", h.Serve(h.ContestRequest))
	mux.HandleFunc("POST /verzoeken/{id}/verlenging", h.Serve(h.ExtendRequest))
	mux.HandleFunc("POST /verzoeken/{id}/intrekking", h.Serve(h.WithdrawRequest))
	mux.HandleFunc("POST /verzoeken/{id}/afsluiting", h.Serve(h.CloseRequest))
	mux.HandleFunc("GET /taal/{taal}", h.Serve(h.SetLanguage))
	mux.Handle("GET /static/", h.Static())
	mux.HandleFunc("/", h.NotFound)

	e.srv = httptest.NewServer(sessions.LoadAndSave(a.LoadUser(mux)))
	t.Cleanup(e.srv.Close)
	return e
}

func (e *env) demoUser(subject, name string, ms ...schakel.Membership) *schakel.User {
	e.t.Helper()
	ctx := context.Background()
	u := &schakel.User{Issuer: auth.DemoIssuer, Subject: subject, Name: name}
	if err := e.st.LoginUser(ctx, u); err != nil {
		e.t.Fatal(err)
	}
	for _, m := range ms {
		m.UserID = u.ID
		if err := e.st.AddMembership(ctx, m); err != nil {
			e.t.Fatal(err)
		}
	}
	got, err := e.st.User(ctx, u.ID)
	if err != nil {
		e.t.Fatal(err)
	}
	return got
}

// client returns a browser: a cookie jar, no automatic redirects.
func (e *env) client() *http.Client {
	jar, err := cookiejar.New(nil)
	if err != nil {
		e.t.Fatal(err)
	}
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// loggedIn returns a browser logged in as u through the demo login.
func (e *env) loggedIn(u *schakel.User) *http.Client {
	e.t.Helper()
	c := e.client()
	resp := e.post(c, "/demo/inloggen", url.Values{"gebruiker": {strconv.FormatInt(u.ID, 10)}})
	if resp.StatusCode != http.StatusSeeOther {
		e.t.Fatalf("demo login as %s: status %d", u.Name, resp.StatusCode)
	}
	return c
}

// setLang makes c use lang.
func (e *env) setLang(c *http.Client, lang string) {
	u, _ := url.Parse(e.srv.URL)
	c.Jar.SetCookies(u, []*http.Cookie{{Name: langCookie, Value: lang, Path: "/"}})
}

type response struct {
	StatusCode int
	Header     http.Header
	Body       string
	doc        *goquery.Document
}

func (e *env) do(c *http.Client, req *http.Request) *response {
	e.t.Helper()
	resp, err := c.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		e.t.Fatal(err)
	}
	return &response{StatusCode: resp.StatusCode, Header: resp.Header, Body: string(b)}
}

func (e *env) get(c *http.Client, path string) *response {
	e.t.Helper()
	req, err := http.NewRequest("GET", e.srv.URL+path, nil)
	if err != nil {
		e.t.Fatal(err)
	}
	return e.do(c, req)
}

// tokenForms are the forms that carry a one-time token (brake_once.go).
var tokenForms = map[string]bool{"/noodrem/professional": true, "/noodrem/organisatie": true}

func (e *env) post(c *http.Client, path string, form url.Values) *response {
	e.t.Helper()
	if tokenForms[path] && form.Get(tokenField) == "" && form.Get(addRowField) == "" {
		// The form page gives every browser a token; so does this helper,
		// on a copy. TestBrakeFormsFileOnce tests the tokens themselves.
		withToken := url.Values{}
		for k, v := range form {
			withToken[k] = v
		}
		withToken.Set(tokenField, e.h.tokens.issue(e.clock.Now()))
		form = withToken
	}
	req, err := http.NewRequest("POST", e.srv.URL+path, strings.NewReader(form.Encode()))
	if err != nil {
		e.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return e.do(c, req)
}

// Doc parses the body as HTML.
func (r *response) Doc(t *testing.T) *goquery.Document {
	t.Helper()
	if r.doc == nil {
		doc, err := goquery.NewDocumentFromReader(strings.NewReader(r.Body))
		if err != nil {
			t.Fatal(err)
		}
		r.doc = doc
	}
	return r.doc
}

// Count returns how many elements match sel.
func (r *response) Count(t *testing.T, sel string) int {
	t.Helper()
	return r.Doc(t).Find(sel).Length()
}

// Text returns the text of the elements matching sel, space-normalised.
func (r *response) Text(t *testing.T, sel string) string {
	t.Helper()
	return strings.Join(strings.Fields(r.Doc(t).Find(sel).Text()), " ")
}

func wantStatus(t *testing.T, r *response, want int) {
	t.Helper()
	if r.StatusCode != want {
		t.Fatalf("status %d, want %d; body:\n%s", r.StatusCode, want, r.Body)
	}
}

func wantSelector(t *testing.T, r *response, sel string) {
	t.Helper()
	if r.Count(t, sel) == 0 {
		t.Errorf("no element matches %s", sel)
	}
}

func wantNoSelector(t *testing.T, r *response, sel string) {
	t.Helper()
	if n := r.Count(t, sel); n != 0 {
		t.Errorf("%d elements match %s, want none", n, sel)
	}
}

// checkPage checks what every page must have: the language, the landmarks,
// a skip link, one h1, a title, and references between elements that point
// at something.
func checkPage(t *testing.T, r *response, lang string) {
	t.Helper()
	doc := r.Doc(t)
	if got, _ := doc.Find("html").Attr("lang"); got != lang {
		t.Errorf("html[lang] = %q, want %q", got, lang)
	}
	if cl, _ := doc.Find("body").Attr("class"); !strings.Contains(cl, "voorbeeld-theme") || !strings.Contains(cl, "utrecht-document") {
		t.Errorf("body class = %q", cl)
	}
	for _, sel := range []string{`a.skip-link[href="#inhoud"]`, `main#inhoud`, `header`, `footer`, `nav[aria-label]`, `nav.main-nav[aria-label]`, `nav.lang-switch[aria-label]`} {
		if doc.Find(sel).Length() == 0 {
			t.Errorf("no %s", sel)
		}
	}
	if n := doc.Find("h1").Length(); n != 1 {
		t.Errorf("%d h1 elements, want 1", n)
	}
	if title := doc.Find("title").Text(); !strings.HasSuffix(title, " — schakel") || len(title) <= len(" — schakel") {
		t.Errorf("title = %q, want \"<page> — schakel\"", title)
	}
	exists := func(id string) bool { return doc.Find("#"+id).Length() > 0 }
	doc.Find("[aria-describedby]").Each(func(_ int, s *goquery.Selection) {
		v, _ := s.Attr("aria-describedby")
		for _, id := range strings.Fields(v) {
			if !exists(id) {
				t.Errorf("aria-describedby points at missing #%s", id)
			}
		}
	})
	doc.Find("label[for]").Each(func(_ int, s *goquery.Selection) {
		if v, _ := s.Attr("for"); !exists(v) {
			t.Errorf("label for missing #%s", v)
		}
	})
	doc.Find(".error-summary a").Each(func(_ int, s *goquery.Selection) {
		href, _ := s.Attr("href")
		if !strings.HasPrefix(href, "#") || !exists(href[1:]) {
			t.Errorf("error summary links to %q, which is not on the page", href)
		}
	})
	doc.Find(`input:not([type="hidden"]), select, textarea`).Each(func(_ int, s *goquery.Selection) {
		id, ok := s.Attr("id")
		if !ok || doc.Find(`label[for="`+id+`"]`).Length() == 0 {
			t.Errorf("form control %s has no label", goquery.NodeName(s))
		}
	})
	if strings.Contains(r.Body, "%!") {
		t.Errorf("page has a formatting error (%%!): %s", r.Body)
	}
}

func TestEveryPageInBothLanguages(t *testing.T) {
	e := newEnv(t, true)
	pages := []struct {
		path   string
		status int
	}{
		{"/", 200},
		{"/inloggen", 200},
		{"/inloggen?fout=1", 200},
		{"/demo/inloggen", 200},
		{"/organisaties", 200},
		{"/organisaties?type=ministerie", 200},
		{"/organisaties?type=onzin", 200},
		{"/organisaties/uwv", 200},
		{"/organisaties/min-szw", 200},
		{"/organisaties/gemeente-utrecht", 200},
		{"/organisaties/bestaat-niet", 404},
		{"/beginselen", 200},
		{"/beginselen?ingetrokken=1", 200},
		{"/regelverwijzing", 200},
		{"/regelverwijzing?verwijzing=" + url.QueryEscape("jci1.3:c:BWBR0005537&artikel=4:84&lid=1"), 200},
		{"/regelverwijzing?verwijzing=" + url.QueryEscape("beleidsregel:uwv/BR-2024-12"), 200},
		{"/regelverwijzing?verwijzing=BWBR123", 400},
		{"/regelverwijzing?verwijzing=", 400},
		{"/termijn", 200},
		{"/termijn?startdatum=2026-04-02&aantal=6&eenheid=weken", 200},
		{"/termijn?startdatum=2026-12-24&aantal=3&eenheid=dagen", 200},
		{"/termijn?startdatum=2026-02-30&aantal=6&eenheid=weken", 400},
		{"/logboek", 200},
		{"/bestaat-niet", 404},
	}
	users := []struct {
		name string
		user *schakel.User
	}{{"anonymous", nil}, {"professional", e.anna}, {"admin", e.bram}}
	for _, u := range users {
		for _, lang := range []string{"nl", "en"} {
			c := e.client()
			if u.user != nil {
				c = e.loggedIn(u.user)
			}
			e.setLang(c, lang)
			for _, p := range pages {
				t.Run(u.name+"/"+lang+p.path, func(t *testing.T) {
					r := e.get(c, p.path)
					wantStatus(t, r, p.status)
					checkPage(t, r, lang)
					if ct := r.Header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
						t.Errorf("Content-Type = %q", ct)
					}
					if lang == "en" && strings.Contains(r.Text(t, "a.skip-link"), "inhoud") {
						t.Error("skip link not translated")
					}
					if u.user != nil {
						wantSelector(t, r, `header form[method="post"][action="/uitloggen"] button[type="submit"]`)
					} else {
						wantNoSelector(t, r, `form[action="/uitloggen"]`)
					}
				})
			}
		}
	}
}

func TestHome(t *testing.T) {
	e := newEnv(t, true)
	t.Run("anonymous", func(t *testing.T) {
		r := e.get(e.client(), "/")
		wantStatus(t, r, 200)
		wantSelector(t, r, `main a[href="/inloggen"]`)
	})
	t.Run("logged in", func(t *testing.T) {
		c := e.loggedIn(e.anna)
		r := e.get(c, "/")
		if h1 := r.Text(t, "h1"); h1 != "Welkom, Anna de Vries" {
			t.Errorf("h1 = %q", h1)
		}
		wantSelector(t, r, `main a[href="/organisaties/uwv"]`)
		wantSelector(t, r, `main a[href="/beginselen"]`)
		if row := r.Text(t, "main tbody tr"); !strings.Contains(row, "professional") || !strings.Contains(row, "uitvoeringsorganisatie") {
			t.Errorf("membership row = %q", row)
		}
		e.setLang(c, "en")
		r = e.get(c, "/")
		if h1 := r.Text(t, "h1"); h1 != "Welcome, Anna de Vries" {
			t.Errorf("h1 = %q", h1)
		}
	})
	t.Run("logout", func(t *testing.T) {
		c := e.loggedIn(e.anna)
		r := e.post(c, "/uitloggen", nil)
		wantStatus(t, r, http.StatusSeeOther)
		r = e.get(c, "/")
		wantNoSelector(t, r, `form[action="/uitloggen"]`)
	})
}

func TestLoginPage(t *testing.T) {
	t.Run("demo", func(t *testing.T) {
		e := newEnv(t, true)
		r := e.get(e.client(), "/inloggen")
		wantSelector(t, r, `main a[href="/demo/inloggen"]`)
		wantNoSelector(t, r, `a[href="/auth/oidc/start"]`)
		wantNoSelector(t, r, `[role="alert"]`)
		r = e.get(e.client(), "/inloggen?fout=1")
		wantSelector(t, r, `.utrecht-alert--error[role="alert"]`)
	})
	t.Run("oidc", func(t *testing.T) {
		e := newEnv(t, false)
		e.h.Auth.OIDC = &auth.OIDC{}
		r := e.get(e.client(), "/inloggen")
		wantSelector(t, r, `main a[href="/auth/oidc/start"]`)
		wantNoSelector(t, r, `a[href="/demo/inloggen"]`)
	})
	t.Run("none", func(t *testing.T) {
		e := newEnv(t, false)
		r := e.get(e.client(), "/inloggen")
		wantNoSelector(t, r, `a[href="/auth/oidc/start"], a[href="/demo/inloggen"]`)
		if !strings.Contains(r.Text(t, "main"), "nog geen manier van inloggen") {
			t.Errorf("no honest message: %s", r.Text(t, "main"))
		}
	})
}

func TestDemoLogin(t *testing.T) {
	e := newEnv(t, true)
	c := e.client()
	r := e.get(c, "/demo/inloggen")
	wantStatus(t, r, 200)
	// Only demo users, grouped by organisation, with their roles.
	if got := r.Text(t, `select#gebruiker optgroup[label="Organisatie uwv"] option[value="`+strconv.FormatInt(e.anna.ID, 10)+`"]`); got != "Anna de Vries — professional" {
		t.Errorf("option for anna = %q", got)
	}
	wantSelector(t, r, `option[value="`+strconv.FormatInt(e.bram.ID, 10)+`"]`)
	wantNoSelector(t, r, `option[value="`+strconv.FormatInt(e.outsider.ID, 10)+`"]`)

	for _, tc := range []struct{ name, value string }{
		{"non-demo user", strconv.FormatInt(e.outsider.ID, 10)},
		{"unknown user", "99999"},
		{"not a number", "anna"},
		{"empty", ""},
	} {
		t.Run("refuses "+tc.name, func(t *testing.T) {
			c := e.client()
			r := e.post(c, "/demo/inloggen", url.Values{"gebruiker": {tc.value}})
			wantStatus(t, r, http.StatusBadRequest)
			checkPage(t, r, "nl")
			wantSelector(t, r, `.error-summary[role="alert"] a[href="#gebruiker"]`)
			wantSelector(t, r, `select#gebruiker[aria-invalid="true"][aria-describedby~="gebruiker-fout"]`)
			r = e.get(c, "/")
			wantNoSelector(t, r, `form[action="/uitloggen"]`)
		})
	}

	t.Run("logs in", func(t *testing.T) {
		r := e.post(c, "/demo/inloggen", url.Values{"gebruiker": {strconv.FormatInt(e.anna.ID, 10)}})
		wantStatus(t, r, http.StatusSeeOther)
		if loc := r.Header.Get("Location"); loc != "/" {
			t.Errorf("Location = %q", loc)
		}
		r = e.get(c, "/")
		if h1 := r.Text(t, "h1"); !strings.Contains(h1, "Anna de Vries") {
			t.Errorf("home does not greet anna: h1 = %q", h1)
		}
	})
}

func TestDemoHandlersRefuseWithoutDemo(t *testing.T) {
	e := newEnv(t, false)
	c := e.client()
	r := e.get(c, "/demo/inloggen")
	wantStatus(t, r, http.StatusNotFound)
	checkPage(t, r, "nl")
	r = e.post(c, "/demo/inloggen", url.Values{"gebruiker": {strconv.FormatInt(e.anna.ID, 10)}})
	wantStatus(t, r, http.StatusNotFound)
	r = e.get(c, "/")
	wantNoSelector(t, r, `form[action="/uitloggen"]`)
	r = e.get(c, "/inloggen")
	wantNoSelector(t, r, `a[href="/demo/inloggen"]`)
}

func TestOrganisations(t *testing.T) {
	e := newEnv(t, true)
	c := e.client()
	r := e.get(c, "/organisaties")
	wantStatus(t, r, 200)
	if got := r.Text(t, `h2#soort-uitvoeringsorganisatie + .table-scroll tbody tr`); !strings.Contains(got, "Organisatie uwv") || !strings.Contains(got, "Organisatie min-szw") {
		t.Errorf("uwv row with its principal = %q", got)
	}
	wantSelector(t, r, `h2#soort-ministerie`)
	wantSelector(t, r, `h2#soort-gemeente`)
	wantSelector(t, r, `form[method="get"][action="/organisaties"] select#type[name="type"]`)

	r = e.get(c, "/organisaties?type=ministerie")
	wantSelector(t, r, `h2#soort-ministerie`)
	wantNoSelector(t, r, `h2#soort-uitvoeringsorganisatie`)
	wantSelector(t, r, `select#type option[value="ministerie"][selected]`)
}

func TestOrganisation(t *testing.T) {
	e := newEnv(t, true)
	r := e.get(e.client(), "/organisaties/uwv")
	wantStatus(t, r, 200)
	if h1 := r.Text(t, "h1"); h1 != "Organisatie uwv" {
		t.Errorf("h1 = %q", h1)
	}
	wantSelector(t, r, `main a[href="/organisaties/min-szw"]`)
	if strings.Contains(r.Body, "Maatwerkplaats") {
		t.Error("anonymous visitor sees the teams")
	}

	r = e.get(e.loggedIn(e.anna), "/organisaties/uwv")
	if !strings.Contains(r.Text(t, "main"), "Maatwerkplaats") {
		t.Error("member does not see the teams")
	}

	r = e.get(e.client(), "/organisaties/min-szw")
	if !strings.Contains(r.Text(t, "main"), "Organisatie uwv") {
		t.Error("ministry page does not list the organisations it is principal of")
	}

	r = e.get(e.client(), "/organisaties/bestaat-niet")
	wantStatus(t, r, http.StatusNotFound)
	checkPage(t, r, "nl")
}

func TestRuleRef(t *testing.T) {
	e := newEnv(t, true)
	c := e.client()

	r := e.get(c, "/regelverwijzing")
	wantStatus(t, r, 200)
	wantSelector(t, r, `form[method="get"][action="/regelverwijzing"] input#verwijzing[name="verwijzing"]`)
	wantNoSelector(t, r, `.error-summary`)

	r = e.get(c, "/regelverwijzing?verwijzing="+url.QueryEscape("https://wetten.overheid.nl/BWBR0005537/2024-01-01#Hoofdstuk4_Afdeling4.3_Artikel4:84"))
	wantStatus(t, r, 200)
	if got := r.Text(t, ".ruleref-result code"); got != "jci1.3:c:BWBR0005537&hoofdstuk=4&artikel=4:84" {
		t.Errorf("JCI = %q", got)
	}
	wantSelector(t, r, `.ruleref-result a[href^="https://wetten.overheid.nl/jci1.3:c:BWBR0005537"]`)
	if got := r.Text(t, ".ruleref-result dd:first-of-type"); !strings.Contains(got, "art. 4:84") {
		t.Errorf("label = %q", got)
	}

	bad := "/regelverwijzing?verwijzing=" + url.QueryEscape("BWBR123")
	r = e.get(c, bad)
	wantStatus(t, r, http.StatusBadRequest)
	wantSelector(t, r, `.error-summary a[href="#verwijzing"]`)
	wantSelector(t, r, `input#verwijzing[aria-invalid="true"][value="BWBR123"]`)
	wantNoSelector(t, r, `.ruleref-result`)
	if got := r.Text(t, "#verwijzing-fout"); !strings.Contains(got, "heeft 3 cijfers") {
		t.Errorf("Dutch error = %q", got)
	}
	e.setLang(c, "en")
	r = e.get(c, bad)
	if got := r.Text(t, "#verwijzing-fout"); !strings.Contains(got, "\"BWBR123\" has 3 digits") {
		t.Errorf("English error = %q", got)
	}
	// A message with reordered arguments.
	r = e.get(c, "/regelverwijzing?verwijzing="+url.QueryEscape("jci1.3:c:BWBR0005537\u200b"))
	if got := r.Text(t, "#verwijzing-fout"); !strings.Contains(got, "(U+200B) at position 21") {
		t.Errorf("English error = %q", got)
	}
}

func TestSetLanguage(t *testing.T) {
	e := newEnv(t, true)
	for _, tc := range []struct{ terug, want string }{
		{"/beginselen?ingetrokken=1", "/beginselen?ingetrokken=1"},
		{"/", "/"},
		{"", "/"},
		{"//evil.example", "/"},
		{"//evil.example/pad", "/"},
		{"https://evil.example", "/"},
		{"http://evil.example/", "/"},
		{"/\\evil.example", "/"},
		{"\\\\evil.example", "/"},
		{"javascript:alert(1)", "/"},
		{"beginselen", "/"},
		{"/\t/evil.example", "/"},
	} {
		t.Run(tc.terug, func(t *testing.T) {
			c := e.client()
			r := e.get(c, "/taal/en?terug="+url.QueryEscape(tc.terug))
			wantStatus(t, r, http.StatusSeeOther)
			if loc := r.Header.Get("Location"); loc != tc.want {
				t.Errorf("Location = %q, want %q", loc, tc.want)
			}
			ck := r.Header.Get("Set-Cookie")
			for _, want := range []string{"taal=en", "Path=/", "Max-Age=31536000", "SameSite=Lax", "HttpOnly"} {
				if !strings.Contains(ck, want) {
					t.Errorf("Set-Cookie %q lacks %s", ck, want)
				}
			}
		})
	}
	t.Run("switches", func(t *testing.T) {
		c := e.client()
		e.get(c, "/taal/en?terug=/")
		r := e.get(c, "/")
		checkPage(t, r, "en")
		wantSelector(t, r, `nav.lang-switch a[lang="en"][aria-current="true"]`)
		if href, _ := r.Doc(t).Find(`nav.lang-switch a[lang="nl"]`).Attr("href"); href != "/taal/nl?terug=%2F" {
			t.Errorf("switch link = %q", href)
		}
		e.get(c, "/taal/nl?terug=/")
		checkPage(t, e.get(c, "/"), "nl")
	})
	t.Run("unknown language", func(t *testing.T) {
		r := e.get(e.client(), "/taal/de?terug=/")
		wantStatus(t, r, http.StatusNotFound)
		checkPage(t, r, "nl")
		if r.Header.Get("Set-Cookie") != "" {
			t.Error("cookie set for an unknown language")
		}
	})
}

func TestStatic(t *testing.T) {
	e := newEnv(t, false)
	c := e.client()
	for _, tc := range []struct {
		path, contentType, cache string
		status                   int
	}{
		{"/static/vendor/utrecht.css", "text/css", "public, max-age=31536000, immutable", 200},
		{"/static/vendor/htmx.min.js", "javascript", "public, max-age=31536000, immutable", 200},
		{"/static/schakel.css", "text/css", "public, max-age=3600", 200},
		{"/static/schakel.css?v=" + e.h.assets["schakel.css"], "text/css", "public, max-age=31536000, immutable", 200},
		{"/static/", "text/html", "no-store", 404},
		{"/static/vendor/", "text/html", "no-store", 404},
		{"/static/bestaat-niet.css", "text/html", "no-store", 404},
	} {
		t.Run(tc.path, func(t *testing.T) {
			r := e.get(c, tc.path)
			wantStatus(t, r, tc.status)
			if ct := r.Header.Get("Content-Type"); !strings.Contains(ct, tc.contentType) {
				t.Errorf("Content-Type = %q, want %s", ct, tc.contentType)
			}
			if cc := r.Header.Get("Cache-Control"); cc != tc.cache {
				t.Errorf("Cache-Control = %q, want %q", cc, tc.cache)
			}
		})
	}
	// The pages link to the hashed URLs.
	r := e.get(c, "/")
	wantSelector(t, r, `link[rel="stylesheet"][href="/static/schakel.css?v=`+e.h.assets["schakel.css"]+`"]`)
}

func TestLocalPath(t *testing.T) {
	for in, want := range map[string]string{
		"/a/b?c=d": "/a/b?c=d", "/": "/", "": "/", "//x": "/", "/\\x": "/", "http://x": "/", "x": "/", "/a\nb": "/",
	} {
		if got := localPath(in); got != want {
			t.Errorf("localPath(%q) = %q, want %q", in, got, want)
		}
	}
}
