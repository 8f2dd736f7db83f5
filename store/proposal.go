package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/ledger"
)

var _ schakel.ProposalStore = (*Store)(nil)

// A proposal's texts, kind and ministry are fixed when it is registered
// (the registration's digest commits to them); its steps write only its
// state, its day of entry into force, its update time and its version, and
// append an event to proposal_events with the event's entry of the public
// record (ledger.ProposalEntry) and a row of log_outbox_proposals, in the
// step's transaction (see logSubject).

// CreateProposal implements schakel.ProposalStore. Where the caller left
// them zero it sets the state (registered), the version (1), the times
// (the store's clock), the event's seq (1), type (registered), time (the
// creation) and author (the proposal's); every instant is put in UTC at
// microsecond resolution, as it reads back. EINVALID naming "ministerie"
// when the ministry does not exist; on any error nothing is written.
func (s *Store) CreateProposal(ctx context.Context, p *schakel.Proposal, ev *schakel.ProposalEvent) error {
	if err := s.prepareProposal(p, ev); err != nil {
		return err
	}
	var id int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if !s.exists(ctx, tx, "organisations", p.MinistryID) {
			return invalidField("ministerie", "unknown", "Organisatie %d bestaat niet.", p.MinistryID)
		}
		err := tx.QueryRowContext(ctx, s.q(`INSERT INTO proposals (ministry_id, kind, title, summary, rule_refs, task, planned_entry, text, text_url,
			state, in_force, created_by, created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`),
			p.MinistryID, string(p.Kind), p.Title, p.Summary, jsonList(p.RuleRefs), p.Task, nullDate(p.PlannedEntry), p.Text, p.TextURL,
			string(p.State), nullDate(p.InForce), nullInt64(p.CreatedBy), p.CreatedAt, p.UpdatedAt, p.Version).Scan(&id)
		if err != nil {
			return err
		}
		stored := *ev
		stored.ProposalID = id
		return s.insertProposalEvent(ctx, tx, p.MinistryID, &stored)
	})
	if err != nil {
		return s.proposalFailed(ctx, "create proposal", err, nil)
	}
	p.ID, ev.ProposalID = id, id
	return nil
}

// prepareProposal checks a new proposal and its first event and completes
// their defaults as CreateProposal documents.
func (s *Store) prepareProposal(p *schakel.Proposal, ev *schakel.ProposalEvent) error {
	if p == nil || ev == nil {
		return errors.New("store: create proposal: no proposal or no event")
	}
	if p.Version == 0 {
		p.Version = 1
	}
	if ev.Seq == 0 {
		ev.Seq = 1
	}
	if p.State == "" {
		p.State = schakel.ProposalRegistered
	}
	if ev.Type == "" {
		ev.Type = schakel.ProposalEventRegistered
	}
	switch {
	case p.Version != 1 || ev.Seq != 1:
		return fmt.Errorf("store: create proposal: version %d, event seq %d: a new proposal starts at 1", p.Version, ev.Seq)
	case !p.Kind.Valid():
		return invalidField("soort", "enum", "Kies een bestaande soort voorstel.")
	case !p.State.Valid():
		return fmt.Errorf("store: create proposal: state %q", p.State)
	}
	stamp(&p.CreatedAt, s.Now())
	notBefore(&p.UpdatedAt, p.CreatedAt)
	stamp(&ev.At, p.CreatedAt)
	orID(&ev.By, p.CreatedBy)
	return nil
}

// insertProposalEvent appends ev to proposal_events with its log entry and
// queues it for the log; ECONFLICT when its seq is taken. An entry the
// ledger would refuse to decode is refused here, before it could reach the
// append-only log.
func (s *Store) insertProposalEvent(ctx context.Context, tx *sql.Tx, ministryID int64, ev *schakel.ProposalEvent) error {
	entry := ledger.ProjectProposal(ministryID, ev)
	if err := entry.Validate(); err != nil {
		return fmt.Errorf("log entry of event %d of proposal %d: %w", ev.Seq, ev.ProposalID, err)
	}
	_, err := tx.ExecContext(ctx, s.q("INSERT INTO proposal_events (proposal_id, seq, type, by_user, at, digest, log_entry) VALUES (?, ?, ?, ?, ?, ?, ?)"),
		ev.ProposalID, ev.Seq, string(ev.Type), nullInt64(ev.By), ev.At, ev.Digest, entry.Encode())
	if s.dialect.isUniqueViolation(err) {
		return schakel.Errorf(schakel.ECONFLICT, "Voorstel %d heeft al een gebeurtenis %d; laad het opnieuw.", ev.ProposalID, ev.Seq)
	}
	if err != nil {
		return err
	}
	return subjectProposals.queue(ctx, s, tx, ev.ProposalID, ev.Seq)
}

// proposalFailed explains why a transaction of proposals or assessments
// failed: a dangling reference of a request it created is named as
// CreateRequest names it; another dangling reference (a user) is EINVALID.
func (s *Store) proposalFailed(ctx context.Context, op string, err error, created []*schakel.Request) error {
	if schakel.ErrorCode(err) != schakel.EINTERNAL {
		return err
	}
	if s.dialect.isForeignKeyViolation(err) {
		for _, r := range created {
			if named := s.createFailed(ctx, r, err, "request"); schakel.ErrorCode(named) == schakel.EINVALID && named != errDangling {
				return named
			}
		}
		return &schakel.Error{Code: schakel.EINVALID, Message: "De stap verwijst naar een gebruiker, organisatie of verzoek dat niet bestaat."}
	}
	return fmt.Errorf("store: %s: %w", op, err)
}

// preparedProposalStep is a ProposalStep checked, with the data of its
// requests' first events encoded before its transaction, as CreateRequest
// does.
type preparedProposalStep struct {
	step schakel.ProposalStep
	data [][]byte // of each requested assessment's request event
	// requestIDs and assessmentIDs are what the store chose, once written.
	requestIDs, assessmentIDs []int64
}

// StepProposal implements schakel.ProposalStore. The proposal's version
// and the event's seq follow step.PrevVersion (the proposal may be given
// at its previous version, as read, or at the next); the event is the
// proposal's, at the store's clock when zero; the proposal was updated at
// the event. Only the state, the day of entry into force, the update time
// and the version are written. A "toets-gevraagd" step creates each
// requested assessment's request as CreateRequest does and the assessment
// (state gevraagd) with it, setting their ids; EINVALID naming
// "organisaties[i]" for an organisation that does not exist. A "getekend"
// step stores its signature, which takes the event's time, signer and
// digest where it has none (ECONFLICT when the proposal has one). ECONFLICT
// when the proposal is no longer at PrevVersion, ENOTFOUND when there is
// none; on any error nothing is written.
func (s *Store) StepProposal(ctx context.Context, step schakel.ProposalStep) error {
	pp, err := s.prepareProposalStep(step)
	if err != nil {
		return err
	}
	err = s.tx(ctx, func(tx *sql.Tx) error { return s.applyProposalStep(ctx, tx, pp) })
	if err != nil {
		var created []*schakel.Request
		for _, c := range step.Requested {
			created = append(created, c.Request)
		}
		return s.proposalFailed(ctx, fmt.Sprintf("step proposal %d", step.Proposal.ID), err, created)
	}
	pp.finish()
	return nil
}

// checkProposalStep refuses a step whose parts do not fit together: a
// programming error of the caller, not a conflict.
func checkProposalStep(step schakel.ProposalStep) error {
	p, ev := step.Proposal, step.Event
	switch {
	case p == nil || ev == nil:
		return errors.New("store: proposal step: no proposal or no event")
	case p.ID == 0:
		return errors.New("store: proposal step: the proposal has no id")
	case p.Version != 0 && p.Version != step.PrevVersion && p.Version != step.PrevVersion+1:
		return fmt.Errorf("store: proposal %d: version %d does not follow %d", p.ID, p.Version, step.PrevVersion)
	case ev.Seq != 0 && ev.Seq != step.PrevVersion+1:
		return fmt.Errorf("store: proposal %d: event seq %d does not follow %d", p.ID, ev.Seq, step.PrevVersion)
	case ev.ProposalID != 0 && ev.ProposalID != p.ID:
		return fmt.Errorf("store: proposal %d: the event is of proposal %d", p.ID, ev.ProposalID)
	case !p.State.Valid():
		return fmt.Errorf("store: proposal %d: state %q", p.ID, p.State)
	case (ev.Type == schakel.ProposalEventRequested) != (len(step.Requested) > 0):
		return fmt.Errorf("store: proposal %d: an event %q with %d assessments requested", p.ID, ev.Type, len(step.Requested))
	case (ev.Type == schakel.ProposalEventSigned) != (step.Signature != nil):
		return fmt.Errorf("store: proposal %d: an event %q with signature %v", p.ID, ev.Type, step.Signature != nil)
	}
	if err := checkRequested(p.ID, step.Requested); err != nil {
		return err
	}
	if sig := step.Signature; sig != nil {
		switch {
		case sig.ProposalID != 0 && sig.ProposalID != p.ID:
			return fmt.Errorf("store: proposal %d: the signature is of proposal %d", p.ID, sig.ProposalID)
		case sig.Digest != "" && ev.Digest != "" && sig.Digest != ev.Digest:
			return fmt.Errorf("store: proposal %d: the signature's digest is not its event's", p.ID)
		}
	}
	return nil
}

// checkRequested refuses requested assessments of proposal id whose parts
// do not fit together.
func checkRequested(id int64, requested []schakel.AssessmentCreation) error {
	for i, c := range requested {
		switch {
		case c.Assessment == nil || c.Request == nil || c.Event == nil:
			return fmt.Errorf("store: proposal %d: requested assessment %d has no assessment, request or event", id, i)
		case c.Request.Type != schakel.TypeAssessment:
			return fmt.Errorf("store: proposal %d: an assessment is requested by a request of type %s, not %s", id, schakel.TypeAssessment, c.Request.Type)
		case c.Assessment.ProposalID != 0 && c.Assessment.ProposalID != id:
			return fmt.Errorf("store: proposal %d: requested assessment %d is of proposal %d", id, i, c.Assessment.ProposalID)
		case c.Assessment.State != "" && c.Assessment.State != schakel.AssessmentRequested:
			return fmt.Errorf("store: proposal %d: a requested assessment in state %q", id, c.Assessment.State)
		}
	}
	return nil
}

// prepareProposalStep checks step and completes its defaults as
// StepProposal documents.
func (s *Store) prepareProposalStep(step schakel.ProposalStep) (*preparedProposalStep, error) {
	if err := checkProposalStep(step); err != nil {
		return nil, err
	}
	p, ev := step.Proposal, step.Event
	p.Version, ev.Seq, ev.ProposalID = step.PrevVersion+1, step.PrevVersion+1, p.ID
	stamp(&ev.At, s.Now())
	notBefore(&p.UpdatedAt, ev.At)
	pp := &preparedProposalStep{step: step}
	for _, c := range step.Requested {
		data, err := s.prepareCreate(c.Request, c.Event)
		if err != nil {
			return nil, err
		}
		pp.data = append(pp.data, data)
		a := c.Assessment
		a.ProposalID, a.State = p.ID, schakel.AssessmentRequested
		if a.OrganisationID == 0 {
			a.OrganisationID = c.Request.Addressee().OrganisationID
		}
	}
	if sig := step.Signature; sig != nil {
		sig.ProposalID = p.ID
		stamp(&sig.At, ev.At)
		orID(&sig.SignedBy, ev.By)
		if sig.Digest == "" {
			sig.Digest = ev.Digest
		}
		if ev.Digest == "" {
			ev.Digest = sig.Digest
		}
	}
	return pp, nil
}

// applyProposalStep writes a prepared step in tx: the proposal, conditional
// on its version, its event, and what the step adds.
func (s *Store) applyProposalStep(ctx context.Context, tx *sql.Tx, pp *preparedProposalStep) error {
	p, ev := pp.step.Proposal, pp.step.Event
	var ministry int64
	err := tx.QueryRowContext(ctx, s.q("UPDATE proposals SET state = ?, in_force = ?, updated_at = ?, version = ? WHERE id = ? AND version = ? RETURNING ministry_id"),
		string(p.State), nullDate(p.InForce), p.UpdatedAt, p.Version, p.ID, pp.step.PrevVersion).Scan(&ministry)
	if errors.Is(err, sql.ErrNoRows) {
		return s.proposalMoved(ctx, tx, p.ID)
	}
	if err != nil {
		return err
	}
	if err := s.insertProposalEvent(ctx, tx, ministry, ev); err != nil {
		return err
	}
	if len(pp.step.Requested) > 0 {
		if err := s.insertRequested(ctx, tx, pp); err != nil {
			return err
		}
	}
	if pp.step.Signature != nil {
		return s.insertSignature(ctx, tx, pp.step.Signature)
	}
	return nil
}

// proposalMoved is the error of a conditional update of proposal id that
// changed nothing: ENOTFOUND, or ECONFLICT naming its state and version.
func (s *Store) proposalMoved(ctx context.Context, tx *sql.Tx, id int64) error {
	var state string
	var version int
	err := tx.QueryRowContext(ctx, s.q("SELECT state, version FROM proposals WHERE id = ?"), id).Scan(&state, &version)
	if errors.Is(err, sql.ErrNoRows) {
		return schakel.Errorf(schakel.ENOTFOUND, "Voorstel %d bestaat niet.", id)
	}
	if err != nil {
		return err
	}
	return schakel.Errorf(schakel.ECONFLICT, "Voorstel %d is intussen gewijzigd (nu %s, versie %d); laad het opnieuw.", id, state, version)
}

// insertRequested checks the organisations of the requested assessments
// and writes each one's request, as CreateRequest does, and the
// assessment.
func (s *Store) insertRequested(ctx context.Context, tx *sql.Tx, pp *preparedProposalStep) error {
	var v schakel.Validation
	for i, c := range pp.step.Requested {
		if !s.exists(ctx, tx, "organisations", c.Assessment.OrganisationID) {
			v.Add(fmt.Sprintf("organisaties[%d]", i), "unknown", "Organisatie %d bestaat niet.", c.Assessment.OrganisationID)
		}
	}
	if err := v.Err(); err != nil {
		return err
	}
	pp.requestIDs, pp.assessmentIDs = nil, nil
	for i, c := range pp.step.Requested {
		rid, err := s.createInTx(ctx, tx, c.Request, c.Event, pp.data[i])
		if err != nil {
			return err
		}
		var aid int64
		if err := tx.QueryRowContext(ctx, s.q("INSERT INTO assessments (proposal_id, organisation_id, state, request_id) VALUES (?, ?, ?, ?) RETURNING id"),
			c.Assessment.ProposalID, c.Assessment.OrganisationID, string(schakel.AssessmentRequested), rid).Scan(&aid); err != nil {
			return err
		}
		pp.requestIDs, pp.assessmentIDs = append(pp.requestIDs, rid), append(pp.assessmentIDs, aid)
	}
	return nil
}

// insertSignature stores the signature of a proposal; ECONFLICT when it
// has one. Every assessment it covers must be of the proposal.
func (s *Store) insertSignature(ctx context.Context, tx *sql.Tx, sig *schakel.Signature) error {
	if len(sig.Assessments) > 0 {
		rows, err := tx.QueryContext(ctx, s.q("SELECT id FROM assessments WHERE proposal_id = ?"), sig.ProposalID)
		if err != nil {
			return err
		}
		own := map[int64]bool{}
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return err
			}
			own[id] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, id := range sig.Assessments {
			if !own[id] {
				return fmt.Errorf("the signature of proposal %d covers assessment %d, which is not the proposal's", sig.ProposalID, id)
			}
		}
	}
	_, err := tx.ExecContext(ctx, s.q("INSERT INTO proposal_signatures (proposal_id, signed_by, at, statement, assessments, digest) VALUES (?, ?, ?, ?, ?, ?)"),
		sig.ProposalID, nullInt64(sig.SignedBy), sig.At, sig.Statement, idsText(sig.Assessments), sig.Digest)
	if s.dialect.isUniqueViolation(err) {
		return schakel.Errorf(schakel.ECONFLICT, "Voorstel %d is al getekend.", sig.ProposalID)
	}
	return err
}

// finish sets on the structs of a committed step the ids the store chose.
func (pp *preparedProposalStep) finish() {
	for i, c := range pp.step.Requested {
		rid := pp.requestIDs[i]
		c.Request.ID, c.Event.RequestID = rid, rid
		c.Assessment.ID, c.Assessment.RequestID = pp.assessmentIDs[i], rid
	}
}

// stamp puts *t in UTC at the resolution the databases keep (instant),
// and sets it to def when it is zero.
func stamp(t *time.Time, def time.Time) {
	if t.IsZero() {
		*t = def
	}
	*t = instant(*t)
}

// notBefore moves *t to least when it is earlier, as stamp puts it.
func notBefore(t *time.Time, least time.Time) {
	if t.Before(least) {
		*t = least
	}
	*t = instant(*t)
}

// orID sets *id to def when it is 0.
func orID(id *int64, def int64) {
	if *id == 0 {
		*id = def
	}
}
