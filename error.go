package schakel

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// Error codes. Every error that reaches a user carries one of these; the
// API and the pages map them to an HTTP status in one place.
const (
	EINVALID      = "invalid"      // the input is wrong; Fields says where
	ENOTFOUND     = "notfound"     // the thing asked for does not exist (or is not visible)
	ECONFLICT     = "conflict"     // the thing is in a state that forbids the action
	EUNAUTHORIZED = "unauthorized" // nobody is logged in
	EFORBIDDEN    = "forbidden"    // the one logged in may not do this
	ETOOLARGE     = "toolarge"     // the request body is too large
	ETOOMANY      = "toomany"      // too many attempts; Error.RetryAfter says when to try again
	EUNAVAILABLE  = "unavailable"  // a dependency is down; try again later
	// EUNPROCESSABLE: the input is well-formed but cannot be taken as sent,
	// e.g. an Idempotency-Key used before for another request (decision 0038).
	EUNPROCESSABLE = "unprocessable"
	EINTERNAL      = "internal" // a bug or an unexpected failure
)

// FieldError names one invalid field of the input and why it is invalid.
//
// Format and Args form a Dutch message in the style of fmt.Sprintf; the pages
// translate it through the message catalogue, the API sends it formatted.
type FieldError struct {
	Field  string // the field as the client named it, e.g. "bwbId" or "artikel"
	Code   string // a stable machine-readable reason, e.g. "required"
	Format string // Dutch message format, translated by the pages
	Args   []any  // arguments of Format
}

// Reason returns the Dutch message of the field error.
func (f FieldError) Reason() string { return fmt.Sprintf(f.Format, f.Args...) }

// Error is the one error type of the domain: a code, a message for people
// and, for EINVALID, every invalid field at once.
type Error struct {
	Code    string
	Message string
	Fields  []FieldError
	// RetryAfter is, for ETOOMANY, how long to wait before trying again.
	RetryAfter time.Duration
	// NeedsAssurance is, for EFORBIDDEN because the login's level of
	// assurance is too low, the level the action needs.
	NeedsAssurance AssuranceLevel
}

// Error implements the error interface.
func (e *Error) Error() string {
	if len(e.Fields) == 0 {
		return fmt.Sprintf("schakel error: code=%s message=%s", e.Code, e.Message)
	}
	return fmt.Sprintf("schakel error: code=%s message=%s fields=%d", e.Code, e.Message, len(e.Fields))
}

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL
// for any other non-nil error and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e):
		return e.Code
	default:
		return EINTERNAL
	}
}

// ErrorMessage returns the message of the first *Error in err's chain and a
// generic message for any other error, so internal details never leak.
func ErrorMessage(err error) string {
	var e *Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e):
		return e.Message
	default:
		return "Er ging iets mis aan onze kant."
	}
}

// ErrorFields returns the invalid fields of the first *Error in err's chain.
func ErrorFields(err error) []FieldError {
	var e *Error
	if errors.As(err, &e) {
		return e.Fields
	}
	return nil
}

// Validation collects every invalid field of one input, so the caller hears
// about all of them at once.
type Validation struct {
	fields []FieldError
	given  []string // fields a transport named while decoding; see Given
}

// Given starts v with the problems a transport found while decoding the
// input, before the service saw it: a field of the wrong type, an unknown
// or repeated field. They are reported together with the service's own
// findings, so that a client hears of every invalid field at once; a later
// finding about a field they name, or a part of it, is the same mistake
// told twice and is left out (a number sent as onderwerp is not also
// "verplicht"), and so is a "required" for a field of which they name a
// part (geadresseerde when geadresseerde.organisatie was not text).
func (v *Validation) Given(problems []FieldError) {
	for _, p := range problems {
		v.fields = append(v.fields, p)
		v.given = append(v.given, p.Field)
	}
}

// Derives records that the input's field is derived from other fields the
// caller has checked and named in their own words (a citizen's grounds come
// from the sentences they chose): a later finding about it, or a part of it,
// is about those and left out.
func (v *Validation) Derives(field string) { v.given = append(v.given, field) }

// Add records that field is invalid for reason code, with a Dutch message.
func (v *Validation) Add(field, code, format string, args ...any) {
	v.add(FieldError{Field: field, Code: code, Format: format, Args: args})
}

func (v *Validation) add(f FieldError) {
	for _, g := range v.given {
		if g == f.Field || within(f.Field, g) || (f.Code == "required" && within(g, f.Field)) {
			return
		}
	}
	v.fields = append(v.fields, f)
}

// within reports whether field path a lies inside b: "b.x" or "b[1]".
func within(a, b string) bool {
	return strings.HasPrefix(a, b) && len(a) > len(b) && (a[len(b)] == '.' || a[len(b)] == '[')
}

// Fields returns the invalid fields found so far, in the order found.
func (v *Validation) Fields() []FieldError { return v.fields }

// Names reports whether field, or a part of it, was found invalid.
func (v *Validation) Names(field string) bool {
	for _, f := range v.fields {
		if f.Field == field || within(f.Field, field) {
			return true
		}
	}
	return false
}

// Required records field as missing when value is empty after trimming.
func (v *Validation) Required(field, value string) bool {
	for _, r := range value {
		if r != ' ' && r != '\t' && r != '\n' && r != '\r' {
			return true
		}
	}
	v.Add(field, "required", "Dit veld is verplicht.")
	return false
}

// Merge adds the fields of err, when it is an EINVALID *Error, under prefix
// (e.g. "regel." for a nested object). Other errors are returned unchanged.
func (v *Validation) Merge(prefix string, err error) error {
	if err == nil {
		return nil
	}
	var e *Error
	if !errors.As(err, &e) || e.Code != EINVALID {
		return err
	}
	if len(e.Fields) == 0 {
		field := prefix
		if field == "" {
			field = "body"
		}
		v.add(FieldError{Field: field, Code: "invalid", Format: "%s", Args: []any{e.Message}})
		return nil
	}
	for _, f := range e.Fields {
		f.Field = prefix + f.Field
		v.add(f)
	}
	return nil
}

// Text trims value and records field as missing (when required), as
// holding a NUL character (which no store can compare: PostgreSQL cannot
// store it), or as longer than max characters; it returns the trimmed
// value, or "" for one with a NUL character.
func (v *Validation) Text(field, value string, max int, required bool) string {
	value = strings.TrimSpace(value)
	if strings.ContainsRune(value, 0) {
		v.Add(field, "nul", "Tekst met een NUL-teken kan niet worden opgeslagen.")
		return ""
	}
	if required && !v.Required(field, value) {
		return value
	}
	if utf8.RuneCountInString(value) > max {
		v.Add(field, "too_long", "Gebruik hoogstens %d tekens.", max)
	}
	return value
}

// Valid reports whether no field was found invalid.
func (v *Validation) Valid() bool { return len(v.fields) == 0 }

// Err returns nil when every field is valid and otherwise an EINVALID
// *Error listing them all.
func (v *Validation) Err() error {
	if len(v.fields) == 0 {
		return nil
	}
	return &Error{Code: EINVALID, Message: "De invoer is niet geldig.", Fields: v.fields}
}

// ErrorRetryAfter returns the RetryAfter of the first *Error in err's chain,
// or 0.
func ErrorRetryAfter(err error) time.Duration {
	var e *Error
	if errors.As(err, &e) {
		return e.RetryAfter
	}
	return 0
}
