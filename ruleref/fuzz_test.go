package ruleref

import (
	"math"
	"testing"

	"github.com/schakel-nl/schakel"
)

// FuzzParse checks that Parse never panics, that it fails only with an
// EINVALID error naming a field, and that whatever it accepts is valid and
// survives a trip through each of its text forms.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"jci1.3:c:BWBR0005537&artikel=4:84",
		"jci1.3:c:BWBR0005537&hoofdstuk=4&artikel=4:84&lid=1&o=a",
		"jci1.31:c:BWBR0005537&o=1°&artikel=1&z=2024-01-01&g=2024-01-01",
		"jci1.3:c:BWBR0005537&hoofdstuk=1&titeldeel=1.1&artikel=1:3&lid=3",
		"jci1.3:c:BWBR0001830&artikel=1&o=b&o=1°",
		"jci1.3:v:BWBR0005537",
		"jci1.3:c:BWBR0005537&&",
		"https://wetten.overheid.nl/jci1.3:c:BWBR0005537&artikel=1&o=1%C2%B0",
		"https://wetten.overheid.nl/BWBR0005537/2024-01-01/0#Hoofdstuk4_Afdeling4.4_Artikel4:84",
		"http://wetten.overheid.nl/BWBR0005537/",
		"BWBR0005537",
		"bwbr0005537",
		"BWBR123",
		"beleidsregel:uwv/BR-2024-12",
		"beleidsregel:/",
		" jci1.3:c:BWBR0005537 ",
		"",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ref, err := Parse(s)
		if err != nil {
			if schakel.ErrorCode(err) != schakel.EINVALID {
				t.Fatalf("Parse(%q) error code %q, want %q", s, schakel.ErrorCode(err), schakel.EINVALID)
			}
			fields := schakel.ErrorFields(err)
			if len(fields) == 0 {
				t.Fatalf("Parse(%q) error names no field", s)
			}
			for _, fe := range fields {
				if fe.Field == "" || fe.Code == "" || fe.Reason() == "" {
					t.Fatalf("Parse(%q) incomplete field error %#v", s, fe)
				}
			}
			if ref != (Ref{}) {
				t.Fatalf("Parse(%q) returned %#v with an error", s, ref)
			}
			return
		}
		if err := ref.Validate(); err != nil {
			t.Fatalf("Parse(%q) = %#v, which is invalid: %q", s, ref, reasons(err))
		}
		checkRoundTrip(t, ref)
		_ = ref.Label()
	})
}

// FuzzRoundTrip builds Refs from arbitrary fields: whenever Validate
// accepts one, its text forms must parse back to it, so Validate and Parse
// can never drift apart.
func FuzzRoundTrip(f *testing.F) {
	f.Add(true, "BWBR0005537", "4", "4:84", "1", "a", "", "")
	f.Add(true, "BWBR0001830", "", "1", "", "1°", "", "")
	f.Add(false, "", "", "", "", "", "uwv", "BR-2024-12")
	f.Fuzz(func(t *testing.T, law bool, bwb, chapter, article, lid, item, org, id string) {
		r := Ref{Kind: KindPolicy, BWB: bwb, Chapter: chapter, Article: article, Paragraph: lid, Item: item, Organisation: org, PolicyID: id}
		if law {
			r.Kind = KindLaw
		}
		if r.Validate() != nil {
			return
		}
		checkRoundTrip(t, r)
	})
}

// FuzzKeys checks that KeyOf never panics and that Likeness is in [0, 1],
// symmetric, and 1 for a set of keys against itself.
func FuzzKeys(f *testing.F) {
	f.Add("jci1.3:c:BWBR0019057&artikel=76&lid=2", "BWBR0019057/76", "https://wetten.overheid.nl/BWBR0005537/#Artikel")
	f.Add("", " ", "beleidsregel:uwv/BR-1")
	f.Add("jci", "bwbr//", "jci1.3:c:&lid=&o=")
	f.Fuzz(func(t *testing.T, r1, r2, r3 string) {
		a, b := Keys([]string{r1, r2}), Keys([]string{r2, r3})
		l := Likeness(a, b)
		if math.IsNaN(l) || l < 0 || l > 1 {
			t.Fatalf("Likeness = %v", l)
		}
		if back := Likeness(b, a); back != l {
			t.Errorf("Likeness = %v one way, %v the other", l, back)
		}
		if self := Likeness(a, a); len(a) > 0 && self != 1 {
			t.Errorf("Likeness(a, a) = %v", self)
		}
	})
}
