package signals_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/comply"
	"github.com/schakel-nl/schakel/jobs"
	"github.com/schakel-nl/schakel/requests"
	"github.com/schakel-nl/schakel/schakeltest"
	"github.com/schakel-nl/schakel/signals"
	"github.com/schakel-nl/schakel/store"
	"github.com/schakel-nl/schakel/store/storetest"
)

// world is an executive organisation (uwv) under a ministry (min-szw),
// parliament, and their people.
type world struct {
	ctx                        context.Context
	st                         *store.Store
	svc                        *signals.Service
	clock                      *schakeltest.Clock
	engine                     *comply.Engine
	prof, prof2, coord, board  *schakel.User
	policy, minister, mp       *schakel.User
	outsider                   *schakel.User
	uwv, szw, parliament, gemA *schakel.Organisation
}

func newWorld(t testing.TB, open storetest.Opener) *world {
	t.Helper()
	clock := schakeltest.NewClock(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
	st := open(t, clock)
	ctx := context.Background()
	if _, err := st.SeedPrinciples(ctx, schakel.DefaultPrinciples()); err != nil {
		t.Fatal(err)
	}
	w := &world{ctx: ctx, st: st, clock: clock}
	w.szw = storetest.MustOrganisation(t, st, "min-szw", schakel.OrgMinistry)
	w.uwv = storetest.MustOrganisation(t, st, "uwv", schakel.OrgExecutive, w.szw.ID)
	w.parliament = storetest.MustOrganisation(t, st, "tweede-kamer", schakel.OrgParliament)
	w.gemA = storetest.MustOrganisation(t, st, "gemeente-a", schakel.OrgMunicipality, w.szw.ID)
	w.prof = storetest.MustUser(t, st, "prof", schakel.Membership{OrganisationID: w.uwv.ID, Role: schakel.RoleProfessional})
	w.prof2 = storetest.MustUser(t, st, "prof2", schakel.Membership{OrganisationID: w.uwv.ID, Role: schakel.RoleProfessional})
	w.coord = storetest.MustUser(t, st, "coord", schakel.Membership{OrganisationID: w.uwv.ID, Role: schakel.RoleCoordinator})
	w.board = storetest.MustUser(t, st, "board", schakel.Membership{OrganisationID: w.uwv.ID, Role: schakel.RoleBoard})
	w.policy = storetest.MustUser(t, st, "policy", schakel.Membership{OrganisationID: w.szw.ID, Role: schakel.RolePolicy})
	w.minister = storetest.MustUser(t, st, "minister", schakel.Membership{OrganisationID: w.szw.ID, Role: schakel.RoleMinister})
	w.mp = storetest.MustUser(t, st, "mp", schakel.Membership{OrganisationID: w.parliament.ID, Role: schakel.RoleParliament})
	w.outsider = storetest.MustUser(t, st, "gem-prof", schakel.Membership{OrganisationID: w.gemA.ID, Role: schakel.RoleProfessional})
	w.engine = &comply.Engine{Calendar: calendar.New()}
	w.svc = signals.New(st, requests.New(st, w.engine, clock), clock)
	w.svc.PublicBase = "https://schakel.test"
	return w
}

// advance is a signal about the WIA advances (report §4.2), with personal
// data in its texts that must not be stored.
func advance() signals.FileInput {
	return signals.FileInput{Organisation: "uwv", Title: "Terugvordering van WIA-voorschotten na een te laat besluit",
		Rules: []string{"jci1.3:c:BWBR0019057&artikel=76"},
		Group: "Mensen met een WIA-voorschot", Effect: "Mevrouw Jansen (BSN 111222333, jansen@example.nl) moet duizenden euro's terugbetalen omdat UWV te laat besliste.",
		CitizensLow: 1200, CitizensHigh: 1500, CitizensMethod: "Telling van terugvorderingen in 2025",
		Solution: schakel.SolutionLaw, Proposal: "Voorschotten niet terugvorderen als UWV te laat besliste.",
		CostOnceCents: 125_000_000, CostYearCents: 30_000_000, CostBorneBy: "Rijk",
		Conflicts: []signals.Conflict{{Principle: "evenredigheid", Grounds: "De terugvordering is onevenredig zwaar voor wie er niets aan kon doen."}}}
}

// similar is another professional's signal about the same article in
// other words.
func similar() signals.FileInput {
	in := advance()
	in.Title = "WIA-voorschot teruggevorderd terwijl UWV te laat besliste"
	in.Effect = "Klanten met een WIA-voorschot moeten terugbetalen door een te laat besluit van UWV."
	in.CitizensLow, in.CitizensHigh = 100, 300
	return in
}

// unrelated is a signal about another law.
func unrelated() signals.FileInput {
	return signals.FileInput{Organisation: "uwv", Title: "Alleen digitaal melden is te moeilijk voor ouderen",
		Rules: []string{"jci1.3:c:BWBR0001903&artikel=163"}, Group: "Ouderen zonder computer", Effect: "Zij kunnen geen aangifte doen.",
		CitizensLow: 10, CitizensHigh: 50, CitizensMethod: "Schatting van het team", Solution: schakel.SolutionImplementation,
		Proposal: "Een loket openhouden.", Conflicts: []signals.Conflict{{Principle: "zorgvuldigheid", Grounds: "Niet iedereen is digitaal."}}}
}

// must returns v, or fails the test that called it by panicking with err:
// the test's stack trace shows the call.
func must[T any](v T, err error) T {
	if err != nil {
		panic(fmt.Sprintf("%v %v", err, schakel.ErrorFields(err)))
	}
	return v
}

func wantCode(t *testing.T, err error, code string, fields ...string) {
	t.Helper()
	if schakel.ErrorCode(err) != code {
		t.Fatalf("got %v, want %s", err, code)
	}
	got := schakel.ErrorFields(err)
	for _, f := range fields {
		if !slices.ContainsFunc(got, func(g schakel.FieldError) bool { return g.Field == f }) {
			t.Errorf("%s not named in %v", f, got)
		}
	}
}

// TestFlow: signal → knelpunt → adopted by the team and the board → letter
// → the ministry answers → public, on both stores.
func TestFlow(t *testing.T) {
	for _, b := range storetest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			w := newWorld(t, b.Open)
			first := must(w.svc.File(w.ctx, w.prof, advance()))
			if first.Knelpunt.State != schakel.KnelpuntOpen || first.Knelpunt.Signals != 1 || len(first.Redacted) < 3 {
				t.Fatalf("first signal: knelpunt %+v, redacted %v", first.Knelpunt, first.Redacted)
			}
			for _, personal := range []string{"Jansen", "111222333", "jansen@example.nl"} {
				if strings.Contains(first.Signal.Effect, personal) {
					t.Fatalf("stored effect names %q: %s", personal, first.Signal.Effect)
				}
			}
			if !strings.Contains(first.Signal.Effect, "UWV") {
				t.Errorf("the organisation's own name was redacted: %s", first.Signal.Effect)
			}

			sugg := must(w.svc.Suggest(w.ctx, w.prof2, similar()))
			if len(sugg) != 1 || sugg[0].Knelpunt.ID != first.Knelpunt.ID {
				t.Fatalf("suggestions for a similar signal: %+v", sugg)
			}
			if none := must(w.svc.Suggest(w.ctx, w.prof2, unrelated())); len(none) != 0 {
				t.Fatalf("suggestions for an unrelated signal: %+v", none)
			}
			in := similar()
			in.KnelpuntID = first.Knelpunt.ID
			second := must(w.svc.File(w.ctx, w.prof2, in))
			k := second.Knelpunt
			if k.Signals != 2 || k.Citizens.Low != 1300 || k.Citizens.High != 1800 || k.Cost.OnceCents != 250_000_000 {
				t.Fatalf("totals after joining: %+v", k)
			}

			k = must(w.svc.Put(w.ctx, w.prof, k.ID))
			if k.State != schakel.KnelpuntPut || k.Level != schakel.LevelTeam || k.RequestID == 0 {
				t.Fatalf("put: %+v", k)
			}
			_, err := w.svc.Answer(w.ctx, w.coord, k.ID, requests.AnswerInput{AnswerInput: comply.AnswerInput{Kind: schakel.Explain}})
			wantCode(t, err, schakel.EINVALID, "motiveringen.evenredigheid")
			// A knelpunt is adopted or declined, never answered in part; the
			// other findings are named with it.
			partly := adopt(w)
			partly.Kind, partly.Changes = schakel.Partial, ""
			_, err = w.svc.Answer(w.ctx, w.coord, k.ID, partly)
			wantCode(t, err, schakel.EINVALID, "soort", "wijzigingen", "motiveringen.evenredigheid")
			_, err = w.svc.Answer(w.ctx, w.prof, k.ID, adopt(w))
			wantCode(t, err, schakel.EFORBIDDEN)
			_, err = w.svc.Requests.Answer(w.ctx, w.coord, k.RequestID, adopt(w))
			wantCode(t, err, schakel.ECONFLICT) // a rung is answered through its knelpunt

			k = must(w.svc.Answer(w.ctx, w.coord, k.ID, adopt(w)))
			if k.Level != schakel.LevelBoard || k.State != schakel.KnelpuntPut || len(k.Rungs) != 2 {
				t.Fatalf("after the team adopted: %+v", k)
			}
			w.clock.Advance(24 * time.Hour)
			k = must(w.svc.Answer(w.ctx, w.board, k.ID, adopt(w)))
			if k.State != schakel.KnelpuntAdopted || k.Level != schakel.LevelBoard || k.AdoptedAt.IsZero() {
				t.Fatalf("after the board adopted: %+v", k)
			}
			if _, err := w.svc.Get(w.ctx, nil, k.ID); schakel.ErrorCode(err) != schakel.ENOTFOUND {
				t.Fatalf("a knelpunt not sent is public: %v", err)
			}

			today := w.engine.Calendar.Today(w.clock.Now())
			letterIn := signals.LetterInput{Organisation: "uwv", From: today.AddDays(-30), To: today}
			_, err = w.svc.SendLetter(w.ctx, w.coord, letterIn)
			wantCode(t, err, schakel.EFORBIDDEN)
			l := must(w.svc.SendLetter(w.ctx, w.board, letterIn))
			if len(l.KnelpuntIDs) != 1 || l.KnelpuntIDs[0] != k.ID || len(l.HTMLSHA256) != 64 || len(l.PDF) == 0 {
				t.Fatalf("letter: %+v", l.Reference)
			}
			_, err = w.svc.SendLetter(w.ctx, w.board, letterIn)
			wantCode(t, err, schakel.EINVALID, "periode") // nothing left to send

			k = must(w.svc.Get(w.ctx, nil, k.ID)).Knelpunt
			if k.Level != schakel.LevelMinistry || k.State != schakel.KnelpuntPut || k.LetterID != l.ID {
				t.Fatalf("after sending: %+v", k)
			}
			r := must(w.st.Request(w.ctx, k.RequestID))
			if r.Addressee().OrganisationID != w.szw.ID || !strings.Contains(r.Body, l.HTMLSHA256) {
				t.Fatalf("the ministry's request: %+v", r)
			}
			_, err = w.svc.Answer(w.ctx, w.policy, k.ID, requests.AnswerInput{AnswerInput: comply.AnswerInput{Kind: schakel.Explain,
				Motivations: map[string]string{"evenredigheid": ""}}})
			wantCode(t, err, schakel.EINVALID, "motiveringen.evenredigheid")
			k = must(w.svc.Answer(w.ctx, w.policy, k.ID, requests.AnswerInput{AnswerInput: comply.AnswerInput{Kind: schakel.Explain,
				Motivations: map[string]string{"evenredigheid": "De wet wordt in 2027 herzien; tot dan blijft artikel 76 gelden."}}}))
			if k.State != schakel.KnelpuntDeclined || k.Level != schakel.LevelMinistry {
				t.Fatalf("after the ministry explained: %+v", k)
			}

			public := must(w.svc.Letter(w.ctx, nil, l.ID))
			if len(public.Knelpunten) != 1 || public.Knelpunten[0].Member || len(public.Knelpunten[0].Signals) != 0 {
				t.Fatalf("public letter: %+v", public.Knelpunten)
			}
			rungs := public.Knelpunten[0].Rungs
			if len(rungs) != 1 || rungs[0].Rung.Level != schakel.LevelMinistry || len(rungs[0].Answers) != 1 || rungs[0].Answers[0].Kind != schakel.Explain {
				t.Fatalf("public rungs: %+v", rungs)
			}
			figs, _, err := w.svc.Figures(w.ctx, schakel.FigureFilter{Level: schakel.FigureLaw})
			if err != nil {
				t.Fatal(err)
			}
			if len(figs) != 1 || figs[0].Law != "BWBR0019057" || figs[0].Signals != 2 || figs[0].Knelpunten != 1 || figs[0].Organisations != 1 ||
				figs[0].CitizensLow != 1300 || figs[0].OpenAnswers != 0 {
				t.Fatalf("figures: %+v", figs)
			}
		})
	}
}

// adopt is a comply: overnemen, with what will be done and by when.
func adopt(w *world) requests.AnswerInput {
	return requests.AnswerInput{AnswerInput: comply.AnswerInput{Kind: schakel.Comply, Changes: "We nemen het knelpunt over en leggen het voor.",
		ByWhen: w.engine.Calendar.Today(w.clock.Now()).AddDays(60)}}
}

// TestMissedDeadlineEscalatesOnce: a team that does not answer within six
// weeks loses the knelpunt to its board, once.
func TestMissedDeadlineEscalatesOnce(t *testing.T) {
	for _, b := range storetest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			w := newWorld(t, b.Open)
			k := must(w.svc.File(w.ctx, w.prof, advance())).Knelpunt
			k = must(w.svc.Put(w.ctx, w.prof, k.ID))
			sw := &jobs.Sweeper{Store: w.st, Engine: w.engine, Clock: w.clock, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
			w.clock.Advance(7 * 7 * 24 * time.Hour)
			res := must(sw.SweepOnce(w.ctx))
			if res.Escalated != 1 {
				t.Fatalf("first sweep: %+v", res)
			}
			if again := must(sw.SweepOnce(w.ctx)); again.Escalated != 0 {
				t.Fatalf("second sweep at the same time escalated again: %+v", again)
			}
			v := must(w.svc.Get(w.ctx, w.board, k.ID))
			if v.Answering != schakel.LevelBoard {
				t.Fatalf("after the team missed its term, %q answers", v.Answering)
			}
			_, err := w.svc.Answer(w.ctx, w.coord, k.ID, adopt(w))
			wantCode(t, err, schakel.EFORBIDDEN) // the team's turn is over
			k = must(w.svc.Answer(w.ctx, w.board, k.ID, adopt(w)))
			if k.State != schakel.KnelpuntAdopted || k.Level != schakel.LevelBoard {
				t.Fatalf("the board adopted the escalated knelpunt: %+v", k)
			}
		})
	}
}

// TestMergeAndSplitKeepSignals: merging moves every signal with its
// history; splitting takes some out; none is lost.
func TestMergeAndSplitKeepSignals(t *testing.T) {
	for _, b := range storetest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			w := newWorld(t, b.Open)
			x := must(w.svc.File(w.ctx, w.prof, advance())).Knelpunt
			in := similar()
			in.KnelpuntID = x.ID
			must(w.svc.File(w.ctx, w.prof2, in))
			y := must(w.svc.File(w.ctx, w.prof, unrelated())).Knelpunt
			yIn := unrelated()
			yIn.KnelpuntID = y.ID
			must(w.svc.File(w.ctx, w.prof2, yIn))

			_, err := w.svc.Merge(w.ctx, w.prof, x.ID, y.ID)
			wantCode(t, err, schakel.EFORBIDDEN)
			_, err = w.svc.Merge(w.ctx, w.outsider, x.ID, y.ID)
			wantCode(t, err, schakel.ENOTFOUND)
			merged := must(w.svc.Merge(w.ctx, w.coord, x.ID, y.ID))
			if merged.Signals != 4 || len(merged.Refs) != 2 {
				t.Fatalf("merged: %+v", merged)
			}
			gone := must(w.st.Knelpunt(w.ctx, y.ID))
			if gone.State != schakel.KnelpuntMerged || gone.MergedInto != x.ID {
				t.Fatalf("the merged knelpunt: %+v", gone)
			}
			sigs, total, err := w.svc.Signals(w.ctx, w.coord, schakel.SignalFilter{OrganisationID: w.uwv.ID})
			if err != nil || total != 4 {
				t.Fatalf("signals after merge: %d, %v", total, err)
			}
			var moved []int64
			for _, s := range sigs {
				if s.KnelpuntID != x.ID {
					t.Fatalf("signal %d in %d after merge", s.ID, s.KnelpuntID)
				}
				_, evs, err := w.svc.Signal(w.ctx, w.coord, s.ID)
				if err != nil {
					t.Fatal(err)
				}
				last := evs[len(evs)-1]
				if last.Type == schakel.SignalEventMoved {
					if last.From != y.ID || last.To != x.ID || last.By != w.coord.ID {
						t.Fatalf("move event %+v", last)
					}
					moved = append(moved, s.ID)
				}
			}
			if len(moved) != 2 {
				t.Fatalf("moved signals: %v", moved)
			}
			evs := must(w.st.KnelpuntEvents(w.ctx, x.ID))
			if last := evs[len(evs)-1]; last.Type != schakel.KnelpuntEventMerged || last.Other != y.ID || last.By != w.coord.ID {
				t.Fatalf("knelpunt history: %+v", last)
			}

			_, err = w.svc.Split(w.ctx, w.coord, x.ID, signals.SplitInput{Title: ""})
			wantCode(t, err, schakel.EINVALID, "titel", "signalen")
			split := must(w.svc.Split(w.ctx, w.coord, x.ID, signals.SplitInput{Signals: moved, Title: "Digitaal melden"}))
			if split.Signals != 2 || split.State != schakel.KnelpuntOpen {
				t.Fatalf("split: %+v", split)
			}
			if x = must(w.st.Knelpunt(w.ctx, x.ID)); x.Signals != 2 {
				t.Fatalf("left after split: %+v", x)
			}
			_, total, _ = w.svc.Signals(w.ctx, w.coord, schakel.SignalFilter{OrganisationID: w.uwv.ID})
			if total != 4 {
				t.Fatalf("signals after split: %d", total)
			}
		})
	}
}

// TestBadInput: every invalid field is named at once and nothing is stored.
func TestBadInput(t *testing.T) {
	for _, b := range storetest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			w := newWorld(t, b.Open)
			bad := advance()
			bad.Rules = nil
			bad.Conflicts = []signals.Conflict{{Principle: "bestaat-niet", Grounds: "x"}}
			bad.CitizensLow, bad.CitizensHigh = -1, 30_000_000
			bad.CostOnceCents = -5
			bad.Title = strings.Repeat("x", signals.MaxTitle+1)
			bad.Solution = "alles"
			_, err := w.svc.File(w.ctx, w.prof, bad)
			wantCode(t, err, schakel.EINVALID, "regels", "conflicten[0].beginsel", "burgers.van", "burgers.tot", "kosten.eenmaligCenten", "titel", "oplossing")
			bad = advance()
			bad.Rules = []string{"jci1.3:c:BWBR12&artikel=76", "beleidsregel:uwv/BR-404"}
			bad.KnelpuntID = 999999
			_, err = w.svc.File(w.ctx, w.prof, bad)
			wantCode(t, err, schakel.EINVALID, "regels[1]", "knelpuntId")
			if !slices.ContainsFunc(schakel.ErrorFields(err), func(f schakel.FieldError) bool { return strings.HasPrefix(f.Field, "regels[0]") }) {
				t.Errorf("the malformed reference is not named: %v", schakel.ErrorFields(err))
			}
			_, err = w.svc.File(w.ctx, w.outsider, advance())
			wantCode(t, err, schakel.EFORBIDDEN)
			if _, total, err := w.svc.Signals(w.ctx, w.coord, schakel.SignalFilter{OrganisationID: w.uwv.ID}); err != nil || total != 0 {
				t.Fatalf("stored after bad input: %d, %v", total, err)
			}
			if figs, total, err := w.svc.Figures(w.ctx, schakel.FigureFilter{}); err != nil || total != 0 {
				t.Fatalf("figures after bad input: %v, %v", figs, err)
			}
		})
	}
}
