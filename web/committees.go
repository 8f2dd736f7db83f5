package web

import (
	"net/http"
	"slices"

	"github.com/schakel-nl/schakel"
)

// committeesData is the Data of the page of the standing committees.
type committeesData struct {
	Committees []committeeView
}

// committeeView is one standing committee: the ministries that name it and
// the executing organisations it follows, each with the contact points
// that serve the committee.
type committeeView struct {
	Name          string
	Ministries    []*schakel.Organisation
	Organisations []committeeOrg
}

// committeeOrg is an executing organisation under a committee.
type committeeOrg struct {
	Org      *schakel.Organisation
	Contacts []*schakel.Contact
}

// CommitteesPage lists each standing committee of parliament that a
// ministry names, with those ministries and the contact points for
// parliament of the organisations they are principal of, and of any other
// organisation with a contact point for the committee; GET
// /kamercommissies. It is public: a contact point names no person
// (decision 0021).
func (h *Handler) CommitteesPage(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	pg := h.newPage(r, "Vaste Kamercommissies")
	pg.Nav = "organisaties"
	committees, err := h.Directory.Committees(ctx)
	if err != nil {
		return err
	}
	contacts, err := h.Directory.Contacts(ctx, schakel.ContactFilter{})
	if err != nil {
		return err
	}
	all, byID, err := h.allOrganisations(r)
	if err != nil {
		return err
	}
	d := committeesData{}
	for _, c := range committees {
		d.Committees = append(d.Committees, committeeOf(c, all, byID, contacts))
	}
	pg.Data = d
	h.render(w, r, http.StatusOK, "committees", pg)
	return nil
}

// committeeOf gathers the view of c: its ministries, and in the order of
// all (by name) every executing organisation that one of them is principal
// of or that has a contact point serving c.
func committeeOf(c *schakel.Committee, all []*schakel.Organisation, byID map[int64]*schakel.Organisation, contacts []*schakel.Contact) committeeView {
	v := committeeView{Name: c.Name, Ministries: lookup(byID, c.MinistryIDs)}
	serving := map[int64][]*schakel.Contact{}
	for _, k := range contacts {
		if slices.Contains(k.Committees, c.Name) {
			serving[k.OrganisationID] = append(serving[k.OrganisationID], k)
		}
	}
	for _, o := range all {
		agent := false
		for _, p := range o.PrincipalIDs {
			agent = agent || slices.Contains(c.MinistryIDs, p)
		}
		if agent || len(serving[o.ID]) > 0 {
			v.Organisations = append(v.Organisations, committeeOrg{Org: o, Contacts: serving[o.ID]})
		}
	}
	return v
}

// CommitteeID returns the element id of a committee on /kamercommissies,
// so other pages can link to it: "commissie-" and the name in lower case
// with every run of other characters as one "-".
func (pg *page) CommitteeID(name string) string {
	b := make([]rune, 0, len(name))
	dash := true
	for _, c := range name {
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			b = append(b, c)
			dash = false
		case c >= 'A' && c <= 'Z':
			b = append(b, c-'A'+'a')
			dash = false
		case !dash:
			b = append(b, '-')
			dash = true
		}
	}
	s := string(b)
	for len(s) > 0 && s[len(s)-1] == '-' {
		s = s[:len(s)-1]
	}
	return "commissie-" + s
}
