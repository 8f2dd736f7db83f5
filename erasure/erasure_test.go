package erasure_test

import (
	"bytes"
	"context"
	"log/slog"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/comply"
	"github.com/schakel-nl/schakel/erasure"
	"github.com/schakel-nl/schakel/schakeltest"
	"github.com/schakel-nl/schakel/store"
	"github.com/schakel-nl/schakel/store/storetest"
)

var start = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

const day = 24 * time.Hour

// world is a store with two organisations, their administrators, a
// coordinator and a citizen, and the helpers to make records in it.
type world struct {
	t                    *testing.T
	ctx                  context.Context
	st                   *store.Store
	clock                *schakeltest.Clock
	eng                  *comply.Engine
	logs                 *bytes.Buffer
	svc                  *erasure.Service
	parl, uwv, svb       *schakel.Organisation
	admin, other, coord  *schakel.User
	burger, professional *schakel.User
}

func newWorld(t *testing.T, open storetest.Opener) *world {
	t.Helper()
	clock := schakeltest.NewClock(start)
	w := &world{t: t, ctx: context.Background(), st: open(t, clock), clock: clock, eng: &comply.Engine{Calendar: calendar.New()}, logs: &bytes.Buffer{}}
	if _, err := w.st.SeedPrinciples(w.ctx, schakel.DefaultPrinciples()); err != nil {
		t.Fatal(err)
	}
	szw := storetest.MustOrganisation(t, w.st, "min-szw", schakel.OrgMinistry)
	w.uwv = storetest.MustOrganisation(t, w.st, "uwv", schakel.OrgExecutive, szw.ID)
	w.svb = storetest.MustOrganisation(t, w.st, "svb", schakel.OrgExecutive, szw.ID)
	w.parl = storetest.MustOrganisation(t, w.st, "tweede-kamer", schakel.OrgParliament)
	w.admin = storetest.MustUser(t, w.st, "beheerder-uwv", schakel.Membership{OrganisationID: w.uwv.ID, Role: schakel.RoleAdmin})
	w.other = storetest.MustUser(t, w.st, "beheerder-svb", schakel.Membership{OrganisationID: w.svb.ID, Role: schakel.RoleAdmin})
	w.coord = storetest.MustUser(t, w.st, "coordinator", schakel.Membership{OrganisationID: w.uwv.ID, Role: schakel.RoleCoordinator})
	w.professional = storetest.MustUser(t, w.st, "professional", schakel.Membership{OrganisationID: w.uwv.ID, Role: schakel.RoleProfessional})
	w.burger = storetest.MustUser(t, w.st, "burger")
	w.svc = erasure.New(w.st, clock, slog.New(slog.NewJSONHandler(w.logs, nil)))
	return w
}

func (w *world) must(err error) {
	w.t.Helper()
	if err != nil {
		w.t.Fatal(err)
	}
}

func party(u *schakel.User) schakel.Party {
	return schakel.Party{Kind: schakel.PartyUser, UserID: u.ID}
}

// request makes a request to uwv by the citizen, with subject as its text.
func (w *world) request(typ schakel.RequestType, subject string) (*schakel.Request, *schakel.Event) {
	w.t.Helper()
	ladder, err := comply.Ladder(comply.LadderInput{Type: typ, Addressee: schakel.Addressee{OrganisationID: w.uwv.ID}, AddresseeType: w.uwv.Type,
		Principal: w.uwv.PrincipalIDs[0], Parliament: w.parl.ID})
	w.must(err)
	r, ev, err := w.eng.New(comply.NewRequest{Type: typ, Subject: subject, Body: "Toelichting: " + subject,
		Grounds: []schakel.Ground{{Principle: "zorgvuldigheid", Text: "Niet zorgvuldig: " + subject}}, Requester: party(w.burger)}, ladder, nil, w.clock.Now())
	w.must(err)
	return r, ev
}

// newRequest stores a plain request; withdrawn now when ended.
func (w *world) newRequest(subject string, ended bool) *schakel.Request {
	w.t.Helper()
	r, ev := w.request(schakel.TypeGeneral, subject)
	w.must(w.st.CreateRequest(w.ctx, r, ev))
	if ended {
		r = w.withdraw(r, w.burger)
	}
	return r
}

// newBrake stores a professional's brake at uwv; withdrawn now when ended.
func (w *world) newBrake(subject string, ended bool) *schakel.Request {
	w.t.Helper()
	r, ev := w.request(schakel.TypeProfessionalBrake, subject)
	r.Requester = party(w.professional)
	ev.Actor = r.Requester
	b := &schakel.Brake{Level: schakel.LevelProfessional, Identity: schakel.IdentityNamed, Concerned: "Werkinstructie: " + subject,
		Year: w.eng.Calendar.Today(w.clock.Now()).Year()}
	w.must(w.st.CreateBrake(w.ctx, b, r, ev, nil))
	if ended {
		r = w.withdraw(r, w.professional)
	}
	return r
}

func (w *world) withdraw(r *schakel.Request, by *schakel.User) *schakel.Request {
	w.t.Helper()
	n, ev, err := w.eng.Withdraw(r, party(by), "Ingetrokken: "+r.Subject, w.clock.Now())
	w.must(err)
	w.must(w.st.UpdateRequest(w.ctx, r.Version, n, ev))
	return n
}

// newCase stores a case at org; withdrawn now when closed.
func (w *world) newCase(org *schakel.Organisation, title string, closed bool) *schakel.Case {
	w.t.Helper()
	c := &schakel.Case{OrganisationID: org.ID, SubmittedBy: w.professional.ID, Title: title, Situation: "Situatie: " + title,
		Parties: []string{title}, Intent: "Bedoeling.", Harm: "Schade: " + title}
	w.must(w.st.CreateCase(w.ctx, c))
	if closed {
		w.must(w.st.WithdrawCase(w.ctx, 1, c.ID, w.professional.ID, w.clock.Now(), "Ingetrokken: "+title))
	}
	return c
}

func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if got := schakel.ErrorCode(err); got != code {
		t.Fatalf("error = %v (%s), want %s", err, got, code)
	}
}

func wantFields(t *testing.T, err error, fields ...string) {
	t.Helper()
	wantCode(t, err, schakel.EINVALID)
	var got []string
	for _, f := range schakel.ErrorFields(err) {
		got = append(got, f.Field)
	}
	sort.Strings(got)
	sort.Strings(fields)
	if !slices.Equal(got, fields) {
		t.Fatalf("invalid fields %v, want %v (%v)", got, fields, err)
	}
}

// wantNoTexts fails if the log holds any of texts.
func (w *world) wantNoTexts(texts ...string) {
	w.t.Helper()
	for _, s := range texts {
		if strings.Contains(w.logs.String(), s) {
			w.t.Fatalf("the log holds %q:\n%s", s, w.logs)
		}
	}
}

func TestErase(t *testing.T) {
	for _, b := range storetest.Backends() {
		t.Run(b.Name, func(t *testing.T) { testErase(t, b.Open) })
	}
}

func testErase(t *testing.T, open storetest.Opener) {
	w := newWorld(t, open)
	ctx := w.ctx
	req := w.newRequest("Dossier van mevrouw Jansen", true)
	openReq := w.newRequest("Dossier van meneer De Vries", false)
	brake := w.newBrake("Noodrem om mevrouw Bakker", true)
	c := w.newCase(w.uwv, "Casus van meneer Smit", true)
	openCase := w.newCase(w.uwv, "Casus van mevrouw Visser", false)
	svbCase := w.newCase(w.svb, "Casus van meneer Mulder", true)
	in := func(k erasure.Kind, id int64) erasure.Input {
		return erasure.Input{Kind: k, ID: id, Reason: "Verzoek van de betrokkene, brief van 1 maart."}
	}

	t.Run("who", func(t *testing.T) {
		_, err := w.svc.Erase(ctx, nil, in(erasure.KindRequest, req.ID))
		wantCode(t, err, schakel.EUNAUTHORIZED)
		for _, u := range []*schakel.User{w.coord, w.burger, w.professional} {
			_, err := w.svc.Erase(ctx, u, in(erasure.KindRequest, req.ID))
			wantCode(t, err, schakel.EFORBIDDEN)
		}
		// An administrator of another organisation: not hers to erase.
		_, err = w.svc.Erase(ctx, w.other, in(erasure.KindRequest, req.ID))
		wantCode(t, err, schakel.EFORBIDDEN)
		_, err = w.svc.Erase(ctx, w.admin, in(erasure.KindCase, svbCase.ID))
		wantCode(t, err, schakel.EFORBIDDEN)
	})

	t.Run("validation", func(t *testing.T) {
		_, err := w.svc.Erase(ctx, w.admin, erasure.Input{})
		wantFields(t, err, "soort", "id", "reden")
		_, err = w.svc.Erase(ctx, w.admin, erasure.Input{Kind: "dossier", ID: -1, Reason: strings.Repeat("x", erasure.MaxReason+1)})
		wantFields(t, err, "soort", "id", "reden")
		_, err = w.svc.Erase(ctx, w.admin, erasure.ParseInput("verzoek", "twaalf", "Reden."))
		wantFields(t, err, "id")
		if got := erasure.ParseInput(" casus ", " 12 ", "r"); got.Kind != erasure.KindCase || got.ID != 12 || len(got.Problems) != 0 {
			t.Fatalf("ParseInput = %+v", got)
		}
		// A brake is erased as a brake, a request as a request.
		_, err = w.svc.Erase(ctx, w.admin, in(erasure.KindRequest, brake.ID))
		wantFields(t, err, "soort")
		_, err = w.svc.Erase(ctx, w.admin, in(erasure.KindBrake, req.ID))
		wantCode(t, err, schakel.ENOTFOUND)
		_, err = w.svc.Erase(ctx, w.admin, in(erasure.KindCase, 999999))
		wantCode(t, err, schakel.ENOTFOUND)
	})

	t.Run("closed only", func(t *testing.T) {
		_, err := w.svc.Erase(ctx, w.admin, in(erasure.KindRequest, openReq.ID))
		wantCode(t, err, schakel.ECONFLICT)
		if msg := schakel.ErrorMessage(err); !strings.Contains(msg, "alleen de teksten van een gesloten of ingetrokken verzoek") {
			t.Fatalf("message %q", msg)
		}
		_, err = w.svc.Erase(ctx, w.admin, in(erasure.KindCase, openCase.ID))
		wantCode(t, err, schakel.ECONFLICT)
		if got, _ := w.st.Request(ctx, openReq.ID); got.Subject != openReq.Subject {
			t.Fatal("a refused erasure erased")
		}
	})

	t.Run("erased", func(t *testing.T) {
		w.clock.Advance(day)
		for _, x := range []struct {
			u    *schakel.User
			kind erasure.Kind
			id   int64
		}{{w.admin, erasure.KindRequest, req.ID}, {w.admin, erasure.KindBrake, brake.ID}, {w.admin, erasure.KindCase, c.ID}, {w.other, erasure.KindCase, svbCase.ID}} {
			res, err := w.svc.Erase(ctx, x.u, in(x.kind, x.id))
			w.must(err)
			want := erasure.Result{Kind: x.kind, ID: x.id, ErasedAt: w.clock.Now(), Reason: "Verzoek van de betrokkene, brief van 1 maart.", Cause: erasure.CauseSubject}
			if *res != want {
				t.Fatalf("Result = %+v, want %+v", res, want)
			}
			// Twice is a conflict that says when.
			_, err = w.svc.Erase(ctx, x.u, in(x.kind, x.id))
			wantCode(t, err, schakel.ECONFLICT)
			if !strings.Contains(schakel.ErrorMessage(err), "al gewist op "+w.clock.Now().Format(time.DateOnly)) {
				t.Fatalf("second erasure: %v", err)
			}
		}
		for _, id := range []int64{req.ID, brake.ID} {
			if r, _ := w.st.Request(ctx, id); r.Subject != schakel.ErasedText {
				t.Fatalf("request %d reads %q", id, r.Subject)
			}
		}
		if b, _ := w.st.Brake(ctx, brake.ID); b.Concerned != schakel.ErasedText {
			t.Fatalf("the brake's concerned reads %q", b.Concerned)
		}
		if got, _ := w.st.Case(ctx, c.ID); got.Title != schakel.ErasedText || got.Situation != schakel.ErasedText {
			t.Fatalf("the case reads %+v", got)
		}
		if got, _ := w.st.Case(ctx, openCase.ID); got.Title != openCase.Title {
			t.Fatalf("another case was erased: %+v", got)
		}
	})

	t.Run("by the operator", func(t *testing.T) {
		other := w.newRequest("Dossier van meneer Jong", true)
		res, err := w.svc.EraseAsOperator(ctx, in(erasure.KindRequest, other.ID))
		w.must(err)
		if res.ID != other.ID || res.Cause != erasure.CauseSubject {
			t.Fatalf("Result = %+v", res)
		}
		_, err = w.svc.EraseAsOperator(ctx, erasure.Input{Kind: erasure.KindRequest, ID: other.ID})
		wantFields(t, err, "reden")
	})

	t.Run("logged without personal data", func(t *testing.T) {
		for _, want := range []string{`"msg":"erasure"`, `"kind":"noodrem"`, `"cause":"verzoek-betrokkene"`, `"actor":"operator"`, `"actor_user_id":`} {
			if !strings.Contains(w.logs.String(), want) {
				t.Errorf("the log lacks %s:\n%s", want, w.logs)
			}
		}
		w.wantNoTexts("Jansen", "Bakker", "Smit", "Mulder", "Jong", "brief van 1 maart", "beheerder")
	})
}

func TestSweep(t *testing.T) {
	for _, b := range storetest.Backends() {
		t.Run(b.Name, func(t *testing.T) { testSweep(t, b.Open) })
	}
}

func testSweep(t *testing.T, open storetest.Opener) {
	w := newWorld(t, open)
	ctx := w.ctx
	// Day 0: a request, a brake and a case end; one more request is
	// erased on request. Day 5: another request ends. Open records never
	// end.
	req := w.newRequest("Dossier van mevrouw Jansen", true)
	brake := w.newBrake("Noodrem om mevrouw Bakker", true)
	c := w.newCase(w.uwv, "Casus van meneer Smit", true)
	erased := w.newRequest("Dossier van meneer Jong", true)
	if _, err := w.svc.EraseAsOperator(ctx, erasure.Input{Kind: erasure.KindRequest, ID: erased.ID, Reason: "Verzoek van de betrokkene."}); err != nil {
		t.Fatal(err)
	}
	openReq := w.newRequest("Dossier van meneer De Vries", false)
	openBrake := w.newBrake("Noodrem om meneer Visser", false)
	openCase := w.newCase(w.uwv, "Casus van mevrouw Mulder", false)
	w.clock.Advance(5 * day)
	later := w.newRequest("Dossier van mevrouw Dekker", true)

	svc := w.svc.WithPeriods(erasure.Periods{Requests: 10, Brakes: 20, Cases: 30})
	subject := func(id int64) string {
		r, err := w.st.Request(ctx, id)
		w.must(err)
		return r.Subject
	}
	title := func(id int64) string {
		c, err := w.st.Case(ctx, id)
		w.must(err)
		return c.Title
	}
	for _, step := range []struct {
		at   time.Duration
		want erasure.SweepResult
		// gone are the records erased by now.
		requests []int64
		cases    []int64
	}{
		{10*day - time.Hour, erasure.SweepResult{}, nil, nil},
		{10*day + time.Hour, erasure.SweepResult{Requests: 1}, []int64{req.ID}, nil},
		{15*day + time.Hour, erasure.SweepResult{Requests: 1}, []int64{req.ID, later.ID}, nil},
		{20*day + time.Hour, erasure.SweepResult{Brakes: 1}, []int64{req.ID, later.ID, brake.ID}, nil},
		{30*day + time.Hour, erasure.SweepResult{Cases: 1}, []int64{req.ID, later.ID, brake.ID}, []int64{c.ID}},
		{1000 * day, erasure.SweepResult{}, []int64{req.ID, later.ID, brake.ID}, []int64{c.ID}},
	} {
		var heard []int64
		got, err := svc.Sweep(ctx, start.Add(step.at), func(done, total int64) {
			if total != 0 {
				t.Errorf("sweep reported a total %d; it knows none", total)
			}
			heard = append(heard, done)
		})
		w.must(err)
		if got != step.want {
			t.Fatalf("sweep at %s: %+v, want %+v", step.at, got, step.want)
		}
		// The report hears the start and each record handled.
		if n := got.Total() + got.Skipped; len(heard) != n+1 || heard[n] != int64(n) {
			t.Fatalf("sweep at %s handled %d, reported %v", step.at, n, heard)
		}
		for _, id := range []int64{req.ID, later.ID, brake.ID, openReq.ID, openBrake.ID} {
			if gone := subject(id) == schakel.ErasedText; gone != slices.Contains(step.requests, id) {
				t.Fatalf("sweep at %s: request %d erased = %v", step.at, id, gone)
			}
		}
		for _, id := range []int64{c.ID, openCase.ID} {
			if gone := title(id) == schakel.ErasedText; gone != slices.Contains(step.cases, id) {
				t.Fatalf("sweep at %s: case %d erased = %v", step.at, id, gone)
			}
		}
	}
	xs, err := w.st.Erasures(ctx, []int64{req.ID, erased.ID})
	w.must(err)
	if xs[req.ID].Reason != "Bewaartermijn verstreken: 10 dagen na het einde." || xs[erased.ID].Reason != "Verzoek van de betrokkene." {
		t.Fatalf("the erasures' reasons: %q, %q", xs[req.ID].Reason, xs[erased.ID].Reason)
	}
	if !strings.Contains(w.logs.String(), `"cause":"bewaartermijn"`) {
		t.Fatalf("the log lacks the retention's erasures:\n%s", w.logs)
	}
	w.wantNoTexts("Jansen", "Bakker", "Smit", "Dekker", "Bewaartermijn verstreken")

	t.Run("0 keeps", func(t *testing.T) {
		keep := w.newRequest("Dossier van meneer Bos", true)
		got, err := w.svc.WithPeriods(erasure.Periods{}).Sweep(ctx, start.Add(100000*day))
		if err != nil || got != (erasure.SweepResult{}) || subject(keep.ID) == schakel.ErasedText {
			t.Fatalf("sweep without periods: %+v, %v", got, err)
		}
	})

	t.Run("defaults", func(t *testing.T) {
		if p := w.svc.Periods(); p != erasure.DefaultPeriods() || p.Requests != 730 || p.Brakes != 730 || p.Cases != 1825 {
			t.Fatalf("default periods %+v", p)
		}
	})
}
