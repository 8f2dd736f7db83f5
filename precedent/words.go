package precedent

import "github.com/schakel-nl/schakel/textsim"

// Terms returns the word frequencies of a Dutch text, as Similarity
// compares texts.
//
// Deprecated: use textsim.Words.
func Terms(text string) map[string]float64 { return textsim.Words(text) }

// IsStopWord reports whether the text analysis drops word, a lower-case
// word without diacritics, as a Dutch stop word.
//
// Deprecated: use textsim.IsStopWord.
func IsStopWord(word string) bool { return textsim.IsStopWord(word) }
