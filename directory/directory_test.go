package directory_test

import (
	"context"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/directory"
	"github.com/schakel-nl/schakel/schakeltest"
	"github.com/schakel-nl/schakel/store/storetest"
)

func fieldsOf(err error) map[string]string {
	out := map[string]string{}
	for _, f := range schakel.ErrorFields(err) {
		out[f.Field] = f.Code
	}
	return out
}

func TestCreateOrganisation(t *testing.T) {
	for _, be := range storetest.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			ctx := context.Background()
			st := be.Open(t, schakeltest.NewClock(time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)))
			szw := storetest.MustOrganisation(t, st, "min-szw", schakel.OrgMinistry)
			uwv := storetest.MustOrganisation(t, st, "uwv", schakel.OrgExecutive, szw.ID)
			uwvAdmin := storetest.MustUser(t, st, "beheer-uwv", schakel.Membership{OrganisationID: uwv.ID, Role: schakel.RoleAdmin})
			admin := storetest.MustOperator(t, st, "beheer")
			prof := storetest.MustUser(t, st, "prof", schakel.Membership{OrganisationID: uwv.ID, Role: schakel.RoleProfessional})
			d := directory.New(st)

			// Permission before the input: a professional hears 403, not what is wrong;
			// so does an organisation's administrator, who is no operator (issue 16).
			for _, u := range []*schakel.User{prof, uwvAdmin} {
				if _, err := d.CreateOrganisation(ctx, u, directory.OrganisationInput{Code: "ministerie-nep", Name: "Nep", Type: schakel.OrgMinistry}); schakel.ErrorCode(err) != schakel.EFORBIDDEN {
					t.Fatalf("%s: %v", u.Subject, err)
				}
			}
			if _, err := d.OrganisationByCode(ctx, "ministerie-nep"); schakel.ErrorCode(err) != schakel.ENOTFOUND {
				t.Fatalf("a refused organisation was stored: %v", err)
			}
			// Every invalid field at once, the transport's problem among them; nothing stored.
			_, err := d.CreateOrganisation(ctx, admin, directory.OrganisationInput{Code: "svb", Type: "bank", Principals: []string{"uwv", "onbekend"},
				Problems: []schakel.FieldError{{Field: "naam", Code: "type", Format: "Verwacht tekst."}}})
			got := fieldsOf(err)
			if got["naam"] != "type" || got["type"] == "" || got["opdrachtgevers"] == "" {
				t.Fatalf("fields %v of %v", got, err)
			}
			if _, err := d.OrganisationByCode(ctx, "svb"); schakel.ErrorCode(err) != schakel.ENOTFOUND {
				t.Fatalf("an invalid organisation was stored: %v", err)
			}
			o, err := d.CreateOrganisation(ctx, admin, directory.OrganisationInput{Code: "svb", Name: " Sociale Verzekeringsbank ", Type: schakel.OrgExecutive, Principals: []string{"min-szw"}})
			if err != nil {
				t.Fatal(err)
			}
			back, err := d.OrganisationByCode(ctx, "svb")
			if err != nil || back.ID != o.ID || back.Name != "Sociale Verzekeringsbank" || len(back.PrincipalIDs) != 1 || back.PrincipalIDs[0] != szw.ID {
				t.Fatalf("stored %+v, %v", back, err)
			}
			if _, err := d.CreateOrganisation(ctx, admin, directory.OrganisationInput{Code: "svb", Name: "Nog een", Type: schakel.OrgExecutive}); schakel.ErrorCode(err) != schakel.ECONFLICT {
				t.Fatalf("a taken code: %v", err)
			}
		})
	}
}

func TestPrinciples(t *testing.T) {
	for _, be := range storetest.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			ctx := context.Background()
			st := be.Open(t, schakeltest.NewClock(time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)))
			if _, err := st.SeedPrinciples(ctx, schakel.DefaultPrinciples()); err != nil {
				t.Fatal(err)
			}
			uwv := storetest.MustOrganisation(t, st, "uwv", schakel.OrgExecutive)
			svb := storetest.MustOrganisation(t, st, "svb", schakel.OrgExecutive)
			admin := storetest.MustUser(t, st, "beheer", schakel.Membership{OrganisationID: uwv.ID, Role: schakel.RoleAdmin})
			svbAdmin := storetest.MustUser(t, st, "svb-beheer", schakel.Membership{OrganisationID: svb.ID, Role: schakel.RoleAdmin})
			d := directory.New(st)

			in := directory.PrincipleInput{Organisation: "uwv", Code: "uwv-menselijke-maat", Name: "Menselijke maat", NameEN: "Human measure", Description: "Wij kijken naar de mens achter de aanvraag."}
			if _, err := d.CreatePrinciple(ctx, svbAdmin, in); schakel.ErrorCode(err) != schakel.EFORBIDDEN {
				t.Fatalf("another organisation's admin: %v", err)
			}
			bad := in
			bad.Parent, bad.Group = "bestaat-niet", schakel.GroupDemocracy
			if got := fieldsOf(func() error { _, err := d.CreatePrinciple(ctx, admin, bad); return err }()); got["ouder"] != "unknown" || got["groep"] != "not_allowed" {
				t.Fatalf("fields %v", got)
			}
			p, err := d.CreatePrinciple(ctx, admin, in)
			if err != nil {
				t.Fatal(err)
			}
			if p.Group != schakel.GroupOrganisation || p.OrganisationID != uwv.ID {
				t.Fatalf("created %+v", p)
			}
			child := in
			child.Code, child.Parent = "uwv-kind", p.Code
			if _, err := d.CreatePrinciple(ctx, admin, child); err != nil {
				t.Fatal(err)
			}
			grandchild := in
			grandchild.Code, grandchild.Parent = "uwv-kleinkind", "uwv-kind"
			if got := fieldsOf(func() error { _, err := d.CreatePrinciple(ctx, admin, grandchild); return err }()); got["ouder"] != "not_top" {
				t.Fatalf("a part as parent: %v", got)
			}
			if _, err := d.RetirePrinciple(ctx, svbAdmin, p.Code, schakel.Change{Via: schakel.ViaAPI}, nil); schakel.ErrorCode(err) != schakel.EFORBIDDEN {
				t.Fatalf("retire by another organisation's admin: %v", err)
			}
			r, err := d.RetirePrinciple(ctx, admin, p.Code, schakel.Change{Via: schakel.ViaAPI}, nil)
			if err != nil || !r.Retired() {
				t.Fatalf("retired %+v, %v", r, err)
			}
			retiredParent := in
			retiredParent.Code, retiredParent.Parent = "uwv-ander", p.Code
			if got := fieldsOf(func() error { _, err := d.CreatePrinciple(ctx, admin, retiredParent); return err }()); got["ouder"] != "retired" {
				t.Fatalf("a retired parent: %v", got)
			}
			all, err := d.Principles(ctx, schakel.PrincipleFilter{IncludeRetired: true})
			if err != nil || len(all) < len(schakel.DefaultPrinciples())+2 {
				t.Fatalf("%d principles, %v", len(all), err)
			}
		})
	}
}

func TestInternalsForMembers(t *testing.T) {
	for _, be := range storetest.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			ctx := context.Background()
			st := be.Open(t, schakeltest.NewClock(time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)))
			uwv := storetest.MustOrganisation(t, st, "uwv", schakel.OrgExecutive)
			svb := storetest.MustOrganisation(t, st, "svb", schakel.OrgExecutive)
			coord := storetest.MustUser(t, st, "coord", schakel.Membership{OrganisationID: uwv.ID, Role: schakel.RoleCoordinator})
			prof := storetest.MustUser(t, st, "prof", schakel.Membership{OrganisationID: uwv.ID, Role: schakel.RoleProfessional})
			outsider := storetest.MustUser(t, st, "svb-prof", schakel.Membership{OrganisationID: svb.ID, Role: schakel.RoleProfessional})
			d := directory.New(st)
			if _, err := d.Teams(ctx, outsider, uwv.ID); schakel.ErrorCode(err) != schakel.EFORBIDDEN {
				t.Fatalf("teams for an outsider: %v", err)
			}
			if _, err := d.Teams(ctx, prof, uwv.ID); err != nil {
				t.Fatalf("teams for a member: %v", err)
			}
			if _, err := d.Colleagues(ctx, prof, uwv.ID, 50); schakel.ErrorCode(err) != schakel.EFORBIDDEN {
				t.Fatalf("colleagues for a professional: %v", err)
			}
			us, err := d.Colleagues(ctx, coord, uwv.ID, 50)
			if err != nil || len(us) != 2 {
				t.Fatalf("colleagues %d, %v", len(us), err)
			}
		})
	}
}
