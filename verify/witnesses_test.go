package verify_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"golang.org/x/mod/sumdb/tlog"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/ledger"
	"github.com/schakel-nl/schakel/verify"
	"github.com/schakel-nl/schakel/witness"
)

func TestCheckWitnesses(t *testing.T) {
	skey, _, _ := ledger.GenerateKey("schakel.test/log")
	s, _ := ledger.NewSigner(skey, "schakel.test/log")
	cp, _ := s.Sign(5, tlog.Hash{1})
	otherCp, _ := s.Sign(6, tlog.Hash{2})
	clock := schakel.ClockFunc(func() time.Time { return time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC) })
	cosign := func(name string, msg []byte) (string, []byte) {
		sk, vk, err := witness.GenerateKey(name)
		if err != nil {
			t.Fatal(err)
		}
		c, _ := witness.NewCosigner(sk, clock)
		line, err := c.Cosign(string(msg[:bytes.Index(msg, []byte("\n\n"))+1]))
		if err != nil {
			t.Fatal(err)
		}
		return vk, line
	}
	k1, l1 := cosign("w1.test/w", cp)
	k2, l2 := cosign("w2.test/w", cp)
	k3, l3 := cosign("w3.test/w", otherCp) // w3 cosigned another checkpoint
	msg := append(append(append(append([]byte(nil), cp...), l1...), l2...), l3...)
	names, err := verify.CheckWitnesses(msg, []string{k1, k2, k3}, 2)
	if err != nil || len(names) != 2 || !strings.HasPrefix(names[0], "w1.test/w at 2026-12-07T12:00:00Z") {
		t.Fatalf("2 of 3: %q %v", names, err)
	}
	_, err = verify.CheckWitnesses(msg, []string{k1, k2, k3}, 3)
	if !errors.Is(err, verify.ErrQuorum) || !strings.Contains(err.Error(), "no valid cosignature by w3.test/w") {
		t.Fatalf("3 of 3: %v, want ErrQuorum naming w3", err)
	}
	if _, err := verify.CheckWitnesses(cp, []string{k1}, 1); !errors.Is(err, verify.ErrQuorum) {
		t.Fatalf("uncosigned: %v, want ErrQuorum", err)
	}
	// One witness named twice, or its key under another name, counts once:
	// it cannot make a quorum of two on its own.
	only1 := append(append([]byte(nil), cp...), l1...)
	renamed := "w9.test/w" + k1[strings.IndexByte(k1, '+'):]
	for _, keys := range [][]string{{k1, k1}, {k1, renamed}} {
		if names, err := verify.CheckWitnesses(only1, keys, 2); err == nil || errors.Is(err, verify.ErrQuorum) || !strings.Contains(err.Error(), "same public key") {
			t.Fatalf("keys %q, quorum 2 on one cosignature: %q %v, want a refusal naming the repeated key", keys, names, err)
		}
	}
}
