package precedent

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/schakel-nl/schakel/ruleref"
	"github.com/schakel-nl/schakel/textsim"
)

const (
	refWIA76lid1 = "jci1.3:c:BWBR0019057&artikel=76&lid=1"
	refWIA76lid2 = "jci1.3:c:BWBR0019057&artikel=76&lid=2"
	refWIA80     = "jci1.3:c:BWBR0019057&artikel=80"
	refAwb484    = "jci1.3:c:BWBR0005537&artikel=4:84"
)

func TestSimilarity(t *testing.T) {
	text := "Voorschot op de WIA-uitkering wordt teruggevorderd terwijl de aanvraag nog loopt."
	tests := []struct {
		name string
		a, b Item
		want float64
	}{
		{"identical", Item{Text: text, RuleRefs: []string{refWIA76lid1}, Principles: []string{"redelijkheid"}},
			Item{Text: text, RuleRefs: []string{refWIA76lid1}, Principles: []string{"redelijkheid"}}, 1},
		{"identical apart from form", Item{Text: "Voorschotten worden teruggevorderd.", RuleRefs: []string{refWIA76lid1}, Principles: []string{"Redelijkheid "}},
			Item{Text: "het voorschot: TERUGGEVORDERD", RuleRefs: []string{"BWBR0019057/76/1"}, Principles: []string{"redelijkheid"}}, 1},
		{"disjoint", Item{Text: "voorschot uitkering", RuleRefs: []string{refWIA76lid1}, Principles: []string{"redelijkheid"}},
			Item{Text: "parkeervergunning bewoners", RuleRefs: []string{refAwb484}, Principles: []string{"evenredigheid"}}, 0},
		{"nothing to compare", Item{}, Item{}, 0},
		{"only stop words and placeholders", Item{Text: "de [naam 1] is er niet"}, Item{Text: "de [naam 1] is er niet"}, 0},
		{"text only", Item{Text: "aanvraag voorschot"}, Item{Text: "aanvragen voorschot uitkering"}, 2 / math.Sqrt(6)},
		{"rule references only, other lid", Item{RuleRefs: []string{refWIA76lid1}}, Item{RuleRefs: []string{refWIA76lid2}}, ruleref.SameArticle},
		{"same text, other lid, no principles: renormalised over text and references", Item{Text: text, RuleRefs: []string{refWIA76lid1}},
			Item{Text: text, RuleRefs: []string{refWIA76lid2}, Principles: []string{"redelijkheid"}},
			(WeightText + WeightRuleRefs*ruleref.SameArticle) / (WeightText + WeightRuleRefs)},
		{"other text, same law, same principles", Item{Text: "voorschot", RuleRefs: []string{refWIA76lid1}, Principles: []string{"redelijkheid"}},
			Item{Text: "parkeervergunning", RuleRefs: []string{refWIA80}, Principles: []string{"redelijkheid"}},
			WeightRuleRefs*ruleref.SameLaw + WeightPrinciples},
		{"one side without references: renormalised over text and principles", Item{Text: text, Principles: []string{"redelijkheid", "evenredigheid"}},
			Item{Text: text, RuleRefs: []string{refWIA76lid1}, Principles: []string{"redelijkheid"}},
			(WeightText + WeightPrinciples*0.5) / (WeightText + WeightPrinciples)},
		{"one side without text: renormalised over references and principles", Item{RuleRefs: []string{refWIA76lid1}, Principles: []string{"redelijkheid"}},
			Item{Text: text, RuleRefs: []string{refWIA76lid1, refAwb484}, Principles: []string{"redelijkheid"}},
			(WeightRuleRefs*0.5 + WeightPrinciples) / (WeightRuleRefs + WeightPrinciples)},
		{"ids, outcomes and dates play no part", Item{ID: 1, OrganisationID: 1, Text: text, Outcome: "maatwerk", DecidedAt: time.Unix(1, 0)},
			Item{ID: 2, OrganisationID: 2, Text: text, Outcome: "gezagsvol-nee"}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, back := Similarity(tt.a, tt.b), Similarity(tt.b, tt.a)
			if math.Abs(got-tt.want) > 1e-12 {
				t.Errorf("Similarity = %v, want %v", got, tt.want)
			}
			if got != back {
				t.Errorf("not symmetric: %v one way, %v the other", got, back)
			}
		})
	}
}

// TestSimilarityProperties checks, over generated cases, that scores stay
// in [0, 1], are symmetric, that an item is fully similar to itself, and
// that Rank gives exactly the scores of Similarity.
func TestSimilarityProperties(t *testing.T) {
	items := generateItems(rand.New(rand.NewPCG(3, 4)), 60, 80)
	for i, a := range items {
		if s := Similarity(a, a); math.Abs(s-1) > 1e-12 {
			t.Errorf("Similarity(item %d, itself) = %v", i, s)
		}
		for j, b := range items[:i] {
			s := Similarity(a, b)
			if s < 0 || s > 1 || math.IsNaN(s) {
				t.Fatalf("Similarity(%d, %d) = %v", i, j, s)
			}
			if back := Similarity(b, a); back != s {
				t.Errorf("Similarity(%d, %d) = %v, back %v", i, j, s, back)
			}
		}
		for _, m := range Rank(a, items, 0, 0) {
			if want := Similarity(a, m.Item); m.Score != want {
				t.Errorf("Rank score %v, Similarity %v", m.Score, want)
			}
		}
	}
}

func TestRank(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2026, 3, d, 12, 0, 0, 0, time.UTC) }
	target := Item{ID: 1, RuleRefs: []string{refWIA76lid1}}
	candidates := []Item{
		{ID: 2, RuleRefs: []string{refWIA80}, DecidedAt: day(1)},     // 0.4
		{ID: 3, RuleRefs: []string{refWIA76lid2}, DecidedAt: day(1)}, // 0.75
		{ID: 1, RuleRefs: []string{refWIA76lid1}, DecidedAt: day(9)}, // the target itself
		{ID: 4, RuleRefs: []string{refAwb484}, DecidedAt: day(9)},    // 0
		{ID: 5, RuleRefs: []string{refWIA76lid1}, DecidedAt: day(2)}, // 1
		{ID: 6, RuleRefs: []string{refWIA76lid2}, DecidedAt: day(3)}, // 0.75, newer than 3
		{ID: 7, RuleRefs: []string{refWIA76lid2}, DecidedAt: day(1)}, // 0.75, as old as 3
		{ID: 8, DecidedAt: day(9)},                                   // nothing to compare: 0
	}
	tests := []struct {
		name  string
		min   float64
		limit int
		want  []int64
	}{
		{"all, in order", 0, 0, []int64{5, 6, 3, 7, 2, 4, 8}},
		{"min inclusive", 0.75, 0, []int64{5, 6, 3, 7}},
		{"min just above", 0.76, 0, []int64{5}},
		{"limit", 0, 2, []int64{5, 6}},
		{"limit above count", 0.4, 10, []int64{5, 6, 3, 7, 2}},
		{"none", 1.01, 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []int64
			for _, m := range Rank(target, candidates, tt.min, tt.limit) {
				got = append(got, m.Item.ID)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Rank ids = %v, want %v", got, tt.want)
			}
		})
	}
	t.Run("unsaved target skips nothing", func(t *testing.T) {
		unsaved := Item{RuleRefs: []string{refWIA76lid1}}
		got := Rank(unsaved, []Item{{ID: 0, RuleRefs: []string{refWIA76lid1}}}, 0, 0)
		if len(got) != 1 || got[0].Score != 1 {
			t.Errorf("Rank = %+v, want the one candidate with score 1", got)
		}
	})
}

// TestWeightedSimilarity checks that an IDF weighs the text part of
// Similarity and Rank (the weights themselves are tested in textsim).
func TestWeightedSimilarity(t *testing.T) {
	x := textsim.NewIDF("voorschot uitkering", "voorschot herstel", "voorschot parkeren")

	// Sharing the rare word weighs more than sharing the common one.
	target := Item{Text: "voorschot herstel"}
	rare, common := Item{Text: "herstel parkeren"}, Item{Text: "voorschot parkeren"}
	if Similarity(target, rare) != Similarity(target, common) {
		t.Fatal("without IDF both should score the same")
	}
	if r, c := WeightedSimilarity(x, target, rare), WeightedSimilarity(x, target, common); r <= c {
		t.Errorf("with IDF: rare %v, common %v; want rare above common", r, c)
	}
	if s := WeightedSimilarity(x, target, target); math.Abs(s-1) > 1e-12 {
		t.Errorf("with IDF, identical = %v", s)
	}
	ranked := WeightedRank(x, target, []Item{{ID: 1, Text: common.Text}, {ID: 2, Text: rare.Text}}, 0, 0)
	if len(ranked) != 2 || ranked[0].Item.ID != 2 || ranked[0].Score != WeightedSimilarity(x, target, rare) {
		t.Errorf("IDF Rank = %+v", ranked)
	}
}
