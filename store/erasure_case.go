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
	return s.eraseTexts(ctx, erasableCases, caseID, reason, func(tx *sql.Tx) error { return s.eraseCaseRows(ctx, tx, caseID) })
}

// erasableCases are the cases of the maatwerkplaats.
var erasableCases = erasable{table: "cases", erasures: "case_erasures", idColumn: "case_id",
	ended:    func(state string) bool { return schakel.CaseState(state).Closed() },
	notFound: "Casus %d bestaat niet.", erasedOn: "De teksten van casus %d zijn al gewist op %s.", erased: "De teksten van casus %d zijn al gewist.",
	notEnded: "Casus %d is %s: alleen de teksten van een besloten, gepubliceerde of ingetrokken casus kunnen worden gewist."}

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
		{"UPDATE signals SET proposal = ? WHERE case_id = ? AND state = 'concept' AND proposal <> ''", []any{x, caseID}},
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
