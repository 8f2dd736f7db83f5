package config

import (
	"fmt"
	"net/url"
	"os"
	"strings"

	fnote "github.com/transparency-dev/formats/note"
)

// WitnessPeer is a witness the log asks to cosign its checkpoints: its
// submission URL and its cosignature/v1 verifier key
// (docs/decisions/0036-witnesses.md).
type WitnessPeer struct {
	URL, VerifierKey string
}

// validateWitnesses checks the file of --ledger-witnesses, naming every
// bad line.
func (c *Config) validateWitnesses(v *problems) {
	if c.LedgerWitnesses == "" {
		return
	}
	if _, errs := c.Witnesses(); len(errs) > 0 {
		for _, err := range errs {
			v.bad("ledger-witnesses", "SCHAKEL_LEDGER_WITNESSES", "%v", err)
		}
	}
}

// Witnesses reads the file of --ledger-witnesses: one witness a line,
// "<URL> <verifier key>", blank lines and lines starting with # skipped.
// It returns the witnesses of the good lines and an error for each bad
// one; none when the setting is empty.
func (c *Config) Witnesses() ([]WitnessPeer, []error) {
	if c.LedgerWitnesses == "" {
		return nil, nil
	}
	b, err := os.ReadFile(c.LedgerWitnesses)
	if err != nil {
		return nil, []error{fmt.Errorf("cannot read the witnesses file: %v", err)}
	}
	return ParseWitnesses(string(b))
}

// ParseWitnesses parses the text of a witnesses file (see Witnesses).
func ParseWitnesses(text string) ([]WitnessPeer, []error) {
	var out []WitnessPeer
	var errs []error
	seen := map[string]bool{}
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Fields(line)
		if len(f) != 2 {
			errs = append(errs, fmt.Errorf("line %d: want \"<URL> <verifier key>\"", i+1))
			continue
		}
		u, err := url.Parse(f[0])
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			errs = append(errs, fmt.Errorf("line %d: %q is not an http(s) URL such as https://getuige.example.nl", i+1, f[0]))
			continue
		}
		if strings.HasPrefix(f[1], "PRIVATE+KEY+") {
			errs = append(errs, fmt.Errorf("line %d: a signing key; give the witness's verifier key, never a secret", i+1))
			continue
		}
		wv, err := fnote.NewVerifierForCosignatureV1(f[1])
		if err != nil {
			errs = append(errs, fmt.Errorf("line %d: %q is not a witness verifier key <name>+<hash>+<key>", i+1, f[1]))
			continue
		}
		if seen[wv.Name()] {
			errs = append(errs, fmt.Errorf("line %d: witness %s named twice", i+1, wv.Name()))
			continue
		}
		seen[wv.Name()] = true
		out = append(out, WitnessPeer{URL: f[0], VerifierKey: f[1]})
	}
	return out, errs
}
