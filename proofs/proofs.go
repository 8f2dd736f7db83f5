// Package proofs serves the ledger to its readers: the latest signed
// checkpoint, an event's entry with its inclusion proof, and the proof that
// an older checkpoint is a prefix of a newer one. Everything it serves is
// public and checked by the reader against the ledger's key (schakel
// verify); it never vouches for a checkpoint the store holds for another
// size than it signs.
package proofs

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/tlog"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/ledger"
)

// Store is what the service reads of the ledger.
type Store interface {
	// LatestCheckpoint returns the newest signed checkpoint and its size;
	// ENOTFOUND when none was signed yet.
	LatestCheckpoint(ctx context.Context) (size int64, note []byte, err error)
	// CheckpointAt returns the signed checkpoint for a size; ENOTFOUND when
	// none was signed for it.
	CheckpointAt(ctx context.Context, size int64) ([]byte, error)
	// LedgerHashReader reads the stored hashes of the tree.
	LedgerHashReader(ctx context.Context) tlog.HashReader
	// LedgerEntries returns the encoded entries start ≤ i < end.
	LedgerEntries(ctx context.Context, start, end int64) ([][]byte, error)
	// LedgerIndex returns the index of an event's entry; ENOTFOUND when it
	// is not in the ledger (yet).
	LedgerIndex(ctx context.Context, requestID int64, seq int) (int64, error)
}

// Service reads the ledger for its readers. Build it with New.
type Service struct {
	store Store
}

// New returns the service over st.
func New(st Store) *Service { return &Service{store: st} }

// Checkpoint is a signed checkpoint: its size, root and note.
type Checkpoint struct {
	Size int64
	Root tlog.Hash
	// Note is the signed note, or nil for a size no checkpoint was signed
	// for (a consistency proof may start there).
	Note []byte
}

// Head is the latest signed checkpoint with what it says.
type Head struct {
	Checkpoint
	Origin string
	// LastEvent is the last entry of the checkpoint; nil for an empty
	// ledger or an entry that does not decode.
	LastEvent *ledger.Entry
	// LastAt is the time of the last entry, of either kind (an event about
	// a request, or a change of the register of cases), in
	// ledger.TimeLayout; "" for an empty log.
	LastAt string
}

// errEmpty answers when there is no signed checkpoint to show.
var errEmpty = schakel.Errorf(schakel.ENOTFOUND, "Het openbare logboek heeft nog geen ondertekend checkpoint; probeer het over enkele seconden opnieuw.")

// Latest returns the latest signed checkpoint. Returns ENOTFOUND when none
// was signed yet.
func (s *Service) Latest(ctx context.Context) (*Head, error) {
	size, note, err := s.store.LatestCheckpoint(ctx)
	if schakel.ErrorCode(err) == schakel.ENOTFOUND {
		return nil, errEmpty
	}
	if err != nil {
		return nil, err
	}
	origin, cp, err := parseNote(note)
	if err != nil {
		return nil, err
	}
	if cp.Size != size {
		return nil, fmt.Errorf("proofs: latest checkpoint is stored for size %d but signs %d", size, cp.Size)
	}
	h := &Head{Checkpoint: Checkpoint{Size: size, Root: cp.Root, Note: note}, Origin: origin}
	if size > 0 {
		entries, err := s.store.LedgerEntries(ctx, size-1, size)
		if err != nil {
			return nil, err
		}
		if len(entries) == 1 {
			if e, err := ledger.Decode(entries[0]); err == nil {
				h.LastEvent, h.LastAt = &e, e.At
			} else if ce, err := ledger.DecodeCase(entries[0]); err == nil {
				h.LastAt = ce.At
			}
		}
	}
	return h, nil
}

// parseNote reads the origin, size and root of a checkpoint note without
// checking its signature: the service serves what the store holds, and
// readers check the signature themselves.
func parseNote(note []byte) (string, ledger.Checkpoint, error) {
	text, _, ok := strings.Cut(string(note), "\n\n")
	lines := strings.Split(text, "\n")
	if !ok || len(lines) < 3 {
		return "", ledger.Checkpoint{}, fmt.Errorf("proofs: stored checkpoint is not a signed note")
	}
	size, err := strconv.ParseInt(lines[1], 10, 64)
	if err != nil || size < 0 {
		return "", ledger.Checkpoint{}, fmt.Errorf("proofs: stored checkpoint has size %q", lines[1])
	}
	root, err := tlog.ParseHash(lines[2])
	if err != nil {
		return "", ledger.Checkpoint{}, fmt.Errorf("proofs: stored checkpoint has root %q", lines[2])
	}
	return lines[0], ledger.Checkpoint{Size: size, Root: root}, nil
}

// Inclusion is an event's entry in the ledger with the proof that it is in
// the latest checkpoint.
type Inclusion struct {
	Head  *Head
	Index int64
	Entry []byte
	Proof tlog.RecordProof
}

// Event returns the entry of event seq of request requestID with its
// inclusion proof against the latest checkpoint. Returns ENOTFOUND when the
// event is not in a signed checkpoint yet.
func (s *Service) Event(ctx context.Context, requestID int64, seq int) (*Inclusion, error) {
	h, err := s.Latest(ctx)
	if err != nil {
		return nil, err
	}
	index, err := s.store.LedgerIndex(ctx, requestID, seq)
	if schakel.ErrorCode(err) == schakel.ENOTFOUND {
		err = schakel.Errorf(schakel.ENOTFOUND, "Gebeurtenis %d van verzoek %d staat niet in het logboek (nog niet, of zij bestaat niet).", seq, requestID)
	}
	if err != nil {
		return nil, err
	}
	if index >= h.Size {
		return nil, schakel.Errorf(schakel.ENOTFOUND, "Gebeurtenis %d van verzoek %d staat in het logboek op plaats %d, maar nog niet in een ondertekend checkpoint (grootte %d); probeer het over enkele seconden opnieuw.", seq, requestID, index, h.Size)
	}
	entries, err := s.store.LedgerEntries(ctx, index, index+1)
	if err != nil {
		return nil, err
	}
	if len(entries) != 1 {
		return nil, fmt.Errorf("proofs: ledger entry %d missing", index)
	}
	proof, err := tlog.ProveRecord(h.Size, index, s.store.LedgerHashReader(ctx))
	if err != nil {
		return nil, fmt.Errorf("proofs: inclusion proof of entry %d in size %d: %v", index, h.Size, err)
	}
	return &Inclusion{Head: h, Index: index, Entry: entries[0], Proof: proof}, nil
}

// ConsistencyInput asks for the proof that the ledger of size From is a
// prefix of the ledger of size To. Both are the texts the reader gave;
// To empty means the latest checkpoint.
type ConsistencyInput struct {
	From, To string
	// FromGiven and ToGiven say whether the reader gave them at all.
	FromGiven, ToGiven bool
	// Problems are what the transport found wrong while decoding the
	// request; with any, they are returned alone, before the ledger is
	// read.
	Problems []schakel.FieldError
}

// Consistency is the proof that one checkpoint is a prefix of another.
type Consistency struct {
	From, To Checkpoint
	Proof    tlog.TreeProof
}

// Consistency returns the proof that the ledger of size in.From is a
// prefix of the ledger of size in.To, for a reader who trusted the
// checkpoint of size From before. Both must be at most the latest
// checkpoint's size, From at least 1 and at most To. Returns ENOTFOUND for
// an empty ledger and EINVALID naming every invalid size.
func (s *Service) Consistency(ctx context.Context, in ConsistencyInput) (*Consistency, error) {
	var v schakel.Validation
	v.Given(in.Problems)
	if err := v.Err(); err != nil {
		return nil, err
	}
	h, err := s.Latest(ctx)
	if err != nil {
		return nil, err
	}
	if h.Size == 0 {
		return nil, schakel.Errorf(schakel.ENOTFOUND, "Het logboek is nog leeg: er is niets om te bewijzen.")
	}
	from := size(&v, "van", in.From, in.FromGiven, 0, h.Size)
	to := size(&v, "tot", in.To, in.ToGiven, h.Size, h.Size)
	if !in.FromGiven {
		v.Add("van", "required", "Geef de grootte van het checkpoint dat u vertrouwt, bijvoorbeeld van=10.")
	}
	if from > to && to > 0 {
		v.Add("van", "range", "van (%d) mag niet groter zijn dan tot (%d).", from, to)
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	return s.consistency(ctx, h, from, to)
}

func (s *Service) consistency(ctx context.Context, h *Head, from, to int64) (*Consistency, error) {
	hr := s.store.LedgerHashReader(ctx)
	proof, err := tlog.ProveTree(to, from, hr)
	if err != nil {
		return nil, fmt.Errorf("proofs: consistency proof from %d to %d: %v", from, to, err)
	}
	out := &Consistency{Proof: proof}
	for _, c := range []struct {
		n   int64
		dst *Checkpoint
	}{{from, &out.From}, {to, &out.To}} {
		if c.n == h.Size {
			*c.dst = h.Checkpoint
			continue
		}
		root, err := tlog.TreeHash(c.n, hr)
		if err != nil {
			return nil, fmt.Errorf("proofs: tree hash of size %d: %v", c.n, err)
		}
		*c.dst = Checkpoint{Size: c.n, Root: root}
		note, err := s.store.CheckpointAt(ctx, c.n)
		switch {
		case err == nil:
			c.dst.Note = note
		case schakel.ErrorCode(err) != schakel.ENOTFOUND:
			return nil, err
		}
	}
	return out, nil
}

// size reads a size parameter: def when absent, and a problem when it is
// not a whole number from 1 to the latest checkpoint's size.
func size(v *schakel.Validation, name, text string, given bool, def, latest int64) int64 {
	if !given {
		return def
	}
	n, err := strconv.ParseInt(text, 10, 64)
	if err != nil || n < 1 || n > latest {
		v.Add(name, "range", "Geef een grootte van 1 tot en met %d, de grootte van het laatste checkpoint.", latest)
		return def
	}
	return n
}
