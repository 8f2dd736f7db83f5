package schakel

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
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
	// structural change: a raised signal (its Proposal and Anchors), which
	// a professional completes and files.
	Signal    *Signal
	DecidedBy int64
	At        time.Time
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
	// Digest is the SHA-256 of the published texts (ComputeDigest), set
	// when published and again when corrected; the register of changes
	// keeps it after the texts are gone.
	Digest string
	// CorrectedAt is when the publication was last corrected; zero if never.
	CorrectedAt time.Time
}

// ComputeDigest returns the lowercase hex SHA-256 of the public texts of p
// (title, summary, intent, harm, explanation and the weighings, in that
// order, as a JSON array), which identifies one version of a publication.
func (p *Precedent) ComputeDigest() string {
	texts := []string{p.Title, p.Summary, p.Intent, p.Harm, p.Explanation}
	for _, w := range p.Weighings {
		texts = append(texts, w.Principle, w.How)
	}
	b, _ := json.Marshal(texts) // a []string always marshals
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// PrecedentChangeKind is what happened to a publication.
type PrecedentChangeKind string

// The changes of a publication: published, corrected (more redacted) or
// withdrawn.
const (
	PrecedentPublished PrecedentChangeKind = "gepubliceerd"
	PrecedentCorrected PrecedentChangeKind = "gecorrigeerd"
	PrecedentWithdrawn PrecedentChangeKind = "ingetrokken"
)

// PrecedentChange is one public change of a publication. The register
// shows them all, for ever; the texts a change replaced or withdrew are
// gone, and Digest lets whoever kept a copy prove which version it was.
type PrecedentChange struct {
	CaseID         int64
	Seq            int // 1 for the publication
	OrganisationID int64
	Kind           PrecedentChangeKind
	At             time.Time
	// Reason is the public reason of a correction or withdrawal.
	Reason string
	// Digest is Precedent.Digest of the version published, corrected to,
	// or withdrawn.
	Digest string
	// UserID is who made the change, for the case's history; it is not
	// part of the publication.
	UserID int64
}

// PrecedentChangeFilter selects changes of the register: of one case when
// CaseID is set, newest first.
type PrecedentChangeFilter struct {
	CaseID        int64
	Offset, Limit int
}

// MaxPrecedentTotal is as far as a search of the register counts its
// matches: a larger total is reported as MaxPrecedentTotal+1, which reads
// "more than MaxPrecedentTotal". Counting every match of a common word
// costs as much as reading them all; nobody pages through a thousand.
// The whole register is counted the same way.
const MaxPrecedentTotal = 1000

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
	// Publish stores the redacted publication and its first change,
	// moving the case to published; conditional on the version.
	Publish(ctx context.Context, prevVersion int, p *Precedent) error
	// CorrectPrecedent replaces the texts of a published case by p's (the
	// old texts are gone) and records the change ch; conditional on the
	// version. ECONFLICT when the case is not published.
	CorrectPrecedent(ctx context.Context, prevVersion int, p *Precedent, ch *PrecedentChange) error
	// WithdrawPrecedent removes a publication from the register (its texts
	// are gone) and records the change ch, moving the case to
	// CasePublicationWithdrawn; conditional on the version. ch.Digest is
	// set to the digest of the withdrawn version.
	WithdrawPrecedent(ctx context.Context, prevVersion int, ch *PrecedentChange) error
	// PrecedentChanges returns the changes of the register matching f,
	// newest first, and the total.
	PrecedentChanges(ctx context.Context, f PrecedentChangeFilter) ([]*PrecedentChange, int, error)
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
