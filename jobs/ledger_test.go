package jobs_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/comply"
	"github.com/schakel-nl/schakel/jobs"
	"github.com/schakel-nl/schakel/ledger"
	"github.com/schakel-nl/schakel/progress"
	"github.com/schakel-nl/schakel/store"
	"github.com/schakel-nl/schakel/store/storetest"
)

// writeEvents has one writer make n events on s: requests created,
// acknowledged and answered in turn.
func (w *world) writeEvents(ctx context.Context, s *store.Store, writer, n int) error {
	actor := schakel.Party{Kind: schakel.PartyUser, UserID: w.user.ID}
	for i := 0; n > 0; i++ {
		r, ev, err := w.engine.New(comply.NewRequest{
			Type: schakel.TypeProfessionalBrake, Subject: fmt.Sprintf("Noodrem %d.%d", writer, i),
			Grounds:   []schakel.Ground{{Principle: "evenredigheid", Text: "De terugvordering is onevenredig."}},
			Requester: actor,
		}, w.ladder, nil, w.clock.Now())
		if err != nil {
			return err
		}
		if err := s.CreateRequest(ctx, r, ev); err != nil {
			return err
		}
		n--
		if n > 0 {
			next, ev, err := w.engine.Acknowledge(r, actor, w.clock.Now())
			if err != nil {
				return err
			}
			if err := s.UpdateRequest(ctx, r.Version, next, ev); err != nil {
				return err
			}
			r = next
			n--
		}
		if n > 0 {
			next, ev, err := w.engine.Answer(r, actor, comply.AnswerInput{Kind: schakel.Explain,
				Motivations: map[string]string{"evenredigheid": fmt.Sprintf("Motivering %d.%d", writer, i)}}, w.clock.Now())
			if err != nil {
				return err
			}
			if err := s.UpdateRequest(ctx, r.Version, next, ev); err != nil {
				return err
			}
			n--
		}
	}
	return nil
}

func (w *world) logJob(s *store.Store, signer *ledger.Signer) *jobs.LedgerJob {
	return &jobs.LedgerJob{Store: s, Signer: signer, Clock: w.clock, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Batch: 250}
}

// TestLedgerExactlyOnce has 8 writers make 1,000 events each over two store
// handles on one database (two serve instances), while each handle runs the
// log job in a loop: the log holds every event exactly once at indexes
// 0…7,999, and a verifier given only what the store serves accepts it.
func TestLedgerExactlyOnce(t *testing.T) {
	for _, b := range storetest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			ctx := context.Background()
			w := newWorld(t, b.Name)
			writers, perWriter := 8, 1000
			if testing.Short() {
				perWriter = 100
			}
			total := int64(writers * perWriter)
			signer := storetest.TestSigner(t)
			published := &ledger.CheckpointFile{Path: filepath.Join(t.TempDir(), "schakel-log.checkpoint")}
			setup, err := w.a.SequenceLedger(ctx, 0) // nothing yet: the world has no events
			if err != nil || setup != 0 {
				t.Fatalf("SequenceLedger on a new world: %d, %v", setup, err)
			}

			var done atomic.Bool
			var appended [2]int
			var checkpoints [2]int
			jobErrs := make([]error, 2)
			var jobs sync.WaitGroup
			for i, s := range []*store.Store{w.a, w.b} {
				jobs.Add(1)
				go func() {
					defer jobs.Done()
					j := w.logJob(s, signer)
					// Both instances keep one checkpoint file, as when
					// they share the key's directory: one's newer
					// checkpoint must not make the other refuse.
					j.Published = published
					for {
						last := done.Load()
						n, cp, err := j.RunOnce(ctx)
						appended[i] += n
						if cp {
							checkpoints[i]++
						}
						if err != nil {
							jobErrs[i] = err
							return
						}
						if last {
							return
						}
						time.Sleep(10 * time.Millisecond)
					}
				}()
			}
			var writes sync.WaitGroup
			writeErrs := make([]error, writers)
			for i := range writers {
				writes.Add(1)
				go func() {
					defer writes.Done()
					s := w.a
					if i%2 == 1 {
						s = w.b
					}
					writeErrs[i] = w.writeEvents(ctx, s, i, perWriter)
				}()
			}
			writes.Wait()
			done.Store(true)
			jobs.Wait()
			for _, err := range append(writeErrs, jobErrs...) {
				if err != nil {
					t.Fatal(err)
				}
			}
			if got := int64(appended[0] + appended[1]); got != total {
				t.Fatalf("the jobs appended %d + %d = %d, want %d", appended[0], appended[1], got, total)
			}
			t.Logf("appended %d + %d, %d + %d checkpoints", appended[0], appended[1], checkpoints[0], checkpoints[1])

			// Indexes 0…total-1, once each, and every event exactly once.
			var events, entries, distinct, joined, minIdx, maxIdx int64
			db := w.a.DB()
			for _, q := range []struct {
				query string
				dest  []any
			}{
				{"SELECT COUNT(*) FROM request_events", []any{&events}},
				{"SELECT COUNT(*), COUNT(DISTINCT idx), MIN(idx), MAX(idx) FROM log_entries", []any{&entries, &distinct, &minIdx, &maxIdx}},
				{"SELECT COUNT(*) FROM request_events e JOIN log_entries l ON l.request_id = e.request_id AND l.seq = e.seq AND l.data = e.log_entry", []any{&joined}},
			} {
				if err := db.QueryRowContext(ctx, q.query).Scan(q.dest...); err != nil {
					t.Fatal(err)
				}
			}
			if events != total || entries != total || distinct != total || minIdx != 0 || maxIdx != total-1 || joined != total {
				t.Fatalf("%d events; log: %d entries, %d distinct indexes %d…%d, %d matching an event; want %d", events, entries, distinct, minIdx, maxIdx, joined, total)
			}
			size, err := w.a.LedgerSize(ctx)
			if err != nil || size != total {
				t.Fatalf("log size %d, %v", size, err)
			}

			// The latest checkpoint covers everything; a verifier that trusts
			// the first checkpoint made checks consistency, every tile and
			// entry, and sees each event once.
			cpSize, note, err := w.b.LatestCheckpoint(ctx)
			if err != nil || cpSize != total {
				t.Fatalf("latest checkpoint size %d, %v; want %d", cpSize, err, total)
			}
			cp, err := ledger.OpenCheckpoint(note, signer.VerifierKey(), storetest.TestOrigin)
			if err != nil {
				t.Fatal(err)
			}
			var firstSize int64
			if err := db.QueryRowContext(ctx, "SELECT MIN(size) FROM log_checkpoints WHERE size > 0").Scan(&firstSize); err != nil {
				t.Fatal(err)
			}
			firstNote, err := w.a.CheckpointAt(ctx, firstSize)
			if err != nil {
				t.Fatal(err)
			}
			trusted, err := ledger.OpenCheckpoint(firstNote, signer.VerifierKey(), storetest.TestOrigin)
			if err != nil {
				t.Fatal(err)
			}
			type eventID struct {
				request int64
				seq     int
			}
			seen := map[eventID]int64{}
			v := &ledger.Verifier{Fetch: storetest.LedgerFetcher(ctx, w.b), VerifierKey: signer.VerifierKey(), Origin: storetest.TestOrigin,
				Trusted: &trusted,
				Entry: func(i int64, data []byte) error {
					e, err := ledger.Decode(data)
					if err != nil {
						return err
					}
					id := eventID{e.RequestID, e.Seq}
					if prev, dup := seen[id]; dup {
						return fmt.Errorf("event %d of request %d at %d and %d", e.Seq, e.RequestID, prev, i)
					}
					seen[id] = i
					return nil
				}}
			rep, err := v.Verify(ctx)
			if err != nil {
				t.Fatalf("%v\n%s", err, rep)
			}
			if rep.Checkpoint != cp || rep.Entries != total || int64(len(seen)) != total {
				t.Fatalf("verified %s, %d entries, %d events; want %d", rep.Checkpoint, rep.Entries, len(seen), total)
			}
			// Each event's stored index is where the verifier found it.
			rows, err := db.QueryContext(ctx, "SELECT request_id, seq FROM request_events")
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			for rows.Next() {
				var id eventID
				if err := rows.Scan(&id.request, &id.seq); err != nil {
					t.Fatal(err)
				}
				at, ok := seen[id]
				if !ok {
					t.Fatalf("event %d of request %d is not in the verified log", id.seq, id.request)
				}
				if id.request%97 == 0 { // a sample: LedgerIndex is one query each
					idx, err := w.a.LedgerIndex(ctx, id.request, id.seq)
					if err != nil || idx != at {
						t.Fatalf("LedgerIndex(%d, %d) = %d, %v; the verifier found it at %d", id.request, id.seq, idx, err, at)
					}
				}
			}
			if err := rows.Err(); err != nil {
				t.Fatal(err)
			}

			// Nothing more to do: no entries, no new checkpoint.
			n, made, err := w.logJob(w.a, signer).RunOnce(ctx)
			if err != nil || n != 0 || made {
				t.Fatalf("idle round: appended %d, checkpoint %v, %v", n, made, err)
			}
		})
	}
}

// TestLedgerJobCheckpoints: a new log gets a checkpoint of size 0, so it is
// verifiable from the start; afterwards a checkpoint is made only when the
// log has grown.
func TestLedgerJobCheckpoints(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t, "sqlite")
	signer := storetest.TestSigner(t)
	j := w.logJob(w.a, signer)
	j.Batch = 2
	n, made, err := j.RunOnce(ctx)
	if err != nil || n != 0 || !made {
		t.Fatalf("first round: %d, %v, %v", n, made, err)
	}
	if _, err := w.a.CheckpointAt(ctx, 0); err != nil {
		t.Fatal(err)
	}
	if n, made, err := j.RunOnce(ctx); err != nil || n != 0 || made {
		t.Fatalf("idle round: %d, %v, %v", n, made, err)
	}
	w.create(t, 5)
	// Batches of 2: the round goes on until a batch comes back short.
	if n, made, err := j.RunOnce(ctx); err != nil || n != 5 || !made {
		t.Fatalf("round after 5 events: %d, %v, %v", n, made, err)
	}
	size, note, err := w.a.LatestCheckpoint(ctx)
	if err != nil || size != 5 {
		t.Fatalf("latest checkpoint %d, %v", size, err)
	}
	if _, err := ledger.OpenCheckpoint(note, signer.VerifierKey(), storetest.TestOrigin); err != nil {
		t.Fatal(err)
	}

	// A round that catches up on more than one batch is on the board
	// while it runs, with the entries appended so far; a short round
	// never is.
	board := progress.NewBoard(w.clock)
	watch := &boardWatch{LedgerStore: w.a, board: board}
	j.Store, j.Board = watch, board
	w.create(t, 5)
	if n, _, err := j.RunOnce(ctx); err != nil || n != 5 {
		t.Fatalf("round after 5 more events: %d, %v", n, err)
	}
	// Batches of 2: 2, 2, 1. Before the first batch nothing is on the
	// board; before the second and third, the job with 2 and 4 done.
	if want := []string{"", "ledger 2", "ledger 4"}; !slices.Equal(watch.seen, want) {
		t.Fatalf("the board showed %q, want %q", watch.seen, want)
	}
	if got := board.Running(); len(got) != 0 {
		t.Fatalf("after the round the board shows %+v", got)
	}
	j.Store, j.Board = w.a, nil

	// Run signs what arrives and stops with its context.
	w.create(t, 3)
	rctx, cancel := context.WithCancel(ctx)
	stopped := make(chan struct{})
	go func() { j.Run(rctx, 10*time.Millisecond); close(stopped) }()
	deadline := time.Now().Add(10 * time.Second)
	for {
		if size, _, err := w.a.LatestCheckpoint(ctx); err == nil && size == 13 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("Run made no checkpoint for the new events")
		}
		time.Sleep(5 * time.Millisecond)
	}
	cancel()
	<-stopped
}

// boardWatch notes what the board shows each time the job asks for a
// batch of events.
type boardWatch struct {
	jobs.LedgerStore
	board *progress.Board
	seen  []string
}

func (b *boardWatch) SequenceLedger(ctx context.Context, limit int) (int, error) {
	s := ""
	for _, r := range b.board.Running() {
		s += fmt.Sprintf("%s %d", r.Name, r.Done)
	}
	b.seen = append(b.seen, s)
	return b.LedgerStore.SequenceLedger(ctx, limit)
}
