package letters_test

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/documents"
	"github.com/schakel-nl/schakel/letters"
)

// MustHTML renders l as HTML or fails the test.
func MustHTML(tb testing.TB, l letters.Letter) []byte {
	tb.Helper()
	var b bytes.Buffer
	if err := letters.HTML(&b, l); err != nil {
		tb.Fatalf("HTML: %v", err)
	}
	return b.Bytes()
}

// MustPDF renders l as PDF or fails the test.
func MustPDF(tb testing.TB, l letters.Letter) []byte {
	tb.Helper()
	var b bytes.Buffer
	if err := letters.PDF(&b, l); err != nil {
		tb.Fatalf("PDF: %v", err)
	}
	return b.Bytes()
}

// MustDocument parses a rendered page for CSS selectors.
func MustDocument(tb testing.TB, page []byte) *goquery.Document {
	tb.Helper()
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(page))
	if err != nil {
		tb.Fatalf("parse the page: %v", err)
	}
	return doc
}

// squash puts every run of white space, line breaks included, as one space.
func squash(s string) string { return strings.Join(strings.Fields(s), " ") }

// withPersonalPlainText returns the sample with personal data in the plain
// strings too, which the letter redacts itself.
func withPersonalPlainText(l letters.Letter) letters.Letter {
	k := &l.Knelpunten[0]
	k.Citizens.Method = "Geteld door Priscilla Jansen (jansen@example.nl, BSN 111222333) in 312 dossiers"
	k.Cost.BorneBy = "UWV; vragen aan jansen@example.nl of 06-12345678"
	k.Precedents = append(k.Precedents, letters.Link{Title: "Bezwaar van BSN 111222333", URL: "https://schakel.example.nl/casusprudentie/143"})
	k.Conflicts = append(k.Conflicts, letters.Conflict{Principle: "Zorgvuldigheid (melding jansen@example.nl)", Grounds: text("Mevrouw Jansen werd niet gehoord.")})
	return l
}

func TestHTMLHoldsEveryKnelpunt(t *testing.T) {
	l := sample(4)
	page := MustHTML(t, l)
	doc := MustDocument(t, page)

	if lang, _ := doc.Find("html").Attr("lang"); lang != "nl" {
		t.Errorf(`<html lang=%q>, want "nl"`, lang)
	}
	if n := doc.Find("h1").Length(); n != 1 {
		t.Errorf("%d h1 elements, want 1", n)
	}
	if n := doc.Find("script").Length(); n != 0 {
		t.Errorf("%d scripts, want none", n)
	}
	meta := map[string]string{}
	doc.Find("dl.kenmerken dt").Each(func(_ int, dt *goquery.Selection) {
		meta[dt.Text()] = squash(dt.Next().Text())
	})
	for label, want := range map[string]string{
		"Kenmerk": "UWV/BST/2026/0012", "Datum": "14 mei 2026", "Onderwerp": "Knelpunten in de uitvoering, eerste kwartaal 2026",
		"Aan": "Ministerie van Sociale Zaken en Werkgelegenheid", "Periode": "1 januari 2026 tot en met 31 maart 2026",
	} {
		if meta[label] != want {
			t.Errorf("%s under the letterhead reads %q, want %q", label, meta[label], want)
		}
	}
	if dt, _ := doc.Find("dl.kenmerken time").Attr("datetime"); dt != "2026-05-14" {
		t.Errorf("<time datetime=%q>, want 2026-05-14", dt)
	}
	intro := squash(doc.Find("main > p").Slice(0, 2).Text())
	for _, want := range []string{"Geachte minister,", "4 knelpunten", "1 januari 2026 tot en met 31 maart 2026"} {
		if !strings.Contains(intro, want) {
			t.Errorf("the introduction lacks %q: %q", want, intro)
		}
	}

	sections := doc.Find("section.knelpunt")
	if sections.Length() != len(l.Knelpunten) {
		t.Fatalf("%d knelpunt sections, want %d", sections.Length(), len(l.Knelpunten))
	}
	solutions := []string{"de wet aanpassen", "de beleidsregel aanpassen", "de uitvoering aanpassen", "meer ruimte voor maatwerk"}
	sections.Each(func(i int, s *goquery.Selection) {
		k := l.Knelpunten[i]
		id, _ := s.Attr("aria-labelledby")
		if h2 := s.Find("h2#" + id); h2.Length() != 1 || !strings.Contains(h2.Text(), k.Title.String()) {
			t.Errorf("section %d: heading %q does not name %q (labelled by %q)", i+1, h2.Text(), k.Title, id)
		}
		links := s.Find(`li a[href^="https://wetten.overheid.nl/"]`)
		if links.Length() != len(k.Rules) {
			t.Errorf("section %d: %d links to wetten.overheid.nl, want %d", i+1, links.Length(), len(k.Rules))
		}
		links.Each(func(j int, a *goquery.Selection) {
			if href, _ := a.Attr("href"); href != k.Rules[j].URL || a.Text() != k.Rules[j].Label {
				t.Errorf("section %d rule %d: <a href=%q>%s</a>, want %q to %q", i+1, j+1, href, a.Text(), k.Rules[j].Label, k.Rules[j].URL)
			}
		})
		body := squash(s.Text())
		for _, want := range []string{
			"tussen 1.200 en 1.500 burgers",
			"Zo is dat geschat: Steekproef van 312 dossiers",
			"14 signalen",
			"Wij stellen voor: " + solutions[i%4] + ".",
			"Eenmalig € 1.250.000, structureel € 300.",
			"per jaar, te dragen door het Ministerie van Sociale Zaken en Werkgelegenheid.",
			"Evenredigheid", "Rechtszekerheid",
			"Voor wie: Mensen die ziek uit dienst gingen",
			"financiële problemen",
		} {
			if !strings.Contains(body, want) {
				t.Errorf("section %d lacks %q:\n%s", i+1, want, body)
			}
		}
		if a := s.Find(`a[href="https://schakel.example.nl/casusprudentie/142"]`); a.Text() != "Casus 2025-0142: voorschot teruggevorderd na late beslissing" {
			t.Errorf("section %d: the precedent link reads %q", i+1, a.Text())
		}
		if s.Find(`a[href="`+k.URL+`"]`).Length() != 1 {
			t.Errorf("section %d: no link to the knelpunt's page %s", i+1, k.URL)
		}
	})
	if got := squash(doc.Find("section.knelpunt").Eq(1).Find("p").Text()); !strings.Contains(got, "structureel € 300.012,34 per jaar") {
		t.Errorf("cents are not written the Dutch way: %q", got)
	}

	request := squash(doc.Find("section#verzoek, section[aria-labelledby=verzoek]").Text())
	for _, want := range []string{"op elk knelpunt apart te antwoorden", "binnen de wettelijke termijn van 6 weken", "uiterlijk op 25 juni 2026", "pas toe of leg uit", "UWV/BST/2026/0012"} {
		if !strings.Contains(request, want) {
			t.Errorf("the request lacks %q: %q", want, request)
		}
	}
	if got := squash(doc.Find("main > p").Last().Text()); got != "Het bestuur van UWV" {
		t.Errorf("the letter is signed %q", got)
	}
	if n := doc.Find("nav ol li a").Length(); n != len(l.Knelpunten) {
		t.Errorf("the contents list %d knelpunten, want %d", n, len(l.Knelpunten))
	}
}

func TestNoPersonalDataInTheHTML(t *testing.T) {
	page := string(MustHTML(t, withPersonalPlainText(sample(3))))
	for _, p := range personal {
		if strings.Contains(page, p) {
			t.Errorf("the HTML holds %q", p)
		}
	}
	for _, kept := range []string{"[naam 1]", "[BSN]", "[e-mail]", "UWV", "Ministerie van Sociale Zaken en Werkgelegenheid", "312 dossiers"} {
		if !strings.Contains(page, kept) {
			t.Errorf("the HTML lacks %q", kept)
		}
	}
}

func TestHTMLIsDeterministicAndEscaped(t *testing.T) {
	l := sample(3)
	l.Knelpunten[1].Title = documents.Redact(`<script>alert("x")</script> & "quotes"`, nil)
	l.Knelpunten[1].Rules = append(l.Knelpunten[1].Rules, letters.Rule{Label: "Beleidsregel zonder openbare tekst"})
	a, b := MustHTML(t, l), MustHTML(t, l)
	if !bytes.Equal(a, b) {
		t.Fatal("two renders of one letter differ")
	}
	if bytes.Contains(a, []byte("<script>")) {
		t.Fatalf("markup in a text reached the page")
	}
	doc := MustDocument(t, a)
	if got := doc.Find("#knelpunt-2").Text(); !strings.Contains(got, `<script>alert("x")</script> & "quotes"`) {
		t.Errorf("the escaped title does not read as written: %q", got)
	}
	if li := doc.Find("#knelpunt-2").Parent().Find("ul").First().Find("li").Last(); li.Find("a").Length() != 0 || li.Text() != "Beleidsregel zonder openbare tekst" {
		t.Errorf("a rule without an address renders as %q", li.Text())
	}
}

func TestInvalidLettersAreRefused(t *testing.T) {
	for _, tt := range []struct {
		name   string
		change func(*letters.Letter)
		field  string
	}{
		{"no reference", func(l *letters.Letter) { l.Reference = " " }, "kenmerk"},
		{"no date", func(l *letters.Letter) { l.Date = calendar.Date{} }, "datum"},
		{"no subject", func(l *letters.Letter) { l.Subject = documents.Text{} }, "onderwerp"},
		{"no sender", func(l *letters.Letter) { l.Sender = "" }, "afzender"},
		{"no addressee", func(l *letters.Letter) { l.Addressee = "" }, "geadresseerde"},
		{"period backwards", func(l *letters.Letter) { l.PeriodTo = calendar.DateOf(2025, 12, 31) }, "periode"},
		{"no knelpunten", func(l *letters.Letter) { l.Knelpunten = nil }, "knelpunten"},
		{"invalid term", func(l *letters.Letter) { l.AnswerTerm = calendar.Term{N: 0, Unit: calendar.Weeks} }, "antwoordtermijn"},
		{"no title", func(l *letters.Letter) { l.Knelpunten[1].Title = documents.Text{} }, "knelpunten[1].titel"},
		{"unknown solution", func(l *letters.Letter) { l.Knelpunten[0].Solution = "alles" }, "knelpunten[0].oplossing"},
		{"estimate upside down", func(l *letters.Letter) { l.Knelpunten[0].Citizens = schakel.Estimate{Low: 10, High: 5} }, "knelpunten[0].burgers"},
		{"negative cost", func(l *letters.Letter) { l.Knelpunten[0].Cost.YearlyCents = -1 }, "knelpunten[0].kosten"},
		{"negative signals", func(l *letters.Letter) { l.Knelpunten[0].Signals = -1 }, "knelpunten[0].signalen"},
		{"script address", func(l *letters.Letter) { l.Knelpunten[0].Rules[0].URL = "javascript:alert(1)" }, "knelpunten[0].regels[0].url"},
		{"relative page", func(l *letters.Letter) { l.Knelpunten[1].URL = "/knelpunten/7" }, "knelpunten[1].url"},
		{"precedent without address", func(l *letters.Letter) { l.Knelpunten[0].Precedents[0].URL = "" }, "knelpunten[0].precedenten[0].url"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			l := sample(2)
			tt.change(&l)
			for name, render := range map[string]func(*bytes.Buffer, letters.Letter) error{
				"HTML": func(b *bytes.Buffer, l letters.Letter) error { return letters.HTML(b, l) },
				"PDF":  func(b *bytes.Buffer, l letters.Letter) error { return letters.PDF(b, l) },
			} {
				var b bytes.Buffer
				err := render(&b, l)
				var e *schakel.Error
				if !errors.As(err, &e) || e.Code != schakel.EINVALID {
					t.Fatalf("%s: error %v, want EINVALID", name, err)
				}
				if b.Len() != 0 {
					t.Errorf("%s wrote %d bytes of an invalid letter", name, b.Len())
				}
				found := false
				for _, f := range e.Fields {
					found = found || f.Field == tt.field
					if f.Reason() == "" {
						t.Errorf("field %s has no message", f.Field)
					}
				}
				if !found {
					t.Errorf("%s: fields %+v, want %s among them", name, e.Fields, tt.field)
				}
			}
		})
	}
	if err := sample(2).Validate(); err != nil {
		t.Errorf("the sample is invalid: %v", err)
	}
}

func TestFindingsForTheReviewer(t *testing.T) {
	l := withPersonalPlainText(sample(1))
	kinds := map[string]bool{}
	for _, f := range l.Findings() {
		kinds[string(f.Kind)] = true
	}
	for _, want := range []string{"naam", "bsn", "e-mail", "telefoonnummer", "adres"} {
		if !kinds[want] {
			t.Errorf("no finding of kind %s for the reviewer; kinds: %v", want, kinds)
		}
	}
}

func TestFilename(t *testing.T) {
	at := calendar.DateOf(2026, 5, 14)
	for _, tt := range []struct {
		ref, ext, want string
	}{
		{"UWV/BST/2026/0012", "pdf", "knelpuntenbrief-UWV-BST-2026-0012.pdf"},
		{"UWV/BST/2026/0012", ".html", "knelpuntenbrief-UWV-BST-2026-0012.html"},
		{"../../etc/passwd", "pdf", "knelpuntenbrief-etc-passwd.pdf"},
		{"SVB 2026 – brief 3 (concept)", "PDF", "knelpuntenbrief-SVB-2026-brief-3-concept.pdf"},
		{"", "pdf", "knelpuntenbrief-2026-05-14.pdf"},
		{"///", "", "knelpuntenbrief-2026-05-14"},
		{"Brief_1", "p/d\\f", "knelpuntenbrief-Brief_1.pdf"},
	} {
		got := letters.Filename(letters.Letter{Reference: tt.ref, Date: at}, tt.ext)
		if got != tt.want {
			t.Errorf("Filename(%q, %q) = %q, want %q", tt.ref, tt.ext, got, tt.want)
		}
	}
	long := letters.Filename(letters.Letter{Reference: strings.Repeat("ab/", 200)}, "pdf")
	if len(long) > 110 || strings.ContainsAny(long, "/\\") || strings.HasPrefix(long, ".") {
		t.Errorf("Filename of a long reference = %q (%d bytes)", long, len(long))
	}
}

// pdfText returns the text of a PDF as pdftotext -layout extracts it. It
// skips the test when pdftotext is missing, and fails it then when
// SCHAKEL_E2E_REQUIRED=1 (as in CI).
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		const how = "pdftotext (Debian poppler-utils) is not installed: apt-get install poppler-utils"
		if os.Getenv("SCHAKEL_E2E_REQUIRED") == "1" {
			t.Fatalf("%s; SCHAKEL_E2E_REQUIRED=1 makes this a failure", how)
		}
		t.Skipf("%s to check the PDF's text (set SCHAKEL_E2E_REQUIRED=1 to fail instead)", how)
	}
	file := filepath.Join(t.TempDir(), "brief.pdf")
	if err := os.WriteFile(file, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(tool, "-layout", "-enc", "UTF-8", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

func TestPDFText(t *testing.T) {
	l := withPersonalPlainText(sample(12))
	pdf := MustPDF(t, l)
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("no PDF header: %q", pdf[:min(len(pdf), 16)])
	}
	raw := pdfText(t, pdf)
	txt := squash(raw)
	want := []string{
		"UWV/BST/2026/0012",
		"Knelpunten in de uitvoering, eerste kwartaal 2026",
		"€ 1.250.000",
		"€ 300.012,34",
		"financiële",
		"Eén loket ontbreekt",
		"tussen 1.200 en 1.500 burgers",
		"Wij stellen voor: meer ruimte voor maatwerk.",
		"‘pas toe of leg uit’",
		"Het bestuur van UWV",
	}
	for _, k := range l.Knelpunten {
		want = append(want, k.Title.String())
	}
	for _, w := range want {
		if !strings.Contains(txt, w) {
			t.Errorf("the PDF's text lacks %q", w)
		}
	}
	for _, p := range personal {
		if strings.Contains(txt, p) {
			t.Errorf("the PDF's text holds %q", p)
		}
	}
	pages := regexp.MustCompile(`pagina (\d+) van (\d+)`).FindAllStringSubmatch(raw, -1)
	if len(pages) < 3 {
		t.Fatalf("%d page numbers in the text of a letter of 12 knelpunten, want several", len(pages))
	}
	total := pages[0][2]
	for i, m := range pages {
		if m[1] != strconv.Itoa(i+1) || m[2] != total {
			t.Errorf("page %d is numbered %q", i+1, m[0])
		}
	}
	if got := strconv.Itoa(len(pages)); got != total {
		t.Errorf("%s pages are numbered, the footers say %s", got, total)
	}
}

func TestPDFIsByteIdentical(t *testing.T) {
	l := sample(5)
	a, b := MustPDF(t, l), MustPDF(t, l)
	if !bytes.Equal(a, b) {
		t.Fatalf("two renders of one letter differ (%d and %d bytes)", len(a), len(b))
	}
	// Concurrent renders share nothing that changes the bytes.
	done := make(chan []byte)
	for range 4 {
		go func() {
			var buf bytes.Buffer
			if err := letters.PDF(&buf, l); err != nil {
				t.Error(err)
			}
			done <- buf.Bytes()
		}()
	}
	for range 4 {
		if c := <-done; !bytes.Equal(a, c) {
			t.Error("a concurrent render differs")
		}
	}
	for _, want := range []string{
		"/CreationDate (D:20260514000000)",
		"/ModDate (D:20260514000000)",
		"/Lang (nl-NL)",
		"/S /URI /URI (https://wetten.overheid.nl/jci1.3:c:BWBR0019057&artikel=64&lid=1)",
		"/S /URI /URI (https://schakel.example.nl/casusprudentie/142)",
		"/S /URI /URI (https://schakel.example.nl/knelpunten/101)",
		"/Encoding /WinAnsiEncoding",
	} {
		if !bytes.Contains(a, []byte(want)) {
			t.Errorf("the PDF lacks %s", want)
		}
	}
	// Another date is another document.
	l.Date = calendar.DateOf(2026, 5, 15)
	if c := MustPDF(t, l); bytes.Equal(a, c) {
		t.Error("a letter of another date renders to the same bytes")
	}
}

func TestPDFWrapsLongTexts(t *testing.T) {
	l := sample(1)
	long := strings.Repeat("Dit is een lange zin over een regel die in de uitvoering anders uitpakt dan bedoeld. ", 120)
	l.Knelpunten[0].Problem = text(long + "Einde van de lange tekst.")
	l.Knelpunten[0].Rules[0].URL = "https://wetten.overheid.nl/jci1.3:c:BWBR0019057&artikel=64&lid=1&z=" + strings.Repeat("x", 300)
	raw := pdfText(t, MustPDF(t, l))
	for _, ln := range strings.Split(raw, "\n") {
		if n := len([]rune(strings.TrimRight(ln, " "))); n > 130 {
			t.Errorf("a line of %d characters runs off the page: %q", n, ln)
		}
	}
	if !strings.Contains(squash(raw), "Einde van de lange tekst.") {
		t.Error("the end of a long text is lost")
	}
	if !strings.Contains(raw, "pagina 2 van") {
		t.Error("a long text does not continue on a second page")
	}
}
