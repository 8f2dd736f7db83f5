package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/auth"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/comply"
	"github.com/schakel-nl/schakel/requests"
)

// Actions on a request: the form value of ?gedaan= after it succeeded,
// with its message.
var doneMessages = map[string]string{
	"aangemaakt":  "Uw verzoek is gedaan. De organisatie moet binnen de termijn antwoorden.",
	"ontvangen":   "De ontvangst is bevestigd.",
	"beantwoord":  "Uw antwoord is vastgelegd.",
	"betwist":     "Uw betwisting is vastgelegd. Het verzoek ligt nu bij de volgende trede.",
	"verlengd":    "De termijn is verlengd.",
	"ingetrokken": "Het verzoek is ingetrokken.",
	"afgesloten":  "Het verzoek is afgesloten.",
}

// missedNames say which deadline was missed.
var missedNames = map[string]string{
	"ontvangst": "de termijn voor de ontvangstbevestiging",
	"antwoord":  "de termijn voor het antwoord",
}

func complyFields() []fieldSpec {
	return []fieldSpec{
		{Name: "wijzigingen", Label: "Wat er verandert", Description: "Beschrijf wat uw organisatie doet om het verzoek op te volgen.", Kind: kindTextarea, Required: true, Spellcheck: true},
		{Name: "uiterlijk", Label: "Uiterlijk klaar op", Description: "De datum waarop de wijziging er is.", Kind: kindDate, Required: true, Autocomplete: "off"},
	}
}

func reasonFields(label, description string, required bool) []fieldSpec {
	return []fieldSpec{{Name: "reden", Label: label, Description: description, Kind: kindTextarea, Required: required, Spellcheck: true}}
}

func extendFields() []fieldSpec {
	return []fieldSpec{
		{Name: "termijn", Label: "Verlengen met", Description: "De verlenging gaat in na de huidige termijn. Verlengen kan één keer.", Kind: kindSelect, Required: true},
		{Name: "reden", Label: "Reden van de verlenging", Description: "De verzoeker ziet deze reden.", Kind: kindTextarea, Required: true, Spellcheck: true},
	}
}

// The id prefixes of the forms with a field "reden", so ids stay unique.
const (
	prefixExtend   = "verlengen-"
	prefixContest  = "betwisten-"
	prefixWithdraw = "intrekken-"
	prefixClose    = "afsluiten-"
)

// RequestPage shows a request: its summary, ladder, grounds and timeline,
// and the forms the viewer may use now; GET /verzoeken/{id}.
func (h *Handler) RequestPage(w http.ResponseWriter, r *http.Request) error {
	id, ok := requestID(r)
	if !ok {
		return errNoPage
	}
	return h.renderRequest(w, r, http.StatusOK, id, nil)
}

func requestID(r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	return id, err == nil && id > 0
}

// renderRequest renders the page of request id; act is the action that
// was just refused, or nil.
// renderRequest renders the page of request id; act is the action that
// was just refused, or nil.
func (h *Handler) renderRequest(w http.ResponseWriter, r *http.Request, status int, id int64, act *actionResult) error {
	pg := h.newPage(r, "Verzoek")
	pg.Nav = "verzoeken"
	if h.Requests == nil {
		h.errorPage(w, r, http.StatusServiceUnavailable)
		return nil
	}
	src, err := h.requestSources(r, pg, id)
	if err != nil {
		return err
	}
	pg.Title = src.Request.Subject
	d := requestDataOf(pg, src)
	if act == nil {
		if k, ok := doneMessages[r.URL.Query().Get("gedaan")]; ok {
			d.Done = pg.T(k)
		}
	}
	if src.Request.Type == schakel.TypeKnelpunt && h.Signals != nil {
		if d.KnelpuntID, err = h.Signals.KnelpuntOfRequest(r.Context(), src.Request.ID); err != nil {
			return err
		}
	}
	if (src.Request.Type == schakel.TypeAssessment || src.Request.Type == schakel.TypeAssessmentAnswer) && h.Assessments != nil {
		if d.AssessmentID, err = h.Assessments.AssessmentOfRequest(r.Context(), src.Request.ID); err != nil {
			return err
		}
	}
	h.requestForms(pg, &d, act)
	if d.KnelpuntID != 0 || d.AssessmentID != 0 {
		// Answered, and not withdrawn, through what it belongs to.
		d.Comply, d.Explain, d.Withdraw = nil, nil, nil
		d.Partial = nil
	}
	if d.AssessmentID != 0 {
		d.Contest = nil
	}
	d.showRefused(pg, act)
	pg.Data = d
	h.render(w, r, status, "request", pg)
	return nil
}

// requestSources reads what the page of request id shows, for the viewer
// of pg: the request with its events (an error when they may not see it),
// the names it mentions and its brake.
func (h *Handler) requestSources(r *http.Request, pg *page, id int64) (requestSources, error) {
	ctx := r.Context()
	req, evs, err := h.Requests.Get(ctx, pg.User, id)
	if err != nil {
		return requestSources{}, err
	}
	src := requestSources{Request: req, Events: evs}
	if src.Orgs, _, err = h.orgs(r); err != nil {
		return requestSources{}, err
	}
	if src.PrincipleName, err = h.principleNames(ctx, pg); err != nil {
		return requestSources{}, err
	}
	if src.UserNames, err = h.userNames(ctx, pg, requestUserIDs(req, evs)); err != nil {
		return requestSources{}, err
	}
	if src.Brake, err = h.brakeView(ctx, pg, req); err != nil {
		return requestSources{}, err
	}
	return src, nil
}

// requestForms adds the forms of d the viewer of pg may use now, each
// filled with the values of act when it is the form of that refused
// action: acknowledging, answering and extending for the addressee while an
// answer is owed; contesting an explain, closing and withdrawing for the
// requester.
func (h *Handler) requestForms(pg *page, d *requestData, act *actionResult) {
	req := d.R
	if comply.IsAddressee(req, pg.User) && req.State.AwaitsAnswer() {
		d.Acknowledge = req.State != schakel.StateAcknowledged
		d.Comply = newForm(pg.translator, complyFields(), act.valuesFor("comply"))
		d.Explain = newForm(pg.translator, explainFields(d.Grounds), act.valuesFor("explain"))
		d.Partial = newForm(pg.translator, partialFields(d.Grounds), act.valuesFor("partial")).withPrefix(prefixPartial)
		if opts := h.extensionOptions(pg, req); len(opts) > 0 && !req.Extended && h.Clock.Now().Before(req.AnswerDeadline) {
			d.Extend = newForm(pg.translator, extendFields(), act.valuesFor("extend")).withPrefix(prefixExtend)
			d.Extend.SetOptions("termijn", opts)
		}
	}
	if comply.IsRequester(req, pg.User) {
		if req.State == schakel.StateAnswered && req.Answer.Refuses() && !req.Contested && !req.AtTop() {
			d.Contest = newForm(pg.translator, reasonFields("Waarom u het explain betwist", "Het verzoek gaat dan naar de volgende trede, die opnieuw moet antwoorden. Betwisten kan één keer.", true), act.valuesFor("contest")).withPrefix(prefixContest)
		}
		if req.State == schakel.StateAnswered {
			d.Close = newForm(pg.translator, reasonFields("Toelichting bij het afsluiten", "U aanvaardt het antwoord, of laat het explain staan.", false), act.valuesFor("close")).withPrefix(prefixClose)
		}
		if !req.State.Final() {
			d.Withdraw = newForm(pg.translator, reasonFields("Waarom u het verzoek intrekt", "Intrekken is definitief; de geschiedenis blijft bewaard.", true), act.valuesFor("withdraw")).withPrefix(prefixWithdraw)
		}
	}
}

// explainFields are the fields of an explain: a motivation per ground.
func explainFields(grounds []groundView) []fieldSpec {
	var specs []fieldSpec
	for _, g := range grounds {
		specs = append(specs, fieldSpec{Name: "motiveringen." + g.Code, LabelText: g.Name, Label: g.Code,
			Description: "Waarom volgt uw organisatie het verzoek op dit beginsel niet?", Kind: kindTextarea, Required: true, Spellcheck: true})
	}
	return specs
}

// showRefused shows the refused action act (nil for none); see refusal.
func (d *requestData) showRefused(pg *page, act *actionResult) {
	if c := refusal(pg, act, d.actionForm, pg.T("Dit kan nu niet: het verzoek is %s.", pg.State(d.R.State))); c != "" {
		d.Conflict = c
	}
}

// brakeView returns what the brake of req adds, or nil when req is no
// brake (or the brake pages are off).
func (h *Handler) brakeView(ctx context.Context, pg *page, req *schakel.Request) (*brakeView, error) {
	if h.Brakes == nil || schakel.LevelOf(req.Type) == "" {
		return nil, nil
	}
	b, err := h.Brakes.OfRequest(ctx, pg.User, req.ID)
	if schakel.ErrorCode(err) == schakel.ENOTFOUND {
		// A request of a brake's type made as a plain request.
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return brakeViewOf(pg, b), nil
}

// actionForm returns the form of an action and the field its errors fall
// back to.
func (d requestData) actionForm(name string) (*form, string) {
	switch name {
	case "comply":
		return d.Comply, "wijzigingen"
	case "partial":
		return d.Partial, comply.FieldChanges
	case "explain":
		if d.Explain == nil || len(d.Explain.specs) == 0 {
			return nil, ""
		}
		return d.Explain, d.Explain.specs[0].Name
	case "extend":
		return d.Extend, "reden"
	case "contest":
		return d.Contest, "reden"
	case "withdraw":
		return d.Withdraw, "reden"
	case "close":
		return d.Close, "reden"
	}
	return nil, ""
}

// extensionOptions are the terms the addressee of req may extend by: whole
// weeks up to the type's maximum (or days, when the maximum is in days).
func (h *Handler) extensionOptions(pg *page, req *schakel.Request) []option {
	t := comply.DefaultTerms[req.Type]
	if e := h.Requests.Engine; e != nil && e.Terms != nil {
		t = e.Terms(req.Addressee().OrganisationID, req.Type)
	}
	max := t.MaxExtension
	var opts []option
	switch max.Unit {
	case calendar.Weeks:
		for n := 1; n <= max.N; n++ {
			term := calendar.Term{N: n, Unit: calendar.Weeks}
			opts = append(opts, option{Value: term.String(), Label: pg.TermWords(term)})
		}
	case calendar.Months:
		for n := 1; n <= 4*max.N && n <= 12; n++ {
			term := calendar.Term{N: n, Unit: calendar.Weeks}
			opts = append(opts, option{Value: term.String(), Label: pg.TermWords(term)})
		}
	case calendar.Days:
		for _, n := range []int{1, 2, 3, 5, 7, 10, 14, 21, 28} {
			if n <= max.N {
				term := calendar.Term{N: n, Unit: calendar.Days}
				opts = append(opts, option{Value: term.String(), Label: pg.TermWords(term)})
			}
		}
	}
	return opts
}

// AcknowledgeRequest confirms receipt for the addressee; POST
// /verzoeken/{id}/ontvangst.
func (h *Handler) AcknowledgeRequest(w http.ResponseWriter, r *http.Request) error {
	return h.requestAction(w, r, "", "ontvangen", func(ctx context.Context, u *schakel.User, id int64, _ url.Values) error {
		_, err := h.Requests.Acknowledge(ctx, u, id, requests.StepInput{})
		return err
	})
}

// AnswerRequest records a comply (wijzigingen, uiterlijk), an explain
// (motiveringen.<code> per cited principle) or a partial answer (deels:
// all of those), by the field soort; POST
// /verzoeken/{id}/antwoord.
func (h *Handler) AnswerRequest(w http.ResponseWriter, r *http.Request) error {
	// Parsed here, before the form is chosen, so that a body that cannot be
	// read is refused rather than read as an empty form.
	if err := parseForm(r); err != nil {
		return err
	}
	formName := "comply"
	switch schakel.AnswerKind(r.PostForm.Get("soort")) {
	case schakel.Explain:
		formName = "explain"
	case schakel.Partial:
		formName = "partial"
	}
	return h.requestAction(w, r, formName, "beantwoord", func(ctx context.Context, u *schakel.User, id int64, f url.Values) error {
		_, err := h.Requests.Answer(ctx, u, id, readAnswer(f))
		return err
	})
}

// readAnswer reads an answer form: comply with what changes and by when,
// or explain with a motivation per principle. An unknown kind is left to
// the engine, which names it.
func readAnswer(f url.Values) requests.AnswerInput {
	in := requests.AnswerInput{AnswerInput: comply.AnswerInput{Kind: schakel.AnswerKind(f.Get("soort"))}}
	switch in.Kind {
	case schakel.Comply:
		in.Changes = strings.TrimSpace(f.Get("wijzigingen"))
		if raw := strings.TrimSpace(f.Get("uiterlijk")); raw != "" {
			d, err := calendar.ParseDate(raw)
			var v schakel.Validation
			addCalendarError(&v, "uiterlijk", err)
			in.ByWhen, in.Problems = d, v.Fields()
		}
	case schakel.Explain:
		in.Motivations = map[string]string{}
		for k := range f {
			if code, ok := strings.CutPrefix(k, "motiveringen."); ok {
				in.Motivations[code] = strings.TrimSpace(f.Get(k))
			}
		}
	case schakel.Partial:
		readPartial(f, &in)
	}
	return in
}

// ContestRequest is the requester's one objection to an explain; POST
// /verzoeken/{id}/betwisting.
func (h *Handler) ContestRequest(w http.ResponseWriter, r *http.Request) error {
	return h.requestAction(w, r, "contest", "betwist", func(ctx context.Context, u *schakel.User, id int64, f url.Values) error {
		_, err := h.Requests.Contest(ctx, u, id, requests.StepInput{Reason: strings.TrimSpace(f.Get("reden"))})
		return err
	})
}

// ExtendRequest extends the answer term once; POST
// /verzoeken/{id}/verlenging.
func (h *Handler) ExtendRequest(w http.ResponseWriter, r *http.Request) error {
	return h.requestAction(w, r, "extend", "verlengd", func(ctx context.Context, u *schakel.User, id int64, f url.Values) error {
		term, err := calendar.ParseTerm(strings.TrimSpace(f.Get("termijn")))
		var v schakel.Validation
		addCalendarError(&v, "termijn", err)
		_, err = h.Requests.Extend(ctx, u, id, requests.ExtendInput{Term: term, Reason: strings.TrimSpace(f.Get("reden")), Problems: v.Fields()})
		return err
	})
}

// WithdrawRequest ends the request for the requester; POST
// /verzoeken/{id}/intrekking.
func (h *Handler) WithdrawRequest(w http.ResponseWriter, r *http.Request) error {
	return h.requestAction(w, r, "withdraw", "ingetrokken", func(ctx context.Context, u *schakel.User, id int64, f url.Values) error {
		_, err := h.Requests.Withdraw(ctx, u, id, requests.StepInput{Reason: strings.TrimSpace(f.Get("reden"))})
		return err
	})
}

// CloseRequest closes an answered request for the requester; POST
// /verzoeken/{id}/afsluiting.
func (h *Handler) CloseRequest(w http.ResponseWriter, r *http.Request) error {
	return h.requestAction(w, r, "close", "afgesloten", func(ctx context.Context, u *schakel.User, id int64, f url.Values) error {
		_, err := h.Requests.Close(ctx, u, id, requests.StepInput{Reason: strings.TrimSpace(f.Get("reden"))})
		return err
	})
}

// requestAction runs one action on the request of the path: on success it
// goes back to the request's page with ?gedaan=done; invalid input shows
// the page again with status 400 and the errors on the form formName; an
// action the state does not allow shows it with status 409 and the state;
// anything else gets its error page (a login for a visitor).
func (h *Handler) requestAction(w http.ResponseWriter, r *http.Request, formName, done string,
	do func(ctx context.Context, u *schakel.User, id int64, f url.Values) error) error {
	id, ok := requestID(r)
	if !ok {
		return errNoPage
	}
	if h.Requests == nil {
		h.errorPage(w, r, http.StatusServiceUnavailable)
		return nil
	}
	if err := parseForm(r); err != nil {
		return err
	}
	u := auth.UserFrom(r.Context())
	if u == nil {
		return schakel.Errorf(schakel.EUNAUTHORIZED, "Log in om dit te doen.")
	}
	err := do(r.Context(), u, id, r.PostForm)
	switch schakel.ErrorCode(err) {
	case "":
		http.Redirect(w, r, requestURL(id)+"?gedaan="+done, http.StatusSeeOther)
	case schakel.EINVALID:
		return h.renderRequest(w, r, http.StatusBadRequest, id, &actionResult{form: formName, values: r.PostForm, err: err})
	case schakel.ECONFLICT:
		return h.renderRequest(w, r, http.StatusConflict, id, &actionResult{form: formName, values: r.PostForm, err: err})
	default:
		return err
	}
	return nil
}
