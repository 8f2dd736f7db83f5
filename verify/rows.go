package verify

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"golang.org/x/mod/sumdb/tlog"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/ledger"
)

// rowCheck compares the event rows with the log, page by page as a
// rowReader delivers them. It runs on its own goroutine beside the tree
// check: pages read before the log's entries are known (ready) wait, a
// hash a row, and are compared once they are.
type rowCheck struct {
	st       EventRows
	cp       ledger.Checkpoint
	byEvent  map[eventID]seen
	matched  int
	res      RowsResult
	problems []string
	// stop is a problem that stopped the comparison: a page that could not
	// be read.
	stop string
}

// backgroundRows is the reading and comparison of the event rows, started
// before the tree check and finished after it.
type backgroundRows struct {
	c      *rowCheck
	cancel context.CancelFunc
	wg     sync.WaitGroup
	ready  chan struct{} // closed when c.cp and c.byEvent are set
	done   chan struct{} // closed when the comparison is over
}

// startRows starts reading the event rows of st and recomputing their
// entries in the background (rowReader); [backgroundRows.compare] hands it
// the log's entries, and [backgroundRows.stop] ends it.
func startRows(ctx context.Context, st EventRows, prog *progress) *backgroundRows {
	ctx, cancel := context.WithCancel(ctx)
	b := &backgroundRows{c: &rowCheck{st: st}, cancel: cancel, ready: make(chan struct{}), done: make(chan struct{})}
	rr := startRowReader(ctx, st, prog, &b.wg)
	go func() {
		defer close(b.done)
		b.c.collect(ctx, cancel, rr.pages, b.ready)
	}()
	return b
}

// compare hands the comparison the verified checkpoint and the log's
// entries by event, waits for it to end, and returns what it found: every
// event row of the database compared with the log. An event row's public
// projection, recomputed from the stored request and event, must be the
// entry the log holds for it. The texts of an erased request
// (schakel.ErasureStore) were replaced after they were logged, so for its
// erased events the two entries are compared on every field but the text
// hashes (ledger.Entry.WithoutTextHashes). It is called once.
func (b *backgroundRows) compare(cp ledger.Checkpoint, byEvent map[eventID]seen) (RowsResult, []string) {
	b.c.cp, b.c.byEvent = cp, byEvent
	close(b.ready)
	<-b.done
	b.stop()
	if b.c.stop != "" {
		return b.c.res, []string{b.c.stop}
	}
	return b.c.res, b.c.problems
}

// stop ends the reading, if it still runs, and waits for its goroutines.
func (b *backgroundRows) stop() {
	b.cancel()
	<-b.done
	b.wg.Wait()
}

// collect takes the pages in order as they are done and compares them, or
// keeps them until the log's entries are ready. A page that could not be
// read stops the comparison (and the reading, by cancel); the rest of the
// pages are drained.
func (c *rowCheck) collect(ctx context.Context, cancel context.CancelFunc, pages <-chan chan *rowPage, ready <-chan struct{}) {
	var backlog []*rowPage
	isReady := false
	for done := range pages {
		p := <-done
		switch {
		case c.stop != "":
			continue
		case p.problem != "":
			c.stop = p.problem
			cancel()
			continue
		}
		if !isReady {
			select {
			case <-ready:
				isReady = true
			default:
				backlog = append(backlog, p)
				continue
			}
		}
		for _, q := range backlog {
			c.compare(ctx, q)
		}
		backlog = nil
		c.compare(ctx, p)
	}
	if c.stop != "" {
		return
	}
	select {
	case <-ready:
	case <-ctx.Done():
		return // the tree check failed: there is nothing to compare with
	}
	for _, q := range backlog {
		c.compare(ctx, q)
	}
	if missing := len(c.byEvent) - c.matched; missing > 0 {
		c.problems = append(c.problems, fmt.Sprintf("%d entries of the log are events the database does not have (event rows deleted)", missing))
	}
}

// compare compares a page of event rows with their entries.
func (c *rowCheck) compare(ctx context.Context, p *rowPage) {
	c.res.Erasures = append(c.res.Erasures, p.erasures...)
	erased := p.erased
	var again map[eventID][]byte
	for i, row := range p.rows {
		var er *erasedRow
		if len(erased) > 0 && erased[0].i == i {
			er, erased = &erased[0], erased[1:]
		}
		c.res.Events++
		got, ok := c.byEvent[row.id]
		if !ok {
			c.notInLog(ctx, row.id)
			continue
		}
		c.matched++
		if row.leaf == got.leaf {
			continue
		}
		if er != nil {
			c.res.Erased++
			if msg := compareErased(ctx, c.st, got, er.masked); msg != "" {
				c.problems = append(c.problems, fmt.Sprintf("event %d of request %d (texts erased on %s) %s", row.id.seq, row.id.request, er.erasure.ErasedAt.Format(time.DateOnly), msg))
			}
			continue
		}
		if again == nil {
			again = encodeAgain(ctx, c.st, p.ids)
		}
		c.problems = append(c.problems, fmt.Sprintf("event %d of request %d in the database differs from its log entry %d%s (event or request row altered after it was logged)", row.id.seq, row.id.request, got.index, differingFields(ctx, c.st, got.index, again[row.id])))
	}
}

// notInLog handles an event row that is not among the checkpoint's
// entries: pending (not yet in the log, or appended after the
// checkpoint), unless the database's index puts it in the checkpoint.
func (c *rowCheck) notInLog(ctx context.Context, id eventID) {
	if idx, err := c.st.LedgerIndex(ctx, id.request, id.seq); err == nil && idx < c.cp.Size {
		c.problems = append(c.problems, fmt.Sprintf("event %d of request %d is entry %d by the database's index, but that entry of the checkpoint for size %d is another event", id.seq, id.request, idx, c.cp.Size))
		return
	}
	c.res.Pending++
}

// compareErased compares the projection of an erased event, encoded with
// its text hashes masked (masked), with its log entry got on every field
// but the text hashes; it returns what differs, or "".
func compareErased(ctx context.Context, st EventRows, got seen, masked []byte) string {
	entries, err := st.LedgerEntries(ctx, got.index, got.index+1)
	if err != nil || len(entries) != 1 || tlog.RecordHash(entries[0]) != got.leaf {
		return fmt.Sprintf("cannot be compared: log entry %d cannot be read back as verified (%v)", got.index, err)
	}
	logged, err := ledger.Decode(entries[0])
	if err != nil {
		return fmt.Sprintf("cannot be compared: log entry %d: %v", got.index, err)
	}
	want := logged.WithoutTextHashes().Encode()
	if bytes.Equal(masked, want) {
		return ""
	}
	return fmt.Sprintf("differs from its log entry %d in more than its text hashes%s (event or request row altered after it was logged)", got.index, differingFieldsOf(want, masked))
}

// differingFields names the members in which the entry at index and data
// differ, as " in at, state", or "".
func differingFields(ctx context.Context, st EventRows, index int64, data []byte) string {
	entries, err := st.LedgerEntries(ctx, index, index+1)
	if err != nil || len(entries) != 1 {
		return ""
	}
	return differingFieldsOf(entries[0], data)
}

// differingFieldsOf names the members in which two encoded entries differ,
// as " in at, state", or "".
func differingFieldsOf(logged, data []byte) string {
	var a, b map[string]json.RawMessage
	if json.Unmarshal(logged, &a) != nil || json.Unmarshal(data, &b) != nil {
		return ""
	}
	var diff []string
	for k, v := range a {
		if !bytes.Equal(v, b[k]) {
			diff = append(diff, k)
		}
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			diff = append(diff, k)
		}
	}
	if len(diff) == 0 {
		return ""
	}
	slices.Sort(diff)
	return " in " + strings.Join(diff, ", ")
}

// ChangeRows is what an offline verification reads of the register of
// published cases, when the source has it: its changes, whose entries
// (ledger.CaseEntry) the log holds. *store.Store implements it.
type ChangeRows interface {
	// PrecedentChanges returns the changes f selects, newest first, and
	// the total.
	PrecedentChanges(ctx context.Context, f schakel.PrecedentChangeFilter) ([]*schakel.PrecedentChange, int, error)
	// Precedent returns the published case, or an error with code
	// schakel.ENOTFOUND when it is not in the register.
	Precedent(ctx context.Context, caseID int64) (*schakel.Precedent, error)
}

// changesPage is the number of changes of the register read at a time.
const changesPage = 500

// subjectRows compares the rows of a subject other than requests (the
// changes of the register of cases, the events of proposals) with the
// log's entries of that subject: each row's entry, recomputed from the
// row, must be the one the log holds, and every entry of the log must
// have its row.
type subjectRows struct {
	by       map[eventID]seen
	done     map[eventID]bool
	compared int
	pending  int
	problems []string
}

func newSubjectRows(by map[eventID]seen, problems []string) *subjectRows {
	return &subjectRows{by: by, done: map[eventID]bool{}, problems: problems}
}

// row compares the row id, whose entry recomputed is data, with its
// entry. name words the row as a format of its seq and subject id
// ("change %d of case %d"), altered what was altered ("register row"). A
// row read twice (a page that moved) is compared once.
func (c *subjectRows) row(id eventID, data []byte, name, altered string) {
	if c.done[id] {
		return
	}
	c.done[id] = true
	got, ok := c.by[id]
	if !ok {
		c.pending++ // not yet in the log, or appended after the checkpoint
		return
	}
	c.compared++
	if tlog.RecordHash(data) != got.leaf {
		c.problems = append(c.problems, fmt.Sprintf(name+" in the database differs from its log entry %d (%s altered after it was logged)", id.seq, id.request, got.index, altered))
	}
}

// missing adds a problem when entries of the log have no row; what names
// them in the plural ("changes of the register of cases").
func (c *subjectRows) missing(what string) []string {
	if n := len(c.by) - c.compared; n > 0 {
		c.problems = append(c.problems, fmt.Sprintf("%d entries of the log are %s the database does not have (rows deleted)", n, what))
	}
	return c.problems
}

// checkChangeRows compares every change of the register in the database
// with its log entry (subjectRows), and the register's texts with the last
// change of each case. It returns the changes compared, those not yet in
// the checkpoint, and the problems with the ones found added.
func checkChangeRows(ctx context.Context, st ChangeRows, byChange map[eventID]seen, problems []string) (compared, pending int, _ []string) {
	c := newSubjectRows(byChange, problems)
	latest := map[int64]*schakel.PrecedentChange{}
	for offset := 0; ; offset += changesPage {
		chs, _, err := st.PrecedentChanges(ctx, schakel.PrecedentChangeFilter{Offset: offset, Limit: changesPage})
		if err != nil {
			return c.compared, c.pending, append(c.problems, fmt.Sprintf("reading the register's changes: %v", err))
		}
		for _, ch := range chs {
			if l := latest[ch.CaseID]; l == nil || ch.Seq > l.Seq {
				latest[ch.CaseID] = ch
			}
			c.row(eventID{ch.CaseID, ch.Seq}, ledger.ProjectChange(ch).Encode(), "change %d of case %d", "register row")
		}
		if len(chs) < changesPage {
			break
		}
	}
	problems = c.missing("changes of the register of cases")
	return c.compared, c.pending, checkRegisterTexts(ctx, st, latest, problems)
}

// ProposalRows is what an offline verification reads of the proposals,
// when the source has them: their events, whose entries
// (ledger.ProposalEntry) the log holds. *store.Store implements it.
type ProposalRows interface {
	// Proposals returns the proposals f selects, newest first, and the
	// total.
	Proposals(ctx context.Context, f schakel.ProposalFilter) ([]*schakel.Proposal, int, error)
	// ProposalEvents returns the events of a proposal in order.
	ProposalEvents(ctx context.Context, id int64) ([]*schakel.ProposalEvent, error)
}

// proposalsPage is the number of proposals read at a time.
const proposalsPage = 500

// checkProposalRows compares every event of a proposal in the database
// with its log entry (subjectRows): the entry recomputed from the event
// and its proposal's ministry must be the one the log holds. It returns
// the events compared, those not yet in the checkpoint, and the problems
// with the ones found added.
func checkProposalRows(ctx context.Context, st ProposalRows, byProposal map[eventID]seen, problems []string) (compared, pending int, _ []string) {
	c := newSubjectRows(byProposal, problems)
	for offset, total := 0, 1; offset < total; offset += proposalsPage {
		ps, n, err := st.Proposals(ctx, schakel.ProposalFilter{Offset: offset, Limit: proposalsPage})
		if err != nil {
			return c.compared, c.pending, append(c.problems, fmt.Sprintf("reading the proposals: %v", err))
		}
		total = n
		for _, p := range ps {
			evs, err := st.ProposalEvents(ctx, p.ID)
			if err != nil {
				return c.compared, c.pending, append(c.problems, fmt.Sprintf("reading the events of proposal %d: %v", p.ID, err))
			}
			for _, ev := range evs {
				c.row(eventID{p.ID, ev.Seq}, ledger.ProjectProposal(p.MinistryID, ev).Encode(), "event %d of proposal %d", "proposal or event row")
			}
		}
		if len(ps) == 0 {
			break
		}
	}
	return c.compared, c.pending, c.missing("events of proposals")
}

// checkRegisterTexts compares the register as it stands with the last
// change of each case: a published or corrected case's texts must hash to
// that change's digest, and a withdrawn one must be gone.
func checkRegisterTexts(ctx context.Context, st ChangeRows, latest map[int64]*schakel.PrecedentChange, problems []string) []string {
	ids := make([]int64, 0, len(latest))
	for id := range latest {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		ch := latest[id]
		p, err := st.Precedent(ctx, id)
		switch {
		case ch.Kind == schakel.PrecedentWithdrawn && schakel.ErrorCode(err) == schakel.ENOTFOUND:
		case ch.Kind == schakel.PrecedentWithdrawn && err == nil:
			problems = append(problems, fmt.Sprintf("case %d was withdrawn (change %d) but is still in the register", id, ch.Seq))
		case err != nil:
			problems = append(problems, fmt.Sprintf("case %d (change %d, %s) cannot be read from the register: %v", id, ch.Seq, ch.Kind, err))
		case p.ComputeDigest() != ch.Digest:
			problems = append(problems, fmt.Sprintf("the published texts of case %d differ from its version of change %d (register altered after it was logged)", id, ch.Seq))
		}
	}
	return problems
}

// ReportRows is what an offline verification reads of the records of the
// yearly reports, when the source has them; their entries
// (ledger.ReportEntry) the log holds. *store.Store implements it.
type ReportRows interface {
	// Reports returns every record.
	Reports(ctx context.Context) ([]*schakel.YearReport, error)
}

// checkReportRows compares every record of a yearly report in the
// database with its log entry (subjectRows). It returns the records
// compared, those not yet in the checkpoint, and the problems with the
// ones found added.
func checkReportRows(ctx context.Context, st ReportRows, byReport map[eventID]seen, problems []string) (compared, pending int, _ []string) {
	c := newSubjectRows(byReport, problems)
	rs, err := st.Reports(ctx)
	if err != nil {
		return 0, 0, append(c.problems, fmt.Sprintf("reading the records of the yearly reports: %v", err))
	}
	for _, r := range rs {
		c.row(eventID{r.ID, 1}, ledger.ProjectReport(r).Encode(), "entry %d of report %d", "report row")
	}
	return c.compared, c.pending, c.missing("records of yearly reports")
}
