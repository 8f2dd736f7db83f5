package storetest

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/schakeltest"
	"github.com/schakel-nl/schakel/store"
)

// Start is where the suite's clock stands when each test begins.
var Start = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

// env is what each conformance test gets: a fresh store and its clock.
type env struct {
	t     *testing.T
	ctx   context.Context
	s     *store.Store
	clock *schakeltest.Clock
}

// tests maps each store method to the test that proves it. The keys are the
// method names, so TestEveryMethodCovered in package store can hold the suite
// to covering every exported method.
var tests = map[string]func(e *env){
	"Open":                       testOpen,
	"Dialect":                    testDialect,
	"Now":                        testNow,
	"DB":                         testDB,
	"Close":                      testClose,
	"Ping":                       testPing,
	"Migrate":                    testMigrate,
	"SchemaVersions":             testSchemaVersions,
	"CheckSchema":                testCheckSchema,
	"Backup":                     testBackup,
	"CreateOrganisation":         testCreateOrganisation,
	"Organisation":               testOrganisation,
	"OrganisationByCode":         testOrganisationByCode,
	"Organisations":              testOrganisations,
	"CreateTeam":                 testCreateTeam,
	"Teams":                      testTeams,
	"LoginUser":                  testLoginUser,
	"User":                       testUser,
	"Users":                      testUsers,
	"AddMembership":              testAddMembership,
	"RemoveMembership":           testRemoveMembership,
	"CreatePrinciple":            testCreatePrinciple,
	"Principle":                  testPrinciple,
	"Principles":                 testPrinciples,
	"RetirePrinciple":            testRetirePrinciple,
	"SeedPrinciples":             testSeedPrinciples,
	"Sessions":                   testSessions,
	"SessionStore.FindCtx":       testSessions,
	"SessionStore.CommitCtx":     testSessions,
	"SessionStore.DeleteCtx":     testSessionDelete,
	"SessionStore.DeleteExpired": testSessionDeleteExpired,
	"SessionStore.Find":          testSessionsNoContext,
	"SessionStore.Commit":        testSessionsNoContext,
	"SessionStore.Delete":        testSessionsNoContext,
	"CreateRequest":              testCreateRequest,
	"Request":                    testRequest,
	"Requests":                   testRequests,
	"Events":                     testEvents,
	"UpdateRequest":              testUpdateRequest,
	"EventsOf":                   testEventsOf,
	"SweepDue":                   testSweepDue,
	"DueRequests":                testDueRequests,
	"SetTerms":                   testSetTerms,
	"DeleteTerms":                testDeleteTerms,
	"TermSettings":               testTermSettings,
	"TermChanges":                testTermChanges,
	"SequenceLedger":             testSequenceLog,
	"LedgerSize":                 testLedgerSize,
	"ReadHashes":                 testReadHashes,
	"LedgerHashReader":           testLedgerHashReader,
	"LedgerEntries":              testLedgerEntries,
	"LedgerIndex":                testLedgerIndex,
	"SaveCheckpoint":             testSaveCheckpoint,
	"LatestCheckpoint":           testLatestCheckpoint,
	"CheckpointAt":               testCheckpointAt,
	"EraseRequestTexts":          testEraseRequestTexts,
	"Erasures":                   testErasures,
}

// Covered returns the names of the methods the suite tests, sorted; methods
// of a type other than *store.Store are prefixed with the type name.
func Covered() []string {
	names := make([]string, 0, len(tests))
	for n := range tests {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Run runs the conformance suite against stores made by open: each test gets
// a fresh, migrated database.
func Run(t *testing.T, open Opener) {
	for _, name := range Covered() {
		fn := tests[name]
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			clock := schakeltest.NewClock(Start)
			fn(&env{t: t, ctx: context.Background(), s: open(t, clock), clock: clock})
		})
	}
}

// step runs fn as the named subtest of e's test, on the same store and
// clock, and stops the test when the step fails: the steps of one test
// build on each other, in order.
func (e *env) step(name string, fn func(e *env)) {
	e.t.Helper()
	ok := e.t.Run(name, func(t *testing.T) {
		fn(&env{t: t, ctx: e.ctx, s: e.s, clock: e.clock})
	})
	if !ok {
		e.t.FailNow()
	}
}

// wantCode fails the test unless err carries the schakel error code.
func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if got := schakel.ErrorCode(err); got != code {
		t.Fatalf("error code = %q (%v), want %q", got, err, code)
	}
}

// wantFields fails the test unless err is EINVALID naming exactly fields.
func wantFields(t *testing.T, err error, fields ...string) {
	t.Helper()
	wantCode(t, err, schakel.EINVALID)
	var got []string
	for _, f := range schakel.ErrorFields(err) {
		got = append(got, f.Field)
	}
	sort.Strings(got)
	sort.Strings(fields)
	if !slices.Equal(got, fields) {
		t.Fatalf("invalid fields = %v, want %v", got, fields)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// MustOrganisation creates an organisation or fails the test.
func MustOrganisation(tb testing.TB, s *store.Store, code string, typ schakel.OrgType, principals ...int64) *schakel.Organisation {
	tb.Helper()
	o := &schakel.Organisation{Code: code, Name: "Organisatie " + code, Type: typ, PrincipalIDs: principals}
	if err := s.CreateOrganisation(context.Background(), o); err != nil {
		tb.Fatalf("create organisation %s: %v", code, err)
	}
	return o
}

// MustUser logs in a user with the given subject or fails the test.
func MustUser(tb testing.TB, s *store.Store, subject string, ms ...schakel.Membership) *schakel.User {
	tb.Helper()
	u := &schakel.User{Issuer: "https://idp.test", Subject: subject, Name: "Gebruiker " + subject}
	if err := s.LoginUser(context.Background(), u); err != nil {
		tb.Fatalf("login user %s: %v", subject, err)
	}
	for _, m := range ms {
		m.UserID = u.ID
		if err := s.AddMembership(context.Background(), m); err != nil {
			tb.Fatalf("add membership: %v", err)
		}
	}
	got, err := s.User(context.Background(), u.ID)
	if err != nil {
		tb.Fatal(err)
	}
	return got
}

func testOpen(e *env) {
	// The store under test was opened by the backend's Opener; a second
	// handle on the same database sees what the first wrote.
	o := MustOrganisation(e.t, e.s, "uwv", schakel.OrgExecutive)
	if e.s.Dialect() == "sqlite" {
		if _, err := store.Open(e.ctx, filepath.Join(e.t.TempDir(), "x.db"), store.Options{SQLiteSynchronous: "SOMETIMES"}); err == nil {
			e.t.Fatal("Open accepted synchronous=SOMETIMES")
		}
	}
	if _, err := store.Open(e.ctx, "postgres://nobody@127.0.0.1:1/none?connect_timeout=1", store.Options{}); schakel.ErrorCode(err) != schakel.EUNAVAILABLE {
		e.t.Fatalf("Open of an unreachable database: %v, want EUNAVAILABLE", err)
	}
	got, err := e.s.Organisation(e.ctx, o.ID)
	must(e.t, err)
	if got.Code != "uwv" {
		e.t.Fatalf("got %+v", got)
	}
}

func testDialect(e *env) {
	if d := e.s.Dialect(); d != "sqlite" && d != "postgres" {
		e.t.Fatalf("Dialect() = %q", d)
	}
}

func testNow(e *env) {
	e.clock.Set(time.Date(2026, 5, 1, 12, 0, 0, 123456789, time.FixedZone("CEST", 7200)))
	want := time.Date(2026, 5, 1, 10, 0, 0, 123456000, time.UTC)
	if got := e.s.Now(); !got.Equal(want) || got.Location() != time.UTC {
		e.t.Fatalf("Now() = %v, want %v in UTC", got, want)
	}
	o := MustOrganisation(e.t, e.s, "svb", schakel.OrgExecutive)
	got, err := e.s.Organisation(e.ctx, o.ID)
	must(e.t, err)
	if !got.CreatedAt.Equal(want) {
		e.t.Fatalf("CreatedAt = %v, want %v (the injected clock, truncated to µs)", got.CreatedAt, want)
	}
}

func testDB(e *env) {
	var n int
	must(e.t, e.s.DB().QueryRowContext(e.ctx, "SELECT COUNT(*) FROM organisations").Scan(&n))
	if n != 0 {
		e.t.Fatalf("fresh database has %d organisations", n)
	}
}

func testClose(e *env) {
	must(e.t, e.s.Close())
	if err := e.s.Ping(e.ctx); err == nil {
		e.t.Fatal("Ping after Close succeeded")
	}
}

func testPing(e *env) {
	must(e.t, e.s.Ping(e.ctx))
}

func testMigrate(e *env) {
	// Migrating an up-to-date database is a no-op that reports the version.
	v, err := e.s.Migrate(e.ctx)
	must(e.t, err)
	_, target, err := e.s.SchemaVersions(e.ctx)
	must(e.t, err)
	if v != target || v < 1 {
		e.t.Fatalf("Migrate() = %d, target %d", v, target)
	}
	testMigrateReports(e, target)
}

func testSchemaVersions(e *env) {
	cur, target, err := e.s.SchemaVersions(e.ctx)
	must(e.t, err)
	if cur != target {
		e.t.Fatalf("current %d, target %d after migrate", cur, target)
	}
}

func testCheckSchema(e *env) {
	must(e.t, e.s.CheckSchema(e.ctx))
	// An unmigrated database is refused with a message that says what to run.
	var s2 *store.Store
	var err error
	if e.s.Dialect() == "sqlite" {
		s2, err = store.Open(e.ctx, filepath.Join(e.t.TempDir(), "empty.db"), store.Options{})
	} else {
		s2, err = store.Open(e.ctx, PostgresURL(e.t), store.Options{})
	}
	must(e.t, err)
	defer s2.Close()
	err = s2.CheckSchema(e.ctx)
	wantCode(e.t, err, schakel.EUNAVAILABLE)
	if msg := schakel.ErrorMessage(err); !containsAll(msg, "schakel migrate", "--migrate") {
		e.t.Fatalf("CheckSchema message %q does not say what to run", msg)
	}
}

func containsAll(s string, subs ...string) bool {
	for _, sub := range subs {
		if !contains(s, sub) {
			return false
		}
	}
	return true
}

func contains(s, sub string) bool {
	return len(sub) == 0 || (len(s) >= len(sub) && (s[:len(sub)] == sub || contains(s[1:], sub)))
}

func testBackup(e *env) {
	o := MustOrganisation(e.t, e.s, "politie", schakel.OrgExecutive)
	path := filepath.Join(e.t.TempDir(), "backup.db")
	err := testBackupReports(e, path)
	if e.s.Dialect() == "postgres" {
		wantCode(e.t, err, schakel.EINVALID)
		return
	}
	must(e.t, err)
	// Writes after the backup are not in it; the copy opens as a current store.
	MustOrganisation(e.t, e.s, "later", schakel.OrgExecutive)
	b, err := store.Open(e.ctx, path, store.Options{})
	must(e.t, err)
	defer b.Close()
	must(e.t, b.CheckSchema(e.ctx))
	got, err := b.Organisation(e.ctx, o.ID)
	must(e.t, err)
	if got.Code != "politie" {
		e.t.Fatalf("backup holds %+v", got)
	}
	if _, err := b.OrganisationByCode(e.ctx, "later"); schakel.ErrorCode(err) != schakel.ENOTFOUND {
		e.t.Fatalf("backup holds a later write: %v", err)
	}
	if _, err := os.Stat(path + "-wal"); err == nil {
		// VACUUM INTO writes a self-contained file; a WAL next to it would
		// mean the copy depends on more than one file.
		if fi, _ := os.Stat(path + "-wal"); fi.Size() > 0 {
			e.t.Fatal("backup left a non-empty WAL file")
		}
	}
}

func testCreateOrganisation(e *env) {
	szw := MustOrganisation(e.t, e.s, "min-szw", schakel.OrgMinistry)
	bzk := MustOrganisation(e.t, e.s, "min-bzk", schakel.OrgMinistry)
	gem := &schakel.Organisation{Code: "gemeente-eindhoven", Name: "  Gemeente Eindhoven ", Type: schakel.OrgMunicipality, PrincipalIDs: []int64{bzk.ID, szw.ID, szw.ID}}
	must(e.t, e.s.CreateOrganisation(e.ctx, gem))
	if gem.ID == 0 || gem.Name != "Gemeente Eindhoven" || !gem.CreatedAt.Equal(Start) {
		e.t.Fatalf("after create: %+v", gem)
	}
	if want := []int64{szw.ID, bzk.ID}; !sameIDs(gem.PrincipalIDs, want) {
		e.t.Fatalf("principals = %v, want %v", gem.PrincipalIDs, want)
	}
	cases := []struct {
		name   string
		o      schakel.Organisation
		code   string
		fields []string
	}{
		{"every field bad", schakel.Organisation{Code: "UWV!", Name: " ", Type: "bedrijf"}, schakel.EINVALID, []string{"code", "naam", "type"}},
		{"ministry with principal", schakel.Organisation{Code: "min-x", Name: "X", Type: schakel.OrgMinistry, PrincipalIDs: []int64{szw.ID}}, schakel.EINVALID, []string{"opdrachtgevers"}},
		{"principal not a ministry", schakel.Organisation{Code: "svb", Name: "SVB", Type: schakel.OrgExecutive, PrincipalIDs: []int64{gem.ID}}, schakel.EINVALID, []string{"opdrachtgevers"}},
		{"unknown principal", schakel.Organisation{Code: "svb", Name: "SVB", Type: schakel.OrgExecutive, PrincipalIDs: []int64{999999}}, schakel.EINVALID, []string{"opdrachtgevers"}},
		{"code taken", schakel.Organisation{Code: "min-szw", Name: "Dubbel", Type: schakel.OrgMinistry}, schakel.ECONFLICT, nil},
	}
	for _, c := range cases {
		e.t.Run(c.name, func(t *testing.T) {
			o := c.o
			err := e.s.CreateOrganisation(e.ctx, &o)
			wantCode(t, err, c.code)
			if c.fields != nil {
				wantFields(t, err, c.fields...)
			}
		})
	}
	// Nothing of the refused ones was stored.
	_, total, err := e.s.Organisations(e.ctx, schakel.OrganisationFilter{})
	must(e.t, err)
	if total != 3 {
		e.t.Fatalf("%d organisations stored, want 3", total)
	}
}

func sameIDs(a, b []int64) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

func testOrganisation(e *env) {
	szw := MustOrganisation(e.t, e.s, "min-szw", schakel.OrgMinistry)
	uwv := MustOrganisation(e.t, e.s, "uwv", schakel.OrgExecutive, szw.ID)
	got, err := e.s.Organisation(e.ctx, uwv.ID)
	must(e.t, err)
	if got.Code != "uwv" || got.Type != schakel.OrgExecutive || !slices.Equal(got.PrincipalIDs, []int64{szw.ID}) || !got.CreatedAt.Equal(Start) {
		e.t.Fatalf("got %+v", got)
	}
	_, err = e.s.Organisation(e.ctx, 424242)
	wantCode(e.t, err, schakel.ENOTFOUND)

	// An organisation and its principals come in one read: with none, and
	// with several in order.
	bzk := MustOrganisation(e.t, e.s, "min-bzk", schakel.OrgMinistry)
	rvig := MustOrganisation(e.t, e.s, "rvig", schakel.OrgExecutive, bzk.ID, szw.ID)
	got, err = e.s.OrganisationByCode(e.ctx, "rvig")
	must(e.t, err)
	if got.ID != rvig.ID || !slices.Equal(got.PrincipalIDs, []int64{szw.ID, bzk.ID}) {
		e.t.Fatalf("two principals: %+v", got)
	}
	got, err = e.s.Organisation(e.ctx, bzk.ID)
	must(e.t, err)
	if got.Code != "min-bzk" || len(got.PrincipalIDs) != 0 {
		e.t.Fatalf("no principals: %+v", got)
	}
}

func testOrganisationByCode(e *env) {
	MustOrganisation(e.t, e.s, "svb", schakel.OrgExecutive)
	got, err := e.s.OrganisationByCode(e.ctx, "svb")
	must(e.t, err)
	if got.Code != "svb" {
		e.t.Fatalf("got %+v", got)
	}
	_, err = e.s.OrganisationByCode(e.ctx, "SVB")
	wantCode(e.t, err, schakel.ENOTFOUND)
	_, err = e.s.OrganisationByCode(e.ctx, "svb\x00")
	wantCode(e.t, err, schakel.ENOTFOUND) // not a database error on PostgreSQL
}

func testOrganisations(e *env) {
	szw := MustOrganisation(e.t, e.s, "min-szw", schakel.OrgMinistry)
	jenv := MustOrganisation(e.t, e.s, "min-jenv", schakel.OrgMinistry)
	MustOrganisation(e.t, e.s, "uwv", schakel.OrgExecutive, szw.ID)
	MustOrganisation(e.t, e.s, "svb", schakel.OrgExecutive, szw.ID)
	MustOrganisation(e.t, e.s, "politie", schakel.OrgExecutive, jenv.ID)
	cases := []struct {
		name  string
		f     schakel.OrganisationFilter
		codes []string
		total int
	}{
		{"all by name", schakel.OrganisationFilter{}, []string{"min-jenv", "min-szw", "politie", "svb", "uwv"}, 5},
		{"ministries", schakel.OrganisationFilter{Type: schakel.OrgMinistry}, []string{"min-jenv", "min-szw"}, 2},
		{"of SZW", schakel.OrganisationFilter{PrincipalID: szw.ID}, []string{"svb", "uwv"}, 2},
		{"page", schakel.OrganisationFilter{Offset: 1, Limit: 2}, []string{"min-szw", "politie"}, 5},
		{"beyond the end", schakel.OrganisationFilter{Offset: 10}, nil, 5},
	}
	for _, c := range cases {
		e.t.Run(c.name, func(t *testing.T) {
			got, total, err := e.s.Organisations(e.ctx, c.f)
			must(t, err)
			var codes []string
			for _, o := range got {
				codes = append(codes, o.Code)
			}
			if !slices.Equal(codes, c.codes) || total != c.total {
				t.Fatalf("got %v (total %d), want %v (total %d)", codes, total, c.codes, c.total)
			}
		})
	}
	got, _, err := e.s.Organisations(e.ctx, schakel.OrganisationFilter{PrincipalID: jenv.ID})
	must(e.t, err)
	if len(got) != 1 || !slices.Equal(got[0].PrincipalIDs, []int64{jenv.ID}) {
		e.t.Fatalf("principal ids not attached in lists: %+v", got)
	}
}

func testCreateTeam(e *env) {
	uwv := MustOrganisation(e.t, e.s, "uwv", schakel.OrgExecutive)
	tm := &schakel.Team{OrganisationID: uwv.ID, Name: " Maatwerkplaats "}
	must(e.t, e.s.CreateTeam(e.ctx, tm))
	if tm.ID == 0 || tm.Name != "Maatwerkplaats" || !tm.CreatedAt.Equal(Start) {
		e.t.Fatalf("after create: %+v", tm)
	}
	wantCode(e.t, e.s.CreateTeam(e.ctx, &schakel.Team{OrganisationID: uwv.ID, Name: "Maatwerkplaats"}), schakel.ECONFLICT)
	wantFields(e.t, e.s.CreateTeam(e.ctx, &schakel.Team{OrganisationID: 99999, Name: "X"}), "organisatieId")
	wantFields(e.t, e.s.CreateTeam(e.ctx, &schakel.Team{}), "organisatieId", "naam")
}

func testTeams(e *env) {
	uwv := MustOrganisation(e.t, e.s, "uwv", schakel.OrgExecutive)
	svb := MustOrganisation(e.t, e.s, "svb", schakel.OrgExecutive)
	for _, n := range []string{"Zuid", "Maatwerkplaats", "Noord"} {
		must(e.t, e.s.CreateTeam(e.ctx, &schakel.Team{OrganisationID: uwv.ID, Name: n}))
	}
	must(e.t, e.s.CreateTeam(e.ctx, &schakel.Team{OrganisationID: svb.ID, Name: "Noord"}))
	got, err := e.s.Teams(e.ctx, uwv.ID)
	must(e.t, err)
	var names []string
	for _, tm := range got {
		names = append(names, tm.Name)
	}
	if !slices.Equal(names, []string{"Maatwerkplaats", "Noord", "Zuid"}) {
		e.t.Fatalf("teams = %v", names)
	}
}

func testLoginUser(e *env) {
	u := &schakel.User{Issuer: "https://idp.test", Subject: "s-1", Name: "Petra", Email: "petra@uwv.nl"}
	must(e.t, e.s.LoginUser(e.ctx, u))
	if u.ID == 0 || !u.CreatedAt.Equal(Start) {
		e.t.Fatalf("after first login: %+v", u)
	}
	// A later login updates the name and e-mail, keeps id and creation time.
	e.clock.Advance(time.Hour)
	again := &schakel.User{Issuer: "https://idp.test", Subject: "s-1", Name: "Petra de Vries", Email: ""}
	must(e.t, e.s.LoginUser(e.ctx, again))
	if again.ID != u.ID || again.Name != "Petra de Vries" || again.Email != "" || !again.CreatedAt.Equal(Start) {
		e.t.Fatalf("after second login: %+v", again)
	}
	// The same subject at another issuer is another person.
	other := &schakel.User{Issuer: "https://other.test", Subject: "s-1", Name: "Iemand"}
	must(e.t, e.s.LoginUser(e.ctx, other))
	if other.ID == u.ID {
		e.t.Fatal("subject shared across issuers")
	}
	wantFields(e.t, e.s.LoginUser(e.ctx, &schakel.User{Email: "geen adres"}), "issuer", "subject", "naam", "email")
	// Concurrent first logins of one person make one user.
	var wg sync.WaitGroup
	ids := make([]int64, 8)
	errs := make([]error, 8)
	for i := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			u := &schakel.User{Issuer: "https://idp.test", Subject: "race", Name: "Race"}
			errs[i] = e.s.LoginUser(e.ctx, u)
			ids[i] = u.ID
		}()
	}
	wg.Wait()
	for i := range ids {
		must(e.t, errs[i])
		if ids[i] != ids[0] {
			e.t.Fatalf("concurrent logins made users %v", ids)
		}
	}
}

func testUser(e *env) {
	uwv := MustOrganisation(e.t, e.s, "uwv", schakel.OrgExecutive)
	u := MustUser(e.t, e.s, "annie", schakel.Membership{OrganisationID: uwv.ID, Role: schakel.RoleProfessional})
	got, err := e.s.User(e.ctx, u.ID)
	must(e.t, err)
	if got.Subject != "annie" || len(got.Memberships) != 1 || !got.HasRole(uwv.ID, schakel.RoleProfessional) {
		e.t.Fatalf("got %+v", got)
	}
	_, err = e.s.User(e.ctx, 777777)
	wantCode(e.t, err, schakel.ENOTFOUND)

	// User and memberships come in one read: a user without any, and one
	// with several, each with its team, role and rule flag, in order.
	svb := MustOrganisation(e.t, e.s, "svb", schakel.OrgExecutive)
	none, err := e.s.User(e.ctx, MustUser(e.t, e.s, "bert").ID)
	must(e.t, err)
	if none.Subject != "bert" || len(none.Memberships) != 0 {
		e.t.Fatalf("user without memberships: %+v", none)
	}
	team := &schakel.Team{OrganisationID: svb.ID, Name: "Team AOW"}
	must(e.t, e.s.CreateTeam(e.ctx, team))
	many := MustUser(e.t, e.s, "cora", schakel.Membership{OrganisationID: svb.ID, TeamID: team.ID, Role: schakel.RoleProfessional},
		schakel.Membership{OrganisationID: uwv.ID, Role: schakel.RoleCoordinator})
	must(e.t, e.s.AddMembership(e.ctx, schakel.Membership{UserID: many.ID, OrganisationID: uwv.ID, Role: schakel.RoleBoard}))
	got, err = e.s.User(e.ctx, many.ID)
	must(e.t, err)
	want := []schakel.Membership{
		{UserID: many.ID, OrganisationID: uwv.ID, Role: schakel.RoleBoard},
		{UserID: many.ID, OrganisationID: uwv.ID, Role: schakel.RoleCoordinator},
		{UserID: many.ID, OrganisationID: svb.ID, TeamID: team.ID, Role: schakel.RoleProfessional},
	}
	if uwv.ID > svb.ID {
		want = append(want[2:], want[:2]...)
	}
	if got.Subject != "cora" || !slices.Equal(got.Memberships, want) {
		e.t.Fatalf("memberships: got %+v, want %+v", got.Memberships, want)
	}
}

func testUsers(e *env) {
	uwv := MustOrganisation(e.t, e.s, "uwv", schakel.OrgExecutive)
	svb := MustOrganisation(e.t, e.s, "svb", schakel.OrgExecutive)
	MustUser(e.t, e.s, "b", schakel.Membership{OrganisationID: uwv.ID, Role: schakel.RoleBoard}, schakel.Membership{OrganisationID: uwv.ID, Role: schakel.RoleCoordinator})
	MustUser(e.t, e.s, "a", schakel.Membership{OrganisationID: svb.ID, Role: schakel.RoleProfessional})
	MustUser(e.t, e.s, "c")
	all, total, err := e.s.Users(e.ctx, schakel.UserFilter{})
	must(e.t, err)
	if total != 3 || len(all) != 3 || all[0].Subject != "a" || len(all[1].Memberships) != 2 {
		e.t.Fatalf("all users: %d %+v", total, all)
	}
	inUWV, total, err := e.s.Users(e.ctx, schakel.UserFilter{OrganisationID: uwv.ID})
	must(e.t, err)
	if total != 1 || inUWV[0].Subject != "b" {
		e.t.Fatalf("users of uwv: %+v", inUWV)
	}
	page, total, err := e.s.Users(e.ctx, schakel.UserFilter{Issuer: "https://idp.test", Offset: 2, Limit: 5})
	must(e.t, err)
	if total != 3 || len(page) != 1 || page[0].Subject != "c" {
		e.t.Fatalf("page: %d %+v", total, page)
	}
	none, total, err := e.s.Users(e.ctx, schakel.UserFilter{Issuer: "demo"})
	must(e.t, err)
	if total != 0 || len(none) != 0 {
		e.t.Fatalf("issuer filter: %+v", none)
	}
}

func testAddMembership(e *env) {
	uwv := MustOrganisation(e.t, e.s, "uwv", schakel.OrgExecutive)
	svb := MustOrganisation(e.t, e.s, "svb", schakel.OrgExecutive)
	team := &schakel.Team{OrganisationID: uwv.ID, Name: "Maatwerkplaats"}
	must(e.t, e.s.CreateTeam(e.ctx, team))
	u := MustUser(e.t, e.s, "simon")
	must(e.t, e.s.AddMembership(e.ctx, schakel.Membership{UserID: u.ID, OrganisationID: uwv.ID, TeamID: team.ID, Role: schakel.RoleCoordinator}))
	got, err := e.s.User(e.ctx, u.ID)
	must(e.t, err)
	if len(got.Memberships) != 1 || got.Memberships[0].TeamID != team.ID {
		e.t.Fatalf("memberships = %+v", got.Memberships)
	}
	wantCode(e.t, e.s.AddMembership(e.ctx, schakel.Membership{UserID: u.ID, OrganisationID: uwv.ID, Role: schakel.RoleCoordinator}), schakel.ECONFLICT)
	wantFields(e.t, e.s.AddMembership(e.ctx, schakel.Membership{UserID: u.ID, OrganisationID: svb.ID, TeamID: team.ID, Role: schakel.RoleBoard}), "teamId")
	wantFields(e.t, e.s.AddMembership(e.ctx, schakel.Membership{UserID: 99999, OrganisationID: 99998, TeamID: 99997, Role: schakel.RoleBoard}), "gebruikerId", "organisatieId", "teamId")
	wantFields(e.t, e.s.AddMembership(e.ctx, schakel.Membership{Role: "koning"}), "gebruikerId", "organisatieId", "rol")
}

func testRemoveMembership(e *env) {
	uwv := MustOrganisation(e.t, e.s, "uwv", schakel.OrgExecutive)
	m := schakel.Membership{OrganisationID: uwv.ID, Role: schakel.RoleBoard}
	u := MustUser(e.t, e.s, "bestuurder", m)
	m.UserID = u.ID
	must(e.t, e.s.RemoveMembership(e.ctx, m))
	got, err := e.s.User(e.ctx, u.ID)
	must(e.t, err)
	if len(got.Memberships) != 0 {
		e.t.Fatalf("memberships after remove: %+v", got.Memberships)
	}
	wantCode(e.t, e.s.RemoveMembership(e.ctx, m), schakel.ENOTFOUND)
}

func testCreatePrinciple(e *env) {
	uwv := MustOrganisation(e.t, e.s, "uwv", schakel.OrgExecutive)
	top := &schakel.Principle{Code: "klantwaarden", Group: schakel.GroupOrganisation, Name: "Klantwaarden", NameEN: "Client values", OrganisationID: uwv.ID}
	must(e.t, e.s.CreatePrinciple(e.ctx, top))
	child := &schakel.Principle{Code: "menselijke-maat", Group: schakel.GroupOrganisation, Parent: "klantwaarden", Name: "Menselijke maat", NameEN: "Human scale", OrganisationID: uwv.ID}
	must(e.t, e.s.CreatePrinciple(e.ctx, child))
	if !child.CreatedAt.Equal(Start) {
		e.t.Fatalf("CreatedAt = %v", child.CreatedAt)
	}
	wantCode(e.t, e.s.CreatePrinciple(e.ctx, &schakel.Principle{Code: "klantwaarden", Group: schakel.GroupOrganisation, Name: "X", NameEN: "X"}), schakel.ECONFLICT)
	wantFields(e.t, e.s.CreatePrinciple(e.ctx, &schakel.Principle{Code: "x", Group: schakel.GroupOrganisation, Parent: "bestaat-niet", Name: "X", NameEN: "X", OrganisationID: 9999}), "ouder", "organisatieId")
	wantFields(e.t, e.s.CreatePrinciple(e.ctx, &schakel.Principle{Code: "Hoofd Letters", Group: "willekeur"}), "code", "groep", "naam", "naamEn")
}

func testPrinciple(e *env) {
	_, err := e.s.SeedPrinciples(e.ctx, schakel.DefaultPrinciples())
	must(e.t, err)
	p, err := e.s.Principle(e.ctx, "zorgvuldigheid")
	must(e.t, err)
	if p.Group != schakel.GroupABBB || p.Name == "" || p.NameEN == "" || p.Retired() {
		e.t.Fatalf("got %+v", p)
	}
	_, err = e.s.Principle(e.ctx, "geluk")
	wantCode(e.t, err, schakel.ENOTFOUND)
}

func testPrinciples(e *env) {
	seed := schakel.DefaultPrinciples()
	_, err := e.s.SeedPrinciples(e.ctx, seed)
	must(e.t, err)
	all, err := e.s.Principles(e.ctx, schakel.PrincipleFilter{})
	must(e.t, err)
	if len(all) != len(seed) {
		e.t.Fatalf("%d principles, want %d", len(all), len(seed))
	}
	for i := range seed {
		if all[i].Code != seed[i].Code {
			e.t.Fatalf("principle %d = %s, want %s (display order kept)", i, all[i].Code, seed[i].Code)
		}
	}
	demo, err := e.s.Principles(e.ctx, schakel.PrincipleFilter{Group: schakel.GroupDemocracy})
	must(e.t, err)
	for _, p := range demo {
		if p.Group != schakel.GroupDemocracy {
			e.t.Fatalf("group filter let through %+v", p)
		}
	}
	if len(demo) == 0 {
		e.t.Fatal("no democratie principles")
	}
	some, err := e.s.Principles(e.ctx, schakel.PrincipleFilter{Codes: []string{"motivering", "bestaat-niet", "zorgvuldigheid"}})
	must(e.t, err)
	if len(some) != 2 || some[0].Code != "zorgvuldigheid" || some[1].Code != "motivering" {
		e.t.Fatalf("code filter gave %v", some)
	}
	must(e.t, e.s.RetirePrinciple(e.ctx, demo[0].Code))
	active, err := e.s.Principles(e.ctx, schakel.PrincipleFilter{Group: schakel.GroupDemocracy})
	must(e.t, err)
	withRetired, err := e.s.Principles(e.ctx, schakel.PrincipleFilter{Group: schakel.GroupDemocracy, IncludeRetired: true})
	must(e.t, err)
	if len(active) != len(demo)-1 || len(withRetired) != len(demo) {
		e.t.Fatalf("active %d, with retired %d, seeded %d", len(active), len(withRetired), len(demo))
	}
}

func testRetirePrinciple(e *env) {
	_, err := e.s.SeedPrinciples(e.ctx, schakel.DefaultPrinciples())
	must(e.t, err)
	e.clock.Advance(48 * time.Hour)
	must(e.t, e.s.RetirePrinciple(e.ctx, "motivering"))
	p, err := e.s.Principle(e.ctx, "motivering")
	must(e.t, err)
	if p.RetiredAt == nil || !p.RetiredAt.Equal(Start.Add(48*time.Hour)) {
		e.t.Fatalf("RetiredAt = %v", p.RetiredAt)
	}
	wantCode(e.t, e.s.RetirePrinciple(e.ctx, "motivering"), schakel.ECONFLICT)
	wantCode(e.t, e.s.RetirePrinciple(e.ctx, "bestaat-niet"), schakel.ENOTFOUND)
	// A retired principle keeps its code: it cannot be created again.
	wantCode(e.t, e.s.CreatePrinciple(e.ctx, &schakel.Principle{Code: "motivering", Group: schakel.GroupABBB, Name: "M", NameEN: "M"}), schakel.ECONFLICT)
}

func testSeedPrinciples(e *env) {
	seed := schakel.DefaultPrinciples()
	n, err := e.s.SeedPrinciples(e.ctx, seed)
	must(e.t, err)
	if n != len(seed) {
		e.t.Fatalf("seeded %d, want %d", n, len(seed))
	}
	must(e.t, e.s.RetirePrinciple(e.ctx, "gelijkheid"))
	// Seeding again adds nothing and does not revive what was retired.
	n, err = e.s.SeedPrinciples(e.ctx, seed)
	must(e.t, err)
	if n != 0 {
		e.t.Fatalf("second seed added %d", n)
	}
	p, err := e.s.Principle(e.ctx, "gelijkheid")
	must(e.t, err)
	if !p.Retired() {
		e.t.Fatal("seeding revived a retired principle")
	}
	// A bad entry rolls the whole seed back.
	extra := []schakel.Principle{{Code: "nieuw-a", Group: schakel.GroupOrganisation, Name: "A", NameEN: "A"}, {Code: "nieuw-b", Group: "fout", Name: "B", NameEN: "B"}}
	if _, err := e.s.SeedPrinciples(e.ctx, extra); err == nil {
		e.t.Fatal("seed with a bad entry succeeded")
	}
	if _, err := e.s.Principle(e.ctx, "nieuw-a"); schakel.ErrorCode(err) != schakel.ENOTFOUND {
		e.t.Fatalf("half a seed was stored: %v", err)
	}
}

func testSessions(e *env) {
	ss := e.s.Sessions()
	must(e.t, ss.CommitCtx(e.ctx, "tok", []byte("een"), e.clock.Now().Add(time.Hour)))
	must(e.t, ss.CommitCtx(e.ctx, "tok", []byte("twee"), e.clock.Now().Add(time.Hour)))
	data, ok, err := ss.FindCtx(e.ctx, "tok")
	must(e.t, err)
	if !ok || string(data) != "twee" {
		e.t.Fatalf("FindCtx = %q, %v", data, ok)
	}
	e.clock.Advance(time.Hour)
	if _, ok, err := ss.FindCtx(e.ctx, "tok"); err != nil || ok {
		e.t.Fatalf("expired session found: %v %v", ok, err)
	}
	if _, ok, err := ss.FindCtx(e.ctx, "nooit"); err != nil || ok {
		e.t.Fatalf("unknown session found: %v %v", ok, err)
	}
}

func testSessionDelete(e *env) {
	ss := e.s.Sessions()
	must(e.t, ss.CommitCtx(e.ctx, "tok", []byte("x"), e.clock.Now().Add(time.Hour)))
	must(e.t, ss.DeleteCtx(e.ctx, "tok"))
	must(e.t, ss.DeleteCtx(e.ctx, "tok"))
	if _, ok, _ := ss.FindCtx(e.ctx, "tok"); ok {
		e.t.Fatal("deleted session found")
	}
}

func testSessionDeleteExpired(e *env) {
	ss := e.s.Sessions()
	must(e.t, ss.CommitCtx(e.ctx, "kort", []byte("x"), e.clock.Now().Add(time.Minute)))
	must(e.t, ss.CommitCtx(e.ctx, "lang", []byte("y"), e.clock.Now().Add(time.Hour)))
	e.clock.Advance(2 * time.Minute)
	n, err := ss.DeleteExpired(e.ctx)
	must(e.t, err)
	if n != 1 {
		e.t.Fatalf("deleted %d, want 1", n)
	}
	var left int
	must(e.t, e.s.DB().QueryRowContext(e.ctx, "SELECT COUNT(*) FROM sessions").Scan(&left))
	if left != 1 {
		e.t.Fatalf("%d sessions left, want 1", left)
	}
}

func testSessionsNoContext(e *env) {
	ss := e.s.Sessions()
	must(e.t, ss.Commit("tok", []byte("z"), e.clock.Now().Add(time.Hour)))
	data, ok, err := ss.Find("tok")
	must(e.t, err)
	if !ok || string(data) != "z" {
		e.t.Fatalf("Find = %q %v", data, ok)
	}
	must(e.t, ss.Delete("tok"))
	if _, ok, _ := ss.Find("tok"); ok {
		e.t.Fatal("Delete left the session")
	}
}
