package witness

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"

	"github.com/transparency-dev/formats/log"
	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

// The errors of [Witness.AddCheckpoint] besides [ErrMalformed] and
// [*ConflictError]; [StatusOf] maps each to its HTTP status.
var (
	// ErrUnknownLog: the checkpoint's origin is not a log the witness
	// watches (404).
	ErrUnknownLog = errors.New("witness: unknown log")
	// ErrBadSignature: no valid signature by the log's key (403).
	ErrBadSignature = errors.New("witness: checkpoint not signed by the log's key")
	// ErrInconsistent: the checkpoint does not extend the one the witness
	// cosigned last — a fork, or a proof that does not verify (422).
	ErrInconsistent = errors.New("witness: checkpoint not consistent with the last one cosigned")
)

// ConflictError is the answer to a request whose old size is not the size
// of the checkpoint the witness cosigned last (409): Size is that size, the
// client retries with it.
type ConflictError struct{ Size int64 }

func (e *ConflictError) Error() string {
	return fmt.Sprintf("witness: old size differs from the latest cosigned size %d", e.Size)
}

// Log is a log the witness watches: its origin line and its note
// verifier key.
type Log struct {
	Origin      string
	VerifierKey string
}

// State keeps the latest checkpoint cosigned per log (the signed note with
// the log's signature and the witness's cosignature). Save must be durable
// before it returns and replace the whole note atomically.
type State interface {
	Load(origin string) ([]byte, error) // nil, nil when there is none
	Save(origin string, note []byte) error
}

// Witness cosigns checkpoints of the logs it watches.
type Witness struct {
	cosigner *Cosigner
	logs     map[string]note.Verifier
	state    State
	// mu makes each check of the old size and the save of the new
	// checkpoint one step: two requests from the same old size cannot
	// both advance (tlog-witness requires it, or a log could be rolled
	// back at the witness).
	mu sync.Mutex
}

// New returns a Witness signing with c, watching logs, keeping its state
// in st.
func New(c *Cosigner, logs []Log, st State) (*Witness, error) {
	w := &Witness{cosigner: c, logs: map[string]note.Verifier{}, state: st}
	for _, l := range logs {
		v, err := note.NewVerifier(l.VerifierKey)
		if err != nil {
			return nil, fmt.Errorf("witness: log %q: verifier key: %w", l.Origin, err)
		}
		if l.Origin == "" || strings.ContainsAny(l.Origin, "\n") {
			return nil, fmt.Errorf("witness: log origin %q: want one non-empty line", l.Origin)
		}
		if _, dup := w.logs[l.Origin]; dup {
			return nil, fmt.Errorf("witness: log %q given twice", l.Origin)
		}
		w.logs[l.Origin] = v
	}
	return w, nil
}

// Cosigner returns the witness's cosigner.
func (w *Witness) Cosigner() *Cosigner { return w.cosigner }

// checkpoint is a checkpoint opened with the log's key.
type checkpoint struct {
	origin string
	text   string
	size   int64
	root   tlog.Hash
	sigs   []byte // the verified signature lines by the log's key
}

// open verifies msg with the key of the log its origin names.
func (w *Witness) open(msg []byte) (checkpoint, error) {
	var cp checkpoint
	origin, _, ok := bytes.Cut(msg, []byte("\n"))
	if !ok {
		return cp, fmt.Errorf("%w: the checkpoint has no origin line", ErrMalformed)
	}
	v, ok := w.logs[string(origin)]
	if !ok {
		return cp, fmt.Errorf("%w: %q", ErrUnknownLog, clip(origin))
	}
	n, err := note.Open(msg, note.VerifierList(v))
	if err != nil {
		var invalid *note.InvalidSignatureError
		var unverified *note.UnverifiedNoteError
		if errors.As(err, &invalid) || errors.As(err, &unverified) {
			return cp, fmt.Errorf("%w: %v", ErrBadSignature, err)
		}
		return cp, fmt.Errorf("%w: the checkpoint is not a signed note: %v", ErrMalformed, err)
	}
	var body log.Checkpoint
	if _, err := body.Unmarshal([]byte(n.Text)); err != nil {
		return cp, fmt.Errorf("%w: %v", ErrMalformed, err)
	}
	lines := strings.SplitN(n.Text, "\n", 3)
	if body.Size > math.MaxInt64 || lines[1] != strconv.FormatUint(body.Size, 10) || len(body.Hash) != tlog.HashSize {
		return cp, fmt.Errorf("%w: the checkpoint's size or root is not canonical", ErrMalformed)
	}
	cp = checkpoint{origin: body.Origin, text: n.Text, size: int64(body.Size)}
	copy(cp.root[:], body.Hash)
	for _, s := range n.Sigs {
		cp.sigs = fmt.Appendf(cp.sigs, "— %s %s\n", s.Name, s.Base64)
	}
	return cp, nil
}

// emptyRoot is the root of the empty tree: the hash of the empty string
// (RFC 6962, 2.1).
var emptyRoot = tlog.Hash(sha256.Sum256(nil))

// AddCheckpoint handles one add-checkpoint request: it verifies the
// checkpoint's signature with the log's key, checks the old size against
// the latest checkpoint cosigned for the log and the consistency proof
// from it, saves the checkpoint and returns the cosignature line(s).
// Errors wrap [ErrMalformed], [ErrUnknownLog], [ErrBadSignature] or
// [ErrInconsistent], or are a [*ConflictError]; anything else is the
// State's failure.
func (w *Witness) AddCheckpoint(req Request) ([]byte, error) {
	cp, err := w.open(req.Checkpoint)
	if err != nil {
		return nil, err
	}
	if req.OldSize > cp.size {
		return nil, fmt.Errorf("%w: old size %d is larger than the checkpoint's size %d", ErrMalformed, req.OldSize, cp.size)
	}
	if cp.size == 0 && cp.root != emptyRoot {
		return nil, fmt.Errorf("%w: a checkpoint of size 0 must have the empty tree's root", ErrInconsistent)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	last, err := w.latest(cp.origin)
	if err != nil {
		return nil, err
	}
	if req.OldSize != last.size {
		return nil, &ConflictError{Size: last.size}
	}
	if err := consistent(last, cp, req.Proof); err != nil {
		return nil, err
	}
	sig, err := w.cosigner.Cosign(cp.text)
	if err != nil {
		return nil, err
	}
	// Keep the checkpoint as verified with this witness's cosignature
	// only: other signatures by unknown keys are not ours to republish.
	saved := append([]byte(cp.text+"\n"), cp.sigs...)
	saved = append(saved, sig...)
	if err := w.state.Save(cp.origin, saved); err != nil {
		return nil, fmt.Errorf("witness: save state of %q: %w", cp.origin, err)
	}
	return sig, nil
}

// consistent checks that cp extends last by proof.
func consistent(last, cp checkpoint, proof tlog.TreeProof) error {
	switch {
	case last.size == 0:
		if len(proof) != 0 {
			return fmt.Errorf("%w: a proof from size 0 must be empty", ErrInconsistent)
		}
	case last.size == cp.size:
		if len(proof) != 0 {
			return fmt.Errorf("%w: a proof between equal sizes must be empty", ErrInconsistent)
		}
		if cp.root != last.root {
			return fmt.Errorf("%w: size %d was cosigned with another root", ErrInconsistent, cp.size)
		}
	default:
		if err := tlog.CheckTree(proof, cp.size, cp.root, last.size, last.root); err != nil {
			return fmt.Errorf("%w: no consistency from size %d to %d: %v", ErrInconsistent, last.size, cp.size, err)
		}
	}
	return nil
}

// latest returns the latest checkpoint cosigned for origin (size 0 when
// none).
func (w *Witness) latest(origin string) (checkpoint, error) {
	b, err := w.state.Load(origin)
	if err != nil {
		return checkpoint{}, fmt.Errorf("witness: load state of %q: %w", origin, err)
	}
	if b == nil {
		return checkpoint{origin: origin}, nil
	}
	cp, err := w.open(b)
	if err != nil {
		return checkpoint{}, fmt.Errorf("witness: state of %q does not verify: %w", origin, err)
	}
	return cp, nil
}

// Latest returns the latest checkpoint cosigned for origin, with the log's
// signature and the witness's cosignature, or nil when there is none
// (the monitoring endpoint serves it).
func (w *Witness) Latest(origin string) ([]byte, error) {
	if _, ok := w.logs[origin]; !ok {
		return nil, ErrUnknownLog
	}
	return w.state.Load(origin)
}
