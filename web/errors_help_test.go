package web

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/alexedwards/scs/v2"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/auth"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/comply"
	"github.com/schakel-nl/schakel/directory"
	"github.com/schakel-nl/schakel/requests"
	"github.com/schakel-nl/schakel/schakeltest"
	"github.com/schakel-nl/schakel/store/storetest"
)

// newDraftEnv is a small site on the store of b, with drafts kept: the
// demo login and the form to make a request, routed as server/routes.go
// does, with the GET routes of the POST paths.
func newDraftEnv(t *testing.T, b storetest.Backend) *env {
	t.Helper()
	clock := schakeltest.NewClock(storetest.Start)
	st := b.Open(t, clock)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	sessions := scs.New()
	sessions.Codec = auth.Codec{}
	sessions.Store = st.Sessions()
	a := &auth.Auth{Sessions: sessions, Users: st, Log: log, Demo: true, Clock: clock, Drafts: st}
	cal := calendar.New()
	h, err := New(Handler{Directory: directory.New(st), Requests: requests.New(st, &comply.Engine{Calendar: cal}, clock), Calendar: cal, Auth: a, Clock: clock, Log: log, Demo: true})
	if err != nil {
		t.Fatal(err)
	}
	e := &env{t: t, st: st, clock: clock, h: h}
	if _, err := st.SeedPrinciples(context.Background(), schakel.DefaultPrinciples()); err != nil {
		t.Fatal(err)
	}
	e.ministry = storetest.MustOrganisation(t, st, "min-szw", schakel.OrgMinistry)
	e.uwv = storetest.MustOrganisation(t, st, "uwv", schakel.OrgExecutive, e.ministry.ID)
	e.anna = e.demoUser("anna", "Anna de Vries", schakel.Membership{OrganisationID: e.uwv.ID, Role: schakel.RoleProfessional})
	patterns := map[string]http.HandlerFunc{
		"GET /{$}":                      h.Serve(h.Home),
		"GET /inloggen":                 h.LoginPage,
		"GET /demo/inloggen":            h.Serve(h.DemoLoginPage),
		"POST /demo/inloggen":           h.Serve(h.DemoLogin),
		"GET /verzoeken":                h.Serve(h.RequestList),
		"GET /verzoeken/nieuw":          h.Serve(h.NewRequestPage),
		"POST /verzoeken":               h.Serve(h.CreateRequest),
		"GET /verzoeken/{id}":           h.Serve(h.RequestPage),
		"POST /verzoeken/{id}/antwoord": h.Serve(h.AnswerRequest),
	}
	mux := http.NewServeMux()
	var names []string
	for p, fn := range patterns {
		names = append(names, p)
		mux.HandleFunc(p, fn)
	}
	for p, fn := range h.FormPageRoutes(names) {
		mux.HandleFunc(p, fn)
	}
	mux.HandleFunc("/", h.NotFound)
	e.srv = httptest.NewServer(sessions.LoadAndSave(a.LoadUser(mux)))
	t.Cleanup(e.srv.Close)
	return e
}

// TestDraftRestoredAfterLogin: a form posted without a session is kept;
// the login page is next, and after the demo login the person is back on
// the form with every field filled in and a notice saying so; once. A
// draft older than two hours is gone: the login goes home. On both stores.
func TestDraftRestoredAfterLogin(t *testing.T) {
	for _, b := range storetest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			e := newDraftEnv(t, b)
			c := e.client()
			typed := url.Values{"onderwerp": {"Terugvordering & \"hardheid\""}, "toelichting": {"Regel één.\nRegel twee."}, "type": {string(schakel.TypeGeneral)}}
			// A browser that never logged in: nothing is kept.
			if resp := e.post(c, "/verzoeken", typed); resp.StatusCode != http.StatusSeeOther || strings.Contains(resp.Header.Get("Set-Cookie"), "schakel-concept") {
				t.Fatalf("post without any session: %d, cookies %q", resp.StatusCode, resp.Header.Values("Set-Cookie"))
			}
			// One whose session expired: its cookie is still sent.
			srvURL, _ := url.Parse(e.srv.URL)
			c.Jar.SetCookies(srvURL, []*http.Cookie{{Name: e.h.Auth.Sessions.Cookie.Name, Value: "verlopen"}})
			resp := e.post(c, "/verzoeken", typed)
			if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/inloggen" {
				t.Fatalf("post without session: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
			}
			login := e.post(c, "/demo/inloggen", url.Values{"gebruiker": {strconv.FormatInt(e.anna.ID, 10)}})
			if login.StatusCode != http.StatusSeeOther || login.Header.Get("Location") != "/verzoeken/nieuw" {
				t.Fatalf("login: %d to %q, want the form", login.StatusCode, login.Header.Get("Location"))
			}
			form := e.get(c, "/verzoeken/nieuw")
			wantStatus(t, form, http.StatusOK)
			wantSelector(t, form, ".restored-notice[role=status]")
			doc := form.Doc(t)
			if got, _ := doc.Find("#onderwerp").Attr("value"); got != typed.Get("onderwerp") {
				t.Errorf("onderwerp = %q, want %q", got, typed.Get("onderwerp"))
			}
			if got := doc.Find("textarea#toelichting").Text(); got != typed.Get("toelichting") {
				t.Errorf("toelichting = %q, want %q", got, typed.Get("toelichting"))
			}
			again := e.get(c, "/verzoeken/nieuw")
			wantNoSelector(t, again, ".restored-notice")

			// Expired: after two hours nothing comes back.
			c2 := e.client()
			e.post(c2, "/verzoeken", typed)
			e.clock.Advance(auth.DraftLifetime + time.Minute)
			login = e.post(c2, "/demo/inloggen", url.Values{"gebruiker": {strconv.FormatInt(e.anna.ID, 10)}})
			if got := login.Header.Get("Location"); got != "/" {
				t.Errorf("login after the draft expired goes to %q, want /", got)
			}
		})
	}
}

// TestGETOfPOSTPathGoesToItsForm: a reload of a page that came back from a
// POST is a 303 to its form, not a 404.
func TestGETOfPOSTPathGoesToItsForm(t *testing.T) {
	e := newDraftEnv(t, storetest.Backends()[0])
	c := e.client()
	for path, want := range map[string]string{"/verzoeken/12/antwoord": "/verzoeken/12"} {
		resp := e.get(c, path)
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != want {
			t.Errorf("GET %s: %d to %q, want 303 to %q", path, resp.StatusCode, resp.Header.Get("Location"), want)
		}
	}
	// A GET route of its own (POST /verzoeken has the list) stays.
	if got := formPageOf("/verzoeken", map[string]bool{"/verzoeken": true, "/verzoeken/nieuw": true}); got != "/verzoeken/nieuw" {
		t.Errorf("form page of /verzoeken = %q", got)
	}
	if got := formPageOf("/x/{id}/y", map[string]bool{}); got != "/" {
		t.Errorf("form page without any = %q", got)
	}
}

// TestConflictSaysWhatChanged: a 409 gives the service's reason, a link to
// the page as it is now and the input back in a form that sends it again;
// its title starts with "Fout:" ("Error:" in English).
func TestConflictSaysWhatChanged(t *testing.T) {
	e := newEnv(t, false)
	h := e.h
	h.FormPageRoutes([]string{"GET /verzoeken/{id}", "POST /verzoeken/{id}/antwoord"})
	mux := http.NewServeMux()
	mux.HandleFunc("POST /verzoeken/{id}/antwoord", h.Serve(func(http.ResponseWriter, *http.Request) error {
		return schakel.Errorf(schakel.ECONFLICT, "Dit verzoek is intussen beantwoord.")
	}))
	for _, lang := range []string{langNL, langEN} {
		req := httptest.NewRequest(http.MethodPost, "/verzoeken/7/antwoord", strings.NewReader(url.Values{"uitleg": {"Mijn lange uitleg."}, "leeg": {""}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.AddCookie(&http.Cookie{Name: langCookie, Value: lang})
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, req)
		if rec.Code != http.StatusConflict {
			t.Fatalf("%s: status %d", lang, rec.Code)
		}
		doc, err := goquery.NewDocumentFromReader(rec.Body)
		if err != nil {
			t.Fatal(err)
		}
		title := map[string]string{langNL: "Fout: Dit kan nu niet meer — schakel", langEN: "Error: This is no longer possible — schakel"}[lang]
		if got := doc.Find("title").Text(); got != title {
			t.Errorf("%s: title %q, want %q", lang, got, title)
		}
		if lang == langNL && strings.TrimSpace(doc.Find(".conflict-reason").Text()) != "Dit verzoek is intussen beantwoord." {
			t.Errorf("reason %q", doc.Find(".conflict-reason").Text())
		}
		if href, _ := doc.Find("a.conflict-current").Attr("href"); href != "/verzoeken/7" {
			t.Errorf("%s: current version at %q", lang, href)
		}
		if action, _ := doc.Find("form.conflict-again").Attr("action"); action != "/verzoeken/7/antwoord" {
			t.Errorf("%s: send again to %q", lang, action)
		}
		if got := doc.Find("form.conflict-again textarea[name=uitleg]").Text(); got != "Mijn lange uitleg." {
			t.Errorf("%s: kept text %q", lang, got)
		}
		if doc.Find("textarea[name=leeg]").Length() != 0 {
			t.Errorf("%s: an empty field is shown back", lang)
		}
	}
}

// TestFormErrorsHelp: on the create form, required fields say "verplicht"
// from the start and optional ones "niet verplicht"; fields have the NL
// Design System spacing; after a failed submit the summary takes focus
// without JavaScript and the title starts with "Fout:".
func TestFormErrorsHelp(t *testing.T) {
	e := newEnv(t, true)
	c := e.loggedIn(e.anna)
	form := e.get(c, "/verzoeken/nieuw")
	wantStatus(t, form, http.StatusOK)
	if got := form.Text(t, "label[for=onderwerp] + .field-mark--required[aria-hidden=true]"); got != "(verplicht)" {
		t.Errorf("onderwerp mark %q", got)
	}
	if got := form.Text(t, "label[for=toelichting] .field-mark"); got != "(niet verplicht)" {
		t.Errorf("toelichting mark %q", got)
	}
	if form.Count(t, ".utrecht-form-field:not(.utrecht-form-field--distanced)") != 0 {
		t.Error("a form field without utrecht-form-field--distanced")
	}
	if form.Count(t, "select.utrecht-select") == 0 || form.Count(t, "input[type=checkbox].utrecht-checkbox") == 0 {
		t.Error("selects and checkboxes are not the NL Design System components")
	}
	wantNoSelector(t, form, ".error-summary")
	if strings.HasPrefix(form.Doc(t).Find("title").Text(), "Fout:") {
		t.Error("a form without errors has Fout: in its title")
	}

	failed := e.post(c, "/verzoeken", url.Values{"type": {string(schakel.TypeGeneral)}})
	wantStatus(t, failed, http.StatusBadRequest)
	wantSelector(t, failed, `.error-summary[tabindex="-1"][autofocus]`)
	if got := failed.Doc(t).Find("title").Text(); !strings.HasPrefix(got, "Fout: ") {
		t.Errorf("title %q, want Fout: first", got)
	}
	if got := strings.TrimSpace(failed.Doc(t).Find("main h1").First().Text()); strings.HasPrefix(got, "Fout") {
		t.Errorf("heading %q repeats Fout:", got)
	}
	e.setLang(c, langEN)
	failed = e.post(c, "/verzoeken", url.Values{"type": {string(schakel.TypeGeneral)}})
	if got := failed.Doc(t).Find("title").Text(); !strings.HasPrefix(got, "Error: ") {
		t.Errorf("English title %q, want Error: first", got)
	}
}

// TestConditionalFieldSaysWhen: the decision's legal ground is not marked
// optional but says when it is required.
func TestConditionalFieldSaysWhen(t *testing.T) {
	pg := &page{translator: translator{lang: langNL}}
	f := newForm(pg.translator, decideFields(pg), nil)
	if v := f.Field("grondslag"); v.Required || v.RequiredWhen != "verplicht bij maatwerk of gezagsvol nee" {
		t.Errorf("grondslag: required %v, when %q", v.Required, v.RequiredWhen)
	}
	if v := f.Field(rowField("afwegingen", 1, "hoe")); v.RequiredWhen != "" {
		t.Errorf("the second weighing says %q", v.RequiredWhen)
	}
}
