package textsim

import (
	"maps"
	"testing"
	"unicode/utf8"
)

// FuzzWords checks that the analysis of any text gives well-formed words:
// not empty, valid UTF-8 unless the input was not, with positive counts,
// and the same result twice.
func FuzzWords(f *testing.F) {
	for _, s := range []string{
		"", "De aanvragen voor een WIA-uitkering van [naam 1] zijn niet geïnd.",
		"e\u0301e\u0301n [BSN", "[[]]]", "ĲZER ß Æ œ", "\xff\xfe voorschot", "heden hedenheden",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		freq := Words(text)
		for word, n := range freq {
			if word == "" || n < 1 {
				t.Errorf("Words(%q) has word %q %v", text, word, n)
			}
			if utf8.ValidString(text) && !utf8.ValidString(word) {
				t.Errorf("Words(%q) has invalid word %q", text, word)
			}
		}
		if again := Words(text); !maps.Equal(again, freq) {
			t.Errorf("Words(%q) differs between calls", text)
		}
	})
}

// FuzzCosine checks the fast Scorer against the cosine computed plainly
// from Words, with and without an IDF, and that it is in [0, 1] and
// symmetric.
func FuzzCosine(f *testing.F) {
	f.Add("aanvraag voorschot", "aanvragen voorschot uitkering", "voorschot herstel")
	f.Add("", "de het", "")
	f.Add("[naam] ĳzer", "IJZER [BSN", "e\u0301e\u0301n ijzer")
	f.Fuzz(func(t *testing.T, a, b, corpus string) {
		for _, idf := range []*IDF{nil, NewIDF(a, corpus, corpus+" "+b)} {
			sim, ok := NewScorer(idf, a).Cosine(b)
			want, wantOK := plainCosine(idf, Words(a), Words(b))
			if ok != wantOK || sim < 0 || sim > 1 || !near(sim, want) {
				t.Fatalf("Cosine(%q, %q) = %v, %v; want %v, %v", a, b, sim, ok, want, wantOK)
			}
			if back, _ := NewScorer(idf, b).Cosine(a); !near(back, sim) {
				t.Errorf("Cosine = %v one way, %v the other", sim, back)
			}
		}
	})
}
