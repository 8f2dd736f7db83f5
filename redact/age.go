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

// ageAt decides whether the number at token k is an age by the words
// around it, and returns the end of the span (after "jaar", "jaar oud").
func (s *scanner) ageAt(toks []token, k int) (int, bool) {
	t := toks[k]
	end, years := t.end, false
	next := k + 1
	if next < len(toks) && toks[next].gap == gapSpace && (toks[next].key == "jaar" || toks[next].key == "jr") {
		end, years = toks[next].end, true
		next++
	}
	if years && next < len(toks) && toks[next].gap == gapSpace && toks[next].key == "oud" {
		return toks[next].end, true
	}
	prev, prev2 := "", ""
	if k > 0 && t.gap <= gapColon {
		prev = toks[k-1].key
		if k > 1 && toks[k-1].gap <= gapSpace {
			prev2 = toks[k-2].key
		}
	}
	switch {
	case prev == "leeftijd" && (prev2 != "aow" && prev2 != "pensioengerechtigde"):
		return end, true
	case prev == "van" && personNouns[prev2] && prev2 != "leeftijd":
		return end, true
	case prev == "van" && prev2 == "leeftijd" && k > 2 && !ruleBefore(toks[k-3].key):
		return end, true
	case verbsOfBeing[prev] && s.endsClause(toks, next) && (years || t.digit || prev != "was"):
		// "zij is 45 (jaar)", "is zelf 68 en", not "was drie jaar bij".
		return end, true
	case (prev == "zelf" || prev == "nu" || prev == "inmiddels") && verbsOfBeing[prev2] && s.endsClause(toks, next):
		return end, true
	case next < len(toks) && toks[next].gap == gapSpace && verbsOfBeing[toks[next].key] && k > 0 && toks[k-1].cap &&
		t.gap == gapSpace && !toks[k-1].sentence:
		// "sinds Amal 18 is".
		return end, true
	case t.gap == gapComma && k > 0 && (toks[k-1].cap || toks[k-1].key == "jaar") && s.commaAfter(toks, next):
		// "mevrouw Wil Hermans, 84 jaar, woont", "Van Wijk, 58, woont".
		return end, true
	case t.digit && t.gap == gapOpen && s.text[t.start-1] == '(' && k > 0 && (toks[k-1].cap || personNouns[toks[k-1].key]) &&
		end < len(s.text) && s.text[end] == ')':
		return end, true
	}
	return 0, false
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
