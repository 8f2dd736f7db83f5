package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/store"
	"github.com/schakel-nl/schakel/store/storetest"
)

// TestUserCommand: on a fresh install the operator prepares the first
// administrator by e-mail, gives and takes a role, switches the user off
// (its sessions end) and on; each step is in the history as done by
// command, and bad flags are named together with nothing written.
func TestUserCommand(t *testing.T) {
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
	storetest.MustOrganisation(t, st, "uwv", schakel.OrgExecutive)

	out, err := run(t, "user", "prepare", "--db", db, "--email", "Beheer@UWV.nl", "--organisation", "onbekend", "--role", "koning")
	if err == nil || !strings.Contains(err.Error(), "--organisation: ") || !strings.Contains(err.Error(), "--role: ") {
		t.Fatalf("bad flags: %v\n%s", err, out)
	}
	if _, n, _ := st.Users(ctx, schakel.UserFilter{}); n != 0 {
		t.Fatalf("a refused prepare wrote %d users", n)
	}
	out, err = run(t, "user", "prepare", "--db", db, "--email", "Beheer@UWV.nl", "--organisation", "uwv", "--role", "beheerder")
	if err != nil || !strings.Contains(out, "(voorbereid, nog niet ingelogd)") || !strings.Contains(out, "rol beheerder bij uwv") {
		t.Fatalf("prepare: %v\n%s", err, out)
	}
	u, err := st.UserByLogin(ctx, schakel.IssuerPreparedByEmail, "beheer@uwv.nl")
	if err != nil || !u.HasRole(u.Memberships[0].OrganisationID, schakel.RoleAdmin) {
		t.Fatalf("prepared user: %+v, %v", u, err)
	}
	id := strconv.FormatInt(u.ID, 10)
	if _, err := run(t, "user", "prepare", "--db", db, "--email", "beheer@uwv.nl", "--organisation", "uwv", "--role", "beheerder"); err == nil {
		t.Fatal("prepared twice")
	}
	for _, args := range [][]string{
		{"grant", "--id", id, "--organisation", "uwv", "--role", "coordinator"},
		{"revoke", "--id", id, "--organisation", "uwv", "--role", "coordinator"},
		{"off", "--id", id, "--reason", "test"},
	} {
		if out, err := run(t, append([]string{"user", args[0], "--db", db}, args[1:]...)...); err != nil {
			t.Fatalf("%v: %v\n%s", args, err, out)
		}
	}
	out, err = run(t, "user", "on", "--db", db, "--id", id)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"voorbereid via opdracht", "rol-gegeven via opdracht (coordinator)", "rol-ingetrokken via opdracht", "uitgeschakeld via opdracht", "ingeschakeld via opdracht"} {
		if !strings.Contains(out, want) {
			t.Errorf("history lacks %q:\n%s", want, out)
		}
	}
	if _, err := run(t, "user", "on", "--db", db, "--id", id); err == nil || !strings.Contains(err.Error(), "al ingeschakeld") {
		t.Fatalf("on twice: %v", err)
	}
	if _, err := run(t, "user", "--db", db); err == nil {
		t.Fatal("no subcommand accepted")
	}
}

// TestServeRefusesRulesForUnknownOrganisations: a provisioning rule that
// names an organisation which does not exist stops serve at start, named.
func TestServeRefusesRulesForUnknownOrganisations(t *testing.T) {
	dir := t.TempDir()
	rules := filepath.Join(dir, "regels.toml")
	if err := os.WriteFile(rules, []byte("[[rol]]\norganisatie = \"bestaat-niet\"\nclaim = \"groepen\"\nwaarde = \"x\"\nrol = \"bestuur\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	err := Run(ctx, []string{"serve", "--db", filepath.Join(dir, "schakel.db"), "--migrate", "--addr", "127.0.0.1:0", "--provisioning-rules", rules}, envOf(nil), io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "no organisation with code bestaat-niet") {
		t.Fatalf("serve: %v", err)
	}
}
