package witness

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"

	"github.com/schakel-nl/schakel/ledger"
)

// FileState keeps the latest checkpoint cosigned per log in a directory,
// one file per log named by the SHA-256 of its origin in hex (origins hold
// slashes and need not be valid file names). Each file is replaced
// atomically and durably (ledger.CheckpointFile: a new file synced and
// renamed over the old one, the directory synced), so after a crash it
// holds the old or the new checkpoint, never a part. One witness process
// owns a directory: the Witness's lock makes check and save one step
// within the process.
type FileState struct {
	Dir string
}

// OriginHash returns the lowercase hex SHA-256 of origin, as the
// tlog-witness monitoring path and the state file name use it.
func OriginHash(origin string) string {
	h := sha256.Sum256([]byte(origin))
	return hex.EncodeToString(h[:])
}

func (s FileState) file(origin string) ledger.CheckpointFile {
	return ledger.CheckpointFile{Path: filepath.Join(s.Dir, OriginHash(origin)+".checkpoint")}
}

// Load returns the saved checkpoint of origin, or nil when there is none.
func (s FileState) Load(origin string) ([]byte, error) { return s.file(origin).Load() }

// Save replaces the checkpoint of origin atomically, creating the
// directory (mode 0700) if needed.
func (s FileState) Save(origin string, note []byte) error {
	if err := os.MkdirAll(s.Dir, 0o700); err != nil {
		return fmt.Errorf("witness: state directory: %w", err)
	}
	return s.file(origin).Save(note)
}
