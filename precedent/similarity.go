package precedent

import (
	"cmp"
	"math"
	"slices"
	"time"

	"github.com/schakel-nl/schakel"
)

// Item is one case or published precedent to compare.
type Item struct {
	ID             int64
	OrganisationID int64
	// Text is whatever the caller puts together to describe the case,
	// usually title, situation (or summary), intent and harm.
	Text string
	// RuleRefs are rule references, preferably JCI 1.3 strings.
	RuleRefs []string
	// Principles are principle codes from the catalogue.
	Principles []string
	// Outcome is "" for a case that is not decided.
	Outcome   schakel.Outcome
	DecidedAt time.Time
}

// The weights of the three parts of Similarity. They add up to 1. When a
// part cannot be measured because one of the two items has nothing for it
// (no terms, no rule references or no principles), it is left out and the
// others count in proportion: with no principles on one side, text counts
// 0.5/0.8 and rule references 0.3/0.8.
const (
	// WeightText weighs the cosine similarity of the term frequencies of
	// the texts (see Terms).
	WeightText = 0.5
	// WeightRuleRefs weighs the Jaccard index of the rule references, in
	// which references to the same article or law count in part (see
	// SameArticle and SameLaw).
	WeightRuleRefs = 0.3
	// WeightPrinciples weighs the Jaccard index of the principle codes.
	WeightPrinciples = 0.2
)

// Similarity says how alike two items are, from 0 (nothing in common, or
// nothing to compare) to 1 (the same terms in the same proportions, the same
// rule references and the same principles). It is the weighted mean of the
// parts described at WeightText, WeightRuleRefs and WeightPrinciples, over
// the parts both items have. It is symmetric. IDs, organisations,
// outcomes and dates play no part.
func Similarity(a, b Item) float64 {
	return (*IDF)(nil).Similarity(a, b)
}

// Match is a candidate with its similarity to the target of Rank.
type Match struct {
	Item  Item
	Score float64
}

// Rank scores the candidates against target and returns those with a score
// of at least minScore, best first: by score, then the most recently decided,
// then the lowest ID. It returns at most limit matches, or all of them when
// limit ≤ 0. A candidate with the target's ID is skipped (unless that ID is
// 0, which a case that is not stored yet has). Each Score is exactly
// Similarity(target, candidate).
//
// Rank is meant for the few hundred candidates the store preselects (see
// schakel.CaseStore.SimilarCandidates); it reads every candidate's text
// once and allocates only for words it has not seen before in the call.
func Rank(target Item, candidates []Item, minScore float64, limit int) []Match {
	return (*IDF)(nil).Rank(target, candidates, minScore, limit)
}

// IDF holds document frequencies of terms over a corpus, such as the
// published register, to weigh rare terms above common ones in the text
// part of a similarity. A nil *IDF weighs every term 1, which is what
// Similarity and Rank do. Build one with NewIDF or Add, once, and reuse
// it: it is safe for concurrent use once it is no longer added to.
//
// The thresholds of DefaultThresholds were chosen for unweighted terms;
// with an IDF the text part of a score comes out differently.
type IDF struct {
	docs int
	df   map[string]int
}

// NewIDF returns the document frequencies of the terms of texts.
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
	for term := range Terms(text) {
		x.df[term]++
	}
}

// Weight returns the weight of a term (as Terms returns it): the smoothed
// inverse document frequency ln((1+N)/(1+df)) + 1 over N documents, so a
// term in every document weighs 1 and a term in none weighs the most. It
// is 1 for a nil *IDF.
func (x *IDF) Weight(term string) float64 {
	if x == nil {
		return 1
	}
	return math.Log(float64(1+x.docs)/float64(1+x.df[term])) + 1
}

// Similarity is the package's Similarity with the text terms weighed by x.
func (x *IDF) Similarity(a, b Item) float64 {
	return newScorer(x, a).score(b)
}

// Rank is the package's Rank with the text terms weighed by x.
func (x *IDF) Rank(target Item, candidates []Item, minScore float64, limit int) []Match {
	s := newScorer(x, target)
	var out []Match
	for _, c := range candidates {
		if target.ID != 0 && c.ID == target.ID {
			continue
		}
		if score := s.score(c); score >= minScore {
			out = append(out, Match{Item: c, Score: score})
		}
	}
	slices.SortFunc(out, func(a, b Match) int {
		if c := cmp.Compare(b.Score, a.Score); c != 0 {
			return c
		}
		if c := b.Item.DecidedAt.Compare(a.Item.DecidedAt); c != 0 {
			return c
		}
		return cmp.Compare(a.Item.ID, b.Item.ID)
	})
	if limit > 0 && len(out) > limit {
		out = out[:limit:limit]
	}
	return out
}

// scorer holds a target prepared for scoring many items against it. Terms
// get small integer ids in vocab, which grows with every item scored; the
// first nTarget ids are the target's terms. The words map remembers the
// analysis of every word seen, so each occurrence after the first costs one
// map look-up.
type scorer struct {
	idf        *IDF
	tok        tokenizer
	words      map[string]int32 // word as found (see tokenizer.each) → term id, or -1 for a stop word
	vocab      map[string]int32 // term → id
	weight     []float64        // per id
	tf         []float64        // per id: the target's term frequency
	nTarget    int32
	norm2      float64 // squared length of the target's weighted vector
	refs       []refKey
	principles []string

	counts  []float64 // per id: the current item's term frequency
	touched []int32   // ids with a count, in order of first occurrence
}

func newScorer(idf *IDF, target Item) *scorer {
	s := &scorer{idf: idf, words: make(map[string]int32), vocab: make(map[string]int32)}
	s.count(target.Text)
	s.nTarget = int32(len(s.weight))
	s.tf = slices.Clone(s.counts)
	for _, id := range s.touched {
		w := s.tf[id] * s.weight[id]
		s.norm2 += w * w
	}
	s.reset()
	s.refs = refKeys(target.RuleRefs)
	s.principles = principleSet(target.Principles)
	return s
}

// count adds up the terms of text in counts and touched.
func (s *scorer) count(text string) {
	s.tok.each(text, func(word []byte, runes int) {
		id, ok := s.words[string(word)]
		if !ok {
			key := string(word) // before analyse changes word
			id = -1
			if term, keep := analyse(word, runes); keep {
				id = s.termID(term)
			}
			s.words[key] = id
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

// termID returns the id of a term, adding it to the vocabulary if need be.
func (s *scorer) termID(term []byte) int32 {
	id, ok := s.vocab[string(term)]
	if !ok {
		id = int32(len(s.weight))
		key := string(term)
		s.vocab[key] = id
		s.weight = append(s.weight, s.idf.Weight(key))
		s.counts = append(s.counts, 0)
	}
	return id
}

func (s *scorer) reset() {
	for _, id := range s.touched {
		s.counts[id] = 0
	}
	s.touched = s.touched[:0]
}

// score returns the similarity of the target and it.
func (s *scorer) score(it Item) float64 {
	var sum, weights float64
	s.count(it.Text)
	var dot, norm2 float64
	for _, id := range s.touched {
		w := s.weight[id]
		c := s.counts[id] * w
		norm2 += c * c
		if id < s.nTarget {
			dot += c * s.tf[id] * w
		}
	}
	s.reset()
	if norm2 > 0 && s.norm2 > 0 {
		sum += WeightText * min(1, dot/math.Sqrt(norm2*s.norm2))
		weights += WeightText
	}
	if refs := refKeys(it.RuleRefs); len(refs) > 0 && len(s.refs) > 0 {
		sum += WeightRuleRefs * refSimilarity(s.refs, refs)
		weights += WeightRuleRefs
	}
	if ps := principleSet(it.Principles); len(ps) > 0 && len(s.principles) > 0 {
		sum += WeightPrinciples * jaccard(s.principles, ps)
		weights += WeightPrinciples
	}
	if weights == 0 {
		return 0
	}
	return min(1, sum/weights)
}
