package ruleref

import (
	"regexp"
	"strings"
	"unicode"
)

// The example every message about free text ends with, so a person who is
// stuck sees the shapes that work.
const textExample = `zoals "Participatiewet artikel 18 lid 2", "art. 4:84 Awb" of "Wet WIA artikel 76"`

// ordinals are the words Dutch citations use for a lid: "tweede lid".
var ordinals = map[string]string{
	"eerste": "1", "tweede": "2", "derde": "3", "vierde": "4", "vijfde": "5",
	"zesde": "6", "zevende": "7", "achtste": "8", "negende": "9", "tiende": "10",
	"elfde": "11", "twaalfde": "12", "dertiende": "13", "veertiende": "14",
	"vijftiende": "15", "zestiende": "16", "zeventiende": "17", "achttiende": "18",
	"negentiende": "19", "twintigste": "20",
}

// ordinal reads a lid number written as a word or as "2e", "2de", "1ste".
func ordinal(w string) (string, bool) {
	if n, ok := ordinals[w]; ok {
		return n, true
	}
	for _, suffix := range []string{"ste", "de", "e"} {
		if n, ok := strings.CutSuffix(w, suffix); ok && n != "" && strings.Trim(n, "0123456789") == "" {
			return n, true
		}
	}
	return "", false
}

// locationWords map the words that introduce a part of the location to the
// field it fills.
var locationWords = map[string]string{
	"artikel": "artikel", "art": "artikel", "artt": "artikel",
	"lid":   "lid",
	"onder": "onderdeel", "sub": "onderdeel", "onderdeel": "onderdeel",
	"hoofdstuk": "hoofdstuk",
}

// fillers may stand between the location and the name of the law: "artikel
// 76 van de Wet WIA".
var fillers = map[string]bool{"van": true, "de": true, "het": true, "der": true, "in": true, "uit": true}

// parenLid is a lid in brackets after an article: "18(2)" or "3:4 (2)".
var parenLid = regexp.MustCompile(`\s*\((\d{1,3}[a-z]{0,3})\)`)

// textRef collects the parts of a reference written in words.
type textRef struct {
	ref  Ref
	name []string // the words that are left: the name of the law
}

// parseText reads a reference written the way people write rules: a law's
// name or abbreviation and a location in words, in either order, such as
// "Wet WIA artikel 76", "Participatiewet art. 18 lid 2", "art. 4:84 Awb",
// "artikel 18, tweede lid, van de Participatiewet", "Pw 18 lid 2" or
// "art. 6:162 BW". The law is looked up with LookupLaw.
func parseText(s string) (Ref, error) {
	t := textRef{ref: Ref{Kind: KindLaw}}
	words := textWords(s)
	for i := 0; i < len(words); i++ {
		w := strings.ToLower(words[i])
		if n, ok := ordinal(w); ok && i+1 < len(words) && strings.EqualFold(words[i+1], "lid") {
			if err := t.set("lid", n); err != nil {
				return Ref{}, err
			}
			i++
			continue
		}
		field, ok := locationWords[w]
		if !ok {
			t.name = append(t.name, words[i])
			continue
		}
		if i+1 >= len(words) {
			return Ref{}, refError("format", "Na %q hoort een nummer of letter, "+textExample+".", words[i])
		}
		i++
		if err := t.set(field, words[i]); err != nil {
			return Ref{}, err
		}
	}
	if err := t.resolve(); err != nil {
		return Ref{}, err
	}
	return finish(t.ref, nil)
}

// textWords splits s into words: at white space, commas and semicolons, with
// a full stop at the end of a word dropped ("art." → "art") and "art.76"
// split in two. A lid in brackets, "18(2)", becomes "18 lid 2".
func textWords(s string) []string {
	s = parenLid.ReplaceAllString(s, " lid $1")
	var words []string
	for _, f := range strings.FieldsFunc(s, func(c rune) bool { return unicode.IsSpace(c) || c == ',' || c == ';' }) {
		if l := strings.ToLower(f); strings.HasPrefix(l, "art.") && len(f) > 4 {
			words = append(words, f[:3])
			f = f[4:]
		}
		if f = strings.TrimRight(f, ".:"); f != "" {
			words = append(words, f)
		}
	}
	return words
}

// set fills one part of the location, once.
func (t *textRef) set(field, value string) error {
	var p *string
	switch field {
	case "artikel":
		p = &t.ref.Article
	case "lid":
		if n, ok := ordinals[strings.ToLower(value)]; ok {
			value = n
		}
		p = &t.ref.Paragraph
	case "onderdeel":
		value = strings.ToLower(value)
		p = &t.ref.Item
	default:
		p = &t.ref.Chapter
	}
	if *p != "" {
		return refError("duplicate", "De verwijzing noemt twee keer een %s (%s en %s); noem één regel per keer, "+textExample+".", field, *p, value)
	}
	*p = value
	return nil
}

// resolve finds the law among the words that are not part of the location.
// A number next to the name is the article when no "artikel" was written
// ("Pw 18 lid 2"); "van de" before the name is dropped.
func (t *textRef) resolve() error {
	name := t.name
	for len(name) > 0 && fillers[strings.ToLower(name[0])] {
		name = name[1:]
	}
	if len(name) == 0 {
		return refError("nolaw", "Noem ook de wet, "+textExample+".")
	}
	if t.lookup(name) {
		return nil
	}
	if t.ref.Article == "" && len(name) > 1 {
		last, first := name[len(name)-1], name[0]
		if startsWithDigit(last) && t.lookupWithArticle(name[:len(name)-1], last) {
			return nil
		}
		if startsWithDigit(first) && t.lookupWithArticle(trimFillers(name[1:]), first) {
			return nil
		}
	}
	if k := nameKey(strings.Join(name, " ")); k == "bw" || k == "burgerlijkwetboek" {
		return refError("format", "Noem ook het boek van het Burgerlijk Wetboek, zoals \"art. 6:162 BW\" of \"Boek 6 BW artikel 162\".")
	}
	return refError("unknownlaw", "De wet %q kennen we niet. Schrijf de naam of afkorting van de wet en het artikel, "+textExample+"; staat de wet er niet bij, plak dan de link van het artikel op wetten.overheid.nl.", strings.Join(name, " "))
}

// lookupWithArticle tries words as the name with article as the article,
// and leaves the article empty when that finds no law.
func (t *textRef) lookupWithArticle(words []string, article string) bool {
	t.ref.Article = article
	if t.lookup(words) {
		return true
	}
	t.ref.Article = ""
	return false
}

func trimFillers(words []string) []string {
	for len(words) > 0 && fillers[strings.ToLower(words[0])] {
		words = words[1:]
	}
	return words
}

func startsWithDigit(s string) bool { return s != "" && isDigit(rune(s[0])) }

// lookup sets the law named by words, a BWB id or a name. "BW" and
// "Burgerlijk Wetboek" name a book through the article: "6:162 BW" is
// article 162 of Book 6.
func (t *textRef) lookup(words []string) bool {
	if len(words) == 0 {
		return false
	}
	joined := strings.Join(words, " ")
	if len(words) == 1 && hasPrefixFold(joined, "BWBR") {
		t.ref.BWB = "BWBR" + joined[4:]
		return true
	}
	if k := nameKey(joined); k == "bw" || k == "burgerlijkwetboek" {
		book, art, ok := strings.Cut(t.ref.Article, ":")
		if law, found := LookupLaw("BW " + book); ok && found && art != "" {
			t.ref.BWB, t.ref.Article = law.BWB, art
			return true
		}
		return false
	}
	law, ok := LookupLaw(joined)
	if ok {
		t.ref.BWB = law.BWB
	}
	return ok
}
