package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/auth"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/comply"
	"github.com/schakel-nl/schakel/requests"
	"github.com/schakel-nl/schakel/ruleref"
)

// requestData is the Data of a request's page.
type requestData struct {
	R         *schakel.Request
	Requester string // who asked, in words
	Current   string // the current addressee, in words
	Ladder    []rungView
	Grounds   []groundView
	Events    []eventView
	Brake     *brakeView // what the brake adds, or nil when the request is no brake
	Done      string     // the success message after an action, translated
	Conflict  string     // why the action just tried cannot be done now, translated
	// The actions the viewer may take now; a nil form is an action the
	// viewer may not take.
	Acknowledge bool
	Comply      *form
	Explain     *form
	Extend      *form
	Contest     *form
	Withdraw    *form
	Close       *form
}

// Acts reports whether the viewer may do anything now.
func (d requestData) Acts() bool {
	return d.Acknowledge || d.Comply != nil || d.Explain != nil || d.Extend != nil || d.Contest != nil || d.Withdraw != nil || d.Close != nil
}

// brakeView is what an emergency brake adds to its request, in words, for
// those who may see the request.
type brakeView struct {
	Level string
	// Identity is how the puller of a professional's brake is known; "" for
	// the other levels.
	Identity  string
	Concerned string
	Rules     []ruleView
	// DecisionReference and DecisionDate identify a citizen's contested
	// decision.
	DecisionReference string
	DecisionDate      calendar.Date
	WantedOutcome     string
}

// ruleView is one rule reference of a brake.
type ruleView struct {
	Label string
	URL   string // the page on wetten.overheid.nl, or ""
	Lang  string // the language of Label when it is not the page's
}

// rungView is one rung of the ladder.
type rungView struct {
	Addressee string
	Current   bool
}

// groundView is one cited principle with the requester's reasoning.
type groundView struct {
	Code, Name, Text string
}

// eventView is one entry of the timeline.
type eventView struct {
	At      time.Time
	Actor   string
	Title   string
	Late    bool
	Details []detail
}

// detail is one fact or text of an event.
type detail struct {
	Label string
	Text  string
	Lang  string // the language of Text when it is not the page's
	Long  bool   // a text someone wrote: keep its line breaks
}

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

// actionResult is a refused action to show on the request page: which form,
// the values entered and the error.
type actionResult struct {
	form   string // "comply", "explain", "extend", "contest", "withdraw" or "close"
	values url.Values
	err    error
}

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
func (h *Handler) renderRequest(w http.ResponseWriter, r *http.Request, status int, id int64, act *actionResult) error {
	pg := h.newPage(r, "Verzoek")
	pg.Nav = "verzoeken"
	if h.Requests == nil {
		h.errorPage(w, r, http.StatusServiceUnavailable)
		return nil
	}
	ctx := r.Context()
	req, evs, err := h.Requests.Get(ctx, pg.User, id)
	if err != nil {
		return err
	}
	pg.Title = req.Subject
	orgs, _, err := h.orgs(r)
	if err != nil {
		return err
	}
	ps, err := h.Principles.Principles(ctx, schakel.PrincipleFilter{IncludeRetired: true})
	if err != nil {
		return err
	}
	principles := make(map[string]*schakel.Principle, len(ps))
	for _, p := range ps {
		principles[p.Code] = p
	}
	names := &userNames{h: h, ctx: ctx, names: map[int64]string{}}
	addressee := func(a schakel.Addressee) string {
		return pg.T("%s, %s", orgs.Name(a.OrganisationID), pg.Role(a.Role))
	}
	principleName := func(code string) string {
		if p := principles[code]; p != nil {
			return pg.PrincipleName(p)
		}
		return code
	}

	d := requestData{R: req, Current: addressee(req.Addressee())}
	if d.Requester, err = h.partyName(pg, names, orgs, req.Requester); err != nil {
		return err
	}
	for i, a := range req.Ladder {
		d.Ladder = append(d.Ladder, rungView{Addressee: addressee(a), Current: i == req.Rung})
	}
	for _, g := range req.Grounds {
		d.Grounds = append(d.Grounds, groundView{Code: g.Principle, Name: principleName(g.Principle), Text: g.Text})
	}
	for _, ev := range evs {
		v, err := h.eventView(pg, names, orgs, req, ev, addressee, principleName)
		if err != nil {
			return err
		}
		d.Events = append(d.Events, v)
	}
	if d.Brake, err = h.brakeView(ctx, pg, req); err != nil {
		return err
	}
	if act == nil {
		if k, ok := doneMessages[r.URL.Query().Get("gedaan")]; ok {
			d.Done = pg.T(k)
		}
	}

	// The forms the viewer may use now.
	values := func(name string) url.Values {
		if act != nil && act.form == name && schakel.ErrorCode(act.err) == schakel.EINVALID {
			return act.values
		}
		return nil
	}
	now := h.Clock.Now()
	if comply.IsAddressee(req, pg.User) && req.State.AwaitsAnswer() {
		d.Acknowledge = req.State != schakel.StateAcknowledged
		d.Comply = newForm(pg.translator, complyFields(), values("comply"))
		var specs []fieldSpec
		for _, g := range d.Grounds {
			specs = append(specs, fieldSpec{Name: "motiveringen." + g.Code, LabelText: g.Name, Label: g.Code,
				Description: "Waarom volgt uw organisatie het verzoek op dit beginsel niet?", Kind: kindTextarea, Required: true, Spellcheck: true})
		}
		d.Explain = newForm(pg.translator, specs, values("explain"))
		if opts := h.extensionOptions(pg, req); len(opts) > 0 && !req.Extended && now.Before(req.AnswerDeadline) {
			d.Extend = newForm(pg.translator, extendFields(), values("extend")).withPrefix(prefixExtend)
			d.Extend.SetOptions("termijn", opts)
		}
	}
	if comply.IsRequester(req, pg.User) {
		if req.State == schakel.StateAnswered && req.Answer == schakel.Explain && !req.Contested && !req.AtTop() {
			d.Contest = newForm(pg.translator, reasonFields("Waarom u het explain betwist", "Het verzoek gaat dan naar de volgende trede, die opnieuw moet antwoorden. Betwisten kan één keer.", true), values("contest")).withPrefix(prefixContest)
		}
		if req.State == schakel.StateAnswered {
			d.Close = newForm(pg.translator, reasonFields("Toelichting bij het afsluiten", "U aanvaardt het antwoord, of laat het explain staan.", false), values("close")).withPrefix(prefixClose)
		}
		if !req.State.Final() {
			d.Withdraw = newForm(pg.translator, reasonFields("Waarom u het verzoek intrekt", "Intrekken is definitief; de geschiedenis blijft bewaard.", true), values("withdraw")).withPrefix(prefixWithdraw)
		}
	}

	if act != nil {
		switch schakel.ErrorCode(act.err) {
		case schakel.EINVALID:
			f, fallback := d.actionForm(act.form)
			if f == nil {
				// The action is no longer offered; say so rather than
				// show errors on a form that is not there.
				d.Conflict = pg.T("Dit kan nu niet: het verzoek is %s.", pg.State(req.State))
				break
			}
			if !f.AddFieldErrors(act.err, fallback) {
				f.AddError(fallback, pg.ErrorMessage(act.err))
			}
			pg.Form = f
		case schakel.ECONFLICT:
			d.Conflict = pg.T("Dit kan nu niet: het verzoek is %s.", pg.State(req.State))
			// The service says why in Dutch; show it when the page can.
			if msg := schakel.ErrorMessage(act.err); pg.lang == langNL || english[msg] != "" {
				d.Conflict += " " + pg.T(msg)
			}
		}
	}
	pg.Data = d
	h.render(w, r, status, "request", pg)
	return nil
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
	v := &brakeView{Level: pg.BrakeLevel(b.Level), Concerned: b.Concerned, WantedOutcome: b.WantedOutcome, DecisionDate: b.DecisionDate}
	if b.Level == schakel.LevelProfessional {
		v.Identity = pg.Identity(b.Identity)
	}
	if b.Level == schakel.LevelCitizen {
		v.DecisionReference = b.DecisionReference
	}
	for _, s := range b.RuleRefs {
		ref, err := ruleref.Parse(s)
		if err != nil {
			v.Rules = append(v.Rules, ruleView{Label: s})
			continue
		}
		rv := ruleView{Label: ref.Label(), URL: ref.URL()}
		if pg.lang != langNL {
			// The label is a Dutch citation.
			rv.Lang = langNL
		}
		v.Rules = append(v.Rules, rv)
	}
	return v, nil
}

// actionForm returns the form of an action and the field its errors fall
// back to.
func (d requestData) actionForm(name string) (*form, string) {
	switch name {
	case "comply":
		return d.Comply, "wijzigingen"
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

// userNames looks up the names of users once per page.
type userNames struct {
	h     *Handler
	ctx   context.Context
	names map[int64]string
}

func (u *userNames) name(pg *page, id int64) (string, error) {
	if n, ok := u.names[id]; ok {
		return n, nil
	}
	usr, err := u.h.Users.User(u.ctx, id)
	switch {
	case schakel.ErrorCode(err) == schakel.ENOTFOUND:
		u.names[id] = pg.T("onbekende gebruiker")
	case err != nil:
		return "", err
	default:
		u.names[id] = usr.Name
	}
	return u.names[id], nil
}

// partyName says who a party is: a person, a person for an organisation,
// anonymous or schakel itself.
func (h *Handler) partyName(pg *page, names *userNames, orgs orgIndex, p schakel.Party) (string, error) {
	switch p.Kind {
	case schakel.PartySystem:
		return pg.T("schakel (automatisch)"), nil
	case schakel.PartyAnonymous:
		return pg.T("anoniem, bekend via een ontvangstbewijs"), nil
	case schakel.PartyProtected:
		return pg.T("beschermd: alleen bekend bij de vertrouwenspersoon"), nil
	}
	n, err := names.name(pg, p.UserID)
	if err != nil {
		return "", err
	}
	if p.OrganisationID != 0 {
		return pg.T("%s, namens %s", n, orgs.Name(p.OrganisationID)), nil
	}
	return n, nil
}

// eventView puts an event into words.
func (h *Handler) eventView(pg *page, names *userNames, orgs orgIndex, req *schakel.Request, ev *schakel.Event,
	addressee func(schakel.Addressee) string, principleName func(string) string) (eventView, error) {
	actor, err := h.partyName(pg, names, orgs, ev.Actor)
	if err != nil {
		return eventView{}, err
	}
	v := eventView{At: ev.At, Actor: actor, Title: pg.T(eventTitles[ev.Type]), Late: ev.Data.Late}
	if _, ok := eventTitles[ev.Type]; !ok {
		v.Title = string(ev.Type)
	}
	data := ev.Data
	add := func(label, text string) {
		if text != "" {
			v.Details = append(v.Details, detail{Label: pg.T(label), Text: text})
		}
	}
	addLong := func(label, text string) {
		if text != "" {
			v.Details = append(v.Details, detail{Label: label, Text: text, Long: true})
		}
	}
	if data.Missed != "" {
		add("Gemist", pg.T(missedNames[data.Missed]))
	}
	if data.Answer != "" {
		add("Antwoord", pg.Answer(data.Answer))
	}
	addLong(pg.T("Wat er verandert"), data.Changes)
	if data.ByWhen != nil {
		add("Uiterlijk klaar op", pg.LongDate(*data.ByWhen))
	}
	// Motivations in the order of the grounds, then any others.
	seen := map[string]bool{}
	for _, g := range req.Grounds {
		if text, ok := data.Motivations[g.Principle]; ok {
			addLong(pg.T("Motivering bij %s", principleName(g.Principle)), text)
			seen[g.Principle] = true
		}
	}
	for code, text := range data.Motivations {
		if !seen[code] {
			addLong(pg.T("Motivering bij %s", principleName(code)), text)
		}
	}
	if data.Term != "" {
		term := data.Term
		if t, err := calendar.ParseTerm(term); err == nil {
			term = pg.TermWords(t)
		}
		add("Verlengd met", term)
	}
	// The system's own reason of an escalation repeats what was missed.
	if data.Reason != "" && ev.Actor.Kind != schakel.PartySystem {
		addLong(pg.T("Reden"), data.Reason)
	}
	if data.From != nil {
		add("Van", addressee(*data.From))
	}
	if data.To != nil {
		add("Naar", addressee(*data.To))
	}
	if data.AckDue != nil {
		add("Ontvangst bevestigen uiterlijk", pg.LongDate(*data.AckDue))
	}
	if data.AnswerDue != nil {
		add("Antwoord uiterlijk", pg.LongDate(*data.AnswerDue))
	}
	for _, reason := range data.Reasons {
		dt := detail{Label: pg.T("Verlengd volgens de Algemene termijnenwet"), Text: reason}
		if pg.lang != langNL {
			dt.Lang = langNL
		}
		v.Details = append(v.Details, dt)
	}
	if ev.Type == schakel.EventDeadlineMissed {
		v.Details = append(v.Details, detail{Label: pg.T("Gevolg"), Text: pg.T("De hoogste trede heeft de termijn gemist. Dat is vastgelegd en wordt openbaar gemaakt; het antwoord blijft verschuldigd.")})
	}
	return v, nil
}

// AcknowledgeRequest confirms receipt for the addressee; POST
// /verzoeken/{id}/ontvangst.
func (h *Handler) AcknowledgeRequest(w http.ResponseWriter, r *http.Request) error {
	return h.requestAction(w, r, "", "ontvangen", func(ctx context.Context, u *schakel.User, id int64, _ url.Values) error {
		_, err := h.Requests.Acknowledge(ctx, u, id, requests.StepInput{})
		return err
	})
}

// AnswerRequest records a comply (wijzigingen, uiterlijk) or an explain
// (motiveringen.<code> per cited principle), by the field soort; POST
// /verzoeken/{id}/antwoord.
func (h *Handler) AnswerRequest(w http.ResponseWriter, r *http.Request) error {
	formName := "comply"
	if r.FormValue("soort") == string(schakel.Explain) {
		formName = "explain"
	}
	return h.requestAction(w, r, formName, "beantwoord", func(ctx context.Context, u *schakel.User, id int64, f url.Values) error {
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
		}
		_, err := h.Requests.Answer(ctx, u, id, in)
		return err
	})
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
