package main

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/schakel-nl/schakel/config"
	"github.com/schakel-nl/schakel/jobs"
	"github.com/schakel-nl/schakel/ledger"
	"github.com/schakel-nl/schakel/store/storetest"
	"github.com/schakel-nl/schakel/verify"
	"github.com/schakel-nl/schakel/witness"
)

var witnessKeyLine = regexp.MustCompile(`(?m)^Witness verifier key: (\S+)$`)

// startWitnessCmd runs `schakel witness` in-process on a free port for the
// world's log and returns its URL and verifier key.
func startWitnessCmd(t *testing.T, w *forkWorld) (url, vkey string) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	out, logs := &syncBuffer{}, &syncBuffer{}
	addrc, errc := make(chan string, 1), make(chan error, 1)
	go func() {
		errc <- runWitness(ctx, []string{"--addr", "127.0.0.1:0", "--key-file", filepath.Join(w.dir, "witness.key"), "--name", "getuige.test/w1",
			"--state", filepath.Join(w.dir, "witness-state"), "--log", w.signer.VerifierKey() + " schakel.test/log"}, envOf(nil), out, logs, func(a string) { addrc <- a })
	}()
	select {
	case a := <-addrc:
		t.Cleanup(func() {
			cancel()
			if err := <-errc; err != nil {
				t.Errorf("witness returned %v", err)
			}
		})
		m := witnessKeyLine.FindStringSubmatch(out.String())
		if m == nil {
			t.Fatalf("witness printed no verifier key:\n%s", out.String())
		}
		return "http://" + a, m[1]
	case err := <-errc:
		cancel()
		t.Fatalf("witness failed to start: %v\n%s", err, logs.String())
	}
	return "", ""
}

// serveWithWitness runs serve on the world's database with the witnesses
// file until stop is called.
func (w *forkWorld) serveWithWitness(t *testing.T, witnesses string) (base string, stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	logs := &syncBuffer{}
	addrc, errc := make(chan string, 1), make(chan error, 1)
	go func() {
		errc <- runServe(ctx, []string{"--addr", "127.0.0.1:0", "--db", w.dsn, "--ledger-key-file", w.keyFile, "--ledger-checkpoint-file", w.cpFile,
			"--ledger-origin", "schakel.test/log", "--ledger-witnesses", witnesses}, envOf(nil), io.Discard, logs, func(a string) { addrc <- a })
	}()
	select {
	case a := <-addrc:
		return "http://" + a, func() {
			cancel()
			if err := <-errc; err != nil {
				t.Errorf("serve returned %v", err)
			}
		}
	case err := <-errc:
		cancel()
		t.Fatalf("serve failed to start: %v\n%s", err, logs.String())
	}
	return "", nil
}

// TestWitnessCatchesAFork, on both stores, end to end: `schakel witness`
// watches the log; serve (--ledger-witnesses) publishes checkpoints with
// its cosignature, and `verify --witness K --witness-quorum 1` passes.
// Then the database is restored from an old backup and the checkpoint file
// deleted — the operator's mistake decision 0034 warns against — so the
// log signs a fork. The witness refuses to cosign it, and verify requiring
// the witness rejects it, even with no state of its own (a verifier
// without witnesses and without state accepts it: what witnesses are for).
func TestWitnessCatchesAFork(t *testing.T) {
	for _, b := range storetest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			ctx := context.Background()
			w := newForkWorld(t, b.Name)
			url, wkey := startWitnessCmd(t, w)
			witnesses := filepath.Join(w.dir, "getuigen")
			if err := os.WriteFile(witnesses, []byte("# getuige\n"+url+" "+wkey+"\n"), 0o600); err != nil {
				t.Fatal(err)
			}
			cfg := config.Default()
			cfg.LedgerWitnesses = witnesses
			peers, errs := cfg.Witnesses()
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			cosigning := func() *jobs.Cosigning {
				jw, err := jobs.NewWitness(peers[0].URL, peers[0].VerifierKey)
				if err != nil {
					t.Fatal(err)
				}
				return &jobs.Cosigning{Store: w.st, Witnesses: []*jobs.Witness{jw}, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
			}
			sign := func() {
				t.Helper()
				j := &jobs.LedgerJob{Store: w.st, Signer: w.signer, Published: &ledger.CheckpointFile{Path: w.cpFile}, Cosigning: cosigning()}
				if _, _, err := j.RunOnce(ctx); err != nil {
					t.Fatal(err)
				}
			}
			verifyArgs := func(extra ...string) []string {
				return append([]string{"verify", "--key", w.signer.VerifierKey(), "--origin", "schakel.test/log", "--state", filepath.Join(t.TempDir(), "state")}, extra...)
			}

			w.create(t, 4)
			sign()
			old := w.backup(t, "oud.backup")
			w.create(t, 3)

			// serve signs 7 and publishes it cosigned at /log/checkpoint.
			base, stop := w.serveWithWitness(t, witnesses)
			waitFor(t, "a cosigned checkpoint of 7 entries", func() bool {
				_, body := get(t, http.DefaultClient, base+"/log/checkpoint")
				_, err := verify.CheckWitnesses([]byte(body), []string{wkey}, 1)
				return strings.Contains(body, "\n7\n") && err == nil
			})
			out, err := run(t, verifyArgs("--url", base, "--witness", wkey, "--witness-quorum", "1")...)
			if err != nil || !strings.Contains(out, "ok  witnesses: 1 of 1 cosigned the checkpoint") {
				t.Fatalf("verify --url with the witness: %v\n%s", err, out)
			}

			stop()

			// The fork: an old backup restored and the checkpoint file
			// deleted; new events; the same key signs 9 entries that do not
			// extend the 7 published.
			w.restore(t, old)
			if err := os.Remove(w.cpFile); err != nil {
				t.Fatal(err)
			}
			w.create(t, 5)
			sign()
			if size, _, err := w.st.LatestCheckpoint(ctx); err != nil || size != 9 {
				t.Fatalf("the fork's checkpoint: %d %v; want 9", size, err)
			}
			out, err = run(t, verifyArgs("--db", w.dsn, "--witness", wkey, "--witness-quorum", "1")...)
			if err == nil || !strings.Contains(err.Error(), "too few witnesses cosigned the checkpoint") || !strings.Contains(err.Error(), "getuige.test/w1") {
				t.Fatalf("verify of the fork with the witness: %v\n%s", err, out)
			}
			// Without witnesses and without state, the fork looks fine.
			if out, err := run(t, verifyArgs("--db", w.dsn)...); err != nil {
				t.Fatalf("verify of the fork without the witness: %v\n%s", err, out)
			}
			// The witness kept what it cosigned: 7.
			resp, body := get(t, http.DefaultClient, url+"/"+witnessOriginHash("schakel.test/log")+"/checkpoint")
			if resp.StatusCode != 200 || !strings.Contains(body, "\n7\n") {
				t.Fatalf("the witness's checkpoint: %d %q; want size 7", resp.StatusCode, body)
			}
		})
	}
}

func witnessOriginHash(origin string) string { return witness.OriginHash(origin) }

// TestWitnessCommandFlags: the key is made once and printed; a witness
// without logs, with a secret for a log key, or without a key and a name
// refuses to start.
func TestWitnessCommandFlags(t *testing.T) {
	dir := t.TempDir()
	key := filepath.Join(dir, "w.key")
	if _, err := run(t, "witness", "--key-file", key, "--print-key"); err == nil || !strings.Contains(err.Error(), "give --name") {
		t.Fatalf("no key, no name: %v", err)
	}
	out, err := run(t, "witness", "--key-file", key, "--name", "getuige.test/w", "--print-key")
	m := witnessKeyLine.FindStringSubmatch(out)
	if err != nil || m == nil || !strings.Contains(out, "Created the witness key") {
		t.Fatalf("create: %v\n%s", err, out)
	}
	if fi, err := os.Stat(key); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("key file: %v %v", fi, err)
	}
	again, err := run(t, "witness", "--key-file", key, "--print-key")
	if err != nil || !strings.Contains(again, m[1]) || strings.Contains(again, "Created") {
		t.Fatalf("the same key again: %v\n%s", err, again)
	}
	if _, err := run(t, "witness", "--key-file", key); err == nil || !strings.Contains(err.Error(), "no log to watch") {
		t.Fatalf("no logs: %v", err)
	}
	skey, _, _ := ledger.GenerateKey("schakel.test/log")
	if _, err := run(t, "witness", "--key-file", key, "--log", skey); err == nil || !strings.Contains(err.Error(), "never the secret") {
		t.Fatalf("a secret as log key: %v", err)
	}
}

// TestVerifyWitnessFlags: a quorum larger than the witnesses named, or a
// witness key that is a secret, is refused before anything is read.
func TestVerifyWitnessFlags(t *testing.T) {
	_, wkey, _ := witness.GenerateKey("getuige.test/w")
	skey, vkey, _ := ledger.GenerateKey("schakel.test/log")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--witness", wkey, "--witness-quorum", "2"}, "asks more cosignatures than the 1 --witness keys"},
		{[]string{"--witness-quorum", "1"}, "asks more cosignatures than the 0 --witness keys"},
		{[]string{"--witness", skey}, "never the secret"},
		{[]string{"--witness", "nonsense"}, "is not a witness verifier key"},
	} {
		_, err := run(t, append([]string{"verify", "--url", "http://127.0.0.1:1", "--key", vkey}, c.args...)...)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: %v, want %q", c.args, err, c.want)
		}
	}
}
