package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/schakel-nl/schakel"
)

// effectRow is how an effect is kept in the effects column of assessments.
type effectRow struct {
	Group    string `json:"group"`
	Citizens int64  `json:"citizens"`
	Better   bool   `json:"better"`
	Text     string `json:"text"`
}

// itemAnswerRow is how the minister's answer to an item is kept in the
// answers column of assessments.
type itemAnswerRow struct {
	Item     string `json:"item"`
	Accepted bool   `json:"accepted"`
	Text     string `json:"text"`
}

// effectsText encodes effects for the effects column.
func effectsText(es []schakel.Effect) string {
	rows := make([]effectRow, len(es))
	for i, e := range es {
		rows[i] = effectRow(e)
	}
	b, _ := json.Marshal(rows) // a slice of plain structs always encodes
	return string(b)
}

// answersText encodes the minister's answers for the answers column.
func answersText(as []schakel.ItemAnswer) string {
	rows := make([]itemAnswerRow, len(as))
	for i, a := range as {
		rows[i] = itemAnswerRow(a)
	}
	b, _ := json.Marshal(rows) // a slice of plain structs always encodes
	return string(b)
}

// assessmentColumns are the columns scanAssessment reads, in its order.
const assessmentColumns = `id, proposal_id, organisation_id, state, request_id, COALESCE(answer_request_id, 0), verdict,
	cost_once, cost_yearly, fte_once, fte_yearly, borne_by, effects, conflicts, conditions, start, alternatives, dilemmas,
	COALESCE(delivered_by, 0), delivered_at, answers, COALESCE(answered_by, 0), answered_at`

// scanAssessment reads a row of assessmentColumns. Lists that are empty
// read as nil, times in UTC.
func scanAssessment(sc interface{ Scan(...any) error }) (*schakel.Assessment, error) {
	var a schakel.Assessment
	var state, verdict, effects, conflicts, conditions, alternatives, dilemmas, answers string
	var start sql.NullString
	var deliveredAt, answeredAt sql.NullTime
	if err := sc.Scan(&a.ID, &a.ProposalID, &a.OrganisationID, &state, &a.RequestID, &a.AnswerRequestID, &verdict,
		&a.CostOnce, &a.CostYearly, &a.FTEOnce, &a.FTEYearly, &a.BorneBy, &effects, &conflicts, &conditions, &start, &alternatives, &dilemmas,
		&a.DeliveredBy, &deliveredAt, &answers, &a.AnsweredBy, &answeredAt); err != nil {
		return nil, err
	}
	a.State, a.Verdict = schakel.AssessmentState(state), schakel.Verdict(verdict)
	if deliveredAt.Valid {
		a.DeliveredAt = deliveredAt.Time.UTC()
	}
	if answeredAt.Valid {
		a.AnsweredAt = answeredAt.Time.UTC()
	}
	var err error
	if a.Start, err = parseNullDate(start); err != nil {
		return nil, fmt.Errorf("assessment %d: start: %w", a.ID, err)
	}
	var es []effectRow
	var cs []conflictRow
	var is []itemAnswerRow
	for _, l := range []struct {
		name, text string
		dst        any
	}{{"effects", effects, &es}, {"conflicts", conflicts, &cs}, {"answers", answers, &is}} {
		if err := json.Unmarshal([]byte(l.text), l.dst); err != nil {
			return nil, fmt.Errorf("assessment %d: %s: %w", a.ID, l.name, err)
		}
	}
	for _, e := range es {
		a.Effects = append(a.Effects, schakel.Effect(e))
	}
	for _, c := range cs {
		a.Conflicts = append(a.Conflicts, schakel.Ground{Principle: c.Principle, Text: c.Text})
	}
	for _, i := range is {
		a.Answers = append(a.Answers, schakel.ItemAnswer(i))
	}
	for _, l := range []struct {
		name, text string
		dst        *[]string
	}{{"conditions", conditions, &a.Conditions}, {"alternatives", alternatives, &a.Alternatives}, {"dilemmas", dilemmas, &a.Dilemmas}} {
		if *l.dst, err = parseList(l.text); err != nil {
			return nil, fmt.Errorf("assessment %d: %s: %w", a.ID, l.name, err)
		}
	}
	return &a, nil
}

// assessmentLock is the stored state of an assessment as read, locked, at
// the start of a transaction that changes it.
type assessmentLock struct {
	id, requestID, answerRequestID int64
	state                          schakel.AssessmentState
}

// lockAssessment reads assessment id and, on PostgreSQL, locks its row
// until tx ends (SQLite's one writer holds the whole database). ENOTFOUND
// when there is none.
func (s *Store) lockAssessment(ctx context.Context, tx *sql.Tx, id int64) (*assessmentLock, error) {
	lk := assessmentLock{id: id}
	var state string
	var answerRequest sql.NullInt64
	err := tx.QueryRowContext(ctx, s.q("SELECT state, request_id, answer_request_id FROM assessments WHERE id = ?"+s.dialect.lockRow()), id).
		Scan(&state, &lk.requestID, &answerRequest)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, schakel.Errorf(schakel.ENOTFOUND, "Uitvoeringstoets %d bestaat niet.", id)
	}
	if err != nil {
		return nil, err
	}
	lk.state, lk.answerRequestID = schakel.AssessmentState(state), answerRequest.Int64
	return &lk, nil
}

// in returns ECONFLICT unless the assessment is in state want.
func (lk *assessmentLock) in(want schakel.AssessmentState) error {
	if lk.state != want {
		return schakel.Errorf(schakel.ECONFLICT, "Uitvoeringstoets %d is %s, niet %s; laad haar opnieuw.", lk.id, lk.state, want)
	}
	return nil
}

// preparedAnswer is the answer of an assessment's request, checked and
// encoded before its transaction, as UpdateRequest does.
type preparedAnswer struct {
	u           schakel.RequestUpdate
	data, entry []byte
}

// prepareAnswer checks that the request update of assessment id follows
// its request's version and encodes it.
func prepareAnswer(id int64, u schakel.RequestUpdate) (*preparedAnswer, error) {
	switch {
	case u.Request == nil || u.Event == nil:
		return nil, fmt.Errorf("store: assessment %d: an answer without request or event", id)
	case u.Request.Version != u.PrevVersion+1 || u.Event.Seq != u.Request.Version:
		return nil, fmt.Errorf("store: assessment %d: request %d: version %d, event seq %d do not follow %d", id, u.Request.ID, u.Request.Version, u.Event.Seq, u.PrevVersion)
	case u.Event.RequestID != 0 && u.Event.RequestID != u.Request.ID:
		return nil, fmt.Errorf("store: assessment %d: request %d: the event is of request %d", id, u.Request.ID, u.Event.RequestID)
	}
	data, entry, err := prepareUpdate(u.Request, u.Event)
	if err != nil {
		return nil, err
	}
	return &preparedAnswer{u: u, data: data, entry: entry}, nil
}

// apply stores the answer in tx, if its request is want and still at the
// version it follows.
func (pa *preparedAnswer) apply(ctx context.Context, s *Store, tx *sql.Tx, assessmentID, want int64) error {
	if pa.u.Request.ID != want {
		return fmt.Errorf("request %d is not the one of assessment %d (%d)", pa.u.Request.ID, assessmentID, want)
	}
	return s.applyUpdate(ctx, tx, pa.u.PrevVersion, pa.u.Request, pa.u.Event, pa.data, pa.entry)
}

// DeliverAssessment implements schakel.ProposalStore. The assessment's
// verdict, costs, effects, conflicts, conditions, start, alternatives,
// dilemmas and who delivered it when (by default the answer's actor and
// time) are written from a; its state becomes delivered. answered must be
// the answer of its request, stored as UpdateRequest stores it; opened the
// request (of type toetsreactie) for the minister's answer, stored as
// CreateRequest stores it, whose id is set, as a.AnswerRequestID. ECONFLICT
// unless a is still requested, ENOTFOUND when there is no such assessment,
// EINVALID naming "conflicten[i].beginsel" for a principle that does not
// exist; on any error nothing is written.
func (s *Store) DeliverAssessment(ctx context.Context, a *schakel.Assessment, answered schakel.RequestUpdate, opened schakel.RequestCreation) error {
	if a == nil || a.ID == 0 {
		return errors.New("store: deliver assessment: no assessment id")
	}
	pa, err := prepareAnswer(a.ID, answered)
	if err != nil {
		return err
	}
	if opened.Request == nil || opened.Event == nil || opened.Request.Type != schakel.TypeAssessmentAnswer {
		return fmt.Errorf("store: deliver assessment %d: the minister's answer is asked by a request of type %s with its event", a.ID, schakel.TypeAssessmentAnswer)
	}
	openData, err := s.prepareCreate(opened.Request, opened.Event)
	if err != nil {
		return err
	}
	stamp(&a.DeliveredAt, answered.Event.At)
	orID(&a.DeliveredBy, answered.Event.Actor.UserID)
	var lk *assessmentLock
	var answerID int64
	err = s.tx(ctx, func(tx *sql.Tx) error {
		locked, err := s.lockAssessment(ctx, tx, a.ID)
		if err != nil {
			return err
		}
		lk = locked
		if err := lk.in(schakel.AssessmentRequested); err != nil {
			return err
		}
		if err := s.checkConflicts(ctx, tx, a.Conflicts); err != nil {
			return err
		}
		if err := pa.apply(ctx, s, tx, a.ID, lk.requestID); err != nil {
			return err
		}
		if answerID, err = s.createInTx(ctx, tx, opened.Request, opened.Event, openData); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, s.q(`UPDATE assessments SET state = ?, answer_request_id = ?, verdict = ?, cost_once = ?, cost_yearly = ?,
			fte_once = ?, fte_yearly = ?, borne_by = ?, effects = ?, conflicts = ?, conditions = ?, start = ?, alternatives = ?, dilemmas = ?,
			delivered_by = ?, delivered_at = ? WHERE id = ?`),
			string(schakel.AssessmentDelivered), answerID, string(a.Verdict), a.CostOnce, a.CostYearly, a.FTEOnce, a.FTEYearly, a.BorneBy,
			effectsText(a.Effects), conflictsText(a.Conflicts), jsonList(a.Conditions), nullDate(a.Start), jsonList(a.Alternatives), jsonList(a.Dilemmas),
			nullInt64(a.DeliveredBy), a.DeliveredAt, a.ID)
		return err
	})
	if err != nil {
		return s.proposalFailed(ctx, fmt.Sprintf("deliver assessment %d", a.ID), err, []*schakel.Request{opened.Request})
	}
	a.State, a.RequestID, a.AnswerRequestID = schakel.AssessmentDelivered, lk.requestID, answerID
	answered.Event.RequestID = answered.Request.ID
	opened.Request.ID, opened.Event.RequestID = answerID, answerID
	return nil
}

// checkConflicts returns EINVALID naming each value in conflict whose
// principle does not exist.
func (s *Store) checkConflicts(ctx context.Context, tx *sql.Tx, conflicts []schakel.Ground) error {
	codes := make([]string, len(conflicts))
	for i, c := range conflicts {
		codes[i] = c.Principle
	}
	known, err := s.knownPrinciples(ctx, tx, codes)
	if err != nil {
		return err
	}
	var v schakel.Validation
	for i, c := range conflicts {
		if !known[c.Principle] {
			v.Add(fmt.Sprintf("conflicten[%d].beginsel", i), "unknown", "Beginsel %q bestaat niet.", c.Principle)
		}
	}
	return v.Err()
}

// AnswerAssessment implements schakel.ProposalStore. The minister's
// answers and who answered when (by default the answer's actor and time)
// are written from a; its state becomes answered. answered must be the
// answer of its answer request, stored as UpdateRequest stores it.
// ECONFLICT unless a is delivered, ENOTFOUND when there is no such
// assessment; on any error nothing is written.
func (s *Store) AnswerAssessment(ctx context.Context, a *schakel.Assessment, answered schakel.RequestUpdate) error {
	if a == nil || a.ID == 0 {
		return errors.New("store: answer assessment: no assessment id")
	}
	pa, err := prepareAnswer(a.ID, answered)
	if err != nil {
		return err
	}
	stamp(&a.AnsweredAt, answered.Event.At)
	orID(&a.AnsweredBy, answered.Event.Actor.UserID)
	err = s.tx(ctx, func(tx *sql.Tx) error {
		lk, err := s.lockAssessment(ctx, tx, a.ID)
		if err != nil {
			return err
		}
		if err := lk.in(schakel.AssessmentDelivered); err != nil {
			return err
		}
		if err := pa.apply(ctx, s, tx, a.ID, lk.answerRequestID); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, s.q("UPDATE assessments SET state = ?, answers = ?, answered_by = ?, answered_at = ? WHERE id = ?"),
			string(schakel.AssessmentAnswered), answersText(a.Answers), nullInt64(a.AnsweredBy), a.AnsweredAt, a.ID)
		return err
	})
	if err != nil {
		return s.proposalFailed(ctx, fmt.Sprintf("answer assessment %d", a.ID), err, nil)
	}
	a.State = schakel.AssessmentAnswered
	answered.Event.RequestID = answered.Request.ID
	return nil
}

// MissAssessment implements schakel.ProposalStore. Marking an assessment
// that is marked already changes nothing, so two readers that both find
// its request missed may both record it; ECONFLICT when it was delivered
// or answered, ENOTFOUND when there is none.
func (s *Store) MissAssessment(ctx context.Context, assessmentID int64) error {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		lk, err := s.lockAssessment(ctx, tx, assessmentID)
		if err != nil || lk.state == schakel.AssessmentMissed {
			return err
		}
		if err := lk.in(schakel.AssessmentRequested); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, s.q("UPDATE assessments SET state = ? WHERE id = ?"), string(schakel.AssessmentMissed), assessmentID)
		return err
	})
	return wrapCase(fmt.Sprintf("miss assessment %d", assessmentID), err)
}

// Assessment implements schakel.ProposalStore.
func (s *Store) Assessment(ctx context.Context, id int64) (*schakel.Assessment, error) {
	a, err := scanAssessment(s.read.QueryRowContext(ctx, s.q("SELECT "+assessmentColumns+" FROM assessments WHERE id = ?"), id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, schakel.Errorf(schakel.ENOTFOUND, "Uitvoeringstoets %d bestaat niet.", id)
	}
	if err != nil {
		return nil, fmt.Errorf("store: assessment %d: %w", id, err)
	}
	return a, nil
}

// Assessments implements schakel.ProposalStore; none for a proposal that
// does not exist.
func (s *Store) Assessments(ctx context.Context, proposalID int64) ([]*schakel.Assessment, error) {
	rows, err := s.read.QueryContext(ctx, s.q("SELECT "+assessmentColumns+" FROM assessments WHERE proposal_id = ? ORDER BY id"), proposalID)
	if err != nil {
		return nil, fmt.Errorf("store: assessments of proposal %d: %w", proposalID, err)
	}
	defer rows.Close()
	var out []*schakel.Assessment
	for rows.Next() {
		a, err := scanAssessment(rows)
		if err != nil {
			return nil, fmt.Errorf("store: assessments of proposal %d: %w", proposalID, err)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: assessments of proposal %d: %w", proposalID, err)
	}
	return out, nil
}

// AssessmentOfRequest implements schakel.ProposalStore.
func (s *Store) AssessmentOfRequest(ctx context.Context, requestID int64) (int64, error) {
	var id int64
	err := s.read.QueryRowContext(ctx, s.q("SELECT id FROM assessments WHERE request_id = ? OR answer_request_id = ?"), requestID, requestID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("store: assessment of request %d: %w", requestID, err)
	}
	return id, nil
}
