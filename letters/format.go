package letters

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/schakel-nl/schakel"
)

// itoa returns n in decimal without grouping, for field names.
func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// number returns n the Dutch way, with a dot between thousands:
// 1234567 → "1.234.567".
func number(n int64) string {
	neg := n < 0
	u := uint64(n)
	if neg {
		u = -u // two's complement: correct for math.MinInt64 too
	}
	s := strconv.FormatUint(u, 10)
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	first := len(s) % 3
	if first == 0 {
		first = 3
	}
	b.WriteString(s[:first])
	for i := first; i < len(s); i += 3 {
		b.WriteByte('.')
		b.WriteString(s[i : i+3])
	}
	return b.String()
}

// euro returns an amount in cents as Dutch text: "€ 1.250.000" for whole
// euros, "€ 1.250.000,50" when there are cents.
func euro(cents int64) string {
	neg := cents < 0
	u := uint64(cents)
	if neg {
		u = -u
	}
	s := "€ "
	if neg {
		s += "-"
	}
	s += number(int64(u / 100)) // below math.MaxInt64 for any uint64
	if c := u % 100; c != 0 {
		s += "," + string(rune('0'+c/10)) + string(rune('0'+c%10))
	}
	return s
}

// plural returns "1 signaal" or "n signalen", with n grouped.
func plural(n int64, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return number(n) + " " + many
}

// solutionWords says what a solution changes, in words: "de wet aanpassen".
func solutionWords(s schakel.Solution) string {
	switch s {
	case schakel.SolutionLaw:
		return "de wet aanpassen"
	case schakel.SolutionPolicy:
		return "de beleidsregel aanpassen"
	case schakel.SolutionImplementation:
		return "de uitvoering aanpassen"
	case schakel.SolutionMaatwerk:
		return "meer ruimte voor maatwerk"
	}
	return "een andere oplossing"
}

// citizensText says how many citizens a knelpunt affects: "Naar schatting
// gaat het om tussen 1.200 en 1.500 burgers."
func citizensText(e schakel.Estimate) string {
	switch {
	case e.Low == 0 && e.High == 0:
		return "Hoeveel burgers dit treft, is niet geschat."
	case e.Low == e.High:
		return "Naar schatting gaat het om " + plural(e.Low, "burger", "burgers") + "."
	case e.Low == 0:
		return "Naar schatting gaat het om ten hoogste " + plural(e.High, "burger", "burgers") + "."
	}
	return "Naar schatting gaat het om tussen " + number(e.Low) + " en " + number(e.High) + " burgers."
}

// signalsText says how many signals a knelpunt rests on.
func signalsText(n int) string {
	if n <= 0 {
		return "Over dit knelpunt zijn geen signalen van professionals geteld."
	}
	return "Professionals hebben dit gemeld in " + plural(int64(n), "signaal", "signalen") + "."
}

// costText says what a solution costs and who bears it: "Eenmalig
// € 1.250.000, structureel € 300.000 per jaar, te dragen door UWV."
// borneBy is redacted already.
func costText(c schakel.Cost, borneBy string) string {
	var parts []string
	if c.OnceCents != 0 {
		parts = append(parts, "eenmalig "+euro(c.OnceCents))
	}
	if c.YearlyCents != 0 {
		parts = append(parts, "structureel "+euro(c.YearlyCents)+" per jaar")
	}
	if len(parts) == 0 {
		return "Er zijn geen kosten geschat."
	}
	if borneBy != "" {
		parts = append(parts, "te dragen door "+strings.TrimRight(borneBy, ".!? "))
	}
	s := strings.Join(parts, ", ")
	return strings.ToUpper(s[:1]) + s[1:] + "."
}

// sentence returns s ending in a full stop (or the question or exclamation
// mark it ends in).
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || strings.HasSuffix(s, ".") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "!") {
		return s
	}
	return s + "."
}

// clean makes s safe to lay out: valid UTF-8, no control characters but
// line breaks (tabs become spaces, "\r\n" and "\r" become "\n"), and no
// spaces at its ends.
func clean(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\n':
			return r
		case r == '\r' || r == '\t':
			return ' '
		case r < ' ' || r == 0x7f || (r >= 0x80 && r < 0xa0):
			return -1
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}

// line returns s cleaned and on one line.
func line(s string) string {
	return strings.Join(strings.Fields(clean(s)), " ")
}

// paragraphs splits s into its paragraphs, the parts between blank lines,
// each on one line.
func paragraphs(s string) []string {
	var out []string
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			out = append(out, strings.Join(cur, " "))
			cur = cur[:0]
		}
	}
	for _, l := range strings.Split(clean(s), "\n") {
		if f := strings.Fields(l); len(f) > 0 {
			cur = append(cur, strings.Join(f, " "))
		} else {
			flush()
		}
	}
	flush()
	return out
}
