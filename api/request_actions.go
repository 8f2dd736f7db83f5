package api

import (
	"net/http"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/auth"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/comply"
	"github.com/schakel-nl/schakel/requests"
	"github.com/schakel-nl/schakel/respond"
)

// The actions on a request, each a sub-resource of
// /api/v1/verantwoordingsverzoeken/{id} that is POSTed to (NL API Design
// Rules: what is not CRUD is a sub-resource). Every one runs through
// requestAction: login, id, body, the handler's own checks, the service,
// and the request as it stands after the step.

// emptyInput is the body of an action without parameters: none, or {}.
// Anything else is refused rather than ignored.
type emptyInput struct{}

// reasonInput is the body of an action with a reason.
type reasonInput struct {
	Reason string `json:"reden"`
}

// AcknowledgeRequest serves POST …/{id}/ontvangstbevestigingen: the
// current addressee confirms receipt. No body, or {}.
func (h *Handler) AcknowledgeRequest(w http.ResponseWriter, r *http.Request) error {
	var in emptyInput
	return h.requestAction(w, r, &in, true, nil, func(s *requests.Service, u *schakel.User, id int64, problems []schakel.FieldError) (*schakel.Request, error) {
		return s.Acknowledge(r.Context(), u, id, requests.StepInput{Problems: problems})
	})
}

// answerInput is the body of POST …/{id}/antwoorden. Uiterlijk is text so
// that a malformed date is named with the calendar's message.
type answerInput struct {
	Kind        string            `json:"soort"`
	Changes     string            `json:"wijzigingen"`
	ByWhen      string            `json:"uiterlijk"`
	Motivations map[string]string `json:"motiveringen"`
}

// AnswerRequest serves POST …/{id}/antwoorden: the current addressee
// complies (soort comply: wijzigingen, what changes, and uiterlijk, by
// when) or explains (soort explain: motiveringen, a motivation for every
// cited principle, by principle code).
func (h *Handler) AnswerRequest(w http.ResponseWriter, r *http.Request) error {
	var in answerInput
	var ai comply.AnswerInput
	check := func(v *schakel.Validation) {
		ai = comply.AnswerInput{Kind: schakel.AnswerKind(in.Kind), Changes: in.Changes, Motivations: in.Motivations}
		if in.ByWhen != "" {
			d, err := calendar.ParseDate(in.ByWhen)
			addCalendarError(v, "uiterlijk", err)
			ai.ByWhen = d
		}
	}
	return h.requestAction(w, r, &in, false, check, func(s *requests.Service, u *schakel.User, id int64, problems []schakel.FieldError) (*schakel.Request, error) {
		return s.Answer(r.Context(), u, id, requests.AnswerInput{AnswerInput: ai, Problems: problems})
	})
}

// ContestRequest serves POST …/{id}/betwistingen: the requester contests
// an explain, once, with a reason; the request climbs to the next rung.
func (h *Handler) ContestRequest(w http.ResponseWriter, r *http.Request) error {
	var in reasonInput
	return h.requestAction(w, r, &in, false, nil, func(s *requests.Service, u *schakel.User, id int64, problems []schakel.FieldError) (*schakel.Request, error) {
		return s.Contest(r.Context(), u, id, requests.StepInput{Reason: in.Reason, Problems: problems})
	})
}

// extendInput is the body of POST …/{id}/verlengingen.
type extendInput struct {
	Term   string `json:"termijn"`
	Reason string `json:"reden"`
}

// ExtendRequest serves POST …/{id}/verlengingen: the current addressee
// extends the answer term once, with a reason, within the type's maximum.
// The term is an ISO 8601 duration in days, weeks or months (P2W).
func (h *Handler) ExtendRequest(w http.ResponseWriter, r *http.Request) error {
	var in extendInput
	var term calendar.Term
	check := func(v *schakel.Validation) {
		if invalidFields(v)["termijn"] {
			return
		}
		var err error
		term, err = calendar.ParseTerm(in.Term)
		addCalendarError(v, "termijn", err)
	}
	return h.requestAction(w, r, &in, false, check, func(s *requests.Service, u *schakel.User, id int64, problems []schakel.FieldError) (*schakel.Request, error) {
		return s.Extend(r.Context(), u, id, requests.ExtendInput{Term: term, Reason: in.Reason, Problems: problems})
	})
}

// WithdrawRequest serves POST …/{id}/intrekkingen: the requester withdraws
// the request, with a reason.
func (h *Handler) WithdrawRequest(w http.ResponseWriter, r *http.Request) error {
	var in reasonInput
	return h.requestAction(w, r, &in, false, nil, func(s *requests.Service, u *schakel.User, id int64, problems []schakel.FieldError) (*schakel.Request, error) {
		return s.Withdraw(r.Context(), u, id, requests.StepInput{Reason: in.Reason, Problems: problems})
	})
}

// CloseRequest serves POST …/{id}/afsluitingen: the requester accepts the
// answer, optionally with a reason. No body, {} or {"reden": …}.
func (h *Handler) CloseRequest(w http.ResponseWriter, r *http.Request) error {
	var in reasonInput
	return h.requestAction(w, r, &in, true, nil, func(s *requests.Service, u *schakel.User, id int64, problems []schakel.FieldError) (*schakel.Request, error) {
		return s.Close(r.Context(), u, id, requests.StepInput{Reason: in.Reason, Problems: problems})
	})
}

// requestAction serves a POST on a sub-resource of a request: it checks the
// login and the id, decodes the body into body (optional: it may be left
// out), lets check add the handler's own checks, runs do through act and
// answers 200 with the request as it stands after the step.
func (h *Handler) requestAction(w http.ResponseWriter, r *http.Request, body any, optional bool, check func(*schakel.Validation),
	do func(s *requests.Service, u *schakel.User, id int64, problems []schakel.FieldError) (*schakel.Request, error)) error {
	ctx := r.Context()
	u := auth.UserFrom(ctx)
	if u == nil {
		return unauthorized()
	}
	id, err := requestID(r)
	if err != nil {
		return err
	}
	var v schakel.Validation
	if optional {
		err = decodeOptional(r, body, &v)
	} else {
		err = decode(r, body, &v)
	}
	if err != nil {
		return err
	}
	if check != nil {
		check(&v)
	}
	req, err := do(h.Requests, u, id, v.Fields())
	if err != nil {
		return err
	}
	j, err := h.request(ctx, h.orgCodes(), req)
	if err != nil {
		return err
	}
	respond.JSON(w, http.StatusOK, j)
	return nil
}
