package ledger

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

// Fixed test keys, so that examples and golden output are reproducible.
const (
	testSKey  = "PRIVATE+KEY+schakel.example.nl/log+f3253fce+AacXj3Nx1lJv1BchtPxi6+zgOntSOWrB0zq2l8NzIgHn"
	testVKey  = "schakel.example.nl/log+f3253fce+ASYdSDqxU2HX6OrPEaDKyTA2oG4TF1oulxboJnx5SO/I"
	otherSKey = "PRIVATE+KEY+schakel.example.nl/log+82939b6d+AS0ibqCCB0YBgMhvfe9pO12CRAHCfYR6q9y6+MhBMRU/"
)

func testSigner(tb testing.TB) *Signer {
	tb.Helper()
	s, err := NewSigner(testSKey, DefaultOrigin)
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

func TestGenerateKeyAndSign(t *testing.T) {
	skey, vkey, err := GenerateKey("log.example.org/schakel")
	if err != nil {
		t.Fatal(err)
	}
	s, err := NewSigner(skey, "log.example.org/schakel")
	if err != nil {
		t.Fatal(err)
	}
	if s.VerifierKey() != vkey {
		t.Errorf("VerifierKey() = %q, want %q", s.VerifierKey(), vkey)
	}
	root := tlog.RecordHash([]byte("x"))
	msg, err := s.Sign(1, root)
	if err != nil {
		t.Fatal(err)
	}
	cp, err := OpenCheckpoint(msg, vkey, "log.example.org/schakel")
	if err != nil {
		t.Fatal(err)
	}
	if cp != (Checkpoint{Size: 1, Root: root}) {
		t.Errorf("OpenCheckpoint = %v", cp)
	}
	if _, _, err := GenerateKey("with space"); err == nil {
		t.Error("GenerateKey accepted an origin that is no key name")
	}
	if _, _, err := GenerateKey(""); err == nil {
		t.Error("GenerateKey accepted an empty origin")
	}
}

func TestCheckpointFormat(t *testing.T) {
	s := testSigner(t)
	if s.VerifierKey() != testVKey || s.Origin() != DefaultOrigin {
		t.Fatalf("signer %q %q", s.VerifierKey(), s.Origin())
	}
	var root tlog.Hash
	root[0] = 0xff
	msg, err := s.Sign(20852163, root)
	if err != nil {
		t.Fatal(err)
	}
	body, sig, ok := strings.Cut(string(msg), "\n\n")
	if !ok || body != "schakel.example.nl/log\n20852163\n/wAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=" {
		t.Errorf("checkpoint body %q", body)
	}
	if !strings.HasPrefix(sig, "— schakel.example.nl/log ") || !strings.HasSuffix(sig, "\n") {
		t.Errorf("signature line %q", sig)
	}
}

func TestOpenCheckpointErrors(t *testing.T) {
	s := testSigner(t)
	root := tlog.RecordHash([]byte("root"))
	good, _ := s.Sign(1000, root)
	other, _ := NewSigner(otherSKey, DefaultOrigin)
	byOther, _ := other.Sign(1000, root)
	wrongOrigin, _ := NewSigner(testSKey, "elders.example.nl/log")
	elsewhere, _ := wrongOrigin.Sign(1000, root)
	signRaw := func(text string) []byte {
		ns, _ := note.NewSigner(testSKey)
		msg, err := note.Sign(&note.Note{Text: text}, ns)
		if err != nil {
			t.Fatal(err)
		}
		return msg
	}
	tests := []struct {
		name string
		msg  []byte
		is   error
		want string
	}{
		{"altered size", bytes.Replace(good, []byte("\n1000\n"), []byte("\n1001\n"), 1), ErrBadSignature, "signature by key schakel.example.nl/log+f3253fce is invalid"},
		{"other key", byOther, ErrBadSignature, "no signature by key schakel.example.nl/log+f3253fce; signed only by schakel.example.nl/log+82939b6d"},
		{"wrong origin", elsewhere, ErrWrongOrigin, `its origin is "elders.example.nl/log", want "schakel.example.nl/log"`},
		{"not a note", []byte("hello\n"), ErrMalformed, "not a signed note"},
		{"empty", nil, ErrMalformed, "not a signed note"},
		{"two lines", signRaw("schakel.example.nl/log\n5\n"), ErrMalformed, "too few newlines"},
		{"leading zero", signRaw("schakel.example.nl/log\n0005\n" + root.String() + "\n"), ErrMalformed, "canonical decimal"},
		{"short hash", signRaw("schakel.example.nl/log\n5\nAAAA\n"), ErrMalformed, "root hash of 3 bytes"},
		{"bad base64", signRaw("schakel.example.nl/log\n5\n!!\n"), ErrMalformed, "invalid hash"},
		{"huge size", signRaw("schakel.example.nl/log\n18446744073709551615\n" + root.String() + "\n"), ErrMalformed, "canonical decimal"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := OpenCheckpoint(tt.msg, testVKey, DefaultOrigin)
			if !errors.Is(err, tt.is) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("OpenCheckpoint = %v, want %v containing %q", err, tt.is, tt.want)
			}
		})
	}
	// A witness cosignature by an unknown key is ignored.
	ns, _ := note.NewSigner(otherSKey)
	n, err := note.Open(good, note.VerifierList(mustVerifier(t, testVKey)))
	if err != nil {
		t.Fatal(err)
	}
	cosigned, err := note.Sign(n, ns)
	if err != nil {
		t.Fatal(err)
	}
	if cp, err := OpenCheckpoint(cosigned, testVKey, DefaultOrigin); err != nil || cp.Size != 1000 {
		t.Errorf("cosigned checkpoint: %v, %v", cp, err)
	}
	if _, err := OpenCheckpoint(good, "nonsense", DefaultOrigin); err == nil || !strings.Contains(err.Error(), "verifier key") {
		t.Errorf("bad verifier key: %v", err)
	}
}

func mustVerifier(tb testing.TB, vkey string) note.Verifier {
	tb.Helper()
	v, err := note.NewVerifier(vkey)
	if err != nil {
		tb.Fatal(err)
	}
	return v
}

func FuzzOpenCheckpoint(f *testing.F) {
	s, _ := NewSigner(testSKey, DefaultOrigin)
	good, _ := s.Sign(1000, tlog.RecordHash(nil))
	f.Add(good)
	f.Add([]byte("x\n\n— a b\n"))
	f.Fuzz(func(t *testing.T, msg []byte) {
		cp, err := OpenCheckpoint(msg, testVKey, DefaultOrigin)
		if err == nil && cp.Size < 0 {
			t.Fatalf("negative size %d", cp.Size)
		}
	})
}
