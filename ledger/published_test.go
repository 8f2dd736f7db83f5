package ledger

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/mod/sumdb/tlog"
)

// TestCheckExtends: a tree extends a published checkpoint when it is as
// large or larger and consistent with it; a smaller tree is a rollback, and
// a tree whose first entries differ is a fork, also at the same size.
func TestCheckExtends(t *testing.T) {
	s := testSigner(t)
	m, published := newTestLog(t, 20, s)
	root := func(m *memLog) tlog.Hash {
		r, err := tlog.TreeHash(int64(len(m.entries)), m.hashes)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	if err := CheckExtends(published, 20, root(m), m.hashes); err != nil {
		t.Fatalf("the same tree: %v", err)
	}
	grown := m.clone()
	for i := 20; i < 45; i++ {
		grown.append(t, testEntry(i))
	}
	if err := CheckExtends(published, 45, root(grown), grown.hashes); err != nil {
		t.Fatalf("a grown tree: %v", err)
	}
	if err := CheckExtends(Checkpoint{Size: 0, Root: root(&memLog{})}, 45, root(grown), grown.hashes); err != nil {
		t.Fatalf("from the empty tree: %v", err)
	}

	old, _ := newTestLog(t, 7, s) // a backup from when the log had 7 entries
	if err := CheckExtends(published, 7, root(old), old.hashes); !errors.Is(err, ErrRollback) {
		t.Fatalf("a rolled-back tree: %v, want ErrRollback", err)
	}
	// The rolled-back log grows again with other entries: a fork, both
	// at a larger size and at the published size itself.
	for i := 7; i < 30; i++ {
		old.append(t, testEntry(1000+i))
	}
	if err := CheckExtends(published, 30, root(old), old.hashes); !errors.Is(err, ErrFork) {
		t.Fatalf("a forked tree: %v, want ErrFork", err)
	}
	same, _ := newTestLog(t, 19, s)
	same.append(t, testEntry(999))
	if err := CheckExtends(published, 20, root(same), same.hashes); !errors.Is(err, ErrFork) {
		t.Fatalf("another root at the published size: %v, want ErrFork", err)
	}
}

// TestCheckpointFile: no file loads as nil; Save replaces the content
// whole and leaves no temporary file behind.
func TestCheckpointFile(t *testing.T) {
	dir := t.TempDir()
	f := CheckpointFile{Path: filepath.Join(dir, "schakel-log.checkpoint")}
	if b, err := f.Load(); err != nil || b != nil {
		t.Fatalf("no file: %q, %v", b, err)
	}
	for _, note := range []string{"eerste\n", "tweede, langer\n", "tweede, langer\n", "3\n"} {
		if err := f.Save([]byte(note)); err != nil {
			t.Fatal(err)
		}
		if b, err := f.Load(); err != nil || string(b) != note {
			t.Fatalf("after saving %q: %q, %v", note, b, err)
		}
	}
	names, _ := os.ReadDir(dir)
	if len(names) != 1 {
		t.Fatalf("the directory holds %d files, want only the checkpoint file", len(names))
	}
	if err := (CheckpointFile{Path: filepath.Join(dir, "bestaat-niet", "x")}).Save([]byte("x")); err == nil {
		t.Fatal("saved into a directory that does not exist")
	}
}
