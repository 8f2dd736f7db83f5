package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/schakel-nl/schakel"
)

// A citizen's e-mail address of a brake lives in brake_contacts (migration
// 00020), apart from brakes: no query that reads a brake joins it, so it
// reaches no page, API response, export or the public record.

var _ schakel.BrakeContactStore = (*Store)(nil)

// insertBrakeContact keeps the address of the brake of request id in tx,
// the transaction that creates the brake.
func (s *Store) insertBrakeContact(ctx context.Context, tx *sql.Tx, id int64, email string, at time.Time) error {
	if len(email) > schakel.MaxBrakeEmail {
		return fmt.Errorf("store: brake contact: address of %d bytes", len(email))
	}
	_, err := tx.ExecContext(ctx, s.q("INSERT INTO brake_contacts (request_id, email, created_at) VALUES (?, ?, ?)"), id, email, at.UTC())
	return err
}

// BrakeContactsToNotify implements schakel.BrakeContactStore.
func (s *Store) BrakeContactsToNotify(ctx context.Context, limit int) ([]*schakel.BrakeContact, error) {
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT c.request_id, c.email, r.rung FROM brake_contacts c JOIN requests r ON r.id = c.request_id
		WHERE r.state = ? AND c.notified_rung < r.rung ORDER BY c.request_id LIMIT ?`), string(schakel.StateAnswered), limit)
	if err != nil {
		return nil, fmt.Errorf("store: brake contacts to notify: %w", err)
	}
	defer rows.Close()
	var out []*schakel.BrakeContact
	for rows.Next() {
		c := &schakel.BrakeContact{}
		if err := rows.Scan(&c.RequestID, &c.Email, &c.Rung); err != nil {
			return nil, fmt.Errorf("store: brake contacts to notify: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// MarkBrakeContactNotified implements schakel.BrakeContactStore. Marking
// never lowers the rung told, so two runs at once tell a rung once.
func (s *Store) MarkBrakeContactNotified(ctx context.Context, requestID int64, rung int) error {
	_, err := s.execWrite(ctx, s.q("UPDATE brake_contacts SET notified_rung = ? WHERE request_id = ? AND notified_rung < ?"), rung, requestID, rung)
	if err != nil {
		return fmt.Errorf("store: mark brake contact notified: %w", err)
	}
	return nil
}

// DeleteEndedBrakeContacts implements schakel.BrakeContactStore.
func (s *Store) DeleteEndedBrakeContacts(ctx context.Context, answeredBefore time.Time) (int, error) {
	res, err := s.execWrite(ctx, s.q(`DELETE FROM brake_contacts WHERE request_id IN (SELECT id FROM requests
		WHERE state IN (?, ?) OR (state = ? AND updated_at < ?))`),
		string(schakel.StateClosed), string(schakel.StateWithdrawn), string(schakel.StateAnswered), instant(answeredBefore))
	if err != nil {
		return 0, fmt.Errorf("store: delete ended brake contacts: %w", err)
	}
	n, err := res.RowsAffected()
	return int(n), err
}
