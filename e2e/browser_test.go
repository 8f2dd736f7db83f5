package e2e

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/schakel-nl/schakel"
	schakelapp "github.com/schakel-nl/schakel/cmd/schakel/app"
	"github.com/schakel-nl/schakel/config"
	"github.com/schakel-nl/schakel/demo"
	"github.com/schakel-nl/schakel/store"
	"github.com/schakel-nl/schakel/store/storetest"
)

// chromiumPath is the browser the tests drive: Debian's chromium package.
const chromiumPath = "/usr/bin/chromium"

// requiredEnv makes a missing browser a failure instead of a skip (CI).
const requiredEnv = "SCHAKEL_E2E_REQUIRED"

// testTimeout bounds each test, browser steps included. Generous: on two
// shared cores under load (other packages' tests, fuzzing) a flow that takes
// 9 s when quiet took 49 s.
const testTimeout = 120 * time.Second

// stepTimeout bounds one wait for an element, so a missing element fails
// with its selector rather than at the end of testTimeout; under heavy load
// a page once took more than 5 s to appear.
const stepTimeout = 15 * time.Second

// The one browser of the test binary, started by the first test that needs
// it and stopped by TestMain.
var (
	browserOnce   sync.Once
	browserCtx    context.Context
	browserErr    error
	stopBrowser   = func() {}
	userDataDir   string
	browserOutput syncBuffer
)

func TestMain(m *testing.M) {
	code := m.Run()
	stopBrowser()
	if userDataDir != "" {
		// Chromium's helper processes can outlive the browser by a moment
		// and write to the profile; remove until it stays gone.
		for i := 0; i < 20; i++ {
			os.RemoveAll(userDataDir)
			time.Sleep(100 * time.Millisecond)
			if _, err := os.Stat(userDataDir); errors.Is(err, os.ErrNotExist) {
				break
			}
		}
	}
	os.Exit(code)
}

// startBrowser starts Chromium once, headless, with a new empty profile and
// without the background connections a closed network refuses.
func startBrowser() {
	if _, err := os.Stat(chromiumPath); err != nil {
		browserErr = fmt.Errorf("no browser: %w", err)
		return
	}
	dir, err := os.MkdirTemp("", "schakel-e2e-chromium-")
	if err != nil {
		browserErr = err
		return
	}
	userDataDir = dir
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(dir),
		chromedp.WindowSize(1280, 900),
		chromedp.CombinedOutput(&browserOutput),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelBrowser := chromedp.NewContext(allocCtx)
	stopBrowser = func() {
		// Close the browser gracefully, then wait for its process to end.
		closing, cancel := context.WithTimeout(ctx, 5*time.Second)
		defer cancel()
		chromedp.Cancel(closing)
		cancelBrowser()
		cancelAlloc()
	}
	// The first Do starts the browser; it lives as long as ctx.
	if err := chromedp.Do(ctx); err != nil {
		browserErr = fmt.Errorf("start %s: %w\n%s", chromiumPath, err, browserOutput.String())
		return
	}
	browserCtx = ctx
}

// syncBuffer collects the browser's output for error messages.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.b.Len() < 64<<10 {
		s.b.Write(p)
	}
	return len(p), nil
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// app is one test's schakel server and browser tab.
type app struct {
	t    *testing.T
	ctx  context.Context
	base string
}

// newApp starts schakel in demo mode on a fresh SQLite database with the
// demo world and the principle catalogue, and opens a tab in a browser
// context of its own (its own cookies). Without a browser it skips, or
// fails when SCHAKEL_E2E_REQUIRED=1.
func newApp(t *testing.T) *app {
	t.Helper()
	return newAppWith(t, nil)
}

// newDemoApp is newApp with the whole demo world of `schakel serve --demo`
// (requests, brakes, cases, signals, proposals), so that lists and detail
// pages have something to show.
func newDemoApp(t *testing.T) *app {
	t.Helper()
	return newAppWith(t, buildDemoWorld)
}

// newAppWith is newApp; more, when not nil, adds to the demo world through
// the server's services before the tab opens.
func newAppWith(t *testing.T, more func(context.Context, *store.Store, *schakelapp.App) error) *app {
	t.Helper()
	browserOnce.Do(startBrowser)
	if browserErr != nil {
		if _, statErr := os.Stat(chromiumPath); statErr != nil && os.Getenv(requiredEnv) != "1" {
			t.Skipf("browser tests need Chromium at %s (apt-get install chromium); set %s=1 to fail instead: %v", chromiumPath, requiredEnv, browserErr)
		}
		t.Fatalf("browser: %v", browserErr)
	}

	ctx := context.Background()
	cfg := config.Default()
	cfg.Demo = true
	// The webhook receivers of these tests listen on 127.0.0.1, which
	// webhooks may not reach by default.
	cfg.WebhookAllowPrivate = true
	clock := schakel.SystemClock{}
	st := storetest.OpenSQLite(t, clock)
	if _, err := st.SeedPrinciples(ctx, schakel.DefaultPrinciples()); err != nil {
		t.Fatal(err)
	}
	if built, err := demo.Build(ctx, st); err != nil || !built {
		t.Fatalf("demo world: built %v, %v", built, err)
	}
	srv, err := schakelapp.New(&cfg, st, clock, slog.New(slog.NewTextHandler(io.Discard, nil)), nil)
	if err != nil {
		t.Fatal(err)
	}
	if more != nil {
		if err := more(ctx, st, srv); err != nil {
			t.Fatalf("demo world: %v", err)
		}
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)

	return &app{t: t, ctx: openTab(t), base: ts.URL}
}

// pageProblems collects what goes wrong in the pages besides what a test
// checks: script errors, console errors, and styles, scripts or images that
// fail to load. A page answered with 4xx on purpose (a form with errors) is
// not a problem; its subresources failing would be.
type pageProblems struct {
	mu   sync.Mutex
	msgs []string
}

func (p *pageProblems) listen(ev any) {
	var msg string
	switch ev := ev.(type) {
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		msg = fmt.Sprintf("script error %s at %s:%d", d.Text, d.URL, d.LineNumber)
		if d.Exception != nil && d.Exception.Description != "" {
			msg += ": " + d.Exception.Description
		}
	case *network.EventResponseReceived:
		if ev.Type != network.ResourceTypeDocument && ev.Response.Status >= 400 {
			msg = fmt.Sprintf("%s %s: status %d", ev.Type, ev.Response.URL, ev.Response.Status)
		}
	case *network.EventLoadingFailed:
		if ev.Type != network.ResourceTypeDocument && !ev.Canceled {
			msg = fmt.Sprintf("%s request %s failed: %s %s", ev.Type, ev.RequestID, ev.ErrorText, ev.BlockedReason)
		}
	case *cdplog.EventEntryAdded:
		e := ev.Entry
		if e.Level == cdplog.EntryLevelError && e.Source != cdplog.EntrySourceNetwork {
			msg = fmt.Sprintf("console %s error: %s (%s)", e.Source, e.Text, e.URL)
		}
	}
	if msg != "" {
		p.mu.Lock()
		p.msgs = append(p.msgs, msg)
		p.mu.Unlock()
	}
}

// list returns the problems seen, each once.
func (p *pageProblems) list() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	msgs := slices.Clone(p.msgs)
	slices.Sort(msgs)
	return slices.Compact(msgs)
}

// knownProblems are problems of the pages that are known and not yet
// fixed: a message containing both strings of an entry is logged, not
// failed. Remove an entry once its problem is fixed.
var knownProblems = []struct{ why, text, where string }{
	// htmx 2 inserts a <style> for .htmx-indicator on every page
	// (htmx.config.includeIndicatorStyles defaults to true), which the
	// CSP style-src 'self' blocks; <meta name="htmx-config"
	// content='{"includeIndicatorStyles":false}'> would stop it.
	{"htmx indicator style blocked by CSP", "Applying inline style violates", "/static/vendor/htmx.min.js"},
	// Browsers ask for /favicon.ico by themselves; schakel has none.
	{"no favicon", "/favicon.ico: status 404", "/favicon.ico"},
}

func knownProblem(msg string) string {
	for _, k := range knownProblems {
		if strings.Contains(msg, k.text) && strings.Contains(msg, k.where) {
			return k.why
		}
	}
	return ""
}

// fatal stops the test with what the browser shows now.
func (a *app) fatal(format string, args ...any) {
	a.t.Helper()
	msg := fmt.Sprintf(format, args...)
	ctx, cancel := context.WithTimeout(a.ctx, 2*time.Second)
	defer cancel()
	if loc, err := chromedp.Run(ctx, chromedp.Location()); err == nil {
		msg += "\n  at " + loc
	}
	if h1, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.querySelector("h1")||{}).innerText||""`)); err == nil {
		msg += "\n  h1: " + h1
	}
	a.t.Fatal(msg)
}

// open loads path and wants status 200.
func (a *app) open(path string) {
	a.t.Helper()
	resp, err := chromedp.Run(a.ctx, chromedp.NavigateResponse(a.base+path))
	if err != nil {
		a.fatal("open %s: %v", path, err)
	}
	if resp.Status != 200 {
		a.fatal("open %s: status %d", path, resp.Status)
	}
}

// click clicks the element at sel, as a user would with the mouse, waits
// for the page that follows to load and returns its status.
func (a *app) click(sel string) int64 {
	a.t.Helper()
	a.see(sel)
	resp, err := chromedp.RunResponse(a.ctx, chromedp.Click(chromedp.CSS(sel)))
	if err != nil {
		a.fatal("click %s: %v", sel, err)
	}
	if resp == nil { // a link within the page
		return 0
	}
	return resp.Status
}

// clickOK is click that wants status 200.
func (a *app) clickOK(sel string) {
	a.t.Helper()
	if st := a.click(sel); st != 200 {
		a.fatal("click %s: status %d", sel, st)
	}
}

// see waits until the element at sel is visible.
func (a *app) see(sel string) {
	a.t.Helper()
	ctx, cancel := context.WithTimeout(a.ctx, stepTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(sel))); err != nil {
		a.fatal("element %s is not visible: %v", sel, err)
	}
}

// text returns the visible text of the element at sel, its white space
// collapsed.
func (a *app) text(sel string) string {
	a.t.Helper()
	a.see(sel)
	s, err := chromedp.Run(a.ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		a.fatal("text of %s: %v", sel, err)
	}
	return strings.Join(strings.Fields(s), " ")
}

// texts returns the text of every element at sel, white space collapsed.
func (a *app) texts(sel string) []string {
	a.t.Helper()
	return eval[[]string](a, `Array.from(document.querySelectorAll(`+jsString(sel)+`), e => e.innerText.split(/\s+/).filter(Boolean).join(" "))`)
}

// wantText wants the visible text at sel to contain each of want.
func (a *app) wantText(sel string, want ...string) string {
	a.t.Helper()
	got := a.text(sel)
	for _, w := range want {
		if !strings.Contains(got, w) {
			a.fatal("%s says %q, want it to contain %q", sel, got, w)
		}
	}
	return got
}

// typeInto types s into the field with id, key by key.
func (a *app) typeInto(id, s string) {
	a.t.Helper()
	if err := chromedp.Do(a.ctx, chromedp.SendKeys(chromedp.ID(id), s)); err != nil {
		a.fatal("type into #%s: %v", id, err)
	}
}

// choose sets the value of the select (or date input) with id.
func (a *app) choose(id, value string) {
	a.t.Helper()
	if err := chromedp.Do(a.ctx, chromedp.SetValue(chromedp.ID(id), value)); err != nil {
		a.fatal("set #%s: %v", id, err)
	}
	if got := eval[string](a, `document.getElementById(`+jsString(id)+`).value`); got != value {
		a.fatal("#%s has value %q after setting %q (no such option?)", id, got, value)
	}
}

// eval evaluates a JavaScript expression in the page.
func eval[T any](a *app, expr string) T {
	a.t.Helper()
	v, err := chromedp.Run(a.ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		a.fatal("evaluate %s: %v", expr, err)
	}
	return v
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// lang returns the language of the page, html[lang].
func (a *app) lang() string {
	a.t.Helper()
	return eval[string](a, `document.documentElement.lang`)
}

// focused describes the element that has the focus: its id, or its tag
// and class.
func (a *app) focused() string {
	a.t.Helper()
	return eval[string](a, `(e => e.id || (e.tagName.toLowerCase() + "." + e.className))(document.activeElement)`)
}

// focusedWithin waits up to d for the focus to reach the element with id
// want and returns what has the focus then.
func (a *app) focusedWithin(d time.Duration, want string) string {
	a.t.Helper()
	deadline := time.Now().Add(d)
	for {
		f := a.focused()
		if f == want || time.Now().After(deadline) {
			return f
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// press sends keys to whatever has the focus.
func (a *app) press(keys string) {
	a.t.Helper()
	if err := chromedp.Do(a.ctx, chromedp.KeyEvent(keys)); err != nil {
		a.fatal("press %q: %v", keys, err)
	}
}

// login logs in through the demo login page as the demo user called name
// and lands on the home page.
func (a *app) login(name string) {
	a.t.Helper()
	a.open("/demo/inloggen")
	a.loginHere(name)
}

// loginHere picks name on the demo login page shown now and submits it.
func (a *app) loginHere(name string) {
	a.t.Helper()
	id := eval[string](a, `(Array.from(document.querySelectorAll("#gebruiker option")).find(o => o.textContent.trim().startsWith(`+jsString(name)+`)) || {value: ""}).value`)
	if id == "" {
		a.fatal("demo login: no user %q in #gebruiker", name)
	}
	a.choose("gebruiker", id)
	a.clickOK(`form[action="/demo/inloggen"] button[type=submit]`)
	a.wantText(".site-header__user", name)
}

// logout logs out with the header's button.
func (a *app) logout() {
	a.t.Helper()
	a.clickOK(".logout-form button[type=submit]")
	a.see(".site-header__login")
	if n := eval[int](a, `document.querySelectorAll(".site-header__user").length`); n != 0 {
		a.fatal("still logged in after logging out")
	}
}

// buildDemoWorld adds what `schakel serve --demo` adds to the users and
// organisations: requests, brakes, cases, signals and proposals, through
// the services, in the same order.
func buildDemoWorld(ctx context.Context, st *store.Store, a *schakelapp.App) error {
	now := time.Now()
	if _, err := demo.BuildRequests(ctx, st, a.Requests().Engine, now); err != nil {
		return fmt.Errorf("requests: %w", err)
	}
	if _, _, err := demo.BuildBrakes(ctx, st, a.Brakes(), now); err != nil {
		return fmt.Errorf("brakes: %w", err)
	}
	if _, err := demo.BuildCases(ctx, st, a.Cases(), now); err != nil {
		return fmt.Errorf("cases: %w", err)
	}
	if _, err := demo.BuildSignals(ctx, st, a.Signals(), now); err != nil {
		return fmt.Errorf("signals: %w", err)
	}
	if _, err := demo.BuildProposals(ctx, st, a.Assessments(), now); err != nil {
		return fmt.Errorf("proposals: %w", err)
	}
	return nil
}

// openTab opens a browser tab in a fresh browser context for the test,
// closed at its end; problems the page reports fail the test unless they
// are known ones.
func openTab(t *testing.T) context.Context {
	t.Helper()
	var problems pageProblems
	t.Cleanup(func() {
		for _, p := range problems.list() {
			if known := knownProblem(p); known != "" {
				t.Logf("known problem in the browser (%s): %s", known, p)
				continue
			}
			t.Errorf("in the browser: %s", p)
		}
	})
	tab, closeTab := chromedp.NewContext(browserCtx, chromedp.WithNewBrowserContext(), chromedp.WithListener(problems.listen))
	t.Cleanup(closeTab)
	tab, cancel := context.WithTimeout(tab, testTimeout)
	t.Cleanup(cancel)
	// The first call opens the tab. Reduced motion turns off the site's
	// smooth scrolling, so a click never aims at an element still moving
	// after an in-page link.
	if _, err := chromedp.Call(tab, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-reduced-motion", Value: "reduce"}},
	}); err != nil {
		t.Fatalf("open a tab: %v", err)
	}
	return tab
}
