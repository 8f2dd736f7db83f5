package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/ledger"
)

// The changes of the register of published cases enter the log as the
// request events do (decision 0017): each row of precedent_changes is
// written with its entry (ledger.CaseEntry) and a row of log_outbox_cases
// in its own transaction, and SequenceLedger appends what the outbox holds
// after the request events of its round, with subject 'casus'.

// pendingCasesQuery selects the queued changes of the register in the
// order they happened, with their entry and whether the log has them
// already (only a restored or tampered database gives that).
const pendingCasesQuery = `SELECT o.case_id, o.seq, c.case_id, c.organisation_id, c.kind, c.at, c.reason, c.digest, c.log_entry,
	EXISTS (SELECT 1 FROM log_entries l WHERE l.subject = 'casus' AND l.request_id = o.case_id AND l.seq = o.seq)
	FROM log_outbox_cases o LEFT JOIN precedent_changes c ON c.case_id = o.case_id AND c.seq = o.seq
	ORDER BY c.at, o.case_id, o.seq LIMIT ?`

// pendingChanges reads up to limit queued changes of the register in tx,
// removes them from the outbox and returns those to append. A change
// written before its entry was stored (migration 00012) gets its entry
// computed from the row, as its writer would have.
func (s *Store) pendingChanges(ctx context.Context, tx *sql.Tx, limit int) ([]pendingEvent, error) {
	if limit <= 0 {
		return nil, nil
	}
	rows, err := tx.QueryContext(ctx, s.q(pendingCasesQuery), limit)
	if err != nil {
		return nil, fmt.Errorf("pending changes: %w", err)
	}
	var out []pendingEvent
	var queued [][2]int64
	for rows.Next() {
		var qCase, qSeq int64
		var caseID, org sql.NullInt64
		var kind, reason, digest sql.NullString
		var at sql.NullTime
		var entry []byte
		var logged bool
		if err := rows.Scan(&qCase, &qSeq, &caseID, &org, &kind, &at, &reason, &digest, &entry, &logged); err != nil {
			rows.Close()
			return nil, fmt.Errorf("pending changes: %w", err)
		}
		queued = append(queued, [2]int64{qCase, qSeq})
		if !caseID.Valid || logged {
			continue
		}
		if entry == nil {
			entry = ledger.ProjectChange(&schakel.PrecedentChange{CaseID: qCase, Seq: int(qSeq), OrganisationID: org.Int64,
				Kind: schakel.PrecedentChangeKind(kind.String), At: at.Time, Reason: reason.String, Digest: digest.String}).Encode()
		}
		out = append(out, pendingEvent{subject: "casus", requestID: qCase, seq: int(qSeq), entry: entry})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("pending changes: %w", err)
	}
	for _, q := range queued {
		if _, err := tx.ExecContext(ctx, s.q("DELETE FROM log_outbox_cases WHERE case_id = ? AND seq = ?"), q[0], q[1]); err != nil {
			return nil, fmt.Errorf("log outbox of cases: %w", err)
		}
	}
	return out, nil
}
