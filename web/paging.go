package web

import (
	"net/url"
	"strconv"
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
