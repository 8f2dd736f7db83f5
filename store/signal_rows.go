package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/schakel-nl/schakel"
)

// anchorRow is how an anchor is kept in the anchors column of signals.
type anchorRow struct {
	Ref     string `json:"ref"`
	Version int    `json:"version"`
}

// anchorsText encodes anchors for the anchors column.
func anchorsText(anchors []schakel.Anchor) string {
	rows := make([]anchorRow, len(anchors))
	for i, a := range anchors {
		rows[i] = anchorRow{Ref: a.Ref, Version: a.Version}
	}
	b, _ := json.Marshal(rows) // a slice of plain structs always encodes
	return string(b)
}

// parseAnchors decodes the anchors column.
func parseAnchors(text string) ([]schakel.Anchor, error) {
	var rows []anchorRow
	if err := json.Unmarshal([]byte(text), &rows); err != nil {
		return nil, err
	}
	out := make([]schakel.Anchor, len(rows))
	for i, r := range rows {
		out[i] = schakel.Anchor{Ref: r.Ref, Version: r.Version}
	}
	return out, nil
}

// raiseSignal inserts a raised signal (state concept) with its first event
// in tx, setting its ID.
func (s *Store) raiseSignal(ctx context.Context, tx *sql.Tx, sig *schakel.Signal) error {
	sig.State = schakel.SignalRaised
	if err := tx.QueryRowContext(ctx, s.q(`INSERT INTO signals (case_id, organisation_id, state, anchors, proposal, created_at)
		VALUES (?, ?, 'concept', ?, ?, ?) RETURNING id`),
		nullInt64(sig.CaseID), sig.OrganisationID, anchorsText(sig.Anchors), sig.Proposal, sig.CreatedAt).Scan(&sig.ID); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, s.q("INSERT INTO signal_events (signal_id, type, at) VALUES (?, ?, ?)"), sig.ID, string(schakel.SignalEventRaised), sig.CreatedAt)
	return err
}

// caseSignal returns the signal the solve of a case raised, or nil.
func (s *Store) caseSignal(ctx context.Context, caseID int64) (*schakel.Signal, error) {
	var sig schakel.Signal
	var anchors, state string
	err := s.read.QueryRowContext(ctx, s.q("SELECT id, case_id, organisation_id, state, anchors, proposal, created_at FROM signals WHERE case_id = ? ORDER BY id LIMIT 1"), caseID).
		Scan(&sig.ID, &sig.CaseID, &sig.OrganisationID, &state, &anchors, &sig.Proposal, &sig.CreatedAt)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil, nil
	case err != nil:
		return nil, fmt.Errorf("store: signal of %d: %w", caseID, err)
	}
	if sig.Anchors, err = parseAnchors(anchors); err != nil {
		return nil, fmt.Errorf("store: signal of %d: %w", caseID, err)
	}
	sig.State, sig.CreatedAt = schakel.SignalState(state), sig.CreatedAt.UTC()
	return &sig, nil
}
