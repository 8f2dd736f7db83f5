package config

import (
	"strings"
	"testing"
)

// TestWebhookRanges: allowed ranges are read trimmed; a range that is not
// CIDR, or that has host bits set, is refused at start naming the flag.
func TestWebhookRanges(t *testing.T) {
	c := Default()
	c.WebhookAllowRanges = " 10.20.0.0/16 , fd00:1::/32,"
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	if got := c.WebhookRanges(); len(got) != 2 || got[0].String() != "10.20.0.0/16" || got[1].String() != "fd00:1::/32" {
		t.Fatalf("ranges = %v", got)
	}
	c.WebhookAllowRanges = "10.20.0.0,10.20.1.1/16"
	err := c.Validate()
	for _, want := range []string{
		`--webhook-allow-ranges (SCHAKEL_WEBHOOK_ALLOW_RANGES): "10.20.0.0" is not a range`,
		`"10.20.1.1/16" has host bits set: write 10.20.0.0/16`,
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v lacks %q", err, want)
		}
	}
}
