package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/comply"
)

var _ schakel.BrakeStore = (*Store)(nil)

const brakeColumns = "b.request_id, b.level, b.identity, b.concerned, b.rule_refs, b.decision_reference, b.decision_date, b.wanted_outcome, b.year, b.receipt_lookup, b.receipt_hash"

func scanBrake(sc interface{ Scan(...any) error }) (*schakel.Brake, error) {
	var b schakel.Brake
	var level, identity, refs string
	var date, lookup, hash sql.NullString
	if err := sc.Scan(&b.RequestID, &level, &identity, &b.Concerned, &refs, &b.DecisionReference, &date, &b.WantedOutcome, &b.Year, &lookup, &hash); err != nil {
		return nil, err
	}
	b.Level, b.Identity = schakel.BrakeLevel(level), schakel.Identity(identity)
	b.ReceiptLookup, b.ReceiptHash = lookup.String, hash.String
	if err := json.Unmarshal([]byte(refs), &b.RuleRefs); err != nil {
		return nil, fmt.Errorf("brake %d: rule_refs: %w", b.RequestID, err)
	}
	if date.Valid {
		d, err := calendar.ParseDate(date.String)
		if err != nil {
			return nil, fmt.Errorf("brake %d: decision_date: %w", b.RequestID, err)
		}
		b.DecisionDate = d
	}
	return &b, nil
}

// CreateBrake implements schakel.BrakeStore. The request is written as
// CreateRequest writes it, in the same transaction as the brake. With a
// budget, the transaction first locks the requesting organisation's row (on
// PostgreSQL; SQLite has one writer), so two boards pulling at once cannot
// both take the last referral.
func (s *Store) CreateBrake(ctx context.Context, b *schakel.Brake, r *schakel.Request, ev *schakel.Event, budget *schakel.ReferralBudget) error {
	if !b.Level.Valid() || !b.Identity.Valid() {
		return fmt.Errorf("store: create brake: level %q, identity %q", b.Level, b.Identity)
	}
	if b.Level.RequestType() != r.Type {
		return fmt.Errorf("store: create brake: a brake of level %s is a request of type %s, not %s", b.Level, b.Level.RequestType(), r.Type)
	}
	if (b.ReceiptLookup == "") != (b.ReceiptHash == "") {
		return fmt.Errorf("store: create brake: a receipt needs both its lookup and its hash")
	}
	data, err := s.prepareCreate(r, ev)
	if err != nil {
		return fmt.Errorf("store: create brake: %w", err)
	}
	refs, err := json.Marshal(nonNil(b.RuleRefs))
	if err != nil {
		return fmt.Errorf("store: create brake: rule references: %w", err)
	}
	var id int64
	err = s.tx(ctx, func(tx *sql.Tx) error {
		if budget != nil {
			if err := s.checkBudget(ctx, tx, budget); err != nil {
				return err
			}
		}
		var err error
		if id, err = s.createInTx(ctx, tx, r, ev, data); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, s.q(`INSERT INTO brakes (request_id, level, identity, concerned, rule_refs, decision_reference, decision_date, wanted_outcome, year, receipt_lookup, receipt_hash)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
			id, string(b.Level), string(b.Identity), b.Concerned, string(refs), b.DecisionReference, nullDate(b.DecisionDate), b.WantedOutcome, b.Year,
			nullString(b.ReceiptLookup), nullString(b.ReceiptHash))
		if err != nil && s.dialect.isUniqueViolation(err) {
			// 40 random bits: a collision is rare enough to let the caller
			// draw a new code.
			return schakel.Errorf(schakel.ECONFLICT, "Deze ontvangstcode bestaat al; probeer het opnieuw.")
		}
		if err == nil && b.ContactEmail != "" {
			err = s.insertBrakeContact(ctx, tx, id, b.ContactEmail, r.CreatedAt)
		}
		return err
	})
	if err != nil {
		return s.createFailed(ctx, r, err, "brake")
	}
	r.ID, ev.RequestID, b.RequestID = id, id, id
	b.Request = r
	return nil
}

// checkBudget refuses a brake when its organisation spent the year's
// referrals, holding a lock on the organisation's row until tx ends.
func (s *Store) checkBudget(ctx context.Context, tx *sql.Tx, budget *schakel.ReferralBudget) error {
	var orgID int64
	err := tx.QueryRowContext(ctx, s.q("SELECT id FROM organisations WHERE id = ?"+s.dialect.lockRow()), budget.OrganisationID).Scan(&orgID)
	if errors.Is(err, sql.ErrNoRows) {
		return invalidField(comply.FieldOnBehalfOf, "unknown", "Organisatie %d bestaat niet.", budget.OrganisationID)
	}
	if err != nil {
		return err
	}
	used, err := s.referralsUsed(ctx, tx, budget.OrganisationID, budget.Year)
	if err != nil {
		return err
	}
	if used >= budget.Limit {
		return &schakel.Error{Code: schakel.ECONFLICT, Message: fmt.Sprintf(
			"Het budget van %d doorverwijzing(en) per jaar is voor %d op. Het wordt op 1 januari %d weer aangevuld; een doorverwijzing waarop het ministerie het verzoek volgt (comply), komt eerder terug.",
			budget.Limit, budget.Year, budget.Year+1)}
	}
	return nil
}

// referralsSQL counts the organisation's brakes of a year that hold a
// referral: pending ones, and those answered by explain. A comply gives the
// referral back, and so does a partial answer (deels: the ministry changes
// part of what was returned) and a withdrawal before any explain; withdrawing
// after an explain (answered, or contested and escalated) does not, or a
// board could win its referral back from every explain.
const referralsSQL = `SELECT COUNT(*) FROM brakes b JOIN requests r ON r.id = b.request_id
	WHERE b.level = 'organisatie' AND b.year = ? AND r.requester_org_id = ? AND r.answer_kind NOT IN ('comply', 'deels')
	AND NOT (r.state = 'ingetrokken' AND r.answer_kind = '' AND NOT r.contested)`

func (s *Store) referralsUsed(ctx context.Context, q queryer, orgID int64, year int) (int, error) {
	var n int
	err := q.QueryRowContext(ctx, s.q(referralsSQL), year, orgID).Scan(&n)
	return n, err
}

// ReferralsUsed implements schakel.BrakeStore.
func (s *Store) ReferralsUsed(ctx context.Context, organisationID int64, year int) (int, error) {
	n, err := s.referralsUsed(ctx, s.read, organisationID, year)
	if err != nil {
		return 0, fmt.Errorf("store: referrals used by %d in %d: %w", organisationID, year, err)
	}
	return n, nil
}

// Brake implements schakel.BrakeStore.
func (s *Store) Brake(ctx context.Context, requestID int64) (*schakel.Brake, error) {
	return s.oneBrake(ctx, "b.request_id = ?", requestID, fmt.Sprintf("Noodrem %d bestaat niet.", requestID))
}

// BrakeByReceipt implements schakel.BrakeStore.
func (s *Store) BrakeByReceipt(ctx context.Context, lookup string) (*schakel.Brake, error) {
	if lookup == "" {
		return nil, schakel.Errorf(schakel.ENOTFOUND, "Er is geen noodrem met deze ontvangstcode.")
	}
	return s.oneBrake(ctx, "b.receipt_lookup = ?", lookup, "Er is geen noodrem met deze ontvangstcode.")
}

func (s *Store) oneBrake(ctx context.Context, cond string, arg any, notFound string) (*schakel.Brake, error) {
	b, err := scanBrake(s.read.QueryRowContext(ctx, s.q("SELECT "+brakeColumns+" FROM brakes b WHERE "+cond), arg))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, &schakel.Error{Code: schakel.ENOTFOUND, Message: notFound}
	}
	if err != nil {
		return nil, fmt.Errorf("store: brake: %w", err)
	}
	if b.Request, err = s.Request(ctx, b.RequestID); err != nil {
		return nil, err
	}
	return b, nil
}

// Brakes implements schakel.BrakeStore.
func (s *Store) Brakes(ctx context.Context, f schakel.BrakeFilter) ([]*schakel.Brake, int, error) {
	var where []string
	var args []any
	if f.Level != "" {
		where = append(where, "b.level = ?")
		args = append(args, string(f.Level))
	}
	if f.AddresseeOrganisationID != 0 {
		where = append(where, "EXISTS (SELECT 1 FROM request_rungs g WHERE g.request_id = b.request_id AND g.rung = 0 AND g.organisation_id = ?)")
		args = append(args, f.AddresseeOrganisationID)
	}
	if f.Principle != "" {
		where = append(where, "EXISTS (SELECT 1 FROM request_grounds p WHERE p.request_id = b.request_id AND p.principle_code = ?)")
		args = append(args, f.Principle)
	}
	if f.State != "" {
		where = append(where, "r.state = ?")
		args = append(args, string(f.State))
	}
	// created_at is UTC; a day in the Netherlands starts at midnight there.
	if !f.From.IsZero() {
		where = append(where, "r.created_at >= ?")
		args = append(args, instant(calendar.StartOf(f.From)))
	}
	if !f.To.IsZero() {
		where = append(where, "r.created_at < ?")
		args = append(args, instant(calendar.StartOf(f.To.AddDays(1))))
	}
	if f.Missed != nil {
		if *f.Missed {
			where = append(where, "(r.missed_count > 0 OR r.answered_late)")
		} else {
			where = append(where, "(r.missed_count = 0 AND NOT r.answered_late)")
		}
	}
	cond := ""
	if len(where) > 0 {
		cond = " WHERE " + strings.Join(where, " AND ")
	}
	from := " FROM brakes b JOIN requests r ON r.id = b.request_id"
	var total int
	if err := s.read.QueryRowContext(ctx, s.q("SELECT COUNT(*)"+from+cond), args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store: count brakes: %w", err)
	}
	rows, err := s.read.QueryContext(ctx, s.q("SELECT "+brakeColumns+from+cond+" ORDER BY b.request_id DESC LIMIT ? OFFSET ?"),
		append(args, limit(f.Limit), max(f.Offset, 0))...)
	if err != nil {
		return nil, 0, fmt.Errorf("store: brakes: %w", err)
	}
	defer rows.Close()
	var out []*schakel.Brake
	var ids []int64
	for rows.Next() {
		b, err := scanBrake(rows)
		if err != nil {
			return nil, 0, fmt.Errorf("store: brakes: %w", err)
		}
		out = append(out, b)
		ids = append(ids, b.RequestID)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("store: brakes: %w", err)
	}
	rows.Close()
	if len(ids) == 0 {
		return out, total, nil
	}
	ph := strings.TrimSuffix(strings.Repeat("?,", len(ids)), ",")
	idArgs := make([]any, len(ids))
	for i, id := range ids {
		idArgs[i] = id
	}
	reqs, err := s.queryRequests(ctx, "SELECT "+requestColumns+" FROM requests WHERE id IN ("+ph+")", idArgs...)
	if err != nil {
		return nil, 0, fmt.Errorf("store: brakes: requests: %w", err)
	}
	byID := make(map[int64]*schakel.Request, len(reqs))
	for _, r := range reqs {
		byID[r.ID] = r
	}
	for _, b := range out {
		b.Request = byID[b.RequestID]
	}
	return out, total, nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
