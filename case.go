package schakel

import (
	"context"
	"time"
)

// CaseState is where a case of the maatwerkplaats stands (PRODUCT.md C3).
type CaseState string

// The states of a case: submitted → in deliberation → decided → published
// (→ publication withdrawn), or withdrawn before it is decided.
const (
	CaseSubmitted    CaseState = "ingediend"
	CaseDeliberation CaseState = "in-beraad"
	CaseDecided      CaseState = "besloten"
	CasePublished    CaseState = "gepubliceerd"
	CaseWithdrawn    CaseState = "ingetrokken"
	// CasePublicationWithdrawn: the case was published and its publication
	// was withdrawn with a public reason; its texts are gone from the
	// register, the withdrawal stays.
	CasePublicationWithdrawn CaseState = "publicatie-ingetrokken"
)

// CaseStates lists the states in lifecycle order.
var CaseStates = []CaseState{CaseSubmitted, CaseDeliberation, CaseDecided, CasePublished, CaseWithdrawn, CasePublicationWithdrawn}

// Closed reports whether nothing more happens to a case in this state but
// what happens to its publication: decided, published, withdrawn, or its
// publication withdrawn. Only a closed case's texts can be erased.
func (s CaseState) Closed() bool {
	switch s {
	case CaseDecided, CasePublished, CaseWithdrawn, CasePublicationWithdrawn:
		return true
	}
	return false
}

// Valid reports whether s is one of CaseStates.
func (s CaseState) Valid() bool {
	for _, v := range CaseStates {
		if v == s {
			return true
		}
	}
	return false
}

// Perspective is a point of view invited to the deliberation table ("the
// whole system in the room", report §4.2).
type Perspective string

// The standard perspectives; organisations may add their own (any code of
// lower-case letters and hyphens).
const (
	PerspectiveLegal        Perspective = "juridisch"
	PerspectiveFinancial    Perspective = "financieel"
	PerspectiveProfessional Perspective = "professioneel"
	PerspectiveCitizen      Perspective = "burger"
	PerspectivePolicy       Perspective = "beleid"
	PerspectiveIT           Perspective = "ict"
)

// StandardPerspectives are the perspectives a deliberation is expected to
// hear; the case page shows which of them are missing.
var StandardPerspectives = []Perspective{PerspectiveLegal, PerspectiveFinancial, PerspectiveProfessional, PerspectiveCitizen, PerspectivePolicy, PerspectiveIT}

// Outcome is what a decided case came to.
type Outcome string

// The outcomes of the fix route: deviate for this citizen, or not.
const (
	// OutcomeMaatwerk: the rule is deviated from for this citizen.
	OutcomeMaatwerk Outcome = "maatwerk"
	// OutcomeNo: an authoritative no ("gezagsvol nee"), explained.
	OutcomeNo Outcome = "gezagsvol-nee"
	// OutcomeSolveOnly: no decision for the citizen, only a structural
	// signal (a solve).
	OutcomeSolveOnly Outcome = "alleen-signaal"
)

// Outcomes lists the outcomes.
var Outcomes = []Outcome{OutcomeMaatwerk, OutcomeNo, OutcomeSolveOnly}

// Valid reports whether o is one of Outcomes.
func (o Outcome) Valid() bool {
	for _, v := range Outcomes {
		if v == o {
			return true
		}
	}
	return false
}

// Case is a case of the maatwerkplaats: a professional brings a citizen's
// situation where a rule works out against its intent. The situation and
// the parties stay inside the organisation; only a redacted publication
// ever leaves it.
type Case struct {
	ID             int64
	OrganisationID int64
	SubmittedBy    int64 // the professional's user id
	Title          string
	// Situation is the citizen's situation, internal only.
	Situation string
	// Parties are the names of the people in the case, for redaction.
	Parties  []string
	RuleRefs []string // JCI 1.3 references
	// Intent is what the rule is meant to achieve ("de bedoeling").
	Intent string
	// Harm is why it hurts ("professionele buikpijn").
	Harm string
	// Principles are the catalogue codes at stake, as the professional
	// sees them.
	Principles []string
	Urgent     bool
	State      CaseState
	CreatedAt  time.Time
	UpdatedAt  time.Time
	Version    int // number of events
}

// CaseEventType is the kind of a step in a case's history.
type CaseEventType string

// The case events; the history is appended, never changed.
const (
	CaseEventSubmitted CaseEventType = "ingediend"
	CaseEventInvited   CaseEventType = "uitgenodigd"
	CaseEventView      CaseEventType = "standpunt"
	CaseEventDecided   CaseEventType = "besloten"
	CaseEventPublished CaseEventType = "gepubliceerd"
	CaseEventWithdrawn CaseEventType = "ingetrokken"
	// CaseEventCorrected: the publication was corrected (more redacted).
	CaseEventCorrected CaseEventType = "gecorrigeerd"
	// CaseEventPublicationWithdrawn: the publication was withdrawn.
	CaseEventPublicationWithdrawn CaseEventType = "publicatie-ingetrokken"
)

// CaseEvent is one step of a case's history.
type CaseEvent struct {
	CaseID int64
	Seq    int
	Type   CaseEventType
	At     time.Time
	UserID int64
	State  CaseState // after the event
	Note   string
}

// Invitation asks a user to bring a perspective to the deliberation.
type Invitation struct {
	CaseID      int64
	Perspective Perspective
	UserID      int64
	InvitedBy   int64
	At          time.Time
}

// View is a perspective's view in the deliberation.
type View struct {
	CaseID      int64
	Perspective Perspective
	UserID      int64
	Text        string
	At          time.Time
}

// Weighing says how one principle was weighed in a decision.
type Weighing struct {
	Principle string
	How       string
}

// Decision is the outcome of a case: a fix (maatwerk or an authoritative
// no) with its legal ground, and/or a solve (a structural signal).
type Decision struct {
	CaseID  int64
	Outcome Outcome
	// LegalGround names the ground: "awb-4:84", "hardheidsclausule" or
	// "beginsel"; LegalGroundText says which and how.
	LegalGround     string
	LegalGroundText string
	Weighings       []Weighing
	// CostCents is the one-off cost of the fix, in euro cents.
	CostCents int64
	// Explanation is the plain-language explanation for the citizen.
	Explanation string
	// Signal is the solve, when the case also (or only) asks for a
	// structural change.
	Signal    *Signal
	DecidedBy int64
	At        time.Time
}

// Signal is a structural signal about a rule, raised from a case (a
// minimal record; the signals capability extends it).
type Signal struct {
	ID             int64
	CaseID         int64
	OrganisationID int64
	RuleRefs       []string
	Text           string
	CreatedAt      time.Time
}

// Precedent is a published case: what the register (casusprudentie) shows.
// Every text in it is redacted.
type Precedent struct {
	CaseID         int64
	OrganisationID int64
	Title          string
	Summary        string // the situation, redacted
	Intent         string
	Harm           string
	RuleRefs       []string
	Principles     []string // the principles weighed
	Outcome        Outcome
	LegalGround    string
	Explanation    string
	Weighings      []Weighing
	CostCents      int64
	DecidedAt      time.Time
	PublishedAt    time.Time
	// PublishedBy is the reviewer who published, for the case's history;
	// it is not part of the publication.
	PublishedBy int64
}

// PrecedentFilter selects published cases; Query is full text in Dutch.
type PrecedentFilter struct {
	Query          string
	RuleRef        string
	Principle      string
	Outcome        Outcome
	OrganisationID int64
	From, To       time.Time // decided within, zero means open
	Offset, Limit  int
}

// CaseFilter selects cases of organisations.
type CaseFilter struct {
	OrganisationIDs []int64 // nil: every organisation
	State           CaseState
	Offset, Limit   int
}

// CaseStore stores the cases of the maatwerkplaats.
type CaseStore interface {
	// CreateCase stores a new case with its first event; it sets ID,
	// Version and the timestamps.
	CreateCase(ctx context.Context, c *Case) error
	// Case returns a case. Returns ENOTFOUND if there is none.
	Case(ctx context.Context, id int64) (*Case, error)
	// Cases returns cases matching f, newest first, and the total.
	Cases(ctx context.Context, f CaseFilter) ([]*Case, int, error)
	// CaseEvents returns the history of a case in order.
	CaseEvents(ctx context.Context, caseID int64) ([]*CaseEvent, error)
	// Invite records an invitation, moving a submitted case into
	// deliberation; conditional on the case's version (ECONFLICT).
	Invite(ctx context.Context, prevVersion int, inv *Invitation) error
	// Invitations and Views return the deliberation of a case.
	Invitations(ctx context.Context, caseID int64) ([]*Invitation, error)
	Views(ctx context.Context, caseID int64) ([]*View, error)
	// AddView records a perspective's view; conditional on the version.
	AddView(ctx context.Context, prevVersion int, v *View) error
	// Decide records the decision (and its signal), moving the case to
	// decided; conditional on the version.
	Decide(ctx context.Context, prevVersion int, d *Decision) error
	// CaseDecision returns the decision of a case. ENOTFOUND when none.
	CaseDecision(ctx context.Context, caseID int64) (*Decision, error)
	// Publish stores the redacted publication, moving the case to
	// published; conditional on the version.
	Publish(ctx context.Context, prevVersion int, p *Precedent) error
	// WithdrawCase ends a case that is not decided; conditional.
	WithdrawCase(ctx context.Context, prevVersion int, caseID int64, userID int64, at time.Time, reason string) error
	// Precedents searches the register, best match first when Query is
	// set, otherwise newest first, and returns the total.
	Precedents(ctx context.Context, f PrecedentFilter) ([]*Precedent, int, error)
	// Precedent returns one published case. ENOTFOUND when none.
	Precedent(ctx context.Context, caseID int64) (*Precedent, error)
	// SimilarCandidates returns up to limit published cases that share a
	// rule reference or a principle with the given ones, or match terms of
	// text, for the similarity ranking (package precedent) to order.
	SimilarCandidates(ctx context.Context, text string, ruleRefs, principles []string, limit int) ([]*Precedent, error)
}
