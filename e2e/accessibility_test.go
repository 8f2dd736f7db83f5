package e2e

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestAccessibility runs axe-core (WCAG 2.1 A and AA) on the public pages
// anonymously and on pages behind the login as demo users of several
// roles, at 1280 and 375 px; every page must have no violations (issue 14).
// Each group has a server and tab of its own, so one group's time limit
// covers only its own pages.
func TestAccessibility(t *testing.T) {
	t.Parallel()
	t.Run("public", func(t *testing.T) {
		a := newDemoApp(t)
		for _, p := range []string{"/", "/parlement", "/noodremmen", "/wetten", "/knelpunten",
			"/voorstellen", "/casusprudentie", "/logboek", "/organisaties",
			"/noodrem", "/noodrem/burger", "/noodrem/volgen", "/beginselen", "/termijn",
			"/inloggen", "/demo/inloggen"} {
			a.checkAccessibility(p)
		}
	})
	t.Run("public details", func(t *testing.T) {
		a := newDemoApp(t)
		for _, list := range []struct{ path, link string }{
			{"/noodremmen", `main a[href^="/noodremmen/"]`},
			{"/wetten", `main a[href^="/wetten/"]`},
			{"/knelpunten", `main a[href^="/knelpunten/"]`},
			{"/voorstellen", `main a[href^="/voorstellen/"]`},
			{"/casusprudentie", `main a[href^="/casusprudentie/"]`},
			{"/organisaties", `main a[href^="/organisaties/"]`},
		} {
			a.open(list.path)
			a.checkAccessibility(a.firstHref(list.link))
		}
	})
	t.Run("professional", func(t *testing.T) {
		a := newDemoApp(t)
		a.login("Fatima El Amrani")
		for _, p := range []string{"/", "/postvak", "/verzoeken", "/verzoeken/nieuw",
			"/signalen/nieuw", "/noodrem/professional", "/casussen", "/casussen/nieuw"} {
			a.checkAccessibility(p)
		}
		// The request form sent back empty, with its error summary.
		a.open("/verzoeken/nieuw")
		if st := a.click(`form[action="/verzoeken"] button[type=submit]`); st != 400 {
			a.fatal("empty request form: status %d, want 400", st)
		}
		a.checkAccessibilityHere("/verzoeken/nieuw with errors at 1280 px")
	})
	t.Run("coordinator", func(t *testing.T) {
		a := newDemoApp(t)
		a.login("Jeroen Bakker")
		a.checkAccessibility("/postvak")
		a.open("/postvak")
		a.checkAccessibility(a.firstHref(`main tr.request-row th a`))
	})
	t.Run("policy", func(t *testing.T) {
		a := newDemoApp(t)
		a.login("Eva Smit")
		for _, p := range []string{"/postvak", "/knelpuntenbrieven", "/voorstellen/nieuw"} {
			a.checkAccessibility(p)
		}
		a.checkAccessibility(a.assessmentPath())
	})
	t.Run("board", func(t *testing.T) {
		a := newDemoApp(t)
		a.login("Marleen Visser")
		for _, p := range []string{"/postvak", "/knelpuntenbrieven/nieuw", "/noodrem/organisatie"} {
			a.checkAccessibility(p)
		}
	})
	t.Run("admin", func(t *testing.T) {
		a := newDemoApp(t)
		a.login("Rik Vermeulen")
		for _, p := range []string{"/beheer/meldingen", "/beheer/wissen"} {
			a.checkAccessibility(p)
		}
	})
}

// firstHref returns the path of the first link at sel on the page shown
// now; it fails the test when there is none.
func (a *app) firstHref(sel string) string {
	a.t.Helper()
	h := eval[string](a, `(e => e ? e.getAttribute("href") : "")(document.querySelector(`+jsString(sel)+`))`)
	if h == "" {
		a.fatal("no link at %s", sel)
	}
	return h
}

// assessmentPath returns the path of the first uitvoeringstoets linked
// from a proposal of the list; not every demo proposal has one yet.
func (a *app) assessmentPath() string {
	a.t.Helper()
	a.open("/voorstellen")
	proposals := eval[[]string](a, `Array.from(document.querySelectorAll('main a[href^="/voorstellen/"]'), e => e.getAttribute("href"))`)
	for _, p := range proposals {
		a.open(p)
		if h := eval[string](a, `(e => e ? e.getAttribute("href") : "")(document.querySelector('main a[href^="/uitvoeringstoetsen/"]'))`); h != "" {
			return h
		}
	}
	a.fatal("no proposal links to an uitvoeringstoets")
	return ""
}

// TestAccessibilityCheckFinds: the check is not blind. On a page built to
// break four rules, axe as the helper runs it reports exactly those, with
// the offending elements; on a page wider than a phone the reflow check
// names what sticks out.
func TestAccessibilityCheckFinds(t *testing.T) {
	t.Parallel()
	a := newApp(t)
	bad := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if r.URL.Path == "/breed" {
			w.Write([]byte(`<!DOCTYPE html><html lang="en"><head><title>wide</title>
<style>body{margin:0} main{padding:8px} .scroll{overflow-x:auto}</style></head><body><main>
<div id="breed" style="width:600px">Wide</div>
<div class="scroll"><table style="width:900px"><tr><td>Wide table
<span id="ontsnapt" style="position:absolute;left:900px;top:0;width:1px;height:1px;overflow:hidden">hidden</span></td></tr></table></div>
</main></body></html>`))
			return
		}
		// No lang on html (html-has-lang), an image without alt text
		// (image-alt), a field without a label (label), and grey on grey
		// (color-contrast).
		w.Write([]byte(`<!DOCTYPE html><html><head><title>bad</title></head><body><main>
<h1>Bad page</h1>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" id="plaatje">
<input type="text" id="veld">
<p id="grijs" style="color:#aaa;background:#bbb">Hard to read</p>
</main></body></html>`))
	}))
	t.Cleanup(bad.Close)
	if err := chromedp.Do(a.ctx, chromedp.Navigate(bad.URL)); err != nil {
		t.Fatal(err)
	}
	vs, err := axeViolations(a.ctx)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	targets := map[string]string{}
	for _, v := range vs {
		ids = append(ids, v.ID)
		if v.Impact == "" || v.Help == "" || len(v.Nodes) == 0 {
			t.Errorf("violation %s without impact, help or elements: %+v", v.ID, v)
			continue
		}
		targets[v.ID] = v.Nodes[0].Target
	}
	slices.Sort(ids)
	want := []string{"color-contrast", "html-has-lang", "image-alt", "label"}
	if !slices.Equal(ids, want) {
		t.Fatalf("violations %q, want %q:%s", ids, want, formatViolations(vs))
	}
	for id, target := range map[string]string{"image-alt": "#plaatje", "label": "#veld", "color-contrast": "#grijs"} {
		if targets[id] != target {
			t.Errorf("%s names %q, want %q", id, targets[id], target)
		}
	}
	if msg := formatViolations(vs); !strings.Contains(msg, "image-alt (critical):") || !strings.Contains(msg, "- #plaatje") {
		t.Errorf("failure message does not name rule, impact and element:%s", msg)
	}

	// At 375 px the 600 px wide block and the hidden text that escapes
	// its scroll box make the page wider than the screen; the table in a
	// scroll box does not.
	if err := chromedp.Do(a.ctx, chromedp.EmulateViewport(375, axeHeight)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(a.ctx, chromedp.Navigate(bad.URL+"/breed")); err != nil {
		t.Fatal(err)
	}
	r := eval[struct {
		Width, Viewport int
		Culprits        []string
	}](a, reflowScript)
	if r.Viewport != 375 || r.Width <= 600 {
		t.Errorf("reflow measured %+v, want a page over 600 px wide in 375 px", r)
	}
	want = []string{"div#breed in main (right edge at 608 px)", "span#ontsnapt in td (right edge at 901 px)"}
	if !slices.Equal(r.Culprits, want) {
		t.Errorf("reflow names %q, want %q", r.Culprits, want)
	}
	a.resetViewport()
}
