package web

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"testing"

	"github.com/alexedwards/scs/v2"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/assessments"
	"github.com/schakel-nl/schakel/auth"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/comply"
	"github.com/schakel-nl/schakel/demo"
	"github.com/schakel-nl/schakel/directory"
	"github.com/schakel-nl/schakel/notifications"
	"github.com/schakel-nl/schakel/requests"
	"github.com/schakel-nl/schakel/schakeltest"
	"github.com/schakel-nl/schakel/signals"
	"github.com/schakel-nl/schakel/store/storetest"
)

// startAssessmentSite starts the site on a fresh database of the backend
// open with the demo world, the seed catalogue, the signal service and
// the assessment service, its pages routed as server/routes.go routes
// them.
func startAssessmentSite(tb testing.TB, open storetest.Opener) *brakeSite {
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
		Signals: signals.New(st, rs, clock), Assessments: assessments.New(st, rs, clock)})
	if err != nil {
		tb.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", h.Serve(h.Home))
	mux.HandleFunc("GET /inloggen", h.LoginPage)
	mux.HandleFunc("GET /demo/inloggen", h.Serve(h.DemoLoginPage))
	mux.HandleFunc("POST /demo/inloggen", h.Serve(h.DemoLogin))
	mux.HandleFunc("GET /verzoeken/{id}", h.Serve(h.RequestPage))
	mux.HandleFunc("POST /verzoeken/{id}/antwoord", h.Serve(h.AnswerRequest))
	mux.HandleFunc("POST /signalen", h.Serve(h.FileSignal))
	mux.HandleFunc("GET /knelpunten/{id}", h.Serve(h.KnelpuntPage))
	mux.HandleFunc("GET /voorstellen", h.Serve(h.ProposalList))
	mux.HandleFunc("GET /voorstellen/nieuw", h.Serve(h.NewProposalForm))
	mux.HandleFunc("POST /voorstellen", h.Serve(h.RegisterProposal))
	mux.HandleFunc("GET /voorstellen/{id}", h.Serve(h.ProposalPage))
	mux.HandleFunc("POST /voorstellen/{id}/toetsaanvraag", h.Serve(h.RequestAssessments))
	mux.HandleFunc("POST /voorstellen/{id}/handtekening", h.Serve(h.SignProposal))
	mux.HandleFunc("POST /voorstellen/{id}/verzending", h.Serve(h.SendProposal))
	mux.HandleFunc("POST /voorstellen/{id}/inwerkingtreding", h.Serve(h.ProposalInForce))
	mux.HandleFunc("GET /uitvoeringstoetsen/{id}", h.Serve(h.AssessmentPage))
	mux.HandleFunc("POST /uitvoeringstoetsen/{id}/oordeel", h.Serve(h.DeliverAssessment))
	mux.HandleFunc("POST /uitvoeringstoetsen/{id}/antwoord", h.Serve(h.AnswerAssessment))
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

// assessmentEnv is a site with the proposal pages and the helpers of
// signalEnv.
type assessmentEnv struct {
	*signalEnv
}

func newAssessmentEnv(t *testing.T, open storetest.Opener) *assessmentEnv {
	t.Helper()
	s := startAssessmentSite(t, open)
	e := &env{t: t, st: s.st, clock: s.clock, h: s.h, srv: s.srv, ministry: s.orgsBy["min-szw"], uwv: s.orgsBy["uwv"]}
	return &assessmentEnv{&signalEnv{&caseEnv{&brakeEnv{env: e, site: s}}}}
}

// onAssessmentBackends runs test on a fresh site of every backend this
// machine has: SQLite always, PostgreSQL when SCHAKEL_TEST_POSTGRES is set.
func onAssessmentBackends(t *testing.T, test func(t *testing.T, e *assessmentEnv)) {
	for _, b := range storetest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			test(t, newAssessmentEnv(t, b.Open))
		})
	}
}

// svc returns the assessment service of the site.
func (e *assessmentEnv) svc() *assessments.Service { return e.h.Assessments }

// wia76 is the article of the WIA the proposals change.
const wia76 = "jci1.3:c:BWBR0019057&artikel=76"

// validProposal is a valid register form of a policy officer of SZW.
func validProposal(mod func(url.Values)) url.Values {
	v := url.Values{
		"ministerie":       {"min-szw"},
		"soort":            {"wetsvoorstel"},
		"titel":            {"Geen terugvordering van het WIA-voorschot na een te laat besluit"},
		"samenvatting":     {"UWV vordert een voorschot niet meer terug als het besluit te laat kwam."},
		"opgave":           {"Minder schulden door terugvorderingen"},
		"regels[0]":        {wia76},
		"inwerkingtreding": {"2027-01-01"},
		"tekstUrl":         {"https://www.internetconsultatie.nl/wia-voorschot"},
	}
	if mod != nil {
		mod(v)
	}
	return v
}

// proposalInput is the service's input of a valid proposal of SZW.
func proposalInput(title string) assessments.RegisterInput {
	return assessments.RegisterInput{Ministry: "min-szw", Kind: schakel.KindBill, Title: title,
		Summary: "UWV vordert een voorschot niet meer terug als het besluit te laat kwam.", Rules: []string{wia76},
		Task: "Minder schulden door terugvorderingen", PlannedEntry: calendar.MustParseDate("2027-01-01"), TextURL: "https://www.internetconsultatie.nl/wia"}
}

// registered registers a proposal of SZW through the service and asks
// the organisations of codes for their assessment; it returns the
// proposal and the assessments by organisation code.
func (e *assessmentEnv) registered(title string, codes ...string) (*schakel.Proposal, map[string]*schakel.Assessment) {
	e.t.Helper()
	ctx := context.Background()
	p, err := e.svc().Register(ctx, e.user("szw-beleid"), proposalInput(title))
	if err != nil {
		e.t.Fatal(err)
	}
	out := map[string]*schakel.Assessment{}
	if len(codes) == 0 {
		return p, out
	}
	if _, err := e.svc().RequestAssessments(ctx, e.user("szw-beleid"), p.ID, assessments.RequestInput{Organisations: codes}); err != nil {
		e.t.Fatal(err)
	}
	v, err := e.svc().Get(ctx, nil, p.ID)
	if err != nil {
		e.t.Fatal(err)
	}
	for _, av := range v.Assessments {
		out[av.Organisation.Code] = av.Assessment
	}
	return v.Proposal, out
}

// deliverInput is a valid assessment "under conditions" with two
// conditions and one value in conflict.
func deliverInput() assessments.DeliverInput {
	return assessments.DeliverInput{Verdict: schakel.VerdictConditional, CostOnce: 1_250_000_00, CostYearly: 250_000_00, FTEOnce: 25, FTEYearly: 120,
		BorneBy: "het ministerie", Effects: []schakel.Effect{{Group: "Mensen met een WIA-voorschot", Citizens: 12000, Better: true, Text: "Zij houden hun voorschot."}},
		Conflicts:  []assessments.Conflict{{Principle: "evenredigheid", Grounds: "De terugvordering treft wie er niets aan kon doen."}},
		Conditions: []string{"Het ministerie betaalt de aanpassing van de systemen.", "De wet gaat pas in op 1 januari 2027."},
		Start:      calendar.MustParseDate("2026-09-01"), Alternatives: []string{"Een hardheidsclausule in plaats van een wetswijziging."}}
}

// deliverAs delivers assessment id through the service.
func (e *assessmentEnv) deliverAs(subject string, id int64, in assessments.DeliverInput) *schakel.Assessment {
	e.t.Helper()
	a, err := e.svc().Deliver(context.Background(), e.user(subject), id, in)
	if err != nil {
		e.t.Fatal(err)
	}
	return a
}

// answerInput answers every item of a with a text of its own, accepted.
func answerInputOf(a *schakel.Assessment) assessments.AnswerInput {
	in := assessments.AnswerInput{Items: map[string]assessments.ItemInput{}}
	for i, it := range a.Items() {
		in.Items[it.Principle] = assessments.ItemInput{Accepted: true, Text: answerText(i)}
	}
	return in
}

// answerTexts are answers to items that differ in their words, so none is
// boilerplate of another.
var answerTexts = []string{
	"Het kabinet neemt het oordeel over en past de planning van de invoering daarop aan.",
	"De begroting van SZW voorziet vanaf 2027 in de kosten van de nieuwe systemen bij UWV.",
	"Inwerkingtreding op 1 januari 2027 staat al in het wetsvoorstel zelf vastgelegd.",
	"Evenredigheid weegt zwaar; daarom vervalt terugvordering bij elke vertraging door UWV.",
	"Een hardheidsclausule lost het niet structureel op, dus kiezen we voor een wetswijziging.",
}

// answerText is the i-th of answerTexts.
func answerText(i int) string { return answerTexts[i%len(answerTexts)] }

// answerForm is the answer form of a's items, every item accepted with a
// text of its own.
func answerForm(a *schakel.Assessment, mod func(url.Values)) url.Values {
	v := url.Values{}
	for i, it := range a.Items() {
		v.Set("aanvaard."+it.Principle, acceptYes)
		v.Set("antwoorden."+it.Principle, answerText(i))
	}
	if mod != nil {
		mod(v)
	}
	return v
}

// validDelivery is a valid delivery form: under conditions, with costs
// typed the Dutch way, one effect, one value, two conditions and an
// alternative.
func validDelivery(mod func(url.Values)) url.Values {
	v := url.Values{
		"oordeel":                 {"uitvoerbaar-onder-voorwaarden"},
		"kosten.eenmalig":         {"1.250.000"},
		"kosten.structureel":      {"250.000,50"},
		"kosten.fteEenmalig":      {"2,5"},
		"kosten.fteStructureel":   {"12"},
		"kosten.drager":           {"het ministerie"},
		"effecten[0].groep":       {"Mensen met een WIA-voorschot"},
		"effecten[0].burgers":     {"12.000"},
		"effecten[0].richting":    {"beter"},
		"effecten[0].toelichting": {"Zij houden hun voorschot als UWV te laat besliste."},
		"conflicten[0].beginsel":  {"evenredigheid"},
		"conflicten[0].reden":     {"De terugvordering treft wie er niets aan kon doen."},
		"voorwaarden[0]":          {"Het ministerie betaalt de aanpassing van de systemen."},
		"voorwaarden[2]":          {"De wet gaat pas in op 1 januari 2027."},
		"start":                   {"2026-09-01"},
		"alternatieven[0]":        {"Een hardheidsclausule in plaats van een wetswijziging."},
		"dilemmas[1]":             {"Sneller invoeren kost meer fouten bij de start."},
		"effecten[2].groep":       {"Medewerkers van UWV"},
		"effecten[2].burgers":     {"0"},
		"effecten[2].richting":    {"slechter"},
		"effecten[2].toelichting": {"Zij moeten in de overgangstijd twee regels naast elkaar uitvoeren."},
		"conflicten[2].beginsel":  {"rechtszekerheid"},
		"conflicten[2].reden":     {"Lopende terugvorderingen worden anders behandeld dan nieuwe."},
	}
	if mod != nil {
		mod(v)
	}
	return v
}

var proposalLocation = regexp.MustCompile(`^/voorstellen/(\d+)\?gedaan=geregistreerd$`)

// register posts the register form as the browser c and returns the id of
// the new proposal.
func (e *assessmentEnv) register(c *http.Client, form url.Values) int64 {
	e.t.Helper()
	r := e.post(c, "/voorstellen", form)
	wantStatus(e.t, r, http.StatusSeeOther)
	m := proposalLocation.FindStringSubmatch(r.Header.Get("Location"))
	if m == nil {
		e.t.Fatalf("Location = %q", r.Header.Get("Location"))
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	return id
}

// proposalCount returns how many proposals the store holds.
func (e *assessmentEnv) proposalCount() int {
	e.t.Helper()
	_, n, err := e.svc().List(context.Background(), schakel.ProposalFilter{Limit: 1})
	if err != nil {
		e.t.Fatal(err)
	}
	return n
}

// assessment reloads assessment id.
func (e *assessmentEnv) assessment(id int64) *schakel.Assessment {
	e.t.Helper()
	a, err := e.svc().Assessment(context.Background(), id)
	if err != nil {
		e.t.Fatal(err)
	}
	return a
}

// proposal reloads proposal id.
func (e *assessmentEnv) proposal(id int64) *schakel.Proposal {
	e.t.Helper()
	v, err := e.svc().Get(context.Background(), nil, id)
	if err != nil {
		e.t.Fatal(err)
	}
	return v.Proposal
}
