package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/ruleref"
)

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
