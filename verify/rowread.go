package verify

import (
	"context"
	"fmt"
	"runtime"
	"sync"

	"golang.org/x/mod/sumdb/tlog"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/ledger"
)

// rowsPage is the number of requests read at a time.
const rowsPage = 500

// maxRowWorkers caps the goroutines that read and recompute pages of event
// rows; more than the cores only queue on the database.
const maxRowWorkers = 4

// rowHash is an event row as it was read and recomputed: its id and the
// leaf hash of its projection.
type rowHash struct {
	id   eventID
	leaf tlog.Hash
}

// erasedRow is an event row of a request whose texts were erased, within
// the erasure: its projection's encoding with the text hashes masked
// (ledger.Entry.WithoutTextHashes), for the comparison its leaf cannot
// have.
type erasedRow struct {
	i       int // the row's index in rowPage.rows
	masked  []byte
	erasure *schakel.Erasure
}

// rowPage is a page of requests with their event rows, read and
// recomputed. It keeps what comparing with the log needs, a hash a row,
// not the rows.
type rowPage struct {
	// ids are the requests, in id order.
	ids []int64
	// rows are their events, in request and event order.
	rows []rowHash
	// erased are the rows within an erasure, in the order of rows.
	erased []erasedRow
	// erasures are the erased requests among ids, in id order.
	erasures []*schakel.Erasure
	// problem, if set, stops the comparison: the page could not be read.
	problem string
}

// rowReader reads the event rows a page at a time and recomputes their
// entries, in the background and on several goroutines: it needs nothing
// of the log, so it runs while the tree is checked. Pages come out of
// pages in request order, each as a channel that delivers it when done.
type rowReader struct {
	st       EventRows
	progress *progress
	pages    chan chan *rowPage
}

// startRowReader starts reading the event rows of st; it stops when ctx is
// done or the rows are read, and closes the channel of pages.
func startRowReader(ctx context.Context, st EventRows, prog *progress, wg *sync.WaitGroup) *rowReader {
	workers := min(max(runtime.GOMAXPROCS(0), 1), maxRowWorkers)
	rr := &rowReader{st: st, progress: prog, pages: make(chan chan *rowPage, 2*workers)}
	jobs := make(chan rowJob)
	wg.Add(1 + workers)
	for range workers {
		go func() {
			defer wg.Done()
			rr.work(ctx, jobs)
		}()
	}
	go func() {
		defer wg.Done()
		defer close(jobs)
		defer close(rr.pages)
		rr.read(ctx, jobs)
	}()
	return rr
}

// rowJob is a page of requests for a worker to complete.
type rowJob struct {
	rs   []*schakel.Request
	done chan *rowPage
}

// read reads the requests in id order, a page at a time, and hands each
// page to the workers; the events of a page are read by its worker, in one
// query. Reading is linear in the size of the database.
func (rr *rowReader) read(ctx context.Context, jobs chan<- rowJob) {
	for after := int64(0); ; {
		rs, _, err := rr.st.Requests(ctx, schakel.RequestFilter{ByID: true, AfterID: after, Limit: rowsPage})
		if err == nil && len(rs) == 0 {
			return
		}
		done := make(chan *rowPage, 1) // never blocks its worker
		select {
		case rr.pages <- done:
		case <-ctx.Done():
			return
		}
		if err != nil {
			done <- &rowPage{problem: fmt.Sprintf("reading the requests: %v", err)}
			return
		}
		after = rs[len(rs)-1].ID
		select {
		case jobs <- rowJob{rs, done}:
		case <-ctx.Done():
			done <- &rowPage{problem: ctx.Err().Error()}
			return
		}
	}
}

// work completes the pages it is given until there are no more.
func (rr *rowReader) work(ctx context.Context, jobs <-chan rowJob) {
	buf := make([]byte, 0, 1024)
	for j := range jobs {
		var p *rowPage
		p, buf = rr.recompute(ctx, j.rs, buf)
		j.done <- p
		rr.progress.addRows(int64(len(p.rows)))
	}
}

// recompute reads the erasures and events of a page of requests and
// recomputes the entry of every event: its public projection, encoded
// into buf, which it returns for the next page.
func (rr *rowReader) recompute(ctx context.Context, rs []*schakel.Request, buf []byte) (*rowPage, []byte) {
	p := &rowPage{ids: make([]int64, len(rs))}
	for i, r := range rs {
		p.ids[i] = r.ID
	}
	erasures, err := rr.st.Erasures(ctx, p.ids)
	if err != nil {
		return &rowPage{problem: fmt.Sprintf("reading the erasures: %v", err)}, buf
	}
	events, err := rr.st.EventsOf(ctx, p.ids)
	if err != nil {
		return &rowPage{problem: fmt.Sprintf("reading the events: %v", err)}, buf
	}
	n := 0
	for _, evs := range events {
		n += len(evs)
	}
	p.rows = make([]rowHash, 0, n)
	for _, r := range rs {
		erasure := erasures[r.ID]
		if erasure != nil {
			p.erasures = append(p.erasures, erasure)
		}
		for _, ev := range events[r.ID] {
			e := ledger.Project(r, ev)
			e.RequestID = r.ID
			buf = e.AppendEncode(buf[:0])
			if erasure != nil && ev.Seq <= erasure.ThroughSeq {
				p.erased = append(p.erased, erasedRow{i: len(p.rows), masked: e.WithoutTextHashes().Encode(), erasure: erasure})
			}
			p.rows = append(p.rows, rowHash{eventID{r.ID, ev.Seq}, tlog.RecordHash(buf)})
		}
	}
	return p, buf
}

// encodeAgain reads the page's requests and events once more and returns
// the encoded projection of every event, by id. Only a page with a row
// that differs from its entry is read again, to name the fields that
// differ; the rows may have changed since, which at worst leaves the
// fields unnamed.
func encodeAgain(ctx context.Context, st EventRows, ids []int64) map[eventID][]byte {
	out := map[eventID][]byte{}
	if len(ids) == 0 {
		return out
	}
	rs, _, err := st.Requests(ctx, schakel.RequestFilter{ByID: true, AfterID: ids[0] - 1, Limit: len(ids)})
	if err != nil {
		return out
	}
	events, err := st.EventsOf(ctx, ids)
	if err != nil {
		return out
	}
	for _, r := range rs {
		for _, ev := range events[r.ID] {
			e := ledger.Project(r, ev)
			e.RequestID = r.ID
			out[eventID{r.ID, ev.Seq}] = e.Encode()
		}
	}
	return out
}
