package ruleref

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	law := func(chapter, article, lid, item string) Ref {
		return Ref{Kind: KindLaw, BWB: "BWBR0005537", Chapter: chapter, Article: article, Paragraph: lid, Item: item}
	}
	tests := []struct {
		name string
		in   string
		want Ref
	}{
		{"jci article", "jci1.3:c:BWBR0005537&artikel=4:84", law("", "4:84", "", "")},
		{"jci every part", "jci1.3:c:BWBR0005537&hoofdstuk=4&artikel=4:84&lid=1&o=a", law("4", "4:84", "1", "a")},
		{"jci any order", "jci1.3:c:BWBR0005537&o=a&lid=1&artikel=4:84&hoofdstuk=4", law("4", "4:84", "1", "a")},
		{"jci bare", "jci1.3:c:BWBR0005537", law("", "", "", "")},
		{"jci 1.31", "jci1.31:c:BWBR0005537&artikel=4:84", law("", "4:84", "", "")},
		{"jci upper-case keyword", "JCI1.3:c:BWBR0005537&artikel=4:84", law("", "4:84", "", "")},
		{"jci with dates dropped", "jci1.3:c:BWBR0005537&artikel=4:84&z=2024-01-01&g=2024-01-01", law("", "4:84", "", "")},
		{"jci way-finding dropped", "jci1.3:c:BWBR0005537&hoofdstuk=1&titeldeel=1.1&artikel=1:3&lid=3&z=2017-03-01&g=2017-03-01", law("1", "1:3", "3", "")},
		{"jci degree", "jci1.3:c:BWBR0005537&artikel=1&o=1°", law("", "1", "", "1°")},
		{"jci lowercase bwb", "jci1.3:c:bwbr0005537&artikel=4:84", law("", "4:84", "", "")},
		{"surrounding space", " \t jci1.3:c:BWBR0005537&artikel=4:84\n", law("", "4:84", "", "")},
		{"jci link", "https://wetten.overheid.nl/jci1.3:c:BWBR0005537&artikel=4:84", law("", "4:84", "", "")},
		{"jci link escaped degree", "https://wetten.overheid.nl/jci1.3:c:BWBR0005537&artikel=1&o=1%C2%B0", law("", "1", "", "1°")},
		{"jci link with dates", "https://wetten.overheid.nl/jci1.3:c:BWBR0005537&hoofdstuk=3&afdeling=3.2&artikel=3:2&z=2026-08-15&g=2026-08-15", law("3", "3:2", "", "")},
		{"jci link http www", "http://www.wetten.overheid.nl/jci1.3:c:BWBR0005537&artikel=4:84", law("", "4:84", "", "")},
		{"plain link", "https://wetten.overheid.nl/BWBR0005537", law("", "", "", "")},
		{"plain link slash", "https://wetten.overheid.nl/BWBR0005537/", law("", "", "", "")},
		{"plain link date", "https://wetten.overheid.nl/BWBR0005537/2024-01-01", law("", "", "", "")},
		{"plain link date number slash", "https://wetten.overheid.nl/BWBR0005537/2024-01-01/0/", law("", "", "", "")},
		{"plain link anchor", "https://wetten.overheid.nl/BWBR0005537/2024-01-01#Hoofdstuk4_Afdeling4.4_Artikel4:84", law("4", "4:84", "", "")},
		{"plain link article anchor", "https://wetten.overheid.nl/BWBR0005537/#Artikel4:84", law("", "4:84", "", "")},
		{"bare id", "BWBR0005537", law("", "", "", "")},
		{"bare lowercase id", "bwbr0005537", law("", "", "", "")},
		{"policy", "beleidsregel:uwv/BR-2024-12", Ref{Kind: KindPolicy, Organisation: "uwv", PolicyID: "BR-2024-12"}},
		{"policy capital keyword", "Beleidsregel:gemeente-utrecht/2024_7.1", Ref{Kind: KindPolicy, Organisation: "gemeente-utrecht", PolicyID: "2024_7.1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse(tt.in)
			if err != nil {
				t.Fatalf("Parse(%q) error %v: %q", tt.in, problems(t, err), reasons(err))
			}
			if got != tt.want {
				t.Errorf("Parse(%q) = %#v, want %#v", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string // "field:code"
		msg  string   // the exact first message, when pinned
	}{
		{"empty", "", []string{"verwijzing:required"}, ""},
		{"blank", " \n ", []string{"verwijzing:required"}, ""},
		{"too long", "jci1.3:c:BWBR0005537&artikel=" + strings.Repeat("1", 600), []string{"verwijzing:toolong"}, ""},
		{"invalid utf8", "jci1.3:c:BWBR0005537&artikel=4\xff", []string{"verwijzing:encoding"}, ""},
		{"inner space", "jci1.3:c:BWBR0005537&artikel=4 84", []string{"verwijzing:format"},
			`Een link, JCI-verwijzing of beleidsregel is één woord zonder spaties; haal de spaties weg, of schrijf de wet en het artikel in woorden, zoals "Participatiewet artikel 18 lid 2", "art. 4:84 Awb" of "Wet WIA artikel 76".`},
		{"zero width space", "jci1.3:c:BWBR0005537\u200b", []string{"verwijzing:format"}, ""},
		{"unknown law", "art. 4:84 Wet op de vliegende schotels", []string{"verwijzing:unknownlaw"}, ""},
		{"court ruling", "ECLI:NL:HR:2020:1", []string{"verwijzing:unsupported"}, ""},
		{"jci no colon", "jci1.3", []string{"verwijzing:format"}, ""},
		{"jci old version", "jci1.2:c:BWBR0005537", []string{"verwijzing:unsupported"},
			`JCI-versie "1.2" wordt niet ondersteund; gebruik jci1.3 of jci1.31.`},
		{"jci no type", "jci1.3:BWBR0005537", []string{"verwijzing:format"}, ""},
		{"jci missing type separator", "jci1.3:c", []string{"verwijzing:format"}, ""},
		{"jci version range", "jci1.3:v:BWBR0005537", []string{"verwijzing:unsupported"}, ""},
		{"jci no id", "jci1.3:c:&artikel=1", []string{"bwbId:required"}, ""},
		{"jci params without id", "jci1.3:c:artikel=1", []string{"verwijzing:format"}, ""},
		{"jci short id", "jci1.3:c:BWBR123&artikel=4:84", []string{"bwbId:format"},
			`Een BWB-id is "BWBR" gevolgd door 7 cijfers, zoals BWBR0005537; "BWBR123" heeft 3 cijfers.`},
		{"jci treaty", "jci1.3:c:BWBV0001000&artikel=1", []string{"bwbId:unsupported"}, ""},
		{"jci trailing ampersand", "jci1.3:c:BWBR0005537&artikel=4:84&", []string{"verwijzing:empty"}, ""},
		{"jci double ampersand", "jci1.3:c:BWBR0005537&&artikel=4:84", []string{"verwijzing:empty"}, ""},
		{"jci no equals", "jci1.3:c:BWBR0005537&artikel", []string{"verwijzing:format"}, ""},
		{"jci no name", "jci1.3:c:BWBR0005537&=4:84", []string{"verwijzing:format"}, ""},
		{"jci empty article", "jci1.3:c:BWBR0005537&artikel=", []string{"artikel:empty"},
			`Parameter "artikel" is leeg; vul een waarde in of laat de parameter weg.`},
		{"jci empty date", "jci1.3:c:BWBR0005537&artikel=1&g=", []string{"verwijzing:empty"}, ""},
		{"jci duplicate article", "jci1.3:c:BWBR0005537&artikel=4:84&artikel=4:85", []string{"verwijzing:duplicate"},
			`Parameter "artikel" staat twee keer in de verwijzing; noem elk deel één keer.`},
		{"jci sub-onderdeel", "jci1.3:c:BWBR0001830&artikel=1&o=b&o=1°", []string{"onderdeel:unsupported"}, ""},
		{"jci onderdeel name", "jci1.3:c:BWBR0005537&artikel=4:84&onderdeel=a", []string{"onderdeel:unknown"},
			`JCI noemt een onderdeel "o", niet "onderdeel"; schrijf o=a.`},
		{"jci unknown parameter", "jci1.3:c:BWBR0005537&artikel=4:84&zin=2", []string{"verwijzing:unknown"}, ""},
		{"jci capitalised parameter", "jci1.3:c:BWBR0005537&Artikel=4:84", []string{"verwijzing:unknown"}, ""},
		{"jci bijlage", "jci1.3:c:BWBR0005537&bijlage=1", []string{"verwijzing:unsupported"}, ""},
		{"jci afdeling alone", "jci1.3:c:BWBR0005537&hoofdstuk=4&afdeling=4.1", []string{"verwijzing:unsupported"}, ""},
		{"jci bad date", "jci1.3:c:BWBR0005537&artikel=1&g=2024-02-30", []string{"verwijzing:format"}, ""},
		{"jci bad article", "jci1.3:c:BWBR0005537&artikel=4;84", []string{"artikel:format"}, ""},
		{"jci lid without article", "jci1.3:c:BWBR0005537&lid=1", []string{"lid:needsarticle"}, ""},
		{"jci several bad values", "jci1.3:c:BWBR0005537&artikel=x&lid=0&o=A", []string{"artikel:format", "lid:format", "onderdeel:format"}, ""},
		{"other host", "https://example.org/jci1.3:c:BWBR0005537", []string{"verwijzing:host"}, ""},
		{"host lookalike", "https://wetten.overheid.nl.example.org/BWBR0005537", []string{"verwijzing:host"}, ""},
		{"query string", "https://wetten.overheid.nl/BWBR0005537/?artikel=1", []string{"verwijzing:unsupported"}, ""},
		{"no path", "https://wetten.overheid.nl/", []string{"verwijzing:format"}, ""},
		{"bad escape", "https://wetten.overheid.nl/jci1.3:c:BWBR0005537&o=%zz", []string{"verwijzing:format"}, ""},
		{"jci link with anchor", "https://wetten.overheid.nl/jci1.3:c:BWBR0005537#Artikel1", []string{"verwijzing:format"}, ""},
		{"not a regulation", "https://wetten.overheid.nl/zoeken", []string{"verwijzing:format"}, ""},
		{"bad date segment", "https://wetten.overheid.nl/BWBR0005537/gisteren", []string{"verwijzing:format"}, ""},
		{"extra segment", "https://wetten.overheid.nl/BWBR0005537/2024-01-01/0/x", []string{"verwijzing:format"}, ""},
		{"unknown anchor", "https://wetten.overheid.nl/BWBR0005537/#Lid1", []string{"verwijzing:unknown"}, ""},
		{"duplicate anchor", "https://wetten.overheid.nl/BWBR0005537/#Artikel1_Artikel2", []string{"verwijzing:duplicate"}, ""},
		{"anchor bad article", "https://wetten.overheid.nl/BWBR0005537/#Artikel4%3B84", []string{"artikel:format"}, ""},
		{"link short id", "https://wetten.overheid.nl/BWBR000553/", []string{"bwbId:format"}, ""},
		{"bare id with parameters", "BWBR0005537&artikel=4:84", []string{"verwijzing:format"},
			`Begin een verwijzing naar een artikel met "jci1.3:c:", zoals jci1.3:c:BWBR0005537&artikel=4:84.`},
		{"bare short id", "BWBR123", []string{"bwbId:format"}, ""},
		{"policy no slash", "beleidsregel:uwv", []string{"verwijzing:format"}, ""},
		{"policy empty parts", "beleidsregel:/", []string{"organisatie:required", "beleidsregelId:required"}, ""},
		{"policy uppercase org", "beleidsregel:UWV/BR-1", []string{"organisatie:format"}, ""},
		{"policy nested id", "beleidsregel:uwv/BR/1", []string{"beleidsregelId:format"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse(tt.in)
			if err == nil {
				t.Fatalf("Parse(%q) = %#v, want error %v", tt.in, got, tt.want)
			}
			if got != (Ref{}) {
				t.Errorf("Parse(%q) returned %#v with its error, want the zero Ref", tt.in, got)
			}
			if p := problems(t, err); !slices.Equal(p, tt.want) {
				t.Errorf("Parse(%q) error = %v, want %v; messages %q", tt.in, p, tt.want, reasons(err))
			}
			if tt.msg != "" {
				if r := reasons(err); len(r) == 0 || r[0] != tt.msg {
					t.Errorf("Parse(%q) message = %q\nwant                %q", tt.in, r, tt.msg)
				}
			}
		})
	}
}

// randomRef builds a Ref from realistic parts, valid or not, so the
// round-trip test covers combinations a table would not list.
func randomRef(rng *rand.Rand) Ref {
	pick := func(xs ...string) string { return xs[rng.IntN(len(xs))] }
	if rng.IntN(4) == 0 {
		return Ref{
			Kind:         KindPolicy,
			Organisation: pick("uwv", "svb", "gemeente-utrecht", "ind", "x1"),
			PolicyID:     pick("BR-2024-12", "1", "beleid_2024.3", "A", "werkinstructie-7b"),
			Title:        pick("", "Beleidsregel terugvordering"),
		}
	}
	return Ref{
		Kind:      KindLaw,
		BWB:       pick("BWBR0005537", "BWBR0002221", "BWBR0001830", "BWBR0004770"),
		Chapter:   pick("", "", "4", "IV", "3.2", "A"),
		Article:   pick("", "4:84", "1", "7a", "10.1.1", "XII", "A1", "68bis", "1:3"),
		Paragraph: pick("", "1", "2", "2a", "12"),
		Item:      pick("", "a", "aa", "1°", "12", "iv"),
		Title:     pick("", "Algemene wet bestuursrecht"),
	}
}

func TestRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	valid := 0
	for range 5000 {
		r := randomRef(rng)
		if r.Validate() != nil {
			continue // a lid or onderdeel without an artikel
		}
		valid++
		checkRoundTrip(t, r)
	}
	if valid < 1000 {
		t.Fatalf("only %d valid refs generated; the generator is off", valid)
	}
}

// checkRoundTrip asserts that the text forms of a valid r parse back to r
// without its Title.
func checkRoundTrip(t *testing.T, r Ref) {
	t.Helper()
	want := r
	want.Title = ""
	forms := []string{r.String()}
	if r.Kind == KindLaw {
		forms = append(forms, r.URL(), r.JCI())
	}
	for _, s := range forms {
		got, err := Parse(s)
		if err != nil {
			t.Fatalf("Parse(%q) of valid %#v: %v %q", s, r, problems(t, err), reasons(err))
		}
		if got != want {
			t.Fatalf("Parse(%q) = %#v, want %#v", s, got, want)
		}
	}
}
