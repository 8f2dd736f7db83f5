package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// SessionStore keeps login sessions in the database, so they survive a
// restart and are shared by several serve instances. It implements the
// scs.Store and scs.CtxStore interfaces on both dialects.
type SessionStore struct{ s *Store }

// Sessions returns the session store backed by s.
func (s *Store) Sessions() *SessionStore { return &SessionStore{s: s} }

// FindCtx returns the data of an unexpired session.
func (ss *SessionStore) FindCtx(ctx context.Context, token string) ([]byte, bool, error) {
	var data []byte
	err := ss.s.readRow(ctx, "SELECT data FROM sessions WHERE token = ? AND expiry > ?", token, ss.s.Now()).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("store: find session: %w", err)
	}
	return data, true, nil
}

// CommitCtx stores or replaces a session.
func (ss *SessionStore) CommitCtx(ctx context.Context, token string, data []byte, expiry time.Time) error {
	_, err := ss.s.execWrite(ctx, ss.s.q(`INSERT INTO sessions (token, data, expiry) VALUES (?, ?, ?)
		ON CONFLICT (token) DO UPDATE SET data = excluded.data, expiry = excluded.expiry`), token, data, expiry.UTC())
	if err != nil {
		return ss.s.noteWrite(fmt.Errorf("store: commit session: %w", err))
	}
	return nil
}

// DeleteCtx removes a session; removing an absent one is no error.
func (ss *SessionStore) DeleteCtx(ctx context.Context, token string) error {
	if _, err := ss.s.execWrite(ctx, ss.s.q("DELETE FROM sessions WHERE token = ?"), token); err != nil {
		return fmt.Errorf("store: delete session: %w", err)
	}
	return nil
}

// DeleteExpired removes every expired session and returns how many.
func (ss *SessionStore) DeleteExpired(ctx context.Context) (int64, error) {
	res, err := ss.s.execWrite(ctx, ss.s.q("DELETE FROM sessions WHERE expiry <= ?"), ss.s.Now())
	if err != nil {
		return 0, fmt.Errorf("store: delete expired sessions: %w", err)
	}
	n, _ := res.RowsAffected()
	return n, nil
}

// Find implements scs.Store for callers without a context.
func (ss *SessionStore) Find(token string) ([]byte, bool, error) {
	return ss.FindCtx(context.Background(), token)
}

// Commit implements scs.Store for callers without a context.
func (ss *SessionStore) Commit(token string, data []byte, expiry time.Time) error {
	return ss.CommitCtx(context.Background(), token, data, expiry)
}

// Delete implements scs.Store for callers without a context.
func (ss *SessionStore) Delete(token string) error {
	return ss.DeleteCtx(context.Background(), token)
}
