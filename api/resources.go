package api

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/schakel-nl/schakel"
)

// The types below are the API's resources as JSON. They are kept apart from
// the domain types so that a renamed Go field never changes the API, and so
// that references travel as stable codes ("uwv") rather than database ids.

// Organisation is an organisation as the API shows it.
type Organisation struct {
	ID   int64  `json:"id"`
	Code string `json:"code"`
	Name string `json:"naam"`
	Type string `json:"type"`
	// Principals are the codes of the ministries that are opdrachtgever;
	// an empty list, never null, when there are none.
	Principals []string `json:"opdrachtgevers"`
	// Committee is a ministry's standing committee of parliament, Task an
	// executing organisation's societal task; left out when not set.
	Committee string `json:"kamercommissie,omitempty"`
	Task      string `json:"opgave,omitempty"`
	CreatedAt string `json:"aangemaaktOp"`
}

// OrganisationPage is one page of a list of organisations.
type OrganisationPage struct {
	Results  []Organisation `json:"resultaten"`
	Total    int            `json:"totaal"`
	Page     int            `json:"pagina"`
	PageSize int            `json:"paginaGrootte"`
}

// Principle is an entry of the principle catalogue as the API shows it.
// References that do not apply (ouder, organisatie) and the retirement time
// of a principle in force are left out; texts are always present.
type Principle struct {
	Code         string `json:"code"`
	Group        string `json:"groep"`
	Parent       string `json:"ouder,omitempty"`
	Name         string `json:"naam"`
	NameEN       string `json:"naamEn"`
	Source       string `json:"bron"`
	Description  string `json:"omschrijving"`
	Organisation string `json:"organisatie,omitempty"`
	CreatedAt    string `json:"aangemaaktOp"`
	RetiredAt    string `json:"ingetrokkenOp,omitempty"`
}

// PrincipleList is the principle catalogue, or the part a filter selects.
// It is not paged: the catalogue is small and read whole.
type PrincipleList struct {
	Results []Principle `json:"resultaten"`
}

// Me is the logged-in user.
type Me struct {
	ID    int64  `json:"id"`
	Name  string `json:"naam"`
	Email string `json:"email,omitempty"`
	Roles []Role `json:"rollen"`
}

// Role is one role of a user in an organisation, optionally in a team.
type Role struct {
	Organisation string `json:"organisatie"`
	Role         string `json:"rol"`
	TeamID       int64  `json:"teamId,omitempty"`
}

// timestamp formats t in UTC as RFC 3339, with fractions of a second only
// when there are any.
func timestamp(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

// organisationReader is what orgCodes reads organisations through: the
// directory service.
type organisationReader interface {
	Organisation(ctx context.Context, id int64) (*schakel.Organisation, error)
	Organisations(ctx context.Context, f schakel.OrganisationFilter) ([]*schakel.Organisation, int, error)
}

// orgCodes turns organisation ids into codes for one request, asking the
// directory at most once per organisation.
type orgCodes struct {
	orgs       organisationReader
	byID       map[int64]string
	shared     *sync.Map // int64 → string, shared by all requests of a Handler
	ministries bool      // whether every ministry was loaded at once
}

func newOrgCodes(orgs organisationReader) *orgCodes {
	return &orgCodes{orgs: orgs, byID: map[int64]string{}}
}

// add records an organisation the handler has read anyway.
func (c *orgCodes) add(o *schakel.Organisation) {
	c.byID[o.ID] = o.Code
	if c.shared != nil {
		c.shared.Store(o.ID, o.Code)
	}
}

// orgCodes returns a code lookup for one request that also uses the
// handler's cache: an organisation's id and code never change once it is
// created, so they may be remembered for the life of the process.
func (h *Handler) orgCodes() *orgCodes {
	c := newOrgCodes(h.Directory)
	c.shared = &h.codeCache
	return c
}

// loadMinistries reads every ministry in one query. Principals are always
// ministries, and there are a few dozen at most, so a page of organisations
// needs one query for all its principals instead of one per principal.
func (c *orgCodes) loadMinistries(ctx context.Context) error {
	if c.ministries {
		return nil
	}
	c.ministries = true
	ms, _, err := c.orgs.Organisations(ctx, schakel.OrganisationFilter{Type: schakel.OrgMinistry, Limit: maxPageSize})
	if err != nil {
		return err
	}
	for _, m := range ms {
		c.add(m)
	}
	return nil
}

// code returns the code of organisation id.
func (c *orgCodes) code(ctx context.Context, id int64) (string, error) {
	if code, ok := c.byID[id]; ok {
		return code, nil
	}
	if c.shared != nil {
		if code, ok := c.shared.Load(id); ok {
			return code.(string), nil
		}
	}
	o, err := c.orgs.Organisation(ctx, id)
	if err != nil {
		// A reference to an organisation that does not exist is a broken
		// database, not something the client asked for.
		return "", fmt.Errorf("api: organisation %d: %w", id, internal(err))
	}
	c.add(o)
	return o.Code, nil
}

// internal hides the code of err, so that an ENOTFOUND while following a
// stored reference becomes a 500 instead of telling the client that what it
// asked for does not exist.
func internal(err error) error {
	if schakel.ErrorCode(err) == schakel.EINTERNAL {
		return err
	}
	return fmt.Errorf("%s", err.Error())
}

// organisation converts o, looking up its principals' codes.
func (c *orgCodes) organisation(ctx context.Context, o *schakel.Organisation) (Organisation, error) {
	out := Organisation{
		ID:         o.ID,
		Code:       o.Code,
		Name:       o.Name,
		Type:       string(o.Type),
		Principals: make([]string, 0, len(o.PrincipalIDs)),
		Committee:  o.Committee,
		Task:       o.Task,
		CreatedAt:  timestamp(o.CreatedAt),
	}
	for _, id := range o.PrincipalIDs {
		code, err := c.code(ctx, id)
		if err != nil {
			return Organisation{}, err
		}
		out.Principals = append(out.Principals, code)
	}
	return out, nil
}

// principle converts p, looking up the code of its organisation.
func (c *orgCodes) principle(ctx context.Context, p *schakel.Principle) (Principle, error) {
	out := Principle{
		Code:        p.Code,
		Group:       string(p.Group),
		Parent:      p.Parent,
		Name:        p.Name,
		NameEN:      p.NameEN,
		Source:      p.Source,
		Description: p.Description,
		CreatedAt:   timestamp(p.CreatedAt),
	}
	if p.OrganisationID != 0 {
		code, err := c.code(ctx, p.OrganisationID)
		if err != nil {
			return Principle{}, err
		}
		out.Organisation = code
	}
	if p.RetiredAt != nil {
		out.RetiredAt = timestamp(*p.RetiredAt)
	}
	return out, nil
}
