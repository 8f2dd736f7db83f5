package web

import (
	"net/http"

	"github.com/schakel-nl/schakel"
)

// organisationsData is the Data of the organisations page.
type organisationsData struct {
	Type   schakel.OrgType // the type filtered on, or ""
	Groups []orgGroup
	Total  int
}

// orgGroup is the organisations of one type.
type orgGroup struct {
	Type schakel.OrgType
	Orgs []orgRow
}

// orgRow is an organisation with its principals.
type orgRow struct {
	Org        *schakel.Organisation
	Principals []*schakel.Organisation
}

// maxOrganisations is how many organisations the pages list; the store
// pages at this size at most.
const maxOrganisations = 500

// OrganisationsPage lists the organisations grouped by type, with their
// principals, optionally only those of one type (?type=); GET /organisaties.
func (h *Handler) OrganisationsPage(w http.ResponseWriter, r *http.Request) error {
	pg := h.newPage(r, "Organisaties")
	pg.Nav = "organisaties"
	typ := schakel.OrgType(r.URL.Query().Get("type"))
	if typ != "" && !typ.Valid() {
		typ = ""
	}
	all, byID, err := h.allOrganisations(r)
	if err != nil {
		return err
	}
	d := organisationsData{Type: typ}
	for _, t := range schakel.OrgTypes {
		if typ != "" && t != typ {
			continue
		}
		g := orgGroup{Type: t}
		for _, o := range all {
			if o.Type == t {
				g.Orgs = append(g.Orgs, orgRow{Org: o, Principals: lookup(byID, o.PrincipalIDs)})
			}
		}
		if len(g.Orgs) > 0 {
			d.Groups = append(d.Groups, g)
			d.Total += len(g.Orgs)
		}
	}
	pg.Data = d
	h.render(w, r, http.StatusOK, "organisations", pg)
	return nil
}

// allOrganisations returns every organisation ordered by name, and by id.
func (h *Handler) allOrganisations(r *http.Request) ([]*schakel.Organisation, map[int64]*schakel.Organisation, error) {
	all, _, err := h.Directory.Organisations(r.Context(), schakel.OrganisationFilter{Limit: maxOrganisations})
	if err != nil {
		return nil, nil, err
	}
	byID := make(map[int64]*schakel.Organisation, len(all))
	for _, o := range all {
		byID[o.ID] = o
	}
	return all, byID, nil
}

func lookup(byID map[int64]*schakel.Organisation, ids []int64) []*schakel.Organisation {
	var out []*schakel.Organisation
	for _, id := range ids {
		if o, ok := byID[id]; ok {
			out = append(out, o)
		}
	}
	return out
}

// organisationData is the Data of an organisation's page.
type organisationData struct {
	Org        *schakel.Organisation
	Principals []*schakel.Organisation // its opdrachtgevers
	Agents     []*schakel.Organisation // the organisations it is principal of
	Internals  bool                    // the viewer may see the teams
	Teams      []*schakel.Team
	// Contact is the section "Contact met het parlement" (contacts.go).
	Contact contactSection
}

// Organisation shows one organisation: its type, principals, the
// organisations it is principal of, its contact points for parliament
// and, for its members, its teams.
func (h *Handler) Organisation(w http.ResponseWriter, r *http.Request) error {
	o, err := h.Directory.OrganisationByCode(r.Context(), r.PathValue("code"))
	if err != nil {
		return err
	}
	return h.renderOrganisation(w, r, http.StatusOK, o, contactForms{})
}

// renderOrganisation renders the page of o; forms holds the input and
// errors of a failed post to one of its forms.
func (h *Handler) renderOrganisation(w http.ResponseWriter, r *http.Request, status int, o *schakel.Organisation, forms contactForms) error {
	pg := h.newPage(r, "Organisaties")
	pg.Title = o.Name
	pg.Nav = "organisaties"
	d := organisationData{Org: o}
	for _, id := range o.PrincipalIDs {
		p, err := h.Directory.Organisation(r.Context(), id)
		if err != nil {
			return err
		}
		d.Principals = append(d.Principals, p)
	}
	if o.Type == schakel.OrgMinistry {
		agents, _, err := h.Directory.Organisations(r.Context(), schakel.OrganisationFilter{PrincipalID: o.ID, Limit: maxOrganisations})
		if err != nil {
			return err
		}
		d.Agents = agents
	}
	// The teams are for the organisation's members; others see the page
	// without them.
	teams, err := h.Directory.Teams(r.Context(), pg.User, o.ID)
	switch schakel.ErrorCode(err) {
	case "":
		d.Internals, d.Teams = true, teams
	case schakel.EUNAUTHORIZED, schakel.EFORBIDDEN:
	default:
		return err
	}
	if d.Contact, err = h.contactSection(r, pg, o, forms); err != nil {
		return err
	}
	pg.Data = d
	h.render(w, r, status, "organisation", pg)
	return nil
}
