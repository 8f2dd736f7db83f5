package redact

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestRedact(t *testing.T) {
	tests := []struct {
		name    string
		text    string
		parties []string
		want    string
	}{
		{
			name:    "every kind",
			text:    "Mevrouw A. de Boer (BSN 111222333, geb. 3-3-1961) woont op Kerkstraat 12, 1234 AB Utrecht; tel. 06-12345678, annie@example.nl, IBAN NL91 ABNA 0417 1643 00.",
			parties: []string{"Annie de Boer"},
			want:    "Mevrouw [naam 1] (BSN [BSN], geb. [geboortedatum]) woont op [adres] [plaats]; tel. [telefoonnummer], [e-mail], IBAN [IBAN].",
		},
		{
			name:    "parties numbered in list order",
			text:    "Jansen schreef aan De Boer; De Boer antwoordde Jansen.",
			parties: []string{"Annie de Boer", "Piet Jansen"},
			want:    "[naam 2] schreef aan [naam 1]; [naam 1] antwoordde [naam 2].",
		},
		{
			name:    "one party, several forms, one number",
			text:    "Annie de Boer; A. de Boer; De Boer; Annie",
			parties: []string{"Annie de Boer"},
			want:    "[naam 1]; [naam 1]; [naam 1]; [naam 1]",
		},
		{
			name:    "shared surname",
			text:    "Daan de Vries en Mirjam de Vries; De Vries kwam niet.",
			parties: []string{"Daan de Vries", "Mirjam de Vries"},
			want:    "[naam 1] en [naam 2]; [naam 1 of 2] kwam niet.",
		},
		{
			name: "decision date stays",
			text: "Op 12 januari 2026 besloot het college; zij is geboren op 3 maart 1961.",
			want: "Op 12 januari 2026 besloot het college; zij is geboren op [geboortedatum].",
		},
		{
			name:    "UTF-8 around the spans",
			text:    "Cliënt Öztürk — BSN «123456782» — e-mail: josé@müller.de ✓",
			parties: []string{"Hatice Öztürk"},
			want:    "Cliënt [naam 1] — BSN «[BSN]» — e-mail: [e-mail] ✓",
		},
		{
			name: "nothing to redact",
			text: "Het college besluit op 12 januari 2026 over 1.234 aanvragen.",
			want: "Het college besluit op 12 januari 2026 over 1.234 aanvragen.",
		},
		{name: "empty", text: "", want: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, found := Redact(tt.text, tt.parties)
			if got != tt.want {
				t.Errorf("Redact(%q)\n got  %q\n want %q", tt.text, got, tt.want)
			}
			for _, f := range found {
				if tt.text[f.Start:f.End] != f.Text {
					t.Errorf("finding %+v: Text is not text[Start:End] = %q", f, tt.text[f.Start:f.End])
				}
			}
		})
	}
}

func TestApply(t *testing.T) {
	const text = "Annie de Boer en haar buurman Piet Klaassen, Kerkstraat 12."
	parties := []string{"Annie de Boer"}
	at := func(s string) (int, int) {
		i := strings.Index(text, s)
		return i, i + len(s)
	}
	span := func(k Kind, s string) Finding {
		start, end := at(s)
		return Finding{Kind: k, Start: start, End: end}
	}
	tests := []struct {
		name     string
		findings []Finding
		want     string
	}{
		{
			name:     "found spans: the neighbour is found too, numbered after the parties",
			findings: Find(text, parties),
			want:     "[naam 1] en haar buurman [naam 2], [adres].",
		},
		{
			name:     "reviewer adds a name of a non-party, numbered after the parties",
			findings: append(Find(text, parties), span(Name, "Piet Klaassen")),
			want:     "[naam 1] en haar buurman [naam 2], [adres].",
		},
		{
			name:     "reviewer adds an other span",
			findings: append(Find(text, parties), span(Other, "buurman")),
			want:     "[naam 1] en haar [weggelakt] [naam 2], [adres].",
		},
		{
			name:     "unknown kind is redacted as other",
			findings: []Finding{span("geheim", "buurman")},
			want:     "Annie de Boer en haar [weggelakt] Piet Klaassen, Kerkstraat 12.",
		},
		{
			name:     "overlapping spans merge, longest kind wins",
			findings: []Finding{span(Name, "Annie de Boer"), span(Other, "Boer en haar buurman")},
			want:     "[weggelakt] Piet Klaassen, Kerkstraat 12.",
		},
		{
			name:     "unsorted and duplicate findings",
			findings: []Finding{span(Address, "Kerkstraat 12"), span(Name, "Annie de Boer"), span(Address, "Kerkstraat 12")},
			want:     "[naam 1] en haar buurman Piet Klaassen, [adres].",
		},
		{
			name:     "spans out of range are clamped, empty ones dropped",
			findings: []Finding{{Kind: Other, Start: -5, End: 5}, {Kind: Other, Start: len(text) - 4, End: 500}, {Kind: BSN, Start: 9, End: 9}, {Kind: BSN, Start: 20, End: 10}},
			want:     "[weggelakt] de Boer en haar buurman Piet Klaassen, Kerkstraat[weggelakt]",
		},
		{
			name:     "the same extra name twice gets one number",
			findings: []Finding{span(Name, "Piet Klaassen"), {Kind: Name, Start: 0, End: 5}},
			want:     "[naam 1] de Boer en haar buurman [naam 2], Kerkstraat 12.",
		},
		{name: "no findings", findings: nil, want: text},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Apply(text, tt.findings, parties); got != tt.want {
				t.Errorf("Apply\n got  %q\n want %q", got, tt.want)
			}
		})
	}
}

func TestApplyExtraNamesAfterParties(t *testing.T) {
	text := "Klaassen en Pietersen en Klaassen"
	f := []Finding{{Kind: Name, Start: 0, End: 8}, {Kind: Name, Start: 12, End: 21}, {Kind: Name, Start: 25, End: 33}}
	got := Apply(text, f, []string{"Annie de Boer", "Jan Jansen"})
	if want := "[naam 3] en [naam 4] en [naam 3]"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestApplyWidensToWholeCharacters(t *testing.T) {
	text := "één Öztürk"
	// Bytes 1 and 3 are inside the two "é", byte 11 inside "ü": the spans
	// grow to bytes 0–4 ("éé") and 10–12 ("ü").
	got := Apply(text, []Finding{{Kind: Other, Start: 1, End: 3}, {Kind: Other, Start: 11, End: 12}}, nil)
	if !utf8.ValidString(got) {
		t.Fatalf("Apply cut a character: %q", got)
	}
	if want := "[weggelakt]n Özt[weggelakt]rk"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestApplyDoesNotChangeFindings(t *testing.T) {
	text := "BSN 123456782 en 111222333"
	found := Find(text, nil)
	before := append([]Finding(nil), found...)
	reversed := []Finding{found[1], found[0]}
	Apply(text, reversed, nil)
	if reversed[0] != before[1] || reversed[1] != before[0] {
		t.Errorf("Apply reordered or changed its argument: %+v", reversed)
	}
}

func TestFindOffsets(t *testing.T) {
	text := "Ünïcödé: BSN 123456782, tel +31 6 12345678; Kerkstraat 12, 1234 AB."
	found := Find(text, nil)
	if len(found) != 3 {
		t.Fatalf("Find = %+v, want 3 findings", found)
	}
	out := Apply(text, found, nil)
	// Rebuild the output from the offsets: the text between findings must be
	// untouched.
	var b strings.Builder
	prev := 0
	for _, f := range found {
		b.WriteString(text[prev:f.Start])
		b.WriteString(f.Kind.Label())
		prev = f.End
	}
	b.WriteString(text[prev:])
	if out != b.String() {
		t.Errorf("Apply = %q, offsets give %q", out, b.String())
	}
}

func TestKindLabel(t *testing.T) {
	want := map[Kind]string{
		BSN: "[BSN]", IBAN: "[IBAN]", Email: "[e-mail]", Phone: "[telefoonnummer]", Address: "[adres]",
		BirthDate: "[geboortedatum]", Name: "[naam]", Place: "[plaats]", Organisation: "[organisatie]",
		Age: "[leeftijd]", Number: "[nummer]", URL: "[url]", Other: "[weggelakt]", "": "[weggelakt]",
	}
	for k, w := range want {
		if got := k.Label(); got != w {
			t.Errorf("Kind(%q).Label() = %q, want %q", k, got, w)
		}
	}
	if len(Kinds()) != 13 {
		t.Errorf("Kinds() = %v", Kinds())
	}
}
