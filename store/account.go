package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/schakel-nl/schakel"
)

// Accounts through their life (issue 19): prepared before the first login,
// bound or moved at a login, switched off and on, roles given and taken,
// and each change with its line in user_events in the same transaction,
// so the history never misses a change nor shows one that did not happen.

var _ schakel.AccountStore = (*Store)(nil)

// UserByLogin implements schakel.AccountStore.
func (s *Store) UserByLogin(ctx context.Context, issuer, subject string) (*schakel.User, error) {
	u, err := scanUser(s.readRow(ctx, "SELECT "+userColumns+" FROM users WHERE issuer = ? AND subject = ?", issuer, subject))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, schakel.Errorf(schakel.ENOTFOUND, "Deze gebruiker bestaat niet.")
	}
	if err != nil {
		return nil, fmt.Errorf("store: user by login: %w", err)
	}
	if u.Memberships, err = s.memberships(ctx, []int64{u.ID}); err != nil {
		return nil, err
	}
	return u, nil
}

// PrepareUser implements schakel.AccountStore.
func (s *Store) PrepareUser(ctx context.Context, u *schakel.User, m schakel.Membership, c schakel.Change) error {
	var v schakel.Validation
	if err := v.Merge("", u.Validate()); err != nil {
		return err
	}
	if m.OrganisationID <= 0 {
		v.Add("organisatieId", "required", "Dit veld is verplicht.")
	}
	if !m.Role.Valid() {
		v.Add("rol", "enum", "Kies een bestaande rol.")
	}
	if err := v.Err(); err != nil {
		return err
	}
	return s.createUser(ctx, u, []schakel.Membership{m}, schakel.UserPrepared, c, false)
}

// CreateAccount implements schakel.AccountStore.
func (s *Store) CreateAccount(ctx context.Context, u *schakel.User, ms []schakel.Membership, c schakel.Change) error {
	if err := u.Validate(); err != nil {
		return err
	}
	return s.createUser(ctx, u, ms, schakel.UserCreated, c, true)
}

// createUser inserts u with its roles ms and their history in one
// transaction; loggedIn says whether this is the user's first login (a
// prepared user has none yet).
func (s *Store) createUser(ctx context.Context, u *schakel.User, ms []schakel.Membership, kind schakel.UserEventKind, c schakel.Change, loggedIn bool) error {
	now := s.Now()
	login := sql.NullTime{Time: now, Valid: loggedIn}
	var got *schakel.User
	err := s.tx(ctx, func(tx *sql.Tx) error {
		row := tx.QueryRowContext(ctx, s.q(`INSERT INTO users (issuer, subject, name, email, created_at, last_login_at) VALUES (?, ?, ?, ?, ?, ?)
			RETURNING `+userColumns), u.Issuer, u.Subject, strings.TrimSpace(u.Name), u.Email, now, login)
		var err error
		got, err = scanUser(row)
		if s.dialect.isUniqueViolation(err) {
			return schakel.Errorf(schakel.ECONFLICT, "Er is al een gebruiker met deze inlognaam bij deze inlogdienst.")
		}
		if err != nil {
			return err
		}
		if err := s.addUserEvent(ctx, tx, schakel.UserEvent{UserID: got.ID, Kind: kind, Change: c}); err != nil {
			return err
		}
		for _, m := range ms {
			m.UserID = got.ID
			if err := s.grantRole(ctx, tx, m, c); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return wrapInternal("create user", err)
	}
	if got.Memberships, err = s.memberships(ctx, []int64{got.ID}); err != nil {
		return err
	}
	*u = *got
	return nil
}

// wrapInternal names the store method on internal errors and passes
// schakel errors through.
func wrapInternal(what string, err error) error {
	if err != nil && schakel.ErrorCode(err) == schakel.EINTERNAL {
		return fmt.Errorf("store: %s: %w", what, err)
	}
	return err
}

// grantRole adds m and its history line within tx. Who owns a role held
// already decides, in the one statement (so a concurrent grant cannot slip
// in between a check and the insert, and PostgreSQL's transaction is not
// aborted by a unique violation):
//   - a rule's grant (m.ByRule) of a role held already, by a rule or by a
//     person, is done: nothing is written. Two logins of the same user at
//     once both give the role; the second finds it there.
//   - a person's grant of a role a rule gave makes it the person's
//     (by_rule false, m's team), with its history line: no rule takes it
//     any more.
//   - a person's grant of a role a person gave is ECONFLICT.
func (s *Store) grantRole(ctx context.Context, tx *sql.Tx, m schakel.Membership, c schakel.Change) error {
	if err := s.checkMembership(ctx, tx, m); err != nil {
		return err
	}
	held := "DO NOTHING"
	if !m.ByRule {
		held = "DO UPDATE SET by_rule = FALSE, team_id = excluded.team_id WHERE memberships.by_rule"
	}
	res, err := tx.ExecContext(ctx, s.q(`INSERT INTO memberships (user_id, organisation_id, team_id, role, created_at, by_rule) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (user_id, organisation_id, role) `+held),
		m.UserID, m.OrganisationID, nullInt64(m.TeamID), string(m.Role), s.Now(), m.ByRule)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		if m.ByRule {
			return nil
		}
		return schakel.Errorf(schakel.ECONFLICT, "Deze gebruiker heeft deze rol al bij deze organisatie.")
	}
	return s.addUserEvent(ctx, tx, schakel.UserEvent{UserID: m.UserID, Kind: schakel.UserRoleGiven, OrganisationID: m.OrganisationID, Role: m.Role, Change: c})
}

// revokeRole takes m away from user id, with its history line, within tx.
// A rule's revoke (m.ByRule) takes only a role a rule still owns and is
// done when there is none: a person made it theirs meanwhile, or a
// concurrent login took it already. A person's revoke of a role not held
// is ENOTFOUND.
func (s *Store) revokeRole(ctx context.Context, tx *sql.Tx, id int64, m schakel.Membership, c schakel.Change) error {
	query := "DELETE FROM memberships WHERE user_id = ? AND organisation_id = ? AND role = ?"
	if m.ByRule {
		query += " AND by_rule"
	}
	res, err := tx.ExecContext(ctx, s.q(query), id, m.OrganisationID, string(m.Role))
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		if m.ByRule {
			return nil
		}
		return schakel.Errorf(schakel.ENOTFOUND, "Deze gebruiker heeft deze rol niet bij deze organisatie.")
	}
	return s.addUserEvent(ctx, tx, schakel.UserEvent{UserID: id, Kind: schakel.UserRoleTaken, OrganisationID: m.OrganisationID, Role: m.Role, Change: c})
}

// addUserEvent writes one line of history at the store's now.
func (s *Store) addUserEvent(ctx context.Context, tx *sql.Tx, e schakel.UserEvent) error {
	_, err := tx.ExecContext(ctx, s.q(`INSERT INTO user_events (user_id, kind, organisation_id, role, by_user_id, via, reason, at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`), e.UserID, string(e.Kind), nullInt64(e.OrganisationID), string(e.Role),
		nullInt64(e.ByUserID), string(e.Via), strings.TrimSpace(e.Reason), s.Now())
	return err
}

// RecordLogin implements schakel.AccountStore.
func (s *Store) RecordLogin(ctx context.Context, id int64, identity schakel.BrokerIdentity, kind schakel.UserEventKind) (*schakel.User, error) {
	var v schakel.Validation
	v.Required("issuer", identity.Issuer)
	v.Required("subject", identity.Subject)
	if err := v.Err(); err != nil {
		return nil, err
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.q(`UPDATE users SET issuer = ?, subject = ?,
			name = CASE WHEN ? <> '' THEN ? ELSE name END, email = CASE WHEN ? <> '' THEN ? ELSE email END, last_login_at = ?
			WHERE id = ?`), identity.Issuer, identity.Subject, strings.TrimSpace(identity.Name), strings.TrimSpace(identity.Name),
			identity.Email, identity.Email, s.Now(), id)
		if s.dialect.isUniqueViolation(err) {
			return schakel.Errorf(schakel.ECONFLICT, "Deze inlognaam hoort al bij een andere gebruiker.")
		}
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return schakel.Errorf(schakel.ENOTFOUND, "Deze gebruiker bestaat niet.")
		}
		if kind == "" {
			return nil
		}
		return s.addUserEvent(ctx, tx, schakel.UserEvent{UserID: id, Kind: kind, Change: schakel.Change{Via: schakel.ViaLogin}})
	})
	if err != nil {
		return nil, wrapInternal("record login", err)
	}
	return s.User(ctx, id)
}

// SetUserDisabled implements schakel.AccountStore.
func (s *Store) SetUserDisabled(ctx context.Context, id int64, off bool, c schakel.Change) (*schakel.User, error) {
	kind, at, cond := schakel.UserEnabled, sql.NullTime{}, "disabled_at IS NOT NULL"
	if off {
		kind, at, cond = schakel.UserDisabled, sql.NullTime{Time: s.Now(), Valid: true}, "disabled_at IS NULL"
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.q("UPDATE users SET disabled_at = ? WHERE id = ? AND "+cond), at, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			if !s.exists(ctx, tx, "users", id) {
				return schakel.Errorf(schakel.ENOTFOUND, "Deze gebruiker bestaat niet.")
			}
			if off {
				return schakel.Errorf(schakel.ECONFLICT, "Deze gebruiker is al uitgeschakeld.")
			}
			return schakel.Errorf(schakel.ECONFLICT, "Deze gebruiker is al ingeschakeld.")
		}
		return s.addUserEvent(ctx, tx, schakel.UserEvent{UserID: id, Kind: kind, Change: c})
	})
	if err != nil {
		return nil, wrapInternal("set user disabled", err)
	}
	return s.User(ctx, id)
}

// ChangeRoles implements schakel.AccountStore. A membership's ByRule says
// whose change it is: the rules' (at a login), which is done when there is
// nothing to do, or a person's, which conflicts with what a person did
// already but takes over a role a rule gave (see grantRole, revokeRole).
func (s *Store) ChangeRoles(ctx context.Context, id int64, grant, revoke []schakel.Membership, c schakel.Change) (*schakel.User, error) {
	var v schakel.Validation
	for _, m := range append(append([]schakel.Membership(nil), grant...), revoke...) {
		if !m.Role.Valid() && !v.Names("rol") {
			v.Add("rol", "enum", "Kies een bestaande rol.")
		}
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		for _, m := range revoke {
			if err := s.revokeRole(ctx, tx, id, m, c); err != nil {
				return err
			}
		}
		for _, m := range grant {
			m.UserID = id
			if err := s.grantRole(ctx, tx, m, c); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, wrapInternal("change roles", err)
	}
	return s.User(ctx, id)
}

// UserEvents implements schakel.AccountStore.
func (s *Store) UserEvents(ctx context.Context, id int64) ([]schakel.UserEvent, error) {
	rows, err := s.readRows(ctx, `SELECT id, user_id, kind, organisation_id, role, by_user_id, via, reason, at
		FROM user_events WHERE user_id = ? ORDER BY id`, id)
	if err != nil {
		return nil, fmt.Errorf("store: user events: %w", err)
	}
	defer rows.Close()
	var out []schakel.UserEvent
	for rows.Next() {
		var e schakel.UserEvent
		var org, by sql.NullInt64
		var kind, role, via string
		if err := rows.Scan(&e.ID, &e.UserID, &kind, &org, &role, &by, &via, &e.Reason, &e.At); err != nil {
			return nil, fmt.Errorf("store: user events: %w", err)
		}
		e.Kind, e.Role, e.Via = schakel.UserEventKind(kind), schakel.Role(role), schakel.Via(via)
		e.OrganisationID, e.ByUserID, e.At = org.Int64, by.Int64, e.At.UTC()
		out = append(out, e)
	}
	return out, rows.Err()
}
