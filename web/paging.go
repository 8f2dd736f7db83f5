package web

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/schakel-nl/schakel"
)

// pageLinks returns the links to the previous and next page of a list at
// path filtered by values, on page num of pages; "" where there is none.
// A page past the last links back to the last.
func pageLinks(path string, values url.Values, num, pages int) (prev, next string) {
	link := func(n int) string {
		v := url.Values{}
		for k, vs := range values {
			v[k] = vs
		}
		if n > 1 {
			v.Set("pagina", strconv.Itoa(n))
		}
		if len(v) == 0 {
			return path
		}
		return path + "?" + v.Encode()
	}
	if num > 1 {
		prev = link(min(num-1, pages))
	}
	if num < pages {
		next = link(num + 1)
	}
	return prev, next
}

// maxPageNumber bounds the page numbers of the lists.
const maxPageNumber = 100000

// pageNumber reads the page number ?pagina= of a list: 1 when it is
// missing, not a number or out of range.
func pageNumber(q url.Values) int {
	if n, err := strconv.Atoi(q.Get("pagina")); err == nil && n > 1 && n <= maxPageNumber {
		return n
	}
	return 1
}

// filterValues returns the filters of a list's GET form that were given,
// for the service that reads them: the first value of each field of specs,
// trimmed. A field left empty — an "Alle …" option, a day not filled in —
// is no filter and is left out: the services refuse an empty value.
// Parameters that are not fields of the form (the page, anything else) are
// not filters.
func filterValues(q url.Values, specs []fieldSpec) url.Values {
	out := url.Values{}
	for _, s := range specs {
		if v := strings.TrimSpace(q.Get(s.Name)); v != "" {
			out.Set(s.Name, v)
		}
	}
	return out
}

// addDayOrderError adds to v that the day "tot" lies before the day
// "vanaf": a check of the pages' filter forms, on top of the services'
// parsers, which leave such a range to find nothing.
func addDayOrderError(v *schakel.Validation) {
	v.Add("tot", "order", "Deze datum ligt voor de datum vanaf.")
}
