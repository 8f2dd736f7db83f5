package store

import (
	"context"
	"fmt"
	"strings"
)

// listing is one page of a list method: the rows of from (a table, with
// an alias if columns use one) matching where, ordered by order, and the
// total without paging.
type listing struct {
	what    string // for errors: "knelpunten", "signals", …
	columns string
	from    string
	where   []string
	args    []any
	order   string
	limit   int
	offset  int
}

// pageOf reads one page of l, each row read by scan, and the total
// matching l without paging.
func pageOf[T any](ctx context.Context, s *Store, l listing, scan func(sc interface{ Scan(...any) error }) (T, error)) ([]T, int, error) {
	cond := ""
	if len(l.where) > 0 {
		cond = " WHERE " + strings.Join(l.where, " AND ")
	}
	var total int
	if err := s.read.QueryRowContext(ctx, s.q("SELECT COUNT(*) FROM "+l.from+cond), l.args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store: count %s: %w", l.what, err)
	}
	rows, err := s.read.QueryContext(ctx, s.q("SELECT "+l.columns+" FROM "+l.from+cond+" ORDER BY "+l.order+" LIMIT ? OFFSET ?"),
		append(l.args, limit(l.limit), max(l.offset, 0))...)
	if err != nil {
		return nil, 0, fmt.Errorf("store: %s: %w", l.what, err)
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, 0, fmt.Errorf("store: %s: %w", l.what, err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("store: %s: %w", l.what, err)
	}
	return out, total, nil
}

// qualified prefixes each of the comma-separated columns with alias, for a
// column list shared between a plain query and a join.
func qualified(alias, columns string) string {
	cols := strings.Split(columns, ", ")
	for i, c := range cols {
		cols[i] = alias + "." + c
	}
	return strings.Join(cols, ", ")
}
