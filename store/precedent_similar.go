package store

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/textsim"
)

// SimilarCandidates implements schakel.CaseStore: the newest published
// cases sharing a rule (law and article), the newest sharing a principle,
// and the best full-text matches of the text's words, each up to limit,
// merged.
func (s *Store) SimilarCandidates(ctx context.Context, text string, ruleRefs, principles []string, limit int) ([]*schakel.Precedent, error) {
	if limit <= 0 {
		limit = 200
	}
	c := &candidates{s: s, seen: map[int64]bool{}}
	if err := c.byRule(ctx, ruleRefs, limit); err != nil {
		return nil, fmt.Errorf("store: similar by rule: %w", err)
	}
	// Principles alone cannot make two cases similar (their weight is
	// below the threshold, package precedent), so they only find
	// candidates when there is nothing else to go by.
	if len(ruleRefs) == 0 && strings.TrimSpace(text) == "" {
		if err := c.byPrinciple(ctx, principles, limit); err != nil {
			return nil, fmt.Errorf("store: similar by principle: %w", err)
		}
	}
	if err := c.byText(ctx, text, limit); err != nil {
		return nil, fmt.Errorf("store: similar by text: %w", err)
	}
	if len(c.ids) == 0 {
		return nil, nil
	}
	args := make([]any, len(c.ids))
	for i, id := range c.ids {
		args[i] = id
	}
	rows, err := s.read.QueryContext(ctx, s.q("SELECT "+precedentColumns+" FROM precedents p WHERE p.case_id IN ("+placeholders(len(c.ids))+")"), args...)
	if err != nil {
		return nil, fmt.Errorf("store: similar: %w", err)
	}
	defer rows.Close()
	out, err := scanPrecedents(rows)
	if err != nil {
		return nil, fmt.Errorf("store: similar: %w", err)
	}
	return out, rows.Err()
}

// candidates gathers the ids of similar cases, each once, in the order
// found.
type candidates struct {
	s    *Store
	seen map[int64]bool
	ids  []int64
}

// collect adds the case ids query returns.
func (c *candidates) collect(ctx context.Context, query string, args ...any) error {
	rows, err := c.s.read.QueryContext(ctx, c.s.q(query), args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return err
		}
		if !c.seen[id] {
			c.seen[id] = true
			c.ids = append(c.ids, id)
		}
	}
	return rows.Err()
}

// byRule adds the newest cases sharing a law and article with ruleRefs, up
// to limit.
func (c *candidates) byRule(ctx context.Context, ruleRefs []string, limit int) error {
	keys := uniqueStrings(mapStrings(ruleRefs, ruleKey))
	if len(keys) == 0 {
		return nil
	}
	args := make([]any, 0, len(keys)+1)
	for _, k := range keys {
		args = append(args, k)
	}
	return c.collect(ctx, "SELECT DISTINCT case_id FROM precedent_rules WHERE rule_key IN ("+placeholders(len(keys))+") ORDER BY case_id DESC LIMIT ?", append(args, limit)...)
}

// byPrinciple adds the newest cases weighing any of principles, up to
// limit.
func (c *candidates) byPrinciple(ctx context.Context, principles []string, limit int) error {
	ps := uniqueStrings(principles)
	if len(ps) == 0 {
		return nil
	}
	args := make([]any, 0, len(ps)+1)
	for _, p := range ps {
		args = append(args, p)
	}
	return c.collect(ctx, "SELECT DISTINCT case_id FROM precedent_principles WHERE principle IN ("+placeholders(len(ps))+") ORDER BY case_id DESC LIMIT ?", append(args, limit)...)
}

// byText adds the cases that have all of the text's three rarest telling
// words; when none has all three, any of them — while fewer than limit
// were found. An OR over many words would match nearly every case and make
// the database rank them all.
func (c *candidates) byText(ctx context.Context, text string, limit int) error {
	terms, err := c.s.rarest(ctx, significant(searchTerms(text)), 3)
	if err != nil {
		return err
	}
	for _, q := range []struct {
		terms []string
		op    string
	}{{terms[:min(3, len(terms))], "AND"}, {terms, "OR"}} {
		if len(q.terms) == 0 || len(c.ids) >= limit {
			break
		}
		// The newest matches, not the best: package precedent ranks the
		// candidates anyway, and ranking every match here costs more than
		// the whole lookup may.
		join, cond, _, arg := c.s.dialect.match(q.terms, q.op)
		if err := c.collect(ctx, "SELECT p.case_id FROM precedents p"+join+" WHERE "+cond+" ORDER BY p.case_id DESC LIMIT ?", arg, limit/2); err != nil {
			return err
		}
		if q.op == "AND" && len(c.ids) > 0 {
			break
		}
	}
	return nil
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
// Where the dialect keeps document frequencies (dialect.termFrequencies)
// they are read at once; elsewhere each term is counted on the index.
func (s *Store) rarest(ctx context.Context, terms []string, n int) ([]string, error) {
	var dfs []termFrequency
	var err error
	if query := s.dialect.termFrequencies(); query != "" {
		if len(terms) > 0 {
			dfs, err = s.keptFrequencies(ctx, query, terms)
		}
	} else {
		dfs, err = s.countFrequencies(ctx, terms)
	}
	if err != nil {
		return nil, err
	}
	sort.SliceStable(dfs, func(i, j int) bool { return dfs[i].n < dfs[j].n })
	var out []string
	for _, d := range dfs[:min(n, len(dfs))] {
		out = append(out, d.term)
	}
	return out, nil
}

// termFrequency is how many published cases contain a term.
type termFrequency struct {
	term string
	n    int
}

// keptFrequencies reads the kept document frequencies of terms in one
// query; a term that no published case has is not there, and is left out.
func (s *Store) keptFrequencies(ctx context.Context, query string, terms []string) ([]termFrequency, error) {
	rows, err := s.read.QueryContext(ctx, query, strings.Join(terms, " "))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var dfs []termFrequency
	for rows.Next() {
		var d termFrequency
		if err := rows.Scan(&d.term, &d.n); err != nil {
			return nil, err
		}
		dfs = append(dfs, d)
	}
	return dfs, rows.Err()
}

// countFrequencies counts the published cases with each term on the
// full-text index, each up to 1,000; a term that none has is left out.
func (s *Store) countFrequencies(ctx context.Context, terms []string) ([]termFrequency, error) {
	var dfs []termFrequency
	for _, t := range terms {
		join, cond, _, arg := s.dialect.match([]string{t}, "AND")
		var c int
		if err := s.read.QueryRowContext(ctx, s.q("SELECT COUNT(*) FROM (SELECT 1 FROM precedents p"+join+" WHERE "+cond+" LIMIT 1000) c"), arg).Scan(&c); err != nil {
			return nil, err
		}
		if c > 0 {
			dfs = append(dfs, termFrequency{t, c})
		}
	}
	return dfs, nil
}

// significant picks the search terms of a similarity search from a text:
// no stop words, the longest words first (long words are mostly the rare,
// telling ones), at most 8; rarest then picks among them.
func significant(words []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, w := range words {
		if len([]rune(w)) < 5 || seen[w] || textsim.IsStopWord(w) {
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
