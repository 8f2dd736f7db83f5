package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/schakel-nl/schakel"
)

var _ schakel.PrincipleStore = (*Store)(nil)

const principleColumns = "code, grp, parent, name, name_en, source, description, organisation_id, created_at, retired_at"

func scanPrinciple(sc interface{ Scan(...any) error }) (*schakel.Principle, error) {
	var p schakel.Principle
	var grp string
	var parent sql.NullString
	var org sql.NullInt64
	var retired sql.NullTime
	if err := sc.Scan(&p.Code, &grp, &parent, &p.Name, &p.NameEN, &p.Source, &p.Description, &org, &p.CreatedAt, &retired); err != nil {
		return nil, err
	}
	p.Group, p.Parent, p.OrganisationID = schakel.PrincipleGroup(grp), parent.String, org.Int64
	p.CreatedAt = p.CreatedAt.UTC()
	if retired.Valid {
		t := retired.Time.UTC()
		p.RetiredAt = &t
	}
	return &p, nil
}

// CreatePrinciple implements schakel.PrincipleStore.
func (s *Store) CreatePrinciple(ctx context.Context, p *schakel.Principle) error {
	if err := p.Validate(); err != nil {
		return err
	}
	err := s.tx(ctx, func(tx *sql.Tx) error { return s.insertPrinciple(ctx, tx, p) })
	if err != nil && schakel.ErrorCode(err) == schakel.EINTERNAL {
		return fmt.Errorf("store: create principle %q: %w", p.Code, err)
	}
	return err
}

func (s *Store) insertPrinciple(ctx context.Context, tx *sql.Tx, p *schakel.Principle) error {
	var v schakel.Validation
	if p.Parent != "" {
		var grp string
		err := tx.QueryRowContext(ctx, s.q("SELECT grp FROM principles WHERE code = ?"), p.Parent).Scan(&grp)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			v.Add("ouder", "unknown", "Beginsel %q bestaat niet.", p.Parent)
		case err != nil:
			return err
		}
	}
	if p.OrganisationID != 0 && !s.exists(ctx, tx, "organisations", p.OrganisationID) {
		v.Add("organisatieId", "unknown", "Organisatie %d bestaat niet.", p.OrganisationID)
	}
	if err := v.Err(); err != nil {
		return err
	}
	var pos int64
	if err := tx.QueryRowContext(ctx, "SELECT COALESCE(MAX(position), 0) + 1 FROM principles").Scan(&pos); err != nil {
		return err
	}
	now := s.Now()
	_, err := tx.ExecContext(ctx, s.q("INSERT INTO principles (code, grp, parent, name, name_en, source, description, organisation_id, position, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
		p.Code, string(p.Group), nullString(p.Parent), p.Name, p.NameEN, p.Source, p.Description, nullInt64(p.OrganisationID), pos, now)
	if s.dialect.isUniqueViolation(err) {
		return schakel.Errorf(schakel.ECONFLICT, "Er is al een beginsel met de code %q (misschien ingetrokken).", p.Code)
	}
	if err != nil {
		return err
	}
	p.CreatedAt, p.RetiredAt = now, nil
	return nil
}

// Principle implements schakel.PrincipleStore.
func (s *Store) Principle(ctx context.Context, code string) (*schakel.Principle, error) {
	p, err := scanPrinciple(s.read.QueryRowContext(ctx, s.q("SELECT "+principleColumns+" FROM principles WHERE code = ?"), code))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, schakel.Errorf(schakel.ENOTFOUND, "Beginsel %q bestaat niet.", code)
	}
	if err != nil {
		return nil, fmt.Errorf("store: principle %q: %w", code, err)
	}
	return p, nil
}

// Principles implements schakel.PrincipleStore. The catalogue keeps the
// order in which principles were added, which for the seed is the display
// order of schakel.DefaultPrinciples.
func (s *Store) Principles(ctx context.Context, f schakel.PrincipleFilter) ([]*schakel.Principle, error) {
	query := "SELECT " + principleColumns + " FROM principles WHERE 1 = 1"
	var args []any
	if f.Group != "" {
		query += " AND grp = ?"
		args = append(args, string(f.Group))
	}
	if !f.IncludeRetired {
		query += " AND retired_at IS NULL"
	}
	if len(f.Codes) > 0 {
		query += " AND code IN (" + strings.TrimSuffix(strings.Repeat("?,", len(f.Codes)), ",") + ")"
		for _, c := range f.Codes {
			args = append(args, c)
		}
	}
	rows, err := s.readRows(ctx, query+" ORDER BY position", args...)
	if err != nil {
		return nil, fmt.Errorf("store: principles: %w", err)
	}
	defer rows.Close()
	var out []*schakel.Principle
	for rows.Next() {
		p, err := scanPrinciple(rows)
		if err != nil {
			return nil, fmt.Errorf("store: principles: %w", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// SeedPrinciples implements schakel.PrincipleStore. It runs in one
// transaction: a half-seeded catalogue is never visible.
func (s *Store) SeedPrinciples(ctx context.Context, ps []schakel.Principle) (int, error) {
	added := 0
	err := s.tx(ctx, func(tx *sql.Tx) error {
		added = 0
		for i := range ps {
			p := ps[i]
			if err := p.Validate(); err != nil {
				return fmt.Errorf("principle %q: %w", p.Code, err)
			}
			var one int
			err := tx.QueryRowContext(ctx, s.q("SELECT 1 FROM principles WHERE code = ?"), p.Code).Scan(&one)
			if err == nil {
				continue
			}
			if !errors.Is(err, sql.ErrNoRows) {
				return err
			}
			if err := s.insertPrinciple(ctx, tx, &p); err != nil {
				return fmt.Errorf("principle %q: %w", p.Code, err)
			}
			added++
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("store: seed principles: %w", err)
	}
	return added, nil
}
