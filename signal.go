package schakel

import (
	"context"
	"time"
)

// SignalState says whether a signal is only raised or filed.
type SignalState string

// The states of a signal.
const (
	// SignalRaised: raised by a case decision's solve (or a brake's
	// answer) with its rule and text only; a professional completes and
	// files it.
	SignalRaised SignalState = "concept"
	// SignalFiled: filed with everything a knelpunt needs, in a knelpunt.
	SignalFiled SignalState = "ingediend"
)

// Solution is the kind of change a signal proposes (PRODUCT.md C5).
type Solution string

// The solutions a signal may propose.
const (
	SolutionLaw            Solution = "wet"            // change the law
	SolutionPolicy         Solution = "beleidsregel"   // change the policy rule
	SolutionImplementation Solution = "uitvoering"     // change how it is carried out
	SolutionMaatwerk       Solution = "maatwerkruimte" // more room for maatwerk
)

// Solutions lists the solutions in display order.
var Solutions = []Solution{SolutionLaw, SolutionPolicy, SolutionImplementation, SolutionMaatwerk}

// Valid reports whether s is one of Solutions.
func (s Solution) Valid() bool {
	for _, v := range Solutions {
		if v == s {
			return true
		}
	}
	return false
}

// EvidenceKind says what a piece of evidence of a signal points at.
type EvidenceKind string

// The kinds of evidence.
const (
	EvidenceCase  EvidenceKind = "casus"
	EvidenceBrake EvidenceKind = "noodrem"
)

// Evidence links a signal to a case or a brake (by its request id) of the
// signal's organisation.
type Evidence struct {
	Kind EvidenceKind
	ID   int64
}

// Anchor is one rule a signal is about: a law provision as a JCI 1.3
// string (package ruleref) or a registered policy rule as
// "beleidsregel:<organisation>/<id>" with the version the signal is about.
type Anchor struct {
	Ref string
	// Version is the policy rule's version; 0 for a law provision.
	Version int
}

// Estimate is a range of the number of citizens affected and how it was
// estimated.
type Estimate struct {
	Low, High int64
	Method    string
}

// Cost is an estimate of what a solution costs, in euro cents, and who
// bears it.
type Cost struct {
	OnceCents   int64
	YearlyCents int64
	BorneBy     string
}

// Signal is a professional's signal that a rule hurts: where, for whom,
// how much, what would solve it and at what cost (PRODUCT.md C5). Its texts
// are redacted when it is filed; only the redacted texts are stored.
type Signal struct {
	ID             int64
	OrganisationID int64
	State          SignalState
	// CaseID is the case whose solve raised the signal, or 0.
	CaseID   int64
	Title    string
	Anchors  []Anchor
	Group    string // the citizens affected, as a group
	Effect   string // what goes wrong for them
	Citizens Estimate
	Solution Solution
	// Proposal says what should change.
	Proposal string
	Cost     Cost
	// Conflicts are the principles in conflict, each with its grounds.
	Conflicts []Ground
	Evidence  []Evidence
	// KnelpuntID is the knelpunt the signal is part of; 0 while raised.
	KnelpuntID int64
	// FiledBy is the user who filed it; internal, never published.
	FiledBy   int64
	CreatedAt time.Time
	FiledAt   time.Time
}

// Refs returns the reference strings of the signal's anchors.
func (s *Signal) Refs() []string {
	out := make([]string, len(s.Anchors))
	for i, a := range s.Anchors {
		out[i] = a.Ref
	}
	return out
}

// Principles returns the codes of the principles in conflict.
func (s *Signal) Principles() []string {
	out := make([]string, len(s.Conflicts))
	for i, c := range s.Conflicts {
		out[i] = c.Principle
	}
	return out
}

// SignalEventType is the kind of an event in a signal's history.
type SignalEventType string

// The events of a signal. A signal is never deleted or edited after filing:
// only the knelpunt it is part of changes, and each change is an event.
const (
	SignalEventRaised SignalEventType = "opgeworpen"
	SignalEventFiled  SignalEventType = "ingediend"
	// SignalEventMoved: merged or split into another knelpunt.
	SignalEventMoved SignalEventType = "verplaatst"
)

// SignalEvent is one step in a signal's history.
type SignalEvent struct {
	SignalID int64
	Type     SignalEventType
	// From and To are the knelpunten the signal left and joined (Moved),
	// or To the knelpunt it was filed in (Filed).
	From, To int64
	// By is the user who did it.
	By int64
	At time.Time
}

// PolicyRule is an organisation's own policy rule (beleidsregel),
// registered so signals can anchor to it by id and version.
type PolicyRule struct {
	OrganisationID int64
	// Code is the organisation's own id of the rule, as in a ruleref
	// policy reference ("BR-2024-12").
	Code    string
	Version int
	Title   string
	// URL is where the rule is published, if anywhere.
	URL          string
	RegisteredAt time.Time
}

// SignalFilter selects signals. Zero fields select all.
type SignalFilter struct {
	OrganisationID int64
	KnelpuntID     int64
	CaseID         int64
	State          SignalState
	// Rule selects signals anchored to this figure key (FigureKey).
	Rule string
	// FiledFrom selects signals filed at or after this instant.
	FiledFrom time.Time
	Offset    int
	Limit     int // 0 means the store's default
}

// SimilarSignalQuery asks for candidates similar to a signal being filed.
type SimilarSignalQuery struct {
	// Keys are the figure keys of the new signal's anchors, at article and
	// law level (FigureKeys).
	Keys []string
	// OrganisationID keeps the candidates of one organisation; 0 keeps all.
	OrganisationID int64
	// Limit bounds the candidates per key, newest first.
	Limit int
}

// SignalStore keeps signals, their history and the policy rules they
// anchor to.
type SignalStore interface {
	// RaiseSignal stores a raised signal (state concept), with its first
	// event; it sets ID and CreatedAt.
	RaiseSignal(ctx context.Context, s *Signal) error
	// FileSignal stores a filed signal in the knelpunt s.KnelpuntID, or,
	// when that is 0, in the new knelpunt k (which it creates, setting its
	// ID). When s.ID is set, the raised signal with that id is completed
	// instead (ECONFLICT when it is no longer raised). The figures of
	// every rule it anchors to are updated in the same transaction.
	// Returns EINVALID naming unknown references (organisation, knelpunt,
	// evidence, principle) and ECONFLICT when the knelpunt does not take
	// signals any more (merged, or past the team).
	FileSignal(ctx context.Context, s *Signal, k *Knelpunt, ev *KnelpuntEvent) error
	// Signal returns a signal. ENOTFOUND when none.
	Signal(ctx context.Context, id int64) (*Signal, error)
	// Signals returns the signals matching f, newest first, and the total.
	Signals(ctx context.Context, f SignalFilter) ([]*Signal, int, error)
	// SignalEvents returns the history of a signal in order.
	SignalEvents(ctx context.Context, signalID int64) ([]*SignalEvent, error)
	// SimilarSignals returns filed signals sharing a figure key with q,
	// newest first, up to q.Limit per key, for package precedent to rank.
	SimilarSignals(ctx context.Context, q SimilarSignalQuery) ([]*Signal, error)

	// RegisterPolicyRule stores a version of a policy rule; ECONFLICT when
	// that version is registered already, EINVALID for an unknown
	// organisation.
	RegisterPolicyRule(ctx context.Context, r *PolicyRule) error
	// PolicyRule returns a version of a policy rule, or its latest version
	// when version is 0. ENOTFOUND when none.
	PolicyRule(ctx context.Context, orgID int64, code string, version int) (*PolicyRule, error)
	// PolicyRules returns the latest version of every policy rule of an
	// organisation (all organisations when orgID is 0), by code.
	PolicyRules(ctx context.Context, orgID int64) ([]*PolicyRule, error)
}
