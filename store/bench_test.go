package store_test

import (
	"context"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/schakel-nl/schakel/store"
	"github.com/schakel-nl/schakel/store/storetest"
)

// BenchmarkRawInsert measures the physical reference every later throughput
// figure is compared with (docs/BENCHMARKS.md): single-row INSERT
// transactions, each committed durably, through the store's writer pool.
func BenchmarkRawInsert(b *testing.B) {
	ctx := context.Background()
	open := func(b *testing.B, dsn string, sync string) *store.Store {
		s, err := store.Open(ctx, dsn, store.Options{SQLiteSynchronous: sync})
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { s.Close() })
		return s
	}
	cases := []struct {
		name string
		open func(b *testing.B) *store.Store
	}{
		{"sqlite-wal-full", func(b *testing.B) *store.Store {
			return open(b, filepath.Join(b.TempDir(), "bench.db"), "FULL")
		}},
		{"sqlite-wal-normal", func(b *testing.B) *store.Store {
			return open(b, filepath.Join(b.TempDir(), "bench.db"), "NORMAL")
		}},
		{"postgres", func(b *testing.B) *store.Store {
			return open(b, storetest.PostgresURL(b), "")
		}},
	}
	for _, c := range cases {
		for _, par := range []int{1, 8, 64} {
			b.Run(c.name+"/clients="+strconv.Itoa(par), func(b *testing.B) {
				s := c.open(b)
				db := s.DB()
				if _, err := db.ExecContext(ctx, "CREATE TABLE bench_raw (id BIGINT PRIMARY KEY, payload TEXT NOT NULL)"); err != nil {
					b.Fatal(err)
				}
				insert := "INSERT INTO bench_raw (id, payload) VALUES (?, ?)"
				if s.Dialect() == "postgres" {
					insert = "INSERT INTO bench_raw (id, payload) VALUES ($1, $2)"
				}
				var next atomic.Int64
				lat := make([]time.Duration, 0, b.N)
				var latMu sync.Mutex
				b.ResetTimer()
				var wg sync.WaitGroup
				var todo atomic.Int64
				todo.Store(int64(b.N))
				for c := 0; c < par; c++ {
					wg.Add(1)
					go func() {
						defer wg.Done()
						for todo.Add(-1) >= 0 {
							start := time.Now()
							tx, err := db.BeginTx(ctx, nil)
							if err != nil {
								b.Error(err)
								return
							}
							if _, err := tx.ExecContext(ctx, insert, next.Add(1), "een rij van ongeveer honderd tekens, zoals een kort gebeurtenisrecord in schakel"); err != nil {
								tx.Rollback()
								b.Error(err)
								return
							}
							if err := tx.Commit(); err != nil {
								b.Error(err)
								return
							}
							d := time.Since(start)
							latMu.Lock()
							lat = append(lat, d)
							latMu.Unlock()
						}
					}()
				}
				wg.Wait()
				b.StopTimer()
				slices.Sort(lat)
				b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "inserts/s")
				b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
				b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
			})
		}
	}
}
