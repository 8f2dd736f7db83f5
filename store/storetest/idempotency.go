package storetest

import (
	"bytes"
	"sync"
	"time"

	"github.com/schakel-nl/schakel"
)

func init() {
	tests["ReserveIdempotencyKey"] = testIdempotencyKeys
	tests["CompleteIdempotencyKey"] = testIdempotencyKeys
	tests["ReleaseIdempotencyKey"] = testIdempotencyKeys
	tests["DeleteIdempotencyKeys"] = testIdempotencyKeys
}

// testIdempotencyKeys: a key is reserved once per caller (also when many
// try at once), its answer kept and returned, a released reservation can be
// taken again, the same key of another caller is another key, and old keys
// are deleted.
func testIdempotencyKeys(e *env) {
	ans := func(caller, key string) *schakel.IdempotentAnswer {
		return &schakel.IdempotentAnswer{Caller: caller, Key: key, Route: "POST /api/v1/organisaties", BodyHash: "ab12"}
	}
	got, err := e.s.ReserveIdempotencyKey(e.ctx, ans("gebruiker:1", "k1"))
	must(e.t, err)
	if got != nil {
		e.t.Fatalf("first reservation returned %+v, want nil", got)
	}
	got, err = e.s.ReserveIdempotencyKey(e.ctx, ans("gebruiker:1", "k1"))
	must(e.t, err)
	if got == nil || got.Done() || got.Route != "POST /api/v1/organisaties" || got.BodyHash != "ab12" || !got.CreatedAt.Equal(Start) {
		e.t.Fatalf("second reservation: %+v, want the open reservation", got)
	}
	// Another caller's k1 is another key.
	if got, err := e.s.ReserveIdempotencyKey(e.ctx, ans("gebruiker:2", "k1")); err != nil || got != nil {
		e.t.Fatalf("another caller's key: %+v %v", got, err)
	}

	done := ans("gebruiker:1", "k1")
	done.Status, done.Headers, done.Body = 201, map[string]string{"Location": "/api/v1/organisaties/x"}, []byte(`{"code":"x"}`)
	must(e.t, e.s.CompleteIdempotencyKey(e.ctx, done))
	got, err = e.s.ReserveIdempotencyKey(e.ctx, ans("gebruiker:1", "k1"))
	must(e.t, err)
	if got == nil || got.Status != 201 || got.Headers["Location"] != "/api/v1/organisaties/x" || !bytes.Equal(got.Body, done.Body) {
		e.t.Fatalf("after completion: %+v", got)
	}
	// A completed answer is not completed again.
	if err := e.s.CompleteIdempotencyKey(e.ctx, done); schakel.ErrorCode(err) != schakel.ENOTFOUND {
		e.t.Fatalf("complete twice: %v", err)
	}
	// Release frees a reservation only, never a kept answer.
	must(e.t, e.s.ReleaseIdempotencyKey(e.ctx, "gebruiker:1", "k1"))
	if got, _ := e.s.ReserveIdempotencyKey(e.ctx, ans("gebruiker:1", "k1")); got == nil || got.Status != 201 {
		e.t.Fatalf("release removed a kept answer: %+v", got)
	}
	must(e.t, e.s.ReleaseIdempotencyKey(e.ctx, "gebruiker:2", "k1"))
	if got, err := e.s.ReserveIdempotencyKey(e.ctx, ans("gebruiker:2", "k1")); err != nil || got != nil {
		e.t.Fatalf("after release: %+v %v", got, err)
	}

	// Many at once: exactly one reserves.
	var wg sync.WaitGroup
	var mu sync.Mutex
	won := 0
	for range 8 {
		wg.Go(func() {
			got, err := e.s.ReserveIdempotencyKey(e.ctx, ans("gebruiker:3", "race"))
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				e.t.Errorf("concurrent reservation: %v", err)
			}
			if got == nil {
				won++
			}
		})
	}
	wg.Wait()
	if won != 1 {
		e.t.Fatalf("%d concurrent reservations won, want 1", won)
	}

	e.clock.Advance(schakel.IdempotencyTTL)
	must1 := func(n int64, err error) int64 { must(e.t, err); return n }
	if n := must1(e.s.DeleteIdempotencyKeys(e.ctx, e.clock.Now().Add(-schakel.IdempotencyTTL))); n != 0 {
		e.t.Fatalf("deleted %d keys exactly a TTL old, want 0", n)
	}
	e.s.ReserveIdempotencyKey(e.ctx, ans("gebruiker:4", "young"))
	e.clock.Advance(time.Second)
	if n := must1(e.s.DeleteIdempotencyKeys(e.ctx, e.clock.Now().Add(-schakel.IdempotencyTTL))); n != 3 {
		e.t.Fatalf("deleted %d old keys, want 3", n)
	}
	if got, _ := e.s.ReserveIdempotencyKey(e.ctx, ans("gebruiker:4", "young")); got == nil {
		e.t.Fatal("a young key was deleted")
	}
}
