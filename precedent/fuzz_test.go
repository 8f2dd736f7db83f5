package precedent

import (
	"math"
	"testing"

	"github.com/schakel-nl/schakel/textsim"
)

// FuzzTerms checks the text part of Similarity: for items with text only,
// the score is the cosine of the word frequencies of textsim.Words,
// computed plainly, or 0 when a side has no words; and Rank gives the same
// score. (The analysis itself is fuzzed by textsim's FuzzWords; this
// fuzzer keeps its name for .ci/run.)
func FuzzTerms(f *testing.F) {
	for _, s := range []string{
		"", "De aanvragen voor een WIA-uitkering van [naam 1] zijn niet geïnd.",
		"e\u0301e\u0301n [BSN", "[[]]]", "ĲZER ß Æ œ", "\xff\xfe voorschot", "heden hedenheden",
	} {
		f.Add(s, "voorschot aanvraag ijzer")
	}
	f.Fuzz(func(t *testing.T, ta, tb string) {
		a, b := Item{ID: 1, Text: ta}, Item{ID: 2, Text: tb}
		got := Similarity(a, b)
		if want := plainCosine(textsim.Words(ta), textsim.Words(tb)); math.Abs(got-want) > 1e-9 {
			t.Fatalf("Similarity(%q, %q) = %v, plain cosine of the words %v", ta, tb, got, want)
		}
		if ranked := Rank(a, []Item{b}, 0, 0); len(ranked) != 1 || ranked[0].Score != got {
			t.Errorf("Rank = %+v, Similarity %v", ranked, got)
		}
	})
}

// plainCosine is the cosine similarity of two word frequency maps, or 0
// when either is empty.
func plainCosine(a, b map[string]float64) float64 {
	var dot, na, nb float64
	for w, n := range a {
		na += n * n
		dot += n * b[w]
	}
	for _, n := range b {
		nb += n * n
	}
	if na == 0 || nb == 0 {
		return 0
	}
	return min(1, dot/math.Sqrt(na*nb))
}

// FuzzSimilarity checks that scores are in [0, 1], symmetric, and that an
// item with something to compare is fully similar to itself.
func FuzzSimilarity(f *testing.F) {
	f.Add("voorschot WIA-uitkering", "jci1.3:c:BWBR0019057&artikel=76&lid=2", "redelijkheid",
		"terugvordering voorschot", "BWBR0019057/76", "evenredigheid")
	f.Add("", "", "", "", "", "")
	f.Add("[naam]", "jci1.3:c:", "x", "de het", "https://wetten.overheid.nl/BWBR0005537/#Artikel", "X")
	f.Fuzz(func(t *testing.T, ta, ra, pa, tb, rb, pb string) {
		a := Item{Text: ta, RuleRefs: []string{ra}, Principles: []string{pa}}
		b := Item{Text: tb, RuleRefs: []string{rb}, Principles: []string{pb}}
		s := Similarity(a, b)
		if math.IsNaN(s) || s < 0 || s > 1 {
			t.Fatalf("Similarity = %v", s)
		}
		if back := Similarity(b, a); back != s {
			t.Errorf("Similarity = %v one way, %v the other", s, back)
		}
		if self := Similarity(a, a); self != 0 && math.Abs(self-1) > 1e-12 {
			t.Errorf("Similarity(a, a) = %v", self)
		}
	})
}
