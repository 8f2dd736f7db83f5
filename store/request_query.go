package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/schakel-nl/schakel"
)

// Request implements schakel.RequestStore.
func (s *Store) Request(ctx context.Context, id int64) (*schakel.Request, error) {
	r, err := scanRequest(s.read.QueryRowContext(ctx, s.q("SELECT "+requestColumns+" FROM requests WHERE id = ?"), id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, schakel.Errorf(schakel.ENOTFOUND, "Verzoek %d bestaat niet.", id)
	}
	if err != nil {
		return nil, fmt.Errorf("store: request %d: %w", id, err)
	}
	if err := s.attachLadders(ctx, []*schakel.Request{r}); err != nil {
		return nil, err
	}
	return r, nil
}

// Requests implements schakel.RequestStore. VisibleTo admits the requests
// the user made, those made for an organisation the user has a role in, and
// those with any rung at such an organisation. Overdue compares with f.Now,
// or the store's clock when that is zero.
func (s *Store) Requests(ctx context.Context, f schakel.RequestFilter) ([]*schakel.Request, int, error) {
	var where []string
	var args []any
	if f.AddresseeOrganisationID != 0 {
		where = append(where, "addressee_org_id = ?")
		args = append(args, f.AddresseeOrganisationID)
	}
	if f.AddresseeRole != "" {
		where = append(where, "addressee_role = ?")
		args = append(args, string(f.AddresseeRole))
	}
	if u := f.VisibleTo; u != nil {
		or := []string{"requester_user_id = ?"}
		args = append(args, u.ID)
		var orgs []int64
		for _, m := range u.Memberships {
			orgs = append(orgs, m.OrganisationID)
		}
		if orgs = uniqueIDs(orgs); len(orgs) > 0 {
			ph := strings.TrimSuffix(strings.Repeat("?,", len(orgs)), ",")
			or = append(or, "requester_org_id IN ("+ph+")", "id IN (SELECT request_id FROM request_rungs WHERE organisation_id IN ("+ph+"))")
			for range 2 {
				for _, o := range orgs {
					args = append(args, o)
				}
			}
		}
		where = append(where, "("+strings.Join(or, " OR ")+")")
	}
	if f.State != "" {
		where = append(where, "state = ?")
		args = append(args, string(f.State))
	}
	if f.Type != "" {
		where = append(where, "type = ?")
		args = append(args, string(f.Type))
	}
	if f.Overdue {
		now := instant(f.Now)
		if now.IsZero() {
			now = s.Now()
		}
		where = append(where, "state IN "+awaitingAnswer+" AND (answer_deadline <= ? OR (ack_deadline <= ? AND state <> 'ontvangen'))")
		args = append(args, now, now)
	}
	where, args = s.figureConditions(f, where, args)
	if f.ByID {
		where = append(where, "id > ?")
		args = append(args, f.AfterID)
	}
	cond := ""
	if len(where) > 0 {
		cond = " WHERE " + strings.Join(where, " AND ")
	}
	if f.ByID {
		out, err := s.queryRequests(ctx, "SELECT "+requestColumns+" FROM requests"+cond+" ORDER BY id LIMIT ?", append(args, limit(f.Limit))...)
		if err != nil {
			return nil, 0, fmt.Errorf("store: requests: %w", err)
		}
		return out, -1, nil
	}
	var total int
	if err := s.read.QueryRowContext(ctx, s.q("SELECT COUNT(*) FROM requests"+cond), args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store: count requests: %w", err)
	}
	out, err := s.queryRequests(ctx, "SELECT "+requestColumns+" FROM requests"+cond+" ORDER BY answer_deadline, id LIMIT ? OFFSET ?",
		append(args, limit(f.Limit), max(f.Offset, 0))...)
	if err != nil {
		return nil, 0, fmt.Errorf("store: requests: %w", err)
	}
	return out, total, nil
}

// queryRequests runs a query for requestColumns and attaches the ladders and
// grounds of all the rows with one query each.
func (s *Store) queryRequests(ctx context.Context, query string, args ...any) ([]*schakel.Request, error) {
	rows, err := s.read.QueryContext(ctx, s.q(query), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*schakel.Request
	for rows.Next() {
		r, err := scanRequest(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	if err := s.attachLadders(ctx, out); err != nil {
		return nil, err
	}
	return out, nil
}

// attachLadders fills Ladder and Grounds of rs with one query each.
func (s *Store) attachLadders(ctx context.Context, rs []*schakel.Request) error {
	if len(rs) == 0 {
		return nil
	}
	byID := make(map[int64]*schakel.Request, len(rs))
	args := make([]any, 0, len(rs))
	for _, r := range rs {
		byID[r.ID] = r
		args = append(args, r.ID)
	}
	in := "(" + strings.TrimSuffix(strings.Repeat("?,", len(rs)), ",") + ")"
	rows, err := s.read.QueryContext(ctx, s.q("SELECT request_id, organisation_id, role FROM request_rungs WHERE request_id IN "+in+" ORDER BY request_id, rung"), args...)
	if err != nil {
		return fmt.Errorf("store: request ladders: %w", err)
	}
	for rows.Next() {
		var id int64
		var a schakel.Addressee
		var role string
		if err := rows.Scan(&id, &a.OrganisationID, &role); err != nil {
			rows.Close()
			return fmt.Errorf("store: request ladders: %w", err)
		}
		a.Role = schakel.Role(role)
		byID[id].Ladder = append(byID[id].Ladder, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: request ladders: %w", err)
	}
	rows, err = s.read.QueryContext(ctx, s.q("SELECT request_id, principle_code, text FROM request_grounds WHERE request_id IN "+in+" ORDER BY request_id, position"), args...)
	if err != nil {
		return fmt.Errorf("store: request grounds: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var g schakel.Ground
		if err := rows.Scan(&id, &g.Principle, &g.Text); err != nil {
			return fmt.Errorf("store: request grounds: %w", err)
		}
		byID[id].Grounds = append(byID[id].Grounds, g)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: request grounds: %w", err)
	}
	return nil
}

// Events implements schakel.RequestStore. Returns ENOTFOUND if the request
// does not exist.
func (s *Store) Events(ctx context.Context, requestID int64) ([]*schakel.Event, error) {
	byRequest, err := s.EventsOf(ctx, []int64{requestID})
	if err != nil {
		return nil, err
	}
	out := byRequest[requestID]
	if len(out) == 0 {
		// Every request has its creation event; no events means no request.
		if !s.exists(ctx, s.read, "requests", requestID) {
			return nil, schakel.Errorf(schakel.ENOTFOUND, "Verzoek %d bestaat niet.", requestID)
		}
	}
	return out, nil
}

// EventsOf implements schakel.RequestStore.
func (s *Store) EventsOf(ctx context.Context, requestIDs []int64) (map[int64][]*schakel.Event, error) {
	out := make(map[int64][]*schakel.Event, len(requestIDs))
	if len(requestIDs) == 0 {
		return out, nil
	}
	args := make([]any, len(requestIDs))
	for i, id := range requestIDs {
		args[i] = id
	}
	rows, err := s.readRows(ctx, `SELECT request_id, seq, type, at, actor_kind, actor_user_id, actor_org_id, state, rung, data, commit_seed
		FROM request_events WHERE request_id IN (`+strings.TrimSuffix(strings.Repeat("?,", len(requestIDs)), ",")+`) ORDER BY request_id, seq`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: events: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var ev schakel.Event
		var typ, actorKind, state, data string
		var actorUser, actorOrg sql.NullInt64
		if err := rows.Scan(&ev.RequestID, &ev.Seq, &typ, &ev.At, &actorKind, &actorUser, &actorOrg, &state, &ev.Rung, &data, &ev.CommitSeed); err != nil {
			return nil, fmt.Errorf("store: events: %w", err)
		}
		ev.Type, ev.State, ev.At = schakel.EventType(typ), schakel.RequestState(state), ev.At.UTC()
		ev.Actor = schakel.Party{Kind: schakel.PartyKind(actorKind), UserID: actorUser.Int64, OrganisationID: actorOrg.Int64}
		// Many events carry no data; verification reads a million rows.
		if data != "{}" {
			if err := json.Unmarshal([]byte(data), &ev.Data); err != nil {
				return nil, fmt.Errorf("store: event %d of request %d: %w", ev.Seq, ev.RequestID, err)
			}
		}
		out[ev.RequestID] = append(out[ev.RequestID], &ev)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: events: %w", err)
	}
	return out, nil
}

// figureConditions adds the conditions of the parliament view's filters
// (open, types, organisations, period) to where and args.
func (s *Store) figureConditions(f schakel.RequestFilter, where []string, args []any) ([]string, []any) {
	if f.Open || f.AnswerOverdue {
		where = append(where, "state IN "+awaitingAnswer)
	}
	if f.AnswerOverdue {
		now := instant(f.Now)
		if now.IsZero() {
			now = s.Now()
		}
		where = append(where, "answer_deadline <= ?")
		args = append(args, now)
	}
	for _, tf := range []struct {
		op    string
		types []schakel.RequestType
	}{{"IN", f.Types}, {"NOT IN", f.ExceptTypes}} {
		if len(tf.types) == 0 {
			continue
		}
		where = append(where, "type "+tf.op+" ("+strings.TrimSuffix(strings.Repeat("?,", len(tf.types)), ",")+")")
		for _, t := range tf.types {
			args = append(args, string(t))
		}
	}
	if orgs := uniqueIDs(f.FirstOrganisationIDs); len(orgs) > 0 {
		ph := strings.TrimSuffix(strings.Repeat("?,", len(orgs)), ",")
		where = append(where, "(first_org_id IN ("+ph+") OR requester_org_id IN ("+ph+"))")
		for range 2 {
			for _, o := range orgs {
				args = append(args, o)
			}
		}
	}
	flags := []struct {
		on   bool
		cond string
	}{{f.Answered, "answered_at IS NOT NULL"}, {f.Missed, "missed_count > 0"}, {f.Escalated, "rung > 0"}}
	for _, fl := range flags {
		if fl.on {
			where = append(where, fl.cond)
		}
	}
	if f.Answer != "" {
		where = append(where, "answer_kind = ?")
		args = append(args, string(f.Answer))
	}
	if !f.CreatedFrom.IsZero() {
		where = append(where, "created_at >= ?")
		args = append(args, instant(f.CreatedFrom))
	}
	if !f.CreatedTo.IsZero() {
		where = append(where, "created_at < ?")
		args = append(args, instant(f.CreatedTo))
	}
	return where, args
}
