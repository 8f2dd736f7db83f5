package api_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/api"
	"github.com/schakel-nl/schakel/store/storetest"
)

// adopted files wiaSignal and takes its knelpunt up to the board's
// adoption, through the API; it returns the knelpunt's id.
func (e *signalEnv) adopted() int64 {
	e.t.Helper()
	k := e.file(wiaSignal, e.prof).Knelpunt.ID
	path := fmt.Sprintf("/api/v1/knelpunten/%d", k)
	signalStep[api.KnelpuntDetail](e, "POST", path+"/voorleggingen", "", e.prof, http.StatusOK)
	signalStep[api.KnelpuntDetail](e, "POST", path+"/antwoorden", `{"soort": "comply", "wijzigingen": "Naar het bestuur.", "uiterlijk": "2026-06-01"}`, e.coord, http.StatusOK)
	signalStep[api.KnelpuntDetail](e, "POST", path+"/antwoorden", `{"soort": "comply", "wijzigingen": "In de brief.", "uiterlijk": "2026-06-01"}`, e.board, http.StatusOK)
	return k
}

// TestLetterInput: only the board drafts or sends the knelpuntenbrief; a
// period is two days in order, each named with the calendar's message when
// malformed; a period without adopted knelpunten, or with only sent ones,
// is refused on periode; nothing is sent by a refusal.
func TestLetterInput(t *testing.T) {
	onEveryBackend(t, func(t *testing.T, e *signalEnv) {
		svbBoard := storetest.MustUser(t, e.st, "svb-bestuur", schakel.Membership{OrganisationID: e.svb.ID, Role: schakel.RoleBoard})
		drafts := "/api/v1/knelpuntenbrieven/concepten"
		april := `{"organisatie": "uwv", "van": "2026-04-01", "tot": "2026-04-30"}`
		wantProblem(t, e.do("POST", drafts, april, e.board), http.StatusBadRequest, "periode")
		k := e.adopted()
		e.clock.Advance(24 * time.Hour)
		for _, tc := range []struct {
			name, body string
			user       *schakel.User
			status     int
			fields     []string
		}{
			{"nobody", april, nil, 401, nil},
			{"the coordinator", april, e.coord, 403, nil},
			{"another board", april, svbBoard, 403, nil},
			{"an unknown organisation", `{"organisatie": "nee", "van": "2026-04-01", "tot": "2026-04-30"}`, e.board, 400, []string{"organisatie"}},
			{"no last day", `{"organisatie": "uwv", "van": "2026-04-01"}`, e.board, 400, []string{"tot"}},
			{"malformed days", `{"organisatie": "uwv", "van": "2026-02-30", "tot": "30 april"}`, e.board, 400, []string{"van", "tot"}},
			{"days out of order", `{"organisatie": "uwv", "van": "2026-04-30", "tot": "2026-04-01"}`, e.board, 400, []string{"tot"}},
			{"wrong types and a long subject", `{"organisatie": "uwv", "van": 20260401, "tot": "2026-04-30", "onderwerp": "` + strings.Repeat("x", 201) + `", "x": 1}`,
				e.board, 400, []string{"van", "onderwerp", "x"}},
			{"before the adoption", `{"organisatie": "uwv", "van": "2026-03-01", "tot": "2026-03-31"}`, e.board, 400, []string{"periode"}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				wantProblem(t, e.do("POST", drafts, tc.body, tc.user), tc.status, tc.fields...)
				wantProblem(t, e.do("POST", "/api/v1/knelpuntenbrieven", tc.body, tc.user), tc.status, tc.fields...)
			})
		}
		if p := signalStep[api.LetterPage](e, "GET", "/api/v1/knelpuntenbrieven", "", nil, http.StatusOK); p.Total != 0 {
			t.Fatalf("letters after refusals: %+v", p)
		}
		// The draft names its default subject and is what is sent.
		draft := signalStep[api.LetterDraft](e, "POST", drafts, april, e.board, http.StatusOK)
		if draft.Subject != "Knelpunten in wet- en regelgeving, 1 april 2026 tot en met 30 april 2026" || draft.Reference != "KB-uwv-2026-001" || draft.Date != "2026-04-02" ||
			len(draft.Knelpunten) != 1 || draft.Knelpunten[0].ID != k || draft.Knelpunten[0].State != "overgenomen" {
			t.Fatalf("draft: %+v", draft)
		}
		sent := signalStep[api.Letter](e, "POST", "/api/v1/knelpuntenbrieven", april, e.board, http.StatusCreated)
		if sent.SHA256 != draft.SHA256 || sent.SentAt != "2026-04-02T09:00:00Z" {
			t.Errorf("sent %+v, drafted %+v", sent, draft)
		}
		wantProblem(t, e.do("POST", drafts, april, e.board), http.StatusBadRequest, "periode")
		kn := signalStep[api.KnelpuntDetail](e, "GET", fmt.Sprintf("/api/v1/knelpunten/%d", k), "", nil, http.StatusOK)
		if kn.Letter != sent.ID || kn.Level != "ministerie" || kn.Answering != "ministerie" || len(kn.Rungs) != 1 || kn.Rungs[0].State == "" || kn.Rungs[0].AnswerDue == "" {
			t.Errorf("the sent knelpunt: %+v", kn)
		}
		for q, want := range map[string]int{"": 1, "?organisatie=uwv": 1, "?organisatie=svb": 0, "?ministerie=min-szw": 1, "?ministerie=min-bzk": 0} {
			if p := signalStep[api.LetterPage](e, "GET", "/api/v1/knelpuntenbrieven"+q, "", nil, http.StatusOK); p.Total != want {
				t.Errorf("letters%s: %d, want %d", q, p.Total, want)
			}
		}
		wantProblem(t, e.do("GET", "/api/v1/knelpuntenbrieven?organisatie=nee&ministerie=", "", nil), http.StatusBadRequest, "organisatie")
		wantProblem(t, e.do("GET", "/api/v1/knelpuntenbrieven/999", "", nil), http.StatusNotFound)
		wantProblem(t, e.do("GET", "/api/v1/knelpuntenbrieven/x", "", nil), http.StatusNotFound)
		// What the ministry answers shows in the letter, for the public
		// without who answered, for uwv with its history too.
		signalStep[api.KnelpuntDetail](e, "POST", fmt.Sprintf("/api/v1/knelpunten/%d/antwoorden", k),
			`{"soort": "comply", "wijzigingen": "Wij passen artikel 76 aan.", "uiterlijk": "2027-01-01"}`, e.policy, http.StatusOK)
		pub := signalStep[api.LetterDetail](e, "GET", fmt.Sprintf("/api/v1/knelpuntenbrieven/%d", sent.ID), "", nil, http.StatusOK)
		if len(pub.Knelpunten) != 1 || pub.Knelpunten[0].Level != "parlement" || len(pub.Knelpunten[0].Rungs) != 2 || pub.Knelpunten[0].History != nil ||
			pub.Knelpunten[0].Rungs[0].Answers[0].Changes != "Wij passen artikel 76 aan." || pub.Knelpunten[0].Rungs[0].Answers[0].ByWhen != "2027-01-01" {
			t.Errorf("the public letter: %+v", pub)
		}
		own := signalStep[api.LetterDetail](e, "GET", fmt.Sprintf("/api/v1/knelpuntenbrieven/%d", sent.ID), "", e.prof, http.StatusOK)
		if len(own.Knelpunten) != 1 || len(own.Knelpunten[0].History) == 0 || len(own.Knelpunten[0].Signals) != 1 || len(own.Knelpunten[0].Rungs) != 4 {
			t.Errorf("uwv's letter: %+v", own)
		}
	})
}
