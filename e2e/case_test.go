package e2e

import (
	"regexp"
	"strings"
	"testing"
)

// casePath is the path of a case's page.
var casePath = regexp.MustCompile(`^/casussen/(\d+)$`)

// TestMaatwerkplaats walks a case through the maatwerkplaats to the
// casusprudentie: the UWV professional submits a case whose situation
// holds personal data; the UWV coordinator, in a browser of his own,
// decides it (maatwerk), reviews the redacted publication and publishes
// it; anyone, not logged in, finds it in the register, without any of the
// personal data.
func TestMaatwerkplaats(t *testing.T) {
	t.Parallel()
	professional := newApp(t)
	const (
		title       = "Herbeoordeling te laat, WIA-uitkering stopt"
		searchWord  = "Herbeoordeling"
		situation   = "Mevrouw Annie de Boer (BSN 111222333) woont op Kerkstraat 12, 1234 AB Utrecht, telefoon 06-12345678"
		party       = "Annie de Boer"
		rule        = "jci1.3:c:BWBR0019057&artikel=76"
		intent      = "Alleen wie arbeidsongeschikt is, krijgt een uitkering."
		harm        = "Ze stopt door onze planning, niet door haar gezondheid."
		groundText  = "De gevolgen zijn onevenredig."
		weighingHow = "Schulden staan niet in verhouding tot het doel."
		explanation = "U houdt uw uitkering tot de herbeoordeling."
	)
	personal := []string{"Annie", "Boer", "111222333", "Kerkstraat 12", "1234 AB", "06-12345678"}

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

	// He reviews the publication: the preview is redacted.
	coordinator.clickOK(`.publish-link a[href="/casussen/` + id + `/publicatie"]`)
	coordinator.see(".redacted-counts")
	preview := coordinator.wantText(".precedent-preview", title, "[BSN]", "maatwerk", explanation)
	for _, leak := range []string{"111222333", "Annie", "06-12345678"} {
		if strings.Contains(preview, leak) {
			coordinator.fatal("the preview of the publication shows %q: %s", leak, preview)
		}
	}
	coordinator.clickOK(`form[action="/casussen/` + id + `/publicatie"] button[type=submit]`)
	if p := eval[string](coordinator, `location.pathname`); p != "/casusprudentie/"+id {
		coordinator.fatal("after publishing the page is %s, want /casusprudentie/%s", p, id)
	}
	coordinator.wantText("main h1", title)

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
	anyone.wantText("dd.cost", "€ 4.120")
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
}
