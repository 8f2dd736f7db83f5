package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/schakel-nl/schakel"
)

var _ schakel.UserStore = (*Store)(nil)

const userColumns = "id, issuer, subject, name, email, created_at, disabled_at, last_login_at, operator"

// scanUser scans a row of userColumns, followed by the columns of extra
// when given.
func scanUser(sc interface{ Scan(...any) error }, extra ...any) (*schakel.User, error) {
	var u schakel.User
	var disabled, login sql.NullTime
	if err := sc.Scan(append([]any{&u.ID, &u.Issuer, &u.Subject, &u.Name, &u.Email, &u.CreatedAt, &disabled, &login, &u.Operator}, extra...)...); err != nil {
		return nil, err
	}
	u.CreatedAt = u.CreatedAt.UTC()
	u.DisabledAt, u.LastLoginAt = timePtr(disabled), timePtr(login)
	return &u, nil
}

// timePtr is the instant of t in UTC, nil when it is NULL.
func timePtr(t sql.NullTime) *time.Time {
	if !t.Valid {
		return nil
	}
	v := t.Time.UTC()
	return &v
}

// LoginUser implements schakel.UserStore.
func (s *Store) LoginUser(ctx context.Context, u *schakel.User) error {
	if err := u.Validate(); err != nil {
		return err
	}
	now := s.Now()
	// One statement, so two first logins of the same person at once cannot
	// create two users. (The AccountService logs in through RecordLogin,
	// which never overwrites with blanks.)
	row := s.write.QueryRowContext(ctx, s.q(`INSERT INTO users (issuer, subject, name, email, created_at, last_login_at) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (issuer, subject) DO UPDATE SET name = excluded.name,
			email = excluded.email, last_login_at = excluded.last_login_at
		RETURNING `+userColumns), u.Issuer, u.Subject, strings.TrimSpace(u.Name), u.Email, now, now)
	got, err := scanUser(row)
	if err != nil {
		return s.noteWrite(fmt.Errorf("store: login user: %w", err))
	}
	if got.Memberships, err = s.memberships(ctx, []int64{got.ID}); err != nil {
		return err
	}
	*u = *got
	return nil
}

// User implements schakel.UserStore.
func (s *Store) User(ctx context.Context, id int64) (*schakel.User, error) {
	// One round trip for the user and its memberships: every request of a
	// logged-in user reads them.
	rows, err := s.readRows(ctx, "SELECT "+qualified("u", userColumns)+", m.organisation_id, m.team_id, m.role, m.by_rule FROM users u"+
		" LEFT JOIN memberships m ON m.user_id = u.id WHERE u.id = ? ORDER BY m.organisation_id, m.role", id)
	if err != nil {
		return nil, fmt.Errorf("store: user %d: %w", id, err)
	}
	defer rows.Close()
	var u *schakel.User
	for rows.Next() {
		var org, team sql.NullInt64
		var role sql.NullString
		var byRule sql.NullBool
		row, err := scanUser(rows, &org, &team, &role, &byRule)
		if err != nil {
			return nil, fmt.Errorf("store: user %d: %w", id, err)
		}
		if u == nil {
			u = row
		}
		if org.Valid {
			u.Memberships = append(u.Memberships, schakel.Membership{UserID: id, OrganisationID: org.Int64, TeamID: team.Int64, Role: schakel.Role(role.String), ByRule: byRule.Bool})
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: user %d: %w", id, err)
	}
	if u == nil {
		return nil, schakel.Errorf(schakel.ENOTFOUND, "Deze gebruiker bestaat niet.")
	}
	return u, nil
}

// Users implements schakel.UserStore.
func (s *Store) Users(ctx context.Context, f schakel.UserFilter) ([]*schakel.User, int, error) {
	var where []string
	var args []any
	if f.OrganisationID != 0 {
		where = append(where, "id IN (SELECT user_id FROM memberships WHERE organisation_id = ?)")
		args = append(args, f.OrganisationID)
	}
	if f.Issuer != "" {
		where = append(where, "issuer = ?")
		args = append(args, f.Issuer)
	}
	cond := ""
	if len(where) > 0 {
		cond = " WHERE " + strings.Join(where, " AND ")
	}
	var total int
	if err := s.read.QueryRowContext(ctx, s.q("SELECT COUNT(*) FROM users"+cond), args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store: count users: %w", err)
	}
	rows, err := s.read.QueryContext(ctx, s.q("SELECT "+userColumns+" FROM users"+cond+" ORDER BY name, id LIMIT ? OFFSET ?"),
		append(args, limit(f.Limit), max(f.Offset, 0))...)
	if err != nil {
		return nil, 0, fmt.Errorf("store: users: %w", err)
	}
	defer rows.Close()
	var out []*schakel.User
	var ids []int64
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, 0, fmt.Errorf("store: users: %w", err)
		}
		out = append(out, u)
		ids = append(ids, u.ID)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("store: users: %w", err)
	}
	ms, err := s.memberships(ctx, ids)
	if err != nil {
		return nil, 0, err
	}
	byUser := make(map[int64]*schakel.User, len(out))
	for _, u := range out {
		byUser[u.ID] = u
	}
	for _, m := range ms {
		byUser[m.UserID].Memberships = append(byUser[m.UserID].Memberships, m)
	}
	return out, total, nil
}

func (s *Store) memberships(ctx context.Context, userIDs []int64) ([]schakel.Membership, error) {
	if len(userIDs) == 0 {
		return nil, nil
	}
	ph := make([]string, len(userIDs))
	args := make([]any, len(userIDs))
	for i, id := range userIDs {
		ph[i], args[i] = "?", id
	}
	rows, err := s.readRows(ctx, "SELECT user_id, organisation_id, team_id, role, by_rule FROM memberships WHERE user_id IN ("+strings.Join(ph, ",")+") ORDER BY user_id, organisation_id, role", args...)
	if err != nil {
		return nil, fmt.Errorf("store: memberships: %w", err)
	}
	defer rows.Close()
	var out []schakel.Membership
	for rows.Next() {
		var m schakel.Membership
		var team sql.NullInt64
		var role string
		if err := rows.Scan(&m.UserID, &m.OrganisationID, &team, &role, &m.ByRule); err != nil {
			return nil, fmt.Errorf("store: memberships: %w", err)
		}
		m.TeamID, m.Role = team.Int64, schakel.Role(role)
		out = append(out, m)
	}
	return out, rows.Err()
}

// AddMembership implements schakel.UserStore.
func (s *Store) AddMembership(ctx context.Context, m schakel.Membership) error {
	if err := m.Validate(); err != nil {
		return err
	}
	err := s.tx(ctx, func(tx *sql.Tx) error { return s.addMembership(ctx, tx, m) })
	if err != nil && schakel.ErrorCode(err) == schakel.EINTERNAL {
		return fmt.Errorf("store: add membership: %w", err)
	}
	return err
}

// addMembership checks m's user, organisation and team within tx, naming
// every unknown one, and inserts it.
func (s *Store) addMembership(ctx context.Context, tx *sql.Tx, m schakel.Membership) error {
	if err := s.checkMembership(ctx, tx, m); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, s.q("INSERT INTO memberships (user_id, organisation_id, team_id, role, created_at, by_rule) VALUES (?, ?, ?, ?, ?, ?)"),
		m.UserID, m.OrganisationID, nullInt64(m.TeamID), string(m.Role), s.Now(), m.ByRule)
	if s.dialect.isUniqueViolation(err) {
		return schakel.Errorf(schakel.ECONFLICT, "Deze gebruiker heeft deze rol al bij deze organisatie.")
	}
	return err
}

// checkMembership names, within tx, every unknown user, organisation or
// team of m, and a team of another organisation.
func (s *Store) checkMembership(ctx context.Context, tx *sql.Tx, m schakel.Membership) error {
	var v schakel.Validation
	if !s.exists(ctx, tx, "users", m.UserID) {
		v.Add("gebruikerId", "unknown", "Gebruiker %d bestaat niet.", m.UserID)
	}
	if !s.exists(ctx, tx, "organisations", m.OrganisationID) {
		v.Add("organisatieId", "unknown", "Organisatie %d bestaat niet.", m.OrganisationID)
	}
	if m.TeamID != 0 {
		var org int64
		err := tx.QueryRowContext(ctx, s.q("SELECT organisation_id FROM teams WHERE id = ?"), m.TeamID).Scan(&org)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			v.Add("teamId", "unknown", "Team %d bestaat niet.", m.TeamID)
		case err != nil:
			return err
		case org != m.OrganisationID:
			v.Add("teamId", "other_organisation", "Team %d hoort bij een andere organisatie.", m.TeamID)
		}
	}
	return v.Err()
}

// exists reports whether table has a row with the id; a query failure counts
// as absent and surfaces when the insert that follows fails.
func (s *Store) exists(ctx context.Context, q queryer, table string, id int64) bool {
	var one int
	return q.QueryRowContext(ctx, s.q("SELECT 1 FROM "+table+" WHERE id = ?"), id).Scan(&one) == nil
}

// RemoveMembership implements schakel.UserStore.
func (s *Store) RemoveMembership(ctx context.Context, m schakel.Membership) error {
	res, err := s.execWrite(ctx, s.q("DELETE FROM memberships WHERE user_id = ? AND organisation_id = ? AND role = ?"),
		m.UserID, m.OrganisationID, string(m.Role))
	if err != nil {
		return s.noteWrite(fmt.Errorf("store: remove membership: %w", err))
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return schakel.Errorf(schakel.ENOTFOUND, "Deze gebruiker heeft deze rol niet bij deze organisatie.")
	}
	return nil
}
