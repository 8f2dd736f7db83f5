package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/schakel-nl/schakel"
)

// The installation's operators and the history of the principles they
// retire and reinstate (issue 16).

// SetUserOperator implements schakel.AccountStore.
func (s *Store) SetUserOperator(ctx context.Context, id int64, on bool, c schakel.Change) (*schakel.User, error) {
	kind := schakel.UserOperatorTaken
	if on {
		kind = schakel.UserOperatorGiven
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.q("UPDATE users SET operator = ? WHERE id = ? AND operator = ?"), on, id, !on)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			if !s.exists(ctx, tx, "users", id) {
				return schakel.Errorf(schakel.ENOTFOUND, "Deze gebruiker bestaat niet.")
			}
			if on {
				return schakel.Errorf(schakel.ECONFLICT, "Deze gebruiker is al operator.")
			}
			return schakel.Errorf(schakel.ECONFLICT, "Deze gebruiker is geen operator.")
		}
		return s.addUserEvent(ctx, tx, schakel.UserEvent{UserID: id, Kind: kind, Change: c})
	})
	if err != nil {
		return nil, wrapInternal("set user operator", err)
	}
	return s.User(ctx, id)
}

// RetirePrinciple implements schakel.PrincipleStore: SetPrincipleRetired
// by the operator's command, without a user.
func (s *Store) RetirePrinciple(ctx context.Context, code string) error {
	_, err := s.SetPrincipleRetired(ctx, code, true, schakel.Change{Via: schakel.ViaCommand})
	return err
}

// SetPrincipleRetired implements schakel.PrincipleStore.
func (s *Store) SetPrincipleRetired(ctx context.Context, code string, retired bool, c schakel.Change) (*schakel.Principle, error) {
	kind, at, cond := schakel.PrincipleReinstated, sql.NullTime{}, "retired_at IS NOT NULL"
	if retired {
		kind, at, cond = schakel.PrincipleRetired, sql.NullTime{Time: s.Now(), Valid: true}, "retired_at IS NULL"
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.q("UPDATE principles SET retired_at = ? WHERE code = ? AND "+cond), at, code)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			var one int
			if tx.QueryRowContext(ctx, s.q("SELECT 1 FROM principles WHERE code = ?"), code).Scan(&one) != nil {
				return schakel.Errorf(schakel.ENOTFOUND, "Beginsel %q bestaat niet.", code)
			}
			if retired {
				return schakel.Errorf(schakel.ECONFLICT, "Beginsel %q is al ingetrokken.", code)
			}
			return schakel.Errorf(schakel.ECONFLICT, "Beginsel %q is niet ingetrokken.", code)
		}
		_, err = tx.ExecContext(ctx, s.q(`INSERT INTO principle_events (principle_code, kind, by_user_id, via, reason, at)
			VALUES (?, ?, ?, ?, ?, ?)`), code, string(kind), nullInt64(c.ByUserID), string(c.Via), strings.TrimSpace(c.Reason), s.Now())
		return err
	})
	if err != nil {
		return nil, wrapInternal("set principle retired", err)
	}
	return s.Principle(ctx, code)
}

// PrincipleEvents implements schakel.PrincipleStore.
func (s *Store) PrincipleEvents(ctx context.Context, code string) ([]schakel.PrincipleEvent, error) {
	rows, err := s.readRows(ctx, `SELECT id, principle_code, kind, by_user_id, via, reason, at
		FROM principle_events WHERE principle_code = ? ORDER BY id`, code)
	if err != nil {
		return nil, fmt.Errorf("store: principle events: %w", err)
	}
	defer rows.Close()
	var out []schakel.PrincipleEvent
	for rows.Next() {
		var e schakel.PrincipleEvent
		var by sql.NullInt64
		var kind, via string
		if err := rows.Scan(&e.ID, &e.Code, &kind, &by, &via, &e.Reason, &e.At); err != nil {
			return nil, fmt.Errorf("store: principle events: %w", err)
		}
		e.Kind, e.Via, e.ByUserID, e.At = schakel.PrincipleEventKind(kind), schakel.Via(via), by.Int64, e.At.UTC()
		out = append(out, e)
	}
	return out, rows.Err()
}
