package redact

import (
	"strings"
	"testing"

	"github.com/schakel-nl/schakel/redact/redacttest"
)

// TestGeneratedCases redacts generated case texts whose people, places
// and employers come from hand-written lists that the detectors do not
// use, and checks that none of them survives.
func TestGeneratedCases(t *testing.T) {
	cases := redacttest.Cases(11, 500)
	total, left := 0, 0
	for _, c := range cases {
		out, _ := Redact(c.Text, c.Parties)
		for _, list := range [][]string{c.Persons, c.Places, c.Employers, c.Parties} {
			for _, name := range list {
				total++
				if strings.Contains(out, name) {
					left++
					if left <= 20 {
						t.Errorf("%q survives in\n%s", name, out)
					}
				}
			}
		}
	}
	t.Logf("%d of %d names survived (%.1f%%)", left, total, 100*float64(left)/float64(total))
}
