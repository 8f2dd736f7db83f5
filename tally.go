package schakel

import (
	"context"
	"time"
)

// RequestTally counts the requests that are alike in everything the
// parliament view groups by or measures (PRODUCT.md C8). The store counts,
// the figures service groups: a year of a hundred thousand requests
// becomes a few thousand tallies, read in one query.
type RequestTally struct {
	Type RequestType
	// FirstOrganisationID is the organisation asked first (the ladder's
	// first rung), which escalation does not change.
	FirstOrganisationID int64
	// RequesterOrganisationID is the organisation that asked, or 0 when a
	// person did.
	RequesterOrganisationID int64
	// Open is true while the requests await an answer; Overdue counts
	// those of them past their answer deadline (at TallyFilter.Now).
	Open    bool
	Overdue int
	// Answer is the kind of the latest answer, or empty.
	Answer AnswerKind
	// AnswerDays is the number of whole days from the request to its first
	// answer, or -1 when it has none.
	AnswerDays int
	// Late is true when a deadline was missed or the answer came late.
	Late bool
	// Missed is true when a deadline was missed; Escalated when the request
	// went up its ladder at least one rung.
	Missed, Escalated bool
	// Count is how many requests are alike in all of the above.
	Count int
}

// TallyFilter selects the requests made in [From, To) by their creation.
// Now decides which open requests are overdue. With AsOf, the requests are
// counted as they stood at Now as far as their answers go — an answer
// given after Now is not yet given — for a report's cut-off; that reads
// every request of the period and is slower.
type TallyFilter struct {
	From, To time.Time
	Now      time.Time
	AsOf     bool
}

// TallyStore counts requests for the parliament view.
type TallyStore interface {
	// RequestTallies returns the tallies of the requests made in the
	// filter's period, in no particular order.
	RequestTallies(ctx context.Context, f TallyFilter) ([]RequestTally, error)
}

// LawTally is what the knelpunten of one organisation that reached a
// ministry say of one law: how many, how many citizens they affect (a
// range) and what they cost (euro cents, once and yearly).
type LawTally struct {
	// Law is the law's BWB id.
	Law                            string
	OrganisationID                 int64
	Knelpunten                     int
	CitizensLow, CitizensHigh      int64
	CostOnceCents, CostYearlyCents int64
}

// LawTallyStore counts knelpunten per law for the parliament view.
type LawTallyStore interface {
	// KnelpuntLawTallies returns, per law and organisation, the knelpunten
	// made in the filter's period that reached a ministry (level ministerie
	// or parlement, not merged into another).
	KnelpuntLawTallies(ctx context.Context, f TallyFilter) ([]LawTally, error)
}
