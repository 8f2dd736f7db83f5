package ruleref

import (
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/schakel-nl/schakel"
)

func problemFields(err error) []schakel.FieldError { return schakel.ErrorFields(err) }

const (
	wia   = "BWBR0019057"
	pw    = "BWBR0015703"
	awbID = "BWBR0005537"
	bw6   = "BWBR0005289"
	wlz   = "BWBR0035917"
	woo   = "BWBR0045754"
	ib    = "BWBR0011353"
	jsg   = "BWBR0014194"
	wahv  = "BWBR0004581"
)

func at(bwb, article, lid, item string) Ref {
	return Ref{Kind: KindLaw, BWB: bwb, Article: article, Paragraph: lid, Item: item}
}

// TestParseWords covers the ways people write a rule by name.
func TestParseWords(t *testing.T) {
	tests := []struct {
		in   string
		want Ref
	}{
		// the examples of issue 15
		{"Wet WIA artikel 76", at(wia, "76", "", "")},
		{"Participatiewet art. 18 lid 2", at(pw, "18", "2", "")},
		{"art. 4:84 Awb", at(awbID, "4:84", "", "")},
		{"artikel 18, tweede lid, Participatiewet", at(pw, "18", "2", "")},
		{"Pw 18 lid 2", at(pw, "18", "2", "")},
		{"WIA art 76", at(wia, "76", "", "")},
		{"art. 3:4 lid 2 Algemene wet bestuursrecht", at(awbID, "3:4", "2", "")},
		// case, spacing and punctuation
		{"wet wia artikel 76", at(wia, "76", "", "")},
		{"WET WIA ARTIKEL 76", at(wia, "76", "", "")},
		{"  Wet   WIA   artikel   76  ", at(wia, "76", "", "")},
		{"Wet WIA, artikel 76", at(wia, "76", "", "")},
		{"Wet WIA, art. 76.", at(wia, "76", "", "")},
		{"Wet\u00a0WIA\u00a0artikel\u00a076", at(wia, "76", "", "")},
		{"Wet WIA\tartikel 76", at(wia, "76", "", "")},
		{"wet-wia art.76", at(wia, "76", "", "")},
		{"WetWIA art 76", at(wia, "76", "", "")},
		{"Art. 76 Wet WIA", at(wia, "76", "", "")},
		{"artikel 76 van de Wet WIA", at(wia, "76", "", "")},
		{"artikel 76 van de Wet werk en inkomen naar arbeidsvermogen", at(wia, "76", "", "")},
		{"Wet werk en inkomen naar arbeidsvermogen, artikel 76, eerste lid", at(wia, "76", "1", "")},
		{"WIA 76", at(wia, "76", "", "")},
		{"76 WIA", at(wia, "76", "", "")},
		// lid and onderdeel
		{"Participatiewet artikel 18, lid 2", at(pw, "18", "2", "")},
		{"Participatiewet artikel 18 tweede lid", at(pw, "18", "2", "")},
		{"artikel 18, 2e lid, Pw", at(pw, "18", "2", "")},
		{"art. 8:42, 1ste lid, Awb", at(awbID, "8:42", "1", "")},
		{"artikel 18 lid 2 van de Participatiewet", at(pw, "18", "2", "")},
		{"art 18 lid 2 Pw", at(pw, "18", "2", "")},
		{"art. 18(2) Pw", at(pw, "18", "2", "")},
		{"Pw art. 18 (2)", at(pw, "18", "2", "")},
		{"PW art 18 lid 2", at(pw, "18", "2", "")},
		{"art. 18 lid 2 onder a Participatiewet", at(pw, "18", "2", "a")},
		{"Participatiewet artikel 18, tweede lid, sub b", at(pw, "18", "2", "b")},
		{"Participatiewet artikel 18 lid 2 onderdeel c", at(pw, "18", "2", "c")},
		{"art. 1:3 lid 2 Awb", at(awbID, "1:3", "2", "")},
		{"artikel 1:3, derde lid, Awb", at(awbID, "1:3", "3", "")},
		{"art. 8:42, eerste lid, Awb", at(awbID, "8:42", "1", "")},
		{"artikel 4:84 van de Algemene wet bestuursrecht", at(awbID, "4:84", "", "")},
		{"AWB art. 6:7", at(awbID, "6:7", "", "")},
		{"awb 7:1", at(awbID, "7:1", "", "")},
		{"Awb artikel 1:2 lid 1 onder a", at(awbID, "1:2", "1", "a")},
		{"art. 4:84 Awb.", at(awbID, "4:84", "", "")},
		// article labels with letters and dots
		{"Wlz artikel 3.2.1", at(wlz, "3.2.1", "", "")},
		{"Woo art. 5.1 lid 2 onder e", at(woo, "5.1", "2", "e")},
		{"Wet IB 2001 artikel 3.1", at(ib, "3.1", "", "")},
		{"wet ib 2001 art 3.1", at(ib, "3.1", "", "")},
		{"Participatiewet artikel 18a", at(pw, "18a", "", "")},
		// names that are not abbreviations, with accents or apostrophes
		{"Wet justitiele en strafvorderlijke gegevens artikel 39", at(jsg, "39", "", "")},
		{"Wet justitiële en strafvorderlijke gegevens artikel 39", at(jsg, "39", "", "")},
		{"Wahv artikel 23", at(wahv, "23", "", "")},
		{"Wet Mulder art. 23", at(wahv, "23", "", "")},
		{"Wet veiligheidsregio's artikel 1", at("BWBR0027466", "1", "", "")},
		{"Drank- en Horecawet artikel 3", at("BWBR0002458", "3", "", "")},
		// a law without a location
		{"Wet WIA", at(wia, "", "", "")},
		{"participatiewet", at(pw, "", "", "")},
		{"Awb", at(awbID, "", "", "")},
		{"hoofdstuk 4 Awb", Ref{Kind: KindLaw, BWB: awbID, Chapter: "4"}},
		// BWB id in words, and the Civil Code by book
		{"BWBR0019057 artikel 76", at(wia, "76", "", "")},
		{"artikel 76 bwbr0019057", at(wia, "76", "", "")},
		{"art. 6:162 BW", at(bw6, "162", "", "")},
		{"artikel 6:162 Burgerlijk Wetboek", at(bw6, "162", "", "")},
		{"BW 6:162", at(bw6, "162", "", "")},
		{"Boek 6 BW artikel 162", at(bw6, "162", "", "")},
		{"art. 7:610 BW", at("BWBR0005290", "610", "", "")},
		// social security and other laws by abbreviation
		{"WW artikel 16", at("BWBR0004045", "16", "", "")},
		{"ZW art. 29", at("BWBR0001888", "29", "", "")},
		{"AOW artikel 7a", at("BWBR0002221", "7a", "", "")},
		{"Anw artikel 14", at("BWBR0007795", "14", "", "")},
		{"AKW art 7", at("BWBR0002368", "7", "", "")},
		{"Wajong artikel 1a:1", at("BWBR0008657", "1a:1", "", "")},
		{"IOAW art. 2", at("BWBR0004044", "2", "", "")},
		{"Wet SUWI artikel 62", at("BWBR0013060", "62", "", "")},
		{"Awir artikel 16", at("BWBR0018472", "16", "", "")},
		{"Zvw artikel 2", at("BWBR0018450", "2", "", "")},
		{"Wmo 2015 artikel 2.3.5", at("BWBR0035362", "2.3.5", "", "")},
		{"Jeugdwet art. 2.3", at("BWBR0034925", "2.3", "", "")},
		{"Vw 2000 artikel 31", at("BWBR0011823", "31", "", "")},
		{"WSF 2000 art 3.1", at("BWBR0011453", "3.1", "", "")},
		{"Gemeentewet artikel 160", at("BWBR0005416", "160", "", "")},
		{"Wgs artikel 4", at("BWBR0031331", "4", "", "")},
		{"Wet BRP artikel 2.7", at("BWBR0033715", "2.7", "", "")},
	}
	if len(tests) < 50 {
		t.Fatalf("only %d forms; the table must cover at least 50", len(tests))
	}
	for _, tt := range tests {
		got, err := Parse(tt.in)
		if err != nil {
			t.Errorf("Parse(%q) error: %v", tt.in, err)
			continue
		}
		if got != tt.want {
			t.Errorf("Parse(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
		if back, err := Parse(got.String()); err != nil || back != got {
			t.Errorf("Parse(%q).String() = %q does not read back: %+v, %v", tt.in, got.String(), back, err)
		}
	}
}

// TestParseWordsErrors checks that text that cannot be understood gets a
// plain message that says what is expected, with an example.
func TestParseWordsErrors(t *testing.T) {
	tests := []struct {
		in, code, contains string
	}{
		{"artikel 76", "nolaw", "Noem ook de wet"},
		{"Wet op de vliegende schotels artikel 3", "unknownlaw", `De wet "Wet op de vliegende schotels" kennen we niet`},
		{"Particpatiewet art 18", "unknownlaw", "Participatiewet artikel 18 lid 2"},
		{"Wet WIA artikel", "format", `Na "artikel" hoort een nummer`},
		{"Pw artikel 18 artikel 19", "duplicate", "twee keer"},
		{"art. 162 BW", "format", "boek van het Burgerlijk Wetboek"},
		{"ECLI:NL:CRVB:2020:1", "unsupported", "uitspraak"},
		{"jci1.3:c:BWBR0005537 &artikel=4:84", "format", "zonder spaties"},
	}
	for _, tt := range tests {
		_, err := Parse(tt.in)
		fields := problemFields(err)
		if len(fields) != 1 || fields[0].Field != "verwijzing" || fields[0].Code != tt.code {
			t.Errorf("Parse(%q) = %v, want one verwijzing:%s", tt.in, err, tt.code)
			continue
		}
		if msg := fields[0].Reason(); !strings.Contains(msg, tt.contains) || strings.Contains(msg, "%!") {
			t.Errorf("Parse(%q) message %q does not contain %q", tt.in, msg, tt.contains)
		}
	}
	// A wrong article still blames the article, as for a JCI string.
	if _, err := Parse("Wet WIA artikel 7 6"); err == nil {
		t.Errorf(`Parse("Wet WIA artikel 7 6") accepted`)
	}
	if _, err := Parse("Wet WIA artikel x!"); len(problemFields(err)) != 1 || problemFields(err)[0].Field != "artikel" {
		t.Errorf(`Parse("Wet WIA artikel x!") = %v, want an artikel error`, err)
	}
}

// TestLawData checks the embedded law table: well-formed, unique names,
// at least the laws of issue 15, and every law the demo cites.
func TestLawData(t *testing.T) {
	all := Laws()
	if len(all) < 100 {
		t.Errorf("%d laws, want at least 100", len(all))
	}
	for _, l := range all {
		if LawTitle(l.BWB) != l.Title {
			t.Errorf("LawTitle(%s) = %q, want %q", l.BWB, LawTitle(l.BWB), l.Title)
		}
		for _, n := range append([]string{l.Title}, l.Names...) {
			if got, ok := LookupLaw(n); !ok || got.BWB != l.BWB {
				t.Errorf("LookupLaw(%q) = %s, %v, want %s", n, got.BWB, ok, l.BWB)
			}
		}
	}
	for name, want := range map[string]string{
		"Wet WIA": wia, "Participatiewet": pw, "Awb": awbID, "IOAZ": "BWBR0004163",
		"Toeslagenwet": "BWBR0004043", "UAVG": "BWBR0040940", "Woo": woo, "Wlz": wlz,
		"Wet inburgering": "BWBR0044770", "RWN": "BWBR0003738", "Fw": "BWBR0001860",
	} {
		if got, ok := LookupLaw(name); !ok || got.BWB != want {
			t.Errorf("LookupLaw(%q) = %s, %v, want %s", name, got.BWB, ok, want)
		}
	}
	if _, ok := LookupLaw("Wet op de vliegende schotels"); ok {
		t.Error("an unknown name was found")
	}
	out, err := exec.Command("grep", "-rhoE", "BWBR[0-9]{7}", "../demo").Output()
	if err != nil {
		t.Fatalf("grep demo: %v", err)
	}
	for _, id := range strings.Fields(string(out)) {
		if LawTitle(id) == "" {
			t.Errorf("the demo cites %s, which the law table does not name", id)
		}
	}
}

func TestLoadLawsRejects(t *testing.T) {
	for name, data := range map[string]string{
		"two columns":   "BWBR0000001\tWet een\n",
		"bad id":        "BWBR01\tWet een\t\n",
		"empty title":   "BWBR0000001\t \t\n",
		"same id twice": "BWBR0000001\tWet een\t\nBWBR0000001\tWet twee\t\n",
		"shared name":   "BWBR0000001\tWet een\tWE\nBWBR0000002\tWet twee\tW.E.\n",
		"title clash":   "BWBR0000001\tWet een\t\nBWBR0000002\tWet twee\tWet-een\n",
	} {
		if _, err := loadLaws(data); err == nil {
			t.Errorf("%s: loadLaws accepted %q", name, data)
		}
	}
	idx, err := loadLaws("# comment\r\n\r\nBWBR0000001\tWet een\tWE|  |W1\r\n")
	if err != nil || len(idx.laws) != 1 || len(idx.laws[0].Names) != 2 {
		t.Errorf("loadLaws = %+v, %v", idx, err)
	}
}

func TestLabelUsesTitle(t *testing.T) {
	r := at(wia, "76", "1", "")
	if got := r.Label(); got != "Wet werk en inkomen naar arbeidsvermogen, art. 76 lid 1" {
		t.Errorf("Label = %q", got)
	}
	if got := at("BWBR0099999", "1", "", "").Label(); got != "BWBR0099999 art. 1" {
		t.Errorf("Label of an unknown law = %q", got)
	}
}

var bwbInText = regexp.MustCompile(`BWBR[0-9]{7}`)

// FuzzLookup feeds arbitrary text to LookupLaw and to the word parser: no
// panic, a found law is one of the table, and a parsed reference is valid,
// reads back from its String and names a law that is in the text or known.
func FuzzLookup(f *testing.F) {
	for _, s := range []string{
		"Wet WIA artikel 76", "Pw 18 lid 2", "art. 4:84 Awb", "artikel 18, tweede lid, Participatiewet",
		"art. 6:162 BW", "BW", "art. 18(2) Pw", "lid", "van de", "art.", "WetWIA", "ë", "76 WIA 77",
		"BWBR0019057 artikel 76", "hoofdstuk 4 Awb onder a", "Wet IB 2001 art 3.1",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if law, ok := LookupLaw(s); ok && LawTitle(law.BWB) != law.Title {
			t.Fatalf("LookupLaw(%q) = %+v, not in the table", s, law)
		}
		if !utf8.ValidString(s) || len(s) > maxInput {
			return
		}
		r, err := parseText(s)
		if err != nil {
			if len(problemFields(err)) == 0 {
				t.Fatalf("parseText(%q) error without fields: %v", s, err)
			}
			return
		}
		if err := r.Validate(); err != nil {
			t.Fatalf("parseText(%q) = %+v, invalid: %v", s, r, err)
		}
		if back, err := Parse(r.String()); err != nil || back != r {
			t.Fatalf("parseText(%q) = %+v does not read back: %+v, %v", s, r, back, err)
		}
		if LawTitle(r.BWB) == "" && !strings.Contains(strings.ToUpper(s), r.BWB) && !bwbInText.MatchString(strings.ToUpper(s)) {
			t.Fatalf("parseText(%q) names %s, neither known nor in the text", s, r.BWB)
		}
	})
}
