package figures

import (
	"net/url"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
)

// QueryNames are the query parameters of the view's filter, as the page
// and the API name them.
var QueryNames = []string{"vanaf", "tot", "ministerie", "organisatie", "commissie", "opgave"}

// FilterOf reads the view's filter from the query q: the one parser the
// page and the API share. A day that is not a date is a problem of its
// field, named with the service's own findings when the view is asked
// for; a parameter given more than once counts by its first value (the
// API refuses that before).
func FilterOf(q url.Values) Filter {
	f := Filter{Organisation: q.Get("organisatie"), Ministry: q.Get("ministerie"), Committee: q.Get("commissie"), Task: q.Get("opgave")}
	for _, day := range []struct {
		name string
		to   *calendar.Date
	}{{"vanaf", &f.From}, {"tot", &f.To}} {
		s := q.Get(day.name)
		if s == "" {
			continue
		}
		d, err := calendar.ParseDate(s)
		if err != nil {
			f.Problems = append(f.Problems, schakel.FieldError{Field: day.name, Code: "format", Format: "Vul een datum in als 2026-03-31."})
			continue
		}
		*day.to = d
	}
	return f
}
