package textsim

import (
	"math"
	"testing"
)

func TestIDF(t *testing.T) {
	x := NewIDF("voorschot uitkering", "voorschot herstel", "voorschot parkeren")
	if w := x.Weight("voorschot"); math.Abs(w-1) > 1e-12 {
		t.Errorf("weight of a word in every document = %v, want 1", w)
	}
	if w, want := x.Weight("herstel"), math.Log(4.0/2)+1; math.Abs(w-want) > 1e-12 {
		t.Errorf("weight of a word in one document = %v, want %v", w, want)
	}
	if w, want := x.Weight("onbekend"), math.Log(4.0)+1; math.Abs(w-want) > 1e-12 {
		t.Errorf("weight of an unseen word = %v, want %v", w, want)
	}
	if w := (*IDF)(nil).Weight("herstel"); w != 1 {
		t.Errorf("nil IDF weight = %v, want 1", w)
	}
	var grown IDF
	grown.Add("voorschot")
	if w := grown.Weight("voorschot"); math.Abs(w-1) > 1e-12 {
		t.Errorf("zero IDF after Add: weight %v, want 1", w)
	}
}
