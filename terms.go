package schakel

import (
	"context"
	"time"

	"github.com/schakel-nl/schakel/calendar"
)

// TermSetting is an organisation's own terms for one request type, which
// replace the defaults (account.DefaultTerms) for requests addressed to that
// organisation: a rung's terms are those of the organisation at that rung.
// A zero Term means "none" (no separate acknowledgement, no urgency, no
// extension, no outer bound); Answer is always set.
//
// Terms are stored and sent in their text form (calendar.Term.String,
// parsed by calendar.ParseTermText): an ISO 8601 duration ("P6W", "P14D",
// "P3M") or a number of working days in Dutch ("5 werkdagen").
type TermSetting struct {
	OrganisationID int64
	Type           RequestType
	// Ack is the term to acknowledge receipt.
	Ack calendar.Term
	// Answer is the term to answer.
	Answer calendar.Term
	// Urgent replaces Answer for urgent requests.
	Urgent calendar.Term
	// MaxExtension is the most the addressee may extend the answer term, once.
	MaxExtension calendar.Term
	// Outer is the bound from the request's creation that no extension may pass.
	Outer calendar.Term
	// ReminderWorkingDays before the answer deadline a reminder is due; 0 means none.
	ReminderWorkingDays int
	// UpdatedAt and UpdatedBy (a user id; 0 for an operator's tool) say who
	// changed the setting last; the store sets UpdatedAt.
	UpdatedAt time.Time
	UpdatedBy int64
}

// MaxReminderWorkingDays is the most working days before a deadline a
// reminder may be set.
const MaxReminderWorkingDays = 20

// StatutoryLimits are the longest terms the law allows for a request type;
// a zero Term means the law sets no maximum. Required terms must be set.
type StatutoryLimits struct {
	Ack, Answer, MaxExtension, Outer calendar.Term
	// AckRequired and OuterRequired: the law demands the term, so it cannot
	// be configured away.
	AckRequired, OuterRequired bool
	// Source names the law, for messages: "Awb 7:10".
	Source string
}

// Statutory returns the statutory limits of a request type:
//   - objection (Awb 7:10): answer within 6 weeks, or 12 with an advisory
//     committee (lid 1), so at most 12 weeks; postponement at most 6 weeks (lid 3);
//   - complaint (Awb 9:11): answer within 6 weeks, or 10 with a complaints
//     committee (lid 1), so at most 10 weeks; postponement at most 4 weeks (lid 2);
//   - professional's brake (the whistleblower law, Wet bescherming
//     klokkenluiders): acknowledgement within 7 days and a response within
//     3 months, both required.
//
// The other types are schakel's own and have no statutory maximum.
func Statutory(t RequestType) StatutoryLimits {
	switch t {
	case TypeObjection:
		return StatutoryLimits{Answer: calendar.Term{N: 12, Unit: calendar.Weeks}, MaxExtension: calendar.Term{N: 6, Unit: calendar.Weeks}, Source: "Awb 7:10"}
	case TypeComplaint:
		return StatutoryLimits{Answer: calendar.Term{N: 10, Unit: calendar.Weeks}, MaxExtension: calendar.Term{N: 4, Unit: calendar.Weeks}, Source: "Awb 9:11"}
	case TypeProfessionalBrake:
		return StatutoryLimits{Ack: calendar.Term{N: 7, Unit: calendar.Days}, Outer: calendar.Term{N: 3, Unit: calendar.Months},
			AckRequired: true, OuterRequired: true, Source: "Wet bescherming klokkenluiders"}
	}
	return StatutoryLimits{}
}

// Validate checks s and names every invalid field at once: the type, each
// term (a valid unit and length), the answer term (required), the
// acknowledgement and urgent terms (no longer than the answer term), the
// outer bound (no shorter than the answer term), the reminder (0 to
// MaxReminderWorkingDays) and the statutory limits of the type (see
// Statutory). Terms in different units are compared with
// calendar.Term.AtMost, which only passes a term that can never be longer.
func (s *TermSetting) Validate() error {
	var v Validation
	if s.OrganisationID <= 0 {
		v.Add("organisatieId", "required", "Dit veld is verplicht.")
	}
	if !s.Type.Valid() {
		v.Add("type", "enum", "Kies een bestaand soort verzoek.")
	}
	fields := []struct {
		name string
		t    calendar.Term
	}{{"ontvangst", s.Ack}, {"antwoord", s.Answer}, {"spoed", s.Urgent}, {"maximaleVerlenging", s.MaxExtension}, {"buitengrens", s.Outer}}
	ok := map[string]bool{}
	for _, f := range fields {
		if f.t == (calendar.Term{}) {
			continue
		}
		if err := f.t.Validate(); err != nil {
			v.Add(f.name, "invalid", "%s", err.Error())
			continue
		}
		ok[f.name] = true
	}
	if s.Answer == (calendar.Term{}) {
		v.Add("antwoord", "required", "Dit veld is verplicht.")
	}
	if ok["antwoord"] {
		if ok["ontvangst"] && !s.Ack.AtMost(s.Answer) {
			v.Add("ontvangst", "too_long", "Mag niet langer zijn dan de antwoordtermijn (%s).", s.Answer.Dutch())
		}
		if ok["spoed"] && !s.Urgent.AtMost(s.Answer) {
			v.Add("spoed", "too_long", "Mag niet langer zijn dan de antwoordtermijn (%s).", s.Answer.Dutch())
		}
		if ok["buitengrens"] && !s.Answer.AtMost(s.Outer) {
			v.Add("buitengrens", "too_short", "Mag niet korter zijn dan de antwoordtermijn (%s).", s.Answer.Dutch())
		}
	}
	if s.ReminderWorkingDays < 0 || s.ReminderWorkingDays > MaxReminderWorkingDays {
		v.Add("herinneringWerkdagen", "range", "Geef 0 (geen herinnering) tot en met %d werkdagen.", MaxReminderWorkingDays)
	}
	if s.Type.Valid() {
		s.validateStatutory(ok, &v)
	}
	return v.Err()
}

// validateStatutory checks the terms against the law's bounds for the type;
// ok names the terms that are valid in themselves.
func (s *TermSetting) validateStatutory(ok map[string]bool, v *Validation) {
	law := Statutory(s.Type)
	if law.AckRequired && s.Ack == (calendar.Term{}) {
		v.Add("ontvangst", "required", "Verplicht volgens %s: hoogstens %s.", law.Source, law.Ack.Dutch())
	}
	if law.OuterRequired && s.Outer == (calendar.Term{}) {
		v.Add("buitengrens", "required", "Verplicht volgens %s: hoogstens %s.", law.Source, law.Outer.Dutch())
	}
	for _, c := range []struct {
		name   string
		t, max calendar.Term
	}{{"ontvangst", s.Ack, law.Ack}, {"antwoord", s.Answer, law.Answer}, {"maximaleVerlenging", s.MaxExtension, law.MaxExtension}, {"buitengrens", s.Outer, law.Outer}} {
		switch {
		case !ok[c.name] || c.max == (calendar.Term{}) || c.t.AtMost(c.max):
		case c.t.Unit == c.max.Unit:
			v.Add(c.name, "statutory", "Mag volgens %s hoogstens %s zijn.", law.Source, c.max.Dutch())
		default:
			v.Add(c.name, "statutory", "Mag volgens %s hoogstens %s zijn; %s kan langer duren.", law.Source, c.max.Dutch(), c.t.Dutch())
		}
	}
}

// TermChange is one appended entry in the history of an organisation's
// terms: who changed them when, from what to what. Old is nil when the
// type had the defaults before; New is nil when the change restored them.
// Changes are never edited or deleted.
type TermChange struct {
	ID             int64
	OrganisationID int64
	Type           RequestType
	At             time.Time
	By             int64 // user id, 0 for an operator's tool
	Old, New       *TermSetting
}

// TermStore stores the organisations' own terms.
type TermStore interface {
	// SetTerms validates s (TermSetting.Validate) and makes it the terms of
	// s.Type at s.OrganisationID, appending a TermChange in the same
	// transaction; it sets s.UpdatedAt. Setting what is already set changes
	// nothing and appends nothing. Returns EINVALID naming every invalid
	// field, also an organisation that does not exist.
	SetTerms(ctx context.Context, s *TermSetting) error
	// DeleteTerms restores the defaults for a type at an organisation,
	// appending a TermChange by user by. Deleting what is not configured
	// changes nothing and is not an error.
	DeleteTerms(ctx context.Context, organisationID int64, t RequestType, by int64) error
	// TermSettings returns the configured terms of one organisation, or of
	// every organisation when organisationID is 0, ordered by organisation
	// and type.
	TermSettings(ctx context.Context, organisationID int64) ([]TermSetting, error)
	// TermChanges returns the history of an organisation's terms, oldest first.
	TermChanges(ctx context.Context, organisationID int64) ([]*TermChange, error)
}
