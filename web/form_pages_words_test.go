package web

import (
	"net/url"
	"strings"
	"testing"
)

// TestKeptFieldsInWords: input shown back on a conflict names each field
// in words, and leaves the form's one-time token out.
func TestKeptFieldsInWords(t *testing.T) {
	for name, want := range map[string]string{
		"onderwerp":                   "onderwerp",
		"gronden[0].toelichting":      "gronden 1, toelichting",
		"regels[3]":                   "regels 4",
		"motiveringen.evenredigheid":  "motiveringen, evenredigheid",
		"raar[":                       "raar[",
		"raar[x]":                     "raar[x]",
		"gronden[12].beginsel.detail": "gronden 13, beginsel, detail",
	} {
		if got := fieldWords(name); got != want {
			t.Errorf("fieldWords(%q) = %q, want %q", name, got, want)
		}
	}
	kept := keptFields(url.Values{"onderwerp": {"Tekst"}, tokenField: {"abc"}, "leeg": {"  "}})
	if len(kept) != 1 || kept[0].Name != "onderwerp" || kept[0].Label != "onderwerp" {
		t.Errorf("kept %+v, want only onderwerp", kept)
	}
}

// FuzzFieldWords: any posted field name is written in words without a
// panic, and a name without brackets or dots comes back as it was.
func FuzzFieldWords(f *testing.F) {
	for _, s := range []string{"gronden[0].toelichting", "a[", "[]", "[99999999999999999999]", "x[-1]", "..", "é[1]"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		got := fieldWords(name)
		if !strings.ContainsAny(name, "[.") && got != name {
			t.Fatalf("fieldWords(%q) = %q", name, got)
		}
	})
}
