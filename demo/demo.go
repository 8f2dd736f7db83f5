// Package demo builds schakel's demo world from the cases of the report
// "Naar een uitvoerende macht": the organisations it names, a demo user for
// every role, and (in later capabilities) their cases, brakes and signals.
// It only ever writes to an empty database.
package demo

import (
	"context"
	"fmt"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/auth"
)

// Store is what building the demo world needs.
type Store interface {
	schakel.OrganisationStore
	schakel.UserStore
	SetUserOperator(ctx context.Context, id int64, on bool, c schakel.Change) (*schakel.User, error)
}

type org struct {
	code, name string
	typ        schakel.OrgType
	principals []string
	teams      []string
}

// Organisations of the demo world, principals before the organisations they
// commission.
var organisations = []org{
	{code: "min-szw", name: "Ministerie van Sociale Zaken en Werkgelegenheid", typ: schakel.OrgMinistry},
	{code: "min-jenv", name: "Ministerie van Justitie en Veiligheid", typ: schakel.OrgMinistry},
	{code: "min-bzk", name: "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties", typ: schakel.OrgMinistry},
	{code: "uwv", name: "UWV", typ: schakel.OrgExecutive, principals: []string{"min-szw"}, teams: []string{"Maatwerkplaats", "Team WIA Eindhoven"}},
	{code: "svb", name: "Sociale Verzekeringsbank", typ: schakel.OrgExecutive, principals: []string{"min-szw"}, teams: []string{"Maatwerkplaats"}},
	{code: "politie", name: "Politie", typ: schakel.OrgExecutive, principals: []string{"min-jenv"}, teams: []string{"Basisteam Eindhoven-Centrum"}},
	{code: "gemeente-eindhoven", name: "Gemeente Eindhoven", typ: schakel.OrgMunicipality, principals: []string{"min-szw", "min-bzk"}, teams: []string{"Maatwerkplaats Sociaal Domein"}},
	{code: "tweede-kamer", name: "Tweede Kamer der Staten-Generaal", typ: schakel.OrgParliament},
}

// User is one demo user: a subject, a name and roles.
type User struct {
	Subject string
	Name    string
	Roles   []Role
	// Operator: the user is also an operator of the installation, so the
	// demo can create organisations and retire national principles.
	Operator bool
}

// Role is a demo user's role in an organisation, optionally in a team.
type Role struct {
	Org  string
	Role schakel.Role
	Team string
}

// Users are the demo users: every role of PRODUCT.md at least once. The
// names are invented; none belongs to a real person.
var Users = []User{
	{"uwv-professional", "Fatima El Amrani", []Role{{"uwv", schakel.RoleProfessional, "Team WIA Eindhoven"}}, false},
	{"uwv-coordinator", "Jeroen Bakker", []Role{{"uwv", schakel.RoleCoordinator, "Maatwerkplaats"}}, false},
	{"uwv-bestuur", "Marleen Visser", []Role{{"uwv", schakel.RoleBoard, ""}}, false},
	{"uwv-beheerder", "Rik Vermeulen", []Role{{"uwv", schakel.RoleAdmin, ""}}, true},
	{"svb-professional", "Kees Mulder", []Role{{"svb", schakel.RoleProfessional, "Maatwerkplaats"}}, false},
	{"politie-professional", "Sanne de Vries", []Role{{"politie", schakel.RoleProfessional, "Basisteam Eindhoven-Centrum"}}, false},
	{"politie-coordinator", "Yusuf Demir", []Role{{"politie", schakel.RoleCoordinator, "Basisteam Eindhoven-Centrum"}}, false},
	{"politie-bestuur", "Ingrid Koster", []Role{{"politie", schakel.RoleBoard, ""}}, false},
	{"politie-vertrouwenspersoon", "Vertrouwenspersoon Marco Jansen", []Role{{"politie", schakel.RoleCounsel, ""}}, false},
	{"eindhoven-professional", "Lotte Hendriks", []Role{{"gemeente-eindhoven", schakel.RoleProfessional, "Maatwerkplaats Sociaal Domein"}}, false},
	{"eindhoven-coordinator", "Bram van Dijk", []Role{{"gemeente-eindhoven", schakel.RoleCoordinator, "Maatwerkplaats Sociaal Domein"}}, false},
	{"eindhoven-bestuur", "Wethouder Noor Claassen", []Role{{"gemeente-eindhoven", schakel.RoleBoard, ""}}, false},
	{"szw-beleid", "Eva Smit", []Role{{"min-szw", schakel.RolePolicy, ""}}, false},
	{"szw-minister", "Minister van SZW", []Role{{"min-szw", schakel.RoleMinister, ""}}, false},
	{"szw-sg", "Secretaris-generaal van SZW", []Role{{"min-szw", schakel.RoleSecretaryGeneral, ""}}, false},
	{"jenv-beleid", "Daan Willems", []Role{{"min-jenv", schakel.RolePolicy, ""}}, false},
	{"jenv-minister", "Minister van JenV", []Role{{"min-jenv", schakel.RoleMinister, ""}}, false},
	{"jenv-sg", "Secretaris-generaal van JenV", []Role{{"min-jenv", schakel.RoleSecretaryGeneral, ""}}, false},
	{"bzk-beleid", "Sophie Groen", []Role{{"min-bzk", schakel.RolePolicy, ""}}, false},
	{"bzk-minister", "Minister van BZK", []Role{{"min-bzk", schakel.RoleMinister, ""}}, false},
	{"bzk-beheerder", "Functioneel beheer schakel", []Role{{"min-bzk", schakel.RoleAdmin, ""}}, true},
	{"kamerlid", "Kamerlid Hanna Bos", []Role{{"tweede-kamer", schakel.RoleParliament, ""}}, false},
	{"griffier", "Griffier Tom Peeters", []Role{{"tweede-kamer", schakel.RoleParliament, ""}}, false},
}

// Build creates the demo world when the database has no organisations yet and
// reports whether it did. On a database with organisations it does nothing,
// so it never mixes demo data into real data.
func Build(ctx context.Context, s Store) (bool, error) {
	_, n, err := s.Organisations(ctx, schakel.OrganisationFilter{Limit: 1})
	if err != nil {
		return false, fmt.Errorf("demo: %w", err)
	}
	if n > 0 {
		return false, nil
	}
	ids := map[string]int64{}
	teams := map[string]int64{}
	for _, o := range organisations {
		rec := &schakel.Organisation{Code: o.code, Name: o.name, Type: o.typ}
		for _, p := range o.principals {
			rec.PrincipalIDs = append(rec.PrincipalIDs, ids[p])
		}
		if err := s.CreateOrganisation(ctx, rec); err != nil {
			return false, fmt.Errorf("demo: organisation %s: %w", o.code, err)
		}
		ids[o.code] = rec.ID
		for _, name := range o.teams {
			t := &schakel.Team{OrganisationID: rec.ID, Name: name}
			if err := s.CreateTeam(ctx, t); err != nil {
				return false, fmt.Errorf("demo: team %s: %w", name, err)
			}
			teams[o.code+"/"+name] = t.ID
		}
	}
	for _, du := range Users {
		u := &schakel.User{Issuer: auth.DemoIssuer, Subject: du.Subject, Name: du.Name}
		if err := s.LoginUser(ctx, u); err != nil {
			return false, fmt.Errorf("demo: user %s: %w", du.Subject, err)
		}
		for _, r := range du.Roles {
			m := schakel.Membership{UserID: u.ID, OrganisationID: ids[r.Org], Role: r.Role}
			if r.Team != "" {
				m.TeamID = teams[r.Org+"/"+r.Team]
			}
			if err := s.AddMembership(ctx, m); err != nil {
				return false, fmt.Errorf("demo: role of %s: %w", du.Subject, err)
			}
		}
		if du.Operator {
			if _, err := s.SetUserOperator(ctx, u.ID, true, schakel.Change{Via: schakel.ViaCommand, Reason: "demo"}); err != nil {
				return false, fmt.Errorf("demo: operator %s: %w", du.Subject, err)
			}
		}
	}
	return contactsBuilt(ctx, s, ids)
}
