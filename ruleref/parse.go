package ruleref

import (
	"net/url"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/schakel-nl/schakel"
)

// maxInput bounds the text Parse looks at; the longest valid reference is
// far shorter, and a bound keeps error messages and fuzzing cheap.
const maxInput = 512

// Parse reads a reference as people paste it. After trimming surrounding
// white space it accepts (keywords case-insensitive unless noted):
//
//	jci1.3:c:BWBR0005537&artikel=4:84&lid=1&o=a   a JCI 1.3 or 1.31 string
//	https://wetten.overheid.nl/jci1.3:c:BWBR…     the same as a link
//	https://wetten.overheid.nl/BWBR0005537/        a regulation's page, optionally
//	    /YYYY-MM-DD[/N][/] and #Hoofdstuk4_Afdeling4.1_Artikel4:84
//	BWBR0005537                                    a bare BWB id
//	beleidsregel:uwv/BR-2024-12                    a policy rule: beleidsregel:<organisatie>/<beleidsregelId>
//	Wet WIA artikel 76, art. 4:84 Awb, Pw 18 lid 2  a law by name and a location in words (parseText)
//
// Anything that does not start like a link, a JCI string or a policy rule,
// and is not a bare BWB id, is read as words: the name or abbreviation of a
// law from the embedded law lookup (LookupLaw) and "artikel", "lid",
// "onder" and "hoofdstuk" with their values, in any order. A link, JCI
// string or policy rule must be one word; only control and format
// characters (such as a zero-width space) are rejected everywhere.
//
// In a JCI string the parameters may come in any order. Kept are hoofdstuk,
// artikel, lid and o (onderdeel). The dates z and g must be real dates and
// are dropped, as are boek, deel, titeldeel, afdeling, paragraaf and
// sub-paragraaf when an artikel is present (without one they would be the
// whole target, which Ref cannot hold, so they are rejected). Everything
// else is rejected: unknown, duplicate or empty parameters, a repeated o
// (a sub-onderdeel), other JCI versions or types, links to other hosts.
// A lower-case "bwbr" prefix is accepted and written in capitals.
//
// Parse returns an EINVALID *schakel.Error on failure. Its field is the part
// at fault: "bwbId", "hoofdstuk", "artikel", "lid", "onderdeel",
// "organisatie", "beleidsregelId", or "verwijzing" for the structure of the
// text as a whole. For every valid Ref r, Parse(r.String()) returns r
// without its Title, and so does Parse(r.URL()) for a law.
func Parse(s string) (Ref, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Ref{}, refError("required", "Vul een regel in, "+textExample+"; een link van wetten.overheid.nl of beleidsregel:uwv/BR-2024-12 kan ook.")
	}
	if len(s) > maxInput {
		return Ref{}, refError("toolong", "Een verwijzing is hoogstens %d tekens lang; deze heeft er %d.", maxInput, len(s))
	}
	if !utf8.ValidString(s) {
		return Ref{}, refError("encoding", "De verwijzing bevat tekens die geen geldige tekst zijn.")
	}
	pos, spaced := 0, false
	for _, c := range s {
		pos++
		switch {
		case unicode.IsSpace(c):
			spaced = true
		case unicode.IsControl(c) || unicode.Is(unicode.Cf, c):
			return Ref{}, refError("format", "De verwijzing bevat op plaats %d een onzichtbaar teken (%U); typ de verwijzing opnieuw in plaats van hem te plakken.", pos, c)
		}
	}
	strict := hasPrefixFold(s, "https://") || hasPrefixFold(s, "http://") || hasPrefixFold(s, "jci") || hasPrefixFold(s, policyPre)
	if strict && spaced {
		return Ref{}, refError("format", "Een link, JCI-verwijzing of beleidsregel is één woord zonder spaties; haal de spaties weg, of schrijf de wet en het artikel in woorden, "+textExample+".")
	}
	switch {
	case hasPrefixFold(s, "https://"), hasPrefixFold(s, "http://"):
		return parseURL(s)
	case hasPrefixFold(s, "jci"):
		return parseJCI(s)
	case hasPrefixFold(s, policyPre):
		return parsePolicy(s[len(policyPre):])
	case hasPrefixFold(s, "ECLI:"):
		return Ref{}, refError("unsupported", "Een ECLI wijst naar een uitspraak, niet naar een regel; noem de wet en het artikel waar het om gaat, "+textExample+".")
	case !spaced && hasPrefixFold(s, "bwb"):
		if strings.ContainsAny(s, "&=") {
			return Ref{}, refError("format", "Begin een verwijzing naar een artikel met \"jci1.3:c:\", zoals jci1.3:c:BWBR0005537&artikel=4:84.")
		}
		return finish(lawRef(s, nil))
	}
	return parseText(s)
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

func refError(code, format string, args ...any) error {
	return fieldError("verwijzing", code, format, args...)
}

func fieldError(field, code, format string, args ...any) error {
	var v schakel.Validation
	v.Add(field, code, format, args...)
	return v.Err()
}

// finish validates a parsed Ref, so that Parse accepts exactly what
// Validate accepts and reports value errors the way Validate does.
func finish(r Ref, err error) (Ref, error) {
	if err != nil {
		return Ref{}, err
	}
	if err := r.Validate(); err != nil {
		return Ref{}, err
	}
	return r, nil
}

func parsePolicy(rest string) (Ref, error) {
	org, id, ok := strings.Cut(rest, "/")
	if !ok {
		return Ref{}, refError("format", "Schrijf een beleidsregel als beleidsregel:<organisatie>/<id>, zoals beleidsregel:uwv/BR-2024-12; de \"/\" ontbreekt.")
	}
	return finish(Ref{Kind: KindPolicy, Organisation: org, PolicyID: id}, nil)
}

func parseJCI(s string) (Ref, error) {
	const shape = "Een JCI-verwijzing begint met \"jci1.3:c:\" en het BWB-id, zoals jci1.3:c:BWBR0005537&artikel=4:84"
	version, rest, ok := strings.Cut(s[len("jci"):], ":")
	if !ok {
		return Ref{}, refError("format", shape+".")
	}
	if version != "1.3" && version != "1.31" {
		return Ref{}, refError("unsupported", "JCI-versie %q wordt niet ondersteund; gebruik jci1.3 of jci1.31.", version)
	}
	typ, rest, ok := strings.Cut(rest, ":")
	switch {
	case !ok:
		return Ref{}, refError("format", shape+"; na \"jci%s\" ontbreekt de soort \"c:\".", version)
	case typ == "v":
		return Ref{}, refError("unsupported", "Een JCI-verwijzing naar een reeks versies (\"v\") wordt niet ondersteund; gebruik \"c\" voor de geldende tekst.")
	case typ != "c":
		return Ref{}, refError("unsupported", "JCI-soort %q bestaat niet; gebruik \"c\", zoals jci1.3:c:BWBR0005537.", typ)
	}
	id, query, hasParams := strings.Cut(rest, "&")
	if strings.Contains(id, "=") {
		return Ref{}, refError("format", shape+"; het BWB-id ontbreekt vóór de eerste parameter.")
	}
	var params []param
	if hasParams {
		for _, part := range strings.Split(query, "&") {
			if part == "" {
				return Ref{}, refError("empty", "De verwijzing bevat een lege parameter: twee keer \"&\" achter elkaar of \"&\" aan het eind.")
			}
			name, value, ok := strings.Cut(part, "=")
			if !ok {
				return Ref{}, refError("format", "Parameter %q heeft geen \"=\"; schrijf naam=waarde, zoals artikel=4:84.", part)
			}
			if name == "" {
				return Ref{}, refError("format", "Parameter %q heeft geen naam; schrijf naam=waarde, zoals artikel=4:84.", part)
			}
			params = append(params, param{name: name, value: value})
		}
	}
	return finish(lawRef(id, params))
}

// param is one location part of a reference, from a JCI string or from the
// anchor of a wetten.overheid.nl link, named as in JCI.
type param struct{ name, value string }

// paramField maps the JCI names Ref keeps to their field names.
var paramField = map[string]string{
	"hoofdstuk": "hoofdstuk",
	"artikel":   "artikel",
	"lid":       "lid",
	"o":         "onderdeel",
}

// wayFinding are JCI structure names that only lead the way to an article.
var wayFinding = map[string]bool{
	"boek": true, "deel": true, "titeldeel": true, "afdeling": true,
	"paragraaf": true, "sub-paragraaf": true,
}

// lawRef assembles a law reference from a BWB id and location parameters.
// It rejects what the text form cannot mean; the values themselves are left
// to Validate, so their messages are the same everywhere.
func lawRef(id string, params []param) (Ref, error) {
	if id == "" {
		return Ref{}, fieldError("bwbId", "required", "Het BWB-id ontbreekt; een verwijzing naar een wet begint met een BWB-id, zoals BWBR0005537.")
	}
	if hasPrefixFold(id, "BWBR") {
		id = "BWBR" + id[4:]
	}
	r := Ref{Kind: KindLaw, BWB: id}
	seen := map[string]string{}
	var way []string
	for _, p := range params {
		if prev, dup := seen[p.name]; dup {
			if p.name == "o" {
				return Ref{}, fieldError("onderdeel", "unsupported", "Een verwijzing naar een sub-onderdeel (o=%s&o=%s) wordt niet ondersteund; verwijs naar onderdeel %s.", prev, p.value, prev)
			}
			return Ref{}, refError("duplicate", "Parameter %q staat twee keer in de verwijzing; noem elk deel één keer.", p.name)
		}
		seen[p.name] = p.value
		field, keep := paramField[p.name]
		if !keep {
			field = "verwijzing"
		}
		if p.value == "" {
			return Ref{}, fieldError(field, "empty", "Parameter %q is leeg; vul een waarde in of laat de parameter weg.", p.name)
		}
		switch {
		case p.name == "hoofdstuk":
			r.Chapter = p.value
		case p.name == "artikel":
			r.Article = p.value
		case p.name == "lid":
			r.Paragraph = p.value
		case p.name == "o":
			r.Item = p.value
		case p.name == "z" || p.name == "g":
			if !isDate(p.value) {
				return Ref{}, refError("format", "De datum %s=%q is geen bestaande datum in de vorm 2024-01-01.", p.name, p.value)
			}
		case wayFinding[p.name]:
			way = append(way, p.name)
		case p.name == "onderdeel":
			return Ref{}, fieldError("onderdeel", "unknown", "JCI noemt een onderdeel \"o\", niet \"onderdeel\"; schrijf o=%s.", p.value)
		case p.name == "bijlage" || p.name == "aanwijzing" || p.name == "inhoudsopgave":
			return Ref{}, refError("unsupported", "Een verwijzing naar een %s wordt niet ondersteund; verwijs naar een hoofdstuk of artikel.", p.name)
		default:
			return Ref{}, refError("unknown", "Parameter %q bestaat niet in een verwijzing; gebruik hoofdstuk, artikel, lid of o.", p.name)
		}
	}
	if len(way) > 0 && r.Article == "" {
		return Ref{}, refError("unsupported", "Een verwijzing naar een %s zonder artikel wordt niet ondersteund; verwijs naar een hoofdstuk of een artikel.", way[0])
	}
	return r, nil
}

func isDate(s string) bool {
	_, err := time.Parse(time.DateOnly, s)
	return err == nil && len(s) == len(time.DateOnly)
}

func parseURL(s string) (Ref, error) {
	_, rest, _ := strings.Cut(s, "://")
	host, path, _ := strings.Cut(rest, "/")
	if !strings.EqualFold(host, "wetten.overheid.nl") && !strings.EqualFold(host, "www.wetten.overheid.nl") {
		return Ref{}, refError("host", "Alleen links naar wetten.overheid.nl worden herkend; deze link gaat naar %q.", host)
	}
	if strings.Contains(path, "?") {
		return Ref{}, refError("unsupported", "Een link met een vraagteken wordt niet herkend; kopieer de link naar het artikel van wetten.overheid.nl.")
	}
	path, frag, hasFrag := strings.Cut(path, "#")
	path, err := url.PathUnescape(path)
	if err != nil {
		return Ref{}, refError("format", "De link bevat een ongeldige %%-code; kopieer de link opnieuw.")
	}
	if path == "" {
		return Ref{}, refError("format", "De link wijst niet naar een regeling; voeg het BWB-id of de JCI-verwijzing toe, zoals https://wetten.overheid.nl/BWBR0005537/.")
	}
	if hasPrefixFold(path, "jci") {
		if hasFrag {
			return Ref{}, refError("format", "Een JCI-link heeft geen deel na \"#\"; noem het artikel in de JCI-verwijzing zelf.")
		}
		return parseJCI(path)
	}
	segs := strings.Split(path, "/")
	id := segs[0]
	if !hasPrefixFold(id, "BWB") {
		return Ref{}, refError("format", "De link wijst niet naar een regeling; na wetten.overheid.nl/ hoort een BWB-id of een JCI-verwijzing te staan, niet %q.", id)
	}
	if p := linkVersionProblem(segs[1:]); p != "" {
		return Ref{}, refError("format", "Na het BWB-id verwacht de link hoogstens een datum en een volgnummer, zoals /BWBR0005537/2024-01-01/0; %q past daar niet.", p)
	}
	var params []param
	if hasFrag {
		frag, err := url.PathUnescape(frag)
		if err != nil {
			return Ref{}, refError("format", "De link bevat een ongeldige %%-code; kopieer de link opnieuw.")
		}
		if params, err = anchorParams(frag); err != nil {
			return Ref{}, err
		}
	}
	return finish(lawRef(id, params))
}

// linkVersionProblem checks the path after the BWB id of a plain
// wetten.overheid.nl link: [/YYYY-MM-DD[/N]][/]. It returns the first part
// that does not fit, or "".
func linkVersionProblem(segs []string) string {
	if n := len(segs); n > 0 && segs[n-1] == "" {
		segs = segs[:n-1] // the trailing slash of .../BWBR0005537/
	}
	for i, seg := range segs {
		switch {
		case i == 0 && isDate(seg):
		case i == 1 && seg != "" && len(seg) <= 3 && strings.Trim(seg, "0123456789") == "":
		default:
			return seg
		}
	}
	return ""
}

// anchorNames maps the parts of a wetten.overheid.nl anchor such as
// #Hoofdstuk4_Afdeling4.1_Artikel4:84 to JCI names. No prefix starts
// another, so the order does not matter.
var anchorNames = []struct{ prefix, name string }{
	{"Subparagraaf", "sub-paragraaf"},
	{"Titeldeel", "titeldeel"},
	{"Hoofdstuk", "hoofdstuk"},
	{"Paragraaf", "paragraaf"},
	{"Afdeling", "afdeling"},
	{"Artikel", "artikel"},
	{"Boek", "boek"},
	{"Deel", "deel"},
}

func anchorParams(frag string) ([]param, error) {
	var params []param
	for _, part := range strings.Split(frag, "_") {
		found := false
		for _, a := range anchorNames {
			if value, ok := strings.CutPrefix(part, a.prefix); ok {
				params = append(params, param{name: a.name, value: value})
				found = true
				break
			}
		}
		if !found {
			return nil, refError("unknown", "Het deel %q na \"#\" in de link wordt niet herkend; verwacht zijn delen als Hoofdstuk4 of Artikel4:84, gescheiden door \"_\".", part)
		}
	}
	return params, nil
}
