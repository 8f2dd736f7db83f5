package redact

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The detectors are hand-written scanners rather than regular expressions:
// one pass over the bytes finds every run of digits, and each detector
// looks only around those runs (or around '@', or around the keywords of a
// birth date). Go's regexp package would need one pass per pattern and
// cannot express the context rules (a separator that joins two groups,
// "BSN" a few words back) without several more.

// maxLook bounds every walk back or ahead from a candidate over white
// space, punctuation or a word, so that no text — however hostile — costs
// more than linear time: a walk that would go further finds nothing.
const maxLook = 64

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isASCIILetter(c byte) bool { c |= 0x20; return 'a' <= c && c <= 'z' }

func isUpper(c byte) bool { return 'A' <= c && c <= 'Z' }

// wordRune reports whether r belongs to a word: a letter, a digit or a
// combining mark (so "e" followed by a combining accent is one word).
func wordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// alnumAt reports whether a word character starts at byte i of s. A
// label of an earlier redaction ("[naam 1]") counts as a word: it replaced
// one, and a second redaction must see the context the first saw, or it
// would find what the first rightly left ("123456782-Ab" is no BSN, nor is
// "123456782-[naam 1]").
func alnumAt(s string, i int) bool {
	if i < 0 || i >= len(s) {
		return false
	}
	if c := s[i]; c < utf8.RuneSelf {
		return isDigit(c) || isASCIILetter(c) || c == '[' && labelAt(s, i)
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return wordRune(r)
}

// alnumBefore reports whether a word character (or a label) ends at byte i
// of s.
func alnumBefore(s string, i int) bool {
	if i <= 0 || i > len(s) {
		return false
	}
	if c := s[i-1]; c < utf8.RuneSelf {
		return isDigit(c) || isASCIILetter(c) || c == ']' && labelBefore(s, i)
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return wordRune(r)
}

// labelAt reports whether a label that Apply writes starts at byte i of s.
func labelAt(s string, i int) bool {
	end := strings.IndexByte(s[i:min(len(s), i+maxLook)], ']')
	return end > 0 && isLabel(s[i:i+end+1])
}

// labelBefore reports whether a label that Apply writes ends at byte i of
// s.
func labelBefore(s string, i int) bool {
	start := strings.LastIndexByte(s[max(0, i-maxLook):i], '[')
	return start >= 0 && isLabel(s[max(0, i-maxLook)+start:i])
}

// isLabel reports whether s is a whole label: "[BSN]", "[naam 3]",
// "[naam 1, 2 of 3]" ….
func isLabel(s string) bool {
	for _, k := range Kinds() {
		if s == k.Label() {
			return true
		}
	}
	rest, ok := strings.CutPrefix(s, "[naam ")
	if !ok || !strings.HasSuffix(rest, "]") {
		return false
	}
	rest = strings.NewReplacer(", ", "", " of ", "").Replace(rest[:len(rest)-1])
	for i := 0; i < len(rest); i++ {
		if !isDigit(rest[i]) {
			return false
		}
	}
	return rest != ""
}

// upperAt reports whether the character at byte i of s is an upper-case
// letter.
func upperAt(s string, i int) bool {
	if i < 0 || i >= len(s) {
		return false
	}
	if c := s[i]; c < utf8.RuneSelf {
		return isUpper(c)
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsUpper(r)
}

// spaceAt returns the length of a single space at byte i of s: an ASCII
// space or a no-break space (U+00A0, common in text pasted from word
// processors), or 0.
func spaceAt(s string, i int) int {
	if i < len(s) && s[i] == ' ' {
		return 1
	}
	if i+1 < len(s) && s[i] == 0xc2 && s[i+1] == 0xa0 {
		return 2
	}
	return 0
}

// spaceBefore returns the length of a single space ending at byte i of s,
// or 0.
func spaceBefore(s string, i int) int {
	if i >= 1 && i <= len(s) && s[i-1] == ' ' {
		return 1
	}
	if i >= 2 && i <= len(s) && s[i-2] == 0xc2 && s[i-1] == 0xa0 {
		return 2
	}
	return 0
}

// fold lower-cases s for case-insensitive search without moving a single
// byte offset: a letter whose lower case is encoded in a different number
// of bytes (rare, such as the Kelvin sign) is left as it is, and invalid
// UTF-8 is copied byte for byte. Offsets found in the folded text are
// therefore offsets into s.
func fold(s string) string {
	b := make([]byte, len(s))
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if isUpper(c) {
				c += 'a' - 'A'
			}
			b[i] = c
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if l := unicode.ToLower(r); l != r && utf8.RuneLen(l) == n {
			utf8.EncodeRune(b[i:], l)
		} else {
			copy(b[i:i+n], s[i:i+n])
		}
		i += n
	}
	return string(b)
}

// A group is one run of digits, text[start:end].
type group struct {
	start, end int
	sep        string // the separator after this group, "" for the last
	strong     bool   // sep holds a '-', '.', '/' or dash: it joins the groups into one number
}

func (g group) len() int { return g.end - g.start }

// sepAt returns the length of a separator between two digit groups at byte
// i of s, and whether it is strong. Weak is one space: "123 456 782", but
// also "in 2024 123456782", so a weak separator may split two numbers. A
// strong separator is a hyphen, slash or en dash with at most one space on
// either side, or a dot with none ("123.456.782"): it makes the groups one
// number. A dot followed by a space ends a sentence and separates nothing.
// The separator counts only if a digit follows it.
func sepAt(s string, i int) (n int, strong bool) {
	j := i
	j += spaceAt(s, j)
	switch {
	case j < len(s) && (s[j] == '-' || s[j] == '/'):
		j++
		strong = true
	case j+2 < len(s) && s[j] == 0xe2 && s[j+1] == 0x80 && s[j+2] == 0x93: // en dash
		j += 3
		strong = true
	case j == i && j < len(s) && s[j] == '.':
		j++
		if j < len(s) && isDigit(s[j]) {
			return 1, true
		}
		return 0, false
	}
	if strong {
		j += spaceAt(s, j)
	}
	if j == i || j >= len(s) || !isDigit(s[j]) {
		return 0, false
	}
	return j - i, strong
}

// readGroups reads the digit groups starting at byte i of s (a digit) into
// gs, following separators as long as another group follows.
func readGroups(s string, i int, gs []group) []group {
	gs = gs[:0]
	for {
		j := i
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		g := group{start: i, end: j}
		n, strong := sepAt(s, j)
		if n == 0 {
			gs = append(gs, g)
			return gs
		}
		g.sep, g.strong = s[j:j+n], strong
		gs = append(gs, g)
		i = j + n
	}
}

// gluedLeft reports whether the number starting at byte i of s continues
// something before it: a word ("BWBR0019057"), or a number through a comma
// or colon ("0,123456782", "4:84", "ECLI:…:2024:123456782"), or a label
// through a separator that would have joined two numbers.
func gluedLeft(s string, i int) bool {
	if alnumBefore(s, i) {
		return true
	}
	if i >= 2 && (s[i-1] == ',' || s[i-1] == ':') && (isDigit(s[i-2]) || s[i-2] == ']' && labelBefore(s, i-1)) {
		return true
	}
	// A label before a strong separator replaced the start of this number.
	j := i - spaceBefore(s, i)
	if j > 0 && (s[j-1] == '-' || s[j-1] == '/') {
		j--
	} else if strings.HasSuffix(s[:j], "–") {
		j -= len("–")
	} else {
		return false
	}
	j -= spaceBefore(s, j)
	return j > 0 && s[j-1] == ']' && labelBefore(s, j)
}

// gluedRight reports whether the number ending at byte i of s continues
// after it: into a word ("12a", "123456782B01"), a decimal part
// ("123456782,50", "€ 1.250,-"), a time ("12:30") or a code
// ("8123.45.678.L01").
func gluedRight(s string, i int) bool {
	if alnumAt(s, i) {
		return true
	}
	if i+1 < len(s) && (s[i] == ',' || s[i] == ':') && (isDigit(s[i+1]) || s[i+1] == '-' || s[i+1] == '[' && labelAt(s, i+1)) {
		return true
	}
	// A code such as "8123.45.678.L01" or "123456782-A".
	if i+1 < len(s) && (s[i] == '.' || s[i] == '-' || s[i] == '/' || s[i] == '_') && alnumAt(s, i+1) {
		return true
	}
	// A label after a strong separator replaced the rest of this number.
	if n, strong := sepTo(s, i, labelAt); n > 0 && strong {
		return true
	}
	return false
}

// sepTo is sepAt with, instead of a digit, whatever next reports after the
// separator.
func sepTo(s string, i int, next func(string, int) bool) (n int, strong bool) {
	j := i + spaceAt(s, i)
	switch {
	case j < len(s) && (s[j] == '-' || s[j] == '/'):
		j++
		strong = true
	case strings.HasPrefix(s[j:], "–"):
		j += len("–")
		strong = true
	}
	if strong {
		j += spaceAt(s, j)
	}
	if j == i || j >= len(s) || s[j] != '[' || !next(s, j) {
		return 0, false
	}
	return j - i, strong
}

// numbers runs the detectors that start at a run of digits: BSN, phone
// number, postcode with house number, street with house number, and IBAN
// (whose check digits are the first digits after two letters).
func (s *scanner) numbers() {
	t := s.text
	for i := 0; i < len(t); i++ {
		if !isDigit(t[i]) {
			continue
		}
		if alnumBefore(t, i) {
			if end, ok := s.ibanAt(i); ok {
				i = end - 1
				continue
			}
			for i < len(t) && isDigit(t[i]) {
				i++
			}
			i--
			continue
		}
		s.groups = readGroups(t, i, s.groups)
		s.chain(s.groups)
		i = s.groups[len(s.groups)-1].end - 1
	}
}

// chain tries every detector on one maximal chain of digit groups. A
// candidate may start at the first group or after a weak separator, and
// end at the last group or before a weak separator: a strong separator
// means the digits around it are one number, of which no part is a BSN or
// a phone number on its own ("2026-123456782" is a case number).
func (s *scanner) chain(gs []group) {
	t := s.text
	leftGlued := gluedLeft(t, gs[0].start)
	for k := range gs {
		if k == 0 && leftGlued || k > 0 && gs[k-1].strong {
			continue
		}
		s.bsnFrom(gs, k)
		if t[gs[k].start] == '0' || k == 0 && gs[0].start > 0 && (t[gs[0].start-1] == '+' || t[gs[0].start-1] == '(') {
			s.phoneFrom(gs, k)
		}
	}
	if !leftGlued {
		s.streetNumber(gs[0].start)
	}
	// A postcode's digits stand alone: "1,1000AA" is no postcode, just as
	// "1" before it is no house number.
	if last := gs[len(gs)-1]; last.len() == 4 && (len(gs) > 1 && !gs[len(gs)-2].strong || len(gs) == 1 && !leftGlued) {
		s.postcode(last.start)
	}
}
