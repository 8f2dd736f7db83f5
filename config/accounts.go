package config

import (
	"net/url"

	"github.com/schakel-nl/schakel/accounts"
)

// validateAccounts checks the provisioning rules file (every entry, by
// the rules' own checks) and the former issuers.
func (c *Config) validateAccounts(v *problems) {
	if c.ProvisioningRules != "" {
		if _, err := accounts.LoadRules(c.ProvisioningRules); err != nil {
			v.bad("provisioning-rules", "SCHAKEL_PROVISIONING_RULES", "%v", err)
		}
	}
	for _, f := range c.FormerIssuers() {
		if u, err := url.Parse(f); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			v.bad("oidc-former-issuers", "SCHAKEL_OIDC_FORMER_ISSUERS", "%q is not an http(s) URL", f)
		} else if f == c.OIDCIssuer {
			v.bad("oidc-former-issuers", "SCHAKEL_OIDC_FORMER_ISSUERS", "%q is the current --oidc-issuer", f)
		}
	}
}

// FormerIssuers returns the issuer URLs of OIDCFormerIssuers, trimmed,
// without empty ones.
func (c *Config) FormerIssuers() []string {
	return splitList(c.OIDCFormerIssuers)
}
