package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/api"
	"github.com/schakel-nl/schakel/assessments"
	"github.com/schakel-nl/schakel/auth"
	"github.com/schakel-nl/schakel/brakes"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/cases"
	"github.com/schakel-nl/schakel/comply"
	"github.com/schakel-nl/schakel/directory"
	"github.com/schakel-nl/schakel/figures"
	"github.com/schakel-nl/schakel/ledger"
	"github.com/schakel-nl/schakel/notifications"
	"github.com/schakel-nl/schakel/proofs"
	"github.com/schakel-nl/schakel/receipt"
	"github.com/schakel-nl/schakel/requests"
	"github.com/schakel-nl/schakel/schakeltest"
	"github.com/schakel-nl/schakel/signals"
	"github.com/schakel-nl/schakel/store"
	"github.com/schakel-nl/schakel/store/storetest"
	"github.com/schakel-nl/schakel/throttle"
)

// testReceiptParams hash receipt codes cheaply: the tests are about the
// flows, not the cost of argon2id (measured in receipt's benchmarks).
var testReceiptParams = receipt.Params{Time: 1, MemoryKiB: 64, Threads: 1, KeyLen: 32, SaltLen: 16}

// start is the time of every test's clock.
var start = time.Date(2026, 4, 1, 9, 0, 0, 0, time.UTC)

// testUserHeader names the user a test request acts as (its id); the test
// middleware loads it from the store, as auth.LoadUser does from a session.
const testUserHeader = "X-Test-Gebruiker"

// apiRoute is a route of server/routes.go registered through s.api or s.apiPlain.
type apiRoute struct{ pattern, handler string }

var apiRoutePattern = regexp.MustCompile(`s\.api(?:Plain)?\("([^"]+)",\s*a\.(\w+)\)`)

// serverAPIRoutes reads the API routes from server/routes.go, so that the
// tests serve exactly the patterns the server registers and fail when
// routes.go gains a route this package does not serve or document.
func serverAPIRoutes(t testing.TB) []apiRoute {
	t.Helper()
	src, err := os.ReadFile("../server/routes.go")
	if err != nil {
		t.Fatalf("read routes.go: %v", err)
	}
	var out []apiRoute
	for _, m := range apiRoutePattern.FindAllStringSubmatch(string(src), -1) {
		out = append(out, apiRoute{pattern: m[1], handler: m[2]})
	}
	if len(out) == 0 {
		t.Fatal("no s.api routes found in server/routes.go")
	}
	if !strings.Contains(string(src), `s.mux.HandleFunc("/api/", a.NotFound)`) {
		t.Error(`server/routes.go no longer sends "/api/" to a.NotFound`)
	}
	return out
}

// env is a test's API over a fresh SQLite store with a few organisations and
// users.
type env struct {
	// t is the test; nil for an env a fuzz target built, which sets it per input.
	t     *testing.T
	st    *store.Store
	clock *schakeltest.Clock
	srv   http.Handler
	// h is the handler under test, for tests that change its calendar.
	h *api.Handler
	// signer signs the log's checkpoints once checkpoint made one.
	signer *ledger.Signer

	minSZW, minBZK, uwv, svb, utrecht *schakel.Organisation
	// admin manages uwv; svbAdmin manages svb; prof is a professional at uwv.
	admin, svbAdmin, prof *schakel.User
}

func newEnv(t *testing.T) *env {
	t.Helper()
	e := newEnvOn(t, storetest.OpenSQLite)
	e.t = t
	return e
}

// newEnvOn is newEnv over a store that open makes, for tests that run on
// every backend (storetest.Backends) and for fuzz targets. It leaves e.t
// unset when t is no *testing.T.
func newEnvOn(t testing.TB, open storetest.Opener) *env {
	t.Helper()
	clock := schakeltest.NewClock(start)
	st := open(t, clock)
	cal := calendar.New()
	table := &comply.TermTable{}
	terms := &requests.TermSettings{Store: st, Table: table}
	svc := requests.New(st, &comply.Engine{Calendar: cal, Terms: table.Lookup}, clock)
	h := &api.Handler{Requests: svc, Terms: terms, Calendar: cal, Clock: clock, Log: slog.New(slog.DiscardHandler), Proofs: proofs.New(st),
		Brakes:  brakes.New(st, svc, clock, receipt.NewHasher(testReceiptParams, 2)),
		Address: func(r *http.Request) string { return throttle.AddressOf(r, false) },
		Cases:   cases.New(st, clock), Directory: directory.New(st), Notices: notifications.New(st, clock), Signals: signals.New(st, svc, clock),
		Assessments: assessments.New(st, svc, clock), Figures: figures.New(st).WithClock(clock)}
	handlers := map[string]http.HandlerFunc{
		"OpenAPI":                 h.OpenAPI,
		"ListOrganisations":       h.Serve(h.ListOrganisations),
		"CreateOrganisation":      h.Serve(h.CreateOrganisation),
		"GetOrganisation":         h.Serve(h.GetOrganisation),
		"GetOrganisationTerms":    h.Serve(h.GetOrganisationTerms),
		"SetOrganisationTerms":    h.Serve(h.SetOrganisationTerms),
		"DeleteOrganisationTerms": h.Serve(h.DeleteOrganisationTerms),
		"Me":                      h.Serve(h.Me),
		"ListPrinciples":          h.Serve(h.ListPrinciples),
		"CreatePrinciple":         h.Serve(h.CreatePrinciple),
		"GetPrinciple":            h.Serve(h.GetPrinciple),
		"RetirePrinciple":         h.Serve(h.RetirePrinciple),
		"ReinstatePrinciple":      h.Serve(h.ReinstatePrinciple),
		"ValidateRuleRef":         h.Serve(h.ValidateRuleRef),
		"TermCalculator":          h.Serve(h.TermCalculator),
		"ListRequests":            h.Serve(h.ListRequests),
		"CreateRequest":           h.Serve(h.CreateRequest),
		"GetRequest":              h.Serve(h.GetRequest),
		"AcknowledgeRequest":      h.Serve(h.AcknowledgeRequest),
		"AnswerRequest":           h.Serve(h.AnswerRequest),
		"ContestRequest":          h.Serve(h.ContestRequest),
		"ExtendRequest":           h.Serve(h.ExtendRequest),
		"WithdrawRequest":         h.Serve(h.WithdrawRequest),
		"CloseRequest":            h.Serve(h.CloseRequest),
		"GetLedger":               h.Serve(h.GetLedger),
		"GetLedgerEvent":          h.Serve(h.GetLedgerEvent),
		"GetLedgerConsistency":    h.Serve(h.GetLedgerConsistency),
		"ListBrakes":              h.Serve(h.ListBrakes),
		"PullBrake":               h.Serve(h.PullBrake),
		"GetBrake":                h.Serve(h.GetBrake),
		"FollowBrake":             h.Serve(h.FollowBrake),
		"ContestBrake":            h.Serve(h.ContestBrake),
		"CloseBrake":              h.Serve(h.CloseBrake),
		"WithdrawBrake":           h.Serve(h.WithdrawBrake),
		"GetReferralBudget":       h.Serve(h.GetReferralBudget),
		"ListWebhooks":            h.Serve(h.ListWebhooks),
		"CreateWebhook":           h.Serve(h.CreateWebhook),
		"RetireWebhook":           h.Serve(h.RetireWebhook),
		"ListNotifications":       h.Serve(h.ListNotifications),
		"RetryNotification":       h.Serve(h.RetryNotification),
		"ListCases":               h.Serve(h.ListCases),
		"SubmitCase":              h.Serve(h.SubmitCase),
		"GetCase":                 h.Serve(h.GetCase),
		"InviteToCase":            h.Serve(h.InviteToCase),
		"AddCaseView":             h.Serve(h.AddCaseView),
		"DecideCase":              h.Serve(h.DecideCase),
		"WithdrawCase":            h.Serve(h.WithdrawCase),
		"GetPublicationProposal":  h.Serve(h.GetPublicationProposal),
		"PublishCase":             h.Serve(h.PublishCase),
		"CorrectPublication":      h.Serve(h.CorrectPublication),
		"WithdrawPublication":     h.Serve(h.WithdrawPublication),
		"ListPrecedentChanges":    h.Serve(h.ListPrecedentChanges),
		"SimilarCases":            h.Serve(h.SimilarCases),
		"ListPrecedents":          h.Serve(h.ListPrecedents),
		"ComparePrecedent":        h.Serve(h.ComparePrecedent),
		"GetPrecedent":            h.Serve(h.GetPrecedent),
		"ListSignals":             h.Serve(h.ListSignals),
		"FileSignal":              h.Serve(h.FileSignal),
		"CompareSignal":           h.Serve(h.CompareSignal),
		"GetSignal":               h.Serve(h.GetSignal),
		"ListKnelpunten":          h.Serve(h.ListKnelpunten),
		"GetKnelpunt":             h.Serve(h.GetKnelpunt),
		"PutKnelpunt":             h.Serve(h.PutKnelpunt),
		"AnswerKnelpunt":          h.Serve(h.AnswerKnelpunt),
		"MergeKnelpunt":           h.Serve(h.MergeKnelpunt),
		"SplitKnelpunt":           h.Serve(h.SplitKnelpunt),
		"ListLetters":             h.Serve(h.ListLetters),
		"SendLetter":              h.Serve(h.SendLetter),
		"DraftLetter":             h.Serve(h.DraftLetter),
		"GetLetter":               h.Serve(h.GetLetter),
		"ListLawFigures":          h.Serve(h.ListLawFigures),
		"GetLawFigures":           h.Serve(h.GetLawFigures),
		"ListPolicyFigures":       h.Serve(h.ListPolicyFigures),
		"ListPolicyRules":         h.Serve(h.ListPolicyRules),
		"RegisterPolicyRule":      h.Serve(h.RegisterPolicyRule),
		"ListProposals":           h.Serve(h.ListProposals),
		"RegisterProposal":        h.Serve(h.RegisterProposal),
		"GetProposal":             h.Serve(h.GetProposal),
		"RequestAssessments":      h.Serve(h.RequestAssessments),
		"SignProposal":            h.Serve(h.SignProposal),
		"SendProposal":            h.Serve(h.SendProposal),
		"ProposalInForce":         h.Serve(h.ProposalInForce),
		"GetAssessment":           h.Serve(h.GetAssessment),
		"DeliverAssessment":       h.Serve(h.DeliverAssessment),
		"AnswerAssessment":        h.Serve(h.AnswerAssessment),
		"ListContacts":            h.Serve(h.ListContacts),
		"AddContact":              h.Serve(h.AddContact),
		"GetContact":              h.Serve(h.GetContact),
		"RetireContact":           h.Serve(h.RetireContact),
		"SetGrouping":             h.Serve(h.SetGrouping),
		"ListCommittees":          h.Serve(h.ListCommittees),
		"GetParliamentView":       h.Serve(h.GetParliamentView),
		"ListParliamentItems":     h.Serve(h.ListParliamentItems),
		"CreateTeam":              h.Serve(h.CreateTeam),
		"CreateUser":              h.Serve(h.CreateUser),
		"GrantRole":               h.Serve(h.GrantRole),
		"RevokeRole":              h.Serve(h.RevokeRole),
		"GetUser":                 h.Serve(h.GetUser),
		"UserHistory":             h.Serve(h.UserHistory),
		"DisableUser":             h.Serve(h.DisableUser),
		"EnableUser":              h.Serve(h.EnableUser),
	}
	mux := http.NewServeMux()
	for _, r := range serverAPIRoutes(t) {
		hf, ok := handlers[r.handler]
		if !ok {
			t.Fatalf("routes.go uses a.%s, which this test does not know", r.handler)
		}
		mux.HandleFunc(r.pattern, hf)
	}
	mux.HandleFunc("/api/", h.NotFound)

	e := &env{st: st, clock: clock, h: h}
	e.srv = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if id := r.Header.Get(testUserHeader); id != "" {
			n, _ := strconv.ParseInt(id, 10, 64)
			u, err := st.User(r.Context(), n)
			if err != nil {
				t.Errorf("load test user %s: %v", id, err)
			}
			r = r.WithContext(auth.WithUser(r.Context(), u))
		}
		mux.ServeHTTP(w, r)
	})

	e.minSZW = storetest.MustOrganisation(t, st, "min-szw", schakel.OrgMinistry)
	e.minBZK = storetest.MustOrganisation(t, st, "min-bzk", schakel.OrgMinistry)
	e.uwv = storetest.MustOrganisation(t, st, "uwv", schakel.OrgExecutive, e.minSZW.ID)
	e.svb = storetest.MustOrganisation(t, st, "svb", schakel.OrgExecutive, e.minSZW.ID, e.minBZK.ID)
	e.utrecht = storetest.MustOrganisation(t, st, "gemeente-utrecht", schakel.OrgMunicipality)
	e.admin = storetest.MustUser(t, st, "beheerder", schakel.Membership{OrganisationID: e.uwv.ID, Role: schakel.RoleAdmin})
	// uwv's administrator is an operator of the installation too, as in the
	// demo; svb's is not.
	if _, err := st.SetUserOperator(context.Background(), e.admin.ID, true, schakel.Change{Via: schakel.ViaCommand}); err != nil {
		t.Fatal(err)
	}
	e.svbAdmin = storetest.MustUser(t, st, "beheerder-svb", schakel.Membership{OrganisationID: e.svb.ID, Role: schakel.RoleAdmin})
	e.prof = storetest.MustUser(t, st, "professional", schakel.Membership{OrganisationID: e.uwv.ID, Role: schakel.RoleProfessional})
	return e
}

// do sends a request as u (nil: nobody logged in). A non-empty body is sent
// as application/json.
func (e *env) do(method, path, body string, u *schakel.User) *httptest.ResponseRecorder {
	e.t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	return e.doReader(method, path, rd, u)
}

func (e *env) doReader(method, path string, body io.Reader, u *schakel.User) *httptest.ResponseRecorder {
	e.t.Helper()
	req := httptest.NewRequest(method, path, body)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if u != nil {
		req.Header.Set(testUserHeader, strconv.FormatInt(u.ID, 10))
	}
	rec := httptest.NewRecorder()
	e.srv.ServeHTTP(rec, req)
	return rec
}

// counts returns how many organisations and principles (retired too) the
// store holds, to show that a refused write stored nothing.
func (e *env) counts() [2]int {
	e.t.Helper()
	ctx := context.Background()
	_, orgs, err := e.st.Organisations(ctx, schakel.OrganisationFilter{})
	if err != nil {
		e.t.Fatal(err)
	}
	ps, err := e.st.Principles(ctx, schakel.PrincipleFilter{IncludeRetired: true})
	if err != nil {
		e.t.Fatal(err)
	}
	return [2]int{orgs, len(ps)}
}

// seedPrinciples adds a small national catalogue: two groups, a parent with
// an element.
func (e *env) seedPrinciples() {
	e.t.Helper()
	_, err := e.st.SeedPrinciples(context.Background(), []schakel.Principle{
		{Code: "zorgvuldigheid", Group: schakel.GroupABBB, Name: "Zorgvuldigheid", NameEN: "Due care", Source: "Awb 3:2", Description: "Eerst de feiten."},
		{Code: "rechtsstaat", Group: schakel.GroupRuleOfLaw, Name: "Rechtsstaat", NameEN: "Rule of law", Source: "ROB"},
		{Code: "legaliteit", Group: schakel.GroupRuleOfLaw, Parent: "rechtsstaat", Name: "Legaliteit", NameEN: "Legality", Source: "ROB"},
	})
	if err != nil {
		e.t.Fatal(err)
	}
}

// wantJSON checks a 2xx JSON answer and that its body equals want as JSON.
func wantJSON(t *testing.T, rec *httptest.ResponseRecorder, status int, want string) {
	t.Helper()
	if rec.Code != status {
		t.Fatalf("status = %d, want %d; body: %s", rec.Code, status, rec.Body)
	}
	if ct := rec.Header().Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type = %q, want application/json", ct)
	}
	sameJSON(t, rec.Body.Bytes(), []byte(want))
}

func sameJSON(t *testing.T, got, want []byte) {
	t.Helper()
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatalf("answer is not JSON: %v\n%s", err, got)
	}
	if err := json.Unmarshal(want, &w); err != nil {
		t.Fatalf("want is not JSON: %v\n%s", err, want)
	}
	if !reflect.DeepEqual(g, w) {
		gi, _ := json.MarshalIndent(g, "", "  ")
		wi, _ := json.MarshalIndent(w, "", "  ")
		t.Errorf("body differs\ngot:  %s\nwant: %s", gi, wi)
	}
}

// problem is a decoded problem document.
type problem struct {
	Type          string `json:"type"`
	Title         string `json:"title"`
	Status        int    `json:"status"`
	Detail        string `json:"detail"`
	Instance      string `json:"instance"`
	InvalidParams []struct {
		Name   string `json:"name"`
		Code   string `json:"code"`
		Reason string `json:"reason"`
	} `json:"invalidParams"`
}

// wantProblem checks a problem+json answer with status and that its
// invalidParams name exactly fields (in any order, each as often as given).
func wantProblem(t *testing.T, rec *httptest.ResponseRecorder, status int, fields ...string) problem {
	t.Helper()
	if rec.Code != status {
		t.Fatalf("status = %d, want %d; body: %s", rec.Code, status, rec.Body)
	}
	if ct := rec.Header().Get("Content-Type"); ct != "application/problem+json" {
		t.Errorf("Content-Type = %q, want application/problem+json", ct)
	}
	var p problem
	dec := json.NewDecoder(bytes.NewReader(rec.Body.Bytes()))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		t.Fatalf("problem: %v\n%s", err, rec.Body)
	}
	if p.Status != status || p.Title == "" || p.Type == "" || p.Detail == "" {
		t.Errorf("problem lacks status, title, type or detail: %+v", p)
	}
	var got []string
	for _, ip := range p.InvalidParams {
		got = append(got, ip.Name)
		if ip.Code == "" || ip.Reason == "" || strings.Contains(ip.Reason, "%!") {
			t.Errorf("invalid param %+v lacks a code or a well-formed reason", ip)
		}
	}
	slices.Sort(got)
	want := slices.Clone(fields)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("invalidParams = %v, want %v\n%s", got, want, rec.Body)
	}
	return p
}

func jsonDecode(r io.Reader, v any) error { return json.NewDecoder(r).Decode(v) }
