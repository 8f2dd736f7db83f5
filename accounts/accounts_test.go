package accounts_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/accounts"
	"github.com/schakel-nl/schakel/schakeltest"
	"github.com/schakel-nl/schakel/store"
	"github.com/schakel-nl/schakel/store/storetest"
)

const issuer = "https://broker.example/"

const rulesText = `
[[toegang]]
organisatie = "uwv"
emaildomeinen = ["uwv.nl"]
rollen = ["professional"]

[[toegang]]
organisatie = "svb"
claim = "organisatie"
waarde = "SVB"
rollen = ["professional"]

[[rol]]
organisatie = "uwv"
claim = "groepen"
waarde = "schakel-bestuur"
rol = "bestuur"
`

func kinds(t *testing.T, st interface {
	UserEvents(context.Context, int64) ([]schakel.UserEvent, error)
}, id int64) []schakel.UserEventKind {
	t.Helper()
	es, err := st.UserEvents(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	var out []schakel.UserEventKind
	for _, e := range es {
		out = append(out, e.Kind)
	}
	return out
}

// owner reports whether u holds role in org, and whether a rule gave it.
func owner(u *schakel.User, org int64, role schakel.Role) (held, byRule bool) {
	for _, m := range u.Memberships {
		if m.OrganisationID == org && m.Role == role {
			return true, m.ByRule
		}
	}
	return false, false
}

func roles(u *schakel.User) map[schakel.Role]bool {
	out := map[schakel.Role]bool{}
	for _, m := range u.Memberships {
		out[m.Role] = true
	}
	return out
}

// TestSignIn walks the provisioning policy on every backend.
func TestSignIn(t *testing.T) {
	for _, be := range storetest.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			ctx := context.Background()
			clock := schakeltest.NewClock(time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC))
			st := be.Open(t, clock)
			uwv := storetest.MustOrganisation(t, st, "uwv", schakel.OrgExecutive)
			storetest.MustOrganisation(t, st, "svb", schakel.OrgExecutive)
			rules, err := accounts.ParseRules([]byte(rulesText))
			if err != nil {
				t.Fatal(err)
			}
			svc := accounts.New(st, issuer, []string{"https://old-broker.example"}, rules, nil)
			if err := svc.CheckOrganisations(ctx); err != nil {
				t.Fatal(err)
			}

			t.Run("unknown person refused, nothing written", func(t *testing.T) {
				_, err := svc.SignIn(ctx, schakel.BrokerIdentity{Issuer: issuer, Subject: "x", Name: "X", Email: "x@gmail.com"})
				if schakel.ErrorCode(err) != schakel.EFORBIDDEN {
					t.Fatalf("err = %v", err)
				}
				if _, n, _ := st.Users(ctx, schakel.UserFilter{}); n != 0 {
					t.Fatalf("%d users written", n)
				}
				if _, err := svc.SignIn(ctx, schakel.BrokerIdentity{Issuer: issuer}); schakel.ErrorCode(err) != schakel.EFORBIDDEN {
					t.Fatalf("no subject: %v", err)
				}
			})

			t.Run("e-mail domain rule creates with its roles", func(t *testing.T) {
				u, err := svc.SignIn(ctx, schakel.BrokerIdentity{Issuer: issuer, Subject: "piet", Email: "piet@uwv.nl"})
				if err != nil {
					t.Fatal(err)
				}
				if u.Name != "piet@uwv.nl" || !roles(u)[schakel.RoleProfessional] || len(u.Memberships) != 1 || u.Prepared() {
					t.Fatalf("created = %+v", u)
				}
				if got := kinds(t, st, u.ID); len(got) != 2 || got[0] != schakel.UserCreated {
					t.Fatalf("history = %v", got)
				}
			})

			t.Run("claim rule creates; role rule gives and takes back", func(t *testing.T) {
				id := schakel.BrokerIdentity{Issuer: issuer, Subject: "sanne", Name: "Sanne",
					Claims: map[string]any{"organisatie": []any{"SVB"}, "groepen": []any{"schakel-bestuur"}}}
				u, err := svc.SignIn(ctx, id)
				if err != nil {
					t.Fatal(err)
				}
				if !roles(u)[schakel.RoleProfessional] || !roles(u)[schakel.RoleBoard] || !u.HasRole(uwv.ID, schakel.RoleBoard) {
					t.Fatalf("roles = %+v", u.Memberships)
				}
				// An administrator gives coordinator in uwv; the claim goes.
				if _, err := st.ChangeRoles(ctx, u.ID, []schakel.Membership{{OrganisationID: uwv.ID, Role: schakel.RoleCoordinator}}, nil,
					schakel.Change{Via: schakel.ViaPage}); err != nil {
					t.Fatal(err)
				}
				id.Claims = map[string]any{"organisatie": "SVB", "groepen": "iets-anders"}
				id.Name = ""
				u, err = svc.SignIn(ctx, id)
				if err != nil {
					t.Fatal(err)
				}
				if roles(u)[schakel.RoleBoard] || !roles(u)[schakel.RoleCoordinator] || !roles(u)[schakel.RoleProfessional] || u.Name != "Sanne" {
					t.Fatalf("after the claim went: %+v", u)
				}
				got := kinds(t, st, u.ID)
				if got[len(got)-1] != schakel.UserRoleTaken {
					t.Fatalf("history = %v", got)
				}
				// The claim that admitted her goes too: the access rule's role
				// at svb goes with it; the administrator's stays, and she
				// still logs in.
				id.Claims = nil
				u, err = svc.SignIn(ctx, id)
				if err != nil {
					t.Fatal(err)
				}
				if r := roles(u); len(r) != 1 || !r[schakel.RoleCoordinator] {
					t.Fatalf("after the admitting claim went: %+v", u.Memberships)
				}
			})

			t.Run("an access rule's roles follow the address", func(t *testing.T) {
				id := schakel.BrokerIdentity{Issuer: issuer, Subject: "els", Email: "els@uwv.nl"}
				u, err := svc.SignIn(ctx, id)
				if err != nil {
					t.Fatal(err)
				}
				if held, rule := owner(u, uwv.ID, schakel.RoleProfessional); !held || !rule {
					t.Fatalf("admitted with %+v, want the rule's professional", u.Memberships)
				}
				n := len(kinds(t, st, u.ID))
				// Logging in again changes nothing.
				if u, err = svc.SignIn(ctx, id); err != nil || len(kinds(t, st, u.ID)) != n {
					t.Fatalf("again: %+v, %v, history %v", u, err, kinds(t, st, u.ID))
				}
				// She leaves uwv: her address is another organisation's.
				id.Email = "els@elders.nl"
				u, err = svc.SignIn(ctx, id)
				if err != nil || len(u.Memberships) != 0 {
					t.Fatalf("after the address went: %+v, %v", u, err)
				}
				es, err := st.UserEvents(ctx, u.ID)
				if err != nil {
					t.Fatal(err)
				}
				if last := es[len(es)-1]; last.Kind != schakel.UserRoleTaken || last.Role != schakel.RoleProfessional || last.Via != schakel.ViaClaimRule {
					t.Fatalf("history ends with %+v", last)
				}
				// Back at uwv: the rule gives it again; an administrator then
				// gives it too, which makes it theirs — it no longer goes with
				// the address.
				id.Email = "els@uwv.nl"
				if u, err = svc.SignIn(ctx, id); err != nil || !roles(u)[schakel.RoleProfessional] {
					t.Fatalf("back: %+v, %v", u, err)
				}
				given, err := st.ChangeRoles(ctx, u.ID, []schakel.Membership{{OrganisationID: uwv.ID, Role: schakel.RoleProfessional}}, nil, schakel.Change{Via: schakel.ViaPage})
				if held, rule := owner(given, uwv.ID, schakel.RoleProfessional); err != nil || !held || rule {
					t.Fatalf("an administrator gives the rule's role: %+v, %v", given, err)
				}
				id.Email = "els@elders.nl"
				u, err = svc.SignIn(ctx, id)
				if held, rule := owner(u, uwv.ID, schakel.RoleProfessional); err != nil || !held || rule {
					t.Fatalf("the administrator's role after the address went: %+v, %v", u, err)
				}
			})

			t.Run("prepared by e-mail binds at first login, any case", func(t *testing.T) {
				p := &schakel.User{Issuer: schakel.IssuerPreparedByEmail, Subject: schakel.PreparedEmailSubject("Kees@Gemeente.nl"), Name: "Kees", Email: "Kees@Gemeente.nl"}
				if err := st.PrepareUser(ctx, p, schakel.Membership{OrganisationID: uwv.ID, Role: schakel.RolePolicy}, schakel.Change{Via: schakel.ViaCommand}); err != nil {
					t.Fatal(err)
				}
				u, err := svc.SignIn(ctx, schakel.BrokerIdentity{Issuer: issuer, Subject: "kees-sub", Email: "kees@gemeente.nl", Name: "Kees de Vries"})
				if err != nil {
					t.Fatal(err)
				}
				if u.ID != p.ID || u.Issuer != issuer || u.Subject != "kees-sub" || u.Name != "Kees de Vries" || !roles(u)[schakel.RolePolicy] {
					t.Fatalf("bound = %+v", u)
				}
				if got := kinds(t, st, u.ID); got[len(got)-1] != schakel.UserBound {
					t.Fatalf("history = %v", got)
				}
				// The next login finds it by its identity.
				again, err := svc.SignIn(ctx, schakel.BrokerIdentity{Issuer: issuer, Subject: "kees-sub"})
				if err != nil || again.ID != p.ID || again.Email != "kees@gemeente.nl" {
					t.Fatalf("again = %+v, %v", again, err)
				}
			})

			t.Run("prepared by the broker's identifier", func(t *testing.T) {
				p := &schakel.User{Issuer: issuer, Subject: "anna", Name: "anna"}
				if err := st.PrepareUser(ctx, p, schakel.Membership{OrganisationID: uwv.ID, Role: schakel.RoleAdmin}, schakel.Change{Via: schakel.ViaCommand}); err != nil {
					t.Fatal(err)
				}
				u, err := svc.SignIn(ctx, schakel.BrokerIdentity{Issuer: issuer, Subject: "anna", Name: "Anna"})
				if err != nil || u.ID != p.ID || u.Prepared() || !roles(u)[schakel.RoleAdmin] || u.Name != "Anna" {
					t.Fatalf("bound = %+v, %v", u, err)
				}
			})

			t.Run("former issuer moves", func(t *testing.T) {
				old := storetest.MustUser(t, st, "oud", schakel.Membership{OrganisationID: uwv.ID, Role: schakel.RoleMinister})
				if _, err := st.RecordLogin(ctx, old.ID, schakel.BrokerIdentity{Issuer: "https://old-broker.example", Subject: "oud"}, ""); err != nil {
					t.Fatal(err)
				}
				u, err := svc.SignIn(ctx, schakel.BrokerIdentity{Issuer: issuer, Subject: "oud"})
				if err != nil || u.ID != old.ID || u.Issuer != issuer || !roles(u)[schakel.RoleMinister] {
					t.Fatalf("moved = %+v, %v", u, err)
				}
				if got := kinds(t, st, u.ID); got[len(got)-1] != schakel.UserMoved {
					t.Fatalf("history = %v", got)
				}
			})

			t.Run("switched off refused, nothing written", func(t *testing.T) {
				u, err := st.UserByLogin(ctx, issuer, "piet")
				if err != nil {
					t.Fatal(err)
				}
				if _, err := st.SetUserDisabled(ctx, u.ID, true, schakel.Change{Via: schakel.ViaPage}); err != nil {
					t.Fatal(err)
				}
				before := kinds(t, st, u.ID)
				clock.Advance(time.Hour)
				_, err = svc.SignIn(ctx, schakel.BrokerIdentity{Issuer: issuer, Subject: "piet", Name: "Nieuw", Email: "piet@uwv.nl"})
				if schakel.ErrorCode(err) != schakel.EFORBIDDEN {
					t.Fatalf("err = %v", err)
				}
				after, _ := st.User(ctx, u.ID)
				if after.Name != u.Name || !after.LastLoginAt.Equal(*u.LastLoginAt) || len(kinds(t, st, u.ID)) != len(before) {
					t.Fatalf("a refused login wrote: %+v", after)
				}
			})
		})
	}
}

// TestCheckOrganisations names the organisations the rules use that do
// not exist.
func TestCheckOrganisations(t *testing.T) {
	st := storetest.OpenSQLite(t, schakeltest.NewClock(time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)))
	storetest.MustOrganisation(t, st, "uwv", schakel.OrgExecutive)
	rules, err := accounts.ParseRules([]byte(rulesText))
	if err != nil {
		t.Fatal(err)
	}
	err = accounts.New(st, issuer, nil, rules, nil).CheckOrganisations(context.Background())
	if err == nil || err.Error() != "provisioning rules: no organisation with code svb" {
		t.Fatalf("err = %v", err)
	}
}

// racingStore lets another login of the same person win a race. Its
// CreateAccount creates the user first (and switches it off when off is
// set), then answers as the loser does; its ChangeRoles makes the same
// change first, as a login at the same moment would.
type racingStore struct {
	*store.Store
	off, roles bool
}

func (r racingStore) CreateAccount(ctx context.Context, u *schakel.User, ms []schakel.Membership, c schakel.Change) error {
	other := *u
	if err := r.Store.CreateAccount(ctx, &other, ms, c); err != nil {
		return err
	}
	if r.off {
		if _, err := r.Store.SetUserDisabled(ctx, other.ID, true, schakel.Change{Via: schakel.ViaPage}); err != nil {
			return err
		}
	}
	return r.Store.CreateAccount(ctx, u, ms, c)
}

func (r racingStore) ChangeRoles(ctx context.Context, id int64, grant, revoke []schakel.Membership, c schakel.Change) (*schakel.User, error) {
	if r.roles {
		if _, err := r.Store.ChangeRoles(ctx, id, grant, revoke, c); err != nil {
			return nil, err
		}
	}
	return r.Store.ChangeRoles(ctx, id, grant, revoke, c)
}

// TestSignInRace: two first logins of one person at once give one user,
// and both log in as it — unless it was switched off meanwhile: refused,
// not a conflict. Two logins at once giving and taking the same rule
// roles both succeed, each change written once.
func TestSignInRace(t *testing.T) {
	for _, be := range storetest.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			ctx := context.Background()
			st := be.Open(t, schakeltest.NewClock(time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)))
			uwv := storetest.MustOrganisation(t, st, "uwv", schakel.OrgExecutive)
			storetest.MustOrganisation(t, st, "svb", schakel.OrgExecutive)
			rules, err := accounts.ParseRules([]byte(rulesText))
			if err != nil {
				t.Fatal(err)
			}
			u, err := accounts.New(racingStore{Store: st}, issuer, nil, rules, nil).SignIn(ctx, schakel.BrokerIdentity{Issuer: issuer, Subject: "tegelijk", Email: "t@uwv.nl"})
			if err != nil || u == nil {
				t.Fatalf("lost the race: %v", err)
			}
			if _, n, _ := st.Users(ctx, schakel.UserFilter{}); n != 1 {
				t.Fatalf("%d users", n)
			}

			_, err = accounts.New(racingStore{Store: st, off: true}, issuer, nil, rules, nil).SignIn(ctx, schakel.BrokerIdentity{Issuer: issuer, Subject: "uit", Email: "uit@uwv.nl"})
			if schakel.ErrorCode(err) != schakel.EFORBIDDEN {
				t.Fatalf("lost the race to a user switched off: %v", err)
			}

			racing := accounts.New(racingStore{Store: st, roles: true}, issuer, nil, rules, nil)
			id := schakel.BrokerIdentity{Issuer: issuer, Subject: "tegelijk", Email: "t@uwv.nl", Claims: map[string]any{"groepen": "schakel-bestuur"}}
			if u, err = racing.SignIn(ctx, id); err != nil || !u.HasRole(uwv.ID, schakel.RoleBoard) {
				t.Fatalf("two logins give the same rule role: %+v, %v", u, err)
			}
			id.Claims, id.Email = nil, "t@elders.nl"
			if u, err = racing.SignIn(ctx, id); err != nil || len(u.Memberships) != 0 {
				t.Fatalf("two logins take the same rule roles: %+v, %v", u, err)
			}
			want := []schakel.UserEventKind{schakel.UserCreated, schakel.UserRoleGiven, schakel.UserRoleGiven, schakel.UserRoleTaken, schakel.UserRoleTaken}
			if got := kinds(t, st, u.ID); !slices.Equal(got, want) {
				t.Fatalf("history = %v, want %v", got, want)
			}
		})
	}
}
