package redact

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// emails finds e-mail addresses: a local part of letters, digits and
// ". _ % + -", an '@', and a domain of at least two labels whose last (the
// top-level domain) is two or more letters. Letters may be non-ASCII
// ("josé@müller.de"). A "mailto:" before the address is part of the span,
// so a link becomes "[e-mail]" rather than "mailto:[e-mail]"; angle
// brackets around it ("<jan@example.nl>") stay. Quoted local parts and IP
// address domains, which people do not write in letters, are not
// recognised.
func (s *scanner) emails() {
	t := s.text
	// prevEnd is the end of the address found last: a local part never
	// starts inside it, so "a@b.nl.c@d.nl" is two addresses, as a second
	// pass over "[e-mail].c@d.nl" also finds (found by fuzzing).
	prevEnd := 0
	for from := 0; ; {
		k := strings.IndexByte(t[from:], '@')
		if k < 0 {
			return
		}
		at := from + k
		from = at + 1
		start := at
		for start > prevEnd {
			r, n := utf8.DecodeLastRuneInString(t[:start])
			if !localRune(r) {
				break
			}
			start -= n
		}
		for start < at && (t[start] == '.' || t[start] == '-') {
			start++
		}
		if start > 0 && t[start-1] == '@' {
			start = afterFirstSeparator(t, start, at)
		}
		if start == at || start > 0 && t[start-1] == '@' || alnumBefore(t, start) {
			continue // no local part, two at signs, or glued to a label
		}
		end, ok := domainEnd(t, at+1)
		if !ok {
			continue
		}
		if start >= 7 && strings.EqualFold(t[start-7:start], "mailto:") {
			start -= 7
		}
		s.add(Email, start, end)
		from, prevEnd = end, end
	}
}

// afterFirstSeparator returns where an address may begin inside the
// local part t[start:at] when an '@' comes right before it: in
// "x@CZ.0@0.AA" the address is "0@0.AA". Taking the whole run as no
// address would make redaction unstable: once "CZ" becomes a label, a
// second pass over "x@[organisatie].0@0.AA" finds the address after all
// (found by fuzzing). Any word inside the run may become a label, so the
// address starts after the first separator, which covers every address a
// second pass could find. Without a separator the run stays glued to the
// first '@' and start is returned unchanged.
func afterFirstSeparator(t string, start, at int) int {
	i := strings.IndexAny(t[start:at], ".-_%+")
	if i < 0 {
		return start
	}
	start += i + 1
	for start < at && (t[start] == '.' || t[start] == '-') {
		start++
	}
	return start
}

func localRune(r rune) bool {
	if r < utf8.RuneSelf {
		c := byte(r)
		return isDigit(c) || isASCIILetter(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// domainEnd reads the domain of an e-mail address starting at byte i and
// returns its end.
func domainEnd(t string, i int) (int, bool) {
	end := i
	for end < len(t) {
		r, n := utf8.DecodeRuneInString(t[end:])
		if r != '.' && r != '-' && !wordRune(r) {
			break
		}
		end += n
	}
	if end < len(t) && (t[end] == '@' || alnumAt(t, end)) {
		return 0, false // a second address, or glued to a label
	}
	for end > i && (t[end-1] == '.' || t[end-1] == '-') {
		end--
	}
	labels := strings.Split(t[i:end], ".")
	if len(labels) < 2 {
		return 0, false
	}
	for _, l := range labels {
		if l == "" || l[0] == '-' || l[len(l)-1] == '-' {
			return 0, false
		}
	}
	tld := labels[len(labels)-1]
	if utf8.RuneCountInString(tld) < 2 {
		return 0, false
	}
	for _, r := range tld {
		if !unicode.IsLetter(r) {
			return 0, false
		}
	}
	return end, true
}
