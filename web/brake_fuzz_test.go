package web

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// FuzzCitizenBrakeForm posts arbitrary values, and arbitrary bytes after
// them, to the public form of the citizen's brake: whatever comes in, the
// answer is never a server error. One site serves every input.
func FuzzCitizenBrakeForm(f *testing.F) {
	site := startBrakeSite(f)
	client := site.srv.Client()
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

	valid := validCitizen(nil)
	seed := func(org, ref, date, body, g1, g2, outcome, raw string) {
		f.Add(org, ref, date, body, g1, g2, outcome, raw)
	}
	seed(valid.Get("organisatie"), valid.Get("kenmerk"), valid.Get("datumBesluit"), valid.Get("toelichting"), "niet-gehoord", "onevenredig", valid.Get("gewensteUitkomst"), "")
	seed("", "", "", "", "", "", "", "")
	seed("uwv", "K-1", "2026-02-29", "x", "bestaat-niet", "niet-gehoord", "y", "")                             // no 29 February in 2026, unknown sentence
	seed("uwv", "K-1", "2026-02-20", "x", "niet-gehoord", "niet-gehoord", "y", "")                             // a sentence twice
	seed("tweede-kamer", "K-1", "9999-12-31", "x", "grondrecht", "", "y", "")                                  // parliament, far future
	seed("min-szw", strings.Repeat("K", 101), "0001-01-01", strings.Repeat("é", 5000), "belofte", "", "y", "") // a ministry, too long
	seed("uwv", "\x00\xff", "2026-02-20\n", "<script>alert(1)</script>", "partijdig", "", "\u202e", "bezwaren=%zz&x")
	seed("uwv", "K", "2026-02-20", "x", "ongelijk", "", "y", "bezwaren=onbehoorlijk&bezwaren=onbehoorlijk&organisatie=svb")

	f.Fuzz(func(t *testing.T, org, ref, date, body, g1, g2, outcome, raw string) {
		v := url.Values{"organisatie": {org}, "kenmerk": {ref}, "datumBesluit": {date}, "toelichting": {body}, "gewensteUitkomst": {outcome}}
		for _, g := range []string{g1, g2} {
			if g != "" {
				v.Add("bezwaren", g)
			}
		}
		payload := v.Encode()
		if raw != "" {
			payload += "&" + raw
		}
		req, err := http.NewRequest("POST", site.srv.URL+"/noodrem/burger", strings.NewReader(payload))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode >= 500 {
			t.Fatalf("status %d for %q:\n%s", resp.StatusCode, payload, b)
		}
		switch resp.StatusCode {
		case http.StatusOK, http.StatusBadRequest:
		default:
			t.Fatalf("status %d for %q", resp.StatusCode, payload)
		}
	})
}
