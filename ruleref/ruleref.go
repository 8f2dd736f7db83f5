// Package ruleref names the rule a case, signal or brake is about: a
// provision of a national regulation in the Basiswettenbestand (BWB), or an
// organisation's own policy rule (beleidsregel).
//
// A law reference is rendered as a Juriconnect (JCI) 1.3 string, the
// standard that wetten.overheid.nl both produces and resolves, so a
// reference stored in schakel can be pasted anywhere and opened there:
//
//	jci1.3:c:BWBR0005537&hoofdstuk=4&artikel=4:84&lid=1&o=a
//
// Notes on the standard (Juriconnect standaard BWB 1.3 and 1.3.1, as seen
// in the standard's text and in links produced by wetten.overheid.nl):
//   - "jci1.3" and "jci1.31" (for 1.3.1) are the version strings; every 1.3
//     reference is a valid 1.3.1 reference, so schakel writes "jci1.3".
//   - "c" asks for one consolidated text; "v" asks for a range of versions,
//     which a reference to a rule has no use for.
//   - the location is a list of name=value pairs joined by "&": hoofdstuk,
//     artikel, lid and "o" for an opsommingsonderdeel (not "onderdeel"), next
//     to structure names such as boek, titeldeel, afdeling and paragraaf, and
//     the dates z (zichtdatum) and g (geldigheidsdatum).
//   - the sources consulted define no escaping; values are plain labels such
//     as 4:84 or 1° (written raw, as wetten.overheid.nl does). The character rules below keep "&", "=" and spaces out of every
//     value, so no escaping is ever needed inside a JCI string. Only in a URL
//     is a non-ASCII character such as ° percent-encoded.
//
// A Ref names a provision, not a version of it: schakel links to the text in
// force. Parse therefore checks and then drops the dates of a pasted link,
// and drops structure names (afdeling, paragraaf, …) that only lead the way
// to an article, because the article alone identifies the provision.
//
// People write rules by name, "Wet WIA artikel 76" or "art. 4:84 Awb":
// Parse reads that too, with the law lookup of the embedded table
// data/wetten.tsv (LookupLaw; decision 0026), and Label shows a law by its
// title. Parse is strict, for references as they come in. References already
// stored are compared by their Key instead: KeyOf reads any notation
// leniently and never fails, Keys makes a set of them, and Likeness says
// how alike two sets are, giving part credit for another lid of the same
// article (SameArticle) or another article of the same law (SameLaw).
// Similar cases (package precedent) and near-duplicate signals use it.
package ruleref

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/schakel-nl/schakel"
)

// Kind says whether a Ref points at national law or at an organisation's
// own policy rule; the two are identified in entirely different ways.
type Kind string

// The kinds of reference. The values are Dutch because they travel to the
// API and the pages unchanged.
const (
	KindLaw    Kind = "wet"
	KindPolicy Kind = "beleidsregel"
)

// Valid reports whether k is KindLaw or KindPolicy.
func (k Kind) Valid() bool { return k == KindLaw || k == KindPolicy }

// Ref is a reference to a rule. For KindLaw, BWB is required and Chapter,
// Article, Paragraph and Item narrow it down; for KindPolicy, Organisation
// and PolicyID are required and the law fields must be empty. Title is a
// courtesy for people and not part of the identity: two Refs that differ
// only in Title name the same rule.
//
// The zero Ref is not valid. Refs are comparable with ==.
type Ref struct {
	Kind Kind `json:"soort"`

	// BWB is the id of the regulation in the Basiswettenbestand: "BWBR"
	// and 7 digits, such as BWBR0005537 (Algemene wet bestuursrecht).
	BWB string `json:"bwbId,omitempty"`
	// Chapter (hoofdstuk) is only needed where article numbers repeat per
	// chapter, or to point at a whole chapter: 4, IV, 3.2.
	Chapter string `json:"hoofdstuk,omitempty"`
	// Article (artikel): 4:84, 1, 7a, 10.1.1, XII, A1.
	Article string `json:"artikel,omitempty"`
	// Paragraph (lid) within the article: 1, 2, 2a.
	Paragraph string `json:"lid,omitempty"`
	// Item (onderdeel) of an enumeration in the article or lid: a, aa, 1°.
	Item string `json:"onderdeel,omitempty"`

	// Organisation is the code of the organisation that made the policy
	// rule, the same code as schakel.Organisation.Code, such as "uwv".
	Organisation string `json:"organisatie,omitempty"`
	// PolicyID is the organisation's own id of the policy rule, such as
	// "BR-2024-12"; schakel does not invent ids for other people's rules.
	PolicyID string `json:"beleidsregelId,omitempty"`

	// Title is an optional human title such as "Algemene wet
	// bestuursrecht"; Label uses it.
	Title string `json:"titel,omitempty"`
}

// Limits. They are generous for real Dutch law and keep a stored reference,
// a URL and an error message short.
const (
	maxChapter   = 16
	maxArticle   = 24
	maxParagraph = 8
	maxItem      = 8
	maxOrg       = 40 // the same as schakel.Organisation.Code
	maxPolicyID  = 64
	maxTitle     = 200
)

// Validate reports every invalid field of r at once, as an EINVALID
// *schakel.Error whose fields use the JSON names of Ref (bwbId, artikel, …).
//
// The rules, each chosen to accept what Dutch regulations actually use and
// nothing that would need escaping in a JCI string or a URL:
//   - bwbId: "BWBR" and exactly 7 ASCII digits, in capitals. Treaties (BWBV)
//     are not supported: their JCI locations work differently.
//   - hoofdstuk: at most 16 characters; ASCII letters and digits in parts
//     joined by "."; starting with a digit or capital: 4, IV, 3.2, 2A.
//   - artikel: at most 24 characters; ASCII letters and digits in parts
//     joined by ":" or "."; starting with a digit or capital: 4:84, 7a,
//     10.1.1, XII, A1, 68bis.
//   - lid: at most 8 characters; a number without leading zero, then
//     optionally lower-case letters: 1, 2, 2a, 3bis. A lid needs an artikel.
//   - onderdeel: at most 8 characters; lower-case ASCII letters and digits
//     (a, aa, iv, 1, 1a), or a number followed by ° (1°). An onderdeel needs
//     an artikel; it may skip the lid, as in "artikel 1:1, onder a".
//   - organisatie: at most 40 characters of a-z, 0-9 and single inner
//     hyphens, like every organisation code in schakel.
//   - beleidsregelId: at most 64 characters of ASCII letters, digits, ".",
//     "_" and "-", starting and ending with a letter or digit, so it can
//     stand after the "/" of the text form without escaping.
//   - titel: at most 200 characters, no control characters.
func (r Ref) Validate() error {
	var v schakel.Validation
	switch r.Kind {
	case KindLaw:
		r.validateLaw(&v)
		notForKind(&v, "organisatie", r.Organisation, "Een verwijzing naar een wet heeft geen organisatie; die hoort bij een beleidsregel.")
		notForKind(&v, "beleidsregelId", r.PolicyID, "Een verwijzing naar een wet heeft geen beleidsregel-id; verwijs met het BWB-id.")
	case KindPolicy:
		r.validatePolicy(&v)
		notForKind(&v, "bwbId", r.BWB, "Een beleidsregel heeft geen BWB-id; kies de soort \"wet\" voor een verwijzing naar een wet.")
		notForKind(&v, "hoofdstuk", r.Chapter, "Een beleidsregel heeft in schakel geen hoofdstuk; noem het in de titel.")
		notForKind(&v, "artikel", r.Article, "Een beleidsregel heeft in schakel geen artikel; noem het in de titel.")
		notForKind(&v, "lid", r.Paragraph, "Een beleidsregel heeft in schakel geen lid; noem het in de titel.")
		notForKind(&v, "onderdeel", r.Item, "Een beleidsregel heeft in schakel geen onderdeel; noem het in de titel.")
	case "":
		v.Add("soort", "required", "Kies de soort verwijzing: %q of %q.", string(KindLaw), string(KindPolicy))
	default:
		v.Add("soort", "unknown", "De soort verwijzing %q bestaat niet; kies %q of %q.", string(r.Kind), string(KindLaw), string(KindPolicy))
	}
	validateTitle(&v, r.Title)
	return v.Err()
}

func notForKind(v *schakel.Validation, field, value, format string) {
	if value != "" {
		v.Add(field, "notallowed", format)
	}
}

func (r Ref) validateLaw(v *schakel.Validation) {
	if v.Required("bwbId", r.BWB) {
		if p := bwbProblem(r.BWB); p != nil {
			v.Add("bwbId", p.code, p.format, p.args...)
		}
	}
	if r.Chapter != "" {
		chapterRule.check(v, "hoofdstuk", r.Chapter)
	}
	if r.Article != "" {
		articleRule.check(v, "artikel", r.Article)
	}
	if r.Paragraph != "" {
		if p := paragraphProblem(r.Paragraph); p != nil {
			v.Add("lid", p.code, p.format, p.args...)
		}
		if r.Article == "" {
			v.Add("lid", "needsarticle", "Een lid hoort bij een artikel; vul ook het artikel in.")
		}
	}
	if r.Item != "" {
		if p := itemProblem(r.Item); p != nil {
			v.Add("onderdeel", p.code, p.format, p.args...)
		}
		if r.Article == "" {
			v.Add("onderdeel", "needsarticle", "Een onderdeel hoort bij een artikel; vul ook het artikel in.")
		}
	}
}

func (r Ref) validatePolicy(v *schakel.Validation) {
	if v.Required("organisatie", r.Organisation) {
		if p := orgProblem(r.Organisation); p != nil {
			v.Add("organisatie", p.code, p.format, p.args...)
		}
	}
	if v.Required("beleidsregelId", r.PolicyID) {
		if p := policyIDProblem(r.PolicyID); p != nil {
			v.Add("beleidsregelId", p.code, p.format, p.args...)
		}
	}
}

func validateTitle(v *schakel.Validation, title string) {
	switch {
	case title == "":
	case !utf8.ValidString(title):
		v.Add("titel", "encoding", "De titel bevat tekens die geen geldige tekst zijn.")
	case utf8.RuneCountInString(title) > maxTitle:
		v.Add("titel", "toolong", "Een titel is hoogstens %d tekens lang; deze heeft er %d.", maxTitle, utf8.RuneCountInString(title))
	default:
		for _, c := range title {
			if unicode.IsControl(c) {
				v.Add("titel", "format", "De titel bevat een onzichtbaar teken (%U); gebruik gewone tekst op één regel.", c)
				return
			}
		}
	}
}

// problem is one reason a value is invalid, in the shape of a FieldError
// without its field, so checkers can serve both Validate and Parse.
type problem struct {
	code   string
	format string
	args   []any
}

func newProblem(code, format string, args ...any) *problem {
	return &problem{code: code, format: format, args: args}
}

const bwbShape = "Een BWB-id is \"BWBR\" gevolgd door 7 cijfers, zoals BWBR0005537; "

// bwbProblem explains what is wrong with a BWB id, or returns nil. The
// messages name the actual defect, because a BWB id is usually copied and a
// lost or extra digit is the common mistake.
func bwbProblem(s string) *problem {
	if strings.HasPrefix(s, "BWBR") {
		rest := s[4:]
		for i, c := range rest {
			if c < '0' || c > '9' {
				return newProblem("format", bwbShape+"%q bevat %q op plaats %d, en dat is geen cijfer.", s, string(c), 4+utf8.RuneCountInString(rest[:i])+1)
			}
		}
		switch n := len(rest); n {
		case 7:
			return nil
		case 0:
			return newProblem("format", bwbShape+"na \"BWBR\" staan in %q geen cijfers.", s)
		case 1:
			return newProblem("format", bwbShape+"%q heeft 1 cijfer.", s)
		default:
			return newProblem("format", bwbShape+"%q heeft %d cijfers.", s, n)
		}
	}
	if len(s) >= 4 && strings.EqualFold(s[:4], "BWBR") && bwbProblem("BWBR"+s[4:]) == nil {
		return newProblem("case", "Schrijf een BWB-id met hoofdletters: %q.", "BWBR"+s[4:])
	}
	if len(s) >= 4 && strings.EqualFold(s[:4], "BWBV") {
		return newProblem("unsupported", "Verdragen (BWBV) worden niet ondersteund; verwijs naar een regeling met een BWBR-id, zoals BWBR0005537.")
	}
	return newProblem("format", bwbShape+"%q begint niet met \"BWBR\".", s)
}

// labelRule checks a label made of ASCII letter-and-digit parts joined by
// separators, the shape of Dutch article and chapter numbers.
type labelRule struct {
	max      int
	seps     string
	tooLong  string // format with args max, value, length
	badStart string // format with args value, first character
	badChar  string // format with args value, character
	badSep   string // format with arg value
}

var articleRule = labelRule{
	max:      maxArticle,
	seps:     ":.",
	tooLong:  "Een artikelnummer is hoogstens %d tekens lang; %q heeft er %d.",
	badStart: "Een artikelnummer begint met een cijfer of een hoofdletter, zoals 4:84, 7a of XII; %q begint met %q.",
	badChar:  "Een artikelnummer bestaat uit letters en cijfers, eventueel gescheiden door \":\" of \".\", zoals 4:84, 7a of 10.1.1; %q bevat %q.",
	badSep:   "In een artikelnummer staan tussen \":\" en \".\" steeds letters of cijfers, zoals 4:84 of 10.1.1; %q eindigt op een scheidingsteken of heeft er twee achter elkaar.",
}

var chapterRule = labelRule{
	max:      maxChapter,
	seps:     ".",
	tooLong:  "Een hoofdstuk is hoogstens %d tekens lang; %q heeft er %d.",
	badStart: "Een hoofdstuk begint met een cijfer of een hoofdletter, zoals 4, IV of 3.2; %q begint met %q.",
	badChar:  "Een hoofdstuk bestaat uit letters en cijfers, eventueel gescheiden door \".\", zoals 4, IV of 3.2; %q bevat %q.",
	badSep:   "In een hoofdstuk staan tussen de punten steeds letters of cijfers, zoals 3.2; %q eindigt op een punt of heeft er twee achter elkaar.",
}

func (lr labelRule) check(v *schakel.Validation, field, s string) {
	if p := lr.problem(s); p != nil {
		v.Add(field, p.code, p.format, p.args...)
	}
}

func (lr labelRule) problem(s string) *problem {
	if n := utf8.RuneCountInString(s); n > lr.max {
		return newProblem("toolong", lr.tooLong, lr.max, s, n)
	}
	first, _ := utf8.DecodeRuneInString(s)
	if !isDigit(first) && !isUpper(first) {
		return newProblem("format", lr.badStart, s, string(first))
	}
	prevSep := false
	for _, c := range s {
		switch {
		case isDigit(c) || isUpper(c) || isLower(c):
			prevSep = false
		case strings.ContainsRune(lr.seps, c):
			if prevSep {
				return newProblem("format", lr.badSep, s)
			}
			prevSep = true
		default:
			return newProblem("format", lr.badChar, s, string(c))
		}
	}
	if prevSep {
		return newProblem("format", lr.badSep, s)
	}
	return nil
}

const paragraphShape = "Een lid is een nummer, eventueel met kleine letters erachter, zoals 1, 2 of 2a; "

// paragraphProblem checks a lid: [1-9][0-9]*[a-z]*.
func paragraphProblem(s string) *problem {
	if n := utf8.RuneCountInString(s); n > maxParagraph {
		return newProblem("toolong", "Een lid is hoogstens %d tekens lang; %q heeft er %d.", maxParagraph, s, n)
	}
	first, _ := utf8.DecodeRuneInString(s)
	if first < '1' || first > '9' {
		return newProblem("format", paragraphShape+"%q begint met %q.", s, string(first))
	}
	letters := false
	for _, c := range s {
		switch {
		case isDigit(c) && !letters:
		case isLower(c):
			letters = true
		case isDigit(c):
			return newProblem("format", paragraphShape+"in %q staat een cijfer na een letter.", s)
		default:
			return newProblem("format", paragraphShape+"%q bevat %q.", s, string(c))
		}
	}
	return nil
}

const itemShape = "Een onderdeel is een letter of nummer, zoals a, aa, 1 of 1°; "

// itemProblem checks an onderdeel: [a-z0-9]+, or [0-9]+ followed by °.
func itemProblem(s string) *problem {
	if n := utf8.RuneCountInString(s); n > maxItem {
		return newProblem("toolong", "Een onderdeel is hoogstens %d tekens lang; %q heeft er %d.", maxItem, s, n)
	}
	body, degree := strings.CutSuffix(s, "°")
	if body == "" {
		return newProblem("format", itemShape+"%q heeft geen letter of cijfer.", s)
	}
	for _, c := range body {
		switch {
		case isLower(c):
			if degree {
				return newProblem("format", "Een onderdeel met ° is een nummer, zoals 1° of 2°; %q bevat een letter.", s)
			}
		case isDigit(c):
		case isUpper(c):
			return newProblem("format", "Schrijf een onderdeel met kleine letters, zoals a of aa; %q bevat %q.", s, string(c))
		default:
			return newProblem("format", itemShape+"%q bevat %q.", s, string(c))
		}
	}
	return nil
}

const orgShape = "Een organisatiecode bestaat uit kleine letters, cijfers en losse streepjes, zoals uwv of gemeente-utrecht; "

// orgProblem checks an organisation code the way schakel.Organisation does:
// ^[a-z0-9]+(-[a-z0-9]+)*$, at most 40 characters.
func orgProblem(s string) *problem {
	if n := utf8.RuneCountInString(s); n > maxOrg {
		return newProblem("toolong", "Een organisatiecode is hoogstens %d tekens lang; %q heeft er %d.", maxOrg, s, n)
	}
	for _, c := range s {
		if !isLower(c) && !isDigit(c) && c != '-' {
			if isUpper(c) {
				return newProblem("format", orgShape+"%q bevat de hoofdletter %q.", s, string(c))
			}
			return newProblem("format", orgShape+"%q bevat %q.", s, string(c))
		}
	}
	if strings.HasPrefix(s, "-") || strings.HasSuffix(s, "-") || strings.Contains(s, "--") {
		return newProblem("format", orgShape+"%q begint of eindigt met een streepje of heeft er twee achter elkaar.", s)
	}
	return nil
}

const policyIDShape = "Een beleidsregel-id bestaat uit letters, cijfers, \".\", \"_\" en \"-\", en begint en eindigt met een letter of cijfer, zoals BR-2024-12; "

// policyIDProblem checks the organisation's own id of a policy rule.
func policyIDProblem(s string) *problem {
	if n := utf8.RuneCountInString(s); n > maxPolicyID {
		return newProblem("toolong", "Een beleidsregel-id is hoogstens %d tekens lang; %q heeft er %d.", maxPolicyID, s, n)
	}
	for _, c := range s {
		if !isAlnum(c) && c != '.' && c != '_' && c != '-' {
			return newProblem("format", policyIDShape+"%q bevat %q.", s, string(c))
		}
	}
	first, _ := utf8.DecodeRuneInString(s)
	last, _ := utf8.DecodeLastRuneInString(s)
	if !isAlnum(first) || !isAlnum(last) {
		return newProblem("format", policyIDShape+"%q begint of eindigt met een leesteken.", s)
	}
	return nil
}

// The character classes are ASCII on purpose: unicode.IsDigit would let
// Arabic-Indic digits or full-width letters into an id that has to survive
// JCI strings, URLs and exact comparison.
func isDigit(c rune) bool { return c >= '0' && c <= '9' }
func isUpper(c rune) bool { return c >= 'A' && c <= 'Z' }
func isLower(c rune) bool { return c >= 'a' && c <= 'z' }
func isAlnum(c rune) bool { return isDigit(c) || isUpper(c) || isLower(c) }

// JCI returns the Juriconnect 1.3 string of a law reference, with the
// location in the order of the standard (hoofdstuk, artikel, lid, o), or ""
// for a policy rule, which has no JCI. It is meaningful only for a valid r.
func (r Ref) JCI() string {
	if r.Kind != KindLaw {
		return ""
	}
	var b strings.Builder
	b.WriteString(jciPrefix)
	b.WriteString(r.BWB)
	for _, p := range []struct{ name, value string }{
		{"hoofdstuk", r.Chapter},
		{"artikel", r.Article},
		{"lid", r.Paragraph},
		{"o", r.Item},
	} {
		if p.value != "" {
			b.WriteString("&")
			b.WriteString(p.name)
			b.WriteString("=")
			b.WriteString(p.value)
		}
	}
	return b.String()
}

const (
	jciPrefix  = "jci1.3:c:"
	wettenBase = "https://wetten.overheid.nl/"
	policyPre  = "beleidsregel:"
)

// URL returns the wetten.overheid.nl page of a law reference, or "" for a
// policy rule. wetten.overheid.nl resolves a JCI string in the path, so a
// reference with a location links to the provision itself; one without
// links to the regulation's front page.
func (r Ref) URL() string {
	if r.Kind != KindLaw || r.BWB == "" {
		return ""
	}
	if r.Chapter == "" && r.Article == "" && r.Paragraph == "" && r.Item == "" {
		return wettenBase + r.BWB + "/"
	}
	return wettenBase + escapePath(r.JCI())
}

// escapePath percent-encodes every byte outside the characters a JCI
// string needs; in practice that is only the ° of an onderdeel.
func escapePath(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < utf8.RuneSelf && (isAlnum(rune(c)) || strings.IndexByte("-._~:&=", c) >= 0) {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}

// String returns the canonical text form that Parse reads back: the JCI
// string for a law, and beleidsregel:<organisatie>/<beleidsregelId> for a
// policy rule. Title is not part of it. It returns "" for a Ref of no kind.
func (r Ref) String() string {
	switch r.Kind {
	case KindLaw:
		return r.JCI()
	case KindPolicy:
		return policyPre + r.Organisation + "/" + r.PolicyID
	}
	return ""
}

// Location returns the place within the law in words, "hoofdstuk 4 art.
// 4:84 lid 1 onder a", for a page that already names the law; "" for a
// policy rule or a whole law.
func (r Ref) Location() string {
	if r.Kind != KindLaw {
		return ""
	}
	var parts []string
	for _, p := range []struct{ word, value string }{
		{"hoofdstuk ", r.Chapter}, {"art. ", r.Article}, {"lid ", r.Paragraph}, {"onder ", r.Item},
	} {
		if p.value != "" {
			parts = append(parts, p.word+p.value)
		}
	}
	return strings.Join(parts, " ")
}

// Label returns a short Dutch label for people, in the style of legal
// citations: "Algemene wet bestuursrecht, art. 4:84 lid 1 onder a". It is
// the one place where a rule gets its name for display: a law reference
// without a Title takes the official title from the law lookup (LawTitle),
// and only a law schakel does not know reads "BWBR0099999 art. 1". A policy rule reads
// "beleidsregel BR-2024-12 (uwv)" or "Title (beleidsregel BR-2024-12, uwv)".
func (r Ref) Label() string {
	if r.Kind == KindPolicy {
		if r.Title != "" {
			return r.Title + " (beleidsregel " + r.PolicyID + ", " + r.Organisation + ")"
		}
		return "beleidsregel " + r.PolicyID + " (" + r.Organisation + ")"
	}
	loc := r.Location()
	if r.Title == "" {
		r.Title = LawTitle(r.BWB)
	}
	switch {
	case r.Title != "" && loc != "":
		return r.Title + ", " + loc
	case r.Title != "":
		return r.Title
	case loc != "" && r.BWB != "":
		return r.BWB + " " + loc
	case loc != "":
		return loc
	}
	return r.BWB
}
