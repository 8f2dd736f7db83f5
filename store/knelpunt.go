package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/schakel-nl/schakel"
)

var _ schakel.KnelpuntStore = (*Store)(nil)

// knelpuntLock is the stored state of a knelpunt as read, locked, at the
// start of a transaction that changes it.
type knelpuntLock struct {
	id, orgID, requestID, letterID, mergedInto int64
	state                                      schakel.KnelpuntState
	level                                      schakel.KnelpuntLevel
	version                                    int
	refs, principles                           string
}

// lockKnelpunt reads knelpunt id and, on PostgreSQL, locks its row until
// tx ends (SQLite's one writer holds the whole database). ENOTFOUND when
// there is none.
func (s *Store) lockKnelpunt(ctx context.Context, tx *sql.Tx, id int64) (*knelpuntLock, error) {
	var k knelpuntLock
	var state, level string
	var requestID, letterID, mergedInto sql.NullInt64
	err := tx.QueryRowContext(ctx, s.q("SELECT id, organisation_id, state, level, request_id, letter_id, merged_into, version, refs, principles FROM knelpunten WHERE id = ?"+s.dialect.lockRow()), id).
		Scan(&k.id, &k.orgID, &state, &level, &requestID, &letterID, &mergedInto, &k.version, &k.refs, &k.principles)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, schakel.Errorf(schakel.ENOTFOUND, "Knelpunt %d bestaat niet.", id)
	}
	if err != nil {
		return nil, err
	}
	k.state, k.level = schakel.KnelpuntState(state), schakel.KnelpuntLevel(level)
	k.requestID, k.letterID, k.mergedInto = requestID.Int64, letterID.Int64, mergedInto.Int64
	return &k, nil
}

// at returns ECONFLICT unless the knelpunt is still at version prev.
func (k *knelpuntLock) at(prev int) error {
	if k.version != prev {
		return schakel.Errorf(schakel.ECONFLICT, "Knelpunt %d is intussen gewijzigd (nu %s, versie %d); laad het opnieuw.", k.id, k.state, k.version)
	}
	return nil
}

// takesSignals returns ECONFLICT when signals may no longer join or leave
// the knelpunt.
func (k *knelpuntLock) takesSignals() error {
	switch {
	case k.state == schakel.KnelpuntMerged:
		return schakel.Errorf(schakel.ECONFLICT, "Knelpunt %d is samengevoegd met knelpunt %d en neemt geen signalen meer aan.", k.id, k.mergedInto)
	case !k.state.TakesSignals(k.level):
		return schakel.Errorf(schakel.ECONFLICT, "Knelpunt %d neemt geen signalen meer aan: het is %s (niveau %s).", k.id, k.state, k.level)
	}
	return nil
}

// insertKnelpunt inserts a new knelpunt without signals and sets its ID.
func (s *Store) insertKnelpunt(ctx context.Context, tx *sql.Tx, k *schakel.Knelpunt) error {
	return tx.QueryRowContext(ctx, s.q(`INSERT INTO knelpunten (organisation_id, title, summary, solution, proposal, level, state, created_by, created_at, updated_at, version)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`),
		k.OrganisationID, k.Title, k.Summary, string(k.Solution), k.Proposal, string(k.Level), string(k.State), nullInt64(k.CreatedBy),
		k.CreatedAt, k.UpdatedAt, k.Version).Scan(&k.ID)
}

// insertKnelpuntEvent appends ev; ECONFLICT when its seq is taken.
func (s *Store) insertKnelpuntEvent(ctx context.Context, tx *sql.Tx, ev *schakel.KnelpuntEvent) error {
	_, err := tx.ExecContext(ctx, s.q(`INSERT INTO knelpunt_events (knelpunt_id, seq, type, by_user, signals, other, level, request_id, letter_id, at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
		ev.KnelpuntID, ev.Seq, string(ev.Type), nullInt64(ev.By), idsText(ev.Signals), nullInt64(ev.Other), string(ev.Level),
		nullInt64(ev.RequestID), nullInt64(ev.LetterID), ev.At)
	if err != nil && s.dialect.isUniqueViolation(err) {
		return schakel.Errorf(schakel.ECONFLICT, "Knelpunt %d heeft al een gebeurtenis %d; laad het opnieuw.", ev.KnelpuntID, ev.Seq)
	}
	return err
}

// preparedStep is a KnelpuntStep checked and with its requests' events
// encoded before its transaction, as UpdateRequest and CreateRequest do.
type preparedStep struct {
	step                    schakel.KnelpuntStep
	answerData, answerEntry []byte
	openData                []byte
	// opened is the id of the request of the opened rung, once written.
	opened int64
	rungAt time.Time
}

// prepareStep checks step and completes its defaults: the knelpunt's
// version and the event's seq follow PrevVersion (the knelpunt may be
// given at its previous version, as read, or at the next), the event is
// the knelpunt's, at the store's clock when zero, at the knelpunt's level
// when it names none, about the answered request when it names none; the
// knelpunt was updated at the event.
func (s *Store) prepareStep(step schakel.KnelpuntStep) (*preparedStep, error) {
	if err := checkStep(step); err != nil {
		return nil, err
	}
	k, ev := step.Knelpunt, step.Event
	k.Version, ev.Seq, ev.KnelpuntID = step.PrevVersion+1, step.PrevVersion+1, k.ID
	if ev.At.IsZero() {
		ev.At = s.Now()
	}
	ev.At = instant(ev.At)
	if k.UpdatedAt.IsZero() || k.UpdatedAt.Before(ev.At) {
		k.UpdatedAt = ev.At
	}
	k.UpdatedAt, k.AdoptedAt = instant(k.UpdatedAt), instant(k.AdoptedAt)
	if ev.Level == "" {
		ev.Level = k.Level
	}
	p := &preparedStep{step: step}
	if a := step.Answered; a != nil {
		if err := checkAnswer(k.ID, a); err != nil {
			return nil, err
		}
		var err error
		if p.answerData, p.answerEntry, err = prepareUpdate(a.Request, a.Event); err != nil {
			return nil, err
		}
		if ev.RequestID == 0 && step.Opened == nil {
			ev.RequestID = a.Request.ID
		}
	}
	if o := step.Opened; o != nil {
		if o.Request == nil || o.Event == nil || o.Request.Type != schakel.TypeKnelpunt {
			return nil, fmt.Errorf("store: knelpunt %d: a rung is a request of type %s with its event", k.ID, schakel.TypeKnelpunt)
		}
		var err error
		if p.openData, err = s.prepareCreate(o.Request, o.Event); err != nil {
			return nil, err
		}
		p.rungAt = o.Request.CreatedAt
	}
	return p, nil
}

// checkStep refuses a step whose parts do not fit together: a programming
// error of the caller, not a conflict.
func checkStep(step schakel.KnelpuntStep) error {
	k, ev := step.Knelpunt, step.Event
	switch {
	case k == nil || ev == nil:
		return fmt.Errorf("store: knelpunt step: no knelpunt or no event")
	case k.ID == 0:
		return fmt.Errorf("store: knelpunt step: the knelpunt has no id")
	case k.Version != 0 && k.Version != step.PrevVersion && k.Version != step.PrevVersion+1:
		return fmt.Errorf("store: knelpunt %d: version %d does not follow %d", k.ID, k.Version, step.PrevVersion)
	case ev.Seq != 0 && ev.Seq != step.PrevVersion+1:
		return fmt.Errorf("store: knelpunt %d: event seq %d does not follow %d", k.ID, ev.Seq, step.PrevVersion)
	case ev.KnelpuntID != 0 && ev.KnelpuntID != k.ID:
		return fmt.Errorf("store: knelpunt %d: the event is of knelpunt %d", k.ID, ev.KnelpuntID)
	case !k.State.Valid() || !k.Level.Valid():
		return fmt.Errorf("store: knelpunt %d: state %q, level %q", k.ID, k.State, k.Level)
	}
	return nil
}

// checkAnswer refuses an answer whose request and event do not follow
// each other, as UpdateRequest does.
func checkAnswer(knelpunt int64, a *schakel.RequestUpdate) error {
	switch {
	case a.Request == nil || a.Event == nil:
		return fmt.Errorf("store: knelpunt %d: an answer without request or event", knelpunt)
	case a.Request.Version != a.PrevVersion+1:
		return fmt.Errorf("store: knelpunt %d: request %d: version %d does not follow %d", knelpunt, a.Request.ID, a.Request.Version, a.PrevVersion)
	case a.Event.Seq != a.Request.Version:
		return fmt.Errorf("store: knelpunt %d: request %d: event seq %d is not version %d", knelpunt, a.Request.ID, a.Event.Seq, a.Request.Version)
	case a.Event.RequestID != 0 && a.Event.RequestID != a.Request.ID:
		return fmt.Errorf("store: knelpunt %d: request %d: the event is of request %d", knelpunt, a.Request.ID, a.Event.RequestID)
	}
	return nil
}

// apply writes a prepared step in tx on the knelpunt kn locked at its
// start: the answer to the current rung, the request of the next, the
// knelpunt's new state and its event.
func (s *Store) apply(ctx context.Context, tx *sql.Tx, p *preparedStep, kn *knelpuntLock) error {
	k, ev := p.step.Knelpunt, p.step.Event
	if a := p.step.Answered; a != nil {
		if a.Request.ID != kn.requestID {
			return fmt.Errorf("store: knelpunt %d: request %d is not its current rung (%d)", k.ID, a.Request.ID, kn.requestID)
		}
		if err := s.applyUpdate(ctx, tx, a.PrevVersion, a.Request, a.Event, p.answerData, p.answerEntry); err != nil {
			return err
		}
	}
	requestID, evRequestID := k.RequestID, ev.RequestID
	if o := p.step.Opened; o != nil {
		id, err := s.createInTx(ctx, tx, o.Request, o.Event, p.openData)
		if err != nil {
			return err
		}
		var position int
		if err := tx.QueryRowContext(ctx, s.q("SELECT COUNT(*) FROM knelpunt_rungs WHERE knelpunt_id = ?"), k.ID).Scan(&position); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, s.q("INSERT INTO knelpunt_rungs (knelpunt_id, position, level, request_id, at) VALUES (?, ?, ?, ?, ?)"),
			k.ID, position, string(k.Level), id, p.rungAt); err != nil {
			return err
		}
		p.opened, requestID, evRequestID = id, id, id
	}
	res, err := tx.ExecContext(ctx, s.q(`UPDATE knelpunten SET state = ?, level = ?, request_id = ?, merged_into = ?, letter_id = ?, adopted_at = ?,
		updated_at = ?, version = ? WHERE id = ? AND version = ?`),
		string(k.State), string(k.Level), nullInt64(requestID), nullInt64(k.MergedInto), nullInt64(k.LetterID), nullTime(k.AdoptedAt),
		k.UpdatedAt, k.Version, k.ID, p.step.PrevVersion)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n != 1 {
		return kn.at(p.step.PrevVersion)
	}
	stored := *ev
	stored.RequestID = evRequestID
	return s.insertKnelpuntEvent(ctx, tx, &stored)
}

// finish sets on the structs of a committed step what the store chose:
// the ids of the opened request and the knelpunt's new rung.
func (p *preparedStep) finish() {
	if a := p.step.Answered; a != nil {
		a.Event.RequestID = a.Request.ID
	}
	if o := p.step.Opened; o != nil {
		k := p.step.Knelpunt
		o.Request.ID, o.Event.RequestID = p.opened, p.opened
		k.RequestID, p.step.Event.RequestID = p.opened, p.opened
		k.Rungs = append(k.Rungs, schakel.Rung{Level: k.Level, RequestID: p.opened, At: p.rungAt})
	}
}

// stepFailed explains why a transaction of knelpunt steps failed: a
// dangling reference of an opened request is named as CreateRequest names
// it.
func (s *Store) stepFailed(ctx context.Context, op string, err error, steps ...*preparedStep) error {
	if schakel.ErrorCode(err) != schakel.EINTERNAL {
		return err
	}
	if s.dialect.isForeignKeyViolation(err) {
		for _, p := range steps {
			if o := p.step.Opened; o != nil {
				if named := s.createFailed(ctx, o.Request, err, "knelpunt rung"); schakel.ErrorCode(named) == schakel.EINVALID && named != errDangling {
					return named
				}
			}
		}
		return &schakel.Error{Code: schakel.EINVALID, Message: "De stap verwijst naar een gebruiker, organisatie of beginsel dat niet bestaat."}
	}
	return fmt.Errorf("store: %s: %w", op, err)
}

// StepKnelpunt implements schakel.KnelpuntStore. The knelpunt's state,
// level, request, merge, letter, adoption and update time are written from
// step.Knelpunt; its version and the event's seq follow step.PrevVersion.
// An answer must be to the knelpunt's current rung; it is stored as
// UpdateRequest stores it, and an opened request as CreateRequest stores it,
// becoming the knelpunt's next rung at its (new) level. On success the ids
// are set: the opened request's, its event's, the knelpunt's RequestID and
// Rungs, and the event's RequestID.
func (s *Store) StepKnelpunt(ctx context.Context, step schakel.KnelpuntStep) error {
	p, err := s.prepareStep(step)
	if err != nil {
		return err
	}
	err = s.tx(ctx, func(tx *sql.Tx) error {
		kn, err := s.lockKnelpunt(ctx, tx, step.Knelpunt.ID)
		if err != nil {
			return err
		}
		if err := kn.at(step.PrevVersion); err != nil {
			return err
		}
		return s.apply(ctx, tx, p, kn)
	})
	if err != nil {
		return s.stepFailed(ctx, fmt.Sprintf("step knelpunt %d", step.Knelpunt.ID), err, p)
	}
	p.finish()
	return nil
}

// MergeKnelpunten implements schakel.KnelpuntStore. from becomes merged
// into into (its state and MergedInto are set here); both events default
// to the type merged, with Other the other knelpunt and Signals the moved
// signals. Every moved signal gets an event moved, by into's user. The
// totals and figure keys of both are recounted: from has none left. Both
// must be of one organisation (EINVALID knelpuntId otherwise).
func (s *Store) MergeKnelpunten(ctx context.Context, into, from schakel.KnelpuntStep) error {
	if into.Knelpunt == nil || from.Knelpunt == nil || into.Event == nil || from.Event == nil {
		return fmt.Errorf("store: merge knelpunten: no knelpunt or no event")
	}
	if into.Knelpunt.ID == from.Knelpunt.ID {
		return invalidField("knelpuntId", "same", "Een knelpunt kan niet met zichzelf worden samengevoegd.")
	}
	from.Knelpunt.State, from.Knelpunt.MergedInto = schakel.KnelpuntMerged, into.Knelpunt.ID
	for _, ev := range []*schakel.KnelpuntEvent{into.Event, from.Event} {
		if ev.Type == "" {
			ev.Type = schakel.KnelpuntEventMerged
		}
	}
	into.Event.Other, from.Event.Other = from.Knelpunt.ID, into.Knelpunt.ID
	pi, err := s.prepareStep(into)
	if err != nil {
		return err
	}
	pf, err := s.prepareStep(from)
	if err != nil {
		return err
	}
	err = s.tx(ctx, func(tx *sql.Tx) error {
		ki, kf, err := s.lockPair(ctx, tx, into, from)
		if err != nil {
			return err
		}
		moved, err := s.signalIDs(ctx, tx, kf.id, nil)
		if err != nil {
			return err
		}
		for _, ev := range []*schakel.KnelpuntEvent{into.Event, from.Event} {
			if len(ev.Signals) == 0 {
				ev.Signals = moved
			}
		}
		if err := s.apply(ctx, tx, pi, ki); err != nil {
			return err
		}
		if err := s.apply(ctx, tx, pf, kf); err != nil {
			return err
		}
		if err := s.moveSignals(ctx, tx, kf.id, ki.id, nil, into.Event.By, into.Event.At); err != nil {
			return err
		}
		return s.recount(ctx, tx, ki.id, kf.id)
	})
	if err != nil {
		return s.stepFailed(ctx, fmt.Sprintf("merge knelpunt %d into %d", from.Knelpunt.ID, into.Knelpunt.ID), err, pi, pf)
	}
	pi.finish()
	pf.finish()
	if err := s.fillTotals(ctx, into.Knelpunt); err != nil {
		return err
	}
	return s.fillTotals(ctx, from.Knelpunt)
}

// lockPair locks the two knelpunten of a merge in the order of their ids
// (so two merges of the same pair cannot deadlock) and checks that both are
// at their versions, take signals and are of one organisation.
func (s *Store) lockPair(ctx context.Context, tx *sql.Tx, into, from schakel.KnelpuntStep) (ki, kf *knelpuntLock, err error) {
	lock := func(id int64, prev int) (*knelpuntLock, error) {
		k, err := s.lockKnelpunt(ctx, tx, id)
		if err != nil {
			return nil, err
		}
		if err := k.at(prev); err != nil {
			return nil, err
		}
		return k, k.takesSignals()
	}
	first, second := into, from
	if from.Knelpunt.ID < into.Knelpunt.ID {
		first, second = from, into
	}
	a, err := lock(first.Knelpunt.ID, first.PrevVersion)
	if err != nil {
		return nil, nil, err
	}
	b, err := lock(second.Knelpunt.ID, second.PrevVersion)
	if err != nil {
		return nil, nil, err
	}
	ki, kf = a, b
	if first.Knelpunt.ID != into.Knelpunt.ID {
		ki, kf = b, a
	}
	if ki.orgID != kf.orgID {
		return nil, nil, invalidField("knelpuntId", "other_organisation", "Knelpunt %d is van een andere organisatie dan knelpunt %d.", kf.id, ki.id)
	}
	return ki, kf, nil
}

// signalIDs returns the ids of the signals of knelpunt k, in order; with
// only, those of them that are in only.
func (s *Store) signalIDs(ctx context.Context, tx *sql.Tx, k int64, only []int64) ([]int64, error) {
	cond, args := "knelpunt_id = ?", []any{k}
	if only != nil {
		c, arg := s.dialect.inIDs("id", only)
		cond, args = cond+" AND "+c, append(args, arg)
	}
	rows, err := tx.QueryContext(ctx, s.q("SELECT id FROM signals WHERE "+cond+" ORDER BY id"), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// moveSignals moves the signals of knelpunt from (all, or those in only)
// to knelpunt to, with an event moved on each.
func (s *Store) moveSignals(ctx context.Context, tx *sql.Tx, from, to int64, only []int64, by int64, at time.Time) error {
	cond, args := "knelpunt_id = ?", []any{from}
	if only != nil {
		c, arg := s.dialect.inIDs("id", only)
		cond, args = cond+" AND "+c, append(args, arg)
	}
	// One statement whatever the number of signals: a knelpunt may hold
	// thousands.
	if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO signal_events (signal_id, type, from_knelpunt, to_knelpunt, by_user, at)
		SELECT id, '`+string(schakel.SignalEventMoved)+`', CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS BIGINT), `+s.dialect.instantParam()+`
		FROM signals WHERE `+cond+" ORDER BY id"), append([]any{from, to, nullInt64(by), at}, args...)...); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, s.q("UPDATE signals SET knelpunt_id = ? WHERE "+cond), append([]any{to}, args...)...)
	return err
}

// SplitKnelpunt implements schakel.KnelpuntStore. The new knelpunt
// split.Knelpunt is of from's organisation, open, at its team, version 1,
// created by split's user at split's time (from's when zero); its event
// (type split, seq 1, Other from) lists the moved signals, and so does
// from's (type split, Other the new knelpunt) when it lists none. Every
// moved signal gets an event moved. split may not answer or open a rung.
func (s *Store) SplitKnelpunt(ctx context.Context, from, split schakel.KnelpuntStep) error {
	switch {
	case from.Knelpunt == nil || from.Event == nil || split.Knelpunt == nil || split.Event == nil:
		return fmt.Errorf("store: split knelpunt: no knelpunt or no event")
	case split.Answered != nil || split.Opened != nil:
		return fmt.Errorf("store: split knelpunt %d: a new knelpunt has no rung to answer or open", from.Knelpunt.ID)
	}
	ids := slices.Compact(slices.Sorted(slices.Values(split.Event.Signals)))
	if len(ids) == 0 {
		return invalidField("signalen", "required", "Kies de signalen die naar het nieuwe knelpunt gaan.")
	}
	nk, nev := split.Knelpunt, split.Event
	if from.Event.Type == "" {
		from.Event.Type = schakel.KnelpuntEventSplit
	}
	if len(from.Event.Signals) == 0 {
		from.Event.Signals = ids
	}
	pf, err := s.prepareStep(from)
	if err != nil {
		return err
	}
	if nev.Type == "" {
		nev.Type = schakel.KnelpuntEventSplit
	}
	if nev.At.IsZero() {
		nev.At = from.Event.At
	}
	if nev.By == 0 {
		nev.By = from.Event.By
	}
	nev.At, nev.Signals, nev.Seq, nev.Other, nev.Level = instant(nev.At), ids, 1, from.Knelpunt.ID, schakel.LevelTeam
	err = s.tx(ctx, func(tx *sql.Tx) error {
		kf, err := s.lockKnelpunt(ctx, tx, from.Knelpunt.ID)
		if err != nil {
			return err
		}
		if err := kf.at(from.PrevVersion); err != nil {
			return err
		}
		if err := kf.takesSignals(); err != nil {
			return err
		}
		if err := s.checkSplit(ctx, tx, kf.id, ids); err != nil {
			return err
		}
		nk.OrganisationID, nk.State, nk.Level, nk.Version = kf.orgID, schakel.KnelpuntOpen, schakel.LevelTeam, 1
		nk.RequestID, nk.MergedInto, nk.LetterID, nk.AdoptedAt, nk.Rungs = 0, 0, 0, time.Time{}, nil
		nk.CreatedAt, nk.UpdatedAt = nev.At, nev.At
		if nk.CreatedBy == 0 {
			nk.CreatedBy = nev.By
		}
		if err := s.insertKnelpunt(ctx, tx, nk); err != nil {
			return err
		}
		nev.KnelpuntID, from.Event.Other = nk.ID, nk.ID
		if err := s.insertKnelpuntEvent(ctx, tx, nev); err != nil {
			return err
		}
		if err := s.apply(ctx, tx, pf, kf); err != nil {
			return err
		}
		if err := s.moveSignals(ctx, tx, kf.id, nk.ID, ids, nev.By, nev.At); err != nil {
			return err
		}
		return s.recount(ctx, tx, kf.id, nk.ID)
	})
	if err != nil {
		nk.ID, nev.KnelpuntID = 0, 0
		return s.stepFailed(ctx, fmt.Sprintf("split knelpunt %d", from.Knelpunt.ID), err, pf)
	}
	pf.finish()
	if err := s.fillTotals(ctx, nk); err != nil {
		return err
	}
	return s.fillTotals(ctx, from.Knelpunt)
}

// checkSplit returns EINVALID (signalen) when a signal of ids is not in
// knelpunt k, or when ids are all of its signals.
func (s *Store) checkSplit(ctx context.Context, tx *sql.Tx, k int64, ids []int64) error {
	in, err := s.signalIDs(ctx, tx, k, ids)
	if err != nil {
		return err
	}
	var v schakel.Validation
	for _, id := range ids {
		if _, ok := slices.BinarySearch(in, id); !ok {
			v.Add("signalen", "not_in_knelpunt", "Signaal %d hoort niet bij knelpunt %d.", id, k)
		}
	}
	if err := v.Err(); err != nil {
		return err
	}
	var total int
	if err := tx.QueryRowContext(ctx, s.q("SELECT COUNT(*) FROM signals WHERE knelpunt_id = ?"), k).Scan(&total); err != nil {
		return err
	}
	if total == len(ids) {
		return invalidField("signalen", "all", "Laat minstens één signaal in knelpunt %d achter.", k)
	}
	return nil
}

// fillTotals reads the totals of a knelpunt just written into k, so the
// caller holds the knelpunt as it now is.
func (s *Store) fillTotals(ctx context.Context, k *schakel.Knelpunt) error {
	got, err := s.Knelpunt(ctx, k.ID)
	if err != nil {
		return err
	}
	k.Signals, k.Citizens, k.Cost, k.Refs, k.Principles = got.Signals, got.Citizens, got.Cost, got.Refs, got.Principles
	return nil
}
