package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/schakel-nl/schakel"
)

var _ schakel.OrganisationStore = (*Store)(nil)

// CreateOrganisation implements schakel.OrganisationStore.
func (s *Store) CreateOrganisation(ctx context.Context, o *schakel.Organisation) error {
	if err := o.Validate(); err != nil {
		return err
	}
	o.PrincipalIDs = uniqueIDs(o.PrincipalIDs)
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var v schakel.Validation
		for _, pid := range o.PrincipalIDs {
			var t string
			err := tx.QueryRowContext(ctx, s.q("SELECT type FROM organisations WHERE id = ?"), pid).Scan(&t)
			switch {
			case errors.Is(err, sql.ErrNoRows):
				v.Add("opdrachtgevers", "unknown", "Organisatie %d bestaat niet.", pid)
			case err != nil:
				return err
			case schakel.OrgType(t) != schakel.OrgMinistry:
				v.Add("opdrachtgevers", "not_ministry", "Organisatie %d is geen ministerie; alleen een ministerie kan opdrachtgever zijn.", pid)
			}
		}
		if err := v.Err(); err != nil {
			return err
		}
		now := s.Now()
		err := tx.QueryRowContext(ctx, s.q("INSERT INTO organisations (code, name, type, committee, task, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id"),
			o.Code, strings.TrimSpace(o.Name), string(o.Type), o.Committee, o.Task, now).Scan(&o.ID)
		if s.dialect.isUniqueViolation(err) {
			return schakel.Errorf(schakel.ECONFLICT, "Er is al een organisatie met de code %q.", o.Code)
		}
		if err != nil {
			return err
		}
		for _, pid := range o.PrincipalIDs {
			if _, err := tx.ExecContext(ctx, s.q("INSERT INTO organisation_principals (organisation_id, principal_id) VALUES (?, ?)"), o.ID, pid); err != nil {
				return err
			}
		}
		o.Name = strings.TrimSpace(o.Name)
		o.CreatedAt = now
		return nil
	})
	if err != nil {
		if schakel.ErrorCode(err) != schakel.EINTERNAL {
			return err
		}
		return fmt.Errorf("store: create organisation %q: %w", o.Code, err)
	}
	return nil
}

func uniqueIDs(ids []int64) []int64 {
	if len(ids) == 0 {
		return nil
	}
	out := append([]int64(nil), ids...)
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	n := 1
	for i := 1; i < len(out); i++ {
		if out[i] != out[n-1] {
			out[n] = out[i]
			n++
		}
	}
	return out[:n]
}

const organisationColumns = "id, code, name, type, committee, task, created_at"

// scanOrganisation scans a row of organisationColumns, followed by the
// columns of extra when given.
func scanOrganisation(sc interface{ Scan(...any) error }, extra ...any) (*schakel.Organisation, error) {
	var o schakel.Organisation
	var t string
	if err := sc.Scan(append([]any{&o.ID, &o.Code, &o.Name, &t, &o.Committee, &o.Task, &o.CreatedAt}, extra...)...); err != nil {
		return nil, err
	}
	o.Type = schakel.OrgType(t)
	o.CreatedAt = o.CreatedAt.UTC()
	return &o, nil
}

// Organisation implements schakel.OrganisationStore.
func (s *Store) Organisation(ctx context.Context, id int64) (*schakel.Organisation, error) {
	return s.organisationWhere(ctx, "id = ?", id)
}

// OrganisationByCode implements schakel.OrganisationStore.
func (s *Store) OrganisationByCode(ctx context.Context, code string) (*schakel.Organisation, error) {
	if strings.ContainsRune(code, 0) {
		// No code holds a NUL character, and PostgreSQL cannot compare
		// text that does: not found, on both stores alike.
		return nil, schakel.Errorf(schakel.ENOTFOUND, "Organisatie %q bestaat niet.", code)
	}
	return s.organisationWhere(ctx, "code = ?", code)
}

// organisationWhere reads the one organisation matching where (a condition
// on column names of organisations, which it qualifies) with its principals
// in one round trip: a create reads its addressee this way on every call.
func (s *Store) organisationWhere(ctx context.Context, where string, arg any) (*schakel.Organisation, error) {
	rows, err := s.readRows(ctx, "SELECT "+qualified("o", organisationColumns)+", op.principal_id FROM organisations o"+
		" LEFT JOIN organisation_principals op ON op.organisation_id = o.id WHERE o."+where+" ORDER BY op.principal_id", arg)
	if err != nil {
		return nil, fmt.Errorf("store: organisation %v: %w", arg, err)
	}
	defer rows.Close()
	var o *schakel.Organisation
	for rows.Next() {
		var principal sql.NullInt64
		row, err := scanOrganisation(rows, &principal)
		if err != nil {
			return nil, fmt.Errorf("store: organisation %v: %w", arg, err)
		}
		if o == nil {
			o = row
		}
		if principal.Valid {
			o.PrincipalIDs = append(o.PrincipalIDs, principal.Int64)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: organisation %v: %w", arg, err)
	}
	if o == nil {
		return nil, schakel.Errorf(schakel.ENOTFOUND, "Deze organisatie bestaat niet.")
	}
	return o, nil
}

// Organisations implements schakel.OrganisationStore.
func (s *Store) Organisations(ctx context.Context, f schakel.OrganisationFilter) ([]*schakel.Organisation, int, error) {
	var where []string
	var args []any
	if f.Type != "" {
		where = append(where, "type = ?")
		args = append(args, string(f.Type))
	}
	if f.PrincipalID != 0 {
		where = append(where, "id IN (SELECT organisation_id FROM organisation_principals WHERE principal_id = ?)")
		args = append(args, f.PrincipalID)
	}
	cond := ""
	if len(where) > 0 {
		cond = " WHERE " + strings.Join(where, " AND ")
	}
	var total int
	if err := s.read.QueryRowContext(ctx, s.q("SELECT COUNT(*) FROM organisations"+cond), args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store: count organisations: %w", err)
	}
	rows, err := s.read.QueryContext(ctx, s.q("SELECT "+organisationColumns+" FROM organisations"+cond+" ORDER BY name, id LIMIT ? OFFSET ?"),
		append(args, limit(f.Limit), max(f.Offset, 0))...)
	if err != nil {
		return nil, 0, fmt.Errorf("store: organisations: %w", err)
	}
	defer rows.Close()
	var out []*schakel.Organisation
	for rows.Next() {
		o, err := scanOrganisation(rows)
		if err != nil {
			return nil, 0, fmt.Errorf("store: organisations: %w", err)
		}
		out = append(out, o)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("store: organisations: %w", err)
	}
	if err := s.attachPrincipals(ctx, out); err != nil {
		return nil, 0, err
	}
	return out, total, nil
}

// attachPrincipals fills PrincipalIDs with one query for all of orgs.
func (s *Store) attachPrincipals(ctx context.Context, orgs []*schakel.Organisation) error {
	if len(orgs) == 0 {
		return nil
	}
	byID := make(map[int64]*schakel.Organisation, len(orgs))
	ph := make([]string, 0, len(orgs))
	args := make([]any, 0, len(orgs))
	for _, o := range orgs {
		byID[o.ID] = o
		ph = append(ph, "?")
		args = append(args, o.ID)
	}
	rows, err := s.readRows(ctx, "SELECT organisation_id, principal_id FROM organisation_principals WHERE organisation_id IN ("+strings.Join(ph, ",")+") ORDER BY organisation_id, principal_id", args...)
	if err != nil {
		return fmt.Errorf("store: principals: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var oid, pid int64
		if err := rows.Scan(&oid, &pid); err != nil {
			return fmt.Errorf("store: principals: %w", err)
		}
		byID[oid].PrincipalIDs = append(byID[oid].PrincipalIDs, pid)
	}
	return rows.Err()
}

// CreateTeam implements schakel.OrganisationStore.
func (s *Store) CreateTeam(ctx context.Context, t *schakel.Team) error {
	if err := t.Validate(); err != nil {
		return err
	}
	now := s.Now()
	name := strings.TrimSpace(t.Name)
	err := s.write.QueryRowContext(ctx, s.q("INSERT INTO teams (organisation_id, name, created_at) VALUES (?, ?, ?) RETURNING id"),
		t.OrganisationID, name, now).Scan(&t.ID)
	switch {
	case s.dialect.isForeignKeyViolation(err):
		return &schakel.Error{Code: schakel.EINVALID, Message: "De invoer is niet geldig.", Fields: []schakel.FieldError{
			{Field: "organisatieId", Code: "unknown", Format: "Organisatie %d bestaat niet.", Args: []any{t.OrganisationID}}}}
	case s.dialect.isUniqueViolation(err):
		return schakel.Errorf(schakel.ECONFLICT, "Deze organisatie heeft al een team %q.", name)
	case err != nil:
		return s.noteWrite(fmt.Errorf("store: create team: %w", err))
	}
	t.Name, t.CreatedAt = name, now
	return nil
}

// Teams implements schakel.OrganisationStore.
func (s *Store) Teams(ctx context.Context, organisationID int64) ([]*schakel.Team, error) {
	rows, err := s.read.QueryContext(ctx, s.q("SELECT id, organisation_id, name, created_at FROM teams WHERE organisation_id = ? ORDER BY name, id"), organisationID)
	if err != nil {
		return nil, fmt.Errorf("store: teams: %w", err)
	}
	defer rows.Close()
	var out []*schakel.Team
	for rows.Next() {
		var t schakel.Team
		if err := rows.Scan(&t.ID, &t.OrganisationID, &t.Name, &t.CreatedAt); err != nil {
			return nil, fmt.Errorf("store: teams: %w", err)
		}
		t.CreatedAt = t.CreatedAt.UTC()
		out = append(out, &t)
	}
	return out, rows.Err()
}
