package textsim

import (
	"math/rand/v2"
	"testing"

	"github.com/schakel-nl/schakel/textsim/textsimtest"
)

// BenchmarkCosine compares 500 texts of 150 words with a target through
// one Scorer, the text part of precedent's BenchmarkRank.
func BenchmarkCosine(b *testing.B) {
	texts := textsimtest.Texts(rand.New(rand.NewPCG(1, 2)), 501, 150)
	b.ReportAllocs()
	for b.Loop() {
		s := NewScorer(nil, texts[0])
		for _, text := range texts[1:] {
			s.Cosine(text)
		}
	}
}

// BenchmarkWords analyses one text of 150 words into a fresh map.
func BenchmarkWords(b *testing.B) {
	text := textsimtest.Texts(rand.New(rand.NewPCG(1, 2)), 1, 150)[0]
	b.ReportAllocs()
	for b.Loop() {
		Words(text)
	}
}
