package web

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// FuzzParliamentQuery sends the parliament view and the list behind a
// figure any query: the answer is the page (200) or the form again with
// its errors (400) — never a server error, never a page that names a
// person.
func FuzzParliamentQuery(f *testing.F) {
	site := startBrakeSite(f)
	client := site.srv.Client()
	for _, q := range []string{"", "vanaf=2026-01-01&tot=2026-12-31", "ministerie=min-szw", "organisatie=uwv&cijfer=open",
		"vanaf=gisteren&tot=2026-13-40", "commissie=%00", "opgave=" + strings.Repeat("x", 300), "cijfer=te-laat&type=noodrem-burger", "cijfer=deels",
		"vanaf=0001-01-01&tot=9999-12-31", "pagina=999999999999&cijfer=alle", "%zz", "ministerie=a&ministerie=b"} {
		f.Add(q)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		for _, path := range []string{"/parlement?", "/parlement/verzoeken?"} {
			resp, err := client.Get(site.srv.URL + path + raw)
			if err != nil {
				if _, perr := url.Parse(site.srv.URL + path + raw); perr != nil {
					return // not a URL a client can send
				}
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK && resp.StatusCode != http.StatusBadRequest {
				t.Fatalf("%s%q: status %d", path, raw, resp.StatusCode)
			}
			for _, u := range site.users {
				if u.Name != "" && strings.Contains(string(body), u.Name) {
					t.Fatalf("%s%q names %q", path, raw, u.Name)
				}
			}
		}
	})
}
