package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/comply"
	"github.com/schakel-nl/schakel/jobs"
	"github.com/schakel-nl/schakel/ledger"
	"github.com/schakel-nl/schakel/store"
	"github.com/schakel-nl/schakel/store/storetest"
)

// forkWorld is a database with a log, its key and checkpoint files, and
// the backups an operator makes as docs/operations.md (Backups) says.
type forkWorld struct {
	dir, dsn, schema string
	keyFile, cpFile  string
	st               *store.Store
	signer           *ledger.Signer
	engine           *comply.Engine
	ladder           []schakel.Addressee
	user             *schakel.User
	made             int
	postgres         bool
}

func newForkWorld(t *testing.T, backend string) *forkWorld {
	t.Helper()
	dir := t.TempDir()
	w := &forkWorld{dir: dir, keyFile: filepath.Join(dir, "log.key"), cpFile: filepath.Join(dir, "log.checkpoint"), postgres: backend == "postgres"}
	if w.postgres {
		w.dsn = storetest.PostgresURL(t)
		u, _ := url.Parse(w.dsn)
		w.schema = u.Query().Get("search_path")
	} else {
		w.dsn = filepath.Join(dir, "schakel.db")
	}
	if _, err := run(t, "migrate", "--db", w.dsn); err != nil {
		t.Fatal(err)
	}
	w.open(t)
	ctx := context.Background()
	if _, err := w.st.SeedPrinciples(ctx, schakel.DefaultPrinciples()); err != nil {
		t.Fatal(err)
	}
	szw := storetest.MustOrganisation(t, w.st, "min-szw", schakel.OrgMinistry)
	uwv := storetest.MustOrganisation(t, w.st, "uwv", schakel.OrgExecutive, szw.ID)
	w.user = storetest.MustUser(t, w.st, "professional", schakel.Membership{OrganisationID: uwv.ID, Role: schakel.RoleProfessional})
	l, err := comply.Ladder(comply.LadderInput{Type: schakel.TypeProfessionalBrake, Addressee: schakel.Addressee{OrganisationID: uwv.ID},
		AddresseeType: schakel.OrgExecutive, Principal: szw.ID})
	if err != nil {
		t.Fatal(err)
	}
	w.ladder, w.engine = l, &comply.Engine{Calendar: calendar.New()}
	keyOf(t, "--new", "--ledger-key-file", w.keyFile, "--ledger-origin", "schakel.test/log")
	b, _ := os.ReadFile(w.keyFile)
	if w.signer, err = ledger.NewSigner(strings.TrimSpace(string(b)), "schakel.test/log"); err != nil {
		t.Fatal(err)
	}
	return w
}

func (w *forkWorld) open(t *testing.T) {
	t.Helper()
	st, err := store.Open(context.Background(), w.dsn, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	w.st = st
}

// create files n professional's brakes, one event each.
func (w *forkWorld) create(t *testing.T, n int) {
	t.Helper()
	for range n {
		w.made++
		r, ev, err := w.engine.New(comply.NewRequest{
			Type: schakel.TypeProfessionalBrake, Subject: fmt.Sprintf("Noodrem %d", w.made),
			Grounds:   []schakel.Ground{{Principle: "evenredigheid", Text: "De terugvordering is onevenredig."}},
			Requester: schakel.Party{Kind: schakel.PartyUser, UserID: w.user.ID},
		}, w.ladder, nil, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		if err := w.st.CreateRequest(context.Background(), r, ev); err != nil {
			t.Fatal(err)
		}
	}
}

// sign runs one round of the ledger job as serve runs it, and returns the
// size of the database's latest checkpoint.
func (w *forkWorld) sign(t *testing.T) int64 {
	t.Helper()
	ctx := context.Background()
	j := &jobs.LedgerJob{Store: w.st, Signer: w.signer, Published: &ledger.CheckpointFile{Path: w.cpFile}}
	if _, _, err := j.RunOnce(ctx); err != nil {
		t.Fatal(err)
	}
	size, _, err := w.st.LatestCheckpoint(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return size
}

// backup makes a backup as docs/operations.md says: `schakel backup` for
// SQLite (the copy and FILE.checkpoint), pg_dump for PostgreSQL (and the
// checkpoint file copied with it).
func (w *forkWorld) backup(t *testing.T, name string) string {
	t.Helper()
	out := filepath.Join(w.dir, name)
	if !w.postgres {
		if _, err := run(t, "backup", "--db", w.dsn, "--out", out, "--ledger-key-file", w.keyFile, "--ledger-checkpoint-file", w.cpFile); err != nil {
			t.Fatal(err)
		}
		return out
	}
	w.pg(t, "pg_dump", "--format=custom", "--schema="+w.schema, "--file="+out)
	return out
}

// restore stops using the database and puts a backup in its place.
func (w *forkWorld) restore(t *testing.T, backup string) {
	t.Helper()
	w.st.Close()
	if !w.postgres {
		b, err := os.ReadFile(backup)
		if err != nil {
			t.Fatal(err)
		}
		for _, suffix := range []string{"-wal", "-shm"} {
			os.Remove(w.dsn + suffix)
		}
		if err := os.WriteFile(w.dsn, b, 0o600); err != nil {
			t.Fatal(err)
		}
	} else {
		w.pg(t, "psql", "--quiet", "--command=DROP SCHEMA "+w.schema+" CASCADE")
		w.pg(t, "pg_restore", "--no-owner", backup)
	}
	w.open(t)
}

// pg runs a PostgreSQL client tool on the test database.
func (w *forkWorld) pg(t *testing.T, tool string, args ...string) {
	t.Helper()
	u, _ := url.Parse(w.dsn)
	q := u.Query()
	q.Del("search_path")
	q.Del("options") // a client tool needs no commit settings of the tests
	u.RawQuery = q.Encode()
	flag := "--dbname=" + u.String()
	cmd := exec.Command(tool, append([]string{flag}, args...)...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", tool, err, out)
	}
}

// serveFor runs serve on the world's database until stop is called.
func (w *forkWorld) serveFor(t *testing.T) (base string, logs *syncBuffer, stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	logs = &syncBuffer{}
	addrc := make(chan string, 1)
	errc := make(chan error, 1)
	go func() {
		errc <- runServe(ctx, []string{"--addr", "127.0.0.1:0", "--db", w.dsn, "--ledger-key-file", w.keyFile,
			"--ledger-checkpoint-file", w.cpFile, "--ledger-origin", "schakel.test/log"}, envOf(nil), io.Discard, logs, func(a string) { addrc <- a })
	}()
	select {
	case a := <-addrc:
		return "http://" + a, logs, func() {
			cancel()
			if err := <-errc; err != nil {
				t.Errorf("serve returned %v", err)
			}
		}
	case err := <-errc:
		cancel()
		t.Fatalf("serve failed to start: %v\n%s", err, logs.String())
	}
	return "", nil, nil
}

// waitFor polls cond, which watches serve's jobs running in real time,
// until it holds or 20 seconds have passed.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); !cond(); {
		if time.Now().After(deadline) {
			t.Fatalf("not within 20s: %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestRestoredOldBackupRefusesToSign, on both stores, end to end: a log
// published up to 7 entries, a database restored from a backup of when it
// had 4. serve refuses to sign (no checkpoint, an error in its log,
// /readyz 503 saying how to recover) even as new events arrive; restoring
// the newer backup instead, it signs on and is ready.
func TestRestoredOldBackupRefusesToSign(t *testing.T) {
	for _, b := range storetest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			ctx := context.Background()
			w := newForkWorld(t, b.Name)
			w.create(t, 4)
			if size := w.sign(t); size != 4 {
				t.Fatalf("first checkpoint of size %d", size)
			}
			old := w.backup(t, "oud.backup")
			if !w.postgres {
				withBackup, _ := os.ReadFile(old + ".checkpoint")
				published, _ := os.ReadFile(w.cpFile)
				if len(published) == 0 || !bytes.Equal(withBackup, published) {
					t.Fatalf("the backup's checkpoint %q, want the one published %q", withBackup, published)
				}
			}
			w.create(t, 3)
			if size := w.sign(t); size != 7 {
				t.Fatalf("second checkpoint of size %d", size)
			}
			published, _ := os.ReadFile(w.cpFile)
			newer := w.backup(t, "nieuw.backup")

			// Restore the old backup; keep the checkpoint file. Events
			// arrive again before serve starts.
			w.restore(t, old)
			w.create(t, 5)
			base, logs, stop := w.serveFor(t)
			var body string
			waitFor(t, "/readyz not ready", func() bool {
				resp, b := get(t, http.DefaultClient, base+"/readyz")
				body = b
				return resp.StatusCode == http.StatusServiceUnavailable
			})
			for _, want := range []string{"not consistent with the last checkpoint published", "restore a newer backup", "rebuild the missing entries"} {
				if !strings.Contains(body, want) {
					t.Errorf("/readyz says %q; want %q in it", body, want)
				}
			}
			waitFor(t, "the refusal in the log", func() bool { return strings.Contains(logs.String(), "refusing to sign") })
			stop()
			if size, _, err := w.st.LatestCheckpoint(ctx); err != nil || size != 4 {
				t.Fatalf("the restored database's latest checkpoint: %d, %v; want the old 4", size, err)
			}
			if now, _ := os.ReadFile(w.cpFile); !bytes.Equal(now, published) {
				t.Fatalf("the checkpoint file changed to %q", now)
			}

			// Restore the newer backup: serve signs on and is ready.
			w.restore(t, newer)
			w.create(t, 2)
			base, _, stop = w.serveFor(t)
			defer stop()
			waitFor(t, "a checkpoint of 9 entries", func() bool {
				size, _, err := w.st.LatestCheckpoint(ctx)
				return err == nil && size == 9
			})
			if resp, body := get(t, http.DefaultClient, base+"/readyz"); resp.StatusCode != http.StatusOK {
				t.Fatalf("/readyz after restoring the newer backup: %d %s", resp.StatusCode, body)
			}
			if out, err := run(t, "verify", "--db", w.dsn, "--key", w.signer.VerifierKey(), "--origin", "schakel.test/log"); err != nil {
				t.Fatalf("verify: %v\n%s", err, out)
			}
		})
	}
}
