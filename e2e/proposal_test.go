package e2e

import (
	"regexp"
	"strings"
	"testing"
	"time"
)

var (
	proposalPath   = regexp.MustCompile(`^/voorstellen/(\d+)$`)
	assessmentLink = regexp.MustCompile(`/uitvoeringstoetsen/(\d+)`)
)

// TestUitvoeringstoets takes a proposal through the whole assessment in
// the browser: SZW's policy officer registers a WIA amendment and asks UWV
// and Eindhoven; UWV's board, on a phone, assesses it "under conditions"
// and Eindhoven's board "executable"; the minister answers every item —
// refused first for answering two items with the same text; the
// secretary-general signs; the policy officer sends it to parliament; and
// a visitor reads the assessments side by side with the answers.
func TestUitvoeringstoets(t *testing.T) {
	t.Parallel()
	policy := newApp(t)
	const title = "Amendement: geen terugvordering van WIA-voorschotten na een te laat besluit"
	day := func(days int) string { return time.Now().AddDate(0, 0, days).Format("2006-01-02") }

	policy.login("Eva Smit")
	policy.open("/voorstellen/nieuw")
	policy.choose("ministerie", "min-szw")
	policy.choose("soort", "amendement")
	policy.typeInto("titel", title)
	policy.typeInto("samenvatting", "Een voorschot wordt niet teruggevorderd als UWV te laat besliste.")
	policy.typeInto("opgave", "Bestaanszekerheid voor wie arbeidsongeschikt wordt")
	policy.typeInto("regels-0", "jci1.3:c:BWBR0019057&artikel=76")
	policy.choose("inwerkingtreding", day(200))
	policy.typeInto("tekstUrl", "https://www.tweedekamer.nl/kamerstukken/amendementen")
	policy.clickOK(`form[action="/voorstellen"] button[type=submit]`)
	m := proposalPath.FindStringSubmatch(eval[string](policy, `location.pathname`))
	if m == nil {
		policy.fatal("after registering, the page is not a proposal's page")
	}
	id := m[1]
	policy.wantText("main h1", title)
	policy.tick("organisatie-uwv")
	policy.tick("organisatie-gemeente-eindhoven")
	policy.clickOK(`form[action="/voorstellen/` + id + `/toetsaanvraag"] button[type=submit]`)
	policy.wantText("ul.missing", "UWV", "Gemeente Eindhoven")
	links := assessmentLink.FindAllString(eval[string](policy, `Array.from(document.querySelectorAll("a")).map(a => a.getAttribute("href")).join(" ")`), -1)
	if len(links) < 2 {
		policy.fatal("the proposal links to %d assessments", len(links))
	}

	// UWV's board assesses on a phone; Eindhoven's board on a desktop.
	deliver := func(a *app, link, verdict string, conditions ...string) {
		a.open(link)
		a.tick("oordeel-" + verdict)
		a.typeInto("kosten-eenmalig", "1.250.000")
		a.typeInto("kosten-fteEenmalig", "4,5")
		a.typeInto("kosten-drager", "Rijk")
		a.typeInto("effecten-0-groep", "Mensen met een WIA-voorschot")
		a.typeInto("effecten-0-burgers", "8000")
		a.choose("effecten-0-richting", "beter")
		a.typeInto("effecten-0-toelichting", "Zij houden hun voorschot.")
		a.choose("conflicten-0-beginsel", "gelijkheid")
		a.typeInto("conflicten-0-reden", "Wie al terugbetaalde, wordt anders behandeld.")
		for i, c := range conditions {
			id := "voorwaarden-" + string(rune('0'+i))
			if i > 0 {
				// The form shows one condition; the button adds the next.
				a.tap(`fieldset#voorwaarden button[name="blok-toevoegen"]`)
				a.see("#" + id)
			}
			a.typeInto(id, c)
		}
		a.choose("start", day(180))
		a.clickOK(`form.deliver button[type=submit]`)
		a.wantText("main", "uitgebracht")
	}
	uwv := policy.otherBrowser()
	uwv.phone()
	uwv.login("Marleen Visser")
	eindhoven := policy.otherBrowser()
	eindhoven.login("Wethouder Noor Claassen")
	for _, link := range links[:2] {
		uwv.open(link)
		if strings.Contains(uwv.text("main"), "UWV") && eval[int](uwv, `document.querySelectorAll("form.deliver").length`) == 1 {
			deliver(uwv, link, "uitvoerbaar-onder-voorwaarden", "Een invoeringstermijn van zes maanden.", "Een herstelregeling voor wie al terugbetaalde.")
		} else {
			deliver(eindhoven, link, "uitvoerbaar")
		}
	}

	// The minister answers every item; the same text twice is refused.
	minister := policy.otherBrowser()
	minister.login("Minister van SZW")
	for n, link := range links[:2] {
		minister.open(link)
		items := eval[[]string](minister, `Array.from(document.querySelectorAll("textarea[name^='antwoorden.']")).map(e => e.id)`)
		if len(items) < 2 {
			minister.fatal("%s asks %d answers", link, len(items))
		}
		for i, item := range items {
			code := strings.TrimPrefix(item, "antwoorden-")
			minister.tick("aanvaard-" + code + "-ja")
			text := answersInWords[i%len(answersInWords)] + " (" + code + ")"
			if n == 0 && i == 1 {
				text = answersInWords[0] + " (" + strings.TrimPrefix(items[0], "antwoorden-") + ")"
			}
			minister.typeInto(item, text)
		}
		if n == 0 {
			if st := minister.click(`form.answer-form button[type=submit]`); st != 400 {
				minister.fatal("the same text for two items: status %d, want 400", st)
			}
			minister.wantText(".error-summary", "hetzelfde")
			second := items[1]
			if err := runJS(minister, `document.getElementById(`+jsString(second)+`).value = ""`); err != nil {
				minister.fatal("%v", err)
			}
			minister.typeInto(second, "Aanvaard: de systemen krijgen zes maanden, zoals de toets vraagt.")
		}
		if st := minister.click(`form.answer-form button[type=submit]`); st != 200 {
			minister.fatal("answering %s: status %d: %s", link, st, minister.text(".error-summary"))
		}
		minister.wantText("main", "beantwoord")
	}

	// The secretary-general signs; then the proposal goes to parliament.
	sg := policy.otherBrowser()
	sg.login("Secretaris-generaal van SZW")
	sg.open("/voorstellen/" + id)
	sg.typeInto("verklaring", "Ik teken voor de uitvoering: beide toetsen zijn per punt beantwoord.")
	sg.clickOK(`.action.sign button[type=submit]`)
	sg.wantText("main", "Getekend door de secretaris-generaal")
	policy.open("/voorstellen/" + id)
	policy.clickOK(`form[action="/voorstellen/` + id + `/verzending"] button[type=submit]`)
	policy.wantText("dd.state", "parlement")

	// A visitor reads it side by side, without any person's name.
	visitor := policy.otherBrowser()
	visitor.phone()
	visitor.open("/voorstellen/" + id)
	visitor.wantText("main", title, "Een invoeringstermijn van zes maanden.", "de systemen krijgen zes maanden", "UWV", "Gemeente Eindhoven")
	page := visitor.text("main")
	for _, name := range []string{"Eva Smit", "Marleen Visser", "Noor Claassen"} {
		if strings.Contains(page, name) {
			visitor.fatal("the public proposal names %q", name)
		}
	}
}

// answersInWords are the minister's answers, each about something else.
var answersInWords = []string{
	"Het kabinet neemt het oordeel over en richt de invoering daarop in.",
	"De invoeringsregeling geeft UWV een half jaar om de systemen aan te passen.",
	"Wie al terugbetaalde, krijgt het geld terug via een herstelregeling bij de begroting.",
	"De gelijke behandeling weegt zwaar; de memorie van toelichting gaat erop in.",
}

// runJS runs a statement in the page.
func runJS(a *app, js string) error {
	_ = eval[any](a, `(() => { `+js+`; return null })()`)
	return nil
}
