package api

import (
	"context"
	"encoding/json"
	"net/http"
	"reflect"
	"slices"
	"strconv"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/assessments"
	"github.com/schakel-nl/schakel/auth"
	"github.com/schakel-nl/schakel/respond"
)

// The endpoints of /api/v1/uitvoeringstoetsen: one executing
// organisation's assessment of a proposal. Its board delivers it — the
// verdict, the costs and who bears them, the effects on citizens, the
// values in conflict, the conditions, the feasible start, alternatives and
// dilemmas — and the minister answers every item of it, accepted or not,
// each with a text of its own. Assessments are public; they name
// organisations, never a user.

// Assessment is an assessment as anyone may see it. Before it is
// delivered it holds only who owes it; its items and answers follow.
type Assessment struct {
	ID           int64  `json:"id"`
	Proposal     int64  `json:"voorstel"`
	Organisation string `json:"organisatie"`
	State        string `json:"status"`
	// Request is the request for account for the assessment; AnswerRequest
	// the one for the minister's answer, once it was delivered.
	Request       int64           `json:"verzoek"`
	AnswerRequest int64           `json:"antwoordVerzoek,omitempty"`
	Verdict       string          `json:"oordeel,omitempty"`
	Cost          *AssessmentCost `json:"kosten,omitempty"`
	Effects       []Effect        `json:"effecten"`
	Conflicts     []Conflict      `json:"conflicten"`
	Conditions    []string        `json:"voorwaarden"`
	// Start is the day execution can start at the earliest.
	Start        string   `json:"start,omitempty"`
	Alternatives []string `json:"alternatieven"`
	Dilemmas     []string `json:"dilemmas"`
	DeliveredAt  string   `json:"uitgebrachtOp,omitempty"`
	// Items are what the minister must answer: the verdict ("oordeel"),
	// each condition ("voorwaarde-1", …) and each value in conflict
	// ("waarde-<beginsel>"); empty until delivered.
	Items []AssessmentItem `json:"punten"`
	// Answers are the minister's, one per item in the order of Items.
	Answers    []ItemAnswer `json:"antwoorden"`
	AnsweredAt string       `json:"beantwoordOp,omitempty"`
}

// AssessmentCost is what executing a proposal costs: euro cents, and
// tenths of a full-time job (15 is 1.5 fte).
type AssessmentCost struct {
	OnceCents   int64  `json:"eenmaligCenten"`
	YearlyCents int64  `json:"structureelCenten"`
	FTEOnce     int64  `json:"fteEenmalig"`
	FTEYearly   int64  `json:"fteStructureel"`
	BorneBy     string `json:"drager,omitempty"`
}

// Effect is what a proposal does to a group of citizens.
type Effect struct {
	Group    string `json:"groep"`
	Citizens int64  `json:"burgers"`
	// Better is true for an improvement, false for a deterioration.
	Better bool   `json:"beter"`
	Text   string `json:"toelichting"`
}

// AssessmentItem is one item the minister must answer.
type AssessmentItem struct {
	Item string `json:"punt"`
	Text string `json:"tekst"`
}

// ItemAnswer is the minister's answer to one item.
type ItemAnswer struct {
	Item     string `json:"punt"`
	Accepted bool   `json:"aanvaard"`
	Text     string `json:"tekst"`
}

// deliverInput is the body of POST …/{id}/oordelen. Start is text so that
// a malformed date is named with the calendar's message.
type deliverInput struct {
	Verdict      string          `json:"oordeel"`
	Cost         *costInputFTE   `json:"kosten"`
	Effects      []effectInput   `json:"effecten"`
	Conflicts    []conflictInput `json:"conflicten"`
	Conditions   []string        `json:"voorwaarden"`
	Start        string          `json:"start"`
	Alternatives []string        `json:"alternatieven"`
	Dilemmas     []string        `json:"dilemmas"`
}

// costInputFTE is the cost of an assessment, with full-time jobs.
type costInputFTE struct {
	OnceCents   int64  `json:"eenmaligCenten"`
	YearlyCents int64  `json:"structureelCenten"`
	FTEOnce     int64  `json:"fteEenmalig"`
	FTEYearly   int64  `json:"fteStructureel"`
	BorneBy     string `json:"drager"`
}

// effectInput is an effect; beter is required, as a left-out boolean
// would silently say the effect is a deterioration.
type effectInput struct {
	Group    string `json:"groep"`
	Citizens int64  `json:"burgers"`
	Better   *bool  `json:"beter"`
	Text     string `json:"toelichting"`
}

// answersInput is the body of POST …/{id}/antwoorden: per item code its
// answer. It is read member by member (itemInputs), so that an unknown,
// repeated or mistyped field of an answer is named with its item.
type answersInput struct {
	Answers json.RawMessage `json:"antwoorden"`
}

// itemInput is the answer to one item; aanvaard is required, as a
// left-out boolean would silently say "not accepted".
type itemInput struct {
	Accepted *bool  `json:"aanvaard"`
	Text     string `json:"tekst"`
}

// GetAssessment serves GET /api/v1/uitvoeringstoetsen/{id}: one
// assessment with the minister's answers. Public.
func (h *Handler) GetAssessment(w http.ResponseWriter, r *http.Request) error {
	if err := h.assessmentsAvailable(); err != nil {
		return err
	}
	ctx := r.Context()
	id, err := pathID(r, "Uitvoeringstoets")
	if err != nil {
		return err
	}
	a, err := h.Assessments.Assessment(ctx, id)
	if err != nil {
		return err
	}
	out, err := assessmentJSON(ctx, h.orgCodes(), a)
	if err != nil {
		return err
	}
	respond.JSON(w, http.StatusOK, out)
	return nil
}

// assessmentAction checks the login and the id of a POST on a
// sub-resource of an assessment, runs act and answers with the assessment
// it returns.
func (h *Handler) assessmentAction(w http.ResponseWriter, r *http.Request,
	act func(ctx context.Context, u *schakel.User, id int64) (*schakel.Assessment, error)) error {
	if err := h.assessmentsAvailable(); err != nil {
		return err
	}
	ctx := r.Context()
	u := auth.UserFrom(ctx)
	if u == nil {
		return schakel.Errorf(schakel.EUNAUTHORIZED, "Log in om een uitvoeringstoets uit te brengen of te beantwoorden.")
	}
	id, err := pathID(r, "Uitvoeringstoets")
	if err != nil {
		return err
	}
	a, err := act(ctx, u, id)
	if err != nil {
		return err
	}
	out, err := assessmentJSON(ctx, h.orgCodes(), a)
	if err != nil {
		return err
	}
	respond.JSON(w, http.StatusOK, out)
	return nil
}

// DeliverAssessment serves POST /api/v1/uitvoeringstoetsen/{id}/oordelen:
// the board of the organisation asked delivers its assessment, which
// answers its request and asks the minister to answer every item. The
// service decides who may deliver before it looks at the body, names
// every invalid field at once and stores nothing then.
func (h *Handler) DeliverAssessment(w http.ResponseWriter, r *http.Request) error {
	return h.assessmentAction(w, r, func(ctx context.Context, u *schakel.User, id int64) (*schakel.Assessment, error) {
		var in deliverInput
		v, bodyErr := decodeText(r, &in, false)
		di := in.deliverInput(v)
		di.Problems = v.Fields()
		a, err := h.Assessments.Deliver(ctx, u, id, di)
		if err := orBodyError(err, bodyErr); err != nil {
			return nil, err
		}
		return a, nil
	})
}

// deliverInput turns the body into the service's input, naming in v what
// only the transport sees: a malformed start, an effect without beter.
func (in *deliverInput) deliverInput(v *schakel.Validation) assessments.DeliverInput {
	di := assessments.DeliverInput{Verdict: schakel.Verdict(in.Verdict), Conditions: in.Conditions, Alternatives: in.Alternatives, Dilemmas: in.Dilemmas}
	if c := in.Cost; c != nil {
		di.CostOnce, di.CostYearly, di.FTEOnce, di.FTEYearly, di.BorneBy = c.OnceCents, c.YearlyCents, c.FTEOnce, c.FTEYearly, c.BorneBy
	}
	for i, e := range in.Effects {
		if e.Better == nil && !v.Names(indexed("effecten", i)) {
			v.Add(indexed("effecten", i)+".beter", "required", "Zeg of het effect een verbetering (true) of een verslechtering (false) is.")
		}
		di.Effects = append(di.Effects, schakel.Effect{Group: e.Group, Citizens: e.Citizens, Better: e.Better != nil && *e.Better, Text: e.Text})
	}
	for _, c := range in.Conflicts {
		di.Conflicts = append(di.Conflicts, assessments.Conflict{Principle: c.Principle, Grounds: c.Grounds})
	}
	di.Start = parseDateField(v, "start", in.Start)
	return di
}

// indexed is field[i].
func indexed(field string, i int) string {
	return field + "[" + strconv.Itoa(i) + "]"
}

// AnswerAssessment serves POST /api/v1/uitvoeringstoetsen/{id}/antwoorden:
// the minister of the proposal's ministry answers every item of the
// delivered assessment, by item code: aanvaard (true or false) and a text
// of its own. An item left out, answered too briefly or with the same
// text as another item is named (antwoorden.<punt>); the service decides
// who may answer before it looks at the body.
func (h *Handler) AnswerAssessment(w http.ResponseWriter, r *http.Request) error {
	return h.assessmentAction(w, r, func(ctx context.Context, u *schakel.User, id int64) (*schakel.Assessment, error) {
		var in answersInput
		v, bodyErr := decodeText(r, &in, false)
		items := in.items(v)
		a, err := h.Assessments.Answer(ctx, u, id, assessments.AnswerInput{Items: items, Problems: v.Fields()})
		if err := orBodyError(err, bodyErr); err != nil {
			return nil, err
		}
		return a, nil
	})
}

// items reads antwoorden strictly, member by member: each an object with
// aanvaard and tekst; a repeated item, an unknown or mistyped field is
// named with its path (antwoorden.<punt>.<veld>).
func (in *answersInput) items(v *schakel.Validation) map[string]assessments.ItemInput {
	raw := in.Answers
	if len(raw) == 0 || string(raw) == "null" || v.Names("antwoorden") {
		return nil
	}
	members, ok := objectMembers(raw)
	if !ok {
		v.Add("antwoorden", "type", "Verwacht een object met per punt een antwoord.")
		return nil
	}
	out := make(map[string]assessments.ItemInput, len(members))
	for _, m := range members {
		field := join("antwoorden", m.key)
		if _, seen := out[m.key]; seen {
			v.Add(field, "duplicate", "Dit punt staat meer dan één keer in het verzoek.")
			continue
		}
		var it itemInput
		decodeValue(m.value, reflect.ValueOf(&it).Elem(), field, v)
		refuseNUL(v, field, reflect.ValueOf(&it).Elem())
		if it.Accepted == nil && !v.Names(field) {
			v.Add(field+".aanvaard", "required", "Zeg of het punt is aanvaard (true) of niet (false).")
		}
		out[m.key] = assessments.ItemInput{Accepted: it.Accepted != nil && *it.Accepted, Text: it.Text}
	}
	return out
}

// assessmentJSON converts an assessment; its items and answers only once
// it was delivered.
func assessmentJSON(ctx context.Context, codes *orgCodes, a *schakel.Assessment) (Assessment, error) {
	code, err := codes.code(ctx, a.OrganisationID)
	if err != nil {
		return Assessment{}, err
	}
	out := Assessment{ID: a.ID, Proposal: a.ProposalID, Organisation: code, State: string(a.State), Request: a.RequestID, AnswerRequest: a.AnswerRequestID,
		Verdict: string(a.Verdict), Effects: make([]Effect, 0, len(a.Effects)), Conflicts: make([]Conflict, 0, len(a.Conflicts)),
		Conditions: nonNilStrings(a.Conditions), Start: a.Start.String(), Alternatives: nonNilStrings(a.Alternatives), Dilemmas: nonNilStrings(a.Dilemmas),
		DeliveredAt: optionalTime(a.DeliveredAt), Items: []AssessmentItem{}, Answers: make([]ItemAnswer, 0, len(a.Answers)), AnsweredAt: optionalTime(a.AnsweredAt)}
	for _, e := range a.Effects {
		out.Effects = append(out.Effects, Effect{Group: e.Group, Citizens: e.Citizens, Better: e.Better, Text: e.Text})
	}
	for _, c := range a.Conflicts {
		out.Conflicts = append(out.Conflicts, Conflict{Principle: c.Principle, Grounds: c.Text})
	}
	if delivered(a.State) {
		out.Cost = &AssessmentCost{OnceCents: a.CostOnce, YearlyCents: a.CostYearly, FTEOnce: a.FTEOnce, FTEYearly: a.FTEYearly, BorneBy: a.BorneBy}
		for _, it := range a.Items() {
			out.Items = append(out.Items, AssessmentItem{Item: it.Principle, Text: it.Text})
		}
	}
	for _, ans := range a.Answers {
		out.Answers = append(out.Answers, ItemAnswer{Item: ans.Item, Accepted: ans.Accepted, Text: ans.Text})
	}
	return out, nil
}

// delivered reports whether an assessment in state s was delivered.
func delivered(s schakel.AssessmentState) bool {
	return slices.Contains([]schakel.AssessmentState{schakel.AssessmentDelivered, schakel.AssessmentAnswered}, s)
}
