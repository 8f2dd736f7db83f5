// Package comply is the comply-or-explain state machine: it makes new
// requests for account, computes their deadlines by the Algemene
// termijnenwet, and decides every transition. It is pure: it takes the
// current request and the time, and returns the next request and the event
// to append; the store writes both, conditional on the version it read.
//
//	open ──acknowledge──▶ ontvangen ──answer──▶ beantwoord ──close──▶ gesloten
//	  │                       │                   │ (explain, deels)
//	  │                       │                   └─contest (once)──▶ geescaleerd (next rung)
//	  └──deadline missed──────┴──────────────────────────────────────▶ geescaleerd (next rung)
//	any state before gesloten ──withdraw──▶ ingetrokken
//
// Escalated behaves like open at the next rung, with fresh deadlines. At the
// top rung a missed deadline cannot climb: it is recorded (termijn-gemist)
// and the request stays owed and marked, never swallowed.
package comply

import (
	"fmt"
	"strings"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
)

// Terms are the deadlines of a request type, configurable per organisation.
type Terms struct {
	// Ack is the term to acknowledge receipt; zero when the type needs no
	// separate acknowledgement.
	Ack calendar.Term
	// Answer is the term to answer.
	Answer calendar.Term
	// Urgent replaces Answer for urgent requests; zero means no urgency.
	Urgent calendar.Term
	// MaxExtension is the most the addressee may extend the answer term,
	// once; zero means no extension.
	MaxExtension calendar.Term
	// Outer is the outer bound from the request's creation that no extension
	// may pass (the whistleblower law's 3 months); zero means none.
	Outer calendar.Term
	// ReminderWorkingDays before the answer deadline a reminder is due; 0
	// means none.
	ReminderWorkingDays int
}

// DefaultTerms are the terms of PRODUCT.md C10, used where an organisation
// configured none.
var DefaultTerms = map[schakel.RequestType]Terms{
	schakel.TypeGeneral: {Answer: weeks(6), MaxExtension: weeks(4), ReminderWorkingDays: 3},
	// Awb 7:10: six weeks, extendable once by six weeks.
	schakel.TypeObjection: {Answer: weeks(6), MaxExtension: weeks(6), ReminderWorkingDays: 3},
	// Awb 9:11: six weeks, extendable once by four weeks.
	schakel.TypeComplaint: {Answer: weeks(6), MaxExtension: weeks(4), ReminderWorkingDays: 3},
	// The citizen's brake contests a decision: the terms of an objection.
	schakel.TypeCitizenBrake: {Answer: weeks(6), MaxExtension: weeks(6), ReminderWorkingDays: 3},
	// Acknowledge within 7 days, answer within 6 weeks or 5 working days when
	// urgent; the whistleblower law's 3 months is the outer bound.
	schakel.TypeProfessionalBrake: {Ack: days(7), Answer: weeks(6), Urgent: workingDays(5), MaxExtension: weeks(6), Outer: months(3), ReminderWorkingDays: 3},
	schakel.TypeOrganisationBrake: {Answer: weeks(6), MaxExtension: weeks(6), ReminderWorkingDays: 3},
	schakel.TypeKnelpunt:          {Answer: weeks(6), MaxExtension: weeks(6), ReminderWorkingDays: 3},
	// An assessment: eight weeks for a bill, decree, regulation or policy
	// rule; five working days for an amendment or motion (the urgent
	// term), which otherwise go unassessed (report §5.4.1).
	schakel.TypeAssessment: {Answer: weeks(8), Urgent: workingDays(5), MaxExtension: weeks(4), ReminderWorkingDays: 3},
	// The minister's answer to an assessment, before the proposal goes to
	// parliament.
	schakel.TypeAssessmentAnswer: {Answer: weeks(4), MaxExtension: weeks(2), ReminderWorkingDays: 3},
}

func days(n int) calendar.Term        { return calendar.Term{N: n, Unit: calendar.Days} }
func weeks(n int) calendar.Term       { return calendar.Term{N: n, Unit: calendar.Weeks} }
func months(n int) calendar.Term      { return calendar.Term{N: n, Unit: calendar.Months} }
func workingDays(n int) calendar.Term { return calendar.Term{N: n, Unit: calendar.WorkingDays} }

// Engine holds what every transition needs: the calendar and the terms.
type Engine struct {
	Calendar *calendar.Calendar
	// Terms returns the terms of a type at an organisation; nil means
	// DefaultTerms everywhere.
	Terms func(organisationID int64, t schakel.RequestType) Terms
}

func (e *Engine) terms(org int64, t schakel.RequestType) Terms {
	if e.Terms != nil {
		return e.Terms(org, t)
	}
	return DefaultTerms[t]
}

// NewRequest is what a requester supplies.
type NewRequest struct {
	Type      schakel.RequestType
	Subject   string
	Body      string
	Grounds   []schakel.Ground
	Urgent    bool
	Requester schakel.Party
}

// Limits on texts, so one request cannot fill the database.
const (
	MaxSubject = 200
	MaxText    = 20000
	MaxGrounds = 20
)

// Check adds every invalid field of in but its addressee to v: for a
// caller that could not determine the ladder (an unknown organisation) and
// still names every invalid field at once. New runs it too.
func (e *Engine) Check(in NewRequest, known func(code string) bool, v *schakel.Validation) {
	if !in.Type.Valid() {
		v.Add(FieldType, "enum", "Kies een bestaand soort verzoek.")
	}
	if v.Required(FieldSubject, in.Subject) && len(in.Subject) > MaxSubject {
		v.Add(FieldSubject, "too_long", "Gebruik hoogstens %d tekens.", MaxSubject)
	}
	if len(in.Body) > MaxText {
		v.Add(FieldBody, "too_long", "Gebruik hoogstens %d tekens.", MaxText)
	}
	switch {
	case len(in.Grounds) == 0:
		v.Add(FieldGrounds, "required", "Noem minstens één beginsel uit de catalogus dat in het geding is.")
	case len(in.Grounds) > MaxGrounds:
		v.Add(FieldGrounds, "too_many", "Noem hoogstens %d beginselen.", MaxGrounds)
	}
	seen := map[string]bool{}
	for i, g := range in.Grounds {
		f := fmt.Sprintf("%s[%d]", FieldGrounds, i)
		switch {
		case strings.TrimSpace(g.Principle) == "":
			v.Add(f+".beginsel", "required", "Dit veld is verplicht.")
		case seen[g.Principle]:
			v.Add(f+".beginsel", "duplicate", "Beginsel %q staat er al.", g.Principle)
		case known != nil && !known(g.Principle):
			v.Add(f+".beginsel", "unknown", "Beginsel %q staat niet (meer) in de catalogus.", g.Principle)
		}
		seen[g.Principle] = true
		if v.Required(f+".toelichting", g.Text) && len(g.Text) > MaxText {
			v.Add(f+".toelichting", "too_long", "Gebruik hoogstens %d tekens.", MaxText)
		}
	}
}

// New validates a new request, fixes its ladder and computes its deadlines.
// known reports whether a principle code may be cited (exists, not retired).
func (e *Engine) New(in NewRequest, ladder []schakel.Addressee, known func(code string) bool, now time.Time) (*schakel.Request, *schakel.Event, error) {
	var v schakel.Validation
	e.Check(in, known, &v)
	if len(ladder) == 0 || ladder[0].OrganisationID == 0 {
		v.Add(FieldAddressee, "required", "Kies de organisatie die moet antwoorden.")
	} else if in.Urgent && in.Type.Valid() && e.terms(ladder[0].OrganisationID, in.Type).Urgent == (calendar.Term{}) {
		v.Add(FieldUrgent, "not_allowed", "Dit soort verzoek kent geen spoedtermijn.")
	}
	if err := v.Err(); err != nil {
		return nil, nil, err
	}
	now = now.UTC()
	r := &schakel.Request{
		Type: in.Type, Subject: strings.TrimSpace(in.Subject), Body: in.Body, Grounds: in.Grounds, Urgent: in.Urgent,
		Requester: in.Requester, Ladder: ladder, Rung: 0, State: schakel.StateOpen,
		CreatedAt: now, UpdatedAt: now,
	}
	data := e.startRung(r, now)
	r.Version = 1
	r.LastEventAt = now
	ev := &schakel.Event{Seq: 1, Type: schakel.EventCreated, At: now, Actor: in.Requester, State: r.State, Rung: 0, Data: data}
	return r, ev, nil
}

// startRung sets fresh deadlines for the current rung, counted from now.
func (e *Engine) startRung(r *schakel.Request, now time.Time) schakel.EventData {
	t := e.terms(r.Addressee().OrganisationID, r.Type)
	today := e.Calendar.Today(now)
	var data schakel.EventData
	r.AckDue, r.AckDeadline = calendar.Date{}, time.Time{}
	if t.Ack != (calendar.Term{}) {
		res := e.Calendar.Deadline(today, t.Ack)
		r.AckDue, r.AckDeadline = res.End, e.Calendar.EndOf(res.End)
		d := res.End
		data.AckDue = &d
	}
	answer := t.Answer
	if r.Urgent && t.Urgent != (calendar.Term{}) {
		answer = t.Urgent
	}
	res := e.Calendar.Deadline(today, answer)
	r.AnswerDue, r.AnswerDeadline = res.End, e.Calendar.EndOf(res.End)
	d := res.End
	data.AnswerDue = &d
	for _, reason := range res.Reasons {
		data.Reasons = append(data.Reasons, reason.Text)
	}
	r.Extended = false
	r.ReminderAt = e.reminderAt(r, t, today)
	return data
}

// reminderAt is the start of the day a number of working days before the
// answer deadline, or zero when that day is not after today.
func (e *Engine) reminderAt(r *schakel.Request, t Terms, today calendar.Date) time.Time {
	if t.ReminderWorkingDays <= 0 {
		return time.Time{}
	}
	day := e.Calendar.AddWorkingDays(r.AnswerDue, -t.ReminderWorkingDays)
	if !day.After(today) {
		return time.Time{}
	}
	return e.Calendar.EndOf(day.AddDays(-1))
}

// conflict is the error for a transition the state does not allow.
func conflict(r *schakel.Request, what string) error {
	return schakel.Errorf(schakel.ECONFLICT, "Verzoek %d is %s%s; %s kan dan niet.", r.ID, r.State, answerSuffix(r), what)
}

func answerSuffix(r *schakel.Request) string {
	if r.State == schakel.StateAnswered && r.Answer != "" {
		return " (" + string(r.Answer) + ")"
	}
	return ""
}

// next copies r and advances its version for the event ev.
func next(r *schakel.Request, typ schakel.EventType, actor schakel.Party, now time.Time, data schakel.EventData) (*schakel.Request, *schakel.Event) {
	n := *r
	n.Ladder = append([]schakel.Addressee(nil), r.Ladder...)
	n.Grounds = append([]schakel.Ground(nil), r.Grounds...)
	n.Version = r.Version + 1
	n.UpdatedAt = now.UTC()
	n.LastEventAt = now.UTC()
	return &n, &schakel.Event{RequestID: r.ID, Seq: n.Version, Type: typ, At: now.UTC(), Actor: actor, Data: data}
}

func finish(n *schakel.Request, ev *schakel.Event) (*schakel.Request, *schakel.Event, error) {
	ev.State, ev.Rung = n.State, n.Rung
	return n, ev, nil
}

// Acknowledge records that the addressee received the request.
func (e *Engine) Acknowledge(r *schakel.Request, actor schakel.Party, now time.Time) (*schakel.Request, *schakel.Event, error) {
	if r.State != schakel.StateOpen && r.State != schakel.StateEscalated {
		return nil, nil, conflict(r, "de ontvangst bevestigen")
	}
	n, ev := next(r, schakel.EventAcknowledged, actor, now, schakel.EventData{})
	n.State = schakel.StateAcknowledged
	n.AckDue, n.AckDeadline = calendar.Date{}, time.Time{}
	if !r.AckDeadline.IsZero() && !now.Before(r.AckDeadline) {
		ev.Data.Late = true
	}
	return finish(n, ev)
}

// AnswerInput is a comply, an explain, or a comply in part.
type AnswerInput struct {
	Kind schakel.AnswerKind
	// Changes says what changes (comply; the done part of deels).
	Changes string
	// ByWhen is the date by which it changes (comply, deels).
	ByWhen calendar.Date
	// Motivations explain, per cited principle code, why not (explain);
	// for deels, what is not done and why.
	Motivations map[string]string
}

// The names of an answer's fields, as the API's JSON and the pages' forms
// name them.
const (
	FieldAnswerKind  = "soort"
	FieldChanges     = "wijzigingen"
	FieldByWhen      = "uiterlijk"
	FieldMotivations = "motiveringen"
)

// Answer records a comply, an explain or a comply in part (deels). An
// answer owed from an open or escalated request acknowledges it too.
// Returns EINVALID naming every invalid field: a partial answer needs both
// its done part (changes, by when) and its not-done part (a motivation for
// every cited principle).
func (e *Engine) Answer(r *schakel.Request, actor schakel.Party, in AnswerInput, now time.Time) (*schakel.Request, *schakel.Event, error) {
	if !r.State.AwaitsAnswer() {
		return nil, nil, conflict(r, "antwoorden")
	}
	var v schakel.Validation
	data := schakel.EventData{Answer: in.Kind}
	if !in.Kind.Valid() {
		v.Add(FieldAnswerKind, "enum", "Kies comply, deels of explain.")
	}
	if in.Kind.Changes() {
		e.checkChanges(in, now, &v)
		data.Changes = in.Changes
		if !in.ByWhen.IsZero() {
			d := in.ByWhen
			data.ByWhen = &d
		}
	} else if in.Kind == schakel.Explain {
		if in.Changes != "" {
			v.Add(FieldChanges, "not_allowed", "Een explain verandert niets; gebruik comply of deels om een wijziging toe te zeggen.")
		}
		if !in.ByWhen.IsZero() {
			v.Add(FieldByWhen, "not_allowed", "Een explain heeft geen datum; gebruik comply of deels om een wijziging toe te zeggen.")
		}
	}
	if in.Kind.Refuses() {
		checkMotivations(r, in, &v)
		data.Motivations = in.Motivations
	} else if in.Kind == schakel.Comply && len(in.Motivations) > 0 {
		v.Add(FieldMotivations, "not_allowed", "Een comply heeft geen motivering per beginsel; gebruik deels of explain.")
	}
	if err := v.Err(); err != nil {
		return nil, nil, err
	}
	n, ev := next(r, schakel.EventAnswered, actor, now, data)
	n.State, n.Answer = schakel.StateAnswered, in.Kind
	if !now.Before(r.AnswerDeadline) {
		n.AnsweredLate = true
		ev.Data.Late = true
	}
	n.AckDue, n.AckDeadline, n.ReminderAt = calendar.Date{}, time.Time{}, time.Time{}
	return finish(n, ev)
}

// checkChanges checks what an answer changes and by when (comply, and the
// done part of deels).
func (e *Engine) checkChanges(in AnswerInput, now time.Time, v *schakel.Validation) {
	if v.Required(FieldChanges, in.Changes) && len(in.Changes) > MaxText {
		v.Add(FieldChanges, "too_long", "Gebruik hoogstens %d tekens.", MaxText)
	}
	switch {
	case in.ByWhen.IsZero():
		v.Add(FieldByWhen, "required", "Zeg uiterlijk wanneer de wijziging er is.")
	case in.ByWhen.Before(e.Calendar.Today(now)):
		v.Add(FieldByWhen, "past", "Deze datum ligt in het verleden.")
	}
}

// checkMotivations checks that an answer motivates, for every principle r
// cites and no other, why not (explain) or what not and why (deels).
func checkMotivations(r *schakel.Request, in AnswerInput, v *schakel.Validation) {
	cited := map[string]bool{}
	for _, g := range r.Grounds {
		cited[g.Principle] = true
		f := FieldMotivations + "." + g.Principle
		text := in.Motivations[g.Principle]
		if v.Required(f, text) && len(text) > MaxText {
			v.Add(f, "too_long", "Gebruik hoogstens %d tekens.", MaxText)
		}
	}
	for code := range in.Motivations {
		if !cited[code] {
			v.Add(FieldMotivations+"."+code, "not_cited", "Beginsel %q is in dit verzoek niet genoemd.", code)
		}
	}
}

// Contest is the requester's one objection to an explain, or to what a
// partial answer (deels) does not do: the request climbs to the next rung,
// which must answer afresh.
func (e *Engine) Contest(r *schakel.Request, actor schakel.Party, reason string, now time.Time) (*schakel.Request, *schakel.Event, error) {
	switch {
	case r.State != schakel.StateAnswered || !r.Answer.Refuses():
		return nil, nil, conflict(r, "een explain betwisten")
	case r.Contested:
		return nil, nil, schakel.Errorf(schakel.ECONFLICT, "Verzoek %d is al eens betwist; dat kan één keer.", r.ID)
	case r.AtTop():
		return nil, nil, schakel.Errorf(schakel.ECONFLICT, "Verzoek %d ligt bij de hoogste trede; daar is het antwoord definitief.", r.ID)
	}
	if err := requireReason(reason); err != nil {
		return nil, nil, err
	}
	from, to := r.Ladder[r.Rung], r.Ladder[r.Rung+1]
	n, ev := next(r, schakel.EventContested, actor, now, schakel.EventData{Reason: reason, From: &from, To: &to})
	n.Contested = true
	n.Rung++
	n.State, n.Answer, n.AnsweredLate = schakel.StateEscalated, "", false
	d := e.startRung(n, now)
	ev.Data.AckDue, ev.Data.AnswerDue, ev.Data.Reasons = d.AckDue, d.AnswerDue, d.Reasons
	return finish(n, ev)
}

func requireReason(reason string) error {
	var v schakel.Validation
	if v.Required("reden", reason) && len(reason) > MaxText {
		v.Add("reden", "too_long", "Gebruik hoogstens %d tekens.", MaxText)
	}
	return v.Err()
}

// Extend lengthens the answer term of the current rung once, with a reason,
// within the type's maximum and outer bound.
func (e *Engine) Extend(r *schakel.Request, actor schakel.Party, term calendar.Term, reason string, now time.Time) (*schakel.Request, *schakel.Event, error) {
	if !r.State.AwaitsAnswer() {
		return nil, nil, conflict(r, "de termijn verlengen")
	}
	if r.Extended {
		return nil, nil, schakel.Errorf(schakel.ECONFLICT, "De termijn van verzoek %d is al eens verlengd; dat kan één keer.", r.ID)
	}
	// A term is extended while it runs (verdaging, Awb 7:10(3)): once it has
	// passed the miss stands, and an extension must not hide it from the sweep.
	if !now.Before(r.AnswerDeadline) {
		return nil, nil, schakel.Errorf(schakel.ECONFLICT, "De termijn van verzoek %d is al verstreken (%s); verlengen kan alleen binnen de termijn.", r.ID, r.AnswerDue.Dutch())
	}
	t := e.terms(r.Addressee().OrganisationID, r.Type)
	var v schakel.Validation
	if err := term.Validate(); err != nil {
		v.Add("termijn", "invalid", "Geef een termijn zoals P2W of P10D.")
	}
	if err := requireReason(reason); err != nil {
		v.Merge("", err)
	}
	if err := v.Err(); err != nil {
		return nil, nil, err
	}
	if t.MaxExtension == (calendar.Term{}) {
		return nil, nil, schakel.Errorf(schakel.ECONFLICT, "Dit soort verzoek kent geen verlenging.")
	}
	res := e.Calendar.Extend(r.AnswerDue, term)
	limit := e.Calendar.Extend(r.AnswerDue, t.MaxExtension).End
	if t.Outer != (calendar.Term{}) {
		if outer := e.Calendar.Deadline(e.Calendar.Today(r.CreatedAt), t.Outer).End; outer.Before(limit) {
			limit = outer
		}
	}
	if res.End.After(limit) {
		return nil, nil, &schakel.Error{Code: schakel.EINVALID, Message: "De invoer is niet geldig.", Fields: []schakel.FieldError{
			{Field: "termijn", Code: "too_long", Format: "De verlenging mag de termijn hoogstens tot %s brengen.", Args: []any{limit.Dutch()}}}}
	}
	// ISO 8601 where it can ("P2W"); working days have no ISO form and are
	// recorded in words ("5 werkdagen") rather than dropped.
	n, ev := next(r, schakel.EventExtended, actor, now, schakel.EventData{Reason: reason, Term: term.String()})
	n.Extended = true
	n.AnswerDue, n.AnswerDeadline = res.End, e.Calendar.EndOf(res.End)
	n.ReminderAt = e.reminderAt(n, t, e.Calendar.Today(now))
	d := res.End
	ev.Data.AnswerDue = &d
	for _, reason := range res.Reasons {
		ev.Data.Reasons = append(ev.Data.Reasons, reason.Text)
	}
	return finish(n, ev)
}

// Withdraw ends the request at the requester's wish.
func (e *Engine) Withdraw(r *schakel.Request, actor schakel.Party, reason string, now time.Time) (*schakel.Request, *schakel.Event, error) {
	if r.State.Final() {
		return nil, nil, conflict(r, "intrekken")
	}
	if err := requireReason(reason); err != nil {
		return nil, nil, err
	}
	n, ev := next(r, schakel.EventWithdrawn, actor, now, schakel.EventData{Reason: reason})
	n.State = schakel.StateWithdrawn
	n.AckDue, n.AckDeadline, n.ReminderAt = calendar.Date{}, time.Time{}, time.Time{}
	return finish(n, ev)
}

// Close ends an answered request: the requester accepts the answer, or lets
// the explain stand.
func (e *Engine) Close(r *schakel.Request, actor schakel.Party, reason string, now time.Time) (*schakel.Request, *schakel.Event, error) {
	if r.State != schakel.StateAnswered {
		return nil, nil, conflict(r, "afsluiten")
	}
	if len(reason) > MaxText {
		return nil, nil, requireReason(reason)
	}
	n, ev := next(r, schakel.EventClosed, actor, now, schakel.EventData{Reason: reason})
	n.State = schakel.StateClosed
	return finish(n, ev)
}

// System is the actor of what schakel does by itself.
var System = schakel.Party{Kind: schakel.PartySystem}

// Sweep does the one most pressing thing that is due for r at now: escalate
// a missed deadline (or, at the top rung, record the miss), or send the
// reminder. It returns nil, nil, nil when nothing is due. Call it again
// until it returns nil: after a long outage both a reminder and a miss may
// be due.
func (e *Engine) Sweep(r *schakel.Request, now time.Time) (*schakel.Request, *schakel.Event, error) {
	if !r.State.AwaitsAnswer() {
		return nil, nil, nil
	}
	missed := ""
	switch {
	case !r.AckDeadline.IsZero() && r.State != schakel.StateAcknowledged && !now.Before(r.AckDeadline):
		missed = "ontvangst"
	case !r.AnswerDeadline.IsZero() && !now.Before(r.AnswerDeadline):
		missed = "antwoord"
	}
	if missed != "" {
		if r.AtTop() {
			if r.MissedAtTop {
				return nil, nil, nil
			}
			n, ev := next(r, schakel.EventDeadlineMissed, System, now, schakel.EventData{Missed: missed})
			n.MissedAtTop = true
			n.MissedCount++
			n.ReminderAt = time.Time{}
			return finish(n, ev)
		}
		from, to := r.Ladder[r.Rung], r.Ladder[r.Rung+1]
		n, ev := next(r, schakel.EventEscalated, System, now, schakel.EventData{Missed: missed, From: &from, To: &to,
			Reason: "De termijn is verstreken zonder " + map[string]string{"ontvangst": "ontvangstbevestiging", "antwoord": "antwoord"}[missed] + "."})
		n.MissedCount++
		n.Rung++
		n.State = schakel.StateEscalated
		d := e.startRung(n, now)
		ev.Data.AckDue, ev.Data.AnswerDue, ev.Data.Reasons = d.AckDue, d.AnswerDue, d.Reasons
		return finish(n, ev)
	}
	if !r.ReminderAt.IsZero() && !now.Before(r.ReminderAt) {
		d := r.AnswerDue
		n, ev := next(r, schakel.EventReminder, System, now, schakel.EventData{AnswerDue: &d})
		n.ReminderAt = time.Time{}
		return finish(n, ev)
	}
	return nil, nil, nil
}

// IsRequester reports whether u made r (itself, or for an organisation in
// which u holds a role).
func IsRequester(r *schakel.Request, u *schakel.User) bool {
	if u == nil {
		return false
	}
	switch r.Requester.Kind {
	case schakel.PartyUser:
		return r.Requester.UserID == u.ID
	case schakel.PartyOrganisation:
		for _, m := range u.Memberships {
			if m.OrganisationID == r.Requester.OrganisationID && (m.Role == schakel.RoleBoard || m.Role == schakel.RolePolicy || m.Role == schakel.RoleMinister) {
				return true
			}
		}
	}
	return false
}

// IsAddressee reports whether u holds the current addressee's role.
func IsAddressee(r *schakel.Request, u *schakel.User) bool {
	a := r.Addressee()
	return u != nil && u.HasRole(a.OrganisationID, a.Role)
}
