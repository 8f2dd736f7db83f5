package schakel_test

import (
	"slices"
	"testing"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
)

func TestTermSettingValidate(t *testing.T) {
	term := calendar.MustParseTermText
	valid := func(typ schakel.RequestType) schakel.TermSetting {
		s := schakel.TermSetting{OrganisationID: 1, Type: typ, Answer: term("P6W"), ReminderWorkingDays: 3}
		if typ == schakel.TypeProfessionalBrake {
			s.Ack, s.Outer = term("P7D"), term("P3M")
		}
		return s
	}
	for _, c := range []struct {
		name   string
		typ    schakel.RequestType
		change func(*schakel.TermSetting)
		fields []string
	}{
		{"valid general", schakel.TypeGeneral, func(*schakel.TermSetting) {}, nil},
		{"general may be long and in working days", schakel.TypeGeneral, func(s *schakel.TermSetting) {
			s.Answer, s.Urgent, s.Ack, s.MaxExtension = term("P6M"), term("10 werkdagen"), term("3 werkdagen"), term("P3M")
		}, nil},
		{"no organisation, no type, no answer", "", func(s *schakel.TermSetting) { s.OrganisationID, s.Answer = 0, calendar.Term{} },
			[]string{"organisatieId", "type", "antwoord"}},
		{"invalid terms", schakel.TypeGeneral, func(s *schakel.TermSetting) {
			s.Answer, s.Ack = calendar.Term{N: 0, Unit: calendar.Weeks}, calendar.Term{N: 1, Unit: 9}
		}, []string{"antwoord", "ontvangst"}},
		{"ack and urgent longer than answer, outer shorter", schakel.TypeGeneral, func(s *schakel.TermSetting) {
			s.Answer, s.Ack, s.Urgent, s.Outer = term("P2W"), term("P15D"), term("P3W"), term("P10D")
		}, []string{"ontvangst", "spoed", "buitengrens"}},
		{"urgent in working days that may outlast the answer", schakel.TypeGeneral, func(s *schakel.TermSetting) {
			s.Answer, s.Urgent = term("P2W"), term("5 werkdagen")
		}, []string{"spoed"}},
		{"reminder out of range", schakel.TypeGeneral, func(s *schakel.TermSetting) { s.ReminderWorkingDays = 21 }, []string{"herinneringWerkdagen"}},
		{"negative reminder", schakel.TypeGeneral, func(s *schakel.TermSetting) { s.ReminderWorkingDays = -1 }, []string{"herinneringWerkdagen"}},
		{"objection: 12 weeks and 6 weeks extension", schakel.TypeObjection, func(s *schakel.TermSetting) {
			s.Answer, s.MaxExtension = term("P12W"), term("P42D")
		}, nil},
		{"objection: beyond Awb 7:10", schakel.TypeObjection, func(s *schakel.TermSetting) {
			s.Answer, s.MaxExtension = term("P13W"), term("P2M")
		}, []string{"antwoord", "maximaleVerlenging"}},
		{"complaint: 4 weeks extension", schakel.TypeComplaint, func(s *schakel.TermSetting) { s.MaxExtension = term("P1M") }, []string{"maximaleVerlenging"}},
		{"complaint: 10 weeks, 28 days", schakel.TypeComplaint, func(s *schakel.TermSetting) { s.Answer, s.MaxExtension = term("P10W"), term("P28D") }, nil},
		{"complaint: 11 weeks, 5 weeks", schakel.TypeComplaint, func(s *schakel.TermSetting) { s.Answer, s.MaxExtension = term("P11W"), term("P5W") },
			[]string{"antwoord", "maximaleVerlenging"}},
		{"brake: acknowledgement and outer bound required", schakel.TypeProfessionalBrake, func(s *schakel.TermSetting) {
			s.Ack, s.Outer = calendar.Term{}, calendar.Term{}
		}, []string{"ontvangst", "buitengrens"}},
		{"brake: beyond the whistleblower law", schakel.TypeProfessionalBrake, func(s *schakel.TermSetting) {
			s.Ack, s.Outer = term("P8D"), term("P4M")
		}, []string{"ontvangst", "buitengrens"}},
		{"brake: 5 working days acknowledgement may exceed 7 days", schakel.TypeProfessionalBrake, func(s *schakel.TermSetting) {
			s.Ack = term("5 werkdagen")
		}, []string{"ontvangst"}},
		{"brake: shorter is fine", schakel.TypeProfessionalBrake, func(s *schakel.TermSetting) {
			s.Ack, s.Answer, s.Urgent, s.Outer = term("P5D"), term("P4W"), term("2 werkdagen"), term("P12W")
		}, nil},
		// Easter 2038 is 25 April: Thursday 22 April → Goede Vrijdag, the weekend, 2e Paasdag,
		// Koningsdag: the third working day is Friday 30 April, 8 days on.
		{"brake: 3 working days can outlast 7 days", schakel.TypeProfessionalBrake, func(s *schakel.TermSetting) {
			s.Ack = term("3 werkdagen")
		}, []string{"ontvangst"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := valid(c.typ)
			c.change(&s)
			err := s.Validate()
			var got []string
			for _, f := range schakel.ErrorFields(err) {
				got = append(got, f.Field)
				if f.Reason() == "" {
					t.Errorf("field %s has no message", f.Field)
				}
			}
			slices.Sort(got)
			want := slices.Clone(c.fields)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Fatalf("invalid fields %v, want %v (%v)", got, want, err)
			}
			if len(want) > 0 && schakel.ErrorCode(err) != schakel.EINVALID {
				t.Fatalf("code %s, want invalid", schakel.ErrorCode(err))
			}
		})
	}
}
