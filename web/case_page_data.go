package web

import (
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/cases"
	"github.com/schakel-nl/schakel/precedent"
)

// The data of a case's page, assembled from what the services returned
// (caseDataOf) without HTTP or the store; the forms the viewer may use are
// added by caseForms in case_page.go.

// caseData is the Data of a case's page.
type caseData struct {
	C            *schakel.Case
	Organisation string
	SubmittedBy  string
	Rules        []ruleView
	Principles   []principleView
	Perspectives []perspectiveRow
	Missing      []string // the standard perspectives without a view, named
	Events       []eventView
	Similar      similarView
	Decision     *decisionView
	Done         string // the success message after an action, translated
	Conflict     string // why the action just tried cannot be done now, translated
	// CanPublish: the viewer may review and publish the decided case.
	CanPublish bool
	// CanCorrect: the viewer may correct or withdraw the publication.
	CanCorrect bool
	// The forms the viewer may use now; nil when they may not.
	Invite   *form
	View     *form
	Decide   *form
	Withdraw *form
	// The parts of the decision form.
	Outcome     choiceGroup
	Weighings   rowGroup
	SignalRules rowGroup
}

// Acts reports whether the viewer may do anything now.
func (d caseData) Acts() bool {
	return d.Invite != nil || d.View != nil || d.Decide != nil || d.Withdraw != nil
}

// Open reports whether the case is still being deliberated.
func (d caseData) Open() bool { return caseOpen(d.C.State) }

func caseOpen(s schakel.CaseState) bool {
	return s == schakel.CaseSubmitted || s == schakel.CaseDeliberation
}

// perspectiveRow is one perspective at the table: who was invited and what
// they said.
type perspectiveRow struct {
	Code     schakel.Perspective
	Name     string
	Standard bool
	Invited  []string // names
	Views    []viewView
}

// viewView is one view of a perspective.
type viewView struct {
	Text string
	By   string
	At   time.Time
}

// similarView is what the register says about the case.
type similarView struct {
	Rows []similarRow
	// Inconsistent are the similar cases decided otherwise than this
	// case was: the consistency warning names them.
	Inconsistent []similarRow
	// Before a decision, when the similar cases disagree: the two sides.
	Fixes, Noes []similarRow
	Proposal    *proposalView
}

// similarRow is a similar published case.
type similarRow struct {
	ID           int64
	Title        string
	Organisation string
	Outcome      schakel.Outcome
	At           time.Time
	Score        float64
}

// proposalView is the proposal to turn repeated fixes into a solve.
type proposalView struct {
	Count int
	Since time.Time
	Rules []ruleView
	Cases []similarRow
	// IfMaatwerk: the proposal holds only if this case, not decided yet,
	// gets maatwerk too.
	IfMaatwerk bool
	// SignalRaised: the decision of this case already raised a signal.
	SignalRaised bool
}

// decisionView is the decision of a case, in words.
type decisionView struct {
	Outcome         schakel.Outcome
	LegalGround     string
	LegalGroundText string
	Weighings       []weighingView
	CostCents       int64
	Explanation     string
	SignalText      string
	SignalRules     []ruleView
	HasSignal       bool
	By              string
	At              time.Time
}

// caseSources are the service results a case's page is made of.
type caseSources struct {
	Deliberation *cases.Deliberation
	// Similar is the comparison of the case with the register.
	Similar       *cases.Similar
	Orgs          orgIndex
	PrincipleName func(code string) string
	// UserNames are the names of the users the case mentions, by id (see
	// caseUserIDs).
	UserNames map[int64]string
	// Thresholds and Now are those of the solve proposal the page makes
	// before a decision.
	Thresholds precedent.Thresholds
	Now        time.Time
}

// caseUserIDs are the users a case's page names: who submitted it, who
// was invited, who gave a view, who decided and who acted in its history.
func caseUserIDs(d *cases.Deliberation) []int64 {
	ids := []int64{d.Case.SubmittedBy}
	for _, inv := range d.Invitations {
		ids = append(ids, inv.UserID)
	}
	for _, v := range d.Views {
		ids = append(ids, v.UserID)
	}
	if d.Decision != nil {
		ids = append(ids, d.Decision.DecidedBy)
	}
	for _, ev := range d.History {
		ids = append(ids, ev.UserID)
	}
	out := ids[:0]
	for _, id := range ids {
		if id != 0 {
			out = append(out, id)
		}
	}
	return out
}

// caseDataOf puts a case, its deliberation and its comparison with the
// register into the words of the page pg: everything but the forms.
func caseDataOf(pg *page, src caseSources) caseData {
	delib := src.Deliberation
	c := delib.Case
	name := func(id int64) string { return src.UserNames[id] } // "" for nobody (0)
	d := caseData{C: c, Organisation: src.Orgs.Name(c.OrganisationID), SubmittedBy: name(c.SubmittedBy),
		Rules: caseRuleViews(pg, c.RuleRefs), Principles: principleViews(src.PrincipleName, c.Principles)}
	d.Perspectives = perspectiveRows(pg, delib, name)
	for _, p := range cases.Missing(delib.Views) {
		d.Missing = append(d.Missing, pg.Perspective(p))
	}
	d.Decision = decisionViewOf(pg, delib.Decision, src.PrincipleName, name)
	d.Events = caseEventViews(pg, delib.History, name)
	d.Similar = similarViewOf(pg, src, d.Decision)
	return d
}

// perspectiveRows are the perspectives at the table: the standard ones,
// then any other that was invited or gave a view, in the order they came.
func perspectiveRows(pg *page, delib *cases.Deliberation, name func(int64) string) []perspectiveRow {
	rows := map[schakel.Perspective]*perspectiveRow{}
	var order []schakel.Perspective
	row := func(p schakel.Perspective) *perspectiveRow {
		if pr, ok := rows[p]; ok {
			return pr
		}
		_, standard := perspectiveNames[p]
		pr := &perspectiveRow{Code: p, Name: pg.Perspective(p), Standard: standard}
		rows[p] = pr
		order = append(order, p)
		return pr
	}
	for _, p := range schakel.StandardPerspectives {
		row(p)
	}
	for _, inv := range delib.Invitations {
		pr := row(inv.Perspective)
		pr.Invited = append(pr.Invited, name(inv.UserID))
	}
	for _, v := range delib.Views {
		pr := row(v.Perspective)
		pr.Views = append(pr.Views, viewView{Text: v.Text, By: name(v.UserID), At: v.At})
	}
	out := make([]perspectiveRow, 0, len(order))
	for _, p := range order {
		out = append(out, *rows[p])
	}
	return out
}

// decisionViewOf puts a decision into words; nil while there is none.
func decisionViewOf(pg *page, dec *schakel.Decision, principleName func(string) string, name func(int64) string) *decisionView {
	if dec == nil {
		return nil
	}
	dv := &decisionView{Outcome: dec.Outcome, LegalGround: dec.LegalGround, LegalGroundText: dec.LegalGroundText,
		Weighings: weighingViews(principleName, dec.Weighings), CostCents: dec.CostCents, Explanation: dec.Explanation,
		By: name(dec.DecidedBy), At: dec.At}
	if dec.Signal != nil {
		dv.HasSignal, dv.SignalText, dv.SignalRules = true, dec.Signal.Proposal, caseRuleViews(pg, dec.Signal.Refs())
	}
	return dv
}

// caseEventViews puts the history of a case into words.
func caseEventViews(pg *page, history []*schakel.CaseEvent, name func(int64) string) []eventView {
	var out []eventView
	for _, ev := range history {
		v := eventView{At: ev.At, Title: pg.T(caseEventTitles[ev.Type]), Actor: name(ev.UserID)}
		if _, ok := caseEventTitles[ev.Type]; !ok {
			v.Title = string(ev.Type)
		}
		switch ev.Type {
		case schakel.CaseEventInvited, schakel.CaseEventView:
			v.Details = append(v.Details, detail{Label: pg.T("Perspectief"), Text: pg.Perspective(schakel.Perspective(ev.Note))})
		case schakel.CaseEventDecided:
			v.Details = append(v.Details, detail{Label: pg.T("Uitkomst"), Text: pg.Outcome(schakel.Outcome(ev.Note))})
		case schakel.CaseEventWithdrawn:
			if ev.Note != "" {
				v.Details = append(v.Details, detail{Label: pg.T("Reden"), Text: ev.Note, Long: true})
			}
		}
		out = append(out, v)
	}
	return out
}

// similarViewOf compares the case with the register: the similar published
// cases; once decided, those decided otherwise; before a decision, the two
// sides when the similar cases disagree; and the solve proposal, which
// before a decision is shown when maatwerk for this case would make the
// pile. dec is the case's decision in words, or nil.
func similarViewOf(pg *page, src caseSources, dec *decisionView) similarView {
	var v similarView
	sim, c := src.Similar, src.Deliberation.Case
	if sim == nil {
		return v
	}
	conv := func(ms []precedent.Match) []similarRow {
		out := make([]similarRow, 0, len(ms))
		for _, m := range ms {
			row := similarRow{ID: m.Item.ID, Organisation: src.Orgs.Name(m.Item.OrganisationID), Outcome: m.Item.Outcome, At: m.Item.DecidedAt, Score: m.Score}
			if p := sim.Precedents[m.Item.ID]; p != nil {
				row.Title = p.Title
			}
			out = append(out, row)
		}
		return out
	}
	v.Rows = conv(sim.Matches)
	v.Inconsistent = conv(sim.Inconsistent)
	th := src.Thresholds
	if dec == nil && sim.Divergent {
		// The caller names the two sides with Inconsistent (see
		// precedent.Divergent).
		v.Fixes = conv(precedent.Inconsistent(schakel.OutcomeNo, sim.Matches, th))
		v.Noes = conv(precedent.Inconsistent(schakel.OutcomeMaatwerk, sim.Matches, th))
	}
	p := sim.Proposal
	ifMaatwerk := false
	if p == nil && dec == nil && caseOpen(c.State) {
		p = precedent.SolveProposal(precedent.Item{ID: c.ID, OrganisationID: c.OrganisationID, RuleRefs: c.RuleRefs, Principles: c.Principles,
			Outcome: schakel.OutcomeMaatwerk, DecidedAt: src.Now}, sim.Matches, src.Now, th)
		ifMaatwerk = p != nil
	}
	if p != nil {
		v.Proposal = &proposalView{Count: p.Count, Since: p.Since, Rules: caseRuleViews(pg, p.RuleRefs), Cases: conv(p.Cases), IfMaatwerk: ifMaatwerk,
			SignalRaised: dec != nil && dec.HasSignal}
	}
	return v
}
