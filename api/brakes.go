package api

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/auth"
	"github.com/schakel-nl/schakel/brakes"
	"github.com/schakel-nl/schakel/respond"
)

// The endpoints of /api/v1/noodremmen and /api/v1/ontvangstcodes. The
// register is public and shows the public projection only: level,
// organisations, principles, dates, state, answer kind, deadlines met or
// missed and escalations, each with a link to its proof in the public
// record — never a text, nor anything about the puller. The one exception
// is the minister's answer to a returned assignment, which the report wants
// published to parliament.

// Brake is an emergency brake in the public register.
type Brake struct {
	ID           int64       `json:"id"`
	Level        string      `json:"niveau"`
	Organisation string      `json:"organisatie"`
	Ladder       []Addressee `json:"ladder"`
	Rung         int         `json:"trede"`
	Addressee    Addressee   `json:"geadresseerde"`
	Principles   []string    `json:"beginselen"`
	Urgent       bool        `json:"urgent"`
	State        string      `json:"status"`
	Answer       string      `json:"antwoord,omitempty"`
	PulledAt     string      `json:"getrokkenOp"`
	AnswerDue    string      `json:"antwoordUiterlijk"`
	// DeadlineMissed is whether any deadline was missed: one passed
	// unanswered, or an answer came late.
	DeadlineMissed bool         `json:"termijnGemist"`
	MissedCount    int          `json:"gemisteTermijnen"`
	AnsweredLate   bool         `json:"laatBeantwoord"`
	Escalations    []Escalation `json:"escalaties"`
	// Proof is the path of the inclusion proof of the brake's pulling.
	Proof string `json:"bewijs"`
}

// Escalation is one climb of a brake up its ladder.
type Escalation struct {
	At   string    `json:"op"`
	From Addressee `json:"van"`
	To   Addressee `json:"naar"`
	// Cause is "termijn" (a deadline passed) or "betwisting" (the puller
	// contested an explain).
	Cause string `json:"aanleiding"`
	Proof string `json:"bewijs"`
}

// BrakeDetail is a brake with its public history.
type BrakeDetail struct {
	Brake
	Events []PublicEvent `json:"gebeurtenissen"`
	// MinisterAnswers are the answers given at the minister's rung of a
	// returned assignment, published to parliament.
	MinisterAnswers []MinisterAnswer `json:"antwoordenBewindspersoon,omitempty"`
}

// PublicEvent is one step of a brake's history without its texts.
type PublicEvent struct {
	Seq    int    `json:"volgnummer"`
	Type   string `json:"type"`
	At     string `json:"op"`
	State  string `json:"status"`
	Rung   int    `json:"trede"`
	Answer string `json:"antwoord,omitempty"`
	Late   bool   `json:"laat,omitempty"`
	Proof  string `json:"bewijs"`
}

// MinisterAnswer is the minister's comply or explain on a returned
// assignment.
type MinisterAnswer struct {
	At          string            `json:"op"`
	Answer      string            `json:"antwoord"`
	Changes     string            `json:"wijzigingen,omitempty"`
	ByWhen      string            `json:"uiterlijk,omitempty"`
	Motivations map[string]string `json:"motiveringen,omitempty"`
	Late        bool              `json:"laat,omitempty"`
}

// BrakePage is one page of the register.
type BrakePage struct {
	Results  []Brake `json:"resultaten"`
	Total    int     `json:"totaal"`
	Page     int     `json:"pagina"`
	PageSize int     `json:"paginaGrootte"`
}

// PulledBrake is the answer to pulling a brake. ReceiptCode is there only
// for a brake followed by receipt code, only in this response: it is stored
// nowhere and cannot be shown again.
type PulledBrake struct {
	Brake       Brake  `json:"noodrem"`
	Request     string `json:"verzoek,omitempty"`
	ReceiptCode string `json:"ontvangstcode,omitempty"`
}

// FollowedBrake is what the holder of a receipt code sees: the brake with
// its request, texts and history, without anything about other parties'
// people.
type FollowedBrake struct {
	Brake             Brake         `json:"noodrem"`
	Request           RequestDetail `json:"verzoek"`
	Concerned         string        `json:"betreft,omitempty"`
	RuleRefs          []string      `json:"regels"`
	DecisionReference string        `json:"kenmerk,omitempty"`
	DecisionDate      string        `json:"datumBesluit,omitempty"`
	WantedOutcome     string        `json:"gewensteUitkomst,omitempty"`
	Actions           []string      `json:"mogelijkeHandelingen"`
}

// brakeInput is the body of POST /api/v1/noodremmen.
type brakeInput struct {
	Level             string        `json:"niveau"`
	Organisation      string        `json:"organisatie"`
	Identity          string        `json:"identiteit"`
	Concerned         string        `json:"betreft"`
	RuleRefs          []string      `json:"regels"`
	Subject           string        `json:"onderwerp"`
	Body              string        `json:"toelichting"`
	Grounds           []groundInput `json:"gronden"`
	Urgent            bool          `json:"urgent"`
	CitizenGrounds    []string      `json:"bezwaren"`
	DecisionReference string        `json:"kenmerk"`
	DecisionDate      string        `json:"datumBesluit"`
	WantedOutcome     string        `json:"gewensteUitkomst"`
}

// receiptInput is the body of the /api/v1/ontvangstcodes endpoints.
type receiptInput struct {
	Code   string `json:"ontvangstcode"`
	Reason string `json:"reden"`
}

const brakesPath = "/api/v1/noodremmen"

// proofPath is the path of the inclusion proof of event seq of request id.
func proofPath(id int64, seq int) string {
	return fmt.Sprintf("/api/v1/logboek/gebeurtenissen/%d/%d", id, seq)
}

func (h *Handler) address(r *http.Request) string {
	if h.Address == nil {
		return ""
	}
	return h.Address(r)
}

// brakesAvailable is ENOTFOUND when the server has no brakes, which every
// endpoint of the brake and its receipt codes answers before anything else.
func (h *Handler) brakesAvailable() error {
	if h.Brakes == nil {
		return schakel.Errorf(schakel.ENOTFOUND, "De noodrem is op deze server niet beschikbaar.")
	}
	return nil
}

// PullBrake serves POST /api/v1/noodremmen: pull a brake at one of the three
// levels. A citizen's brake needs no login; the other two do. The answer
// has the receipt code when the brake is followed by one: only then, once.
func (h *Handler) PullBrake(w http.ResponseWriter, r *http.Request) error {
	if err := h.brakesAvailable(); err != nil {
		return err
	}
	ctx := r.Context()
	var in brakeInput
	var v schakel.Validation
	if err := decode(r, &in, &v); err != nil {
		return err
	}
	pi := brakes.PullInput{Level: schakel.BrakeLevel(in.Level), Organisation: in.Organisation, Identity: schakel.Identity(in.Identity),
		Concerned: in.Concerned, RuleRefs: in.RuleRefs, Subject: in.Subject, Body: in.Body, Urgent: in.Urgent,
		CitizenGrounds: in.CitizenGrounds, DecisionReference: in.DecisionReference, DecisionDate: in.DecisionDate, WantedOutcome: in.WantedOutcome}
	for _, g := range in.Grounds {
		pi.Grounds = append(pi.Grounds, schakel.Ground{Principle: g.Principle, Text: g.Text})
	}
	pi.Problems = v.Fields()
	pulled, err := h.Brakes.Pull(ctx, auth.UserFrom(ctx), h.address(r), pi)
	if err != nil {
		return err
	}
	b := pulled.Brake
	j, err := h.brake(ctx, h.orgCodes(), b, nil)
	if err != nil {
		return err
	}
	out := PulledBrake{Brake: j}
	if pulled.Receipt.IsZero() {
		out.Request = requestsPath + "/" + strconv.FormatInt(b.RequestID, 10)
	} else {
		out.ReceiptCode = pulled.Receipt.String()
	}
	w.Header().Set("Location", brakesPath+"/"+strconv.FormatInt(b.RequestID, 10))
	respond.JSON(w, http.StatusCreated, out)
	return nil
}

// ListBrakes serves GET /api/v1/noodremmen: the public register, newest
// first. Filters: niveau, organisatie (where the brake was pulled), beginsel,
// status, vanaf and tot (the day of pulling, inclusive) and termijnGemist,
// read by the brake service as for the pages; paging and the refusal of
// unknown or repeated parameters are the API's.
func (h *Handler) ListBrakes(w http.ResponseWriter, r *http.Request) error {
	if err := h.brakesAvailable(); err != nil {
		return err
	}
	ctx := r.Context()
	filter := func(q url.Values) (schakel.BrakeFilter, error) { return h.Brakes.RegisterFilter(ctx, q) }
	f, page, size, err := paged(r, filter, "niveau", "organisatie", "beginsel", "status", "vanaf", "tot", "termijnGemist")
	if err != nil {
		return err
	}
	f.Offset, f.Limit = (page-1)*size, size
	bs, events, total, err := h.Brakes.RegisterWithEvents(ctx, f)
	if err != nil {
		return err
	}
	codes := h.orgCodes()
	results, err := convert(bs, func(b *schakel.Brake) (Brake, error) { return h.brake(ctx, codes, b, events[b.RequestID]) })
	if err != nil {
		return err
	}
	respond.JSON(w, http.StatusOK, BrakePage{Results: results, Total: total, Page: page, PageSize: size})
	return nil
}

// GetBrake serves GET /api/v1/noodremmen/{id}: one brake of the register
// with its public history.
func (h *Handler) GetBrake(w http.ResponseWriter, r *http.Request) error {
	if err := h.brakesAvailable(); err != nil {
		return err
	}
	ctx := r.Context()
	id, err := requestID(r)
	if err != nil {
		return schakel.Errorf(schakel.ENOTFOUND, "Noodrem %q bestaat niet.", r.PathValue("id"))
	}
	b, evs, err := h.Brakes.RegisterEntry(ctx, id)
	if err != nil {
		return err
	}
	codes := h.orgCodes()
	j, err := h.brake(ctx, codes, b, evs)
	if err != nil {
		return err
	}
	out := BrakeDetail{Brake: j, Events: publicEvents(b.RequestID, evs), MinisterAnswers: ministerAnswers(b, evs)}
	if len(out.Events) > 0 && out.Events[0].Seq == 1 {
		// The pull event carries the pull time as getrokkenOp does.
		out.Events[0].At = j.PulledAt
	}
	respond.JSON(w, http.StatusOK, out)
	return nil
}

// publicEvents are evs without their texts and actors.
func publicEvents(id int64, evs []*schakel.Event) []PublicEvent {
	out := make([]PublicEvent, 0, len(evs))
	for _, ev := range evs {
		out = append(out, PublicEvent{Seq: ev.Seq, Type: string(ev.Type), At: timestamp(ev.At), State: string(ev.State), Rung: ev.Rung,
			Answer: string(ev.Data.Answer), Late: ev.Data.Late, Proof: proofPath(id, ev.Seq)})
	}
	return out
}

// ministerAnswers are the answers of a returned assignment given at the
// minister's rung, which the report wants published to parliament.
func ministerAnswers(b *schakel.Brake, evs []*schakel.Event) []MinisterAnswer {
	if b.Level != schakel.LevelOrganisation || b.Request == nil {
		return nil
	}
	var out []MinisterAnswer
	for _, ev := range evs {
		if ev.Type != schakel.EventAnswered || ev.Rung >= len(b.Request.Ladder) || b.Request.Ladder[ev.Rung].Role != schakel.RoleMinister {
			continue
		}
		a := MinisterAnswer{At: timestamp(ev.At), Answer: string(ev.Data.Answer), Changes: ev.Data.Changes, Motivations: ev.Data.Motivations, Late: ev.Data.Late}
		if ev.Data.ByWhen != nil {
			a.ByWhen = ev.Data.ByWhen.String()
		}
		out = append(out, a)
	}
	return out
}

// brake converts b to its public projection; evs, when given, are its
// events, from which the escalations are read.
func (h *Handler) brake(ctx context.Context, codes *orgCodes, b *schakel.Brake, evs []*schakel.Event) (Brake, error) {
	r := b.Request
	out := Brake{ID: b.RequestID, Level: string(b.Level), Rung: r.Rung, Urgent: r.Urgent, State: string(r.State), Answer: string(r.Answer),
		PulledAt: timestamp(b.PublicPulledAt()), AnswerDue: r.AnswerDue.String(), DeadlineMissed: schakel.BrakeDeadlineMissed(r),
		MissedCount: r.MissedCount, AnsweredLate: r.AnsweredLate, Principles: make([]string, 0, len(r.Grounds)),
		Escalations: []Escalation{}, Proof: proofPath(b.RequestID, 1)}
	for _, g := range r.Grounds {
		out.Principles = append(out.Principles, g.Principle)
	}
	for _, a := range r.Ladder {
		j, err := addressee(ctx, codes, a)
		if err != nil {
			return Brake{}, err
		}
		out.Ladder = append(out.Ladder, j)
	}
	if len(out.Ladder) > 0 {
		out.Organisation = out.Ladder[0].Organisation
		out.Addressee = out.Ladder[min(r.Rung, len(out.Ladder)-1)]
	}
	for _, ev := range evs {
		if (ev.Type != schakel.EventEscalated && ev.Type != schakel.EventContested) || ev.Data.From == nil || ev.Data.To == nil {
			continue
		}
		from, err := addressee(ctx, codes, *ev.Data.From)
		if err != nil {
			return Brake{}, err
		}
		to, err := addressee(ctx, codes, *ev.Data.To)
		if err != nil {
			return Brake{}, err
		}
		cause := "termijn"
		if ev.Type == schakel.EventContested {
			cause = "betwisting"
		}
		out.Escalations = append(out.Escalations, Escalation{At: timestamp(ev.At), From: from, To: to, Cause: cause, Proof: proofPath(b.RequestID, ev.Seq)})
	}
	return out, nil
}

// FollowBrake serves POST /api/v1/ontvangstcodes/raadplegingen: the holder
// of a receipt code reads their brake and its answer. The code travels in
// the body, never in a URL, so it does not end up in logs.
func (h *Handler) FollowBrake(w http.ResponseWriter, r *http.Request) error {
	return h.byReceipt(w, r, false, func(ctx context.Context, s *brakes.Service, in receiptInput) (*schakel.Brake, []*schakel.Event, error) {
		return s.Follow(ctx, h.address(r), in.Code)
	})
}

// ContestBrake serves POST /api/v1/ontvangstcodes/betwistingen: contest an
// explain, once, with a reason.
func (h *Handler) ContestBrake(w http.ResponseWriter, r *http.Request) error {
	return h.byReceipt(w, r, true, func(ctx context.Context, s *brakes.Service, in receiptInput) (*schakel.Brake, []*schakel.Event, error) {
		return s.Contest(ctx, h.address(r), in.Code, in.Reason)
	})
}

// CloseBrake serves POST /api/v1/ontvangstcodes/afsluitingen: accept the
// answer.
func (h *Handler) CloseBrake(w http.ResponseWriter, r *http.Request) error {
	return h.byReceipt(w, r, false, func(ctx context.Context, s *brakes.Service, in receiptInput) (*schakel.Brake, []*schakel.Event, error) {
		return s.Close(ctx, h.address(r), in.Code, in.Reason)
	})
}

// WithdrawBrake serves POST /api/v1/ontvangstcodes/intrekkingen.
func (h *Handler) WithdrawBrake(w http.ResponseWriter, r *http.Request) error {
	return h.byReceipt(w, r, false, func(ctx context.Context, s *brakes.Service, in receiptInput) (*schakel.Brake, []*schakel.Event, error) {
		return s.Withdraw(ctx, h.address(r), in.Code, in.Reason)
	})
}

// byReceipt decodes a receipt code (and reason), runs act — a lookup, or an
// action that looks the brake up once — and answers with the brake as its
// holder sees it.
func (h *Handler) byReceipt(w http.ResponseWriter, r *http.Request, needReason bool,
	act func(context.Context, *brakes.Service, receiptInput) (*schakel.Brake, []*schakel.Event, error)) error {
	if err := h.brakesAvailable(); err != nil {
		return err
	}
	ctx := r.Context()
	var in receiptInput
	var v schakel.Validation
	if err := decode(r, &in, &v); err != nil {
		return err
	}
	v.Required("ontvangstcode", in.Code)
	if needReason {
		v.Required("reden", in.Reason)
	}
	if err := v.Err(); err != nil {
		return err
	}
	b, evs, err := act(ctx, h.Brakes, in)
	if err != nil {
		return err
	}
	codes := h.orgCodes()
	j, err := h.brake(ctx, codes, b, evs)
	if err != nil {
		return err
	}
	req, err := h.request(ctx, codes, b.Request)
	if err != nil {
		return err
	}
	detail := RequestDetail{Request: req, History: make([]RequestEvent, 0, len(evs))}
	for _, ev := range evs {
		e, err := event(ctx, codes, ev)
		if err != nil {
			return err
		}
		// The holder sees what was done, not which official did it.
		e.Actor.User = 0
		detail.History = append(detail.History, e)
	}
	detail.Requester.User = 0
	out := FollowedBrake{Brake: j, Request: detail, Concerned: b.Concerned, RuleRefs: nonNilStrings(b.RuleRefs),
		DecisionReference: b.DecisionReference, WantedOutcome: b.WantedOutcome, Actions: receiptActions(b.Request)}
	if !b.DecisionDate.IsZero() {
		out.DecisionDate = b.DecisionDate.String()
	}
	respond.JSON(w, http.StatusOK, out)
	return nil
}

// receiptActions are what the holder of the code may do now.
func receiptActions(r *schakel.Request) []string {
	out := []string{}
	if r.State == schakel.StateAnswered && r.Answer.Refuses() && !r.Contested && !r.AtTop() {
		out = append(out, "betwisten")
	}
	if r.State == schakel.StateAnswered {
		out = append(out, "afsluiten")
	}
	if !r.State.Final() {
		out = append(out, "intrekken")
	}
	return out
}

func nonNilStrings(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// ReferralBudget is an organisation's referral budget of the current year.
type ReferralBudget struct {
	Organisation string `json:"organisatie"`
	Year         int    `json:"jaar"`
	Limit        int    `json:"budget"`
	Used         int    `json:"gebruikt"`
	Available    int    `json:"beschikbaar"`
	Renews       string `json:"vernieuwtOp"`
}

// GetReferralBudget serves GET /api/v1/organisaties/{code}/doorverwijsbudget:
// how many assignments the organisation may still return this year. Public:
// the returned assignments are public too.
func (h *Handler) GetReferralBudget(w http.ResponseWriter, r *http.Request) error {
	if err := h.brakesAvailable(); err != nil {
		return err
	}
	org, b, err := h.Brakes.ReferralBudget(r.Context(), r.PathValue("code"))
	if err != nil {
		return err
	}
	respond.JSON(w, http.StatusOK, ReferralBudget{Organisation: org.Code, Year: b.Year, Limit: b.Limit, Used: b.Used, Available: b.Available, Renews: b.Renews.String()})
	return nil
}
