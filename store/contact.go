package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/schakel-nl/schakel"
)

var _ schakel.ContactStore = (*Store)(nil)

// CreateContact implements schakel.ContactStore. The organisation and the
// committees are checked in the transaction that inserts, so a ministry
// that drops its committee meanwhile cannot leave a contact point serving
// a committee nobody names.
func (s *Store) CreateContact(ctx context.Context, c *schakel.Contact) error {
	err := c.Validate()
	var v schakel.Validation
	if mErr := v.Merge("", err); mErr != nil {
		return mErr
	}
	err = s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.checkContactTargets(ctx, tx, c, &v); err != nil {
			return err
		}
		if err := v.Err(); err != nil {
			return err
		}
		now := s.Now()
		err := tx.QueryRowContext(ctx, s.q("INSERT INTO contact_points (organisation_id, function, email, phone, topics, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id"),
			c.OrganisationID, c.Function, c.Email, c.Phone, c.Topics, now).Scan(&c.ID)
		if err != nil {
			return err
		}
		for _, name := range c.Committees {
			if _, err := tx.ExecContext(ctx, s.q("INSERT INTO contact_committees (contact_id, committee) VALUES (?, ?)"), c.ID, name); err != nil {
				return err
			}
		}
		slices.Sort(c.Committees)
		c.CreatedAt, c.RetiredAt = now, nil
		return nil
	})
	if err != nil {
		c.ID = 0
		if schakel.ErrorCode(err) != schakel.EINTERNAL {
			return err
		}
		return fmt.Errorf("store: create contact: %w", err)
	}
	return nil
}

// checkContactTargets names an organisation that does not exist or does
// not execute, and every committee no ministry names. Committees the
// fields check named already are not looked up.
func (s *Store) checkContactTargets(ctx context.Context, tx *sql.Tx, c *schakel.Contact, v *schakel.Validation) error {
	if c.OrganisationID > 0 {
		var t string
		err := tx.QueryRowContext(ctx, s.q("SELECT type FROM organisations WHERE id = ?"), c.OrganisationID).Scan(&t)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			v.Add("organisatie", "unknown", "Organisatie %d bestaat niet.", c.OrganisationID)
		case err != nil:
			return err
		case !schakel.OrgType(t).Executes():
			v.Add("organisatie", "not_executing", "Alleen een uitvoerende organisatie heeft contactpersonen voor het parlement.")
		}
	}
	if len(c.Committees) > schakel.MaxContactCommittees {
		return nil
	}
	for i, name := range c.Committees {
		field := fmt.Sprintf("kamercommissies[%d]", i)
		if v.Names(field) {
			continue
		}
		var one int
		err := tx.QueryRowContext(ctx, s.q("SELECT 1 FROM organisations WHERE type = ? AND committee = ? LIMIT 1"), string(schakel.OrgMinistry), name).Scan(&one)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			v.Add(field, "unknown", "Geen ministerie noemt de vaste Kamercommissie %q.", name)
		case err != nil:
			return err
		}
	}
	return nil
}

const contactColumns = "id, organisation_id, function, email, phone, topics, created_at, retired_at"

func scanContact(sc interface{ Scan(...any) error }) (*schakel.Contact, error) {
	var c schakel.Contact
	var retired sql.NullTime
	if err := sc.Scan(&c.ID, &c.OrganisationID, &c.Function, &c.Email, &c.Phone, &c.Topics, &c.CreatedAt, &retired); err != nil {
		return nil, err
	}
	c.CreatedAt = c.CreatedAt.UTC()
	if retired.Valid {
		t := retired.Time.UTC()
		c.RetiredAt = &t
	}
	return &c, nil
}

// Contact implements schakel.ContactStore.
func (s *Store) Contact(ctx context.Context, id int64) (*schakel.Contact, error) {
	c, err := scanContact(s.readRow(ctx, "SELECT "+contactColumns+" FROM contact_points WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, schakel.Errorf(schakel.ENOTFOUND, "Contactpersoon %d bestaat niet.", id)
	}
	if err != nil {
		return nil, fmt.Errorf("store: contact %d: %w", id, err)
	}
	if err := s.attachCommittees(ctx, []*schakel.Contact{c}); err != nil {
		return nil, err
	}
	return c, nil
}

// RetireContact implements schakel.ContactStore.
func (s *Store) RetireContact(ctx context.Context, id int64) error {
	res, err := s.execWrite(ctx, s.q("UPDATE contact_points SET retired_at = ? WHERE id = ? AND retired_at IS NULL"), s.Now(), id)
	if err != nil {
		return s.noteWrite(fmt.Errorf("store: retire contact %d: %w", id, err))
	}
	if n, _ := res.RowsAffected(); n == 1 {
		return nil
	}
	if _, err := s.Contact(ctx, id); err != nil {
		return err
	}
	return schakel.Errorf(schakel.ECONFLICT, "Deze contactpersoon is al ingetrokken.")
}

// Contacts implements schakel.ContactStore.
func (s *Store) Contacts(ctx context.Context, f schakel.ContactFilter) ([]*schakel.Contact, error) {
	var where []string
	var args []any
	if f.OrganisationID != 0 {
		where = append(where, "organisation_id = ?")
		args = append(args, f.OrganisationID)
	}
	if f.Committee != "" {
		if strings.ContainsRune(f.Committee, 0) {
			return nil, nil // no committee holds a NUL; PostgreSQL cannot compare one
		}
		where = append(where, "id IN (SELECT contact_id FROM contact_committees WHERE committee = ?)")
		args = append(args, f.Committee)
	}
	if !f.IncludeRetired {
		where = append(where, "retired_at IS NULL")
	}
	cond := ""
	if len(where) > 0 {
		cond = " WHERE " + strings.Join(where, " AND ")
	}
	rows, err := s.readRows(ctx, "SELECT "+contactColumns+" FROM contact_points"+cond+" ORDER BY organisation_id, id", args...)
	if err != nil {
		return nil, fmt.Errorf("store: contacts: %w", err)
	}
	defer rows.Close()
	var out []*schakel.Contact
	for rows.Next() {
		c, err := scanContact(rows)
		if err != nil {
			return nil, fmt.Errorf("store: contacts: %w", err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: contacts: %w", err)
	}
	if err := s.attachCommittees(ctx, out); err != nil {
		return nil, err
	}
	return out, nil
}

// attachCommittees fills Committees with one query for all of cs.
func (s *Store) attachCommittees(ctx context.Context, cs []*schakel.Contact) error {
	if len(cs) == 0 {
		return nil
	}
	byID := make(map[int64]*schakel.Contact, len(cs))
	ids := make([]int64, 0, len(cs))
	for _, c := range cs {
		byID[c.ID] = c
		ids = append(ids, c.ID)
	}
	cond, arg := s.dialect.inIDs("contact_id", ids)
	rows, err := s.readRows(ctx, "SELECT contact_id, committee FROM contact_committees WHERE "+cond+" ORDER BY contact_id, committee", arg)
	if err != nil {
		return fmt.Errorf("store: contact committees: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return fmt.Errorf("store: contact committees: %w", err)
		}
		byID[id].Committees = append(byID[id].Committees, name)
	}
	return rows.Err()
}

// Committees implements schakel.ContactStore.
func (s *Store) Committees(ctx context.Context) ([]*schakel.Committee, error) {
	rows, err := s.readRows(ctx, "SELECT committee, id FROM organisations WHERE type = ? AND committee <> '' ORDER BY committee, name, id", string(schakel.OrgMinistry))
	if err != nil {
		return nil, fmt.Errorf("store: committees: %w", err)
	}
	defer rows.Close()
	var out []*schakel.Committee
	for rows.Next() {
		var name string
		var id int64
		if err := rows.Scan(&name, &id); err != nil {
			return nil, fmt.Errorf("store: committees: %w", err)
		}
		if len(out) == 0 || out[len(out)-1].Name != name {
			out = append(out, &schakel.Committee{Name: name})
		}
		last := out[len(out)-1]
		last.MinistryIDs = append(last.MinistryIDs, id)
	}
	return out, rows.Err()
}

// SetOrganisationGrouping implements schakel.ContactStore.
func (s *Store) SetOrganisationGrouping(ctx context.Context, orgID int64, committee, task string) error {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		o, err := scanOrganisation(tx.QueryRowContext(ctx, s.q("SELECT "+organisationColumns+" FROM organisations WHERE id = ?"+s.dialect.lockRow()), orgID))
		if errors.Is(err, sql.ErrNoRows) {
			return schakel.Errorf(schakel.ENOTFOUND, "Deze organisatie bestaat niet.")
		}
		if err != nil {
			return err
		}
		o.Committee, o.Task = committee, task
		if err := o.Validate(); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, s.q("UPDATE organisations SET committee = ?, task = ? WHERE id = ?"), o.Committee, o.Task, orgID)
		return err
	})
	if err != nil && schakel.ErrorCode(err) == schakel.EINTERNAL {
		return fmt.Errorf("store: set grouping of organisation %d: %w", orgID, err)
	}
	return err
}
