package letters

import (
	"math"
	"slices"
	"testing"

	"github.com/schakel-nl/schakel"
)

func TestDutchNumbers(t *testing.T) {
	for _, tt := range []struct {
		n    int64
		want string
	}{
		{0, "0"}, {7, "7"}, {999, "999"}, {1000, "1.000"}, {1200, "1.200"}, {12345, "12.345"},
		{1250000, "1.250.000"}, {-1500, "-1.500"}, {math.MaxInt64, "9.223.372.036.854.775.807"},
		{math.MinInt64, "-9.223.372.036.854.775.808"},
	} {
		if got := number(tt.n); got != tt.want {
			t.Errorf("number(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
	for _, tt := range []struct {
		cents int64
		want  string
	}{
		{0, "€ 0"}, {5, "€ 0,05"}, {100, "€ 1"}, {125000000, "€ 1.250.000"}, {125000050, "€ 1.250.000,50"},
		{30001234, "€ 300.012,34"}, {-250, "€ -2,50"}, {math.MinInt64, "€ -92.233.720.368.547.758,08"},
	} {
		if got := euro(tt.cents); got != tt.want {
			t.Errorf("euro(%d) = %q, want %q", tt.cents, got, tt.want)
		}
	}
}

func TestSentencesOfNumbers(t *testing.T) {
	for _, tt := range []struct {
		e    schakel.Estimate
		want string
	}{
		{schakel.Estimate{Low: 1200, High: 1500}, "Naar schatting gaat het om tussen 1.200 en 1.500 burgers."},
		{schakel.Estimate{Low: 1, High: 1}, "Naar schatting gaat het om 1 burger."},
		{schakel.Estimate{Low: 40, High: 40}, "Naar schatting gaat het om 40 burgers."},
		{schakel.Estimate{High: 300}, "Naar schatting gaat het om ten hoogste 300 burgers."},
		{schakel.Estimate{}, "Hoeveel burgers dit treft, is niet geschat."},
	} {
		if got := citizensText(tt.e); got != tt.want {
			t.Errorf("citizensText(%+v) = %q, want %q", tt.e, got, tt.want)
		}
	}
	for _, tt := range []struct {
		c       schakel.Cost
		borneBy string
		want    string
	}{
		{schakel.Cost{OnceCents: 125000000, YearlyCents: 30000000}, "UWV", "Eenmalig € 1.250.000, structureel € 300.000 per jaar, te dragen door UWV."},
		{schakel.Cost{YearlyCents: 30000050}, "", "Structureel € 300.000,50 per jaar."},
		{schakel.Cost{OnceCents: 99}, "het Rijk.", "Eenmalig € 0,99, te dragen door het Rijk."},
		{schakel.Cost{}, "UWV", "Er zijn geen kosten geschat."},
	} {
		if got := costText(tt.c, tt.borneBy); got != tt.want {
			t.Errorf("costText(%+v, %q) = %q, want %q", tt.c, tt.borneBy, got, tt.want)
		}
	}
	if got := signalsText(1); got != "Professionals hebben dit gemeld in 1 signaal." {
		t.Errorf("signalsText(1) = %q", got)
	}
	if got := signalsText(1234); got != "Professionals hebben dit gemeld in 1.234 signalen." {
		t.Errorf("signalsText(1234) = %q", got)
	}
	for s, want := range map[schakel.Solution]string{
		schakel.SolutionLaw: "de wet aanpassen", schakel.SolutionPolicy: "de beleidsregel aanpassen",
		schakel.SolutionImplementation: "de uitvoering aanpassen", schakel.SolutionMaatwerk: "meer ruimte voor maatwerk",
	} {
		if got := solutionWords(s); got != want {
			t.Errorf("solutionWords(%q) = %q, want %q", s, got, want)
		}
	}
}

func TestParagraphsAndClean(t *testing.T) {
	got := paragraphs("Eerste regel\r\nloopt door.\n \n\tTweede\x00 alinea.\n\n\n\u0085Derde \xff.")
	want := []string{"Eerste regel loopt door.", "Tweede alinea.", "Derde \uFFFD."}
	if !slices.Equal(got, want) {
		t.Errorf("paragraphs = %q, want %q", got, want)
	}
	if got := line("  a\n\tb  "); got != "a b" {
		t.Errorf("line = %q", got)
	}
	if got := sentence("Steekproef"); got != "Steekproef." {
		t.Errorf("sentence = %q", got)
	}
	if got := sentence("Hoe? "); got != "Hoe?" {
		t.Errorf("sentence = %q", got)
	}
}

func TestLookAlikes(t *testing.T) {
	p := newPDF(&view{})
	if got := p.tr("€ é ë ï ‘x’ – • ≥ \u2011 \ufffd ☃"); got != "\x80 \xe9 \xeb \xef \x91x\x92 \x96 \x95 >= - ? ." {
		t.Errorf("cp1252 of the sample = %q", got)
	}
}
