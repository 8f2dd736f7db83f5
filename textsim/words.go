package textsim

import (
	"unicode"
	"unicode/utf8"
)

// maxPlaceholder bounds the bracketed span that counts as a redaction
// placeholder ("[BSN]", "[naam 1]", "[adres]"). A "[" without a "]" within
// this many bytes, or with a line break or another "[" before it, is an
// ordinary separator, so a stray bracket never swallows the rest of a text.
const maxPlaceholder = 64

// Words returns the words of a Dutch text with how often each occurs (the
// word frequencies), as the similarity of this package compares them:
//
//   - the text is lower-cased and split on every rune that is not a letter
//     or digit in Unicode's sense, so "WIA-uitkering" gives "wia" and
//     "uitkering", and "auto's" gives "auto" (the lone "s" is dropped);
//   - diacritics are removed from Latin letters ("één" is "een", "geïnd"
//     is "geind", "financiële" is "financiele"), whether the text has
//     composed letters or letters followed by combining marks; "ĳ"
//     becomes "ij"; letters of other scripts stay as they are;
//   - bracketed spans such as "[BSN]" and "[naam 1]" are skipped: they are
//     the placeholders that redaction leaves in published texts and say
//     nothing about their subject;
//   - words of one rune, words of digits only (dates, amounts, article
//     numbers: rule references are compared on their own) and the Dutch
//     stop words (see IsStopWord) are dropped;
//   - what is left is stemmed very lightly (see Stem).
//
// The keys are therefore stems, not always words of the language
// ("aanvragen" and "aanvraag" both give "aanvrag").
func Words(text string) map[string]float64 {
	freq := make(map[string]float64)
	var t tokenizer
	t.each(text, func(token []byte, runes int) {
		if word, ok := analyse(token, runes); ok {
			freq[string(word)]++
		}
	})
	return freq
}

// analyse returns the word (the stem) for a token of the given number of
// runes, or false for a stop word. It may change the token in place.
func analyse(token []byte, runes int) ([]byte, bool) {
	if _, stop := stopWords[string(token)]; stop {
		return nil, false
	}
	return stem(token, runes), true
}

// tokenizer carries the reusable buffer of the text analysis, so that
// analysing a text allocates nothing per word.
type tokenizer struct{ buf []byte }

// each calls fn with every token of text that can make a word, in order:
// lower-cased, without diacritics, of two runes or more and not all
// digits, with its number of runes. Stop words are still in and nothing
// is stemmed yet. The slice is only valid during the call, and fn may
// change it.
func (t *tokenizer) each(text string, fn func(token []byte, runes int)) {
	buf := t.buf[:0]
	for i := 0; i < len(text); {
		// Between words: skip separators and placeholders.
		switch ascii[text[i]] {
		case sep:
			i++
			continue
		case bracket:
			i = skipPlaceholder(text, i)
			continue
		case high:
			if r, size := utf8.DecodeRuneInString(text[i:]); !inWord(r) {
				i += size
				continue
			}
		}
		// A word: first its lower-case ASCII letters in one go, the
		// commonest case, then anything else letter by letter.
		start := i
		for i < len(text) && ascii[text[i]] == lower {
			i++
		}
		buf = append(buf[:0], text[start:i]...)
		runes, digits := i-start, i == start
	word:
		for i < len(text) {
			switch ascii[text[i]] {
			case lower:
				buf, digits = append(buf, text[i]), false
			case upper:
				buf, digits = append(buf, text[i]|0x20), false
			case digit:
				buf = append(buf, text[i])
			case high:
				r, size := utf8.DecodeRuneInString(text[i:])
				if !inWord(r) {
					break word
				}
				i += size
				if unicode.IsMark(r) {
					continue // a combining diacritic: part of the word, dropped
				}
				r = unicode.ToLower(r)
				if a, b := fold(r); a != 0 {
					buf, digits = append(buf, a), false
					runes++
					if b != 0 {
						buf = append(buf, b)
						runes++
					}
					continue
				}
				if !unicode.IsDigit(r) {
					digits = false
				}
				buf = utf8.AppendRune(buf, r)
				runes++
				continue
			default:
				break word
			}
			runes++
			i++
		}
		if runes >= 2 && !digits {
			fn(buf, runes)
		}
	}
	t.buf = buf
}

// The classes of bytes for the tokenizer; high is any byte of a multi-byte
// UTF-8 sequence (or an invalid byte).
const (
	sep = iota
	lower
	upper
	digit
	bracket
	high
)

var ascii = func() (cls [256]byte) {
	for c := 'a'; c <= 'z'; c++ {
		cls[c], cls[c-'a'+'A'] = lower, upper
	}
	for c := '0'; c <= '9'; c++ {
		cls[c] = digit
	}
	cls['['] = bracket
	for c := utf8.RuneSelf; c < 256; c++ {
		cls[c] = high
	}
	return cls
}()

// inWord reports whether a non-ASCII rune belongs to a word: a letter, a
// digit or a combining mark.
func inWord(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// skipPlaceholder returns the index after the placeholder that starts with
// the "[" at text[i], or i+1 when there is none.
func skipPlaceholder(text string, i int) int {
	for j := i + 1; j < len(text) && j-i <= maxPlaceholder; j++ {
		switch text[j] {
		case ']':
			return j + 1
		case '[', '\n', '\r':
			return i + 1
		}
	}
	return i + 1
}

// fold returns the ASCII letters a lower-case Latin letter with a
// diacritic stands for, or 0, 0 for any other rune.
func fold(r rune) (byte, byte) {
	switch r {
	case 'à', 'á', 'â', 'ã', 'ä', 'å', 'ā', 'ą':
		return 'a', 0
	case 'è', 'é', 'ê', 'ë', 'ē', 'ė', 'ę', 'ě':
		return 'e', 0
	case 'ì', 'í', 'î', 'ï', 'ī', 'į', 'ı':
		return 'i', 0
	case 'ò', 'ó', 'ô', 'õ', 'ö', 'ø', 'ō', 'ő':
		return 'o', 0
	case 'ù', 'ú', 'û', 'ü', 'ū', 'ů', 'ű':
		return 'u', 0
	case 'ý', 'ÿ':
		return 'y', 0
	case 'ç', 'ć', 'č':
		return 'c', 0
	case 'ñ', 'ń', 'ň':
		return 'n', 0
	case 'ś', 'š', 'ş':
		return 's', 0
	case 'ź', 'ż', 'ž':
		return 'z', 0
	case 'ł':
		return 'l', 0
	case 'ř':
		return 'r', 0
	case 'ğ':
		return 'g', 0
	case 'ĳ':
		return 'i', 'j'
	case 'ß':
		return 's', 's'
	case 'æ':
		return 'a', 'e'
	case 'œ':
		return 'o', 'e'
	}
	return 0, 0
}

// stopWordList holds the Dutch function words that Words drops: articles,
// pronouns, prepositions, conjunctions, auxiliary verbs and the commonest
// adverbs. They are written without diacritics, as Words compares them
// after removing those ("één" and "vóór" are stop words too). The list is
// deliberately compact; words that carry meaning in a case, such as
// "geen" and "niet", are on it because nearly every text has them.
var stopWordList = []string{
	"aan", "al", "alle", "alles", "als", "altijd", "andere", "ben", "bent",
	"bij", "binnen", "daar", "daarom", "dan", "dat", "de", "deze", "die",
	"dit", "doch", "door", "dus", "een", "eens", "elk", "elke", "en", "er",
	"ge", "geen", "haar", "had", "hadden", "heb", "hebben", "heeft", "hem",
	"hen", "het", "hier", "hij", "hoe", "hoewel", "hun", "ieder", "iedere",
	"iemand", "iets", "ik", "in", "indien", "is", "je", "jij", "jou", "jouw",
	"kan", "kon", "konden", "kunnen", "maar", "mag", "me", "meer", "men",
	"met", "mij", "mijn", "moet", "moeten", "mogen", "na", "naar", "niemand",
	"niet", "niets", "noch", "nog", "nu", "of", "om", "omdat", "onder", "ons",
	"onze", "ook", "op", "over", "per", "reeds", "sinds", "te", "tegen",
	"terwijl", "toch", "toen", "tot", "tussen", "u", "uit", "uw", "van",
	"vanaf", "veel", "via", "voor", "waar", "wanneer", "want", "waren", "was",
	"wat", "we", "wel", "werd", "werden", "wie", "wij", "wil", "willen",
	"worden", "wordt", "zal", "ze", "zelf", "zich", "zij", "zijn", "zo",
	"zodat", "zonder", "zou", "zouden", "zullen",
}

var stopWords = func() map[string]struct{} {
	m := make(map[string]struct{}, len(stopWordList))
	for _, w := range stopWordList {
		m[w] = struct{}{}
	}
	return m
}()

// IsStopWord reports whether Words drops word, a lower-case word without
// diacritics, as a Dutch stop word.
func IsStopWord(word string) bool {
	_, ok := stopWords[word]
	return ok
}

// Stem returns the light stem Words uses for a lower-case word without
// diacritics. It is deliberately simple — a handful of rules for the
// commonest Dutch inflections, not a full stemmer such as Snowball's — so
// that its behaviour can be read off in one go:
//
//  1. "-heden" becomes "-heid" (mogelijkheden → mogelijkheid);
//  2. otherwise "-en" is removed (uitkeringen → uitkering);
//  3. otherwise "-s" is removed after a consonant other than "j" or after
//     an "e" (regels → regel, boetes → boete), and then rule 4 may apply;
//  4. "-e" is removed (boete → boet, financiele → financiel);
//  5. after rule 2 or 4 a doubled final consonant is undoubled
//     (bakken → bak) and a final "v" or "z" becomes "f" or "s"
//     (geven → gef, reizen → reis);
//  6. finally a doubled vowel before a single final consonant is
//     undoubled, so the singular meets the plural (aanvraag and aanvragen
//     → aanvrag, geef → gef, hoog and hoge → hog).
//
// A rule applies only when it leaves a stem of at least three runes (four
// for "-s", so "kans" stays), and words with digits are left alone. Known
// misses are accepted: "proces" and "processen" stay apart, as do
// irregular forms.
func Stem(word string) string {
	return string(stem([]byte(word), utf8.RuneCountInString(word)))
}

// stem is Stem on a buffer holding a word of n runes; it may change the
// buffer in place and returns the stem.
func stem(w []byte, n int) []byte {
	for _, c := range w {
		if '0' <= c && c <= '9' {
			return w
		}
	}
	switch {
	case hasSuffix(w, "heden") && n-5 >= 3:
		return append(w[:len(w)-5], "heid"...)
	case hasSuffix(w, "en") && n-2 >= 3:
		w = soften(undoubleConsonant(w[:len(w)-2]))
	case hasSuffix(w, "s") && n-1 >= 4 && sEnding(w[len(w)-2]):
		w, n = w[:len(w)-1], n-1
		if hasSuffix(w, "e") && n-1 >= 3 {
			w = soften(undoubleConsonant(w[:len(w)-1]))
		}
	case hasSuffix(w, "e") && n-1 >= 3:
		w = soften(undoubleConsonant(w[:len(w)-1]))
	}
	return undoubleVowel(w)
}

func hasSuffix(w []byte, suffix string) bool {
	return len(w) >= len(suffix) && string(w[len(w)-len(suffix):]) == suffix
}

func isVowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return true
	}
	return false
}

func isConsonant(c byte) bool { return 'a' <= c && c <= 'z' && !isVowel(c) }

// sEnding reports whether a final "s" after c is a plural ending.
func sEnding(c byte) bool { return c == 'e' || isConsonant(c) && c != 'j' }

func undoubleConsonant(w []byte) []byte {
	if n := len(w); n >= 2 && w[n-1] == w[n-2] && isConsonant(w[n-1]) {
		return w[:n-1]
	}
	return w
}

func soften(w []byte) []byte {
	if n := len(w); n > 0 {
		switch w[n-1] {
		case 'v':
			w[n-1] = 'f'
		case 'z':
			w[n-1] = 's'
		}
	}
	return w
}

func undoubleVowel(w []byte) []byte {
	n := len(w)
	if n >= 3 && isConsonant(w[n-1]) && w[n-2] == w[n-3] && w[n-2] != 'i' && w[n-2] != 'y' && isVowel(w[n-2]) {
		w[n-2] = w[n-1]
		return w[:n-1]
	}
	return w
}
