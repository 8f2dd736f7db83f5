package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLongCommandsOffTerminal: migrate, backup, report and erase
// --bewaartermijn accept --quiet, and off a terminal they draw no progress
// line, quiet or not: stderr holds no carriage return and stdout only the
// results, as before.
func TestLongCommandsOffTerminal(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "schakel.db")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"migrate", "--db", db}, "schema at version"},
		{[]string{"backup", "--db", db, "--out", filepath.Join(dir, "a.db")}, "backup written to"},
		{[]string{"backup", "--db", db, "--out", filepath.Join(dir, "b.db"), "--quiet"}, "backup written to"},
		{[]string{"report", "--db", db, "--year", "2026", "--out", dir, "--quiet"}, "Staat van de Uitvoering 2026"},
		{[]string{"erase", "--db", db, "--bewaartermijn"}, "Bewaartermijnen: teksten gewist van 0 verzoeken, 0 noodremmen en 0 casussen; 0 overgeslagen, 0 mislukt."},
		{[]string{"erase", "--db", db, "--bewaartermijn", "--quiet", "--retention-case-days", "1"}, "Bewaartermijnen:"},
		{[]string{"migrate", "--db", db, "--quiet"}, "schema at version"},
	} {
		var out, errOut bytes.Buffer
		if err := Run(context.Background(), c.args, envOf(nil), &out, &errOut); err != nil {
			t.Fatalf("%v: %v\n%s", c.args, err, errOut.String())
		}
		if !strings.Contains(out.String(), c.want) || strings.Contains(out.String(), "\r") {
			t.Errorf("%v printed %q, want %q", c.args, out.String(), c.want)
		}
		if strings.Contains(errOut.String(), "\r") {
			t.Errorf("%v drew a progress line off a terminal: %q", c.args, errOut.String())
		}
	}
	// One record or the retention sweep, not both.
	_, err := run(t, "erase", "--db", db, "--bewaartermijn", "--soort", "verzoek", "--id", "1", "--reden", "x")
	if err == nil || !strings.Contains(err.Error(), "not both") {
		t.Fatalf("erase --bewaartermijn with --soort: %v", err)
	}
}

// TestIsTerminal: a buffer and a plain file are no terminal; a
// pseudo-terminal is, and a Meter on it draws unless --quiet.
func TestIsTerminal(t *testing.T) {
	if isTerminal(&bytes.Buffer{}) {
		t.Fatal("a buffer is a terminal")
	}
	f, err := os.Create(filepath.Join(t.TempDir(), "out"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if isTerminal(f) || newMeter(f, "x", false).Live() {
		t.Fatal("a file is a terminal")
	}
	pty, err := os.OpenFile("/dev/ptmx", os.O_RDWR, 0)
	if err != nil {
		t.Skipf("no pseudo-terminal here: %v", err)
	}
	defer pty.Close()
	if !isTerminal(pty) {
		t.Fatal("a pseudo-terminal is no terminal")
	}
	if !newMeter(pty, "x", false).Live() || newMeter(pty, "x", true).Live() {
		t.Fatal("a Meter on a terminal is not live, or live with --quiet")
	}
}
