package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/schakel-nl/schakel"
)

var _ schakel.RetentionStore = (*Store)(nil)

// The state lists of the retention queries, written exactly as the partial
// indexes requests_ended and cases_closed (migration 00011) write them, so
// that the indexes apply.
var (
	endedStates  = quoted([]string{string(schakel.StateClosed), string(schakel.StateWithdrawn)})
	closedStates = func() string {
		var states []string
		for _, st := range schakel.CaseStates {
			if st.Closed() {
				states = append(states, string(st))
			}
		}
		return quoted(states)
	}()
)

// quoted returns the SQL list 'a', 'b' of the codes.
func quoted(codes []string) string { return "'" + strings.Join(codes, "', '") + "'" }

// retentionLimit applies the default (100) and the maximum (1000) batch.
func retentionLimit(n int) int {
	switch {
	case n <= 0:
		return 100
	case n > 1000:
		return 1000
	}
	return n
}

// EndedRequests implements schakel.RetentionStore. A brake is a request
// with a brakes row.
func (s *Store) EndedRequests(ctx context.Context, brakes bool, f schakel.RetentionFilter) ([]int64, error) {
	which := "NOT EXISTS"
	if brakes {
		which = "EXISTS"
	}
	return s.retentionIDs(ctx, "ended requests", `SELECT r.id FROM requests r
		WHERE r.state IN (`+endedStates+`) AND r.updated_at < ? AND r.id > ?
		AND NOT EXISTS (SELECT 1 FROM request_erasures x WHERE x.request_id = r.id)
		AND `+which+` (SELECT 1 FROM brakes b WHERE b.request_id = r.id)
		ORDER BY r.id LIMIT ?`, f)
}

// ClosedCases implements schakel.RetentionStore.
func (s *Store) ClosedCases(ctx context.Context, f schakel.RetentionFilter) ([]int64, error) {
	return s.retentionIDs(ctx, "closed cases", `SELECT c.id FROM cases c
		WHERE c.state IN (`+closedStates+`) AND c.updated_at < ? AND c.id > ?
		AND NOT EXISTS (SELECT 1 FROM case_erasures x WHERE x.case_id = c.id)
		ORDER BY c.id LIMIT ?`, f)
}

// retentionIDs runs a retention query whose parameters are the filter's
// Before, AfterID and Limit.
func (s *Store) retentionIDs(ctx context.Context, what, query string, f schakel.RetentionFilter) ([]int64, error) {
	if f.Before.IsZero() {
		return nil, nil
	}
	rows, err := s.read.QueryContext(ctx, s.q(query), instant(f.Before), f.AfterID, retentionLimit(f.Limit))
	if err != nil {
		return nil, fmt.Errorf("store: %s: %w", what, err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("store: %s: %w", what, err)
		}
		out = append(out, id)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: %s: %w", what, err)
	}
	return out, nil
}
