package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
)

// syncBuffer is a bytes.Buffer safe for the server's log writes and the test's reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// envOf is an environment of m's variables alone.
func envOf(m map[string]string) func(string) string {
	return func(k string) string {
		if v, ok := m[k]; ok || k != "GOMEMLIMIT" {
			return v
		}
		// As if GOMEMLIMIT were set: serves in-process leave the memory
		// limit of the whole test process alone (TestLimitMemory tests it).
		return "off"
	}
}

// serve starts schakel serve in-process on a free port and returns its base
// URL; the server stops when the test ends, and the test checks it stopped
// cleanly.
func serve(t *testing.T, args ...string) (string, *syncBuffer) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	logs := &syncBuffer{}
	addrc := make(chan string, 1)
	errc := make(chan error, 1)
	go func() {
		errc <- runServe(ctx, append([]string{"--addr", "127.0.0.1:0"}, args...), envOf(nil), io.Discard, logs, func(a string) { addrc <- a })
	}()
	select {
	case a := <-addrc:
		t.Cleanup(func() {
			cancel()
			if err := <-errc; err != nil {
				t.Errorf("serve returned %v", err)
			}
			if !strings.Contains(logs.String(), `"msg":"stopped"`) {
				t.Errorf("no graceful stop in the log:\n%s", logs.String())
			}
		})
		return "http://" + a, logs
	case err := <-errc:
		cancel()
		t.Fatalf("serve failed to start: %v\n%s", err, logs.String())
	case <-time.After(30 * time.Second):
		cancel()
		t.Fatal("serve did not start within 30s")
	}
	return "", nil
}

func get(t *testing.T, c *http.Client, u string) (*http.Response, string) {
	t.Helper()
	resp, err := c.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func TestServeDemo(t *testing.T) {
	dir := t.TempDir()
	base, logs := serve(t, "--demo", "--metrics-public", "--db", filepath.Join(dir, "schakel.db"))
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, Timeout: 10 * time.Second}

	for path, want := range map[string]string{"/healthz": "ok", "/readyz": "ready"} {
		resp, body := get(t, c, base+path)
		if resp.StatusCode != 200 || !strings.Contains(body, want) {
			t.Fatalf("%s: %d %q", path, resp.StatusCode, body)
		}
	}

	// The demo world and the catalogue are there, through the API.
	resp, body := get(t, c, base+"/api/v1/organisaties?paginaGrootte=100")
	if resp.StatusCode != 200 || resp.Header.Get("API-Version") == "" {
		t.Fatalf("organisaties: %d %v", resp.StatusCode, resp.Header)
	}
	for _, code := range []string{"uwv", "svb", "politie", "gemeente-eindhoven", "min-szw", "min-jenv", "min-bzk", "tweede-kamer"} {
		if !strings.Contains(body, `"`+code+`"`) {
			t.Errorf("demo organisation %s missing from %s", code, body)
		}
	}
	resp, body = get(t, c, base+"/api/v1/beginselen")
	if resp.StatusCode != 200 || !strings.Contains(body, `"zorgvuldigheid"`) || !strings.Contains(body, `"bestuurlijk-vermogen"`) {
		t.Fatalf("beginselen: %d %s", resp.StatusCode, body)
	}

	// Pages in Dutch, and in English after the switch.
	resp, body = get(t, c, base+"/")
	doc, _ := goquery.NewDocumentFromReader(strings.NewReader(body))
	if resp.StatusCode != 200 || doc.Find("html").AttrOr("lang", "") != "nl" {
		t.Fatalf("home: %d lang=%q", resp.StatusCode, doc.Find("html").AttrOr("lang", ""))
	}
	get(t, c, base+"/taal/en?terug=/beginselen")
	resp, body = get(t, c, base+"/beginselen")
	doc, _ = goquery.NewDocumentFromReader(strings.NewReader(body))
	if resp.StatusCode != 200 || doc.Find("html").AttrOr("lang", "") != "en" {
		t.Fatalf("catalogue after switch: %d lang=%q", resp.StatusCode, doc.Find("html").AttrOr("lang", ""))
	}

	// The demo login exists in demo mode: log in as the UWV professional.
	c = demoClient(t, base, "Fatima El Amrani")
	resp, body = get(t, c, base+"/api/v1/gebruikers/ik")
	if resp.StatusCode != 200 || !strings.Contains(body, "Fatima El Amrani") {
		t.Fatalf("me after demo login: %d %s", resp.StatusCode, body)
	}

	// The demo has requests for account: the professional sees her brakes.
	resp, body = get(t, c, base+"/api/v1/verantwoordingsverzoeken")
	if resp.StatusCode != 200 || !strings.Contains(body, "WIA-voorschot") {
		t.Fatalf("requests of the demo professional: %d %s", resp.StatusCode, body)
	}
	resp, body = get(t, c, base+"/postvak")
	if resp.StatusCode != 200 || !strings.Contains(body, "<h1") || !strings.Contains(body, "Postvak") {
		t.Fatalf("inbox: %d %.300s", resp.StatusCode, body)
	}

	// Metrics have the route histogram and the database pool.
	resp, body = get(t, c, base+"/metrics")
	if resp.StatusCode != 200 {
		t.Fatalf("metrics: %d", resp.StatusCode)
	}
	for _, want := range []string{`schakel_http_request_duration_seconds_bucket{code="200",method="GET",route="GET /api/v1/beginselen"`, `go_sql_open_connections{db_name="schakel"}`, "schakel_store_write_queue 0"} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %s", want)
		}
	}

	// No personal data in the log: not the demo user's name.
	if strings.Contains(logs.String(), "Fatima") {
		t.Errorf("log holds a user's name:\n%s", logs.String())
	}
}

func TestDemoLoginAbsentWithoutDemo(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "schakel.db")
	if err := Run(context.Background(), []string{"migrate", "--db", db}, envOf(nil), io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	base, _ := serve(t, "--db", db)
	resp, _ := get(t, http.DefaultClient, base+"/demo/inloggen")
	if resp.StatusCode != http.StatusNotFound {
		t.Fatalf("demo login without --demo: %d, want 404", resp.StatusCode)
	}
}

func TestServeRefusesOutOfDateSchema(t *testing.T) {
	db := filepath.Join(t.TempDir(), "schakel.db")
	// An empty file is an SQLite database at schema version 0.
	if err := os.WriteFile(db, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	err := runServe(context.Background(), []string{"--addr", "127.0.0.1:0", "--db", db}, envOf(nil), io.Discard, io.Discard, nil)
	if err == nil || !strings.Contains(err.Error(), "schakel migrate") || !strings.Contains(err.Error(), "--migrate") {
		t.Fatalf("serve on an unmigrated database: %v", err)
	}
}

func TestMigrateThenServe(t *testing.T) {
	db := filepath.Join(t.TempDir(), "schakel.db")
	var out bytes.Buffer
	if err := Run(context.Background(), []string{"migrate", "--db", db}, envOf(nil), &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "schema at version") {
		t.Fatalf("migrate printed %q", out.String())
	}
	base, _ := serve(t, "--db", db)
	resp, _ := get(t, http.DefaultClient, base+"/readyz")
	if resp.StatusCode != 200 {
		t.Fatalf("readyz: %d", resp.StatusCode)
	}
}

func TestBackupWhileServing(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "schakel.db")
	base, _ := serve(t, "--demo", "--db", db)
	copyPath := filepath.Join(dir, "kopie.db")
	var out bytes.Buffer
	if err := Run(context.Background(), []string{"backup", "--db", db, "--out", copyPath}, envOf(nil), &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	// The server still serves after the backup.
	if resp, _ := get(t, http.DefaultClient, base+"/readyz"); resp.StatusCode != 200 {
		t.Fatalf("readyz after backup: %d", resp.StatusCode)
	}
	// A second backup to the same file is refused rather than overwriting it.
	if err := Run(context.Background(), []string{"backup", "--db", db, "--out", copyPath}, envOf(nil), io.Discard, io.Discard); err == nil {
		t.Fatal("backup overwrote an existing file")
	}
	// A server started from the copy (without --demo, without --migrate) has the demo world.
	base2, _ := serve(t, "--db", copyPath)
	resp, body := get(t, http.DefaultClient, base2+"/api/v1/organisaties/uwv")
	if resp.StatusCode != 200 || !strings.Contains(body, `"uwv"`) {
		t.Fatalf("uwv from the backup: %d %s", resp.StatusCode, body)
	}
}

func TestPrintConfig(t *testing.T) {
	var out bytes.Buffer
	err := Run(context.Background(), []string{"serve", "--print-config", "--oidc-client-secret", "zeergeheim"},
		envOf(map[string]string{"SCHAKEL_DB": "postgres://schakel:wachtwoord@db.example.nl/schakel"}), &out, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if s := out.String(); strings.Contains(s, "zeergeheim") || strings.Contains(s, "wachtwoord") || !strings.Contains(s, "db.example.nl") {
		t.Fatalf("print-config:\n%s", s)
	}
}

func TestBadConfigNamesSetting(t *testing.T) {
	err := Run(context.Background(), []string{"serve", "--addr", "nergens"}, envOf(map[string]string{"SCHAKEL_LOG_LEVEL": "luid"}), io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "--addr") || !strings.Contains(err.Error(), "SCHAKEL_LOG_LEVEL") {
		t.Fatalf("err = %v", err)
	}
}

func TestUsageAndVersion(t *testing.T) {
	if err := Run(context.Background(), nil, envOf(nil), io.Discard, io.Discard); exitCode(err) != 2 {
		t.Fatalf("no command: %v", err)
	}
	if err := Run(context.Background(), []string{"bestaat-niet"}, envOf(nil), io.Discard, io.Discard); exitCode(err) != 2 {
		t.Fatalf("unknown command: %v", err)
	}
	var out bytes.Buffer
	if err := Run(context.Background(), []string{"version"}, envOf(nil), &out, io.Discard); err != nil || !strings.HasPrefix(out.String(), "schakel ") {
		t.Fatalf("version: %q %v", out.String(), err)
	}
	if err := Run(context.Background(), []string{"backup", "--db", filepath.Join(t.TempDir(), "x.db")}, envOf(nil), io.Discard, io.Discard); err == nil || !strings.Contains(err.Error(), "--out") {
		t.Fatalf("backup without --out: %v", err)
	}
}
