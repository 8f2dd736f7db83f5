package signals_test

import (
	"testing"

	"github.com/schakel-nl/schakel/store/storetest"
)

// TestSuggestSkipsKnelpuntThatTakesNoSignals: a knelpunt with two similar
// signals that its team has put to the board takes no more signals; the
// suggestions leave it out instead of failing on its second signal (found
// by the OpenAPI fuzzer of schakel-trial: POST /api/v1/signalen/vergelijkingen
// answered 500, an index out of range).
func TestSuggestSkipsKnelpuntThatTakesNoSignals(t *testing.T) {
	for _, b := range storetest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			w := newWorld(t, b.Open)
			k := must(w.svc.File(w.ctx, w.prof, advance())).Knelpunt
			in := similar()
			in.KnelpuntID = k.ID
			must(w.svc.File(w.ctx, w.prof2, in))
			k = must(w.svc.Put(w.ctx, w.prof, k.ID))
			k = must(w.svc.Answer(w.ctx, w.coord, k.ID, adopt(w)))
			if k.State.TakesSignals(k.Level) {
				t.Fatalf("the knelpunt still takes signals: %+v", k)
			}
			sugg, err := w.svc.Suggest(w.ctx, w.prof2, similar())
			if err != nil || len(sugg) != 0 {
				t.Fatalf("suggestions for a knelpunt that takes no signals: %+v, %v", sugg, err)
			}
		})
	}
}
