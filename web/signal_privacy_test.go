package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
)

// signalPersonalData is what the privacy test puts into the texts of a
// signal; none of it may reach a public page or document.
var signalPersonalData = []string{
	"111222333", // a BSN that passes the eleven-test
	"j.jansen@example.nl",
	"06-12345678",
	"12345678",
	"mevrouw Jansen",
	"Jansen",
}

// TestPublicPagesHoldNoPersonalData files a signal with personal data in
// every text, takes its knelpunt through the ladder into a knelpuntenbrief
// and scans every public page and document for it.
func TestPublicPagesHoldNoPersonalData(t *testing.T) {
	onBackends(t, func(t *testing.T, e *signalEnv) {
		ctx := context.Background()
		pd := "mevrouw Jansen (BSN 111222333, j.jansen@example.nl, 06-12345678)"
		form := validSignal(func(v url.Values) {
			v.Set("titel", "Terugvordering bij mevrouw Jansen")
			v.Set("groep", "Mensen zoals mevrouw Jansen met een WIA-voorschot")
			v.Set("gevolg", pd+" moest het voorschot in één keer terugbetalen.")
			v.Set("burgers.methode", "Geteld na een gesprek met mevrouw Jansen, bereikbaar op 06-12345678")
			v.Set("voorstel", "Vorder niets terug bij "+pd+" en anderen zoals zij.")
			v.Set("kosten.drager", "het ministerie, zegt mevrouw Jansen")
			v.Set("conflicten[0].reden", "Voor "+pd+" is de terugvordering onevenredig.")
		})
		kid, q := e.fileForm(e.as("uwv-professional"), form)
		if q.Get("weggelakt") == "" {
			t.Fatal("nothing was redacted")
		}
		// Stored redacted: also the member's pages hold none of it.
		for _, path := range []string{knelpuntPath(kid), "/signalen/" + q.Get("signaal")} {
			wantNoSignalPersonalData(t, "the member's page "+path, e.get(e.as("uwv-coordinator"), path).Body)
		}
		if _, err := e.sigs().Put(ctx, e.user("uwv-professional"), kid); err != nil {
			t.Fatal(err)
		}
		e.answer("uwv-coordinator", kid, "comply")
		e.answer("uwv-bestuur", kid, "comply")
		l := e.sendLetter()

		visitor := e.client()
		letter := "/knelpuntenbrieven/" + strconv.FormatInt(l.ID, 10)
		// Each page with a text it must show, so the scan proves something.
		pages := map[string]string{"/knelpunten": "Terugvordering", "/knelpunten?organisatie=uwv": "Terugvordering", knelpuntPath(kid): "Terugvordering",
			"/knelpuntenbrieven": l.Reference, letter: "Terugvordering", letter + "/brief.html": "Terugvordering", letter + "/brief.pdf": "Terugvordering",
			"/wetten": "BWBR0019057", "/wetten/BWBR0019057": "Terugvordering"}
		for path, shown := range pages {
			r := e.get(visitor, path)
			wantStatus(t, r, http.StatusOK)
			if !strings.Contains(r.Body, shown) {
				t.Errorf("%s does not show %q, so the scan proves nothing", path, shown)
			}
			wantNoSignalPersonalData(t, path, r.Body)
		}
	})
}

func wantNoSignalPersonalData(t *testing.T, where, body string) {
	t.Helper()
	for _, s := range signalPersonalData {
		if strings.Contains(body, s) {
			t.Errorf("%s contains %q", where, s)
		}
	}
}
