package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Serve without --migrate on a database file that does not exist refuses
// and leaves no empty file behind: the empty file would make the next
// start fail with an out-of-date schema instead of "does not exist".
func TestServeWithoutMigrateCreatesNoFile(t *testing.T) {
	db := filepath.Join(t.TempDir(), "nieuw.db")
	err := runServe(context.Background(), []string{"--addr", "127.0.0.1:0", "--db", db}, envOf(nil), io.Discard, io.Discard, nil)
	if err == nil || !strings.Contains(err.Error(), "does not exist") || !strings.Contains(err.Error(), "--migrate") {
		t.Fatalf("serve on a missing database: %v", err)
	}
	for _, p := range []string{db, db + "-wal", db + "-shm"} {
		if _, err := os.Stat(p); !os.IsNotExist(err) {
			t.Errorf("%s exists after the refusal: %v", p, err)
		}
	}
}

// `schakel keys` prints a URL that verify can reach: a server listening on
// every interface (":8080", "0.0.0.0:8080", "[::]:8080") is reached on the
// loopback address, never at "http://:8080" or "http://0.0.0.0:8080".
func TestKeysPrintsReachableURL(t *testing.T) {
	for addr, want := range map[string]string{
		":8080":          "http://127.0.0.1:8080",
		"0.0.0.0:8080":   "http://127.0.0.1:8080",
		"[::]:8080":      "http://[::1]:8080",
		"10.1.2.3:8080":  "http://10.1.2.3:8080",
		"127.0.0.1:8081": "http://127.0.0.1:8081",
	} {
		db := filepath.Join(t.TempDir(), "schakel.db")
		vkey, out := keyOf(t, "--new", "--db", db, "--addr", addr)
		if !strings.Contains(out, "schakel verify --url "+want+" --key "+vkey+"\n") {
			t.Errorf("keys with --addr %s, want --url %s:\n%s", addr, want, out)
		}
	}
}
