package e2e

import (
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/schakel-nl/schakel/generalise"
)

// casePath is the path of a case's page.
var casePath = regexp.MustCompile(`^/casussen/(\d+)$`)

// TestMaatwerkplaats walks a case through the maatwerkplaats to the
// casusprudentie and out again: the UWV professional submits a case whose
// situation holds personal data; the UWV coordinator, in a browser of his
// own, decides it (maatwerk) and may not publish it (four eyes); a board
// member, on a phone, reviews every replacement, generalises the flagged
// family composition, confirms each category and publishes; anyone, not
// logged in, finds it in the register without any of the personal data;
// the board member withdraws it, and the public page shows the withdrawal.
func TestMaatwerkplaats(t *testing.T) {
	t.Parallel()
	professional := newApp(t)
	const (
		title       = "Herbeoordeling te laat, WIA-uitkering stopt"
		searchWord  = "Herbeoordeling"
		situation   = "Mevrouw Annie de Boer (BSN 111222333) woont op Kerkstraat 12, 1234 AB Utrecht, telefoon 06-12345678. Ze heeft drie kinderen en werkt bij de Jumbo in Oisterwijk."
		party       = "Annie de Boer"
		rule        = "jci1.3:c:BWBR0019057&artikel=76"
		intent      = "Alleen wie arbeidsongeschikt is, krijgt een uitkering."
		harm        = "Ze stopt door onze planning, niet door haar gezondheid."
		groundText  = "De gevolgen zijn onevenredig."
		weighingHow = "Schulden staan niet in verhouding tot het doel."
		explanation = "U houdt uw uitkering tot de herbeoordeling."
	)
	personal := []string{"Annie", "Boer", "111222333", "Kerkstraat 12", "1234 AB", "06-12345678", "Jumbo", "Oisterwijk", "drie kinderen"}

	// The professional submits the case from the list of cases.
	professional.login("Fatima El Amrani")
	professional.open("/casussen")
	professional.clickOK("a.new-case")
	professional.wantText("main h1", "Nieuwe casus")
	if n := eval[int](professional, `document.querySelectorAll('#organisatie option[value="uwv"]').length`); n != 1 {
		professional.fatal("#organisatie offers UWV %d times, want once", n)
	}
	professional.choose("organisatie", "uwv")
	professional.typeInto("titel", title)
	professional.typeInto("situatie", situation)
	professional.typeInto("partijen-0", party)
	professional.typeInto("regels-0", rule)
	professional.typeInto("bedoeling", intent)
	professional.typeInto("knelpunt", harm)
	professional.tick("beginselen-evenredigheid")
	professional.clickOK(`form[action="/casussen"] button[type=submit]`)

	// The case's page: its title, the state, the texts as entered.
	professional.wantText("main h1", title)
	professional.wantText(".notice--ok", "Uw casus is ingediend.")
	professional.wantText("dd.state", "ingediend")
	professional.wantText("dd.organisation", "UWV")
	professional.wantText("dd.submitter", "Fatima El Amrani")
	professional.wantText("p.situation", "111222333", "Kerkstraat 12")
	professional.wantText("ul.parties", party)
	professional.wantText("ul.case-principles", "evenredigheid")
	m := casePath.FindStringSubmatch(eval[string](professional, `location.pathname`))
	if m == nil {
		professional.fatal("after submitting, the page is not a case's page")
	}
	id := m[1]
	if n := eval[int](professional, `document.querySelectorAll("section.decide").length`); n != 0 {
		professional.fatal("the professional may decide her own case")
	}

	// The coordinator, in a browser of his own, decides it.
	coordinator := professional.otherBrowser()
	coordinator.login("Jeroen Bakker")
	coordinator.open("/casussen/" + id)
	coordinator.wantText("main h1", title)
	coordinator.wantText("dd.state", "ingediend")
	decide := `form[action="/casussen/` + id + `/besluit"]`
	coordinator.see(decide)
	coordinator.tick("uitkomst-maatwerk")
	coordinator.choose("grondslag", "awb-4:84")
	coordinator.typeInto("grondslagToelichting", groundText)
	coordinator.choose("afwegingen-0-beginsel", "evenredigheid")
	coordinator.typeInto("afwegingen-0-hoe", weighingHow)
	coordinator.typeInto("kostenCenten", "4.120")
	coordinator.typeInto("uitleg", explanation)
	coordinator.clickOK(decide + " button[type=submit]")
	coordinator.wantText("main h1", title)
	coordinator.wantText(".notice--ok", "Het besluit is vastgelegd.")
	coordinator.wantText("dd.state", "besloten")
	coordinator.wantText("dd.decision-outcome", "maatwerk")
	coordinator.wantText("dd.decision-ground", "Awb 4:84")
	coordinator.wantText("dd.decision-cost", "€ 4.120")
	coordinator.wantText("dd.decision-explanation", explanation)
	coordinator.wantText("dl.decision .weighings", weighingHow)

	// He may read the review but not publish: he decided.
	coordinator.clickOK(`.publish-link a[href="/casussen/` + id + `/publicatie"]`)
	coordinator.wantText(".four-eyes", "tweede beoordelaar")
	if n := eval[int](coordinator, `document.querySelectorAll("button.publish").length`); n != 0 {
		coordinator.fatal("the one who decided is offered to publish")
	}

	// A board member, on a phone, reviews: every replacement is listed,
	// the family composition is flagged; she generalises it, sees the
	// preview, confirms every category and publishes.
	reviewer := professional.otherBrowser()
	reviewer.phone()
	reviewer.login("Marleen Visser")
	reviewer.open("/casussen/" + id + "/publicatie")
	reviewer.wantText(".replacements", "111222333", "Oisterwijk", "Jumbo")
	reviewer.wantText(".flags", "drie kinderen")
	flag := eval[string](reviewer, `(() => { for (const l of document.querySelectorAll(".flag label")) { if (l.textContent.includes("drie kinderen")) return l.htmlFor } return "" })()`)
	if flag == "" {
		reviewer.fatal("no checkbox for the family composition")
	}
	if !eval[bool](reviewer, `document.getElementById(`+jsString(flag)+`).checked`) {
		reviewer.tick(flag)
	}
	reviewer.clickOK(`button[name="actie"][value="voorbeeld"]`)
	preview := reviewer.wantText(".precedent-preview", title, "[BSN]", "[plaats]", "kinderen", "maatwerk", explanation)
	for _, leak := range personal {
		if strings.Contains(preview, leak) {
			reviewer.fatal("the preview of the publication shows %q: %s", leak, preview)
		}
	}
	for _, code := range []string{"namen", "plaatsen", "organisaties", "nummers-en-contactgegevens", "data-en-leeftijden", "gezin-en-gezondheid", "bedragen"} {
		reviewer.tick("bevestig-" + code)
	}
	reviewer.clickOK(`button.publish`)
	if p := eval[string](reviewer, `location.pathname`); p != "/casusprudentie/"+id {
		reviewer.fatal("after publishing the page is %s, want /casusprudentie/%s", p, id)
	}
	reviewer.wantText("main h1", title)

	// Anyone, not logged in, finds it in the casusprudentie.
	anyone := professional.otherBrowser()
	anyone.open("/casusprudentie")
	if n := eval[int](anyone, `document.querySelectorAll(".site-header__user").length`); n != 0 {
		anyone.fatal("the reader is logged in")
	}
	anyone.typeInto("q", searchWord)
	anyone.clickOK(`form[action="/casusprudentie"] button[type=submit]`)
	result := `li.precedent-result[data-id="` + id + `"]`
	anyone.wantText(result, title, "UWV", "maatwerk")
	anyone.clickOK(result + ` h2 a[href="/casusprudentie/` + id + `"]`)
	anyone.wantText("main h1", title)
	anyone.wantText("dd.organisation", "UWV")
	anyone.wantText("dd.outcome", "maatwerk")
	anyone.wantText("dd.legal-ground", "Awb 4:84")
	anyone.wantText("dd.cost", generalise.BandText(412000, "nl"))
	anyone.wantText("p.explanation", explanation)
	anyone.wantText("p.summary", "[BSN]")
	anyone.wantText("dl.weighings", weighingHow)
	page := anyone.text("main")
	for _, leak := range personal {
		if strings.Contains(page, leak) {
			anyone.fatal("the published case shows %q: %s", leak, page)
		}
	}
	if html := eval[string](anyone, `document.documentElement.outerHTML`); strings.Contains(html, "111222333") {
		anyone.fatal("the published page's HTML holds the BSN")
	}

	// The board member withdraws the publication with a public reason;
	// the page then shows the withdrawal and none of the texts.
	reviewer.open("/casussen/" + id + "/correctie")
	reviewer.typeInto("intrekkingsreden", "Het gezin bleek in het dorp herkenbaar.")
	reviewer.clickOK(`form.withdraw-form button[type=submit]`)
	anyone.open("/casusprudentie/" + id)
	anyone.wantText(".withdrawn", "ingetrokken", "Het gezin bleek in het dorp herkenbaar.")
	anyone.wantText(".precedent-changes", "gepubliceerd", "ingetrokken")
	if n := eval[int](anyone, `document.querySelectorAll("p.summary, p.explanation").length`); n != 0 {
		anyone.fatal("the withdrawn publication still shows its texts")
	}
}

// phone makes a's tab as wide as a phone (375 CSS pixels), so the page is
// used as on one.
func (a *app) phone() {
	a.t.Helper()
	if _, err := chromedp.Call(a.ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{Width: 375, Height: 740, DeviceScaleFactor: 2, Mobile: true}); err != nil {
		a.fatal("phone width: %v", err)
	}
}
