package comply_test

import (
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/comply"
)

// TestDefaultTermsValid holds the defaults to the rules an organisation's
// own terms must keep, the statutory maxima among them.
func TestDefaultTermsValid(t *testing.T) {
	for _, typ := range schakel.RequestTypes {
		terms, ok := comply.DefaultTerms[typ]
		if !ok {
			t.Fatalf("no default terms for %s", typ)
		}
		s := comply.Setting(1, typ, terms)
		if err := s.Validate(); err != nil {
			t.Errorf("%s: default terms invalid: %v %v", typ, err, schakel.ErrorFields(err))
		}
		if got := comply.TermsOf(s); got != terms {
			t.Errorf("%s: TermsOf(Setting(t)) = %+v, want %+v", typ, got, terms)
		}
	}
}

func TestTermTable(t *testing.T) {
	var tt comply.TermTable
	if got := tt.Lookup(7, schakel.TypeObjection); got != comply.DefaultTerms[schakel.TypeObjection] {
		t.Fatalf("empty table: %+v, want the defaults", got)
	}
	own := comply.Terms{Answer: calendar.MustParseTerm("P4W"), ReminderWorkingDays: 2}
	tt.Replace([]schakel.TermSetting{comply.Setting(7, schakel.TypeObjection, own)})
	if got := tt.Lookup(7, schakel.TypeObjection); got != own {
		t.Fatalf("configured: %+v, want %+v", got, own)
	}
	if got := tt.Lookup(8, schakel.TypeObjection); got != comply.DefaultTerms[schakel.TypeObjection] {
		t.Fatalf("other organisation: %+v, want the defaults", got)
	}
	if got := tt.Lookup(7, schakel.TypeComplaint); got != comply.DefaultTerms[schakel.TypeComplaint] {
		t.Fatalf("other type: %+v, want the defaults", got)
	}
	if _, ok := tt.Configured(7, schakel.TypeObjection); !ok || tt.Len() != 1 {
		t.Fatal("Configured/Len do not see the setting")
	}
	tt.Replace(nil)
	if got := tt.Lookup(7, schakel.TypeObjection); got != comply.DefaultTerms[schakel.TypeObjection] || tt.Len() != 0 {
		t.Fatalf("after Replace(nil): %+v, want the defaults", got)
	}
}

// TestEngineUsesTable: a new request's deadlines follow the addressee's own
// terms, and the next rung's terms are those of the organisation there.
func TestEngineUsesTable(t *testing.T) {
	var tt comply.TermTable
	tt.Replace([]schakel.TermSetting{comply.Setting(1, schakel.TypeGeneral, comply.Terms{Answer: calendar.MustParseTerm("P2W")})})
	e := &comply.Engine{Calendar: calendar.New(), Terms: tt.Lookup}
	ladder := []schakel.Addressee{{OrganisationID: 1, Role: schakel.RoleBoard}, {OrganisationID: 2, Role: schakel.RolePolicy}}
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	r, _, err := e.New(comply.NewRequest{Type: schakel.TypeGeneral, Subject: "S", Grounds: []schakel.Ground{{Principle: "p", Text: "t"}},
		Requester: schakel.Party{Kind: schakel.PartyUser, UserID: 9}}, ladder, nil, now)
	if err != nil {
		t.Fatal(err)
	}
	if want := calendar.MustParseDate("2026-03-16"); r.AnswerDue != want {
		t.Fatalf("answer due %v, want %v (two weeks, configured)", r.AnswerDue, want)
	}
	r.ID = 1
	n, _, err := e.Sweep(r, r.AnswerDeadline)
	if err != nil || n == nil {
		t.Fatalf("sweep: %v", err)
	}
	// Escalated on 2026-03-17 (the deadline passed at midnight); rung 2 has
	// the default six weeks.
	if want := calendar.MustParseDate("2026-04-28"); n.Rung != 1 || n.AnswerDue != want {
		t.Fatalf("rung %d due %v, want rung 1 due %v (six weeks, default)", n.Rung, n.AnswerDue, want)
	}
}
