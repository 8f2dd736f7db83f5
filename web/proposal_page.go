package web

import (
	"cmp"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/assessments"
	"github.com/schakel-nl/schakel/authz"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/ruleref"
)

// The page parliament reads: a proposal with, side by side, every
// assessment and the minister's answer to each of its items; the terms
// kept or missed; what organisations signalled already on its articles;
// the secretary-general's signature; the timeline; what is still missing
// before it may go to parliament; and, once in force, the signals since.
// It names no person: parties are organisations and roles.

// proposalDone are the messages after an action on a proposal, by the
// value of ?gedaan=.
var proposalDone = map[string]string{
	"geregistreerd": "Het voorstel is geregistreerd. Vraag nu de uitvoeringsorganisaties om hun uitvoeringstoets.",
	"gevraagd":      "De uitvoeringstoetsen zijn gevraagd. Elke organisatie moet binnen de termijn antwoorden.",
	"getekend":      "U heeft getekend voor de uitvoering. Het voorstel kan nu naar het parlement.",
	"verstuurd":     "Het voorstel staat als verstuurd naar het parlement, met alle toetsen en antwoorden.",
	"inwerking":     "De inwerkingtreding is vastgelegd. Signalen over de artikelen worden vanaf nu bij dit voorstel getoond.",
}

// proposalPageData is the Data of a proposal's page.
type proposalPageData struct {
	P           *schakel.Proposal
	Ministry    string
	Rules       []ruleView
	Laws        []linkView
	Figures     []figureView
	Assessments []assessmentPanel
	Signature   *signatureView
	Timeline    []timelineView
	// Missing is what the proposal lacks before it may go to parliament,
	// in words; Complete says nothing is missing.
	Missing  []string
	Complete bool
	Done     string
	Conflict string
	// ConflictList is what the refused step still needs, in words.
	ConflictList []string
	// The actions the viewer may take now; a nil form is one they may not.
	Request *form
	Orgs    choiceGroup
	Sign    *form
	Send    bool
	Enter   *form
}

// Acts reports whether the viewer may do anything now.
func (d proposalPageData) Acts() bool {
	return d.Request != nil || d.Sign != nil || d.Send || d.Enter != nil
}

// Before reports whether the proposal has not gone to parliament yet.
func (d proposalPageData) Before() bool {
	return d.P.State == schakel.ProposalRegistered || d.P.State == schakel.ProposalAssessing || d.P.State == schakel.ProposalSigned
}

// figureView is one article or policy rule of a proposal with what was
// signalled on it, in words.
type figureView struct {
	Label, URL, Lang string
	// Says what organisations signalled on it; Since the signals filed
	// since the proposal entered into force, "" before.
	Says  string
	Since string
}

// assessmentPanel is one assessment in words: the organisation, its
// terms, what it said and the minister's answer to each item.
type assessmentPanel struct {
	A            *schakel.Assessment
	Organisation string
	Assess       termView
	Answer       *termView
	Delivered    bool
	Answered     bool
	Effects      []effectView
	Items        []itemRow
	Knelpunten   []knelpuntLink
	// CanDeliver and CanAnswer say the viewer may deliver it, or answer
	// it, now.
	CanDeliver bool
	CanAnswer  bool
}

// termView is a term of an assessment and whether it was kept.
type termView struct {
	Due      calendar.Date
	Answered time.Time
	Kept     bool
	Missed   bool
	Overdue  bool // open and past its deadline, the miss not yet recorded
}

// effectView is an effect on citizens.
type effectView struct {
	Group    string
	Citizens string
	Better   bool
	Text     string
}

// itemRow is one item the minister answers, side by side with the
// answer.
type itemRow struct {
	Code, Label, Says string
	Answered          bool
	Accepted          bool
	Answer            string
}

// knelpuntLink is a knelpunt attached to an assessment.
type knelpuntLink struct {
	ID      int64
	Title   string
	Signals int
}

// signatureView is the secretary-general's signature.
type signatureView struct {
	At        time.Time
	Statement string
	Digest    string
	// Covers says how many assessments it covers.
	Covers string
}

// timelineView is one step of a proposal or of one of its requests.
type timelineView struct {
	At           time.Time
	Title        string
	Organisation string
	Late         bool
}

// ProposalPage shows a proposal side by side with its assessments and
// answers; GET /voorstellen/{id}. Proposals are public; the forms are for
// who may use them.
func (h *Handler) ProposalPage(w http.ResponseWriter, r *http.Request) error {
	if err := h.needAssessments(); err != nil {
		return err
	}
	id, ok := pathID(r)
	if !ok {
		return errNoPage
	}
	return h.renderProposal(w, r, http.StatusOK, id, nil)
}

// renderProposal renders the page of proposal id; act is the action that
// was just refused, or nil.
func (h *Handler) renderProposal(w http.ResponseWriter, r *http.Request, status int, id int64, act *actionResult) error {
	pg := h.newPage(r, "Voorstel")
	pg.Nav = "voorstellen"
	ctx := r.Context()
	v, err := h.Assessments.Get(ctx, pg.User, id)
	if err != nil {
		return err
	}
	orgs, all, err := h.orgs(r)
	if err != nil {
		return err
	}
	name, err := h.principleNames(ctx, pg)
	if err != nil {
		return err
	}
	p := v.Proposal
	d := proposalPageData{P: p, Ministry: v.Ministry.Name, Rules: titledRuleViews(pg, p.RuleRefs), Laws: lawLinks(pg, p.RuleRefs),
		Figures: figureViews(pg, v), Timeline: timelineViews(pg, v.Timeline, orgs)}
	for _, av := range v.Assessments {
		d.Assessments = append(d.Assessments, assessmentPanelOf(pg, av, p.MinistryID, name))
	}
	if s := v.Signature; s != nil {
		d.Signature = &signatureView{At: s.At, Statement: s.Statement, Digest: s.Digest, Covers: pg.AssessmentCount(len(s.Assessments))}
	}
	for _, m := range v.Missing {
		d.Missing = append(d.Missing, pg.FieldMessage(m))
	}
	if p.State == schakel.ProposalRegistered || p.State == schakel.ProposalAssessing {
		d.Missing = append(d.Missing, pg.T("De handtekening van de secretaris-generaal voor de uitvoering."))
	}
	d.Complete = len(d.Missing) == 0
	if act == nil {
		if k := proposalDone[r.URL.Query().Get("gedaan")]; k != "" {
			d.Done = pg.T(k)
		}
	}
	h.proposalForms(pg, &d, act)
	d.showRefused(pg, act)
	if d.Request != nil {
		d.Orgs = assessorChoices(pg, d.Request, all, v.Assessments)
	}
	pg.Title = p.Title
	pg.Data = d
	h.render(w, r, status, "proposal", pg)
	return nil
}

// proposalForms adds the forms of d the viewer of pg may use now, each
// filled with the values of act when it is the form of that refused
// action: asking for assessments, sending to parliament and recording the
// entry into force for the ministry's policy officers; signing for its
// secretary-general.
func (h *Handler) proposalForms(pg *page, d *proposalPageData, act *actionResult) {
	u, p := pg.User, d.P
	if u == nil {
		return
	}
	officer := authz.Can(u, authz.ManageProposals, p.MinistryID) == nil
	if officer && (p.State == schakel.ProposalRegistered || p.State == schakel.ProposalAssessing) {
		d.Request = newForm(pg.translator, requestAssessmentFields(), act.kept("request"))
	}
	if authz.Can(u, authz.SignForExecution, p.MinistryID) == nil && p.State == schakel.ProposalAssessing {
		d.Sign = newForm(pg.translator, signFields(), act.kept("sign"))
	}
	d.Send = officer && d.Before()
	if officer && p.State == schakel.ProposalSent {
		d.Enter = newForm(pg.translator, inForceFields(), act.kept("enter"))
	}
}

// kept returns the values entered in form name when a is that form's
// refused action, invalid or not allowed now, to show them again: a
// statement refused for what is missing is not lost. nil otherwise (also
// for a nil a).
func (a *actionResult) kept(name string) url.Values {
	if a != nil && a.form == name {
		return a.values
	}
	return nil
}

// actionForm returns the form of an action and the field its errors fall
// back to.
func (d *proposalPageData) actionForm(name string) (*form, string) {
	switch name {
	case "request":
		return d.Request, "organisaties"
	case "sign":
		return d.Sign, "verklaring"
	case "enter":
		return d.Enter, "datum"
	}
	return nil, ""
}

// showRefused shows the refused action act (nil for none): its errors at
// its form, or why the state does not allow it with the list of what is
// still missing.
func (d *proposalPageData) showRefused(pg *page, act *actionResult) {
	if c := refusal(pg, act, d.actionForm, pg.T("Dit kan nu niet: het voorstel is %s.", pg.ProposalState(d.P.State))); c != "" {
		d.Conflict = c
	}
	if act != nil && schakel.ErrorCode(act.err) == schakel.ECONFLICT {
		for _, f := range schakel.ErrorFields(act.err) {
			d.ConflictList = append(d.ConflictList, pg.FieldMessage(f))
		}
	}
}

// articleLevel reports whether a figure is of a level a proposal shows: its
// articles and policy rules (a law as a whole says too little).
func articleLevel(level string) bool {
	return level == string(schakel.FigureArticle) || level == string(schakel.FigurePolicy)
}

// figureViews are the proposal's articles and policy rules, each with
// what organisations signalled on it and, once in force, the signals
// since.
func figureViews(pg *page, v *assessments.View) []figureView {
	var out []figureView
	for _, f := range ruleref.FigureKeys(v.Proposal.RuleRefs) {
		if !articleLevel(f.Level) {
			continue
		}
		fv := figureView{Label: f.Ref}
		if ref, err := ruleref.Parse(f.Ref); err == nil {
			fv.Label, fv.URL = ref.WithTitle().Label(), ref.URL()
			if pg.lang != langNL {
				fv.Lang = langNL
			}
		}
		fv.Says = pg.T("nog geen signalen.")
		if i := slices.IndexFunc(v.Figures, func(x *schakel.RuleFigure) bool { return x.Key == f.Key }); i >= 0 && v.Figures[i].Signals > 0 {
			x := v.Figures[i]
			fv.Says = pg.T("al %s van %s, in %s.", pg.SignalCount(int(x.Signals)), pg.OrganisationCount(x.Organisations), pg.KnelpuntCount(x.Knelpunten))
		}
		if v.Since != nil {
			fv.Since = pg.T("Sinds de inwerkingtreding: %s.", pg.SignalCount(v.Since[f.Key]))
		}
		out = append(out, fv)
	}
	return out
}

// assessmentPanelOf puts an assessment into words for the viewer of pg.
// Knelpunten the organisation has not sent to a ministry are shown only
// to its members, as everywhere.
func assessmentPanelOf(pg *page, av assessments.AssessmentView, ministryID int64, name func(string) string) assessmentPanel {
	a := av.Assessment
	ap := assessmentPanel{A: a, Organisation: av.Organisation.Name, Assess: termOf(pg, av.Assess),
		Delivered: a.State == schakel.AssessmentDelivered || a.State == schakel.AssessmentAnswered,
		Answered:  a.State == schakel.AssessmentAnswered}
	if av.Answer != nil {
		t := termOf(pg, *av.Answer)
		ap.Answer = &t
	}
	for _, e := range a.Effects {
		ap.Effects = append(ap.Effects, effectView{Group: e.Group, Citizens: pg.Thousands(e.Citizens), Better: e.Better, Text: e.Text})
	}
	if ap.Delivered {
		for _, it := range a.Items() {
			row := itemRow{Code: it.Principle, Label: itemLabel(pg, it.Principle, name), Says: it.Text}
			if it.Principle == schakel.ItemVerdict {
				row.Says = pg.Verdict(a.Verdict)
			}
			for _, ans := range a.Answers {
				if ans.Item == it.Principle {
					row.Answered, row.Accepted, row.Answer = true, ans.Accepted, ans.Text
				}
			}
			ap.Items = append(ap.Items, row)
		}
	}
	if u := pg.User; u != nil {
		ap.CanDeliver = a.State == schakel.AssessmentRequested && authz.Can(u, authz.AssessProposal, a.OrganisationID) == nil
		ap.CanAnswer = a.State == schakel.AssessmentDelivered && authz.Can(u, authz.AnswerAssessment, ministryID) == nil
	}
	member := pg.User != nil && authz.Can(pg.User, authz.ViewOrganisationInternals, a.OrganisationID) == nil
	for _, k := range av.Knelpunten {
		if k.LetterID != 0 || member {
			ap.Knelpunten = append(ap.Knelpunten, knelpuntLink{ID: k.ID, Title: k.Title, Signals: k.Signals})
		}
	}
	return ap
}

// titledRuleViews returns the rule references as labels with the law's
// title and links to the law, labelled in Dutch (marked as such on an
// English page).
func titledRuleViews(pg *page, refs []string) []ruleView {
	out := make([]ruleView, 0, len(refs))
	for _, s := range refs {
		ref, err := ruleref.Parse(s)
		if err != nil {
			out = append(out, ruleView{Label: s})
			continue
		}
		rv := ruleView{Label: ref.WithTitle().Label(), URL: ref.URL()}
		if pg.lang != langNL {
			rv.Lang = langNL
		}
		out = append(out, rv)
	}
	return out
}

// termOf is a term in the page's terms.
func termOf(pg *page, t assessments.Term) termView {
	tv := termView{Due: t.Due, Answered: t.Answered, Kept: t.Kept, Missed: t.Missed}
	if t.Answered.IsZero() && !t.Missed && !t.Due.IsZero() {
		tv.Overdue = pg.h.Calendar != nil && pg.h.Calendar.Today(pg.h.Clock.Now()).After(t.Due)
	}
	return tv
}

// timelineViews put the steps of a proposal and its requests into words.
// At the same instant, the proposal's own step comes before the requests
// it made.
func timelineViews(pg *page, items []assessments.TimelineItem, orgs orgIndex) []timelineView {
	items = slices.Clone(items)
	slices.SortStableFunc(items, func(a, b assessments.TimelineItem) int {
		if c := a.At.Compare(b.At); c != 0 {
			return c
		}
		return cmp.Compare(min(a.Organisation, 1), min(b.Organisation, 1))
	})
	out := make([]timelineView, 0, len(items))
	for _, it := range items {
		tv := timelineView{At: it.At, Late: it.Late, Organisation: orgs.Name(it.Organisation)}
		if typ, ev, ok := strings.Cut(it.What, ":"); ok {
			tv.Title = pg.T("%s: %s", pg.RequestType(schakel.RequestType(typ)), pg.EventTitle(schakel.EventType(ev)))
		} else if k, ok := proposalEventTitles[schakel.ProposalEventType(it.What)]; ok {
			tv.Title = pg.T(k)
		} else {
			tv.Title = it.What
		}
		out = append(out, tv)
	}
	return out
}

// EventTitle says what happened in an event of a request.
func (pg *page) EventTitle(t schakel.EventType) string {
	if k, ok := eventTitles[t]; ok {
		return pg.T(k)
	}
	return string(t)
}
