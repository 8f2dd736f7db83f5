package textsim

import (
	"math"
	"slices"
)

// Scorer holds a target text prepared for comparing many texts with it,
// fast: it reads each text once, and after the first few texts it
// allocates only for words it has not seen before. A Scorer is not safe
// for concurrent use; make one per goroutine (they may share an IDF).
type Scorer struct {
	idf *IDF
	tok tokenizer
	// Words get small integer ids in vocab, which grows with every text
	// scored; the first nTarget ids are the target's words. The tokens
	// map remembers the analysis of every token seen, so each occurrence
	// after the first costs one map look-up.
	tokens  map[string]int32 // token as found (see tokenizer.each) → word id, or -1 for a stop word
	vocab   map[string]int32 // word → id
	weight  []float64        // per id
	freq    []float64        // per id: the target's word frequency
	nTarget int32
	norm2   float64 // squared length of the target's weighted vector

	counts  []float64 // per id: the current text's word frequency
	touched []int32   // ids with a count, in order of first occurrence
}

// NewScorer prepares target for Cosine, with its words weighed by idf (nil
// weighs every word 1).
func NewScorer(idf *IDF, target string) *Scorer {
	s := &Scorer{idf: idf, tokens: make(map[string]int32), vocab: make(map[string]int32)}
	s.count(target)
	s.nTarget = int32(len(s.weight))
	s.freq = slices.Clone(s.counts)
	for _, id := range s.touched {
		w := s.freq[id] * s.weight[id]
		s.norm2 += w * w
	}
	s.reset()
	return s
}

// Cosine returns the cosine similarity of the weighted word frequencies
// (see Words and IDF.Weight) of the target and text: from 0 (no word in
// common) to 1 (the same words in the same proportions). ok is false, and
// sim 0, when the target or text has no words, so there is nothing to
// compare. It is symmetric: NewScorer(idf, a).Cosine(b) is
// NewScorer(idf, b).Cosine(a), up to rounding when idf is not nil.
func (s *Scorer) Cosine(text string) (sim float64, ok bool) {
	s.count(text)
	var dot, norm2 float64
	for _, id := range s.touched {
		w := s.weight[id]
		c := s.counts[id] * w
		norm2 += c * c
		if id < s.nTarget {
			dot += c * s.freq[id] * w
		}
	}
	s.reset()
	if norm2 == 0 || s.norm2 == 0 {
		return 0, false
	}
	return min(1, dot/math.Sqrt(norm2*s.norm2)), true
}

// count adds up the words of text in counts and touched.
func (s *Scorer) count(text string) {
	s.tok.each(text, func(token []byte, runes int) {
		id, ok := s.tokens[string(token)]
		if !ok {
			key := string(token) // before analyse changes token
			id = -1
			if word, keep := analyse(token, runes); keep {
				id = s.wordID(word)
			}
			s.tokens[key] = id
		}
		if id < 0 {
			return
		}
		if s.counts[id] == 0 {
			s.touched = append(s.touched, id)
		}
		s.counts[id]++
	})
}

// wordID returns the id of a word, adding it to the vocabulary if need be.
func (s *Scorer) wordID(word []byte) int32 {
	id, ok := s.vocab[string(word)]
	if !ok {
		id = int32(len(s.weight))
		key := string(word)
		s.vocab[key] = id
		s.weight = append(s.weight, s.idf.Weight(key))
		s.counts = append(s.counts, 0)
	}
	return id
}

// reset clears the counts of the text just scored.
func (s *Scorer) reset() {
	for _, id := range s.touched {
		s.counts[id] = 0
	}
	s.touched = s.touched[:0]
}
