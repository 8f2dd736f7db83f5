package redact

import (
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Kind is the sort of personal data a Finding is. The values are Dutch
// because they travel unchanged to the reviewer's page and the API.
type Kind string

// The kinds Find detects, and Other for what a reviewer redacts by hand.
const (
	BSN       Kind = "bsn"
	IBAN      Kind = "iban"
	Email     Kind = "e-mail"
	Phone     Kind = "telefoonnummer"
	Address   Kind = "adres"
	BirthDate Kind = "geboortedatum"
	Name      Kind = "naam"
	// Place is a place of residence, a village or a neighbourhood.
	Place Kind = "plaats"
	// Organisation is an employer, school, care institution or other
	// organisation that locates a person.
	Organisation Kind = "organisatie"
	// Age is someone's age ("45 jaar", "45-jarige").
	Age Kind = "leeftijd"
	// Number is a case, file, client or dossier number, or a licence
	// plate.
	Number Kind = "nummer"
	// URL is a web address.
	URL   Kind = "url"
	Other Kind = "weggelakt"
)

// Kinds returns the kinds in the order a report lists them. It returns a
// new slice on every call, so a caller cannot change another's view.
func Kinds() []Kind {
	return []Kind{BSN, IBAN, Email, Phone, Address, BirthDate, Name, Place, Organisation, Age, Number, URL, Other}
}

// Label returns the text that replaces a span of this kind, for every kind
// but Name, whose label carries a number that depends on the parties (see
// Apply). Unknown kinds get Other's label: whatever a reviewer marked must
// disappear, even if its kind was mistyped.
func (k Kind) Label() string {
	switch k {
	case BSN:
		return "[BSN]"
	case IBAN:
		return "[IBAN]"
	case Email:
		return "[e-mail]"
	case Phone:
		return "[telefoonnummer]"
	case Address:
		return "[adres]"
	case BirthDate:
		return "[geboortedatum]"
	case Name:
		return "[naam]"
	case Place:
		return "[plaats]"
	case Organisation:
		return "[organisatie]"
	case Age:
		return "[leeftijd]"
	case Number:
		return "[nummer]"
	case URL:
		return "[url]"
	}
	return "[weggelakt]"
}

// rank orders kinds for spans of equal length that overlap: the kind whose
// detector checks more (a checksum beats a shape, a shape beats a context)
// wins.
func (k Kind) rank() int {
	switch k {
	case BSN, IBAN:
		return 12
	case Email:
		return 11
	case URL:
		return 10
	case Phone:
		return 9
	case Address:
		return 8
	case BirthDate:
		return 7
	case Number:
		return 6
	case Age:
		return 5
	case Name:
		return 4
	case Organisation:
		return 3
	case Place:
		return 2
	}
	return 1
}

// Finding is one span of personal data: Start and End are byte offsets into
// the text Find was given (End exclusive) and Text is text[Start:End].
type Finding struct {
	Kind       Kind
	Start, End int
	Text       string
}

// Find returns the personal data in text with the given case parties:
// Context{Parties: parties}.Find(text).
func Find(text string, parties []string) []Finding {
	return Context{Parties: parties}.Find(text)
}

// Redact finds the personal data in text and replaces it; it returns the
// redacted text and what was replaced (offsets into the original text), so
// a reviewer can see both and add spans with Apply. It is
// Context{Parties: parties}.Redact(text).
func Redact(text string, parties []string) (string, []Finding) {
	return Context{Parties: parties}.Redact(text)
}

// Apply replaces the spans of findings in text by their labels. The
// findings may come from Find, from a reviewer, or both: Apply sorts them,
// widens a span that cuts a UTF-8 character to whole characters, drops
// empty spans, clamps spans to the text and merges overlapping spans into
// one (labelled after the longest of them), so that whatever any finding
// covers disappears. Only Start, End and Kind are used; Text is ignored.
//
// A Name span is labelled "[naam N]" where N is the number of the party
// (1-based, in the order of parties) whose name the span is, so a party
// keeps its number in every text redacted with the same party list. A span
// that could be the name of several parties (two parties named De Vries)
// gets all their numbers, "[naam 1 of 2]". A Name span that matches no
// party — a name the reviewer marked — is numbered after the parties, one
// number per distinct spelling, in order of appearance.
func Apply(text string, findings []Finding, parties []string) string {
	out, _ := apply(text, findings, parties)
	return out
}

// A placedLabel is one span of a text that Apply replaced: Start and End in the
// text, OutStart and OutEnd where its label stands in the output.
type placedLabel struct {
	Start, End, OutStart, OutEnd int
}

// apply is Apply that also returns where it put each label, in order.
func apply(text string, findings []Finding, parties []string) (string, []placedLabel) {
	spans := normalise(text, findings)
	if len(spans) == 0 {
		return text, nil
	}
	labels := make([]placedLabel, 0, len(spans))
	var m *matcher
	extra := map[string]int{}
	var b strings.Builder
	b.Grow(len(text))
	prev := 0
	for _, f := range spans {
		b.WriteString(text[prev:f.Start])
		outStart := b.Len()
		if f.Kind != Name {
			b.WriteString(f.Kind.Label())
		} else {
			if m == nil {
				m = newMatcher(parties)
			}
			b.WriteString(nameLabel(m, text[f.Start:f.End], len(parties), extra))
		}
		labels = append(labels, placedLabel{Start: f.Start, End: f.End, OutStart: outStart, OutEnd: b.Len()})
		prev = f.End
	}
	b.WriteString(text[prev:])
	return b.String(), labels
}

// nameLabel numbers a Name span: by the parties whose names cover it, or
// else as the next extra name.
func nameLabel(m *matcher, span string, nparties int, extra map[string]int) string {
	// The parties whose name is the whole span; failing those, the parties
	// whose names together cover every letter of it (Find merges
	// overlapping names into one span).
	var whole, set []int
	covered := make([]bool, len(span))
	m.find(span, fold(span), func(start, end, party int) {
		if start == 0 && end == len(span) && !slices.Contains(whole, party) {
			whole = append(whole, party)
		}
		if !slices.Contains(set, party) {
			set = append(set, party)
		}
		for i := start; i < end; i++ {
			covered[i] = true
		}
	})
	for i := 0; i < len(span) && len(set) > 0; i++ {
		if !covered[i] && alnumAt(span, i) {
			set = nil
		}
	}
	if len(whole) > 0 {
		set = whole
	}
	if len(set) == 0 {
		key := strings.Join(strings.Fields(fold(span)), " ")
		n, ok := extra[key]
		if !ok {
			n = nparties + len(extra) + 1
			extra[key] = n
		}
		return "[naam " + strconv.Itoa(n) + "]"
	}
	slices.Sort(set)
	nums := make([]string, len(set))
	for i, p := range set {
		nums[i] = strconv.Itoa(p + 1)
	}
	if len(nums) == 1 {
		return "[naam " + nums[0] + "]"
	}
	return "[naam " + strings.Join(nums[:len(nums)-1], ", ") + " of " + nums[len(nums)-1] + "]"
}

// normalise makes reviewer-supplied findings safe to apply: clamped to the
// text, widened to whole UTF-8 characters, sorted, and overlapping spans
// merged so that the union of all spans is replaced.
func normalise(text string, findings []Finding) []Finding {
	spans := make([]Finding, 0, len(findings))
	for _, f := range findings {
		start, end := max(f.Start, 0), min(f.End, len(text))
		if start >= end {
			continue
		}
		for start > 0 && !utf8.RuneStart(text[start]) {
			start--
		}
		for end < len(text) && !utf8.RuneStart(text[end]) {
			end++
		}
		spans = append(spans, Finding{Kind: f.Kind, Start: start, End: end})
	}
	slices.SortFunc(spans, func(a, b Finding) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		return b.End - a.End
	})
	out := spans[:0]
	var best Finding // the best span of the last merged group
	for _, f := range spans {
		if n := len(out); n > 0 && f.Start < out[n-1].End {
			last := &out[n-1]
			if better(f, best) {
				best, last.Kind = f, f.Kind
			}
			last.End = max(last.End, f.End)
			continue
		}
		out = append(out, f)
		best = f
	}
	return out
}

// better reports whether a should win over b: the longer span, and of
// equally long ones the more specific kind.
func better(a, b Finding) bool {
	la, lb := a.End-a.Start, b.End-b.Start
	if la != lb {
		return la > lb
	}
	return a.Kind.rank() > b.Kind.rank()
}

// resolve sorts candidate findings and removes overlaps. Candidates that
// overlap, directly or through others, form a cluster, which becomes one
// finding: of the kind of its best candidate (see better), spanning all of
// them. Keeping only the best span would leave the rest of the others
// readable ("[naam 1] van der Berg" when "Berg, J.P." and "J.P. van der
// Berg" overlap).
func resolve(text string, cands []Finding) []Finding {
	if len(cands) == 0 {
		return nil
	}
	slices.SortFunc(cands, func(a, b Finding) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		return b.End - a.End
	})
	out := make([]Finding, 0, len(cands))
	var best Finding // the best candidate of the last cluster
	for _, c := range cands {
		if n := len(out); n > 0 && c.Start < out[n-1].End {
			last := &out[n-1]
			if better(c, best) {
				best, last.Kind = c, c.Kind
			}
			last.End = max(last.End, c.End)
			last.Text = text[last.Start:last.End]
			continue
		}
		out = append(out, c)
		best = c
	}
	return out
}

// scanner holds one text while the detectors run over it.
type scanner struct {
	text   string
	folded string // text with letters lower-cased where that keeps byte offsets (see fold)
	found  []Finding
	groups []group  // scratch space for numbers
	keep   [][2]int // spans that may stay (Context.Keep), sorted
	// inert are the spans shaped like an IBAN that fails its check, in
	// text order: no detector reads them (ibanAt). The word detectors
	// must not either: had one labelled "aAAA" in "NL00 aAAA 0100000000",
	// a second pass would no longer see the IBAN's shape and find a phone
	// number in its digits (found by fuzzing).
	inert [][2]int
}

func (s *scanner) add(k Kind, start, end int) {
	if (k == Name || k == Place || k == Organisation) && s.inInert(start, end) {
		return
	}
	s.found = append(s.found, Finding{Kind: k, Start: start, End: end, Text: s.text[start:end]})
}

// inInert reports whether [start, end) overlaps an inert span.
func (s *scanner) inInert(start, end int) bool {
	// The last span that starts before end is the only one that can reach
	// into [start, end) past the others' ends (spans do not overlap).
	i := sort.Search(len(s.inert), func(i int) bool { return s.inert[i][0] >= end })
	return i > 0 && s.inert[i-1][1] > start
}
