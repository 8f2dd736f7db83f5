package auth

import (
	"cmp"
	"net/url"
	"slices"
	"strings"

	"github.com/schakel-nl/schakel"
)

// StepUpPath is the link that logs in again at level l at least and comes
// back to the local path back: for a page that needs a higher level of
// assurance than the login reached.
func StepUpPath(back string, l schakel.AssuranceLevel) string {
	return "/auth/oidc/start?terug=" + url.QueryEscape(SafeReturnPath(back)) + "&niveau=" + l.String()
}

// acrValues are the acr values to ask for: for a known level name, every
// configured acr of that level or higher, lowest first (the least a
// person has to do to get there); else the configured acr values.
func (o *OIDC) acrValues(niveau string) []string {
	want, ok := schakel.ParseAssuranceLevel(niveau)
	if !ok {
		return o.opts.ACRValues
	}
	var acrs []string
	for acr, l := range o.opts.ACRLevels {
		if l >= want {
			acrs = append(acrs, acr)
		}
	}
	slices.SortFunc(acrs, func(x, y string) int {
		return cmp.Or(cmp.Compare(o.opts.ACRLevels[x], o.opts.ACRLevels[y]), strings.Compare(x, y))
	})
	return acrs
}
