package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/schakel-nl/schakel"
)

var _ schakel.LoginSessionStore = (*Store)(nil)

// RecordLoginSession implements schakel.LoginSessionStore. Expired rows go
// in the same transaction, so the table stays as small as the live logins.
func (s *Store) RecordLoginSession(ctx context.Context, ls schakel.LoginSession) error {
	var v schakel.Validation
	v.Required("token", ls.Token)
	v.Required("issuer", ls.Issuer)
	if ls.UserID <= 0 {
		v.Add("gebruikerId", "required", "Dit veld is verplicht.")
	}
	if err := v.Err(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.txExec(ctx, tx, "DELETE FROM login_sessions WHERE expires_at <= ?", s.Now()); err != nil {
			return fmt.Errorf("store: delete expired login sessions: %w", err)
		}
		err := s.txExec(ctx, tx, `INSERT INTO login_sessions (token, user_id, issuer, sid, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT (token) DO UPDATE SET user_id = excluded.user_id, issuer = excluded.issuer, sid = excluded.sid,
				created_at = excluded.created_at, expires_at = excluded.expires_at`,
			ls.Token, ls.UserID, ls.Issuer, ls.SID, ls.CreatedAt.UTC(), ls.ExpiresAt.UTC())
		if err != nil {
			return fmt.Errorf("store: record login session: %w", err)
		}
		return nil
	})
}

// EndLoginSessions implements schakel.LoginSessionStore.
func (s *Store) EndLoginSessions(ctx context.Context, f schakel.LoginSessionFilter) (int, error) {
	cond, args := loginSessionCond(f)
	if cond == "" {
		return 0, nil
	}
	var n int
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.txExec(ctx, tx, "DELETE FROM sessions WHERE token IN (SELECT token FROM login_sessions WHERE "+cond+")", args...); err != nil {
			return fmt.Errorf("store: end sessions: %w", err)
		}
		res, err := tx.ExecContext(ctx, s.q("DELETE FROM login_sessions WHERE "+cond), args...)
		if err != nil {
			return fmt.Errorf("store: end login sessions: %w", err)
		}
		rows, _ := res.RowsAffected()
		n = int(rows)
		return nil
	})
	return n, err
}

// LoginSessionAlive implements schakel.LoginSessionStore: one lookup by
// the table's primary key.
func (s *Store) LoginSessionAlive(ctx context.Context, token string) (bool, error) {
	var one int
	err := s.readRow(ctx, "SELECT 1 FROM login_sessions WHERE token = ?", token).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("store: login session alive: %w", err)
	}
	return true, nil
}

// loginSessionCond is the WHERE condition of f, empty when f selects
// nothing: a logout naming neither user nor session must end no one's.
// With issuer, sid and subject it selects that broker session and the
// subject's sessions recorded without a sid (their ID token carried none,
// so no sid can name them).
func loginSessionCond(f schakel.LoginSessionFilter) (string, []any) {
	switch {
	case f.UserID > 0:
		return "user_id = ?", []any{f.UserID}
	case f.Issuer != "" && f.SID != "" && f.Subject != "":
		return "issuer = ? AND (sid = ? OR (sid = '' AND user_id IN (SELECT id FROM users WHERE issuer = ? AND subject = ?)))",
			[]any{f.Issuer, f.SID, f.Issuer, f.Subject}
	case f.Issuer != "" && f.SID != "":
		return "issuer = ? AND sid = ?", []any{f.Issuer, f.SID}
	case f.Issuer != "" && f.Subject != "":
		return "issuer = ? AND user_id IN (SELECT id FROM users WHERE issuer = ? AND subject = ?)", []any{f.Issuer, f.Issuer, f.Subject}
	}
	return "", nil
}
