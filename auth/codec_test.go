package auth

import (
	"testing"
	"time"
)

func TestCodecRoundTrip(t *testing.T) {
	deadline := time.Date(2026, 11, 28, 22, 0, 0, 123, time.UTC)
	in := map[string]any{"userID": int64(42), "seen": int64(1795860000), "state": "abc", "leeg": ""}
	b, err := Codec{}.Encode(deadline, in)
	if err != nil {
		t.Fatal(err)
	}
	d, out, err := Codec{}.Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	if !d.Equal(deadline) || len(out) != len(in) {
		t.Fatalf("got %v %v", d, out)
	}
	for k, v := range in {
		if out[k] != v {
			t.Fatalf("%s = %#v, want %#v", k, out[k], v)
		}
	}
	if _, err := (Codec{}).Encode(deadline, map[string]any{"x": 1.5}); err == nil {
		t.Fatal("a float was accepted and would have come back as something else")
	}
	if _, _, err := (Codec{}).Decode([]byte("{")); err == nil {
		t.Fatal("broken data decoded")
	}
}
