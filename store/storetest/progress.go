package storetest

import (
	"os"
	"path/filepath"
	"sync"

	"github.com/schakel-nl/schakel/store"
)

// testMigrateReports: with a report, a new database hears each migration
// done, one by one, of all of them, up to target; an up-to-date one hears
// that there are none.
func testMigrateReports(e *env, target int64) {
	var fresh *store.Store
	var err error
	if e.s.Dialect() == "sqlite" {
		fresh, err = store.Open(e.ctx, filepath.Join(e.t.TempDir(), "fresh.db"), store.Options{})
	} else {
		fresh, err = store.Open(e.ctx, PostgresURL(e.t), store.Options{})
	}
	must(e.t, err)
	defer fresh.Close()
	var heard [][2]int64
	v, err := fresh.Migrate(e.ctx, func(done, total int64) { heard = append(heard, [2]int64{done, total}) })
	must(e.t, err)
	n := int64(len(heard) - 1)
	if v != target || n < 1 || heard[n] != [2]int64{n, n} {
		e.t.Fatalf("Migrate with a report = %d (target %d), heard %v", v, target, heard)
	}
	for i, h := range heard {
		if h != [2]int64{int64(i), n} {
			e.t.Fatalf("report %d was %v of %v", i, h, heard)
		}
	}
	heard = nil
	_, err = fresh.Migrate(e.ctx, func(done, total int64) { heard = append(heard, [2]int64{done, total}) })
	must(e.t, err)
	if len(heard) != 1 || heard[0] != [2]int64{0, 0} {
		e.t.Fatalf("up to date, heard %v", heard)
	}
}

// testBackupReports backs up to path with a report and returns Backup's
// error. When the backup was made, the report heard at least the start and
// the end, the end being the copy's size as done and total, and never more
// done than total.
func testBackupReports(e *env, path string) error {
	var heard [][2]int64
	var mu sync.Mutex
	err := e.s.Backup(e.ctx, path, func(done, total int64) {
		mu.Lock()
		heard = append(heard, [2]int64{done, total})
		mu.Unlock()
	})
	if err != nil {
		return err
	}
	fi, err := os.Stat(path)
	must(e.t, err)
	mu.Lock()
	defer mu.Unlock()
	if len(heard) < 2 || heard[len(heard)-1] != [2]int64{fi.Size(), fi.Size()} || fi.Size() == 0 {
		e.t.Fatalf("backup of %d bytes reported %v", fi.Size(), heard)
	}
	for _, h := range heard {
		if h[0] > h[1] {
			e.t.Fatalf("backup reported more done than total: %v", heard)
		}
	}
	return nil
}
