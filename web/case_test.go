package web

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/alexedwards/scs/v2"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/auth"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/cases"
	"github.com/schakel-nl/schakel/comply"
	"github.com/schakel-nl/schakel/demo"
	"github.com/schakel-nl/schakel/directory"
	"github.com/schakel-nl/schakel/erasure"
	"github.com/schakel-nl/schakel/notifications"
	"github.com/schakel-nl/schakel/requests"
	"github.com/schakel-nl/schakel/schakeltest"
	"github.com/schakel-nl/schakel/store/storetest"
)

// startCaseSite starts the site on a fresh database with the demo world,
// the seed catalogue and the maatwerkplaats, its pages routed as
// server/routes.go routes them.
func startCaseSite(tb testing.TB) *brakeSite {
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
	cs := cases.New(st, clock)
	h, err := New(Handler{Directory: directory.New(st), Notices: notifications.New(st, clock), Requests: rs, Calendar: cal, Auth: a, Clock: clock, Log: log, Demo: true,
		Cases: cs, Erasure: erasure.New(st, clock, log)})
	if err != nil {
		tb.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", h.Serve(h.Home))
	mux.HandleFunc("GET /inloggen", h.LoginPage)
	mux.HandleFunc("GET /demo/inloggen", h.Serve(h.DemoLoginPage))
	mux.HandleFunc("POST /demo/inloggen", h.Serve(h.DemoLogin))
	mux.HandleFunc("GET /beginselen", h.Serve(h.PrinciplesPage))
	mux.HandleFunc("GET /casussen", h.Serve(h.CaseList))
	mux.HandleFunc("GET /casussen/nieuw", h.Serve(h.NewCaseForm))
	mux.HandleFunc("POST /casussen", h.Serve(h.SubmitCase))
	mux.HandleFunc("GET /casussen/{id}", h.Serve(h.CasePage))
	mux.HandleFunc("POST /casussen/{id}/uitnodiging", h.Serve(h.InviteToCase))
	mux.HandleFunc("POST /casussen/{id}/standpunt", h.Serve(h.AddCaseView))
	mux.HandleFunc("POST /casussen/{id}/besluit", h.Serve(h.DecideCase))
	mux.HandleFunc("GET /casussen/{id}/publicatie", h.Serve(h.PublicationReview))
	mux.HandleFunc("POST /casussen/{id}/publicatie", h.Serve(h.PublishCase))
	mux.HandleFunc("POST /casussen/{id}/intrekking", h.Serve(h.WithdrawCase))
	mux.HandleFunc("GET /casussen/{id}/correctie", h.Serve(h.CorrectionPage))
	mux.HandleFunc("POST /casussen/{id}/correctie", h.Serve(h.CorrectPublication))
	mux.HandleFunc("POST /casussen/{id}/publicatie-intrekking", h.Serve(h.WithdrawPublication))
	mux.HandleFunc("GET /beheer/wissen", h.Serve(h.ErasurePage))
	mux.HandleFunc("POST /beheer/wissen", h.Serve(h.EraseTexts))
	mux.HandleFunc("GET /casusprudentie", h.Serve(h.PrecedentRegister))
	mux.HandleFunc("GET /casusprudentie/{id}", h.Serve(h.PrecedentPage))
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

// caseEnv is a site with the maatwerkplaats and the helpers of env and
// brakeEnv.
type caseEnv struct {
	*brakeEnv
}

func newCaseEnv(t *testing.T) *caseEnv {
	t.Helper()
	s := startCaseSite(t)
	e := &env{t: t, st: s.st, clock: s.clock, h: s.h, srv: s.srv, ministry: s.orgsBy["min-szw"], uwv: s.orgsBy["uwv"]}
	return &caseEnv{&brakeEnv{env: e, site: s}}
}

// svc returns the maatwerkplaats of the site.
func (e *caseEnv) svc() *cases.Service { return e.h.Cases }

// validCase is a valid submission form of a uwv professional.
func validCase(mod func(url.Values)) url.Values {
	v := url.Values{
		"organisatie": {"uwv"},
		"titel":       {"Terugvordering WIA-voorschot na te laat besluit"},
		"situatie":    {"Een vrouw kreeg een voorschot op haar WIA-uitkering omdat UWV te laat besliste. Nu moet ze alles terugbetalen."},
		"partijen[0]": {"Anna Bos"},
		"regels[0]":   {"jci1.3:c:BWBR0019057&artikel=76"},
		"bedoeling":   {"Voorschotten die te veel zijn betaald, komen terug bij de uitvoering."},
		"knelpunt":    {"De vertraging lag bij UWV, de schuld ligt bij de burger die geen buffer heeft."},
		"beginselen":  {"evenredigheid", "zorgvuldigheid"},
	}
	if mod != nil {
		mod(v)
	}
	return v
}

var caseLocation = regexp.MustCompile(`^/casussen/(\d+)\?gedaan=ingediend$`)

// submit posts the form as the browser c and returns the id of the new
// case.
func (e *caseEnv) submit(c *http.Client, form url.Values) int64 {
	e.t.Helper()
	r := e.post(c, "/casussen", form)
	wantStatus(e.t, r, http.StatusSeeOther)
	m := caseLocation.FindStringSubmatch(r.Header.Get("Location"))
	if m == nil {
		e.t.Fatalf("Location = %q", r.Header.Get("Location"))
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	return id
}

// submitAs submits a case through the service.
func (e *caseEnv) submitAs(subject string, in cases.SubmitInput) *schakel.Case {
	e.t.Helper()
	c, err := e.svc().Submit(context.Background(), e.user(subject), in)
	if err != nil {
		e.t.Fatal(err)
	}
	return c
}

// decideAs decides case id through the service.
func (e *caseEnv) decideAs(subject string, id int64, in cases.DecideInput) {
	e.t.Helper()
	if _, err := e.svc().Decide(context.Background(), e.user(subject), id, in); err != nil {
		e.t.Fatal(err)
	}
}

// publishAs publishes case id through the service, every review
// category confirmed; subject must not be who decided (four eyes).
func (e *caseEnv) publishAs(subject string, id int64) {
	e.t.Helper()
	var confirmed []string
	for _, c := range cases.ReviewCategories() {
		confirmed = append(confirmed, string(c))
	}
	if _, err := e.svc().Publish(context.Background(), e.user(subject), id, cases.PublishInput{Confirmed: confirmed}); err != nil {
		e.t.Fatal(err)
	}
}

// published submits, decides and publishes a case of uwv with outcome o
// and returns its id.
func (e *caseEnv) published(in cases.SubmitInput, o schakel.Outcome) int64 {
	e.t.Helper()
	if in.Organisation == "" {
		in.Organisation = "uwv"
	}
	c := e.submitAs(orgSubmitter(in.Organisation), in)
	d := cases.DecideInput{Outcome: o, LegalGround: "awb-4:84", LegalGroundText: "De inherente afwijkingsbevoegdheid.",
		Weighings: []schakel.Weighing{{Principle: "evenredigheid", How: "De gevolgen zijn onevenredig."}}, Explanation: "Uitleg voor de burger."}
	if o == schakel.OutcomeSolveOnly {
		d = cases.DecideInput{Outcome: o, Explanation: "Uitleg.", SignalText: "De regel moet anders.", SignalRuleRefs: in.RuleRefs}
	}
	coordinator := e.coordinatorOf(in.Organisation)
	e.decideAs(coordinator, c.ID, d)
	e.publishAs(e.reviewerOf(in.Organisation), c.ID)
	return c.ID
}

// reviewerOf returns the subject of a board member of the organisation of
// code, the second reviewer who publishes what a coordinator decided,
// adding one to the demo world when it has none.
func (e *caseEnv) reviewerOf(code string) string {
	e.t.Helper()
	subject := strings.Replace(orgSubmitter(code), "professional", "bestuur", 1)
	if _, ok := e.site.users[subject]; !ok {
		e.site.users[subject] = e.demoUser(subject, "Bestuur "+code, schakel.Membership{OrganisationID: e.site.orgsBy[code].ID, Role: schakel.RoleBoard})
	}
	return subject
}

// coordinatorOf returns the subject of a coordinator of the organisation
// of code, adding one to the demo world when it has none.
func (e *caseEnv) coordinatorOf(code string) string {
	e.t.Helper()
	subject := strings.Replace(orgSubmitter(code), "professional", "coordinator", 1)
	if _, ok := e.site.users[subject]; !ok {
		e.site.users[subject] = e.demoUser(subject, "Coördinator "+code, schakel.Membership{OrganisationID: e.site.orgsBy[code].ID, Role: schakel.RoleCoordinator})
	}
	return subject
}

// orgSubmitter is the demo professional of an organisation.
func orgSubmitter(code string) string {
	if code == "gemeente-eindhoven" {
		return "eindhoven-professional"
	}
	return code + "-professional"
}

// wantErrorsAt checks that the error summary links to exactly the ids
// given and that each field says what is wrong at the field itself.
func wantErrorsAt(t *testing.T, r *response, ids ...string) {
	t.Helper()
	for _, id := range ids {
		wantSelector(t, r, `.error-summary a[href="#`+id+`"]`)
		if r.Count(t, "#"+id) == 0 {
			t.Errorf("no element #%s for the error", id)
		}
	}
	got := map[string]bool{}
	r.Doc(t).Find(".error-summary a").Each(func(_ int, s *goquery.Selection) {
		href, _ := s.Attr("href")
		got[strings.TrimPrefix(href, "#")] = true
	})
	if len(got) != len(ids) {
		t.Errorf("error summary links to %v, want %v: %s", got, ids, r.Text(t, ".error-summary"))
	}
}

// loginClient returns a browser for srv logged in as user id, for tests
// without a *testing.T (fuzzing).
func loginClient(tb testing.TB, base string, id int64) *http.Client {
	tb.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }, Timeout: 30 * time.Second}
	resp, err := c.PostForm(base+"/demo/inloggen", url.Values{"gebruiker": {strconv.FormatInt(id, 10)}})
	if err != nil {
		tb.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		tb.Fatalf("demo login: status %d", resp.StatusCode)
	}
	return c
}
