package web

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/store/storetest"
)

// FuzzSignalForm posts arbitrary signal forms, and arbitrary bytes after
// them, as a uwv professional, to a site that has a knelpunt to suggest:
// the answer is the choice among similar knelpunten, a filed signal, or a
// clear refusal — never a server error — and nothing is stored unless the
// signal was filed.
func FuzzSignalForm(f *testing.F) {
	site := startSignalSite(f, storetest.OpenSQLite)
	ctx := context.Background()
	in := signalInput("Terugvordering van het WIA-voorschot na een te laat besluit", "jci1.3:c:BWBR0019057&artikel=76")
	if _, err := site.h.Signals.File(ctx, site.users["uwv-professional"], in); err != nil {
		f.Fatal(err)
	}
	prof := loginClient(f, site.srv.URL, site.users["uwv-professional"].ID)
	uwv := site.orgsBy["uwv"].ID
	count := func(t *testing.T) (int, int) {
		_, ns, err := site.st.Signals(ctx, schakel.SignalFilter{OrganisationID: uwv, Limit: 1})
		if err != nil {
			t.Fatal(err)
		}
		_, nk, err := site.st.Knelpunten(ctx, schakel.KnelpuntFilter{Limit: 1})
		if err != nil {
			t.Fatal(err)
		}
		return ns, nk
	}

	v := validSignal(nil)
	f.Add(v.Get("organisatie"), v.Get("titel"), v.Get("regels[0]"), v.Get("burgers.van"), v.Get("burgers.tot"), v.Get("kosten.eenmalig"), v.Get("conflicten[0].beginsel"), "", "")
	f.Add("uwv", "WIA-voorschot terugvorderen na te laat besluit", "jci1.3:c:BWBR0019057&artikel=76", "1", "2", "1", "evenredigheid", "keuze", "knelpunt=1")
	f.Add("", "", "", "", "", "", "", "", "")
	f.Add("svb", "x", "BWBR123", "-5", "30000000", "-1", "bestaat-niet", "keuze", "knelpunt=abc")
	f.Add("uwv", strings.Repeat("é", 300), "beleidsregel:uwv/BR-1", "99999999999999999999", "1.000.000.000.000", "€ 99999999999999,99", "evenredigheid", "keuze", "knelpunt=-1&signaal=7")
	f.Add("uwv", "\x00\xff", "https://wetten.overheid.nl/BWBR0019057/2024-01-01#Artikel76", "1,5", "2", "1.2.3", "", "", "casussen=1,2,x&noodremmen=%zz")
	f.Add("uwv", "t", "jci1.3:c:BWBR0019057&artikel=76", "0", "1", "0", "evenredigheid", "keuze", "knelpunt=999999&oplossing=wet&casussen=999999")
	f.Fuzz(func(t *testing.T, org, title, rule, low, high, cost, principle, step, raw string) {
		form := validSignal(func(v url.Values) {
			v.Set("organisatie", org)
			v.Set("titel", title)
			v.Set("regels[0]", rule)
			v.Set("burgers.van", low)
			v.Set("burgers.tot", high)
			v.Set("kosten.eenmalig", cost)
			v.Set("conflicten[0].beginsel", principle)
			v.Set("stap", step)
		})
		payload := form.Encode()
		if raw != "" {
			payload += "&" + raw
		}
		ns, nk := count(t)
		req, err := http.NewRequest("POST", site.srv.URL+"/signalen", strings.NewReader(payload))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		resp, err := prof.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		ns2, nk2 := count(t)
		switch resp.StatusCode {
		case http.StatusSeeOther:
			if ns2 != ns+1 {
				t.Fatalf("filed, but %d signals stored for %q", ns2-ns, payload)
			}
			return
		case http.StatusOK, http.StatusBadRequest, http.StatusForbidden, http.StatusConflict:
		default:
			t.Fatalf("status %d for %q:\n%s", resp.StatusCode, payload, b)
		}
		if ns2 != ns || nk2 != nk {
			t.Fatalf("status %d, yet %d signals and %d knelpunten stored for %q", resp.StatusCode, ns2-ns, nk2-nk, payload)
		}
	})
}
