package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/schakel-nl/schakel"
)

const knelpuntColumns = `id, organisation_id, title, summary, solution, proposal, level, state, request_id, merged_into, letter_id, adopted_at,
	signals, citizens_low, citizens_high, cost_once, cost_yearly, refs, principles, created_by, created_at, updated_at, version`

func scanKnelpunt(sc interface{ Scan(...any) error }) (*schakel.Knelpunt, error) {
	var k schakel.Knelpunt
	var solution, level, state, refs, principles string
	var requestID, mergedInto, letterID, createdBy sql.NullInt64
	var adoptedAt sql.NullTime
	if err := sc.Scan(&k.ID, &k.OrganisationID, &k.Title, &k.Summary, &solution, &k.Proposal, &level, &state, &requestID, &mergedInto, &letterID, &adoptedAt,
		&k.Signals, &k.Citizens.Low, &k.Citizens.High, &k.Cost.OnceCents, &k.Cost.YearlyCents, &refs, &principles, &createdBy,
		&k.CreatedAt, &k.UpdatedAt, &k.Version); err != nil {
		return nil, err
	}
	k.Solution, k.Level, k.State = schakel.Solution(solution), schakel.KnelpuntLevel(level), schakel.KnelpuntState(state)
	k.RequestID, k.MergedInto, k.LetterID, k.CreatedBy = requestID.Int64, mergedInto.Int64, letterID.Int64, createdBy.Int64
	k.CreatedAt, k.UpdatedAt = k.CreatedAt.UTC(), k.UpdatedAt.UTC()
	if adoptedAt.Valid {
		k.AdoptedAt = adoptedAt.Time.UTC()
	}
	var err error
	if k.Refs, err = parseList(refs); err != nil {
		return nil, fmt.Errorf("knelpunt %d: refs: %w", k.ID, err)
	}
	if k.Principles, err = parseList(principles); err != nil {
		return nil, fmt.Errorf("knelpunt %d: principles: %w", k.ID, err)
	}
	return &k, nil
}

// Knelpunt implements schakel.KnelpuntStore.
func (s *Store) Knelpunt(ctx context.Context, id int64) (*schakel.Knelpunt, error) {
	k, err := scanKnelpunt(s.read.QueryRowContext(ctx, s.q("SELECT "+knelpuntColumns+" FROM knelpunten WHERE id = ?"), id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, schakel.Errorf(schakel.ENOTFOUND, "Knelpunt %d bestaat niet.", id)
	}
	if err != nil {
		return nil, fmt.Errorf("store: knelpunt %d: %w", id, err)
	}
	if err := s.attachRungs(ctx, []*schakel.Knelpunt{k}); err != nil {
		return nil, err
	}
	return k, nil
}

// attachRungs reads the rungs of ks, in order, in one query.
func (s *Store) attachRungs(ctx context.Context, ks []*schakel.Knelpunt) error {
	if len(ks) == 0 {
		return nil
	}
	byID := make(map[int64]*schakel.Knelpunt, len(ks))
	ids := make([]int64, len(ks))
	for i, k := range ks {
		byID[k.ID], ids[i] = k, k.ID
	}
	cond, arg := s.dialect.inIDs("knelpunt_id", ids)
	rows, err := s.read.QueryContext(ctx, s.q("SELECT knelpunt_id, level, request_id, at FROM knelpunt_rungs WHERE "+cond+" ORDER BY knelpunt_id, position"), arg)
	if err != nil {
		return fmt.Errorf("store: knelpunt rungs: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var r schakel.Rung
		var level string
		if err := rows.Scan(&id, &level, &r.RequestID, &r.At); err != nil {
			return fmt.Errorf("store: knelpunt rungs: %w", err)
		}
		r.Level, r.At = schakel.KnelpuntLevel(level), r.At.UTC()
		byID[id].Rungs = append(byID[id].Rungs, r)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: knelpunt rungs: %w", err)
	}
	return nil
}

// Knelpunten implements schakel.KnelpuntStore. Unsent selects the
// knelpunten adopted by their board (adopted at level bestuur) that are in
// no letter; AdoptedFrom and AdoptedTo bound their adoption whenever set.
func (s *Store) Knelpunten(ctx context.Context, f schakel.KnelpuntFilter) ([]*schakel.Knelpunt, int, error) {
	var where []string
	var args []any
	add := func(cond string, arg ...any) {
		where = append(where, cond)
		args = append(args, arg...)
	}
	if f.OrganisationID != 0 {
		add("organisation_id = ?", f.OrganisationID)
	}
	if f.State != "" {
		add("state = ?", string(f.State))
	}
	if f.Level != "" {
		add("level = ?", string(f.Level))
	}
	if f.Rule != "" {
		add("id IN (SELECT knelpunt_id FROM knelpunt_keys WHERE key = ?)", f.Rule)
	}
	if f.LetterID != 0 {
		add("letter_id = ?", f.LetterID)
	}
	if f.Unsent {
		add("state = ? AND level = ? AND letter_id IS NULL", string(schakel.KnelpuntAdopted), string(schakel.LevelBoard))
	}
	if !f.AdoptedFrom.IsZero() {
		add("adopted_at >= ?", instant(f.AdoptedFrom))
	}
	if !f.AdoptedTo.IsZero() {
		add("adopted_at < ?", instant(f.AdoptedTo))
	}
	if f.Sent {
		add("letter_id IS NOT NULL")
	}
	out, total, err := pageOf(ctx, s, listing{what: "knelpunten", columns: knelpuntColumns, from: "knelpunten", where: where, args: args,
		order: "id DESC", limit: f.Limit, offset: f.Offset}, scanKnelpunt)
	if err != nil {
		return nil, 0, err
	}
	if err := s.attachRungs(ctx, out); err != nil {
		return nil, 0, err
	}
	return out, total, nil
}

// KnelpuntEvents implements schakel.KnelpuntStore.
func (s *Store) KnelpuntEvents(ctx context.Context, id int64) ([]*schakel.KnelpuntEvent, error) {
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT knelpunt_id, seq, type, by_user, signals, other, level, request_id, letter_id, at
		FROM knelpunt_events WHERE knelpunt_id = ? ORDER BY seq`), id)
	if err != nil {
		return nil, fmt.Errorf("store: knelpunt events: %w", err)
	}
	defer rows.Close()
	var out []*schakel.KnelpuntEvent
	for rows.Next() {
		var ev schakel.KnelpuntEvent
		var typ, signals, level string
		var by, other, requestID, letterID sql.NullInt64
		if err := rows.Scan(&ev.KnelpuntID, &ev.Seq, &typ, &by, &signals, &other, &level, &requestID, &letterID, &ev.At); err != nil {
			return nil, fmt.Errorf("store: knelpunt events: %w", err)
		}
		ev.Type, ev.Level, ev.At = schakel.KnelpuntEventType(typ), schakel.KnelpuntLevel(level), ev.At.UTC()
		ev.By, ev.Other, ev.RequestID, ev.LetterID = by.Int64, other.Int64, requestID.Int64, letterID.Int64
		if ev.Signals, err = parseIDs(signals); err != nil {
			return nil, fmt.Errorf("store: knelpunt events of %d: signals: %w", id, err)
		}
		out = append(out, &ev)
	}
	return out, rows.Err()
}

// KnelpuntOfRequest implements schakel.KnelpuntStore.
func (s *Store) KnelpuntOfRequest(ctx context.Context, requestID int64) (int64, error) {
	var id int64
	err := s.read.QueryRowContext(ctx, s.q("SELECT knelpunt_id FROM knelpunt_rungs WHERE request_id = ?"), requestID).Scan(&id)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return 0, nil
	case err != nil:
		return 0, fmt.Errorf("store: knelpunt of request %d: %w", requestID, err)
	}
	return id, nil
}
