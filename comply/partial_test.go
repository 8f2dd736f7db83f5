package comply_test

import (
	"strings"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/comply"
)

// partial is a comply in part: a payment plan is offered by 1 July 2026,
// the debt is not waived, for both principles the objection cites.
func partial() comply.AnswerInput {
	return comply.AnswerInput{Kind: schakel.Partial, Changes: "We bieden een betalingsregeling aan.", ByWhen: date("2026-07-01"),
		Motivations: map[string]string{
			"evenredigheid":  "We schelden de schuld niet kwijt: de wet laat dat niet toe.",
			"zorgvuldigheid": "De situatie is onderzocht; kwijtschelden volgt daar niet uit.",
		}}
}

func TestPartialAnswer(t *testing.T) {
	e := newEngine()
	r := objection(t, e)
	before := clone(r)
	now := ams(2026, time.April, 20, 10, 0)
	n, ev := ok(t)(e.Answer(r, responder, partial(), now))
	if n.State != schakel.StateAnswered || n.Answer != schakel.Partial || n.AnsweredLate {
		t.Fatalf("got state %s answer %s late %v, want beantwoord deels in time", n.State, n.Answer, n.AnsweredLate)
	}
	want := schakel.EventData{Answer: schakel.Partial, Changes: partial().Changes, ByWhen: datep("2026-07-01"), Motivations: partial().Motivations}
	if d := diff(ev.Data, want); d != "" {
		t.Fatalf("event data: %s", d)
	}
	if d := diff(r, before); d != "" {
		t.Fatalf("Answer changed its input: %s", d)
	}
	// What a partial answer does not do may be contested, once, as an explain.
	c, cev := ok(t)(e.Contest(n, requester, "Kwijtschelden moet wel kunnen.", now.Add(time.Hour)))
	if c.State != schakel.StateEscalated || c.Rung != 1 || c.Answer != "" || cev.Type != schakel.EventContested {
		t.Fatalf("after contest: state %s rung %d answer %q event %s", c.State, c.Rung, c.Answer, cev.Type)
	}
	// And it may be accepted.
	cl, _ := ok(t)(e.Close(n, requester, "", now.Add(time.Hour)))
	if cl.State != schakel.StateClosed || cl.Answer != schakel.Partial {
		t.Fatalf("after close: state %s answer %s", cl.State, cl.Answer)
	}
}

func TestPartialAnswerValidation(t *testing.T) {
	now := ams(2026, time.April, 20, 10, 0)
	long := strings.Repeat("a", comply.MaxText+1)
	tests := []struct {
		name   string
		edit   func(in *comply.AnswerInput)
		fields map[string]string
	}{
		{"valid", func(*comply.AnswerInput) {}, nil},
		{"no done part", func(in *comply.AnswerInput) { in.Changes, in.ByWhen = " ", calendar.Date{} },
			map[string]string{"wijzigingen": "required", "uiterlijk": "required"}},
		{"no not-done part", func(in *comply.AnswerInput) { in.Motivations = nil },
			map[string]string{"motiveringen.evenredigheid": "required", "motiveringen.zorgvuldigheid": "required"}},
		{"one principle left out", func(in *comply.AnswerInput) { delete(in.Motivations, "zorgvuldigheid") },
			map[string]string{"motiveringen.zorgvuldigheid": "required"}},
		{"date in the past", func(in *comply.AnswerInput) { in.ByWhen = date("2026-04-19") },
			map[string]string{"uiterlijk": "past"}},
		{"everything wrong at once", func(in *comply.AnswerInput) {
			in.Changes, in.ByWhen = long, date("2025-01-01")
			in.Motivations = map[string]string{"evenredigheid": long, "gelijkheid": "Niet genoemd."}
		}, map[string]string{"wijzigingen": "too_long", "uiterlijk": "past", "motiveringen.evenredigheid": "too_long",
			"motiveringen.zorgvuldigheid": "required", "motiveringen.gelijkheid": "not_cited"}},
		{"nothing at all", func(in *comply.AnswerInput) { *in = comply.AnswerInput{Kind: schakel.Partial} },
			map[string]string{"wijzigingen": "required", "uiterlijk": "required", "motiveringen.evenredigheid": "required", "motiveringen.zorgvuldigheid": "required"}},
		{"unknown kind", func(in *comply.AnswerInput) { in.Kind = "misschien" },
			map[string]string{"soort": "enum"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEngine()
			r := objection(t, e)
			in := partial()
			tt.edit(&in)
			n, ev, err := e.Answer(r, responder, in, now)
			if tt.fields == nil {
				ok(t)(n, ev, err)
				return
			}
			if n != nil || ev != nil {
				t.Fatalf("invalid answer gave a request or event")
			}
			wantFields(t, err, tt.fields)
		})
	}
}

func TestAnswerKinds(t *testing.T) {
	for _, k := range schakel.AnswerKinds {
		if !k.Valid() {
			t.Errorf("%s not valid", k)
		}
	}
	for _, c := range []struct {
		k                schakel.AnswerKind
		changes, refuses bool
	}{{schakel.Comply, true, false}, {schakel.Explain, false, true}, {schakel.Partial, true, true}, {"", false, false}} {
		if c.k.Changes() != c.changes || c.k.Refuses() != c.refuses {
			t.Errorf("%q: Changes %v Refuses %v, want %v %v", c.k, c.k.Changes(), c.k.Refuses(), c.changes, c.refuses)
		}
	}
	if schakel.AnswerKind("").Valid() || schakel.AnswerKind("misschien").Valid() {
		t.Error("empty or unknown kind valid")
	}
}
