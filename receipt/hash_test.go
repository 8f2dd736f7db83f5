package receipt

import (
	"errors"
	"strings"
	"testing"
)

// small are fast parameters for tests whose point is not the cost.
var small = Params{Time: 1, MemoryKiB: 64, Threads: 1, KeyLen: 16, SaltLen: 8}

// mustHash returns the hash of c or fails the test.
func mustHash(tb testing.TB, c Code, p Params) string {
	tb.Helper()
	h, err := Hash(c, p, &stream{n: 1 << 40})
	if err != nil {
		tb.Fatalf("Hash: %v", err)
	}
	return h
}

func TestHashVerify(t *testing.T) {
	c := mustParse(t, "K7QM-2XHD-9RTB-W4NP-CJ6E-8FGA")
	encoded := mustHash(t, c, small)
	tests := []struct {
		name string
		code string
		want bool
	}{
		{"same code", "K7QM-2XHD-9RTB-W4NP-CJ6E-8FGA", true},
		{"same code typed otherwise", "k7qm2xhd 9rtb w4np cj6e 8fga", true},
		{"one character of the secret differs", "K7QM-2XHD-9RTB-W4NP-CJ6E-8FGB", false},
		{"one character of the lookup differs", "K7QN-2XHD-9RTB-W4NP-CJ6E-8FGA", false},
		{"same lookup, other secret", "K7QM-2XHD-0000-0000-0000-0000", false},
		{"secret and lookup swapped", "9RTB-W4NP-CJ6E-8FGA-K7QM-2XHD", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ok, err := Verify(mustParse(t, tt.code), encoded)
			if err != nil {
				t.Fatalf("Verify: %v", err)
			}
			if ok != tt.want {
				t.Errorf("Verify(%s) = %v, want %v", tt.code, ok, tt.want)
			}
		})
	}
}

func TestHashDefaultParams(t *testing.T) {
	c := mustParse(t, "K7QM-2XHD-9RTB-W4NP-CJ6E-8FGA")
	encoded := mustHash(t, c, DefaultParams)
	if !strings.HasPrefix(encoded, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Errorf("hash %q does not start with the default parameters", encoded)
	}
	parts := strings.Split(encoded, "$")
	if len(parts[4]) != 22 || len(parts[5]) != 43 {
		t.Errorf("salt %q and hash %q: want 16 and 32 bytes in unpadded base64", parts[4], parts[5])
	}
	if ok, err := Verify(c, encoded); !ok || err != nil {
		t.Errorf("Verify = %v, %v; want true", ok, err)
	}
}

func TestHashSaltsDiffer(t *testing.T) {
	c := mustParse(t, "K7QM-2XHD-9RTB-W4NP-CJ6E-8FGA")
	r := &stream{}
	a, err := Hash(c, small, r)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Hash(c, small, r)
	if err != nil {
		t.Fatal(err)
	}
	if a == b {
		t.Errorf("two hashes of one code are equal (%s): the salt is not fresh", a)
	}
}

func TestHashRefuses(t *testing.T) {
	c := mustParse(t, "K7QM-2XHD-9RTB-W4NP-CJ6E-8FGA")
	tests := []struct {
		name string
		code Code
		p    Params
	}{
		{"zero code", Code{}, small},
		{"zero params", c, Params{}},
		{"no threads", c, Params{Time: 1, MemoryKiB: 64, KeyLen: 16, SaltLen: 8}},
		{"too little memory", c, Params{Time: 1, MemoryKiB: 7, Threads: 1, KeyLen: 16, SaltLen: 8}},
		{"too much memory", c, Params{Time: 1, MemoryKiB: 1<<20 + 1, Threads: 1, KeyLen: 16, SaltLen: 8}},
		{"short key", c, Params{Time: 1, MemoryKiB: 64, Threads: 1, KeyLen: 8, SaltLen: 8}},
		{"short salt", c, Params{Time: 1, MemoryKiB: 64, Threads: 1, KeyLen: 16, SaltLen: 4}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if h, err := Hash(tt.code, tt.p, &stream{}); err == nil {
				t.Errorf("Hash = %q, want an error", h)
			}
		})
	}
	if _, err := Hash(c, small, strings.NewReader("short")); err == nil {
		t.Error("Hash with a failing reader: no error")
	}
}

func TestVerifyReadsParamsFromHash(t *testing.T) {
	c := mustParse(t, "K7QM-2XHD-9RTB-W4NP-CJ6E-8FGA")
	for _, p := range []Params{
		small,
		{Time: 3, MemoryKiB: 128, Threads: 2, KeyLen: 24, SaltLen: 12},
		{Time: 1, MemoryKiB: 32, Threads: 4, KeyLen: 64, SaltLen: 32},
	} {
		encoded := mustHash(t, c, p)
		got, salt, sum, err := decode(encoded)
		if err != nil {
			t.Fatalf("decode(%q): %v", encoded, err)
		}
		if got != p {
			t.Errorf("decode(%q) params %+v, want %+v", encoded, got, p)
		}
		if again := encode(got, salt, sum); again != encoded {
			t.Errorf("encode(decode(%q)) = %q", encoded, again)
		}
		if ok, err := Verify(c, encoded); !ok || err != nil {
			t.Errorf("Verify(%q) = %v, %v; want true", encoded, ok, err)
		}
	}
}

func TestVerifyMalformed(t *testing.T) {
	c := mustParse(t, "K7QM-2XHD-9RTB-W4NP-CJ6E-8FGA")
	good := mustHash(t, c, small)
	parts := strings.Split(good, "$")
	salt, sum := parts[4], parts[5]
	tests := []struct{ name, encoded string }{
		{"empty", ""},
		{"plain text", "K7QM-2XHD-9RTB-W4NP-CJ6E-8FGA"},
		{"no leading dollar", strings.TrimPrefix(good, "$")},
		{"trailing dollar", good + "$"},
		{"argon2i", "$argon2i$v=19$m=64,t=1,p=1$" + salt + "$" + sum},
		{"bcrypt", "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy"},
		{"version 16", "$argon2id$v=16$m=64,t=1,p=1$" + salt + "$" + sum},
		{"no version", "$argon2id$m=64,t=1,p=1$" + salt + "$" + sum},
		{"parameters reordered", "$argon2id$v=19$t=1,m=64,p=1$" + salt + "$" + sum},
		{"parameter missing", "$argon2id$v=19$m=64,t=1$" + salt + "$" + sum},
		{"extra parameter", "$argon2id$v=19$m=64,t=1,p=1,k=1$" + salt + "$" + sum},
		{"empty number", "$argon2id$v=19$m=,t=1,p=1$" + salt + "$" + sum},
		{"leading zero", "$argon2id$v=19$m=064,t=1,p=1$" + salt + "$" + sum},
		{"sign", "$argon2id$v=19$m=+64,t=1,p=1$" + salt + "$" + sum},
		{"negative", "$argon2id$v=19$m=64,t=-1,p=1$" + salt + "$" + sum},
		{"time zero", "$argon2id$v=19$m=64,t=0,p=1$" + salt + "$" + sum},
		{"threads zero", "$argon2id$v=19$m=64,t=1,p=0$" + salt + "$" + sum},
		{"threads over 255", "$argon2id$v=19$m=4096,t=1,p=256$" + salt + "$" + sum},
		{"memory over 32 bits", "$argon2id$v=19$m=4294967296,t=1,p=1$" + salt + "$" + sum},
		{"memory of 4 TiB", "$argon2id$v=19$m=4294967295,t=1,p=1$" + salt + "$" + sum},
		{"time of hours", "$argon2id$v=19$m=64,t=4000000000,p=1$" + salt + "$" + sum},
		{"memory below 8 per lane", "$argon2id$v=19$m=8,t=1,p=2$" + salt + "$" + sum},
		{"salt not base64", "$argon2id$v=19$m=64,t=1,p=1$!!!!!!!!!!!$" + sum},
		{"salt padded", "$argon2id$v=19$m=64,t=1,p=1$" + salt + "=$" + sum},
		{"salt empty", "$argon2id$v=19$m=64,t=1,p=1$$" + sum},
		{"salt too short", "$argon2id$v=19$m=64,t=1,p=1$AAAA$" + sum},
		{"hash empty", "$argon2id$v=19$m=64,t=1,p=1$" + salt + "$"},
		{"hash too short", "$argon2id$v=19$m=64,t=1,p=1$" + salt + "$AAAAAAAAAAA"},
		{"hash not canonical", "$argon2id$v=19$m=64,t=1,p=1$" + salt + "$" + sum[:len(sum)-1] + "B"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ok, err := Verify(c, tt.encoded)
			if ok || err == nil {
				t.Fatalf("Verify(%q) = %v, %v; want an error", tt.encoded, ok, err)
			}
			if !errors.Is(err, ErrMalformedHash) {
				t.Errorf("error %v does not wrap ErrMalformedHash", err)
			}
		})
	}
}

func TestVerifyNothing(t *testing.T) {
	// The dummy is a well-formed hash with the default parameters that no
	// code matches, so refusing an unknown lookup half does a full Verify.
	p, _, _, err := decode(defaultDummy)
	if err != nil {
		t.Fatalf("dummy hash %q: %v", defaultDummy, err)
	}
	if p != DefaultParams {
		t.Errorf("dummy params %+v, want %+v", p, DefaultParams)
	}
	if ok, err := Verify(dummyCode, defaultDummy); ok || err != nil {
		t.Errorf("Verify(dummy) = %v, %v; want false without error", ok, err)
	}
	VerifyNothing()
}

func BenchmarkHash(b *testing.B) {
	c := mustGenerate(b, &stream{})
	r := &stream{}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Hash(c, DefaultParams, r); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkVerify(b *testing.B) {
	c := mustGenerate(b, &stream{})
	encoded := mustHash(b, c, DefaultParams)
	b.ReportAllocs()
	for b.Loop() {
		if ok, err := Verify(c, encoded); !ok || err != nil {
			b.Fatal(ok, err)
		}
	}
}

func BenchmarkVerifyNothing(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		VerifyNothing()
	}
}
