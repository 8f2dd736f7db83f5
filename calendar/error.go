package calendar

import "fmt"

// Error is the error of invalid input to ParseDate, ParseTerm and
// NewTerm. It carries a stable Code ("format", "unit", "mixed", "zero",
// "toolarge", …) and a Dutch message as a fmt format with arguments, the
// same shape as schakel.FieldError, so a caller can copy it into a
// schakel.Validation:
//
//	var e *calendar.Error
//	if errors.As(err, &e) {
//		v.Add("duur", e.Code, e.Format, e.Args...)
//	}
//
// The package does not import the root package itself, so that the domain
// may one day use calendar types without an import cycle.
type Error struct {
	Code   string // stable machine-readable reason
	Format string // Dutch message format
	Args   []any  // arguments of Format
}

// Error returns the formatted Dutch message.
func (e *Error) Error() string { return fmt.Sprintf(e.Format, e.Args...) }

func invalid(code, format string, args ...any) *Error {
	return &Error{Code: code, Format: format, Args: args}
}
