package witness

import (
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"

	fnote "github.com/transparency-dev/formats/note"
	"golang.org/x/mod/sumdb/note"

	"github.com/schakel-nl/schakel"
)

// Key algorithm bytes of signed-note keys (C2SP signed-note).
const (
	algEd25519            = 0x01
	algEd25519Cosignature = 0x04
)

// GenerateKey returns a new Ed25519 witness key pair named name (a
// schema-less URL such as "ombudsman.example.nl/witness"): skey
// ("PRIVATE+KEY+…") is the secret, vkey the cosignature/v1 verifier key
// (type 0x04) that logs and verifiers are given.
func GenerateKey(name string) (skey, vkey string, err error) {
	skey, plain, err := note.GenerateKey(rand.Reader, name)
	if err != nil {
		return "", "", fmt.Errorf("witness: generate key %q: %w", name, err)
	}
	vkey, err = fnote.VKeyToCosignatureV1(plain)
	if err != nil {
		return "", "", fmt.Errorf("witness: generate key %q: %w", name, err)
	}
	return skey, vkey, nil
}

// Cosigner makes cosignature/v1 signatures (C2SP tlog-cosignature,
// Ed25519) stamped with the time of its clock. The library signer of
// github.com/transparency-dev/formats/note stamps the wall clock; this one
// takes the injected clock, so tests and the timestamps are ours. Its
// signatures verify with fnote.NewVerifierForCosignatureV1.
type Cosigner struct {
	name  string
	hash  uint32
	key   ed25519.PrivateKey
	vkey  string
	Clock schakel.Clock
}

// NewCosigner returns the Cosigner of the secret key skey (as
// [GenerateKey] makes it; an Ed25519 key of type 0x01 or 0x04).
func NewCosigner(skey string, clock schakel.Clock) (*Cosigner, error) {
	f := strings.SplitN(strings.TrimSpace(skey), "+", 5)
	if len(f) != 5 || f[0] != "PRIVATE" || f[1] != "KEY" || f[2] == "" {
		return nil, errors.New("witness: key: not a signing key PRIVATE+KEY+<name>+<hash>+<key>")
	}
	b, err := base64.StdEncoding.DecodeString(f[4])
	if err != nil || len(b) != 1+ed25519.SeedSize || (b[0] != algEd25519 && b[0] != algEd25519Cosignature) {
		return nil, errors.New("witness: key: not an Ed25519 signing key")
	}
	key := ed25519.NewKeyFromSeed(b[1:])
	pub := append([]byte{algEd25519Cosignature}, key.Public().(ed25519.PublicKey)...)
	h := sha256.Sum256(append([]byte(f[2]+"\n"), pub...))
	c := &Cosigner{name: f[2], hash: binary.BigEndian.Uint32(h[:4]), key: key, Clock: clock}
	c.vkey = fmt.Sprintf("%s+%08x+%s", c.name, c.hash, base64.StdEncoding.EncodeToString(pub))
	if _, err := fnote.NewVerifierForCosignatureV1(c.vkey); err != nil {
		return nil, fmt.Errorf("witness: key: %w", err)
	}
	return c, nil
}

// Name returns the witness's key name.
func (c *Cosigner) Name() string { return c.name }

// KeyHash returns the cosignature/v1 key ID.
func (c *Cosigner) KeyHash() uint32 { return c.hash }

// VerifierKey returns the cosignature/v1 verifier key to give to logs and
// verifiers.
func (c *Cosigner) VerifierKey() string { return c.vkey }

// Sign signs msg, a checkpoint's note body, as cosignature/v1: the
// message "cosignature/v1\ntime <T>\n" followed by the body, and the
// signature the timestamp T (big-endian u64) followed by the Ed25519
// signature.
func (c *Cosigner) Sign(msg []byte) ([]byte, error) {
	clock := c.Clock
	if clock == nil {
		clock = schakel.SystemClock{}
	}
	t := clock.Now().Unix()
	if t <= 0 {
		return nil, errors.New("witness: cosign: the clock is before 1970")
	}
	signed := fmt.Appendf(nil, "cosignature/v1\ntime %d\n%s", t, msg)
	sig := binary.BigEndian.AppendUint64(nil, uint64(t))
	return append(sig, ed25519.Sign(c.key, signed)...), nil
}

// Cosign returns the signature line "— <name> <base64>\n" of the
// cosignature of the note body text.
func (c *Cosigner) Cosign(text string) ([]byte, error) {
	signed, err := note.Sign(&note.Note{Text: text}, c)
	if err != nil {
		return nil, fmt.Errorf("witness: cosign: %w", err)
	}
	return signed[len(text)+1:], nil
}
