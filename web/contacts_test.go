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

	"github.com/alexedwards/scs/v2"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/auth"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/comply"
	"github.com/schakel-nl/schakel/demo"
	"github.com/schakel-nl/schakel/directory"
	"github.com/schakel-nl/schakel/notifications"
	"github.com/schakel-nl/schakel/requests"
	"github.com/schakel-nl/schakel/schakeltest"
	"github.com/schakel-nl/schakel/store"
	"github.com/schakel-nl/schakel/store/storetest"
)

// contactEnv is a site on the demo world with the organisation pages, the
// section "Contact met het parlement" and /kamercommissies, routed as
// server/routes.go routes them.
type contactEnv struct {
	*env
	users map[string]*schakel.User
}

func newContactEnv(t *testing.T, open storetest.Opener) *contactEnv {
	t.Helper()
	p := newDemoParts(t, open)
	cal := calendar.New()
	h, err := New(Handler{Directory: directory.New(p.st), Notices: notifications.New(p.st, p.clock), Requests: requests.New(p.st, &comply.Engine{Calendar: cal}, p.clock),
		Calendar: cal, Auth: p.auth, Clock: p.clock, Log: p.log, Demo: true})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /demo/inloggen", h.Serve(h.DemoLogin))
	mux.HandleFunc("GET /organisaties/{code}", h.Serve(h.Organisation))
	mux.HandleFunc("POST /organisaties/{code}/contactpersonen", h.Serve(h.AddContact))
	mux.HandleFunc("POST /organisaties/{code}/contactpersonen/{id}/intrekking", h.Serve(h.RetireContact))
	mux.HandleFunc("POST /organisaties/{code}/indeling", h.Serve(h.SetGrouping))
	mux.HandleFunc("GET /kamercommissies", h.Serve(h.CommitteesPage))
	mux.HandleFunc("/", h.NotFound)
	return p.serve(t, h, mux)
}

// demoParts is a store holding the demo world, with the sessions and the
// demo login: what the sites of the contact, administration and jobs tests
// are built on.
type demoParts struct {
	ctx      context.Context
	clock    *schakeltest.Clock
	st       *store.Store
	log      *slog.Logger
	sessions *scs.SessionManager
	auth     *auth.Auth
}

func newDemoParts(t *testing.T, open storetest.Opener) demoParts {
	t.Helper()
	p := demoParts{ctx: context.Background(), clock: schakeltest.NewClock(storetest.Start), log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	p.st = open(t, p.clock)
	if ok, err := demo.Build(p.ctx, p.st); err != nil || !ok {
		t.Fatalf("demo world: %v, %v", ok, err)
	}
	p.sessions = scs.New()
	p.sessions.Codec = auth.Codec{}
	p.sessions.Store = p.st.Sessions()
	p.auth = &auth.Auth{Sessions: p.sessions, Users: p.st, Log: p.log, Demo: true}
	return p
}

// serve serves mux, h's routes, under the sessions and the login, and
// returns the site with the demo users by subject.
func (p demoParts) serve(t *testing.T, h *Handler, mux *http.ServeMux) *contactEnv {
	t.Helper()
	srv := httptest.NewServer(p.sessions.LoadAndSave(p.auth.LoadUser(mux)))
	t.Cleanup(srv.Close)
	e := &contactEnv{env: &env{t: t, st: p.st, clock: p.clock, h: h, srv: srv}, users: map[string]*schakel.User{}}
	us, _, err := p.st.Users(p.ctx, schakel.UserFilter{Issuer: auth.DemoIssuer, Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range us {
		e.users[u.Subject] = u
	}
	return e
}

// as returns a browser logged in as the demo user subject.
func (e *contactEnv) as(subject string) *http.Client {
	e.t.Helper()
	u, ok := e.users[subject]
	if !ok {
		e.t.Fatalf("no demo user %s", subject)
	}
	return e.loggedIn(u)
}

// onContactBackends runs test on a fresh contact site of every backend.
func onContactBackends(t *testing.T, test func(t *testing.T, e *contactEnv)) {
	for _, b := range storetest.Backends() {
		t.Run(b.Name, func(t *testing.T) { test(t, newContactEnv(t, b.Open)) })
	}
}

func validContactForm(mod func(url.Values)) url.Values {
	v := url.Values{"functie": {"Politiek accountmanager Wajong"}, "email": {"wajong.kamer@uwv.example"}, "telefoon": {"+31 20 000 0009"},
		"onderwerpen": {"Wajong en arbeidsvermogen."}, "kamercommissies": {"Sociale Zaken en Werkgelegenheid"}}
	if mod != nil {
		mod(v)
	}
	return v
}

func TestContactSection(t *testing.T) {
	onContactBackends(t, func(t *testing.T, e *contactEnv) {
		const page = "/organisaties/uwv"
		// Anyone sees the contact points, and no form.
		r := e.get(e.client(), page)
		wantStatus(t, r, http.StatusOK)
		checkPage(t, r, langNL)
		if n := r.Count(t, `section[aria-labelledby="contact-parlement"] li.contact-point`); n != 2 {
			t.Fatalf("%d contact points shown, want the demo's 2", n)
		}
		if got := r.Text(t, `li.contact-point .contact-point__email`); !strings.Contains(got, "kamerzaken@uwv.example") {
			t.Errorf("e-mail addresses %q", got)
		}
		wantSelector(t, r, `li.contact-point .contact-point__committees a[href="/kamercommissies#commissie-sociale-zaken-en-werkgelegenheid"]`)
		if !strings.Contains(r.Text(t, "main dl"), "Bestaanszekerheid") {
			t.Error("the task is not shown")
		}
		for _, sel := range []string{`form.contact-form`, `form.contact-point__retire`, `form.grouping-form`} {
			wantNoSelector(t, r, sel)
		}
		// The board sees no forms either.
		r = e.get(e.as("uwv-bestuur"), page)
		wantNoSelector(t, r, `form.contact-form`)
		wantNoSelector(t, r, `form.contact-point__retire`)

		// The administrator: the form with a checkbox per committee, a
		// retire button per contact point, and (an operator) the task.
		admin := e.as("uwv-beheerder")
		r = e.get(admin, page)
		checkPage(t, r, langNL)
		wantSelector(t, r, `form.contact-form[method="post"][action="/organisaties/uwv/contactpersonen"] input#functie[name="functie"]`)
		if n := r.Count(t, `form.contact-form input[type="checkbox"][name="kamercommissies"]`); n != 3 {
			t.Errorf("%d committee checkboxes, want 3", n)
		}
		if n := r.Count(t, `form.contact-point__retire button`); n != 2 {
			t.Errorf("%d retire buttons, want 2", n)
		}
		wantSelector(t, r, `form.grouping-form[action="/organisaties/uwv/indeling"] input#opgave[value="Bestaanszekerheid"]`)

		// Every invalid field named at once, the input kept.
		r = e.post(admin, "/organisaties/uwv/contactpersonen", url.Values{"functie": {" "}, "email": {"Jan <j.jansen@example.nl>"}, "telefoon": {"06-12345678"},
			"onderwerpen": {"Over WIA"}, "kamercommissies": {"Onbekende Zaken"}})
		wantStatus(t, r, http.StatusBadRequest)
		checkPage(t, r, langNL)
		for _, id := range []string{"functie", "email", "telefoon", "kamercommissie-0"} {
			wantSelector(t, r, `.error-summary a[href="#`+id+`"]`)
		}
		wantSelector(t, r, `textarea#onderwerpen`)
		if got := r.Text(t, `textarea#onderwerpen`); got != "Over WIA" {
			t.Errorf("topics not kept: %q", got)
		}
		if n := r.Count(t, `li.contact-point`); n != 2 {
			t.Errorf("%d contact points after a refused one, want 2", n)
		}

		// A valid one is added and shown.
		r = e.post(admin, "/organisaties/uwv/contactpersonen", validContactForm(nil))
		wantStatus(t, r, http.StatusSeeOther)
		if loc := r.Header.Get("Location"); loc != "/organisaties/uwv#contact-parlement" {
			t.Errorf("Location %q", loc)
		}
		cs, err := e.h.Directory.Contacts(context.Background(), schakel.ContactFilter{Committee: "Sociale Zaken en Werkgelegenheid"})
		if err != nil {
			t.Fatal(err)
		}
		var added *schakel.Contact
		for _, c := range cs {
			if c.Email == "wajong.kamer@uwv.example" {
				added = c
			}
		}
		if added == nil {
			t.Fatal("the contact point was not stored")
		}
		r = e.get(e.client(), page)
		if n := r.Count(t, `li.contact-point`); n != 3 {
			t.Errorf("%d contact points, want 3", n)
		}
		retire := "/organisaties/uwv/contactpersonen/" + strconv.FormatInt(added.ID, 10) + "/intrekking"
		wantSelector(t, e.get(admin, page), `form.contact-point__retire[action="`+retire+`"]`)

		// Retiring: not by the board; by the administrator, after which
		// the page no longer shows it.
		wantStatus(t, e.post(e.as("uwv-bestuur"), retire, url.Values{}), http.StatusForbidden)
		wantStatus(t, e.post(admin, retire, url.Values{}), http.StatusSeeOther)
		r = e.get(e.client(), page)
		if n := r.Count(t, `li.contact-point`); n != 2 || strings.Contains(r.Body, "wajong.kamer@uwv.example") {
			t.Errorf("%d contact points after retiring, want 2 without the retired one", n)
		}
		wantStatus(t, e.post(admin, retire, url.Values{}), http.StatusConflict)
		wantStatus(t, e.post(admin, "/organisaties/uwv/contactpersonen/abc/intrekking", url.Values{}), http.StatusNotFound)
	})
}

func TestGroupingForm(t *testing.T) {
	onContactBackends(t, func(t *testing.T, e *contactEnv) {
		// A ministry's page: for others no section; an operator sets the
		// committee.
		r := e.get(e.client(), "/organisaties/min-szw")
		wantNoSelector(t, r, `#contact-parlement`)
		if !strings.Contains(r.Text(t, "main dl"), "Sociale Zaken en Werkgelegenheid") {
			t.Error("the ministry's committee is not shown")
		}
		operator := e.as("bzk-beheerder")
		r = e.get(operator, "/organisaties/min-szw")
		wantSelector(t, r, `form.grouping-form[action="/organisaties/min-szw/indeling"] input#kamercommissie[name="kamercommissie"]`)
		wantNoSelector(t, r, `form.contact-form`)

		r = e.post(operator, "/organisaties/min-szw/indeling", url.Values{"kamercommissie": {strings.Repeat("k", schakel.MaxGroupingName+1)}})
		wantStatus(t, r, http.StatusBadRequest)
		checkPage(t, r, langNL)
		wantSelector(t, r, `.error-summary a[href="#kamercommissie"]`)
		wantSelector(t, r, `input#kamercommissie[aria-invalid="true"]`)

		r = e.post(operator, "/organisaties/min-szw/indeling", url.Values{"kamercommissie": {"Sociale Zaken"}})
		wantStatus(t, r, http.StatusSeeOther)
		r = e.get(e.client(), "/kamercommissies")
		wantSelector(t, r, `section#commissie-sociale-zaken`)
		wantStatus(t, e.post(e.as("szw-beleid"), "/organisaties/min-szw/indeling", url.Values{"kamercommissie": {"X"}}), http.StatusForbidden)
	})
}

func TestCommitteesPage(t *testing.T) {
	onContactBackends(t, func(t *testing.T, e *contactEnv) {
		for _, lang := range []string{langNL, langEN} {
			c := e.client()
			e.setLang(c, lang)
			r := e.get(c, "/kamercommissies")
			wantStatus(t, r, http.StatusOK)
			checkPage(t, r, lang)
			if n := r.Count(t, `section.committee`); n != 3 {
				t.Fatalf("%d committees, want 3", n)
			}
			const szw = `section#commissie-sociale-zaken-en-werkgelegenheid`
			wantSelector(t, r, szw+` .committee__ministries a[href="/organisaties/min-szw"]`)
			for _, org := range []string{"uwv", "svb", "gemeente-eindhoven"} {
				wantSelector(t, r, szw+` li.committee__organisation[data-org="`+org+`"] li.contact-point`)
			}
			wantNoSelector(t, r, szw+` li.committee__organisation[data-org="politie"]`)
			if n := r.Count(t, szw+` li.committee__organisation[data-org="uwv"] li.contact-point`); n != 2 {
				t.Errorf("uwv has %d contact points under SZW, want 2", n)
			}
			// Eindhoven serves BZK too, and falls under it as its principal.
			wantSelector(t, r, `section#commissie-binnenlandse-zaken li.committee__organisation[data-org="gemeente-eindhoven"] .contact-point__email`)
			if lang == langEN && !strings.Contains(r.Text(t, "h2"), "Standing committee for Justitie en Veiligheid") {
				t.Errorf("English headings %q", r.Text(t, "h2"))
			}
		}
	})
}

// TestContactPagesNameNoOne tries to add a contact point with personal
// data, which is refused, and scans the public pages of contact points and
// committees for it and for the names of the demo users, in both
// languages.
func TestContactPagesNameNoOne(t *testing.T) {
	onContactBackends(t, func(t *testing.T, e *contactEnv) {
		admin := e.as("uwv-beheerder")
		for _, mod := range []func(url.Values){
			func(v url.Values) { v.Set("email", "j.jansen@example.nl") },
			func(v url.Values) { v.Set("email", "Mevrouw Jansen <kamer@uwv.example>") },
			func(v url.Values) { v.Set("telefoon", "06-12345678") },
		} {
			wantStatus(t, e.post(admin, "/organisaties/uwv/contactpersonen", validContactForm(mod)), http.StatusBadRequest)
		}
		// Each page with a text it must show, so the scan proves something.
		pages := map[string]string{"/kamercommissies": "kamerzaken@uwv.example", "/organisaties/uwv": "kamerzaken@uwv.example",
			"/organisaties/gemeente-eindhoven": "rijkszaken@eindhoven.example", "/organisaties/min-szw": "Sociale Zaken en Werkgelegenheid"}
		for _, lang := range []string{langNL, langEN} {
			visitor := e.client()
			e.setLang(visitor, lang)
			for path, shown := range pages {
				r := e.get(visitor, path)
				wantStatus(t, r, http.StatusOK)
				if !strings.Contains(r.Body, shown) {
					t.Errorf("%s (%s) does not show %q, so the scan proves nothing", path, lang, shown)
				}
				wantNoSignalPersonalData(t, path, r.Body)
				for _, u := range demo.Users {
					if strings.Contains(r.Body, u.Name) {
						t.Errorf("%s (%s) names the user %q", path, lang, u.Name)
					}
				}
			}
		}
	})
}
