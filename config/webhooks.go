package config

import (
	"net/netip"
	"strings"
)

// validateWebhooks checks that every allowed webhook range is a CIDR
// prefix written in its canonical form, so that what the operator reads is
// what schakel allows (10.0.0.1/8 would silently mean 10.0.0.0/8).
func (c *Config) validateWebhooks(v *problems) {
	for _, r := range splitList(c.WebhookAllowRanges) {
		p, err := netip.ParsePrefix(r)
		switch {
		case err != nil:
			v.bad("webhook-allow-ranges", "SCHAKEL_WEBHOOK_ALLOW_RANGES", "%q is not a range such as 10.20.0.0/16", r)
		case p.Masked() != p:
			v.bad("webhook-allow-ranges", "SCHAKEL_WEBHOOK_ALLOW_RANGES", "%q has host bits set: write %s", r, p.Masked())
		}
	}
}

// WebhookRanges returns the ranges of WebhookAllowRanges; a malformed one
// (which Validate reports) is left out.
func (c *Config) WebhookRanges() []netip.Prefix {
	var out []netip.Prefix
	for _, r := range splitList(c.WebhookAllowRanges) {
		if p, err := netip.ParsePrefix(r); err == nil {
			out = append(out, p.Masked())
		}
	}
	return out
}

// splitList splits a comma-separated setting into its trimmed, non-empty
// parts.
func splitList(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}
