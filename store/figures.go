package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"maps"
	"slices"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/ruleref"
)

// The figures per rule (rule_figures) are kept exact in the transactions
// that change them, so the public pages read them without counting:
//   - signals, citizens and cost count each filed signal once per figure
//     key of its anchors (ruleref.FigureKeys); a signal never leaves them;
//   - organisations counts the organisations with such a signal, kept by
//     rule_figure_organisations;
//   - knelpunten counts the knelpunten with such a signal, kept by
//     knelpunt_keys: a merge or split changes which knelpunt a signal is
//     in, and recounts the keys of both (a merged knelpunt has none).

// figureUpsert counts one signal in the figure of a key, creating it.
const figureUpsert = `INSERT INTO rule_figures (key, level, law, ref, signals, citizens_low, citizens_high, cost_once, cost_yearly)
	VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?)
	ON CONFLICT (key) DO UPDATE SET signals = rule_figures.signals + 1,
		citizens_low = rule_figures.citizens_low + excluded.citizens_low, citizens_high = rule_figures.citizens_high + excluded.citizens_high,
		cost_once = rule_figures.cost_once + excluded.cost_once, cost_yearly = rule_figures.cost_yearly + excluded.cost_yearly`

// addSignalFigures counts a newly filed signal in the figures of every rule
// it anchors to, and records its keys and those of its knelpunt. Keys are
// taken in sorted order, so concurrent filings lock figures in one order.
func (s *Store) addSignalFigures(ctx context.Context, tx *sql.Tx, sig *schakel.Signal) error {
	for _, f := range ruleref.FigureKeys(sig.Refs()) {
		if _, err := tx.ExecContext(ctx, s.q("INSERT INTO signal_keys (key, signal_id, organisation_id) VALUES (?, ?, ?)"), f.Key, sig.ID, sig.OrganisationID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, s.q(figureUpsert), f.Key, f.Level, f.Law, f.Ref,
			sig.Citizens.Low, sig.Citizens.High, sig.Cost.OnceCents, sig.Cost.YearlyCents); err != nil {
			return err
		}
		var n int64
		if err := tx.QueryRowContext(ctx, s.q(`INSERT INTO rule_figure_organisations (key, organisation_id, signals) VALUES (?, ?, 1)
			ON CONFLICT (key, organisation_id) DO UPDATE SET signals = rule_figure_organisations.signals + 1 RETURNING signals`),
			f.Key, sig.OrganisationID).Scan(&n); err != nil {
			return err
		}
		var newOrg int64
		if n == 1 {
			newOrg = 1
		}
		res, err := tx.ExecContext(ctx, s.q("INSERT INTO knelpunt_keys (key, knelpunt_id) VALUES (?, ?) ON CONFLICT DO NOTHING"), f.Key, sig.KnelpuntID)
		if err != nil {
			return err
		}
		newKnelpunt, err := res.RowsAffected()
		if err != nil {
			return err
		}
		if newOrg+newKnelpunt > 0 {
			if _, err := tx.ExecContext(ctx, s.q("UPDATE rule_figures SET organisations = organisations + ?, knelpunten = knelpunten + ? WHERE key = ?"),
				newOrg, newKnelpunt, f.Key); err != nil {
				return err
			}
		}
	}
	return nil
}

// addToTotals adds a newly filed signal to the cached totals of its
// knelpunt kn, and moves the knelpunt to the version of its event ev.
func (s *Store) addToTotals(ctx context.Context, tx *sql.Tx, kn *knelpuntLock, sig *schakel.Signal, ev *schakel.KnelpuntEvent) error {
	refs, err := parseList(kn.refs)
	if err != nil {
		return fmt.Errorf("knelpunt %d: refs: %w", kn.id, err)
	}
	principles, err := parseList(kn.principles)
	if err != nil {
		return fmt.Errorf("knelpunt %d: principles: %w", kn.id, err)
	}
	_, err = tx.ExecContext(ctx, s.q(`UPDATE knelpunten SET signals = signals + 1, citizens_low = citizens_low + ?, citizens_high = citizens_high + ?,
		cost_once = cost_once + ?, cost_yearly = cost_yearly + ?, refs = ?, principles = ?, version = ?, updated_at = ? WHERE id = ?`),
		sig.Citizens.Low, sig.Citizens.High, sig.Cost.OnceCents, sig.Cost.YearlyCents,
		jsonList(sortedDistinct(refs, sig.Refs())), jsonList(sortedDistinct(principles, sig.Principles())), ev.Seq, ev.At, kn.id)
	return err
}

// recount recounts the cached totals and the figure keys of knelpunten
// whose signals changed (merge, split) from their signals.
func (s *Store) recount(ctx context.Context, tx *sql.Tx, ids ...int64) error {
	for _, id := range ids {
		if err := s.recountTotals(ctx, tx, id); err != nil {
			return err
		}
	}
	return s.refreshKeys(ctx, tx, ids...)
}

// recountTotals sets the cached totals of knelpunt id from its signals.
func (s *Store) recountTotals(ctx context.Context, tx *sql.Tx, id int64) error {
	rows, err := tx.QueryContext(ctx, s.q("SELECT citizens_low, citizens_high, cost_once, cost_yearly, anchors, conflicts FROM signals WHERE knelpunt_id = ?"), id)
	if err != nil {
		return err
	}
	defer rows.Close()
	var n, low, high, once, yearly int64
	var refs, principles []string
	for rows.Next() {
		var l, h, o, y int64
		var anchors, conflicts string
		if err := rows.Scan(&l, &h, &o, &y, &anchors, &conflicts); err != nil {
			return err
		}
		n, low, high, once, yearly = n+1, low+l, high+h, once+o, yearly+y
		as, err := parseAnchors(anchors)
		if err != nil {
			return fmt.Errorf("knelpunt %d: anchors: %w", id, err)
		}
		for _, a := range as {
			refs = append(refs, a.Ref)
		}
		var cs []conflictRow
		if err := json.Unmarshal([]byte(conflicts), &cs); err != nil {
			return fmt.Errorf("knelpunt %d: conflicts: %w", id, err)
		}
		for _, c := range cs {
			principles = append(principles, c.Principle)
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	rows.Close()
	_, err = tx.ExecContext(ctx, s.q(`UPDATE knelpunten SET signals = ?, citizens_low = ?, citizens_high = ?, cost_once = ?, cost_yearly = ?,
		refs = ?, principles = ? WHERE id = ?`), n, low, high, once, yearly, jsonList(sortedDistinct(refs)), jsonList(sortedDistinct(principles)), id)
	return err
}

// refreshKeys makes the figure keys of knelpunten ids (knelpunt_keys)
// those of their signals again, and moves the count of knelpunten of each
// figure whose keys changed; the figures are updated in sorted key order.
func (s *Store) refreshKeys(ctx context.Context, tx *sql.Tx, ids ...int64) error {
	delta := map[string]int64{}
	for _, id := range ids {
		want, err := s.keyList(ctx, tx, `SELECT DISTINCT k.key FROM signals s JOIN signal_keys k ON k.signal_id = s.id WHERE s.knelpunt_id = ?`, id)
		if err != nil {
			return err
		}
		have, err := s.keyList(ctx, tx, "SELECT key FROM knelpunt_keys WHERE knelpunt_id = ?", id)
		if err != nil {
			return err
		}
		for _, key := range want {
			if _, ok := slices.BinarySearch(have, key); ok {
				continue
			}
			if _, err := tx.ExecContext(ctx, s.q("INSERT INTO knelpunt_keys (key, knelpunt_id) VALUES (?, ?)"), key, id); err != nil {
				return err
			}
			delta[key]++
		}
		for _, key := range have {
			if _, ok := slices.BinarySearch(want, key); ok {
				continue
			}
			if _, err := tx.ExecContext(ctx, s.q("DELETE FROM knelpunt_keys WHERE key = ? AND knelpunt_id = ?"), key, id); err != nil {
				return err
			}
			delta[key]--
		}
	}
	for _, key := range slices.Sorted(maps.Keys(delta)) {
		if delta[key] == 0 {
			continue
		}
		if _, err := tx.ExecContext(ctx, s.q("UPDATE rule_figures SET knelpunten = knelpunten + ? WHERE key = ?"), delta[key], key); err != nil {
			return err
		}
	}
	return nil
}

// keyList runs a query of keys with one id parameter and returns them
// sorted.
func (s *Store) keyList(ctx context.Context, tx *sql.Tx, query string, id int64) ([]string, error) {
	rows, err := tx.QueryContext(ctx, s.q(query), id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			return nil, err
		}
		out = append(out, k)
	}
	slices.Sort(out)
	return out, rows.Err()
}

// RuleFigures implements schakel.KnelpuntStore. OpenAnswers is counted
// live: the knelpunten with the figure's key that are put to their level
// and owe an answer.
func (s *Store) RuleFigures(ctx context.Context, f schakel.FigureFilter) ([]*schakel.RuleFigure, int, error) {
	var where []string
	var args []any
	if f.Level != "" {
		where = append(where, "f.level = ?")
		args = append(args, string(f.Level))
	}
	if f.Law != "" {
		where = append(where, "f.law = ?")
		args = append(args, f.Law)
	}
	if f.Key != "" {
		where = append(where, "f.key = ?")
		args = append(args, f.Key)
	}
	out, total, err := pageOf(ctx, s, listing{what: "rule figures", from: "rule_figures f", where: where, args: args, order: "f.signals DESC, f.key",
		columns: "f.key, f.level, f.law, f.ref, f.signals, f.organisations, f.knelpunten, f.citizens_low, f.citizens_high, f.cost_once, f.cost_yearly",
		limit:   f.Limit, offset: f.Offset}, scanFigure)
	if err != nil {
		return nil, 0, err
	}
	if err := s.openAnswers(ctx, out); err != nil {
		return nil, 0, err
	}
	return out, total, nil
}

// openAnswers counts, for each figure of a page, its knelpunten that are
// put to their level and owe an answer. The count starts from those
// knelpunten (CROSS JOIN keeps that order on SQLite; PostgreSQL plans it
// itself): they are few, while a law may have a knelpunt for every key.
func (s *Store) openAnswers(ctx context.Context, figs []*schakel.RuleFigure) error {
	if len(figs) == 0 {
		return nil
	}
	byKey := make(map[string]*schakel.RuleFigure, len(figs))
	args := []any{string(schakel.KnelpuntPut), string(schakel.KnelpuntDeclined)}
	for _, f := range figs {
		byKey[f.Key] = f
		args = append(args, f.Key)
	}
	// A declined knelpunt whose explain was contested owes an answer again
	// at the next rung: its current request says so.
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT kk.key, COUNT(*) FROM knelpunten k CROSS JOIN requests r CROSS JOIN knelpunt_keys kk
		WHERE k.state IN (?, ?) AND r.id = k.request_id AND r.state IN ('open', 'ontvangen', 'geescaleerd')
		AND kk.knelpunt_id = k.id AND kk.key IN (`+placeholders(len(figs))+`) GROUP BY kk.key`), args...)
	if err != nil {
		return fmt.Errorf("store: open answers: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var key string
		var n int64
		if err := rows.Scan(&key, &n); err != nil {
			return fmt.Errorf("store: open answers: %w", err)
		}
		byKey[key].OpenAnswers = n
	}
	return rows.Err()
}

// scanFigure reads a row of rule_figures.
func scanFigure(sc interface{ Scan(...any) error }) (*schakel.RuleFigure, error) {
	var r schakel.RuleFigure
	var level string
	if err := sc.Scan(&r.Key, &level, &r.Law, &r.Ref, &r.Signals, &r.Organisations, &r.Knelpunten, &r.CitizensLow, &r.CitizensHigh,
		&r.CostOnce, &r.CostYearly); err != nil {
		return nil, err
	}
	r.Level = schakel.FigureLevel(level)
	return &r, nil
}
