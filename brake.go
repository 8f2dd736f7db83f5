package schakel

import (
	"context"

	"github.com/schakel-nl/schakel/calendar"
)

// BrakeLevel is where in the chain an emergency brake is pulled (PRODUCT.md C2).
type BrakeLevel string

// The three levels of the emergency brake.
const (
	// LevelCitizen: a citizen contests a decision of an organisation
	// (report §3.4.3).
	LevelCitizen BrakeLevel = "burger"
	// LevelProfessional: anyone with an account stops an organisation's
	// decision, protocol or instruction (report §4.4.5).
	LevelProfessional BrakeLevel = "professional"
	// LevelOrganisation: the board of an executive organisation returns an
	// assignment to its principal ministry (report §5.4.6).
	LevelOrganisation BrakeLevel = "organisatie"
)

// BrakeLevels lists the levels from the citizen up.
var BrakeLevels = []BrakeLevel{LevelCitizen, LevelProfessional, LevelOrganisation}

// Valid reports whether l is one of BrakeLevels.
func (l BrakeLevel) Valid() bool {
	for _, v := range BrakeLevels {
		if v == l {
			return true
		}
	}
	return false
}

// RequestType returns the type of the request for account a brake of this
// level is.
func (l BrakeLevel) RequestType() RequestType {
	switch l {
	case LevelCitizen:
		return TypeCitizenBrake
	case LevelProfessional:
		return TypeProfessionalBrake
	case LevelOrganisation:
		return TypeOrganisationBrake
	}
	return ""
}

// LevelOf returns the brake level of a request type, or "" when the type is
// no brake.
func LevelOf(t RequestType) BrakeLevel {
	for _, l := range BrakeLevels {
		if l.RequestType() == t {
			return l
		}
	}
	return ""
}

// Identity is how a puller of a professional's brake is known.
type Identity string

// The puller's choices (report §4.4.5: the puller is protected).
const (
	// IdentityNamed: the addressee sees who pulled.
	IdentityNamed Identity = "genoemd"
	// IdentityProtected: schakel knows the puller, and shows them only to
	// the confidential counsel (vertrouwenspersoon), never to the addressee.
	IdentityProtected Identity = "beschermd"
	// IdentityAnonymous: nothing about the puller is stored — no user, no
	// session, no address; they follow the brake with a receipt code.
	IdentityAnonymous Identity = "anoniem"
)

// Identities lists the choices, most open first.
var Identities = []Identity{IdentityNamed, IdentityProtected, IdentityAnonymous}

// Valid reports whether i is one of Identities.
func (i Identity) Valid() bool {
	for _, v := range Identities {
		if v == i {
			return true
		}
	}
	return false
}

// Brake is an emergency brake: a request for account with what the level
// adds. The request holds the subject, grounds, urgency, ladder, deadlines
// and history; the brake holds the rest, written in the same transaction.
type Brake struct {
	RequestID int64
	Level     BrakeLevel
	Identity  Identity
	// Concerned is the decision, protocol, instruction or assignment the
	// brake is about, in the puller's words; "" when not known.
	Concerned string
	// RuleRefs are the rules concerned, as JCI 1.3 references.
	RuleRefs []string
	// DecisionReference and DecisionDate identify a citizen's contested
	// decision (its kenmerk and date).
	DecisionReference string
	DecisionDate      calendar.Date
	// WantedOutcome is what the citizen asks for.
	WantedOutcome string
	// Year is the calendar year (Europe/Amsterdam) the brake was pulled in:
	// the year of the referral budget an organisation's brake counts against.
	Year int
	// ReceiptLookup is the public half of the receipt code, to find the brake
	// by; "" when the puller follows it by logging in.
	ReceiptLookup string
	// ReceiptHash is the argon2id hash of the whole receipt code.
	ReceiptHash string
	// ContactEmail is the e-mail address a citizen may give when pulling,
	// for a copy of the receipt and a notice of an answer. It is only set
	// on the way in: the store keeps it apart (brake_contacts) until the
	// brake is final and never reads it back into a Brake, so no page,
	// response, export or record can show it.
	ContactEmail string `json:"-"`

	// Request is the request for account, filled by the store when reading.
	Request *Request
}

// HasReceipt reports whether the brake is followed by receipt code.
func (b *Brake) HasReceipt() bool { return b.ReceiptLookup != "" }

// ReferralBudget is how many assignments an organisation may return to its
// ministry per calendar year (report note 214: the hockey video referral).
// A brake counts against it from the pull; a comply gives it back, and so
// does a withdrawal; an explain that stands uses it up.
type ReferralBudget struct {
	OrganisationID int64
	Year           int
	Limit          int
}

// BrakeFilter selects brakes for the public register and the pages.
type BrakeFilter struct {
	Level BrakeLevel
	// AddresseeOrganisationID is the organisation the brake was pulled at
	// (the first rung), or 0 for all.
	AddresseeOrganisationID int64
	Principle               string
	State                   RequestState
	// From and To bound the day of pulling, inclusive; zero means open.
	From, To calendar.Date
	// Missed selects brakes with a missed deadline (true) or without (false).
	Missed *bool
	Offset int
	Limit  int
}

// BrakeStore stores emergency brakes.
type BrakeStore interface {
	// CreateBrake stores b with its request r and creation event ev, in one
	// transaction; it sets the ids. When budget is not nil, the brake counts
	// against it and is refused with ECONFLICT when the budget of that year
	// is spent, without storing anything.
	CreateBrake(ctx context.Context, b *Brake, r *Request, ev *Event, budget *ReferralBudget) error
	// Brake returns the brake of a request, with the request. Returns
	// ENOTFOUND if the request is no brake.
	Brake(ctx context.Context, requestID int64) (*Brake, error)
	// BrakeByReceipt returns the brake whose receipt code has this public
	// half, with the request. Returns ENOTFOUND if there is none.
	BrakeByReceipt(ctx context.Context, lookup string) (*Brake, error)
	// Brakes returns the brakes matching f, newest first, and the total.
	Brakes(ctx context.Context, f BrakeFilter) ([]*Brake, int, error)
	// ReferralsUsed returns how many brakes count against an organisation's
	// referral budget of a year.
	ReferralsUsed(ctx context.Context, organisationID int64, year int) (int, error)
}

// CitizenGround is a principle in a citizen's words, for the public brake
// form: plain Dutch (B1) and English, mapped to a catalogue code.
type CitizenGround struct {
	Key       string // stable form value
	Principle string // catalogue code
	Dutch     string
	English   string
}

// CitizenGrounds are the choices of the citizen's brake, each mapped to a
// different principle so several can be cited together.
var CitizenGrounds = []CitizenGround{
	{"niet-gehoord", "fair-play", "Ik ben niet gehoord voordat het besluit werd genomen.", "I was not heard before the decision was made."},
	{"onevenredig", "evenredigheid", "De gevolgen van het besluit zijn voor mij veel te zwaar.", "The consequences of the decision are far too heavy for me."},
	{"niet-uitgelegd", "motivering", "Het besluit legt niet uit waarom.", "The decision does not explain why."},
	{"niet-zorgvuldig", "zorgvuldigheid", "Er is niet goed gekeken naar mijn situatie.", "My situation was not looked at properly."},
	{"ongelijk", "gelijkheid", "Anderen in dezelfde situatie worden anders behandeld.", "Others in the same situation are treated differently."},
	{"belofte", "vertrouwensbeginsel", "Er is mij iets beloofd dat niet is nagekomen.", "I was promised something that was not kept."},
	{"onduidelijke-regels", "rechtszekerheid", "Ik kon niet weten welke regels er gelden.", "I could not know which rules apply."},
	{"partijdig", "onpartijdigheid", "Wie besliste was niet onpartijdig.", "Whoever decided was not impartial."},
	{"onbehoorlijk", "behoorlijkheid", "Ik ben niet netjes behandeld.", "I was not treated decently."},
	{"grondrecht", "grondrechten", "Mijn grondrechten worden geschonden.", "My fundamental rights are violated."},
}

// CitizenGroundByKey returns the citizen ground with this key.
func CitizenGroundByKey(key string) (CitizenGround, bool) {
	for _, g := range CitizenGrounds {
		if g.Key == key {
			return g, true
		}
	}
	return CitizenGround{}, false
}

// BrakeDeadlineMissed reports whether any deadline of the brake's request was
// missed, for the public register.
func BrakeDeadlineMissed(r *Request) bool { return r.MissedCount > 0 || r.AnsweredLate }
