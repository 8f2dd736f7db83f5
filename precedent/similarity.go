package precedent

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/ruleref"
	"github.com/schakel-nl/schakel/textsim"
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
// (no words, no rule references or no principles), it is left out and the
// others count in proportion: with no principles on one side, text counts
// 0.5/0.8 and rule references 0.3/0.8.
const (
	// WeightText weighs the cosine similarity of the word frequencies of
	// the texts (see textsim.Words and textsim.Scorer).
	WeightText = 0.5
	// WeightRuleRefs weighs the Jaccard index of the rule references, in
	// which references to the same article or law count in part (see
	// ruleref.Likeness, ruleref.SameArticle and ruleref.SameLaw).
	WeightRuleRefs = 0.3
	// WeightPrinciples weighs the Jaccard index of the principle codes.
	WeightPrinciples = 0.2
)

// Similarity says how alike two items are, from 0 (nothing in common, or
// nothing to compare) to 1 (the same words in the same proportions, the
// same rule references and the same principles). It is the weighted mean
// of the parts described at WeightText, WeightRuleRefs and
// WeightPrinciples, over the parts both items have. It is symmetric. IDs,
// organisations, outcomes and dates play no part.
func Similarity(a, b Item) float64 {
	return WeightedSimilarity(nil, a, b)
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
	return WeightedRank(nil, target, candidates, minScore, limit)
}

// WeightedSimilarity is Similarity with the words of the texts weighed by
// idf, built over a corpus such as the published register, so that rare
// words count for more than common ones. A nil idf weighs every word 1,
// which is Similarity. The thresholds of DefaultThresholds were chosen
// for unweighted words; with an IDF the text part of a score comes out
// differently.
func WeightedSimilarity(idf *textsim.IDF, a, b Item) float64 {
	s := newScorer(idf, a)
	return s.score(b)
}

// WeightedRank is Rank with the words of the texts weighed by idf (see
// WeightedSimilarity); each Score is exactly
// WeightedSimilarity(idf, target, candidate).
func WeightedRank(idf *textsim.IDF, target Item, candidates []Item, minScore float64, limit int) []Match {
	s := newScorer(idf, target)
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

// scorer holds a target prepared for scoring many items against it: its
// text for textsim's fast cosine, its rule keys and its principles.
type scorer struct {
	text       *textsim.Scorer
	refs       []ruleref.Key
	principles []string
}

func newScorer(idf *textsim.IDF, target Item) scorer {
	return scorer{
		text:       textsim.NewScorer(idf, target.Text),
		refs:       ruleref.Keys(target.RuleRefs),
		principles: principleSet(target.Principles),
	}
}

// score returns the similarity of the target and it.
func (s *scorer) score(it Item) float64 {
	var sum, weights float64
	if sim, ok := s.text.Cosine(it.Text); ok {
		sum += WeightText * sim
		weights += WeightText
	}
	if refs := ruleref.Keys(it.RuleRefs); len(refs) > 0 && len(s.refs) > 0 {
		sum += WeightRuleRefs * ruleref.Likeness(s.refs, refs)
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

// jaccard is the Jaccard index of two sorted, de-duplicated string sets.
func jaccard(a, b []string) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	both := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch strings.Compare(a[i], b[j]) {
		case 0:
			both++
			i++
			j++
		case -1:
			i++
		default:
			j++
		}
	}
	return float64(both) / float64(len(a)+len(b)-both)
}

// principleSet lower-cases, trims, sorts and de-duplicates principle codes.
func principleSet(ps []string) []string {
	out := make([]string, 0, len(ps))
	for _, p := range ps {
		if p = strings.ToLower(strings.TrimSpace(p)); p != "" {
			out = append(out, p)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}
