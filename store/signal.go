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

var _ schakel.SignalStore = (*Store)(nil)

// errSignalDangling is the EINVALID for a reference of a signal the checks
// before the writes did not catch (a row removed in between, or the user
// who filed it).
var errSignalDangling = &schakel.Error{Code: schakel.EINVALID, Message: "Het signaal verwijst naar een organisatie, gebruiker, casus of knelpunt dat niet bestaat."}

// wrapSignal passes errors that carry a code on, turns a foreign key
// violation into an EINVALID and wraps the rest with the operation.
func (s *Store) wrapSignal(op string, err error) error {
	switch {
	case err == nil:
		return nil
	case schakel.ErrorCode(err) != schakel.EINTERNAL:
		return err
	case s.dialect.isForeignKeyViolation(err):
		return errSignalDangling
	}
	return fmt.Errorf("store: %s: %w", op, err)
}

// RaiseSignal implements schakel.SignalStore. Returns EINVALID naming the
// organisation when it does not exist, and the case (casusId) when it does
// not exist or is of another organisation.
func (s *Store) RaiseSignal(ctx context.Context, sig *schakel.Signal) error {
	if sig.CreatedAt.IsZero() {
		sig.CreatedAt = s.Now()
	}
	sig.CreatedAt = instant(sig.CreatedAt)
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var v schakel.Validation
		if !s.exists(ctx, tx, "organisations", sig.OrganisationID) {
			v.Add("organisatie", "unknown", "Organisatie %d bestaat niet.", sig.OrganisationID)
		}
		if sig.CaseID != 0 && !s.found(ctx, tx, "SELECT 1 FROM cases WHERE id = ? AND organisation_id = ?", sig.CaseID, sig.OrganisationID) {
			v.Add("casusId", "unknown", "Casus %d bestaat niet bij deze organisatie.", sig.CaseID)
		}
		if err := v.Err(); err != nil {
			return err
		}
		return s.raiseSignal(ctx, tx, sig)
	})
	if err != nil {
		sig.ID = 0
		return s.wrapSignal("raise signal", err)
	}
	return nil
}

// found reports whether query, a SELECT of one row, finds one.
func (s *Store) found(ctx context.Context, q queryer, query string, args ...any) bool {
	var one int
	return q.QueryRowContext(ctx, s.q(query), args...).Scan(&one) == nil
}

// FileSignal implements schakel.SignalStore. The signal, its event, the
// knelpunt (created, or its event, totals and keys) and the figures of
// every rule it anchors to are written in one transaction; on any error
// nothing is. ev is completed as stored: KnelpuntID, Seq, Type (created or
// joined), Signals ([s.ID] when empty), By (the filer when 0) and At (the
// filing time). A new knelpunt k is of the signal's organisation, open, at
// its team, version 1; its totals are the signal's. k is not used when
// s.KnelpuntID is set. A completed signal keeps the case and creation time
// it was raised with. Besides the references the port names, EINVALID
// names a case of another organisation (casusId) and, for a completed
// signal, a raised signal of another organisation (organisatie).
func (s *Store) FileSignal(ctx context.Context, sig *schakel.Signal, k *schakel.Knelpunt, ev *schakel.KnelpuntEvent) error {
	if err := s.prepareFiling(sig, k, ev); err != nil {
		return err
	}
	raisedID := sig.ID
	var kn *knelpuntLock
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.checkSignal(ctx, tx, sig); err != nil {
			return err
		}
		if raisedID != 0 {
			if err := s.lockRaised(ctx, tx, sig); err != nil {
				return err
			}
		}
		var err error
		if kn, err = s.filingKnelpunt(ctx, tx, sig, k, ev); err != nil {
			return err
		}
		sig.KnelpuntID = kn.id
		if err := s.writeSignal(ctx, tx, sig); err != nil {
			return err
		}
		if len(ev.Signals) == 0 {
			ev.Signals = []int64{sig.ID}
		}
		if err := s.insertKnelpuntEvent(ctx, tx, ev); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, s.q("INSERT INTO signal_events (signal_id, type, to_knelpunt, by_user, at) VALUES (?, ?, ?, ?, ?)"),
			sig.ID, string(schakel.SignalEventFiled), kn.id, nullInt64(sig.FiledBy), sig.FiledAt); err != nil {
			return err
		}
		if err := s.addSignalFigures(ctx, tx, sig); err != nil {
			return err
		}
		return s.addToTotals(ctx, tx, kn, sig, ev)
	})
	if err != nil {
		if raisedID == 0 {
			sig.ID = 0
		}
		if kn != nil && kn.version == 0 {
			k.ID, sig.KnelpuntID = 0, 0
		}
		return s.wrapSignal("file signal", err)
	}
	if kn.version == 0 {
		k.Signals, k.Citizens, k.Cost = 1, schakel.Estimate{Low: sig.Citizens.Low, High: sig.Citizens.High}, schakel.Cost{OnceCents: sig.Cost.OnceCents, YearlyCents: sig.Cost.YearlyCents}
		k.Refs, k.Principles = sortedDistinct(sig.Refs()), sortedDistinct(sig.Principles())
	}
	return nil
}

// prepareFiling checks the arguments of FileSignal and completes their
// defaults.
func (s *Store) prepareFiling(sig *schakel.Signal, k *schakel.Knelpunt, ev *schakel.KnelpuntEvent) error {
	switch {
	case ev == nil:
		return fmt.Errorf("store: file signal: no knelpunt event")
	case sig.KnelpuntID == 0 && k == nil:
		return fmt.Errorf("store: file signal: neither a knelpunt id nor a new knelpunt")
	}
	want := schakel.KnelpuntEventJoined
	if sig.KnelpuntID == 0 {
		want = schakel.KnelpuntEventCreated
	}
	if ev.Type == "" {
		ev.Type = want
	}
	if ev.Type != want {
		return fmt.Errorf("store: file signal: event %q, want %q", ev.Type, want)
	}
	if sig.FiledAt.IsZero() {
		sig.FiledAt = s.Now()
	}
	sig.FiledAt = instant(sig.FiledAt)
	if sig.ID == 0 && sig.CreatedAt.IsZero() {
		sig.CreatedAt = sig.FiledAt
	}
	sig.CreatedAt = instant(sig.CreatedAt)
	if ev.At.IsZero() {
		ev.At = sig.FiledAt
	}
	ev.At = instant(ev.At)
	if ev.By == 0 {
		ev.By = sig.FiledBy
	}
	if ev.Level == "" {
		ev.Level = schakel.LevelTeam
	}
	if sig.KnelpuntID == 0 && k.OrganisationID != 0 && k.OrganisationID != sig.OrganisationID {
		return fmt.Errorf("store: file signal: a knelpunt of organisation %d for a signal of %d", k.OrganisationID, sig.OrganisationID)
	}
	return nil
}

// checkSignal names every reference of a signal being filed that does not
// exist: its organisation, the case of a new signal (casusId), its
// knelpunt (or one of another organisation), its evidence and the
// principles in conflict.
func (s *Store) checkSignal(ctx context.Context, tx *sql.Tx, sig *schakel.Signal) error {
	var v schakel.Validation
	if !s.exists(ctx, tx, "organisations", sig.OrganisationID) {
		v.Add("organisatie", "unknown", "Organisatie %d bestaat niet.", sig.OrganisationID)
	}
	if sig.ID == 0 && sig.CaseID != 0 && !s.found(ctx, tx, "SELECT 1 FROM cases WHERE id = ? AND organisation_id = ?", sig.CaseID, sig.OrganisationID) {
		v.Add("casusId", "unknown", "Casus %d bestaat niet bij deze organisatie.", sig.CaseID)
	}
	if sig.KnelpuntID != 0 {
		var org int64
		err := tx.QueryRowContext(ctx, s.q("SELECT organisation_id FROM knelpunten WHERE id = ?"), sig.KnelpuntID).Scan(&org)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			v.Add("knelpuntId", "unknown", "Knelpunt %d bestaat niet.", sig.KnelpuntID)
		case err != nil:
			return err
		case org != sig.OrganisationID:
			v.Add("knelpuntId", "other_organisation", "Knelpunt %d is van een andere organisatie.", sig.KnelpuntID)
		}
	}
	for _, e := range sig.Evidence {
		switch e.Kind {
		case schakel.EvidenceCase:
			if !s.found(ctx, tx, "SELECT 1 FROM cases WHERE id = ? AND organisation_id = ?", e.ID, sig.OrganisationID) {
				v.Add("bewijs", "unknown", "Casus %d bestaat niet bij deze organisatie.", e.ID)
			}
		case schakel.EvidenceBrake:
			// A brake is the organisation's when it pulled it, or when it
			// was pulled at the organisation (the first rung).
			if !s.found(ctx, tx, `SELECT 1 FROM brakes b JOIN requests r ON r.id = b.request_id WHERE b.request_id = ?
				AND (r.requester_org_id = ? OR EXISTS (SELECT 1 FROM request_rungs g WHERE g.request_id = r.id AND g.rung = 0 AND g.organisation_id = ?))`,
				e.ID, sig.OrganisationID, sig.OrganisationID) {
				v.Add("bewijs", "unknown", "Noodrem %d bestaat niet bij deze organisatie.", e.ID)
			}
		default:
			v.Add("bewijs", "enum", "Bewijs is een casus of een noodrem, niet %q.", e.Kind)
		}
	}
	known, err := s.knownPrinciples(ctx, tx, sig.Principles())
	if err != nil {
		return err
	}
	for _, c := range sig.Conflicts {
		if !known[c.Principle] {
			v.Add("conflicten", "unknown", "Beginsel %q bestaat niet.", c.Principle)
		}
	}
	return v.Err()
}

// knownPrinciples returns which of codes are principles.
func (s *Store) knownPrinciples(ctx context.Context, q queryer, codes []string) (map[string]bool, error) {
	known := map[string]bool{}
	codes = sortedDistinct(codes)
	if len(codes) == 0 {
		return known, nil
	}
	args := make([]any, len(codes))
	for i, c := range codes {
		args[i] = c
	}
	rows, err := q.QueryContext(ctx, s.q("SELECT code FROM principles WHERE code IN ("+placeholders(len(codes))+")"), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var code string
		if err := rows.Scan(&code); err != nil {
			return nil, err
		}
		known[code] = true
	}
	return known, rows.Err()
}

// lockRaised checks that the raised signal sig completes exists, is of
// sig's organisation and is still raised, and takes its case and creation
// time from it.
func (s *Store) lockRaised(ctx context.Context, tx *sql.Tx, sig *schakel.Signal) error {
	var state string
	var org int64
	var caseID sql.NullInt64
	var created time.Time
	err := tx.QueryRowContext(ctx, s.q("SELECT state, organisation_id, case_id, created_at FROM signals WHERE id = ?"+s.dialect.lockRow()), sig.ID).
		Scan(&state, &org, &caseID, &created)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return schakel.Errorf(schakel.ENOTFOUND, "Signaal %d bestaat niet.", sig.ID)
	case err != nil:
		return err
	case org != sig.OrganisationID:
		return invalidField("organisatie", "other_organisation", "Signaal %d is van een andere organisatie.", sig.ID)
	case schakel.SignalState(state) != schakel.SignalRaised:
		return schakel.Errorf(schakel.ECONFLICT, "Signaal %d is al ingediend.", sig.ID)
	}
	sig.CaseID, sig.CreatedAt = caseID.Int64, created.UTC()
	return nil
}

// filingKnelpunt locks the knelpunt sig joins, refusing one that no longer
// takes signals, or creates the new knelpunt k; it completes ev's knelpunt
// and sequence. A created knelpunt is returned with version 0: its event is
// its first.
func (s *Store) filingKnelpunt(ctx context.Context, tx *sql.Tx, sig *schakel.Signal, k *schakel.Knelpunt, ev *schakel.KnelpuntEvent) (*knelpuntLock, error) {
	if sig.KnelpuntID != 0 {
		kn, err := s.lockKnelpunt(ctx, tx, sig.KnelpuntID)
		if err != nil {
			return nil, err
		}
		if err := kn.takesSignals(); err != nil {
			return nil, err
		}
		ev.KnelpuntID, ev.Seq = kn.id, kn.version+1
		return kn, nil
	}
	k.OrganisationID, k.State, k.Level, k.Version = sig.OrganisationID, schakel.KnelpuntOpen, schakel.LevelTeam, 1
	k.RequestID, k.MergedInto, k.LetterID, k.AdoptedAt, k.Rungs = 0, 0, 0, time.Time{}, nil
	k.CreatedAt, k.UpdatedAt = ev.At, ev.At
	if k.CreatedBy == 0 {
		k.CreatedBy = ev.By
	}
	if err := s.insertKnelpunt(ctx, tx, k); err != nil {
		return nil, err
	}
	ev.KnelpuntID, ev.Seq = k.ID, 1
	return &knelpuntLock{id: k.ID, orgID: k.OrganisationID, state: k.State, level: k.Level, refs: "[]", principles: "[]"}, nil
}

// writeSignal inserts a filed signal, or completes the raised one sig.ID.
func (s *Store) writeSignal(ctx context.Context, tx *sql.Tx, sig *schakel.Signal) error {
	sig.State = schakel.SignalFiled
	args := []any{sig.Title, anchorsText(sig.Anchors), sig.Group, sig.Effect, sig.Citizens.Low, sig.Citizens.High, sig.Citizens.Method,
		string(sig.Solution), sig.Proposal, sig.Cost.OnceCents, sig.Cost.YearlyCents, sig.Cost.BorneBy, conflictsText(sig.Conflicts),
		evidenceText(sig.Evidence), sig.KnelpuntID, nullInt64(sig.FiledBy), sig.FiledAt}
	if sig.ID == 0 {
		return tx.QueryRowContext(ctx, s.q(`INSERT INTO signals (organisation_id, case_id, created_at, state, title, anchors, affected_group, effect,
			citizens_low, citizens_high, citizens_method, solution, proposal, cost_once, cost_yearly, cost_borne_by, conflicts, evidence,
			knelpunt_id, filed_by, filed_at) VALUES (?, ?, ?, 'ingediend', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`),
			append([]any{sig.OrganisationID, nullInt64(sig.CaseID), sig.CreatedAt}, args...)...).Scan(&sig.ID)
	}
	res, err := tx.ExecContext(ctx, s.q(`UPDATE signals SET state = 'ingediend', title = ?, anchors = ?, affected_group = ?, effect = ?,
		citizens_low = ?, citizens_high = ?, citizens_method = ?, solution = ?, proposal = ?, cost_once = ?, cost_yearly = ?, cost_borne_by = ?,
		conflicts = ?, evidence = ?, knelpunt_id = ?, filed_by = ?, filed_at = ? WHERE id = ? AND state = 'concept'`), append(args, sig.ID)...)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n != 1 {
		return schakel.Errorf(schakel.ECONFLICT, "Signaal %d is al ingediend.", sig.ID)
	}
	return nil
}

// sortedDistinct returns the non-empty strings of lists, each once, sorted;
// nil for none.
func sortedDistinct(lists ...[]string) []string {
	var out []string
	for _, l := range lists {
		for _, x := range l {
			if x != "" {
				out = append(out, x)
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// Signal implements schakel.SignalStore.
func (s *Store) Signal(ctx context.Context, id int64) (*schakel.Signal, error) {
	sig, err := scanSignal(s.read.QueryRowContext(ctx, s.q("SELECT "+signalColumns+" FROM signals WHERE id = ?"), id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, schakel.Errorf(schakel.ENOTFOUND, "Signaal %d bestaat niet.", id)
	}
	if err != nil {
		return nil, fmt.Errorf("store: signal %d: %w", id, err)
	}
	return sig, nil
}

// Signals implements schakel.SignalStore.
func (s *Store) Signals(ctx context.Context, f schakel.SignalFilter) ([]*schakel.Signal, int, error) {
	var where []string
	var args []any
	add := func(cond string, arg any) {
		where = append(where, cond)
		args = append(args, arg)
	}
	if f.OrganisationID != 0 {
		add("organisation_id = ?", f.OrganisationID)
	}
	if f.KnelpuntID != 0 {
		add("knelpunt_id = ?", f.KnelpuntID)
	}
	if f.CaseID != 0 {
		add("case_id = ?", f.CaseID)
	}
	if f.State != "" {
		add("state = ?", string(f.State))
	}
	if f.Rule != "" {
		add("id IN (SELECT signal_id FROM signal_keys WHERE key = ?)", f.Rule)
	}
	if !f.FiledFrom.IsZero() {
		add("filed_at >= ?", instant(f.FiledFrom))
	}
	return pageOf(ctx, s, listing{what: "signals", columns: signalColumns, from: "signals", where: where, args: args,
		order: "id DESC", limit: f.Limit, offset: f.Offset}, scanSignal)
}

func (s *Store) querySignals(ctx context.Context, query string, args ...any) ([]*schakel.Signal, error) {
	rows, err := s.read.QueryContext(ctx, s.q(query), args...)
	if err != nil {
		return nil, fmt.Errorf("store: signals: %w", err)
	}
	defer rows.Close()
	var out []*schakel.Signal
	for rows.Next() {
		sig, err := scanSignal(rows)
		if err != nil {
			return nil, fmt.Errorf("store: signals: %w", err)
		}
		out = append(out, sig)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: signals: %w", err)
	}
	return out, nil
}

// SignalEvents implements schakel.SignalStore.
func (s *Store) SignalEvents(ctx context.Context, signalID int64) ([]*schakel.SignalEvent, error) {
	rows, err := s.read.QueryContext(ctx, s.q("SELECT signal_id, type, from_knelpunt, to_knelpunt, by_user, at FROM signal_events WHERE signal_id = ? ORDER BY id"), signalID)
	if err != nil {
		return nil, fmt.Errorf("store: signal events: %w", err)
	}
	defer rows.Close()
	var out []*schakel.SignalEvent
	for rows.Next() {
		var ev schakel.SignalEvent
		var typ string
		var from, to, by sql.NullInt64
		if err := rows.Scan(&ev.SignalID, &typ, &from, &to, &by, &ev.At); err != nil {
			return nil, fmt.Errorf("store: signal events: %w", err)
		}
		ev.Type, ev.From, ev.To, ev.By, ev.At = schakel.SignalEventType(typ), from.Int64, to.Int64, by.Int64, ev.At.UTC()
		out = append(out, &ev)
	}
	return out, rows.Err()
}

// SimilarSignals implements schakel.SignalStore. Per key it reads the
// newest signal ids from the primary key of signal_keys, which holds only
// filed signals, so the cost is q.Limit rows per key however many signals
// there are. A Limit of 0 is the store's default page size.
func (s *Store) SimilarSignals(ctx context.Context, q schakel.SimilarSignalQuery) ([]*schakel.Signal, error) {
	n := limit(q.Limit)
	seen := map[int64]bool{}
	var ids []int64
	for _, key := range sortedDistinct(q.Keys) {
		query, args := "SELECT signal_id FROM signal_keys WHERE key = ? ORDER BY signal_id DESC LIMIT ?", []any{key, n}
		if q.OrganisationID != 0 {
			query, args = "SELECT signal_id FROM signal_keys WHERE key = ? AND organisation_id = ? ORDER BY signal_id DESC LIMIT ?", []any{key, q.OrganisationID, n}
		}
		rows, err := s.readRows(ctx, query, args...)
		if err != nil {
			return nil, fmt.Errorf("store: similar signals: %w", err)
		}
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return nil, fmt.Errorf("store: similar signals: %w", err)
			}
			if !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("store: similar signals: %w", err)
		}
	}
	if len(ids) == 0 {
		return nil, nil
	}
	cond, arg := s.dialect.inIDs("id", ids)
	return s.querySignals(ctx, "SELECT "+signalColumns+" FROM signals WHERE "+cond+" ORDER BY id DESC", arg)
}

const policyRuleColumns = "organisation_id, code, version, title, url, registered_at"

func scanPolicyRule(sc interface{ Scan(...any) error }) (*schakel.PolicyRule, error) {
	var r schakel.PolicyRule
	if err := sc.Scan(&r.OrganisationID, &r.Code, &r.Version, &r.Title, &r.URL, &r.RegisteredAt); err != nil {
		return nil, err
	}
	r.RegisteredAt = r.RegisteredAt.UTC()
	return &r, nil
}

// RegisterPolicyRule implements schakel.SignalStore. RegisteredAt is the
// store's clock when zero. A version below 1 is EINVALID (versie).
func (s *Store) RegisterPolicyRule(ctx context.Context, r *schakel.PolicyRule) error {
	if r.Version < 1 {
		return invalidField("versie", "min", "De versie is 1 of hoger.")
	}
	if r.RegisteredAt.IsZero() {
		r.RegisteredAt = s.Now()
	}
	r.RegisteredAt = instant(r.RegisteredAt)
	_, err := s.execWrite(ctx, s.q("INSERT INTO policy_rules ("+policyRuleColumns+") VALUES (?, ?, ?, ?, ?, ?)"),
		r.OrganisationID, r.Code, r.Version, r.Title, r.URL, r.RegisteredAt)
	switch {
	case err == nil:
		return nil
	case s.dialect.isUniqueViolation(err):
		return schakel.Errorf(schakel.ECONFLICT, "Versie %d van beleidsregel %s is al geregistreerd.", r.Version, r.Code)
	case s.dialect.isForeignKeyViolation(err):
		return invalidField("organisatie", "unknown", "Organisatie %d bestaat niet.", r.OrganisationID)
	}
	return s.noteWrite(fmt.Errorf("store: register policy rule %s: %w", r.Code, err))
}

// PolicyRule implements schakel.SignalStore.
func (s *Store) PolicyRule(ctx context.Context, orgID int64, code string, version int) (*schakel.PolicyRule, error) {
	query, args := "SELECT "+policyRuleColumns+" FROM policy_rules WHERE organisation_id = ? AND code = ? AND version = ?", []any{orgID, code, version}
	if version == 0 {
		query, args = "SELECT "+policyRuleColumns+" FROM policy_rules WHERE organisation_id = ? AND code = ? ORDER BY version DESC LIMIT 1", args[:2]
	}
	r, err := scanPolicyRule(s.read.QueryRowContext(ctx, s.q(query), args...))
	switch {
	case errors.Is(err, sql.ErrNoRows) && version == 0:
		return nil, schakel.Errorf(schakel.ENOTFOUND, "Beleidsregel %s bestaat niet.", code)
	case errors.Is(err, sql.ErrNoRows):
		return nil, schakel.Errorf(schakel.ENOTFOUND, "Versie %d van beleidsregel %s bestaat niet.", version, code)
	case err != nil:
		return nil, fmt.Errorf("store: policy rule %s: %w", code, err)
	}
	return r, nil
}

// PolicyRules implements schakel.SignalStore: ordered by code, then by
// organisation.
func (s *Store) PolicyRules(ctx context.Context, orgID int64) ([]*schakel.PolicyRule, error) {
	query := "SELECT " + policyRuleColumns + ` FROM policy_rules p WHERE p.version =
		(SELECT MAX(q.version) FROM policy_rules q WHERE q.organisation_id = p.organisation_id AND q.code = p.code)`
	var args []any
	if orgID != 0 {
		query += " AND p.organisation_id = ?"
		args = append(args, orgID)
	}
	rows, err := s.read.QueryContext(ctx, s.q(query+" ORDER BY p.code, p.organisation_id"), args...)
	if err != nil {
		return nil, fmt.Errorf("store: policy rules: %w", err)
	}
	defer rows.Close()
	var out []*schakel.PolicyRule
	for rows.Next() {
		r, err := scanPolicyRule(rows)
		if err != nil {
			return nil, fmt.Errorf("store: policy rules: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
