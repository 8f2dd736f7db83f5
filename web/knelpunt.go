package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/authz"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/redact"
	"github.com/schakel-nl/schakel/ruleref"
	"github.com/schakel-nl/schakel/signals"
)

// knelpuntenPerPage is the page size of the list of knelpunten.
const knelpuntenPerPage = 25

// knelpuntListFields are the filters of the list of knelpunten, a GET
// form.
var knelpuntListFields = []fieldSpec{
	{Name: "organisatie", Label: "Organisatie", Kind: kindSelect},
	{Name: "toestand", Label: "Toestand", Kind: kindSelect},
	{Name: "niveau", Label: "Waar het knelpunt nu ligt", Kind: kindSelect},
}

// knelpuntListData is the Data of /knelpunten.
type knelpuntListData struct {
	Rows     []knelpuntRow
	Total    int
	Page     int
	Pages    int
	PrevURL  string
	NextURL  string
	Filtered bool
	// Own is the organisation whose knelpunten the viewer sees as a
	// member, unsent ones too; "" for the public list.
	Own     string
	CanFile bool // the viewer may file a signal somewhere
}

// knelpuntRow is one knelpunt in the list.
type knelpuntRow struct {
	K            *schakel.Knelpunt
	Organisation string
}

// KnelpuntList lists knelpunten, newest first; GET /knelpunten. Members
// see their organisation's, unsent ones too, and may filter; everyone else
// sees the knelpunten that a board sent to a ministry.
func (h *Handler) KnelpuntList(w http.ResponseWriter, r *http.Request) error {
	if err := h.needSignals(); err != nil {
		return err
	}
	pg := h.newPage(r, "Knelpunten")
	pg.Nav = "knelpunten"
	orgs, all, err := h.orgs(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	values := url.Values{}
	filter := schakel.KnelpuntFilter{}
	code := strings.TrimSpace(q.Get("organisatie"))
	if !q.Has("organisatie") {
		code = defaultKnelpuntOrg(pg.User, orgs)
	}
	for _, o := range all {
		if o.Code == code {
			filter.OrganisationID = o.ID
			values.Set("organisatie", code)
		}
	}
	if s := schakel.KnelpuntState(q.Get("toestand")); s.Valid() {
		filter.State = s
		values.Set("toestand", string(s))
	}
	if l := schakel.KnelpuntLevel(q.Get("niveau")); l.Valid() {
		filter.Level = l
		values.Set("niveau", string(l))
	}
	num := pageNumber(q)
	filter.Offset, filter.Limit = (num-1)*knelpuntenPerPage, knelpuntenPerPage
	ks, total, err := h.Signals.List(r.Context(), pg.User, filter)
	if err != nil {
		return err
	}
	d := knelpuntListData{Total: total, Page: num, Pages: max(1, (total+knelpuntenPerPage-1)/knelpuntenPerPage),
		Filtered: filter.State != "" || filter.Level != "", CanFile: len(authz.Organisations(pg.User, authz.FileSignal)) > 0}
	if filter.OrganisationID != 0 && pg.User != nil && authz.Can(pg.User, authz.ViewOrganisationInternals, filter.OrganisationID) == nil {
		d.Own = orgs.Name(filter.OrganisationID)
	}
	for _, k := range ks {
		d.Rows = append(d.Rows, knelpuntRow{K: k, Organisation: orgs.Name(k.OrganisationID)})
	}
	linkValues := url.Values{}
	for k, v := range values {
		linkValues[k] = v
	}
	if !values.Has("organisatie") && q.Has("organisatie") {
		linkValues.Set("organisatie", "")
	}
	d.PrevURL, d.NextURL = pageLinks("/knelpunten", linkValues, num, d.Pages)
	pg.Form = knelpuntListForm(pg, all, values)
	pg.Data = d
	h.render(w, r, http.StatusOK, "knelpunt_list", pg)
	return nil
}

// defaultKnelpuntOrg is the organisation whose knelpunten a member sees
// first: the first where they may file signals that is not a ministry or
// parliament (whose officials answer knelpunten rather than have them).
func defaultKnelpuntOrg(u *schakel.User, orgs orgIndex) string {
	for _, id := range authz.Organisations(u, authz.FileSignal) {
		if o := orgs[id]; o != nil && o.Type != schakel.OrgMinistry && o.Type != schakel.OrgParliament {
			return o.Code
		}
	}
	return ""
}

// knelpuntListForm is the filter form of the list.
func knelpuntListForm(pg *page, all []*schakel.Organisation, values url.Values) *form {
	f := newForm(pg.translator, knelpuntListFields, values)
	opts := []option{{Value: "", Label: pg.T("Alle organisaties")}}
	for _, o := range all {
		if o.Type != schakel.OrgMinistry && o.Type != schakel.OrgParliament {
			opts = append(opts, option{Value: o.Code, Label: o.Name})
		}
	}
	f.SetOptions("organisatie", opts)
	opts = []option{{Value: "", Label: pg.T("Alle toestanden")}}
	for _, s := range schakel.KnelpuntStates {
		opts = append(opts, option{Value: string(s), Label: pg.KnelpuntState(s)})
	}
	f.SetOptions("toestand", opts)
	opts = []option{{Value: "", Label: pg.T("Overal")}}
	for _, l := range schakel.KnelpuntLevels {
		opts = append(opts, option{Value: string(l), Label: pg.KnelpuntLevel(l)})
	}
	f.SetOptions("niveau", opts)
	return f
}

// knelpuntDone are the messages after an action on a knelpunt, by the
// value of ?gedaan=.
var knelpuntDone = map[string]string{
	"signaal":      "Uw signaal is ingediend en hoort nu bij dit knelpunt.",
	"voorgelegd":   "Het knelpunt is voorgelegd aan het team. De coördinator moet binnen de termijn antwoorden.",
	"beantwoord":   "Uw antwoord is vastgelegd.",
	"samengevoegd": "De knelpunten zijn samengevoegd. De signalen van het andere knelpunt horen nu bij dit knelpunt.",
	"gesplitst":    "Het knelpunt is gesplitst. Dit is het nieuwe knelpunt met de gekozen signalen.",
}

// knelpuntPageData is the Data of a knelpunt's page.
type knelpuntPageData struct {
	K            *schakel.Knelpunt
	Member       bool
	Organisation string
	Rules        []ruleView
	Laws         []linkView // the pages of the laws of its rules
	Principles   []principleView
	Ladder       []ladderStep
	// Letter is the knelpuntenbrief it went in, or nil.
	Letter *schakel.Letter
	// Signals and Events are for members only.
	Signals []*schakel.Signal
	Events  []knelpuntEventView
	// Done is the message after an action; Redacted says what redaction
	// replaced in the signal just filed; FiledSignal is that signal.
	Done        string
	Redacted    []string
	FiledSignal int64
	Conflict    string
	// The actions the viewer may take now; a nil form is one they may not.
	Put          bool
	Comply       *form
	Explain      *form
	Grounds      []groundView // the grounds the explain answers
	Merge        *form
	Split        *form
	SplitSignals choiceGroup
}

// Acts reports whether the viewer may do anything now.
func (d knelpuntPageData) Acts() bool {
	return d.Put || d.Comply != nil || d.Explain != nil || d.Merge != nil || d.Split != nil
}

// ladderStep is one rung of the ladder on a knelpunt's page.
type ladderStep struct {
	Level schakel.KnelpuntLevel
	Title string
	// Reached: the knelpunt was put to this rung.
	Reached bool
	// Private: reached, but only the organisation's members see how it
	// was answered there.
	Private bool
	// Current: this rung owes an answer now.
	Current    bool
	RequestID  int64
	State      string
	StateClass string
	Due        calendar.Date
	Overdue    bool
	Answers    []rungAnswer
}

// rungAnswer is one answer given at a rung, in words.
type rungAnswer struct {
	Comply      bool
	Kind        string
	By          string
	Changes     string
	ByWhen      calendar.Date
	Motivations []groundView
	At          time.Time
	Late        bool
}

// knelpuntEventView is one step in a knelpunt's history, in words.
type knelpuntEventView struct {
	At       time.Time
	Title    string
	By       string
	Level    string
	Signals  []int64
	Other    int64
	LetterID int64
}

// KnelpuntPage shows a knelpunt; GET /knelpunten/{id}. Members of its
// organisation see it always, with its signals and history; everyone else
// once its board sent it to the ministry.
func (h *Handler) KnelpuntPage(w http.ResponseWriter, r *http.Request) error {
	if err := h.needSignals(); err != nil {
		return err
	}
	id, ok := pathID(r)
	if !ok {
		return errNoPage
	}
	return h.renderKnelpunt(w, r, http.StatusOK, id, nil)
}

// renderKnelpunt renders the page of knelpunt id; act is the action that
// was just refused, or nil.
func (h *Handler) renderKnelpunt(w http.ResponseWriter, r *http.Request, status int, id int64, act *actionResult) error {
	pg := h.newPage(r, "Knelpunt")
	pg.Nav = "knelpunten"
	ctx := r.Context()
	v, err := h.Signals.Get(ctx, pg.User, id)
	if err != nil {
		return err
	}
	k := v.Knelpunt
	orgs, _, err := h.orgs(r)
	if err != nil {
		return err
	}
	name, err := h.principleNames(ctx, pg)
	if err != nil {
		return err
	}
	d := knelpuntPageData{K: k, Member: v.Member, Organisation: orgs.Name(k.OrganisationID), Rules: caseRuleViews(pg, k.Refs),
		Laws: lawLinks(pg, k.Refs), Principles: principleViews(name, k.Principles), Ladder: ladderOf(pg, v, name), Signals: v.Signals}
	if k.LetterID != 0 {
		if d.Letter, err = h.letterOf(r, k); err != nil {
			return err
		}
	}
	if v.Member {
		if d.Events, err = h.knelpuntEvents(r, pg, v.Events); err != nil {
			return err
		}
	}
	if act == nil {
		d.showDone(pg, r.URL.Query())
	}
	if err := h.knelpuntForms(r, pg, &d, v, name, act); err != nil {
		return err
	}
	if c := refusal(pg, act, d.actionForm, pg.T("Dit kan nu niet: het knelpunt is %s.", pg.KnelpuntState(k.State))); c != "" {
		d.Conflict = c
	}
	if d.Split != nil {
		d.SplitSignals = splitChoices(pg, d.Split, v.Signals)
	}
	pg.Title = k.Title
	pg.Data = d
	h.render(w, r, status, "knelpunt", pg)
	return nil
}

// showDone shows the message of ?gedaan= and, after filing, what
// redaction replaced (?weggelakt=, kinds and counts only).
func (d *knelpuntPageData) showDone(pg *page, q url.Values) {
	k, ok := knelpuntDone[q.Get("gedaan")]
	if !ok {
		return
	}
	d.Done = pg.T(k)
	if q.Get("gedaan") != "signaal" {
		return
	}
	if id, err := strconv.ParseInt(q.Get("signaal"), 10, 64); err == nil && id > 0 {
		d.FiledSignal = id
	}
	for _, part := range strings.Split(q.Get("weggelakt"), ",") {
		kind, count, ok := strings.Cut(part, ":")
		n, err := strconv.Atoi(count)
		name, known := redactKindNames[redact.Kind(kind)]
		if !ok || err != nil || !known || n < 1 || n > 9999 {
			continue
		}
		d.Redacted = append(d.Redacted, pg.T("%s: %d", pg.T(name), n))
	}
}

// letterOf returns the knelpuntenbrief knelpunt k went in.
func (h *Handler) letterOf(r *http.Request, k *schakel.Knelpunt) (*schakel.Letter, error) {
	for offset := 0; ; offset += 100 {
		ls, total, err := h.Signals.Letters(r.Context(), schakel.LetterFilter{OrganisationID: k.OrganisationID, Offset: offset, Limit: 100})
		if err != nil {
			return nil, err
		}
		for _, l := range ls {
			if l.ID == k.LetterID {
				return l, nil
			}
		}
		if len(ls) == 0 || offset+len(ls) >= total {
			return &schakel.Letter{ID: k.LetterID}, nil
		}
	}
}

// lawLinks are the links to the figures of the laws of refs, each once.
func lawLinks(pg *page, refs []string) []linkView {
	var out []linkView
	seen := map[string]bool{}
	for _, s := range refs {
		ref, err := ruleref.Parse(s)
		if err != nil || ref.Kind != ruleref.KindLaw || seen[ref.BWB] {
			continue
		}
		seen[ref.BWB] = true
		out = append(out, linkView{Label: pg.T("Waar %s knelt", ref.BWB), URL: lawPath(ref.BWB)})
	}
	return out
}

// ladderOf puts the rungs of a knelpunt into words: every level from the
// team up, reached or not, with the answers given there. A visitor who is
// no member sees the team and the board as reached without their answers.
func ladderOf(pg *page, v *signals.View, name func(string) string) []ladderStep {
	k := v.Knelpunt
	var out []ladderStep
	for _, level := range schakel.KnelpuntLevels {
		st := ladderStep{Level: level, Title: pg.T(ladderTitles[level])}
		if !v.Member && k.LetterID != 0 && (level == schakel.LevelTeam || level == schakel.LevelBoard) {
			st.Reached, st.Private = true, true
		}
		for _, rv := range v.Rungs {
			if rv.Rung.Level != level || rv.Request == nil {
				continue
			}
			req := rv.Request
			st.Reached, st.RequestID = true, req.ID
			st.State, st.StateClass = pg.State(req.State), pg.StateClass(req.State)
			if rv.Rung.RequestID == k.RequestID && req.State.AwaitsAnswer() {
				st.Current, st.Due, st.Overdue = true, req.AnswerDue, pg.Overdue(req)
			}
			for _, a := range rv.Answers {
				st.Answers = append(st.Answers, rungAnswerOf(pg, a, req, name))
			}
		}
		out = append(out, st)
	}
	return out
}

// rungAnswerOf puts an answer given at a rung into words; the
// motivations of an explain in the order of the request's grounds, then
// any others by code.
func rungAnswerOf(pg *page, a signals.Answer, req *schakel.Request, name func(string) string) rungAnswer {
	av := rungAnswer{Comply: a.Kind != schakel.Explain, Kind: pg.Answer(a.Kind), By: pg.KnelpuntLevel(a.Level), Changes: a.Changes, ByWhen: a.ByWhen, At: a.At, Late: a.Late}
	seen := map[string]bool{}
	for _, g := range req.Grounds {
		if text, ok := a.Motivations[g.Principle]; ok && !seen[g.Principle] {
			av.Motivations = append(av.Motivations, groundView{Code: g.Principle, Name: name(g.Principle), Text: text})
			seen[g.Principle] = true
		}
	}
	var rest []string
	for code := range a.Motivations {
		if !seen[code] {
			rest = append(rest, code)
		}
	}
	slices.Sort(rest)
	for _, code := range rest {
		av.Motivations = append(av.Motivations, groundView{Code: code, Name: name(code), Text: a.Motivations[code]})
	}
	return av
}

// knelpuntEvents puts the history of a knelpunt into words.
func (h *Handler) knelpuntEvents(r *http.Request, pg *page, evs []*schakel.KnelpuntEvent) ([]knelpuntEventView, error) {
	var ids []int64
	for _, ev := range evs {
		if ev.By != 0 {
			ids = append(ids, ev.By)
		}
	}
	names, err := h.userNames(r.Context(), pg, ids)
	if err != nil {
		return nil, err
	}
	out := make([]knelpuntEventView, 0, len(evs))
	for _, ev := range evs {
		v := knelpuntEventView{At: ev.At, Title: pg.T(knelpuntEventTitles[ev.Type]), By: names[ev.By], Signals: ev.Signals, Other: ev.Other, LetterID: ev.LetterID}
		if _, ok := knelpuntEventTitles[ev.Type]; !ok {
			v.Title = string(ev.Type)
		}
		if ev.By == 0 {
			v.By = pg.T("schakel (automatisch)")
		}
		if ev.Level != "" {
			v.Level = pg.KnelpuntLevel(ev.Level)
		}
		out = append(out, v)
	}
	return out, nil
}
