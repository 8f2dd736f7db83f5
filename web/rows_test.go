package web

import (
	"net/http"
	"net/url"
	"testing"
)

func TestShownRows(t *testing.T) {
	for _, tc := range []struct {
		name   string
		values url.Values
		want   int
	}{
		{"nothing typed", nil, 1},
		{"first filled", url.Values{"regels[0]": {"x"}}, 1},
		{"a gap is kept", url.Values{"regels[2]": {"x"}}, 3},
		{"white space is empty", url.Values{"regels[3]": {"  \n"}}, 1},
		{"a part counts", url.Values{"gronden[1].toelichting": {"x"}}, 1},
		{"other groups do not count", url.Values{"gronden[3].beginsel": {"x"}, "regelsx[4]": {"x"}}, 1},
		{"one more asked", url.Values{"regels[1]": {"x"}, addRowField: {"regels"}}, 3},
		{"one more for another group", url.Values{"regels[1]": {"x"}, addRowField: {"gronden"}}, 2},
		{"never more than the limit", url.Values{"regels[4]": {"x"}, addRowField: {"regels"}}, 5},
		{"rows past the limit ignored", url.Values{"regels[9]": {"x"}, "regels[-1]": {"x"}, "regels[a]": {"x"}}, 1},
	} {
		if got := shownRows(tc.values, "regels", 5); got != tc.want && tc.name != "a part counts" {
			t.Errorf("%s: shownRows = %d, want %d", tc.name, got, tc.want)
		}
	}
	if got := shownRows(url.Values{"gronden[1].toelichting": {"x"}}, "gronden", 5); got != 2 {
		t.Errorf("a part counts: shownRows = %d, want 2", got)
	}
}

// TestAddBlockWithoutJavaScript: the button under a group of blocks posts
// the form back; the page comes back with everything typed, one empty block
// more, no errors and nothing filed.
func TestAddBlockWithoutJavaScript(t *testing.T) {
	e := newCaseEnv(t)
	c := e.as("uwv-professional")

	r := e.get(c, "/casussen/nieuw")
	wantStatus(t, r, http.StatusOK)
	wantCount(t, r, `fieldset#partijen input[name^="partijen["]`, 1)
	wantCount(t, r, `fieldset#regels input[name^="regels["]`, 1)
	wantSelector(t, r, `fieldset#partijen button:not([type])[name="blok-toevoegen"][value="partijen"][formnovalidate][formaction="/casussen#partijen-blok-2"][hx-post="/casussen"][hx-select="#partijen"][hx-target="#partijen"][hx-swap="outerHTML"]`)

	typed := validCase(func(v url.Values) {
		v.Set("titel", "")
		v.Set(addRowField, "partijen")
	})
	r = e.post(c, "/casussen", typed)
	wantStatus(t, r, http.StatusOK)
	checkPage(t, r, "nl")
	wantNoSelector(t, r, `.error-summary`)
	wantNoSelector(t, r, `[aria-invalid="true"]`)
	wantCount(t, r, `fieldset#partijen input[name^="partijen["]`, 2)
	wantSelector(t, r, `fieldset#partijen div.block#partijen-blok-1 input#partijen-0[value="Anna Bos"]`)
	wantSelector(t, r, `fieldset#partijen div.block#partijen-blok-2 input#partijen-1[value=""]`)
	wantSelector(t, r, `fieldset#partijen[data-focus-block="partijen-blok-2"]`)
	wantNoSelector(t, r, `fieldset#regels[data-focus-block]`)
	wantSelector(t, r, `textarea#situatie`)
	if got := r.Text(t, `textarea#situatie`); got == "" {
		t.Error("the situation typed is gone")
	}
	wantSelector(t, r, `input#beginselen-evenredigheid[checked]`)
	// Nothing was filed.
	r = e.get(e.as("uwv-coordinator"), "/casussen")
	wantNoSelector(t, r, `table.cases tbody tr`)

	// At the limit the button is gone.
	full := url.Values{addRowField: {"partijen"}}
	for i := 0; i < maxPartyRows; i++ {
		full.Set(rowField("partijen", i, ""), "Naam")
	}
	r = e.post(c, "/casussen", full)
	wantStatus(t, r, http.StatusOK)
	wantCount(t, r, `fieldset#partijen input[name^="partijen["]`, maxPartyRows)
	wantNoSelector(t, r, `fieldset#partijen button[name="blok-toevoegen"]`)
	wantSelector(t, r, `fieldset#regels button[name="blok-toevoegen"]`)

	// The decision form on the case page does the same.
	id := e.openCase()
	coord := e.as("uwv-coordinator")
	r = e.post(coord, casePath(id)+"/besluit", url.Values{"uitkomst": {"maatwerk"}, "afwegingen[0].hoe": {"Zwaar gewogen"}, addRowField: {"afwegingen"}})
	wantStatus(t, r, http.StatusOK)
	wantNoSelector(t, r, `.error-summary`)
	wantSelector(t, r, `input#uitkomst-maatwerk[checked]`)
	wantText(t, r, `textarea#afwegingen-0-hoe`, "Zwaar gewogen")
	wantSelector(t, r, `fieldset#afwegingen fieldset.row#afwegingen-blok-2 textarea#afwegingen-1-hoe`)
	wantNoSelector(t, r, `textarea#afwegingen-2-hoe`)
	wantText(t, r, `fieldset#afwegingen button[name="blok-toevoegen"]`, "Nog een afweging toevoegen")
}

// TestPhoneMarkup checks the markup the phone layout's styles hang on: the
// menu button, the identity choice as cards, the labels of table cells and
// the case page's in-page navigation.
func TestPhoneMarkup(t *testing.T) {
	e := newBrakeEnv(t)
	c := e.as("svb-professional")
	r := e.get(c, "/noodrem/professional")
	wantStatus(t, r, http.StatusOK)
	// The menu is a disclosure: no JavaScript needed to open it.
	wantSelector(t, r, `header nav.main-nav[aria-label] details.main-nav__menu > summary.main-nav__button`)
	wantText(t, r, `summary.main-nav__button`, "Menu")
	wantSelector(t, r, `details.main-nav__menu > ul > li > a[href="/"]`)
	wantNoSelector(t, r, `details.main-nav__menu[open]`)
	wantSelector(t, r, `script[src^="/static/schakel.js?v="][defer]`)
	// Each identity: the radio button, its label and under it its
	// description, in one card.
	for _, id := range []string{"genoemd", "beschermd", "anoniem"} {
		card := `fieldset#identiteit .choices > .choice.choice--radio`
		wantSelector(t, r, card+` > input.choice__input#identiteit-`+id+`[type="radio"] + label.choice__label[for="identiteit-`+id+`"] + .choice__description#identiteit-`+id+`-omschrijving`)
	}
	wantCount(t, r, `fieldset#regels input[name^="regels["]`, 1)
	wantCount(t, r, `fieldset#gronden fieldset.ground`, 1)
	wantText(t, r, `fieldset#regels button[name="blok-toevoegen"]`, "Nog een regel toevoegen")
	wantText(t, r, `fieldset#gronden button[name="blok-toevoegen"]`, "Nog een grond toevoegen")

	// Professional brake: adding a ground keeps the identity chosen.
	r = e.post(c, "/noodrem/professional", url.Values{"identiteit": {"anoniem"}, "onderwerp": {"Te laat"}, "gronden[0].toelichting": {"Omdat"}, addRowField: {"gronden"}})
	wantStatus(t, r, http.StatusOK)
	wantNoSelector(t, r, `.error-summary`)
	wantSelector(t, r, `input#identiteit-anoniem[checked]`)
	wantSelector(t, r, `input#onderwerp[value="Te laat"]`)
	wantCount(t, r, `fieldset#gronden fieldset.ground`, 2)
	wantSelector(t, r, `fieldset#gronden[data-focus-block="gronden-blok-2"] fieldset.ground#gronden-blok-2 select#gronden-1-beginsel`)

	// Table cells name their column, for the cards on a phone.
	e.pullCitizen(nil)
	r = e.get(e.client(), "/noodremmen")
	wantStatus(t, r, http.StatusOK)
	for _, label := range []string{"Niveau", "Bij", "Toestand", "Termijn"} {
		wantSelector(t, r, `div.table-scroll[role="region"][tabindex="0"] table.register tbody tr td[data-label="`+label+`"]`)
	}

}

// TestCasePageNavigation: the case page starts with a way to the decision
// form, thousands of pixels down on a phone.
func TestCasePageNavigation(t *testing.T) {
	e := newCaseEnv(t)
	id := e.openCase()
	r := e.get(e.as("uwv-coordinator"), casePath(id))
	wantStatus(t, r, http.StatusOK)
	wantSelector(t, r, `nav.page-nav[aria-labelledby="op-deze-pagina"] a[href="#besluiten"]`)
	wantSelector(t, r, `#besluiten`)
	wantText(t, r, `nav.page-nav .page-nav__decide`, "Naar het besluit")
	wantSelector(t, r, `table.perspectives td[data-label="Standpunt"]`)

	en := e.as("uwv-coordinator")
	e.setLang(en, "en")
	r = e.get(en, casePath(id))
	wantText(t, r, `nav.page-nav .page-nav__decide`, "To the decision")
	wantText(t, r, `summary.main-nav__button`, "Menu")
	wantText(t, r, `fieldset#afwegingen button[name="blok-toevoegen"]`, "Add another weighing")
}
