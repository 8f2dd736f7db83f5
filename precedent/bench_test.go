package precedent

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/textsim/textsimtest"
)

var benchRefs = []string{
	"jci1.3:c:BWBR0019057&artikel=76&lid=1", "jci1.3:c:BWBR0019057&artikel=76&lid=2",
	"jci1.3:c:BWBR0019057&artikel=80", "jci1.3:c:BWBR0005537&artikel=4:84",
	"jci1.3:c:BWBR0005537&artikel=4:46", "jci1.3:c:BWBR0015703&artikel=18",
	"jci1.3:c:BWBR0015703&artikel=58", "jci1.3:c:BWBR0018472&artikel=26",
	"beleidsregel:uwv/BR-2024-12", "beleidsregel:svb/AOW-7",
}

var benchPrinciples = []string{
	"redelijkheid", "evenredigheid", "rechtszekerheid", "gelijkheid",
	"zorgvuldigheid", "menselijke-maat", "vertrouwen", "motivering",
}

// generateItems returns n deterministic cases of words words each, with
// one to three rule references and principles, outcomes and decision
// dates.
func generateItems(rng *rand.Rand, n, words int) []Item {
	items := make([]Item, n)
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range items {
		it := Item{
			ID:        int64(i + 1),
			Text:      textsimtest.Text(rng, words),
			Outcome:   schakel.Outcomes[rng.IntN(len(schakel.Outcomes))],
			DecidedAt: start.Add(time.Duration(rng.IntN(365*24)) * time.Hour),
		}
		for range 1 + rng.IntN(3) {
			it.RuleRefs = append(it.RuleRefs, benchRefs[rng.IntN(len(benchRefs))])
		}
		for range 1 + rng.IntN(3) {
			it.Principles = append(it.Principles, benchPrinciples[rng.IntN(len(benchPrinciples))])
		}
		items[i] = it
	}
	return items
}

// BenchmarkRank ranks 500 candidates of 150 words against a target, what
// the similar-case lookup does after the store's preselection; the budget
// for the whole lookup is 50 ms at p95.
func BenchmarkRank(b *testing.B) {
	items := generateItems(rand.New(rand.NewPCG(1, 2)), 501, 150)
	target, candidates := items[0], items[1:]
	b.ReportAllocs()
	for b.Loop() {
		Rank(target, candidates, DefaultThresholds.Similar, 20)
	}
}

// BenchmarkSimilarity compares two cases of 150 words.
func BenchmarkSimilarity(b *testing.B) {
	items := generateItems(rand.New(rand.NewPCG(1, 2)), 2, 150)
	b.ReportAllocs()
	for b.Loop() {
		Similarity(items[0], items[1])
	}
}

// BenchmarkScanBaseline only reads every byte of the 500 candidates of
// BenchmarkRank once. It does no useful work: it shows how fast the
// machine is, so that the figure of BenchmarkRank can be compared across
// machines (Rank takes a small multiple of it).
func BenchmarkScanBaseline(b *testing.B) {
	items := generateItems(rand.New(rand.NewPCG(1, 2)), 501, 150)
	spaces := 0
	for b.Loop() {
		for _, it := range items[1:] {
			for i := 0; i < len(it.Text); i++ {
				if it.Text[i] == ' ' {
					spaces++
				}
			}
		}
	}
	if spaces == 0 {
		b.Fatal("no text")
	}
}
