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
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/comply"
	"github.com/schakel-nl/schakel/ledger"
)

var _ schakel.RequestStore = (*Store)(nil)

// awaitingAnswer is the SQL list of the states in which an answer is owed
// (schakel.RequestState.AwaitsAnswer).
const awaitingAnswer = "('open', 'ontvangen', 'geescaleerd')"

const requestColumns = "id, type, subject, body, urgent, requester_kind, requester_user_id, requester_org_id, rung, state, answer_kind, " +
	"created_at, updated_at, ack_due, ack_deadline, answer_due, answer_deadline, reminder_at, " +
	"extended, contested, missed_count, missed_at_top, answered_late, version, last_event_at"

func scanRequest(sc interface{ Scan(...any) error }) (*schakel.Request, error) {
	var r schakel.Request
	var typ, reqKind, state, answer, answerDue string
	var reqUser, reqOrg sql.NullInt64
	var ackDue sql.NullString
	var ackDeadline, reminderAt sql.NullTime
	if err := sc.Scan(&r.ID, &typ, &r.Subject, &r.Body, &r.Urgent, &reqKind, &reqUser, &reqOrg, &r.Rung, &state, &answer,
		&r.CreatedAt, &r.UpdatedAt, &ackDue, &ackDeadline, &answerDue, &r.AnswerDeadline, &reminderAt,
		&r.Extended, &r.Contested, &r.MissedCount, &r.MissedAtTop, &r.AnsweredLate, &r.Version, &r.LastEventAt); err != nil {
		return nil, err
	}
	r.Type, r.State, r.Answer = schakel.RequestType(typ), schakel.RequestState(state), schakel.AnswerKind(answer)
	r.Requester = schakel.Party{Kind: schakel.PartyKind(reqKind), UserID: reqUser.Int64, OrganisationID: reqOrg.Int64}
	var err error
	if r.AnswerDue, err = calendar.ParseDate(answerDue); err != nil {
		return nil, fmt.Errorf("request %d: answer_due: %w", r.ID, err)
	}
	if ackDue.Valid {
		if r.AckDue, err = calendar.ParseDate(ackDue.String); err != nil {
			return nil, fmt.Errorf("request %d: ack_due: %w", r.ID, err)
		}
	}
	r.CreatedAt, r.UpdatedAt, r.LastEventAt, r.AnswerDeadline = r.CreatedAt.UTC(), r.UpdatedAt.UTC(), r.LastEventAt.UTC(), r.AnswerDeadline.UTC()
	if ackDeadline.Valid {
		r.AckDeadline = ackDeadline.Time.UTC()
	}
	if reminderAt.Valid {
		r.ReminderAt = reminderAt.Time.UTC()
	}
	return &r, nil
}

// instant is t in UTC at the microsecond resolution both databases keep, so
// what is written reads back Equal; the zero time stays zero.
func instant(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return t.UTC().Truncate(time.Microsecond)
}

// nullTime maps the zero time to NULL.
func nullTime(t time.Time) sql.NullTime { return sql.NullTime{Time: t, Valid: !t.IsZero()} }

// nullDate maps the zero date to NULL and others to "YYYY-MM-DD".
func nullDate(d calendar.Date) sql.NullString {
	if d.IsZero() {
		return sql.NullString{}
	}
	return sql.NullString{String: d.String(), Valid: true}
}

// normaliseRequest puts every instant of r in UTC at microsecond resolution.
func normaliseRequest(r *schakel.Request) {
	r.CreatedAt, r.UpdatedAt, r.LastEventAt = instant(r.CreatedAt), instant(r.UpdatedAt), instant(r.LastEventAt)
	r.AnswerDeadline, r.AckDeadline, r.ReminderAt = instant(r.AnswerDeadline), instant(r.AckDeadline), instant(r.ReminderAt)
}

// nextDueAt is the earliest instant at which the sweep (account.Engine.Sweep)
// has something to do for r: a missed acknowledgement or answer deadline, or
// the reminder. It is zero when nothing will become due: no answer is owed,
// or the top rung already missed its deadline and no reminder is pending.
//
// After a miss at the top rung Sweep records nothing more, but a reminder
// set later (an extension after an acknowledgement) is still sent while no
// deadline has passed; DueRequests excludes such a request again once a
// deadline passes, so it does not come back round after round.
func nextDueAt(r *schakel.Request) time.Time {
	if !r.State.AwaitsAnswer() {
		return time.Time{}
	}
	miss := r.AnswerDeadline
	if !r.AckDeadline.IsZero() && r.State != schakel.StateAcknowledged && (miss.IsZero() || r.AckDeadline.Before(miss)) {
		miss = r.AckDeadline
	}
	if r.MissedAtTop && r.AtTop() {
		if !r.ReminderAt.IsZero() && (miss.IsZero() || r.ReminderAt.Before(miss)) {
			return r.ReminderAt
		}
		return time.Time{}
	}
	if !r.ReminderAt.IsZero() && (miss.IsZero() || r.ReminderAt.Before(miss)) {
		return r.ReminderAt
	}
	return miss
}

func invalidField(field, code, format string, args ...any) *schakel.Error {
	return &schakel.Error{Code: schakel.EINVALID, Message: "De invoer is niet geldig.",
		Fields: []schakel.FieldError{{Field: field, Code: code, Format: format, Args: args}}}
}

// errDangling is the EINVALID for a reference the checks before an insert
// did not catch (a row removed in between).
var errDangling = &schakel.Error{Code: schakel.EINVALID, Message: "Het verzoek verwijst naar een organisatie, gebruiker of beginsel dat niet bestaat."}

// prepareCreate checks and completes a new request and its first event as
// CreateRequest documents, and returns the event's data encoded.
func (s *Store) prepareCreate(r *schakel.Request, ev *schakel.Event) ([]byte, error) {
	if r.Version == 0 {
		r.Version = 1
	}
	if ev.Seq == 0 {
		ev.Seq = 1
	}
	if r.Version != 1 || ev.Seq != 1 {
		return nil, fmt.Errorf("store: create request: version %d, event seq %d: a new request starts at 1", r.Version, ev.Seq)
	}
	if len(r.Ladder) == 0 || r.Addressee().OrganisationID == 0 {
		return nil, invalidField(comply.FieldAddressee, "required", "Kies de organisatie die moet antwoorden.")
	}
	if r.CreatedAt.IsZero() {
		r.CreatedAt = s.Now()
	}
	if r.UpdatedAt.IsZero() {
		r.UpdatedAt = r.CreatedAt
	}
	if ev.At.IsZero() {
		ev.At = r.CreatedAt
	}
	if r.LastEventAt.IsZero() {
		r.LastEventAt = ev.At
	}
	if ev.State == "" {
		ev.State, ev.Rung = r.State, r.Rung
	}
	normaliseRequest(r)
	ev.At = instant(ev.At)
	ev.CommitSeed = newCommitSeed()
	data, err := json.Marshal(ev.Data)
	if err != nil {
		return nil, fmt.Errorf("store: create request: event data: %w", err)
	}
	return data, nil
}

// CreateRequest implements schakel.RequestStore. It stores r, its ladder,
// its grounds and its creation event ev in one transaction, and sets r.ID,
// ev.RequestID and, where the caller left them zero, Version (1) and the
// timestamps (the store's clock). Every instant of r and ev is put in UTC at
// microsecond resolution, as it reads back. Returns EINVALID naming the field
// when the requester, an organisation of the ladder or a cited principle
// does not exist.
func (s *Store) CreateRequest(ctx context.Context, r *schakel.Request, ev *schakel.Event) error {
	data, err := s.prepareCreate(r, ev)
	if err != nil {
		return err
	}
	var id int64
	if s.creates != nil {
		id, err = s.creates.create(ctx, r, ev, data)
	} else {
		err = s.tx(ctx, func(tx *sql.Tx) error {
			var err error
			id, err = s.createInTx(ctx, tx, r, ev, data)
			return err
		})
	}
	if err != nil {
		return s.createFailed(ctx, r, err, "request")
	}
	r.ID, ev.RequestID = id, id
	return nil
}

// createFailed explains why storing a new request (and what a brake adds)
// failed: when the constraints caught a dangling reference it looks up only
// now which one, so the common case pays for no lookups.
func (s *Store) createFailed(ctx context.Context, r *schakel.Request, err error, what string) error {
	switch {
	case s.dialect.isForeignKeyViolation(err):
		var named error
		if terr := s.readTx(ctx, func(tx *sql.Tx) error { named = s.checkRequestRefs(ctx, tx, r); return nil }); terr == nil && named != nil {
			return named
		}
		return errDangling
	case schakel.ErrorCode(err) != schakel.EINTERNAL:
		return err
	}
	return fmt.Errorf("store: create %s: %w", what, err)
}

// createInTx writes a new request, its ladder, grounds and first event in tx
// and returns its id.
func (s *Store) createInTx(ctx context.Context, tx *sql.Tx, r *schakel.Request, ev *schakel.Event, data []byte) (int64, error) {
	var id int64
	err := s.txQueryRow(ctx, tx, requestInsert, requestRow(r)...).Scan(&id)
	if err != nil {
		return 0, err
	}
	// One statement for the ladder and one for the grounds: every
	// statement costs a parse on SQLite and a round trip on PostgreSQL.
	if err := s.txExec(ctx, tx, rungsInsert+rowsOf(4, len(r.Ladder)), rungRows(id, r)...); err != nil {
		return 0, err
	}
	if len(r.Grounds) > 0 {
		if err := s.txExec(ctx, tx, groundsInsert+rowsOf(4, len(r.Grounds)), groundRows(id, r)...); err != nil {
			return 0, err
		}
	}
	entry, err := ledgerEntry(r, ev, id)
	if err != nil {
		return 0, err
	}
	return id, s.insertEvent(ctx, tx, id, ev, data, entry)
}

// checkRequestRefs names every reference of a new request that does not
// exist, so the requester hears which field is wrong instead of a bare
// foreign key violation.
func (s *Store) checkRequestRefs(ctx context.Context, tx *sql.Tx, r *schakel.Request) error {
	var v schakel.Validation
	if r.Requester.UserID != 0 && !s.exists(ctx, tx, "users", r.Requester.UserID) {
		v.Add("indiener", "unknown", "Gebruiker %d bestaat niet.", r.Requester.UserID)
	}
	if r.Requester.OrganisationID != 0 && !s.exists(ctx, tx, "organisations", r.Requester.OrganisationID) {
		v.Add(comply.FieldOnBehalfOf, "unknown", "Organisatie %d bestaat niet.", r.Requester.OrganisationID)
	}
	for i, a := range r.Ladder {
		field := comply.FieldAddressee
		if i > 0 {
			field = fmt.Sprintf("ladder[%d]", i)
		}
		if !a.Role.Valid() {
			v.Add(field, "enum", "Kies een bestaande rol.")
		}
		if !s.exists(ctx, tx, "organisations", a.OrganisationID) {
			v.Add(field, "unknown", "Organisatie %d bestaat niet.", a.OrganisationID)
		}
	}
	if len(r.Grounds) > 0 {
		ph := make([]string, len(r.Grounds))
		args := make([]any, len(r.Grounds))
		for i, g := range r.Grounds {
			ph[i], args[i] = "?", g.Principle
		}
		rows, err := tx.QueryContext(ctx, s.q("SELECT code FROM principles WHERE code IN ("+strings.Join(ph, ",")+")"), args...)
		if err != nil {
			return err
		}
		known := map[string]bool{}
		for rows.Next() {
			var code string
			if err := rows.Scan(&code); err != nil {
				rows.Close()
				return err
			}
			known[code] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for i, g := range r.Grounds {
			if !known[g.Principle] {
				v.Add(fmt.Sprintf("%s[%d].beginsel", comply.FieldGrounds, i), "unknown", "Beginsel %q bestaat niet.", g.Principle)
			}
		}
	}
	return v.Err()
}

func (s *Store) insertEvent(ctx context.Context, tx *sql.Tx, requestID int64, ev *schakel.Event, data, entry []byte) error {
	query, args := s.eventStmt(requestID, ev, data, entry)
	return s.txExec(ctx, tx, query, args...)
}

// eventStmt is the statement that appends ev, with its data encoded as JSON,
// its log entry (see ledgerEntry) and the commitment seed the entry was
// projected with.
func (s *Store) eventStmt(requestID int64, ev *schakel.Event, data, entry []byte) (string, []any) {
	return s.q(eventInsert),
		[]any{requestID, ev.Seq, string(ev.Type), ev.At, string(ev.Actor.Kind), nullInt64(ev.Actor.UserID), nullInt64(ev.Actor.OrganisationID),
			string(ev.State), ev.Rung, string(data), entry, nullBytes(ev.CommitSeed)}
}

// ledgerEntry returns the log entry of event ev of request r once stored as
// request requestID: the canonical public projection
// ledger.Project(r, ev).Encode(). It is written with the event, in the same
// transaction, so the sequencer (SequenceLedger) appends exactly what was
// committed. An entry the ledger would refuse to decode is refused here,
// before it could reach the append-only log.
func ledgerEntry(r *schakel.Request, ev *schakel.Event, requestID int64) ([]byte, error) {
	e := ledger.Project(r, ev)
	e.RequestID = requestID
	if err := e.Validate(); err != nil {
		return nil, fmt.Errorf("log entry of event %d of request %d: %w", ev.Seq, requestID, err)
	}
	data := e.Encode()
	if len(data) > ledger.MaxEntrySize {
		return nil, fmt.Errorf("log entry of event %d of request %d: %d bytes, more than %d", ev.Seq, requestID, len(data), ledger.MaxEntrySize)
	}
	return data, nil
}

// UpdateRequest implements schakel.RequestStore. In one transaction it
// overwrites the mutable columns of the request, conditional on the stored
// version still being prevVersion, and appends ev. The conditional UPDATE is
// what makes a transition happen once when several instances attempt it: on
// PostgreSQL a second updater waits for the first's row lock and then
// re-checks the version against the committed row (READ COMMITTED); on
// SQLite writers are serialised. Ladder, grounds, requester and texts are
// fixed at creation and not written; the current addressee is taken from the
// stored ladder at next.Rung. Returns ECONFLICT naming the current state and
// version when another change came first, ENOTFOUND when there is no such
// request; on any error nothing is written.
func (s *Store) UpdateRequest(ctx context.Context, prevVersion int, next *schakel.Request, ev *schakel.Event) error {
	switch {
	case next.Version != prevVersion+1:
		return fmt.Errorf("store: update request %d: version %d does not follow %d", next.ID, next.Version, prevVersion)
	case ev.Seq != next.Version:
		return fmt.Errorf("store: update request %d: event seq %d is not version %d", next.ID, ev.Seq, next.Version)
	case ev.RequestID != 0 && ev.RequestID != next.ID:
		return fmt.Errorf("store: update request %d: event is of request %d", next.ID, ev.RequestID)
	}
	data, entry, err := prepareUpdate(next, ev)
	if err != nil {
		return err
	}
	err = s.tx(ctx, func(tx *sql.Tx) error { return s.applyUpdate(ctx, tx, prevVersion, next, ev, data, entry) })
	switch {
	case err == nil:
		ev.RequestID = next.ID
		return nil
	case s.dialect.isForeignKeyViolation(err):
		return &schakel.Error{Code: schakel.EINVALID, Message: "De gebeurtenis verwijst naar een gebruiker of organisatie die niet bestaat."}
	case schakel.ErrorCode(err) != schakel.EINTERNAL:
		return err
	}
	return fmt.Errorf("store: update request %d: %w", next.ID, err)
}

// applyUpdate stores next and appends ev inside tx, if the stored version is
// still prevVersion; otherwise it returns ECONFLICT (or ENOTFOUND).
func (s *Store) applyUpdate(ctx context.Context, tx *sql.Tx, prevVersion int, next *schakel.Request, ev *schakel.Event, data, entry []byte) error {
	return s.applyUpdateWith(ctx, tx, updateStmts{}, prevVersion, next, ev, data, entry)
}

// updateStmts are the update and event statements prepared once for a
// batch; zero values mean "prepare per call".
type updateStmts struct{ update, event *sql.Stmt }

// prepareUpdateStmts prepares the statements of applyUpdate in tx, so a
// batch parses them once rather than once per request.
func (s *Store) prepareUpdateStmts(ctx context.Context, tx *sql.Tx) (updateStmts, error) {
	uq, _ := s.updateStmt(0, &schakel.Request{}, &schakel.Event{})
	eq, _ := s.eventStmt(0, &schakel.Event{}, nil, nil)
	u, err := tx.PrepareContext(ctx, uq)
	if err != nil {
		return updateStmts{}, err
	}
	e, err := tx.PrepareContext(ctx, eq)
	if err != nil {
		u.Close()
		return updateStmts{}, err
	}
	return updateStmts{update: u, event: e}, nil
}

func (st updateStmts) close() {
	if st.update != nil {
		st.update.Close()
		st.event.Close()
	}
}

func (s *Store) applyUpdateWith(ctx context.Context, tx *sql.Tx, st updateStmts, prevVersion int, next *schakel.Request, ev *schakel.Event, data, entry []byte) error {
	query, args := s.updateStmt(prevVersion, next, ev)
	var res sql.Result
	var err error
	switch {
	case st.update != nil:
		res, err = st.update.ExecContext(ctx, args...)
	case s.prepared(ctx, s.write, query) != nil:
		res, err = tx.StmtContext(ctx, s.prepared(ctx, s.write, query)).ExecContext(ctx, args...)
	default:
		res, err = tx.ExecContext(ctx, query, args...)
	}
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		var state string
		var version int
		err := tx.QueryRowContext(ctx, s.q("SELECT state, version FROM requests WHERE id = ?"), next.ID).Scan(&state, &version)
		if errors.Is(err, sql.ErrNoRows) {
			return schakel.Errorf(schakel.ENOTFOUND, "Verzoek %d bestaat niet.", next.ID)
		}
		if err != nil {
			return err
		}
		return schakel.Errorf(schakel.ECONFLICT, "Verzoek %d is intussen %s (versie %d); laad het opnieuw.", next.ID, state, version)
	}
	if st.event != nil {
		_, args := s.eventStmt(next.ID, ev, data, entry)
		_, err = st.event.ExecContext(ctx, args...)
	} else {
		err = s.insertEvent(ctx, tx, next.ID, ev, data, entry)
	}
	if s.dialect.isUniqueViolation(err) {
		return schakel.Errorf(schakel.ECONFLICT, "Verzoek %d heeft al een gebeurtenis %d; laad het opnieuw.", next.ID, ev.Seq)
	}
	return err
}

// prepareUpdate normalises the times of next and ev and encodes ev's data
// and its log entry. next must carry the ladder and grounds as read (Request
// attaches them): they are not written, but the log entry projects them.
func prepareUpdate(next *schakel.Request, ev *schakel.Event) (data, entry []byte, err error) {
	if len(next.Ladder) == 0 {
		return nil, nil, fmt.Errorf("store: update request %d: the request has no ladder; pass it as read, with ladder and grounds", next.ID)
	}
	normaliseRequest(next)
	ev.At = instant(ev.At)
	ev.CommitSeed = newCommitSeed()
	data, err = json.Marshal(ev.Data)
	if err != nil {
		return nil, nil, fmt.Errorf("store: update request %d: event data: %w", next.ID, err)
	}
	if entry, err = ledgerEntry(next, ev, next.ID); err != nil {
		return nil, nil, fmt.Errorf("store: update request %d: %w", next.ID, err)
	}
	return data, entry, nil
}

// rowsOf returns n parenthesised groups of k placeholders for a multi-row
// VALUES list.
func rowsOf(k, n int) string {
	group := "(" + strings.TrimSuffix(strings.Repeat("?, ", k), ", ") + ")"
	return strings.TrimSuffix(strings.Repeat(group+", ", n), ", ")
}

// readTx runs fn in a read-only view of the database.
func (s *Store) readTx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	return fn(tx)
}

// updateStmt is the statement that stores next if the stored version is
// still prevVersion; it affects one row or none.
func (s *Store) updateStmt(prevVersion int, next *schakel.Request, ev *schakel.Event) (string, []any) {
	return s.q(updateQuery),
		[]any{next.Rung, next.ID, next.Rung, next.ID, next.Rung,
			string(next.State), string(next.Answer), next.UpdatedAt, nullDate(next.AckDue), nullTime(next.AckDeadline), next.AnswerDue.String(),
			next.AnswerDeadline, nullTime(next.ReminderAt),
			next.Extended, next.Contested, next.MissedCount, next.MissedAtTop, next.AnsweredLate, next.Version, next.LastEventAt,
			nullTime(nextDueAt(next)), nullTime(firstAnswer(ev)), answerDays(next, ev), figureFlags(next), next.ID, prevVersion}
}

// The bits of requests.figure_flags (migration 00018), which the
// parliament view groups by.
const (
	flagOpen      = 1 // awaiting an answer
	flagLate      = 2 // answered late, or a deadline missed
	flagMissed    = 4 // a deadline missed
	flagEscalated = 8 // up its ladder
)

// figureFlags are the flags of r as the parliament view counts it.
func figureFlags(r *schakel.Request) int {
	f := 0
	if r.State.AwaitsAnswer() {
		f |= flagOpen
	}
	if r.AnsweredLate || r.MissedCount > 0 {
		f |= flagLate
	}
	if r.MissedCount > 0 {
		f |= flagMissed
	}
	if r.Rung > 0 {
		f |= flagEscalated
	}
	return f
}

// answerDays is the whole days from r's creation to ev when ev answers r,
// else nil: the update keeps the first (requests.answer_days), as the
// dialects' wholeDays count them.
func answerDays(r *schakel.Request, ev *schakel.Event) any {
	if ev.Type != schakel.EventAnswered {
		return nil
	}
	return int(instant(ev.At).Sub(instant(r.CreatedAt)) / (24 * time.Hour))
}

// firstAnswer is the instant ev answered the request, or zero when ev is
// not an answer: the update keeps the first one (requests.answered_at).
func firstAnswer(ev *schakel.Event) time.Time {
	if ev.Type != schakel.EventAnswered {
		return time.Time{}
	}
	return ev.At
}

// The statements of the hot write paths, prepared once on SQLite (see
// Store.prepareWrites).
const (
	requestInsertColumns = `type, subject, body, urgent, requester_kind, requester_user_id, requester_org_id,
		rung, addressee_org_id, addressee_role, state, answer_kind, created_at, updated_at, ack_due, ack_deadline, answer_due, answer_deadline,
		reminder_at, extended, contested, missed_count, missed_at_top, answered_late, version, last_event_at, next_due_at, first_org_id, figure_flags`
	requestInsertValues = "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?"
	requestInsert       = "INSERT INTO requests (" + requestInsertColumns + ") VALUES (" + requestInsertValues + ") RETURNING id"
	rungsInsert         = "INSERT INTO request_rungs (request_id, rung, organisation_id, role) VALUES "
	// requestInsertWithID is requestInsert with the id given, for PostgreSQL's
	// pipelined create.
	requestInsertWithID = "INSERT INTO requests (id, " + requestInsertColumns + ") VALUES (?, " + requestInsertValues + ")"
	groundsInsert       = "INSERT INTO request_grounds (request_id, position, principle_code, text) VALUES "
	eventInsert         = `INSERT INTO request_events (request_id, seq, type, at, actor_kind, actor_user_id, actor_org_id, state, rung, data, log_entry, commit_seed)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	updateQuery = `UPDATE requests SET rung = ?,
		addressee_org_id = (SELECT organisation_id FROM request_rungs WHERE request_id = ? AND rung = ?),
		addressee_role = (SELECT role FROM request_rungs WHERE request_id = ? AND rung = ?),
		state = ?, answer_kind = ?, updated_at = ?, ack_due = ?, ack_deadline = ?, answer_due = ?, answer_deadline = ?, reminder_at = ?,
		extended = ?, contested = ?, missed_count = ?, missed_at_top = ?, answered_late = ?, version = ?, last_event_at = ?, next_due_at = ?,
		answered_at = COALESCE(answered_at, ?), answer_days = COALESCE(answer_days, ?), figure_flags = ?
		WHERE id = ? AND version = ?`
)

// requestRow returns the values of a new request's row, in the order of
// requestInsertColumns, for both dialects' inserts.
func requestRow(r *schakel.Request) []any {
	a := r.Addressee()
	return []any{
		string(r.Type), r.Subject, r.Body, r.Urgent, string(r.Requester.Kind), nullInt64(r.Requester.UserID), nullInt64(r.Requester.OrganisationID),
		r.Rung, a.OrganisationID, string(a.Role), string(r.State), string(r.Answer), r.CreatedAt, r.UpdatedAt,
		nullDate(r.AckDue), nullTime(r.AckDeadline), r.AnswerDue.String(), r.AnswerDeadline,
		nullTime(r.ReminderAt), r.Extended, r.Contested, r.MissedCount, r.MissedAtTop, r.AnsweredLate, r.Version, r.LastEventAt,
		nullTime(nextDueAt(r)), a.OrganisationID, figureFlags(r),
	}
}

// rungRows returns the values of the rows of request id's ladder, for
// rungsInsert.
func rungRows(id int64, r *schakel.Request) []any {
	args := make([]any, 0, 4*len(r.Ladder))
	for i, rung := range r.Ladder {
		args = append(args, id, i, rung.OrganisationID, string(rung.Role))
	}
	return args
}

// groundRows returns the values of the rows of request id's grounds, for
// groundsInsert.
func groundRows(id int64, r *schakel.Request) []any {
	args := make([]any, 0, 4*len(r.Grounds))
	for i, g := range r.Grounds {
		args = append(args, id, i, g.Principle, g.Text)
	}
	return args
}
