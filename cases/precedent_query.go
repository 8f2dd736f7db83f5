package cases

import (
	"context"
	"net/url"
	"strings"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
)

// MaxQuery is the longest full-text search of the register of precedent, in
// bytes.
const MaxQuery = 500

// The register of precedent's filters, read in one place for every
// transport, by the names the API documents: q (full text in Dutch), regel,
// beginsel, uitkomst, organisatie (a code), vanaf and tot (the day of the
// decision, inclusive, as YYYY-MM-DD). Paging and the refusal of unknown or
// repeated parameters are the transport's.

// PrecedentFilter reads the filters of the register of precedent from q. A
// parameter that is present is read, also when it is empty; one given more
// than once is read by its first value. The organisation is resolved by
// code; the days become the bounds of the decision time, from the start of
// vanaf up to the start of the day after tot. It returns the filter of the
// valid parameters and, when any parameter is invalid, an EINVALID error
// naming every invalid one; another error is the store's. Offset and Limit
// are left for the caller.
func (s *Service) PrecedentFilter(ctx context.Context, q url.Values) (schakel.PrecedentFilter, error) {
	var f schakel.PrecedentFilter
	var v schakel.Validation
	if p, ok := schakel.QueryParam(q, "q"); ok {
		if len(p) > MaxQuery {
			v.Add("q", "too_long", "Gebruik hoogstens %d tekens.", MaxQuery)
		} else {
			f.Query = p
		}
	}
	f.RuleRef, _ = schakel.QueryParam(q, "regel")
	f.Principle, _ = schakel.QueryParam(q, "beginsel")
	if p, ok := schakel.QueryParam(q, "uitkomst"); ok {
		if o := schakel.Outcome(p); o.Valid() {
			f.Outcome = o
		} else {
			v.Add("uitkomst", "enum", "Kies een van: %s.", outcomeList())
		}
	}
	if code, ok := schakel.QueryParam(q, "organisatie"); ok {
		o, err := s.store.OrganisationByCode(ctx, code)
		switch {
		case schakel.ErrorCode(err) == schakel.ENOTFOUND:
			v.Add("organisatie", "unknown", "Organisatie %q bestaat niet.", code)
		case err != nil:
			return schakel.PrecedentFilter{}, err
		default:
			f.OrganisationID = o.ID
		}
	}
	f.From = dayBound(q, "vanaf", 0, &v)
	f.To = dayBound(q, "tot", 1, &v)
	return f, v.Err()
}

// dayBound reads the parameter name as a day (YYYY-MM-DD) and returns the
// start of the day next days later; it is the zero time when absent or,
// after naming the problem in v, when it does not parse.
func dayBound(q url.Values, name string, next int, v *schakel.Validation) time.Time {
	d, ok := v.QueryDate(q, name)
	if !ok {
		return time.Time{}
	}
	return calendar.StartOf(d.AddDays(next))
}

// outcomeList lists the outcomes for a message.
func outcomeList() string {
	s := make([]string, len(schakel.Outcomes))
	for i, o := range schakel.Outcomes {
		s[i] = string(o)
	}
	return strings.Join(s, ", ")
}
