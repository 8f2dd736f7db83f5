package web

import (
	"net/url"
	"strings"
	"testing"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/comply"
)

// FuzzAnswerForm reads any posted answer form: it never panics, a partial
// answer (deels) takes both its parts from the form, trimmed, and the only
// problem the reading itself finds is a date it cannot read (uiterlijk);
// everything else is left to the engine, which names every field.
func FuzzAnswerForm(f *testing.F) {
	for _, q := range []string{"", "soort=deels", "soort=deels&wijzigingen=+Een+regeling+&uiterlijk=2026-06-01&motiveringen.evenredigheid=Niet+alles",
		"soort=deels&uiterlijk=2026-13-40", "soort=comply&wijzigingen=x&uiterlijk=1-1-2026", "soort=explain&motiveringen.=x&motiveringen..a=y",
		"soort=deels&motiveringen.%00=x&uiterlijk=%ff", "soort=misschien&wijzigingen=x"} {
		f.Add(q)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		form, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		in := readAnswer(form)
		for _, p := range in.Problems {
			if p.Field != comply.FieldByWhen {
				t.Fatalf("%q: reading found a problem with %s", raw, p.Field)
			}
		}
		if in.Kind != schakel.AnswerKind(form.Get("soort")) {
			t.Fatalf("%q: kind %q", raw, in.Kind)
		}
		if in.Kind == schakel.Partial {
			if in.Changes != strings.TrimSpace(form.Get(comply.FieldChanges)) {
				t.Fatalf("%q: changes %q", raw, in.Changes)
			}
			for k := range form {
				if code, ok := strings.CutPrefix(k, comply.FieldMotivations+"."); ok && in.Motivations[code] != strings.TrimSpace(form.Get(k)) {
					t.Fatalf("%q: motivation %q = %q", raw, code, in.Motivations[code])
				}
			}
		}
	})
}
