package receipt

import (
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"golang.org/x/crypto/argon2"
)

// Params are the argon2id parameters of a hash. They are written into the
// stored hash, so Verify reads them from there and DefaultParams can change
// without making old codes unusable.
type Params struct {
	Time      uint32 // passes over the memory (t)
	MemoryKiB uint32 // memory in KiB (m)
	Threads   uint8  // lanes (p)
	KeyLen    uint32 // bytes of hash output
	SaltLen   int    // bytes of random salt
}

// DefaultParams are the parameters new codes are hashed with: argon2id with
// 19 MiB of memory, two passes and one lane, a 32-byte hash and a 16-byte
// salt, the first recommendation of the OWASP Password Storage Cheat Sheet.
//
// Why not more: the secret half has 80 random bits, so guessing it is
// hopeless whatever the hash costs; the hash is defence in depth for a
// stolen database, not the only barrier, as it is for a password people
// chose. And every lookup on a public endpoint runs one hash, so its memory
// must stay small enough that Hasher can bound the total under a flood.
// What one hash costs on our machines is measured by BenchmarkHash and
// written down in docs/decisions/0008-receipt-codes.md.
var DefaultParams = Params{Time: 2, MemoryKiB: 19 * 1024, Threads: 1, KeyLen: 32, SaltLen: 16}

// Bounds of Params. The lower ones are RFC 9106's minimums for salt and
// sane ones for the output; the upper ones stop a corrupt stored hash from
// making Verify allocate gigabytes or run for minutes.
const (
	minKeyLen    = 16
	maxKeyLen    = 128
	minSaltLen   = 8
	maxSaltLen   = 64
	maxTime      = 64
	maxMemoryKiB = 1 << 20 // 1 GiB
)

// Validate reports whether argon2id can run with p within the bounds this
// package accepts; argon2 itself panics on some invalid values.
func (p Params) Validate() error {
	switch {
	case p.Time < 1 || p.Time > maxTime:
		return fmt.Errorf("receipt: time %d outside 1..%d", p.Time, maxTime)
	case p.Threads < 1:
		return errors.New("receipt: threads must be at least 1")
	case p.MemoryKiB < 8*uint32(p.Threads) || p.MemoryKiB > maxMemoryKiB:
		return fmt.Errorf("receipt: memory %d KiB outside %d..%d", p.MemoryKiB, 8*uint32(p.Threads), maxMemoryKiB)
	case p.KeyLen < minKeyLen || p.KeyLen > maxKeyLen:
		return fmt.Errorf("receipt: key length %d outside %d..%d", p.KeyLen, minKeyLen, maxKeyLen)
	case p.SaltLen < minSaltLen || p.SaltLen > maxSaltLen:
		return fmt.Errorf("receipt: salt length %d outside %d..%d", p.SaltLen, minSaltLen, maxSaltLen)
	}
	return nil
}

// ErrMalformedHash is wrapped by the error Verify returns when the stored
// hash is not an argon2id PHC string it can read.
var ErrMalformedHash = errors.New("receipt: malformed argon2id hash")

// keyFunc is the signature of argon2.IDKey; Hasher's tests replace it to
// watch how many run at once.
type keyFunc func(password, salt []byte, time, memory uint32, threads uint8, keyLen uint32) []byte

// b64 is the encoding of salt and hash in a PHC string: standard base64
// without padding; Strict refuses non-canonical trailing bits, so a stored
// string has one spelling only.
var b64 = base64.RawStdEncoding.Strict()

// Hash returns the argon2id hash of c with parameters p and a salt read
// from r, in the PHC string format:
//
//	$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>
//
// It fails on the zero Code, on invalid p and when r fails.
func Hash(c Code, p Params, r io.Reader) (string, error) {
	return hash(c, p, r, argon2.IDKey)
}

func hash(c Code, p Params, r io.Reader, key keyFunc) (string, error) {
	if c.IsZero() {
		return "", errors.New("receipt: hash: zero code")
	}
	if err := p.Validate(); err != nil {
		return "", fmt.Errorf("receipt: hash: %w", err)
	}
	salt := make([]byte, p.SaltLen)
	if _, err := io.ReadFull(r, salt); err != nil {
		return "", fmt.Errorf("receipt: hash: read salt: %w", err)
	}
	sum := key(c.bytes(), salt, p.Time, p.MemoryKiB, p.Threads, p.KeyLen)
	return encode(p, salt, sum), nil
}

// encode writes the PHC string of a hash.
func encode(p Params, salt, sum []byte) string {
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, p.MemoryKiB, p.Time, p.Threads, b64.EncodeToString(salt), b64.EncodeToString(sum))
}

// decode reads a PHC string written by encode. It accepts exactly what
// encode writes, so a stored hash has one spelling and a damaged one is
// reported rather than half-read.
func decode(encoded string) (p Params, salt, sum []byte, err error) {
	malformed := func(why string) error { return fmt.Errorf("%w: %s", ErrMalformedHash, why) }
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[0] != "" {
		return Params{}, nil, nil, malformed("want six $-separated parts")
	}
	if parts[1] != "argon2id" {
		return Params{}, nil, nil, malformed("algorithm is not argon2id")
	}
	if parts[2] != "v="+strconv.Itoa(argon2.Version) {
		return Params{}, nil, nil, malformed("version is not 19")
	}
	fields := strings.Split(parts[3], ",")
	if len(fields) != 3 {
		return Params{}, nil, nil, malformed("want parameters m, t and p")
	}
	var values [3]uint64
	for i, name := range []string{"m=", "t=", "p="} {
		digits, ok := strings.CutPrefix(fields[i], name)
		if !ok || digits == "" || (digits[0] == '0' && len(digits) > 1) {
			return Params{}, nil, nil, malformed("parameter " + name + " missing or not canonical")
		}
		bits := 32
		if name == "p=" {
			bits = 8
		}
		v, err := strconv.ParseUint(digits, 10, bits)
		if err != nil {
			return Params{}, nil, nil, malformed("parameter " + name + " is not a number in range")
		}
		values[i] = v
	}
	if salt, err = b64.DecodeString(parts[4]); err != nil {
		return Params{}, nil, nil, malformed("salt is not base64")
	}
	if sum, err = b64.DecodeString(parts[5]); err != nil {
		return Params{}, nil, nil, malformed("hash is not base64")
	}
	p = Params{MemoryKiB: uint32(values[0]), Time: uint32(values[1]), Threads: uint8(values[2]), KeyLen: uint32(len(sum)), SaltLen: len(salt)}
	if err := p.Validate(); err != nil {
		return Params{}, nil, nil, fmt.Errorf("%w: %w", ErrMalformedHash, err)
	}
	return p, salt, sum, nil
}

// Verify reports whether encoded, a string made by Hash, is the hash of c.
// It hashes c with the parameters and salt in encoded and compares in
// constant time. It returns an error wrapping ErrMalformedHash, never a
// panic, when encoded cannot be read.
func Verify(c Code, encoded string) (bool, error) {
	return verify(c, encoded, argon2.IDKey)
}

func verify(c Code, encoded string, key keyFunc) (bool, error) {
	p, salt, sum, err := decode(encoded)
	if err != nil {
		return false, err
	}
	got := key(c.bytes(), salt, p.Time, p.MemoryKiB, p.Threads, p.KeyLen)
	return subtle.ConstantTimeCompare(got, sum) == 1, nil
}

// dummyCode is what VerifyNothing hashes; any valid code would do.
var dummyCode = Code{lookup: "00000000", secret: "0000000000000000"}

// dummyHash returns a PHC string with parameters p that no code matches:
// a zero salt and a zero hash. Verifying against it costs what verifying
// against a real hash with p costs.
func dummyHash(p Params) string {
	return encode(p, make([]byte, p.SaltLen), make([]byte, p.KeyLen))
}

// defaultDummy is the dummy hash of DefaultParams.
var defaultDummy = dummyHash(DefaultParams)

// VerifyNothing does the work of one Verify against a hash made with
// DefaultParams, and throws the result away. Call it when the lookup half
// of a typed code matches no brake, so that such a code takes as long to
// refuse as one whose secret half is wrong, and the time of the answer
// does not tell whether a lookup half exists.
func VerifyNothing() {
	_, _ = verify(dummyCode, defaultDummy, argon2.IDKey)
}
