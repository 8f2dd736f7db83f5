package e2e

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// phoneWidth and phoneHeight are a small phone's screen (issue 15: "on a
// 375×812 screen the page heading of every page starts within the first
// screen").
const (
	phoneWidth  = 375
	phoneHeight = 812
)

// setViewport makes the tab a width×height screen.
func (a *app) setViewport(width, height int64) {
	a.t.Helper()
	if err := chromedp.Do(a.ctx, chromedp.EmulateViewport(width, height)); err != nil {
		a.fatal("set the viewport to %d×%d: %v", width, height, err)
	}
}

// setScripts turns JavaScript in the tab on or off; the next page loaded
// runs with that setting.
func (a *app) setScripts(on bool) {
	a.t.Helper()
	if _, err := chromedp.Call(a.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: !on}); err != nil {
		a.fatal("turn scripts on=%v: %v", on, err)
	}
}

// tap clicks the element at sel when clicking it loads no new page (a
// menu button, a radio button, a button htmx handles).
func (a *app) tap(sel string) {
	a.t.Helper()
	a.see(sel)
	if err := chromedp.Do(a.ctx, chromedp.Click(chromedp.CSS(sel), chromedp.NodeVisible)); err != nil {
		a.fatal("click %s: %v", sel, err)
	}
}

// checkPhonePage opens path at 375×812 and at 1280×812 and wants the page
// no wider than the screen and its h1 starting within the first screen;
// at 375 px axe-core must find nothing.
func (a *app) checkPhonePage(path string) {
	a.t.Helper()
	for _, w := range []int64{phoneWidth, 1280} {
		a.setViewport(w, phoneHeight)
		a.open(path)
		what := fmt.Sprintf("%s at %d px", path, w)
		a.checkReflow(what)
		top := eval[float64](a, `(document.querySelector("main h1") || {getBoundingClientRect: () => ({top: 1e9})}).getBoundingClientRect().top + window.scrollY`)
		a.t.Logf("%s: h1 at %.0f px, page %d px wide, %d px long", what, top, eval[int](a, `document.documentElement.scrollWidth`), eval[int](a, `document.documentElement.scrollHeight`))
		if top >= phoneHeight-40 {
			a.t.Errorf("%s: the h1 starts at %.0f px, below the first screen of %d px", what, top, phoneHeight)
		}
		if w == phoneWidth {
			a.checkAccessibilityHere(what)
		}
	}
}

// TestPhoneLayout: on a phone every main page fits the screen, starts its
// heading on the first screen and passes axe-core, logged out and as a
// coordinator, the register and a case page included.
func TestPhoneLayout(t *testing.T) {
	t.Parallel()
	a := newDemoApp(t)
	defer a.resetViewport()
	for _, p := range []string{"/", "/noodrem", "/noodrem/burger", "/noodremmen", "/knelpunten", "/parlement", "/logboek", "/casusprudentie", "/organisaties", "/termijn"} {
		a.checkPhonePage(p)
	}
	a.resetViewport()
	a.login("Jeroen Bakker")
	a.open("/casussen")
	casePage := eval[string](a, `(document.querySelector("table.cases tbody a[href^='/casussen/']") || {}).pathname || ""`)
	if casePage == "" {
		a.fatal("no case in the demo world's list of cases")
	}
	for _, p := range []string{"/", "/postvak", "/verzoeken", "/verzoeken/nieuw", "/casussen", casePage, "/casussen/nieuw", "/noodrem/professional", "/signalen/nieuw"} {
		a.checkPhonePage(p)
	}

	// The case page's decision form is one tap from the top.
	a.setViewport(phoneWidth, phoneHeight)
	a.open(casePage)
	if n := eval[int](a, `document.querySelectorAll("nav.page-nav a[href='#besluiten']").length`); n != 1 {
		a.fatal("the case page has %d links to the decision form, want 1", n)
	}
	a.click(`nav.page-nav a[href="#besluiten"]`)
	if top := eval[float64](a, `document.getElementById("besluiten").getBoundingClientRect().top`); top < 0 || top > phoneHeight {
		a.t.Errorf("after the link to the decision, its heading is at %.0f px of the screen", top)
	}
}

// TestPhoneMenu: below 48em the main navigation is behind a menu button
// that opens it, with JavaScript and without; on a wide screen the links
// show at once.
func TestPhoneMenu(t *testing.T) {
	t.Parallel()
	a := newApp(t)
	defer a.resetViewport()
	defer a.setScripts(true)
	link := `nav.main-nav a[href="/organisaties"]`
	visible := func() bool {
		return eval[bool](a, `(e => !!e && e.checkVisibility({contentVisibilityAuto: true, visibilityProperty: true}))(document.querySelector(`+jsString(link)+`))`)
	}
	for _, scripts := range []bool{true, false} {
		a.setScripts(scripts)
		a.setViewport(phoneWidth, phoneHeight)
		a.open("/")
		if visible() {
			a.fatal("scripts %v: the menu's links show before the menu button is pressed", scripts)
		}
		if got := eval[string](a, `document.querySelector("summary.main-nav__button").getAttribute("aria-expanded") || String(document.querySelector("details.main-nav__menu").open)`); got != "false" {
			a.fatal("scripts %v: the menu is open at first (%s)", scripts, got)
		}
		a.tap("summary.main-nav__button")
		a.see(link)
		if !eval[bool](a, `document.querySelector("details.main-nav__menu").open`) {
			a.fatal("scripts %v: the menu did not open", scripts)
		}
		a.clickOK(link)
		a.wantText("main h1", "Organisaties")

		a.setViewport(1280, phoneHeight)
		a.open("/")
		if !visible() {
			a.fatal("scripts %v: at 1280 px the menu's links are hidden", scripts)
		}
		if eval[bool](a, `getComputedStyle(document.querySelector("summary.main-nav__button")).display !== "none"`) {
			a.fatal("scripts %v: at 1280 px the menu button shows", scripts)
		}
	}
}

// TestAddRuleBlock: the professional's brake shows one rule; "Nog een
// regel toevoegen" adds the next, without JavaScript by posting the form
// back (keeping what was typed, showing no errors) and with htmx in place,
// the focus on the new field.
func TestAddRuleBlock(t *testing.T) {
	t.Parallel()
	a := newApp(t)
	defer a.resetViewport()
	defer a.setScripts(true)
	a.login("Fatima El Amrani")
	const rule, subject = "Participatiewet art. 18 lid 2", "Terugvordering na te laat besluit"
	add := `fieldset#regels button[name="blok-toevoegen"]`

	a.setScripts(false)
	a.setViewport(phoneWidth, phoneHeight)
	a.open("/noodrem/professional")
	if n := eval[int](a, `document.querySelectorAll("fieldset#regels input").length`); n != 1 {
		a.fatal("the form shows %d rule fields, want 1", n)
	}
	a.typeInto("regels-0", rule)
	a.typeInto("onderwerp", subject)
	a.tap("input#identiteit-beschermd")
	a.clickOK(add)
	if got := eval[string](a, `document.getElementById("regels-0").value`); got != rule {
		a.fatal("after adding a rule without JavaScript, the first rule says %q, want %q", got, rule)
	}
	if got := eval[string](a, `document.getElementById("onderwerp").value`); got != subject {
		a.fatal("after adding a rule the subject says %q", got)
	}
	if !eval[bool](a, `document.getElementById("identiteit-beschermd").checked`) {
		a.fatal("after adding a rule the identity chosen is lost")
	}
	a.see("input#regels-1")
	if n := eval[int](a, `document.querySelectorAll(".error-summary, [aria-invalid='true']").length`); n != 0 {
		a.fatal("adding a rule shows %d errors", n)
	}
	if h := eval[string](a, `location.hash`); h != "#regels-blok-2" {
		a.t.Errorf("after adding a rule the page is at %q, want #regels-blok-2", h)
	}
	a.checkReflow("/noodrem/professional with two rules at 375 px")
	// axe-core runs on timers, which a page without scripts never fires.
	a.setScripts(true)
	a.checkAccessibilityHere("/noodrem/professional with two rules at 375 px")

	// With JavaScript htmx swaps the rules in place: no new page.
	a.open("/noodrem/professional")
	a.typeInto("regels-0", rule)
	eval[bool](a, `(window.__samePage = true)`)
	a.tap(add)
	a.see("input#regels-1")
	if !eval[bool](a, `window.__samePage === true`) {
		a.fatal("with JavaScript adding a rule loaded a new page")
	}
	if got := eval[string](a, `document.getElementById("regels-0").value`); got != rule {
		a.fatal("after adding a rule with htmx, the first rule says %q", got)
	}
	if f := a.focusedWithin(stepTimeout/3, "regels-1"); f != "regels-1" {
		a.t.Errorf("after adding a rule with htmx the focus is on %q, want regels-1", f)
	}
	if n := eval[int](a, `document.querySelectorAll("fieldset#regels").length`); n != 1 {
		a.fatal("%d rule groups after the swap, want 1", n)
	}
	if got := strings.TrimSpace(eval[string](a, `document.querySelector(`+jsString(add)+`).textContent`)); got != "Nog een regel toevoegen" {
		a.t.Errorf("the button after the swap says %q", got)
	}
}
