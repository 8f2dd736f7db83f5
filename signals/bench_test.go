package signals_test

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/comply"
	"github.com/schakel-nl/schakel/requests"
	"github.com/schakel-nl/schakel/ruleref"
	"github.com/schakel-nl/schakel/schakeltest"
	"github.com/schakel-nl/schakel/signals"
	"github.com/schakel-nl/schakel/store"
	"github.com/schakel-nl/schakel/store/storetest"
)

// The signal benchmark: a generated corpus of filed signals (1,000,000
// unless SCHAKEL_BENCH_SIGNALS says otherwise) in knelpunten of about 100
// signals each (10,000 at a million) over
// twelve laws and 36 articles, on each store; then the public figures per
// law and per article of a law, filing a signal with its similarity
// suggestions, and the knelpuntenbrief for 50 knelpunten, each timed per
// call with p50/p95.
//
//	SCHAKEL_TEST_POSTGRES=postgres://… go test -run '^$' -bench Signals -benchtime 1x -timeout 60m ./signals/

// benchLaws are twelve laws with three articles each.
var benchLaws = []struct {
	bwb, words string
	articles   []string
	principle  string
}{
	{"BWBR0019057", "voorschot uitkering arbeidsongeschiktheid terugvordering schulden besluit laat", []string{"76", "77", "41"}, "evenredigheid"},
	{"BWBR0015703", "bijstand gift familie middelen korting inkomen bouwdepot", []string{"31", "34", "18a"}, "evenredigheid"},
	{"BWBR0002368", "kinderbijslag verhuizing buitenland woonland kind school", []string{"7", "14", "15"}, "gelijkheid"},
	{"BWBR0018472", "toeslag partner huishouden terugvordering inkomen jaar", []string{"26", "16", "31"}, "evenredigheid"},
	{"BWBR0001903", "aangifte digitaal ouderen oplichting balie computer", []string{"163", "161", "164"}, "zorgvuldigheid"},
	{"BWBR0005537", "besluit termijn bezwaar beslissing hoorzitting brief", []string{"4:84", "3:4", "7:2"}, "motivering"},
	{"BWBR0031331", "schuldhulp schuld fraude weigering termijn toegang", []string{"3", "4", "5"}, "evenredigheid"},
	{"BWBR0004045", "werkloosheid melding sanctie sollicitatie dag", []string{"27", "24", "20"}, "evenredigheid"},
	{"BWBR0002221", "ouderdom pensioen verzekerd buitenland jaar", []string{"13", "6", "7"}, "rechtszekerheid"},
	{"BWBR0035362", "voorziening verhuizing wachten aanvraag zorg", []string{"2.3.5", "2.3.2", "2.3.6"}, "zorgvuldigheid"},
	{"BWBR0034925", "jeugdhulp achttien overgang hulp jongere", []string{"1.1", "2.3", "8.1.1"}, "zorgvuldigheid"},
	{"BWBR0018450", "zorgverzekering premie achterstand boete wanbetaler", []string{"18a", "18b", "18c"}, "evenredigheid"},
}

var benchFiller = strings.Fields("de klant meldt dat zij al maanden wacht op duidelijkheid over haar situatie en dat de brief niet te begrijpen was omdat de regels ingewikkeld zijn")

func benchText(r *rand.Rand, words string, n int) string {
	w := strings.Fields(words)
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteByte(' ')
		}
		if r.IntN(3) == 0 {
			b.WriteString(w[r.IntN(len(w))])
		} else {
			b.WriteString(benchFiller[r.IntN(len(benchFiller))])
		}
	}
	return b.String()
}

// benchSignal is one generated signal before it is written.
type benchSignal struct {
	knelpunt           int
	article            int
	low, high          int64
	once, yearly       int64
	title, effect, pro string
}

// figure sums what the generated signals count towards one figure key.
type figure struct {
	f                  ruleref.Figure
	signals, low, high int64
	once, yearly       int64
	orgs               map[int64]int64
	knelpunten         map[int]bool
}

// benchLoader writes the corpus in transactions of 2,000, directly in SQL:
// the corpus is for measuring the figures and the suggestions, and
// 1,000,000 filings through the service would measure only the loading.
// The figures are summed while generating and written last, as the store
// would have kept them.
type benchLoader struct {
	b        *testing.B
	st       *store.Store
	orgs     []int64
	user     int64
	knelpunt []int64
	figures  map[string]*figure
}

func (l *benchLoader) q(s string) string {
	if l.st.Dialect() != "postgres" {
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

func (l *benchLoader) load(n, knelpunten int) {
	ctx := context.Background()
	r := rand.New(rand.NewPCG(1, 2))
	sigs := make([]benchSignal, n)
	type totals struct{ n, low, high, once, yearly int64 }
	kt := make([]totals, knelpunten)
	for i := range sigs {
		k := r.IntN(knelpunten)
		law := benchLaws[k%len(benchLaws)]
		s := benchSignal{knelpunt: k, article: r.IntN(3), low: int64(r.IntN(300)), once: int64(r.IntN(100)) * 100_000_00, yearly: int64(r.IntN(20)) * 10_000_00}
		s.high = s.low + int64(r.IntN(500)) + 1
		s.title = fmt.Sprintf("Knelpunt in %s artikel %s, melding %d", law.bwb, law.articles[s.article], i)
		s.effect, s.pro = benchText(r, law.words, 40), benchText(r, law.words, 15)
		sigs[i] = s
		t := &kt[k]
		t.n, t.low, t.high, t.once, t.yearly = t.n+1, t.low+s.low, t.high+s.high, t.once+s.once, t.yearly+s.yearly
	}
	start := time.Date(2025, 1, 1, 9, 0, 0, 0, time.UTC)
	l.batches(knelpunten, func(tx *sql.Tx, i int) {
		law := benchLaws[i%len(benchLaws)]
		t := kt[i]
		var id int64
		l.must(tx.QueryRowContext(ctx, l.q(`INSERT INTO knelpunten (organisation_id, title, summary, solution, proposal, level, state, signals, citizens_low, citizens_high,
			cost_once, cost_yearly, refs, principles, created_by, created_at, updated_at, version)
			VALUES (?, ?, ?, 'wet', ?, 'team', 'open', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1) RETURNING id`),
			l.orgs[i%len(l.orgs)], fmt.Sprintf("Knelpunt %d over %s", i, law.bwb), benchText(r, law.words, 30), benchText(r, law.words, 10),
			t.n, t.low, t.high, t.once, t.yearly, `["jci1.3:c:`+law.bwb+`"]`, `["`+law.principle+`"]`, l.user, start, start).Scan(&id))
		_, err := tx.ExecContext(ctx, l.q("INSERT INTO knelpunt_events (knelpunt_id, seq, type, by_user, at) VALUES (?, 1, 'aangemaakt', ?, ?)"), id, l.user, start)
		l.must(err)
		l.knelpunt = append(l.knelpunt, id)
	})
	var insertSignal, insertKey *sql.Stmt
	var prepared *sql.Tx
	l.batches(n, func(tx *sql.Tx, i int) {
		if prepared != tx {
			// modernc parses every statement it is given: prepare once per batch.
			var err error
			insertSignal, err = tx.PrepareContext(ctx, l.q(`INSERT INTO signals (organisation_id, created_at, state, title, anchors, affected_group, effect, citizens_low, citizens_high,
			citizens_method, solution, proposal, cost_once, cost_yearly, cost_borne_by, conflicts, evidence, knelpunt_id, filed_by, filed_at)
			VALUES (?, ?, 'ingediend', ?, ?, 'Burgers', ?, ?, ?, 'Schatting', 'wet', ?, ?, ?, 'Rijk', ?, '[]', ?, ?, ?) RETURNING id`))
			l.must(err)
			insertKey, err = tx.PrepareContext(ctx, l.q("INSERT INTO signal_keys (key, signal_id, organisation_id) VALUES (?, ?, ?)"))
			l.must(err)
			prepared = tx
		}
		s := sigs[i]
		law := benchLaws[s.knelpunt%len(benchLaws)]
		ref := "jci1.3:c:" + law.bwb + "&artikel=" + law.articles[s.article]
		org := l.orgs[s.knelpunt%len(l.orgs)]
		at := start.Add(time.Duration(i) * 30 * time.Second)
		var id int64
		l.must(insertSignal.QueryRowContext(ctx,
			org, at, s.title, `[{"ref":"`+ref+`","version":0}]`, s.effect, s.low, s.high, s.pro, s.once, s.yearly,
			`[{"principle":"`+law.principle+`","text":"Onevenredig."}]`, l.knelpunt[s.knelpunt], l.user, at).Scan(&id))
		for _, f := range ruleref.FigureKeys([]string{ref}) {
			_, err := insertKey.ExecContext(ctx, f.Key, id, org)
			l.must(err)
			l.count(f, s, org)
		}
	})
	l.writeFigures()
}

// count adds signal s of organisation org to the figure f.
func (l *benchLoader) count(f ruleref.Figure, s benchSignal, org int64) {
	fg := l.figures[f.Key]
	if fg == nil {
		fg = &figure{f: f, orgs: map[int64]int64{}, knelpunten: map[int]bool{}}
		l.figures[f.Key] = fg
	}
	fg.signals, fg.low, fg.high, fg.once, fg.yearly = fg.signals+1, fg.low+s.low, fg.high+s.high, fg.once+s.once, fg.yearly+s.yearly
	fg.orgs[org]++
	fg.knelpunten[s.knelpunt] = true
}

func (l *benchLoader) writeFigures() {
	ctx := context.Background()
	tx, err := l.st.DB().BeginTx(ctx, nil)
	l.must(err)
	for key, fg := range l.figures {
		_, err := tx.ExecContext(ctx, l.q(`INSERT INTO rule_figures (key, level, law, ref, signals, organisations, knelpunten, citizens_low, citizens_high, cost_once, cost_yearly)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`), key, fg.f.Level, fg.f.Law, fg.f.Ref, fg.signals, len(fg.orgs), len(fg.knelpunten), fg.low, fg.high, fg.once, fg.yearly)
		l.must(err)
		for org, n := range fg.orgs {
			_, err := tx.ExecContext(ctx, l.q("INSERT INTO rule_figure_organisations (key, organisation_id, signals) VALUES (?, ?, ?)"), key, org, n)
			l.must(err)
		}
		for k := range fg.knelpunten {
			_, err := tx.ExecContext(ctx, l.q("INSERT INTO knelpunt_keys (key, knelpunt_id) VALUES (?, ?)"), key, l.knelpunt[k])
			l.must(err)
		}
	}
	l.must(tx.Commit())
	if l.st.Dialect() == "postgres" {
		_, err := l.st.DB().ExecContext(ctx, "ANALYZE")
		l.must(err)
	}
}

func (l *benchLoader) batches(n int, write func(tx *sql.Tx, i int)) {
	ctx := context.Background()
	for done := 0; done < n; {
		tx, err := l.st.DB().BeginTx(ctx, nil)
		l.must(err)
		for i := 0; i < 2000 && done < n; i, done = i+1, done+1 {
			write(tx, done)
		}
		l.must(tx.Commit())
	}
}

func (l *benchLoader) must(err error) {
	if err != nil {
		l.b.Fatal(err)
	}
}

func percentiles(d []time.Duration) (p50, p95 time.Duration) {
	sort.Slice(d, func(i, j int) bool { return d[i] < d[j] })
	return d[len(d)/2], d[len(d)*95/100]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func BenchmarkSignals(b *testing.B) {
	n := 1_000_000
	if s := os.Getenv("SCHAKEL_BENCH_SIGNALS"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	for _, be := range storetest.Backends() {
		b.Run(fmt.Sprintf("%s/signals=%d", be.Name, n), func(b *testing.B) {
			ctx := context.Background()
			clock := schakeltest.NewClock(time.Date(2027, 1, 4, 9, 0, 0, 0, time.UTC))
			st := be.Open(b, clock)
			if _, err := st.SeedPrinciples(ctx, schakel.DefaultPrinciples()); err != nil {
				b.Fatal(err)
			}
			szw := storetest.MustOrganisation(b, st, "min-szw", schakel.OrgMinistry)
			var orgs []int64
			for _, code := range []string{"uwv", "svb", "gemeente-a", "politie"} {
				orgs = append(orgs, storetest.MustOrganisation(b, st, code, schakel.OrgExecutive, szw.ID).ID)
			}
			prof := storetest.MustUser(b, st, "prof", schakel.Membership{OrganisationID: orgs[0], Role: schakel.RoleProfessional})
			board := storetest.MustUser(b, st, "board", schakel.Membership{OrganisationID: orgs[0], Role: schakel.RoleBoard})
			l := &benchLoader{b: b, st: st, orgs: orgs, user: prof.ID, figures: map[string]*figure{}}
			t0 := time.Now()
			l.load(n, max(n/100, 200))
			b.Logf("loaded %d signals in %s", n, time.Since(t0).Round(time.Second))
			engine := &comply.Engine{Calendar: calendar.New()}
			svc := signals.New(st, requests.New(st, engine, clock), clock)
			svc.PublicBase = "https://schakel.test"
			r := rand.New(rand.NewPCG(3, 4))
			b.ResetTimer()
			for range b.N {
				laws, articles := benchFigures(b, svc, r)
				filing, suggested := benchFiling(b, svc, prof, r)
				draft, send := benchLetter(b, st, svc, board, l.knelpunt, clock)
				for _, m := range []struct {
					name string
					d    []time.Duration
				}{{"laws", laws}, {"articles", articles}, {"file", filing}} {
					p50, p95 := percentiles(m.d)
					b.ReportMetric(ms(p50), m.name+"-p50-ms")
					b.ReportMetric(ms(p95), m.name+"-p95-ms")
				}
				b.ReportMetric(float64(suggested)/float64(len(filing)), "suggested-share")
				b.ReportMetric(ms(draft), "letter50-draft-ms")
				b.ReportMetric(ms(send), "letter50-send-ms")
			}
		})
	}
}

// benchFigures times the public figures: 300 rankings of laws and 300 of
// the articles of a law.
func benchFigures(b *testing.B, svc *signals.Service, r *rand.Rand) (laws, articles []time.Duration) {
	ctx := context.Background()
	for range 300 {
		t := time.Now()
		fs, _, err := svc.Figures(ctx, schakel.FigureFilter{Level: schakel.FigureLaw})
		if err != nil || len(fs) != len(benchLaws) {
			b.Fatalf("laws: %d, %v", len(fs), err)
		}
		laws = append(laws, time.Since(t))
		law := benchLaws[r.IntN(len(benchLaws))].bwb
		t = time.Now()
		fs, _, err = svc.Figures(ctx, schakel.FigureFilter{Level: schakel.FigureArticle, Law: law})
		if err != nil || len(fs) != 3 {
			b.Fatalf("articles of %s: %d, %v", law, len(fs), err)
		}
		articles = append(articles, time.Since(t))
	}
	return laws, articles
}

// benchFiling times 200 filings as a professional makes them: the
// suggestions for the draft, then filing it in the best suggested
// knelpunt (or a new one).
func benchFiling(b *testing.B, svc *signals.Service, prof *schakel.User, r *rand.Rand) (d []time.Duration, suggested int) {
	ctx := context.Background()
	for i := range 200 {
		law := benchLaws[(i*4)%len(benchLaws)]
		in := signals.FileInput{Organisation: "uwv", Title: "Nieuw signaal over " + law.bwb, Rules: []string{"jci1.3:c:" + law.bwb + "&artikel=" + law.articles[r.IntN(3)]},
			Group: "Burgers", Effect: benchText(r, law.words, 40), CitizensLow: 10, CitizensHigh: 20, CitizensMethod: "Schatting", Solution: schakel.SolutionLaw,
			Proposal: benchText(r, law.words, 15), Conflicts: []signals.Conflict{{Principle: law.principle, Grounds: "Onevenredig."}}}
		t := time.Now()
		sugg, err := svc.Suggest(ctx, prof, in)
		if err != nil {
			b.Fatal(err)
		}
		if len(sugg) > 0 {
			in.KnelpuntID = sugg[0].Knelpunt.ID
			suggested++
		}
		if _, err := svc.File(ctx, prof, in); err != nil {
			b.Fatal(err)
		}
		d = append(d, time.Since(t))
	}
	return d, suggested
}

// benchLetter makes 50 of the organisation's knelpunten adopted by its
// board and times the draft of their knelpuntenbrief (HTML and PDF) and
// sending it (50 requests at the ministry).
func benchLetter(b *testing.B, st *store.Store, svc *signals.Service, board *schakel.User, ks []int64, clock *schakeltest.Clock) (draft, send time.Duration) {
	ctx := context.Background()
	adopted := clock.Now().Add(-24 * time.Hour)
	q := "UPDATE knelpunten SET level = 'bestuur', state = 'overgenomen', adopted_at = ? WHERE id = ?"
	if st.Dialect() == "postgres" {
		q = "UPDATE knelpunten SET level = 'bestuur', state = 'overgenomen', adopted_at = $1 WHERE id = $2"
	}
	for i := 0; i < 200; i += 4 { // the organisation's: every fourth
		if _, err := st.DB().ExecContext(ctx, q, adopted, ks[i]); err != nil {
			b.Fatal(err)
		}
	}
	today := calendar.New().Today(clock.Now())
	in := signals.LetterInput{Organisation: "uwv", From: today.AddDays(-7), To: today}
	t := time.Now()
	d, err := svc.DraftLetter(ctx, board, in)
	if err != nil || len(d.Knelpunten) != 50 {
		b.Fatalf("draft: %v", err)
	}
	draft = time.Since(t)
	t = time.Now()
	if _, err := svc.SendLetter(ctx, board, in); err != nil {
		b.Fatal(err)
	}
	return draft, time.Since(t)
}
