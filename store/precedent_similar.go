package store

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/precedent"
)

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
