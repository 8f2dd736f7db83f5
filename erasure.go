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

// ErasureStore erases the personal free texts of requests.
//
// It is what the retention job of C9 will call when a request's retention
// period has run out; that job, and the retention periods per record type,
// are a later issue. Erasure is done by the system, not by a user, so no
// user is recorded.
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
