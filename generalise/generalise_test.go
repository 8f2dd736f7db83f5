package generalise

import (
	"fmt"
	"strings"
	"testing"
)

// want is one expected flag: category, text, general form and keep.
type want struct {
	cat     Category
	text    string
	general string
	keep    bool
}

func (w want) String() string {
	return fmt.Sprintf("%s %q → %q keep=%v", w.cat, w.text, w.general, w.keep)
}

// checkFlags runs Flags on text and compares the result with ws (nil: no
// flags at all).
func checkFlags(t *testing.T, text string, ws []want) {
	t.Helper()
	var got []string
	for _, f := range Flags(text) {
		if f.Text != text[f.Start:f.End] {
			t.Errorf("%q: flag %+v: Text is not text[Start:End]", text, f)
		}
		got = append(got, want{f.Category, f.Text, f.General, f.Keep}.String())
	}
	var exp []string
	for _, w := range ws {
		exp = append(exp, w.String())
	}
	if strings.Join(got, "\n") != strings.Join(exp, "\n") {
		t.Errorf("Flags(%q)\n got:\n  %s\nwant:\n  %s", text, strings.Join(got, "\n  "), strings.Join(exp, "\n  "))
	}
}

func TestFlagsFamily(t *testing.T) {
	tests := []struct {
		name, text string
		want       []want
	}{
		{"number word", "Ze heeft drie kinderen.", []want{{Family, "drie kinderen", "kinderen", false}}},
		{"digits", "Hij heeft 3 kinderen.", []want{{Family, "3 kinderen", "kinderen", false}}},
		{"adjective kept", "met twee jonge kinderen", []want{{Family, "twee jonge kinderen", "jonge kinderen", false}}},
		{"grandchildren", "Zij heeft vijf kleinkinderen.", []want{{Family, "vijf kleinkinderen", "kleinkinderen", false}}},
		{"sentence start", "Vier dochters wonen thuis.", []want{{Family, "Vier dochters", "Dochters", false}}},
		{"twin", "Zij kreeg een tweeling.", []want{{Family, "een tweeling", "kinderen", false}}},
		{"the twin", "De tweeling is vier.", []want{{Family, "tweeling", "kinderen", false}}},
		{"twin brother", "zijn tweelingbroer", []want{{Family, "tweelingbroer", "broer", false}}},
		{"mother of four", "Zij is alleenstaande moeder van vier.", []want{{Family, "vier", "kinderen", false}}},
		{"mother of three children", "vader van drie kinderen", []want{{Family, "drie kinderen", "kinderen", false}}},
		{"widow", "Zij is weduwe sinds vorig jaar.", []want{{Family, "weduwe", "nabestaande", false}}},
		{"widower", "De weduwnaar vroeg bijstand.", []want{{Family, "weduwnaar", "nabestaande", false}}},
		{"daughter of 7", "Zijn dochter van 7 gaat naar school.", []want{{Family, "dochter van 7", "minderjarige dochter", false}}},
		{"son of 25 years old", "haar zoon van 25 jaar oud", []want{{Family, "zoon van 25 jaar oud", "meerderjarige zoon", false}}},
		{"baby of months", "een baby van 4 maanden", []want{{Family, "baby van 4 maanden", "minderjarige baby", false}}},
		{"child in brackets", "het kind (3) woont bij de moeder", []want{{Family, "kind (3)", "minderjarige kind", false}}},
		{"household", "een gezin van zes personen", []want{{Family, "gezin van zes personen", "gezin", false}}},
		{"household with children", "een gezin van drie kinderen", []want{{Family, "drie kinderen", "kinderen", false}}},
		{"one child", "Zij heeft een kind en één kleinkind.", nil},
		{"the children", "De kinderen gaan naar school.", nil},
		{"daughter of a friend", "de dochter van een vriendin", nil},
		{"child of two parents", "een kind van 2 ouders", nil},
		{"mother aged", "een moeder van 45 jaar", nil},
		{"days", "binnen drie dagen", nil},
		{"in a label", "[drie kinderen] en [naam 1]", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkFlags(t, tt.text, tt.want) })
	}
}

func TestFlagsConditions(t *testing.T) {
	tests := []struct {
		name, text string
		want       []want
	}{
		{"ALS in brackets", "een zeldzame spierziekte (ALS)", []want{{Condition, "ALS", "een neurologische ziekte", false}}},
		{"ALS", "Hij heeft ALS.", []want{{Condition, "ALS", "een neurologische ziekte", false}}},
		{"als is a word", "als het kan, graag", nil},
		{"ALS in capitals", "ALS HET BEZWAAR GEGROND IS", nil},
		{"MS", "Zij heeft MS en werkt niet.", []want{{Condition, "MS", "een neurologische ziekte", false}}},
		{"MS Word", "een brief in MS Word", nil},
		{"MS compound", "Een MS-patiënt vroeg hulp.", []want{{Condition, "MS-patiënt", "patiënt met een neurologische ziekte", false}}},
		{"NAH", "sinds het ongeluk heeft hij NAH", []want{{Condition, "NAH", "hersenletsel", false}}},
		{"long form", "niet-aangeboren hersenletsel", []want{{Condition, "niet-aangeboren hersenletsel", "hersenletsel", false}}},
		{"eponym", "Hij lijdt aan de ziekte van Huntington.", []want{{Condition, "ziekte van Huntington", "ernstige ziekte", false}}},
		{"eponym hyphen", "het syndroom van Guillain-Barré", []want{{Condition, "syndroom van Guillain-Barré", "syndroom", false}}},
		{"eponym two words", "de ziekte van Von Willebrand", []want{{Condition, "ziekte van Von Willebrand", "ernstige ziekte", false}}},
		{"eponym of a label", "de ziekte van [naam 1]", nil},
		{"Duchenne", "Zijn zoon heeft Duchenne.", []want{{Condition, "Duchenne", "een spierziekte", false}}},
		{"eponym the list knows", "de ziekte van Duchenne", []want{{Condition, "ziekte van Duchenne", "spierziekte", false}}},
		{"hereditary", "Zij heeft taaislijmziekte.", []want{{Condition, "taaislijmziekte", "een erfelijke ziekte", false}}},
		{"CF", "een kind met CF", []want{{Condition, "CF", "een erfelijke ziekte", false}}},
		{"cancer compound", "Zij heeft alvleesklierkanker.", []want{{Condition, "alvleesklierkanker", "kanker", false}}},
		{"cancer alone", "Zij heeft kanker.", nil},
		{"a lymphoma", "Hij heeft een lymfoom.", []want{{Condition, "een lymfoom", "kanker", false}}},
		{"tumour", "haar hersentumor", []want{{Condition, "hersentumor", "tumor", false}}},
		{"syndrome compound", "Hij heeft Prader-Willi-syndroom.", []want{{Condition, "Prader-Willi-syndroom", "een syndroom", false}}},
		{"syndrome word", "het Downsyndroom", []want{{Condition, "Downsyndroom", "syndroom", false}}},
		{"burn-out", "een burn-outsyndroom", nil},
		{"hiv positive", "Hij is hiv-positief.", []want{{Condition, "hiv-positief", "chronisch ziek", false}}},
		{"hiv test", "een hiv-test", nil},
		{"psychic", "Zij heeft een bipolaire stoornis.", []want{{Condition, "bipolaire stoornis", "psychische aandoening", false}}},
		{"transgender", "Hij is transgender.", []want{{Condition, "transgender", "[persoonlijk kenmerk]", false}}},
		{"transition with cue", "Als transgender begon zij haar transitie.", []want{
			{Condition, "transgender", "[persoonlijk kenmerk]", false},
			{Condition, "transitie", "medische behandeling", false},
		}},
		{"transition payment", "de transitie naar ander werk", nil},
		{"refugee country", "Zij is een vluchteling uit Eritrea.", []want{{Condition, "uit Eritrea", "uit het buitenland", false}}},
		{"fled", "Hij is uit Syrië gevlucht.", []want{{Condition, "uit Syrië", "uit het buitenland", false}}},
		{"two-word country", "statushouder uit Sierra Leone", []want{{Condition, "uit Sierra Leone", "uit het buitenland", false}}},
		{"nationality", "Een Eritrese vluchteling kreeg een huis.", []want{{Condition, "Eritrese vluchteling", "vluchteling", false}}},
		{"moved", "Hij is uit Utrecht verhuisd.", nil},
		{"detention", "tijdens zijn detentie", []want{{Condition, "detentie", "verblijf in een inrichting", false}}},
		{"prison", "Hij zat in de gevangenis.", []want{{Condition, "in de gevangenis", "in een inrichting", false}}},
		{"tbs clinic", "een tbs-kliniek", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkFlags(t, tt.text, tt.want) })
	}
}

func TestFlagsAmounts(t *testing.T) {
	band := "tussen € 2.500 en € 5.000"
	tests := []struct {
		name, text string
		want       []want
	}{
		{"debt", "een schuld van € 3.750,12", []want{{Amount, "€ 3.750,12", band, false}}},
		{"no space", "€3.750 betaald", []want{{Amount, "€3.750", band, false}}},
		{"round", "een boete van € 3.750,-.", []want{{Amount, "€ 3.750,-", band, false}}},
		{"round double dash", "€ 3.750,--", []want{{Amount, "€ 3.750,--", band, false}}},
		{"EUR", "EUR 1.200 terug", []want{{Amount, "EUR 1.200", "tussen € 1.000 en € 2.500", false}}},
		{"EUR after", "1200 EUR", []want{{Amount, "1200 EUR", "tussen € 1.000 en € 2.500", false}}},
		{"euro", "1.250 euro huur", []want{{Amount, "1.250 euro", "tussen € 1.000 en € 2.500", false}}},
		{"euro's", "250 euro's", []want{{Amount, "250 euro's", "tussen € 250 en € 500", false}}},
		{"million", "een schuld van € 1,2 miljoen", []want{{Amount, "€ 1,2 miljoen", "tussen € 1 miljoen en € 2,5 miljoen", false}}},
		{"million euro", "1,2 miljoen euro", []want{{Amount, "1,2 miljoen euro", "tussen € 1 miljoen en € 2,5 miljoen", false}}},
		{"small", "€ 50 per maand", []want{{Amount, "€ 50", "minder dan € 100", false}}},
		{"norm", "de bijstandsnorm van € 1.401,50", []want{{Amount, "€ 1.401,50", "tussen € 1.000 en € 2.500", true}}},
		{"cost", "De kosten van de oplossing zijn € 4.200.", []want{{Amount, "€ 4.200", band, true}}},
		{"eigen bijdrage", "de eigen bijdrage van € 19", []want{{Amount, "€ 19", "minder dan € 100", true}}},
		{"norm after", "€ 1.401,50 (de norm)", []want{{Amount, "€ 1.401,50", "tussen € 1.000 en € 2.500", true}}},
		{"nearest cue wins", "de norm werd overschreden door een schuld van € 3.750", []want{{Amount, "€ 3.750", band, false}}},
		{"income", "Hij verdient € 2.100 per maand.", []want{{Amount, "€ 2.100", "tussen € 1.000 en € 2.500", false}}},
		{"no currency", "een schuld van 3.750", nil},
		{"a date with a euro sign", "€ 14.03.2025", []want{{Date, "14.03.2025", "maart 2025", false}}},
		{"band", "een schuld tussen € 2.500 en € 5.000 en minder dan € 100", nil},
		{"not a band", "tussen € 2.400 en € 2.600", []want{
			{Amount, "€ 2.400", "tussen € 1.000 en € 2.500", false},
			{Amount, "€ 2.600", band, false},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkFlags(t, tt.text, tt.want) })
	}
}

func TestFlagsDates(t *testing.T) {
	tests := []struct {
		name, text string
		want       []want
	}{
		{"dismissed", "Zij werd op 14 maart 2025 ontslagen.", []want{{Date, "op 14 maart 2025", "in maart 2025", false}}},
		{"numeric", "sinds 14-03-2025", []want{{Date, "14-03-2025", "maart 2025", false}}},
		{"slashes short year", "sinds 14/3/25", []want{{Date, "14/3/25", "maart 2025", false}}},
		{"ISO", "sinds 2025-03-14", []want{{Date, "2025-03-14", "maart 2025", false}}},
		{"dots", "sinds 14.03.2025", []want{{Date, "14.03.2025", "maart 2025", false}}},
		{"abbreviation", "sinds 3 mrt. 2025", []want{{Date, "3 mrt. 2025", "maart 2025", false}}},
		{"no year", "Het gesprek was op 3 mei.", []want{{Date, "op 3 mei", "in mei", false}}},
		{"weekday", "op maandag 14 maart", []want{{Date, "op maandag 14 maart", "in maart", false}}},
		{"sentence start", "Op 2 april 2025 verhuisde zij.", []want{{Date, "Op 2 april 2025", "In april 2025", false}}},
		{"decision", "het besluit van 14 maart 2025", []want{{Date, "14 maart 2025", "maart 2025", true}}},
		{"decision on objection", "de beslissing op bezwaar van 2 april 2025", []want{{Date, "2 april 2025", "april 2025", true}}},
		{"ruling", "de uitspraak van 1 juli 2025", []want{{Date, "1 juli 2025", "juli 2025", true}}},
		{"hearing", "de hoorzitting op 12 mei 2025", []want{{Date, "op 12 mei 2025", "in mei 2025", true}}},
		{"objection received", "het bezwaar ontvangen op 5 februari 2025", []want{{Date, "op 5 februari 2025", "in februari 2025", true}}},
		{"d.d.", "uw brief d.d. 14-03-2025", []want{{Date, "14-03-2025", "maart 2025", true}}},
		{"court", "Zie CRvB 14 mei 2024, ECLI:NL:CRVB:2024:912.", []want{{Date, "14 mei 2024", "mei 2024", true}}},
		{"decided after", "Op 12 januari 2026 besloot het college.", []want{{Date, "Op 12 januari 2026", "In januari 2026", true}}},
		{"cue for the first date only", "het besluit van 3 maart over het ontslag op 14 februari", []want{
			{Date, "3 maart", "maart", true},
			{Date, "op 14 februari", "in februari", false},
		}},
		{"personal cue nearer", "besluit: ontslagen op 14 februari 2025", []want{{Date, "op 14 februari 2025", "in februari 2025", false}}},
		{"case number", "zaaknummer 2025-03-14-001", nil},
		{"month only", "in maart 2025", nil},
		{"no such day", "32 maart en 14-13-2025", nil},
		{"time after", "14-03-2025 11:30", []want{{Date, "14-03-2025", "maart 2025", false}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkFlags(t, tt.text, tt.want) })
	}
}

func TestFlagsAges(t *testing.T) {
	tests := []struct {
		name, text string
		want       []want
	}{
		{"adjective", "een 54-jarige man", []want{{Age, "54-jarige", "50- tot 67-jarige", false}}},
		{"adjective word", "een zevenjarige dochter", []want{{Age, "zevenjarige", "minderjarige", false}}},
		{"adjective before a label", "de 82-jarige [naam 1]", []want{{Age, "82-jarige", "hoogbejaarde", false}}},
		{"course", "een driejarige opleiding en een 3-jarige termijn", nil},
		{"years old", "Hij is 54 jaar oud.", []want{{Age, "54 jaar oud", "tussen 50 en 67 jaar oud", false}}},
		{"old", "Zij is 84 jaar oud.", []want{{Age, "84 jaar oud", "80 jaar of ouder", false}}},
		{"young", "Hij is 16 jaar oud.", []want{{Age, "16 jaar oud", "jonger dan 18 jaar", false}}},
		{"word", "Zij is vierenvijftig jaar oud.", []want{{Age, "vierenvijftig jaar oud", "tussen 50 en 67 jaar oud", false}}},
		{"is years", "Hij is 54 jaar en woont alleen.", []want{{Age, "54 jaar", "tussen 50 en 67 jaar", false}}},
		{"duration", "Het is 5 jaar geleden; de termijn is 20 jaar lang.", nil},
		{"bracket", "[naam 1] (54) vroeg bijstand.", []want{{Age, "(54)", "(tussen 50 en 67 jaar)", false}}},
		{"bracket years", "de vrouw (23 jaar)", []want{{Age, "(23 jaar)", "(tussen 18 en 27 jaar)", false}}},
		{"bracket of a number", "artikel (54)", nil},
		{"age of", "op de leeftijd van 17 jaar", []want{{Age, "van 17 jaar", "jonger dan 18 jaar", false}}},
		{"form", "Leeftijd: 44", []want{{Age, "44", "tussen 27 en 50 jaar", false}}},
		{"AOW age", "de AOW-leeftijd van 67 jaar", nil},
		{"decade", "Hij is in zijn vijftiger jaren.", []want{{Age, "in zijn vijftiger jaren", "tussen 50 en 67 jaar", false}}},
		{"decade across a bound", "in haar twintiger jaren", []want{{Age, "in haar twintiger jaren", "tussen 18 en 50 jaar", false}}},
		{"late decade", "in zijn late zestiger jaren", []want{{Age, "in zijn late zestiger jaren", "tussen 50 en 80 jaar", false}}},
		{"in the fifties", "Zij is in de vijftig en werkt.", []want{{Age, "in de vijftig", "tussen 50 en 67 jaar", false}}},
		{"early thirties", "Zij is begin dertig.", []want{{Age, "begin dertig", "tussen 27 en 50 jaar", false}}},
		{"the fifties", "in de jaren vijftig, in de vijftiger jaren, in de vijftig gevallen", nil},
		{"a range", "tussen 50 en 67 jaar oud, een 50- tot 67-jarige man", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkFlags(t, tt.text, tt.want) })
	}
}

func TestFlagsTogether(t *testing.T) {
	text := "[naam 1] (54) woont in [plaats]. Ze heeft drie kinderen en een zeldzame spierziekte (ALS). " +
		"Ze heeft een schuld van € 3.750,12 en werd op 14 maart 2025 ontslagen. " +
		"Het besluit van 2 juni 2025 kent bijzondere bijstand toe; de bijstandsnorm van € 1.401,50 blijft."
	flags := Flags(text)
	got := Apply(text, flags)
	exp := "[naam 1] (tussen 50 en 67 jaar) woont in [plaats]. Ze heeft kinderen en een zeldzame spierziekte (een neurologische ziekte). " +
		"Ze heeft een schuld van tussen € 2.500 en € 5.000 en werd in maart 2025 ontslagen. " +
		"Het besluit van juni 2025 kent bijzondere bijstand toe; de bijstandsnorm van tussen € 1.000 en € 2.500 blijft."
	if got != exp {
		t.Errorf("Apply(Flags)\n got %q\nwant %q", got, exp)
	}
	got = Apply(text, ByDefault(WorkAndIncome, flags))
	exp = "[naam 1] (tussen 50 en 67 jaar) woont in [plaats]. Ze heeft kinderen en een zeldzame spierziekte (een neurologische ziekte). " +
		"Ze heeft een schuld van tussen € 2.500 en € 5.000 en werd in maart 2025 ontslagen. " +
		"Het besluit van 2 juni 2025 kent bijzondere bijstand toe; de bijstandsnorm van € 1.401,50 blijft."
	if got != exp {
		t.Errorf("Apply(ByDefault)\n got %q\nwant %q", got, exp)
	}
	if again := Flags(got); len(again) != 2 || !again[0].Keep || !again[1].Keep {
		t.Errorf("Flags after Apply(ByDefault) = %+v, want only the two kept", again)
	}
}

func TestApply(t *testing.T) {
	text := "Ze heeft drie kinderen en € 3.750."
	kids := Flag{Category: Family, Start: 9, End: 22, Text: "drie kinderen", General: "kinderen"}
	money := Flag{Category: Amount, Start: 26, End: 35, Text: "€ 3.750", General: "tussen € 2.500 en € 5.000"}
	tests := []struct {
		name  string
		flags []Flag
		want  string
	}{
		{"none", nil, text},
		{"both", []Flag{kids, money}, "Ze heeft kinderen en tussen € 2.500 en € 5.000."},
		{"any order", []Flag{money, kids}, "Ze heeft kinderen en tussen € 2.500 en € 5.000."},
		{"stale text", []Flag{{Start: 9, End: 22, Text: "vier kinderen", General: "kinderen"}, money}, "Ze heeft drie kinderen en tussen € 2.500 en € 5.000."},
		{"beyond the text", []Flag{{Start: 30, End: 90, Text: "x", General: "y"}}, text},
		{"negative", []Flag{{Start: -1, End: 2, Text: "Ze", General: "y"}}, text},
		{"empty span", []Flag{{Start: 3, End: 3, Text: "", General: "y"}}, text},
		{"overlap: the first wins", []Flag{kids, {Start: 14, End: 25, Text: "kinderen en", General: "x"}}, "Ze heeft kinderen en € 3.750."},
		{"empty general removes", []Flag{{Start: 0, End: 3, Text: "Ze ", General: ""}}, "heeft drie kinderen en € 3.750."},
		{"cut character", []Flag{{Start: 26, End: 27, Text: "\xe2", General: "x"}}, text},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Apply(text, tt.flags); got != tt.want {
				t.Errorf("Apply = %q, want %q", got, tt.want)
			}
		})
	}
	// A general form never joins the words beside it.
	if got := Apply("A€3x", []Flag{{Start: 1, End: 5, Text: "€3", General: "minder dan € 100"}}); got != "A minder dan € 100 x" {
		t.Errorf("Apply glued = %q", got)
	}
	// A stray byte of invalid text is no character to cut.
	if got := Apply("Z\x80e", []Flag{{Start: 1, End: 2, Text: "\x80", General: "x"}}); got != "Z x e" {
		t.Errorf("Apply on invalid text = %q, want %q", got, "Z x e")
	}
}

func TestCategories(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range Categories() {
		if !c.Valid() {
			t.Errorf("%q not Valid", c)
		}
		for _, lang := range []string{"nl", "en"} {
			l := c.Label(lang)
			if l == "" || l == string(c) || seen[l] {
				t.Errorf("%q.Label(%q) = %q: empty, the value, or not unique", c, lang, l)
			}
			seen[l] = true
		}
	}
	if got := Family.Label("en-GB"); got != "Family composition" {
		t.Errorf("Label(en-GB) = %q", got)
	}
	if got := Category("x").Label("nl"); got != "x" || Category("x").Valid() {
		t.Errorf("unknown category: Label %q, Valid %v", got, Category("x").Valid())
	}
	c := Categories()
	c[0] = "x"
	if Categories()[0] != Family {
		t.Error("Categories shares its slice")
	}
}

func TestNumberWord(t *testing.T) {
	for w, n := range map[string]int{"een": 1, "drie": 3, "twaalf": 12, "twintig": 20, "vierenvijftig": 54,
		"tweeëntwintig": 22, "eenennegentig": 91, "negenennegentig": 99} {
		if got, ok := numberWord(w); !ok || got != n {
			t.Errorf("numberWord(%q) = %d, %v; want %d", w, got, ok, n)
		}
	}
	for _, w := range []string{"", "en", "vierentien", "drieëndrie", "honderd", "minder"} {
		if got, ok := numberWord(w); ok {
			t.Errorf("numberWord(%q) = %d, want none", w, got)
		}
	}
}
