package server

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/respond"
)

// Reasons given for text the edge refuses. PostgreSQL can neither store nor
// compare text with a NUL character, and refuses bytes that are not UTF-8,
// so such text is refused before any service or store sees it, on every
// backend alike.
const (
	nulReason  = "Tekst met een NUL-teken kan niet worden opgeslagen."
	utf8Reason = "Tekst die geen geldige UTF-8 is kan niet worden verwerkt."
)

// badText reports why s cannot be taken as text: "nul", "utf8", or "".
func badText(s string) string {
	switch {
	case strings.IndexByte(s, 0) >= 0:
		return "nul"
	case !utf8.ValidString(s):
		return "utf8"
	}
	return ""
}

// checkText names every part of the path and query that is not text schakel
// can take: the path as "pad", a query parameter by its name, or as "query"
// when the name itself is bad, so a field name never carries the bad bytes
// into a response or a log. A query that does not parse is left to the
// handlers, which read only the parameters they know.
func checkText(path, rawQuery string) error {
	var v schakel.Validation
	add := func(field, code string) {
		switch {
		case v.Names(field):
		case code == "utf8":
			v.Add(field, code, utf8Reason)
		default:
			v.Add(field, code, nulReason)
		}
	}
	if code := badText(path); code != "" {
		add("pad", code)
	}
	q, _ := url.ParseQuery(rawQuery)
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if code := badText(k); code != "" {
			add("query", code)
			continue
		}
		for _, value := range q[k] {
			if code := badText(value); code != "" {
				add(k, code)
				break
			}
		}
	}
	return v.Err()
}

// refuseBadBytes answers a request whose path or query holds a NUL or bytes
// that are not UTF-8 with 400 naming the field: problem+json for the API,
// the error page of page(s). Bodies are checked where they are parsed (the
// API's JSON decoder, the pages' parseForm).
func refuseBadBytes(next http.Handler, page func(http.ResponseWriter, *http.Request, error)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		err := checkText(r.URL.Path, r.URL.RawQuery)
		if err == nil {
			next.ServeHTTP(w, r)
			return
		}
		if isAPI(r) {
			p := respond.ProblemFor(r, err)
			// The instance is the path, which may be the bad text itself.
			p.Instance = ""
			respond.WriteProblem(w, p)
			return
		}
		page(w, r, err)
	})
}
