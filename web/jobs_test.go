package web

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/directory"
	"github.com/schakel-nl/schakel/progress"
	"github.com/schakel-nl/schakel/running"
	"github.com/schakel-nl/schakel/schakeltest"
	"github.com/schakel-nl/schakel/store/storetest"
)

// jobsEnv is the demo world with the operators' page of running jobs over
// a board the test reports to.
type jobsEnv struct {
	*contactEnv
	board *progress.Board
	clock *schakeltest.Clock
}

func newJobsEnv(t *testing.T, open storetest.Opener) *jobsEnv {
	t.Helper()
	p := newDemoParts(t, open)
	board := progress.NewBoard(p.clock)
	h, err := New(Handler{Directory: directory.New(p.st), Running: running.New(board), Auth: p.auth, Clock: p.clock, Log: p.log, Demo: true})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /demo/inloggen", h.Serve(h.DemoLogin))
	mux.HandleFunc("GET /beheer", h.Serve(h.AdminIndex))
	mux.HandleFunc("GET /beheer/taken", h.Serve(h.JobsPage))
	mux.HandleFunc("/", h.NotFound)
	return &jobsEnv{contactEnv: p.serve(t, h, mux), board: board, clock: p.clock}
}

// TestJobsPage: an operator sees each running job with how far it is, its
// rate, how long it runs and the time left, in Dutch and in English; with
// nothing running the page says so; an administrator who is no operator
// is refused and not offered the page; nobody logged in is not shown it.
func TestJobsPage(t *testing.T) {
	for _, b := range storetest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			e := newJobsEnv(t, b.Open)
			op := e.as("bzk-beheerder")
			r := e.get(op, "/beheer/taken")
			wantStatus(t, r, http.StatusOK)
			checkPage(t, r, "nl")
			wantSelector(t, r, "p.no-jobs")
			wantNoSelector(t, r, "table.running-jobs")
			wantSelector(t, r, `nav.main-nav a[href="/beheer"][aria-current="true"]`)

			ledger := e.board.Start("ledger", 500)
			e.clock.Advance(5 * time.Second)
			ledger.Report(100, 500) // 20/s, 400 to go: 20 s
			retention := e.board.Start("retention", 0)
			e.clock.Advance(4 * time.Second)
			retention.Add(6) // 1.5/s, no total
			ledger.Report(180, 500)

			r = e.get(op, "/beheer/taken")
			wantStatus(t, r, http.StatusOK)
			checkPage(t, r, "nl")
			wantNoSelector(t, r, "p.no-jobs")
			rows := r.Doc(t).Find("table.running-jobs tr.running-job")
			if rows.Length() != 2 {
				t.Fatalf("%d rows, want 2:\n%s", rows.Length(), r.Body)
			}
			first, second := rows.Eq(0), rows.Eq(1)
			for sel, want := range map[string]string{
				".job-name":  "Openbaar logboek bijwerken",
				".job-count": "180 van 500 (36%)",
				".job-rate":  "20 per seconde",
				".job-took":  "bezig sinds 0:09",
				".job-left":  "nog ongeveer 0:16",
			} {
				if got := strings.TrimSpace(first.Find(sel).Text()); got != want {
					t.Errorf("ledger %s = %q, want %q", sel, got, want)
				}
			}
			if v, _ := first.Find(`progress`).Attr("value"); v != "180" {
				t.Errorf("ledger progress value %q", v)
			}
			if m, _ := first.Find(`progress`).Attr("max"); m != "500" {
				t.Errorf("ledger progress max %q", m)
			}
			if dt, _ := first.Find("time").Attr("datetime"); dt != storetest.Start.UTC().Format(time.RFC3339) {
				t.Errorf("ledger started %q", dt)
			}
			for sel, want := range map[string]string{
				".job-name":  "Bewaartermijnen: teksten wissen",
				".job-count": "6",
				".job-rate":  "1.5 per seconde",
				".job-took":  "bezig sinds 0:04",
			} {
				if got := strings.TrimSpace(second.Find(sel).Text()); got != want {
					t.Errorf("retention %s = %q, want %q", sel, got, want)
				}
			}
			if second.Find("progress").Length() != 0 || second.Find(".job-left").Length() != 0 {
				t.Errorf("a job without a total shows a bar or a time left: %s", r.Body)
			}

			e.setLang(op, langEN)
			r = e.get(op, "/beheer/taken")
			checkPage(t, r, "en")
			first = r.Doc(t).Find("tr.running-job").Eq(0)
			if got := strings.TrimSpace(first.Find(".job-count").Text()); got != "180 of 500 (36%)" {
				t.Errorf("in English the count is %q", got)
			}
			if got := strings.TrimSpace(first.Find(".job-left").Text()); got != "about 0:16 left" {
				t.Errorf("in English the time left is %q", got)
			}
			if got := strings.TrimSpace(first.Find(".job-name").Text()); got != "Updating the public record" {
				t.Errorf("in English the name is %q", got)
			}
			e.setLang(op, "nl")

			// The index offers the page to an operator.
			wantSelector(t, e.get(op, "/beheer"), `.admin-index a[href="/beheer/taken"]`)

			// Done jobs leave the page.
			ledger.Done()
			retention.Done()
			wantSelector(t, e.get(op, "/beheer/taken"), "p.no-jobs")

			// An administrator who is no operator is neither offered nor
			// shown the page; nobody logged in is not shown it.
			svb := e.demoUser("svb-beheerder", "Beheer SVB", schakel.Membership{OrganisationID: e.users["svb-professional"].Memberships[0].OrganisationID, Role: schakel.RoleAdmin})
			c := e.loggedIn(svb)
			wantStatus(t, e.get(c, "/beheer/taken"), http.StatusForbidden)
			idx := e.get(c, "/beheer")
			wantStatus(t, idx, http.StatusOK)
			wantNoSelector(t, idx, `.admin-index a[href="/beheer/taken"]`)
			if r := e.get(e.client(), "/beheer/taken"); r.StatusCode == http.StatusOK {
				t.Fatalf("anonymous /beheer/taken: %d", r.StatusCode)
			}
		})
	}
}

// TestClockDuration: durations read as on a clock.
func TestClockDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{0: "0:00", 7 * time.Second: "0:07", 750 * time.Second: "12:30",
		3723 * time.Second: "1:02:03", -time.Second: "0:00", 1500 * time.Millisecond: "0:02"} {
		if got := clockDuration(d); got != want {
			t.Errorf("clockDuration(%v) = %q, want %q", d, got, want)
		}
	}
}
