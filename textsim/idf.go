package textsim

import "math"

// IDF holds document frequencies of words over a corpus, such as the
// published register, to weigh rare words above common ones in a
// similarity (see NewScorer). A nil *IDF weighs every word 1. Build one
// with NewIDF or Add, once, and reuse it: it is safe for concurrent use
// once it is no longer added to. The zero IDF is an empty corpus, ready
// for Add.
type IDF struct {
	docs int
	df   map[string]int
}

// NewIDF returns the document frequencies of the words of texts.
func NewIDF(texts ...string) *IDF {
	x := &IDF{df: make(map[string]int)}
	for _, t := range texts {
		x.Add(t)
	}
	return x
}

// Add counts one more document.
func (x *IDF) Add(text string) {
	if x.df == nil {
		x.df = make(map[string]int)
	}
	x.docs++
	for word := range Words(text) {
		x.df[word]++
	}
}

// Weight returns the weight of a word (as Words returns it): the smoothed
// inverse document frequency ln((1+N)/(1+df)) + 1 over N documents, so a
// word in every document weighs 1 and a word in none weighs the most. It
// is 1 for a nil *IDF.
func (x *IDF) Weight(word string) float64 {
	if x == nil {
		return 1
	}
	return math.Log(float64(1+x.docs)/float64(1+x.df[word])) + 1
}
