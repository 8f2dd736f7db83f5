package config_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/schakel-nl/schakel/config"
	"github.com/schakel-nl/schakel/witness"
)

func TestWitnessesFile(t *testing.T) {
	_, k1, _ := witness.GenerateKey("getuige.test/w1")
	_, k2, _ := witness.GenerateKey("getuige.test/w2")
	text := "# getuigen\n\nhttps://w1.test " + k1 + "\nhttp://w2.test:8081/pad " + k2 + "\n"
	ws, errs := config.ParseWitnesses(text)
	if len(errs) != 0 || len(ws) != 2 || ws[1].URL != "http://w2.test:8081/pad" || ws[0].VerifierKey != k1 {
		t.Fatalf("%+v %v", ws, errs)
	}
	bad := "ftp://w1.test " + k1 + "\nhttps://w1.test\nhttps://w1.test notakey\nhttps://w1.test PRIVATE+KEY+x+1+y\nhttps://a.test " + k1 + "\nhttps://b.test " + k1 + "\n"
	_, errs = config.ParseWitnesses(bad)
	if len(errs) != 5 {
		t.Fatalf("errors %v, want 5 (lines 1-4 and the witness named twice)", errs)
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "getuigen")
	os.WriteFile(file, []byte("https://w1.test notakey\n"), 0o600)
	cfg := config.Default()
	cfg.LedgerWitnesses = file
	if err := cfg.Validate(); err == nil || !strings.Contains(err.Error(), "--ledger-witnesses (SCHAKEL_LEDGER_WITNESSES): line 1") {
		t.Fatalf("Validate: %v", err)
	}
}
