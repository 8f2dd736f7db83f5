package comply

import (
	"sync/atomic"

	"github.com/schakel-nl/schakel"
)

// TermsOf returns the terms a setting configures.
func TermsOf(s schakel.TermSetting) Terms {
	return Terms{Ack: s.Ack, Answer: s.Answer, Urgent: s.Urgent, MaxExtension: s.MaxExtension, Outer: s.Outer, ReminderWorkingDays: s.ReminderWorkingDays}
}

// Setting returns t as the setting of type typ at an organisation, the
// inverse of TermsOf.
func Setting(org int64, typ schakel.RequestType, t Terms) schakel.TermSetting {
	return schakel.TermSetting{OrganisationID: org, Type: typ, Ack: t.Ack, Answer: t.Answer, Urgent: t.Urgent,
		MaxExtension: t.MaxExtension, Outer: t.Outer, ReminderWorkingDays: t.ReminderWorkingDays}
}

type termKey struct {
	org int64
	typ schakel.RequestType
}

// TermTable is an in-memory snapshot of the organisations' own terms, for
// Engine.Terms: every new request and every new rung reads it, so a lookup
// takes no lock: the table is an immutable map behind an atomic pointer,
// swapped whole by Replace. The zero TermTable is empty and ready to use.
type TermTable struct {
	m atomic.Pointer[map[termKey]Terms]
}

// Lookup returns the terms of a type at an organisation: its own when it
// configured them, otherwise DefaultTerms. It has the signature of
// Engine.Terms.
func (t *TermTable) Lookup(org int64, typ schakel.RequestType) Terms {
	if terms, ok := t.Configured(org, typ); ok {
		return terms
	}
	return DefaultTerms[typ]
}

// Configured returns an organisation's own terms for a type, and whether it
// has any.
func (t *TermTable) Configured(org int64, typ schakel.RequestType) (Terms, bool) {
	m := t.m.Load()
	if m == nil {
		return Terms{}, false
	}
	terms, ok := (*m)[termKey{org, typ}]
	return terms, ok
}

// Replace makes settings the whole table, dropping what is not in it.
func (t *TermTable) Replace(settings []schakel.TermSetting) {
	m := make(map[termKey]Terms, len(settings))
	for _, s := range settings {
		m[termKey{s.OrganisationID, s.Type}] = TermsOf(s)
	}
	t.m.Store(&m)
}

// Len returns the number of configured (organisation, type) pairs.
func (t *TermTable) Len() int {
	if m := t.m.Load(); m != nil {
		return len(*m)
	}
	return 0
}
