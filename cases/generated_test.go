package cases_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/redact/redacttest"
	"github.com/schakel-nl/schakel/store/storetest"
)

// TestGeneratedCasesPublishNobody: on both stores, generated cases naming
// parties, relatives, neighbours, towns and employers go through the whole
// route — submitted, decided, reviewed by a second person with the
// defaults, published — and no register text holds any of those names.
func TestGeneratedCasesPublishNobody(t *testing.T) {
	for _, be := range storetest.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			w := newWorld(t, be.Open)
			ctx := context.Background()
			gen := redacttest.Cases(2026, 40)
			for i, g := range gen {
				in := advance
				in.Title = fmt.Sprintf("Gegenereerde casus %d", i+1)
				in.Situation, in.Parties = g.Text, g.Parties
				w.decided(t, in, schakel.OutcomeMaatwerk, true)
			}
			ps, total, err := w.svc.Search(ctx, schakel.PrecedentFilter{Limit: 100})
			if err != nil || total != len(gen) {
				t.Fatalf("%d published, %v; want %d", total, err, len(gen))
			}
			var register strings.Builder
			for _, p := range ps {
				fmt.Fprint(&register, p.Title, "\n", p.Summary, "\n", p.Intent, "\n", p.Harm, "\n", p.Explanation, "\n", p.Weighings, "\n")
			}
			published := register.String()
			left := 0
			for _, g := range gen {
				for _, name := range append(append(append(append([]string{}, g.Parties...), g.Persons...), g.Places...), g.Employers...) {
					if strings.Contains(published, name) {
						left++
						t.Errorf("the register shows %q", name)
					}
				}
			}
			if left == 0 && !strings.Contains(published, "[naam 1]") {
				t.Fatal("nothing was redacted: is the generated set empty?")
			}
		})
	}
}
