package letters

import "strconv"

// The headings of the parts of a knelpunt, the same in HTML and PDF.
const (
	headRules      = "Om welke regels gaat het?"
	headProblem    = "Wat gaat er mis, en voor wie?"
	headSolution   = "Wat stellen wij voor?"
	headCost       = "Wat kost het?"
	headConflicts  = "Welke publieke waarden botsen?"
	headPrecedents = "Voorbeelden uit de praktijk"
	headContents   = "De knelpunten in deze brief"
	headRequest    = "Ons verzoek aan u"
	greeting       = "Met vriendelijke groet,"
)

// view is a letter as text, laid out by both HTML and PDF: every sentence
// is made here once, so the two say the same.
type view struct {
	Reference  string
	Sender     string
	Title      string // the one h1
	Subject    string
	Meta       []field
	Salutation string
	Intro      []string
	Knelpunten []knelpuntView
	Request    []string
	Closing    string
}

// field is one row of the block under the letterhead.
type field struct {
	Label, Value string
	// Time is the value as an ISO 8601 date when it is one, for <time>.
	Time string
}

// link is a text with a web address; URL is empty for text without one.
type link struct {
	Text, URL string
}

// conflictView is one public value in conflict with its grounds.
type conflictView struct {
	Principle string
	Grounds   []string
}

// knelpuntView is one knelpunt as text.
type knelpuntView struct {
	Anchor   string // the id of its heading: "knelpunt-1"
	Title    string
	Heading  string // "Knelpunt 1: " and the title
	Rules    []link
	Problem  []string
	Group    []string
	Figures  []string // citizens, how they were counted, signals
	Solution string   // "Wij stellen voor: de wet aanpassen."
	Proposal []string
	Cost     string
	Conflict []conflictView
	Examples []link
	Page     link
}

// build checks l and turns it into text.
func build(l Letter) (*view, error) {
	if err := l.Validate(); err != nil {
		return nil, err
	}
	ctx := l.context()
	plain := func(s string) string {
		out, _ := ctx.Redact(line(s))
		return out
	}
	sender := line(l.Sender)
	v := &view{
		Reference:  line(l.Reference),
		Sender:     sender,
		Title:      "Knelpuntenbrief van " + sender,
		Subject:    line(l.Subject.String()),
		Salutation: plain(l.Salutation),
		Closing:    plain(l.Closing),
	}
	if v.Salutation == "" {
		v.Salutation = "Geachte minister,"
	}
	if v.Closing == "" {
		v.Closing = "Het bestuur van " + sender
	}
	v.Meta = []field{
		{Label: "Aan", Value: line(l.Addressee)},
		{Label: "Kenmerk", Value: v.Reference},
		{Label: "Datum", Value: l.Date.Dutch(), Time: l.Date.String()},
		{Label: "Onderwerp", Value: v.Subject},
		{Label: "Periode", Value: period(l)},
	}
	v.Intro = intro(l, sender)
	for i, k := range l.Knelpunten {
		v.Knelpunten = append(v.Knelpunten, knelpuntOf(i+1, k, plain))
	}
	v.Request = request(l, v.Reference)
	return v, nil
}

// period names the letter's period: "1 januari 2026 tot en met 31 maart
// 2026", or one day.
func period(l Letter) string {
	if l.PeriodFrom == l.PeriodTo {
		return l.PeriodFrom.Dutch()
	}
	return l.PeriodFrom.Dutch() + " tot en met " + l.PeriodTo.Dutch()
}

// intro is the letter's opening: the period and the number of knelpunten.
func intro(l Letter, sender string) []string {
	n := len(l.Knelpunten)
	when := "in de periode van " + period(l)
	if l.PeriodFrom == l.PeriodTo {
		when = "op " + l.PeriodFrom.Dutch()
	}
	count := plural(int64(n), "knelpunt", "knelpunten")
	them, what := "ze", "Het gaat om regels die in de uitvoering anders uitpakken dan bedoeld"
	if n == 1 {
		them, what = "het", "Het gaat om een regel die in de uitvoering anders uitpakt dan bedoeld"
	}
	return []string{
		"Het bestuur van " + sender + " heeft " + count + " vastgesteld " + when + ". " +
			what + ", met nadelige gevolgen voor burgers. Met deze brief leggen wij " + them + " aan u voor.",
		"Bij elk knelpunt leest u om welke regels het gaat, wat er misgaat en voor wie, " +
			"wat wij voorstellen, wat dat kost en welke publieke waarden botsen.",
	}
}

// request is the closing request: an answer to each knelpunt within the
// legal term, comply or explain.
func request(l Letter, reference string) []string {
	term := "binnen de wettelijke termijn"
	if l.AnswerTerm.N > 0 {
		term += " van " + l.AnswerTerm.Dutch()
	}
	if !l.AnswerBy.IsZero() {
		term += ", dus uiterlijk op " + l.AnswerBy.Dutch()
	}
	each := "dit knelpunt"
	if len(l.Knelpunten) > 1 {
		each = "elk knelpunt apart"
	}
	return []string{
		"Wij vragen u om op " + each + " te antwoorden, " + term + ". " +
			"Neemt u ons voorstel over? Of legt u uit waarom u dat niet doet? Dat heet ‘pas toe of leg uit’.",
		"Uw antwoorden worden openbaar, net als deze brief. Heeft u vragen? Noem dan het kenmerk " + reference + ".",
	}
}

// knelpuntOf turns knelpunt number n into text; plain redacts a plain
// string of it.
func knelpuntOf(n int, k Knelpunt, plain func(string) string) knelpuntView {
	title := line(k.Title.String())
	kv := knelpuntView{
		Anchor:   "knelpunt-" + strconv.Itoa(n),
		Title:    title,
		Heading:  "Knelpunt " + strconv.Itoa(n) + ": " + title,
		Problem:  paragraphs(k.Problem.String()),
		Group:    paragraphs(k.Group.String()),
		Solution: "Wij stellen voor: " + solutionWords(k.Solution) + ".",
		Proposal: paragraphs(k.Proposal.String()),
		Cost:     costText(k.Cost, plain(k.Cost.BorneBy)),
	}
	for _, r := range k.Rules {
		if label := plain(r.Label); label != "" || r.URL != "" {
			if label == "" {
				label = r.URL
			}
			kv.Rules = append(kv.Rules, link{Text: label, URL: r.URL})
		}
	}
	kv.Figures = []string{citizensText(k.Citizens)}
	if m := plain(k.Citizens.Method); m != "" {
		kv.Figures = append(kv.Figures, "Zo is dat geschat: "+sentence(m))
	}
	kv.Figures = append(kv.Figures, signalsText(k.Signals))
	for _, c := range k.Conflicts {
		cv := conflictView{Principle: plain(c.Principle), Grounds: paragraphs(c.Grounds.String())}
		if cv.Principle != "" || len(cv.Grounds) > 0 {
			kv.Conflict = append(kv.Conflict, cv)
		}
	}
	for _, p := range k.Precedents {
		t := plain(p.Title)
		if t == "" {
			t = p.URL
		}
		kv.Examples = append(kv.Examples, link{Text: t, URL: p.URL})
	}
	if k.URL != "" {
		kv.Page = link{Text: "Meer over dit knelpunt", URL: k.URL}
	}
	return kv
}
