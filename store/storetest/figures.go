package storetest

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/ruleref"
)

func init() {
	tests["RuleFigures"] = testRuleFigures
	tests["RuleFigures (exact after filing, merging and splitting)"] = testFiguresExact
}

// rowsOf renders the rows of query, one line each.
func (e *env) rowsOf(query string) string {
	e.t.Helper()
	rows, err := e.s.DB().QueryContext(e.ctx, query)
	must(e.t, err)
	defer rows.Close()
	cols, err := rows.Columns()
	must(e.t, err)
	var b strings.Builder
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		must(e.t, rows.Scan(ptrs...))
		for i, v := range vals {
			if bs, ok := v.([]byte); ok {
				vals[i] = string(bs)
			}
		}
		fmt.Fprintln(&b, vals...)
	}
	must(e.t, rows.Err())
	return b.String()
}

// recounts pair each table the store keeps in step with the signals with
// the same rows counted from scratch out of the signals and their keys.
var recounts = []struct{ name, kept, recount string }{
	{"rule_figures",
		"SELECT key, signals, organisations, knelpunten, citizens_low, citizens_high, cost_once, cost_yearly FROM rule_figures ORDER BY key",
		`SELECT k.key, COUNT(*), COUNT(DISTINCT s.organisation_id), COUNT(DISTINCT s.knelpunt_id), CAST(SUM(s.citizens_low) AS BIGINT),
			CAST(SUM(s.citizens_high) AS BIGINT), CAST(SUM(s.cost_once) AS BIGINT), CAST(SUM(s.cost_yearly) AS BIGINT)
		FROM signal_keys k JOIN signals s ON s.id = k.signal_id GROUP BY k.key ORDER BY k.key`},
	{"rule_figure_organisations",
		"SELECT key, organisation_id, signals FROM rule_figure_organisations ORDER BY key, organisation_id",
		`SELECT k.key, s.organisation_id, COUNT(*) FROM signal_keys k JOIN signals s ON s.id = k.signal_id
		GROUP BY k.key, s.organisation_id ORDER BY k.key, s.organisation_id`},
	{"knelpunt_keys",
		"SELECT key, knelpunt_id FROM knelpunt_keys ORDER BY key, knelpunt_id",
		"SELECT DISTINCT k.key, s.knelpunt_id FROM signal_keys k JOIN signals s ON s.id = k.signal_id ORDER BY k.key, s.knelpunt_id"},
}

// wantFigures fails unless every figure the store keeps is exactly what
// the signals say now: the rule figures and what they are counted from
// (recounted in SQL), the keys of each signal (those of its anchors) and
// the cached totals of every knelpunt.
func wantFigures(e *env) {
	e.t.Helper()
	for _, r := range recounts {
		if kept, recount := e.rowsOf(r.kept), e.rowsOf(r.recount); kept != recount {
			e.t.Fatalf("%s is not exact:\nkept\n%s\nrecounted\n%s", r.name, kept, recount)
		}
	}
	sigs, _, err := e.s.Signals(e.ctx, schakel.SignalFilter{Limit: 500})
	must(e.t, err)
	var want strings.Builder
	figures := map[string]ruleref.Figure{}
	for _, s := range slices.Backward(sigs) {
		if s.State != schakel.SignalFiled {
			continue
		}
		for _, fig := range ruleref.FigureKeys(s.Refs()) {
			fmt.Fprintln(&want, fig.Key, s.ID)
			figures[fig.Key] = fig
		}
	}
	keys := e.rowsOf("SELECT key, signal_id FROM signal_keys ORDER BY signal_id, key")
	if keys != want.String() {
		e.t.Fatalf("signal_keys are not the keys of the anchors:\nkept\n%s\nwant\n%s", keys, want.String())
	}
	var wantFigs strings.Builder
	for _, k := range slices.Sorted(maps.Keys(figures)) {
		fig := figures[k]
		fmt.Fprintln(&wantFigs, fig.Key, fig.Level, fig.Law, fig.Ref)
	}
	if got := e.rowsOf("SELECT key, level, law, ref FROM rule_figures ORDER BY key"); got != wantFigs.String() {
		e.t.Fatalf("rule figures describe other rules:\nkept\n%s\nwant\n%s", got, wantFigs.String())
	}
	ks, _, err := e.s.Knelpunten(e.ctx, schakel.KnelpuntFilter{Limit: 500})
	must(e.t, err)
	for _, k := range ks {
		in, _, err := e.s.Signals(e.ctx, schakel.SignalFilter{KnelpuntID: k.ID, Limit: 500})
		must(e.t, err)
		w := schakel.Knelpunt{Signals: len(in)}
		var refs, principles []string
		for _, s := range in {
			w.Citizens.Low, w.Citizens.High = w.Citizens.Low+s.Citizens.Low, w.Citizens.High+s.Citizens.High
			w.Cost.OnceCents, w.Cost.YearlyCents = w.Cost.OnceCents+s.Cost.OnceCents, w.Cost.YearlyCents+s.Cost.YearlyCents
			refs, principles = append(refs, s.Refs()...), append(principles, s.Principles()...)
		}
		w.Refs, w.Principles = distinct(refs), distinct(principles)
		got := schakel.Knelpunt{Signals: k.Signals, Citizens: k.Citizens, Cost: k.Cost, Refs: k.Refs, Principles: k.Principles}
		if !reflect.DeepEqual(got, w) {
			e.t.Fatalf("totals of knelpunt %d (%s) = %+v, its signals say %+v", k.ID, k.State, got, w)
		}
		if k.State == schakel.KnelpuntMerged && k.Signals != 0 {
			e.t.Fatalf("merged knelpunt %d holds %d signals", k.ID, k.Signals)
		}
	}
}

func distinct(s []string) []string {
	s = slices.Compact(slices.Sorted(slices.Values(s)))
	if len(s) == 0 {
		return nil
	}
	return s
}

// testFiguresExact files signals of two organisations in many knelpunten
// and merges and splits them in a fixed pseudo-random order, checking
// after every change that the figures are exactly a recount.
func testFiguresExact(e *env) {
	f := newSigFixture(e)
	rnd := rand.New(rand.NewPCG(13, 2026))
	refs := []string{refWIA36, refWIA76, refAwb484, refPw, refPolicy, "jci1.3:c:BWBR0005537&artikel=3:4", "beleidsregel:svb/BR-7"}
	orgs := []*schakel.Organisation{f.uwv, f.svb}
	pick := func() []string {
		n := 1 + rnd.IntN(3)
		var out []string
		for range n {
			out = append(out, refs[rnd.IntN(len(refs))])
		}
		if rnd.IntN(10) == 0 {
			out = append(out, "geen verwijzing") // counts towards nothing
		}
		return out
	}
	open := func(org *schakel.Organisation) []*schakel.Knelpunt {
		ks, _, err := e.s.Knelpunten(e.ctx, schakel.KnelpuntFilter{OrganisationID: org.ID, State: schakel.KnelpuntOpen, Limit: 500})
		must(e.t, err)
		return ks
	}
	var merges, splits int
	for i := range 60 {
		org := orgs[rnd.IntN(len(orgs))]
		ks := open(org)
		switch op := rnd.IntN(10); {
		case op < 3 || len(ks) == 0:
			f.fileNew(e, f.signal(org, pick()...))
		case op < 7:
			f.fileInto(e, f.signal(org, pick()...), ks[rnd.IntN(len(ks))].ID)
		case op < 8 && len(ks) >= 2:
			a, b := rnd.IntN(len(ks)), rnd.IntN(len(ks)-1)
			if b >= a {
				b++
			}
			f.merge(e, ks[a], ks[b])
			merges++
		default:
			k := ks[rnd.IntN(len(ks))]
			in, _, err := e.s.Signals(e.ctx, schakel.SignalFilter{KnelpuntID: k.ID, Limit: 500})
			must(e.t, err)
			if len(in) < 2 {
				f.fileInto(e, f.signal(org, pick()...), k.ID)
				continue
			}
			var ids []int64
			for _, s := range in[:1+rnd.IntN(len(in)-1)] {
				ids = append(ids, s.ID)
			}
			must(e.t, e.s.SplitKnelpunt(e.ctx, schakel.KnelpuntStep{PrevVersion: k.Version, Knelpunt: k, Event: &schakel.KnelpuntEvent{By: f.coord.ID}},
				schakel.KnelpuntStep{Knelpunt: &schakel.Knelpunt{Title: fmt.Sprintf("Deel %d", i)}, Event: &schakel.KnelpuntEvent{Signals: ids}}))
			splits++
		}
		wantFigures(e)
	}
	if merges == 0 || splits == 0 {
		e.t.Fatalf("the sequence made %d merges and %d splits; pick another seed", merges, splits)
	}
}

func testRuleFigures(e *env) {
	f := newSigFixture(e)
	a := f.signal(f.uwv, refWIA76, refWIA36)
	ka := f.fileNew(e, a)
	b := f.signal(f.uwv, refWIA76)
	f.fileInto(e, b, ka.ID)
	c := f.signal(f.svb, refWIA76, refAwb484)
	f.fileNew(e, c)
	d := f.signal(f.uwv, refPolicy, refAwb484)
	kd := f.fileNew(e, d)
	wantFigures(e)
	sum := func(get func(*schakel.Signal) int64, ss ...*schakel.Signal) int64 {
		var n int64
		for _, s := range ss {
			n += get(s)
		}
		return n
	}
	low := func(s *schakel.Signal) int64 { return s.Citizens.Low }
	high := func(s *schakel.Signal) int64 { return s.Citizens.High }
	once := func(s *schakel.Signal) int64 { return s.Cost.OnceCents }
	yearly := func(s *schakel.Signal) int64 { return s.Cost.YearlyCents }
	fig := func(key, level, law, ref string, orgs, knelpunten int64, ss ...*schakel.Signal) *schakel.RuleFigure {
		return &schakel.RuleFigure{Key: key, Level: schakel.FigureLevel(level), Law: law, Ref: ref, Signals: int64(len(ss)), Organisations: orgs, Knelpunten: knelpunten,
			CitizensLow: sum(low, ss...), CitizensHigh: sum(high, ss...), CostOnce: sum(once, ss...), CostYearly: sum(yearly, ss...)}
	}
	wia := fig("wet:BWBR0019057", "wet", "BWBR0019057", "jci1.3:c:BWBR0019057", 2, 2, a, b, c)
	wia76 := fig("artikel:BWBR0019057/76", "artikel", "BWBR0019057", "jci1.3:c:BWBR0019057&artikel=76", 2, 2, a, b, c)
	wia36 := fig("artikel:BWBR0019057/36", "artikel", "BWBR0019057", "jci1.3:c:BWBR0019057&artikel=36", 1, 1, a)
	awb := fig("wet:BWBR0005537", "wet", "BWBR0005537", "jci1.3:c:BWBR0005537", 2, 2, c, d)
	awb484 := fig("artikel:BWBR0005537/4:84", "artikel", "BWBR0005537", "jci1.3:c:BWBR0005537&artikel=4:84", 2, 2, c, d)
	policy := fig("beleidsregel:uwv/BR-2024-12", "beleidsregel", "uwv", "beleidsregel:uwv/BR-2024-12", 1, 1, d)
	check := func(name string, flt schakel.FigureFilter, total int, want ...*schakel.RuleFigure) {
		e.t.Helper()
		got, n, err := e.s.RuleFigures(e.ctx, flt)
		must(e.t, err)
		if n != total || !reflect.DeepEqual(got, want) {
			e.t.Fatalf("%s: total %d, figures %s\nwant total %d, %s", name, n, showEvents(got), total, showEvents(want))
		}
	}
	// Most signals first, then by key.
	check("all", schakel.FigureFilter{}, 6, wia76, wia, awb484, awb, wia36, policy)
	check("laws", schakel.FigureFilter{Level: schakel.FigureLaw}, 2, wia, awb)
	check("articles of the WIA", schakel.FigureFilter{Level: schakel.FigureArticle, Law: "BWBR0019057"}, 2, wia76, wia36)
	check("everything of the WIA", schakel.FigureFilter{Law: "BWBR0019057"}, 3, wia76, wia, wia36)
	check("policy rules", schakel.FigureFilter{Level: schakel.FigurePolicy}, 1, policy)
	check("one key", schakel.FigureFilter{Key: "artikel:BWBR0005537/4:84"}, 1, awb484)
	check("page", schakel.FigureFilter{Offset: 2, Limit: 2}, 6, awb484, awb)
	check("unknown key", schakel.FigureFilter{Key: "wet:BWBR0000000"}, 0)

	// Open answers are counted live: the knelpunten on the rule that are
	// put to their level.
	ka = e.knelpunt(ka.ID)
	f.put(e, ka)
	f.put(e, kd)
	for _, x := range []*schakel.RuleFigure{wia, wia76, wia36, awb, awb484, policy} {
		x.OpenAnswers = 1
	}
	check("open answers", schakel.FigureFilter{}, 6, wia76, wia, awb484, awb, wia36, policy)
	ka = e.knelpunt(ka.ID)
	ka.State = schakel.KnelpuntAdopted
	must(e.t, e.s.StepKnelpunt(e.ctx, schakel.KnelpuntStep{PrevVersion: ka.Version, Knelpunt: ka,
		Event: &schakel.KnelpuntEvent{Type: schakel.KnelpuntEventAdopted, By: f.coord.ID}, Answered: f.answered(e, f.current(e, ka), f.coord)}))
	wia.OpenAnswers, wia76.OpenAnswers, wia36.OpenAnswers = 0, 0, 0
	check("open answers after an answer", schakel.FigureFilter{}, 6, wia76, wia, awb484, awb, wia36, policy)

	// A split changes nothing in the figures but the count of knelpunten.
	e2 := f.signal(f.uwv, refAwb484)
	f.fileInto(e, e2, kd.ID)
	kd = e.knelpunt(kd.ID)
	must(e.t, e.s.SplitKnelpunt(e.ctx, schakel.KnelpuntStep{PrevVersion: kd.Version, Knelpunt: kd, Event: &schakel.KnelpuntEvent{By: f.coord.ID}},
		schakel.KnelpuntStep{Knelpunt: &schakel.Knelpunt{Title: "Awb alleen"}, Event: &schakel.KnelpuntEvent{Signals: []int64{e2.ID}}}))
	awb = fig("wet:BWBR0005537", "wet", "BWBR0005537", "jci1.3:c:BWBR0005537", 2, 3, c, d, e2)
	awb484 = fig("artikel:BWBR0005537/4:84", "artikel", "BWBR0005537", "jci1.3:c:BWBR0005537&artikel=4:84", 2, 3, c, d, e2)
	awb.OpenAnswers, awb484.OpenAnswers = 1, 1
	check("after a split", schakel.FigureFilter{Law: "BWBR0005537"}, 2, awb484, awb)
	wantFigures(e)
}
