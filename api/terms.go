package api

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/respond"
)

// TermResult is a computed legal term: GET /api/v1/termijnen. Exactly one
// of Duration and WorkingDays is set, echoing the parameter that was given.
type TermResult struct {
	Start       string `json:"startdatum"`
	Duration    string `json:"duur,omitempty"`
	WorkingDays int    `json:"werkdagen,omitempty"`
	// End is the last day of the term, inclusive: the deadline.
	End string `json:"einddatum"`
	// Passes is the instant the term has passed: the start of the day after
	// End in Europe/Amsterdam, in UTC.
	Passes   string `json:"einde"`
	Extended bool   `json:"verlengd"`
	// Reasons names each extension by the Algemene termijnenwet in Dutch;
	// an empty list, never null, when there is none.
	Reasons []string `json:"redenen"`
}

// TermCalculator serves GET /api/v1/termijnen: the deadline of a term after a start
// date by the Algemene termijnenwet, with the holidays and the days the
// operator equated by Royal Decree. The term is either duur, an ISO 8601
// duration in days, weeks or months (P14D, P6W, P3M), or werkdagen, a
// number of working days; exactly one must be given. It is public.
func (h *Handler) TermCalculator(w http.ResponseWriter, r *http.Request) error {
	var v schakel.Validation
	q := parseQuery(r, &v, "startdatum", "duur", "werkdagen")
	// A repeated parameter is named once, as repeated, not again as missing.
	bad := invalidFields(&v)
	startText, _ := q.get("startdatum")
	start, err := calendar.ParseDate(startText)
	if !bad["startdatum"] {
		addCalendarError(&v, "startdatum", err)
	}

	out := TermResult{Start: startText, Reasons: []string{}}
	var term calendar.Term
	durText, hasDur := q.get("duur")
	wdText, hasWD := q.get("werkdagen")
	switch {
	case hasDur && hasWD:
		v.Add("duur", "exclusive", "Geef óf duur óf werkdagen, niet allebei.")
		v.Add("werkdagen", "exclusive", "Geef óf duur óf werkdagen, niet allebei.")
	case hasDur:
		term, err = calendar.ParseTerm(durText)
		addCalendarError(&v, "duur", err)
		out.Duration = durText
	case hasWD:
		n, convErr := strconv.Atoi(strings.TrimSpace(wdText))
		if convErr != nil {
			v.Add("werkdagen", "format", "Geef een geheel aantal werkdagen, bijvoorbeeld werkdagen=5; %q is dat niet.", wdText)
			break
		}
		term, err = calendar.NewTerm(n, calendar.WorkingDays)
		addCalendarError(&v, "werkdagen", err)
		out.WorkingDays = n
	default:
		if !bad["duur"] && !bad["werkdagen"] {
			v.Add("duur", "required", "Geef een termijn op: duur als ISO 8601-duur (bijvoorbeeld P6W) of werkdagen als aantal (bijvoorbeeld 5).")
		}
	}
	if err := v.Err(); err != nil {
		return err
	}
	res := h.Calendar.Deadline(start, term)
	out.Start = start.String()
	if iso, ok := term.ISO(); ok {
		// Canonical form: "p6w" is answered as "P6W".
		out.Duration = iso
	}
	out.End = res.End.String()
	out.Passes = timestamp(h.Calendar.EndOf(res.End))
	out.Extended = res.Extended
	for _, reason := range res.Reasons {
		out.Reasons = append(out.Reasons, reason.Text)
	}
	respond.JSON(w, http.StatusOK, out)
	return nil
}

// addCalendarError adds err, a *calendar.Error from ParseDate, ParseTerm or
// NewTerm, to v under field, keeping its code and Dutch message. Other
// errors cannot occur; they are named as a generic invalid field.
func addCalendarError(v *schakel.Validation, field string, err error) {
	if err == nil {
		return
	}
	if e, ok := errors.AsType[*calendar.Error](err); ok {
		v.Add(field, e.Code, e.Format, e.Args...)
		return
	}
	v.Add(field, "invalid", "%s", err.Error())
}
