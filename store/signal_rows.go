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

// conflictRow is how a principle in conflict is kept in the conflicts
// column of signals.
type conflictRow struct {
	Principle string `json:"principle"`
	Text      string `json:"text"`
}

// evidenceRow is how a piece of evidence is kept in the evidence column of
// signals.
type evidenceRow struct {
	Kind string `json:"kind"`
	ID   int64  `json:"id"`
}

// conflictsText encodes the principles in conflict for the conflicts column.
func conflictsText(gs []schakel.Ground) string {
	rows := make([]conflictRow, len(gs))
	for i, g := range gs {
		rows[i] = conflictRow{Principle: g.Principle, Text: g.Text}
	}
	b, _ := json.Marshal(rows) // a slice of plain structs always encodes
	return string(b)
}

// evidenceText encodes the evidence for the evidence column.
func evidenceText(ev []schakel.Evidence) string {
	rows := make([]evidenceRow, len(ev))
	for i, e := range ev {
		rows[i] = evidenceRow{Kind: string(e.Kind), ID: e.ID}
	}
	b, _ := json.Marshal(rows)
	return string(b)
}

// idsText encodes a list of ids as a JSON array, [] for none.
func idsText(ids []int64) string {
	if ids == nil {
		ids = []int64{}
	}
	b, _ := json.Marshal(ids)
	return string(b)
}

// parseIDs decodes a JSON array of ids; nil for none.
func parseIDs(text string) ([]int64, error) {
	var ids []int64
	if err := json.Unmarshal([]byte(text), &ids); err != nil {
		return nil, err
	}
	if len(ids) == 0 {
		return nil, nil
	}
	return ids, nil
}

// parseList decodes a JSON array of strings; nil for none.
func parseList(text string) ([]string, error) {
	var out []string
	if err := json.Unmarshal([]byte(text), &out); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, nil
	}
	return out, nil
}

// signalColumns are the columns scanSignal reads, in its order.
const signalColumns = `id, organisation_id, state, case_id, title, anchors, affected_group, effect, citizens_low, citizens_high, citizens_method,
	solution, proposal, cost_once, cost_yearly, cost_borne_by, conflicts, evidence, knelpunt_id, filed_by, created_at, filed_at`

// scanSignal reads a row of signalColumns. Lists that are empty read as
// nil, so a signal reads back as it was filed whether its lists were nil
// or empty.
func scanSignal(sc interface{ Scan(...any) error }) (*schakel.Signal, error) {
	var sig schakel.Signal
	var state, anchors, solution, conflicts, evidence string
	var caseID, knelpuntID, filedBy sql.NullInt64
	var filedAt sql.NullTime
	if err := sc.Scan(&sig.ID, &sig.OrganisationID, &state, &caseID, &sig.Title, &anchors, &sig.Group, &sig.Effect,
		&sig.Citizens.Low, &sig.Citizens.High, &sig.Citizens.Method, &solution, &sig.Proposal, &sig.Cost.OnceCents, &sig.Cost.YearlyCents,
		&sig.Cost.BorneBy, &conflicts, &evidence, &knelpuntID, &filedBy, &sig.CreatedAt, &filedAt); err != nil {
		return nil, err
	}
	sig.State, sig.Solution = schakel.SignalState(state), schakel.Solution(solution)
	sig.CaseID, sig.KnelpuntID, sig.FiledBy = caseID.Int64, knelpuntID.Int64, filedBy.Int64
	sig.CreatedAt = sig.CreatedAt.UTC()
	if filedAt.Valid {
		sig.FiledAt = filedAt.Time.UTC()
	}
	var err error
	if sig.Anchors, err = parseAnchors(anchors); err != nil {
		return nil, fmt.Errorf("signal %d: anchors: %w", sig.ID, err)
	}
	if len(sig.Anchors) == 0 {
		sig.Anchors = nil
	}
	var cs []conflictRow
	if err := json.Unmarshal([]byte(conflicts), &cs); err != nil {
		return nil, fmt.Errorf("signal %d: conflicts: %w", sig.ID, err)
	}
	for _, c := range cs {
		sig.Conflicts = append(sig.Conflicts, schakel.Ground{Principle: c.Principle, Text: c.Text})
	}
	var es []evidenceRow
	if err := json.Unmarshal([]byte(evidence), &es); err != nil {
		return nil, fmt.Errorf("signal %d: evidence: %w", sig.ID, err)
	}
	for _, e := range es {
		sig.Evidence = append(sig.Evidence, schakel.Evidence{Kind: schakel.EvidenceKind(e.Kind), ID: e.ID})
	}
	return &sig, nil
}
