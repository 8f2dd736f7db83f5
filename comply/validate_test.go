package comply_test

import (
	"strings"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/comply"
)

func TestNewRequiredFields(t *testing.T) {
	long := func(n int) string { return strings.Repeat("a", n) }
	ground := func(p, text string) schakel.Ground { return schakel.Ground{Principle: p, Text: text} }
	tests := []struct {
		name   string
		edit   func(in *comply.NewRequest, ladder *[]schakel.Addressee)
		fields map[string]string // nil: valid
	}{
		{"valid", func(*comply.NewRequest, *[]schakel.Addressee) {}, nil},
		{"valid at the limits", func(in *comply.NewRequest, _ *[]schakel.Addressee) {
			in.Subject, in.Body = long(comply.MaxSubject), long(comply.MaxText)
			in.Grounds = nil
			for i := range comply.MaxGrounds {
				in.Grounds = append(in.Grounds, ground(strings.Repeat("p", i+1), long(comply.MaxText)))
			}
		}, nil},
		{"valid urgent brake", func(in *comply.NewRequest, _ *[]schakel.Addressee) {
			in.Type, in.Urgent = schakel.TypeProfessionalBrake, true
		}, nil},
		{"no type", func(in *comply.NewRequest, _ *[]schakel.Addressee) { in.Type = "" },
			map[string]string{"type": "enum"}},
		{"unknown type", func(in *comply.NewRequest, _ *[]schakel.Addressee) { in.Type = "petitie" },
			map[string]string{"type": "enum"}},
		{"no subject", func(in *comply.NewRequest, _ *[]schakel.Addressee) { in.Subject = "" },
			map[string]string{"onderwerp": "required"}},
		{"blank subject", func(in *comply.NewRequest, _ *[]schakel.Addressee) { in.Subject = " \t\r\n " },
			map[string]string{"onderwerp": "required"}},
		{"subject too long", func(in *comply.NewRequest, _ *[]schakel.Addressee) { in.Subject = long(comply.MaxSubject + 1) },
			map[string]string{"onderwerp": "too_long"}},
		{"body too long", func(in *comply.NewRequest, _ *[]schakel.Addressee) { in.Body = long(comply.MaxText + 1) },
			map[string]string{"toelichting": "too_long"}},
		{"no grounds", func(in *comply.NewRequest, _ *[]schakel.Addressee) { in.Grounds = nil },
			map[string]string{"gronden": "required"}},
		{"empty grounds", func(in *comply.NewRequest, _ *[]schakel.Addressee) { in.Grounds = []schakel.Ground{} },
			map[string]string{"gronden": "required"}},
		{"too many grounds", func(in *comply.NewRequest, _ *[]schakel.Addressee) {
			in.Grounds = nil
			for i := range comply.MaxGrounds + 1 {
				in.Grounds = append(in.Grounds, ground(strings.Repeat("p", i+1), "x"))
			}
		}, map[string]string{"gronden": "too_many"}},
		{"ground without principle", func(in *comply.NewRequest, _ *[]schakel.Addressee) { in.Grounds[1].Principle = " " },
			map[string]string{"gronden[1].beginsel": "required"}},
		{"ground without text", func(in *comply.NewRequest, _ *[]schakel.Addressee) { in.Grounds[0].Text = "\n" },
			map[string]string{"gronden[0].toelichting": "required"}},
		{"ground text too long", func(in *comply.NewRequest, _ *[]schakel.Addressee) { in.Grounds[0].Text = long(comply.MaxText + 1) },
			map[string]string{"gronden[0].toelichting": "too_long"}},
		{"duplicate principle", func(in *comply.NewRequest, _ *[]schakel.Addressee) {
			in.Grounds = append(in.Grounds, ground("evenredigheid", "Nog eens."))
		}, map[string]string{"gronden[2].beginsel": "duplicate"}},
		{"unknown principle", func(in *comply.NewRequest, _ *[]schakel.Addressee) { in.Grounds[0].Principle = "onbekend" },
			map[string]string{"gronden[0].beginsel": "unknown"}},
		{"retired principle", func(in *comply.NewRequest, _ *[]schakel.Addressee) { in.Grounds[1].Principle = "ingetrokken-beginsel" },
			map[string]string{"gronden[1].beginsel": "unknown"}},
		{"no ladder", func(_ *comply.NewRequest, l *[]schakel.Addressee) { *l = nil },
			map[string]string{"geadresseerde": "required"}},
		{"ladder without organisation", func(_ *comply.NewRequest, l *[]schakel.Addressee) {
			*l = []schakel.Addressee{{Role: schakel.RoleBoard}}
		}, map[string]string{"geadresseerde": "required"}},
		{"urgent objection", func(in *comply.NewRequest, _ *[]schakel.Addressee) { in.Urgent = true },
			map[string]string{"urgent": "not_allowed"}},
		{"urgent complaint with other errors", func(in *comply.NewRequest, _ *[]schakel.Addressee) {
			in.Type, in.Urgent, in.Subject = schakel.TypeComplaint, true, ""
		}, map[string]string{"urgent": "not_allowed", "onderwerp": "required"}},
		{
			name: "everything wrong at once",
			edit: func(in *comply.NewRequest, l *[]schakel.Addressee) {
				in.Type = "x"
				in.Subject = ""
				in.Body = long(comply.MaxText + 1)
				in.Grounds = []schakel.Ground{
					ground("", "Zonder beginsel."),
					ground("evenredigheid", ""),
					ground("evenredigheid", "Dubbel."),
					ground("onbekend", long(comply.MaxText+1)),
				}
				*l = nil
			},
			fields: map[string]string{
				"type": "enum", "onderwerp": "required", "toelichting": "too_long",
				"gronden[0].beginsel": "required", "gronden[1].toelichting": "required",
				"gronden[2].beginsel": "duplicate", "gronden[3].beginsel": "unknown",
				"gronden[3].toelichting": "too_long", "geadresseerde": "required",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEngine()
			in := input(schakel.TypeObjection)
			in.Grounds = append([]schakel.Ground(nil), in.Grounds...)
			ladder := append([]schakel.Addressee(nil), twoRungs...)
			tt.edit(&in, &ladder)
			r, ev, err := e.New(in, ladder, known, ams(2026, time.April, 1, 12, 0))
			if tt.fields == nil {
				ok(t)(r, ev, err)
				return
			}
			if r != nil || ev != nil {
				t.Errorf("invalid input made a request")
			}
			wantFields(t, err, tt.fields)
		})
	}
}

// A nil known accepts every code: the caller decides about the catalogue.
func TestNewNilKnown(t *testing.T) {
	e := newEngine()
	in := input(schakel.TypeObjection)
	in.Grounds[0].Principle = "onbekend"
	if _, _, err := e.New(in, twoRungs, nil, ams(2026, time.April, 1, 12, 0)); err != nil {
		t.Fatal(err)
	}
}

func TestAnswerRequiredFields(t *testing.T) {
	now := ams(2026, time.April, 22, 10, 0)
	long := strings.Repeat("a", comply.MaxText+1)
	tests := []struct {
		name   string
		in     comply.AnswerInput
		fields map[string]string // nil: valid
	}{
		{"comply", complyBy("2026-06-01"), nil},
		{"comply by today", complyBy("2026-04-22"), nil},
		{"explain", explain(), nil},
		{"no kind", comply.AnswerInput{}, map[string]string{"soort": "enum"}},
		{"unknown kind", comply.AnswerInput{Kind: "misschien", Changes: "x"}, map[string]string{"soort": "enum"}},
		{"comply without anything", comply.AnswerInput{Kind: schakel.Comply},
			map[string]string{"wijzigingen": "required", "uiterlijk": "required"}},
		{"comply with blank changes", comply.AnswerInput{Kind: schakel.Comply, Changes: "  ", ByWhen: date("2026-06-01")},
			map[string]string{"wijzigingen": "required"}},
		{"comply with changes too long", comply.AnswerInput{Kind: schakel.Comply, Changes: long, ByWhen: date("2026-06-01")},
			map[string]string{"wijzigingen": "too_long"}},
		{"comply without date", comply.AnswerInput{Kind: schakel.Comply, Changes: "We stoppen."},
			map[string]string{"uiterlijk": "required"}},
		{"comply by yesterday", complyBy("2026-04-21"),
			map[string]string{"uiterlijk": "past"}},
		{"comply with motivations", comply.AnswerInput{Kind: schakel.Comply, Changes: "We stoppen.", ByWhen: date("2026-06-01"),
			Motivations: map[string]string{"evenredigheid": "x"}},
			map[string]string{"motiveringen": "not_allowed"}},
		{"explain without motivations", comply.AnswerInput{Kind: schakel.Explain},
			map[string]string{"motiveringen.evenredigheid": "required", "motiveringen.zorgvuldigheid": "required"}},
		{"explain missing one principle", comply.AnswerInput{Kind: schakel.Explain,
			Motivations: map[string]string{"evenredigheid": "De wet laat geen ruimte."}},
			map[string]string{"motiveringen.zorgvuldigheid": "required"}},
		{"explain with a blank motivation", comply.AnswerInput{Kind: schakel.Explain,
			Motivations: map[string]string{"evenredigheid": "De wet laat geen ruimte.", "zorgvuldigheid": " \n"}},
			map[string]string{"motiveringen.zorgvuldigheid": "required"}},
		{"explain with a motivation too long", comply.AnswerInput{Kind: schakel.Explain,
			Motivations: map[string]string{"evenredigheid": long, "zorgvuldigheid": "Onderzocht."}},
			map[string]string{"motiveringen.evenredigheid": "too_long"}},
		{"explain for a principle not cited", comply.AnswerInput{Kind: schakel.Explain,
			Motivations: map[string]string{"evenredigheid": "a", "zorgvuldigheid": "b", "gelijkheid": "c"}},
			map[string]string{"motiveringen.gelijkheid": "not_cited"}},
		{"explain with changes", comply.AnswerInput{Kind: schakel.Explain, Changes: "We stoppen.",
			Motivations: explain().Motivations},
			map[string]string{"wijzigingen": "not_allowed"}},
		{"explain with a date", comply.AnswerInput{Kind: schakel.Explain, ByWhen: date("2026-06-01"),
			Motivations: explain().Motivations},
			map[string]string{"uiterlijk": "not_allowed"}},
		{"explain, everything wrong", comply.AnswerInput{Kind: schakel.Explain, Changes: "x",
			Motivations: map[string]string{"zorgvuldigheid": "", "rechtszekerheid": "d"}},
			map[string]string{"motiveringen.evenredigheid": "required", "motiveringen.zorgvuldigheid": "required",
				"motiveringen.rechtszekerheid": "not_cited", "wijzigingen": "not_allowed"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEngine()
			r := brake(t, e)
			n, ev, err := e.Answer(r, responder, tt.in, now)
			if tt.fields == nil {
				ok(t)(n, ev, err)
				return
			}
			if n != nil || ev != nil {
				t.Error("an invalid answer was recorded")
			}
			wantFields(t, err, tt.fields)
		})
	}
}

// The date by which a comply changes things is a date in Amsterdam: just
// after midnight there, the UTC date is still yesterday.
func TestAnswerByWhenIsAmsterdamDate(t *testing.T) {
	e := newEngine()
	now := ams(2026, time.April, 22, 0, 30) // 21 April 22:30 UTC
	_, _, err := e.Answer(brake(t, e), responder, complyBy("2026-04-21"), now)
	wantFields(t, err, map[string]string{"uiterlijk": "past"})
	ok(t)(e.Answer(brake(t, e), responder, complyBy("2026-04-22"), now))
}

func TestReasonRequired(t *testing.T) {
	long := strings.Repeat("a", comply.MaxText+1)
	tests := []struct {
		name   string
		from   func(testing.TB, *comply.Engine) *schakel.Request
		do     action
		fields map[string]string
	}{
		{"contest without reason", explained, contest(""), map[string]string{"reden": "required"}},
		{"contest with a blank reason", explained, contest(" \t"), map[string]string{"reden": "required"}},
		{"contest with a reason too long", explained, contest(long), map[string]string{"reden": "too_long"}},
		{"withdraw without reason", openBrake, withdraw(""), map[string]string{"reden": "required"}},
		{"withdraw with a reason too long", ackedBrake, withdraw(long), map[string]string{"reden": "too_long"}},
		{"close with a reason too long", complied, closeReq(long), map[string]string{"reden": "too_long"}},
		{"extend without reason", openBrake, extend(calendar.MustParseTerm("P1W"), ""), map[string]string{"reden": "required"}},
		{"extend with a reason too long", openBrake, extend(calendar.MustParseTerm("P1W"), long), map[string]string{"reden": "too_long"}},
		{"extend without term", openBrake, extend(calendar.Term{}, "Drukte."), map[string]string{"termijn": "invalid"}},
		{"extend by zero days", openBrake, extend(calendar.Term{N: 0, Unit: calendar.Days}, "Drukte."), map[string]string{"termijn": "invalid"}},
		{"extend by a negative term", openBrake, extend(calendar.Term{N: -1, Unit: calendar.Weeks}, "Drukte."), map[string]string{"termijn": "invalid"}},
		{"extend in an unknown unit", openBrake, extend(calendar.Term{N: 1, Unit: 9}, "Drukte."), map[string]string{"termijn": "invalid"}},
		{"extend without term and reason", openBrake, extend(calendar.Term{}, ""), map[string]string{"termijn": "invalid", "reden": "required"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEngine()
			n, ev, err := tt.do(e, tt.from(t, e), answeredAt)
			if n != nil || ev != nil {
				t.Error("an invalid action was recorded")
			}
			wantFields(t, err, tt.fields)
		})
	}
}
