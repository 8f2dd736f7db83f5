package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/receipt"
)

// Following a brake by its receipt code. The code only ever travels in the
// body of a POST: the form of /noodrem/volgen, and a hidden field of each
// action's form. It is never in a URL, a cookie or the session, so the
// brake cannot be tied to a browser's history or to a session.

// followFields is the form of the receipt code.
var followFields = []fieldSpec{
	{Name: receipt.Field, Label: "Ontvangstcode", Description: "De code van 24 tekens die u kreeg toen u de noodrem trok, zoals K7QM-2XHD-9RTB-W4NP-CJ6E-8FGA. Kleine letters en spaties mogen.", Required: true, Autocomplete: "off"},
}

// followData is the Data of the follow page: the code form, or the brake
// the code opens with what its holder may do.
type followData struct {
	Notice string      // a wrong code or throttling, translated
	Brake  *followView // nil until a code opened a brake
}

// followView is a brake as the holder of its receipt code sees it.
type followView struct {
	Code      string // the code in its shown form, for the hidden fields
	B         *schakel.Brake
	R         *schakel.Request
	Addressee string // the organisation the brake was pulled at
	Current   string // who must answer now
	Grounds   []string
	Answers   []answerView
	Events    []publicEvent
	Done      string // the message after an action, translated
	Conflict  string // why the action just tried cannot be done, translated
	Contest   *form
	Close     *form
	Withdraw  *form
}

// Acts reports whether the holder may do anything now.
func (v *followView) Acts() bool { return v.Contest != nil || v.Close != nil || v.Withdraw != nil }

// answerView is one answer of an addressee: comply with what changes by
// when, explain with a motivation per principle, or a partial answer
// (deels) with both: Changes and ByWhen are what the organisation does
// ("Wat de organisatie wel doet"), Reasons what it does not do and why
// ("Wat niet, en waarom"), per principle.
type answerView struct {
	Seq     int
	At      time.Time
	By      string // the organisation and role that answered
	Kind    schakel.AnswerKind
	Late    bool
	Changes string
	ByWhen  *calendar.Date
	Reasons []detail // explain, deels: per principle
	// Partial reports a partial answer (deels): the page shows both
	// Changes (with ByWhen) and Reasons, each under its own heading.
	Partial bool
}

// publicEvent is one event without the names of people: what happened,
// when, and at which organisation.
type publicEvent struct {
	Seq     int
	At      time.Time
	Title   string
	By      string
	Late    bool
	Details []detail
	// DayOnly shows At as a day: the pull of an anonymous or protected
	// brake, whose moment the register does not give.
	DayOnly bool
}

// followDone are the messages after an action by receipt code.
var followDone = map[string]string{
	"contest":  "Uw betwisting is vastgelegd. De noodrem ligt nu bij de volgende trede, die opnieuw moet antwoorden.",
	"close":    "De noodrem is afgesloten.",
	"withdraw": "De noodrem is ingetrokken.",
}

// FollowBrakeForm asks for a receipt code; GET /noodrem/volgen.
func (h *Handler) FollowBrakeForm(w http.ResponseWriter, r *http.Request) error {
	if err := h.needBrakes(); err != nil {
		return err
	}
	h.renderFollowForm(w, r, http.StatusOK, "", nil)
	return nil
}

// FollowBrake shows the brake a receipt code opens: its state, deadline,
// answers and what its holder may do; POST /noodrem/volgen. Every code
// that opens nothing gets the same neutral message.
func (h *Handler) FollowBrake(w http.ResponseWriter, r *http.Request) error {
	if err := h.needBrakes(); err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	code := r.PostForm.Get(receipt.Field)
	b, evs, err := h.Brakes.Follow(r.Context(), h.address(r), code)
	if err != nil {
		return h.followFailed(w, r, code, err)
	}
	return h.renderFollowed(w, r, http.StatusOK, code, b, evs, "", nil)
}

// ContestBrakeByReceipt contests an explain for the holder of the code,
// once; POST /noodrem/volgen/betwisting.
func (h *Handler) ContestBrakeByReceipt(w http.ResponseWriter, r *http.Request) error {
	return h.followAction(w, r, "contest", func(ctx context.Context, address, code, reason string) error {
		_, _, err := h.Brakes.Contest(ctx, address, code, reason)
		return err
	})
}

// CloseBrakeByReceipt accepts the answer for the holder of the code; POST
// /noodrem/volgen/afsluiting.
func (h *Handler) CloseBrakeByReceipt(w http.ResponseWriter, r *http.Request) error {
	return h.followAction(w, r, "close", func(ctx context.Context, address, code, reason string) error {
		_, _, err := h.Brakes.Close(ctx, address, code, reason)
		return err
	})
}

// WithdrawBrakeByReceipt withdraws the brake for the holder of the code;
// POST /noodrem/volgen/intrekking.
func (h *Handler) WithdrawBrakeByReceipt(w http.ResponseWriter, r *http.Request) error {
	return h.followAction(w, r, "withdraw", func(ctx context.Context, address, code, reason string) error {
		_, _, err := h.Brakes.Withdraw(ctx, address, code, reason)
		return err
	})
}

// followAction runs one action by receipt code (the fields ontvangstcode
// and reden) and shows the brake again: with a message when it was done,
// with the error at the action's form when the input was invalid, and with
// the state when the state does not allow it.
func (h *Handler) followAction(w http.ResponseWriter, r *http.Request, formName string,
	do func(ctx context.Context, address, code, reason string) error) error {
	if err := h.needBrakes(); err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	code := r.PostForm.Get(receipt.Field)
	err := do(r.Context(), h.address(r), code, strings.TrimSpace(r.PostForm.Get("reden")))
	status := http.StatusOK
	switch schakel.ErrorCode(err) {
	case "":
	case schakel.EINVALID:
		if fieldNamed(err, receipt.Field) {
			return h.followFailed(w, r, code, err)
		}
		status = http.StatusBadRequest
	case schakel.ECONFLICT:
		status = http.StatusConflict
	default:
		return h.followFailed(w, r, code, err)
	}
	// The service opened the brake with the code; read it again to show it,
	// verifying the code once more rather than trusting that it did.
	b, evs, rerr := h.Brakes.Reopen(r.Context(), code)
	if rerr != nil {
		return h.followFailed(w, r, code, rerr)
	}
	if err == nil {
		return h.renderFollowed(w, r, status, code, b, evs, formName, nil)
	}
	return h.renderFollowed(w, r, status, code, b, evs, "", &actionResult{form: formName, values: r.PostForm, err: err})
}

// fieldNamed reports whether err names the field.
func fieldNamed(err error, field string) bool {
	for _, f := range schakel.ErrorFields(err) {
		if f.Field == field {
			return true
		}
	}
	return false
}

// followFailed answers a code that opened nothing: the form again, with the
// code's error at its field (malformed), one neutral message (unknown), or
// the message to wait (throttled, with Retry-After).
func (h *Handler) followFailed(w http.ResponseWriter, r *http.Request, code string, err error) error {
	switch schakel.ErrorCode(err) {
	case schakel.EINVALID:
		h.renderFollowForm(w, r, http.StatusBadRequest, code, err)
	case schakel.ENOTFOUND, schakel.ETOOMANY:
		status := http.StatusNotFound
		if schakel.ErrorCode(err) == schakel.ETOOMANY {
			status = http.StatusTooManyRequests
			setRetryAfter(w, err)
		}
		h.renderFollowForm(w, r, status, code, err)
	default:
		return err
	}
	return nil
}

// renderFollowForm renders the form of the receipt code, with the code
// typed and what went wrong with it.
func (h *Handler) renderFollowForm(w http.ResponseWriter, r *http.Request, status int, code string, formErr error) {
	pg := h.newPage(r, "Noodrem volgen")
	pg.Nav = "noodrem"
	f := newForm(pg.translator, followFields, url.Values{receipt.Field: {code}})
	d := followData{}
	switch schakel.ErrorCode(formErr) {
	case "":
	case schakel.EINVALID:
		if !f.AddFieldErrors(formErr, receipt.Field) {
			f.AddError(receipt.Field, pg.ErrorMessage(formErr))
		}
	case schakel.ENOTFOUND:
		// One message for every code that opens nothing: whether its
		// first half exists is not told.
		d.Notice = pg.T("Deze ontvangstcode kennen we niet. Controleer de code; na te veel pogingen moet u even wachten.")
	case schakel.ETOOMANY:
		d.Notice = waitNotice(pg, formErr)
	default:
		d.Notice = pg.ErrorMessage(formErr)
	}
	pg.Form = f
	pg.Data = d
	h.render(w, r, status, "brake_follow", pg)
}

// renderFollowed renders the brake a code opened. done is the action that
// just succeeded, act the one that was refused.
func (h *Handler) renderFollowed(w http.ResponseWriter, r *http.Request, status int, code string, b *schakel.Brake, evs []*schakel.Event, done string, act *actionResult) error {
	pg := h.newPage(r, "Uw noodrem")
	pg.Nav = "noodrem"
	src := followSources{Code: code, Brake: b, Events: evs}
	var err error
	if src.Orgs, _, err = h.orgs(r); err != nil {
		return err
	}
	if src.PrincipleName, err = h.principleNames(r.Context(), pg); err != nil {
		return err
	}
	v := followViewOf(pg, src)
	if done != "" {
		v.Done = pg.T(followDone[done])
	}
	v.addForms(pg, act)
	v.showRefused(pg, act)
	pg.Data = followData{Brake: v}
	h.render(w, r, status, "brake_follow", pg)
	return nil
}

// followSources are what the page of a brake followed by its receipt code
// is made of: the code as typed, the brake with its request and events as
// the service returned them, and the names of organisations and
// principles.
type followSources struct {
	Code          string
	Brake         *schakel.Brake
	Events        []*schakel.Event
	Orgs          orgIndex
	PrincipleName func(code string) string
}

// followViewOf puts a brake into words for the holder of its receipt
// code: everything but the forms.
func followViewOf(pg *page, src followSources) *followView {
	b := src.Brake
	req := b.Request
	c, _ := receipt.Parse(src.Code)
	addressee := func(a schakel.Addressee) string {
		return pg.T("%s, %s", src.Orgs.Name(a.OrganisationID), pg.Role(a.Role))
	}
	v := &followView{Code: c.String(), B: b, R: req, Current: addressee(req.Addressee())}
	if len(req.Ladder) > 0 {
		v.Addressee = src.Orgs.Name(req.Ladder[0].OrganisationID)
	}
	groundName := brakeGroundNames(pg, b.Level, src.PrincipleName)
	for _, g := range req.Grounds {
		v.Grounds = append(v.Grounds, groundName(g.Principle))
	}
	v.Events = publicEvents(pg, src.Orgs, req, src.Events, addressee)
	for i, ev := range src.Events {
		if ev.Type != schakel.EventAnswered {
			continue
		}
		a := answerView{Seq: ev.Seq, At: ev.At, By: v.Events[i].By, Kind: ev.Data.Answer, Late: ev.Data.Late, Changes: ev.Data.Changes, ByWhen: ev.Data.ByWhen}
		a.Reasons = motivations(req, ev.Data.Motivations, groundName)
		a.Partial = ev.Data.Answer == schakel.Partial
		v.Answers = append(v.Answers, a)
	}
	return v
}

// brakeGroundNames returns a function that names a ground of a brake of
// level: for a citizen's brake the sentence the citizen chose, otherwise
// the principle.
func brakeGroundNames(pg *page, level schakel.BrakeLevel, principleName func(string) string) func(string) string {
	return func(code string) string {
		if level == schakel.LevelCitizen {
			for _, g := range schakel.CitizenGrounds {
				if g.Principle == code {
					if pg.lang == langEN {
						return g.English
					}
					return g.Dutch
				}
			}
		}
		return principleName(code)
	}
}

// citizenAnswers name an answer kind in the words of the person who pulled
// the brake, not in the words of the law ("comply", "explain").
var citizenAnswers = map[schakel.AnswerKind]string{
	schakel.Comply:  "de organisatie doet iets",
	schakel.Explain: "de organisatie legt uit waarom niet",
}

// CitizenAnswer names an answer kind in plain words; a kind without such a
// name (a newer one) gets its usual name.
func (pg *page) CitizenAnswer(a schakel.AnswerKind) string {
	if k, ok := citizenAnswers[a]; ok {
		return pg.T(k)
	}
	return pg.Answer(a)
}

// addForms adds the forms the holder of the code may use now, each filled
// with the values of act when it is the form of that refused action:
// contesting an explain once, closing an answered brake and withdrawing
// one that is not final.
func (v *followView) addForms(pg *page, act *actionResult) {
	req := v.R
	if req.State == schakel.StateAnswered && req.Answer.Refuses() && !req.Contested && !req.AtTop() {
		v.Contest = newForm(pg.translator, reasonFields("Waarom bent u het niet eens met het antwoord?", "Uw noodrem gaat dan naar iemand hoger in de organisatie, die opnieuw moet antwoorden.", true), act.valuesFor("contest")).withPrefix(prefixContest)
	}
	if req.State == schakel.StateAnswered {
		v.Close = newForm(pg.translator, reasonFields("Toelichting bij het afsluiten", "Met afsluiten laat u het antwoord zo staan. U kunt daarna niet meer vragen om opnieuw te kijken.", false), act.valuesFor("close")).withPrefix(prefixClose)
	}
	if !req.State.Final() {
		v.Withdraw = newForm(pg.translator, reasonFields("Waarom u de noodrem intrekt", "Intrekken is definitief; de geschiedenis blijft bewaard.", true), act.valuesFor("withdraw")).withPrefix(prefixWithdraw)
	}
}

// showRefused shows the refused action act (nil for none): an invalid one
// with its errors at its form; any other, or one whose form the holder no
// longer has, as a conflict that names the state.
func (v *followView) showRefused(pg *page, act *actionResult) {
	if act == nil {
		return
	}
	var f *form
	switch act.form {
	case "contest":
		f = v.Contest
	case "close":
		f = v.Close
	case "withdraw":
		f = v.Withdraw
	}
	if schakel.ErrorCode(act.err) == schakel.EINVALID && f != nil {
		showFormErrors(pg, f, "reden", act.err)
		return
	}
	v.Conflict = withServiceReason(pg, pg.T("Dit kan nu niet: de noodrem is %s.", pg.State(v.R.State)), act.err)
}

// principleNames returns a function that names a principle in the page's
// language, retired ones included.
func (h *Handler) principleNames(ctx context.Context, pg *page) (func(string) string, error) {
	ps, err := h.Directory.Principles(ctx, schakel.PrincipleFilter{IncludeRetired: true})
	if err != nil {
		return nil, err
	}
	return principleNamesOf(pg, ps), nil
}

// principleNamesOf is principleNames over a catalogue already read.
func principleNamesOf(pg *page, ps []*schakel.Principle) func(string) string {
	byCode := make(map[string]*schakel.Principle, len(ps))
	for _, p := range ps {
		byCode[p.Code] = p
	}
	return func(code string) string {
		if p := byCode[code]; p != nil {
			return pg.PrincipleName(p)
		}
		return code
	}
}

// motivations are the motivations of an explain in the order of the
// request's grounds, then any others.
func motivations(req *schakel.Request, m map[string]string, name func(string) string) []detail {
	var out []detail
	seen := map[string]bool{}
	for _, g := range req.Grounds {
		if text, ok := m[g.Principle]; ok && !seen[g.Principle] {
			out = append(out, detail{Label: name(g.Principle), Text: text, Long: true})
			seen[g.Principle] = true
		}
	}
	for code, text := range m {
		if !seen[code] {
			out = append(out, detail{Label: name(code), Text: text, Long: true})
		}
	}
	return out
}

// brakeEventTitle says what happened in an event of a brake.
func brakeEventTitle(pg *page, ev *schakel.Event) string {
	if ev.Type == schakel.EventCreated {
		return pg.T("Noodrem getrokken")
	}
	if k, ok := eventTitles[ev.Type]; ok {
		return pg.T(k)
	}
	return string(ev.Type)
}

// publicActor says who acted in an event without naming a person: the
// organisation and role that answered, schakel itself, or the puller.
func publicActor(pg *page, orgs orgIndex, req *schakel.Request, ev *schakel.Event, addressee func(schakel.Addressee) string) string {
	switch ev.Actor.Kind {
	case schakel.PartySystem:
		return pg.T("schakel (automatisch)")
	case schakel.PartyAnonymous, schakel.PartyProtected:
		return pg.T("de indiener")
	}
	if ev.Actor.OrganisationID != 0 {
		if ev.Rung >= 0 && ev.Rung < len(req.Ladder) && req.Ladder[ev.Rung].OrganisationID == ev.Actor.OrganisationID {
			return addressee(req.Ladder[ev.Rung])
		}
		return orgs.Name(ev.Actor.OrganisationID)
	}
	if req.Requester.Kind == schakel.PartyUser && ev.Actor.UserID == req.Requester.UserID {
		return pg.T("de indiener")
	}
	return pg.T("een medewerker")
}
