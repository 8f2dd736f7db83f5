package storetest

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
)

func init() {
	tests["CreateContact"] = testCreateContact
	tests["Contact"] = testContact
	tests["RetireContact"] = testRetireContact
	tests["Contacts"] = testContacts
	tests["Committees"] = testCommittees
	tests["SetOrganisationGrouping"] = testSetOrganisationGrouping
}

// contactWorld is two ministries with a committee each, a third without,
// and executing organisations of theirs.
type contactWorld struct {
	szw, jenv, az, uwv, svb, tk *schakel.Organisation
}

func newContactWorld(e *env) contactWorld {
	e.t.Helper()
	var w contactWorld
	w.szw = MustOrganisation(e.t, e.s, "min-szw", schakel.OrgMinistry)
	w.jenv = MustOrganisation(e.t, e.s, "min-jenv", schakel.OrgMinistry)
	w.az = MustOrganisation(e.t, e.s, "min-az", schakel.OrgMinistry)
	w.uwv = MustOrganisation(e.t, e.s, "uwv", schakel.OrgExecutive, w.szw.ID)
	w.svb = MustOrganisation(e.t, e.s, "svb", schakel.OrgExecutive, w.szw.ID)
	w.tk = MustOrganisation(e.t, e.s, "tweede-kamer", schakel.OrgParliament)
	must(e.t, e.s.SetOrganisationGrouping(e.ctx, w.szw.ID, "Sociale Zaken en Werkgelegenheid", ""))
	must(e.t, e.s.SetOrganisationGrouping(e.ctx, w.jenv.ID, "Justitie en Veiligheid", ""))
	return w
}

// mustContact adds a valid contact point of org serving committees.
func mustContact(e *env, org int64, committees ...string) *schakel.Contact {
	e.t.Helper()
	c := &schakel.Contact{OrganisationID: org, Function: "Politiek accountmanager", Email: "kamercontact@example.nl", Committees: committees}
	must(e.t, e.s.CreateContact(e.ctx, c))
	return c
}

func countRows(e *env, table string) int {
	e.t.Helper()
	var n int
	must(e.t, e.s.DB().QueryRowContext(e.ctx, "SELECT COUNT(*) FROM "+table).Scan(&n))
	return n
}

func testCreateContact(e *env) {
	w := newContactWorld(e)
	c := &schakel.Contact{OrganisationID: w.uwv.ID, Function: "  Politiek accountmanager ", Email: " kamerzaken@uwv.example ", Phone: "+31 20 751-0000",
		Topics: "Wet- en regelgeving over WIA en WW", Committees: []string{"Sociale Zaken en Werkgelegenheid", " Justitie en Veiligheid"}}
	must(e.t, e.s.CreateContact(e.ctx, c))
	if c.ID == 0 || !c.CreatedAt.Equal(Start) || c.Retired() || c.Function != "Politiek accountmanager" || c.Email != "kamerzaken@uwv.example" {
		e.t.Fatalf("after create: %+v", c)
	}
	if want := []string{"Justitie en Veiligheid", "Sociale Zaken en Werkgelegenheid"}; !slices.Equal(c.Committees, want) {
		e.t.Fatalf("committees = %q, want %q", c.Committees, want)
	}
	valid := func(mod func(c *schakel.Contact)) schakel.Contact {
		c := schakel.Contact{OrganisationID: w.svb.ID, Function: "Accountmanager Tweede Kamer", Email: "parlement@svb.example", Committees: []string{"Sociale Zaken en Werkgelegenheid"}}
		mod(&c)
		return c
	}
	cases := []struct {
		name   string
		c      schakel.Contact
		fields []string
	}{
		{"every field bad", schakel.Contact{OrganisationID: w.szw.ID, Function: " ", Email: "Jan Jansen <jan@svb.example>", Phone: "bel maar", Topics: strings.Repeat("x", schakel.MaxContactTopics+1),
			Committees: []string{"Onbekende Zaken", "", "Onbekende Zaken"}},
			[]string{"organisatie", "functie", "email", "telefoon", "onderwerpen", "kamercommissies[0]", "kamercommissies[1]", "kamercommissies[2]"}},
		{"unknown organisation", valid(func(c *schakel.Contact) { c.OrganisationID = 999999 }), []string{"organisatie"}},
		{"parliament does not execute", valid(func(c *schakel.Contact) { c.OrganisationID = w.tk.ID }), []string{"organisatie"}},
		{"no committee", valid(func(c *schakel.Contact) { c.Committees = nil }), []string{"kamercommissies"}},
		{"a person's address", valid(func(c *schakel.Contact) { c.Email = "j.jansen@svb.example" }), []string{"email"}},
		{"two addresses", valid(func(c *schakel.Contact) { c.Email = "a@svb.example, b@svb.example" }), []string{"email"}},
		{"no domain", valid(func(c *schakel.Contact) { c.Email = "parlement@localhost" }), []string{"email"}},
		{"NUL", valid(func(c *schakel.Contact) { c.Function, c.Email, c.Topics = "a\x00", "p\x00@svb.example", "\x00" }), []string{"functie", "email", "onderwerpen"}},
		{"a mobile number", valid(func(c *schakel.Contact) { c.Phone = "06-12345678" }), []string{"telefoon"}},
		{"phone of letters", valid(func(c *schakel.Contact) { c.Phone = "+31 twintig" }), []string{"telefoon"}},
		{"a committee of nobody", valid(func(c *schakel.Contact) { c.Committees = []string{"Sociale Zaken en Werkgelegenheid", "Financiën"} }), []string{"kamercommissies[1]"}},
	}
	for _, tc := range cases {
		e.t.Run(tc.name, func(t *testing.T) {
			c := tc.c
			err := e.s.CreateContact(e.ctx, &c)
			wantFields(t, err, tc.fields...)
			if c.ID != 0 {
				t.Fatalf("refused contact has id %d", c.ID)
			}
		})
	}
	if n, m := countRows(e, "contact_points"), countRows(e, "contact_committees"); n != 1 || m != 2 {
		e.t.Fatalf("%d contact points and %d committee rows stored, want 1 and 2: nothing of the refused ones", n, m)
	}
}

func testContact(e *env) {
	w := newContactWorld(e)
	c := mustContact(e, w.uwv.ID, "Sociale Zaken en Werkgelegenheid")
	got, err := e.s.Contact(e.ctx, c.ID)
	must(e.t, err)
	if got.OrganisationID != w.uwv.ID || got.Function != c.Function || got.Email != c.Email || !got.CreatedAt.Equal(Start) || got.Retired() ||
		!slices.Equal(got.Committees, []string{"Sociale Zaken en Werkgelegenheid"}) {
		e.t.Fatalf("got %+v", got)
	}
	_, err = e.s.Contact(e.ctx, 424242)
	wantCode(e.t, err, schakel.ENOTFOUND)
}

func testRetireContact(e *env) {
	w := newContactWorld(e)
	c := mustContact(e, w.uwv.ID, "Sociale Zaken en Werkgelegenheid")
	e.clock.Advance(48 * time.Hour)
	must(e.t, e.s.RetireContact(e.ctx, c.ID))
	got, err := e.s.Contact(e.ctx, c.ID)
	must(e.t, err)
	if got.RetiredAt == nil || !got.RetiredAt.Equal(Start.Add(48*time.Hour)) {
		e.t.Fatalf("RetiredAt = %v, want the clock's time", got.RetiredAt)
	}
	wantCode(e.t, e.s.RetireContact(e.ctx, c.ID), schakel.ECONFLICT)
	wantCode(e.t, e.s.RetireContact(e.ctx, 424242), schakel.ENOTFOUND)
	// History is never edited: the database refuses a delete or a change
	// of a retired contact point, whatever goes past the store.
	if _, err := e.s.DB().ExecContext(e.ctx, "DELETE FROM contact_points"); err == nil {
		e.t.Fatal("a contact point was deleted")
	}
	if _, err := e.s.DB().ExecContext(e.ctx, "UPDATE contact_points SET email = 'ander@uwv.example'"); err == nil {
		e.t.Fatal("a contact point was changed")
	}
	if _, err := e.s.DB().ExecContext(e.ctx, "DELETE FROM contact_committees"); err == nil {
		e.t.Fatal("a contact point's committee was deleted")
	}
	if n := countRows(e, "contact_points"); n != 1 {
		e.t.Fatalf("%d contact points, want 1", n)
	}
}

func testContacts(e *env) {
	w := newContactWorld(e)
	a := mustContact(e, w.uwv.ID, "Sociale Zaken en Werkgelegenheid")
	b := mustContact(e, w.svb.ID, "Sociale Zaken en Werkgelegenheid", "Justitie en Veiligheid")
	old := mustContact(e, w.uwv.ID, "Justitie en Veiligheid")
	c := mustContact(e, w.uwv.ID, "Justitie en Veiligheid")
	must(e.t, e.s.RetireContact(e.ctx, old.ID))
	ids := func(f schakel.ContactFilter) []int64 {
		e.t.Helper()
		cs, err := e.s.Contacts(e.ctx, f)
		must(e.t, err)
		var out []int64
		for _, c := range cs {
			if len(c.Committees) == 0 {
				e.t.Fatalf("contact %d without its committees", c.ID)
			}
			out = append(out, c.ID)
		}
		return out
	}
	for name, tc := range map[string]struct {
		f    schakel.ContactFilter
		want []int64
	}{
		"active":               {schakel.ContactFilter{}, []int64{a.ID, c.ID, b.ID}},
		"with retired":         {schakel.ContactFilter{IncludeRetired: true}, []int64{a.ID, old.ID, c.ID, b.ID}},
		"organisation":         {schakel.ContactFilter{OrganisationID: w.uwv.ID}, []int64{a.ID, c.ID}},
		"committee":            {schakel.ContactFilter{Committee: "Justitie en Veiligheid"}, []int64{c.ID, b.ID}},
		"both":                 {schakel.ContactFilter{OrganisationID: w.svb.ID, Committee: "Justitie en Veiligheid"}, []int64{b.ID}},
		"committee of nobody":  {schakel.ContactFilter{Committee: "Onbekend"}, nil},
		"committee with a NUL": {schakel.ContactFilter{Committee: "Justitie\x00"}, nil},
	} {
		e.t.Run(name, func(t *testing.T) {
			// uwv was created before svb: its contact points come first.
			if got := ids(tc.f); !slices.Equal(got, tc.want) {
				t.Fatalf("contacts = %v, want %v", got, tc.want)
			}
		})
	}
}

func testCommittees(e *env) {
	cs, err := e.s.Committees(e.ctx)
	must(e.t, err)
	if len(cs) != 0 {
		e.t.Fatalf("fresh store has committees %+v", cs)
	}
	w := newContactWorld(e)
	// A second ministry that names the same committee is listed under it.
	must(e.t, e.s.SetOrganisationGrouping(e.ctx, w.az.ID, "Justitie en Veiligheid", ""))
	must(e.t, e.s.SetOrganisationGrouping(e.ctx, w.uwv.ID, "", "Bestaanszekerheid"))
	cs, err = e.s.Committees(e.ctx)
	must(e.t, err)
	if len(cs) != 2 || cs[0].Name != "Justitie en Veiligheid" || cs[1].Name != "Sociale Zaken en Werkgelegenheid" {
		e.t.Fatalf("committees %+v", cs)
	}
	// Ministries by name: "Organisatie min-az" before "Organisatie min-jenv".
	if !slices.Equal(cs[0].MinistryIDs, []int64{w.az.ID, w.jenv.ID}) || !slices.Equal(cs[1].MinistryIDs, []int64{w.szw.ID}) {
		e.t.Fatalf("ministries %v and %v", cs[0].MinistryIDs, cs[1].MinistryIDs)
	}
}

func testSetOrganisationGrouping(e *env) {
	w := newContactWorld(e)
	must(e.t, e.s.SetOrganisationGrouping(e.ctx, w.uwv.ID, "", "  Bestaanszekerheid "))
	got, err := e.s.Organisation(e.ctx, w.uwv.ID)
	must(e.t, err)
	if got.Task != "Bestaanszekerheid" || got.Committee != "" || !slices.Equal(got.PrincipalIDs, []int64{w.szw.ID}) {
		e.t.Fatalf("after set: %+v", got)
	}
	got, err = e.s.Organisation(e.ctx, w.szw.ID)
	must(e.t, err)
	if got.Committee != "Sociale Zaken en Werkgelegenheid" {
		e.t.Fatalf("ministry after set: %+v", got)
	}
	cases := []struct {
		name            string
		org             int64
		committee, task string
		fields          []string
	}{
		{"committee of an executing organisation", w.uwv.ID, "Sociale Zaken en Werkgelegenheid", "", []string{"kamercommissie"}},
		{"task of a ministry", w.szw.ID, "Sociale Zaken en Werkgelegenheid", "Werk", []string{"opgave"}},
		{"both wrong at parliament", w.tk.ID, "X", "Y", []string{"kamercommissie", "opgave"}},
		{"too long and NUL", w.szw.ID, strings.Repeat("k", schakel.MaxGroupingName+1), "\x00", []string{"kamercommissie", "opgave"}},
	}
	for _, tc := range cases {
		e.t.Run(tc.name, func(t *testing.T) {
			wantFields(t, e.s.SetOrganisationGrouping(e.ctx, tc.org, tc.committee, tc.task), tc.fields...)
		})
	}
	wantCode(e.t, e.s.SetOrganisationGrouping(e.ctx, 424242, "", ""), schakel.ENOTFOUND)
	// Nothing of the refused ones was stored; clearing works.
	got, err = e.s.Organisation(e.ctx, w.szw.ID)
	must(e.t, err)
	if got.Committee != "Sociale Zaken en Werkgelegenheid" || got.Task != "" {
		e.t.Fatalf("a refused grouping was stored: %+v", got)
	}
	must(e.t, e.s.SetOrganisationGrouping(e.ctx, w.szw.ID, "", ""))
	got, err = e.s.Organisation(e.ctx, w.szw.ID)
	must(e.t, err)
	if got.Committee != "" {
		e.t.Fatalf("committee not cleared: %+v", got)
	}
}
