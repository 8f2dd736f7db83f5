package comply_test

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/comply"
)

// TestTransitionMatrix tries every action in every state: the allowed ones
// succeed, the others return ECONFLICT naming the state, and the request
// is left as it was.
func TestTransitionMatrix(t *testing.T) {
	states := []struct {
		name  string
		build func(testing.TB, *comply.Engine) *schakel.Request
		label string // how the conflict message names the state
	}{
		{"open", openBrake, "is open"},
		{"ontvangen", ackedBrake, "is ontvangen"},
		{"beantwoord (comply)", complied, "is beantwoord (comply)"},
		{"beantwoord (explain)", explained, "is beantwoord (explain)"},
		{"geescaleerd", escalatedBrake, "is geescaleerd"},
		{"gesloten", func(t testing.TB, e *comply.Engine) *schakel.Request {
			return then(t, e, explained(t, e), closeReq(""), ams(2026, time.April, 23, 9, 0))
		}, "is gesloten"},
		{"ingetrokken", func(t testing.TB, e *comply.Engine) *schakel.Request {
			return then(t, e, brake(t, e), withdraw("Niet meer nodig."), ams(2026, time.April, 21, 8, 0))
		}, "is ingetrokken"},
	}
	actions := []struct {
		name string
		do   action
	}{
		{"acknowledge", acknowledge},
		{"answer", answer(explain())},
		{"contest", contest("Het antwoord gaat niet in op de evenredigheid.")},
		{"extend", extend(calendar.MustParseTerm("P2W"), "Advies van de jurist.")},
		{"withdraw", withdraw("Niet meer nodig.")},
		{"close", closeReq("")},
	}
	// allowed[state][action]
	allowed := map[string]map[string]bool{
		"open":                 {"acknowledge": true, "answer": true, "extend": true, "withdraw": true},
		"ontvangen":            {"answer": true, "extend": true, "withdraw": true},
		"beantwoord (comply)":  {"withdraw": true, "close": true},
		"beantwoord (explain)": {"contest": true, "withdraw": true, "close": true},
		"geescaleerd":          {"acknowledge": true, "answer": true, "extend": true, "withdraw": true},
		"gesloten":             {},
		"ingetrokken":          {},
	}
	// The state each allowed action leads to.
	result := map[string]schakel.RequestState{
		"acknowledge": schakel.StateAcknowledged, "answer": schakel.StateAnswered, "contest": schakel.StateEscalated,
		"withdraw": schakel.StateWithdrawn, "close": schakel.StateClosed,
	}
	now := ams(2026, time.May, 1, 9, 0) // after every build, before any deadline of the escalated rung
	for _, st := range states {
		for _, a := range actions {
			t.Run(st.name+"/"+a.name, func(t *testing.T) {
				e := newEngine()
				r := st.build(t, e)
				before := clone(r)
				n, ev, err := a.do(e, r, now)
				if !reflect.DeepEqual(r, before) {
					t.Fatalf("the input request was changed:%s", diff(r, before))
				}
				if allowed[st.name][a.name] {
					n, ev = ok(t)(n, ev, err)
					want, moves := result[a.name]
					if !moves {
						want = r.State // extend keeps the state
					}
					if n.State != want || ev.State != want {
						t.Errorf("state = %s (event %s), want %s", n.State, ev.State, want)
					}
					return
				}
				if n != nil || ev != nil {
					t.Errorf("refused action returned %v, %v", n, ev)
				}
				wantError(t, err, schakel.ECONFLICT, "Verzoek 42 "+st.label+";")
			})
		}
	}
}

func TestRefusals(t *testing.T) {
	e := newEngine()
	reason := "Het antwoord gaat niet in op de evenredigheid."
	tests := []struct {
		name     string
		do       func(t *testing.T) error
		code     string
		contains []string
		fields   map[string]string // for EINVALID
	}{
		{
			name: "contest of a comply",
			do: func(t *testing.T) error {
				_, _, err := e.Contest(complied(t, e), requester, reason, answeredAt)
				return err
			},
			code: schakel.ECONFLICT, contains: []string{"beantwoord (comply)", "een explain betwisten"},
		},
		{
			name: "second contest",
			do: func(t *testing.T) error {
				r := then(t, e, explained(t, e), contest(reason), ams(2026, time.April, 23, 9, 0))
				r = then(t, e, r, answer(explain()), ams(2026, time.April, 24, 9, 0))
				if r.AtTop() {
					t.Fatal("the second explain should not be at the top: the refusal must be for the contest")
				}
				_, _, err := e.Contest(r, requester, reason, ams(2026, time.April, 25, 9, 0))
				return err
			},
			code: schakel.ECONFLICT, contains: []string{"al eens betwist"},
		},
		{
			name: "contest at the top rung",
			do: func(t *testing.T) error {
				r := then(t, e, topObjection(t, e), answer(explain()), ams(2026, time.May, 15, 9, 0))
				_, _, err := e.Contest(r, requester, reason, ams(2026, time.May, 16, 9, 0))
				return err
			},
			code: schakel.ECONFLICT, contains: []string{"hoogste trede"},
		},
		{
			name: "contest at a one-rung ladder",
			do: func(t *testing.T) error {
				r := mustNew(t, e, input(schakel.TypeObjection), []schakel.Addressee{rungBoard}, ams(2026, time.April, 1, 12, 0))
				r = then(t, e, r, answer(explain()), ams(2026, time.April, 2, 9, 0))
				_, _, err := e.Contest(r, requester, reason, ams(2026, time.April, 3, 9, 0))
				return err
			},
			code: schakel.ECONFLICT, contains: []string{"hoogste trede"},
		},
		{
			name: "second extension",
			do: func(t *testing.T) error {
				r := then(t, e, objection(t, e), extend(calendar.MustParseTerm("P1W"), "Drukte."), ams(2026, time.April, 2, 9, 0))
				_, _, err := e.Extend(r, responder, calendar.MustParseTerm("P1W"), "Nog meer drukte.", ams(2026, time.April, 3, 9, 0))
				return err
			},
			code: schakel.ECONFLICT, contains: []string{"al eens verlengd"},
		},
		{
			name: "second extension after acknowledging",
			do: func(t *testing.T) error {
				r := then(t, e, brake(t, e), extend(calendar.MustParseTerm("P1W"), "Drukte."), ackedAt)
				r = then(t, e, r, acknowledge, answeredAt)
				_, _, err := e.Extend(r, responder, calendar.MustParseTerm("P1W"), "Nog meer drukte.", answeredAt)
				return err
			},
			code: schakel.ECONFLICT, contains: []string{"al eens verlengd"},
		},
		{
			// Awb 7:10(3): six weeks at most; from 13 May, P6W reaches 24 June.
			name: "objection extended beyond six weeks",
			do: func(t *testing.T) error {
				_, _, err := e.Extend(objection(t, e), responder, calendar.MustParseTerm("P7W"), "Drukte.", ams(2026, time.April, 2, 9, 0))
				return err
			},
			code: schakel.EINVALID, fields: map[string]string{"termijn": "too_long"}, contains: []string{},
		},
		{
			name: "objection extended by 43 days",
			do: func(t *testing.T) error {
				_, _, err := e.Extend(objection(t, e), responder, calendar.MustParseTerm("P43D"), "Drukte.", ams(2026, time.April, 2, 9, 0))
				return err
			},
			code: schakel.EINVALID, fields: map[string]string{"termijn": "too_long"},
		},
		{
			name: "objection extended by two months",
			do: func(t *testing.T) error {
				_, _, err := e.Extend(objection(t, e), responder, calendar.MustParseTerm("P2M"), "Drukte.", ams(2026, time.April, 2, 9, 0))
				return err
			},
			code: schakel.EINVALID, fields: map[string]string{"termijn": "too_long"},
		},
		{
			// Awb 9:11(2): four weeks at most.
			name: "complaint extended beyond four weeks",
			do: func(t *testing.T) error {
				r := mustNew(t, e, input(schakel.TypeComplaint), twoRungs, ams(2026, time.April, 1, 12, 0))
				_, _, err := e.Extend(r, responder, calendar.MustParseTerm("P5W"), "Drukte.", ams(2026, time.April, 2, 9, 0))
				return err
			},
			code: schakel.EINVALID, fields: map[string]string{"termijn": "too_long"},
		},
		{
			// The brake escalated on 29 April, answer due 10 June; six more
			// weeks would be 22 July, past the 3 months from 20 April (20 July).
			name: "brake extension past the outer bound of 3 months",
			do: func(t *testing.T) error {
				_, _, err := e.Extend(escalatedBrake(t, e), responder, calendar.MustParseTerm("P6W"), "Drukte.", ams(2026, time.April, 30, 9, 0))
				return err
			},
			code: schakel.EINVALID, fields: map[string]string{"termijn": "too_long"},
		},
		{
			name: "brake extension one day past the outer bound",
			do: func(t *testing.T) error {
				_, _, err := e.Extend(escalatedBrake(t, e), responder, calendar.MustParseTerm("P41D"), "Drukte.", ams(2026, time.April, 30, 9, 0))
				return err
			},
			code: schakel.EINVALID, fields: map[string]string{"termijn": "too_long"},
		},
		{
			name: "extension after the deadline passed",
			do: func(t *testing.T) error {
				_, _, err := e.Extend(objection(t, e), responder, calendar.MustParseTerm("P1W"), "Vergeten.", ams(2026, time.May, 14, 0, 0))
				return err
			},
			code: schakel.ECONFLICT, contains: []string{"al verstreken", "13 mei 2026"},
		},
		{
			name: "extension after a miss at the top was recorded",
			do: func(t *testing.T) error {
				r := then(t, e, topObjection(t, e), sweep, ams(2026, time.June, 26, 9, 0))
				_, _, err := e.Extend(r, responder, calendar.MustParseTerm("P1W"), "Vergeten.", ams(2026, time.June, 26, 10, 0))
				return err
			},
			code: schakel.ECONFLICT, contains: []string{"al verstreken"},
		},
		{
			name: "extension for a type without extension",
			do: func(t *testing.T) error {
				e := &comply.Engine{Calendar: calendar.New(), Terms: func(org int64, typ schakel.RequestType) comply.Terms {
					return comply.Terms{Answer: calendar.MustParseTerm("P6W")}
				}}
				r := mustNew(t, e, input(schakel.TypeGeneral), twoRungs, ams(2026, time.April, 1, 12, 0))
				_, _, err := e.Extend(r, responder, calendar.MustParseTerm("P1W"), "Drukte.", ams(2026, time.April, 2, 9, 0))
				return err
			},
			code: schakel.ECONFLICT, contains: []string{"geen verlenging"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.do(t)
			wantError(t, err, tt.code, tt.contains...)
			if tt.code == schakel.EINVALID {
				wantFields(t, err, tt.fields)
			}
		})
	}
}

// TestExtensionLimits checks the largest allowed extension of each kind,
// next to the smallest refused one.
func TestExtensionLimits(t *testing.T) {
	e := newEngine()
	ext := func(r *schakel.Request, term string, now time.Time) (*schakel.Request, error) {
		n, _, err := e.Extend(r, responder, calendar.MustParseTerm(term), "Drukte.", now)
		return n, err
	}
	tests := []struct {
		name    string
		r       func(testing.TB, *comply.Engine) *schakel.Request
		now     time.Time
		term    string
		wantDue string // "" when refused
		limit   string // the limit the refusal names
	}{
		// Objection due 13 May: at most six weeks, to 24 June.
		{"objection P6W", func(t testing.TB, e *comply.Engine) *schakel.Request { return objection(t, e) }, ams(2026, time.April, 2, 9, 0), "P6W", "2026-06-24", ""},
		{"objection P42D", func(t testing.TB, e *comply.Engine) *schakel.Request { return objection(t, e) }, ams(2026, time.April, 2, 9, 0), "P42D", "2026-06-24", ""},
		{"objection P43D", func(t testing.TB, e *comply.Engine) *schakel.Request { return objection(t, e) }, ams(2026, time.April, 2, 9, 0), "P43D", "", "24 juni 2026"},
		// Complaint due 13 May: at most four weeks, to 10 June.
		{"complaint P4W", complaint, ams(2026, time.April, 2, 9, 0), "P4W", "2026-06-10", ""},
		{"complaint P29D", complaint, ams(2026, time.April, 2, 9, 0), "P29D", "", "10 juni 2026"},
		// Brake at rung 0, due 1 June: six weeks to 13 July is inside the
		// outer bound of 20 July.
		{"brake P6W", openBrake, answeredAt, "P6W", "2026-07-13", ""},
		{"brake P7W", openBrake, answeredAt, "P7W", "", "13 juli 2026"},
		// Brake escalated, due 10 June: the outer bound of 20 July binds.
		{"escalated brake P40D", escalatedBrake, ams(2026, time.April, 30, 9, 0), "P40D", "2026-07-20", ""},
		{"escalated brake P41D", escalatedBrake, ams(2026, time.April, 30, 9, 0), "P41D", "", "20 juli 2026"},
		{"escalated brake P6W", escalatedBrake, ams(2026, time.April, 30, 9, 0), "P6W", "", "20 juli 2026"},
		// Extending on the last day of the term is still in time.
		{"objection on its last day", func(t testing.TB, e *comply.Engine) *schakel.Request { return objection(t, e) }, ams(2026, time.May, 13, 23, 59), "P1W", "2026-05-20", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, err := ext(tt.r(t, e), tt.term, tt.now)
			if tt.wantDue != "" {
				if err != nil {
					t.Fatalf("refused: %v %v", err, fieldCodes(err))
				}
				if n.AnswerDue != date(tt.wantDue) || n.AnswerDeadline != e.Calendar.EndOf(date(tt.wantDue)) {
					t.Errorf("due %s (%v), want %s", n.AnswerDue, n.AnswerDeadline, tt.wantDue)
				}
				return
			}
			wantFields(t, err, map[string]string{"termijn": "too_long"})
			if got := schakel.ErrorFields(err)[0].Reason(); !strings.Contains(got, tt.limit) {
				t.Errorf("reason %q does not name the limit %s", got, tt.limit)
			}
		})
	}
}

func complaint(t testing.TB, e *comply.Engine) *schakel.Request {
	return mustNew(t, e, input(schakel.TypeComplaint), twoRungs, ams(2026, time.April, 1, 12, 0))
}

// TestFinalStatesStay checks that nothing at all moves a final request,
// whatever the time.
func TestFinalStatesStay(t *testing.T) {
	e := newEngine()
	finals := map[string]*schakel.Request{
		"gesloten":    then(t, e, complied(t, e), closeReq(""), answeredAt),
		"ingetrokken": then(t, e, openBrake(t, e), withdraw("Weg."), answeredAt),
	}
	for name, r := range finals {
		for i, now := range []time.Time{answeredAt, ams(2026, time.June, 2, 9, 0), ams(2030, time.January, 1, 0, 0)} {
			t.Run(fmt.Sprintf("%s/%d", name, i), func(t *testing.T) {
				for _, do := range []action{acknowledge, answer(complyBy("2031-01-01")), answer(explain()), contest("x"),
					extend(calendar.MustParseTerm("P1W"), "x"), withdraw("x"), closeReq("x"), sweep} {
					if n, ev, err := do(e, r, now); n != nil || ev != nil {
						t.Errorf("a final request moved: %+v %+v %v", n, ev, err)
					}
				}
			})
		}
	}
}
