package verify

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"

	"golang.org/x/mod/sumdb/tlog"

	"github.com/schakel-nl/schakel/ledger"
)

// lookupWorkers is the number of events looked up at once.
const lookupWorkers = 8

// checkSamples looks up each sampled event by its id and checks what the
// source says against the scan and the verified checkpoint cp.
func (r *run) checkSamples(ctx context.Context, cp ledger.Checkpoint, samples []sample) (problems []string, looked int) {
	if len(samples) == 0 {
		return nil, 0
	}
	tiles := cachedFetcher(r.fetcher(ctx))
	var mu sync.Mutex
	type found struct {
		index int64
		msg   string
	}
	var bad []found
	report := func(s sample, format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		bad = append(bad, found{s.index, fmt.Sprintf("event %d of request %d (entry %d): ", s.id.seq, s.id.request, s.index) + fmt.Sprintf(format, args...)})
	}
	cons := &consistencyCache{done: map[[2]int64]error{}}
	if c, ok := r.src.(ConsistencySource); ok {
		cons.src = c
	}
	work := make(chan sample)
	var wg sync.WaitGroup
	for range lookupWorkers {
		wg.Go(func() {
			for s := range work {
				r.checkSample(ctx, cp, tiles, cons, s, report)
			}
		})
	}
	for _, s := range samples {
		work <- s
	}
	close(work)
	wg.Wait()
	slices.SortFunc(bad, func(a, b found) int { return int(a.index - b.index) })
	for _, b := range bad {
		problems = append(problems, b.msg)
	}
	return problems, len(samples)
}

// checkSample looks up one sampled event by its id and reports what is
// wrong with what the source says.
func (r *run) checkSample(ctx context.Context, cp ledger.Checkpoint, tiles ledger.Fetcher, cons *consistencyCache, s sample, report func(sample, string, ...any)) {
	if _, err := ledger.Decode(s.data); err != nil {
		report(s, "not a valid entry: %v", err)
		return
	}
	got, err := r.src.LookupEvent(ctx, s.id.request, s.id.seq)
	if err != nil {
		report(s, "in the tiles, but looking it up by its id fails: %v", err)
		return
	}
	if got.Index != s.index {
		report(s, "looking it up by its id gives index %d, but it is entry %d in the tiles", got.Index, s.index)
		return
	}
	if tlog.RecordHash(got.Entry) != s.leaf {
		report(s, "looking it up by its id gives other bytes than entry %d in the tiles", s.index)
		return
	}
	if got.Proved && got.Decoded != nil && !bytes.Equal(got.Decoded, got.Entry) {
		report(s, "the API's decoded gebeurtenis differs from its gebeurtenisBase64")
	}
	if err := ledger.CheckInclusion(got.Entry, s.index, cp, tiles); err != nil {
		report(s, "%s", strings.TrimPrefix(err.Error(), "ledger: "))
		return
	}
	if got.Proved {
		r.checkProof(ctx, cp, cons, s, got, report)
	}
}

// checkProof checks the source's own inclusion proof of the event s, got,
// against the source's checkpoint, and that checkpoint against cp.
func (r *run) checkProof(ctx context.Context, cp ledger.Checkpoint, cons *consistencyCache, s sample, got *Event, report func(sample, string, ...any)) {
	apiCP, err := ledger.OpenCheckpoint(got.Checkpoint, r.v.VerifierKey, r.origin)
	if err != nil {
		report(s, "the checkpoint the API proves inclusion against does not verify: %v", err)
		return
	}
	switch {
	case apiCP.Size == cp.Size && apiCP.Root != cp.Root:
		report(s, "the API proves inclusion against a checkpoint for size %d with root %s, but /log/checkpoint has root %s for that size (fork: two different logs signed for the same size)", cp.Size, apiCP.Root, cp.Root)
		return
	case apiCP.Size != cp.Size:
		if err := cons.check(ctx, cp, apiCP); err != nil {
			report(s, "%v", err)
			return
		}
	}
	if err := tlog.CheckRecord(got.Proof, apiCP.Size, apiCP.Root, s.index, s.leaf); err != nil {
		report(s, "the API's inclusion proof does not prove it is entry %d of the checkpoint for %s", s.index, apiCP)
	}
}

// consistencyCache checks each pair of checkpoints once.
type consistencyCache struct {
	src  ConsistencySource // nil when the source proves no consistency
	mu   sync.Mutex
	done map[[2]int64]error
}

// check checks, with the source's consistency proof, that the smaller of a
// and b is a prefix of the larger.
func (c *consistencyCache) check(ctx context.Context, a, b ledger.Checkpoint) error {
	small, large := a, b
	if small.Size > large.Size {
		small, large = large, small
	}
	key := [2]int64{small.Size, large.Size}
	c.mu.Lock()
	defer c.mu.Unlock()
	if err, ok := c.done[key]; ok {
		return err
	}
	var err error
	switch {
	case small.Size == 0:
		// Every log extends the empty one.
	case c.src == nil:
		err = fmt.Errorf("no consistency proof between the checkpoints for sizes %d and %d: the source proves no consistency", small.Size, large.Size)
	default:
		if proof, perr := c.src.Consistency(ctx, small.Size, large.Size); perr != nil {
			err = fmt.Errorf("no consistency proof between the checkpoints for sizes %d and %d: %v", small.Size, large.Size, perr)
		} else if tlog.CheckTree(proof, large.Size, large.Root, small.Size, small.Root) != nil {
			err = fmt.Errorf("the API's checkpoint for %s is not consistent with the checkpoint for %s (fork, or entries altered, removed or reordered)", b, a)
		}
	}
	c.done[key] = err
	return err
}

// cachedFetcher keeps the hash tiles it fetched: within one run they are
// immutable, and inclusion proofs of many entries share them.
func cachedFetcher(f ledger.Fetcher) ledger.Fetcher {
	var mu sync.Mutex
	cache := map[string][]byte{}
	return func(path string) ([]byte, error) {
		mu.Lock()
		d, ok := cache[path]
		mu.Unlock()
		if ok {
			return d, nil
		}
		d, err := f(path)
		if err == nil && !strings.HasPrefix(path, "tile/entries/") {
			mu.Lock()
			cache[path] = d
			mu.Unlock()
		}
		return d, err
	}
}
