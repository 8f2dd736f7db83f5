package schakel

import (
	"context"
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"
)

// MaxBrakeEmail is the longest e-mail address a citizen may give with a
// brake (RFC 5321's limit on a path).
const MaxBrakeEmail = 254

// BrakeContact is the e-mail address a citizen gave with a brake, as the
// brake-contact job sees it: kept only while the brake is not final, never
// shown to anybody, used to tell the citizen an answer came.
type BrakeContact struct {
	RequestID int64
	Email     string
	// Rung is the rung of the request that answered.
	Rung int
}

// BrakeContactStore keeps citizens' e-mail addresses of brakes. They are
// written with the brake (Brake.ContactEmail in CreateBrake), in the same
// transaction.
type BrakeContactStore interface {
	// BrakeContactsToNotify returns, in request order, at most limit
	// contacts of brakes answered at a rung whose answer they were not told
	// of yet.
	BrakeContactsToNotify(ctx context.Context, limit int) ([]*BrakeContact, error)
	// MarkBrakeContactNotified records that the contact of request was told
	// of the answer at rung.
	MarkBrakeContactNotified(ctx context.Context, requestID int64, rung int) error
	// DeleteEndedBrakeContacts deletes the contacts of closed and withdrawn
	// brakes, and of answered brakes that did not change since
	// answeredBefore (a citizen who never closes an answered brake), and
	// returns how many it deleted.
	DeleteEndedBrakeContacts(ctx context.Context, answeredBefore time.Time) (int, error)
}

// CheckBrakeEmail checks the e-mail address a citizen may give with a
// brake, in field "email": optional, at most MaxBrakeEmail bytes, one bare
// address (net/mail, no name, no comments) whose domain has a dot. It
// returns the address trimmed, or "" when none was given.
func CheckBrakeEmail(v *Validation, email string) string {
	email = strings.TrimSpace(email)
	if email == "" {
		return ""
	}
	if len(email) > MaxBrakeEmail {
		v.Add("email", "too_long", "Gebruik hoogstens %d tekens.", MaxBrakeEmail)
		return email
	}
	at := strings.LastIndexByte(email, '@')
	a, err := mail.ParseAddress(email)
	if err != nil || a.Name != "" || a.Address != email || at < 1 || !strings.Contains(email[at+1:], ".") ||
		strings.HasSuffix(email, ".") || strings.ContainsAny(email, "\"(),:;<>[\\]") || strings.ContainsFunc(email, func(r rune) bool { return r <= ' ' || r == 0x7f || !utf8.ValidRune(r) }) {
		v.Add("email", "format", "Vul één e-mailadres in, zoals naam@voorbeeld.nl, of laat dit veld leeg.")
	}
	return email
}
