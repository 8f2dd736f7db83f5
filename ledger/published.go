package ledger

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"golang.org/x/mod/sumdb/tlog"
)

// The errors of [CheckExtends]; the error returned wraps one of them and
// says more.
var (
	// ErrRollback: the tree to sign is smaller than a checkpoint already
	// published. Signing it would publish a second root for a size verifiers
	// saw with another one as soon as the log grows again (a fork).
	ErrRollback = errors.New("ledger: the log is smaller than the last checkpoint published")
	// ErrFork: the tree to sign does not extend the last checkpoint
	// published: its first entries differ from what was published.
	ErrFork = errors.New("ledger: the log is not consistent with the last checkpoint published")
)

// CheckExtends reports whether the tree of the given size and root, whose
// hashes r reads, is an append-only extension of last, a checkpoint already
// published: not smaller, and with a valid RFC 6962 consistency proof from
// last to it. Its errors wrap [ErrRollback] or [ErrFork]; an error reading
// the hashes is returned as it is.
func CheckExtends(last Checkpoint, size int64, root tlog.Hash, r tlog.HashReader) error {
	if size < last.Size {
		return fmt.Errorf("%w: it has %d entries, the last checkpoint published (%s) has %d", ErrRollback, size, last, last.Size)
	}
	if last.Size == 0 {
		return nil // the empty tree is a prefix of every tree
	}
	if size == last.Size {
		if root != last.Root {
			return fmt.Errorf("%w: size %d has root %s, the checkpoint published has root %s", ErrFork, size, root, last.Root)
		}
		return nil
	}
	proof, err := tlog.ProveTree(size, last.Size, r)
	if err != nil {
		return fmt.Errorf("ledger: consistency proof from size %d to %d: %w", last.Size, size, err)
	}
	if err := tlog.CheckTree(proof, size, root, last.Size, last.Root); err != nil {
		return fmt.Errorf("%w: no consistency from the published %s to size %d, root %s: %v", ErrFork, last, size, root, err)
	}
	return nil
}

// CheckpointFile keeps the newest checkpoint the log published in a file
// outside the database, so that a database restored from an old backup
// (or otherwise rolled back) cannot make the signer publish a second root
// for a size it published already. The file holds the signed note as
// [Signer.Sign] made it.
type CheckpointFile struct {
	Path string
}

// Load returns the signed note in the file, or nil and no error when there
// is no file yet.
func (f CheckpointFile) Load() ([]byte, error) {
	b, err := os.ReadFile(f.Path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("ledger: read checkpoint file: %w", err)
	}
	return b, nil
}

// Save replaces the file's content with note atomically: a new file in
// the same directory is written and synced, renamed over the old one, and
// the directory is synced, so that after a crash the file holds either the
// old or the new note, never a part of one.
func (f CheckpointFile) Save(note []byte) (err error) {
	if have, _ := os.ReadFile(f.Path); bytes.Equal(have, note) {
		return nil
	}
	dir := filepath.Dir(f.Path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(f.Path)+".*")
	if err != nil {
		return fmt.Errorf("ledger: save checkpoint file: %w", err)
	}
	defer func() {
		if err != nil {
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(note); err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), f.Path)
	}
	if err != nil {
		return fmt.Errorf("ledger: save checkpoint file: %w", err)
	}
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("ledger: save checkpoint file: sync directory: %w", err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("ledger: save checkpoint file: sync directory: %w", err)
	}
	return nil
}
