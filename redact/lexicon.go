package redact

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"embed"
	"io"
	"strings"
	"sync"
)

// The data files (see data/README.md for their sources and licences).
//
//go:embed data/voornamen.txt data/achternamen.txt data/plaatsen.txt data/landen.txt data/woorden.txt.gz
var dataFS embed.FS

// Flags of a folded word in the lexicon. A word may have several: "Ede"
// is a place and a given name, "Bakker" a surname and an ordinary word.
const (
	lexGiven      uint16 = 1 << iota // a given name (voornamen.txt)
	lexSurname                       // a surname, without its particles (achternamen.txt)
	lexPlace                         // a place or municipality in NL or BE (plaatsen.txt)
	lexCountry                       // a country or province: names no one (landen.txt)
	lexOrdinary                      // an ordinary word (woorden.txt.gz, or "*" in a list)
	lexParticle                      // a particle before a surname ("van", "de")
	lexTitle                         // a title before a name ("mevrouw", "dhr")
	lexRelation                      // a relation or role before a name ("zus", "huisarts")
	lexPublic                        // a public body that may be named ("uwv", "belastingdienst")
	lexOrgType                       // a word that names an institution after it ("basisschool")
	lexLegal                         // a legal form after a company's name ("bv")
	lexCompany                       // a well-known employer, shop or bank ("jumbo")
	lexLocative                      // a word after which a place follows ("uit", "woonachtig")
	lexQuarter                       // a word after which a neighbourhood follows ("wijk")
	lexEmployment                    // a word after which an employer follows ("werkgever")
)

// lexicon maps a folded word (or, for places and companies, a folded
// phrase of several words) to its flags. Phrases are keyed by their words
// joined with single spaces; phraseLen holds the longest phrase in words.
type lexicon struct {
	words     map[string]uint16
	phraseLen int
}

// lex returns the lexicon, built once from the embedded data and the
// word lists in cues.go.
var lex = sync.OnceValue(buildLexicon)

func buildLexicon() *lexicon {
	l := &lexicon{words: make(map[string]uint16, 80000)}
	l.readList("data/voornamen.txt", lexGiven)
	l.readList("data/achternamen.txt", lexSurname)
	l.readList("data/plaatsen.txt", lexPlace)
	l.readList("data/landen.txt", lexCountry)
	l.readOrdinary("data/woorden.txt.gz")
	for flag, words := range cueWords {
		for _, w := range words {
			l.add(w, flag)
		}
	}
	return l
}

// add gives a folded word or phrase a flag.
func (l *lexicon) add(key string, flag uint16) {
	key = strings.Join(strings.Fields(fold(key)), " ")
	if key == "" {
		return
	}
	l.words[key] |= flag
	l.phraseLen = max(l.phraseLen, strings.Count(key, " ")+1)
}

// readList reads one of the name lists: a name a line, " *" behind one
// that is also an ordinary word. A surname's particles are left out ("de
// Vries" is "vries"): the detector reads them in the text.
func (l *lexicon) readList(name string, flag uint16) {
	data, err := dataFS.ReadFile(name)
	if err != nil {
		panic("redact: " + err.Error()) // embedded: cannot happen
	}
	for line := range strings.Lines(string(data)) {
		line = strings.TrimSpace(line)
		ordinary := false
		if rest, ok := strings.CutSuffix(line, " *"); ok {
			line, ordinary = rest, true
		}
		if flag == lexSurname {
			line = stripParticles(line)
		}
		if line == "" {
			continue
		}
		l.add(line, flag)
		if ordinary {
			l.add(line, lexOrdinary)
		}
	}
}

// stripParticles removes the lower-case particles before a surname.
func stripParticles(name string) string {
	f := strings.Fields(name)
	k := 0
	for k < len(f)-1 && nameParticles[fold(f[k])] && f[k] == fold(f[k]) {
		k++
	}
	return strings.Join(f[k:], " ")
}

// readOrdinary reads the gzipped list of ordinary words, a word a line.
func (l *lexicon) readOrdinary(name string) {
	data, err := dataFS.ReadFile(name)
	if err != nil {
		panic("redact: " + err.Error())
	}
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		panic("redact: " + err.Error())
	}
	plain, err := io.ReadAll(zr)
	if err != nil {
		panic("redact: " + err.Error())
	}
	sc := bufio.NewScanner(bytes.NewReader(plain))
	for sc.Scan() {
		if w := sc.Text(); w != "" {
			l.words[w] |= lexOrdinary
		}
	}
}

// has reports whether the folded key has any of the flags.
func (l *lexicon) has(key string, flags uint16) bool {
	return l.words[key]&flags != 0
}
