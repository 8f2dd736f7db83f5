// Package receipt makes, reads and hashes the receipt codes (ontvangstcodes)
// with which an anonymous puller of an emergency brake, or a citizen, follows
// the brake without an account.
//
// A code is 24 characters of Crockford base32, shown once as six groups of
// four: K7QM-2XHD-9RTB-W4NP-CJ6E-8FGA. The first eight characters (40 bits)
// are the lookup half, stored in plain text to find the brake by; the other
// sixteen (80 bits) are the secret. Only an argon2id hash of the whole code
// is stored. The split exists because a hash with a random salt cannot be
// searched by value: without a plain lookup half, a lookup would have to
// hash the typed code once for every stored brake.
//
// The package does no I/O: randomness comes in as an io.Reader, and the
// Hasher only bounds how many hashes run at once.
package receipt

import (
	"fmt"
	"io"
	"log/slog"
	"unicode"

	"github.com/schakel-nl/schakel"
)

// Alphabet is Crockford's base32 alphabet: digits and capitals without I, L,
// O and U, so a code read aloud or copied by hand has no look-alikes.
const Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// The shape of a code.
const (
	// Length is the number of characters of a code, without separators.
	Length = 24
	// LookupLength is the number of characters of the lookup half.
	LookupLength = 8
	// GroupLength is the number of characters per group in the shown form.
	GroupLength = 4
	// randomBytes is the randomness of a code: 24 × 5 bits = 120 bits.
	randomBytes = Length * 5 / 8
	// maxInput bounds the typed input Parse looks at, so an absurdly long
	// value is refused at once; a code with a space between every
	// character and some around it still fits.
	maxInput = 4 * Length
)

// Field is the name of the form and API field that holds a receipt code;
// Parse names it in its errors.
const Field = "ontvangstcode"

// formatLength is the Dutch explanation of a code's shape, with the count
// of characters that was typed.
const formatLength = "Een ontvangstcode heeft 24 tekens in zes groepen van vier, zoals K7QM-2XHD-9RTB-W4NP-CJ6E-8FGA. De invoer heeft er %d."

// formatCharacter explains which characters a code can hold.
const formatCharacter = "Het teken %q komt niet voor in een ontvangstcode. Een ontvangstcode bevat alleen cijfers en de letters A tot en met Z zonder de U."

// Code is a receipt code. The zero Code is no code; Generate and Parse make
// valid ones. Codes are comparable with ==.
type Code struct {
	lookup string // LookupLength canonical characters
	secret string // Length-LookupLength canonical characters
}

// Generate returns a new code made of 120 bits read from r. Production
// passes crypto/rand.Reader; tests pass a deterministic reader.
func Generate(r io.Reader) (Code, error) {
	var b [randomBytes]byte
	if _, err := io.ReadFull(r, b[:]); err != nil {
		return Code{}, fmt.Errorf("receipt: generate code: %w", err)
	}
	var s [Length]byte
	// Five bytes are exactly eight characters, so each 40-bit chunk is
	// written out on its own, most significant bits first.
	for chunk := 0; chunk < randomBytes/5; chunk++ {
		var v uint64
		for _, x := range b[chunk*5 : chunk*5+5] {
			v = v<<8 | uint64(x)
		}
		for i := 0; i < 8; i++ {
			s[chunk*8+i] = Alphabet[(v>>(5*(7-i)))&31]
		}
	}
	return Code{lookup: string(s[:LookupLength]), secret: string(s[LookupLength:])}, nil
}

// Parse reads a code as people type or paste it: in lower or upper case,
// with or without dashes, with spaces anywhere. As Crockford's base32
// prescribes, O is read as 0 and I and L as 1; U is refused.
//
// Parse returns an EINVALID *schakel.Error naming the field Field when the
// input is empty, holds a character no code can hold, or has not exactly
// 24 characters. The error says nothing about whether such a code exists.
func Parse(s string) (Code, error) {
	if len(s) > maxInput {
		return Code{}, invalid("length", formatLength, countCharacters(s))
	}
	var buf [Length]byte
	n := 0
	for _, r := range s {
		if isSeparator(r) {
			continue
		}
		c, ok := canonical(r)
		if !ok {
			return Code{}, invalid("character", formatCharacter, r)
		}
		if n < Length {
			buf[n] = c
		}
		n++
	}
	switch {
	case n == 0:
		return Code{}, invalid("required", "Dit veld is verplicht.")
	case n != Length:
		return Code{}, invalid("length", formatLength, n)
	}
	return Code{lookup: string(buf[:LookupLength]), secret: string(buf[LookupLength:])}, nil
}

// invalid returns the EINVALID error of Parse.
func invalid(code, format string, args ...any) error {
	return &schakel.Error{Code: schakel.EINVALID, Message: "De invoer is niet geldig.", Fields: []schakel.FieldError{
		{Field: Field, Code: code, Format: format, Args: args},
	}}
}

// countCharacters counts what Parse would count as characters of s, for
// the message about the length.
func countCharacters(s string) int {
	n := 0
	for _, r := range s {
		if !isSeparator(r) {
			n++
		}
	}
	return n
}

// isSeparator reports whether Parse skips r: white space and the dashes
// that word processors and PDF readers put in place of a hyphen-minus.
func isSeparator(r rune) bool {
	return r == '-' || (r >= '\u2010' && r <= '\u2015') || r == '\u2212' || unicode.IsSpace(r)
}

// canonical returns the alphabet character that r stands for.
func canonical(r rune) (byte, bool) {
	if r >= 'a' && r <= 'z' {
		r -= 'a' - 'A'
	}
	switch r {
	case 'O':
		return '0', true
	case 'I', 'L':
		return '1', true
	case 'U':
		return 0, false
	}
	if (r >= '0' && r <= '9') || (r >= 'A' && r <= 'Z') {
		return byte(r), true
	}
	return 0, false
}

// IsZero reports whether c is the zero Code, which is no code.
func (c Code) IsZero() bool { return c.lookup == "" }

// Lookup returns the lookup half: the first eight characters, without
// dash, as stored in plain text to find the brake by.
func (c Code) Lookup() string { return c.lookup }

// String returns the code as shown to people: six groups of four joined by
// dashes. It returns "" for the zero Code.
func (c Code) String() string {
	if c.IsZero() {
		return ""
	}
	all := c.lookup + c.secret
	b := make([]byte, 0, Length+Length/GroupLength-1)
	for i := 0; i < Length; i += GroupLength {
		if i > 0 {
			b = append(b, '-')
		}
		b = append(b, all[i:i+GroupLength]...)
	}
	return string(b)
}

// LogValue implements slog.LogValuer so that a code passed to a logger
// shows its lookup half only: the secret must never reach a log.
func (c Code) LogValue() slog.Value {
	if c.IsZero() {
		return slog.StringValue("")
	}
	return slog.StringValue(c.lookup[:GroupLength] + "-" + c.lookup[GroupLength:] + "-…")
}

// bytes returns what is hashed: the 24 canonical characters, without
// dashes, so every spelling Parse accepts hashes the same.
func (c Code) bytes() []byte { return []byte(c.lookup + c.secret) }
