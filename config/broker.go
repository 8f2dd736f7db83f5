package config

import (
	"fmt"
	"strings"
	"time"

	"github.com/schakel-nl/schakel"
)

// DefaultACRLevels maps the acr values the Dutch brokers send onto the
// eIDAS levels: eIDAS itself, eHerkenning (EH2, EH2+, EH3, EH4) and the
// DigiD classes (basis, midden, substantieel, hoog). DigiD Midden
// (MobileTwoFactorContract) is two-factor but not notified under eIDAS at
// substantial, only DigiD Substantieel and Hoog are: it maps to laag, so
// that the default never claims more than the notification says. A
// deployment whose legal basis accepts it higher, or whose broker sends
// other values, sets --oidc-acr-levels.
const DefaultACRLevels = "http://eidas.europa.eu/LoA/low=laag," +
	"http://eidas.europa.eu/LoA/substantial=substantieel," +
	"http://eidas.europa.eu/LoA/high=hoog," +
	"urn:etoegang:core:assurance-class:loa2=laag," +
	"urn:etoegang:core:assurance-class:loa2plus=laag," +
	"urn:etoegang:core:assurance-class:loa3=substantieel," +
	"urn:etoegang:core:assurance-class:loa4=hoog," +
	"urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport=laag," +
	"urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract=laag," +
	"urn:oasis:names:tc:SAML:2.0:ac:classes:Smartcard=substantieel," +
	"urn:oasis:names:tc:SAML:2.0:ac:classes:SmartcardPKI=hoog"

// maxClockSkew bounds --oidc-clock-skew: a larger tolerance would let a
// stolen token live well past its expiry.
const maxClockSkew = 10 * time.Minute

// parseLevel reads a level's name as schakel.ParseAssuranceLevel does,
// with an error that says which names there are.
func parseLevel(s string) (schakel.AssuranceLevel, error) {
	if l, ok := schakel.ParseAssuranceLevel(s); ok {
		return l, nil
	}
	return schakel.AssuranceUnknown, fmt.Errorf("%q is not a level: want laag, substantieel or hoog", s)
}

// pairs splits "k=v,k=v" at the last "=" of each entry (acr values are
// URLs and URNs, which hold no commas but may hold "="), naming the first
// malformed entry.
func pairs(s string, each func(k, v string) error) error {
	for _, e := range strings.Split(s, ",") {
		e = strings.TrimSpace(e)
		if e == "" {
			continue
		}
		i := strings.LastIndex(e, "=")
		if i <= 0 || i == len(e)-1 {
			return fmt.Errorf("%q is not name=level", e)
		}
		if err := each(strings.TrimSpace(e[:i]), strings.TrimSpace(e[i+1:])); err != nil {
			return err
		}
	}
	return nil
}

// ParseACRLevels reads --oidc-acr-levels: acr=level,... Each acr value
// may appear once.
func ParseACRLevels(s string) (map[string]schakel.AssuranceLevel, error) {
	m := map[string]schakel.AssuranceLevel{}
	err := pairs(s, func(k, v string) error {
		l, err := parseLevel(v)
		if err != nil {
			return fmt.Errorf("%s: %w", k, err)
		}
		if _, dup := m[k]; dup {
			return fmt.Errorf("%s is given twice", k)
		}
		m[k] = l
		return nil
	})
	return m, err
}

// ParseAssuranceMinimum reads --assurance-minimum: stake=level,... with the
// stakes lezen, handelen, beslissen and beheren. Empty requires nothing.
func ParseAssuranceMinimum(s string) (schakel.AssurancePolicy, error) {
	p := schakel.AssurancePolicy{}
	err := pairs(s, func(k, v string) error {
		st := schakel.Stake(strings.ToLower(k))
		known := false
		for _, x := range schakel.Stakes {
			known = known || x == st
		}
		if !known {
			return fmt.Errorf("%q is not a stake: want lezen, handelen, beslissen or beheren", k)
		}
		l, err := parseLevel(v)
		if err != nil {
			return fmt.Errorf("%s: %w", k, err)
		}
		if _, dup := p[st]; dup {
			return fmt.Errorf("%s is given twice", k)
		}
		p[st] = l
		return nil
	})
	return p, err
}

// validateBroker checks the settings of the identity broker beyond its
// issuer and client.
func (c *Config) validateBroker(v *problems) {
	if strings.TrimSpace(c.OIDCScopes) == "" {
		v.bad("oidc-scopes", "SCHAKEL_OIDC_SCOPES", "empty: give at least openid")
	}
	if strings.ContainsAny(c.OIDCScopes, `",`) {
		v.bad("oidc-scopes", "SCHAKEL_OIDC_SCOPES", "scopes are separated by spaces, not commas")
	}
	if strings.ContainsAny(c.OIDCACRValues, `",`) {
		v.bad("oidc-acr-values", "SCHAKEL_OIDC_ACR_VALUES", "acr values are separated by spaces, not commas")
	}
	if _, err := ParseACRLevels(c.OIDCACRLevels); err != nil {
		v.bad("oidc-acr-levels", "SCHAKEL_OIDC_ACR_LEVELS", "%v", err)
	}
	if _, err := ParseAssuranceMinimum(c.AssuranceMinimum); err != nil {
		v.bad("assurance-minimum", "SCHAKEL_ASSURANCE_MINIMUM", "%v", err)
	}
	if c.OIDCClockSkew < 0 || c.OIDCClockSkew > maxClockSkew {
		v.bad("oidc-clock-skew", "SCHAKEL_OIDC_CLOCK_SKEW", "%s: want from 0 to %s", c.OIDCClockSkew, maxClockSkew)
	}
	if c.OIDCClientKey != "" && c.OIDCIssuer == "" {
		v.bad("oidc-client-key", "SCHAKEL_OIDC_CLIENT_KEY", "a client key needs --oidc-issuer and --oidc-client-id")
	}
	if c.OIDCClientKeyID != "" && c.OIDCClientKey == "" {
		v.bad("oidc-client-key-id", "SCHAKEL_OIDC_CLIENT_KEY_ID", "a key id without --oidc-client-key")
	}
}
