package server_test

import (
	"net/http"
	"strings"
	"testing"
)

// TestPOSTPageRoutesAnswerGET enumerates every page route that takes a
// POST: a GET of its path (a reload after an error, a bookmarked result) is
// never a 404 or 405, but the page itself or a 303 to the page that holds
// the form, which is a GET route that exists.
func TestPOSTPageRoutesAnswerGET(t *testing.T) {
	srv, _ := newServer(t, true)
	patterns := srv.PagePatterns()
	gets := map[string]bool{}
	for _, p := range patterns {
		if path, ok := strings.CutPrefix(p, "GET "); ok {
			gets[path] = true
		}
	}
	fill := func(p string) string {
		p = strings.ReplaceAll(p, "{id}", "1")
		p = strings.ReplaceAll(p, "{code}", "uwv")
		p = strings.ReplaceAll(p, "{type}", "verzoek")
		return strings.ReplaceAll(p, "{$}", "")
	}
	posts := 0
	for _, p := range patterns {
		path, ok := strings.CutPrefix(p, "POST ")
		if !ok {
			continue
		}
		posts++
		w := do(t, srv, "GET", fill(path), "")
		switch {
		case gets[path]:
			if w.Code == http.StatusNotFound || w.Code == http.StatusMethodNotAllowed {
				t.Errorf("GET %s (a GET route): %d", path, w.Code)
			}
		case w.Code != http.StatusSeeOther:
			t.Errorf("GET %s: %d, want 303 to its form", path, w.Code)
		default:
			loc := w.Header().Get("Location")
			found := false
			for g := range gets {
				if fill(g) == loc || g == loc {
					found = true
				}
			}
			if !found || loc == fill(path) {
				t.Errorf("GET %s: to %q, which is no GET page", path, loc)
			}
		}
	}
	if posts < 40 {
		t.Fatalf("only %d POST page routes found", posts)
	}
	// The ones a person meets most, by name.
	for path, want := range map[string]string{
		"/verzoeken/7/antwoord":                          "/verzoeken/7",
		"/signalen":                                      "/signalen/nieuw",
		"/casussen/3/besluit":                            "/casussen/3",
		"/noodrem/volgen/betwisting":                     "/noodrem/volgen",
		"/organisaties/uwv/contactpersonen/2/intrekking": "/organisaties/uwv",
		"/beheer/meldingen/5/opnieuw":                    "/beheer/meldingen",
	} {
		if w := do(t, srv, "GET", path, ""); w.Code != http.StatusSeeOther || w.Header().Get("Location") != want {
			t.Errorf("GET %s: %d to %q, want 303 to %q", path, w.Code, w.Header().Get("Location"), want)
		}
	}
}
