package receipt

import (
	"context"
	"errors"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
)

func TestHasher(t *testing.T) {
	h := NewHasher(small, 2)
	ctx := context.Background()
	c := mustParse(t, "K7QM-2XHD-9RTB-W4NP-CJ6E-8FGA")
	encoded, err := h.Hash(ctx, c)
	if err != nil {
		t.Fatalf("Hash: %v", err)
	}
	if ok, err := h.Verify(ctx, c, encoded); !ok || err != nil {
		t.Errorf("Verify(right code) = %v, %v", ok, err)
	}
	if ok, err := h.Verify(ctx, mustParse(t, "K7QM-2XHD-9RTB-W4NP-CJ6E-8FGB"), encoded); ok || err != nil {
		t.Errorf("Verify(wrong code) = %v, %v", ok, err)
	}
	if ok, err := Verify(c, encoded); !ok || err != nil {
		t.Errorf("the function Verify refuses the Hasher's hash: %v, %v", ok, err)
	}
	if _, err := h.Verify(ctx, c, "$argon2id$"); !errors.Is(err, ErrMalformedHash) {
		t.Errorf("Verify(malformed) error %v, want ErrMalformedHash", err)
	}
	if err := h.VerifyNothing(ctx); err != nil {
		t.Errorf("VerifyNothing: %v", err)
	}
	if h.NeedsRehash(encoded) {
		t.Error("NeedsRehash of a hash with the Hasher's params")
	}
	if !NewHasher(DefaultParams, 1).NeedsRehash(encoded) {
		t.Error("NeedsRehash of a hash with other params is false")
	}
	if h.Params() != small || h.Concurrent() != 2 {
		t.Errorf("Params %+v, Concurrent %d", h.Params(), h.Concurrent())
	}
}

func TestNewHasherDefaultConcurrency(t *testing.T) {
	if got, want := NewHasher(small, 0).Concurrent(), runtime.GOMAXPROCS(0); got != want {
		t.Errorf("Concurrent() = %d, want GOMAXPROCS %d", got, want)
	}
}

func TestNewHasherPanicsOnInvalidParams(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("NewHasher(Params{}) did not panic")
		}
	}()
	NewHasher(Params{}, 1)
}

// blockingKey replaces argon2 in a Hasher: each call reports on entered,
// then waits for release. It records the most calls running at once.
type blockingKey struct {
	entered  chan struct{}
	release  chan struct{}
	inFlight atomic.Int32
	max      atomic.Int32
}

func newBlockingKey() *blockingKey {
	return &blockingKey{entered: make(chan struct{}), release: make(chan struct{})}
}

func (k *blockingKey) key(_, _ []byte, _, _ uint32, _ uint8, keyLen uint32) []byte {
	n := k.inFlight.Add(1)
	for {
		m := k.max.Load()
		if n <= m || k.max.CompareAndSwap(m, n) {
			break
		}
	}
	k.entered <- struct{}{}
	<-k.release
	k.inFlight.Add(-1)
	return make([]byte, keyLen)
}

func TestHasherBoundsConcurrency(t *testing.T) {
	const bound, callers = 3, 12
	k := newBlockingKey()
	h := NewHasher(small, bound)
	h.key = k.key
	c := mustParse(t, "K7QM-2XHD-9RTB-W4NP-CJ6E-8FGA")
	encoded := mustHash(t, c, small)

	var wg sync.WaitGroup
	for i := range callers {
		wg.Go(func() {
			var err error
			switch i % 3 {
			case 0:
				_, err = h.Hash(context.Background(), c)
			case 1:
				_, err = h.Verify(context.Background(), c, encoded)
			case 2:
				err = h.VerifyNothing(context.Background())
			}
			if err != nil {
				t.Errorf("caller %d: %v", i, err)
			}
		})
	}
	// Let the first bound in; from then on, each release lets one waiting
	// caller in. A caller past the bound would raise max above it.
	for range bound {
		<-k.entered
	}
	for range callers - bound {
		k.release <- struct{}{}
		<-k.entered
	}
	for range bound {
		k.release <- struct{}{}
	}
	wg.Wait()
	if got := k.max.Load(); got != bound {
		t.Errorf("at most %d computations ran at once, want exactly %d", got, bound)
	}
}

func TestHasherWaitRespectsContext(t *testing.T) {
	k := newBlockingKey()
	h := NewHasher(small, 1)
	h.key = k.key
	c := mustParse(t, "K7QM-2XHD-9RTB-W4NP-CJ6E-8FGA")

	// Fill the only slot.
	done := make(chan error)
	go func() {
		_, err := h.Hash(context.Background(), c)
		done <- err
	}()
	<-k.entered

	t.Run("already cancelled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if _, err := h.Hash(ctx, c); !errors.Is(err, context.Canceled) {
			t.Errorf("Hash error %v, want context.Canceled", err)
		}
		if _, err := h.Verify(ctx, c, "x"); !errors.Is(err, context.Canceled) {
			t.Errorf("Verify error %v, want context.Canceled", err)
		}
		if err := h.VerifyNothing(ctx); !errors.Is(err, context.Canceled) {
			t.Errorf("VerifyNothing error %v, want context.Canceled", err)
		}
	})
	t.Run("cancelled while waiting", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		waited := make(chan error)
		go func() {
			_, err := h.Verify(ctx, c, "x")
			waited <- err
		}()
		cancel()
		if err := <-waited; !errors.Is(err, context.Canceled) {
			t.Errorf("Verify error %v, want context.Canceled", err)
		}
	})

	k.release <- struct{}{}
	if err := <-done; err != nil {
		t.Fatalf("Hash in the slot: %v", err)
	}
	// The slot is free again: the cancelled callers took none, or this
	// caller would never enter.
	go func() { done <- h.VerifyNothing(context.Background()) }()
	<-k.entered
	k.release <- struct{}{}
	if err := <-done; err != nil {
		t.Errorf("VerifyNothing after the slot was freed: %v", err)
	}
}
