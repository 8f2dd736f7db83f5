package storetest

import (
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
)

// termFixture is two organisations and an administrator of the first.
type termFixture struct {
	uwv, svb *schakel.Organisation
	admin    *schakel.User
}

func newTermFixture(e *env) *termFixture {
	e.t.Helper()
	f := &termFixture{
		uwv: MustOrganisation(e.t, e.s, "uwv", schakel.OrgExecutive),
		svb: MustOrganisation(e.t, e.s, "svb", schakel.OrgExecutive),
	}
	f.admin = MustUser(e.t, e.s, "beheerder", schakel.Membership{OrganisationID: f.uwv.ID, Role: schakel.RoleAdmin})
	return f
}

// setting is a valid setting of typ at org, answer term answer.
func (f *termFixture) setting(org *schakel.Organisation, typ schakel.RequestType, answer string) *schakel.TermSetting {
	return &schakel.TermSetting{OrganisationID: org.ID, Type: typ, Answer: calendar.MustParseTermText(answer),
		MaxExtension: calendar.MustParseTerm("P2W"), ReminderWorkingDays: 2, UpdatedBy: f.admin.ID}
}

func (e *env) termSettings(org int64) []schakel.TermSetting {
	e.t.Helper()
	got, err := e.s.TermSettings(e.ctx, org)
	must(e.t, err)
	return got
}

func (e *env) termChanges(org int64) []*schakel.TermChange {
	e.t.Helper()
	got, err := e.s.TermChanges(e.ctx, org)
	must(e.t, err)
	return got
}

func testSetTerms(e *env) {
	f := newTermFixture(e)
	ts := f.setting(f.uwv, schakel.TypeGeneral, "P4W")
	ts.Urgent = calendar.MustParseTermText("5 werkdagen")
	must(e.t, e.s.SetTerms(e.ctx, ts))
	if !ts.UpdatedAt.Equal(e.s.Now()) {
		e.t.Fatalf("UpdatedAt = %v, want the store's clock %v", ts.UpdatedAt, e.s.Now())
	}
	got := e.termSettings(f.uwv.ID)
	if len(got) != 1 || got[0] != *ts {
		e.t.Fatalf("stored %+v, want %+v", got, *ts)
	}

	// A change replaces the setting; the same setting again changes nothing.
	e.clock.Advance(time.Hour)
	ts2 := f.setting(f.uwv, schakel.TypeGeneral, "P3W")
	must(e.t, e.s.SetTerms(e.ctx, ts2))
	e.clock.Advance(time.Hour)
	again := f.setting(f.uwv, schakel.TypeGeneral, "P3W")
	again.UpdatedBy = 0
	must(e.t, e.s.SetTerms(e.ctx, again))
	if !again.UpdatedAt.Equal(ts2.UpdatedAt) || again.UpdatedBy != f.admin.ID {
		e.t.Fatalf("unchanged setting: UpdatedAt %v by %d, want the stored %v by %d", again.UpdatedAt, again.UpdatedBy, ts2.UpdatedAt, f.admin.ID)
	}
	if got := e.termSettings(f.uwv.ID); len(got) != 1 || got[0] != *ts2 {
		e.t.Fatalf("stored %+v, want %+v", got, *ts2)
	}
	if n := len(e.termChanges(f.uwv.ID)); n != 2 {
		e.t.Fatalf("%d changes logged, want 2 (the repeat is no change)", n)
	}

	// Every invalid field at once, and nothing stored.
	bad := f.setting(f.uwv, schakel.TypeObjection, "P13W")
	bad.MaxExtension = calendar.MustParseTerm("P7W")
	bad.ReminderWorkingDays = 99
	wantFields(e.t, e.s.SetTerms(e.ctx, bad), "antwoord", "maximaleVerlenging", "herinneringWerkdagen")
	wantFields(e.t, e.s.SetTerms(e.ctx, &schakel.TermSetting{OrganisationID: f.uwv.ID, Type: "x"}), "type", "antwoord")
	wantFields(e.t, e.s.SetTerms(e.ctx, f.setting(&schakel.Organisation{ID: 9999}, schakel.TypeGeneral, "P4W")), "organisatieId")
	unknownUser := f.setting(f.svb, schakel.TypeGeneral, "P4W")
	unknownUser.UpdatedBy = 9999
	wantFields(e.t, e.s.SetTerms(e.ctx, unknownUser), "gewijzigdDoor")
	if got := e.termSettings(0); len(got) != 1 {
		e.t.Fatalf("refused settings were stored: %+v", got)
	}
	if n := len(e.termChanges(f.svb.ID)); n != 0 {
		e.t.Fatalf("refused settings were logged: %d", n)
	}
}

func testDeleteTerms(e *env) {
	f := newTermFixture(e)
	must(e.t, e.s.SetTerms(e.ctx, f.setting(f.uwv, schakel.TypeComplaint, "P5W")))
	must(e.t, e.s.SetTerms(e.ctx, f.setting(f.uwv, schakel.TypeGeneral, "P5W")))
	e.clock.Advance(time.Minute)
	must(e.t, e.s.DeleteTerms(e.ctx, f.uwv.ID, schakel.TypeComplaint, f.admin.ID))
	got := e.termSettings(f.uwv.ID)
	if len(got) != 1 || got[0].Type != schakel.TypeGeneral {
		e.t.Fatalf("after delete: %+v, want only the general setting", got)
	}
	changes := e.termChanges(f.uwv.ID)
	last := changes[len(changes)-1]
	if len(changes) != 3 || last.New != nil || last.Old == nil || last.Old.Answer != calendar.MustParseTerm("P5W") ||
		last.By != f.admin.ID || !last.At.Equal(e.s.Now()) || last.Type != schakel.TypeComplaint {
		e.t.Fatalf("delete logged as %+v (of %d changes)", last, len(changes))
	}
	// Deleting what is not configured, or at an organisation that does not
	// exist, changes nothing.
	must(e.t, e.s.DeleteTerms(e.ctx, f.uwv.ID, schakel.TypeComplaint, f.admin.ID))
	must(e.t, e.s.DeleteTerms(e.ctx, f.svb.ID, schakel.TypeGeneral, 0))
	must(e.t, e.s.DeleteTerms(e.ctx, 9999, schakel.TypeGeneral, 0))
	if n := len(e.termChanges(f.uwv.ID)) + len(e.termChanges(f.svb.ID)); n != 3 {
		e.t.Fatalf("%d changes logged, want 3", n)
	}
	// Setting the type again after a delete logs a change from the defaults.
	must(e.t, e.s.SetTerms(e.ctx, f.setting(f.uwv, schakel.TypeComplaint, "P4W")))
	changes = e.termChanges(f.uwv.ID)
	if last := changes[len(changes)-1]; last.Old != nil || last.New == nil {
		e.t.Fatalf("set after delete logged as %+v", last)
	}
}

func testTermSettings(e *env) {
	f := newTermFixture(e)
	if got := e.termSettings(0); len(got) != 0 {
		e.t.Fatalf("new store has settings: %+v", got)
	}
	brake := &schakel.TermSetting{OrganisationID: f.svb.ID, Type: schakel.TypeProfessionalBrake,
		Ack: calendar.MustParseTerm("P5D"), Answer: calendar.MustParseTerm("P4W"), Urgent: calendar.MustParseTermText("2 werkdagen"),
		MaxExtension: calendar.MustParseTerm("P4W"), Outer: calendar.MustParseTerm("P3M")}
	for _, ts := range []*schakel.TermSetting{brake, f.setting(f.uwv, schakel.TypeObjection, "P8W"), f.setting(f.uwv, schakel.TypeComplaint, "P6W")} {
		must(e.t, e.s.SetTerms(e.ctx, ts))
	}
	all := e.termSettings(0)
	var keys []string
	for _, ts := range all {
		keys = append(keys, map[int64]string{f.uwv.ID: "uwv", f.svb.ID: "svb"}[ts.OrganisationID]+"/"+string(ts.Type))
	}
	want := []string{"uwv/bezwaar", "uwv/klacht", "svb/noodrem-professional"}
	if f.uwv.ID > f.svb.ID {
		want = []string{"svb/noodrem-professional", "uwv/bezwaar", "uwv/klacht"}
	}
	if len(keys) != 3 || keys[0] != want[0] || keys[1] != want[1] || keys[2] != want[2] {
		e.t.Fatalf("settings %v, want %v (by organisation, then type)", keys, want)
	}
	svb := e.termSettings(f.svb.ID)
	if len(svb) != 1 || svb[0] != *brake {
		e.t.Fatalf("svb settings %+v, want %+v (every term read back, working days too)", svb, *brake)
	}
	if got := e.termSettings(9999); len(got) != 0 {
		e.t.Fatalf("unknown organisation has settings: %+v", got)
	}
}

func testTermChanges(e *env) {
	f := newTermFixture(e)
	first := f.setting(f.uwv, schakel.TypeGeneral, "P4W")
	must(e.t, e.s.SetTerms(e.ctx, first))
	e.clock.Advance(time.Hour)
	second := f.setting(f.uwv, schakel.TypeGeneral, "10 werkdagen")
	second.UpdatedBy = 0
	must(e.t, e.s.SetTerms(e.ctx, second))
	must(e.t, e.s.SetTerms(e.ctx, f.setting(f.svb, schakel.TypeGeneral, "P4W")))

	changes := e.termChanges(f.uwv.ID)
	if len(changes) != 2 {
		e.t.Fatalf("%d changes, want 2", len(changes))
	}
	c0, c1 := changes[0], changes[1]
	if c0.Old != nil || c0.New == nil || *c0.New != *first || c0.By != f.admin.ID || !c0.At.Equal(first.UpdatedAt) {
		e.t.Fatalf("first change %+v (new %+v), want from the defaults to %+v", c0, c0.New, first)
	}
	if c1.Old == nil || *c1.Old != *first || *c1.New != *second || c1.By != 0 || c1.ID <= c0.ID {
		e.t.Fatalf("second change %+v, want from %+v to %+v", c1, first, second)
	}
	if got := e.termChanges(9999); len(got) != 0 {
		e.t.Fatalf("unknown organisation has changes: %+v", got)
	}
	// The log is append-only under the store, too.
	if err := e.rawExec("UPDATE term_setting_changes SET changed_by = NULL"); err == nil {
		e.t.Fatal("UPDATE of term_setting_changes succeeded")
	}
	if err := e.rawExec("DELETE FROM term_setting_changes"); err == nil {
		e.t.Fatal("DELETE from term_setting_changes succeeded")
	}
	if n := e.count("term_setting_changes"); n != 3 {
		e.t.Fatalf("%d changes after the refused edits, want 3", n)
	}
}
