package documents_test

import (
	"strings"
	"testing"

	"github.com/schakel-nl/schakel/documents"
	"github.com/schakel-nl/schakel/redact"
)

func TestNothingUnredactedIsRendered(t *testing.T) {
	d := documents.Document{
		Title: documents.Redact("Knelpuntenbrief over de WIA-voorschotten", nil),
		Sections: []documents.Section{{
			Heading: documents.Redact("Wat wij zien", nil),
			Paragraphs: []documents.Text{
				documents.Redact("Mevrouw Jansen (BSN 111222333, jansen@example.nl) moest € 4.120 terugbetalen.", []string{"Jansen"}),
				documents.Redact("Bel ons op 06-12345678 of schrijf naar Kerkstraat 12, 1234 AB Utrecht.", nil),
			},
		}},
	}
	var b strings.Builder
	if err := d.HTML(&b); err != nil {
		t.Fatal(err)
	}
	html := b.String()
	for _, personal := range []string{"Jansen", "111222333", "jansen@example.nl", "06-12345678", "1234 AB"} {
		if strings.Contains(html, personal) {
			t.Errorf("the rendered document holds %q:\n%s", personal, html)
		}
	}
	for _, kept := range []string{"Knelpuntenbrief over de WIA-voorschotten", "<h2>Wat wij zien</h2>", "terugbetalen"} {
		if !strings.Contains(html, kept) {
			t.Errorf("the rendered document lacks %q:\n%s", kept, html)
		}
	}
	if n := len(d.Findings()); n < 5 {
		t.Errorf("%d findings for the reviewer, want at least 5: %+v", n, d.Findings())
	}
}

func TestTextIsEscaped(t *testing.T) {
	d := documents.Document{Title: documents.Redact("<script>alert(1)</script>", nil)}
	var b strings.Builder
	if err := d.HTML(&b); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "<script>") {
		t.Fatalf("markup in a text reached the page: %s", b.String())
	}
}

func TestRedactInKeepsTheOrganisation(t *testing.T) {
	const text = "Het bestuur van Werkplein Drechtsteden zag dat mevrouw Jansen (BSN 111222333, jansen@example.nl) moest terugbetalen."
	ctx := redact.Context{Parties: []string{"Jansen"}, Keep: []string{"Werkplein Drechtsteden"}}
	kept := documents.RedactIn(text, ctx).String()
	if !strings.Contains(kept, "Het bestuur van Werkplein Drechtsteden zag") {
		t.Errorf("RedactIn with Keep removed the organisation's own name: %q", kept)
	}
	for _, personal := range []string{"Jansen", "111222333", "jansen@example.nl"} {
		if strings.Contains(kept, personal) {
			t.Errorf("RedactIn kept %q: %q", personal, kept)
		}
	}
	if !strings.Contains(kept, "[naam 1]") {
		t.Errorf("the party is not labelled as party 1: %q", kept)
	}
	// Without the context the organisation locates a person and goes;
	// Redact is RedactIn with parties only.
	plain := documents.Redact(text, []string{"Jansen"})
	if strings.Contains(plain.String(), "Drechtsteden") {
		t.Errorf("Redact without a context kept the organisation: %q", plain)
	}
	if in := documents.RedactIn(text, redact.Context{Parties: []string{"Jansen"}}); in.String() != plain.String() || len(in.Findings()) != len(plain.Findings()) {
		t.Errorf("Redact(text, parties) = %q, RedactIn with the parties only = %q", plain, in)
	}
}
