package api

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/schakel-nl/schakel"
)

// query holds the parameters of a request's query string after the checks
// every list endpoint shares: each key known, none repeated.
type query struct {
	vals url.Values
	v    *schakel.Validation
}

// parseQuery reads r's query string, adding to v a problem for every
// parameter not in allowed and every parameter given more than once. A
// misspelt filter that is silently ignored returns the wrong list without
// anyone noticing, so unknown parameters are refused.
func parseQuery(r *http.Request, v *schakel.Validation, allowed ...string) query {
	vals, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		v.Add("query", "format", "De zoekparameters zijn niet goed gecodeerd; gebruik naam=waarde, gescheiden door &.")
	}
	keys := make([]string, 0, len(vals))
	for k := range vals {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		switch {
		case !slices.Contains(allowed, k):
			v.Add(k, "unknown", "Onbekende parameter; gebruik %s.", strings.Join(allowed, ", "))
		case len(vals[k]) > 1:
			v.Add(k, "duplicate", "Geef deze parameter hoogstens één keer.")
		}
	}
	return query{vals: vals, v: v}
}

// get returns the value of a parameter that passed parseQuery, and whether
// it was given at all.
func (q query) get(name string) (string, bool) {
	vs, ok := q.vals[name]
	if !ok || len(vs) != 1 {
		return "", false
	}
	return vs[0], true
}

// single returns the parameters given exactly once, for a service's
// filter parser: one given more often is named by parseQuery already and
// is not read again, so that one mistake is not told twice.
func (q query) single() url.Values {
	out := make(url.Values, len(q.vals))
	for k, vs := range q.vals {
		if len(vs) == 1 {
			out[k] = vs
		}
	}
	return out
}

// int returns the integer parameter name, def when it is absent, and
// records a problem when it is not a whole number in [lo, hi].
func (q query) int(name string, def, lo, hi int) int {
	s, ok := q.get(name)
	if !ok {
		return def
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		q.v.Add(name, "range", "Geef een geheel getal van %d tot en met %d.", lo, hi)
		return def
	}
	return n
}

// bool returns the boolean parameter name, def when it is absent, and
// records a problem when it is not exactly true or false.
func (q query) bool(name string, def bool) bool {
	s, ok := q.get(name)
	if !ok {
		return def
	}
	switch s {
	case "true":
		return true
	case "false":
		return false
	}
	q.v.Add(name, "type", "Geef true of false.")
	return def
}

// paged reads the query of a list endpoint: the filters named, read by
// the service's parser, and the page. Unknown and repeated parameters,
// invalid filters and an invalid page are named in one error.
func paged[F any](r *http.Request, parse func(url.Values) (F, error), filters ...string) (f F, page, size int, err error) {
	var v schakel.Validation
	q := parseQuery(r, &v, append(filters, "pagina", "paginaGrootte")...)
	f, ferr := parse(q.single())
	if err := v.Merge("", ferr); err != nil {
		return f, 0, 0, err
	}
	page = q.int("pagina", 1, 1, maxPage)
	size = q.int("paginaGrootte", defaultPageSize, 1, maxPageSize)
	return f, page, size, v.Err()
}

// convert turns every item of a list into its JSON shape, stopping at the
// first that fails.
func convert[T, J any](items []T, conv func(T) (J, error)) ([]J, error) {
	out := make([]J, 0, len(items))
	for _, it := range items {
		j, err := conv(it)
		if err != nil {
			return nil, err
		}
		out = append(out, j)
	}
	return out, nil
}
