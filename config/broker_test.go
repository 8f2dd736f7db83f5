package config

import (
	"io"
	"strings"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
)

func TestBrokerDefaults(t *testing.T) {
	cfg, _, err := Load("serve", nil, env(nil), io.Discard, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	if cfg.OIDCScopes != "openid profile email" || cfg.OIDCClockSkew != time.Minute || cfg.AssuranceMinimum != "" {
		t.Fatalf("defaults: %q %v %q", cfg.OIDCScopes, cfg.OIDCClockSkew, cfg.AssuranceMinimum)
	}
	levels, err := ParseACRLevels(cfg.OIDCACRLevels)
	if err != nil {
		t.Fatal(err)
	}
	for acr, want := range map[string]schakel.AssuranceLevel{
		"http://eidas.europa.eu/LoA/substantial":     schakel.AssuranceSubstantial,
		"urn:etoegang:core:assurance-class:loa2plus": schakel.AssuranceLow,
		"urn:etoegang:core:assurance-class:loa4":     schakel.AssuranceHigh,
		// DigiD Midden is not notified at substantial; Substantieel and Hoog are.
		"urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract": schakel.AssuranceLow,
		"urn:oasis:names:tc:SAML:2.0:ac:classes:Smartcard":               schakel.AssuranceSubstantial,
		"urn:oasis:names:tc:SAML:2.0:ac:classes:SmartcardPKI":            schakel.AssuranceHigh,
	} {
		if levels[acr] != want {
			t.Errorf("%s = %v, want %v", acr, levels[acr], want)
		}
	}
}

func TestBrokerSettingsFromEnv(t *testing.T) {
	cfg, _, err := Load("serve", []string{"--oidc-clock-skew", "30s"}, env(map[string]string{
		"SCHAKEL_OIDC_ISSUER": "https://broker.example.nl", "SCHAKEL_OIDC_CLIENT_ID": "schakel",
		"SCHAKEL_ASSURANCE_MINIMUM": "beslissen=substantieel, beheren=hoog",
		"SCHAKEL_OIDC_ACR_LEVELS":   "urn:x:een=laag,urn:x:twee=substantial",
		"SCHAKEL_OIDC_ACR_VALUES":   "urn:x:twee",
		"SCHAKEL_OIDC_CLIENT_KEY":   "/etc/schakel/client.pem", "SCHAKEL_OIDC_CLIENT_KEY_ID": "k1",
	}), io.Discard, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	p, err := ParseAssuranceMinimum(cfg.AssuranceMinimum)
	if err != nil || len(p) != 2 || p[schakel.StakeDecide] != schakel.AssuranceSubstantial || p[schakel.StakeAdminister] != schakel.AssuranceHigh {
		t.Fatalf("policy %v %v", p, err)
	}
	if cfg.OIDCClockSkew != 30*time.Second || cfg.OIDCClientKeyID != "k1" {
		t.Fatalf("cfg %+v", cfg)
	}
}

func TestBrokerValidateNamesEverySetting(t *testing.T) {
	cfg := Default()
	cfg.OIDCScopes = "openid,email"
	cfg.OIDCACRValues = "a,b"
	cfg.OIDCACRLevels = "urn:x=middel"
	cfg.AssuranceMinimum = "stemmen=hoog"
	cfg.OIDCClockSkew = time.Hour
	cfg.OIDCClientKey = "key.pem"
	err := cfg.Validate()
	if err == nil {
		t.Fatal("accepted")
	}
	for _, want := range []string{"SCHAKEL_OIDC_SCOPES", "SCHAKEL_OIDC_ACR_VALUES", "SCHAKEL_OIDC_ACR_LEVELS", "middel", "SCHAKEL_ASSURANCE_MINIMUM", "stemmen", "SCHAKEL_OIDC_CLOCK_SKEW", "SCHAKEL_OIDC_CLIENT_KEY"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %s: %v", want, err)
		}
	}
	cfg = Default()
	cfg.OIDCClientKeyID = "k1"
	if err := cfg.Validate(); err == nil || !strings.Contains(err.Error(), "SCHAKEL_OIDC_CLIENT_KEY_ID") {
		t.Fatalf("key id alone: %v", err)
	}
}

func TestParseBrokerLists(t *testing.T) {
	for _, bad := range []string{"geen-is", "=laag", "urn:x=", "urn:x=laag,urn:x=hoog"} {
		if _, err := ParseACRLevels(bad); err == nil {
			t.Errorf("ParseACRLevels(%q) accepted", bad)
		}
	}
	for _, bad := range []string{"lezen", "beslissen=laag,beslissen=hoog", "beslissen=heel hoog"} {
		if _, err := ParseAssuranceMinimum(bad); err == nil {
			t.Errorf("ParseAssuranceMinimum(%q) accepted", bad)
		}
	}
	if p, err := ParseAssuranceMinimum(" "); err != nil || len(p) != 0 {
		t.Fatalf("empty: %v %v", p, err)
	}
	for _, l := range []schakel.AssuranceLevel{schakel.AssuranceLow, schakel.AssuranceSubstantial, schakel.AssuranceHigh} {
		if got, err := parseLevel(l.String()); err != nil || got != l {
			t.Errorf("round trip %v: %v %v", l, got, err)
		}
	}
}
