package api_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/schakel-nl/schakel/api"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/comply"
	"github.com/schakel-nl/schakel/jobs"
)

// TestKnelpuntRungEscalatesOnce: a team that lets the six weeks pass
// loses the knelpunt to its board, once however often the sweeper runs;
// the board then answers it through the API and the team no longer can.
func TestKnelpuntRungEscalatesOnce(t *testing.T) {
	onEveryBackend(t, func(t *testing.T, e *signalEnv) {
		k := e.file(wiaSignal, e.prof).Knelpunt.ID
		path := fmt.Sprintf("/api/v1/knelpunten/%d", k)
		if r := e.do("POST", path+"/voorleggingen", "", e.prof); r.Code != http.StatusOK && r.Code != http.StatusCreated {
			t.Fatalf("put: %d %s", r.Code, r.Body)
		}
		e.clock.Advance(7 * 7 * 24 * time.Hour)
		sw := &jobs.Sweeper{Store: e.st, Engine: &comply.Engine{Calendar: calendar.New()}, Clock: e.clock}
		for i, want := range []int{1, 0} {
			res, err := sw.SweepOnce(t.Context())
			if err != nil || res.Escalated != want {
				t.Fatalf("sweep %d: %+v, %v; want %d escalated", i+1, res, err, want)
			}
		}
		var d api.KnelpuntDetail
		r := e.do("GET", path, "", e.board)
		if err := json.Unmarshal(r.Body.Bytes(), &d); err != nil || r.Code != http.StatusOK {
			t.Fatalf("get: %d %s", r.Code, r.Body)
		}
		if d.Answering != "bestuur" || len(d.Rungs) != 1 || d.Rungs[0].State != "geescaleerd" {
			t.Fatalf("after the missed term: antwoordVerschuldigdDoor %q, treden %+v", d.Answering, d.Rungs)
		}
		adopt := fmt.Sprintf(`{"soort": "comply", "wijzigingen": "Het bestuur neemt het over.", "uiterlijk": %q}`,
			calendar.New().Today(e.clock.Now()).AddDays(30).String())
		if r := e.do("POST", path+"/antwoorden", adopt, e.coord); r.Code != http.StatusForbidden {
			t.Fatalf("the team answered after its term: %d %s", r.Code, r.Body)
		}
		if r := e.do("POST", path+"/antwoorden", adopt, e.board); r.Code != http.StatusOK {
			t.Fatalf("the board's answer: %d %s", r.Code, r.Body)
		}
		r = e.do("GET", path, "", e.board)
		if err := json.Unmarshal(r.Body.Bytes(), &d); err != nil || d.State != "overgenomen" || d.Level != "bestuur" {
			t.Fatalf("after the board adopted: %s", r.Body)
		}
	})
}
