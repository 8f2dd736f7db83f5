package directory_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/directory"
	"github.com/schakel-nl/schakel/schakeltest"
	"github.com/schakel-nl/schakel/store/storetest"
)

// TestNationalPrinciplesAreOperators: on both stores, an organisation's
// administrator may no longer retire a national principle (issue 16: one
// admin made every request citing it fail); an operator retires and
// reinstates it, and the history says who, when, by which way and why.
func TestNationalPrinciplesAreOperators(t *testing.T) {
	for _, be := range storetest.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			ctx := context.Background()
			clock := schakeltest.NewClock(time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC))
			st := be.Open(t, clock)
			if _, err := st.SeedPrinciples(ctx, schakel.DefaultPrinciples()); err != nil {
				t.Fatal(err)
			}
			uwv := storetest.MustOrganisation(t, st, "uwv", schakel.OrgExecutive)
			admin := storetest.MustUser(t, st, "beheer", schakel.Membership{OrganisationID: uwv.ID, Role: schakel.RoleAdmin})
			op := storetest.MustOperator(t, st, "operator")
			d := directory.New(st)
			c := schakel.Change{Via: schakel.ViaAPI, Reason: "opgegaan in zorgvuldigheid"}

			if _, err := d.RetirePrinciple(ctx, admin, "motivering", c, nil); schakel.ErrorCode(err) != schakel.EFORBIDDEN {
				t.Fatalf("an organisation's admin retires a national principle: %v", err)
			}
			if p, _ := st.Principle(ctx, "motivering"); p.Retired() {
				t.Fatal("the refused retirement was written")
			}
			if _, err := d.PrincipleHistory(ctx, admin, "motivering"); schakel.ErrorCode(err) != schakel.EFORBIDDEN {
				t.Fatalf("admin reads the history: %v", err)
			}
			if _, err := d.RetirePrinciple(ctx, op, "motivering", schakel.Change{Via: schakel.ViaAPI, Reason: strings.Repeat("x", directory.MaxRetireReason+1)}, nil); schakel.ErrorCode(err) != schakel.EINVALID {
				t.Fatalf("too long a reason: %v", err)
			}
			clock.Advance(time.Hour)
			p, err := d.RetirePrinciple(ctx, op, "motivering", c, nil)
			if err != nil || !p.Retired() {
				t.Fatalf("operator retires: %+v, %v", p, err)
			}
			if _, err := d.ReinstatePrinciple(ctx, admin, "motivering", c, nil); schakel.ErrorCode(err) != schakel.EFORBIDDEN {
				t.Fatalf("admin reinstates: %v", err)
			}
			clock.Advance(time.Hour)
			p, err = d.ReinstatePrinciple(ctx, op, "motivering", schakel.Change{Via: schakel.ViaPage}, nil)
			if err != nil || p.Retired() {
				t.Fatalf("operator reinstates: %+v, %v", p, err)
			}
			es, err := d.PrincipleHistory(ctx, op, "motivering")
			if err != nil || len(es) != 2 || es[0].Kind != schakel.PrincipleRetired || es[0].ByUserID != op.ID || es[0].Reason != c.Reason ||
				!es[0].At.Equal(clock.Now().Add(-time.Hour)) || es[1].Kind != schakel.PrincipleReinstated || es[1].Via != schakel.ViaPage {
				t.Fatalf("history %+v, %v", es, err)
			}
			// The operator is nobody's administrator by being one: an
			// organisation's own principle stays its administrators'.
			own, err := d.CreatePrinciple(ctx, admin, directory.PrincipleInput{Organisation: "uwv", Code: "uwv-maat", Name: "Maat", NameEN: "Measure", Description: "D."})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := d.RetirePrinciple(ctx, op, own.Code, c, nil); schakel.ErrorCode(err) != schakel.EFORBIDDEN {
				t.Fatalf("operator retires an organisation's own principle: %v", err)
			}
			if _, err := d.RetirePrinciple(ctx, admin, own.Code, c, nil); err != nil {
				t.Fatalf("admin retires the organisation's own principle: %v", err)
			}
		})
	}
}

// TestSetOperator: on both stores, only an operator makes
// another user an operator (with history), not themselves off; and no
// organisation's administrator may switch an operator off, even one
// without any role (whom any administrator could switch before).
func TestSetOperator(t *testing.T) {
	for _, be := range storetest.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			ctx := context.Background()
			st := be.Open(t, schakeltest.NewClock(time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)))
			uwv := storetest.MustOrganisation(t, st, "uwv", schakel.OrgExecutive)
			admin := storetest.MustUser(t, st, "beheer", schakel.Membership{OrganisationID: uwv.ID, Role: schakel.RoleAdmin})
			op := storetest.MustOperator(t, st, "operator")
			d := directory.New(st)

			if _, err := d.SetOperator(ctx, admin, admin.ID, true, schakel.ViaPage, ""); schakel.ErrorCode(err) != schakel.EFORBIDDEN {
				t.Fatalf("an administrator makes itself operator: %v", err)
			}
			if _, err := d.SetDisabled(ctx, admin, op.ID, true, schakel.ViaPage, "weg"); schakel.ErrorCode(err) != schakel.EFORBIDDEN {
				t.Fatalf("an administrator switches an operator off: %v", err)
			}
			if got, _ := st.User(ctx, op.ID); got.DisabledAt != nil {
				t.Fatal("the refused switch-off was written")
			}
			got, err := d.SetOperator(ctx, op, admin.ID, true, schakel.ViaAPI, "tweede operator")
			if err != nil || !got.Operator {
				t.Fatalf("operator makes another: %+v, %v", got, err)
			}
			if _, err := d.SetOperator(ctx, op, op.ID, false, schakel.ViaPage, ""); schakel.ErrorCode(err) != schakel.EINVALID {
				t.Fatalf("operator takes its own flag: %v", err)
			}
			es, err := st.UserEvents(ctx, admin.ID)
			if err != nil || len(es) != 1 || es[0].Kind != schakel.UserOperatorGiven || es[0].ByUserID != op.ID || es[0].Reason != "tweede operator" {
				t.Fatalf("history %+v, %v", es, err)
			}
			// Another operator may switch an operator off.
			if _, err := d.SetDisabled(ctx, got, op.ID, true, schakel.ViaPage, "uit dienst"); err != nil {
				t.Fatalf("operator switches an operator off: %v", err)
			}
		})
	}
}
