package assessments_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/assessments"
	schakelapp "github.com/schakel-nl/schakel/cmd/schakel/app"
	"github.com/schakel-nl/schakel/config"
	"github.com/schakel-nl/schakel/store"
	"github.com/schakel-nl/schakel/store/storetest"
)

// The proposal benchmark: 100,000 proposals in the database (unless
// SCHAKEL_BENCH_PROPOSALS says otherwise), written directly in SQL, and one
// proposal taken through the service with 20 assessments delivered, each
// item answered and signed; then its page (GET /voorstellen/{id}, the
// whole handler chain), its API answer (GET /api/v1/voorstellen/{id}) and
// the service's side-by-side view, each timed per call with p50/p95.
//
//	SCHAKEL_TEST_POSTGRES=postgres://… go test -run '^$' -bench Proposal -benchtime 1x -timeout 60m ./assessments/

func loadProposals(b *testing.B, st *store.Store, ministry, user int64, n int) {
	ctx := context.Background()
	q := func(s string) string {
		if st.Dialect() != "postgres" {
			return s
		}
		var out strings.Builder
		k := 0
		for _, c := range s {
			if c == '?' {
				k++
				out.WriteString("$" + strconv.Itoa(k))
				continue
			}
			out.WriteRune(c)
		}
		return out.String()
	}
	at := time.Date(2024, 1, 1, 9, 0, 0, 0, time.UTC)
	for done := 0; done < n; {
		tx, err := st.DB().BeginTx(ctx, nil)
		if err != nil {
			b.Fatal(err)
		}
		insP, err := tx.PrepareContext(ctx, q(`INSERT INTO proposals (ministry_id, kind, title, summary, rule_refs, task, planned_entry, text_url, state, created_by, created_at, updated_at, version)
			VALUES (?, 'wetsvoorstel', ?, 'Een voorstel uit de geladen verzameling.', '["jci1.3:c:BWBR0019057&artikel=76"]', 'Bestaanszekerheid', '2027-01-01', 'https://example.nl/v', 'naar-parlement', ?, ?, ?, 1) RETURNING id`))
		if err != nil {
			b.Fatal(err)
		}
		insE, err := tx.PrepareContext(ctx, q("INSERT INTO proposal_events (proposal_id, seq, type, by_user, at, digest, log_entry) VALUES (?, 1, 'geregistreerd', ?, ?, '', ?)"))
		if err != nil {
			b.Fatal(err)
		}
		for i := 0; i < 2000 && done < n; i, done = i+1, done+1 {
			var id int64
			if err := insP.QueryRowContext(ctx, ministry, fmt.Sprintf("Geladen voorstel %d", done), user, at, at).Scan(&id); err != nil {
				b.Fatal(err)
			}
			if _, err := insE.ExecContext(ctx, id, user, at, []byte("{}")); err != nil {
				b.Fatal(err)
			}
		}
		if err := tx.Commit(); err != nil {
			b.Fatal(err)
		}
	}
	if st.Dialect() == "postgres" {
		if _, err := st.DB().ExecContext(ctx, "ANALYZE"); err != nil {
			b.Fatal(err)
		}
	}
}

// twentyAssessed takes one proposal through the service: 20 organisations
// deliver, the minister answers every item, the secretary-general signs.
func twentyAssessed(b *testing.B, w *world, boards map[string]*schakel.User) int64 {
	ctx := context.Background()
	codes := make([]string, 0, len(boards))
	for code := range boards {
		codes = append(codes, code)
	}
	sort.Strings(codes)
	p := must(w.svc.Register(ctx, w.policy, w.amendment()))
	must(w.svc.RequestAssessments(ctx, w.policy, p.ID, assessments.RequestInput{Organisations: codes}))
	for _, a := range must(w.st.Assessments(ctx, p.ID)) {
		var board *schakel.User
		for _, u := range boards {
			if u.HasRole(a.OrganisationID, schakel.RoleBoard) {
				board = u
			}
		}
		a = must(w.svc.Deliver(ctx, board, a.ID, w.conditional()))
		must(w.svc.Answer(ctx, w.minister, a.ID, answers(a, false)))
	}
	must(w.svc.Sign(ctx, w.sg, p.ID, assessments.SignInput{Statement: "Ik teken voor de uitvoerbaarheid van dit voorstel."}))
	return p.ID
}

func percentiles(d []time.Duration) (p50, p95 time.Duration) {
	sort.Slice(d, func(i, j int) bool { return d[i] < d[j] })
	return d[len(d)/2], d[len(d)*95/100]
}

func BenchmarkProposalPage(b *testing.B) {
	n := 100_000
	if s := os.Getenv("SCHAKEL_BENCH_PROPOSALS"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	for _, be := range storetest.Backends() {
		b.Run(fmt.Sprintf("%s/proposals=%d", be.Name, n), func(b *testing.B) {
			w := newWorld(b, be.Open)
			boards := map[string]*schakel.User{}
			for i := range 20 {
				code := fmt.Sprintf("uitvoerder-%02d", i)
				org := storetest.MustOrganisation(b, w.st, code, schakel.OrgExecutive, w.szw.ID)
				boards[code] = storetest.MustUser(b, w.st, code+"-bestuur", schakel.Membership{OrganisationID: org.ID, Role: schakel.RoleBoard})
			}
			t0 := time.Now()
			loadProposals(b, w.st, w.szw.ID, w.policy.ID, n)
			b.Logf("loaded %d proposals in %s", n, time.Since(t0).Round(time.Second))
			id := twentyAssessed(b, w, boards)
			cfg := config.Default()
			app, err := schakelapp.New(&cfg, w.st, w.clock, slog.New(slog.NewTextHandler(io.Discard, nil)), nil)
			if err != nil {
				b.Fatal(err)
			}
			srv := httptest.NewServer(app)
			defer srv.Close()
			b.ResetTimer()
			for range b.N {
				for _, m := range []struct {
					name string
					call func() error
				}{
					{"page", func() error { return get(srv.URL + fmt.Sprintf("/voorstellen/%d", id)) }},
					{"api", func() error { return get(srv.URL + fmt.Sprintf("/api/v1/voorstellen/%d", id)) }},
					{"view", func() error { _, err := w.svc.Get(context.Background(), nil, id); return err }},
				} {
					var d []time.Duration
					for range 200 {
						t := time.Now()
						if err := m.call(); err != nil {
							b.Fatal(err)
						}
						d = append(d, time.Since(t))
					}
					p50, p95 := percentiles(d)
					b.ReportMetric(float64(p50.Microseconds())/1000, m.name+"-p50-ms")
					b.ReportMetric(float64(p95.Microseconds())/1000, m.name+"-p95-ms")
				}
			}
		})
	}
}

// get fetches url and wants 200, reading the whole body.
func get(url string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s", url, resp.Status)
	}
	return nil
}
