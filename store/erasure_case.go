package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/schakel-nl/schakel"
)

// codeNotes are the case events whose note is a code rather than a text:
// the perspective of an invitation or a view, the outcome of a decision.
// An erasure keeps them; every other non-empty note is a text and erased.
var codeNotes = "'" + strings.Join([]string{string(schakel.CaseEventInvited), string(schakel.CaseEventView), string(schakel.CaseEventDecided)}, "', '") + "'"

// EraseCaseTexts implements schakel.ErasureStore. In one transaction it
// locks the case, records the erasure in case_erasures (first: the
// append-only trigger on case_events allows changing an event's note only
// for an erased case, and only to erase it), and replaces the texts of the
// case, its views, its decision and signal, and the notes of its events
// with schakel.ErasedText. The precedent, if the case was published, is not
// touched.
func (s *Store) EraseCaseTexts(ctx context.Context, caseID int64, reason string) error {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return invalidField("reden", "required", "Geef de reden van het wissen.")
	}
	now := instant(s.Now())
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var state string
		var version int
		err := tx.QueryRowContext(ctx, s.q("SELECT state, version FROM cases WHERE id = ?"+s.dialect.lockRow()), caseID).Scan(&state, &version)
		if errors.Is(err, sql.ErrNoRows) {
			return schakel.Errorf(schakel.ENOTFOUND, "Casus %d bestaat niet.", caseID)
		}
		if err != nil {
			return err
		}
		var erasedAt time.Time
		err = tx.QueryRowContext(ctx, s.q("SELECT erased_at FROM case_erasures WHERE case_id = ?"), caseID).Scan(&erasedAt)
		if err == nil {
			return schakel.Errorf(schakel.ECONFLICT, "De teksten van casus %d zijn al gewist op %s.", caseID, erasedAt.UTC().Format(time.DateOnly))
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if !schakel.CaseState(state).Closed() {
			return schakel.Errorf(schakel.ECONFLICT, "Casus %d is %s: alleen de teksten van een besloten, gepubliceerde of ingetrokken casus kunnen worden gewist.", caseID, state)
		}
		if _, err := tx.ExecContext(ctx, s.q("INSERT INTO case_erasures (case_id, erased_at, reason, through_seq) VALUES (?, ?, ?, ?)"),
			caseID, now, reason, version); err != nil {
			if s.dialect.isUniqueViolation(err) {
				return schakel.Errorf(schakel.ECONFLICT, "De teksten van casus %d zijn al gewist.", caseID)
			}
			return err
		}
		return s.eraseCaseRows(ctx, tx, caseID)
	})
	if err != nil {
		if schakel.ErrorCode(err) != schakel.EINTERNAL {
			return err
		}
		return fmt.Errorf("store: erase texts of case %d: %w", caseID, err)
	}
	s.purge(ctx, false)
	return nil
}

// eraseCaseRows replaces each non-empty text of the case and what belongs
// to it with schakel.ErasedText; lists (the parties, the weighings) keep
// their length, and a weighing its principle.
func (s *Store) eraseCaseRows(ctx context.Context, tx *sql.Tx, caseID int64) error {
	const x = schakel.ErasedText
	var parties string
	if err := tx.QueryRowContext(ctx, s.q("SELECT parties FROM cases WHERE id = ?"), caseID).Scan(&parties); err != nil {
		return err
	}
	var names []string
	if err := json.Unmarshal([]byte(parties), &names); err != nil {
		return fmt.Errorf("parties: %w", err)
	}
	for i := range names {
		names[i] = erasedText(names[i])
	}
	weighings, err := s.erasedWeighings(ctx, tx, caseID)
	if err != nil {
		return err
	}
	for _, u := range []struct {
		query string
		args  []any
	}{
		{`UPDATE cases SET title = CASE WHEN title = '' THEN '' ELSE ? END, situation = CASE WHEN situation = '' THEN '' ELSE ? END,
			intent = CASE WHEN intent = '' THEN '' ELSE ? END, harm = CASE WHEN harm = '' THEN '' ELSE ? END, parties = ? WHERE id = ?`,
			[]any{x, x, x, x, jsonList(names), caseID}},
		{"UPDATE case_views SET text = ? WHERE case_id = ? AND text <> ''", []any{x, caseID}},
		{`UPDATE case_decisions SET legal_ground_text = CASE WHEN legal_ground_text = '' THEN '' ELSE ? END,
			explanation = CASE WHEN explanation = '' THEN '' ELSE ? END, weighings = ? WHERE case_id = ?`, []any{x, x, weighings, caseID}},
		{"UPDATE signals SET text = ? WHERE case_id = ? AND text <> ''", []any{x, caseID}},
		{"UPDATE case_events SET note = ? WHERE case_id = ? AND note <> '' AND note <> ? AND type NOT IN (" + codeNotes + ")", []any{x, caseID, x}},
	} {
		if _, err := tx.ExecContext(ctx, s.q(u.query), u.args...); err != nil {
			return err
		}
	}
	return nil
}

// erasedWeighings returns the weighings of the case's decision with their
// texts erased; "[]" when it has no decision.
func (s *Store) erasedWeighings(ctx context.Context, tx *sql.Tx, caseID int64) (string, error) {
	var raw string
	err := tx.QueryRowContext(ctx, s.q("SELECT weighings FROM case_decisions WHERE case_id = ?"), caseID).Scan(&raw)
	if errors.Is(err, sql.ErrNoRows) {
		return "[]", nil
	}
	if err != nil {
		return "", err
	}
	ws, err := parseWeighings(raw)
	if err != nil {
		return "", fmt.Errorf("weighings: %w", err)
	}
	for i := range ws {
		ws[i].How = erasedText(ws[i].How)
	}
	return weighingsText(ws), nil
}

// erasedText is schakel.ErasedText for a text, "" for none.
func erasedText(s string) string {
	if s == "" {
		return ""
	}
	return schakel.ErasedText
}

// CaseErasures implements schakel.ErasureStore, with one query.
func (s *Store) CaseErasures(ctx context.Context, caseIDs []int64) (map[int64]*schakel.CaseErasure, error) {
	out := map[int64]*schakel.CaseErasure{}
	if len(caseIDs) == 0 {
		return out, nil
	}
	clause, arg := s.inList("case_id", caseIDs)
	rows, err := s.read.QueryContext(ctx, "SELECT case_id, erased_at, reason, through_seq FROM case_erasures WHERE "+clause, arg)
	if err != nil {
		return nil, fmt.Errorf("store: case erasures: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var x schakel.CaseErasure
		if err := rows.Scan(&x.CaseID, &x.ErasedAt, &x.Reason, &x.ThroughSeq); err != nil {
			return nil, fmt.Errorf("store: case erasures: %w", err)
		}
		x.ErasedAt = x.ErasedAt.UTC()
		out[x.CaseID] = &x
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: case erasures: %w", err)
	}
	return out, nil
}
