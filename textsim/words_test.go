package textsim

import (
	"maps"
	"slices"
	"strings"
	"testing"
)

func TestWords(t *testing.T) {
	tests := []struct {
		name string
		text string
		want map[string]float64
	}{
		{"empty", "", map[string]float64{}},
		{"only stop words", "De en het een van in op te dat die is niet met voor zijn er", map[string]float64{}},
		{"lower case and counts", "Voorschot VOORSCHOT voorschot", map[string]float64{"voorschot": 3}},
		{"split on hyphen and punctuation", "WIA-uitkering; (voorschot), aanvraag!", map[string]float64{"wia": 1, "uitkering": 1, "voorschot": 1, "aanvrag": 1}},
		{"apostrophe s dropped", "auto's en baby's", map[string]float64{"auto": 1, "baby": 1}},
		{"placeholders skipped", "Mevrouw [naam 1] met BSN [BSN] woont op [adres]", map[string]float64{"mevrouw": 1, "bsn": 1, "woont": 1}},
		{"every redaction label skipped", "[BSN] [IBAN] [e-mail] [telefoonnummer] [adres] [geboortedatum] [naam] [naam 1 of 2] [naam 1, 2 of 3] [weggelakt] bezwaar",
			map[string]float64{"bezwar": 1}},
		{"unclosed bracket is a separator", "voorschot [uitkering", map[string]float64{"voorschot": 1, "uitkering": 1}},
		{"bracket closed only on the next line", "voorschot [uitkering\nherstel]", map[string]float64{"voorschot": 1, "uitkering": 1, "herstel": 1}},
		{"overlong bracket is a separator", "[" + strings.Repeat("woord ", 20) + "]", map[string]float64{"woord": 20}},
		{"digits only dropped", "artikel 4:84 van 2024, € 1.250", map[string]float64{"artikel": 1}},
		{"digits with letters kept", "formulier 2b", map[string]float64{"formulier": 1, "2b": 1}},
		{"single runes dropped", "a b c x y z é", map[string]float64{}},
		{"een with accents is a stop word", "één voorschot", map[string]float64{"voorschot": 1}},
		{"voor with accent is a stop word", "vóór de termijn", map[string]float64{"termijn": 1}},
		{"diaeresis folded", "geïnd en geind", map[string]float64{"geind": 2}},
		{"combining marks folded", "gei\u0308nd e\u0301e\u0301n", map[string]float64{"geind": 1}},
		{"ij ligature", "\u0132zer", map[string]float64{"ijzer": 1}},
		{"financiële", "financiële financieel", map[string]float64{"financiel": 2}},
		{"plurals meet singulars", "aanvragen aanvraag boetes boete regels regel uitkeringen uitkering", map[string]float64{"aanvrag": 2, "boet": 2, "regel": 2, "uitkering": 2}},
		{"heden", "mogelijkheden mogelijkheid", map[string]float64{"mogelijkheid": 2}},
		{"other scripts kept as they are", "Ελλάδα مرحبا", map[string]float64{"ελλάδα": 1, "مرحبا": 1}},
		{"invalid utf-8 is a separator", "voorschot\xffherstel", map[string]float64{"voorschot": 1, "herstel": 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Words(tt.text); !maps.Equal(got, tt.want) {
				t.Errorf("Words(%q) = %v, want %v", tt.text, got, tt.want)
			}
		})
	}
}

func TestStem(t *testing.T) {
	tests := []struct{ word, want string }{
		{"mogelijkheden", "mogelijkheid"},
		{"mogelijkheid", "mogelijkheid"},
		{"uitkeringen", "uitkering"},
		{"aanvragen", "aanvrag"},
		{"aanvraag", "aanvrag"},
		{"regels", "regel"},
		{"dossiers", "dossier"},
		{"boetes", "boet"},
		{"boete", "boet"},
		{"premies", "premi"},
		{"premie", "premi"},
		{"bakken", "bak"},
		{"geven", "gef"},
		{"geef", "gef"},
		{"reizen", "reis"},
		{"reis", "reis"},
		{"hoge", "hog"},
		{"hoog", "hog"},
		{"jaren", "jar"},
		{"jaar", "jar"},
		{"kans", "kans"},        // the stem "kan" would be too short for -s
		{"kansen", "kans"},      // -en leaves three runes or more
		{"les", "les"},          // too short
		{"gas", "gas"},          // too short
		{"huis", "huis"},        // -s after a vowel other than e stays
		{"tijd", "tijd"},        // ij is no doubled vowel
		{"wia", "wia"},          // nothing to strip
		{"2e", "2e"},            // words with digits are left alone
		{"10en", "10en"},        // words with digits are left alone
		{"proces", "proc"},      // a known miss:
		{"processen", "proces"}, // these stay apart
	}
	for _, tt := range tests {
		t.Run(tt.word, func(t *testing.T) {
			if got := Stem(tt.word); got != tt.want {
				t.Errorf("Stem(%q) = %q, want %q", tt.word, got, tt.want)
			}
		})
	}
}

func TestIsStopWord(t *testing.T) {
	brief := strings.Fields(`de het een en van in op te dat die is niet met voor zijn er aan om ook als
		bij of door naar maar nog wel geen dan al uit tot over kan wordt worden heeft hebben was werd
		haar hij zij ze wij we u je mijn hun dit deze wat wie waar hoe omdat want zo nu toen meer veel
		moet moeten zou zouden mag mogen`)
	for _, w := range brief {
		if !IsStopWord(w) {
			t.Errorf("IsStopWord(%q) = false", w)
		}
	}
	for _, w := range []string{"voorschot", "uitkering", "regel", "burger", "één"} {
		if IsStopWord(w) {
			t.Errorf("IsStopWord(%q) = true", w)
		}
	}
	if n := len(stopWordList); n < 90 || n > 160 {
		t.Errorf("%d stop words, want a compact list of about 100", n)
	}
	if !slices.IsSorted(stopWordList) {
		t.Error("stop word list is not sorted")
	}
	if len(stopWords) != len(stopWordList) {
		t.Error("stop word list has duplicates")
	}
	for _, w := range stopWordList {
		if w != strings.ToLower(w) || strings.ContainsAny(w, "éëïóöü") {
			t.Errorf("stop word %q is not lower case without diacritics", w)
		}
	}
}
