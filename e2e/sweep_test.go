package e2e

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/auth"
	"github.com/schakel-nl/schakel/cases"
	schakelapp "github.com/schakel-nl/schakel/cmd/schakel/app"
	"github.com/schakel-nl/schakel/store"
)

// sweepLanguages are the languages every page is looked at in, switched
// as a visitor does: GET /taal/{taal}.
var sweepLanguages = []string{"nl", "en"}

// sweepTimeout bounds one visitor's whole round (every page of its role
// in one language, at two widths). On two idle cores a round takes well
// under a minute (the whole sweep used 140 s of CPU); the bound is for
// cores shared with much else, where a round took over six minutes.
const sweepTimeout = 8 * time.Minute

// finding is one accessibility problem the sweep found: where, as whom,
// and what.
type finding struct {
	route, path, who, lang string
	width                  int64
	rule, impact, element  string
}

func (f finding) String() string {
	return fmt.Sprintf("%s | %s | %s | %d px | %s (%s) | %s", f.path, f.who, f.lang, f.width, f.rule, f.impact, f.element)
}

// known returns the reason when f is a known violation.
func (f finding) known() (int, string) {
	for i, k := range knownViolations {
		if (k.route == "" || k.route == f.route) && (k.who == "" || k.who == f.who) && (k.lang == "" || k.lang == f.lang) &&
			(k.width == 0 || k.width == f.width) && (k.rule == "" || k.rule == f.rule) {
			return i, k.why
		}
	}
	return -1, ""
}

// roleName names a visitor in messages and screenshot names.
func roleName(r schakel.Role) string {
	if r == loggedOut {
		return "logged-out"
	}
	return string(r)
}

// TestAccessibilitySweep runs axe-core (WCAG 2.1 A and AA) and the reflow
// check over every HTML page of sweepPages, in Dutch and in English, at
// 1280 and 375 px, logged out and as each role, on one demo server: each
// visitor (a role in a language) has a browser context of its own, and
// the visitors run in parallel. Every violation fails the test, except
// those listed in knownViolations, which are printed. When
// SCHAKEL_SCREENSHOTS is set the main pages are photographed on the way
// (Dutch only).
func TestAccessibilitySweep(t *testing.T) {
	t.Parallel()
	a := newAppWith(t, buildSweepWorld)
	start := time.Now()
	var (
		mu       sync.Mutex
		findings []finding
		timings  []timing
		visitors int
	)
	t.Run("as", func(t *testing.T) {
		for _, role := range anyone {
			for _, lang := range sweepLanguages {
				t.Run(roleName(role)+"/"+lang, func(t *testing.T) {
					t.Parallel()
					v := a.tabFor(t, sweepTimeout)
					if err := preloadAxe(v.ctx); err != nil {
						t.Fatal(err)
					}
					fs, ts := v.sweep(role, lang)
					for _, f := range fs {
						if i, _ := f.known(); i < 0 {
							t.Errorf("accessibility: %s", f)
						}
					}
					mu.Lock()
					visitors++
					findings = append(findings, fs...)
					timings = append(timings, ts...)
					mu.Unlock()
				})
			}
		}
	})
	reportFindings(t, findings, visitors == len(anyone)*len(sweepLanguages))
	slices.SortFunc(timings, func(x, y timing) int { return int(y.took - x.took) })
	var slow []string
	for _, tm := range timings[:min(5, len(timings))] {
		slow = append(slow, fmt.Sprintf("%s %s (%s)", tm.what, tm.took.Round(time.Millisecond), tm.axe.Round(time.Millisecond)))
	}
	t.Logf("sweep: %d page checks in %s; slowest (axe's part): %s", len(timings), time.Since(start).Round(time.Second), strings.Join(slow, ", "))
}

// reportFindings prints the known findings loudly and, when every visitor
// ran (all is true; not so with -run picking some), fails for known
// entries that match nothing any more; each visitor has failed already
// for the findings that are not known.
func reportFindings(t *testing.T, findings []finding, all bool) {
	t.Helper()
	used := make([]bool, len(knownViolations))
	var known []string
	for _, f := range findings {
		if i, why := f.known(); i >= 0 {
			used[i] = true
			known = append(known, f.String()+"  — known: "+why)
		}
	}
	if len(known) > 0 {
		msg := fmt.Sprintf("\n!!!!! %d KNOWN ACCESSIBILITY VIOLATION(S), not failed — fix them and empty knownViolations:\n  %s\n",
			len(known), strings.Join(known, "\n  "))
		t.Log(msg)
		fmt.Fprint(os.Stderr, msg)
	}
	for i, k := range knownViolations {
		if !used[i] && all {
			t.Errorf("knownViolations[%d] (%+v) matches nothing any more: remove it", i, k)
		}
	}
}

// timing is how long one page check took, and axe's part of it.
type timing struct {
	what      string
	took, axe time.Duration
}

// buildSweepWorld is the demo world with one case more: decided and not
// yet published, so the publication review has something to show.
func buildSweepWorld(ctx context.Context, st *store.Store, a *schakelapp.App) error {
	if err := buildDemoWorld(ctx, st, a); err != nil {
		return err
	}
	us, _, err := st.Users(ctx, schakel.UserFilter{Issuer: auth.DemoIssuer, Limit: 500})
	if err != nil {
		return err
	}
	user := map[string]*schakel.User{}
	for _, u := range us {
		user[u.Subject] = u
	}
	c, err := a.Cases().Submit(ctx, user["uwv-professional"], cases.SubmitInput{Organisation: "uwv",
		Title:     "Reiskosten naar de keuring niet vergoed",
		Situation: "Een klant moet voor de keuring ver reizen en kan de reis niet betalen.",
		RuleRefs:  []string{"jci1.3:c:BWBR0019057&artikel=76"},
		Intent:    "De keuring stelt vast wat iemand nog kan.", Harm: "Wie de reis niet kan betalen, mist de keuring.",
		Principles: []string{"evenredigheid"}})
	if err != nil {
		return fmt.Errorf("sweep case: %w", err)
	}
	_, err = a.Cases().Decide(ctx, user["uwv-coordinator"], c.ID, cases.DecideInput{Outcome: schakel.OutcomeMaatwerk,
		LegalGround: "awb-4:84", LegalGroundText: "De reis kost meer dan de klant kan dragen.",
		Weighings:   []schakel.Weighing{{Principle: "evenredigheid", How: "De reiskosten wegen zwaarder dan het belang van de regel."}},
		Explanation: "Wij vergoeden de reiskosten naar de keuring."})
	if err != nil {
		return fmt.Errorf("sweep case: decide: %w", err)
	}
	return nil
}

// sweep looks at every page of sweepPages meant for role, logged in as
// its demo user, in lang at each width, and returns what axe and the
// reflow check found, and how long each check took. A page that answers
// another status than the table says fails the test.
func (a *app) sweep(role schakel.Role, lang string) ([]finding, []timing) {
	a.t.Helper()
	if role != loggedOut {
		a.login(sweepUsers[role])
	}
	a.open("/taal/" + lang)
	who := roleName(role)
	var pages []sweepPage
	for _, p := range sweepPages {
		if slices.Contains(p.as, role) {
			p.path = a.fill(p.path)
			pages = append(pages, p)
		}
	}
	var (
		fs []finding
		ts []timing
	)
	for _, w := range axeWidths {
		if err := chromedp.Do(a.ctx, chromedp.EmulateViewport(w, axeHeight)); err != nil {
			a.fatal("set the viewport to %d px: %v", w, err)
		}
		for _, p := range pages {
			began := time.Now()
			f, axeTook := a.sweepOne(p, who, lang, w)
			fs = append(fs, f...)
			ts = append(ts, timing{fmt.Sprintf("%s as %s (%s, %d px)", p.path, who, lang, w), time.Since(began), axeTook})
		}
	}
	a.resetViewport()
	return fs, ts
}

// sweepOne opens one page and checks it; see sweep. It returns the
// findings and how long axe took.
func (a *app) sweepOne(p sweepPage, who, lang string, w int64) ([]finding, time.Duration) {
	a.t.Helper()
	resp, err := chromedp.Run(a.ctx, chromedp.NavigateResponse(a.base+p.path))
	if err != nil {
		a.fatal("open %s: %v", p.path, err)
	}
	status, wantLang := http.StatusOK, lang
	switch p.expect {
	case badInput:
		status = http.StatusBadRequest
	case notFound:
		status = http.StatusNotFound
	case dutchDocument:
		wantLang = "nl"
	}
	if resp.Status != int64(status) {
		a.t.Errorf("%s as %s (%s, %d px): status %d, want %d", p.path, who, lang, w, resp.Status, status)
		return nil, 0
	}
	if got := eval[int64](a, `window.innerWidth`); got != w {
		a.fatal("%s: viewport %d px wide, want %d", p.path, got, w)
	}
	if got := a.lang(); got != wantLang {
		a.t.Errorf("%s as %s: html[lang] = %q after choosing %s, want %s", p.path, who, got, lang, wantLang)
	}
	at := finding{route: p.route, path: p.path, who: who, lang: lang, width: w}
	began := time.Now()
	vs, err := axeViolations(a.ctx)
	if err != nil {
		a.fatal("accessibility check of %s: %v", p.path, err)
	}
	axeTook := time.Since(began)
	var fs []finding
	for _, v := range vs {
		for _, n := range v.Nodes {
			f := at
			f.rule, f.impact, f.element = v.ID, v.Impact, n.Target+"  "+n.HTML
			fs = append(fs, f)
		}
	}
	r := eval[struct {
		Width, Viewport int
		Culprits        []string
	}](a, reflowScript)
	if r.Width > r.Viewport {
		f := at
		f.rule, f.impact = "reflow", "WCAG 1.4.10"
		f.element = fmt.Sprintf("page %d px wide: %s", r.Width, strings.Join(r.Culprits, "; "))
		fs = append(fs, f)
	}
	if p.shot != "" && lang == sweepLanguages[0] {
		name := p.shot
		if who != roleName(loggedOut) {
			name += "-" + who
		}
		a.screenshot(name)
	}
	return fs, axeTook
}

// placeholder is a {name} in a sweep path.
var placeholder = regexp.MustCompile(`\{(\w+)\}`)

// fill replaces each {name} in path with what sweepFixed or sweepFinds
// gives for the visitor in a's tab; it fails the test when the visitor
// finds nothing, since the table then promises a page that cannot be
// reached.
func (a *app) fill(path string) string {
	a.t.Helper()
	return placeholder.ReplaceAllStringFunc(path, func(m string) string {
		name := m[1 : len(m)-1]
		if v, ok := sweepFixed[name]; ok {
			return v
		}
		f, ok := sweepFinds[name]
		if !ok {
			a.t.Fatalf("sweep path %s: no sweepFinds or sweepFixed entry for {%s}", path, name)
		}
		v := a.find(f)
		if v == "" {
			a.fatal("sweep path %s: nothing found for {%s} (%+v)", path, name, f)
		}
		return v
	})
}

// find follows f; see sweepFind.
func (a *app) find(f sweepFind) string {
	a.t.Helper()
	want := regexp.MustCompile(f.want)
	pages := []string{f.list}
	if f.via != "" {
		pages = a.links(f.list, regexp.MustCompile(f.via))
	}
	for _, p := range pages {
		for _, l := range a.links(p, want) {
			if m := want.FindStringSubmatch(l); len(m) > 1 && m[1] != "nieuw" && a.opens(l) {
				return m[1]
			}
		}
	}
	return ""
}

// opens reports whether path answers 200 to the visitor. A list can link
// to a page its reader may not open (found by the sweep: the minister's
// and the policy officer's /verzoeken link to a request that answers
// them 404); the sweep looks at one they can.
func (a *app) opens(path string) bool {
	a.t.Helper()
	resp, err := chromedp.Run(a.ctx, chromedp.NavigateResponse(a.base+path))
	if err != nil {
		a.fatal("open %s: %v", path, err)
	}
	if resp.Status != http.StatusOK {
		a.t.Logf("%s links to %s, which answers %d", a.t.Name(), path, resp.Status)
	}
	return resp.Status == http.StatusOK
}

// links opens path and returns the paths of its links that match re,
// each once, in the order of the page.
func (a *app) links(path string, re *regexp.Regexp) []string {
	a.t.Helper()
	a.open(path)
	var out []string
	for _, h := range eval[[]string](a, `Array.from(document.querySelectorAll("a[href]"), e => e.getAttribute("href").split("#")[0])`) {
		if re.MatchString(h) && !slices.Contains(out, h) {
			out = append(out, h)
		}
	}
	return out
}

// routePattern finds the patterns registered in server/routes.go: the
// first string argument of s.page, s.pagePlain, s.api, s.apiPlain and
// s.mux.Handle(Func).
var routePattern = regexp.MustCompile(`s\.(?:page|pagePlain|api|apiPlain|mux\.Handle|mux\.HandleFunc)\("([^"]+)"`)

// registeredRoutes reads server/routes.go and returns every pattern it
// registers.
func registeredRoutes(t *testing.T) []string {
	t.Helper()
	src, err := os.ReadFile("../server/routes.go")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, m := range routePattern.FindAllStringSubmatch(string(src), -1) {
		out = append(out, m[1])
	}
	if len(out) < 50 {
		t.Fatalf("found only %d routes in server/routes.go: has the way routes are registered changed?", len(out))
	}
	return out
}

// TestSweepCoversRoutes is the sweep's guard: every GET route of
// server/routes.go is in sweepPages or, answering no HTML page, in
// sweepExcluded (the JSON API under /api/ is held to openapi.json by its
// own test); every route the table names exists; and every path of the
// table is served by the route it names.
func TestSweepCoversRoutes(t *testing.T) {
	t.Parallel()
	routes := registeredRoutes(t)
	swept := map[string]bool{}
	for _, p := range sweepPages {
		swept[p.route] = true
	}
	for _, r := range routes {
		if !strings.HasPrefix(r, "GET ") || strings.HasPrefix(r, "GET /api/") {
			continue
		}
		_, excluded := sweepExcluded[r]
		switch {
		case swept[r] && excluded:
			t.Errorf("%s is both in sweepPages and in sweepExcluded", r)
		case !swept[r] && !excluded:
			t.Errorf("the GET route %s of server/routes.go is not in the accessibility sweep: add a line to sweepPages (e2e/sweep_pages_test.go), or to sweepExcluded when it answers no HTML page", r)
		}
	}
	for r := range swept {
		if !slices.Contains(routes, r) {
			t.Errorf("sweepPages names route %q, which server/routes.go does not register", r)
		}
	}
	for r := range sweepExcluded {
		if !slices.Contains(routes, r) {
			t.Errorf("sweepExcluded names route %q, which server/routes.go does not register", r)
		}
	}

	// A mux of the table's routes must send each path to its own route.
	mux := http.NewServeMux()
	for r := range swept {
		mux.HandleFunc(r, func(http.ResponseWriter, *http.Request) {})
	}
	for _, p := range sweepPages {
		path := placeholder.ReplaceAllString(p.path, "1")
		_, got := mux.Handler(httptest.NewRequest(http.MethodGet, path, nil))
		if got != p.route {
			t.Errorf("sweep path %s is served by %q, not by its route %q", p.path, got, p.route)
		}
		if len(p.as) == 0 {
			t.Errorf("sweep path %s: nobody looks at it", p.path)
		}
	}
}

// TestSweepCoversRoles: the sweep logs in as every role, each as a demo
// user, and looks at every {name} it can fill.
func TestSweepCoversRoles(t *testing.T) {
	t.Parallel()
	for _, r := range schakel.Roles {
		if sweepUsers[r] == "" {
			t.Errorf("role %s has no demo user in sweepUsers", r)
		}
	}
	for _, p := range sweepPages {
		for _, m := range placeholder.FindAllStringSubmatch(p.path, -1) {
			_, fixed := sweepFixed[m[1]]
			if _, found := sweepFinds[m[1]]; !found && !fixed {
				t.Errorf("sweep path %s: {%s} is in neither sweepFinds nor sweepFixed", p.path, m[1])
			}
		}
	}
}
