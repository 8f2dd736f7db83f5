package report

import (
	"strconv"
	"strings"

	"github.com/schakel-nl/schakel"
)

// proposals is chapter 6: implementation assessments and the answers to
// them, with the secretary-general's signatures.
func proposals(r Report) chapter {
	paras := []string{"Voordat een wet of regel naar het parlement gaat, vraagt het ministerie uitvoeringsorganisaties of die uit te voeren is: " +
		"de uitvoeringstoets. De minister moet op elke toets antwoorden. " +
		"In " + strconv.Itoa(r.Year) + " zijn " + plural(int64(r.ProposalsTotal), "voorstel", "voorstellen") + " geregistreerd."}
	if len(r.Proposals) == 0 {
		return chapter{Title: "Uitvoeringstoetsen en antwoorden", Blocks: []block{{Paras: paras}}}
	}
	if len(r.Proposals) < r.ProposalsTotal {
		paras = append(paras, "Alleen de nieuwste "+strconv.Itoa(len(r.Proposals))+" staan hieronder.")
	}
	tb := &table{Caption: "Voorstellen en hun toetsen", Head: []string{"Voorstel", "Ministerie", "Stand", "Toetsen", "Uitgebracht", "Beantwoord", "Getekend"},
		Num: []bool{false, false, false, true, true, true, false}}
	verdicts := map[schakel.Verdict]int{}
	for _, p := range r.Proposals {
		delivered, answered := 0, 0
		for _, a := range p.Assessments {
			if !a.Delivered.IsZero() {
				delivered++
				verdicts[a.Verdict]++
			}
			if !a.Answered.IsZero() {
				answered++
			}
		}
		tb.Rows = append(tb.Rows, []string{p.Title.String() + " (" + words(string(p.Kind)) + ")", p.Ministry, words(string(p.State)),
			strconv.Itoa(len(p.Assessments)), strconv.Itoa(delivered), strconv.Itoa(answered), dateText(p.Signed)})
	}
	var bars []bar
	for _, v := range []schakel.Verdict{schakel.VerdictExecutable, schakel.VerdictConditional, schakel.VerdictNot} {
		bars = append(bars, bar{verdictName(v), verdicts[v]})
	}
	blocks := []block{{Paras: paras}, {Chart: newChart("toetsen-oordeel", "Uitgebrachte toetsen per oordeel", "Oordeel", "Toetsen", bars)}, {Table: tb}}
	for _, p := range r.Proposals {
		if len(p.Assessments) == 0 {
			continue
		}
		at := &table{Caption: "Toetsen bij " + p.Title.String(), Head: []string{"Organisatie", "Stand", "Oordeel", "Uitgebracht", "Beantwoord"},
			Num: make([]bool, 5)}
		for _, a := range p.Assessments {
			at.Rows = append(at.Rows, []string{a.Organisation, words(string(a.State)), verdictName(a.Verdict), dateText(a.Delivered), dateText(a.Answered)})
		}
		blocks = append(blocks, block{Heading: p.Title.String(), Table: at})
	}
	return chapter{Title: "Uitvoeringstoetsen en antwoorden", Blocks: blocks}
}

// verdictName returns an assessment's verdict in words.
func verdictName(v schakel.Verdict) string {
	switch v {
	case "":
		return "–"
	case schakel.VerdictExecutable:
		return "Uitvoerbaar"
	case schakel.VerdictConditional:
		return "Uitvoerbaar onder voorwaarden"
	case schakel.VerdictNot:
		return "Niet uitvoerbaar"
	}
	return words(string(v))
}

// returned is chapter 7: the assignments organisations returned to their
// ministry, with the minister's answers; open ones with their due date.
func returned(r Report) chapter {
	open := 0
	for _, a := range r.Returned {
		if a.Open {
			open++
		}
	}
	paras := []string{"Een uitvoeringsorganisatie kan een opdracht teruggeven aan haar ministerie als die niet uit te voeren is " +
		"of tegen de beginselen van de rechtsstaat ingaat. De minister moet dan antwoorden. " +
		"In " + strconv.Itoa(r.Year) + " zijn " + plural(int64(r.ReturnedTotal), "opdracht", "opdrachten") + " teruggegeven; " +
		"op de peildatum " + waiting(open) + " op antwoord."}
	if len(r.Returned) == 0 {
		return chapter{Title: "Teruggegeven opdrachten", Blocks: []block{{Paras: paras}}}
	}
	if len(r.Returned) < r.ReturnedTotal {
		paras = append(paras, "Alleen de nieuwste "+strconv.Itoa(len(r.Returned))+" staan hieronder.")
	}
	tb := &table{Caption: "Teruggegeven opdrachten", Head: []string{"Organisatie", "Ministerie", "Teruggegeven", "Stand", "Antwoord uiterlijk"},
		Num: make([]bool, 5)}
	blocks := []block{{Paras: paras}, {Table: tb}}
	for _, a := range r.Returned {
		due := "–"
		if a.Open {
			due = a.Due.Dutch()
			if a.Overdue {
				due += " (te laat)"
			}
		}
		tb.Rows = append(tb.Rows, []string{a.Organisation, a.Ministry, a.At.Dutch(), words(string(a.State)), due})
		b := block{Heading: a.Organisation + " aan " + a.Ministry + ", " + a.At.Dutch()}
		if len(a.Principles) > 0 {
			b.Paras = append(b.Paras, "Beginselen: "+strings.Join(a.Principles, ", ")+".")
		}
		if a.Missed {
			b.Paras = append(b.Paras, "Een termijn is gemist.")
		}
		if len(a.Answers) == 0 {
			b.Paras = append(b.Paras, "De minister heeft nog niet geantwoord.")
		}
		for _, ans := range a.Answers {
			b.Paras = append(b.Paras, answerParas(ans)...)
		}
		blocks = append(blocks, b)
	}
	return chapter{Title: "Teruggegeven opdrachten", Blocks: blocks}
}

// waiting returns "wachtte er 1" or "wachtten er n".
func waiting(n int) string {
	if n == 1 {
		return "wachtte er 1"
	}
	return "wachtten er " + number(int64(n))
}

// answerParas are the paragraphs of one answer of the minister.
func answerParas(a Answer) []string {
	kind := "Leg uit"
	switch a.Kind {
	case schakel.Comply:
		kind = "Pas toe"
	case schakel.Partial:
		kind = "Deels"
	}
	head := "Antwoord van de minister op " + a.At.Dutch() + ": " + kind
	if a.Late {
		head += " (te laat)"
	}
	out := []string{head + "."}
	if s := a.Changes.String(); s != "" {
		what := "Wat verandert: " + s
		if !a.ByWhen.IsZero() {
			what += " Uiterlijk " + a.ByWhen.Dutch() + "."
		}
		out = append(out, what)
	}
	why := "Uitleg bij "
	if a.Kind == schakel.Partial {
		why = "Wat niet, en waarom, bij "
	}
	for _, m := range a.Motivations {
		out = append(out, why+m.Principle+": "+m.Text.String())
	}
	return out
}

// precedent is chapter 8: counts of the register of case precedent.
func precedent(r Report) chapter {
	p := r.Precedent
	paras := []string{"In de casusprudentie staan besluiten over moeilijke gevallen, zonder namen, zodat gelijke gevallen gelijk " +
		"worden behandeld. Van " + strconv.Itoa(r.Year) + " zijn op de peildatum " + plural(int64(p.Total), "casus", "casussen") + " gepubliceerd.",
		"Dit rapport telt alleen; de casussen zelf staan in het register."}
	blocks := []block{{Paras: paras}}
	if len(p.ByOutcome) > 0 {
		var bars []bar
		for _, c := range p.ByOutcome {
			bars = append(bars, bar{c.Label, c.N})
		}
		blocks = append(blocks, block{Chart: newChart("casus-uitkomst", "Gepubliceerde casussen per uitkomst", "Uitkomst", "Casussen", bars)})
	}
	if len(p.ByOrganisation) > 0 {
		tb := &table{Caption: "Gepubliceerde casussen per organisatie", Head: []string{"Organisatie", "Casussen"}, Num: []bool{false, true}}
		for _, c := range p.ByOrganisation {
			tb.Rows = append(tb.Rows, []string{c.Label, number(int64(c.N))})
		}
		blocks = append(blocks, block{Table: tb})
	}
	if r.SiteURL != "" {
		blocks = append(blocks, block{Link: &link{"Het register van casusprudentie", strings.TrimSuffix(r.SiteURL, "/") + "/casusprudentie"}})
	}
	return chapter{Title: "Casusprudentie", Blocks: blocks}
}

// number returns n the Dutch way, with a dot between thousands.
func number(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
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

// euro returns an amount in cents as whole euros: "€ 1.250.000".
func euro(cents int64) string { return "€ " + number(cents/100) }

// plural returns "1 wet" or "3 wetten", with n grouped.
func plural(n int64, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return number(n) + " " + many
}
