package schakel

import (
	"context"
	"time"

	"github.com/schakel-nl/schakel/calendar"
)

// RequestType is the kind of a request for account; it decides the default
// terms, the maximum extension and the ladder.
type RequestType string

// The request types. Their terms are in account.DefaultTerms.
const (
	// TypeGeneral is a request for account without a more specific kind.
	TypeGeneral RequestType = "verzoek"
	// TypeObjection is a citizen's objection to a decision (Awb 7:10).
	TypeObjection RequestType = "bezwaar"
	// TypeComplaint is a complaint about conduct (Awb 9:11).
	TypeComplaint RequestType = "klacht"
	// TypeProfessionalBrake is a professional's emergency brake (report §4.4.5).
	TypeProfessionalBrake RequestType = "noodrem-professional"
	// TypeOrganisationBrake is an organisation returning an assignment to its
	// principal (report §5.4.6).
	TypeOrganisationBrake RequestType = "noodrem-organisatie"
	// TypeKnelpunt is a bottleneck put to the next level (report §5.4).
	TypeKnelpunt RequestType = "knelpunt"
	// TypeCitizenBrake is a citizen's emergency brake: contesting a decision
	// through the public entrance (report §3.4.3), with the terms of an
	// objection (Awb 7:10).
	TypeCitizenBrake RequestType = "noodrem-burger"
	// TypeAssessment asks an executing organisation for its assessment of
	// a proposal (uitvoeringstoets, report §5.4.1); the proposal's kind
	// decides between the normal and the short (urgent) term.
	TypeAssessment RequestType = "uitvoeringstoets"
	// TypeAssessmentAnswer asks the minister to answer every item of a
	// delivered assessment (report §5.4.4).
	TypeAssessmentAnswer RequestType = "toetsreactie"
)

// RequestTypes lists every request type in display order.
var RequestTypes = []RequestType{TypeGeneral, TypeObjection, TypeComplaint, TypeCitizenBrake, TypeProfessionalBrake, TypeOrganisationBrake, TypeKnelpunt,
	TypeAssessment, TypeAssessmentAnswer}

// Valid reports whether t is one of RequestTypes.
func (t RequestType) Valid() bool {
	for _, v := range RequestTypes {
		if v == t {
			return true
		}
	}
	return false
}

// RequestState is where a request stands.
type RequestState string

// The states of a request for account. Escalated behaves like open, at the
// next rung of the ladder.
const (
	StateOpen         RequestState = "open"
	StateAcknowledged RequestState = "ontvangen"
	StateAnswered     RequestState = "beantwoord"
	StateEscalated    RequestState = "geescaleerd"
	StateClosed       RequestState = "gesloten"
	StateWithdrawn    RequestState = "ingetrokken"
)

// RequestStates lists every state in lifecycle order.
var RequestStates = []RequestState{StateOpen, StateAcknowledged, StateAnswered, StateEscalated, StateClosed, StateWithdrawn}

// Valid reports whether s is one of RequestStates.
func (s RequestState) Valid() bool {
	for _, v := range RequestStates {
		if v == s {
			return true
		}
	}
	return false
}

// AwaitsAnswer reports whether the addressee still owes an answer.
func (s RequestState) AwaitsAnswer() bool {
	return s == StateOpen || s == StateAcknowledged || s == StateEscalated
}

// Final reports whether nothing can happen to the request any more.
func (s RequestState) Final() bool { return s == StateClosed || s == StateWithdrawn }

// AnswerKind is comply, explain, or comply in part.
type AnswerKind string

// The answers the report allows: comply or explain, and comply in part,
// which is both at once for different parts of the request ("we offer a
// payment plan but do not waive the debt").
const (
	Comply  AnswerKind = "comply"  // follow it: say what changes and by when
	Explain AnswerKind = "explain" // say why not, for every cited principle
	// Partial says what changes and by when, and what does not and why,
	// for every cited principle.
	Partial AnswerKind = "deels"
)

// AnswerKinds lists every answer kind in display order.
var AnswerKinds = []AnswerKind{Comply, Partial, Explain}

// Valid reports whether k is one of AnswerKinds.
func (k AnswerKind) Valid() bool { return k == Comply || k == Explain || k == Partial }

// Changes reports whether an answer of this kind promises a change by a
// date (comply, and the done part of a partial answer).
func (k AnswerKind) Changes() bool { return k == Comply || k == Partial }

// Refuses reports whether an answer of this kind declines something with
// a motivation per cited principle (explain, and the not-done part of a
// partial answer); such an answer may be contested once.
func (k AnswerKind) Refuses() bool { return k == Explain || k == Partial }

// PartyKind says who a requester or actor is.
type PartyKind string

// The kinds of parties.
const (
	PartyUser         PartyKind = "gebruiker"   // a logged-in user
	PartyOrganisation PartyKind = "organisatie" // an organisation, acting through a user with a role
	PartyAnonymous    PartyKind = "anoniem"     // known only by a receipt code
	PartySystem       PartyKind = "systeem"     // schakel itself: deadlines, escalations
	// PartyProtected is never stored: it is how a protected puller appears
	// to whoever may not know them (requests.Service masks them).
	PartyProtected PartyKind = "beschermd"
)

// Party is the requester of a request or the actor of an event.
type Party struct {
	Kind           PartyKind
	UserID         int64 // the user, also when acting for an organisation; 0 when anonymous
	OrganisationID int64 // the organisation acted for, or 0
}

// Addressee is who must answer: an organisation and a role in it.
type Addressee struct {
	OrganisationID int64
	Role           Role
}

// Ground is one cited principle with the requester's reasoning.
type Ground struct {
	Principle string // principle code
	Text      string
}

// Request is a request for account (verzoek om verantwoording): somebody must
// comply or explain before a deadline. Its fields are a cache of its events,
// kept in the same transaction.
type Request struct {
	ID        int64
	Type      RequestType
	Subject   string
	Body      string // the request itself
	Grounds   []Ground
	Urgent    bool
	Requester Party
	// Ladder are the rungs, the first being the original addressee; it is
	// fixed when the request is made so later configuration changes do not
	// move requests in flight.
	Ladder []Addressee
	Rung   int // index in Ladder of the current addressee
	State  RequestState
	Answer AnswerKind // set while and after answered

	CreatedAt time.Time
	UpdatedAt time.Time
	// AckDue and AnswerDue are the deadlines at the current rung, civil dates
	// in Europe/Amsterdam; AckDue is zero when the type needs no separate
	// acknowledgement or it was given.
	AckDue    calendar.Date
	AnswerDue calendar.Date
	// ReminderAt is when the reminder before AnswerDue is due; zero once sent.
	ReminderAt time.Time

	Extended       bool // the current rung used its one extension
	Contested      bool // the requester used the one contest
	MissedCount    int  // deadlines missed, over all rungs
	MissedAtTop    bool // the top rung missed its deadline: recorded and published
	AnsweredLate   bool
	Version        int // number of events; every change is conditional on it
	LastEventAt    time.Time
	AnswerDeadline time.Time // the instant AnswerDue passes
	AckDeadline    time.Time // the instant AckDue passes; zero when none
}

// Addressee returns the current addressee.
func (r *Request) Addressee() Addressee {
	if r.Rung < 0 || r.Rung >= len(r.Ladder) {
		return Addressee{}
	}
	return r.Ladder[r.Rung]
}

// AtTop reports whether the current rung is the last of the ladder.
func (r *Request) AtTop() bool { return r.Rung >= len(r.Ladder)-1 }

// Overdue reports whether a deadline has passed while an answer is owed.
func (r *Request) Overdue(now time.Time) bool {
	if !r.State.AwaitsAnswer() {
		return false
	}
	if !r.AnswerDeadline.IsZero() && !now.Before(r.AnswerDeadline) {
		return true
	}
	return !r.AckDeadline.IsZero() && r.State != StateAcknowledged && !now.Before(r.AckDeadline)
}

// EventType is the kind of a request event.
type EventType string

// The event types. Every one is an accountability event for the public record.
const (
	EventCreated        EventType = "aangemaakt"
	EventAcknowledged   EventType = "ontvangst-bevestigd"
	EventAnswered       EventType = "beantwoord"
	EventContested      EventType = "betwist"
	EventExtended       EventType = "verlengd"
	EventWithdrawn      EventType = "ingetrokken"
	EventClosed         EventType = "gesloten"
	EventEscalated      EventType = "geescaleerd"
	EventDeadlineMissed EventType = "termijn-gemist"
	EventReminder       EventType = "herinnering"
)

// Event is one appended step in a request's history. Events are never
// changed or deleted.
type Event struct {
	RequestID int64
	Seq       int // 1 for the creation; equals Request.Version after it
	Type      EventType
	At        time.Time
	Actor     Party
	State     RequestState // the state after the event
	Rung      int          // the rung after the event
	Data      EventData
	// CommitSeed is the secret from which the event's entry in the public
	// record derives the openings of its hiding commitments to the texts
	// (ledger format version 5, decision 0037): drawn by the store when it
	// writes the event, kept beside the texts and erased with them. Nil
	// for an event logged with plain SHA-256 (version 1) and after erasure.
	// Never published, logged or shown as such.
	CommitSeed []byte
}

// EventData holds the texts and facts of an event; which fields are set
// depends on the type.
type EventData struct {
	Answer      AnswerKind        `json:"antwoord,omitempty"`
	Changes     string            `json:"wijzigingen,omitempty"`  // comply, deels: what changes
	ByWhen      *calendar.Date    `json:"uiterlijk,omitempty"`    // comply, deels: by when
	Motivations map[string]string `json:"motiveringen,omitempty"` // explain, deels: what not and why, per principle code
	Reason      string            `json:"reden,omitempty"`        // contest, extend, withdraw, close, escalate
	Missed      string            `json:"gemist,omitempty"`       // "ontvangst" or "antwoord"
	Late        bool              `json:"laat,omitempty"`
	From        *Addressee        `json:"van,omitempty"` // escalation: from rung
	To          *Addressee        `json:"naar,omitempty"`
	AckDue      *calendar.Date    `json:"ontvangstUiterlijk,omitempty"`
	AnswerDue   *calendar.Date    `json:"antwoordUiterlijk,omitempty"`
	Term        string            `json:"termijn,omitempty"` // extension term, ISO 8601
	Reasons     []string          `json:"redenen,omitempty"` // Atw extensions of the new deadline
}

// RequestFilter selects requests.
type RequestFilter struct {
	AddresseeOrganisationID int64
	AddresseeRole           Role
	// VisibleTo limits to requests the user made, or that are addressed at
	// any rung to an organisation the user has a role in.
	VisibleTo *User
	State     RequestState
	Type      RequestType
	Overdue   bool
	Now       time.Time // for Overdue
	// Open limits to requests awaiting an answer; AnswerOverdue to those
	// of them past their answer deadline at Now (Overdue also counts a late
	// acknowledgement, as the inbox does).
	Open, AnswerOverdue bool
	// Types, when not empty, limits to requests of these types;
	// ExceptTypes leaves out requests of those.
	Types, ExceptTypes []RequestType
	// FirstOrganisationIDs, when not empty, limits to requests first
	// addressed to or made by one of these organisations.
	FirstOrganisationIDs []int64
	// CreatedFrom and CreatedTo, when not zero, bound the request's
	// creation: [CreatedFrom, CreatedTo).
	CreatedFrom, CreatedTo time.Time
	// Answered limits to requests answered at least once; Answer to those
	// whose latest answer is of this kind; Missed to those that missed a
	// deadline; Escalated to those that went up their ladder.
	Answered, Missed, Escalated bool
	Answer                      AnswerKind
	Offset                      int
	Limit                       int
	// ByID scans in id order instead: only requests with an id above
	// AfterID, ordered by id, Offset ignored and the total not counted (-1),
	// so a scan over millions of requests stays linear.
	ByID    bool
	AfterID int64
}

// RequestStore stores requests for account and their events.
type RequestStore interface {
	// CreateRequest stores r with its creation event; it sets ID, Version and
	// the timestamps. The caller (account.New) has validated and computed it.
	CreateRequest(ctx context.Context, r *Request, ev *Event) error
	// Request returns a request. Returns ENOTFOUND if there is none.
	Request(ctx context.Context, id int64) (*Request, error)
	// Requests returns the requests matching f, soonest deadline first, and
	// the total number matching.
	Requests(ctx context.Context, f RequestFilter) ([]*Request, int, error)
	// Events returns the history of a request in order.
	Events(ctx context.Context, requestID int64) ([]*Event, error)
	// EventsOf returns the histories of several requests with one query,
	// by request id; requests without events are absent.
	EventsOf(ctx context.Context, requestIDs []int64) (map[int64][]*Event, error)
	// UpdateRequest stores next, the state after ev, and appends ev, if and
	// only if the stored version is still prevVersion. Returns ECONFLICT
	// naming the current state when another change came first.
	UpdateRequest(ctx context.Context, prevVersion int, next *Request, ev *Event) error
	// DueRequests returns up to limit requests awaiting an answer whose
	// acknowledgement or answer deadline, or reminder, is at or before now.
	DueRequests(ctx context.Context, now time.Time, limit int) ([]*Request, error)
}
