// Package textsim is Dutch text analysis and similarity for short texts:
// the descriptions of cases, signals and brakes, a few sentences to a few
// paragraphs each.
//
// Words turns a text into word frequencies: lower-cased, without
// diacritics, without the placeholders that redaction leaves ("[BSN]",
// "[naam 1]"), without stop words (IsStopWord) and lightly stemmed (Stem).
// A Scorer compares many texts with one target by the cosine similarity of
// those frequencies, optionally weighed by an IDF built over a corpus so
// that rare words count for more than common ones.
//
// The analysis is deliberately simple — stop words, a few suffix rules, no
// dictionary — because the texts are short and, where it is used (package
// precedent, and the near-duplicate signals), rule references and
// principles carry much of the weight. In this package a "word" is what
// Words returns, a stem; the codebase keeps "term" for a legal period.
//
// The package is pure: no I/O, no clock, and nothing of ours imported.
package textsim
