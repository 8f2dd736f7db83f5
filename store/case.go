package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/schakel-nl/schakel"
)

var _ schakel.CaseStore = (*Store)(nil)

const caseColumns = "id, organisation_id, submitted_by, title, situation, parties, rule_refs, intent, harm, principles, urgent, state, created_at, updated_at, version"

func scanCase(sc interface{ Scan(...any) error }) (*schakel.Case, error) {
	var c schakel.Case
	var parties, refs, principles, state string
	if err := sc.Scan(&c.ID, &c.OrganisationID, &c.SubmittedBy, &c.Title, &c.Situation, &parties, &refs, &c.Intent, &c.Harm, &principles,
		&c.Urgent, &state, &c.CreatedAt, &c.UpdatedAt, &c.Version); err != nil {
		return nil, err
	}
	c.State = schakel.CaseState(state)
	c.CreatedAt, c.UpdatedAt = c.CreatedAt.UTC(), c.UpdatedAt.UTC()
	for _, p := range []struct {
		raw string
		dst *[]string
	}{{parties, &c.Parties}, {refs, &c.RuleRefs}, {principles, &c.Principles}} {
		if err := json.Unmarshal([]byte(p.raw), p.dst); err != nil {
			return nil, fmt.Errorf("case %d: %w", c.ID, err)
		}
	}
	return &c, nil
}

// jsonList encodes a list of strings, [] for none.
func jsonList(s []string) string {
	b, _ := json.Marshal(nonNil(s))
	return string(b)
}

// CreateCase implements schakel.CaseStore.
func (s *Store) CreateCase(ctx context.Context, c *schakel.Case) error {
	now := instant(s.Now())
	if c.CreatedAt.IsZero() {
		c.CreatedAt = now
	}
	c.CreatedAt = instant(c.CreatedAt)
	c.UpdatedAt, c.State, c.Version = c.CreatedAt, schakel.CaseSubmitted, 1
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, s.q(`INSERT INTO cases (organisation_id, submitted_by, title, situation, parties, rule_refs, intent, harm, principles, urgent, state, created_at, updated_at, version)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`),
			c.OrganisationID, c.SubmittedBy, c.Title, c.Situation, jsonList(c.Parties), jsonList(c.RuleRefs), c.Intent, c.Harm, jsonList(c.Principles),
			c.Urgent, string(c.State), c.CreatedAt, c.UpdatedAt, c.Version).Scan(&c.ID); err != nil {
			return err
		}
		return s.insertCaseEvent(ctx, tx, &schakel.CaseEvent{CaseID: c.ID, Seq: 1, Type: schakel.CaseEventSubmitted, At: c.CreatedAt, UserID: c.SubmittedBy, State: c.State})
	})
	if err != nil {
		if s.dialect.isForeignKeyViolation(err) {
			return invalidField("organisatie", "unknown", "De organisatie of de indiener bestaat niet.")
		}
		return fmt.Errorf("store: create case: %w", err)
	}
	return nil
}

func (s *Store) insertCaseEvent(ctx context.Context, tx *sql.Tx, ev *schakel.CaseEvent) error {
	_, err := tx.ExecContext(ctx, s.q("INSERT INTO case_events (case_id, seq, type, at, user_id, state, note) VALUES (?, ?, ?, ?, ?, ?, ?)"),
		ev.CaseID, ev.Seq, string(ev.Type), instant(ev.At), nullInt64(ev.UserID), string(ev.State), ev.Note)
	return err
}

// caseStep moves a case to state with an event, if and only if its version
// is still prevVersion; then runs also in the same transaction.
func (s *Store) caseStep(ctx context.Context, caseID int64, prevVersion int, state schakel.CaseState, typ schakel.CaseEventType,
	userID int64, at time.Time, note string, also func(tx *sql.Tx) error) error {
	at = instant(at)
	return s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.q("UPDATE cases SET state = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?"),
			string(state), at, caseID, prevVersion)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			var cur string
			err := tx.QueryRowContext(ctx, s.q("SELECT state FROM cases WHERE id = ?"), caseID).Scan(&cur)
			if errors.Is(err, sql.ErrNoRows) {
				return schakel.Errorf(schakel.ENOTFOUND, "Casus %d bestaat niet.", caseID)
			}
			if err != nil {
				return err
			}
			return schakel.Errorf(schakel.ECONFLICT, "Casus %d is intussen gewijzigd (nu %s); laad hem opnieuw.", caseID, cur)
		}
		if err := s.insertCaseEvent(ctx, tx, &schakel.CaseEvent{CaseID: caseID, Seq: prevVersion + 1, Type: typ, At: at, UserID: userID, State: state, Note: note}); err != nil {
			return err
		}
		if also != nil {
			return also(tx)
		}
		return nil
	})
}

// Case implements schakel.CaseStore.
func (s *Store) Case(ctx context.Context, id int64) (*schakel.Case, error) {
	c, err := scanCase(s.read.QueryRowContext(ctx, s.q("SELECT "+caseColumns+" FROM cases WHERE id = ?"), id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, schakel.Errorf(schakel.ENOTFOUND, "Casus %d bestaat niet.", id)
	}
	if err != nil {
		return nil, fmt.Errorf("store: case %d: %w", id, err)
	}
	return c, nil
}

// Cases implements schakel.CaseStore.
func (s *Store) Cases(ctx context.Context, f schakel.CaseFilter) ([]*schakel.Case, int, error) {
	var where []string
	var args []any
	if f.OrganisationIDs != nil {
		if len(f.OrganisationIDs) == 0 {
			return nil, 0, nil
		}
		where = append(where, "organisation_id IN ("+placeholders(len(f.OrganisationIDs))+")")
		for _, id := range f.OrganisationIDs {
			args = append(args, id)
		}
	}
	if f.State != "" {
		where = append(where, "state = ?")
		args = append(args, string(f.State))
	}
	cond := ""
	if len(where) > 0 {
		cond = " WHERE " + strings.Join(where, " AND ")
	}
	var total int
	if err := s.read.QueryRowContext(ctx, s.q("SELECT COUNT(*) FROM cases"+cond), args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store: count cases: %w", err)
	}
	rows, err := s.read.QueryContext(ctx, s.q("SELECT "+caseColumns+" FROM cases"+cond+" ORDER BY id DESC LIMIT ? OFFSET ?"), append(args, limit(f.Limit), max(f.Offset, 0))...)
	if err != nil {
		return nil, 0, fmt.Errorf("store: cases: %w", err)
	}
	defer rows.Close()
	var out []*schakel.Case
	for rows.Next() {
		c, err := scanCase(rows)
		if err != nil {
			return nil, 0, fmt.Errorf("store: cases: %w", err)
		}
		out = append(out, c)
	}
	return out, total, rows.Err()
}

func placeholders(n int) string { return strings.TrimSuffix(strings.Repeat("?,", n), ",") }

// CaseEvents implements schakel.CaseStore.
func (s *Store) CaseEvents(ctx context.Context, caseID int64) ([]*schakel.CaseEvent, error) {
	rows, err := s.read.QueryContext(ctx, s.q("SELECT case_id, seq, type, at, user_id, state, note FROM case_events WHERE case_id = ? ORDER BY seq"), caseID)
	if err != nil {
		return nil, fmt.Errorf("store: case events: %w", err)
	}
	defer rows.Close()
	var out []*schakel.CaseEvent
	for rows.Next() {
		var ev schakel.CaseEvent
		var typ, state string
		var user sql.NullInt64
		if err := rows.Scan(&ev.CaseID, &ev.Seq, &typ, &ev.At, &user, &state, &ev.Note); err != nil {
			return nil, fmt.Errorf("store: case events: %w", err)
		}
		ev.Type, ev.State, ev.UserID, ev.At = schakel.CaseEventType(typ), schakel.CaseState(state), user.Int64, ev.At.UTC()
		out = append(out, &ev)
	}
	return out, rows.Err()
}

// Invite implements schakel.CaseStore. A submitted case moves into
// deliberation; one in deliberation stays there.
func (s *Store) Invite(ctx context.Context, prevVersion int, inv *schakel.Invitation) error {
	inv.At = instant(inv.At)
	err := s.caseStep(ctx, inv.CaseID, prevVersion, schakel.CaseDeliberation, schakel.CaseEventInvited, inv.InvitedBy, inv.At, string(inv.Perspective),
		func(tx *sql.Tx) error {
			_, err := tx.ExecContext(ctx, s.q("INSERT INTO case_invitations (case_id, perspective, user_id, invited_by, at) VALUES (?, ?, ?, ?, ?)"),
				inv.CaseID, string(inv.Perspective), inv.UserID, inv.InvitedBy, inv.At)
			if err != nil && s.dialect.isUniqueViolation(err) {
				return schakel.Errorf(schakel.ECONFLICT, "Deze persoon is al uitgenodigd voor dit perspectief.")
			}
			if err != nil && s.dialect.isForeignKeyViolation(err) {
				return invalidField("gebruiker", "unknown", "Deze gebruiker bestaat niet.")
			}
			return err
		})
	return wrapCase("invite", err)
}

func wrapCase(op string, err error) error {
	if err == nil || schakel.ErrorCode(err) != schakel.EINTERNAL {
		return err
	}
	return fmt.Errorf("store: %s: %w", op, err)
}

// Invitations implements schakel.CaseStore.
func (s *Store) Invitations(ctx context.Context, caseID int64) ([]*schakel.Invitation, error) {
	rows, err := s.read.QueryContext(ctx, s.q("SELECT case_id, perspective, user_id, invited_by, at FROM case_invitations WHERE case_id = ? ORDER BY at, perspective, user_id"), caseID)
	if err != nil {
		return nil, fmt.Errorf("store: invitations: %w", err)
	}
	defer rows.Close()
	var out []*schakel.Invitation
	for rows.Next() {
		var inv schakel.Invitation
		var p string
		if err := rows.Scan(&inv.CaseID, &p, &inv.UserID, &inv.InvitedBy, &inv.At); err != nil {
			return nil, fmt.Errorf("store: invitations: %w", err)
		}
		inv.Perspective, inv.At = schakel.Perspective(p), inv.At.UTC()
		out = append(out, &inv)
	}
	return out, rows.Err()
}

// AddView implements schakel.CaseStore.
func (s *Store) AddView(ctx context.Context, prevVersion int, v *schakel.View) error {
	v.At = instant(v.At)
	err := s.caseStep(ctx, v.CaseID, prevVersion, schakel.CaseDeliberation, schakel.CaseEventView, v.UserID, v.At, string(v.Perspective),
		func(tx *sql.Tx) error {
			_, err := tx.ExecContext(ctx, s.q("INSERT INTO case_views (case_id, perspective, user_id, text, at) VALUES (?, ?, ?, ?, ?)"),
				v.CaseID, string(v.Perspective), v.UserID, v.Text, v.At)
			return err
		})
	return wrapCase("add view", err)
}

// Views implements schakel.CaseStore.
func (s *Store) Views(ctx context.Context, caseID int64) ([]*schakel.View, error) {
	rows, err := s.read.QueryContext(ctx, s.q("SELECT case_id, perspective, user_id, text, at FROM case_views WHERE case_id = ? ORDER BY id"), caseID)
	if err != nil {
		return nil, fmt.Errorf("store: views: %w", err)
	}
	defer rows.Close()
	var out []*schakel.View
	for rows.Next() {
		var v schakel.View
		var p string
		if err := rows.Scan(&v.CaseID, &p, &v.UserID, &v.Text, &v.At); err != nil {
			return nil, fmt.Errorf("store: views: %w", err)
		}
		v.Perspective, v.At = schakel.Perspective(p), v.At.UTC()
		out = append(out, &v)
	}
	return out, rows.Err()
}

type weighingJSON struct {
	Principle string `json:"beginsel"`
	How       string `json:"hoe"`
}

func weighingsText(ws []schakel.Weighing) string {
	out := make([]weighingJSON, 0, len(ws))
	for _, w := range ws {
		out = append(out, weighingJSON{w.Principle, w.How})
	}
	b, _ := json.Marshal(out)
	return string(b)
}

func parseWeighings(s string) ([]schakel.Weighing, error) {
	var in []weighingJSON
	if err := json.Unmarshal([]byte(s), &in); err != nil {
		return nil, err
	}
	out := make([]schakel.Weighing, 0, len(in))
	for _, w := range in {
		out = append(out, schakel.Weighing{Principle: w.Principle, How: w.How})
	}
	return out, nil
}

// Decide implements schakel.CaseStore.
func (s *Store) Decide(ctx context.Context, prevVersion int, d *schakel.Decision) error {
	d.At = instant(d.At)
	err := s.caseStep(ctx, d.CaseID, prevVersion, schakel.CaseDecided, schakel.CaseEventDecided, d.DecidedBy, d.At, string(d.Outcome),
		func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO case_decisions (case_id, outcome, legal_ground, legal_ground_text, weighings, cost_cents, explanation, decided_by, at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`), d.CaseID, string(d.Outcome), d.LegalGround, d.LegalGroundText, weighingsText(d.Weighings),
				d.CostCents, d.Explanation, d.DecidedBy, d.At); err != nil {
				if s.dialect.isUniqueViolation(err) {
					return schakel.Errorf(schakel.ECONFLICT, "Over casus %d is al besloten.", d.CaseID)
				}
				return err
			}
			if d.Signal == nil {
				return nil
			}
			sig := d.Signal
			sig.CaseID, sig.CreatedAt = d.CaseID, d.At
			return s.raiseSignal(ctx, tx, sig)
		})
	return wrapCase("decide", err)
}

// CaseDecision implements schakel.CaseStore.
func (s *Store) CaseDecision(ctx context.Context, caseID int64) (*schakel.Decision, error) {
	var d schakel.Decision
	var outcome, weighings string
	err := s.read.QueryRowContext(ctx, s.q(`SELECT case_id, outcome, legal_ground, legal_ground_text, weighings, cost_cents, explanation, decided_by, at
		FROM case_decisions WHERE case_id = ?`), caseID).Scan(&d.CaseID, &outcome, &d.LegalGround, &d.LegalGroundText, &weighings, &d.CostCents, &d.Explanation, &d.DecidedBy, &d.At)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, schakel.Errorf(schakel.ENOTFOUND, "Over casus %d is nog niet besloten.", caseID)
	}
	if err != nil {
		return nil, fmt.Errorf("store: decision %d: %w", caseID, err)
	}
	d.Outcome, d.At = schakel.Outcome(outcome), d.At.UTC()
	if d.Weighings, err = parseWeighings(weighings); err != nil {
		return nil, fmt.Errorf("store: decision %d: %w", caseID, err)
	}
	if d.Signal, err = s.caseSignal(ctx, caseID); err != nil {
		return nil, err
	}
	return &d, nil
}

// WithdrawCase implements schakel.CaseStore.
func (s *Store) WithdrawCase(ctx context.Context, prevVersion int, caseID, userID int64, at time.Time, reason string) error {
	return wrapCase("withdraw case", s.caseStep(ctx, caseID, prevVersion, schakel.CaseWithdrawn, schakel.CaseEventWithdrawn, userID, at, reason, nil))
}
