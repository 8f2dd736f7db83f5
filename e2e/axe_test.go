package e2e

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// axeWidths are the viewport widths every page is checked at: a laptop and
// a small phone (issue 14: "at 1280 and 375 px").
var axeWidths = []int64{1280, 375}

// axeHeight is the viewport height used with each width; axe checks the
// whole document, so the height only matters for what is laid out first.
const axeHeight = 900

// axeTags are the axe-core rule tags run: WCAG 2.0 and 2.1, levels A and
// AA. Best practices and AAA are left out on purpose: the issue asks for
// WCAG 2.1 AA.
var axeTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa"}

// axeSource is axe.min.js, vendored by scripts/vendor-axe.sh (decision
// 0022), read once per test binary.
var axeSource = sync.OnceValues(func() (string, error) {
	b, err := os.ReadFile(filepath.Join("testdata", "axe", "axe.min.js"))
	return string(b), err
})

// axeViolation is one failed axe rule with the elements that fail it.
type axeViolation struct {
	ID     string
	Impact string
	Help   string
	Nodes  []axeNode
}

// axeNode is one element failing a rule: its CSS selector, the start of
// its HTML and axe's summary of what to fix.
type axeNode struct {
	Target  string
	HTML    string
	Summary string
}

// axeRun is the script that runs axe on the page and returns only what a
// failure message needs, so the answer stays small.
var axeRun = `axe.run(document, {
	runOnly: {type: "tag", values: ` + jsStrings(axeTags) + `},
	resultTypes: ["violations"]
}).then(r => r.violations.map(v => ({
	id: v.id, impact: v.impact || "", help: v.help,
	nodes: v.nodes.map(n => ({
		target: n.target.map(t => Array.isArray(t) ? t.join(" >>> ") : String(t)).join(" "),
		html: n.html.length > 200 ? n.html.slice(0, 200) + "…" : n.html,
		summary: n.failureSummary || ""
	}))
})))`

func jsStrings(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = jsString(s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// axeViolations injects axe-core into the page shown in ctx and returns
// the WCAG 2.1 A/AA violations it finds. The script is evaluated through
// the DevTools protocol, so the page's Content-Security-Policy (script-src
// 'self') does not stop it.
func axeViolations(ctx context.Context) ([]axeViolation, error) {
	src, err := axeSource()
	if err != nil {
		return nil, fmt.Errorf("read axe-core (run scripts/vendor-axe.sh): %w", err)
	}
	// A tab of the sweep has axe on every page already (preloadAxe).
	loaded, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`typeof axe === "object"`))
	if err != nil {
		return nil, fmt.Errorf("look for axe-core: %w", err)
	}
	if loaded {
		return chromedp.Run(ctx, chromedp.Evaluate[[]axeViolation](axeRun, chromedp.EvalAwaitPromise))
	}
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](src)); err != nil {
		return nil, fmt.Errorf("inject axe-core: %w", err)
	}
	return chromedp.Run(ctx, chromedp.Evaluate[[]axeViolation](axeRun, chromedp.EvalAwaitPromise))
}

// formatViolations lists each violation with its id, impact, help and the
// elements that fail it, one per line.
func formatViolations(vs []axeViolation) string {
	var b strings.Builder
	for _, v := range vs {
		fmt.Fprintf(&b, "\n  %s (%s): %s", v.ID, v.Impact, v.Help)
		for _, n := range v.Nodes {
			fmt.Fprintf(&b, "\n    - %s\n      %s", n.Target, n.HTML)
			if n.Summary != "" {
				fmt.Fprintf(&b, "\n      %s", strings.ReplaceAll(n.Summary, "\n", "\n      "))
			}
		}
	}
	return b.String()
}

// checkAccessibility opens path (which must answer 200) at each width of
// axeWidths and fails the test, without stopping it, for every WCAG 2.1
// A/AA violation axe-core finds, naming the page, the width, the rule and
// the elements, and when the page is wider than the viewport
// (checkReflow). It runs as whoever is logged in in a's tab; log in first to
// check a page behind the login. Afterwards the tab is back at its normal
// 1280×900 window.
//
//	a := newApp(t)
//	a.login("Kamerlid Hanna Bos")
//	a.checkAccessibility("/parlement")
func (a *app) checkAccessibility(path string) {
	a.t.Helper()
	defer a.resetViewport()
	for _, w := range axeWidths {
		if err := chromedp.Do(a.ctx, chromedp.EmulateViewport(w, axeHeight)); err != nil {
			a.fatal("set the viewport to %d px: %v", w, err)
		}
		a.open(path)
		// The check is worth only as much as the width it ran at.
		if got := eval[int64](a, `window.innerWidth`); got != w {
			a.fatal("%s: viewport %d px wide, want %d", path, got, w)
		}
		what := fmt.Sprintf("%s at %d px", path, w)
		a.checkAccessibilityHere(what)
		a.checkReflow(what)
	}
}

// reflowScript measures whether the page is wider than the viewport and
// names the elements that stick out: the outermost ones whose right edge
// is past the viewport and that no scroll box clips, and absolutely
// positioned ones, which may escape a scroll box.
const reflowScript = `(() => {
	const vw = window.innerWidth, d = document.documentElement;
	const out = e => e.getBoundingClientRect().right > vw + 1;
	// An element inside a scroll box (such as .table-scroll) is clipped
	// by it, unless it is positioned against something outside the box.
	const clipped = e => {
		for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
			if (getComputedStyle(p).overflowX !== "visible") return true;
		}
		return false;
	};
	const escapes = e => ["absolute", "fixed"].includes(getComputedStyle(e).position);
	const name = e => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") +
		(typeof e.className === "string" && e.className.trim() ? "." + e.className.trim().split(/\s+/).join(".") : "");
	let culprits = Array.from(document.body.querySelectorAll("*"))
		.filter(e => out(e) && (escapes(e) || (!out(e.parentElement) && !clipped(e))))
		.slice(0, 5)
		.map(e => name(e) + " in " + name(e.parentElement) + " (right edge at " + Math.round(e.getBoundingClientRect().right) + " px)");
	// No box sticks out, so content does: text that cannot wrap (a long
	// word in a heading) overflows a box of the right width. Name the
	// innermost boxes whose content is wider than they are.
	const spills = e => e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX === "visible";
	if (!culprits.length) {
		culprits = Array.from(document.body.querySelectorAll("*"))
			.filter(e => spills(e) && !clipped(e) && !Array.from(e.children).some(spills))
			.slice(0, 5)
			.map(e => name(e.parentElement) + " > " + name(e) + ": its content is " + e.scrollWidth + " px wide in " + e.clientWidth + " px");
	}
	return {width: d.scrollWidth, viewport: vw, culprits: culprits};
})()`

// checkReflow fails the test, without stopping it, when the page shown
// now is wider than the viewport, so that reading it needs scrolling
// sideways (WCAG 1.4.10 Reflow, which axe-core does not test). Wide
// tables belong in a <div class="table-scroll">, which scrolls on its own.
func (a *app) checkReflow(what string) {
	a.t.Helper()
	r := eval[struct {
		Width, Viewport int
		Culprits        []string
	}](a, reflowScript)
	if r.Width > r.Viewport {
		a.t.Errorf("%s: the page is %d px wide in a %d px viewport (WCAG 1.4.10); sticking out:\n    %s",
			what, r.Width, r.Viewport, strings.Join(r.Culprits, "\n    "))
	}
}

// checkAccessibilityHere runs axe-core on the page the tab shows now, at
// the viewport it has now, and fails the test, without stopping it, for
// every violation; what names the page in the message. Use it for a state
// no GET reaches, such as a form sent back with errors.
func (a *app) checkAccessibilityHere(what string) {
	a.t.Helper()
	vs, err := axeViolations(a.ctx)
	if err != nil {
		a.fatal("accessibility check of %s: %v", what, err)
	}
	if len(vs) > 0 {
		a.t.Errorf("%s: %d accessibility violation(s) (axe-core, WCAG 2.1 A/AA):%s", what, len(vs), formatViolations(vs))
	}
}

// resetViewport ends the viewport emulation, so the tab has the browser
// window's size again.
func (a *app) resetViewport() {
	a.t.Helper()
	if err := chromedp.Do(a.ctx, chromedp.EmulateReset()); err != nil {
		a.fatal("reset the viewport: %v", err)
	}
}

// preloadAxe has the browser run axe-core in every page the tab in ctx
// opens from now on, before the page's own scripts, so that a check does
// not send the script over the DevTools connection again for each page.
func preloadAxe(ctx context.Context) error {
	src, err := axeSource()
	if err != nil {
		return fmt.Errorf("read axe-core (run scripts/vendor-axe.sh): %w", err)
	}
	_, err = chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: src})
	return err
}
