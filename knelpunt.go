package schakel

import (
	"context"
	"time"

	"github.com/schakel-nl/schakel/calendar"
)

// KnelpuntLevel is the rung of the knelpunt ladder (PRODUCT.md C5): a
// knelpunt climbs from the team to the board of its organisation, to the
// principal ministry and to parliament.
type KnelpuntLevel string

// The rungs, from the bottom.
const (
	LevelTeam       KnelpuntLevel = "team"
	LevelBoard      KnelpuntLevel = "bestuur"
	LevelMinistry   KnelpuntLevel = "ministerie"
	LevelParliament KnelpuntLevel = "parlement"
)

// KnelpuntLevels lists the rungs from the bottom.
var KnelpuntLevels = []KnelpuntLevel{LevelTeam, LevelBoard, LevelMinistry, LevelParliament}

// Valid reports whether l is one of KnelpuntLevels.
func (l KnelpuntLevel) Valid() bool {
	for _, v := range KnelpuntLevels {
		if v == l {
			return true
		}
	}
	return false
}

// KnelpuntState is where a knelpunt stands at its level.
type KnelpuntState string

// The states of a knelpunt.
const (
	// KnelpuntOpen: gathering signals; not yet put to the team.
	KnelpuntOpen KnelpuntState = "open"
	// KnelpuntPut: put to its level, which owes an answer (comply or explain).
	KnelpuntPut KnelpuntState = "voorgelegd"
	// KnelpuntAdopted: adopted at its level and waiting to go higher (for
	// the board: in its next knelpuntenbrief).
	KnelpuntAdopted KnelpuntState = "overgenomen"
	// KnelpuntDeclined: its level explained why not.
	KnelpuntDeclined KnelpuntState = "niet-overgenomen"
	// KnelpuntMerged: its signals went to another knelpunt (MergedInto).
	KnelpuntMerged KnelpuntState = "samengevoegd"
	// KnelpuntDone: adopted at the top of the ladder.
	KnelpuntDone KnelpuntState = "afgerond"
)

// KnelpuntStates lists the states in lifecycle order.
var KnelpuntStates = []KnelpuntState{KnelpuntOpen, KnelpuntPut, KnelpuntAdopted, KnelpuntDeclined, KnelpuntMerged, KnelpuntDone}

// Valid reports whether s is one of KnelpuntStates.
func (s KnelpuntState) Valid() bool {
	for _, v := range KnelpuntStates {
		if v == s {
			return true
		}
	}
	return false
}

// TakesSignals reports whether signals may still join or leave a knelpunt
// in this state at level l: only while its own team has it.
func (s KnelpuntState) TakesSignals(l KnelpuntLevel) bool {
	return l == LevelTeam && (s == KnelpuntOpen || s == KnelpuntPut)
}

// Rung is one level a knelpunt was put to, with the request for account
// that level answers.
type Rung struct {
	Level     KnelpuntLevel
	RequestID int64
	At        time.Time
}

// Knelpunt is a bottleneck in law or policy: signals of one or more
// professionals about the same rules, put up the ladder as one. Its totals
// are a cache of its signals, kept in the transaction that changes them.
type Knelpunt struct {
	ID             int64
	OrganisationID int64
	Title          string
	// Summary says what goes wrong and for whom, redacted.
	Summary  string
	Solution Solution
	Proposal string
	Level    KnelpuntLevel
	State    KnelpuntState
	// RequestID is the request of the current rung; 0 before the knelpunt
	// is put to its team.
	RequestID int64
	Rungs     []Rung
	// MergedInto is the knelpunt its signals went to, when merged.
	MergedInto int64
	// LetterID is the knelpuntenbrief that took it to the ministry, or 0.
	LetterID int64
	// AdoptedAt is when its board adopted it; the letter's period is over
	// this instant.
	AdoptedAt time.Time

	// The totals of its filed signals.
	Signals    int
	Citizens   Estimate // Low and High summed; Method empty
	Cost       Cost     // cents summed; BorneBy empty
	Refs       []string // the distinct anchors' references, sorted
	Principles []string // the distinct principles in conflict, sorted

	CreatedBy int64
	CreatedAt time.Time
	UpdatedAt time.Time
	Version   int // number of events; every change is conditional on it
}

// KnelpuntEventType is the kind of an event in a knelpunt's history.
type KnelpuntEventType string

// The events of a knelpunt.
const (
	KnelpuntEventCreated  KnelpuntEventType = "aangemaakt"
	KnelpuntEventJoined   KnelpuntEventType = "signaal-toegevoegd"
	KnelpuntEventMerged   KnelpuntEventType = "samengevoegd"
	KnelpuntEventSplit    KnelpuntEventType = "gesplitst"
	KnelpuntEventPut      KnelpuntEventType = "voorgelegd"
	KnelpuntEventAdopted  KnelpuntEventType = "overgenomen"
	KnelpuntEventDeclined KnelpuntEventType = "niet-overgenomen"
	KnelpuntEventSent     KnelpuntEventType = "verzonden"
)

// KnelpuntEvent is one step in a knelpunt's history.
type KnelpuntEvent struct {
	KnelpuntID int64
	Seq        int // 1-based; equals the knelpunt's Version after it
	Type       KnelpuntEventType
	// By is the user who did it (0 for schakel itself).
	By int64
	// Signals are the signals that joined or moved.
	Signals []int64
	// Other is the knelpunt merged into or from, or split off or from.
	Other     int64
	Level     KnelpuntLevel
	RequestID int64
	LetterID  int64
	At        time.Time
}

// KnelpuntFilter selects knelpunten. Zero fields select all.
type KnelpuntFilter struct {
	OrganisationID int64
	State          KnelpuntState
	Level          KnelpuntLevel
	// Rule selects knelpunten with a signal anchored to this figure key.
	Rule     string
	LetterID int64
	// Unsent selects those adopted by their board and not yet in a letter,
	// adopted in [AdoptedFrom, AdoptedTo) when those are set.
	Unsent      bool
	AdoptedFrom time.Time
	AdoptedTo   time.Time
	// Sent selects those that went to a ministry in a letter: the public ones.
	Sent   bool
	Offset int
	Limit  int // 0 means the store's default
}

// RequestUpdate is a step on an existing request: its new state and the
// event, conditional on the version it had.
type RequestUpdate struct {
	PrevVersion int
	Request     *Request
	Event       *Event
}

// RequestCreation is a new request with its first event.
type RequestCreation struct {
	Request *Request
	Event   *Event
}

// KnelpuntStep is one change to a knelpunt with what it does to requests,
// all stored in one transaction: an answer to its current rung (Answered)
// and the request of its next rung (Opened), either optional.
type KnelpuntStep struct {
	PrevVersion int
	Knelpunt    *Knelpunt
	Event       *KnelpuntEvent
	Answered    *RequestUpdate
	Opened      *RequestCreation
}

// Letter is a knelpuntenbrief: the knelpunten a board adopted in a period,
// sent to its principal ministry (PRODUCT.md C5). What was sent is kept as
// it was, with its SHA-256, which is also in the public record.
type Letter struct {
	ID             int64
	OrganisationID int64
	MinistryID     int64
	Reference      string // kenmerk
	Date           calendar.Date
	Subject        string
	PeriodFrom     time.Time
	PeriodTo       time.Time
	KnelpuntIDs    []int64
	HTML           []byte
	PDF            []byte
	// HTMLSHA256 and PDFSHA256 are the hex SHA-256 of HTML and PDF.
	HTMLSHA256 string
	PDFSHA256  string
	SentBy     int64
	SentAt     time.Time
}

// LetterFilter selects letters. Zero fields select all.
type LetterFilter struct {
	OrganisationID int64
	MinistryID     int64
	Offset         int
	Limit          int // 0 means the store's default
}

// FigureLevel says what a rule figure counts over.
type FigureLevel string

// The levels of the figures.
const (
	FigureLaw     FigureLevel = "wet"
	FigureArticle FigureLevel = "artikel"
	FigurePolicy  FigureLevel = "beleidsregel"
)

// RuleFigure is what the filed signals say of one law, article or policy
// rule: kept exact in the transaction that files a signal.
type RuleFigure struct {
	// Key identifies the rule (ruleref.FigureKeys).
	Key   string
	Level FigureLevel
	// Law is the BWB id of the law (law and article level) or the code of
	// the organisation of a policy rule.
	Law string
	// Ref is a reference string of the rule: the JCI of the law or article,
	// or the policy reference.
	Ref           string
	Signals       int64
	Organisations int64
	Knelpunten    int64
	CitizensLow   int64
	CitizensHigh  int64
	CostOnce      int64 // cents
	CostYearly    int64 // cents
	// OpenAnswers counts the knelpunten on this rule whose current rung
	// still owes an answer.
	OpenAnswers int64
}

// FigureFilter selects rule figures, most signals first.
type FigureFilter struct {
	Level FigureLevel
	// Law selects the figures of one law (its articles, at article level).
	Law    string
	Key    string
	Offset int
	Limit  int // 0 means the store's default
}

// KnelpuntStore keeps knelpunten, their history, their letters and the
// figures per rule.
type KnelpuntStore interface {
	// Knelpunt returns a knelpunt with its rungs. ENOTFOUND when none.
	Knelpunt(ctx context.Context, id int64) (*Knelpunt, error)
	// Knelpunten returns the knelpunten matching f, newest first, and the total.
	Knelpunten(ctx context.Context, f KnelpuntFilter) ([]*Knelpunt, int, error)
	// KnelpuntEvents returns the history of a knelpunt in order.
	KnelpuntEvents(ctx context.Context, id int64) ([]*KnelpuntEvent, error)
	// KnelpuntOfRequest returns the id of the knelpunt whose rung the
	// request is, or 0.
	KnelpuntOfRequest(ctx context.Context, requestID int64) (int64, error)
	// StepKnelpunt stores step: the knelpunt's new state and event, the
	// answer to its rung and the request of its next rung, in one
	// transaction, conditional on the knelpunt's and the request's
	// versions (ECONFLICT). An opened request becomes the current rung.
	StepKnelpunt(ctx context.Context, step KnelpuntStep) error
	// MergeKnelpunten moves every signal of from into into, marks from as
	// merged and records an event on both and on every moved signal;
	// conditional on both versions. ECONFLICT when either no longer takes
	// signals.
	MergeKnelpunten(ctx context.Context, into, from KnelpuntStep) error
	// SplitKnelpunt moves the signals in split.Event.Signals from the
	// knelpunt of from into the new knelpunt split.Knelpunt, which it
	// creates; conditional on from's version. EINVALID when a signal is not
	// in from, or when it would take all of them.
	SplitKnelpunt(ctx context.Context, from, split KnelpuntStep) error
	// SendLetter stores l and, per knelpunt of the letter, its step (the
	// request opened at the ministry), in one transaction; it sets l.ID.
	// ECONFLICT when a knelpunt is in a letter already or not adopted.
	SendLetter(ctx context.Context, l *Letter, steps []KnelpuntStep) error
	// Letter returns a letter with its documents. ENOTFOUND when none.
	Letter(ctx context.Context, id int64) (*Letter, error)
	// Letters returns letters matching f, newest first, without their
	// documents, and the total.
	Letters(ctx context.Context, f LetterFilter) ([]*Letter, int, error)
	// RuleFigures returns the figures matching f, most signals first, and
	// the total.
	RuleFigures(ctx context.Context, f FigureFilter) ([]*RuleFigure, int, error)
}
