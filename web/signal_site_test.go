package web

import (
	"context"
	"github.com/schakel-nl/schakel/brakes"
	"github.com/schakel-nl/schakel/receipt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"testing"

	"github.com/alexedwards/scs/v2"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/auth"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/cases"
	"github.com/schakel-nl/schakel/comply"
	"github.com/schakel-nl/schakel/demo"
	"github.com/schakel-nl/schakel/directory"
	"github.com/schakel-nl/schakel/notifications"
	"github.com/schakel-nl/schakel/requests"
	"github.com/schakel-nl/schakel/schakeltest"
	"github.com/schakel-nl/schakel/signals"
	"github.com/schakel-nl/schakel/store/storetest"
)

// startSignalSite starts the site on a fresh database of the backend open
// with the demo world, the seed catalogue, the maatwerkplaats and the
// signal service, its pages routed as server/routes.go routes them.
func startSignalSite(tb testing.TB, open storetest.Opener) *brakeSite {
	tb.Helper()
	ctx := context.Background()
	clock := schakeltest.NewClock(storetest.Start)
	st := open(tb, clock)
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
	h, err := New(Handler{Directory: directory.New(st), Notices: notifications.New(st, clock), Requests: rs, Calendar: cal, Auth: a, Clock: clock, Log: log, Demo: true,
		Cases: cases.New(st, clock), Signals: signals.New(st, rs, clock), Brakes: brakes.New(st, rs, clock, receipt.NewHasher(testReceiptParams, 2))})
	if err != nil {
		tb.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", h.Serve(h.Home))
	mux.HandleFunc("GET /inloggen", h.LoginPage)
	mux.HandleFunc("GET /demo/inloggen", h.Serve(h.DemoLoginPage))
	mux.HandleFunc("POST /demo/inloggen", h.Serve(h.DemoLogin))
	mux.HandleFunc("GET /verzoeken/{id}", h.Serve(h.RequestPage))
	mux.HandleFunc("GET /casussen/{id}", h.Serve(h.CasePage))
	mux.HandleFunc("GET /signalen/nieuw", h.Serve(h.NewSignalForm))
	mux.HandleFunc("POST /signalen", h.Serve(h.FileSignal))
	mux.HandleFunc("GET /signalen/{id}", h.Serve(h.SignalPage))
	mux.HandleFunc("GET /knelpunten", h.Serve(h.KnelpuntList))
	mux.HandleFunc("GET /knelpunten/{id}", h.Serve(h.KnelpuntPage))
	mux.HandleFunc("POST /knelpunten/{id}/voorleggen", h.Serve(h.PutKnelpunt))
	mux.HandleFunc("POST /knelpunten/{id}/antwoord", h.Serve(h.AnswerKnelpunt))
	mux.HandleFunc("POST /knelpunten/{id}/samenvoegen", h.Serve(h.MergeKnelpunt))
	mux.HandleFunc("POST /knelpunten/{id}/splitsen", h.Serve(h.SplitKnelpunt))
	mux.HandleFunc("GET /knelpuntenbrieven", h.Serve(h.LetterList))
	mux.HandleFunc("GET /knelpuntenbrieven/nieuw", h.Serve(h.NewLetterForm))
	mux.HandleFunc("POST /knelpuntenbrieven", h.Serve(h.SendLetter))
	mux.HandleFunc("GET /knelpuntenbrieven/{id}", h.Serve(h.LetterPage))
	mux.HandleFunc("GET /knelpuntenbrieven/{id}/{file}", h.Serve(h.LetterDocument))
	mux.HandleFunc("GET /wetten", h.Serve(h.LawFigures))
	mux.HandleFunc("GET /wetten/{bwb}", h.Serve(h.LawPage))
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

// signalEnv is a site with the signal pages and the helpers of caseEnv.
type signalEnv struct {
	*caseEnv
}

func newSignalEnv(t *testing.T, open storetest.Opener) *signalEnv {
	t.Helper()
	s := startSignalSite(t, open)
	e := &env{t: t, st: s.st, clock: s.clock, h: s.h, srv: s.srv, ministry: s.orgsBy["min-szw"], uwv: s.orgsBy["uwv"]}
	return &signalEnv{&caseEnv{&brakeEnv{env: e, site: s}}}
}

// onBackends runs test on a fresh site of every backend this machine has:
// SQLite always, PostgreSQL when SCHAKEL_TEST_POSTGRES is set.
func onBackends(t *testing.T, test func(t *testing.T, e *signalEnv)) {
	for _, b := range storetest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			test(t, newSignalEnv(t, b.Open))
		})
	}
}

// sigs returns the signal service of the site.
func (e *signalEnv) sigs() *signals.Service { return e.h.Signals }

// validSignal is a valid signal form of a uwv professional about article
// 76 of the WIA.
func validSignal(mod func(url.Values)) url.Values {
	v := url.Values{
		"organisatie":            {"uwv"},
		"titel":                  {"Terugvordering van het WIA-voorschot na een te laat besluit"},
		"regels[0]":              {"jci1.3:c:BWBR0019057&artikel=76"},
		"groep":                  {"Mensen met een voorschot op hun WIA-uitkering"},
		"gevolg":                 {"Zij moeten het voorschot in één keer terugbetalen, ook als UWV te laat besliste, en raken in de schulden."},
		"burgers.van":            {"1200"},
		"burgers.tot":            {"3.000"},
		"burgers.methode":        {"Geteld in ons systeem over 2025"},
		"oplossing":              {"wet"},
		"voorstel":               {"Vorder het voorschot niet terug als het besluit te laat was."},
		"kosten.eenmalig":        {"25000"},
		"kosten.structureel":     {"1.250.000,50"},
		"kosten.drager":          {"het ministerie"},
		"conflicten[0].beginsel": {"evenredigheid"},
		"conflicten[0].reden":    {"De terugvordering treft mensen die er niets aan konden doen."},
	}
	if mod != nil {
		mod(v)
	}
	return v
}

// unrelatedSignal is a valid signal form about another law in other
// words.
func unrelatedSignal() url.Values {
	return validSignal(func(v url.Values) {
		v.Set("titel", "Kinderopvangtoeslag stopt bij een verhuizing naar een andere gemeente")
		v.Set("regels[0]", "jci1.3:c:BWBR0017017&artikel=3")
		v.Set("groep", "Ouders die verhuizen")
		v.Set("gevolg", "De toeslag stopt een maand omdat de opvang opnieuw moet worden opgegeven.")
		v.Set("voorstel", "Laat de toeslag doorlopen tot de nieuwe opvang bekend is.")
		v.Set("conflicten[0].beginsel", "rechtszekerheid")
		v.Set("conflicten[0].reden", "Ouders weten niet waar ze aan toe zijn.")
	})
}

var filedLocation = regexp.MustCompile(`^/knelpunten/(\d+)\?(.*)$`)

// fileForm posts the signal form as the browser c, expecting it filed,
// and returns the knelpunt and the query of the redirect.
func (e *signalEnv) fileForm(c *http.Client, form url.Values) (int64, url.Values) {
	e.t.Helper()
	r := e.post(c, "/signalen", form)
	if r.StatusCode != http.StatusSeeOther {
		e.t.Fatalf("status %d, want 303; body:\n%s", r.StatusCode, r.Body)
	}
	m := filedLocation.FindStringSubmatch(r.Header.Get("Location"))
	if m == nil {
		e.t.Fatalf("Location = %q", r.Header.Get("Location"))
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	q, err := url.ParseQuery(m[2])
	if err != nil {
		e.t.Fatal(err)
	}
	return id, q
}

// fileAs files a signal through the service, in a new knelpunt unless
// in.KnelpuntID names one.
func (e *signalEnv) fileAs(subject string, in signals.FileInput) *signals.Filed {
	e.t.Helper()
	f, err := e.sigs().File(context.Background(), e.user(subject), in)
	if err != nil {
		e.t.Fatal(err)
	}
	return f
}

// signalInput is the service's input of a valid uwv signal about rule,
// titled title.
func signalInput(title, rule string) signals.FileInput {
	return signals.FileInput{Organisation: "uwv", Title: title, Rules: []string{rule}, Group: "Mensen met een WIA-uitkering",
		Effect: "Zij raken in de schulden door de regel.", CitizensLow: 100, CitizensHigh: 400, CitizensMethod: "Geteld in ons systeem",
		Solution: schakel.SolutionLaw, Proposal: "Pas de regel aan.", CostOnceCents: 10_000_00, CostYearCents: 50_000_00, CostBorneBy: "het ministerie",
		Conflicts: []signals.Conflict{{Principle: "evenredigheid", Grounds: "De gevolgen zijn onevenredig."}}}
}

// answer answers the current rung of knelpunt id as subject.
func (e *signalEnv) answer(subject string, id int64, kind schakel.AnswerKind) *schakel.Knelpunt {
	e.t.Helper()
	in := requests.AnswerInput{AnswerInput: comply.AnswerInput{Kind: kind}}
	if kind == schakel.Comply {
		in.Changes, in.ByWhen = "We passen de werkwijze aan.", calendar.MustParseDate("2026-12-31")
	} else {
		in.Motivations = map[string]string{"evenredigheid": "De wet laat geen ruimte."}
	}
	k, err := e.sigs().Answer(context.Background(), e.user(subject), id, in)
	if err != nil {
		e.t.Fatal(err)
	}
	return k
}

// adopted files a signal in a new knelpunt and takes it up to adoption by
// uwv's board, and returns the knelpunt.
func (e *signalEnv) adopted(title, rule string) *schakel.Knelpunt {
	e.t.Helper()
	ctx := context.Background()
	f := e.fileAs("uwv-professional", signalInput(title, rule))
	if _, err := e.sigs().Put(ctx, e.user("uwv-professional"), f.Knelpunt.ID); err != nil {
		e.t.Fatal(err)
	}
	e.answer("uwv-coordinator", f.Knelpunt.ID, schakel.Comply)
	return e.answer("uwv-bestuur", f.Knelpunt.ID, schakel.Comply)
}

// sendLetter sends uwv's knelpuntenbrief of the month up to today
// through the service.
func (e *signalEnv) sendLetter() *schakel.Letter {
	e.t.Helper()
	today := calendar.New().Today(e.clock.Now())
	l, err := e.sigs().SendLetter(context.Background(), e.user("uwv-bestuur"), signals.LetterInput{Organisation: "uwv", From: today.AddDays(-30), To: today})
	if err != nil {
		e.t.Fatal(err)
	}
	return l
}

// counts returns the number of signals and knelpunten of uwv in the store.
func (e *signalEnv) counts() (int, int) {
	e.t.Helper()
	ctx := context.Background()
	_, ns, err := e.st.Signals(ctx, schakel.SignalFilter{OrganisationID: e.uwv.ID, Limit: 1})
	if err != nil {
		e.t.Fatal(err)
	}
	_, nk, err := e.st.Knelpunten(ctx, schakel.KnelpuntFilter{OrganisationID: e.uwv.ID, Limit: 1})
	if err != nil {
		e.t.Fatal(err)
	}
	return ns, nk
}
