package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/schakel-nl/schakel/cases"
	"github.com/schakel-nl/schakel/generalise"
)

// personalData are what the redaction test puts in a case; none of it may
// reach a public page.
var personalData = []string{
	"111222333",          // a BSN that passes the eleven-test
	"NL91ABNA0417164300", // an IBAN that passes mod-97
	"0417164300",
	"j.jansen@example.nl",
	"06-12345678",
	"12345678",
	"Kerkstraat 12",
	"1234 AB",
	"3 maart 1961",
	"Jan Jansen",
	"Bakkerij De Zon",
	"kaaswinkel op de markt", // redacted by the reviewer
}

func wantNoPersonalData(t *testing.T, where string, r *response) {
	t.Helper()
	for _, s := range personalData {
		if strings.Contains(r.Body, s) {
			t.Errorf("%s contains %q", where, s)
		}
	}
}

func TestPublicationRedacts(t *testing.T) {
	e := newCaseEnv(t)
	prof := e.as("uwv-professional")
	decider := e.as("uwv-coordinator")
	coord := e.as("uwv-bestuur") // the second reviewer, who publishes
	id := e.submit(prof, validCase(func(v url.Values) {
		v.Set("titel", "Terugvordering bij Jan Jansen")
		v.Set("situatie", "Jan Jansen (BSN 111222333, geboren op 3 maart 1961) woont aan de Kerkstraat 12, 1234 AB Eindhoven. "+
			"Hij is bereikbaar op 06-12345678 en j.jansen@example.nl; zijn rekening is NL91ABNA0417164300. "+
			"Hij werkte bij Bakkerij De Zon en daarna in de kaaswinkel op de markt tot hij ziek werd.")
		v.Set("partijen[0]", "Jan Jansen")
		v.Set("bedoeling", "Te veel betaalde voorschotten komen terug, ook bij Jan Jansen.")
		v.Set("knelpunt", "Jan Jansen heeft geen buffer; bel hem op 06-12345678.")
	}))
	wantLocation(t, e.post(decider, casePath(id)+"/besluit", validDecision(func(v url.Values) {
		v.Set("uitleg", "Beste Jan Jansen, u hoeft het voorschot niet terug te betalen. Wij storten niets op NL91ABNA0417164300.")
		v.Set("afwegingen[0].hoe", "Voor Jan Jansen, oud-medewerker van Bakkerij De Zon en de kaaswinkel op de markt, weegt de vertraging zwaar.")
	})), casePath(id)+"?gedaan=besloten")

	// The coordinator's case page shows all of it: it stays inside.
	r := e.get(coord, casePath(id))
	wantContains(t, r, ".situation", "111222333")

	// The one who decided reads the review but cannot publish: four eyes.
	r = e.get(decider, casePath(id)+"/publicatie")
	wantStatus(t, r, 200)
	wantContains(t, r, ".four-eyes", "tweede beoordelaar")
	wantNoSelector(t, r, "button.publish")
	wantStatus(t, e.post(decider, casePath(id)+"/publicatie", confirmedForm(url.Values{})), http.StatusForbidden)

	// The review shows the proposal redacted, every replacement, and
	// never claims that everything is gone.
	r = e.get(coord, casePath(id)+"/publicatie")
	wantStatus(t, r, 200)
	checkPage(t, r, "nl")
	// The list of replacements shows what was there (the reviewer must see
	// it); the preview and the texts to publish show none of it.
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(r.Body))
	if err != nil {
		t.Fatal(err)
	}
	doc.Find(".replacements").Remove()
	shown, err := doc.Html()
	if err != nil {
		t.Fatal(err)
	}
	wantNoPersonalData(t, "the review", &response{Body: strings.ReplaceAll(shown, "kaaswinkel op de markt", "")}) // the reviewer adds it
	for _, sel := range []string{
		`form[method="post"][action="/casussen/` + itoa(id) + `/publicatie"]`,
		`input#titel[name="titel"]`,
		`textarea#samenvatting[name="samenvatting"]`,
		`textarea#bedoeling[name="bedoeling"]`,
		`textarea#knelpunt[name="knelpunt"]`,
		`textarea#uitleg[name="uitleg"]`,
		`textarea#weglakken[name="weglakken"]`,
		`.precedent-preview .summary`,
		`button.publish`,
		`input[type=checkbox][name="bevestigd"][value="namen"]`,
		`input[type=checkbox][name="bevestigd"][value="bedragen"]`,
	} {
		wantSelector(t, r, sel)
	}
	if got := fieldValue(r.Doc(t).Find("#titel")); got != "Terugvordering bij [naam 1]" {
		t.Errorf("proposed title = %q", got)
	}
	summary := fieldValue(r.Doc(t).Find("#samenvatting"))
	for _, label := range []string{"[naam 1]", "[BSN]", "[geboortedatum]", "[adres]", "[telefoonnummer]", "[e-mail]", "[IBAN]"} {
		if !strings.Contains(summary, label) {
			t.Errorf("proposed summary lacks %s: %s", label, summary)
		}
	}
	report := r.Text(t, ".replacements")
	for _, want := range []string{"burgerservicenummer", "111222333", "rekeningnummer (IBAN)", "NL91ABNA0417164300", "e-mailadres", "telefoonnummer",
		"geboortedatum", "naam", "Jan Jansen", "adres", "Kerkstraat 12"} {
		if !strings.Contains(report, want) {
			t.Errorf("the list of replacements lacks %q: %s", want, report)
		}
	}
	if strings.Contains(r.Body, "zijn al weggelakt") {
		t.Error("the review claims that the personal data are removed")
	}

	// Updating the preview with the texts sent back keeps the list of
	// what the original held.
	preview := url.Values{"actie": {"voorbeeld"}, "generaliseren-gekozen": {"1"}}
	for _, k := range []string{"titel", "samenvatting", "bedoeling", "knelpunt", "uitleg"} {
		preview.Set(k, fieldValue(r.Doc(t).Find("#"+k)))
	}
	r2 := e.post(coord, casePath(id)+"/publicatie", preview)
	wantStatus(t, r2, 200)
	wantContains(t, r2, ".replacements", "111222333")

	// A reviewer's text that is too long is refused at its field.
	bad := confirmedForm(url.Values{"titel": {"T"}, "samenvatting": {strings.Repeat("x", 20001)}, "weglakken": {"kaaswinkel op de markt"}})
	r = e.post(coord, casePath(id)+"/publicatie", bad)
	wantStatus(t, r, 400)
	checkPage(t, r, "nl")
	wantErrorsAt(t, r, "samenvatting")
	wantSelector(t, r, `textarea#weglakken`)
	if got := fieldValue(r.Doc(t).Find("#weglakken")); got != "kaaswinkel op de markt" {
		t.Errorf("weglakken = %q after an error", got)
	}

	// Publish what was proposed, with the reviewer's phrase and a title
	// edited back to the name: it is redacted again.
	form := url.Values{}
	review := e.get(coord, casePath(id)+"/publicatie")
	for _, k := range []string{"samenvatting", "bedoeling", "knelpunt", "uitleg"} {
		form.Set(k, fieldValue(review.Doc(t).Find("#"+k)))
	}
	form.Set("titel", "Terugvordering bij Jan Jansen, werkzaam bij Bakkerij De Zon")
	form.Set("weglakken", "\n  kaaswinkel op de markt \n\n")
	// Without confirming every category, nothing is published.
	r = e.post(coord, casePath(id)+"/publicatie", form)
	wantStatus(t, r, 400)
	wantErrorsAt(t, r, "bevestig-namen")
	wantLocation(t, e.post(coord, casePath(id)+"/publicatie", confirmedForm(form)), precedentPath(id))

	p, err := e.st.Precedent(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(p.Title, "Terugvordering bij [naam 1], werkzaam bij [") || strings.Contains(p.Title, "Bakkerij") {
		t.Errorf("published title %q", p.Title)
	}
	for _, w := range p.Weighings {
		if strings.Contains(w.How, "Bakkerij") || strings.Contains(w.How, "Jansen") {
			t.Errorf("published weighing %q", w.How)
		}
	}

	visitor := e.client()
	r = e.get(visitor, precedentPath(id))
	wantStatus(t, r, 200)
	checkPage(t, r, "nl")
	wantNoPersonalData(t, "the published case", r)
	wantText(t, r, "h1", p.Title)
	wantContains(t, r, ".summary", "[BSN]")
	wantContains(t, r, ".summary", "[weggelakt]")
	wantContains(t, r, ".weighings", "[weggelakt]")
	r = e.get(visitor, "/casusprudentie")
	wantStatus(t, r, 200)
	wantNoPersonalData(t, "the register", r)
	wantSelector(t, r, `.precedent-result[data-id="`+itoa(id)+`"] a[href="`+precedentPath(id)+`"]`)
	r = e.get(visitor, "/casusprudentie?q=Jansen")
	wantNoPersonalData(t, "the register searched for the name", &response{Body: strings.ReplaceAll(r.Body, `value="Jansen"`, "")})
	wantSelector(t, r, ".empty-state")

	// The case is published: its page links to the register, and the
	// review goes there too.
	r = e.get(coord, casePath(id))
	wantContains(t, r, ".state", "gepubliceerd")
	wantSelector(t, r, `.precedent-link a[href="`+precedentPath(id)+`"]`)
	wantLocation(t, e.get(coord, casePath(id)+"/publicatie"), precedentPath(id))
	wantStatus(t, e.post(coord, casePath(id)+"/publicatie", form), http.StatusConflict)
}

// confirmedForm returns v with every review category confirmed.
func confirmedForm(v url.Values) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = vs
	}
	for _, c := range cases.ReviewCategories() {
		out.Add("bevestigd", string(c))
	}
	return out
}

func TestPrecedentPage(t *testing.T) {
	e := newCaseEnv(t)
	id := e.openCase()
	coord := e.as("uwv-coordinator")
	wantLocation(t, e.post(coord, casePath(id)+"/besluit", validDecision(func(v url.Values) { v.Set("grondslag", "hardheidsclausule") })), casePath(id)+"?gedaan=besloten")
	e.clock.Advance(24 * time.Hour)
	wantLocation(t, e.post(e.as("uwv-bestuur"), casePath(id)+"/publicatie", confirmedForm(url.Values{})), precedentPath(id))
	for _, lang := range []string{"nl", "en"} {
		c := e.client()
		e.setLang(c, lang)
		r := e.get(c, precedentPath(id))
		wantStatus(t, r, 200)
		checkPage(t, r, lang)
		wantText(t, r, "h1", "Terugvordering WIA-voorschot na te laat besluit")
		wantText(t, r, ".organisation", "UWV")
		wantSelector(t, r, `.precedent-rules a[href="https://wetten.overheid.nl/jci1.3:c:BWBR0019057&artikel=76"]`)
		wantSelector(t, r, `.weighings a[href="/beginselen#evenredigheid"]`)
		wantContains(t, r, ".summary", "voorschot op haar WIA-uitkering")
		wantContains(t, r, ".intent", "Voorschotten")
		wantContains(t, r, ".harm", "buffer")
		wantContains(t, r, ".explanation", "niet terug te betalen")
		if lang == "nl" {
			wantText(t, r, ".outcome", "maatwerk")
			wantText(t, r, ".legal-ground", "Hardheidsclausule van de wet")
			wantText(t, r, ".cost", generalise.BandText(412050, "nl"))
			wantContains(t, r, ".precedent-summary", "2 maart 2026")
			wantContains(t, r, ".precedent-summary", "3 maart 2026")
		} else {
			wantText(t, r, ".outcome", "tailored decision")
			wantText(t, r, ".legal-ground", "Hardship clause of the law")
			wantText(t, r, ".cost", generalise.BandText(412050, "en"))
			wantSelector(t, r, `.precedent-rules li[lang="nl"]`)
		}
		// The situation's parties and the signal stay inside.
		if strings.Contains(r.Body, "Anna Bos") || strings.Contains(r.Body, "treft mensen zonder buffer") {
			t.Error("the public page shows a party or the internal signal")
		}
	}
}
