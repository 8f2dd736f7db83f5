package api

import (
	"context"
	"fmt"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/assessments"
	"github.com/schakel-nl/schakel/auth"
	"github.com/schakel-nl/schakel/authz"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/respond"
)

// The endpoints of /api/v1/voorstellen: a ministry's proposal for policy
// or law, assessed for execution by the organisations that must carry it
// out (the uitvoeringstoets, PRODUCT.md C6). A proposal is public from
// registration, side by side with every assessment, the minister's answer
// to each item, the secretary-general's signature and the terms kept. No
// person is named in it: parties are organisations and roles, never a
// user or a user's id.

// ProposalSummary is a proposal as a list shows it: everything but its
// text.
type ProposalSummary struct {
	ID       int64  `json:"id"`
	Ministry string `json:"ministerie"`
	Kind     string `json:"soort"`
	Title    string `json:"titel"`
	Summary  string `json:"samenvatting"`
	// Rules are the rules it changes, with a label and, for a law, a link.
	Rules []SignalRule `json:"regels"`
	// Task is the societal task it serves (maatschappelijke opgave).
	Task         string `json:"opgave"`
	PlannedEntry string `json:"inwerkingtreding"`
	TextURL      string `json:"tekstUrl,omitempty"`
	State        string `json:"status"`
	// InForce is the day it entered into force, once it did.
	InForce   string `json:"inWerkingOp,omitempty"`
	CreatedAt string `json:"aangemaaktOp"`
	UpdatedAt string `json:"bijgewerktOp"`
	Version   int    `json:"versie"`
}

// ProposalPage is one page of proposals, newest first.
type ProposalPage struct {
	Results  []ProposalSummary `json:"resultaten"`
	Total    int               `json:"totaal"`
	Page     int               `json:"pagina"`
	PageSize int               `json:"paginaGrootte"`
}

// ProposalDetail is a proposal side by side with everything parliament
// should see.
type ProposalDetail struct {
	ProposalSummary
	Text        string               `json:"tekst,omitempty"`
	Assessments []ProposalAssessment `json:"toetsen"`
	// Signature is the secretary-general's, once signed.
	Signature *Signature     `json:"handtekening,omitempty"`
	Timeline  []TimelineStep `json:"tijdlijn"`
	// Figures are what the filed signals say of the rules it changes.
	Figures []RuleFigure `json:"cijfers"`
	// SignalsSince counts the signals filed on its rules since it entered
	// into force; left out before.
	SignalsSince []RuleCount `json:"signalenSindsInwerkingtreding,omitempty"`
	// Missing is what it lacks before it may go to parliament, in the
	// words a refusal to send it uses.
	Missing []MissingItem `json:"ontbreekt"`
}

// ProposalAssessment is an assessment within its proposal: with the terms
// of the organisation and of the minister, and the organisation's public
// knelpunten on the proposal's rules.
type ProposalAssessment struct {
	Assessment
	// Term is the organisation's term for the assessment; AnswerTerm the
	// minister's for the answer, once the assessment was delivered.
	Term       Term               `json:"termijn"`
	AnswerTerm *Term              `json:"antwoordTermijn,omitempty"`
	Knelpunten []AttachedKnelpunt `json:"knelpunten"`
}

// Term is a deadline and whether it was kept.
type Term struct {
	Due string `json:"uiterlijk"`
	// Answered is when it was answered; left out while open.
	Answered string `json:"beantwoordOp,omitempty"`
	Kept     bool   `json:"gehaald"`
	Missed   bool   `json:"gemist"`
}

// AttachedKnelpunt is a knelpunt of the assessing organisation on one of
// the proposal's rules.
type AttachedKnelpunt struct {
	ID      int64  `json:"id"`
	Title   string `json:"titel"`
	Signals int    `json:"aantalSignalen"`
}

// Signature is the secretary-general's signature for execution. It names
// the office, never the person.
type Signature struct {
	// By is the office that signed: "secretaris-generaal van" the
	// ministry.
	By        string `json:"ondertekenaar"`
	Statement string `json:"verklaring"`
	At        string `json:"getekendOp"`
	// Digest is the SHA-256 of the statement and every covered assessment
	// with its answers, as in the public record.
	Digest      string  `json:"sha256"`
	Assessments []int64 `json:"toetsen"`
}

// TimelineStep is one step of a proposal or of one of its requests.
type TimelineStep struct {
	At string `json:"op"`
	// What is a proposal event, or a request type and event joined by a
	// colon ("uitvoeringstoets:beantwoord").
	What string `json:"wat"`
	// Organisation is the assessing organisation a request's step is about.
	Organisation string `json:"organisatie,omitempty"`
	Late         bool   `json:"laat,omitempty"`
}

// RuleCount is a number of signals on one rule.
type RuleCount struct {
	Key     string `json:"sleutel"`
	Signals int    `json:"aantalSignalen"`
}

// MissingItem is one thing a proposal lacks before it may go to
// parliament.
type MissingItem struct {
	Field   string `json:"veld"`
	Code    string `json:"code"`
	Message string `json:"melding"`
}

// proposalInput is the body of POST /api/v1/voorstellen. The date is text
// so that a malformed one is named with the calendar's message.
type proposalInput struct {
	Ministry     string   `json:"ministerie"`
	Kind         string   `json:"soort"`
	Title        string   `json:"titel"`
	Summary      string   `json:"samenvatting"`
	Rules        []string `json:"regels"`
	Task         string   `json:"opgave"`
	PlannedEntry string   `json:"inwerkingtreding"`
	Text         string   `json:"tekst"`
	TextURL      string   `json:"tekstUrl"`
}

// requestAssessmentsInput is the body of POST …/{id}/toetsaanvragen.
type requestAssessmentsInput struct {
	Organisations []string `json:"organisaties"`
}

// signInput is the body of POST …/{id}/handtekeningen.
type signInput struct {
	Statement string `json:"verklaring"`
}

// inForceInput is the body of POST …/{id}/inwerkingtredingen.
type inForceInput struct {
	Day string `json:"datum"`
}

const proposalsPath = "/api/v1/voorstellen"

// assessmentsAvailable is ENOTFOUND when the server has no assessment
// service, which every endpoint of proposals and assessments answers
// before anything else.
func (h *Handler) assessmentsAvailable() error {
	if h.Assessments == nil {
		return schakel.Errorf(schakel.ENOTFOUND, "Voorstellen en uitvoeringstoetsen zijn op deze server niet beschikbaar.")
	}
	return nil
}

// ListProposals serves GET /api/v1/voorstellen: the proposals, newest
// first. Filters: ministerie and organisatie (codes; organisatie selects
// the proposals it was asked to assess), soort and status. Public.
func (h *Handler) ListProposals(w http.ResponseWriter, r *http.Request) error {
	if err := h.assessmentsAvailable(); err != nil {
		return err
	}
	ctx := r.Context()
	var v schakel.Validation
	q := parseQuery(r, &v, "ministerie", "soort", "status", "organisatie", "pagina", "paginaGrootte")
	codes := h.orgCodes()
	var f schakel.ProposalFilter
	var err error
	if f.MinistryID, err = h.queryOrganisationText(ctx, q, codes, "ministerie"); err != nil {
		return err
	}
	if f.OrganisationID, err = h.queryOrganisationText(ctx, q, codes, "organisatie"); err != nil {
		return err
	}
	if s, ok := q.get("soort"); ok {
		if f.Kind = schakel.ProposalKind(s); !f.Kind.Valid() {
			v.Add("soort", "enum", "Kies een van: %s.", joinStrings(schakel.ProposalKinds))
		}
	}
	if s, ok := q.get("status"); ok {
		if f.State = schakel.ProposalState(s); !f.State.Valid() {
			v.Add("status", "enum", "Kies een van: %s.", joinStrings(schakel.ProposalStates))
		}
	}
	page := q.int("pagina", 1, 1, maxPage)
	size := q.int("paginaGrootte", defaultPageSize, 1, maxPageSize)
	if err := v.Err(); err != nil {
		return err
	}
	f.Offset, f.Limit = (page-1)*size, size
	ps, total, err := h.Assessments.List(ctx, f)
	if err != nil {
		return err
	}
	results, err := convert(ps, func(p *schakel.Proposal) (ProposalSummary, error) { return proposalJSON(ctx, codes, p) })
	if err != nil {
		return err
	}
	respond.JSON(w, http.StatusOK, ProposalPage{Results: results, Total: total, Page: page, PageSize: size})
	return nil
}

// queryOrganisationText is queryOrganisation for an optional parameter,
// naming a code with a NUL character as unknown without looking it up:
// PostgreSQL cannot compare such text.
func (h *Handler) queryOrganisationText(ctx context.Context, q query, codes *orgCodes, name string) (int64, error) {
	if code, _ := q.get(name); strings.ContainsRune(code, 0) {
		q.v.Add(name, "unknown", "Organisatie %q bestaat niet.", code)
		return 0, nil
	}
	return h.queryOrganisation(ctx, q, codes, name, false)
}

// refuseNUL names in v every string in rv, a decoded body at path, that
// holds a NUL character, and blanks it: PostgreSQL cannot store or compare
// such text, so the service must neither store nor look it up.
func refuseNUL(v *schakel.Validation, path string, rv reflect.Value) {
	switch rv.Kind() {
	case reflect.Pointer:
		if !rv.IsNil() {
			refuseNUL(v, path, rv.Elem())
		}
	case reflect.Struct:
		fields := jsonFields(rv.Type())
		names := sortedKeys(fields)
		slices.SortFunc(names, func(a, b string) int { return fields[a] - fields[b] })
		for _, name := range names {
			refuseNUL(v, join(path, name), rv.Field(fields[name]))
		}
	case reflect.Slice:
		if rv.Type().Elem().Kind() == reflect.Uint8 {
			return
		}
		for i := 0; i < rv.Len(); i++ {
			refuseNUL(v, fmt.Sprintf("%s[%d]", path, i), rv.Index(i))
		}
	case reflect.String:
		if strings.ContainsRune(rv.String(), 0) {
			v.Add(nameOr(path, "body"), "nul", "Tekst met een NUL-teken (\\u0000) kan niet worden opgeslagen.")
			rv.SetString("")
		}
	}
}

// decodeText is decodeForService followed by refuseNUL: the problems to
// hand the service, and the refusal of the body as a whole.
func decodeText(r *http.Request, dst any, optional bool) (*schakel.Validation, error) {
	problems, bodyErr := decodeForService(r, dst, optional)
	v := &schakel.Validation{}
	v.Given(problems)
	refuseNUL(v, "", reflect.ValueOf(dst).Elem())
	return v, bodyErr
}

// joinStrings lists the values of a string type, comma separated.
func joinStrings[S ~string](vs []S) string {
	out := make([]string, len(vs))
	for i, s := range vs {
		out[i] = string(s)
	}
	return strings.Join(out, ", ")
}

// RegisterProposal serves POST /api/v1/voorstellen: a policy officer of
// the ministry registers a proposal. The service decides who may register
// before it looks at the body, names every invalid field at once and
// stores nothing then. Answers 201 with the proposal.
func (h *Handler) RegisterProposal(w http.ResponseWriter, r *http.Request) error {
	if err := h.assessmentsAvailable(); err != nil {
		return err
	}
	ctx := r.Context()
	var in proposalInput
	v, bodyErr := decodeText(r, &in, false)
	ri := assessments.RegisterInput{Ministry: in.Ministry, Kind: schakel.ProposalKind(in.Kind), Title: in.Title, Summary: in.Summary,
		Rules: in.Rules, Task: in.Task, Text: in.Text, TextURL: in.TextURL}
	ri.PlannedEntry = parseDateField(v, "inwerkingtreding", in.PlannedEntry)
	ri.Problems = v.Fields()
	p, err := h.Assessments.Register(ctx, auth.UserFrom(ctx), ri)
	if err := orBodyError(err, bodyErr); err != nil {
		return err
	}
	return h.respondProposal(w, r, http.StatusCreated, p.ID)
}

// parseDateField parses a date given as text in field, naming a malformed
// one in v with the calendar's message; the zero date when absent, already
// named or malformed.
func parseDateField(v *schakel.Validation, field, s string) calendar.Date {
	if s == "" || v.Names(field) {
		return calendar.Date{}
	}
	d, err := calendar.ParseDate(s)
	if err != nil {
		addCalendarError(v, field, err)
		return calendar.Date{}
	}
	return d
}

// GetProposal serves GET /api/v1/voorstellen/{id}: the proposal side by
// side with its assessments, answers, signature, timeline and the signals
// on its rules. Public.
func (h *Handler) GetProposal(w http.ResponseWriter, r *http.Request) error {
	if err := h.assessmentsAvailable(); err != nil {
		return err
	}
	id, err := pathID(r, "Voorstel")
	if err != nil {
		return err
	}
	return h.respondProposal(w, r, http.StatusOK, id)
}

// respondProposal answers with proposal id side by side with its
// assessments.
func (h *Handler) respondProposal(w http.ResponseWriter, r *http.Request, status int, id int64) error {
	ctx := r.Context()
	view, err := h.Assessments.Get(ctx, auth.UserFrom(ctx), id)
	if err != nil {
		return err
	}
	out, err := proposalDetail(ctx, h.orgCodes(), view, auth.UserFrom(ctx))
	if err != nil {
		return err
	}
	if status == http.StatusCreated {
		w.Header().Set("Location", proposalsPath+"/"+strconv.FormatInt(id, 10))
	}
	respond.JSON(w, status, out)
	return nil
}

// proposalAction checks the login and the id of a POST on a sub-resource
// of a proposal, runs act and answers with the proposal as it stands
// after it.
func (h *Handler) proposalAction(w http.ResponseWriter, r *http.Request, act func(ctx context.Context, u *schakel.User, id int64) error) error {
	if err := h.assessmentsAvailable(); err != nil {
		return err
	}
	ctx := r.Context()
	u := auth.UserFrom(ctx)
	if u == nil {
		return schakel.Errorf(schakel.EUNAUTHORIZED, "Log in om voorstellen te behandelen.")
	}
	id, err := pathID(r, "Voorstel")
	if err != nil {
		return err
	}
	if err := act(ctx, u, id); err != nil {
		return err
	}
	return h.respondProposal(w, r, http.StatusOK, id)
}

// RequestAssessments serves POST /api/v1/voorstellen/{id}/toetsaanvragen:
// a policy officer of the ministry asks executing organisations (by code,
// in organisaties) for their assessment, each a request for account to its
// board in the term of the proposal's kind.
func (h *Handler) RequestAssessments(w http.ResponseWriter, r *http.Request) error {
	return h.proposalAction(w, r, func(ctx context.Context, u *schakel.User, id int64) error {
		var in requestAssessmentsInput
		v, bodyErr := decodeText(r, &in, false)
		_, err := h.Assessments.RequestAssessments(ctx, u, id, assessments.RequestInput{Organisations: in.Organisations, Problems: v.Fields()})
		return orBodyError(err, bodyErr)
	})
}

// SignProposal serves POST /api/v1/voorstellen/{id}/handtekeningen: the
// ministry's secretary-general signs for execution with a statement
// (verklaring), once every assessment is delivered and answered item by
// item, or its missed term recorded. A refusal for what is missing is a
// 409 whose invalidParams name each missing thing.
func (h *Handler) SignProposal(w http.ResponseWriter, r *http.Request) error {
	return h.proposalAction(w, r, func(ctx context.Context, u *schakel.User, id int64) error {
		var in signInput
		v, bodyErr := decodeText(r, &in, false)
		_, err := h.Assessments.Sign(ctx, u, id, assessments.SignInput{Statement: in.Statement, Problems: v.Fields()})
		return orBodyError(err, bodyErr)
	})
}

// SendProposal serves POST /api/v1/voorstellen/{id}/verzendingen: a
// policy officer of the ministry marks the signed proposal as sent to
// parliament. No body, or {}. A refusal for what is missing — an
// assessment, an answer, the signature, a missed term the sweeper has not
// recorded yet — is a 409 whose invalidParams name each, as a 400 names
// invalid fields.
func (h *Handler) SendProposal(w http.ResponseWriter, r *http.Request) error {
	return h.proposalAction(w, r, func(ctx context.Context, u *schakel.User, id int64) error {
		var in emptyInput
		var v schakel.Validation
		if err := decodeOptional(r, &in, &v); err != nil {
			return err
		}
		if err := v.Err(); err != nil {
			return err
		}
		_, err := h.Assessments.Send(ctx, u, id)
		return err
	})
}

// ProposalInForce serves POST /api/v1/voorstellen/{id}/inwerkingtredingen:
// a policy officer of the ministry records the day (datum) a proposal sent
// to parliament entered into force; from then on the signals filed on its
// rules are counted with it.
func (h *Handler) ProposalInForce(w http.ResponseWriter, r *http.Request) error {
	return h.proposalAction(w, r, func(ctx context.Context, u *schakel.User, id int64) error {
		var in inForceInput
		v, bodyErr := decodeText(r, &in, false)
		day := parseDateField(v, "datum", in.Day)
		_, err := h.Assessments.EnterIntoForce(ctx, u, id, assessments.EnterInput{Day: day, Problems: v.Fields()})
		return orBodyError(err, bodyErr)
	})
}

// proposalJSON converts a proposal without its text.
func proposalJSON(ctx context.Context, codes *orgCodes, p *schakel.Proposal) (ProposalSummary, error) {
	code, err := codes.code(ctx, p.MinistryID)
	if err != nil {
		return ProposalSummary{}, err
	}
	rules := make([]SignalRule, 0, len(p.RuleRefs))
	for _, ref := range p.RuleRefs {
		label, link := ruleLabel(ref)
		rules = append(rules, SignalRule{Ref: ref, Label: label, URL: link})
	}
	return ProposalSummary{ID: p.ID, Ministry: code, Kind: string(p.Kind), Title: p.Title, Summary: p.Summary, Rules: rules, Task: p.Task,
		PlannedEntry: p.PlannedEntry.String(), TextURL: p.TextURL, State: string(p.State), InForce: p.InForce.String(),
		CreatedAt: timestamp(p.CreatedAt), UpdatedAt: timestamp(p.UpdatedAt), Version: p.Version}, nil
}

// proposalDetail converts the side-by-side view of a proposal for u (nil
// for the public). It names organisations by code and the signer by
// office: no user id is in it.
func proposalDetail(ctx context.Context, codes *orgCodes, view *assessments.View, u *schakel.User) (ProposalDetail, error) {
	codes.add(view.Ministry)
	sum, err := proposalJSON(ctx, codes, view.Proposal)
	if err != nil {
		return ProposalDetail{}, err
	}
	out := ProposalDetail{ProposalSummary: sum, Text: view.Proposal.Text, Assessments: make([]ProposalAssessment, 0, len(view.Assessments)),
		Timeline: make([]TimelineStep, 0, len(view.Timeline)), Figures: make([]RuleFigure, 0, len(view.Figures)),
		Missing: make([]MissingItem, 0, len(view.Missing))}
	for _, av := range view.Assessments {
		codes.add(av.Organisation)
		pa, err := proposalAssessment(ctx, codes, av, u)
		if err != nil {
			return ProposalDetail{}, err
		}
		out.Assessments = append(out.Assessments, pa)
	}
	if s := view.Signature; s != nil {
		out.Signature = &Signature{By: signer(view.Ministry), Statement: s.Statement, At: timestamp(s.At), Digest: s.Digest,
			Assessments: append(make([]int64, 0, len(s.Assessments)), s.Assessments...)}
	}
	for _, it := range view.Timeline {
		step := TimelineStep{At: timestamp(it.At), What: it.What, Late: it.Late}
		if it.Organisation != 0 {
			if step.Organisation, err = codes.code(ctx, it.Organisation); err != nil {
				return ProposalDetail{}, err
			}
		}
		out.Timeline = append(out.Timeline, step)
	}
	for _, f := range view.Figures {
		out.Figures = append(out.Figures, ruleFigure(f))
	}
	for _, key := range sortedKeys(view.Since) {
		out.SignalsSince = append(out.SignalsSince, RuleCount{Key: key, Signals: view.Since[key]})
	}
	for _, m := range view.Missing {
		out.Missing = append(out.Missing, MissingItem{Field: m.Field, Code: m.Code, Message: m.Reason()})
	}
	return out, nil
}

// signer names the office that signs for a ministry.
func signer(ministry *schakel.Organisation) string {
	name := ministry.Name
	if strings.HasPrefix(name, "Ministerie ") {
		name = "het " + name
	}
	return "secretaris-generaal van " + name
}

// proposalAssessment converts an assessment with its terms and the
// organisation's knelpunten on the proposal's rules: those its board sent
// to a ministry, which are public, and for u when u works there the
// others too, as everywhere.
func proposalAssessment(ctx context.Context, codes *orgCodes, av assessments.AssessmentView, u *schakel.User) (ProposalAssessment, error) {
	a, err := assessmentJSON(ctx, codes, av.Assessment)
	if err != nil {
		return ProposalAssessment{}, err
	}
	out := ProposalAssessment{Assessment: a, Term: termJSON(av.Assess), Knelpunten: []AttachedKnelpunt{}}
	if av.Answer != nil {
		t := termJSON(*av.Answer)
		out.AnswerTerm = &t
	}
	member := u != nil && authz.Can(u, authz.ViewOrganisationInternals, av.Assessment.OrganisationID) == nil
	for _, k := range av.Knelpunten {
		if k.LetterID != 0 || member {
			out.Knelpunten = append(out.Knelpunten, AttachedKnelpunt{ID: k.ID, Title: k.Title, Signals: k.Signals})
		}
	}
	return out, nil
}

// termJSON converts a term.
func termJSON(t assessments.Term) Term {
	return Term{Due: t.Due.String(), Answered: optionalTime(t.Answered), Kept: t.Kept, Missed: t.Missed}
}

// sortedKeys returns the keys of m in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
