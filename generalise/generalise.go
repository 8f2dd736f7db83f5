package generalise

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Category is the sort of quasi-identifier a Flag is. The values are
// Dutch because they travel unchanged to the reviewer's page, the API and
// the decision record.
type Category string

// The categories Flags detects.
const (
	// Family is the composition of a family: how many children, a twin,
	// a widow, a child's age.
	Family Category = "gezin"
	// Condition is a rare or stigmatising diagnosis or circumstance: ALS,
	// a named syndrome, a specific cancer, a transition, refugee status
	// with its country, detention.
	Condition Category = "aandoening"
	// Amount is an exact sum of money.
	Amount Category = "bedrag"
	// Date is an exact date (with its day).
	Date Category = "datum"
	// Age is an age that redaction left: "54 jaar oud", "een 7-jarige
	// dochter", "in zijn vijftiger jaren".
	Age Category = "leeftijd"
)

// Categories returns the categories in the order the reviewer's page
// shows them. It returns a new slice on every call.
func Categories() []Category {
	return []Category{Family, Condition, Amount, Date, Age}
}

// Valid reports whether c is one of Categories.
func (c Category) Valid() bool { return slices.Contains(Categories(), c) }

// Label returns the name of the category for people, in English when lang
// is "en" (or starts with "en-") and in Dutch otherwise. An unknown
// category is shown as its value.
func (c Category) Label(lang string) string {
	en := english(lang)
	switch c {
	case Family:
		return pick(en, "Gezinssamenstelling", "Family composition")
	case Condition:
		return pick(en, "Zeldzame aandoening of omstandigheid", "Rare condition or circumstance")
	case Amount:
		return pick(en, "Exact bedrag", "Exact amount")
	case Date:
		return pick(en, "Exacte datum", "Exact date")
	case Age:
		return pick(en, "Leeftijd", "Age")
	}
	return string(c)
}

func english(lang string) bool {
	lang = strings.ToLower(lang)
	return lang == "en" || strings.HasPrefix(lang, "en-") || strings.HasPrefix(lang, "en_")
}

func pick(en bool, nl, eng string) string {
	if en {
		return eng
	}
	return nl
}

// Flag is one quasi-identifier in a text: Start and End are byte offsets
// into the text Flags was given (End exclusive, both on rune boundaries)
// and Text is text[Start:End]. General is what Apply puts in its place.
//
// Keep is true when a cue in the text says the decision needs it as it
// stands — the date of the decision or hearing, an amount a rule names
// ("de bijstandsnorm van € 1.401,50") or the cost of the decision — so the
// reviewer sees it flagged but it is not generalised by default.
type Flag struct {
	Category   Category
	Start, End int
	Text       string
	General    string
	Keep       bool
}

// Flags returns the quasi-identifiers in text (a text already redacted by
// package redact): family composition, rare conditions and circumstances,
// exact amounts, exact dates and ages. The flags are sorted by Start and
// never overlap; where two detectors claim overlapping spans the longer
// wins. Nothing inside a redaction label ("[naam 1]", "[plaats]") is
// flagged.
//
// The cost is linear in the length of text: every detector looks at most
// a few tokens around a candidate. A text of 2 GiB or more gets no flags. Flags reads only text, so it is safe
// for concurrent use.
func Flags(text string) []Flag {
	if len(text) >= math.MaxInt32 {
		return nil
	}
	s := newScan(text)
	s.family()
	s.conditions()
	s.amounts()
	s.dates()
	s.ages()
	return s.resolve()
}

// resolve turns the candidates into flags: the longest first, each kept
// only when none of its tokens is taken by a longer one, then in order of
// the text. Spans are bounded (a few tokens each), so this costs
// O(n log n) in the number of candidates.
func (s *scan) resolve() []Flag {
	if len(s.found) == 0 {
		return nil
	}
	rank := func(c Category) int { return slices.Index(Categories(), c) }
	slices.SortStableFunc(s.found, func(a, b candidate) int {
		if c := cmp.Compare(s.toks[b.to-1].end-s.toks[b.from].start, s.toks[a.to-1].end-s.toks[a.from].start); c != 0 {
			return c
		}
		if c := cmp.Compare(a.from, b.from); c != 0 {
			return c
		}
		return cmp.Compare(rank(a.cat), rank(b.cat))
	})
	taken := make([]bool, len(s.toks))
	var flags []Flag
next:
	for _, c := range s.found {
		for i := c.from; i < c.to; i++ {
			if taken[i] {
				continue next
			}
		}
		for i := c.from; i < c.to; i++ {
			taken[i] = true
		}
		start, end := int(s.toks[c.from].start), int(s.toks[c.to-1].end)
		general := c.general
		if s.tok(c.from-1).stop && s.capitalised(c.from) && !s.toks[c.from].caps {
			general = capitalise(general)
		}
		flags = append(flags, Flag{Category: c.cat, Start: start, End: end, Text: s.text[start:end], General: general, Keep: c.keep})
	}
	slices.SortFunc(flags, func(a, b Flag) int { return cmp.Compare(a.Start, b.Start) })
	return flags
}

// capitalise writes the first letter of s in capitals: a general form
// that starts a sentence ("Op 3 mei …" → "In mei …").
func capitalise(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if !unicode.IsLower(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// Apply replaces the span of each given flag in text by its General. The
// flags may come from Flags or from a reviewer, in any order. A flag whose
// Text is no longer what text holds at Start:End is ignored — so a choice
// made on an older version of the text cannot cut the new one — and so is
// a flag that overlaps one earlier in the text or cuts a character in
// two. Where a span is glued to a letter or digit ("A€ 3.750") and the
// general form starts (or ends) with one, a space keeps the two words
// apart. A flag with an empty General removes its span.
func Apply(text string, flags []Flag) string {
	out, _ := apply(text, flags)
	return out
}

// written is where a general form landed in Apply's result.
type written struct{ start, end int }

// apply is Apply, and also says where each general form it wrote is.
func apply(text string, flags []Flag) (string, []written) {
	fs := slices.Clone(flags)
	slices.SortStableFunc(fs, func(a, b Flag) int { return cmp.Compare(a.Start, b.Start) })
	var b strings.Builder
	var spans []written
	prev, applied := 0, false
	for _, f := range fs {
		if f.Start < prev || f.End <= f.Start || f.End > len(text) || text[f.Start:f.End] != f.Text || cuts(text, f.Start) || cuts(text, f.End) {
			continue
		}
		if !applied {
			b.Grow(len(text))
			applied = true
		}
		b.WriteString(text[prev:f.Start])
		if f.General != "" && glued(lastRune(b.String()), f.General, true) {
			b.WriteByte(' ')
		}
		start := b.Len()
		b.WriteString(f.General)
		spans = append(spans, written{start, b.Len()})
		if f.General != "" && (glued(firstRune(text[f.End:]), f.General, false) || decimalsAfter(text[f.End:], f.General)) {
			b.WriteByte(' ')
		}
		prev = f.End
	}
	if !applied {
		return text, nil
	}
	b.WriteString(text[prev:])
	return b.String(), spans
}

// glued reports whether r, the character next to a span (before it when
// before is set), and the general form's character on that side are both
// letters or digits, so that writing the form in would join two words.
func glued(r rune, general string, before bool) bool {
	g := firstRune(general)
	if !before {
		g = lastRune(general)
	}
	return alnum(r) && alnum(g)
}

// decimalsAfter reports whether the text after a span would continue a
// general form ending in a number as its decimals or thousands ("€ 250"
// before ",1" reads "€ 250,1"; found by fuzzing).
func decimalsAfter(after, general string) bool {
	return len(after) >= 2 && (after[0] == ',' || after[0] == '.') && after[1] >= '0' && after[1] <= '9' &&
		general != "" && general[len(general)-1] >= '0' && general[len(general)-1] <= '9'
}

// alnum reports whether r belongs to a word as the tokenizer reads one
// (letters, marks, digits): a general form written after a combining mark
// would otherwise join its word (found by fuzzing: "۬€0").
func alnum(r rune) bool {
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r))
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// cuts reports whether byte offset p of s falls inside a (valid) UTF-8
// character.
func cuts(s string, p int) bool {
	if p <= 0 || p >= len(s) || utf8.RuneStart(s[p]) {
		return false
	}
	for q := p - 1; q >= 0 && q >= p-3; q-- {
		if utf8.RuneStart(s[q]) {
			_, n := utf8.DecodeRuneInString(s[q:])
			return n > 1 && q+n > p
		}
	}
	return false
}
