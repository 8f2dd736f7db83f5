package inbox

import (
	"net/url"
	"slices"
	"testing"

	"github.com/schakel-nl/schakel"
)

// FuzzParseQuery: whatever a browser sends as the Postvak's query, the
// parser answers a usable query — a known kind or none, a known order, a
// page from 1 to 10000 — and an error only as a validation naming the
// fields it refused.
func FuzzParseQuery(f *testing.F) {
	for _, seed := range []string{"", "soort=casus", "soort=noodrem&te-laat=ja&sorteer=nieuwste&pagina=2", "pagina=0", "pagina=99999999999999999999",
		"soort=%00&te-laat=nee&sorteer=x&pagina=-1", "soort=casus&soort=verzoek", "te-laat=1"} {
		f.Add(seed)
	}
	fields := []string{"soort", "te-laat", "sorteer", "pagina"}
	f.Fuzz(func(t *testing.T, raw string) {
		q, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		got, err := ParseQuery(q)
		if got.Kind != "" && !slices.Contains(Kinds, got.Kind) {
			t.Fatalf("%q: kind %q", raw, got.Kind)
		}
		if got.Sort != SortDue && got.Sort != SortNewest {
			t.Fatalf("%q: sort %q", raw, got.Sort)
		}
		if got.Page < 1 || got.Page > 10000 {
			t.Fatalf("%q: page %d", raw, got.Page)
		}
		if err == nil {
			return
		}
		if schakel.ErrorCode(err) != schakel.EINVALID {
			t.Fatalf("%q: %v is not a validation error", raw, err)
		}
		for _, fe := range schakel.ErrorFields(err) {
			if !slices.Contains(fields, fe.Field) {
				t.Fatalf("%q: names unknown field %q", raw, fe.Field)
			}
		}
	})
}
