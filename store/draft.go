package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"

	"github.com/schakel-nl/schakel"
)

var _ schakel.DraftStore = (*Store)(nil)

// SaveDraft stores d and removes every draft that has expired, in one
// transaction. The fields are stored URL-encoded.
func (s *Store) SaveDraft(ctx context.Context, d *schakel.Draft) error {
	var v schakel.Validation
	if d.ID == "" {
		v.Add("id", "required", "Een concept heeft een id nodig.")
	}
	if d.Target == "" {
		v.Add("target", "required", "Een concept hoort bij een pagina.")
	}
	if err := v.Err(); err != nil {
		return err
	}
	fields := url.Values(d.Fields).Encode()
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.txExec(ctx, tx, "DELETE FROM drafts WHERE expires_at <= ?", s.Now()); err != nil {
			return fmt.Errorf("store: delete expired drafts: %w", err)
		}
		if err := s.txExec(ctx, tx, "INSERT INTO drafts (id, target, fields, expires_at) VALUES (?, ?, ?, ?)", d.ID, d.Target, fields, d.ExpiresAt.UTC()); err != nil {
			return fmt.Errorf("store: save draft: %w", err)
		}
		return nil
	})
}

// Draft returns the unexpired draft id, or ENOTFOUND.
func (s *Store) Draft(ctx context.Context, id string) (*schakel.Draft, error) {
	d := &schakel.Draft{ID: id}
	var fields string
	err := s.readRow(ctx, "SELECT target, fields, expires_at FROM drafts WHERE id = ? AND expires_at > ?", id, s.Now()).Scan(&d.Target, &fields, &d.ExpiresAt)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, schakel.Errorf(schakel.ENOTFOUND, "Dit concept bestaat niet (meer).")
	}
	if err != nil {
		return nil, fmt.Errorf("store: draft: %w", err)
	}
	values, err := url.ParseQuery(fields)
	if err != nil {
		return nil, fmt.Errorf("store: draft fields: %w", err)
	}
	d.Fields = values
	d.ExpiresAt = d.ExpiresAt.UTC()
	return d, nil
}

// DeleteDraft removes the draft id; removing an absent one is no error.
func (s *Store) DeleteDraft(ctx context.Context, id string) error {
	if _, err := s.execWrite(ctx, s.q("DELETE FROM drafts WHERE id = ?"), id); err != nil {
		return fmt.Errorf("store: delete draft: %w", err)
	}
	return nil
}
