package schakel

import (
	"net/url"

	"github.com/schakel-nl/schakel/calendar"
)

// QueryParam returns the first value of the query parameter name and
// whether it is present at all: the services' parsers of the registers'
// filters read their query with it, for the pages and the API alike.
func QueryParam(q url.Values, name string) (string, bool) {
	vs := q[name]
	if len(vs) == 0 {
		return "", false
	}
	return vs[0], true
}

// QueryDate reads the query parameter name as a day (YYYY-MM-DD). It is
// the zero date and false when absent or, after naming the problem in v,
// when it does not parse.
func (v *Validation) QueryDate(q url.Values, name string) (calendar.Date, bool) {
	p, ok := QueryParam(q, name)
	if !ok {
		return calendar.Date{}, false
	}
	d, err := calendar.ParseDate(p)
	if err != nil {
		v.Add(name, "format", "Geef een datum als JJJJ-MM-DD, zoals 2026-03-02.")
		return calendar.Date{}, false
	}
	return d, true
}
