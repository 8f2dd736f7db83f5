package e2e

import (
	"fmt"
	"regexp"
	"slices"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestLanguageAndSkipLink: the home page is Dutch, the first Tab reaches
// the skip link, which moves the focus to the content; the header switches
// to English and back, and the choice holds on the next page.
func TestLanguageAndSkipLink(t *testing.T) {
	t.Parallel()
	a := newApp(t)
	a.open("/")
	if l := a.lang(); l != "nl" {
		a.fatal("html[lang] = %q, want nl", l)
	}
	a.wantText("main h1", "schakel: van uitvoering naar beleid")
	a.wantText(".site-header__login", "Inloggen")

	a.press(kb.Tab)
	if f := a.focused(); f != "a.skip-link" {
		a.fatal("the first Tab focuses %s, want the skip link", f)
	}
	a.wantText("a.skip-link", "Naar de inhoud")
	// Focused, the skip link shows inside the viewport at a readable size.
	// The browser applies the focus styles with the next rendering, so the
	// box is read until it is on screen, for at most two seconds.
	type rect struct{ Top, Left, Width, Height float64 }
	onScreen := func(b rect) bool { return b.Top >= 0 && b.Left >= 0 && b.Width >= 20 && b.Height >= 10 }
	var box rect
	for deadline := time.Now().Add(2 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		box = eval[rect](a, `(r => ({top: r.top, left: r.left, width: r.width, height: r.height}))(document.querySelector("a.skip-link").getBoundingClientRect())`)
		if onScreen(box) || time.Now().After(deadline) {
			break
		}
	}
	if !onScreen(box) {
		a.fatal("focused skip link at %+v, want it on screen", box)
	}
	a.press(kb.Enter)
	if f := a.focusedWithin(2*time.Second, "inhoud"); f != "inhoud" {
		a.fatal("after following the skip link the focus is on %s, want main#inhoud", f)
	}

	a.clickOK(`.lang-switch a[hreflang="en"]`)
	if l := a.lang(); l != "en" {
		a.fatal("after switching to English html[lang] = %q", l)
	}
	a.wantText("main h1", "schakel: from public service delivery to policy")
	a.wantText(".site-header__login", "Log in")
	a.wantText(`.lang-switch a[aria-current="true"]`, "English")
	if s := eval[string](a, `document.querySelector("a.skip-link").textContent`); s != "Skip to content" {
		a.fatal("English skip link says %q", s)
	}
	a.clickOK(`.main-nav a[href="/termijn"]`)
	if l := a.lang(); l != "en" {
		a.fatal("the next page forgot English: html[lang] = %q", l)
	}
	a.wantText("main h1", "term") // "Calculate a term" or similar

	a.clickOK(`.lang-switch a[hreflang="nl"]`)
	if l := a.lang(); l != "nl" {
		a.fatal("after switching back html[lang] = %q", l)
	}
	if loc := eval[string](a, `location.pathname`); loc != "/termijn" {
		a.fatal("switching language left the page for %s", loc)
	}
	a.wantText("main h1", "Termijn berekenen")
	a.wantText(`.lang-switch a[aria-current="true"]`, "Nederlands")
}

// TestDemoLogin: from the header's login link to the demo login, as the
// UWV professional; the home page greets her; logging out ends it.
func TestDemoLogin(t *testing.T) {
	t.Parallel()
	a := newApp(t)
	a.open("/")
	a.clickOK(".site-header__login")
	a.wantText("main h1", "Inloggen")
	a.clickOK(`main a[href="/demo/inloggen"]`)
	a.wantText("main h1", "Inloggen als voorbeeldgebruiker")
	a.loginHere("Fatima El Amrani")

	a.wantText("main h1", "Welkom, Fatima El Amrani")
	a.wantText("main table tbody tr", "UWV", "professional")
	a.wantText(`.main-nav a[href="/postvak"]`, "Postvak")

	a.logout()
	a.wantText("main h1", "schakel: van uitvoering naar beleid")
	if n := eval[int](a, `document.querySelectorAll('.main-nav a[href="/postvak"]').length`); n != 0 {
		a.fatal("the menu still offers the inbox after logging out")
	}
}

var requestPath = regexp.MustCompile(`/verzoeken/(\d+)(\?|$)`)

// TestComplyOrExplain walks a professional's emergency brake through the
// pages: made, acknowledged and explained by the coordinator, contested by
// the professional and so escalated to the board.
func TestComplyOrExplain(t *testing.T) {
	t.Parallel()
	a := newApp(t)
	const subject = "Terugvordering WIA-voorschot treft mensen zonder buffer"

	// The professional makes the request.
	a.login("Fatima El Amrani")
	a.clickOK(`main a[href="/verzoeken/nieuw"]`)
	a.wantText("main h1", "Nieuw verzoek om verantwoording")
	a.choose("type", "noodrem-professional")
	a.choose("geadresseerde", "uwv")
	a.typeInto("onderwerp", subject)
	a.typeInto("toelichting", "Het voorschot wordt in één keer teruggevorderd.")
	a.choose("gronden-0-beginsel", "evenredigheid")
	a.typeInto("gronden-0-toelichting", "De gevolgen zijn onevenredig voor wie geen buffer heeft.")
	a.clickOK(`form[action="/verzoeken"] button[type=submit]`)

	m := requestPath.FindStringSubmatch(eval[string](a, `location.pathname + location.search`))
	if m == nil {
		a.fatal("after making the request the browser is not on a request page")
	}
	id := m[1]
	a.wantText("main h1", subject)
	a.wantText(".notice--ok", "Uw verzoek is gedaan")
	a.wantText("dd.state", "open")
	a.wantText(".current-addressee", "UWV, coördinator")
	if d := a.text("dd.deadline time"); !regexp.MustCompile(`^\p{L}+dag \d{1,2} \p{L}+ \d{4}$`).MatchString(d) {
		a.fatal("deadline %q, want a long Dutch date", d)
	}
	a.wantText("dd.deadline .days-left", "werkdag")
	a.wantText(".grounds-list", "Belangenafweging en evenredigheid", "onevenredig voor wie geen buffer")
	if got := a.texts(".timeline__title"); !slices.Equal(got, []string{"Verzoek gedaan"}) {
		a.fatal("timeline %q", got)
	}
	a.logout()

	// The coordinator finds it in the inbox, acknowledges and explains.
	a.login("Jeroen Bakker")
	a.clickOK(`.main-nav a[href="/postvak"]`)
	row := fmt.Sprintf(`tr.request-row[data-id="%s"]`, id)
	a.wantText(row+" th a", subject)
	if d := a.text(row + " .days-left"); !regexp.MustCompile(`^nog \d+ werkdag(en)?$`).MatchString(d) {
		a.fatal("inbox says %q, want \"nog N werkdagen\"", d)
	}
	a.clickOK(row + " th a")
	a.wantText("main h1", subject)
	a.clickOK(`section[aria-labelledby="ontvangst"] button[type=submit]`)
	a.wantText(".notice--ok", "De ontvangst is bevestigd.")
	a.wantText("dd.state", "ontvangen")

	areas := eval[[]string](a, `Array.from(document.querySelectorAll('section[aria-labelledby="explain"] textarea'), e => e.id)`)
	if !slices.Equal(areas, []string{"motiveringen-evenredigheid"}) {
		a.fatal("explain form has textareas %q, want one for the one principle cited", areas)
	}
	a.wantText(`label[for="motiveringen-evenredigheid"]`, "Belangenafweging en evenredigheid")
	a.typeInto("motiveringen-evenredigheid", "Het terugvorderen is wettelijk verplicht; een betalingsregeling is mogelijk.")
	a.clickOK(`section[aria-labelledby="explain"] button[type=submit]`)
	a.wantText(".notice--ok", "Uw antwoord is vastgelegd.")
	a.wantText("dd.state", "beantwoord", "explain: uitleg waarom niet")
	a.logout()

	// The professional contests the explain: it goes to the board.
	a.login("Fatima El Amrani")
	a.open("/verzoeken/" + id)
	a.typeInto("betwisten-reden", "Een betalingsregeling lost het niet op voor wie nu al schulden heeft.")
	a.clickOK(`section[aria-labelledby="betwisten"] button[type=submit]`)
	a.wantText(".notice--ok", "Uw betwisting is vastgelegd")
	a.wantText("dd.state", "geëscaleerd")
	a.wantText(".current-addressee", "UWV, bestuur")
	a.wantText(".ladder__current", "UWV, bestuur")
	a.wantText(".flag-contested", "betwist")
	want := []string{"Verzoek gedaan", "Ontvangst bevestigd", "Beantwoord", "Explain betwist en geëscaleerd"}
	if got := a.texts(".timeline__title"); !slices.Equal(got, want) {
		a.fatal("timeline %q, want %q", got, want)
	}
	a.wantText(".timeline__event:last-child", "Een betalingsregeling lost het niet op")
	a.logout()

	// The board has it in her inbox now.
	a.login("Marleen Visser")
	a.clickOK(`.main-nav a[href="/postvak"]`)
	a.wantText(row+" th a", subject)
	a.wantText(row, "UWV, bestuur", "geëscaleerd")
}

// TestFormErrors: the empty request form comes back with an error summary
// at the top whose links lead the keyboard to the fields.
func TestFormErrors(t *testing.T) {
	t.Parallel()
	a := newApp(t)
	a.login("Fatima El Amrani")
	a.open("/verzoeken/nieuw")
	if st := a.click(`form[action="/verzoeken"] button[type=submit]`); st != 400 {
		a.fatal("empty form: status %d, want 400", st)
	}
	a.wantText(".error-summary", "Er is een probleem")
	placed := eval[struct {
		BeforeForm bool
		Top        float64
	}](a, `({beforeForm: !!(document.querySelector(".error-summary").compareDocumentPosition(document.querySelector('form[action="/verzoeken"]')) & Node.DOCUMENT_POSITION_FOLLOWING),
	        top: document.querySelector(".error-summary").getBoundingClientRect().top})`)
	if !placed.BeforeForm || placed.Top > 900 {
		a.fatal("error summary %+v, want it above the form and on the first screen", placed)
	}
	links := eval[[]string](a, `Array.from(document.querySelectorAll(".error-summary__list a"), e => e.getAttribute("href"))`)
	if len(links) == 0 {
		a.fatal("error summary has no links")
	}
	for _, h := range links {
		if ok := eval[bool](a, `!!document.getElementById(`+jsString(h[1:])+`)`); !ok {
			a.fatal("error summary link %s points at no element", h)
		}
	}

	// Activate the first link with the keyboard.
	first := links[0][1:]
	if err := chromedp.Do(a.ctx, chromedp.Focus(chromedp.CSS(".error-summary__list a"))); err != nil {
		a.fatal("focus the first link: %v", err)
	}
	a.press(kb.Enter)
	if f := a.focusedWithin(2*time.Second, first); f != first {
		a.fatal("after activating the link to #%s the focus is on %s", first, f)
	}
	if inv := eval[string](a, `document.activeElement.getAttribute("aria-invalid") || ""`); inv != "true" {
		a.fatal("the focused field #%s is not aria-invalid", first)
	}
	// And the last one with the mouse.
	last := links[len(links)-1][1:]
	if err := chromedp.Do(a.ctx, chromedp.Click(chromedp.CSS(".error-summary__list li:last-child a"))); err != nil {
		a.fatal("click the last link: %v", err)
	}
	if f := a.focusedWithin(2*time.Second, last); f != last {
		a.fatal("after clicking the link to #%s the focus is on %s", last, f)
	}
}

// TestTermCalculator: the public calculator, 6 weeks from 1 April 2026.
func TestTermCalculator(t *testing.T) {
	t.Parallel()
	a := newApp(t)
	a.open("/termijn")
	a.choose("startdatum", "2026-04-01")
	a.typeInto("aantal", "6")
	a.choose("eenheid", "weken")
	a.clickOK(`form[action="/termijn"] button[type=submit]`)
	a.wantText("#uitkomst", "De termijn eindigt op woensdag 13 mei 2026")
	a.wantText(".term-end", "woensdag 13 mei 2026")
	if q := eval[string](a, `location.search`); q != "?startdatum=2026-04-01&aantal=6&eenheid=weken" {
		a.fatal("the form sent %s", q)
	}
}
