package verify

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/schakel-nl/schakel/ledger"
)

// StateStore keeps, per log, the checkpoint verified last: the trust a
// [Verifier] starts from and records after a successful run. A run that
// fails leaves it alone.
type StateStore interface {
	// Load returns the checkpoint saved for the log whose verifier key is
	// key, opened with that key and origin (ledger.OpenCheckpoint) so that
	// an altered state is refused; nil when none was saved.
	Load(key, origin string) (*ledger.Checkpoint, error)
	// Save records note, the signed checkpoint just verified from the
	// source named source, as the one trusted for the log.
	Save(key, origin, source string, note []byte) error
	// String says where the state is kept, such as a file's path.
	String() string
}

// FileState is a [StateStore] in a JSON file: per log (by verifier key)
// the checkpoint verified last, kept as the signed note, so the file
// proves itself: a changed file does not open with the key. Save replaces
// the file atomically.
type FileState struct {
	// Path is the file; it and its directory are created on the first Save.
	Path string
	// Now, if set, is the clock for the time of verification saved.
	Now func() time.Time
}

// DefaultStatePath is schakel-verify.state in the user's configuration
// directory (in schakel/), or in the working directory when there is none.
func DefaultStatePath() string {
	if dir, err := os.UserConfigDir(); err == nil {
		return filepath.Join(dir, "schakel", "schakel-verify.state")
	}
	return "schakel-verify.state"
}

// String returns the path.
func (f *FileState) String() string { return f.Path }

// stateFile is the file's content.
type stateFile struct {
	Logs map[string]stateEntry `json:"logs"`
}

// stateEntry is what the file keeps of one log.
type stateEntry struct {
	Origin     string `json:"origin"`
	Checkpoint string `json:"checkpoint"`
	Source     string `json:"source"`
	VerifiedAt string `json:"verifiedAt"`
}

func (f *FileState) read() (stateFile, error) {
	var s stateFile
	b, err := os.ReadFile(f.Path)
	if errors.Is(err, os.ErrNotExist) {
		return stateFile{Logs: map[string]stateEntry{}}, nil
	}
	if err != nil {
		return s, err
	}
	if err := json.Unmarshal(b, &s); err != nil {
		return s, fmt.Errorf("state file %s: %v", f.Path, err)
	}
	if s.Logs == nil {
		s.Logs = map[string]stateEntry{}
	}
	return s, nil
}

// Load returns the checkpoint the file trusts for the log, or nil. A file
// that does not exist trusts nothing.
func (f *FileState) Load(key, origin string) (*ledger.Checkpoint, error) {
	s, err := f.read()
	if err != nil {
		return nil, err
	}
	e, ok := s.Logs[key]
	if !ok {
		return nil, nil
	}
	cp, err := ledger.OpenCheckpoint([]byte(e.Checkpoint), key, origin)
	if err != nil {
		return nil, fmt.Errorf("state file %s: the checkpoint saved for this log does not verify (%v): the file was altered, or the origin differs", f.Path, err)
	}
	return &cp, nil
}

// Save records note as the checkpoint trusted for the log, keeping what the
// file holds for other logs, and replaces the file atomically.
func (f *FileState) Save(key, origin, source string, note []byte) error {
	s, err := f.read()
	if err != nil {
		return err
	}
	now := time.Now
	if f.Now != nil {
		now = f.Now
	}
	s.Logs[key] = stateEntry{Origin: origin, Checkpoint: string(note), Source: source, VerifiedAt: now().UTC().Format(time.RFC3339)}
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return err
	}
	dir := filepath.Dir(f.Path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, ".schakel-verify-*")
	if err != nil {
		return err
	}
	_, err = tmp.Write(append(b, '\n'))
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), f.Path)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}
