package api_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/schakel-nl/schakel/store/storetest"
)

// TestNULNamedEverywhere: a NUL character in any text of any body is named
// at its field and never reaches a service (PostgreSQL cannot store it),
// and a NUL in an organisation code of a query is an unknown organisation.
func TestNULNamedEverywhere(t *testing.T) {
	for _, b := range storetest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			e := newEnvOn(t, b.Open)
			e.t = t
			r := e.do("POST", "/api/v1/signalen", `{"organisatie": "uwv", "titel": "a\u0000b"}`, e.prof)
			if r.Code != http.StatusBadRequest || !strings.Contains(r.Body.String(), `"titel"`) || !strings.Contains(r.Body.String(), "NUL") {
				t.Fatalf("signal with a NUL: %d %s", r.Code, r.Body)
			}
			if r := e.do("GET", "/api/v1/knelpunten?organisatie=%00", "", nil); r.Code >= 500 {
				t.Fatalf("a NUL in a query: %d %s", r.Code, r.Body)
			}
		})
	}
}
