package verify

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"golang.org/x/mod/sumdb/tlog"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/ledger"
)

// rowsPage is the number of requests read at a time.
const rowsPage = 500

// rowCheck is the comparison of the event rows under way.
type rowCheck struct {
	st       EventRows
	cp       ledger.Checkpoint
	byEvent  map[eventID]seen
	matched  int
	res      RowsResult
	problems []string
}

// checkEventRows compares every event row of the database with the log:
// its public projection, recomputed from the stored request and event,
// must be the entry the log holds for it. The texts of an erased request
// (schakel.ErasureStore) were replaced after they were logged, so for
// its erased events the two entries are compared on every field but the
// text hashes (ledger.Entry.WithoutTextHashes).
func checkEventRows(ctx context.Context, st EventRows, cp ledger.Checkpoint, byEvent map[eventID]seen) (RowsResult, []string) {
	c := &rowCheck{st: st, cp: cp, byEvent: byEvent}
	// Requests are read in id order, a page at a time, with the events of
	// a page in one query: linear in the size of the database.
	for after := int64(0); ; {
		rs, _, err := st.Requests(ctx, schakel.RequestFilter{ByID: true, AfterID: after, Limit: rowsPage})
		if err != nil {
			return c.res, []string{fmt.Sprintf("reading the requests: %v", err)}
		}
		if len(rs) == 0 {
			break
		}
		after = rs[len(rs)-1].ID
		if problem := c.page(ctx, rs); problem != "" {
			return c.res, []string{problem}
		}
	}
	if missing := len(byEvent) - c.matched; missing > 0 {
		c.problems = append(c.problems, fmt.Sprintf("%d entries of the log are events the database does not have (event rows deleted)", missing))
	}
	return c.res, c.problems
}

// page compares the events of a page of requests; it returns a problem
// that stops the comparison, or "".
func (c *rowCheck) page(ctx context.Context, rs []*schakel.Request) string {
	ids := make([]int64, len(rs))
	for i, r := range rs {
		ids[i] = r.ID
	}
	erasures, err := c.st.Erasures(ctx, ids)
	if err != nil {
		return fmt.Sprintf("reading the erasures: %v", err)
	}
	events, err := c.st.EventsOf(ctx, ids)
	if err != nil {
		return fmt.Sprintf("reading the events: %v", err)
	}
	for _, r := range rs {
		erasure := erasures[r.ID]
		if erasure != nil {
			c.res.Erasures = append(c.res.Erasures, erasure)
		}
		for _, ev := range events[r.ID] {
			c.event(ctx, r, ev, erasure)
		}
	}
	return ""
}

// event compares one event row with its entry.
func (c *rowCheck) event(ctx context.Context, r *schakel.Request, ev *schakel.Event, erasure *schakel.Erasure) {
	c.res.Events++
	e := ledger.Project(r, ev)
	e.RequestID = r.ID
	data := e.Encode()
	got, ok := c.byEvent[eventID{r.ID, ev.Seq}]
	if !ok {
		if idx, err := c.st.LedgerIndex(ctx, r.ID, ev.Seq); err == nil && idx < c.cp.Size {
			c.problems = append(c.problems, fmt.Sprintf("event %d of request %d is entry %d by the database's index, but that entry of the checkpoint for size %d is another event", ev.Seq, r.ID, idx, c.cp.Size))
			return
		}
		// Not yet in the log, or appended after the checkpoint.
		c.res.Pending++
		return
	}
	c.matched++
	if tlog.RecordHash(data) == got.leaf {
		return
	}
	if erasure != nil && ev.Seq <= erasure.ThroughSeq {
		c.res.Erased++
		if msg := compareErased(ctx, c.st, got, e); msg != "" {
			c.problems = append(c.problems, fmt.Sprintf("event %d of request %d (texts erased on %s) %s", ev.Seq, r.ID, erasure.ErasedAt.Format(time.DateOnly), msg))
		}
		return
	}
	c.problems = append(c.problems, fmt.Sprintf("event %d of request %d in the database differs from its log entry %d%s (event or request row altered after it was logged)", ev.Seq, r.ID, got.index, differingFields(ctx, c.st, got.index, data)))
}

// compareErased compares the projection e of an erased event with its log
// entry got on every field but the text hashes; it returns what differs,
// or "".
func compareErased(ctx context.Context, st EventRows, got seen, e ledger.Entry) string {
	entries, err := st.LedgerEntries(ctx, got.index, got.index+1)
	if err != nil || len(entries) != 1 || tlog.RecordHash(entries[0]) != got.leaf {
		return fmt.Sprintf("cannot be compared: log entry %d cannot be read back as verified (%v)", got.index, err)
	}
	logged, err := ledger.Decode(entries[0])
	if err != nil {
		return fmt.Sprintf("cannot be compared: log entry %d: %v", got.index, err)
	}
	data := e.WithoutTextHashes().Encode()
	if bytes.Equal(data, logged.WithoutTextHashes().Encode()) {
		return ""
	}
	return fmt.Sprintf("differs from its log entry %d in more than its text hashes%s (event or request row altered after it was logged)", got.index, differingFieldsOf(logged.WithoutTextHashes().Encode(), data))
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
