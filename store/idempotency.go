package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/schakel-nl/schakel"
)

// ReserveIdempotencyKey writes a reservation for a's caller and key, in its
// own transaction before the create runs, and returns nil; when the caller
// already used the key it writes nothing and returns what is stored (a
// reservation of a create still running, or the first answer). Two
// concurrent requests with one key cannot both reserve it: the primary key
// (caller, key) lets one insert win.
func (s *Store) ReserveIdempotencyKey(ctx context.Context, a *schakel.IdempotentAnswer) (*schakel.IdempotentAnswer, error) {
	a.CreatedAt = s.Now()
	var existing *schakel.IdempotentAnswer
	err := s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.q(`INSERT INTO idempotency_keys (caller, key, route, body_hash, status, headers, created_at)
			VALUES (?, ?, ?, ?, 0, '{}', ?) ON CONFLICT (caller, key) DO NOTHING`), a.Caller, a.Key, a.Route, a.BodyHash, a.CreatedAt)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 1 {
			return err
		}
		existing, err = scanIdempotent(tx.QueryRowContext(ctx, s.q(`SELECT caller, key, route, body_hash, status, headers, body, created_at
			FROM idempotency_keys WHERE caller = ? AND key = ?`), a.Caller, a.Key))
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: reserve idempotency key: %w", err)
	}
	return existing, nil
}

// scanIdempotent reads one row of idempotency_keys.
func scanIdempotent(row *sql.Row) (*schakel.IdempotentAnswer, error) {
	var a schakel.IdempotentAnswer
	var headers string
	if err := row.Scan(&a.Caller, &a.Key, &a.Route, &a.BodyHash, &a.Status, &headers, &a.Body, &a.CreatedAt); err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(headers), &a.Headers); err != nil {
		return nil, err
	}
	a.CreatedAt = a.CreatedAt.UTC()
	return &a, nil
}

// CompleteIdempotencyKey keeps the answer of the create that reserved a's
// caller and key. It returns ENOTFOUND when no reservation is open (it was
// released or expired).
func (s *Store) CompleteIdempotencyKey(ctx context.Context, a *schakel.IdempotentAnswer) error {
	if a.Status == 0 {
		return errors.New("store: complete idempotency key: no status")
	}
	headers, err := json.Marshal(a.Headers)
	if err != nil {
		return fmt.Errorf("store: complete idempotency key: %w", err)
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.q("UPDATE idempotency_keys SET status = ?, headers = ?, body = ? WHERE caller = ? AND key = ? AND status = 0"),
			a.Status, string(headers), a.Body, a.Caller, a.Key)
		if err != nil {
			return fmt.Errorf("store: complete idempotency key: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil || n != 1 {
			return cmpErr(err, schakel.Errorf(schakel.ENOTFOUND, "Geen open reservering voor deze Idempotency-Key."))
		}
		return nil
	})
}

// cmpErr returns err when it is not nil, otherwise alt.
func cmpErr(err, alt error) error {
	if err != nil {
		return err
	}
	return alt
}

// ReleaseIdempotencyKey removes the reservation of caller and key, so that
// a retry can run the create again: the create failed without an answer to
// keep (a storage fault, a bug), and wrote nothing.
func (s *Store) ReleaseIdempotencyKey(ctx context.Context, caller, key string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, s.q("DELETE FROM idempotency_keys WHERE caller = ? AND key = ? AND status = 0"), caller, key)
		return err
	})
}

// DeleteIdempotencyKeys removes every key, answered or reserved, made
// before before, and returns how many; the cleanup job runs it with the
// clock's time less schakel.IdempotencyTTL.
func (s *Store) DeleteIdempotencyKeys(ctx context.Context, before time.Time) (int64, error) {
	var n int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.q("DELETE FROM idempotency_keys WHERE created_at < ?"), before.UTC())
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("store: delete idempotency keys: %w", err)
	}
	return n, nil
}
