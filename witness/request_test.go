package witness_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/schakel-nl/schakel/witness"
)

func TestParseRequest(t *testing.T) {
	cp := "o\n1\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n\n— o x\n"
	h := "PlRNCrwHpqhGrupue0L7gxbjbMiKA9temvuZZDDpkaw=\n"
	good := []string{"old 0\n\n" + cp, "old 20852014\n" + h + h + "\n" + cp}
	for _, b := range good {
		if _, err := witness.ParseRequest([]byte(b)); err != nil {
			t.Errorf("%q: %v", b, err)
		}
	}
	bad := []string{
		"", "old 0", "old 0\n", "old 0\n\n", "old 00\n\n" + cp, "old -1\n\n" + cp, "old +1\n\n" + cp,
		"old 1 \n\n" + cp, "new 1\n\n" + cp, "old 99999999999999999999\n\n" + cp,
		"old 1\nnot base64\n\n" + cp, "old 1\nAAAA\n\n" + cp, "old 1\n" + h + cp,
		"old 1\n" + string(bytes.Repeat([]byte(h), 64)) + "\n" + cp,
	}
	for _, b := range bad {
		if _, err := witness.ParseRequest([]byte(b)); !errors.Is(err, witness.ErrMalformed) {
			t.Errorf("%q: %v, want ErrMalformed", b, err)
		}
	}
}

func FuzzParseRequest(f *testing.F) {
	f.Add([]byte("old 0\n\no\n1\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n\n— o x\n"))
	f.Add([]byte("old 5\nPlRNCrwHpqhGrupue0L7gxbjbMiKA9temvuZZDDpkaw=\n\nx"))
	f.Fuzz(func(t *testing.T, body []byte) {
		r, err := witness.ParseRequest(body)
		if err != nil {
			if !errors.Is(err, witness.ErrMalformed) {
				t.Fatalf("error %v does not wrap ErrMalformed", err)
			}
			return
		}
		// What parses marshals back to the very same bytes: one way to
		// write every request, so nothing is read two ways.
		if got := r.Marshal(); !bytes.Equal(got, body) {
			t.Fatalf("round trip: %q became %q", body, got)
		}
		if r.OldSize < 0 || len(r.Proof) > witness.MaxProofLines || len(r.Checkpoint) == 0 {
			t.Fatalf("parsed out of bounds: %+v", r)
		}
	})
}
