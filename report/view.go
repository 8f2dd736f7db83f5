package report

import (
	"strconv"
	"strings"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/ruleref"
)

// view is a report laid out in words, numbers and charts: what HTML and
// PDF both render, so the two hold the same content.
type view struct {
	Title    string
	Subtitle string
	Meta     []field
	Chapters []chapter
}

// field is a label and its value.
type field struct{ Label, Value string }

// chapter is one numbered chapter of the report.
type chapter struct {
	Num    int
	Anchor string
	Title  string
	Blocks []block
}

// Heading returns "2 Noodremmen".
func (c chapter) Heading() string { return strconv.Itoa(c.Num) + " " + c.Title }

// block is a part of a chapter: a subheading, paragraphs, a chart with
// its table, a table alone or a link. Exactly the set fields are shown,
// in that order.
type block struct {
	Heading string
	Paras   []string
	Chart   *chart
	Table   *table
	Link    *link
}

// chart is a horizontal bar chart; its table holds the same numbers.
type chart struct {
	ID    string
	Title string
	Bars  []bar
	Max   int
	Table table
}

// bar is one bar of a chart.
type bar struct {
	Label string
	Value int
}

// table is a table with a caption and a header row; Num marks the columns
// that hold numbers (right-aligned).
type table struct {
	Caption string
	Head    []string
	Num     []bool
	Rows    [][]string
}

// link is a titled web address.
type link struct{ Text, URL string }

// newChart returns a chart of bars with a table of label and value.
func newChart(id, title, labelHead, valueHead string, bars []bar) *chart {
	c := &chart{ID: id, Title: title, Bars: bars}
	c.Table = table{Caption: title, Head: []string{labelHead, valueHead}, Num: []bool{false, true}}
	for _, b := range bars {
		c.Max = max(c.Max, b.Value)
		c.Table.Rows = append(c.Table.Rows, []string{b.Label, number(int64(b.Value))})
	}
	return c
}

// build lays out r.
func build(r Report) (*view, error) {
	if err := r.Validate(); err != nil {
		return nil, err
	}
	v := &view{
		Title:    "Staat van de Uitvoering " + strconv.Itoa(r.Year),
		Subtitle: "Hoe de overheid in " + strconv.Itoa(r.Year) + " antwoord gaf aan de uitvoering",
		Meta: []field{
			{"Jaar", strconv.Itoa(r.Year) + " (" + r.From().Dutch() + " tot en met " + r.To().Dutch() + ")"},
			{"Peildatum", r.Cutoff.Dutch()},
			{"Gemaakt door", "schakel, uit de gegevens op de peildatum"},
		},
	}
	v.Chapters = []chapter{
		introduction(r), brakes(r), complyExplain(r), deadlines(r), laws(r), proposals(r), returned(r), precedent(r),
	}
	for i := range v.Chapters {
		v.Chapters[i].Num = i + 1
		v.Chapters[i].Anchor = "h" + strconv.Itoa(i+1)
	}
	return v, nil
}

// introduction is chapter 1: the period, the cut-off, what is counted and
// the rule that holds back small numbers.
func introduction(r Report) chapter {
	t := r.Total
	paras := []string{
		"Dit rapport laat zien hoe ministeries en uitvoeringsorganisaties in " + strconv.Itoa(r.Year) +
			" antwoord gaven op verzoeken om verantwoording: pas toe of leg uit.",
		"Het gaat over alle verzoeken die tussen " + r.From().Dutch() + " en " + r.To().Dutch() + " zijn gedaan. " +
			"De cijfers zijn zoals ze waren op de peildatum, " + r.Cutoff.Dutch() + ". Wat daarna gebeurde, staat er niet in.",
		"We tellen: verzoeken, antwoorden (pas toe of leg uit), hoe lang een antwoord duurde, gemiste termijnen, " +
			"noodremmen, knelpunten per wet, uitvoeringstoetsen, teruggegeven opdrachten en casusprudentie.",
		"Er staan geen namen van mensen in dit rapport. Noodremmen van burgers tellen we pas mee als er bij een organisatie " +
			"minstens " + strconv.Itoa(r.MinCitizenBrakes) + " zijn. Zijn het er minder, dan tellen ze nergens mee, " +
			"zodat niemand te herkennen is.",
	}
	if r.HeldBack > 0 {
		paras = append(paras, "Bij "+plural(int64(r.HeldBack), "organisatie", "organisaties")+" zijn noodremmen van burgers daarom niet meegeteld.")
	}
	tb := &table{Caption: "Kerncijfers " + strconv.Itoa(r.Year), Head: []string{"Wat", "Aantal"}, Num: []bool{false, true}}
	for _, row := range []struct {
		what string
		n    int
	}{
		{"Verzoeken", t.Requests}, {"Nog open", t.Open}, {"Te laat en nog open", t.Overdue}, {"Beantwoord", t.Answered},
		{"Pas toe", t.Complied}, {"Deels", t.Partial}, {"Leg uit", t.Explained}, {"Op tijd beantwoord", t.OnTime}, {"Termijn gemist", t.Missed},
		{"Geëscaleerd", t.Escalated}, {"Noodremmen", t.Brakes()},
	} {
		tb.Rows = append(tb.Rows, []string{row.what, number(int64(row.n))})
	}
	return chapter{Title: "Inleiding", Blocks: []block{{Paras: paras}, {Table: tb}}}
}

// brakes is chapter 2: brakes per level and per organisation.
func brakes(r Report) chapter {
	t := r.Total
	levels := newChart("remmen-niveau", "Noodremmen per niveau", "Niveau", "Aantal", []bar{
		{"Burger", t.CitizenBrakes}, {"Professional", t.ProfessionalBrakes}, {"Organisatie", t.OrganisationBrakes},
	})
	paras := []string{"Een noodrem dwingt wie beslist om opnieuw te kijken en uit te leggen. " +
		"In " + strconv.Itoa(r.Year) + " zijn " + plural(int64(t.Brakes()), "noodrem", "noodremmen") + " getrokken."}
	if t.CitizenBrakesHeld {
		paras = append(paras, "Noodremmen van burgers bij organisaties met minder dan "+strconv.Itoa(r.MinCitizenBrakes)+" ervan zijn niet meegeteld.")
	}
	tb := &table{Caption: "Noodremmen per organisatie en niveau", Head: []string{"Organisatie", "Burger", "Professional", "Organisatie"},
		Num: []bool{false, true, true, true}}
	var bars []bar
	for _, g := range r.Organisations {
		if g.Brakes() == 0 && !g.CitizenBrakesHeld {
			continue
		}
		citizen := number(int64(g.CitizenBrakes))
		if g.CitizenBrakesHeld {
			citizen += " *"
		}
		tb.Rows = append(tb.Rows, []string{nameOr(g.Name, "Zonder organisatie"), citizen, number(int64(g.ProfessionalBrakes)), number(int64(g.OrganisationBrakes))})
		bars = append(bars, bar{nameOr(g.Name, "Zonder organisatie"), g.Brakes()})
	}
	blocks := []block{{Paras: paras}, {Chart: levels}}
	if len(tb.Rows) == 0 {
		return chapter{Title: "Noodremmen", Blocks: append(blocks, block{Heading: "Per organisatie", Paras: []string{"Er zijn geen noodremmen getrokken."}})}
	}
	blocks = append(blocks, block{Heading: "Per organisatie", Chart: newChart("remmen-organisatie", "Noodremmen per organisatie", "Organisatie", "Aantal", bars)},
		block{Table: tb})
	if t.CitizenBrakesHeld {
		blocks = append(blocks, block{Paras: []string{"* Hier zijn noodremmen van burgers niet meegeteld, omdat het er te weinig waren."}})
	}
	return chapter{Title: "Noodremmen", Blocks: blocks}
}

// complyExplain is chapter 3: comply versus explain per ministry.
func complyExplain(r Report) chapter {
	t := r.Total
	paras := []string{"Wie een verzoek krijgt, moet het toepassen (pas toe) of uitleggen waarom niet (leg uit), of deels het een en deels het ander (deels). " +
		"Van de " + plural(int64(t.Answered), "beantwoord verzoek", "beantwoorde verzoeken") + " was " +
		number(int64(t.Complied)) + " keer het antwoord pas toe, " + number(int64(t.Partial)) + " keer deels en " + number(int64(t.Explained)) + " keer leg uit."}
	tb := &table{Caption: "Pas toe of leg uit per ministerie", Head: []string{"Ministerie", "Beantwoord", "Pas toe", "Deels", "Leg uit", "Pas toe (%)"},
		Num: []bool{false, true, true, true, true, true}}
	var bars []bar
	for _, g := range r.Ministries {
		name := nameOr(g.Name, "Zonder ministerie")
		tb.Rows = append(tb.Rows, []string{name, number(int64(g.Answered)), number(int64(g.Complied)),
			number(int64(g.Partial)), number(int64(g.Explained)), percentText(g.Complied, g.Answered)})
		bars = append(bars, bar{"Pas toe – " + name, g.Complied}, bar{"Deels – " + name, g.Partial}, bar{"Leg uit – " + name, g.Explained})
	}
	if len(tb.Rows) == 0 {
		return chapter{Title: "Pas toe of leg uit", Blocks: []block{{Paras: append(paras, "Er waren geen verzoeken.")}}}
	}
	return chapter{Title: "Pas toe of leg uit", Blocks: []block{{Paras: paras},
		{Chart: newChart("pastoe-ministerie", "Pas toe, deels en leg uit per ministerie", "Ministerie en antwoord", "Aantal", bars)}, {Table: tb}}}
}

// deadlines is chapter 4: answer times per request type against the legal
// term, missed terms and escalations.
func deadlines(r Report) chapter {
	t := r.Total
	paras := []string{"Elk verzoek heeft een wettelijke termijn. " + number(int64(t.OnTime)) + " van de " +
		number(int64(t.Answered)) + " antwoorden kwamen op tijd (" + percentText(t.OnTime, t.Answered) + "). " +
		"Bij " + plural(int64(t.Missed), "verzoek", "verzoeken") + " is een termijn gemist; " +
		number(int64(t.Escalated)) + " gingen daarom of na bezwaar een trede hoger.",
		"De mediaan is het midden: de helft van de antwoorden was sneller. Bij P90 was 90 procent sneller."}
	terms := map[schakel.RequestType]Term{}
	for _, tt := range r.Terms {
		terms[tt.Type] = tt
	}
	tb := &table{Caption: "Termijnen per soort verzoek", Head: []string{"Soort", "Termijn", "Mediaan (dagen)", "P90 (dagen)", "Op tijd (%)", "Gemist", "Geëscaleerd"},
		Num: []bool{false, false, true, true, true, true, true}}
	var bars []bar
	for _, g := range r.Types {
		term := "–"
		if tt, ok := terms[schakel.RequestType(g.Name)]; ok {
			term = tt.Term + " (max. " + strconv.Itoa(tt.Days) + " dagen)"
		}
		tb.Rows = append(tb.Rows, []string{typeName(g.Name), term, days(g.MedianDays), days(g.P90Days), percentText(g.OnTime, g.Answered),
			number(int64(g.Missed)), number(int64(g.Escalated))})
		if g.MedianDays >= 0 {
			bars = append(bars, bar{typeName(g.Name), g.MedianDays})
		}
	}
	blocks := []block{{Paras: paras}}
	if len(bars) > 0 {
		blocks = append(blocks, block{Chart: newChart("termijn-mediaan", "Mediaan dagen tot antwoord per soort verzoek", "Soort verzoek", "Dagen", bars)})
	}
	if len(tb.Rows) > 0 {
		blocks = append(blocks, block{Table: tb})
	}
	return chapter{Title: "Termijnen", Blocks: blocks}
}

// laws is chapter 5: knelpunten per law, with citizens and cost.
func laws(r Report) chapter {
	paras := []string{"Een knelpunt is een probleem met een wet dat een uitvoeringsorganisatie aan haar ministerie heeft gemeld. " +
		"Hier staan de wetten met de meeste knelpunten: " + plural(int64(r.LawsTotal), "wet", "wetten") + " in totaal."}
	if len(r.Laws) == 0 {
		return chapter{Title: "Knelpunten per wet", Blocks: []block{{Paras: append(paras, "Er zijn geen knelpunten bij een ministerie gemeld.")}}}
	}
	if len(r.Laws) < r.LawsTotal {
		paras = append(paras, "Alleen de eerste "+strconv.Itoa(len(r.Laws))+" staan in de tabel.")
	}
	tb := &table{Caption: "Knelpunten per wet", Head: []string{"Wet", "Knelpunten", "Organisaties", "Burgers", "Kosten eenmalig", "Kosten per jaar"},
		Num: []bool{false, true, true, true, true, true}}
	var bars []bar
	for _, l := range r.Laws {
		citizens := number(l.CitizensLow)
		if l.CitizensHigh != l.CitizensLow {
			citizens += " tot " + number(l.CitizensHigh)
		}
		name := ruleref.LawName(l.Law)
		tb.Rows = append(tb.Rows, []string{name, number(int64(l.Knelpunten)), number(int64(l.Organisations)), citizens, euro(l.CostOnceCents), euro(l.CostYearlyCents)})
		bars = append(bars, bar{ruleref.LawShortName(l.Law), l.Knelpunten})
	}
	return chapter{Title: "Knelpunten per wet", Blocks: []block{{Paras: paras},
		{Chart: newChart("knelpunten-wet", "Knelpunten per wet", "Wet", "Knelpunten", bars)}, {Table: tb},
		{Link: &link{"Wetten zoeken op wetten.overheid.nl", "https://wetten.overheid.nl/"}}}}
}

// nameOr returns name, or alt when it is empty.
func nameOr(name, alt string) string {
	if name == "" {
		return alt
	}
	return name
}

// typeName returns a request type in words.
func typeName(t string) string {
	if n, ok := typeNames[schakel.RequestType(t)]; ok {
		return n
	}
	return words(t)
}

var typeNames = map[schakel.RequestType]string{
	schakel.TypeGeneral: "Verzoek", schakel.TypeObjection: "Bezwaar", schakel.TypeComplaint: "Klacht",
	schakel.TypeCitizenBrake: "Noodrem burger", schakel.TypeProfessionalBrake: "Noodrem professional",
	schakel.TypeOrganisationBrake: "Noodrem organisatie", schakel.TypeKnelpunt: "Knelpunt",
	schakel.TypeAssessment: "Uitvoeringstoets", schakel.TypeAssessmentAnswer: "Reactie op toets",
}

// words turns a token such as "uitvoerbaar-onder-voorwaarden" into words.
func words(s string) string { return strings.ReplaceAll(s, "-", " ") }

// days returns a number of days, or "–" for none (-1).
func days(n int) string {
	if n < 0 {
		return "–"
	}
	return strconv.Itoa(n)
}

// percentText returns part of whole in whole percents, rounded half up,
// or "–" when whole is 0.
func percentText(part, whole int) string {
	if whole == 0 {
		return "–"
	}
	return strconv.Itoa((200*part+whole)/(2*whole)) + "%"
}

// dateText returns d in Dutch, or "–" for the zero Date.
func dateText(d calendar.Date) string {
	if d.IsZero() {
		return "–"
	}
	return d.Dutch()
}
