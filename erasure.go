package schakel

import (
	"context"
	"time"
)

// ErasedText replaces every free text of a request that was erased: its
// subject and body, the texts of its grounds, and the texts in its events'
// data (what a comply changes, an explain's motivations, the reason of a
// contest, extension, withdrawal, closure or escalation). A text that was
// empty stays empty, so what was said is gone but not whether something was
// said.
const ErasedText = "[gewist]"

// Erasure records that the personal free texts of a request were erased
// (PRODUCT.md C9). The public record (ledger) holds only hashes of those
// texts, so it stays verifiable: the log still commits to the original
// texts, which nobody can show any more.
type Erasure struct {
	RequestID int64
	ErasedAt  time.Time
	// Reason says why, for example the retention period that ran out.
	Reason string
	// ThroughSeq is the last event erased: the events 1…ThroughSeq (all
	// there were) hold ErasedText instead of their texts.
	ThroughSeq int
}

// ErasureStore erases the personal free texts of requests (brakes
// included: a brake is a request) and cases.
//
// The erasure service (package erasure) calls it on a data subject's
// request and when a record's retention period has run out. The store
// records no user: the service logs the erasure, without personal data.
type ErasureStore interface {
	// EraseRequestTexts replaces, in one transaction, every free text of the
	// request and of all its events with ErasedText and records the
	// Erasure. Codes, states, dates, organisations and parties stay; so do
	// the events' log entries, which were computed from the original texts.
	// Only a request that has ended (closed or withdrawn) can be erased:
	// nothing more happens to it, so no new texts come after the erasure.
	// Returns ENOTFOUND for an unknown request, ECONFLICT when it was erased
	// already, has not ended, or has an event from before the log that the
	// log has not taken in yet (its entry would be computed from the erased
	// texts), and EINVALID without a reason.
	EraseRequestTexts(ctx context.Context, requestID int64, reason string) error
	// Erasures returns the erasures of those of the given requests whose
	// texts were erased, by request id.
	Erasures(ctx context.Context, requestIDs []int64) (map[int64]*Erasure, error)
	// EraseCaseTexts replaces, in one transaction, every personal text of
	// the case with ErasedText — its title, situation, parties, intent and
	// harm, its views, its decision's legal ground text, explanation and
	// weighings, its signal's text and the free-text notes of its events
	// (the notes that are codes, a perspective or an outcome, stay) — and
	// records the CaseErasure. Codes, states, dates, rules, principles and
	// the published precedent stay: the precedent was redacted before it
	// was published. Only a closed case (CaseState.Closed) can be erased.
	// Returns ENOTFOUND for an unknown case, ECONFLICT when it was erased
	// already or is not closed, and EINVALID without a reason.
	EraseCaseTexts(ctx context.Context, caseID int64, reason string) error
	// CaseErasures returns the erasures of those of the given cases whose
	// texts were erased, by case id.
	CaseErasures(ctx context.Context, caseIDs []int64) (map[int64]*CaseErasure, error)
}

// CaseErasure records that the personal texts of a case were erased.
type CaseErasure struct {
	CaseID   int64
	ErasedAt time.Time
	// Reason says why, for example the retention period that ran out.
	Reason string
	// ThroughSeq is the last event erased: the notes of the events
	// 1…ThroughSeq are erased; an event after it (a change to the
	// publication) was written after the erasure.
	ThroughSeq int
}

// RetentionFilter selects the records whose retention period ran out: those
// that ended before Before and whose texts are not erased yet, in id order
// from the first id after AfterID, at most Limit (0: 100).
type RetentionFilter struct {
	Before  time.Time
	AfterID int64
	Limit   int
}

// RetentionStore finds the records whose retention period ran out, for the
// retention job to erase (PRODUCT.md C9).
type RetentionStore interface {
	// EndedRequests returns the ids of the requests that ended (closed or
	// withdrawn) before f.Before and are not erased: of the brakes when
	// brakes is true, of the other requests otherwise. A request ended at
	// its last change, which is its closure or withdrawal.
	EndedRequests(ctx context.Context, brakes bool, f RetentionFilter) ([]int64, error)
	// ClosedCases returns the ids of the closed cases (CaseState.Closed)
	// last changed before f.Before that are not erased.
	ClosedCases(ctx context.Context, f RetentionFilter) ([]int64, error)
}

// EraseTexts returns d with every non-empty free text replaced by
// ErasedText; the facts (answer kind, dates, addressees, terms) stay.
func (d EventData) EraseTexts() EventData {
	erase := func(s string) string {
		if s == "" {
			return ""
		}
		return ErasedText
	}
	d.Changes = erase(d.Changes)
	d.Reason = erase(d.Reason)
	if d.Motivations != nil {
		m := make(map[string]string, len(d.Motivations))
		for k, v := range d.Motivations {
			m[k] = erase(v)
		}
		d.Motivations = m
	}
	return d
}
