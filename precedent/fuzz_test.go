package precedent

import (
	"maps"
	"math"
	"testing"
	"unicode/utf8"
)

// FuzzTerms checks that the analysis of any text gives well-formed terms:
// not empty, valid UTF-8 unless the input was not, with positive counts,
// and the same result twice.
func FuzzTerms(f *testing.F) {
	for _, s := range []string{
		"", "De aanvragen voor een WIA-uitkering van [naam 1] zijn niet geïnd.",
		"e\u0301e\u0301n [BSN", "[[]]]", "ĲZER ß Æ œ", "\xff\xfe voorschot", "heden hedenheden",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		tf := Terms(text)
		for term, n := range tf {
			if term == "" || n < 1 {
				t.Errorf("Terms(%q) has term %q %v", text, term, n)
			}
			if utf8.ValidString(text) && !utf8.ValidString(term) {
				t.Errorf("Terms(%q) has invalid term %q", text, term)
			}
		}
		if again := Terms(text); !maps.Equal(again, tf) {
			t.Errorf("Terms(%q) differs between calls", text)
		}
	})
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
