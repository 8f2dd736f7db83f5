package figures

import (
	"slices"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/redact"
)

// Directory is what grouping needs of the organisations: each by id, with
// its type, principals, committee and task.
type Directory map[int64]*schakel.Organisation

// NewDirectory indexes orgs by id.
func NewDirectory(orgs []*schakel.Organisation) Directory {
	d := make(Directory, len(orgs))
	for _, o := range orgs {
		d[o.ID] = o
	}
	return d
}

// Place returns the organisation a tally's requests are about and the
// ministry responsible for them. The organisation is the executing one
// involved: the one asked first, else the one that asked, else the one
// asked first whatever its type. The ministry is the one asked first or
// that asked when it is a ministry (a returned assignment, an
// assessment), else the organisation's first principal. Either may be nil.
func (d Directory) Place(t schakel.RequestTally) (org, ministry *schakel.Organisation) {
	first, requester := d[t.FirstOrganisationID], d[t.RequesterOrganisationID]
	switch {
	case first != nil && first.Type.Executes():
		org = first
	case requester != nil && requester.Type.Executes():
		org = requester
	default:
		org = first
	}
	switch {
	case first != nil && first.Type == schakel.OrgMinistry:
		ministry = first
	case requester != nil && requester.Type == schakel.OrgMinistry:
		ministry = requester
	default:
		ministry = d.principal(org)
	}
	return org, ministry
}

// principal is the ministry an organisation executes for: a ministry is
// its own, an executing organisation's is its first principal (lowest id);
// nil when it has none.
func (d Directory) principal(o *schakel.Organisation) *schakel.Organisation {
	switch {
	case o == nil:
		return nil
	case o.Type == schakel.OrgMinistry:
		return o
	case len(o.PrincipalIDs) > 0:
		return d[slices.Min(o.PrincipalIDs)]
	}
	return nil
}

// RedactContext keeps the names and codes of the organisations standing in
// texts that go public, and replaces every other name (package redact).
func (d Directory) RedactContext() redact.Context {
	keep := make([]string, 0, 2*len(d))
	for _, o := range d {
		keep = append(keep, o.Name, o.Code)
	}
	slices.Sort(keep)
	return redact.Context{Keep: keep}
}

// Selection narrows the figures to one organisation, ministry, committee
// or task; zero fields select all.
type Selection struct {
	OrganisationID int64
	MinistryID     int64
	Committee      string
	Task           string
}

// Empty reports whether s selects everything.
func (s Selection) Empty() bool { return s == Selection{} }

// matches reports whether requests about org under ministry are selected.
func (s Selection) matches(org, ministry *schakel.Organisation) bool {
	switch {
	case s.OrganisationID != 0 && (org == nil || org.ID != s.OrganisationID):
		return false
	case s.MinistryID != 0 && (ministry == nil || ministry.ID != s.MinistryID):
		return false
	case s.Committee != "" && (ministry == nil || ministry.Committee != s.Committee):
		return false
	case s.Task != "" && (org == nil || org.Task != s.Task):
		return false
	}
	return true
}

// Tables are the figures of a period grouped every way the view shows.
type Tables struct {
	Total         Group
	Ministries    []Group
	Organisations []Group
	Committees    []Group
	Tasks         []Group
	Types         []Group
	// OrganisationTypes are the figures per organisation and request type:
	// Key is the organisation's code and the type joined by "/" (the
	// deadline figures of the open data).
	OrganisationTypes []Group
	// HeldBack counts the organisations whose citizens' brakes in the
	// period were too few to publish (MinCitizenBrakes).
	HeldBack int
}

// Tabulate groups the tallies of a period as the selection narrows them.
// Groups without a ministry, committee or task have the empty key and
// name; the page names them.
func Tabulate(tallies []schakel.RequestTally, d Directory, sel Selection) Tables {
	held := heldBack(tallies, d)
	total, ministries, orgs, committees, tasks, types := newGrouper(), newGrouper(), newGrouper(), newGrouper(), newGrouper(), newGrouper()
	orgTypes := newGrouper()
	heldIn, heldOrgs := map[*Group]bool{}, map[int64]bool{}
	for _, t := range tallies {
		org, ministry := d.Place(t)
		if !sel.matches(org, ministry) {
			continue
		}
		groups := []*Group{total.group("", ""), types.group(string(t.Type), string(t.Type))}
		var orgID int64
		if org != nil {
			orgID = org.ID
			groups = append(groups, orgs.group(org.Code, org.Name), tasks.group(org.Task, org.Task),
				orgTypes.group(org.Code+"/"+string(t.Type), org.Name))
		} else {
			groups = append(groups, orgs.group("", ""), tasks.group("", ""), orgTypes.group("/"+string(t.Type), ""))
		}
		if ministry != nil {
			groups = append(groups, ministries.group(ministry.Code, ministry.Name), committees.group(ministry.Committee, ministry.Committee))
		} else {
			groups = append(groups, ministries.group("", ""), committees.group("", ""))
		}
		if t.Type == schakel.TypeCitizenBrake && held[orgID] {
			heldOrgs[orgID] = true
			for _, g := range groups {
				heldIn[g] = true
			}
			continue
		}
		for _, g := range groups {
			g.add(t)
		}
	}
	for g := range heldIn {
		g.CitizenBrakes.Suppressed = true
	}
	out := Tables{Ministries: ministries.list(), Organisations: orgs.list(), Committees: committees.list(), Tasks: tasks.list(), Types: types.list(),
		OrganisationTypes: orgTypes.list()}
	if all := total.list(); len(all) > 0 {
		out.Total = all[0]
	} else {
		out.Total.finish()
	}
	out.HeldBack = len(heldOrgs)
	return out
}

// heldBack returns the organisations (by id, 0 for none) whose citizens'
// brakes among the tallies are too few to publish.
func heldBack(tallies []schakel.RequestTally, d Directory) map[int64]bool {
	n := map[int64]int{}
	for _, t := range tallies {
		if t.Type != schakel.TypeCitizenBrake {
			continue
		}
		var id int64
		if org, _ := d.Place(t); org != nil {
			id = org.ID
		}
		n[id] += t.Count
	}
	out := map[int64]bool{}
	for id, c := range n {
		if Suppressed(c) {
			out[id] = true
		}
	}
	return out
}
