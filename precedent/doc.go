// Package precedent finds and weighs similar cases for the register of
// published decisions (casusprudentie).
//
// When a case is submitted, and again when it is decided, the store
// preselects a few hundred published cases that share a rule reference, a
// principle or words of text (schakel.CaseStore.SimilarCandidates) and
// this package orders them: Rank scores each candidate with Similarity, a
// weighted mean of the likeness of the texts (WeightText), the rule
// references (WeightRuleRefs) and the principles (WeightPrinciples).
// Thresholds then decide what to tell the people at the table:
//
//   - Inconsistent names the similar cases that were decided the other
//     way (maatwerk against an authoritative no), the consistency warning
//     at a decision; Divergent says whether the similar cases disagree
//     among themselves, the warning at submission;
//   - SolveProposal proposes to turn the fix into a solve when similar
//     fixes pile up (by default 5 within 90 days). This is the story of
//     the UWV advances on WIA benefits in the report: case after case got
//     the same maatwerk, while the rule that caused them stayed as it was.
//
// Similarity composes parts that live elsewhere, so that near-duplicate
// signals can reuse them: the Dutch text analysis and the cosine of word
// frequencies come from package textsim (WeightedSimilarity and
// WeightedRank weigh the words by a textsim.IDF), the lenient rule keys
// and their likeness from package ruleref. Only the Jaccard index of the
// principles is the package's own.
//
// The package is pure: no I/O and no clock (the caller passes now). The
// text analysis is deliberately simple — stop words, a few suffix rules,
// no dictionary — because the texts are short and the rule references and
// principles carry much of the weight.
package precedent
