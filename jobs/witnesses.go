package jobs

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	fnote "github.com/transparency-dev/formats/note"
	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/witness"
)

// CosignStore is what collecting cosignatures needs of the store.
type CosignStore interface {
	LatestCheckpoint(ctx context.Context) (size int64, note []byte, err error)
	LedgerHashReader(ctx context.Context) tlog.HashReader
	AddCosignature(ctx context.Context, size int64, witness string, line []byte) error
}

// DefaultWitnessTimeout bounds one round of asking the witnesses.
const DefaultWitnessTimeout = 10 * time.Second

// witnessRetry is how long a witness that failed is left alone.
const witnessRetry = time.Minute

// Witness is a witness the log asks to cosign its checkpoints
// (docs/decisions/0036-witnesses.md).
type Witness struct {
	// URL is the witness's submission prefix.
	URL string
	// VerifierKey is the witness's cosignature/v1 verifier key; its name
	// is the witness's name.
	VerifierKey string

	verifier note.Verifier
	client   *witness.Client

	mu     sync.Mutex
	size   int64     // the witness's latest size as far as known
	next   time.Time // not asked before this time after a failure
	status WitnessStatus
}

// WitnessStatus is what the log knows of a witness, for operators: no
// personal data, only sizes, times and the error.
type WitnessStatus struct {
	Name, URL string
	// Size is the size of the latest checkpoint the witness cosigned.
	Size int64
	// At is when it last answered; Err why it last failed ("" when it
	// answered last).
	At  time.Time
	Err string
}

// Cosigning asks witnesses to cosign the log's latest checkpoint and
// stores their cosignatures with it. A witness that fails or refuses is
// logged and shown in Status; it never stops signing or anything else.
type Cosigning struct {
	Store     CosignStore
	Witnesses []*Witness
	// HTTP is the client for the witnesses; its Timeout is not needed:
	// Timeout bounds each round.
	HTTP    *http.Client
	Timeout time.Duration
	Clock   schakel.Clock
	Log     *slog.Logger
}

// NewWitness returns the witness at url with the cosignature/v1 verifier
// key vkey.
func NewWitness(url, vkey string) (*Witness, error) {
	v, err := fnote.NewVerifierForCosignatureV1(vkey)
	if err != nil {
		return nil, fmt.Errorf("witness %s: verifier key %q: %w", url, vkey, err)
	}
	return &Witness{URL: url, VerifierKey: vkey, verifier: v, status: WitnessStatus{Name: v.Name(), URL: url}}, nil
}

// Status returns what is known of each witness.
func (c *Cosigning) Status() []WitnessStatus {
	out := make([]WitnessStatus, len(c.Witnesses))
	for i, w := range c.Witnesses {
		w.mu.Lock()
		out[i] = w.status
		w.mu.Unlock()
	}
	return out
}

// RunOnce asks every witness that has not cosigned the latest checkpoint
// (and is not waiting after a failure) to cosign it, all at once, each
// within Timeout, and stores the cosignatures that verify. It returns how
// many were added.
func (c *Cosigning) RunOnce(ctx context.Context) int {
	size, msg, err := c.Store.LatestCheckpoint(ctx)
	if err != nil || len(c.Witnesses) == 0 {
		return 0
	}
	now := c.now()
	timeout := c.Timeout
	if timeout <= 0 {
		timeout = DefaultWitnessTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	var wg sync.WaitGroup
	added := make([]bool, len(c.Witnesses))
	for i, w := range c.Witnesses {
		if _, err := note.Open(msg, note.VerifierList(w.verifier)); err == nil {
			continue // cosigned already
		}
		w.mu.Lock()
		wait := now.Before(w.next)
		w.mu.Unlock()
		if wait {
			continue
		}
		wg.Go(func() { added[i] = c.ask(ctx, w, size, msg) })
	}
	wg.Wait()
	n := 0
	for _, a := range added {
		if a {
			n++
		}
	}
	return n
}

func (c *Cosigning) now() time.Time {
	if c.Clock == nil {
		return schakel.SystemClock{}.Now()
	}
	return c.Clock.Now()
}

// ask asks one witness to cosign msg, the checkpoint of the given size,
// and stores its cosignature; on a 409 it asks once more from the size
// the witness holds.
func (c *Cosigning) ask(ctx context.Context, w *Witness, size int64, msg []byte) bool {
	w.mu.Lock()
	old := w.size
	w.mu.Unlock()
	line, err := c.request(ctx, w, old, size, msg)
	if conflict, ok := errors.AsType[*witness.ConflictError](err); ok {
		old = conflict.Size
		line, err = c.request(ctx, w, old, size, msg)
		if _, again := errors.AsType[*witness.ConflictError](err); !again {
			w.mu.Lock()
			w.size = old
			w.mu.Unlock()
		}
	}
	if err == nil {
		err = c.Store.AddCosignature(ctx, size, w.verifier.Name(), line)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	w.status.At = c.now()
	if err != nil {
		w.next = w.status.At.Add(witnessRetry)
		w.status.Err = err.Error()
		c.log().Warn("witness did not cosign the checkpoint", slog.String("witness", w.verifier.Name()),
			slog.Int64("size", size), slog.Any("err", err))
		return false
	}
	w.size, w.status.Size, w.status.Err = size, size, ""
	return true
}

// request sends one add-checkpoint from old to the checkpoint msg of the
// given size and returns the witness's cosignature line, verified.
func (c *Cosigning) request(ctx context.Context, w *Witness, old, size int64, msg []byte) ([]byte, error) {
	if old > size {
		return nil, fmt.Errorf("the witness holds size %d, larger than the checkpoint's %d: the log was rolled back or forked", old, size)
	}
	var proof tlog.TreeProof
	if old > 0 && old < size {
		p, err := tlog.ProveTree(size, old, c.Store.LedgerHashReader(ctx))
		if err != nil {
			return nil, fmt.Errorf("consistency proof from %d to %d: %w", old, size, err)
		}
		proof = p
	}
	if w.client == nil {
		w.client = &witness.Client{URL: w.URL, HTTP: c.HTTP}
	}
	// Other witnesses' cosignatures go along: a witness ignores
	// signatures by keys it does not know.
	sigs, err := w.client.AddCheckpoint(ctx, witness.Request{OldSize: old, Proof: proof, Checkpoint: msg})
	if err != nil {
		return nil, err
	}
	// Keep the one line by the witness's key that verifies.
	for line := range bytes.Lines(sigs) {
		if _, err := note.Open(append(append([]byte(nil), msg...), line...), note.VerifierList(w.verifier)); err == nil {
			return line, nil
		}
	}
	return nil, fmt.Errorf("the witness answered no valid cosignature by %s", w.VerifierKey)
}

func (c *Cosigning) log() *slog.Logger {
	if c.Log == nil {
		return slog.Default()
	}
	return c.Log
}

// Collectors returns gauges for /metrics, one pair per witness (labelled
// by its name, no personal data): schakel_ledger_witness_cosigned_size,
// the size of the latest checkpoint it cosigned, and
// schakel_ledger_witness_failing, 1 when it failed or refused last.
func (c *Cosigning) Collectors() []prometheus.Collector {
	var out []prometheus.Collector
	for _, w := range c.Witnesses {
		labels := prometheus.Labels{"witness": w.verifier.Name()}
		out = append(out,
			prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "schakel_ledger_witness_cosigned_size", ConstLabels: labels,
				Help: "Size of the latest checkpoint the witness cosigned."}, func() float64 {
				w.mu.Lock()
				defer w.mu.Unlock()
				return float64(w.status.Size)
			}),
			prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "schakel_ledger_witness_failing", ConstLabels: labels,
				Help: "1 when the witness failed or refused to cosign the last time it was asked."}, func() float64 {
				w.mu.Lock()
				defer w.mu.Unlock()
				if w.status.Err != "" {
					return 1
				}
				return 0
			}))
	}
	return out
}
