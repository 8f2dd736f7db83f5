package report_test

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/documents"
	"github.com/schakel-nl/schakel/report"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// personal is what the sample's texts held before redaction; none of it
// may reach a report.
var personal = []string{"Jansen", "111222333", "jansen@example.nl", "06-12345678", "Kerkstraat"}

// sample returns a report with something in every chapter, and texts
// that held personal data before they were redacted.
func sample() report.Report {
	d := calendar.MustParseDate
	redacted := func(s string) documents.Text { return documents.Redact(s, []string{"Jansen"}) }
	fig := func(n int) report.Figures {
		return report.Figures{Requests: 10 * n, Open: n, Overdue: n / 2, Answered: 9 * n, Complied: 5 * n, Partial: n, Explained: 3 * n, OnTime: 8 * n,
			MedianDays: 12 + n, P90Days: 30 + n, Missed: n, Escalated: n / 2, CitizenBrakes: 5 * n, ProfessionalBrakes: 2 * n, OrganisationBrakes: n}
	}
	uwv := fig(3)
	uwv.CitizenBrakesHeld = true
	total := fig(5)
	total.CitizenBrakesHeld = true
	return report.Report{
		Year: 2026, Cutoff: d("2027-01-31"), MinCitizenBrakes: 5, HeldBack: 1,
		Total:         total,
		Ministries:    []report.Group{{Name: "Ministerie van Sociale Zaken en Werkgelegenheid", Figures: fig(4)}, {Name: "", Figures: fig(1)}},
		Organisations: []report.Group{{Name: "SVB", Figures: fig(2)}, {Name: "UWV", Figures: uwv}},
		Types:         []report.Group{{Name: "bezwaar", Figures: fig(2)}, {Name: "noodrem-organisatie", Figures: fig(1)}, {Name: "knelpunt", Figures: report.Figures{MedianDays: -1, P90Days: -1}}},
		Terms:         []report.Term{{Type: schakel.TypeObjection, Term: "6 weken", Days: 42}, {Type: schakel.TypeOrganisationBrake, Term: "6 weken", Days: 42}},
		Laws:          []report.Law{{Law: "BWBR0019057", Knelpunten: 4, Organisations: 2, CitizensLow: 1200, CitizensHigh: 3400, CostOnceCents: 125000000, CostYearlyCents: 4000000}},
		LawsTotal:     3,
		Proposals: []report.Proposal{{Title: redacted("Wijziging Wet WIA voorschotten"), Ministry: "Ministerie van Sociale Zaken en Werkgelegenheid",
			Kind: schakel.KindBill, State: schakel.ProposalSigned, Created: d("2026-03-02"), Signed: d("2026-05-20"),
			Assessments: []report.Assessment{
				{Organisation: "UWV", State: schakel.AssessmentAnswered, Verdict: schakel.VerdictConditional, Delivered: d("2026-04-01"), Answered: d("2026-04-20")},
				{Organisation: "SVB", State: schakel.AssessmentRequested},
			}}},
		ProposalsTotal: 1,
		Returned: []report.Returned{
			{Organisation: "UWV", Ministry: "Ministerie van Sociale Zaken en Werkgelegenheid", At: d("2026-06-01"), State: schakel.StateAnswered,
				Principles: []string{"Evenredigheid", "Zorgvuldigheid"}, Answers: []report.Answer{{At: d("2026-07-01"), Kind: schakel.Explain,
					Motivations: []report.Motivation{{Principle: "Evenredigheid", Text: redacted("Mevrouw Jansen (BSN 111222333, jansen@example.nl, 06-12345678) woont aan de Kerkstraat 12; de wet laat geen ruimte.")}}}}},
			{Organisation: "SVB", Ministry: "Ministerie van Sociale Zaken en Werkgelegenheid", At: d("2026-12-10"), State: schakel.StateOpen,
				Open: true, Overdue: true, Due: d("2027-01-21")},
		},
		ReturnedTotal: 2,
		Precedent: report.Precedent{Total: 7, ByOutcome: []report.Count{{Label: "Maatwerk", N: 5}, {Label: "Gezagsvol nee", N: 2}, {Label: "Alleen signaal", N: 0}},
			ByOrganisation: []report.Count{{Label: "UWV", N: 7}}},
		SiteURL: "https://schakel.example.nl",
	}
}

func render(t *testing.T, r report.Report) (html, pdf []byte) {
	t.Helper()
	var h, p bytes.Buffer
	if err := report.HTML(&h, r); err != nil {
		t.Fatal(err)
	}
	if err := report.PDF(&p, r); err != nil {
		t.Fatal(err)
	}
	return h.Bytes(), p.Bytes()
}

func TestGolden(t *testing.T) {
	html, pdf := render(t, sample())
	for name, got := range map[string][]byte{"sample.html": html, "sample.pdf": pdf} {
		file := filepath.Join("testdata", name)
		if *update {
			if err := os.WriteFile(file, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(file)
		if err != nil {
			t.Fatalf("%v (run go test ./report -update to write it)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from the golden file (%d bytes, want %d); check the change and run go test ./report -update", name, len(got), len(want))
		}
	}
}

func TestByteIdentical(t *testing.T) {
	h1, p1 := render(t, sample())
	h2, p2 := render(t, sample())
	if !bytes.Equal(h1, h2) {
		t.Error("two renderings of the same report give different HTML")
	}
	if !bytes.Equal(p1, p2) {
		t.Error("two renderings of the same report give different PDFs")
	}
	if !bytes.Contains(p1, []byte("/CreationDate (D:20270131000000")) {
		t.Error("the PDF's creation date is not the cut-off date")
	}
	if bytes.Contains(p1, []byte("/FlateDecode")) {
		t.Error("the PDF is compressed; its bytes would depend on zlib")
	}
}

func TestHTMLCharts(t *testing.T) {
	html, _ := render(t, sample())
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(html))
	if err != nil {
		t.Fatal(err)
	}
	if n := doc.Find("main > section > h2").Length(); n != 8 {
		t.Errorf("%d chapters, want 8", n)
	}
	if n := doc.Find("nav ol li a").Length(); n != 8 {
		t.Errorf("%d chapters in the contents, want 8", n)
	}
	charts := doc.Find("figure.grafiek")
	if charts.Length() < 6 {
		t.Errorf("%d charts, want at least 6", charts.Length())
	}
	charts.Each(func(i int, f *goquery.Selection) {
		svg := f.Find(`svg[role="img"]`)
		id, _ := svg.Attr("aria-labelledby")
		if svg.Length() != 1 || svg.Find("title#"+id).Length() != 1 {
			t.Errorf("chart %d: no svg with role img labelled by its title", i)
		}
		bars, rows := svg.Find("rect").Length(), f.Find("table tbody tr").Length()
		if bars == 0 && rows == 0 || rows != svg.Find("g.staaf").Length() {
			t.Errorf("chart %d: %d bars, %d rows in its table", i, bars, rows)
		}
	})
	if got := doc.Find("#remmen-niveau tbody tr").First().Find("td").Text(); got != "25" {
		t.Errorf("citizens' brakes in the chart's table = %q, want 25", got)
	}
	if doc.Find(`a[href="https://schakel.example.nl/casusprudentie"]`).Length() != 1 {
		t.Error("no link to the register of case precedent")
	}
	if doc.Find("script, link, img").Length() != 0 {
		t.Error("the file is not self-contained")
	}
}

func TestPDFText(t *testing.T) {
	_, pdf := render(t, sample())
	text := pdfText(t, pdf)
	for _, want := range []string{"Staat van de Uitvoering 2026", "Inhoud", "1 Inleiding", "2 Noodremmen", "3 Pas toe of leg uit", "4 Termijnen",
		"5 Knelpunten per wet", "6 Uitvoeringstoetsen en antwoorden", "7 Teruggegeven opdrachten", "8 Casusprudentie",
		"Grafiek: Noodremmen per niveau", "Grafiek: Knelpunten per wet", "Wet WIA", "€ 1.250.000", "31 januari 2027",
		"21 januari 2027", "Uitleg bij Evenredigheid", "Uitvoerbaar onder voorwaarden", "pagina 1 van"} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF's text lacks %q", want)
		}
	}
	if !regexp.MustCompile(`2 Noodremmen +\d+`).MatchString(text) {
		t.Error("the contents give no page for chapter 2")
	}
	if n := bytes.Count(pdf, []byte(" re f")); n < 10 {
		t.Errorf("%d filled rectangles in the PDF, want the charts' bars", n)
	}
	if !bytes.Contains(pdf, []byte("/Outlines")) {
		t.Error("the PDF has no outline")
	}
}

func TestNoPersonalData(t *testing.T) {
	html, pdf := render(t, sample())
	text := pdfText(t, pdf)
	for _, s := range personal {
		for name, out := range map[string]string{"html": string(html), "pdf": string(pdf), "pdf text": text} {
			if strings.Contains(out, s) {
				t.Errorf("the %s holds %q", name, s)
			}
		}
	}
	if !strings.Contains(text, "de wet laat geen ruimte") {
		t.Error("the minister's redacted motivation is missing")
	}
}

func TestInvalid(t *testing.T) {
	r := sample()
	r.Year, r.Cutoff = 1999, calendar.Date{}
	var b bytes.Buffer
	err := report.HTML(&b, r)
	if schakel.ErrorCode(err) != schakel.EINVALID || b.Len() != 0 {
		t.Fatalf("HTML of an invalid report: %v, %d bytes", err, b.Len())
	}
	for _, f := range []string{"jaar", "peildatum"} {
		if !hasField(err, f) {
			t.Errorf("the error does not name %s: %v", f, err)
		}
	}
	r = sample()
	r.Cutoff = calendar.MustParseDate("2025-12-31")
	if err := report.PDF(&b, r); !hasField(err, "peildatum") {
		t.Errorf("a cut-off before the year: %v", err)
	}
}

func hasField(err error, field string) bool {
	e, ok := err.(*schakel.Error)
	if !ok {
		return false
	}
	for _, f := range e.Fields {
		if f.Field == field {
			return true
		}
	}
	return false
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
	file := filepath.Join(t.TempDir(), "rapport.pdf")
	if err := os.WriteFile(file, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(tool, "-layout", "-enc", "UTF-8", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}
