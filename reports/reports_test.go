package reports_test

import (
	"bytes"
	"context"
	"slices"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/assessments"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/cases"
	"github.com/schakel-nl/schakel/comply"
	"github.com/schakel-nl/schakel/figures"
	"github.com/schakel-nl/schakel/reports"
	"github.com/schakel-nl/schakel/requests"
	"github.com/schakel-nl/schakel/schakeltest"
	"github.com/schakel-nl/schakel/store"
	"github.com/schakel-nl/schakel/store/storetest"
)

// world is a ministry that asks an executing organisation for an
// assessment of a proposal whose title names a citizen.
type world struct {
	ctx    context.Context
	st     *store.Store
	clock  *schakeltest.Clock
	svc    *reports.Service
	assess *assessments.Service
	policy *schakel.User
}

func newWorld(t *testing.T, open storetest.Opener) *world {
	t.Helper()
	clock := schakeltest.NewClock(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
	st := open(t, clock)
	ctx := context.Background()
	if _, err := st.SeedPrinciples(ctx, schakel.DefaultPrinciples()); err != nil {
		t.Fatal(err)
	}
	szw := storetest.MustOrganisation(t, st, "min-szw", schakel.OrgMinistry)
	storetest.MustOrganisation(t, st, "uwv", schakel.OrgExecutive, szw.ID)
	w := &world{ctx: ctx, st: st, clock: clock}
	w.policy = storetest.MustUser(t, st, "policy", schakel.Membership{OrganisationID: szw.ID, Role: schakel.RolePolicy})
	w.assess = assessments.New(st, requests.New(st, &comply.Engine{Calendar: calendar.New()}, clock), clock)
	w.svc = reports.New(figures.New(st), cases.New(st, clock), st, "https://schakel.example.nl").WithClock(clock)
	return w
}

// propose registers a proposal and asks UWV to assess it.
func (w *world) propose(t *testing.T, title string) {
	t.Helper()
	p, err := w.assess.Register(w.ctx, w.policy, assessments.RegisterInput{Ministry: "min-szw", Kind: schakel.KindAmendment, Title: title,
		Summary: "Een voorschot wordt niet teruggevorderd.", Rules: []string{"jci1.3:c:BWBR0019057&artikel=76"},
		Task: "Bestaanszekerheid", PlannedEntry: calendar.DateOf(2027, 1, 1), TextURL: "https://zoek.officielebekendmakingen.nl/kst-36000-1.html"})
	if err != nil {
		t.Fatal(err, schakel.ErrorFields(err))
	}
	if _, err := w.assess.RequestAssessments(w.ctx, w.policy, p.ID, assessments.RequestInput{Organisations: []string{"uwv"}}); err != nil {
		t.Fatal(err, schakel.ErrorFields(err))
	}
}

func TestGeneratePublishVerify(t *testing.T) {
	for _, b := range storetest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			w := newWorld(t, b.Open)
			w.propose(t, "Amendement WIA-voorschotten na de klacht van mevrouw Jansen uit Utrecht")
			w.clock.Advance(30 * 24 * time.Hour)

			g1, err := w.svc.Generate(w.ctx, 2026, calendar.Date{})
			if err != nil {
				t.Fatal(err)
			}
			if g1.Cutoff != calendar.DateOf(2026, 4, 1) {
				t.Fatalf("default cut-off in a running year = %v, want today", g1.Cutoff)
			}
			w.clock.Advance(time.Hour) // later the same day: the same data, the same bytes
			// With a progress report it hears each of its four steps, in
			// order, and makes the same bytes.
			var heard []int64
			g2, err := w.svc.WithProgress(func(done, total int64) {
				if total != 4 {
					t.Errorf("report of %d steps, want 4", total)
				}
				heard = append(heard, done)
			}).Generate(w.ctx, 2026, g1.Cutoff)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(heard, []int64{0, 1, 2, 3, 4}) {
				t.Errorf("Generate reported steps %v", heard)
			}
			if !bytes.Equal(g1.HTML, g2.HTML) || !bytes.Equal(g1.PDF, g2.PDF) || g1.PDFSHA256 != reports.Sum(g1.PDF) {
				t.Fatal("two generations from the same data differ")
			}
			for _, s := range []string{"Jansen", "Utrecht"} {
				if bytes.Contains(g1.HTML, []byte(s)) || bytes.Contains(g1.PDF, []byte(s)) {
					t.Errorf("the report holds %q", s)
				}
			}
			if !bytes.Contains(g1.HTML, []byte("Amendement WIA-voorschotten")) || !bytes.Contains(g1.HTML, []byte("Uitvoeringstoets")) {
				t.Error("the proposal or its assessment request is missing")
			}

			rec, err := w.svc.Publish(w.ctx, g1)
			if err != nil {
				t.Fatal(err)
			}
			if rec.HTMLSHA256 != g1.HTMLSHA256 || rec.PDFSHA256 != g1.PDFSHA256 || rec.Year != 2026 {
				t.Fatalf("recorded %+v", rec)
			}
			again, err := w.svc.Publish(w.ctx, g2)
			if err != nil || again.ID != rec.ID {
				t.Fatalf("publishing the same report again: %+v, %v", again, err)
			}
			m, err := w.svc.Verify(w.ctx, g1.PDF)
			if err != nil || m.Report.ID != rec.ID || m.Kind != "pdf" {
				t.Fatalf("Verify of the PDF = %+v, %v", m, err)
			}
			if m, err := w.svc.Verify(w.ctx, g1.HTML); err != nil || m.Kind != "html" {
				t.Fatalf("Verify of the HTML = %+v, %v", m, err)
			}
			if _, err := w.svc.Verify(w.ctx, append(bytes.Clone(g1.PDF), ' ')); schakel.ErrorCode(err) != schakel.ENOTFOUND {
				t.Fatalf("Verify of an altered copy: %v", err)
			}
			files, err := w.svc.Files(w.ctx, rec)
			if err != nil || !bytes.Equal(files.PDF, g1.PDF) {
				t.Fatalf("the recorded files differ: %v", err)
			}

			// The data of the year change: the same cut-off now gives other
			// bytes, which the record refuses.
			w.propose(t, "Tweede amendement")
			g3, err := w.svc.Generate(w.ctx, 2026, g1.Cutoff)
			if err != nil {
				t.Fatal(err)
			}
			if g3.PDFSHA256 == g1.PDFSHA256 {
				t.Fatal("changed data gave the same report")
			}
			if _, err := w.svc.Publish(w.ctx, g3); schakel.ErrorCode(err) != schakel.ECONFLICT {
				t.Fatalf("publishing other bytes for a recorded cut-off: %v", err)
			}
		})
	}
}

func TestGenerateRefuses(t *testing.T) {
	w := newWorld(t, storetest.Backends()[0].Open)
	for _, c := range []struct {
		year   int
		cutoff calendar.Date
		field  string
	}{
		{1999, calendar.Date{}, "jaar"},
		{2026, calendar.DateOf(2025, 12, 31), "peildatum"},
		{2026, calendar.DateOf(2026, 12, 31), "peildatum"}, // in the future
	} {
		_, err := w.svc.Generate(w.ctx, c.year, c.cutoff)
		if fs := schakel.ErrorFields(err); schakel.ErrorCode(err) != schakel.EINVALID || len(fs) == 0 || fs[0].Field != c.field {
			t.Errorf("Generate(%d, %v) = %v %v, want %s named", c.year, c.cutoff, err, fs, c.field)
		}
	}
}

func TestDefaultCutoff(t *testing.T) {
	for _, c := range []struct{ year, today, want string }{
		{"2026", "2026-12-07", "2026-12-07"},
		{"2026", "2027-01-05", "2027-01-31"},
		{"2025", "2027-06-01", "2026-01-31"},
	} {
		year := calendar.MustParseDate(c.year + "-01-01").Year()
		if got := reports.DefaultCutoff(year, calendar.MustParseDate(c.today)); got.String() != c.want {
			t.Errorf("DefaultCutoff(%s, %s) = %v, want %s", c.year, c.today, got, c.want)
		}
	}
}

// TestCurrentIsMadeOncePerFiveMinutes: the report a visitor asks for of a
// year without a record is made once and served again for five minutes,
// then made anew with what changed.
func TestCurrentIsMadeOncePerFiveMinutes(t *testing.T) {
	w := newWorld(t, storetest.OpenSQLite)
	first, err := w.svc.Current(w.ctx, 2026)
	if err != nil {
		t.Fatal(err)
	}
	w.propose(t, "Geen terugvordering van voorschotten")
	w.clock.Advance(4 * time.Minute)
	again, err := w.svc.Current(w.ctx, 2026)
	if err != nil || again != first {
		t.Fatalf("within five minutes: %v, same %v", err, again == first)
	}
	w.clock.Advance(2 * time.Minute)
	later, err := w.svc.Current(w.ctx, 2026)
	if err != nil || later == first || later.HTMLSHA256 == first.HTMLSHA256 {
		t.Fatalf("after five minutes the report is not made anew: %v", err)
	}
}
