package main

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/store"
	"github.com/schakel-nl/schakel/store/storetest"
)

// TestUserOperatorCommand: `schakel user operator` makes a user an operator
// of the installation and --off takes it again, each in the history as
// done by command with the reason; doing it twice or for an unknown user
// changes nothing and says why.
func TestUserOperatorCommand(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "schakel.db")
	if _, err := run(t, "migrate", "--db", db); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(ctx, db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	uwv := storetest.MustOrganisation(t, st, "uwv", schakel.OrgExecutive)
	u := storetest.MustUser(t, st, "beheer", schakel.Membership{OrganisationID: uwv.ID, Role: schakel.RoleAdmin})
	id := strconv.FormatInt(u.ID, 10)

	out, err := run(t, "user", "operator", "--db", db, "--id", id, "--reason", "eerste operator")
	if err != nil || !strings.Contains(out, "operator van de installatie") || !strings.Contains(out, "operator-gegeven via opdracht") {
		t.Fatalf("operator: %v\n%s", err, out)
	}
	if got, _ := st.User(ctx, u.ID); !got.Operator {
		t.Fatal("the user is no operator")
	}
	if _, err := run(t, "user", "operator", "--db", db, "--id", id); err == nil || !strings.Contains(err.Error(), "al operator") {
		t.Fatalf("operator twice: %v", err)
	}
	if _, err := run(t, "user", "operator", "--db", db, "--id", "99999"); err == nil || !strings.Contains(err.Error(), "bestaat niet") {
		t.Fatalf("unknown user: %v", err)
	}
	out, err = run(t, "user", "operator", "--off", "--db", db, "--id", id)
	if err != nil || strings.Contains(out, "operator van de installatie") || !strings.Contains(out, "operator-ingetrokken via opdracht") {
		t.Fatalf("operator --off: %v\n%s", err, out)
	}
	es, err := st.UserEvents(ctx, u.ID)
	if err != nil || len(es) != 2 || es[0].Reason != "eerste operator" || es[0].Via != schakel.ViaCommand {
		t.Fatalf("history %+v, %v", es, err)
	}
}
