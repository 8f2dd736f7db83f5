package server

import (
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/schakel-nl/schakel"
)

// FuzzCheckText holds the edge check to its promise for any path and query:
// it never panics; what it lets through is clean text in every parameter;
// what it refuses it refuses with a validation error whose field names are
// themselves clean text, so the bad bytes never reach a response or a log.
func FuzzCheckText(f *testing.F) {
	for _, seed := range [][2]string{
		{"/api/v1/noodremmen", "organisatie=uwv"},
		{"/api/v1/noodremmen/\x00", ""},
		{"/noodremmen", "organisatie=%00"},
		{"/noodremmen", "organisatie=%ff%fe&zoek=x"},
		{"/", "%c3%28=1&a=%zz"},
		{"/\xc3\x28", "a=1;b=2"},
	} {
		f.Add(seed[0], seed[1])
	}
	f.Fuzz(func(t *testing.T, path, rawQuery string) {
		err := checkText(path, rawQuery)
		if err == nil {
			if badText(path) != "" {
				t.Fatalf("path %q let through", path)
			}
			q, _ := url.ParseQuery(rawQuery)
			for k, vs := range q {
				for _, v := range append(vs, k) {
					if strings.IndexByte(v, 0) >= 0 || !utf8.ValidString(v) {
						t.Fatalf("query %q let through", rawQuery)
					}
				}
			}
			return
		}
		if schakel.ErrorCode(err) != schakel.EINVALID {
			t.Fatalf("not a validation error: %v", err)
		}
		fields := schakel.ErrorFields(err)
		if len(fields) == 0 {
			t.Fatal("a refusal names no field")
		}
		for _, fe := range fields {
			if badText(fe.Field) != "" || (fe.Code != "nul" && fe.Code != "utf8") {
				t.Fatalf("field %q code %q", fe.Field, fe.Code)
			}
		}
	})
}
