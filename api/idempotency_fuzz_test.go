package api_test

import (
	"strings"
	"testing"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/api"
)

// FuzzParseIdempotencyKey: any header value is either a key of 1 to 255
// visible ASCII characters or EINVALID naming the header, never a panic;
// a key taken bare is taken the same when quoted as a Structured Field
// string.
func FuzzParseIdempotencyKey(f *testing.F) {
	for _, s := range []string{"a1b2c3", `"a1b2c3"`, `"a\"b"`, `"a\b"`, `"`, `""`, " x ", "\x00", "é", strings.Repeat("k", 256), "550e8400-e29b-41d4-a716-446655440000"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		key, err := api.ParseIdempotencyKey([]string{v})
		if err != nil {
			fields := schakel.ErrorFields(err)
			if schakel.ErrorCode(err) != schakel.EINVALID || len(fields) != 1 || fields[0].Field != "Idempotency-Key" {
				t.Fatalf("%q: %v", v, err)
			}
			return
		}
		if key == "" || len(key) > 255 {
			t.Fatalf("%q gave key of length %d", v, len(key))
		}
		for i := range len(key) {
			if key[i] < 0x20 || key[i] > 0x7e {
				t.Fatalf("%q gave key %q with byte %#x", v, key, key[i])
			}
		}
		if !strings.ContainsAny(key, `"\`) {
			again, err := api.ParseIdempotencyKey([]string{`"` + key + `"`})
			if err != nil || again != key {
				t.Fatalf("quoted %q: %q %v", key, again, err)
			}
		}
	})
}

// TestParseIdempotencyKeyCount: the header must come once.
func TestParseIdempotencyKeyCount(t *testing.T) {
	for _, vs := range [][]string{nil, {"a", "b"}} {
		if _, err := api.ParseIdempotencyKey(vs); schakel.ErrorCode(err) != schakel.EINVALID {
			t.Errorf("%q: %v", vs, err)
		}
	}
}
