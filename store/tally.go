package store

import (
	"context"
	"fmt"

	"github.com/schakel-nl/schakel"
)

// RequestTallies implements schakel.TallyStore. Live (without AsOf) it is
// one grouping query that reads the index requests_tally (migration 00018)
// in the order it groups by, so a year of requests is counted without
// sorting them or reading their texts or events.
func (s *Store) RequestTallies(ctx context.Context, f schakel.TallyFilter) ([]schakel.RequestTally, error) {
	now := instant(f.Now)
	if now.IsZero() {
		now = s.Now()
	}
	if f.AsOf {
		return s.tallies(ctx, s.asOfTallyQuery(), now, now, now, now, now, instant(f.From), instant(f.To))
	}
	period, args := s.dialect.creationPeriod(instant(f.From), instant(f.To))
	out, err := s.tallies(ctx, fmt.Sprintf(liveTallyQuery, period), args...)
	if err != nil {
		return nil, err
	}
	overdue, err := s.tallies(ctx, fmt.Sprintf(overdueTallyQuery, period), append([]any{now}, args...)...)
	if err != nil {
		return nil, err
	}
	return addOverdue(out, overdue), nil
}

// addOverdue sets the overdue count of each tally of all from the tallies
// of the overdue requests, which have the same keys.
func addOverdue(all, overdue []schakel.RequestTally) []schakel.RequestTally {
	if len(overdue) == 0 {
		return all
	}
	n := make(map[schakel.RequestTally]int, len(overdue))
	for _, t := range overdue {
		c := t.Count
		t.Count, t.Overdue = 0, 0
		n[t] += c
	}
	for i, t := range all {
		key := t
		key.Count, key.Overdue = 0, 0
		all[i].Overdue = n[key]
	}
	return all
}

// tallies runs one of the tally queries.
func (s *Store) tallies(ctx context.Context, query string, args ...any) ([]schakel.RequestTally, error) {
	rows, err := s.readRows(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("store: request tallies: %w", err)
	}
	defer rows.Close()
	var out []schakel.RequestTally
	for rows.Next() {
		var t schakel.RequestTally
		var typ, answer string
		var flags int
		if err := rows.Scan(&typ, &t.FirstOrganisationID, &t.RequesterOrganisationID, &answer, &t.AnswerDays, &flags, &t.Overdue, &t.Count); err != nil {
			return nil, fmt.Errorf("store: request tallies: %w", err)
		}
		t.Type, t.Answer = schakel.RequestType(typ), schakel.AnswerKind(answer)
		t.Open, t.Late, t.Missed, t.Escalated = flags&flagOpen != 0, flags&flagLate != 0, flags&flagMissed != 0, flags&flagEscalated != 0
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: request tallies: %w", err)
	}
	return out, nil
}

// liveTallyQuery groups by the columns of requests_tally in its order.
// Whether an open request is overdue depends on the instant asked, so the
// overdue ones are counted apart (overdueTallyQuery), from the index of
// open requests by deadline, and matched by key.
const (
	liveTallyQuery = `SELECT type, COALESCE(first_org_id, 0), COALESCE(requester_org_id, 0), answer_kind, COALESCE(answer_days, -1), figure_flags,
	0, COUNT(*)
	FROM requests WHERE %s
	GROUP BY type, first_org_id, requester_org_id, answer_kind, answer_days, figure_flags`
	overdueTallyQuery = `SELECT type, COALESCE(first_org_id, 0), COALESCE(requester_org_id, 0), answer_kind, COALESCE(answer_days, -1), figure_flags,
	0, COUNT(*)
	FROM requests WHERE state IN ` + awaitingAnswer + ` AND answer_deadline <= ? AND %s
	GROUP BY type, first_org_id, requester_org_id, answer_kind, answer_days, figure_flags`
)

// asOfTallyQuery counts as of an instant: an answer given after it is not
// yet given, so the request is open and unanswered; what else it says
// (late, missed, escalated) is read as it stands.
func (s *Store) asOfTallyQuery() string {
	answered := "(answered_at IS NOT NULL AND answered_at <= ?)"
	open := "(figure_flags & 1 = 1 OR (NOT " + answered + " AND state NOT IN ('gesloten', 'ingetrokken')))"
	return `SELECT type, COALESCE(first_org_id, 0), COALESCE(requester_org_id, 0),
		CASE WHEN ` + answered + ` THEN answer_kind ELSE '' END,
		CASE WHEN ` + answered + ` THEN answer_days ELSE -1 END AS days,
		(CASE WHEN ` + open + ` THEN 1 ELSE 0 END) | (figure_flags & 14) AS flags,
		SUM(CASE WHEN ` + open + ` AND answer_deadline <= ? THEN 1 ELSE 0 END), COUNT(*)
		FROM requests WHERE created_at >= ? AND created_at < ?
		GROUP BY 1, 2, 3, 4, 5, 6`
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
