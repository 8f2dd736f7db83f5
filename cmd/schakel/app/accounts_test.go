package app_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/cmd/schakel/app"
	"github.com/schakel-nl/schakel/config"
	"github.com/schakel-nl/schakel/schakeltest"
	"github.com/schakel-nl/schakel/store/storetest"
)

// TestNewAccounts: the rules of the configuration are loaded and their
// organisations checked; without rules only prepared users get in.
func TestNewAccounts(t *testing.T) {
	ctx := context.Background()
	st := storetest.OpenSQLite(t, schakeltest.NewClock(time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)))
	storetest.MustOrganisation(t, st, "uwv", schakel.OrgExecutive)
	rules := filepath.Join(t.TempDir(), "regels.toml")
	if err := os.WriteFile(rules, []byte("[[toegang]]\norganisatie = \"svb\"\nemaildomeinen = [\"svb.nl\"]\nrollen = [\"professional\"]\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg := config.Default()
	cfg.OIDCIssuer = "https://broker.example"
	cfg.ProvisioningRules = rules
	if _, err := app.NewAccounts(ctx, &cfg, st, nil); err == nil || !strings.Contains(err.Error(), "svb") {
		t.Fatalf("unknown organisation: %v", err)
	}
	cfg.ProvisioningRules = ""
	svc, err := app.NewAccounts(ctx, &cfg, st, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.SignIn(ctx, schakel.BrokerIdentity{Issuer: cfg.OIDCIssuer, Subject: "x", Email: "x@svb.nl"}); schakel.ErrorCode(err) != schakel.EFORBIDDEN {
		t.Fatalf("without rules: %v", err)
	}
}
