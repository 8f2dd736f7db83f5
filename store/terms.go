package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
)

var _ schakel.TermStore = (*Store)(nil)

const termColumns = "organisation_id, type, ack_term, answer_term, urgent_term, max_extension_term, outer_term, reminder_working_days, updated_at, updated_by"

// termText is the stored form of a term: its String, or "" for none.
func termText(t calendar.Term) string {
	if t == (calendar.Term{}) {
		return ""
	}
	return t.String()
}

// storedTerm parses a term written by termText.
func storedTerm(s string) (calendar.Term, error) {
	if s == "" {
		return calendar.Term{}, nil
	}
	return calendar.ParseTermText(s)
}

func scanTermSetting(sc interface{ Scan(...any) error }) (*schakel.TermSetting, error) {
	var ts schakel.TermSetting
	var typ string
	var texts [5]string
	var by sql.NullInt64
	if err := sc.Scan(&ts.OrganisationID, &typ, &texts[0], &texts[1], &texts[2], &texts[3], &texts[4], &ts.ReminderWorkingDays, &ts.UpdatedAt, &by); err != nil {
		return nil, err
	}
	ts.Type, ts.UpdatedBy, ts.UpdatedAt = schakel.RequestType(typ), by.Int64, ts.UpdatedAt.UTC()
	for i, dst := range []*calendar.Term{&ts.Ack, &ts.Answer, &ts.Urgent, &ts.MaxExtension, &ts.Outer} {
		t, err := storedTerm(texts[i])
		if err != nil {
			return nil, fmt.Errorf("stored term %q: %w", texts[i], err)
		}
		*dst = t
	}
	return &ts, nil
}

// termsJSON is a setting as the change log keeps it.
type termsJSON struct {
	Ack          string    `json:"ontvangst,omitempty"`
	Answer       string    `json:"antwoord"`
	Urgent       string    `json:"spoed,omitempty"`
	MaxExtension string    `json:"maximaleVerlenging,omitempty"`
	Outer        string    `json:"buitengrens,omitempty"`
	Reminder     int       `json:"herinneringWerkdagen"`
	UpdatedAt    time.Time `json:"gewijzigdOp"`
	UpdatedBy    int64     `json:"gewijzigdDoor,omitempty"`
}

func encodeTerms(ts *schakel.TermSetting) sql.NullString {
	if ts == nil {
		return sql.NullString{}
	}
	b, _ := json.Marshal(termsJSON{Ack: termText(ts.Ack), Answer: termText(ts.Answer), Urgent: termText(ts.Urgent),
		MaxExtension: termText(ts.MaxExtension), Outer: termText(ts.Outer), Reminder: ts.ReminderWorkingDays,
		UpdatedAt: ts.UpdatedAt.UTC(), UpdatedBy: ts.UpdatedBy})
	return sql.NullString{String: string(b), Valid: true}
}

func decodeTerms(s sql.NullString, org int64, typ schakel.RequestType) (*schakel.TermSetting, error) {
	if !s.Valid {
		return nil, nil
	}
	var j termsJSON
	if err := json.Unmarshal([]byte(s.String), &j); err != nil {
		return nil, err
	}
	ts := &schakel.TermSetting{OrganisationID: org, Type: typ, ReminderWorkingDays: j.Reminder, UpdatedAt: j.UpdatedAt.UTC(), UpdatedBy: j.UpdatedBy}
	for _, f := range []struct {
		text string
		dst  *calendar.Term
	}{{j.Ack, &ts.Ack}, {j.Answer, &ts.Answer}, {j.Urgent, &ts.Urgent}, {j.MaxExtension, &ts.MaxExtension}, {j.Outer, &ts.Outer}} {
		t, err := storedTerm(f.text)
		if err != nil {
			return nil, err
		}
		*f.dst = t
	}
	return ts, nil
}

// sameTerms reports whether a and b configure the same terms.
func sameTerms(a, b *schakel.TermSetting) bool {
	return a.Ack == b.Ack && a.Answer == b.Answer && a.Urgent == b.Urgent && a.MaxExtension == b.MaxExtension &&
		a.Outer == b.Outer && a.ReminderWorkingDays == b.ReminderWorkingDays
}

// lockTerms locks the organisation's row for the rest of tx, so that
// changes to its terms are applied and logged one after the other (each
// change's old is the previous one's new), and reports whether it exists.
func (s *Store) lockTerms(ctx context.Context, tx *sql.Tx, org int64) (bool, error) {
	var one int
	err := tx.QueryRowContext(ctx, s.q("SELECT 1 FROM organisations WHERE id = ?"+s.dialect.lockRow()), org).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}

// currentTerms returns the stored setting in tx, or nil when there is none.
func (s *Store) currentTerms(ctx context.Context, tx *sql.Tx, org int64, typ schakel.RequestType) (*schakel.TermSetting, error) {
	ts, err := scanTermSetting(tx.QueryRowContext(ctx, s.q("SELECT "+termColumns+" FROM term_settings WHERE organisation_id = ? AND type = ?"), org, string(typ)))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return ts, err
}

func (s *Store) appendTermChange(ctx context.Context, tx *sql.Tx, org int64, typ schakel.RequestType, at time.Time, by int64, before, after *schakel.TermSetting) error {
	_, err := tx.ExecContext(ctx, s.q("INSERT INTO term_setting_changes (organisation_id, type, changed_at, changed_by, old_terms, new_terms) VALUES (?, ?, ?, ?, ?, ?)"),
		org, string(typ), at, nullInt64(by), encodeTerms(before), encodeTerms(after))
	return err
}

// SetTerms implements schakel.TermStore.
func (s *Store) SetTerms(ctx context.Context, ts *schakel.TermSetting) error {
	if err := ts.Validate(); err != nil {
		return err
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		ok, err := s.lockTerms(ctx, tx, ts.OrganisationID)
		if err != nil {
			return err
		}
		if !ok {
			return &schakel.Error{Code: schakel.EINVALID, Message: "De invoer is niet geldig.", Fields: []schakel.FieldError{
				{Field: "organisatieId", Code: "unknown", Format: "Organisatie %d bestaat niet.", Args: []any{ts.OrganisationID}}}}
		}
		old, err := s.currentTerms(ctx, tx, ts.OrganisationID, ts.Type)
		if err != nil {
			return err
		}
		if old != nil && sameTerms(old, ts) {
			ts.UpdatedAt, ts.UpdatedBy = old.UpdatedAt, old.UpdatedBy
			return nil
		}
		now := s.Now()
		_, err = tx.ExecContext(ctx, s.q(`INSERT INTO term_settings (`+termColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (organisation_id, type) DO UPDATE SET ack_term = excluded.ack_term, answer_term = excluded.answer_term,
			urgent_term = excluded.urgent_term, max_extension_term = excluded.max_extension_term, outer_term = excluded.outer_term,
			reminder_working_days = excluded.reminder_working_days, updated_at = excluded.updated_at, updated_by = excluded.updated_by`),
			ts.OrganisationID, string(ts.Type), termText(ts.Ack), termText(ts.Answer), termText(ts.Urgent), termText(ts.MaxExtension),
			termText(ts.Outer), ts.ReminderWorkingDays, now, nullInt64(ts.UpdatedBy))
		if s.dialect.isForeignKeyViolation(err) {
			// The organisation is locked and exists: the user does not.
			return &schakel.Error{Code: schakel.EINVALID, Message: "De invoer is niet geldig.", Fields: []schakel.FieldError{
				{Field: "gewijzigdDoor", Code: "unknown", Format: "Gebruiker %d bestaat niet.", Args: []any{ts.UpdatedBy}}}}
		}
		if err != nil {
			return err
		}
		ts.UpdatedAt = now
		return s.appendTermChange(ctx, tx, ts.OrganisationID, ts.Type, now, ts.UpdatedBy, old, ts)
	})
	if err != nil && schakel.ErrorCode(err) == schakel.EINTERNAL {
		return fmt.Errorf("store: set terms of %s at organisation %d: %w", ts.Type, ts.OrganisationID, err)
	}
	return err
}

// DeleteTerms implements schakel.TermStore.
func (s *Store) DeleteTerms(ctx context.Context, org int64, typ schakel.RequestType, by int64) error {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if ok, err := s.lockTerms(ctx, tx, org); err != nil || !ok {
			return err
		}
		old, err := s.currentTerms(ctx, tx, org, typ)
		if err != nil || old == nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, s.q("DELETE FROM term_settings WHERE organisation_id = ? AND type = ?"), org, string(typ)); err != nil {
			return err
		}
		err = s.appendTermChange(ctx, tx, org, typ, s.Now(), by, old, nil)
		if s.dialect.isForeignKeyViolation(err) {
			return &schakel.Error{Code: schakel.EINVALID, Message: "De invoer is niet geldig.", Fields: []schakel.FieldError{
				{Field: "gewijzigdDoor", Code: "unknown", Format: "Gebruiker %d bestaat niet.", Args: []any{by}}}}
		}
		return err
	})
	if err != nil && schakel.ErrorCode(err) == schakel.EINTERNAL {
		return fmt.Errorf("store: delete terms of %s at organisation %d: %w", typ, org, err)
	}
	return err
}

// TermSettings implements schakel.TermStore.
func (s *Store) TermSettings(ctx context.Context, org int64) ([]schakel.TermSetting, error) {
	query := "SELECT " + termColumns + " FROM term_settings"
	var args []any
	if org != 0 {
		query += " WHERE organisation_id = ?"
		args = append(args, org)
	}
	rows, err := s.readRows(ctx, query+" ORDER BY organisation_id, type", args...)
	if err != nil {
		return nil, fmt.Errorf("store: term settings: %w", err)
	}
	defer rows.Close()
	var out []schakel.TermSetting
	for rows.Next() {
		ts, err := scanTermSetting(rows)
		if err != nil {
			return nil, fmt.Errorf("store: term settings: %w", err)
		}
		out = append(out, *ts)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: term settings: %w", err)
	}
	return out, nil
}

// TermChanges implements schakel.TermStore.
func (s *Store) TermChanges(ctx context.Context, org int64) ([]*schakel.TermChange, error) {
	rows, err := s.readRows(ctx, "SELECT id, organisation_id, type, changed_at, changed_by, old_terms, new_terms FROM term_setting_changes WHERE organisation_id = ? ORDER BY id", org)
	if err != nil {
		return nil, fmt.Errorf("store: term changes: %w", err)
	}
	defer rows.Close()
	var out []*schakel.TermChange
	for rows.Next() {
		var c schakel.TermChange
		var typ string
		var by sql.NullInt64
		var before, after sql.NullString
		if err := rows.Scan(&c.ID, &c.OrganisationID, &typ, &c.At, &by, &before, &after); err != nil {
			return nil, fmt.Errorf("store: term changes: %w", err)
		}
		c.Type, c.By, c.At = schakel.RequestType(typ), by.Int64, c.At.UTC()
		if c.Old, err = decodeTerms(before, c.OrganisationID, c.Type); err != nil {
			return nil, fmt.Errorf("store: term change %d: %w", c.ID, err)
		}
		if c.New, err = decodeTerms(after, c.OrganisationID, c.Type); err != nil {
			return nil, fmt.Errorf("store: term change %d: %w", c.ID, err)
		}
		out = append(out, &c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: term changes: %w", err)
	}
	return out, nil
}
