package config

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"time"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestLayers(t *testing.T) {
	cases := []struct {
		name     string
		args     []string
		env      map[string]string
		wantAddr string
		wantDB   string
		wantIdle time.Duration
		source   string
	}{
		{"defaults", nil, nil, "127.0.0.1:8080", "schakel.db", time.Hour, "default"},
		{"flag over default", []string{"--addr", "0.0.0.0:9000"}, nil, "0.0.0.0:9000", "schakel.db", time.Hour, "flag"},
		{"env over flag", []string{"--addr", "0.0.0.0:9000"}, map[string]string{"SCHAKEL_ADDR": "127.0.0.1:7000"}, "127.0.0.1:7000", "schakel.db", time.Hour, "env"},
		{"env only", nil, map[string]string{"SCHAKEL_DB": "postgres://u@h/db", "SCHAKEL_SESSION_IDLE": "30m"}, "127.0.0.1:8080", "postgres://u@h/db", 30 * time.Minute, "default"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg, _, err := Load("serve", c.args, env(c.env), io.Discard, nil)
			if err != nil {
				t.Fatal(err)
			}
			if cfg.Addr != c.wantAddr || cfg.DB != c.wantDB || cfg.SessionIdle != c.wantIdle || cfg.Sources["addr"] != c.source {
				t.Fatalf("got addr %q db %q idle %v source %q", cfg.Addr, cfg.DB, cfg.SessionIdle, cfg.Sources["addr"])
			}
			if err := cfg.Validate(); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestOnlyAllowedFlags(t *testing.T) {
	if _, _, err := Load("migrate", []string{"--demo"}, env(nil), io.Discard, nil, "db"); err == nil {
		t.Fatal("migrate accepted --demo")
	}
	cfg, rest, err := Load("backup", []string{"--db", "x.db", "extra"}, env(nil), io.Discard, nil, "db")
	if err != nil || cfg.DB != "x.db" || len(rest) != 1 || rest[0] != "extra" {
		t.Fatalf("got %v %v %v", cfg.DB, rest, err)
	}
}

func TestBadEnvNamed(t *testing.T) {
	_, _, err := Load("serve", nil, env(map[string]string{"SCHAKEL_DEMO": "misschien", "SCHAKEL_SESSION_LIFETIME": "lang"}), io.Discard, nil)
	if err == nil || !strings.Contains(err.Error(), "SCHAKEL_DEMO") || !strings.Contains(err.Error(), "SCHAKEL_SESSION_LIFETIME") {
		t.Fatalf("err = %v", err)
	}
}

func TestValidateNamesEveryBadSetting(t *testing.T) {
	c := Default()
	c.Addr = "geen-poort"
	c.BaseURL = "ftp://x"
	c.DB = "mysql://root@localhost/x"
	c.SQLiteSynchronous = "OFF"
	c.OIDCIssuer = "https://login.example.nl"
	c.SessionLifetime = time.Second
	c.LogLevel = "loud"
	c.LogFormat = "xml"
	c.EquatedDays = "2026-05-15=Dag na Hemelvaart;2026-13-01=Fout"
	c.SweepInterval = time.Millisecond
	c.MemoryLimit = 16
	err := c.Validate()
	if err == nil {
		t.Fatal("no error")
	}
	for _, name := range []string{"--addr", "--base-url", "--db", "--sqlite-synchronous", "--oidc-issuer", "--session-lifetime", "--session-idle", "--log-level", "--log-format", "--equated-days", "--sweep-interval", "--memory-limit"} {
		if !strings.Contains(err.Error(), name+" ") {
			t.Errorf("error does not name %s:\n%v", name, err)
		}
	}
}

func TestPrintMasksSecrets(t *testing.T) {
	cfg, _, err := Load("serve", []string{"--print-config", "--oidc-client-secret", "geheim123"}, env(map[string]string{
		"SCHAKEL_DB": "postgres://schakel:wachtwoord@db.example.nl/schakel?sslmode=require",
	}), io.Discard, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !cfg.PrintRequested() {
		t.Fatal("print-config not seen")
	}
	var b bytes.Buffer
	cfg.Print(&b)
	out := b.String()
	for _, secret := range []string{"geheim123", "wachtwoord"} {
		if strings.Contains(out, secret) {
			t.Fatalf("printed config leaks %q:\n%s", secret, out)
		}
	}
	for _, want := range []string{"db.example.nl", "oidc-client-secret", "********", "env", "flag"} {
		if !strings.Contains(out, want) {
			t.Fatalf("printed config lacks %q:\n%s", want, out)
		}
	}
}

func TestEquated(t *testing.T) {
	c := Default()
	c.EquatedDays = " 2026-05-15=Dag na Hemelvaart ; 2027-05-07=Dag na Hemelvaart;"
	days, err := c.Equated()
	if err != nil || len(days) != 2 || days[0].Date.String() != "2026-05-15" || days[1].Name != "Dag na Hemelvaart" {
		t.Fatalf("Equated() = %v, %v", days, err)
	}
	c.EquatedDays = "2026-05-15"
	if _, err := c.Equated(); err == nil {
		t.Fatal("entry without a name accepted")
	}
}

func TestLedgerKeyAndOrigin(t *testing.T) {
	c := Default()
	if got := c.LedgerKeyPath(); got != "schakel-log.key" {
		t.Errorf("key beside schakel.db: %q", got)
	}
	c.DB = "/var/lib/schakel/schakel.db"
	if got := c.LedgerKeyPath(); got != "/var/lib/schakel/schakel-log.key" {
		t.Errorf("key beside the SQLite file: %q", got)
	}
	c.DB = "postgres://u@db/schakel"
	if got := c.LedgerKeyPath(); got != LedgerKeyName {
		t.Errorf("key for PostgreSQL: %q", got)
	}
	c.LedgerKeyFile = "/run/secrets/log.key"
	if got := c.LedgerKeyPath(); got != "/run/secrets/log.key" {
		t.Errorf("configured key: %q", got)
	}
	if got := c.DefaultLedgerOrigin(); got != "127.0.0.1:8080/log" {
		t.Errorf("origin from addr: %q", got)
	}
	c.BaseURL = "https://schakel.example.nl/rijk/"
	if got := c.DefaultLedgerOrigin(); got != "schakel.example.nl/rijk/log" {
		t.Errorf("origin from base URL: %q", got)
	}
	for _, bad := range []string{"met spatie", "a+b", "tab\there"} {
		c.LedgerOrigin = bad
		if err := c.Validate(); err == nil || !strings.Contains(err.Error(), "--ledger-origin") {
			t.Errorf("origin %q: %v", bad, err)
		}
	}
}

// TestFormerLedgerNames keeps deployments that set the ledger's key file and
// origin under their former "log" names working: a new key would break every
// verifier's trust in the ledger.
func TestFormerLedgerNames(t *testing.T) {
	tests := []struct {
		name       string
		args       []string
		env        map[string]string
		key, orig  string
		keySource  string
		origSource string
	}{
		{"former flags", []string{"--log-key-file", "/k/old.key", "--log-origin", "a.example/log"}, nil, "/k/old.key", "a.example/log", "flag --log-key-file", "flag --log-origin"},
		{"former environment", nil, map[string]string{"SCHAKEL_LOG_KEY_FILE": "/k/env.key", "SCHAKEL_LOG_ORIGIN": "b.example/log"}, "/k/env.key", "b.example/log", "env SCHAKEL_LOG_KEY_FILE", "env SCHAKEL_LOG_ORIGIN"},
		{"both environment names, the same value", nil, map[string]string{"SCHAKEL_LOG_KEY_FILE": "/k/same.key", "SCHAKEL_LEDGER_KEY_FILE": "/k/same.key"}, "/k/same.key", "", "env", "default"},
		{"new flags", []string{"--ledger-key-file", "/k/n.key", "--ledger-origin", "c.example/log"}, nil, "/k/n.key", "c.example/log", "flag", "flag"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, _, err := Load("serve", tt.args, env(tt.env), io.Discard, nil)
			if err != nil {
				t.Fatal(err)
			}
			if cfg.LedgerKeyFile != tt.key || cfg.LedgerOrigin != tt.orig {
				t.Errorf("key file %q origin %q, want %q %q", cfg.LedgerKeyFile, cfg.LedgerOrigin, tt.key, tt.orig)
			}
			if cfg.Sources["ledger-key-file"] != tt.keySource || cfg.Sources["ledger-origin"] != tt.origSource {
				t.Errorf("sources %q %q, want %q %q", cfg.Sources["ledger-key-file"], cfg.Sources["ledger-origin"], tt.keySource, tt.origSource)
			}
		})
	}
}

// TestFormerNamesThatDisagree: a former and a current name for the signing
// key that say different things are refused, never resolved silently — a
// wrong key file would make a new key and break every verifier's trust.
func TestFormerNamesThatDisagree(t *testing.T) {
	for _, tt := range []struct {
		name string
		args []string
		env  map[string]string
		want string
	}{
		{"both flags", []string{"--ledger-key-file", "/k/new.key", "--log-key-file", "/k/old.key"}, nil, "--log-key-file is the former name of --ledger-key-file"},
		{"both flags, same value", []string{"--ledger-origin", "a.example/log", "--log-origin", "a.example/log"}, nil, "--log-origin is the former name of --ledger-origin"},
		{"both environment names", nil, map[string]string{"SCHAKEL_LEDGER_KEY_FILE": "/k/new.key", "SCHAKEL_LOG_KEY_FILE": "/k/old.key"}, "SCHAKEL_LEDGER_KEY_FILE and its former name SCHAKEL_LOG_KEY_FILE disagree"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := Load("serve", tt.args, env(tt.env), io.Discard, nil)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err %v, want %q", err, tt.want)
			}
		})
	}
	cfg, _, err := Load("serve", []string{"--log-origin", "a.example/log"}, env(map[string]string{"SCHAKEL_LOG_KEY_FILE": "/k/old.key"}), io.Discard, nil)
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(cfg.FormerNames(), "; ")
	if !strings.Contains(got, "SCHAKEL_LOG_KEY_FILE → SCHAKEL_LEDGER_KEY_FILE") || !strings.Contains(got, "--log-origin → --ledger-origin") {
		t.Fatalf("former names %q", got)
	}
	var b strings.Builder
	cfg.Print(&b)
	if !strings.Contains(b.String(), "env SCHAKEL_LOG_KEY_FILE") {
		t.Fatalf("print-config does not say which variable was read:\n%s", b.String())
	}
}

func TestRetention(t *testing.T) {
	c, _, err := Load("serve", []string{"--retention-request-days", "365", "--retention-case-days", "0"},
		env(map[string]string{"SCHAKEL_RETENTION_BRAKE_DAYS": "1095", "SCHAKEL_RETENTION_INTERVAL": "6h"}), io.Discard, nil)
	if err != nil || c.Validate() != nil {
		t.Fatalf("Load: %v, %v", err, c.Validate())
	}
	if c.RetentionRequestDays != 365 || c.RetentionBrakeDays != 1095 || c.RetentionCaseDays != 0 || c.RetentionInterval != 6*time.Hour {
		t.Fatalf("retention %d/%d/%d every %s", c.RetentionRequestDays, c.RetentionBrakeDays, c.RetentionCaseDays, c.RetentionInterval)
	}
	if d := Default(); d.RetentionRequestDays != 730 || d.RetentionBrakeDays != 730 || d.RetentionCaseDays != 1825 {
		t.Fatalf("defaults %+v", d)
	}
	c = Default()
	c.RetentionRequestDays, c.RetentionBrakeDays, c.RetentionCaseDays, c.RetentionInterval = -1, MaxRetentionDays+1, -5, time.Second
	err = c.Validate()
	for _, name := range []string{"--retention-request-days (SCHAKEL_RETENTION_REQUEST_DAYS)", "--retention-brake-days", "--retention-case-days", "--retention-interval"} {
		if err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("error does not name %s:\n%v", name, err)
		}
	}
}

// TestSiteAddressesValidated: the addresses shown on the contact and
// privacy pages must be bare e-mail addresses; both bad ones are named.
func TestSiteAddressesValidated(t *testing.T) {
	cfg := Default()
	cfg.ContactEmail = "Iemand <iemand@voorbeeld.nl>"
	cfg.PrivacyEmail = "geen adres"
	err := cfg.Validate()
	if err == nil || !strings.Contains(err.Error(), "--contact-email") || !strings.Contains(err.Error(), "--privacy-email") {
		t.Fatalf("Validate = %v, want both addresses named", err)
	}
}
