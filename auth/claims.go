package auth

import (
	"encoding/json"
	"net/mail"
	"strings"
	"unicode/utf8"

	"github.com/schakel-nl/schakel"
)

// readClaims reads the claims schakel uses from all claims received.
func readClaims(all map[string]any) idClaims {
	var c idClaims
	if b, err := json.Marshal(all); err == nil {
		json.Unmarshal(b, &c) // a claim of another type is left empty
	}
	return c
}

// lacksProfile reports whether the claims hold no usable name or no
// verified e-mail address: UserInfo may have them (providers often keep
// them out of the ID token).
func (c *idClaims) lacksProfile() bool {
	u := c.user("", "")
	return u.Name == "" || u.Email == ""
}

// idClaims are the ID token claims schakel uses.
type idClaims struct {
	Name              string          `json:"name"`
	PreferredUsername string          `json:"preferred_username"`
	GivenName         string          `json:"given_name"`
	FamilyName        string          `json:"family_name"`
	Email             string          `json:"email"`
	EmailVerified     json.RawMessage `json:"email_verified"`
}

// user turns the claims into a user to log in. The name is empty when the
// provider sent none: the account service decides what stands in, and a
// stored name is never overwritten with a placeholder. The e-mail address
// is left out unless the provider says it is verified (true, or "true" as
// some providers send) and it is a plain address: a prepared user is
// bound by that address, so an unverified one could take their account.
func (c *idClaims) user(issuer, subject string) *schakel.User {
	name := strings.TrimSpace(c.Name)
	if name == "" {
		name = strings.TrimSpace(c.PreferredUsername)
	}
	if name == "" {
		name = strings.TrimSpace(strings.TrimSpace(c.GivenName) + " " + strings.TrimSpace(c.FamilyName))
	}
	email := strings.TrimSpace(c.Email)
	if v := strings.TrimSpace(string(c.EmailVerified)); v != "true" && v != `"true"` {
		email = ""
	}
	if email != "" {
		if a, err := mail.ParseAddress(email); err != nil || a.Address != email {
			email = ""
		}
	}
	return &schakel.User{Issuer: issuer, Subject: subject, Name: truncate(name, 200), Email: email}
}

// truncate cuts s to at most n bytes without splitting a character.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return strings.TrimSpace(s[:n])
}
