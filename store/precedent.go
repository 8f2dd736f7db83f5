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
			p.Digest = p.ComputeDigest()
			if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO precedents (case_id, organisation_id, title, summary, intent, harm, rule_refs, principles, outcome, legal_ground, explanation, weighings, cost_cents, decided_at, published_at, digest)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`), p.CaseID, p.OrganisationID, p.Title, p.Summary, p.Intent, p.Harm,
				jsonList(p.RuleRefs), jsonList(p.Principles), string(p.Outcome), p.LegalGround, p.Explanation, weighingsText(p.Weighings), p.CostCents,
				p.DecidedAt, p.PublishedAt, p.Digest); err != nil {
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
			return s.insertPrecedentChange(ctx, tx, &schakel.PrecedentChange{CaseID: p.CaseID, OrganisationID: p.OrganisationID,
				Kind: schakel.PrecedentPublished, At: p.PublishedAt, Digest: p.Digest, UserID: p.PublishedBy})
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

const precedentColumns = "p.case_id, p.organisation_id, p.title, p.summary, p.intent, p.harm, p.rule_refs, p.principles, p.outcome, p.legal_ground, p.explanation, p.weighings, p.cost_cents, p.decided_at, p.published_at, p.digest, p.corrected_at"

func scanPrecedent(sc interface{ Scan(...any) error }) (*schakel.Precedent, error) {
	var p schakel.Precedent
	var refs, principles, outcome, weighings string
	var corrected sql.NullTime
	if err := sc.Scan(&p.CaseID, &p.OrganisationID, &p.Title, &p.Summary, &p.Intent, &p.Harm, &refs, &principles, &outcome, &p.LegalGround,
		&p.Explanation, &weighings, &p.CostCents, &p.DecidedAt, &p.PublishedAt, &p.Digest, &corrected); err != nil {
		return nil, err
	}
	p.Outcome, p.DecidedAt, p.PublishedAt = schakel.Outcome(outcome), p.DecidedAt.UTC(), p.PublishedAt.UTC()
	if corrected.Valid {
		p.CorrectedAt = corrected.Time.UTC()
	}
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

// MaxRanked is the most full-text matches Precedents ranks by relevance;
// with more, the newest come first.
const MaxRanked = 2000

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

// SetMaxPrecedentTotal changes how far Precedents counts the matches of a
// search; 0 restores schakel.MaxPrecedentTotal. Tests use it to reach the
// cap without a thousand cases.
func (s *Store) SetMaxPrecedentTotal(n int) { s.maxTotal.Store(int64(n)) }

// totalLimit is how far a search counts: a total above it is reported as
// totalLimit()+1.
func (s *Store) totalLimit() int {
	if n := s.maxTotal.Load(); n > 0 {
		return int(n)
	}
	return schakel.MaxPrecedentTotal
}

// capTotal reports a count above the total limit as the limit plus one.
func (s *Store) capTotal(n int) int {
	return min(n, s.totalLimit()+1)
}

// countMatches counts the published cases with all terms, on the full-text
// index alone, as far as deciding between ranked and newest first and the
// total need.
func (s *Store) countMatches(ctx context.Context, terms []string) (int, error) {
	var n int
	_, _, _, arg := s.dialect.match(terms, "AND")
	err := s.read.QueryRowContext(ctx, s.q(s.dialect.countMatches()), arg, max(s.rankLimit(), s.totalLimit())+1).Scan(&n)
	return n, err
}

// precedentQuery is a Precedents query as it is built: the FROM clause with
// its joins, the conditions and their arguments, the order and its.
type precedentQuery struct {
	terms     []string // of the full-text query
	from      string
	where     []string
	args      []any
	order     string
	orderArgs []any
	// matches is the number of cases with all terms, on the index alone
	// and up to the larger of the rank and total limits plus one; -1
	// without terms.
	matches int
	// newest is set when there are more matches than are ranked, so the
	// newest come first instead of the best.
	newest bool
}

// Precedents implements schakel.CaseStore. The total of a search is
// counted up to schakel.MaxPrecedentTotal; a query with more than
// MaxRanked matches lists the newest first rather than the best.
func (s *Store) Precedents(ctx context.Context, f schakel.PrecedentFilter) ([]*schakel.Precedent, int, error) {
	q := &precedentQuery{terms: searchTerms(f.Query), from: " FROM precedents p", order: "p.decided_at DESC, p.case_id DESC", matches: -1}
	if err := s.matchTerms(ctx, q); err != nil {
		return nil, 0, fmt.Errorf("store: count precedents: %w", err)
	}
	q.filter(f)
	if out, total, ok, err := s.searchOutcome(ctx, q, f); ok {
		return out, total, err
	}
	total, err := s.countPrecedents(ctx, q)
	if err != nil {
		return nil, 0, fmt.Errorf("store: count precedents: %w", err)
	}
	if len(q.terms) > 0 && len(q.where) == 1 {
		if page := s.dialect.indexPage(q.newest); page != "" {
			out, err := s.searchIndex(ctx, page, q.args[:1], f)
			return out, total, err
		}
	}
	out, err := s.listPrecedents(ctx, q, f)
	return out, total, err
}

// matchTerms adds the full-text condition of q's terms, if any, and orders
// by relevance — unless the terms match more cases than are ranked.
// Ranking costs per match: a common word matches thousands of cases, and
// ranking them all cannot be done within the page's time. Counting them on
// the index alone is cheap; above the rank limit the newest come first
// instead of the best.
func (s *Store) matchTerms(ctx context.Context, q *precedentQuery) error {
	if len(q.terms) == 0 {
		return nil
	}
	var err error
	if q.matches, err = s.countMatches(ctx, q.terms); err != nil {
		return err
	}
	q.newest = q.matches > s.rankLimit()
	var join, cond string
	var arg any
	if q.newest {
		join, cond, arg = s.dialect.matchUnranked(q.terms, "AND")
		q.order = "p.case_id DESC"
	} else {
		join, cond, q.order, arg = s.dialect.match(q.terms, "AND")
		if strings.Contains(q.order, "?") {
			q.orderArgs = append(q.orderArgs, arg)
		}
	}
	q.from += join
	q.where = append(q.where, cond)
	q.args = append(q.args, arg)
	return nil
}

// filter adds the conditions of f other than its full-text query.
func (q *precedentQuery) filter(f schakel.PrecedentFilter) {
	add := func(cond string, args ...any) {
		q.where = append(q.where, cond)
		q.args = append(q.args, args...)
	}
	if f.RuleRef != "" {
		// A reference to a whole law finds the cases about any of its
		// articles; one to an article (or a lid of it), that article.
		key := ruleKey(f.RuleRef)
		add("EXISTS (SELECT 1 FROM precedent_rules r WHERE r.case_id = p.case_id AND (r.ref = ? OR r.rule_key = ? OR r.rule_key LIKE ?))",
			f.RuleRef, key, strings.NewReplacer("%", "", "_", "").Replace(key)+"/%")
	}
	if f.Principle != "" {
		add("EXISTS (SELECT 1 FROM precedent_principles pp WHERE pp.case_id = p.case_id AND pp.principle = ?)", f.Principle)
	}
	if f.Outcome != "" {
		add("p.outcome = ?", string(f.Outcome))
	}
	if f.OrganisationID != 0 {
		add("p.organisation_id = ?", f.OrganisationID)
	}
	if !f.From.IsZero() {
		add("p.decided_at >= ?", instant(f.From))
	}
	if !f.To.IsZero() {
		add("p.decided_at < ?", instant(f.To))
	}
}

// searchOutcome is Precedents for a full-text query filtered by outcome and
// nothing else, where the dialect has an index of the words with the
// outcome (dialect.outcomeCount): that index counts the matches, and when
// they are listed newest first it finds the page too. Before it (issue 17)
// such a search read every case with the words to keep those with the
// outcome — 10,000 for a common word — and was the slow tail of the
// register. Ranked matches (at most rankLimit) are listed as before, so the
// cases, their order and the total are those of the general path. ok is
// false when the search is not of this kind.
func (s *Store) searchOutcome(ctx context.Context, q *precedentQuery, f schakel.PrecedentFilter) (out []*schakel.Precedent, total int, ok bool, err error) {
	count := s.dialect.outcomeCount()
	// where holds the words' condition and the outcome's, and no other.
	if count == "" || len(q.terms) == 0 || len(q.where) != 2 || !f.Outcome.Valid() {
		return nil, 0, false, nil
	}
	args := s.dialect.outcomeMatch(q.terms, f.Outcome)
	if err := s.read.QueryRowContext(ctx, s.q(count), append(append([]any{}, args...), s.totalLimit()+1)...).Scan(&total); err != nil {
		return nil, 0, true, fmt.Errorf("store: count precedents: %w", err)
	}
	if page := s.dialect.outcomePage(); q.newest && page != "" {
		out, err = s.searchIndex(ctx, page, args, f)
	} else {
		out, err = s.listPrecedents(ctx, q, f)
	}
	return out, total, true, err
}

// cond is q's WHERE clause, empty without conditions.
func (q *precedentQuery) cond() string {
	if len(q.where) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(q.where, " AND ")
}

// countPrecedents counts the cases q finds, up to the total limit plus
// one (schakel.MaxPrecedentTotal). Counting every match of a common word
// costs as much as ranking them all; beyond the limit the total only says
// "more". A full-text query alone was counted on the index already.
func (s *Store) countPrecedents(ctx context.Context, q *precedentQuery) (int, error) {
	if len(q.terms) > 0 && len(q.where) == 1 {
		return s.capTotal(q.matches), nil
	}
	var total int
	err := s.read.QueryRowContext(ctx, s.q("SELECT COUNT(*) FROM (SELECT 1"+q.from+q.cond()+" LIMIT ?) c"), append(q.args, s.totalLimit()+1)...).Scan(&total)
	return total, err
}

// listPrecedents reads the page of f of the cases q finds, in q's order.
func (s *Store) listPrecedents(ctx context.Context, q *precedentQuery, f schakel.PrecedentFilter) ([]*schakel.Precedent, error) {
	qargs := append(append(append([]any{}, q.args...), q.orderArgs...), limit(f.Limit), max(f.Offset, 0))
	rows, err := s.read.QueryContext(ctx, s.q("SELECT "+precedentColumns+q.from+q.cond()+" ORDER BY "+q.order+" LIMIT ? OFFSET ?"), qargs...)
	if err != nil {
		return nil, fmt.Errorf("store: precedents: %w", err)
	}
	defer rows.Close()
	out, err := scanPrecedents(rows)
	if err != nil {
		return nil, fmt.Errorf("store: precedents: %w", err)
	}
	return out, rows.Err()
}

// scanPrecedents scans every row of rows; the caller checks rows.Err.
func scanPrecedents(rows *sql.Rows) ([]*schakel.Precedent, error) {
	var out []*schakel.Precedent
	for rows.Next() {
		p, err := scanPrecedent(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

// searchIndex is Precedents for a full-text query without other filters
// where the index pages by itself (dialect.indexPage): the index finds the
// page's cases — by relevance, or newest first — reading no more of itself
// than the page needs, and only that page's cases are read.
func (s *Store) searchIndex(ctx context.Context, page string, args []any, f schakel.PrecedentFilter) ([]*schakel.Precedent, error) {
	rows, err := s.read.QueryContext(ctx, s.q(page), append(append([]any{}, args...), limit(f.Limit), max(f.Offset, 0))...)
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
	rows, err = s.read.QueryContext(ctx, s.q("SELECT "+precedentColumns+" FROM precedents p WHERE p.case_id IN ("+placeholders(len(ids))+")"), ids...)
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
