package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestValidateAccounts: a bad rules file is refused at start naming the
// flag, the entry and the key; a missing file and bad former issuers too.
func TestValidateAccounts(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "goed.toml")
	bad := filepath.Join(dir, "fout.toml")
	if err := os.WriteFile(good, []byte("[[toegang]]\norganisatie = \"uwv\"\nemaildomeinen = [\"uwv.nl\"]\nrollen = [\"professional\"]\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bad, []byte("[[rol]]\norganisatie = \"uwv\"\nclaim = \"groepen\"\nwaarde = \"x\"\nrol = \"koning\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	c := Default()
	c.ProvisioningRules = good
	c.OIDCIssuer, c.OIDCClientID = "https://broker.example", "schakel"
	c.OIDCFormerIssuers = " https://old.example , "
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	if got := c.FormerIssuers(); len(got) != 1 || got[0] != "https://old.example" {
		t.Fatalf("former issuers = %q", got)
	}
	c.ProvisioningRules = bad
	c.OIDCFormerIssuers = "geen-url,https://broker.example"
	err := c.Validate()
	for _, want := range []string{
		`--provisioning-rules (SCHAKEL_PROVISIONING_RULES): provisioning rules ` + bad + `: [[rol]] 1, rol: "koning" is no role`,
		`--oidc-former-issuers (SCHAKEL_OIDC_FORMER_ISSUERS): "geen-url" is not an http(s) URL`,
		`"https://broker.example" is the current --oidc-issuer`,
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q: %v", want, err)
		}
	}
	c.OIDCFormerIssuers = ""
	c.ProvisioningRules = filepath.Join(dir, "weg.toml")
	if err := c.Validate(); err == nil || !strings.Contains(err.Error(), "--provisioning-rules") {
		t.Fatalf("missing file: %v", err)
	}
}
