package precedent

import (
	"slices"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
)

const (
	maatwerk = schakel.OutcomeMaatwerk
	nee      = schakel.OutcomeNo
	signaal  = schakel.OutcomeSolveOnly
)

func match(id int64, score float64, o schakel.Outcome) Match {
	return Match{Item: Item{ID: id, Outcome: o}, Score: score}
}

func ids(ms []Match) []int64 {
	var out []int64
	for _, m := range ms {
		out = append(out, m.Item.ID)
	}
	return out
}

func TestThresholdsDefaults(t *testing.T) {
	if got := (Thresholds{}).withDefaults(); got != DefaultThresholds {
		t.Errorf("zero thresholds = %+v, want %+v", got, DefaultThresholds)
	}
	if DefaultThresholds.Similar != 0.45 || DefaultThresholds.Pile != 5 || DefaultThresholds.Window != 90*24*time.Hour {
		t.Errorf("DefaultThresholds = %+v", DefaultThresholds)
	}
	custom := Thresholds{Similar: 0.6, Pile: 3, Window: time.Hour}
	if got := custom.withDefaults(); got != custom {
		t.Errorf("custom thresholds changed to %+v", got)
	}
}

func TestInconsistent(t *testing.T) {
	tests := []struct {
		name    string
		outcome schakel.Outcome
		matches []Match
		th      Thresholds
		want    []int64
	}{
		{"no at threshold+0.01 warns on maatwerk", maatwerk, []Match{match(1, 0.46, nee)}, Thresholds{}, []int64{1}},
		{"no at threshold warns", maatwerk, []Match{match(1, 0.45, nee)}, Thresholds{}, []int64{1}},
		{"no at threshold-0.01 does not", maatwerk, []Match{match(1, 0.44, nee)}, Thresholds{}, nil},
		{"maatwerk at threshold+0.01 warns on no", nee, []Match{match(1, 0.46, maatwerk)}, Thresholds{}, []int64{1}},
		{"maatwerk at threshold-0.01 does not warn on no", nee, []Match{match(1, 0.44, maatwerk)}, Thresholds{}, nil},
		{"same outcome is consistent", maatwerk, []Match{match(1, 0.9, maatwerk)}, Thresholds{}, nil},
		{"solve only is neither", maatwerk, []Match{match(1, 0.9, signaal)}, Thresholds{}, nil},
		{"undecided is neither", nee, []Match{match(1, 0.9, "")}, Thresholds{}, nil},
		{"no warning for a solve only outcome", signaal, []Match{match(1, 0.9, maatwerk), match(2, 0.9, nee)}, Thresholds{}, nil},
		{"no warning for a submitted case", "", []Match{match(1, 0.9, maatwerk), match(2, 0.9, nee)}, Thresholds{}, nil},
		{"names all, in order", maatwerk, []Match{match(1, 0.9, nee), match(2, 0.8, maatwerk), match(3, 0.7, nee), match(4, 0.3, nee)}, Thresholds{}, []int64{1, 3}},
		{"custom threshold+0.01", maatwerk, []Match{match(1, 0.61, nee)}, Thresholds{Similar: 0.6}, []int64{1}},
		{"custom threshold-0.01", maatwerk, []Match{match(1, 0.59, nee)}, Thresholds{Similar: 0.6}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ids(Inconsistent(tt.outcome, tt.matches, tt.th)); !slices.Equal(got, tt.want) {
				t.Errorf("Inconsistent = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestDivergent(t *testing.T) {
	tests := []struct {
		name    string
		matches []Match
		th      Thresholds
		want    bool
	}{
		{"none", nil, Thresholds{}, false},
		{"both at threshold+0.01", []Match{match(1, 0.46, maatwerk), match(2, 0.46, nee)}, Thresholds{}, true},
		{"both at threshold", []Match{match(1, 0.45, maatwerk), match(2, 0.45, nee)}, Thresholds{}, true},
		{"no at threshold-0.01", []Match{match(1, 0.46, maatwerk), match(2, 0.44, nee)}, Thresholds{}, false},
		{"maatwerk at threshold-0.01", []Match{match(1, 0.44, maatwerk), match(2, 0.46, nee)}, Thresholds{}, false},
		{"all maatwerk", []Match{match(1, 0.9, maatwerk), match(2, 0.8, maatwerk)}, Thresholds{}, false},
		{"all no", []Match{match(1, 0.9, nee), match(2, 0.8, nee)}, Thresholds{}, false},
		{"maatwerk and solve only", []Match{match(1, 0.9, maatwerk), match(2, 0.9, signaal)}, Thresholds{}, false},
		{"no and undecided", []Match{match(1, 0.9, nee), match(2, 0.9, "")}, Thresholds{}, false},
		{"custom threshold", []Match{match(1, 0.5, maatwerk), match(2, 0.5, nee)}, Thresholds{Similar: 0.51}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Divergent(tt.matches, tt.th); got != tt.want {
				t.Errorf("Divergent = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestSolveProposal(t *testing.T) {
	now := time.Date(2026, 6, 30, 12, 0, 0, 0, time.UTC)
	const window = 90 * 24 * time.Hour
	fix := func(id int64, ago time.Duration, score float64, refs ...string) Match {
		return Match{Item: Item{ID: id, Outcome: maatwerk, DecidedAt: now.Add(-ago), RuleRefs: refs}, Score: score}
	}
	fixes := func(n int) []Match { // n similar fixes, one a week back from yesterday
		var ms []Match
		for i := range n {
			ms = append(ms, fix(int64(10+i), time.Duration(1+7*i)*24*time.Hour, 0.8))
		}
		return ms
	}
	with := func(ms []Match, more ...Match) []Match { return append(slices.Clone(ms), more...) }
	decided := Item{ID: 1, Outcome: maatwerk, DecidedAt: now}
	submitted := Item{ID: 1}
	tests := []struct {
		name    string
		target  Item
		matches []Match
		th      Thresholds
		count   int // 0: no proposal
		cases   []int64
	}{
		{"pile-1 with the target", decided, fixes(3), Thresholds{}, 0, nil},
		{"pile with the target", decided, fixes(4), Thresholds{}, 5, []int64{10, 11, 12, 13}},
		{"pile-1 without the target", submitted, fixes(4), Thresholds{}, 0, nil},
		{"pile without the target", submitted, fixes(5), Thresholds{}, 5, []int64{10, 11, 12, 13, 14}},
		{"authoritative no target does not count", Item{ID: 1, Outcome: nee, DecidedAt: now}, fixes(4), Thresholds{}, 0, nil},
		{"one just outside the window", decided, with(fixes(3), fix(20, window+time.Second, 0.8)), Thresholds{}, 0, nil},
		{"one exactly at the window edge", decided, with(fixes(3), fix(20, window, 0.8)), Thresholds{}, 5, []int64{10, 11, 12, 20}},
		{"one decided exactly now", decided, with(fixes(3), fix(20, 0, 0.8)), Thresholds{}, 5, []int64{10, 11, 12, 20}},
		{"one decided after now", decided, with(fixes(3), fix(20, -time.Second, 0.8)), Thresholds{}, 0, nil},
		{"target outside the window", Item{ID: 1, Outcome: maatwerk, DecidedAt: now.Add(-window - time.Second)}, fixes(4), Thresholds{}, 0, nil},
		{"authoritative no not counted", decided, with(fixes(3), Match{Item: Item{ID: 20, Outcome: nee, DecidedAt: now}, Score: 0.9}), Thresholds{}, 0, nil},
		{"solve only not counted", decided, with(fixes(3), Match{Item: Item{ID: 20, Outcome: signaal, DecidedAt: now}, Score: 0.9}), Thresholds{}, 0, nil},
		{"dissimilar not counted", decided, with(fixes(3), fix(20, time.Hour, 0.44)), Thresholds{}, 0, nil},
		{"similar at the threshold counted", decided, with(fixes(3), fix(20, time.Hour, 0.45)), Thresholds{}, 5, []int64{10, 11, 12, 20}},
		{"no decision date not counted", decided, with(fixes(3), Match{Item: Item{ID: 20, Outcome: maatwerk}, Score: 0.9}), Thresholds{}, 0, nil},
		{"the same case counts once", decided, with(fixes(3), fix(12, 2*24*time.Hour, 0.8)), Thresholds{}, 0, nil},
		{"the target among the matches counts once", decided, with(fixes(3), fix(1, 0, 1)), Thresholds{}, 0, nil},
		{"custom pile and window", decided, with(fixes(1), fix(20, 7*24*time.Hour, 0.8), fix(21, 7*24*time.Hour+time.Second, 0.8)), Thresholds{Pile: 3, Window: 7 * 24 * time.Hour}, 3, []int64{10, 20}},
		{"custom similar", decided, fixes(4), Thresholds{Similar: 0.81}, 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := SolveProposal(tt.target, tt.matches, now, tt.th)
			if tt.count == 0 {
				if p != nil {
					t.Fatalf("SolveProposal = %+v, want nil", p)
				}
				return
			}
			if p == nil {
				t.Fatalf("SolveProposal = nil, want %d fixes", tt.count)
			}
			if p.Count != tt.count || !slices.Equal(ids(p.Cases), tt.cases) {
				t.Errorf("SolveProposal counted %d %v, want %d %v", p.Count, ids(p.Cases), tt.count, tt.cases)
			}
		})
	}
}

func TestSolveProposalSinceAndRules(t *testing.T) {
	now := time.Date(2026, 6, 30, 12, 0, 0, 0, time.UTC)
	day := 24 * time.Hour
	item := func(id int64, ago time.Duration, refs ...string) Item {
		return Item{ID: id, Outcome: maatwerk, DecidedAt: now.Add(-ago), RuleRefs: refs}
	}
	target := item(1, 0, refWIA76lid1, refAwb484)
	matches := []Match{
		{Item: item(2, 10*day, refWIA76lid2), Score: 0.9},
		{Item: item(3, 40*day, "BWBR0019057/76", refWIA80), Score: 0.8},
		{Item: item(4, 80*day, refAwb484, refWIA80), Score: 0.7},
		{Item: item(5, 5*day, "beleidsregel:uwv/BR-1", refWIA76lid1, refWIA76lid2), Score: 0.6},
	}
	p := SolveProposal(target, matches, now, Thresholds{})
	if p == nil {
		t.Fatal("no proposal")
	}
	if want := now.Add(-80 * day); !p.Since.Equal(want) {
		t.Errorf("Since = %v, want %v", p.Since, want)
	}
	want := []string{
		"jci1.3:c:BWBR0019057&artikel=76", // cited by 1, 2, 3 and 5 (5 twice)
		"jci1.3:c:BWBR0005537&artikel=4:84",
		"jci1.3:c:BWBR0019057&artikel=80",
	}
	if !slices.Equal(p.RuleRefs, want) {
		t.Errorf("RuleRefs = %q, want %q", p.RuleRefs, want)
	}
}
