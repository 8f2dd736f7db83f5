package redact

import (
	"strings"
	"unicode/utf8"
)

// A matcher finds the names of the case parties in a text. A party is
// entered as a person's name — "Annie de Boer", "A.B. de Vries-Jansen",
// "Boer, A. de", "mevrouw J. van der Berg" — and is found in the forms a
// case file uses:
//
//   - the name as entered, and given names or initials with the surname
//     ("Annie de Boer", "A. de Boer", "A.de Boer", "J.P. van der Berg");
//   - the surname with its particles ("De Boer", "van der Berg"), and each
//     part of a double surname ("De Vries", "Jansen" for De Vries-Jansen);
//   - a list form with the initials after a comma ("De Boer, A.",
//     "Boer, A. de");
//   - a given name on its own ("Annie").
//
// Matching ignores case and needs whole words, with one exception: a
// surname or given name without given name or initials before it must
// start with a capital in the text, because many Dutch surnames are also
// words ("de boer", "de koning", "visser") and "de koning" in a text is
// rarely a party. Initials before the surname that are not the party's
// ("P. de Boer", a relative) are hidden with it: the surname alone would
// leave "P. [naam 1]".
type matcher struct {
	parties []*partyName
	pats    []namePattern
}

// partyName is one party's name taken apart.
type partyName struct {
	index    int
	given    []string // folded given names
	initials string   // folded initials, from given names and initials entered
}

// namePattern is one folded text to search for.
type namePattern struct {
	party *partyName
	text  string
	tv    []string // particles that go before text, folded ("van", "der")
	given bool     // text is a given name on its own
}

// titles are words before a name that are not part of it.
var titles = map[string]bool{
	"mevrouw": true, "mevr.": true, "mevr": true, "mw.": true, "mw": true, "meneer": true,
	"dhr.": true, "dhr": true, "heer": true, "mr.": true, "dr.": true, "drs.": true, "ir.": true,
	"ing.": true, "prof.": true, "ds.": true, "fam.": true, "familie": true,
}

// nameParticles are the lower-case words before a surname ("tussenvoegsels"),
// Dutch and the foreign ones common in Dutch registers.
var nameParticles = map[string]bool{
	"van": true, "de": true, "der": true, "den": true, "het": true, "'t": true, "’t": true,
	"ten": true, "ter": true, "te": true, "in": true, "'in": true, "op": true, "aan": true,
	"uit": true, "von": true, "zu": true, "la": true, "le": true, "du": true, "d'": true,
	"di": true, "da": true, "dos": true, "del": true, "della": true, "el": true, "al": true,
	"bin": true, "ben": true, "ibn": true, "abu": true, "v.d.": true, "vd": true,
}

func newMatcher(parties []string) *matcher {
	m := &matcher{}
	for i, p := range parties {
		m.addParty(i, p)
	}
	return m
}

// addParty takes apart the name s of party number index, as entered, and
// adds the patterns to search for it.
func (m *matcher) addParty(index int, s string) {
	toks := nameTokens(s)
	if len(toks) == 0 {
		return
	}
	p := &partyName{index: index}
	m.parties = append(m.parties, p)
	givenToks, surToks := splitName(toks)
	m.addGiven(p, givenToks)
	m.addSurname(p, surToks)
}

// nameTokens returns the folded words of a party's name as entered,
// without the titles before it ("mevrouw", "de heer", "mr.").
func nameTokens(s string) []string {
	toks := strings.Fields(fold(strings.ToValidUTF8(s, " ")))
	for len(toks) > 0 && titles[toks[0]] {
		toks = toks[1:]
	}
	if len(toks) > 1 && toks[0] == "de" && toks[1] == "heer" {
		toks = toks[2:]
	}
	return toks
}

// splitName splits the words of a name into given names or initials and
// the surname with its particles: "a.b. de vries-jansen" into "a.b." and
// "de vries-jansen", and the list form "boer, a. de" into "a." and "de
// boer".
func splitName(toks []string) (given, surname []string) {
	if c := strings.Index(strings.Join(toks, " "), ","); c >= 0 {
		// "Boer, A. de": surname first, then initials, then particles.
		joined := strings.Join(toks, " ")
		surToks := strings.Fields(strings.TrimSpace(joined[:c]))
		givenToks := strings.Fields(strings.TrimSpace(joined[c+1:]))
		k := len(givenToks)
		for k > 0 && nameParticles[givenToks[k-1]] {
			k--
		}
		surToks = append(append([]string{}, givenToks[k:]...), surToks...)
		return givenToks[:k], surToks
	}
	k := len(toks) - 1
	for k > 1 && (nameParticles[toks[k-1]] || strings.Contains(toks[k-1], "-")) {
		k--
	}
	if k == 1 && nameParticles[toks[0]] {
		k = 0 // "de Boer": particles only
	}
	return toks[:k], toks[k:]
}

// addGiven records the party's initials and given names, and adds a
// pattern for each given name on its own.
func (m *matcher) addGiven(p *partyName, givenToks []string) {
	for _, g := range givenToks {
		if letters, ok := initialsOf(g); ok {
			p.initials += letters
			continue
		}
		g = strings.Trim(g, ".,")
		if utf8.RuneCountInString(g) < 2 {
			continue
		}
		p.given = append(p.given, g)
		r, _ := utf8.DecodeRuneInString(g)
		p.initials += string(r)
		m.pats = append(m.pats, namePattern{party: p, text: g, given: true})
	}
}

// addSurname adds the patterns of the surname: particles, then the rest;
// each part of a double name too.
func (m *matcher) addSurname(p *partyName, surToks []string) {
	k := 0
	for k < len(surToks)-1 && nameParticles[surToks[k]] {
		k++
	}
	tv, rest := surToks[:k], strings.Trim(strings.Join(surToks[k:], " "), ".,")
	if utf8.RuneCountInString(rest) < 2 {
		return
	}
	m.pats = append(m.pats, namePattern{party: p, text: rest, tv: tv})
	if !strings.Contains(rest, "-") {
		return
	}
	for n, part := range strings.Split(rest, "-") {
		words := strings.Fields(part)
		j := 0
		for j < len(words)-1 && nameParticles[words[j]] {
			j++
		}
		ptv := words[:j]
		if n == 0 {
			ptv = tv // the particles before a double name belong to its first part
		}
		if pr := strings.Join(words[j:], " "); utf8.RuneCountInString(pr) >= 2 {
			m.pats = append(m.pats, namePattern{party: p, text: pr, tv: ptv})
		}
	}
}

// initialsOf reports whether a folded token is initials ("a.", "a.b.",
// "j.p", "a", and the abbreviations "th.", "chr.", "joh." …) and returns
// their first letters.
func initialsOf(tok string) (string, bool) {
	var letters []rune
	for _, part := range strings.SplitAfter(tok, ".") {
		name := strings.TrimSuffix(part, ".")
		switch {
		case name == "" && part == "":
			continue
		case name == "":
			return "", false
		case utf8.RuneCountInString(name) == 1:
		case longInitials[name] && part != name:
		default:
			return "", false
		}
		r, _ := utf8.DecodeRuneInString(name)
		if !wordRune(r) {
			return "", false
		}
		letters = append(letters, r)
	}
	if len(letters) == 0 {
		return "", false
	}
	return string(letters), true
}

// longInitials are the initials written with more than one letter, for
// names such as Theodorus, Christiaan, Johannes and IJsbrand.
var longInitials = map[string]bool{
	"th": true, "chr": true, "ch": true, "ph": true, "joh": true, "ij": true, "jac": true,
	"wm": true, "fr": true,
}

// find calls emit for every occurrence of a party's name in text (folded
// is fold(text)). Occurrences may overlap; the caller keeps the longest.
func (m *matcher) find(text, folded string, emit func(start, end, party int)) {
	for _, pat := range m.pats {
		for from := 0; ; {
			k := strings.Index(folded[from:], pat.text)
			if k < 0 {
				break
			}
			start := from + k
			end := start + len(pat.text)
			from = start + 1
			if alnumBefore(folded, start) || alnumAt(folded, end) ||
				!utf8.RuneStart(folded[start]) || end < len(folded) && !utf8.RuneStart(folded[end]) {
				continue
			}
			if pat.given {
				if upperAt(text, start) {
					emit(start, end, pat.party.index)
				}
				continue
			}
			s, e, ok := pat.extend(text, folded, start, end)
			if ok {
				emit(s, e, pat.party.index)
			}
		}
	}
}

// extend grows a surname found at folded[start:end] over its particles,
// the party's given names or initials before it, or initials after a
// comma, and decides whether the occurrence counts.
func (pat namePattern) extend(text, folded string, start, end int) (int, int, bool) {
	s, hasTV := pat.particlesBefore(folded, start)
	s, hasGiven := pat.party.givenBefore(text, folded, s)
	e := end
	if !hasGiven {
		e, hasGiven = pat.listFormEnd(text, folded, end, hasTV)
	}
	if !hasGiven && !upperAt(text, start) {
		return 0, 0, false
	}
	return s, e, true
}

// particlesBefore returns where the pattern's particles start if all of
// them are written before the surname at byte start ("van der" before
// "berg"), and start itself if not.
func (pat namePattern) particlesBefore(folded string, start int) (int, bool) {
	if len(pat.tv) == 0 {
		return start, false
	}
	q := start
	for i := len(pat.tv) - 1; i >= 0; i-- {
		w := pat.tv[i]
		r := skipSpaceBack(folded, q)
		if r == q || r < len(w) || folded[r-len(w):r] != w || alnumBefore(folded, r-len(w)) {
			return start, false
		}
		q = r - len(w)
	}
	return q, true
}

// givenBefore grows a name starting at byte s over up to four of the
// party's given names or initials before it ("Annie", "A.", "J.P."), and
// reports whether it took any.
func (p *partyName) givenBefore(text, folded string, s int) (int, bool) {
	hasGiven := false
	for n := 0; n < 4; n++ {
		r := skipSpaceBack(folded, s)
		if r == s && !(s > 0 && folded[s-1] == '.') {
			break
		}
		q := nameTokenStart(folded, r)
		if q == r {
			break
		}
		tok := folded[q:r]
		if !p.owns(text, tok, q) {
			// Initials of someone else with the same surname ("K. de Boer"
			// beside party Annie de Boer): hidden with the surname, so that
			// no "K." is left before the label, but they do not make the
			// match count as a full name.
			if !hasGiven && otherInitials(text, tok, q) {
				s = q
			}
			break
		}
		s, hasGiven = q, true
	}
	return s, hasGiven
}

// nameTokenStart returns the start of the token of a name (letters, dots
// and hyphens) that ends at byte r of the folded text, looking back at
// most maxLook bytes.
func nameTokenStart(folded string, r int) int {
	q := r
	for q > 0 && r-q < maxLook {
		c, size := utf8.DecodeLastRuneInString(folded[:q])
		if c != '.' && c != '-' && !wordRune(c) {
			break
		}
		q -= size
	}
	return q
}

// otherInitials reports whether the folded token at byte q reads as
// someone's initials written with dots and a capital: "K." or "K.L.", at
// most four letters.
func otherInitials(text, tok string, q int) bool {
	letters, ok := initialsOf(tok)
	return ok && strings.Contains(tok, ".") && upperAt(text, q) && len(letters) <= 4
}

// listFormEnd looks for the party's initials or given name after a comma
// behind a surname ending at byte end, as in a list ("De Boer, A."), with
// the particles after them when they were not written before the surname
// ("Boer, A. de"). It returns the end of the name and whether it found
// any.
func (pat namePattern) listFormEnd(text, folded string, end int, hasTV bool) (int, bool) {
	j := end
	if j >= len(folded) || folded[j] != ',' {
		return end, false
	}
	j = skipSpace(folded, j+1)
	k := initialsEnd(folded, j)
	if k == j || !pat.party.owns(text, folded[j:k], j) {
		return end, false
	}
	e := k
	if !hasTV && len(pat.tv) > 0 {
		after := skipSpace(folded, e)
		tvs := strings.Join(pat.tv, " ")
		if after > e && strings.HasPrefix(folded[after:], tvs) && !alnumAt(folded, after+len(tvs)) {
			e = after + len(tvs)
		}
	}
	return e, true
}

// initialsEnd returns the end of the initials or given name (letters and
// dots) starting at byte j of the folded text, looking ahead at most
// maxLook bytes.
func initialsEnd(folded string, j int) int {
	k := j
	for k < len(folded) && k-j < maxLook {
		c, size := utf8.DecodeRuneInString(folded[k:])
		if c != '.' && !wordRune(c) {
			break
		}
		k += size
	}
	return k
}

// owns reports whether a folded token before or after a surname is one of
// the party's given names or initials; a single letter without a dot must
// be a capital in the text ("A de Boer").
func (p *partyName) owns(text, tok string, at int) bool {
	for _, g := range p.given {
		if tok == g {
			return true
		}
	}
	letters, ok := initialsOf(tok)
	if !ok {
		return false
	}
	if !strings.Contains(tok, ".") && !upperAt(text, at) {
		return false
	}
	for _, r := range letters {
		if !strings.ContainsRune(p.initials, r) {
			return false
		}
	}
	return true
}

// skipSpaceBack returns i moved back over white space (at most maxLook
// bytes of it).
func skipSpaceBack(s string, i int) int {
	lo := max(0, i-maxLook)
	for i > lo {
		switch c := s[i-1]; {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i--
			continue
		}
		if n := spaceBefore(s, i); n > 0 {
			i -= n
			continue
		}
		break
	}
	return i
}

// skipSpace returns i moved forward over white space (at most maxLook
// bytes of it).
func skipSpace(s string, i int) int {
	hi := min(len(s), i+maxLook)
	for i < hi {
		switch c := s[i]; {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
			continue
		}
		if n := spaceAt(s, i); n > 0 {
			i += n
			continue
		}
		break
	}
	return i
}
