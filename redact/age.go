package redact

import (
	"strconv"
	"strings"
)

// verbsOfBeing before "45 jaar" make it an age ("zij is 45 jaar").
var verbsOfBeing = map[string]bool{
	"is": true, "was": true, "wordt": true, "werd": true, "ben": true, "bent": true, "zijn": true,
	"waren": true, "worden": true, "werden": true, "geworden": true, "inmiddels": true, "nu": true,
	"al": false,
}

// personNouns before "van 45" make it an age ("een man van 45 jaar").
var personNouns = map[string]bool{
	"man": true, "vrouw": true, "jongen": true, "meisje": true, "kind": true, "kinderen": true,
	"zoon": true, "dochter": true, "dame": true, "heer": true, "moeder": true, "vader": true,
	"jongeman": true, "jongedame": true, "tiener": true, "baby": true, "peuter": true,
	"leeftijd": true, "broer": true, "zus": true, "zoontje": true, "dochtertje": true,
	"weduwe": true, "weduwnaar": true, "alleenstaande": true, "oudere": true, "patiënt": true,
	"cliënt": true, "cliënte": true, "partner": true, "echtgenoot": true, "echtgenote": true,
}

// ages finds a person's age: "45-jarige", "45 jaar oud", "is 45 jaar",
// "een vrouw van 45 (jaar)", "leeftijd: 45", "Petra (45)". A number of
// years after anything else is a duration ("22 jaar gewerkt") or a rule
// ("vanaf 18 jaar", "de AOW-leeftijd van 67 jaar") and stays.
func (s *scanner) ages(toks []token) {
	for k, t := range toks {
		if !t.digit && !spelledAge(t.key) {
			continue
		}
		if end, ok := jarige(toks, k); ok {
			s.add(Age, t.start, end)
			continue
		}
		if n, err := strconv.Atoi(t.key); t.digit && (err != nil || n > 120 || gluedRight(s.text, t.end)) {
			continue // not a whole number: "35,75%", "52.0907"
		}
		if end, ok := s.ageAt(toks, k); ok {
			s.add(Age, t.start, end)
		}
	}
}

// jarige reports whether token k is "45-jarige" or "45 jarige" and
// returns the end.
func jarige(toks []token, k int) (int, bool) {
	t := toks[k]
	for _, suffix := range []string{"-jarige", "-jarig", "-jarigen"} {
		if n := len(t.key) - len(suffix); n > 0 && n <= 3 && t.key[n:] == suffix && allDigits(t.key[:n]) {
			return t.end, true
		}
	}
	if k+1 < len(toks) && toks[k+1].gap == gapSpace && allDigits(t.key) && len(t.key) <= 3 {
		switch toks[k+1].key {
		case "jarige", "jarig", "jarigen":
			return toks[k+1].end, true
		}
	}
	return 0, false
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return s != ""
}

// ageCtx is what ageAt reads around a number.
type ageCtx struct {
	toks        []token
	k, next     int // the number's token, and the token after it (and after "jaar")
	years       bool
	prev, prev2 string // the words before it in the same clause
}

// ageAt decides whether the number at token k is an age by the words
// around it, and returns the end of the span (after "jaar").
func (s *scanner) ageAt(toks []token, k int) (int, bool) {
	t := toks[k]
	c := ageCtx{toks: toks, k: k, next: k + 1}
	end := t.end
	if c.next < len(toks) && toks[c.next].gap == gapSpace && (toks[c.next].key == "jaar" || toks[c.next].key == "jr") {
		end, c.years = toks[c.next].end, true
		c.next++
	}
	if c.years && c.next < len(toks) && toks[c.next].gap == gapSpace && toks[c.next].key == "oud" {
		return end, true // "45 jaar oud": "oud" stays
	}
	if k > 0 && t.gap <= gapColon {
		c.prev = toks[k-1].key
		if k > 1 && toks[k-1].gap <= gapSpace {
			c.prev2 = toks[k-2].key
		}
	}
	if c.byWords() || s.byClause(c) || s.byPosition(c, end) {
		return end, true
	}
	return 0, false
}

// byWords: "leeftijd: 45", "een vrouw van 45", "op de leeftijd van 45".
func (c ageCtx) byWords() bool {
	switch {
	case c.prev == "leeftijd":
		return c.prev2 != "aow" && c.prev2 != "pensioengerechtigde"
	case c.prev == "van" && personNouns[c.prev2] && c.prev2 != "leeftijd":
		return true
	case c.prev == "van" && c.prev2 == "leeftijd":
		return c.k > 2 && !ruleBefore(c.toks[c.k-3].key)
	}
	return false
}

// byClause: "zij is 45 (jaar)", "is zelf 68 en", "sinds Amal 18 is"; not
// "was drie jaar bij".
func (s *scanner) byClause(c ageCtx) bool {
	t := c.toks[c.k]
	switch {
	case verbsOfBeing[c.prev] && s.endsClause(c.toks, c.next):
		return c.years || t.digit || c.prev != "was"
	case (c.prev == "zelf" || c.prev == "nu" || c.prev == "inmiddels") && verbsOfBeing[c.prev2]:
		return s.endsClause(c.toks, c.next)
	case c.next < len(c.toks) && c.toks[c.next].gap == gapSpace && verbsOfBeing[c.toks[c.next].key]:
		return c.k > 0 && c.toks[c.k-1].cap && t.gap == gapSpace && !c.toks[c.k-1].sentence
	}
	return false
}

// byPosition: an apposition ("mevrouw Wil Hermans, 84 jaar, woont",
// "Van Wijk, 58, woont") or brackets after a name ("Sem (7)").
func (s *scanner) byPosition(c ageCtx, end int) bool {
	t := c.toks[c.k]
	if c.k == 0 {
		return false
	}
	before := c.toks[c.k-1]
	switch {
	case t.gap == gapComma && (before.cap || before.key == "jaar"):
		return s.commaAfter(c.toks, c.next)
	case t.digit && t.gap == gapOpen && s.text[t.start-1] == '(' && (before.cap || personNouns[before.key]):
		return end < len(s.text) && s.text[end] == ')'
	}
	return false
}

// commaAfter reports whether token k follows a comma or ends a line or
// the text (the end of an apposition).
func (s *scanner) commaAfter(toks []token, k int) bool {
	return k >= len(toks) || toks[k].gap == gapComma || toks[k].gap == gapLine
}

// spelledUnits and spelledTens are the Dutch words of numbers, for ages
// written out ("twee", "vijftien", "eenentachtig").
var (
	spelledUnits = []string{"een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen"}
	spelledTeens = []string{"tien", "elf", "twaalf", "dertien", "veertien", "vijftien", "zestien", "zeventien", "achttien", "negentien"}
	spelledTens  = []string{"twintig", "dertig", "veertig", "vijftig", "zestig", "zeventig", "tachtig", "negentig", "honderd"}
)

// spelledAge reports whether a folded word is a number from two to a
// hundred written out ("een" is left out: it is mostly the article).
func spelledAge(w string) bool {
	for _, x := range spelledUnits[1:] {
		if w == x {
			return true
		}
	}
	for _, x := range spelledTeens {
		if w == x {
			return true
		}
	}
	for _, tens := range spelledTens {
		rest, ok := strings.CutSuffix(w, tens)
		if !ok {
			continue
		}
		if rest == "" {
			return true
		}
		for _, u := range spelledUnits {
			if rest == u+"en" || rest == u+"ën" {
				return true
			}
		}
	}
	return false
}

// ruleBefore reports whether a word before "leeftijd van" makes it a
// rule's age ("de pensioengerechtigde leeftijd van 67").
func ruleBefore(key string) bool {
	switch key {
	case "aow", "pensioengerechtigde", "pensioen", "minimum", "minimale", "maximale", "wettelijke":
		return true
	}
	return false
}

// endsClause reports whether token k (after "45 jaar") ends what is said
// of the age: the text or a sentence ends, a comma or bracket follows, or
// "en", "oud", "geworden".
func (s *scanner) endsClause(toks []token, k int) bool {
	if k >= len(toks) || toks[k].gap != gapSpace {
		return true
	}
	switch toks[k].key {
	case "en", "oud", "geworden", "geworden.", "en.":
		return true
	}
	return false
}
