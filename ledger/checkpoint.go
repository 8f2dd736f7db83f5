package ledger

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"

	"github.com/transparency-dev/formats/log"
	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

// DefaultOrigin is an example origin; a deployment uses its own public host
// and path, such as "schakel.example.nl/log" (C2SP: the log's URL prefix
// without scheme and trailing slash).
const DefaultOrigin = "schakel.example.nl/log"

// The errors of [OpenCheckpoint]; the error returned wraps one of them and
// says more.
var (
	// ErrBadSignature: the checkpoint carries no valid signature by the
	// verifier key: altered after signing, or signed by another key.
	ErrBadSignature = errors.New("ledger: checkpoint signature does not verify")
	// ErrWrongOrigin: validly signed, but for another log.
	ErrWrongOrigin = errors.New("ledger: checkpoint is for another log")
	// ErrMalformed: not a signed note, or its text is not a tlog-checkpoint.
	ErrMalformed = errors.New("ledger: malformed checkpoint")
)

// Checkpoint is a verified tree head: the log had Size entries and their
// RFC 6962 Merkle tree hash was Root.
type Checkpoint struct {
	Size int64
	Root tlog.Hash
}

// String returns "size N, root <base64>".
func (c Checkpoint) String() string {
	return fmt.Sprintf("size %d, root %s", c.Size, c.Root)
}

// Tree returns c as a tlog.Tree.
func (c Checkpoint) Tree() tlog.Tree { return tlog.Tree{N: c.Size, Hash: c.Root} }

// checkOrigin reports whether origin can be a checkpoint's first line.
func checkOrigin(origin string) error {
	if origin == "" || strings.ContainsAny(origin, "\n") || !printable(origin) {
		return fmt.Errorf("ledger: origin %q: want a non-empty printable line such as %q", origin, DefaultOrigin)
	}
	return nil
}

// GenerateKey returns a new Ed25519 signed-note key pair named origin, in
// the formats of golang.org/x/mod/sumdb/note: skey ("PRIVATE+KEY+…") is the
// secret to keep outside the database, vkey ("<origin>+<hash>+<key>") is
// what verifiers are given. The origin must also be a valid key name (no
// spaces or plus signs).
func GenerateKey(origin string) (skey, vkey string, err error) {
	if err := checkOrigin(origin); err != nil {
		return "", "", err
	}
	if strings.ContainsFunc(origin, unicode.IsSpace) || strings.Contains(origin, "+") {
		return "", "", fmt.Errorf("ledger: origin %q cannot name a key: no spaces or plus signs", origin)
	}
	skey, vkey, err = note.GenerateKey(rand.Reader, origin)
	if err != nil {
		return "", "", fmt.Errorf("ledger: generate key for %q: %w", origin, err)
	}
	return skey, vkey, nil
}

// Signer signs checkpoints of one log: an Ed25519 note.Signer and the log's
// origin line.
type Signer struct {
	origin string
	signer note.Signer
	vkey   string
}

// NewSigner returns a Signer for the secret key skey (as [GenerateKey]
// makes it) signing checkpoints with the given origin line.
func NewSigner(skey, origin string) (*Signer, error) {
	if err := checkOrigin(origin); err != nil {
		return nil, err
	}
	s, err := note.NewSigner(skey)
	if err != nil {
		return nil, fmt.Errorf("ledger: signing key: %w", err)
	}
	vkey, err := verifierKeyOf(skey)
	if err != nil {
		return nil, err
	}
	return &Signer{origin: origin, signer: s, vkey: vkey}, nil
}

// verifierKeyOf derives the verifier key from a note secret key
// "PRIVATE+KEY+<name>+<hash>+<base64(0x01 || seed)>".
func verifierKeyOf(skey string) (string, error) {
	// The name has no "+" and the hash is hex; the base64 key may hold "+".
	f := strings.SplitN(skey, "+", 5)
	if len(f) != 5 || f[0] != "PRIVATE" || f[1] != "KEY" {
		return "", errors.New("ledger: signing key: malformed")
	}
	key, err := base64.StdEncoding.DecodeString(f[4])
	if err != nil || len(key) != 1+ed25519.SeedSize || key[0] != 1 {
		return "", errors.New("ledger: signing key: not an Ed25519 key")
	}
	pub := ed25519.NewKeyFromSeed(key[1:]).Public().(ed25519.PublicKey)
	vkey, err := note.NewEd25519VerifierKey(f[2], pub)
	if err != nil {
		return "", fmt.Errorf("ledger: signing key: %w", err)
	}
	return vkey, nil
}

// Origin returns the origin line the Signer writes.
func (s *Signer) Origin() string { return s.origin }

// VerifierKey returns the verifier key of the Signer's key, for
// `schakel keys` and for verifiers.
func (s *Signer) VerifierKey() string { return s.vkey }

// Sign returns the signed note of the checkpoint for a tree of the given
// size and root: the C2SP tlog-checkpoint body
//
//	<origin>
//	<size in decimal>
//	<root in standard base64>
//
// followed by a blank line and the signature line "— <key name> <base64>".
func (s *Signer) Sign(size int64, root tlog.Hash) ([]byte, error) {
	if size < 0 {
		return nil, fmt.Errorf("ledger: sign checkpoint: negative size %d", size)
	}
	body := log.Checkpoint{Origin: s.origin, Size: uint64(size), Hash: root[:]}.Marshal()
	msg, err := note.Sign(&note.Note{Text: string(body)}, s.signer)
	if err != nil {
		return nil, fmt.Errorf("ledger: sign checkpoint: %w", err)
	}
	return msg, nil
}

// OpenCheckpoint verifies a signed checkpoint msg with verifierKey (a
// note verifier key, as [GenerateKey] returns) and checks it is for origin.
// Its errors wrap [ErrBadSignature] (no valid signature by that key: altered
// or signed by another key), [ErrWrongOrigin] or [ErrMalformed], and say
// what was found. Signatures by other keys (witnesses) are ignored.
func OpenCheckpoint(msg []byte, verifierKey string, origin string) (Checkpoint, error) {
	v, err := note.NewVerifier(verifierKey)
	if err != nil {
		return Checkpoint{}, fmt.Errorf("ledger: verifier key %q: %w", verifierKey, err)
	}
	n, err := note.Open(msg, note.VerifierList(v))
	if err != nil {
		var invalid *note.InvalidSignatureError
		var unverified *note.UnverifiedNoteError
		switch {
		case errors.As(err, &invalid):
			return Checkpoint{}, fmt.Errorf("%w: the signature by key %s+%08x is invalid (checkpoint altered after signing, or forged)", ErrBadSignature, invalid.Name, invalid.Hash)
		case errors.As(err, &unverified):
			var by []string
			for _, s := range unverified.Note.UnverifiedSigs {
				by = append(by, fmt.Sprintf("%s+%08x", s.Name, s.Hash))
			}
			return Checkpoint{}, fmt.Errorf("%w: no signature by key %s+%08x; signed only by %s", ErrBadSignature, v.Name(), v.KeyHash(), strings.Join(by, ", "))
		}
		return Checkpoint{}, fmt.Errorf("%w: not a signed note: %v", ErrMalformed, err)
	}
	var body log.Checkpoint
	if _, err := body.Unmarshal([]byte(n.Text)); err != nil {
		return Checkpoint{}, fmt.Errorf("%w: %v", ErrMalformed, err)
	}
	if body.Origin != origin {
		return Checkpoint{}, fmt.Errorf("%w: its origin is %q, want %q", ErrWrongOrigin, body.Origin, origin)
	}
	lines := strings.SplitN(n.Text, "\n", 3)
	if body.Size > math.MaxInt64 || lines[1] != strconv.FormatUint(body.Size, 10) {
		return Checkpoint{}, fmt.Errorf("%w: size line %q is not a canonical decimal", ErrMalformed, lines[1])
	}
	if len(body.Hash) != tlog.HashSize {
		return Checkpoint{}, fmt.Errorf("%w: root hash of %d bytes, want %d", ErrMalformed, len(body.Hash), tlog.HashSize)
	}
	// The reference parser must agree; it checks the same things again.
	if _, _, _, err := log.ParseCheckpoint(msg, origin, v); err != nil {
		return Checkpoint{}, fmt.Errorf("%w: %v", ErrMalformed, err)
	}
	cp := Checkpoint{Size: int64(body.Size)}
	copy(cp.Root[:], body.Hash)
	return cp, nil
}
