package e2e

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// TestAnonymousProfessionalReceipt: a professional pulls the brake
// anonymously on a phone; the browser lands on the receipt page (a GET
// page, so a reload sends nothing), and a reload shows the same code. That
// a second submission of the form files nothing is TestBrakeFormsFileOnce
// in web/.
func TestAnonymousProfessionalReceipt(t *testing.T) {
	t.Parallel()
	a := newApp(t)
	a.setViewport(phoneWidth, phoneHeight)
	a.login("Fatima El Amrani")
	a.open("/noodrem/professional")
	a.choose("organisatie", "uwv")
	a.typeInto("betreft", "Werkinstructie terugvordering 2026")
	a.typeInto("regels-0", "Wet WIA artikel 76")
	a.typeInto("onderwerp", "Terugvordering zonder gesprek")
	a.typeInto("toelichting", "Klanten horen pas van de terugvordering als de brief er is.")
	a.choose("gronden-0-beginsel", "fair-play")
	a.typeInto("gronden-0-toelichting", "Niemand wordt gehoord voor het besluit.")
	a.tap("input#identiteit-anoniem")
	a.clickOK(`form[action="/noodrem/professional"] button[type="submit"]`)

	a.wantText("main h1", "Uw ontvangstcode")
	code := a.text(".receipt-code code")
	if !receiptCode.MatchString(code) {
		a.fatal("receipt code %q", code)
	}
	if href := eval[string](a, `location.pathname`); href != "/noodrem/professional/ontvangst" {
		a.fatal("the receipt is at %s", href)
	}
	a.checkAccessibilityHere("the anonymous professional's receipt at 375 px")
	a.screenshot("noodrem-ontvangst-professional")

	if err := chromedp.Do(a.ctx, chromedp.Reload()); err != nil {
		t.Fatal(err)
	}
	if again := a.text(".receipt-code code"); again != code {
		a.fatal("after a reload the code is %q, first %q", again, code)
	}
}
