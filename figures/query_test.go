package figures_test

import (
	"net/url"
	"testing"

	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/figures"
)

// FuzzFilterOf: any query gives a filter whose days are the dates given
// or a problem of their field, and whose selections are the values given.
func FuzzFilterOf(f *testing.F) {
	for _, q := range []string{"", "vanaf=2026-01-01&tot=2026-12-31", "vanaf=gisteren", "tot=2026-02-30", "ministerie=min-szw&opgave=Wonen",
		"vanaf=%zz", "vanaf=2026-01-01&vanaf=x", "commissie=%00"} {
		f.Add(q)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		q, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		flt := figures.FilterOf(q)
		named := map[string]bool{}
		for _, p := range flt.Problems {
			named[p.Field] = true
		}
		for _, day := range []struct {
			name string
			got  calendar.Date
		}{{"vanaf", flt.From}, {"tot", flt.To}} {
			s := q.Get(day.name)
			d, err := calendar.ParseDate(s)
			switch {
			case s == "":
				if !day.got.IsZero() || named[day.name] {
					t.Fatalf("%s absent: %v, problem %v", day.name, day.got, named[day.name])
				}
			case err != nil:
				if !named[day.name] || !day.got.IsZero() {
					t.Fatalf("%s=%q: not named as a problem (%v)", day.name, s, day.got)
				}
			case d != day.got || named[day.name]:
				t.Fatalf("%s=%q: got %v, problem %v", day.name, s, day.got, named[day.name])
			}
		}
		if flt.Ministry != q.Get("ministerie") || flt.Organisation != q.Get("organisatie") || flt.Committee != q.Get("commissie") || flt.Task != q.Get("opgave") {
			t.Fatalf("selections %+v of %v", flt, q)
		}
	})
}
