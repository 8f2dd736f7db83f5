package e2e

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// receiptCode is a receipt code as the receipt page shows it: six groups
// of four characters of Crockford's base32 (no I, L, O or U).
var receiptCode = regexp.MustCompile(`^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){5}$`)

// longDutchDate is a date as the pages write it in full: "dinsdag 12 januari 2027".
var longDutchDate = regexp.MustCompile(`^\p{L}+dag \d{1,2} \p{L}+ \d{4}$`)

// TestCitizenBrake walks a citizen's emergency brake through the pages: a
// citizen who never logs in pulls it at UWV and gets a receipt code; the
// UWV coordinator, in a browser of his own, finds it in his inbox and
// answers with an explain; the citizen reads the answer with the code,
// and a wrong code shows only the neutral message.
func TestCitizenBrake(t *testing.T) {
	t.Parallel()
	citizen := newApp(t)
	const ref = "WIA/2026/48213"
	const subject = "Besluit " + ref
	decided := time.Now().AddDate(0, 0, -21).Format("2006-01-02")
	const (
		body     = "Mijn WIA-uitkering is stopgezet zonder dat iemand met mij heeft gesproken."
		outcome  = "Dat iemand opnieuw naar mijn situatie kijkt en mij eerst hoort."
		heard    = "Wij hebben u op 3 maart gebeld; u nam niet op en wij hebben een brief gestuurd."
		weighed  = "De uitkering is gestopt omdat u weer meer dan 65 procent verdient; dat laat de wet niet anders toe."
		notHeard = "Ik ben niet gehoord voordat het besluit werd genomen."
		tooHeavy = "De gevolgen van het besluit zijn voor mij veel te zwaar."
	)

	// The citizen finds the form from the brake's home page.
	citizen.open("/noodrem")
	if l := citizen.lang(); l != "nl" {
		citizen.fatal("html[lang] = %q, want nl", l)
	}
	citizen.clickOK(`section[aria-labelledby="burger"] a[href="/noodrem/burger"]`)
	citizen.wantText("main h1", "Noodrem voor burgers")
	citizen.wantText(".brake-facts", "U hoeft niet in te loggen", "binnen 6 weken")
	if n := eval[int](citizen, `document.querySelectorAll(".site-header__user").length`); n != 0 {
		citizen.fatal("the citizen is logged in")
	}

	// She fills in the form and sends it.
	citizen.choose("organisatie", "uwv")
	citizen.typeInto("kenmerk", ref)
	citizen.choose("datumBesluit", decided)
	citizen.typeInto("toelichting", body)
	citizen.wantText(`label[for="bezwaren-niet-gehoord"]`, notHeard)
	citizen.wantText(`label[for="bezwaren-onevenredig"]`, tooHeavy)
	citizen.tick("bezwaren-niet-gehoord")
	citizen.tick("bezwaren-onevenredig")
	citizen.typeInto("gewensteUitkomst", outcome)
	citizen.clickOK(`form[action="/noodrem/burger"] button[type=submit]`)

	// The receipt: the code in six groups, once, in Dutch, and not in the URL.
	citizen.wantText("main h1", "Uw ontvangstcode")
	citizen.wantText(".brake-done", "Uw noodrem is verstuurd.")
	citizen.wantText("#code-titel", "Schrijf deze code op")
	code := citizen.text(".receipt-code code")
	if !receiptCode.MatchString(code) {
		citizen.fatal("receipt code %q, want six groups of four", code)
	}
	if l := citizen.lang(); l != "nl" {
		citizen.fatal("receipt page html[lang] = %q, want nl", l)
	}
	citizen.wantText(".receipt", "Bewaar deze code goed", "zes groepen van vier")
	citizen.wantText("main", "Wat gebeurt er nu?")
	citizen.wantText("dd.addressee", "UWV")
	if d := citizen.text("dd.deadline time"); !longDutchDate.MatchString(d) {
		citizen.fatal("answer deadline %q, want a long Dutch date", d)
	}
	if href := eval[string](citizen, `location.href`); strings.Contains(href, code) || !strings.HasSuffix(href, "/noodrem/burger/ontvangst") {
		citizen.fatal("the receipt is at %s, want /noodrem/burger/ontvangst without the code", href)
	}

	// Before the answer, the code shows the brake open, without an answer.
	citizen.clickOK(`main a[href="/noodrem/volgen"]`)
	citizen.wantText("main h1", "Noodrem volgen")
	citizen.follow(code)
	citizen.wantText("main h1", "Uw noodrem")
	citizen.wantText("dd.state", "open")
	citizen.wantText("dd.addressee", "UWV")
	citizen.wantText(".current-addressee", "UWV, coördinator")
	citizen.wantText(".grounds", notHeard, tooHeavy)
	citizen.wantText(".no-answer", "Er is nog geen antwoord.")

	// The coordinator, in a browser of his own, finds it in his inbox and
	// answers it with an explain, a motivation per principle.
	coordinator := citizen.otherBrowser()
	coordinator.login("Jeroen Bakker")
	coordinator.clickOK(`.main-nav a[href="/postvak"]`)
	id := eval[string](coordinator, `(Array.from(document.querySelectorAll("tr.request-row")).find(tr => tr.querySelector("th a").textContent.trim() === `+jsString(subject)+`) || {dataset: {id: ""}}).dataset.id`)
	if id == "" {
		coordinator.fatal("the inbox has no row %q", subject)
	}
	row := `tr.request-row[data-id="` + id + `"]`
	coordinator.wantText(row, "Noodrem van een burger", "UWV, coördinator", "open")
	coordinator.clickOK(row + " th a")
	coordinator.wantText("main h1", subject)
	coordinator.wantText("dd.state", "open")
	coordinator.wantText(".grounds-list", notHeard, tooHeavy)
	areas := eval[[]string](coordinator, `Array.from(document.querySelectorAll('section[aria-labelledby="explain"] textarea'), e => e.id)`)
	slices.Sort(areas)
	if want := []string{"motiveringen-evenredigheid", "motiveringen-fair-play"}; !slices.Equal(areas, want) {
		coordinator.fatal("explain form has textareas %q, want %q: one per ground", areas, want)
	}
	coordinator.typeInto("motiveringen-fair-play", heard)
	coordinator.typeInto("motiveringen-evenredigheid", weighed)
	coordinator.clickOK(`section[aria-labelledby="explain"] button[type=submit]`)
	coordinator.wantText(".notice--ok", "Uw antwoord is vastgelegd.")
	coordinator.wantText("dd.state", "beantwoord", "explain: uitleg waarom niet")

	// A wrong code (the right lookup half, a wrong secret) shows only the
	// neutral message, and nothing of the brake or its answer.
	citizen.open("/noodrem/volgen")
	last := "0"
	if strings.HasSuffix(code, "0") {
		last = "1"
	}
	wrong := code[:len(code)-1] + last
	citizen.typeInto("ontvangstcode", wrong)
	if st := citizen.click(`form[action="/noodrem/volgen"] button[type=submit]`); st != 404 {
		citizen.fatal("wrong code: status %d, want 404", st)
	}
	citizen.wantText("main h1", "Noodrem volgen")
	citizen.wantText(".brake-notice", "Deze ontvangstcode kennen we niet.")
	page := citizen.text("main")
	for _, leak := range []string{heard, weighed, ref, "beantwoord", "UWV"} {
		if strings.Contains(page, leak) {
			citizen.fatal("a wrong code shows %q", leak)
		}
	}
	if n := eval[int](citizen, `document.querySelectorAll(".answer, dd.state").length`); n != 0 {
		citizen.fatal("a wrong code shows a brake")
	}

	// The right code, typed as people do (lower case, spaces), shows the
	// answer, without the name of who gave it.
	citizen.follow(strings.ToLower(strings.ReplaceAll(code, "-", " ")))
	citizen.wantText("main h1", "Uw noodrem")
	citizen.wantText("dd.state", "beantwoord", "de organisatie legt uit waarom niet")
	citizen.wantText(".answer h3", "Waarom niet")
	citizen.wantText(".answer", "UWV, coördinator", "Uitleg bij: "+notHeard, "Uitleg bij: "+tooHeavy)
	if got := citizen.texts(".answer dd.motivation"); !slices.Equal(got, []string{heard, weighed}) {
		citizen.fatal("motivations %q, want %q", got, []string{heard, weighed})
	}
	citizen.wantText(`section[aria-labelledby="betwisten"]`, "Niet eens met het antwoord?")
	if strings.Contains(citizen.text("main"), "Jeroen Bakker") {
		citizen.fatal("the follow page names the coordinator")
	}
	if l := citizen.lang(); l != "nl" {
		citizen.fatal("follow page html[lang] = %q, want nl", l)
	}
}

// tick ticks the checkbox with id by clicking it, and wants it ticked.
func (a *app) tick(id string) {
	a.t.Helper()
	a.see("#" + id)
	if err := chromedp.Do(a.ctx, chromedp.Click(chromedp.ID(id))); err != nil {
		a.fatal("click #%s: %v", id, err)
	}
	if !eval[bool](a, `document.getElementById(`+jsString(id)+`).checked`) {
		a.fatal("#%s is not ticked after clicking it", id)
	}
}

// follow types code into the form of /noodrem/volgen shown now, emptied
// first (after a wrong code the form keeps what was typed), and sends it.
func (a *app) follow(code string) {
	a.t.Helper()
	if v := eval[string](a, `(e => (e.value = "", e.value))(document.getElementById("ontvangstcode"))`); v != "" {
		a.fatal("#ontvangstcode keeps %q after emptying it", v)
	}
	a.typeInto("ontvangstcode", code)
	a.clickOK(`form[action="/noodrem/volgen"] button[type=submit]`)
}

// otherBrowser opens a tab on a's server in a browser context of its own,
// with its own cookies: a second person using the same schakel. Its
// problems in the pages fail the test as newApp's do.
func (a *app) otherBrowser() *app {
	a.t.Helper()
	return a.tabFor(a.t, testTimeout)
}

// tabFor is otherBrowser for test t (a subtest, say) with a time limit of
// its own.
func (a *app) tabFor(t *testing.T, timeout time.Duration) *app {
	t.Helper()
	var problems pageProblems
	t.Cleanup(func() {
		for _, p := range problems.list() {
			if known := knownProblem(p); known != "" {
				t.Logf("known problem in the other browser (%s): %s", known, p)
				continue
			}
			t.Errorf("in the other browser: %s", p)
		}
	})
	tab, closeTab := chromedp.NewContext(browserCtx, chromedp.WithNewBrowserContext(), chromedp.WithListener(problems.listen))
	t.Cleanup(closeTab)
	tab, cancel := context.WithTimeout(tab, timeout)
	t.Cleanup(cancel)
	if _, err := chromedp.Call(tab, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-reduced-motion", Value: "reduce"}},
	}); err != nil {
		t.Fatalf("open another tab: %v", err)
	}
	return &app{t: t, ctx: tab, base: a.base}
}
