package store_test

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/store"
)

// TestOpenNamesTheCause: a database that cannot be opened is EUNAVAILABLE
// with a message that names the cause an operator can act on, and never
// holds the password.
func TestOpenNamesTheCause(t *testing.T) {
	dir := t.TempDir()
	notDB := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(notDB, []byte(strings.Repeat("this is not a database\n", 400)), 0o600); err != nil {
		t.Fatal(err)
	}
	const secret = "Sup3r-geheim-wachtwoord"
	cases := []struct{ name, dsn, want string }{
		{"not a database file", notDB, "geen SQLite-database"},
		{"missing directory", filepath.Join(dir, "bestaat", "niet", "schakel.db"), "kan niet worden geopend"},
	}
	if pg := os.Getenv("SCHAKEL_TEST_POSTGRES"); pg != "" {
		u, err := url.Parse(pg)
		if err != nil {
			t.Fatal(err)
		}
		wrongPassword := *u
		wrongPassword.User = url.UserPassword(u.User.Username(), secret)
		unknownDB := *u
		unknownDB.Path = "/schakel_bestaat_niet"
		refused := *u
		refused.User = url.UserPassword(u.User.Username(), secret)
		refused.Host = "127.0.0.1:1"
		cases = append(cases,
			struct{ name, dsn, want string }{"wrong password", wrongPassword.String(), "wachtwoord"},
			struct{ name, dsn, want string }{"unknown database", unknownDB.String(), "database bestaat niet"},
			struct{ name, dsn, want string }{"refused connection", refused.String(), "weigert de verbinding"},
		)
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			st, err := store.Open(context.Background(), tc.dsn, store.Options{})
			if err == nil {
				st.Close()
				t.Fatal("opened")
			}
			if schakel.ErrorCode(err) != schakel.EUNAVAILABLE || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want a cause with %q", err, tc.want)
			}
			if strings.Contains(err.Error(), secret) {
				t.Fatalf("the password is in %v", err)
			}
		})
	}
}
