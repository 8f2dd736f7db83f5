package ruleref

import (
	_ "embed"
	"fmt"
	"strings"
	"unicode"
)

// lawData is the law lookup: BWB id, official title and the names people
// use, one law a line. Its header names its source (the Basiswettenbestand
// of wetten.overheid.nl, open data by KOOP). See decision 0026.
//
//go:embed data/wetten.tsv
var lawData string

// Law is a regulation schakel knows by name.
type Law struct {
	BWB   string   // "BWBR0019057"
	Title string   // the official title: "Wet werk en inkomen naar arbeidsvermogen"
	Names []string // other names and abbreviations: "Wet WIA", "WIA"
}

// lawIndex finds a Law by BWB id and by name.
type lawIndex struct {
	laws   []Law
	byBWB  map[string]int
	byName map[string]int // nameKey → index in laws
}

// laws is the embedded lookup, read once. A malformed data file is a
// programming error, caught by the tests, so it panics.
var laws = mustLoadLaws(lawData)

func mustLoadLaws(data string) lawIndex {
	idx, err := loadLaws(data)
	if err != nil {
		panic("ruleref: data/wetten.tsv: " + err.Error())
	}
	return idx
}

// loadLaws reads the tab-separated law table. It rejects malformed lines,
// invalid BWB ids, a BWB id listed twice and a name that would lead to two
// laws, so a lookup can never be ambiguous.
func loadLaws(data string) (lawIndex, error) {
	idx := lawIndex{byBWB: map[string]int{}, byName: map[string]int{}}
	for n, line := range strings.Split(data, "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) != 3 {
			return lawIndex{}, fmt.Errorf("line %d: %d columns, want 3", n+1, len(cols))
		}
		law := Law{BWB: cols[0], Title: strings.TrimSpace(cols[1])}
		if p := bwbProblem(law.BWB); p != nil || law.Title == "" {
			return lawIndex{}, fmt.Errorf("line %d: bad BWB id %q or empty title", n+1, law.BWB)
		}
		if _, dup := idx.byBWB[law.BWB]; dup {
			return lawIndex{}, fmt.Errorf("line %d: %s listed twice", n+1, law.BWB)
		}
		for _, name := range strings.Split(cols[2], "|") {
			if name = strings.TrimSpace(name); name != "" {
				law.Names = append(law.Names, name)
			}
		}
		i := len(idx.laws)
		idx.laws = append(idx.laws, law)
		idx.byBWB[law.BWB] = i
		for _, name := range append([]string{law.Title}, law.Names...) {
			k := nameKey(name)
			if prev, taken := idx.byName[k]; k == "" || (taken && prev != i) {
				return lawIndex{}, fmt.Errorf("line %d: name %q is empty or also names %s", n+1, name, idx.laws[prev].BWB)
			}
			idx.byName[k] = i
		}
	}
	return idx, nil
}

// accents folds the accented letters of Dutch law titles, so "justitiele"
// finds "justitiële".
var accents = strings.NewReplacer(
	"ë", "e", "é", "e", "è", "e", "ê", "e", "ï", "i", "í", "i", "ö", "o", "ó", "o",
	"ü", "u", "ú", "u", "á", "a", "à", "a", "ä", "a", "ç", "c",
)

// nameKey is the form in which names are compared: lower case, accents
// folded, and only letters and digits, so "Wet WIA", "wet-wia" and
// "WetWIA" are one name, as are "Wet IB 2001" and "wet ib2001".
func nameKey(s string) string {
	s = accents.Replace(strings.ToLower(s))
	var b strings.Builder
	for _, c := range s {
		if c < unicode.MaxASCII && (isLower(c) || isDigit(c)) {
			b.WriteRune(c)
		}
	}
	return b.String()
}

// LookupLaw returns the law with the given name: its official title or a
// common short name or abbreviation ("Participatiewet", "Pw", "Wet WIA",
// "awb"), compared without regard to case, spacing, punctuation or
// accents. A BWB id finds its own law when schakel knows it.
func LookupLaw(name string) (Law, bool) {
	if i, ok := laws.byName[nameKey(name)]; ok {
		return laws.laws[i], true
	}
	if i, ok := laws.byBWB[strings.ToUpper(strings.TrimSpace(name))]; ok {
		return laws.laws[i], true
	}
	return Law{}, false
}

// Laws returns every law schakel knows by name, in the order of the data
// file. The slice is a copy.
func Laws() []Law {
	out := make([]Law, len(laws.laws))
	copy(out, laws.laws)
	return out
}

// LawTitle returns the official title of the law with BWB id bwb, or ""
// when schakel does not know it.
func LawTitle(bwb string) string {
	if i, ok := laws.byBWB[bwb]; ok {
		return laws.laws[i].Title
	}
	return ""
}

// LawName returns the name to show for the law with BWB id bwb: its
// official title when schakel knows it, else the id itself, so a table or
// chart of laws never shows a bare id for a law it can name.
func LawName(bwb string) string {
	if t := LawTitle(bwb); t != "" {
		return t
	}
	return bwb
}

// LawShortName returns the shortest common name of the law with BWB id
// bwb, for a chart where a long title would be cut off: its first other
// name ("Wet WIA"), else its title, else the id.
func LawShortName(bwb string) string {
	if i, ok := laws.byBWB[bwb]; ok && len(laws.laws[i].Names) > 0 {
		return laws.laws[i].Names[0]
	}
	return LawName(bwb)
}

// WithTitle returns r with its Title set to the law's title when it is a
// law reference without one and the title is known.
func (r Ref) WithTitle() Ref {
	if r.Kind == KindLaw && r.Title == "" {
		r.Title = LawTitle(r.BWB)
	}
	return r
}
