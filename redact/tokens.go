package redact

import "unicode/utf8"

// A token is one word of a text as the detectors of names, places,
// organisations, ages and numbers read it: a run of letters and digits,
// with hyphens and apostrophes inside ("Vries-Bakker", "45-jarige",
// "'s-Hertogenbosch", "XX-99-99"), or initials with their dots ("J.P.",
// "Th.").
type token struct {
	start, end int
	key        string // the folded text
	flags      uint16 // the lexicon's flags of key
	gap        gap    // what separates it from the token before
	cap        bool   // starts with an upper-case letter
	upper      bool   // two or more letters, all upper case ("UWV", "JANSEN")
	initials   bool   // initials with dots ("P.", "J.P.", "Th."); end is after the last dot
	dot        bool   // a dot follows right after a word that is no initials ("dhr.")
	digit      bool   // holds a digit
	sentence   bool   // first word of a sentence, a line or the text
}

// A gap is what separates a token from the one before it.
type gap uint8

const (
	gapSpace gap = iota // white space within a line, or nothing
	gapComma            // a comma
	gapColon            // a colon
	gapOpen             // an opening bracket or quote
	gapLine             // a line break
	gapOther            // anything else: a full stop, a bracket that closes, a dash …
)

// tokens splits the text into tokens in one pass.
func (s *scanner) tokens() []token {
	t, f := s.text, s.folded
	lx := lex()
	toks := make([]token, 0, len(t)/6)
	prevEnd := 0
	for i := 0; i < len(t); {
		r, size := utf8.DecodeRuneInString(t[i:])
		if !wordRune(r) && !particleApostrophe(t, i) {
			i += size
			continue
		}
		tk := readToken(t, i)
		tk.key = f[tk.start:tk.end]
		tk.flags = lx.words[tk.key]
		tk.gap, tk.sentence = gapBetween(t, prevEnd, tk.start, toks)
		toks = append(toks, tk)
		prevEnd = tk.end
		i = tk.end
	}
	return toks
}

// particleApostrophe reports whether an apostrophe at byte i starts "'s"
// or "'t" ("'s-Hertogenbosch", "van 't Hof").
func particleApostrophe(t string, i int) bool {
	n := apostropheAt(t, i)
	if n == 0 || i+n >= len(t) {
		return false
	}
	c := t[i+n] | 0x20
	return (c == 's' || c == 't') && !alnumAt(t, i+n+1) && !alnumBefore(t, i)
}

// readToken reads the token starting at byte i.
func readToken(t string, i int) token {
	tk := token{start: i}
	j := i
	if n := apostropheAt(t, j); n > 0 {
		j += n + 1 // "'s", "'t"
	}
	letters, uppers := 0, 0
	for j < len(t) {
		r, size := utf8.DecodeRuneInString(t[j:])
		switch {
		case wordRune(r):
			if isDigitRune(r) {
				tk.digit = true
			} else if r != utf8.RuneError {
				letters++
				if upperAt(t, j) {
					uppers++
				}
			}
			j += size
			continue
		case (r == '-' || r == '\'' || r == '’') && alnumAt(t, j+size) && j > i:
			j += size
			continue
		}
		break
	}
	tk.end = j
	tk.cap = upperAt(t, i) || apostropheAt(t, i) > 0 && upperAt(t, min(j, i+apostropheAt(t, i)+2))
	tk.upper = letters >= 2 && uppers == letters
	if j < len(t) && t[j] == '.' {
		if end, ok := initialsAt(t, i, j); ok {
			tk.end, tk.initials, tk.upper = end, true, false
		} else {
			tk.dot = true
		}
	}
	return tk
}

func isDigitRune(r rune) bool { return r < utf8.RuneSelf && isDigit(byte(r)) }

// initialsAt reports whether the word t[i:j], followed by a dot, starts
// initials ("J.", "J.P.", "Th.", "A.B.C.") and returns their end, after
// the last dot.
func initialsAt(t string, i, j int) (int, bool) {
	end := -1
	for {
		w := t[i:j]
		if !(utf8.RuneCountInString(w) == 1 && upperAt(t, i) || longInitials[fold(w)] && upperAt(t, i)) {
			break
		}
		if j >= len(t) || t[j] != '.' {
			break
		}
		end = j + 1
		// Another initial right after the dot: "J.P.".
		k := end
		for k < len(t) && k-end < 4 && alnumAt(t, k) {
			_, size := utf8.DecodeRuneInString(t[k:])
			k += size
		}
		if k == end || k >= len(t) || t[k] != '.' {
			break
		}
		i, j = end, k
	}
	return end, end > 0
}

// gapBetween classifies the text between two tokens, and reports whether
// the second starts a sentence: at the start of the text or a line, or
// after a full stop (not the one of initials or an abbreviation), a
// question or exclamation mark, or a colon.
func gapBetween(t string, from, to int, toks []token) (gap, bool) {
	if len(toks) == 0 {
		return gapLine, true
	}
	prev := toks[len(toks)-1]
	g := gapSpace
	sentence := false
	for _, c := range t[from:to] {
		switch c {
		case ' ', '\t', '\r', '\u00a0':
		case '\n':
			g, sentence = gapLine, true
		case ',':
			g = max(g, gapComma)
		case ':':
			g, sentence = max(g, gapColon), true
		case '(', '"', '\'', '[':
			g = max(g, gapOpen)
		case '.':
			// The dot of an abbreviation ("dr.", "mevr.") neither ends a
			// sentence nor separates it from what follows.
			if prev.initials || abbreviation(prev.key) {
				continue
			}
			g, sentence = gapOther, true
		case '!', '?':
			g, sentence = gapOther, true
		default:
			g = gapOther
		}
	}
	return g, sentence
}

// abbreviation reports whether a word written with a dot after it is an
// abbreviation that does not end a sentence ("dhr.", "mevr.", "nr.").
func abbreviation(key string) bool {
	switch key {
	case "nr", "art", "jl", "bijv", "o.a", "i.v.m", "ca", "resp", "incl", "excl", "ong", "tel", "vs", "st", "str", "blz", "pag", "zgn", "evt", "e.d", "enz":
		return true
	}
	return lex().has(key, lexTitle)
}
