package redact

import (
	"slices"
	"sort"
	"strings"
)

// Context is what the caller knows about the case of a text.
type Context struct {
	// Parties are the names of the people in the case, as entered. Their
	// names are found in every form a case file writes them and are
	// labelled "[naam 1]", "[naam 2]" … in this order.
	Parties []string
	// Keep are names that may stay: the organisation that decides (its
	// code and name), a public body the text is about. A name, place or
	// organisation found inside one of them, written as given (case
	// aside), is not redacted. Keep never saves a BSN, IBAN, e-mail
	// address, phone number, address or any other kind found by its form.
	Keep []string
}

// Find returns the personal data in text: BSNs that pass the eleven-test,
// IBANs that pass mod-97, e-mail addresses, Dutch phone numbers, addresses
// (postcode with house number, street with house number), dates of birth,
// the names of the parties and of other people, places of residence,
// organisations that locate a person, ages, case and client numbers,
// licence plates and web addresses. The findings are sorted by Start and
// never overlap; where two detectors claim overlapping spans the longer
// span wins, and of two equally long ones the more specific kind.
//
// Find reads only text and c, so it is safe for concurrent use.
func (c Context) Find(text string) []Finding {
	found := c.find(text)
	// A label changes what stands around the text after it: a word, an
	// initial's dot or a number that kept a detector from taking a BSN,
	// phone number or address may be gone ("sofi A.A00000a 87055326"
	// becomes "sofi [naam 4] 87055326"). What a pass over the redacted
	// text finds of those kinds is found here too, so redacting twice
	// finds nothing new (found by fuzzing). A few rounds are enough: each
	// only adds labels.
	for range 3 {
		out, spans := apply(text, found, c.Parties)
		more := backToText(text, c.findStructured(out), spans)
		if len(more) == 0 {
			break
		}
		found = resolve(text, append(found, more...))
	}
	return found
}

// backToText returns the findings of a structured kind (found by their
// form: BSN, IBAN, e-mail, phone number, address) in out, the text
// redacted with labels, that lie wholly outside the labels, at their
// places in text.
func backToText(text string, inOut []Finding, labels []placedLabel) []Finding {
	var more []Finding
	for _, f := range inOut {
		if !slices.Contains(structuredKinds, f.Kind) {
			continue
		}
		// The last label before the finding's end says how far out is
		// ahead of text there.
		k := sort.Search(len(labels), func(i int) bool { return labels[i].OutStart >= f.End }) - 1
		shift := 0
		if k >= 0 {
			if f.Start < labels[k].OutEnd {
				continue // it covers part of a label
			}
			shift = labels[k].OutEnd - labels[k].End
		}
		start, end := f.Start-shift, f.End-shift
		more = append(more, Finding{Kind: f.Kind, Start: start, End: end, Text: text[start:end]})
	}
	return more
}

// structuredKinds are the kinds found by their form rather than by
// context or a party list.
var structuredKinds = []Kind{BSN, IBAN, Email, Phone, Address}

// findStructured runs only the detectors that find the structured kinds:
// cheaper than find, and all that a pass over a redacted text needs.
func (c Context) findStructured(text string) []Finding {
	s := scanner{text: text, folded: fold(text)}
	s.keep = keepSpans(s.folded, c.Keep)
	s.emails()
	s.numbers()
	return resolve(text, s.found)
}

func (c Context) find(text string) []Finding {
	s := scanner{text: text, folded: fold(text)}
	s.keep = keepSpans(s.folded, c.Keep)
	s.emails()
	s.urls()
	s.numbers()
	s.birthDates()
	toks := s.tokens()
	s.references(toks)
	s.plates(toks)
	s.ages(toks)
	s.propers(toks)
	if len(c.Parties) > 0 {
		newMatcher(c.Parties).find(text, s.folded, func(start, end, _ int) {
			s.add(Name, start, end)
		})
	}
	return resolve(text, s.found)
}

// Redact finds the personal data in text and replaces it; it returns the
// redacted text and what was replaced (offsets into the original text),
// so a reviewer can see both and add spans with Apply.
func (c Context) Redact(text string) (string, []Finding) {
	found := c.Find(text)
	return Apply(text, found, c.Parties), found
}

// keepSpans returns the spans of folded where a name to keep is written
// as a whole word (or words), sorted by start.
func keepSpans(folded string, keep []string) [][2]int {
	var out [][2]int
	for _, k := range keep {
		k = strings.Join(strings.Fields(fold(strings.ToValidUTF8(k, " "))), " ")
		if len(k) < 2 {
			continue
		}
		for from := 0; ; {
			n := strings.Index(folded[from:], k)
			if n < 0 {
				break
			}
			start := from + n
			end := start + len(k)
			from = start + 1
			if !alnumBefore(folded, start) && !alnumAt(folded, end) {
				out = append(out, [2]int{start, end})
			}
		}
	}
	slices.SortFunc(out, func(a, b [2]int) int { return a[0] - b[0] })
	return out
}

// kept reports whether text[start:end] lies inside a span to keep.
func (s *scanner) kept(start, end int) bool {
	// The spans are few (a name or two, a handful of occurrences): a
	// binary search for the last one starting at or before start.
	i, _ := slices.BinarySearchFunc(s.keep, start, func(k [2]int, t int) int {
		if k[0] <= t {
			return -1
		}
		return 1
	})
	for k := i - 1; k >= 0 && k >= i-8; k-- {
		if s.keep[k][0] <= start && end <= s.keep[k][1] {
			return true
		}
	}
	return false
}
