package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"github.com/schakel-nl/schakel"
)

func TestKnelpuntPageAccess(t *testing.T) {
	onBackends(t, func(t *testing.T, e *signalEnv) {
		f := e.fileAs("uwv-professional", signalInput("Een knelpunt in de WIA", "jci1.3:c:BWBR0019057&artikel=76"))
		path := knelpuntPath(f.Knelpunt.ID)
		for _, who := range []string{"uwv-professional", "uwv-coordinator", "uwv-bestuur", "uwv-beheerder"} {
			for _, lang := range []string{"nl", "en"} {
				c := e.as(who)
				e.setLang(c, lang)
				r := e.get(c, path)
				wantStatus(t, r, http.StatusOK)
				checkPage(t, r, lang)
				wantSelector(t, r, "table.knelpunt-signals")
				wantSelector(t, r, "ol.timeline li")
				wantSelector(t, r, `nav.main-nav a[href="/knelpunten"][aria-current="true"]`)
				if lang == "en" {
					wantContains(t, r, "nav.main-nav", "Where the law pinches")
					wantContains(t, r, "#ladder", "The ladder")
				}
			}
		}
		// Not sent yet: nobody else sees it.
		for _, who := range []string{"svb-professional", "szw-beleid", "kamerlid"} {
			r := e.get(e.as(who), path)
			wantStatus(t, r, http.StatusNotFound)
			checkPage(t, r, "nl")
		}
		wantStatus(t, e.get(e.client(), path), http.StatusNotFound)
		wantStatus(t, e.get(e.client(), "/knelpunten/abc"), http.StatusNotFound)
		wantStatus(t, e.get(e.client(), "/knelpunten/999999"), http.StatusNotFound)

		// The lists: the member sees it, the public does not.
		r := e.get(e.as("uwv-professional"), "/knelpunten")
		wantStatus(t, r, http.StatusOK)
		checkPage(t, r, "nl")
		wantSelector(t, r, `select#organisatie option[value="uwv"][selected]`)
		wantSelector(t, r, `table.knelpunten th[scope="row"] a[href="`+path+`"]`)
		wantSelector(t, r, `a[href="/signalen/nieuw"]`)
		for _, c := range []*http.Client{e.client(), e.as("svb-professional"), e.as("szw-beleid")} {
			r := e.get(c, "/knelpunten")
			wantStatus(t, r, http.StatusOK)
			checkPage(t, r, "nl")
			wantNoSelector(t, r, `a[href="`+path+`"]`)
		}
		// The member may look at the public list too.
		wantNoSelector(t, e.get(e.as("uwv-professional"), "/knelpunten?organisatie="), `a[href="`+path+`"]`)
		r = e.get(e.as("uwv-professional"), "/knelpunten?toestand=voorgelegd")
		wantNoSelector(t, r, `a[href="`+path+`"]`)
		wantSelector(t, r, ".empty-state")

		// Once sent, everyone sees it, without signals and history.
		k := e.adopted("Een tweede knelpunt in de WIA", "jci1.3:c:BWBR0019057&artikel=41")
		e.sendLetter()
		sent := knelpuntPath(k.ID)
		for _, c := range []*http.Client{e.client(), e.as("svb-professional"), e.as("szw-beleid"), e.as("kamerlid")} {
			r := e.get(c, sent)
			wantStatus(t, r, http.StatusOK)
			checkPage(t, r, "nl")
			wantNoSelector(t, r, "table.knelpunt-signals, ol.timeline")
			wantSelector(t, r, `.rung--team .rung-state`)
			wantContains(t, r, ".rung--bestuur", "niet openbaar")
			wantContains(t, r, ".letter", "Knelpuntenbrief KB-uwv-")
			r = e.get(c, "/knelpunten?organisatie=uwv")
			wantSelector(t, r, `table.knelpunten a[href="`+sent+`"]`)
			wantNoSelector(t, r, `a[href="`+path+`"]`)
		}
		r = e.get(e.client(), "/knelpunten")
		wantSelector(t, r, `table.knelpunten a[href="`+sent+`"]`)
		// A member of another organisation sees its own first.
		r = e.get(e.as("svb-professional"), "/knelpunten")
		wantSelector(t, r, `select#organisatie option[value="svb"][selected]`)
		wantNoSelector(t, r, `a[href="`+sent+`"]`)
	})
}

func TestKnelpuntLadder(t *testing.T) {
	onBackends(t, func(t *testing.T, e *signalEnv) {
		f := e.fileAs("uwv-professional", signalInput("Voorschot terugvorderen knelt", "jci1.3:c:BWBR0019057&artikel=76"))
		id := f.Knelpunt.ID
		path := knelpuntPath(id)
		prof, coord, board := e.as("uwv-professional"), e.as("uwv-coordinator"), e.as("uwv-bestuur")

		// Open: members who file signals may put it to the team.
		r := e.get(prof, path)
		wantSelector(t, r, `form[action="`+path+`/voorleggen"] button`)
		wantContains(t, r, ".rung--team", "Nog niet bereikt")
		wantNoSelector(t, r, `form[action="`+path+`/antwoord"]`)
		wantNoSelector(t, e.get(e.as("uwv-beheerder"), path), `form[action="`+path+`/voorleggen"]`)
		wantStatus(t, e.post(e.as("uwv-beheerder"), path+"/voorleggen", nil), http.StatusForbidden)
		wantLocation(t, e.post(prof, path+"/voorleggen", nil), path+"?gedaan=voorgelegd")

		r = e.get(prof, path+"?gedaan=voorgelegd")
		wantContains(t, r, ".notice--ok", "voorgelegd aan het team")
		wantSelector(t, r, `.rung--team[aria-current="step"]`)
		wantContains(t, r, ".rung--team", "Antwoord uiterlijk")
		wantNoSelector(t, r, `form[action="`+path+`/voorleggen"], form[action="`+path+`/antwoord"]`)
		// Putting it twice is a conflict.
		r = e.post(prof, path+"/voorleggen", nil)
		wantStatus(t, r, http.StatusConflict)
		checkPage(t, r, "nl")
		wantContains(t, r, ".conflict", "al voorgelegd")

		// The coordinator answers for the team.
		r = e.get(coord, path)
		wantSelector(t, r, `form[action="`+path+`/antwoord"] input[name="soort"][value="comply"]`)
		wantSelector(t, r, `form[action="`+path+`/antwoord"] textarea#motiveringen-evenredigheid`)
		wantStatus(t, e.post(prof, path+"/antwoord", url.Values{"soort": {"comply"}, "wijzigingen": {"x"}, "uiterlijk": {"2026-12-31"}}), http.StatusForbidden)
		// An explain without its motivation shows the error at the field.
		r = e.post(coord, path+"/antwoord", url.Values{"soort": {"explain"}})
		wantStatus(t, r, http.StatusBadRequest)
		checkPage(t, r, "nl")
		wantErrorsAt(t, r, "motiveringen-evenredigheid")
		// A comply without a date too.
		r = e.post(coord, path+"/antwoord", url.Values{"soort": {"comply"}, "wijzigingen": {"We nemen het over."}})
		wantStatus(t, r, http.StatusBadRequest)
		wantErrorsAt(t, r, "uiterlijk")
		if got := r.Text(t, "#wijzigingen"); got != "We nemen het over." {
			t.Errorf("wijzigingen not kept: %q", got)
		}
		wantLocation(t, e.post(coord, path+"/antwoord", url.Values{"soort": {"comply"}, "wijzigingen": {"We nemen het over."}, "uiterlijk": {"2026-12-31"}}), path+"?gedaan=beantwoord")

		// Now the board owes the answer.
		r = e.get(board, path)
		wantStatus(t, r, http.StatusOK)
		checkPage(t, r, "nl")
		wantContains(t, r, ".rung--team .answer--comply", "We nemen het over.")
		wantSelector(t, r, `.rung--bestuur[aria-current="step"]`)
		wantSelector(t, r, `form[action="`+path+`/antwoord"]`)
		wantNoSelector(t, e.get(coord, path), `form[action="`+path+`/antwoord"]`)
		wantLocation(t, e.post(board, path+"/antwoord", url.Values{"soort": {"explain"}, "motiveringen.evenredigheid": {"De wet laat geen ruimte; wij lossen het in de uitvoering op."}}), path+"?gedaan=beantwoord")
		r = e.get(prof, path)
		wantContains(t, r, ".state", "niet overgenomen")
		wantContains(t, r, ".rung--bestuur .answer--explain", "De wet laat geen ruimte")
		wantNoSelector(t, r, `form[action="`+path+`/antwoord"]`)
	})
}

func TestKnelpuntMergeAndSplit(t *testing.T) {
	onBackends(t, func(t *testing.T, e *signalEnv) {
		ctx := context.Background()
		a := e.fileAs("uwv-professional", signalInput("WIA-voorschot: terugvordering", "jci1.3:c:BWBR0019057&artikel=76"))
		in := signalInput("WIA-voorschot: ook bij herziening", "jci1.3:c:BWBR0019057&artikel=76")
		in.KnelpuntID = a.Knelpunt.ID
		a2 := e.fileAs("uwv-professional", in)
		b := e.fileAs("uwv-professional", signalInput("WIA-voorschot: schulden", "jci1.3:c:BWBR0019057&artikel=76"))
		aPath, bID := knelpuntPath(a.Knelpunt.ID), strconv.FormatInt(b.Knelpunt.ID, 10)
		coord, prof := e.as("uwv-coordinator"), e.as("uwv-professional")

		// Only coordinators and the board see the forms.
		r := e.get(coord, aPath)
		wantSelector(t, r, `form[action="`+aPath+`/samenvoegen"] select#samenvoegen-van option[value="`+bID+`"]`)
		wantSelector(t, r, `form[action="`+aPath+`/splitsen"] input#splitsen-signaal-`+strconv.FormatInt(a2.Signal.ID, 10)+`[type="checkbox"][name="signalen"]`)
		wantSelector(t, r, `form[action="`+aPath+`/splitsen"] input#splitsen-titel`)
		r = e.get(prof, aPath)
		wantNoSelector(t, r, `form[action="`+aPath+`/samenvoegen"], form[action="`+aPath+`/splitsen"]`)
		wantStatus(t, e.post(prof, aPath+"/samenvoegen", url.Values{"van": {bID}}), http.StatusForbidden)

		// Merging without a choice shows the error.
		r = e.post(coord, aPath+"/samenvoegen", url.Values{"van": {""}})
		wantStatus(t, r, http.StatusBadRequest)
		checkPage(t, r, "nl")
		wantErrorsAt(t, r, "samenvoegen-van")
		wantLocation(t, e.post(coord, aPath+"/samenvoegen", url.Values{"van": {bID}}), aPath+"?gedaan=samengevoegd")
		r = e.get(coord, aPath)
		wantContains(t, r, ".signal-count", "3 signalen")
		wantContains(t, r, ".timeline", "Samengevoegd")
		r = e.get(coord, knelpuntPath(b.Knelpunt.ID))
		wantContains(t, r, ".state", "samengevoegd")
		wantSelector(t, r, `.merged-into a[href="`+aPath+`"]`)

		// Splitting without signals or title shows both errors.
		r = e.post(coord, aPath+"/splitsen", url.Values{"titel": {""}})
		wantStatus(t, r, http.StatusBadRequest)
		checkPage(t, r, "nl")
		wantErrorsAt(t, r, "splitsen-signalen", "splitsen-titel")
		// Splitting off all signals is refused.
		all := url.Values{"titel": {"Alles"}, "signalen": {strconv.FormatInt(a.Signal.ID, 10), strconv.FormatInt(a2.Signal.ID, 10), strconv.FormatInt(b.Signal.ID, 10)}}
		r = e.post(coord, aPath+"/splitsen", all)
		wantStatus(t, r, http.StatusBadRequest)
		checkPage(t, r, "nl")
		wantSelector(t, r, ".error-summary")
		// Splitting one off makes a new knelpunt and goes there.
		r = e.post(coord, aPath+"/splitsen", url.Values{"titel": {"WIA-voorschot bij herziening"}, "signalen": {strconv.FormatInt(a2.Signal.ID, 10)}})
		wantStatus(t, r, http.StatusSeeOther)
		m := filedLocation.FindStringSubmatch(r.Header.Get("Location"))
		if m == nil || m[2] != "gedaan=gesplitst" {
			t.Fatalf("Location = %q", r.Header.Get("Location"))
		}
		nid, _ := strconv.ParseInt(m[1], 10, 64)
		nk, err := e.st.Knelpunt(ctx, nid)
		if err != nil || nk.Signals != 1 || nk.Title != "WIA-voorschot bij herziening" {
			t.Fatalf("new knelpunt %+v, %v", nk, err)
		}
		r = e.get(coord, knelpuntPath(nid)+"?gedaan=gesplitst")
		wantContains(t, r, ".notice--ok", "gesplitst")
		wantContains(t, e.get(coord, aPath), ".signal-count", "2 signalen")
		// The signal's history says it moved.
		r = e.get(coord, signalPath(a2.Signal.ID))
		wantContains(t, r, ".timeline", "Verplaatst naar een ander knelpunt")

		// Once put to the team, the other cannot be merged in.
		if _, err := e.sigs().Put(ctx, e.user("uwv-professional"), nid); err != nil {
			t.Fatal(err)
		}
		r = e.post(coord, aPath+"/samenvoegen", url.Values{"van": {strconv.FormatInt(nid, 10)}})
		wantStatus(t, r, http.StatusConflict)
		checkPage(t, r, "nl")
		if k, _ := e.st.Knelpunt(ctx, nid); k.State != schakel.KnelpuntPut {
			t.Errorf("the refused merge changed the knelpunt: %s", k.State)
		}
	})
}
