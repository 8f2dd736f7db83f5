package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/ledger"
)

// Besides the request events, three kinds of rows enter the log as the
// request events do (decision 0017): the changes of the register of
// published cases (precedent_changes, ledger.CaseEntry, subject 'casus'),
// the events of proposals (proposal_events, ledger.ProposalEntry, subject
// 'voorstel') and the records of the yearly reports (reports,
// ledger.ReportEntry, subject 'rapport', see report.go). Each row is written with its entry (column
// log_entry) and a row of its subject's outbox in its own transaction, and
// SequenceLedger appends what the outboxes hold after the request events
// of its round, subject by subject in the order of logSubjects.

// logSubject is a kind of row, other than a request event, that enters the
// log: its table has the columns <id>, seq, at and log_entry, its outbox
// (<id>, seq), and log_entries holds its entries under the subject name
// with request_id the row's <id>.
type logSubject struct {
	name   string // log_entries.subject
	rows   string // the table of the rows
	id     string // the id column of the rows and of the outbox
	outbox string
	// legacy computes the entry of a row written before rows carried
	// their entry; nil when every row carries one.
	legacy func(s *Store, ctx context.Context, tx *sql.Tx, id int64, seq int) ([]byte, error)
}

// The subjects, in the order a round appends them.
var (
	subjectCases     = logSubject{name: "casus", rows: "precedent_changes", id: "case_id", outbox: "log_outbox_cases", legacy: (*Store).legacyChangeEntry}
	subjectProposals = logSubject{name: "voorstel", rows: "proposal_events", id: "proposal_id", outbox: "log_outbox_proposals"}
	logSubjects      = []logSubject{subjectCases, subjectProposals, subjectReports}
)

// queue adds row (id, seq) to the subject's outbox, in the transaction that
// writes the row.
func (sub logSubject) queue(ctx context.Context, s *Store, tx *sql.Tx, id int64, seq int) error {
	_, err := tx.ExecContext(ctx, s.q("INSERT INTO "+sub.outbox+" ("+sub.id+", seq) VALUES (?, ?)"), id, seq)
	return err
}

// pendingQuery selects the queued rows of the subject in the order they
// happened, with their entry and whether the log has them already (only a
// restored or tampered database gives that).
func (sub logSubject) pendingQuery() string {
	return `SELECT o.` + sub.id + `, o.seq, c.` + sub.id + `, c.log_entry,
	EXISTS (SELECT 1 FROM log_entries l WHERE l.subject = '` + sub.name + `' AND l.request_id = o.` + sub.id + ` AND l.seq = o.seq)
	FROM ` + sub.outbox + ` o LEFT JOIN ` + sub.rows + ` c ON c.` + sub.id + ` = o.` + sub.id + ` AND c.seq = o.seq
	ORDER BY c.at, o.` + sub.id + `, o.seq LIMIT ?`
}

// pendingOf reads up to limit queued rows of the subject in tx, removes
// them from its outbox and returns those to append, and how many outbox
// rows it read. A row queued for no row, or already in the log, is
// dropped.
func (s *Store) pendingOf(ctx context.Context, tx *sql.Tx, sub logSubject, limit int) ([]pendingEvent, int, error) {
	if limit <= 0 {
		return nil, 0, nil
	}
	rows, err := tx.QueryContext(ctx, s.q(sub.pendingQuery()), limit)
	if err != nil {
		return nil, 0, fmt.Errorf("pending %s: %w", sub.rows, err)
	}
	var out []pendingEvent
	var queued [][2]int64
	for rows.Next() {
		var qID, qSeq int64
		var rowID sql.NullInt64
		var entry []byte
		var logged bool
		if err := rows.Scan(&qID, &qSeq, &rowID, &entry, &logged); err != nil {
			rows.Close()
			return nil, 0, fmt.Errorf("pending %s: %w", sub.rows, err)
		}
		queued = append(queued, [2]int64{qID, qSeq})
		if !rowID.Valid || logged {
			continue
		}
		out = append(out, pendingEvent{subject: sub.name, requestID: qID, seq: int(qSeq), entry: entry})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("pending %s: %w", sub.rows, err)
	}
	for i, p := range out {
		if p.entry != nil {
			continue
		}
		if sub.legacy == nil {
			return nil, 0, fmt.Errorf("row %d of %s %d has no log entry", p.seq, sub.rows, p.requestID)
		}
		if out[i].entry, err = sub.legacy(s, ctx, tx, p.requestID, p.seq); err != nil {
			return nil, 0, fmt.Errorf("row %d of %s %d: %w", p.seq, sub.rows, p.requestID, err)
		}
	}
	for _, q := range queued {
		if _, err := tx.ExecContext(ctx, s.q("DELETE FROM "+sub.outbox+" WHERE "+sub.id+" = ? AND seq = ?"), q[0], q[1]); err != nil {
			return nil, 0, fmt.Errorf("%s: %w", sub.outbox, err)
		}
	}
	return out, len(queued), nil
}

// legacyChangeEntry computes the entry of a change of the register written
// before its entry was stored (migration 00012) from its row, as its
// writer would have.
func (s *Store) legacyChangeEntry(ctx context.Context, tx *sql.Tx, caseID int64, seq int) ([]byte, error) {
	ch := schakel.PrecedentChange{CaseID: caseID, Seq: seq}
	var kind string
	err := tx.QueryRowContext(ctx, s.q("SELECT organisation_id, kind, at, reason, digest FROM precedent_changes WHERE case_id = ? AND seq = ?"), caseID, seq).
		Scan(&ch.OrganisationID, &kind, &ch.At, &ch.Reason, &ch.Digest)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errors.New("the change is gone")
	}
	if err != nil {
		return nil, err
	}
	ch.Kind = schakel.PrecedentChangeKind(kind)
	return ledger.ProjectChange(&ch).Encode(), nil
}
