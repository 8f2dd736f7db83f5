package schakel

import (
	"context"
	"time"

	"github.com/schakel-nl/schakel/calendar"
)

// ProposalKind is the kind of a policy or legislative proposal; it decides
// how short its assessment term is (PRODUCT.md C6).
type ProposalKind string

// The kinds of proposal.
const (
	KindBill       ProposalKind = "wetsvoorstel"
	KindDecree     ProposalKind = "amvb"
	KindRegulation ProposalKind = "ministeriele-regeling"
	KindPolicyRule ProposalKind = "beleidsregel"
	KindAmendment  ProposalKind = "amendement"
	KindMotion     ProposalKind = "motie"
)

// ProposalKinds lists the kinds in display order.
var ProposalKinds = []ProposalKind{KindBill, KindDecree, KindRegulation, KindPolicyRule, KindAmendment, KindMotion}

// Valid reports whether k is one of ProposalKinds.
func (k ProposalKind) Valid() bool {
	for _, v := range ProposalKinds {
		if v == k {
			return true
		}
	}
	return false
}

// Short reports whether proposals of this kind are assessed in the short
// (urgent) term: amendments and motions, which the report finds are never
// assessed because they come late (§5.4.1).
func (k ProposalKind) Short() bool { return k == KindAmendment || k == KindMotion }

// ProposalState is where a proposal stands.
type ProposalState string

// The states of a proposal.
const (
	ProposalRegistered ProposalState = "geregistreerd"
	ProposalAssessing  ProposalState = "in-toetsing"
	ProposalSigned     ProposalState = "getekend"
	ProposalSent       ProposalState = "naar-parlement"
	ProposalInForce    ProposalState = "in-werking"
)

// ProposalStates lists the states in lifecycle order.
var ProposalStates = []ProposalState{ProposalRegistered, ProposalAssessing, ProposalSigned, ProposalSent, ProposalInForce}

// Valid reports whether s is one of ProposalStates.
func (s ProposalState) Valid() bool {
	for _, v := range ProposalStates {
		if v == s {
			return true
		}
	}
	return false
}

// Proposal is a ministry's proposal for policy or law that executing
// organisations assess before it goes to parliament (uitvoeringstoets).
type Proposal struct {
	ID         int64
	MinistryID int64
	Kind       ProposalKind
	Title      string
	Summary    string
	// RuleRefs are the rules it changes, as JCI 1.3 references.
	RuleRefs []string
	// Task is the societal task it serves (maatschappelijke opgave).
	Task         string
	PlannedEntry calendar.Date
	// Text is its text, or TextURL where it is published.
	Text    string
	TextURL string
	State   ProposalState
	// InForce is the day it entered into force, once it did.
	InForce   calendar.Date
	CreatedBy int64
	CreatedAt time.Time
	UpdatedAt time.Time
	Version   int // number of events; every change is conditional on it
}

// ProposalEventType is the kind of an event in a proposal's history.
type ProposalEventType string

// The events of a proposal. The assessments' own steps are the events of
// their requests for account.
const (
	ProposalEventRegistered ProposalEventType = "geregistreerd"
	ProposalEventRequested  ProposalEventType = "toets-gevraagd"
	ProposalEventSigned     ProposalEventType = "getekend"
	ProposalEventSent       ProposalEventType = "naar-parlement"
	ProposalEventInForce    ProposalEventType = "in-werking"
)

// ProposalEvent is one step in a proposal's history; each is an entry of
// the public record.
type ProposalEvent struct {
	ProposalID int64
	Seq        int // 1-based; equals the proposal's Version after it
	Type       ProposalEventType
	By         int64
	At         time.Time
	// Digest is the hex SHA-256 of what the step fixed: the proposal's
	// texts when registered, the signature's statement and what it covers
	// when signed.
	Digest string
}

// Verdict is an executing organisation's verdict on a proposal.
type Verdict string

// The verdicts of an assessment.
const (
	VerdictExecutable  Verdict = "uitvoerbaar"
	VerdictConditional Verdict = "uitvoerbaar-onder-voorwaarden"
	VerdictNot         Verdict = "niet-uitvoerbaar"
)

// Verdicts lists the verdicts.
var Verdicts = []Verdict{VerdictExecutable, VerdictConditional, VerdictNot}

// Valid reports whether v is one of Verdicts.
func (v Verdict) Valid() bool {
	for _, x := range Verdicts {
		if x == v {
			return true
		}
	}
	return false
}

// Effect is what a proposal does to a group of citizens, for better or
// for worse.
type Effect struct {
	Group    string
	Citizens int64
	// Better is true for an improvement, false for a deterioration.
	Better bool
	Text   string
}

// AssessmentState is where an assessment stands.
type AssessmentState string

// The states of an assessment.
const (
	// AssessmentRequested: the organisation owes the assessment.
	AssessmentRequested AssessmentState = "gevraagd"
	// AssessmentDelivered: the minister owes the answer per item.
	AssessmentDelivered AssessmentState = "uitgebracht"
	// AssessmentAnswered: every item is answered.
	AssessmentAnswered AssessmentState = "beantwoord"
	// AssessmentMissed: the organisation missed its term at the top of its
	// ladder; the miss is public and the proposal may go on without it.
	AssessmentMissed AssessmentState = "termijn-gemist"
)

// Assessment is an executing organisation's uitvoeringstoets of a
// proposal, and the minister's answer to each of its items.
type Assessment struct {
	ID             int64
	ProposalID     int64
	OrganisationID int64
	State          AssessmentState
	// RequestID is the request for the assessment (type uitvoeringstoets);
	// AnswerRequestID the request for the minister's answer (type
	// toetsreactie), 0 until the assessment is delivered.
	RequestID       int64
	AnswerRequestID int64

	Verdict      Verdict
	CostOnce     int64 // euro cents
	CostYearly   int64 // euro cents
	FTEOnce      int64 // tenths of a full-time job
	FTEYearly    int64 // tenths of a full-time job
	BorneBy      string
	Effects      []Effect
	Conflicts    []Ground
	Conditions   []string
	Start        calendar.Date // the feasible start
	Alternatives []string
	Dilemmas     []string
	DeliveredBy  int64
	DeliveredAt  time.Time

	Answers    []ItemAnswer
	AnsweredBy int64
	AnsweredAt time.Time
}

// ItemVerdict is the item of the verdict itself, which the minister
// answers whatever else the assessment holds.
const ItemVerdict = "oordeel"

// Items returns the items the minister must answer: the verdict
// ("oordeel"), each condition ("voorwaarde-1", …) and each value in
// conflict ("waarde-<principle>").
func (a *Assessment) Items() []Ground {
	out := make([]Ground, 0, 1+len(a.Conditions)+len(a.Conflicts))
	out = append(out, Ground{Principle: ItemVerdict, Text: string(a.Verdict)})
	for i, c := range a.Conditions {
		out = append(out, Ground{Principle: ConditionItem(i), Text: c})
	}
	for _, c := range a.Conflicts {
		out = append(out, Ground{Principle: "waarde-" + c.Principle, Text: c.Text})
	}
	return out
}

// ConditionItem is the item code of the i-th (0-based) condition.
func ConditionItem(i int) string { return "voorwaarde-" + itoa(i+1) }

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}

// ItemAnswer is the minister's answer to one item of an assessment:
// accepted, with how it is provided for, or explained why not.
type ItemAnswer struct {
	Item     string
	Accepted bool
	Text     string
}

// Signature is the secretary-general's signature for execution
// (tekenverplichting, report §5.3): who, when, the statement, and the
// assessments and answers it covers.
type Signature struct {
	ProposalID  int64
	SignedBy    int64
	At          time.Time
	Statement   string
	Assessments []int64
	// Digest is the hex SHA-256 of the statement and of every covered
	// assessment with its answers, as in the public record.
	Digest string
}

// ProposalFilter selects proposals. Zero fields select all.
type ProposalFilter struct {
	MinistryID int64
	Kind       ProposalKind
	State      ProposalState
	// OrganisationID selects proposals with an assessment by it.
	OrganisationID int64
	// CreatedFrom and CreatedTo, when not zero, bound the registration:
	// [CreatedFrom, CreatedTo).
	CreatedFrom, CreatedTo time.Time
	Offset                 int
	Limit                  int // 0 means the store's default
}

// AssessmentCreation is an assessment to request with its request.
type AssessmentCreation struct {
	Assessment *Assessment
	Request    *Request
	Event      *Event
}

// ProposalStep is one change of a proposal: its new state and event,
// conditional on its version, and what the step adds.
type ProposalStep struct {
	PrevVersion int
	Proposal    *Proposal
	Event       *ProposalEvent
	// Requested are the assessments a "toets-gevraagd" step asks for.
	Requested []AssessmentCreation
	// Signature is the secretary-general's, for a "getekend" step.
	Signature *Signature
}

// ProposalStore keeps proposals, their assessments, answers and
// signatures. Every proposal event is written with its entry of the public
// record.
type ProposalStore interface {
	// CreateProposal stores p with its first event; it sets ID, Version
	// and the event's ProposalID. EINVALID for an unknown ministry.
	CreateProposal(ctx context.Context, p *Proposal, ev *ProposalEvent) error
	// Proposal returns a proposal. ENOTFOUND when none.
	Proposal(ctx context.Context, id int64) (*Proposal, error)
	// Proposals returns the proposals matching f, newest first, and the total.
	Proposals(ctx context.Context, f ProposalFilter) ([]*Proposal, int, error)
	// ProposalEvents returns the history of a proposal in order.
	ProposalEvents(ctx context.Context, id int64) ([]*ProposalEvent, error)
	// StepProposal stores step in one transaction, conditional on the
	// proposal's version (ECONFLICT): the requests and assessments it asks
	// for (setting their ids), or the signature.
	StepProposal(ctx context.Context, step ProposalStep) error
	// DeliverAssessment stores a's assessment, the answer of its request
	// and the request for the minister's answer, in one transaction;
	// ECONFLICT unless a is still requested.
	DeliverAssessment(ctx context.Context, a *Assessment, answered RequestUpdate, opened RequestCreation) error
	// AnswerAssessment stores the minister's answers of a and the answer
	// of its answer request, in one transaction; ECONFLICT unless a is
	// delivered.
	AnswerAssessment(ctx context.Context, a *Assessment, answered RequestUpdate) error
	// MissAssessment marks a requested assessment as missed (its request
	// missed its term at the top of its ladder).
	MissAssessment(ctx context.Context, assessmentID int64) error
	// Assessment returns an assessment. ENOTFOUND when none.
	Assessment(ctx context.Context, id int64) (*Assessment, error)
	// Assessments returns the assessments of a proposal, by id.
	Assessments(ctx context.Context, proposalID int64) ([]*Assessment, error)
	// AssessmentOfRequest returns the id of the assessment whose request
	// or answer request the request is, or 0.
	AssessmentOfRequest(ctx context.Context, requestID int64) (int64, error)
	// Signature returns the signature of a proposal. ENOTFOUND when none.
	Signature(ctx context.Context, proposalID int64) (*Signature, error)
}
