package schakel

import (
	"context"
	"regexp"
	"strings"
	"time"
)

// OrgType is the kind of an organisation; it decides which ladders and
// actions apply to it.
type OrgType string

// The organisation types of PRODUCT.md.
const (
	OrgExecutive    OrgType = "uitvoeringsorganisatie"
	OrgInspectorate OrgType = "inspectie"
	OrgMunicipality OrgType = "gemeente"
	OrgProvince     OrgType = "provincie"
	OrgWaterBoard   OrgType = "waterschap"
	OrgMinistry     OrgType = "ministerie"
	OrgParliament   OrgType = "parlement"
)

// OrgTypes lists every organisation type in display order.
var OrgTypes = []OrgType{OrgExecutive, OrgInspectorate, OrgMunicipality, OrgProvince, OrgWaterBoard, OrgMinistry, OrgParliament}

// Valid reports whether t is one of OrgTypes.
func (t OrgType) Valid() bool {
	for _, v := range OrgTypes {
		if v == t {
			return true
		}
	}
	return false
}

// Executes reports whether organisations of this type execute law for a
// principal (and so can have one).
func (t OrgType) Executes() bool {
	switch t {
	case OrgExecutive, OrgInspectorate, OrgMunicipality, OrgProvince, OrgWaterBoard:
		return true
	}
	return false
}

// Organisation is an executive organisation, inspectorate, local
// government, ministry or parliament.
type Organisation struct {
	ID   int64
	Code string // short, stable, URL-safe name such as "uwv"; unique
	Name string
	Type OrgType
	// PrincipalIDs are the ministries that are opdrachtgever of this
	// organisation; only executing types have them.
	PrincipalIDs []int64
	// Committee is, for a ministry, the standing committee of parliament
	// (vaste Kamercommissie) that follows it; the parliament view groups
	// the figures of the ministry and its organisations under it.
	Committee string
	// Task is, for an executing organisation, the societal task it serves
	// (maatschappelijke opgave), such as "Bestaanszekerheid".
	Task      string
	CreatedAt time.Time
}

// MaxGroupingName is the longest committee or task name, in characters.
const MaxGroupingName = 200

var orgCodePattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// Validate checks the fields of o that need no database.
func (o *Organisation) Validate() error {
	var v Validation
	if v.Required("code", o.Code) {
		if len(o.Code) > 40 || !orgCodePattern.MatchString(o.Code) {
			v.Add("code", "format", "Gebruik 1 tot 40 kleine letters, cijfers en koppeltekens, zoals \"uwv\" of \"min-szw\".")
		}
	}
	if v.Required("naam", o.Name) && len(strings.TrimSpace(o.Name)) > 200 {
		v.Add("naam", "too_long", "Gebruik hoogstens %d tekens.", 200)
	}
	if !o.Type.Valid() {
		v.Add("type", "enum", "Kies een van: %s.", joinOrgTypes())
	}
	if len(o.PrincipalIDs) > 0 && o.Type.Valid() && !o.Type.Executes() {
		v.Add("opdrachtgevers", "not_allowed", "Alleen een uitvoerende organisatie heeft een opdrachtgever.")
	}
	o.checkGrouping(&v)
	for _, id := range o.PrincipalIDs {
		if id == o.ID && id != 0 {
			v.Add("opdrachtgevers", "self", "Een organisatie kan niet haar eigen opdrachtgever zijn.")
		}
	}
	return v.Err()
}

// checkGrouping checks the committee and the task: each at most
// MaxGroupingName characters without NUL, a committee only for a ministry,
// a task only for an executing organisation.
func (o *Organisation) checkGrouping(v *Validation) {
	o.Committee = v.Text("kamercommissie", o.Committee, MaxGroupingName, false)
	o.Task = v.Text("opgave", o.Task, MaxGroupingName, false)
	if o.Committee != "" && o.Type.Valid() && o.Type != OrgMinistry {
		v.Add("kamercommissie", "not_allowed", "Alleen een ministerie heeft een vaste Kamercommissie.")
	}
	if o.Task != "" && o.Type.Valid() && !o.Type.Executes() {
		v.Add("opgave", "not_allowed", "Alleen een uitvoerende organisatie dient een maatschappelijke opgave.")
	}
}

func joinOrgTypes() string {
	s := make([]string, len(OrgTypes))
	for i, t := range OrgTypes {
		s[i] = string(t)
	}
	return strings.Join(s, ", ")
}

// Team is a team or department inside an organisation, such as its
// maatwerkplaats.
type Team struct {
	ID             int64
	OrganisationID int64
	Name           string
	CreatedAt      time.Time
}

// Validate checks the fields of t that need no database.
func (t *Team) Validate() error {
	var v Validation
	if t.OrganisationID <= 0 {
		v.Add("organisatieId", "required", "Dit veld is verplicht.")
	}
	if v.Required("naam", t.Name) && len(t.Name) > 200 {
		v.Add("naam", "too_long", "Gebruik hoogstens %d tekens.", 200)
	}
	return v.Err()
}

// OrganisationFilter selects organisations. Zero fields select all.
type OrganisationFilter struct {
	Type        OrgType
	PrincipalID int64 // organisations of which this ministry is principal
	Offset      int
	Limit       int // 0 means the store's default
}

// OrganisationStore manages organisations and their teams.
type OrganisationStore interface {
	// CreateOrganisation stores o and sets its ID and CreatedAt. Returns
	// EINVALID for bad fields or a principal that is not a ministry, and
	// ECONFLICT when the code is taken.
	CreateOrganisation(ctx context.Context, o *Organisation) error
	// Organisation returns the organisation with the given id. Returns
	// ENOTFOUND if there is none.
	Organisation(ctx context.Context, id int64) (*Organisation, error)
	// OrganisationByCode returns the organisation with the given code.
	// Returns ENOTFOUND if there is none.
	OrganisationByCode(ctx context.Context, code string) (*Organisation, error)
	// Organisations returns the organisations matching f ordered by name,
	// and the total number matching f without paging.
	Organisations(ctx context.Context, f OrganisationFilter) ([]*Organisation, int, error)
	// CreateTeam stores t and sets its ID and CreatedAt. Returns EINVALID for
	// bad fields or an unknown organisation.
	CreateTeam(ctx context.Context, t *Team) error
	// Teams returns the teams of an organisation ordered by name.
	Teams(ctx context.Context, organisationID int64) ([]*Team, error)
}
