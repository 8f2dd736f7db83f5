package e2e

import (
	"regexp"
	"strings"
	"testing"
	"time"
)

// knelpuntPath is the path of a knelpunt's page, with the notice after
// filing in its query.
var knelpuntPath = regexp.MustCompile(`^/knelpunten/(\d+)$`)

// TestSignalToMinistry takes a signal up the whole ladder in the browser:
// the UWV professional, on a phone, files a signal with personal data in
// it and a second one, which joins the first's knelpunt through the
// suggestion; she puts it to her team; the coordinator adopts it; the
// board adopts it and sends the knelpuntenbrief; the ministry explains
// why not; and a visitor, not logged in, sees the law's page with the
// answer and no personal data.
func TestSignalToMinistry(t *testing.T) {
	t.Parallel()
	professional := newApp(t)
	const (
		title   = "Voorschot WIA teruggevorderd na een te laat besluit"
		title2  = "WIA-voorschot terugbetalen terwijl UWV te laat besliste"
		rule    = "jci1.3:c:BWBR0019057&artikel=76"
		effect  = "Mevrouw Jansen (BSN 111222333) moet duizenden euro's terugbetalen omdat UWV te laat besliste over haar WIA-uitkering."
		effect2 = "Mensen met een WIA-voorschot moeten terugbetalen door een te laat besluit van UWV en raken in de schulden."
		why     = "De wet wordt in 2027 herzien; tot dan blijft artikel 76 gelden."
	)
	professional.phone()
	professional.login("Fatima El Amrani")
	fileSignal := func(title, effect string) {
		professional.open("/signalen/nieuw")
		professional.wantText("main h1", "Signaal geven")
		professional.choose("organisatie", "uwv")
		professional.typeInto("titel", title)
		professional.typeInto("regels-0", rule)
		professional.typeInto("groep", "Mensen met een WIA-voorschot")
		professional.typeInto("gevolg", effect)
		professional.typeInto("burgers-van", "1200")
		professional.typeInto("burgers-tot", "1500")
		professional.typeInto("burgers-methode", "Geteld in ons systeem over 2025")
		professional.tick("oplossing-wet")
		professional.typeInto("voorstel", "Vorder het voorschot niet terug als het besluit te laat was.")
		professional.typeInto("kosten-eenmalig", "1.250.000")
		professional.typeInto("kosten-drager", "Rijk")
		professional.choose("conflicten-0-beginsel", "evenredigheid")
		professional.typeInto("conflicten-0-reden", "De terugvordering treft wie er niets aan kon doen.")
		professional.clickOK(`form[action="/signalen"] button[type=submit]`)
	}
	fileSignal(title, effect)
	m := knelpuntPath.FindStringSubmatch(eval[string](professional, `location.pathname`))
	if m == nil {
		professional.fatal("after filing, the page is not a knelpunt's page")
	}
	id := m[1]
	professional.wantText("main h1", title)
	professional.wantText(".redacted", "burgerservicenummer")
	professional.wantText(".signal-count", "1 signaal")
	if s := professional.text("main"); strings.Contains(s, "111222333") || strings.Contains(s, "Jansen") {
		professional.fatal("the knelpunt shows personal data: %s", s)
	}

	// The second signal: the form offers the first's knelpunt.
	fileSignal(title2, effect2)
	professional.wantText(`label[for="knelpunt-`+id+`"]`, "Sluit aan bij knelpunt "+id)
	professional.tick("knelpunt-" + id)
	professional.clickOK(`form[action="/signalen"] button[type=submit]`)
	if p := eval[string](professional, `location.pathname`); p != "/knelpunten/"+id {
		professional.fatal("after joining, the page is %s", p)
	}
	professional.wantText(".signal-count", "2 signalen")
	professional.clickOK(`form[action="/knelpunten/` + id + `/voorleggen"] button[type=submit]`)
	professional.wantText("dd.state", "voorgelegd")

	// The coordinator and then the board adopt it.
	adopt := func(a *app, changes string) {
		a.open("/knelpunten/" + id)
		a.typeInto("wijzigingen", changes)
		a.choose("uiterlijk", time.Now().AddDate(0, 3, 0).Format("2006-01-02"))
		a.clickOK(`.action.comply button[type=submit]`)
	}
	coordinator := professional.otherBrowser()
	coordinator.login("Jeroen Bakker")
	adopt(coordinator, "Het team neemt dit over en legt het voor aan het bestuur.")
	coordinator.wantText("dd.level", "bestuur")
	board := professional.otherBrowser()
	board.login("Marleen Visser")
	adopt(board, "Het bestuur neemt dit over voor de knelpuntenbrief.")
	board.wantText("dd.state", "overgenomen")

	// The board sends the letter of this year.
	board.open("/knelpuntenbrieven/nieuw")
	board.choose("organisatie", "uwv")
	board.clickOK(`form.letter-period button[type=submit]`)
	board.wantText("main", title)
	board.clickOK(`form[action="/knelpuntenbrieven"] button[type=submit]`)
	letter := eval[string](board, `location.pathname`)
	if !strings.HasPrefix(letter, "/knelpuntenbrieven/") {
		board.fatal("after sending, the page is %s", letter)
	}
	board.wantText("main", "KB-uwv-", "nog geen antwoord")

	// The ministry explains why not, per principle.
	ministry := professional.otherBrowser()
	ministry.login("Eva Smit")
	ministry.open("/knelpunten/" + id)
	ministry.typeInto("motiveringen-evenredigheid", why)
	ministry.clickOK(`.action.explain button[type=submit]`)
	ministry.wantText("dd.state", "niet overgenomen")

	// A visitor, on a phone, finds the law, the knelpunt and the answer.
	visitor := professional.otherBrowser()
	visitor.phone()
	visitor.open("/wetten")
	visitor.clickOK(`a[href="/wetten/BWBR0019057"]`)
	visitor.wantText("main h1", "Wet werk en inkomen naar arbeidsvermogen")
	visitor.wantText("main", title, why)
	visitor.open(letter)
	visitor.wantText("main", title, why)
	for _, path := range []string{"/wetten/BWBR0019057", letter, "/knelpunten/" + id} {
		visitor.open(path)
		if html := eval[string](visitor, `document.documentElement.outerHTML`); strings.Contains(html, "111222333") || strings.Contains(html, "Jansen") {
			visitor.fatal("%s shows personal data", path)
		}
	}
}
