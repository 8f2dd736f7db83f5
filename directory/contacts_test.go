package directory_test

import (
	"context"
	"maps"
	"slices"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/directory"
	"github.com/schakel-nl/schakel/schakeltest"
	"github.com/schakel-nl/schakel/store/storetest"
)

func TestContacts(t *testing.T) {
	for _, be := range storetest.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			ctx := context.Background()
			clock := schakeltest.NewClock(time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC))
			st := be.Open(t, clock)
			szw := storetest.MustOrganisation(t, st, "min-szw", schakel.OrgMinistry)
			uwv := storetest.MustOrganisation(t, st, "uwv", schakel.OrgExecutive, szw.ID)
			svb := storetest.MustOrganisation(t, st, "svb", schakel.OrgExecutive, szw.ID)
			uwvAdmin := storetest.MustUser(t, st, "uwv-beheer", schakel.Membership{OrganisationID: uwv.ID, Role: schakel.RoleAdmin})
			// The committee of a ministry is the installation's: uwv's
			// administrator sets it as an operator.
			uwvAdmin, err := st.SetUserOperator(ctx, uwvAdmin.ID, true, schakel.Change{Via: schakel.ViaCommand})
			if err != nil {
				t.Fatal(err)
			}
			uwvBoard := storetest.MustUser(t, st, "uwv-bestuur", schakel.Membership{OrganisationID: uwv.ID, Role: schakel.RoleBoard})
			d := directory.New(st)

			// Operators set the committee; the board may not.
			if _, err := d.SetGrouping(ctx, uwvBoard, "min-szw", directory.GroupingInput{Committee: "Sociale Zaken en Werkgelegenheid"}); schakel.ErrorCode(err) != schakel.EFORBIDDEN {
				t.Fatalf("board sets a committee: %v", err)
			}
			_, err = d.SetGrouping(ctx, uwvAdmin, "uwv", directory.GroupingInput{Committee: "X", Task: string(rune(0)),
				Problems: []schakel.FieldError{{Field: "body", Code: "unknown_field", Format: "Onbekend veld."}}})
			if got := fieldsOf(err); got["kamercommissie"] != "not_allowed" || got["opgave"] != "nul" || got["body"] != "unknown_field" {
				t.Fatalf("fields %v of %v", got, err)
			}
			o, err := d.SetGrouping(ctx, uwvAdmin, "min-szw", directory.GroupingInput{Committee: " Sociale Zaken en Werkgelegenheid "})
			if err != nil || o.Committee != "Sociale Zaken en Werkgelegenheid" {
				t.Fatalf("set committee: %+v, %v", o, err)
			}
			if _, err := d.SetGrouping(ctx, uwvAdmin, "onbekend", directory.GroupingInput{}); schakel.ErrorCode(err) != schakel.ENOTFOUND {
				t.Fatalf("unknown organisation: %v", err)
			}

			// Nobody and the board hear so before anything about the input.
			for _, u := range []*schakel.User{nil, uwvBoard} {
				if _, _, err := d.AddContact(ctx, u, "uwv", directory.ContactInput{}); schakel.ErrorCode(err) != schakel.EUNAUTHORIZED && schakel.ErrorCode(err) != schakel.EFORBIDDEN {
					t.Fatalf("%v adds a contact: %v", u, err)
				}
			}
			// Every invalid field at once, the transport's among them; nothing stored.
			_, _, err = d.AddContact(ctx, uwvAdmin, "min-szw", directory.ContactInput{Email: "Jan <jan@uwv.example>", Phone: "x", Committees: []string{"Onbekend", "Onbekend"},
				Problems: []schakel.FieldError{{Field: "onderwerpen", Code: "type", Format: "Verwacht tekst."}}})
			want := map[string]string{"organisatie": "not_executing", "functie": "required", "email": "format", "telefoon": "format", "onderwerpen": "type",
				"kamercommissies[0]": "unknown", "kamercommissies[1]": "duplicate"}
			if got := fieldsOf(err); !maps.Equal(got, want) {
				t.Fatalf("fields %v, want %v", got, want)
			}
			// A person named in the function or the topics is refused: the
			// point is public and names a function.
			_, _, err = d.AddContact(ctx, uwvAdmin, "uwv", directory.ContactInput{Function: "Vraag naar Jan de Vries", Email: "kamerzaken@uwv.example",
				Topics: "Bel mevrouw Jansen over de WW.", Committees: []string{"Sociale Zaken en Werkgelegenheid"}})
			if got := fieldsOf(err); got["functie"] != "personal" || got["onderwerpen"] != "personal" || len(got) != 2 {
				t.Fatalf("a person in the function and topics: fields %v", got)
			}
			if cs, _ := d.Contacts(ctx, schakel.ContactFilter{IncludeRetired: true}); len(cs) != 0 {
				t.Fatalf("refused contact stored: %+v", cs)
			}
			org, c, err := d.AddContact(ctx, uwvAdmin, "uwv", directory.ContactInput{Function: "Politiek accountmanager", Email: "kamerzaken@uwv.example",
				Committees: []string{"Sociale Zaken en Werkgelegenheid"}})
			if err != nil || org.ID != uwv.ID || c.ID == 0 {
				t.Fatalf("add: %+v %+v %v", org, c, err)
			}
			// An administrator of uwv is also an operator here (the admin
			// role), so another organisation's contact points are theirs too.
			if _, _, err := d.AddContact(ctx, uwvAdmin, "svb", directory.ContactInput{Function: "Kamercontact", Email: "kamer@svb.example",
				Committees: []string{"Sociale Zaken en Werkgelegenheid"}}); err != nil {
				t.Fatalf("operator adds for svb: %v", err)
			}
			cs, err := d.Contacts(ctx, schakel.ContactFilter{Committee: "Sociale Zaken en Werkgelegenheid"})
			if err != nil || len(cs) != 2 || cs[0].OrganisationID != uwv.ID || cs[1].OrganisationID != svb.ID {
				t.Fatalf("contacts %+v, %v", cs, err)
			}
			committees, err := d.Committees(ctx)
			if err != nil || len(committees) != 1 || !slices.Equal(committees[0].MinistryIDs, []int64{szw.ID}) {
				t.Fatalf("committees %+v, %v", committees, err)
			}

			// Retiring: through the organisation it belongs to, once.
			if _, err := d.RetireContact(ctx, uwvAdmin, "svb", c.ID, nil); schakel.ErrorCode(err) != schakel.ENOTFOUND {
				t.Fatalf("retired through another organisation: %v", err)
			}
			if _, err := d.RetireContact(ctx, uwvBoard, "uwv", c.ID, nil); schakel.ErrorCode(err) != schakel.EFORBIDDEN {
				t.Fatalf("board retires: %v", err)
			}
			clock.Advance(time.Hour)
			r, err := d.RetireContact(ctx, uwvAdmin, "uwv", c.ID, nil)
			if err != nil || r.RetiredAt == nil || !r.RetiredAt.Equal(clock.Now()) {
				t.Fatalf("retire: %+v, %v", r, err)
			}
			if _, err := d.RetireContact(ctx, uwvAdmin, "uwv", c.ID, nil); schakel.ErrorCode(err) != schakel.ECONFLICT {
				t.Fatalf("retired twice: %v", err)
			}
		})
	}
}

func TestMayManageContacts(t *testing.T) {
	admin := &schakel.User{ID: 1, Memberships: []schakel.Membership{{OrganisationID: 7, Role: schakel.RoleAdmin}}}
	board := &schakel.User{ID: 2, Memberships: []schakel.Membership{{OrganisationID: 7, Role: schakel.RoleBoard}}}
	if !directory.MayManageContacts(admin, 7) || directory.MayManageContacts(board, 7) || directory.MayManageContacts(nil, 7) {
		t.Fatal("MayManageContacts: only administrators and operators")
	}
	op := &schakel.User{ID: 3, Operator: true}
	if !directory.MayManageGrouping(op) || directory.MayManageGrouping(admin) || directory.MayManageGrouping(board) {
		t.Fatal("MayManageGrouping: only operators")
	}
	if !directory.MayManageContacts(op, 7) {
		t.Fatal("MayManageContacts: operators too")
	}
}
