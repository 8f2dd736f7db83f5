package textsim

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/schakel-nl/schakel/textsim/textsimtest"
)

// plainCosine is the cosine similarity of two weighted word frequency
// vectors, computed the obvious way, to check Scorer against.
func plainCosine(idf *IDF, a, b map[string]float64) (float64, bool) {
	var dot, na, nb float64
	for w, n := range a {
		x := n * idf.Weight(w)
		na += x * x
		dot += x * b[w] * idf.Weight(w)
	}
	for w, n := range b {
		x := n * idf.Weight(w)
		nb += x * x
	}
	if na == 0 || nb == 0 {
		return 0, false
	}
	return min(1, dot/math.Sqrt(na*nb)), true
}

func near(a, b float64) bool { return math.Abs(a-b) <= 1e-9 }

func TestScorer(t *testing.T) {
	target := "Voorschot op de WIA-uitkering wordt teruggevorderd terwijl de aanvraag nog loopt."
	tests := []struct {
		name   string
		target string
		text   string
		want   float64
		ok     bool
	}{
		{"identical", target, target, 1, true},
		{"identical apart from form", "Voorschotten worden teruggevorderd.", "het voorschot: TERUGGEVORDERD", 1, true},
		{"disjoint", "voorschot uitkering", "parkeervergunning bewoners", 0, true},
		{"stems meet", "aanvraag voorschot", "aanvragen voorschot uitkering", 2 / math.Sqrt(6), true},
		{"counts weigh", "voorschot voorschot herstel", "voorschot herstel", 3 / math.Sqrt(10), true},
		{"empty target", "", "voorschot", 0, false},
		{"empty text", "voorschot", "", 0, false},
		{"only stop words and placeholders", "de [naam 1] is er niet", "de [naam 1] is er niet", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := NewScorer(nil, tt.target).Cosine(tt.text)
			if math.Abs(got-tt.want) > 1e-12 || ok != tt.ok {
				t.Errorf("Cosine = %v, %v; want %v, %v", got, ok, tt.want, tt.ok)
			}
			if back, _ := NewScorer(nil, tt.text).Cosine(tt.target); back != got {
				t.Errorf("not symmetric: %v one way, %v the other", got, back)
			}
		})
	}
}

// TestScorerReuse checks that a Scorer used for many texts in a row gives
// each the score a fresh one gives, and the plain cosine of Words, with
// and without an IDF; and that sharing a rare word weighs more than
// sharing a common one under an IDF.
func TestScorerReuse(t *testing.T) {
	texts := textsimtest.Texts(rand.New(rand.NewPCG(3, 4)), 60, 80)
	idf := NewIDF(texts...)
	for _, x := range []*IDF{nil, idf} {
		s := NewScorer(x, texts[0])
		for i, text := range texts {
			got, ok := s.Cosine(text)
			fresh, _ := NewScorer(x, texts[0]).Cosine(text)
			want, _ := plainCosine(x, Words(texts[0]), Words(text))
			if !ok || got != fresh || !near(got, want) {
				t.Errorf("text %d: reused %v, %v; fresh %v; plain %v", i, got, ok, fresh, want)
			}
		}
	}

	x := NewIDF("voorschot uitkering", "voorschot herstel", "voorschot parkeren")
	s := NewScorer(x, "voorschot herstel")
	rare, _ := s.Cosine("herstel parkeren")
	common, _ := s.Cosine("voorschot parkeren")
	if rare <= common {
		t.Errorf("with IDF: rare %v, common %v; want rare above common", rare, common)
	}
}
