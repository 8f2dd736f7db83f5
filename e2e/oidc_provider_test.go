package e2e

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/schakel-nl/schakel"
	schakelapp "github.com/schakel-nl/schakel/cmd/schakel/app"
	"github.com/schakel-nl/schakel/config"
	"github.com/schakel-nl/schakel/demo"
	"github.com/schakel-nl/schakel/store"
)

// providerDir holds the real OpenID Connect provider of the browser tests:
// panva's oidc-provider under Node, installed with
// `npm ci --prefix e2e/oidcprovider` (decision 0033).
const providerDir = "oidcprovider"

// The client schakel is registered as at the test provider.
const (
	oidcClientID     = "schakel-e2e"
	oidcClientSecret = "e2e-geheim-niet-echt"
)

// The levels of assurance the test accounts log in with: the eIDAS URIs the
// Dutch brokers send as acr.
const (
	acrLow         = "http://eidas.europa.eu/LoA/low"
	acrSubstantial = "http://eidas.europa.eu/LoA/substantial"
	acrHigh        = "http://eidas.europa.eu/LoA/high"
)

// oidcAccount is a person the test provider knows: the login and password
// typed into its form, the subject it sends, the acr of a login, and
// the claims it hands out (under the scopes profile and email).
type oidcAccount struct {
	Login    string `json:"login"`
	Password string `json:"password"`
	Sub      string `json:"sub"`
	ACR      string `json:"acr,omitempty"`
	// ACRs are the levels the account can reach with a stronger means,
	// used when schakel asks for one of them with acr_values.
	ACRs   []string       `json:"acrs,omitempty"`
	Claims map[string]any `json:"claims"`
}

// oidcClient is a client registered at the test provider.
type oidcClient struct {
	ClientID               string   `json:"client_id"`
	ClientSecret           string   `json:"client_secret,omitempty"`
	RedirectURIs           []string `json:"redirect_uris"`
	PostLogoutRedirectURIs []string `json:"post_logout_redirect_uris,omitempty"`
	BackchannelLogoutURI   string   `json:"backchannel_logout_uri,omitempty"`
}

// oidcProviderConfig is the JSON file provider.mjs reads.
type oidcProviderConfig struct {
	Port int `json:"port"`
	// IDTokenClaims puts the profile and email claims in the ID token as
	// well; by default, as the provider's defaults and most brokers do,
	// they come only from the UserInfo endpoint.
	IDTokenClaims bool           `json:"idTokenClaims"`
	Clients       []oidcClient   `json:"clients"`
	Accounts      []oidcAccount  `json:"accounts"`
	Extra         map[string]any `json:"extra,omitempty"`
}

// oidcProvider is a running test provider.
type oidcProvider struct {
	Issuer string
	log    *syncBuffer
}

// Log returns what the provider wrote to stderr so far: warnings, and one
// line per back-channel logout sent (backchannel.success) or failed.
func (p *oidcProvider) Log() string { return p.log.String() }

// needProvider skips the test when the provider's packages are not
// installed or there is no Node, unless SCHAKEL_E2E_REQUIRED=1.
func needProvider(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(providerDir)
	if err != nil {
		t.Fatal(err)
	}
	problem := ""
	if _, err := exec.LookPath("node"); err != nil {
		problem = "no node in PATH"
	} else if _, err := os.Stat(filepath.Join(dir, "node_modules", "oidc-provider", "package.json")); err != nil {
		problem = "oidc-provider is not installed (npm ci --prefix e2e/oidcprovider)"
	}
	if problem != "" {
		if os.Getenv(requiredEnv) != "1" {
			t.Skipf("OIDC browser tests: %s; set %s=1 to fail instead", problem, requiredEnv)
		}
		t.Fatalf("OIDC browser tests: %s", problem)
	}
	return dir
}

// startOIDCProvider starts provider.mjs with cfg, waits until its discovery
// document answers with the issuer it printed, and stops it when the test
// ends. The provider must not have crashed by then, nor logged an error
// of its own (a server_error or a failed interaction).
func startOIDCProvider(t *testing.T, cfg oidcProviderConfig) *oidcProvider {
	t.Helper()
	dir := needProvider(t)
	b, err := json.Marshal(cfg)
	if err != nil {
		t.Fatal(err)
	}
	cfgPath := filepath.Join(t.TempDir(), "provider.json")
	if err := os.WriteFile(cfgPath, b, 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("node", "provider.mjs", cfgPath)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "NODE_ENV=test")
	p := &oidcProvider{log: &syncBuffer{}}
	cmd.Stderr = p.log
	stdin, err := cmd.StdinPipe() // closes when the test binary dies: the provider then stops
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("start the OIDC provider: %v", err)
	}
	exited := make(chan error, 1)
	var stopped atomic.Bool
	t.Cleanup(func() {
		stopped.Store(true)
		_ = cmd.Process.Signal(syscall.SIGTERM)
		var err error
		select {
		case err = <-exited:
		case <-time.After(10 * time.Second):
			_ = cmd.Process.Kill()
			err = <-exited
			t.Errorf("the OIDC provider did not stop within 10 s of SIGTERM")
		}
		stdin.Close()
		if err != nil {
			t.Errorf("the OIDC provider ended badly: %v\n%s", err, p.Log())
		}
		for _, bad := range []string{"server_error", "interaction failed", "Error:"} {
			if strings.Contains(p.Log(), bad) {
				t.Errorf("the OIDC provider logged %q:\n%s", bad, p.Log())
			}
		}
	})

	first := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(stdout).ReadString('\n')
		first <- line
		_, _ = io.Copy(io.Discard, stdout)
		err := cmd.Wait()
		if !stopped.Load() {
			err = errors.Join(errors.New("exited before the test ended"), err)
		}
		exited <- err
	}()
	select {
	case line := <-first:
		var hello struct{ Issuer string }
		if err := json.Unmarshal([]byte(line), &hello); err != nil || hello.Issuer == "" {
			t.Fatalf("the OIDC provider did not start: first line %q (%v)\n%s", line, err, p.Log())
		}
		p.Issuer = hello.Issuer
	case <-time.After(30 * time.Second):
		t.Fatalf("the OIDC provider did not start within 30 s\n%s", p.Log())
	}
	waitForDiscovery(t, p)
	return p
}

// waitForDiscovery polls the discovery document until it names p.Issuer.
func waitForDiscovery(t *testing.T, p *oidcProvider) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	var last error
	for time.Now().Before(deadline) {
		resp, err := http.Get(p.Issuer + "/.well-known/openid-configuration")
		if err == nil {
			var doc struct{ Issuer string }
			err = json.NewDecoder(resp.Body).Decode(&doc)
			resp.Body.Close()
			if err == nil && doc.Issuer == p.Issuer {
				return
			}
			if err == nil {
				err = fmt.Errorf("status %d, issuer %q", resp.StatusCode, doc.Issuer)
			}
		}
		last = err
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("the OIDC provider's discovery did not answer: %v\n%s", last, p.Log())
}

// needBrowser starts the browser once; without Chromium the test skips,
// or fails when SCHAKEL_E2E_REQUIRED=1.
func needBrowser(t *testing.T) {
	t.Helper()
	browserOnce.Do(startBrowser)
	if browserErr != nil {
		if _, statErr := os.Stat(chromiumPath); statErr != nil && os.Getenv(requiredEnv) != "1" {
			t.Skipf("browser tests need Chromium at %s; set %s=1 to fail instead: %v", chromiumPath, requiredEnv, browserErr)
		}
		t.Fatalf("browser: %v", browserErr)
	}
}

// oidcApp is a schakel logged into through the test provider.
type oidcApp struct {
	*app
	op    *oidcProvider
	store *store.Store
	// dbPath is schakel's SQLite file, for the schakel command.
	dbPath string
}

// oidcSetup is what a test changes before schakel and the provider start.
type oidcSetup struct {
	// Accounts the provider knows.
	Accounts []oidcAccount
	// IDTokenClaims: see oidcProviderConfig.
	IDTokenClaims bool
	// Config changes schakel's configuration (BaseURL and the OIDC client
	// are set already).
	Config func(*config.Config)
	// More adds to the demo world, as in newAppWith.
	More func(context.Context, *store.Store, *schakelapp.App) error
}

// newOIDCApp starts schakel (not in demo mode, with the demo organisations
// and users) and the test provider, with schakel registered there as a
// confidential client whose redirect, post-logout and back-channel logout
// URIs are schakel's, and opens a tab at the given width in a browser
// context of its own.
func newOIDCApp(t *testing.T, width int64, setup oidcSetup) *oidcApp {
	t.Helper()
	needProvider(t)
	needBrowser(t)

	// The listener first: its address is schakel's public URL, which the
	// client registration at the provider names.
	ts := httptest.NewUnstartedServer(http.NotFoundHandler())
	base := "http://" + ts.Listener.Addr().String()
	op := startOIDCProvider(t, oidcProviderConfig{
		IDTokenClaims: setup.IDTokenClaims,
		Clients: []oidcClient{{
			ClientID:               oidcClientID,
			ClientSecret:           oidcClientSecret,
			RedirectURIs:           []string{base + "/auth/oidc/callback"},
			PostLogoutRedirectURIs: []string{base + "/"},
			BackchannelLogoutURI:   base + "/auth/oidc/backchannel-logout",
		}},
		Accounts: setup.Accounts,
	})

	ctx := context.Background()
	cfg := config.Default()
	cfg.BaseURL = base
	cfg.OIDCIssuer = op.Issuer
	cfg.OIDCClientID = oidcClientID
	cfg.OIDCClientSecret = oidcClientSecret
	cfg.WebhookAllowPrivate = true
	if setup.Config != nil {
		setup.Config(&cfg)
	}
	clock := schakel.SystemClock{}
	dbPath := filepath.Join(t.TempDir(), "schakel.db")
	st, err := store.Open(ctx, dbPath, store.Options{Clock: clock})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := st.SeedPrinciples(ctx, schakel.DefaultPrinciples()); err != nil {
		t.Fatal(err)
	}
	if built, err := demo.Build(ctx, st); err != nil || !built {
		t.Fatalf("demo world: built %v, %v", built, err)
	}
	oidc, err := schakelapp.NewOIDC(&cfg, clock)
	if err != nil {
		t.Fatal(err)
	}
	srv, err := schakelapp.New(&cfg, st, clock, slog.New(slog.NewTextHandler(io.Discard, nil)), oidc)
	if err != nil {
		t.Fatal(err)
	}
	if setup.More != nil {
		if err := setup.More(ctx, st, srv); err != nil {
			t.Fatalf("demo world: %v", err)
		}
	}
	ts.Config.Handler = srv
	ts.Start()
	t.Cleanup(ts.Close)

	a := &oidcApp{app: &app{t: t, ctx: openTab(t), base: base}, op: op, store: st, dbPath: dbPath}
	a.setViewport(width, 900)
	return a
}

// The widths every OIDC flow runs at: a phone and a desktop.
var oidcWidths = []struct {
	name  string
	width int64
}{{"telefoon", 375}, {"desktop", 1280}}

// startLogin opens schakel's login page and follows its link to the
// provider, which shows its password form.
func (a *oidcApp) startLogin() {
	a.t.Helper()
	a.open("/inloggen")
	a.clickOK(`a[href^="/auth/oidc/start"]`)
	a.see("#op-login")
}

// providerLogin fills in the provider's password form shown now and
// submits it; the browser follows the redirects back to schakel.
func (a *oidcApp) providerLogin(login, password string) int64 {
	a.t.Helper()
	a.see("#op-user")
	a.typeInto("op-user", login)
	a.typeInto("op-password", password)
	return a.click("#op-submit")
}

// oidcLogout logs out with schakel's button. When schakel sends the
// browser on to the provider's end-session endpoint (logout at both ends,
// issue 19), it confirms there; either way it wants schakel's page logged
// out at the end.
func (a *oidcApp) oidcLogout() {
	a.t.Helper()
	a.see(".logout-form button[type=submit]")
	if _, err := chromedp.RunResponse(a.ctx, chromedp.Click(chromedp.CSS(".logout-form button[type=submit]"))); err != nil {
		a.fatal("logout: %v", err)
	}
	if strings.HasPrefix(a.location(), a.op.Issuer) {
		a.clickOK("#op-logout-yes")
	}
	a.see(".site-header__login")
	if n := eval[int](a.app, `document.querySelectorAll(".site-header__user").length`); n != 0 {
		a.fatal("still logged in after logging out")
	}
}

// location is the URL the tab shows.
func (a *oidcApp) location() string {
	a.t.Helper()
	loc, err := chromedp.Run(a.ctx, chromedp.Location())
	if err != nil {
		a.fatal("location: %v", err)
	}
	return loc
}

// loggedIn tells whether schakel's header shows someone logged in, after
// loading the home page afresh.
func (a *oidcApp) loggedIn() bool {
	a.t.Helper()
	a.open("/")
	a.see(".site-header")
	return eval[int](a.app, `document.querySelectorAll(".site-header__user").length`) > 0
}

// userOf returns the stored user the provider's subject became, or nil.
func (a *oidcApp) userOf(sub string) *schakel.User {
	a.t.Helper()
	users, _, err := a.store.Users(context.Background(), schakel.UserFilter{Issuer: a.op.Issuer, Limit: 1000})
	if err != nil {
		a.t.Fatal(err)
	}
	for _, u := range users {
		if u.Subject == sub {
			return u
		}
	}
	return nil
}

// navigate loads url, which may be outside schakel (the provider), and
// returns its status.
func (a *oidcApp) navigate(url string) int64 {
	a.t.Helper()
	resp, err := chromedp.Run(a.ctx, chromedp.NavigateResponse(url))
	if err != nil {
		a.fatal("open %s: %v", url, err)
	}
	return resp.Status
}
