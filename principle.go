package schakel

import (
	"context"
	"regexp"
	"time"
)

// PrincipleGroup is the part of the catalogue a principle belongs to.
type PrincipleGroup string

// The groups of the principle catalogue (PRODUCT.md, "The principle catalogue").
const (
	GroupABBB         PrincipleGroup = "abbb"                 // algemene beginselen van behoorlijk bestuur
	GroupRuleOfLaw    PrincipleGroup = "rechtsstaat"          // Wegingskader: rechtsstaat
	GroupDemocracy    PrincipleGroup = "democratie"           // Wegingskader: democratie
	GroupCapacity     PrincipleGroup = "bestuurlijk-vermogen" // Wegingskader: bestuurlijk vermogen
	GroupOrganisation PrincipleGroup = "eigen"                // added by an operator: organisation values, sector codes
)

// PrincipleGroups lists every group in display order.
var PrincipleGroups = []PrincipleGroup{GroupABBB, GroupRuleOfLaw, GroupDemocracy, GroupCapacity, GroupOrganisation}

// Valid reports whether g is one of PrincipleGroups.
func (g PrincipleGroup) Valid() bool {
	for _, v := range PrincipleGroups {
		if v == g {
			return true
		}
	}
	return false
}

// Principle is one entry of the catalogue that every brake, maatwerk
// decision and explain-answer cites. A principle is never deleted, only
// retired, so that old records keep their meaning.
type Principle struct {
	Code        string // stable key such as "zorgvuldigheid"; unique
	Group       PrincipleGroup
	Parent      string // code of the principle this is an element of, or ""
	Name        string // Dutch name
	NameEN      string // English name
	Source      string // legal source such as "Awb 3:2", or ""
	Description string // Dutch, one or two sentences
	// OrganisationID is the organisation that added the principle; 0 for
	// the national catalogue.
	OrganisationID int64
	CreatedAt      time.Time
	RetiredAt      *time.Time // nil while the principle may be cited
}

// Retired reports whether the principle may no longer be cited.
func (p *Principle) Retired() bool { return p.RetiredAt != nil }

var principleCodePattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// Validate checks the fields of p that need no database.
func (p *Principle) Validate() error {
	var v Validation
	if v.Required("code", p.Code) && (len(p.Code) > 60 || !principleCodePattern.MatchString(p.Code)) {
		v.Add("code", "format", "Gebruik 1 tot 60 kleine letters, cijfers en koppeltekens, zoals \"evenredigheid\".")
	}
	if !p.Group.Valid() {
		v.Add("groep", "enum", "Kies een bestaande groep van de catalogus.")
	}
	if v.Required("naam", p.Name) && len(p.Name) > 200 {
		v.Add("naam", "too_long", "Gebruik hoogstens %d tekens.", 200)
	}
	if v.Required("naamEn", p.NameEN) && len(p.NameEN) > 200 {
		v.Add("naamEn", "too_long", "Gebruik hoogstens %d tekens.", 200)
	}
	if len(p.Source) > 200 {
		v.Add("bron", "too_long", "Gebruik hoogstens %d tekens.", 200)
	}
	if len(p.Description) > 2000 {
		v.Add("omschrijving", "too_long", "Gebruik hoogstens %d tekens.", 2000)
	}
	if p.Parent != "" && p.Parent == p.Code {
		v.Add("ouder", "self", "Een beginsel kan geen onderdeel van zichzelf zijn.")
	}
	return v.Err()
}

// PrincipleFilter selects principles.
type PrincipleFilter struct {
	Group          PrincipleGroup
	IncludeRetired bool
	// Codes, when not empty, selects only these codes.
	Codes []string
}

// PrincipleStore manages the principle catalogue.
type PrincipleStore interface {
	// CreatePrinciple adds p to the catalogue and sets CreatedAt. Returns
	// EINVALID for bad fields or an unknown parent, and ECONFLICT when the
	// code is taken (also by a retired principle).
	CreatePrinciple(ctx context.Context, p *Principle) error
	// Principle returns the principle with the given code, retired or not.
	// Returns ENOTFOUND if there is none.
	Principle(ctx context.Context, code string) (*Principle, error)
	// Principles returns the principles matching f ordered by group, parent
	// and code.
	Principles(ctx context.Context, f PrincipleFilter) ([]*Principle, error)
	// RetirePrinciple marks a principle retired at the store's current time.
	// Returns ENOTFOUND if there is none and ECONFLICT if it is retired
	// already.
	RetirePrinciple(ctx context.Context, code string) error
	// SetPrincipleRetired retires principle code (retired true) at the
	// store's current time, or reinstates it, with a line of history saying
	// who, when and why. Returns ENOTFOUND if there is none and ECONFLICT if
	// it is so already; nothing is written then.
	SetPrincipleRetired(ctx context.Context, code string, retired bool, c Change) (*Principle, error)
	// PrincipleEvents returns the history of principle code, oldest first.
	PrincipleEvents(ctx context.Context, code string) ([]PrincipleEvent, error)
	// SeedPrinciples adds each principle of ps whose code is not yet in the
	// catalogue and leaves existing ones alone; it returns how many it
	// added.
	SeedPrinciples(ctx context.Context, ps []Principle) (int, error)
}

// PrincipleEventKind is what happened to a principle, in its history.
type PrincipleEventKind string

// The kinds of a principle's history, with their Dutch API values.
const (
	PrincipleRetired    PrincipleEventKind = "ingetrokken"
	PrincipleReinstated PrincipleEventKind = "hersteld"
)

// PrincipleEvent is one line of a principle's history: who retired or
// reinstated it, when, by which way and why.
type PrincipleEvent struct {
	ID   int64
	Code string
	Kind PrincipleEventKind
	Change
	At time.Time
}
