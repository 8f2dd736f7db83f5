package web

import (
	"net/http"
	"net/url"
	"testing"
)

func TestRequestFlowPartial(t *testing.T) {
	w := newRequestWorld(t)
	anna, bea := w.loggedIn(w.anna), w.loggedIn(w.bea)
	req := w.create("Deels-verzoek")
	path := requestPath(req.ID)

	// The third choice, in its own form: the done part and the not-done
	// part each a fieldset with a legend, ids apart from the other forms.
	r := w.get(bea, path)
	form := `form[action="` + path + `/antwoord"]:has(input[type="hidden"][name="soort"][value="deels"])`
	wantSelector(t, r, form)
	wantText(t, r, form+` fieldset.partial-done > legend`, "Wat de organisatie wel doet")
	wantText(t, r, form+` fieldset.partial-not-done > legend`, "Wat niet, en waarom")
	wantSelector(t, r, form+` fieldset.partial-done textarea#deels-wijzigingen[name="wijzigingen"][required]`)
	wantSelector(t, r, form+` fieldset.partial-done input#deels-uiterlijk[type="date"][name="uiterlijk"]`)
	wantSelector(t, r, form+` fieldset.partial-not-done textarea#deels-motiveringen-zorgvuldigheid[name="motiveringen.zorgvuldigheid"]`)
	wantSelector(t, r, form+` fieldset.partial-not-done textarea#deels-motiveringen-evenredigheid[name="motiveringen.evenredigheid"]`)
	wantText(t, r, `label[for="deels-motiveringen-zorgvuldigheid"]`, "Zorgvuldigheid")

	// Both parts are required; every missing field is named, and what was
	// typed is kept.
	r = w.post(bea, path+"/antwoord", url.Values{"soort": {"deels"}, "wijzigingen": {""}, "motiveringen.zorgvuldigheid": {"Niet alles kan."}})
	wantStatus(t, r, http.StatusBadRequest)
	checkPage(t, r, "nl")
	for _, id := range []string{"deels-wijzigingen", "deels-uiterlijk", "deels-motiveringen-evenredigheid"} {
		wantSelector(t, r, `.error-summary a[href="#`+id+`"]`)
	}
	if n := r.Count(t, ".error-summary li"); n != 3 {
		t.Errorf("%d errors, want 3: %s", n, r.Text(t, ".error-summary"))
	}
	wantSelector(t, r, `textarea#deels-wijzigingen[aria-invalid="true"]`)
	wantText(t, r, `textarea#deels-motiveringen-zorgvuldigheid`, "Niet alles kan.")
	// The other answer forms are not marked.
	wantNoSelector(t, r, `textarea#wijzigingen[aria-invalid="true"], textarea#motiveringen-evenredigheid[aria-invalid="true"]`)

	wantLocation(t, w.post(bea, path+"/antwoord", url.Values{"soort": {"deels"},
		"wijzigingen": {"We bieden een betalingsregeling aan."}, "uiterlijk": {"2026-06-01"},
		"motiveringen.zorgvuldigheid": {"De situatie is onderzocht."}, "motiveringen.evenredigheid": {"We schelden de schuld niet kwijt."}}),
		path+"?gedaan=beantwoord")

	// The requester sees both parts, and may contest what is not done.
	r = w.get(anna, path)
	wantContains(t, r, ".state", "deels: een deel wordt opgelost")
	wantContains(t, r, ".timeline", "We bieden een betalingsregeling aan.")
	wantContains(t, r, ".timeline", "We schelden de schuld niet kwijt.")
	wantSelector(t, r, `form[action="`+path+`/betwisting"] textarea#betwisten-reden`)
	wantSelector(t, r, `form[action="`+path+`/afsluiting"]`)
}
