package store

import (
	"context"
	"fmt"

	"github.com/schakel-nl/schakel"
)

// RequestTallies implements schakel.TallyStore: one grouping query over the
// covering index requests_figures (migration 00015), so a year of requests
// is counted without reading their texts or their events.
func (s *Store) RequestTallies(ctx context.Context, f schakel.TallyFilter) ([]schakel.RequestTally, error) {
	now := instant(f.Now)
	if now.IsZero() {
		now = s.Now()
	}
	days := s.dialect.wholeDays("created_at", "answered_at")
	// As of now: an answer given after it is not yet given, so a report
	// generated later for an earlier cut-off counts what was known then.
	answered := "(answered_at IS NOT NULL AND answered_at <= ?)"
	open := "(state IN " + awaitingAnswer + " OR NOT " + answered + ")"
	query := `SELECT type, COALESCE(first_org_id, 0), COALESCE(requester_org_id, 0),
		` + open + ` AND state NOT IN ('gesloten', 'ingetrokken') AS is_open,
		` + open + ` AND state NOT IN ('gesloten', 'ingetrokken') AND answer_deadline <= ? AS overdue,
		CASE WHEN ` + answered + ` THEN answer_kind ELSE '' END,
		CASE WHEN ` + answered + ` THEN ` + days + ` ELSE -1 END AS days,
		answered_late OR missed_count > 0 AS late, missed_count > 0 AS missed, rung > 0 AS escalated,
		COUNT(*)
		FROM requests WHERE created_at >= ? AND created_at < ?
		GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10`
	rows, err := s.readRows(ctx, query, now, now, now, now, now, instant(f.From), instant(f.To))
	if err != nil {
		return nil, fmt.Errorf("store: request tallies: %w", err)
	}
	defer rows.Close()
	var out []schakel.RequestTally
	for rows.Next() {
		var t schakel.RequestTally
		var typ, answer string
		if err := rows.Scan(&typ, &t.FirstOrganisationID, &t.RequesterOrganisationID, &t.Open, &t.Overdue, &answer,
			&t.AnswerDays, &t.Late, &t.Missed, &t.Escalated, &t.Count); err != nil {
			return nil, fmt.Errorf("store: request tallies: %w", err)
		}
		t.Type, t.Answer = schakel.RequestType(typ), schakel.AnswerKind(answer)
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: request tallies: %w", err)
	}
	return out, nil
}

// KnelpuntLawTallies implements schakel.LawTallyStore from the law keys of
// the knelpunten (knelpunt_keys, kept when signals join, merge or split).
func (s *Store) KnelpuntLawTallies(ctx context.Context, f schakel.TallyFilter) ([]schakel.LawTally, error) {
	rows, err := s.readRows(ctx, `SELECT substr(kk.key, 5), k.organisation_id, COUNT(*), SUM(k.citizens_low), SUM(k.citizens_high),
		SUM(k.cost_once), SUM(k.cost_yearly)
		FROM knelpunt_keys kk JOIN knelpunten k ON k.id = kk.knelpunt_id
		WHERE kk.key LIKE 'wet:%' AND k.level IN ('ministerie', 'parlement') AND k.state <> 'samengevoegd'
		AND k.created_at >= ? AND k.created_at < ?
		GROUP BY 1, 2`, instant(f.From), instant(f.To))
	if err != nil {
		return nil, fmt.Errorf("store: knelpunt law tallies: %w", err)
	}
	defer rows.Close()
	var out []schakel.LawTally
	for rows.Next() {
		var t schakel.LawTally
		if err := rows.Scan(&t.Law, &t.OrganisationID, &t.Knelpunten, &t.CitizensLow, &t.CitizensHigh, &t.CostOnceCents, &t.CostYearlyCents); err != nil {
			return nil, fmt.Errorf("store: knelpunt law tallies: %w", err)
		}
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: knelpunt law tallies: %w", err)
	}
	return out, nil
}
