package e2e

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestAccessibilityFormErrors: a state no GET reaches, the request form
// sent back empty with its error summary, passes axe at both widths.
// Every page as a GET reaches it is TestAccessibilitySweep's.
func TestAccessibilityFormErrors(t *testing.T) {
	t.Parallel()
	a := newDemoApp(t)
	a.login("Fatima El Amrani")
	defer a.resetViewport()
	for _, w := range axeWidths {
		if err := chromedp.Do(a.ctx, chromedp.EmulateViewport(w, axeHeight)); err != nil {
			a.fatal("set the viewport to %d px: %v", w, err)
		}
		a.open("/verzoeken")
		a.open(a.firstHref(`main a[href="/verzoeken/nieuw"]`))
		if st := a.click(`form[action="/verzoeken"] button[type=submit]`); st != 400 {
			a.fatal("empty request form: status %d, want 400", st)
		}
		a.see(".error-summary")
		what := fmt.Sprintf("/verzoeken/nieuw with errors at %d px", w)
		a.checkAccessibilityHere(what)
		a.checkReflow(what)
	}
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
