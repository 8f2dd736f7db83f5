package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/precedent"
	"github.com/schakel-nl/schakel/ruleref"
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
			return tx.QueryRowContext(ctx, s.q("INSERT INTO signals (case_id, organisation_id, rule_refs, text, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id"),
				sig.CaseID, sig.OrganisationID, jsonList(sig.RuleRefs), sig.Text, sig.CreatedAt).Scan(&sig.ID)
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
	var sig schakel.Signal
	var refs string
	err = s.read.QueryRowContext(ctx, s.q("SELECT id, case_id, organisation_id, rule_refs, text, created_at FROM signals WHERE case_id = ? ORDER BY id LIMIT 1"), caseID).
		Scan(&sig.ID, &sig.CaseID, &sig.OrganisationID, &refs, &sig.Text, &sig.CreatedAt)
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return nil, fmt.Errorf("store: signal of %d: %w", caseID, err)
	default:
		if err := json.Unmarshal([]byte(refs), &sig.RuleRefs); err != nil {
			return nil, fmt.Errorf("store: signal of %d: %w", caseID, err)
		}
		sig.CreatedAt = sig.CreatedAt.UTC()
		d.Signal = &sig
	}
	return &d, nil
}

// ruleKey is the law and article of a reference (BWBR0019057/76), or the
// reference itself when it is no law article; similar cases share it.
func ruleKey(ref string) string {
	r, err := ruleref.Parse(ref)
	if err != nil || r.BWB == "" {
		return ref
	}
	if r.Article == "" {
		return r.BWB
	}
	return r.BWB + "/" + r.Article
}

// Publish implements schakel.CaseStore.
func (s *Store) Publish(ctx context.Context, prevVersion int, p *schakel.Precedent) error {
	p.PublishedAt, p.DecidedAt = instant(p.PublishedAt), instant(p.DecidedAt)
	err := s.caseStep(ctx, p.CaseID, prevVersion, schakel.CasePublished, schakel.CaseEventPublished, p.PublishedBy, p.PublishedAt, "",
		func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO precedents (case_id, organisation_id, title, summary, intent, harm, rule_refs, principles, outcome, legal_ground, explanation, weighings, cost_cents, decided_at, published_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`), p.CaseID, p.OrganisationID, p.Title, p.Summary, p.Intent, p.Harm,
				jsonList(p.RuleRefs), jsonList(p.Principles), string(p.Outcome), p.LegalGround, p.Explanation, weighingsText(p.Weighings), p.CostCents,
				p.DecidedAt, p.PublishedAt); err != nil {
				if s.dialect.isUniqueViolation(err) {
					return schakel.Errorf(schakel.ECONFLICT, "Casus %d is al gepubliceerd.", p.CaseID)
				}
				return err
			}
			for _, ref := range uniqueStrings(p.RuleRefs) {
				if _, err := tx.ExecContext(ctx, s.q("INSERT INTO precedent_rules (case_id, ref, rule_key) VALUES (?, ?, ?)"), p.CaseID, ref, ruleKey(ref)); err != nil {
					return err
				}
			}
			for _, pr := range uniqueStrings(p.Principles) {
				if _, err := tx.ExecContext(ctx, s.q("INSERT INTO precedent_principles (case_id, principle) VALUES (?, ?)"), p.CaseID, pr); err != nil {
					return err
				}
			}
			return nil
		})
	return wrapCase("publish", err)
}

func uniqueStrings(in []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range in {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// WithdrawCase implements schakel.CaseStore.
func (s *Store) WithdrawCase(ctx context.Context, prevVersion int, caseID, userID int64, at time.Time, reason string) error {
	return wrapCase("withdraw case", s.caseStep(ctx, caseID, prevVersion, schakel.CaseWithdrawn, schakel.CaseEventWithdrawn, userID, at, reason, nil))
}

const precedentColumns = "p.case_id, p.organisation_id, p.title, p.summary, p.intent, p.harm, p.rule_refs, p.principles, p.outcome, p.legal_ground, p.explanation, p.weighings, p.cost_cents, p.decided_at, p.published_at"

func scanPrecedent(sc interface{ Scan(...any) error }) (*schakel.Precedent, error) {
	var p schakel.Precedent
	var refs, principles, outcome, weighings string
	if err := sc.Scan(&p.CaseID, &p.OrganisationID, &p.Title, &p.Summary, &p.Intent, &p.Harm, &refs, &principles, &outcome, &p.LegalGround,
		&p.Explanation, &weighings, &p.CostCents, &p.DecidedAt, &p.PublishedAt); err != nil {
		return nil, err
	}
	p.Outcome, p.DecidedAt, p.PublishedAt = schakel.Outcome(outcome), p.DecidedAt.UTC(), p.PublishedAt.UTC()
	if err := json.Unmarshal([]byte(refs), &p.RuleRefs); err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(principles), &p.Principles); err != nil {
		return nil, err
	}
	var err error
	p.Weighings, err = parseWeighings(weighings)
	return &p, err
}

// searchTerms are the words of a query: letters and digits, lower case,
// at most 20, so the query language of either database is never exposed.
func searchTerms(q string) []string {
	words := strings.FieldsFunc(strings.ToLower(q), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if len(words) > 20 {
		words = words[:20]
	}
	return words
}

// match returns the full-text condition and ordering for terms joined
// with op ("AND" or "OR"), and its argument.
func (s *Store) match(terms []string, op string) (from, cond, order string, arg any) {
	if s.dialect.name() == "postgres" {
		// The terms are letters and digits only, so they are safe in
		// to_tsquery; plainto_tsquery would read none of them as an
		// operator either, but cannot say OR.
		if op == "AND" {
			q := strings.Join(terms, " ")
			return "", "p.tsv @@ plainto_tsquery('dutch', ?)", "ts_rank(p.tsv, plainto_tsquery('dutch', ?)) DESC, p.case_id DESC", q
		}
		q := strings.Join(terms, " | ")
		return "", "p.tsv @@ to_tsquery('dutch', ?)", "ts_rank(p.tsv, to_tsquery('dutch', ?)) DESC, p.case_id DESC", q
	}
	quoted := make([]string, len(terms))
	for i, t := range terms {
		quoted[i] = `"` + t + `"`
	}
	return " JOIN precedents_fts f ON f.rowid = p.case_id", "precedents_fts MATCH ?", "bm25(precedents_fts), p.case_id DESC", strings.Join(quoted, " "+op+" ")
}

// MaxPrecedentTotal is as far as Precedents counts matches: a total above
// it is reported as MaxPrecedentTotal+1.
const MaxPrecedentTotal = 10000

// MaxRanked is the most full-text matches Precedents ranks by relevance;
// with more, the newest come first.
const MaxRanked = 2000

// searchFTS is Precedents for a full-text query without other filters on
// SQLite: FTS5 finds the page itself — by rank, or by rowid from the
// newest when newest is set — reading no more of its index than the page
// needs, and only that page's cases are read.
func (s *Store) searchFTS(ctx context.Context, terms []string, newest bool, f schakel.PrecedentFilter) ([]*schakel.Precedent, error) {
	_, _, _, arg := s.match(terms, "AND")
	order := "rank"
	if newest {
		order = "rowid DESC"
	}
	rows, err := s.read.QueryContext(ctx, "SELECT rowid FROM precedents_fts WHERE precedents_fts MATCH ? ORDER BY "+order+" LIMIT ? OFFSET ?", arg, limit(f.Limit), max(f.Offset, 0))
	if err != nil {
		return nil, fmt.Errorf("store: precedents: %w", err)
	}
	var ids []any
	pos := map[int64]int{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: precedents: %w", err)
		}
		pos[id] = len(ids)
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(ids) == 0 {
		return nil, err
	}
	rows, err = s.read.QueryContext(ctx, "SELECT "+precedentColumns+" FROM precedents p WHERE p.case_id IN ("+placeholders(len(ids))+")", ids...)
	if err != nil {
		return nil, fmt.Errorf("store: precedents: %w", err)
	}
	defer rows.Close()
	out := make([]*schakel.Precedent, len(ids))
	for rows.Next() {
		p, err := scanPrecedent(rows)
		if err != nil {
			return nil, fmt.Errorf("store: precedents: %w", err)
		}
		out[pos[p.CaseID]] = p
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	// A case removed between the two reads cannot be; keep the order anyway.
	kept := out[:0]
	for _, p := range out {
		if p != nil {
			kept = append(kept, p)
		}
	}
	return kept, nil
}

// SetMaxRanked changes how many full-text matches Precedents ranks by
// relevance before it lists the newest first; 0 restores MaxRanked. Tests
// use it to reach the newest-first path without thousands of cases.
func (s *Store) SetMaxRanked(n int) { s.maxRanked.Store(int64(n)) }

func (s *Store) rankLimit() int {
	if n := s.maxRanked.Load(); n > 0 {
		return int(n)
	}
	return MaxRanked
}

// countMatches counts the published cases with all terms, on the full-text
// index alone, up to MaxPrecedentTotal+1.
func (s *Store) countMatches(ctx context.Context, terms []string) (int, error) {
	var n int
	var err error
	if s.dialect.name() == "postgres" {
		err = s.read.QueryRowContext(ctx, s.q("SELECT COUNT(*) FROM (SELECT 1 FROM precedents WHERE tsv @@ plainto_tsquery('dutch', ?) LIMIT ?) c"),
			strings.Join(terms, " "), MaxPrecedentTotal+1).Scan(&n)
	} else {
		_, _, _, arg := s.match(terms, "AND")
		err = s.read.QueryRowContext(ctx, "SELECT COUNT(*) FROM (SELECT 1 FROM precedents_fts WHERE precedents_fts MATCH ? LIMIT ?) c", arg, MaxPrecedentTotal+1).Scan(&n)
	}
	return n, err
}

// Precedents implements schakel.CaseStore. The total is counted up to
// MaxPrecedentTotal; a query with more than MaxRanked matches lists the
// newest first rather than the best.
func (s *Store) Precedents(ctx context.Context, f schakel.PrecedentFilter) ([]*schakel.Precedent, int, error) {
	from := " FROM precedents p"
	var where []string
	var args []any
	order := "p.decided_at DESC, p.case_id DESC"
	var orderArgs []any
	matches := -1 // of the full text alone, counted up to MaxPrecedentTotal+1
	terms := searchTerms(f.Query)
	if len(terms) > 0 {
		join, cond, ord, arg := s.match(terms, "AND")
		// Ranking costs per match: a common word matches thousands of
		// cases, and ranking them all cannot be done within the page's
		// time. Counting them on the index alone is cheap; above
		// MaxRanked matches the newest come first instead of the best.
		var err error
		if matches, err = s.countMatches(ctx, terms); err != nil {
			return nil, 0, fmt.Errorf("store: count precedents: %w", err)
		}
		if matches > s.rankLimit() && s.dialect.name() == "sqlite" {
			// Newest first: walk the cases backwards and keep the matches,
			// which stops as soon as the page is full, instead of joining
			// every match and sorting them.
			join, cond = "", "p.case_id IN (SELECT rowid FROM precedents_fts WHERE precedents_fts MATCH ?)"
		}
		from += join
		where = append(where, cond)
		args = append(args, arg)
		if matches <= s.rankLimit() {
			order = ord
			if strings.Count(ord, "?") > 0 {
				orderArgs = append(orderArgs, arg)
			}
		} else {
			order = "p.case_id DESC"
		}
	}
	if f.RuleRef != "" {
		// A reference to a whole law finds the cases about any of its
		// articles; one to an article (or a lid of it), that article.
		key := ruleKey(f.RuleRef)
		where = append(where, "EXISTS (SELECT 1 FROM precedent_rules r WHERE r.case_id = p.case_id AND (r.ref = ? OR r.rule_key = ? OR r.rule_key LIKE ?))")
		args = append(args, f.RuleRef, key, strings.NewReplacer("%", "", "_", "").Replace(key)+"/%")
	}
	if f.Principle != "" {
		where = append(where, "EXISTS (SELECT 1 FROM precedent_principles pp WHERE pp.case_id = p.case_id AND pp.principle = ?)")
		args = append(args, f.Principle)
	}
	if f.Outcome != "" {
		where = append(where, "p.outcome = ?")
		args = append(args, string(f.Outcome))
	}
	if f.OrganisationID != 0 {
		where = append(where, "p.organisation_id = ?")
		args = append(args, f.OrganisationID)
	}
	if !f.From.IsZero() {
		where = append(where, "p.decided_at >= ?")
		args = append(args, instant(f.From))
	}
	if !f.To.IsZero() {
		where = append(where, "p.decided_at < ?")
		args = append(args, instant(f.To))
	}
	cond := ""
	if len(where) > 0 {
		cond = " WHERE " + strings.Join(where, " AND ")
	}
	// Counting every match of a common word costs as much as ranking them
	// all; beyond MaxPrecedentTotal the total only says "more".
	total := matches
	if len(where) > 1 || (len(where) == 1 && len(terms) == 0) {
		if err := s.read.QueryRowContext(ctx, s.q("SELECT COUNT(*) FROM (SELECT 1"+from+cond+" LIMIT ?) c"), append(args, MaxPrecedentTotal+1)...).Scan(&total); err != nil {
			return nil, 0, fmt.Errorf("store: count precedents: %w", err)
		}
	} else if len(where) == 0 {
		if err := s.read.QueryRowContext(ctx, s.q("SELECT COUNT(*) FROM precedents")).Scan(&total); err != nil {
			return nil, 0, fmt.Errorf("store: count precedents: %w", err)
		}
	}
	if s.dialect.name() == "sqlite" && len(terms) > 0 && len(where) == 1 {
		out, err := s.searchFTS(ctx, terms, matches > s.rankLimit(), f)
		return out, total, err
	}
	qargs := append(append(append([]any{}, args...), orderArgs...), limit(f.Limit), max(f.Offset, 0))
	rows, err := s.read.QueryContext(ctx, s.q("SELECT "+precedentColumns+from+cond+" ORDER BY "+order+" LIMIT ? OFFSET ?"), qargs...)
	if err != nil {
		return nil, 0, fmt.Errorf("store: precedents: %w", err)
	}
	defer rows.Close()
	var out []*schakel.Precedent
	for rows.Next() {
		p, err := scanPrecedent(rows)
		if err != nil {
			return nil, 0, fmt.Errorf("store: precedents: %w", err)
		}
		out = append(out, p)
	}
	return out, total, rows.Err()
}

// Precedent implements schakel.CaseStore.
func (s *Store) Precedent(ctx context.Context, caseID int64) (*schakel.Precedent, error) {
	p, err := scanPrecedent(s.read.QueryRowContext(ctx, s.q("SELECT "+precedentColumns+" FROM precedents p WHERE p.case_id = ?"), caseID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, schakel.Errorf(schakel.ENOTFOUND, "Casus %d staat niet in de casusprudentie.", caseID)
	}
	if err != nil {
		return nil, fmt.Errorf("store: precedent %d: %w", caseID, err)
	}
	return p, nil
}

// SimilarCandidates implements schakel.CaseStore: the newest published
// cases sharing a rule (law and article), the newest sharing a principle,
// and the best full-text matches of the text's words, each up to limit,
// merged.
func (s *Store) SimilarCandidates(ctx context.Context, text string, ruleRefs, principles []string, limit int) ([]*schakel.Precedent, error) {
	if limit <= 0 {
		limit = 200
	}
	seen := map[int64]bool{}
	var ids []int64
	collect := func(query string, args ...any) error {
		rows, err := s.read.QueryContext(ctx, s.q(query), args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				return err
			}
			if !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
		return rows.Err()
	}
	if keys := uniqueStrings(mapStrings(ruleRefs, ruleKey)); len(keys) > 0 {
		args := make([]any, 0, len(keys)+1)
		for _, k := range keys {
			args = append(args, k)
		}
		if err := collect("SELECT DISTINCT case_id FROM precedent_rules WHERE rule_key IN ("+placeholders(len(keys))+") ORDER BY case_id DESC LIMIT ?", append(args, limit)...); err != nil {
			return nil, fmt.Errorf("store: similar by rule: %w", err)
		}
	}
	// Principles alone cannot make two cases similar (their weight is
	// below the threshold, package precedent), so they only find
	// candidates when there is nothing else to go by.
	if ps := uniqueStrings(principles); len(ps) > 0 && len(ruleRefs) == 0 && strings.TrimSpace(text) == "" {
		args := make([]any, 0, len(ps)+1)
		for _, p := range ps {
			args = append(args, p)
		}
		if err := collect("SELECT DISTINCT case_id FROM precedent_principles WHERE principle IN ("+placeholders(len(ps))+") ORDER BY case_id DESC LIMIT ?", append(args, limit)...); err != nil {
			return nil, fmt.Errorf("store: similar by principle: %w", err)
		}
	}
	// Text: the cases that have all of the text's three rarest telling
	// words; when none has all three, any of them. An OR over
	// many words would match nearly every case and make the database rank
	// them all.
	terms, err := s.rarest(ctx, significant(searchTerms(text)), 3)
	if err != nil {
		return nil, fmt.Errorf("store: similar by text: %w", err)
	}
	for _, q := range []struct {
		terms []string
		op    string
	}{{terms[:min(3, len(terms))], "AND"}, {terms, "OR"}} {
		if len(q.terms) == 0 || len(ids) >= limit {
			break
		}
		// The newest matches, not the best: package precedent ranks the
		// candidates anyway, and ranking every match here costs more than
		// the whole lookup may.
		join, cond, _, arg := s.match(q.terms, q.op)
		if err := collect("SELECT p.case_id FROM precedents p"+join+" WHERE "+cond+" ORDER BY p.case_id DESC LIMIT ?", arg, limit/2); err != nil {
			return nil, fmt.Errorf("store: similar by text: %w", err)
		}
		if q.op == "AND" && len(ids) > 0 {
			break
		}
	}

	if len(ids) == 0 {
		return nil, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	rows, err := s.read.QueryContext(ctx, s.q("SELECT "+precedentColumns+" FROM precedents p WHERE p.case_id IN ("+placeholders(len(ids))+")"), args...)
	if err != nil {
		return nil, fmt.Errorf("store: similar: %w", err)
	}
	defer rows.Close()
	var out []*schakel.Precedent
	for rows.Next() {
		p, err := scanPrecedent(rows)
		if err != nil {
			return nil, fmt.Errorf("store: similar: %w", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

func mapStrings(in []string, f func(string) string) []string {
	out := make([]string, len(in))
	for i, s := range in {
		out[i] = f(s)
	}
	return out
}

// rarest returns the n of terms that the fewest published cases contain
// (and at least one), counting each only up to a cap so a common word
// costs little: the telling words of a text, to find similar cases by.
func (s *Store) rarest(ctx context.Context, terms []string, n int) ([]string, error) {
	type df struct {
		term string
		n    int
	}
	var dfs []df
	if s.dialect.name() == "postgres" && len(terms) > 0 {
		// One read of the kept document frequencies; a lexeme of the text
		// that no published case has is not there, and is left out.
		rows, err := s.read.QueryContext(ctx, `SELECT t.term, t.n FROM precedent_terms t
			WHERE t.term IN (SELECT lexeme FROM unnest(to_tsvector('dutch', $1)))`, strings.Join(terms, " "))
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		for rows.Next() {
			var d df
			if err := rows.Scan(&d.term, &d.n); err != nil {
				return nil, err
			}
			dfs = append(dfs, d)
		}
		if err := rows.Err(); err != nil {
			return nil, err
		}
		terms = nil
	}
	for _, t := range terms {
		join, cond, _, arg := s.match([]string{t}, "AND")
		var c int
		if err := s.read.QueryRowContext(ctx, s.q("SELECT COUNT(*) FROM (SELECT 1 FROM precedents p"+join+" WHERE "+cond+" LIMIT 1000) c"), arg).Scan(&c); err != nil {
			return nil, err
		}
		if c > 0 {
			dfs = append(dfs, df{t, c})
		}
	}
	sort.SliceStable(dfs, func(i, j int) bool { return dfs[i].n < dfs[j].n })
	var out []string
	for _, d := range dfs[:min(n, len(dfs))] {
		out = append(out, d.term)
	}
	return out, nil
}

// significant picks the search terms of a similarity search from a text:
// no stop words, the longest words first (long words are mostly the rare,
// telling ones), at most 8; rarest then picks among them.
func significant(words []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, w := range words {
		if len([]rune(w)) < 5 || seen[w] || precedent.IsStopWord(w) {
			continue
		}
		seen[w] = true
		out = append(out, w)
	}
	sort.SliceStable(out, func(i, j int) bool { return len([]rune(out[i])) > len([]rune(out[j])) })
	if len(out) > 8 {
		out = out[:8]
	}
	return out
}
