package generalise

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The detectors work on tokens rather than on regular expressions: one
// pass cuts the text into words, numbers, punctuation and redaction labels,
// and each detector looks at most a few tokens around a candidate. That
// keeps the cost linear in the text whatever it holds (texts come from
// outside), and lets the context rules — a cue word a few words back, a
// sentence boundary, an abbreviation in a line of capitals — be written
// plainly.

// maxLabel bounds the length of a redaction label ("[naam 12]",
// "[geboortedatum]"): a '[' with no ']' within it is plain punctuation, so
// a text full of '[' costs linear time.
const maxLabel = 64

// cueWindow is how many tokens a detector looks back (or ahead) for a cue
// word; it never looks past the end of a sentence.
const cueWindow = 6

type kind uint8

const (
	word  kind = iota // letters (and combining marks)
	num               // ASCII digits, with '.' or ',' between digits
	punct             // any other single character, or a paragraph break
	label             // a redaction label such as "[naam 1]"
)

// token is one unit of the text, text[start:end]. stop marks
// punctuation that ends a sentence; caps marks a word of two or more
// letters all in capitals; fold, when not 0, is 1 + the index of the
// word's lower case in the scan's folds (a word already in lower case
// needs none: scan.lo). A token holds no pointer, so that the hundreds of
// thousands of a long text cost the garbage collector nothing to scan.
type token struct {
	kind       kind
	stop, caps bool
	fold       int32
	start, end int32
}

// tokenize cuts text into tokens in one pass, and returns them with the
// lower case of the words that have capitals. White space is dropped,
// but a blank line becomes a stop token: lists and forms end a sentence
// without a full stop.
func tokenize(text string) (toks []token, folds []string) {
	toks = make([]token, 0, len(text)/4+1)
	for i := 0; i < len(text); {
		c := text[i]
		switch {
		case c == ' ' || c == '\t' || c == '\r' || c == '\n':
			j, lines := i, 0
			for j < len(text) && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r' || text[j] == '\n') {
				if text[j] == '\n' {
					lines++
				}
				j++
			}
			if lines >= 2 {
				toks = append(toks, token{kind: punct, start: int32(i), end: int32(j), stop: true})
			}
			i = j
		case isDigit(c):
			j := i + 1
			for j < len(text) && (isDigit(text[j]) || (text[j] == '.' || text[j] == ',') && j+1 < len(text) && isDigit(text[j+1])) {
				j++
			}
			toks = append(toks, token{kind: num, start: int32(i), end: int32(j)})
			i = j
		case c == '[' && labelEnd(text, i) > 0:
			j := labelEnd(text, i)
			toks = append(toks, token{kind: label, start: int32(i), end: int32(j)})
			i = j
		default:
			i = wordOrPunct(text, i, &toks, &folds)
		}
	}
	return toks, folds
}

// wordOrPunct appends the word or the single punctuation character that
// starts at byte i and returns where it ends.
func wordOrPunct(text string, i int, toks *[]token, folds *[]string) int {
	r, n := utf8.DecodeRuneInString(text[i:])
	if !letterRune(r) {
		t := token{kind: punct, start: int32(i), end: int32(i + n)}
		t.stop = r == '!' || r == '?' || r == ';' || r == '.' && sentenceEnd(text, i+1)
		*toks = append(*toks, t)
		return i + n
	}
	j, upper, letters := i, true, 0
	for j < len(text) {
		r, n := utf8.DecodeRuneInString(text[j:])
		if !letterRune(r) {
			break
		}
		if unicode.IsLetter(r) {
			letters++
			upper = upper && unicode.IsUpper(r)
		}
		j += n
	}
	t := token{kind: word, start: int32(i), end: int32(j), caps: upper && letters >= 2}
	if w := text[i:j]; hasUpper(w) {
		*folds = append(*folds, strings.ToLower(w))
		t.fold = int32(len(*folds))
	}
	*toks = append(*toks, t)
	return j
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// hasUpper reports whether strings.ToLower would change w.
func hasUpper(w string) bool {
	for _, r := range w {
		if unicode.IsUpper(r) || unicode.IsTitle(r) || r == utf8.RuneError {
			return true
		}
	}
	return false
}

// letterRune reports whether r belongs to a word: a letter or a combining
// mark (so "e" followed by a combining accent stays one word). Digits are
// not: "50-jarige" is a number, a hyphen and a word.
func letterRune(r rune) bool {
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsMark(r))
}

// labelEnd returns the end of the redaction label that starts with the
// '[' at byte i, or 0: a label closes within maxLabel bytes, on the same
// line, without another '['.
func labelEnd(text string, i int) int {
	for j := i + 1; j < len(text) && j-i < maxLabel; j++ {
		switch text[j] {
		case ']':
			if j == i+1 {
				return 0
			}
			return j + 1
		case '[', '\n':
			return 0
		}
	}
	return 0
}

// sentenceEnd reports whether a full stop ending at byte i ends a
// sentence: what follows (after spaces) is the end of the text, a line
// break or a capital. "d.d. 14 maart" and "3 mrt. 2025" go on.
func sentenceEnd(text string, i int) bool {
	for j := i; j < len(text) && j-i < maxLabel; j++ {
		switch c := text[j]; {
		case c == ' ' || c == '\t':
			continue
		case c == '\n' || c == '\r':
			return true
		default:
			r, _ := utf8.DecodeRuneInString(text[j:])
			return unicode.IsUpper(r)
		}
	}
	return true
}

// scan holds the tokens of one text and the candidates the detectors
// found.
type scan struct {
	text  string
	toks  []token
	folds []string
	found []candidate
}

func newScan(text string) *scan {
	s := &scan{text: text}
	s.toks, s.folds = tokenize(text)
	return s
}

// lo returns the text of token t, in lower case for a word: what the
// detectors compare.
func (s *scan) lo(t token) string {
	if t.fold > 0 {
		return s.folds[t.fold-1]
	}
	return s.text[t.start:t.end]
}

// candidate is a flag before overlaps are resolved: tokens [from, to).
type candidate struct {
	cat      Category
	from, to int
	general  string
	keep     bool
}

// add records a candidate over tokens [from, to), unless it is empty or
// holds a redaction label: a label is never generalised again.
func (s *scan) add(cat Category, from, to int, general string, keep bool) {
	if from < 0 || to > len(s.toks) || from >= to {
		return
	}
	for i := from; i < to; i++ {
		if s.toks[i].kind == label {
			return
		}
	}
	s.found = append(s.found, candidate{cat: cat, from: from, to: to, general: general, keep: keep})
}

// tok returns token i, or a zero token outside the text, so that look-
// arounds need no bounds checks.
func (s *scan) tok(i int) token {
	if i < 0 || i >= len(s.toks) {
		return token{kind: punct, stop: true}
	}
	return s.toks[i]
}

// isWord reports whether token i is the word w (lower case).
func (s *scan) isWord(i int, w ...string) bool {
	t := s.tok(i)
	if t.kind != word {
		return false
	}
	for _, x := range w {
		if s.lo(t) == x {
			return true
		}
	}
	return false
}

// adjacent reports whether tokens i and i+1 touch (no space between).
func (s *scan) adjacent(i int) bool {
	return i >= 0 && i+1 < len(s.toks) && s.toks[i].end == s.toks[i+1].start
}

// cueBefore looks back from token i (exclusive) over at most cueWindow
// tokens of the same sentence, stopping at a number (the cue belongs to
// that one), and returns what the first cue found says: keep (+1), do
// not keep (-1) or nothing (0). cue classifies a lower-cased word.
func (s *scan) cueBefore(i int, cue func(string) int) int {
	for j := i - 1; j >= 0 && i-j <= cueWindow; j-- {
		t := s.toks[j]
		if t.stop || t.kind == num {
			return 0
		}
		if t.kind == word {
			if c := cue(s.lo(t)); c != 0 {
				return c
			}
		}
	}
	return 0
}

// cueAfter looks ahead from token i (inclusive) like cueBefore.
func (s *scan) cueAfter(i int, cue func(string) int) int {
	for j := i; j < len(s.toks) && j-i < cueWindow/2; j++ {
		t := s.toks[j]
		if t.stop || t.kind == num {
			return 0
		}
		if t.kind == word {
			if c := cue(s.lo(t)); c != 0 {
				return c
			}
		}
	}
	return 0
}

// capitalised reports whether token i is a word that starts with a
// capital.
func (s *scan) capitalised(i int) bool {
	t := s.tok(i)
	if t.kind != word {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s.text[t.start:t.end])
	return unicode.IsUpper(r)
}

// orig returns the text of token t as written.
func (s *scan) orig(t token) string { return s.text[t.start:t.end] }

// determiners are the words after which a general phrase drops its "een"
// ("de ziekte van Huntington" → "de ernstige ziekte").
var determiners = set("de", "het", "een", "zijn", "haar", "hun", "mijn", "uw", "jouw", "onze", "ons", "deze", "die", "dit", "dat", "diens", "wiens", "wier")

// withArticle returns general ("een …") without its "een" when token i,
// the one before the span, is a determiner.
func (s *scan) withArticle(i int, general string) string {
	if rest, ok := strings.CutPrefix(general, "een "); ok && s.tok(i).kind == word && determiners[s.lo(s.tok(i))] {
		return rest
	}
	return general
}

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// numberWords are the Dutch number words up to twenty and the tens;
// numberWord composes the rest ("vierenvijftig", "tweeëntwintig").
var numberWords = map[string]int{
	"een": 1, "één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8, "negen": 9,
	"tien": 10, "elf": 11, "twaalf": 12, "dertien": 13, "veertien": 14, "vijftien": 15, "zestien": 16,
	"zeventien": 17, "achttien": 18, "negentien": 19,
	"twintig": 20, "dertig": 30, "veertig": 40, "vijftig": 50, "zestig": 60, "zeventig": 70, "tachtig": 80, "negentig": 90,
}

var units = []string{"een", "één", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen"}

// numberWord reads a Dutch number word from 1 to 99 (lower case).
func numberWord(w string) (int, bool) {
	if n, ok := numberWords[w]; ok {
		return n, true
	}
	for _, u := range units {
		rest, ok := strings.CutPrefix(w, u)
		if !ok {
			continue
		}
		for _, and := range []string{"en", "ën"} {
			if tens, ok := strings.CutPrefix(rest, and); ok {
				if t, ok := numberWords[tens]; ok && t >= 20 && t%10 == 0 {
					return numberWords[u] + t, true
				}
			}
		}
	}
	return 0, false
}

// smallNumber reads token i as a whole number up to 999, written in
// digits or as a word.
func (s *scan) smallNumber(i int) (int, bool) {
	t := s.tok(i)
	switch t.kind {
	case word:
		return numberWord(s.lo(t))
	case num:
		if len(s.lo(t)) > 3 {
			return 0, false
		}
		n := 0
		for k := 0; k < len(s.lo(t)); k++ {
			if !isDigit(s.lo(t)[k]) {
				return 0, false
			}
			n = n*10 + int(s.lo(t)[k]-'0')
		}
		return n, true
	}
	return 0, false
}
