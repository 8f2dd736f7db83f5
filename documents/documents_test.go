package documents_test

import (
	"strings"
	"testing"

	"github.com/schakel-nl/schakel/documents"
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
