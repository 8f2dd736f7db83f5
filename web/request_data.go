package web

import (
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
)

// The data of a request's page, assembled from what the services returned
// (requestDataOf) without HTTP or the store; the forms the viewer may use
// are added by requestForms in request.go.

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
	Partial     *form // a partial answer (deels): comply in part
	Extend      *form
	Contest     *form
	Withdraw    *form
	Close       *form
	// KnelpuntID is the knelpunt whose rung the request is, or 0: such a
	// request is answered on the knelpunt's page, where adopting it takes
	// it up the ladder.
	KnelpuntID int64
	// AssessmentID is the assessment whose request (uitvoeringstoets) or
	// answer request (toetsreactie) this is, or 0: such a request is
	// answered on the assessment's page, item by item.
	AssessmentID int64
}

// Acts reports whether the viewer may do anything now.
func (d requestData) Acts() bool {
	return d.Acknowledge || d.KnelpuntID != 0 || d.AssessmentID != 0 || d.Comply != nil || d.Explain != nil || d.Partial != nil || d.Extend != nil || d.Contest != nil || d.Withdraw != nil || d.Close != nil
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

// requestSources are the service results a request's page is made of.
type requestSources struct {
	Request       *schakel.Request
	Events        []*schakel.Event
	Orgs          orgIndex
	PrincipleName func(code string) string
	// UserNames are the names of the people the request names, by id (see
	// requestUserIDs).
	UserNames map[int64]string
	// Brake is what the brake adds, or nil when the request is no brake.
	Brake *brakeView
}

// requestUserIDs are the users a request's page names: the requester and
// whoever acted in its events, unless anonymous, protected or schakel
// itself.
func requestUserIDs(req *schakel.Request, evs []*schakel.Event) []int64 {
	var ids []int64
	add := func(p schakel.Party) {
		if namedParty(p) {
			ids = append(ids, p.UserID)
		}
	}
	add(req.Requester)
	for _, ev := range evs {
		add(ev.Actor)
	}
	return ids
}

// namedParty reports whether a party is known by a user's name.
func namedParty(p schakel.Party) bool {
	switch p.Kind {
	case schakel.PartySystem, schakel.PartyAnonymous, schakel.PartyProtected:
		return false
	}
	return true
}

// requestDataOf puts a request, its history and its brake into the words
// of the page pg: everything but the forms.
func requestDataOf(pg *page, src requestSources) requestData {
	req := src.Request
	addressee := func(a schakel.Addressee) string {
		return pg.T("%s, %s", src.Orgs.Name(a.OrganisationID), pg.Role(a.Role))
	}
	d := requestData{R: req, Current: addressee(req.Addressee()), Requester: partyName(pg, src.UserNames, src.Orgs, req.Requester), Brake: src.Brake}
	for i, a := range req.Ladder {
		d.Ladder = append(d.Ladder, rungView{Addressee: addressee(a), Current: i == req.Rung})
	}
	for _, g := range req.Grounds {
		d.Grounds = append(d.Grounds, groundView{Code: g.Principle, Name: src.PrincipleName(g.Principle), Text: g.Text})
	}
	for _, ev := range src.Events {
		d.Events = append(d.Events, eventViewOf(pg, src, ev, addressee))
	}
	return d
}

// brakeViewOf puts what brake b adds to its request into words.
func brakeViewOf(pg *page, b *schakel.Brake) *brakeView {
	v := &brakeView{Level: pg.BrakeLevel(b.Level), Concerned: b.Concerned, WantedOutcome: b.WantedOutcome, DecisionDate: b.DecisionDate}
	if b.Level == schakel.LevelProfessional {
		v.Identity = pg.Identity(b.Identity)
	}
	if b.Level == schakel.LevelCitizen {
		v.DecisionReference = b.DecisionReference
	}
	if len(b.RuleRefs) > 0 {
		// Labelled as Dutch citations, marked as such on an English page.
		v.Rules = caseRuleViews(pg, b.RuleRefs)
	}
	return v
}

// partyName says who a party is: a person by name (from names), a person
// for an organisation, anonymous or schakel itself.
func partyName(pg *page, names map[int64]string, orgs orgIndex, p schakel.Party) string {
	switch p.Kind {
	case schakel.PartySystem:
		return pg.T("schakel (automatisch)")
	case schakel.PartyAnonymous:
		return pg.T("anoniem, bekend via een ontvangstbewijs")
	case schakel.PartyProtected:
		return pg.T("beschermd: alleen bekend bij de vertrouwenspersoon")
	}
	n := names[p.UserID]
	if p.OrganisationID != 0 {
		return pg.T("%s, namens %s", n, orgs.Name(p.OrganisationID))
	}
	return n
}

// eventViewOf puts an event of the request of src into words; addressee
// names a rung of its ladder.
func eventViewOf(pg *page, src requestSources, ev *schakel.Event, addressee func(schakel.Addressee) string) eventView {
	req, principleName := src.Request, src.PrincipleName
	v := eventView{At: ev.At, Actor: partyName(pg, src.UserNames, src.Orgs, ev.Actor), Title: pg.T(eventTitles[ev.Type]), Late: ev.Data.Late}
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
	return v
}
