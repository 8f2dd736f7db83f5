package web

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
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

// readDateRange reads the days of the filters ?van= and ?tot= of a list,
// setting in values those given (trimmed) and adding to v the errors of
// those that are no date, and of a range that ends before it starts. A day
// not given, or not valid, is zero.
func readDateRange(v *schakel.Validation, q, values url.Values) (from, to calendar.Date) {
	for _, k := range []string{"van", "tot"} {
		raw := strings.TrimSpace(q.Get(k))
		if raw == "" {
			continue
		}
		values.Set(k, raw)
		d, err := calendar.ParseDate(raw)
		if err != nil {
			addCalendarError(v, k, err)
			continue
		}
		if k == "van" {
			from = d
		} else {
			to = d
		}
	}
	if !from.IsZero() && !to.IsZero() && to.Before(from) {
		v.Add("tot", "order", "Deze datum ligt voor de datum vanaf.")
	}
	return from, to
}
