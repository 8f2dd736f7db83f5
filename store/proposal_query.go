package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
)

const proposalColumns = "id, ministry_id, kind, title, summary, rule_refs, task, planned_entry, text, text_url, state, in_force, " +
	"COALESCE(created_by, 0), created_at, updated_at, version"

func scanProposal(sc interface{ Scan(...any) error }) (*schakel.Proposal, error) {
	var p schakel.Proposal
	var kind, refs, state string
	var planned, inForce sql.NullString
	if err := sc.Scan(&p.ID, &p.MinistryID, &kind, &p.Title, &p.Summary, &refs, &p.Task, &planned, &p.Text, &p.TextURL, &state, &inForce,
		&p.CreatedBy, &p.CreatedAt, &p.UpdatedAt, &p.Version); err != nil {
		return nil, err
	}
	p.Kind, p.State = schakel.ProposalKind(kind), schakel.ProposalState(state)
	p.CreatedAt, p.UpdatedAt = p.CreatedAt.UTC(), p.UpdatedAt.UTC()
	var err error
	if p.RuleRefs, err = parseList(refs); err != nil {
		return nil, fmt.Errorf("proposal %d: rule_refs: %w", p.ID, err)
	}
	if p.PlannedEntry, err = parseNullDate(planned); err != nil {
		return nil, fmt.Errorf("proposal %d: planned_entry: %w", p.ID, err)
	}
	if p.InForce, err = parseNullDate(inForce); err != nil {
		return nil, fmt.Errorf("proposal %d: in_force: %w", p.ID, err)
	}
	return &p, nil
}

// parseNullDate reads a date column: NULL is the zero date.
func parseNullDate(s sql.NullString) (calendar.Date, error) {
	if !s.Valid {
		return calendar.Date{}, nil
	}
	return calendar.ParseDate(s.String)
}

// Proposal implements schakel.ProposalStore.
func (s *Store) Proposal(ctx context.Context, id int64) (*schakel.Proposal, error) {
	p, err := scanProposal(s.read.QueryRowContext(ctx, s.q("SELECT "+proposalColumns+" FROM proposals WHERE id = ?"), id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, schakel.Errorf(schakel.ENOTFOUND, "Voorstel %d bestaat niet.", id)
	}
	if err != nil {
		return nil, fmt.Errorf("store: proposal %d: %w", id, err)
	}
	return p, nil
}

// Proposals implements schakel.ProposalStore: newest first (by id), 50 a
// page unless the filter asks otherwise, at most 500.
func (s *Store) Proposals(ctx context.Context, f schakel.ProposalFilter) ([]*schakel.Proposal, int, error) {
	var where []string
	var args []any
	add := func(cond string, arg any) {
		where = append(where, cond)
		args = append(args, arg)
	}
	if f.MinistryID != 0 {
		add("ministry_id = ?", f.MinistryID)
	}
	if f.Kind != "" {
		add("kind = ?", string(f.Kind))
	}
	if f.State != "" {
		add("state = ?", string(f.State))
	}
	if f.OrganisationID != 0 {
		add("id IN (SELECT proposal_id FROM assessments WHERE organisation_id = ?)", f.OrganisationID)
	}
	if !f.CreatedFrom.IsZero() {
		add("created_at >= ?", instant(f.CreatedFrom))
	}
	if !f.CreatedTo.IsZero() {
		add("created_at < ?", instant(f.CreatedTo))
	}
	return pageOf(ctx, s, listing{what: "proposals", columns: proposalColumns, from: "proposals", where: where, args: args,
		order: "id DESC", limit: f.Limit, offset: f.Offset}, scanProposal)
}

// ProposalEvents implements schakel.ProposalStore; none for a proposal
// that does not exist.
func (s *Store) ProposalEvents(ctx context.Context, id int64) ([]*schakel.ProposalEvent, error) {
	rows, err := s.read.QueryContext(ctx, s.q("SELECT proposal_id, seq, type, COALESCE(by_user, 0), at, digest FROM proposal_events WHERE proposal_id = ? ORDER BY seq"), id)
	if err != nil {
		return nil, fmt.Errorf("store: proposal events: %w", err)
	}
	defer rows.Close()
	var out []*schakel.ProposalEvent
	for rows.Next() {
		var ev schakel.ProposalEvent
		var typ string
		if err := rows.Scan(&ev.ProposalID, &ev.Seq, &typ, &ev.By, &ev.At, &ev.Digest); err != nil {
			return nil, fmt.Errorf("store: proposal events: %w", err)
		}
		ev.Type, ev.At = schakel.ProposalEventType(typ), ev.At.UTC()
		out = append(out, &ev)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: proposal events: %w", err)
	}
	return out, nil
}

// Signature implements schakel.ProposalStore.
func (s *Store) Signature(ctx context.Context, proposalID int64) (*schakel.Signature, error) {
	var sig schakel.Signature
	var covered string
	err := s.read.QueryRowContext(ctx, s.q("SELECT proposal_id, COALESCE(signed_by, 0), at, statement, assessments, digest FROM proposal_signatures WHERE proposal_id = ?"), proposalID).
		Scan(&sig.ProposalID, &sig.SignedBy, &sig.At, &sig.Statement, &covered, &sig.Digest)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, schakel.Errorf(schakel.ENOTFOUND, "Voorstel %d is niet getekend.", proposalID)
	}
	if err != nil {
		return nil, fmt.Errorf("store: signature of proposal %d: %w", proposalID, err)
	}
	sig.At = sig.At.UTC()
	if sig.Assessments, err = parseIDs(covered); err != nil {
		return nil, fmt.Errorf("store: signature of proposal %d: assessments: %w", proposalID, err)
	}
	return &sig, nil
}
