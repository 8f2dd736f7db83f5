package redact

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// structured are the kinds found by their form rather than by context or
// party list; redacting twice must find none of them the second time.
var structured = []Kind{BSN, IBAN, Email, Phone, Address}

var fuzzParties = []string{"Annie de Boer", "J.P. van der Berg"}

// FuzzRedact checks Find and Redact on arbitrary text and a party name:
// no panic; findings within bounds, sorted, apart, whole characters of
// valid text, and Text equal to their span; the output valid UTF-8 when
// the input is, with every found text at least once less; Redact equal to
// Apply over Find; and a second Redact finding nothing structured.
func FuzzRedact(f *testing.F) {
	for _, sn := range loadCorpus(f)[:60] {
		f.Add(sn.text, "Annie de Boer")
	}
	for _, s := range []string{
		"", "06", "+", "+31", "@", "a@b.nl@c.nl", "geb.", "geboren op", "NL91", "1234 AB", "[BSN] 12345672",
		"€ 123.456.782", "123456782,00", "Postbus 1, 1000 AB", "\xff\xfe 123456782", "A.de Boer", "Boer, A. de",
		"0031 6 12345678", "+31 (0)6-12345678", "(020) 123 45 67", "Laan van Meerdervoort 51, 2517 AB",
		"@CZ.0@0.AA", "@aA.%@0.AA", "x@aA_y@0.AA", "ZAAknR!0100000000", "ZAAknRѠ 0100000000", "ZAAknR aA 0100000000", "ZAAknR aA +000000000", "sofi A. Aa 87055326", "sofi!A. A 87055326", "sofi A.A00000a 87055326",
	} {
		f.Add(s, "Öztürk, H.")
	}
	f.Fuzz(func(t *testing.T, text, party string) {
		parties := append(append([]string(nil), fuzzParties...), party)
		found := Find(text, parties)
		prev := 0
		for i, x := range found {
			if x.Start < prev || x.End <= x.Start || x.End > len(text) {
				t.Fatalf("finding %d %+v out of order or bounds (previous end %d, len %d)", i, x, prev, len(text))
			}
			if x.Text != text[x.Start:x.End] {
				t.Fatalf("finding %+v: Text is not text[Start:End]", x)
			}
			if utf8.ValidString(text) && !utf8.ValidString(x.Text) {
				t.Fatalf("finding %+v cuts a character", x)
			}
			prev = x.End
		}
		out, found2 := Redact(text, parties)
		if len(found2) != len(found) {
			t.Fatalf("Redact found %d, Find %d", len(found2), len(found))
		}
		if want := Apply(text, found, parties); out != want {
			t.Fatalf("Redact = %q, Apply(Find) = %q", out, want)
		}
		if utf8.ValidString(text) && !utf8.ValidString(out) {
			t.Fatalf("Redact(%q) = %q, not valid UTF-8", text, out)
		}
		// Every found text is gone where it was found. (A label cannot
		// make a new occurrence unless the text holds a bracket or is part
		// of a label's word.)
		removed := map[string]int{}
		for _, x := range found {
			removed[x.Text]++
		}
		for s, n := range removed {
			if strings.ContainsAny(s, "[]") || inLabel(s) {
				continue
			}
			if got, had := strings.Count(out, s), strings.Count(text, s); got > had-n {
				t.Fatalf("%q occurs %d times in the output, %d in the input, %d redacted\ninput  %q\noutput %q", s, got, had, n, text, out)
			}
		}
		for _, x := range Find(out, parties) {
			for _, k := range structured {
				if x.Kind == k {
					t.Fatalf("second pass finds %s %q\ninput  %q\noutput %q", x.Kind, x.Text, text, out)
				}
			}
		}
	})
}

// inLabel reports whether s occurs in a label, where redaction itself may
// put it.
func inLabel(s string) bool {
	for _, k := range Kinds() {
		if strings.Contains(strings.ToLower(k.Label()+" 0123456789 of ,"), strings.ToLower(s)) {
			return true
		}
	}
	return false
}

// FuzzValidIBAN checks ValidIBAN on arbitrary strings: no panic; a valid
// IBAN stays valid in electronic form and is found by Find in a sentence;
// and changing any one of its digits makes it invalid, which mod-97
// guarantees.
func FuzzValidIBAN(f *testing.F) {
	for _, s := range []string{
		"NL91ABNA0417164300", "NL91 ABNA 0417 1643 00", "nl91abna0417164300", "BE68 5390 0754 7034",
		"DE89370400440532013000", "GB29 NWBK 6016 1331 9268 19", "XX570123456789012345", "NL00ABNA0417164300",
		"", "NL", "NL91", "NL91 ", " NL91ABNA0417164300",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !ValidIBAN(s) {
			return
		}
		compact := strings.ToUpper(strings.ReplaceAll(s, " ", ""))
		if !ValidIBAN(compact) {
			t.Fatalf("ValidIBAN(%q) but not its electronic form %q", s, compact)
		}
		found := Find("IBAN "+compact+".", nil)
		if len(found) != 1 || found[0].Kind != IBAN || found[0].Text != compact {
			t.Fatalf("Find does not find valid IBAN %q: %+v", compact, found)
		}
		for i := 2; i < len(compact); i++ {
			if !isDigit(compact[i]) {
				continue
			}
			b := []byte(compact)
			b[i] = '0' + (b[i]-'0'+1)%10
			if ValidIBAN(string(b)) {
				t.Fatalf("%q valid and so is %q, one digit changed", compact, b)
			}
		}
	})
}

// FuzzValidBSN checks ValidBSN on arbitrary strings: no panic; a valid BSN
// has eight or nine digits, is found by Find after the word BSN, and no
// longer passes with one digit changed, which the eleven-test guarantees.
func FuzzValidBSN(f *testing.F) {
	for _, s := range []string{"111222333", "123 456 782", "1234.56.782", "12345672", "000000000", "", "1", "123456789", "100000009"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !ValidBSN(s) {
			return
		}
		var digits []byte
		for i := 0; i < len(s); i++ {
			if isDigit(s[i]) {
				digits = append(digits, s[i])
			}
		}
		if len(digits) != 8 && len(digits) != 9 {
			t.Fatalf("ValidBSN(%q) with %d digits", s, len(digits))
		}
		found := Find("BSN "+string(digits)+".", nil)
		if len(found) != 1 || found[0].Kind != BSN || found[0].Text != string(digits) {
			t.Fatalf("Find does not find valid BSN %q: %+v", digits, found)
		}
		for i := range digits {
			b := append([]byte(nil), digits...)
			b[i] = '0' + (b[i]-'0'+1)%10
			if ValidBSN(string(b)) {
				t.Fatalf("%q valid and so is %q, one digit changed", digits, b)
			}
		}
	})
}

// TestHostileText runs Redact over long repetitions of what makes the
// detectors look around (the fuzzer found the first three quadratic): each
// must take linear time, so a generous bound separates it from quadratic
// time, which would take minutes.
func TestHostileText(t *testing.T) {
	parties := []string{"Annie de Boer", "A.B. de Vries-Jansen"}
	for _, unit := range []string{
		"Boer.", "1 ", "0 ", "a@", "geb ", "1.", "Kerkstraat 1 ", "A.", "de ", "NL91 ", ", A. de Boer", "x-",
		"1234 AB ", "+31 ", "BSN ", ":", "  ", "(0)", "geboren op 3 maart 1961 ",
		// The detectors of decision 0014: names, places, organisations,
		// ages, numbers and web addresses.
		"Petra ", "De ", "van ", "Jansen ", "zus Petra ", "meneer De Vries-Bakker ", "dhr. P. de Jong ",
		"uit Tilburg ", "wijk Reeshof ", "bij de Jumbo ", "Bouwbedrijf ", "B.V. ", "Zorgcentrum Ter ",
		"45 jaar ", "45-jarige ", "(45) ", "is 45 ", "zaaknummer ", "1-", "AB-12-34 ", "WW-2026-",
		"www.", "a.nl/", "http://a.nl/)", ")", "Aa Bb ", "A.B.", "'s ", "Jan van ", "werkt bij ",
		// The rules for organisations and places added after the
		// identities corpus.
		"TU Delft ", "MHC ", "Aa BB ", "VluchtelingenWerk ", "Jan Visser van ", "Jan Visser van Nidos ",
		"bedrijfsarts van ", "Al-Qiblah moskee ", "Bol.com ", "Aa+", "Aa en ", "Stichting Aa en ",
		"Gereformeerde Gemeente ", "Taxi Centrale ", "G4S ", "bij G4S ", "van de ", "Aa, ", "Jan Visser (Aa) ",
		"- Aa (huur) € 1\n", "huur deltaWonen ", "uit Zuilen ", "van Aa naar ", "in Aa bij ", "Aa Het ",
		"Taalhuis Oss ", "amateurclub, ", "huurovereenkomst met ", "van 's ",
	} {
		text := strings.Repeat(unit, (128<<10)/len(unit))
		start := time.Now()
		Context{Parties: parties, Keep: []string{"gemeente Tilburg", "Jumbo"}}.Redact(text)
		if d := time.Since(start); d > 3*time.Second {
			t.Errorf("Redact of %d × %q took %v", len(text)/len(unit), unit, d)
		}
	}
}
