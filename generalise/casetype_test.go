package generalise

import (
	"testing"
)

// lawsByType is the table of decision 0015, written out again so that a
// change to the package's table shows here: every BWB id, the law, and the
// case type its cases get.
var lawsByType = []struct {
	bwb, law string
	want     CaseType
}{
	{"BWBR0019057", "WIA", WorkAndIncome},
	{"BWBR0004045", "WW", WorkAndIncome},
	{"BWBR0001888", "Ziektewet", WorkAndIncome},
	{"BWBR0015703", "Participatiewet", WorkAndIncome},
	{"BWBR0002221", "AOW", WorkAndIncome},
	{"BWBR0007795", "Anw", WorkAndIncome},
	{"BWBR0002368", "AKW", WorkAndIncome},
	{"BWBR0002524", "WAO", WorkAndIncome},
	{"BWBR0008657", "Wajong", WorkAndIncome},
	{"BWBR0008656", "WAZ", WorkAndIncome},
	{"BWBR0004043", "Toeslagenwet", WorkAndIncome},
	{"BWBR0004044", "IOAW", WorkAndIncome},
	{"BWBR0004163", "IOAZ", WorkAndIncome},
	{"BWBR0035362", "Wmo 2015", CareAndYouth},
	{"BWBR0020031", "Wmo (tot 2015)", CareAndYouth},
	{"BWBR0034925", "Jeugdwet", CareAndYouth},
	{"BWBR0018450", "Zvw", CareAndYouth},
	{"BWBR0035917", "Wlz", CareAndYouth},
	{"BWBR0018472", "Awir", AllowancesAndTaxes},
	{"BWBR0017017", "Wet kinderopvang", AllowancesAndTaxes},
	{"BWBR0018451", "Wet op de zorgtoeslag", AllowancesAndTaxes},
	{"BWBR0008659", "Wet op de huurtoeslag", AllowancesAndTaxes},
	{"BWBR0022751", "Wet op het kindgebonden budget", AllowancesAndTaxes},
	{"BWBR0002320", "AWR", AllowancesAndTaxes},
	{"BWBR0011353", "Wet IB 2001", AllowancesAndTaxes},
	{"BWBR0031331", "Wgs", Debts},
	{"BWBR0004770", "Invorderingswet 1990", Debts},
	{"BWBR0001860", "Faillissementswet", Debts},
}

func TestTypeOfEveryLaw(t *testing.T) {
	if len(lawsByType) != len(laws) {
		t.Errorf("the test names %d laws, the package %d", len(lawsByType), len(laws))
	}
	for _, l := range lawsByType {
		for _, ref := range []string{
			l.bwb,
			"jci1.3:c:" + l.bwb + "&artikel=1",
			"https://wetten.overheid.nl/" + l.bwb + "/2026-01-01",
			l.bwb + "&artikel=7", // rejected by ruleref.Parse, still a BWB id
		} {
			if got := TypeOf([]string{ref}); got != l.want {
				t.Errorf("%s: TypeOf(%q) = %q, want %q", l.law, ref, got, l.want)
			}
		}
	}
}

func TestTypeOf(t *testing.T) {
	const (
		wia  = "jci1.3:c:BWBR0019057&artikel=76"
		wmo  = "jci1.3:c:BWBR0035362&artikel=2.3.5"
		jw   = "jci1.3:c:BWBR0034925&artikel=2.3"
		wgs  = "jci1.3:c:BWBR0031331&artikel=3"
		awb  = "jci1.3:c:BWBR0005537&artikel=4:84"
		rule = "beleidsregel:uwv/BR-2024-12"
	)
	tests := []struct {
		name string
		refs []string
		want CaseType
	}{
		{"none", nil, Other},
		{"Awb only", []string{awb}, Other},
		{"policy rule only", []string{rule}, Other},
		{"garbage", []string{"", "BWBR123", "BWBR00195570", "xBWBR0019057x"}, Other},
		{"one law", []string{awb, wia, rule}, WorkAndIncome},
		{"majority", []string{wia, wmo, jw}, CareAndYouth},
		{"tie: first named", []string{wgs, wia}, Debts},
		{"tie: first named, other order", []string{wia, wgs}, WorkAndIncome},
		{"lower case", []string{"bwbr0031331"}, Debts},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := TypeOf(tt.refs); got != tt.want {
				t.Errorf("TypeOf(%q) = %q, want %q", tt.refs, got, tt.want)
			}
		})
	}
}

func TestDefaults(t *testing.T) {
	for _, ct := range append(CaseTypes(), "onbekend") {
		d := Defaults(ct)
		for _, c := range Categories() {
			want := c != Family || ct != AllowancesAndTaxes
			if d[c] != want {
				t.Errorf("Defaults(%q)[%q] = %v, want %v", ct, c, d[c], want)
			}
		}
		if len(d) != len(Categories()) {
			t.Errorf("Defaults(%q) has %d entries", ct, len(d))
		}
	}
	d := Defaults(Debts)
	d[Amount] = false
	if !Defaults(Debts)[Amount] {
		t.Error("Defaults shares its map")
	}
}

func TestByDefault(t *testing.T) {
	text := "Ze heeft drie kinderen en een schuld van € 3.750. Het besluit van 14 maart 2025 blijft."
	flags := Flags(text)
	if len(flags) != 3 {
		t.Fatalf("Flags = %+v", flags)
	}
	if got := ByDefault(WorkAndIncome, flags); len(got) != 2 || got[0].Category != Family || got[1].Category != Amount {
		t.Errorf("ByDefault(werk-en-inkomen) = %+v, want the children and the amount", got)
	}
	if got := ByDefault(AllowancesAndTaxes, flags); len(got) != 1 || got[0].Category != Amount {
		t.Errorf("ByDefault(toeslagen-en-belastingen) = %+v, want the amount", got)
	}
}

func TestCaseTypeLabels(t *testing.T) {
	seen := map[string]bool{}
	for _, ct := range CaseTypes() {
		for _, lang := range []string{"nl", "en"} {
			l := ct.Label(lang)
			if l == "" || l == string(ct) || seen[l] {
				t.Errorf("%q.Label(%q) = %q", ct, lang, l)
			}
			seen[l] = true
		}
	}
	if got := CaseType("x").Label("en"); got != "x" {
		t.Errorf("unknown Label = %q", got)
	}
}
