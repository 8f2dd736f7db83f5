package jobs_test

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/schakel-nl/schakel/jobs"
	"github.com/schakel-nl/schakel/store/storetest"
)

// BenchmarkSequenceLog measures the sequencer's append throughput with
// durability: 50,000 events committed beforehand (as requests made through a
// faster handle, synchronous=NORMAL / synchronous_commit=off, which also
// queues them in the log outbox; not timed) are appended to the log by one
// LedgerJob.RunOnce on a durable handle (SQLite synchronous=FULL, PostgreSQL
// synchronous_commit=on), in batches of the job's default size, followed by
// one signed checkpoint. Run with -benchtime=1x: each run appends a fresh
// world.
func BenchmarkSequenceLedger(b *testing.B) {
	const events = 50_000
	for _, backend := range []string{"sqlite", "postgres"} {
		b.Run(backend, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				durable, _ := sweepWorld(b, backend, events, 0)
				job := &jobs.LedgerJob{Store: durable, Signer: storetest.TestSigner(b), Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
				ctx := context.Background()
				b.StartTimer()
				start := time.Now()
				n, cp, err := job.RunOnce(ctx)
				elapsed := time.Since(start)
				b.StopTimer()
				if err != nil {
					b.Fatal(err)
				}
				if n != events || !cp {
					b.Fatalf("appended %d (want %d), checkpoint %v", n, events, cp)
				}
				if size, _, err := durable.LatestCheckpoint(ctx); err != nil || size != events {
					b.Fatalf("checkpoint of size %d: %v", size, err)
				}
				b.ReportMetric(elapsed.Seconds(), "s/run")
				b.ReportMetric(float64(events)/elapsed.Seconds(), "events/s")
			}
		})
	}
}
