package app

import (
	"fmt"
	"strings"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/auth"
	"github.com/schakel-nl/schakel/config"
)

// NewOIDC returns the identity broker's client as cfg describes it, or nil
// when no issuer is configured. clock tells the time for the token checks
// (exp, iat, nbf), the same clock the rest of the app runs on. It does not
// contact the broker: serve discovers it at start, and logins retry while
// it is down.
func NewOIDC(cfg *config.Config, clock schakel.Clock) (*auth.OIDC, error) {
	if cfg.OIDCIssuer == "" {
		return nil, nil
	}
	levels, err := config.ParseACRLevels(cfg.OIDCACRLevels)
	if err != nil {
		return nil, fmt.Errorf("--oidc-acr-levels: %w", err)
	}
	opts := auth.OIDCOptions{
		Scopes:        strings.Fields(cfg.OIDCScopes),
		ACRValues:     strings.Fields(cfg.OIDCACRValues),
		ACRLevels:     levels,
		ClockSkew:     cfg.OIDCClockSkew,
		ClientKeyID:   cfg.OIDCClientKeyID,
		PostLogoutURL: cfg.PublicURL() + "/",
		Clock:         clock,
	}
	if cfg.OIDCClockSkew == 0 {
		opts.ClockSkew = -1 // zero asked for: none; OIDCOptions reads 0 as the default
	}
	if cfg.OIDCClientKey != "" {
		if opts.ClientKey, err = auth.LoadClientKey(cfg.OIDCClientKey); err != nil {
			return nil, fmt.Errorf("--oidc-client-key: %w", err)
		}
	}
	return auth.NewOIDC(cfg.OIDCIssuer, cfg.OIDCClientID, cfg.OIDCClientSecret, cfg.PublicURL()+"/auth/oidc/callback", nil).With(opts), nil
}
