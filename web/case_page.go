package web

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/auth"
	"github.com/schakel-nl/schakel/authz"
	"github.com/schakel-nl/schakel/cases"
	"github.com/schakel-nl/schakel/precedent"
)

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

// caseDone are the messages after an action on a case succeeded, by the
// value of ?gedaan=.
var caseDone = map[string]string{
	"ingediend":   "Uw casus is ingediend. De coördinator brengt de perspectieven aan tafel.",
	"uitgenodigd": "De uitnodiging is vastgelegd.",
	"standpunt":   "Het standpunt is vastgelegd.",
	"besloten":    "Het besluit is vastgelegd.",
	"ingetrokken": "De casus is ingetrokken.",
}

// The rows of the decision form.
const (
	maxWeighingRows = 4
	maxSignalRules  = 3
)

// weighingLegend is the legend of a row of the weighings.
const weighingLegend = "Afweging %d"

// The id prefixes of the forms of a case's page with fields of one name.
const (
	prefixInvite       = "uitnodigen-"
	prefixView         = "standpunt-"
	prefixCaseWithdraw = "intrekken-"
)

func inviteFields() []fieldSpec {
	return []fieldSpec{
		{Name: "perspectief", Label: "Perspectief", Description: "Welk perspectief ontbreekt nog aan tafel?", Kind: kindSelect},
		{Name: "anderPerspectief", Label: "Of een ander perspectief", Description: "Bijvoorbeeld wijkagent of schuldhulp: kleine letters, woorden met een koppelteken.", Autocomplete: "off"},
		{Name: "gebruiker", Label: "Collega", Description: "Iemand van de eigen organisatie: de casus verlaat de organisatie niet.", Kind: kindSelect, Required: true},
	}
}

func viewFields() []fieldSpec {
	return []fieldSpec{
		{Name: "perspectief", Label: "Perspectief", Kind: kindSelect, Required: true},
		{Name: "standpunt", Label: "Standpunt", Description: "Wat ziet u vanuit dit perspectief? Wat weegt voor u het zwaarst?", Kind: kindTextarea, Required: true, Spellcheck: true},
	}
}

func decideFields(pg *page) []fieldSpec {
	specs := []fieldSpec{
		{Name: "uitkomst", Label: "Uitkomst", Anchor: fieldID("uitkomst-" + string(schakel.OutcomeMaatwerk))},
		{Name: "grondslag", Label: "Grondslag", Description: "Waarop rust het besluit? Niet nodig bij alleen een signaal.", Kind: kindSelect},
		{Name: "grondslagToelichting", Label: "Toelichting op de grondslag", Description: "Welke bepaling of welk beginsel, en waarom die hier de ruimte geeft of niet.", Kind: kindTextarea, Spellcheck: true},
		{Name: "afwegingen", Label: "Afwegingen", Anchor: fieldID(rowField("afwegingen", 0, "beginsel"))},
	}
	for i := 0; i < maxWeighingRows; i++ {
		specs = append(specs,
			fieldSpec{Name: rowField("afwegingen", i, "beginsel"), Label: "Beginsel", Kind: kindSelect},
			fieldSpec{Name: rowField("afwegingen", i, "hoe"), Label: "Hoe het is gewogen", Kind: kindTextarea, Spellcheck: true},
		)
	}
	specs = append(specs,
		fieldSpec{Name: "kostenCenten", Label: "Kosten van de fix, in euro", Description: "Eenmalige kosten, zoals 4120 of 4.120,50. Laat leeg als er geen kosten zijn.", Autocomplete: "off"}, // text: a numeric keyboard lacks the comma of the cents
		fieldSpec{Name: "uitleg", Label: "Uitleg voor de burger, in gewone taal", Description: "Wat betekent het besluit voor de burger, en waarom? Schrijf zoals u het zou zeggen.", Kind: kindTextarea, Required: true, Spellcheck: true},
		fieldSpec{Name: "signaal", Label: "Signaal: wat moet er structureel veranderen?", Description: "Een solve: beschrijf het probleem in de regel en een oplossing. Verplicht bij alleen een signaal.", Kind: kindTextarea, Spellcheck: true},
	)
	specs = append(specs, rowSpecs(pg, "signaalRegels", "Regels van het signaal", "Regel %d", "De regel die moet veranderen, zoals jci1.3:c:BWBR0019057&artikel=76.", maxSignalRules, false)...)
	return specs
}

func withdrawCaseFields() []fieldSpec {
	return []fieldSpec{{Name: "reden", Label: "Waarom u de casus intrekt", Description: "Intrekken is definitief; de geschiedenis blijft bewaard.", Kind: kindTextarea, Required: true, Spellcheck: true}}
}

// caseAct is a refused action to show on the case page: which form, the
// values entered and the error.
type caseAct struct {
	form   string // "invite", "view", "decide" or "withdraw"
	values url.Values
	err    error
}

// caseID reads the id of the path.
func caseID(r *http.Request) (int64, bool) {
	s := r.PathValue("id")
	id, err := strconv.ParseInt(s, 10, 64)
	return id, err == nil && id > 0 && strconv.FormatInt(id, 10) == s
}

// CasePage shows a case to the members of its organisation: the case, the
// perspectives at the table, similar published cases with the consistency
// warning and the solve proposal, the decision, the history and the forms
// the viewer may use now; GET /casussen/{id}.
func (h *Handler) CasePage(w http.ResponseWriter, r *http.Request) error {
	if err := h.needCases(); err != nil {
		return err
	}
	id, ok := caseID(r)
	if !ok {
		return errNoPage
	}
	return h.renderCase(w, r, http.StatusOK, id, nil)
}

// renderCase renders the page of case id; act is the action that was just
// refused, or nil.
func (h *Handler) renderCase(w http.ResponseWriter, r *http.Request, status int, id int64, act *caseAct) error {
	pg := h.newPage(r, "Casus")
	pg.Nav = "casussen"
	ctx := r.Context()
	delib, err := h.Cases.Deliberation(ctx, pg.User, id)
	if err != nil {
		return err
	}
	c := delib.Case
	pg.Title = c.Title
	orgs, _, err := h.orgs(r)
	if err != nil {
		return err
	}
	principleName, err := h.principleNames(ctx, pg)
	if err != nil {
		return err
	}
	names := &userNames{h: h, ctx: ctx, names: map[int64]string{}}
	name := func(id int64) (string, error) {
		if id == 0 {
			return "", nil
		}
		return names.name(pg, id)
	}
	d := caseData{C: c, Organisation: orgs.Name(c.OrganisationID), Rules: caseRuleViews(pg, c.RuleRefs), Principles: principleViews(principleName, c.Principles)}
	if d.SubmittedBy, err = name(c.SubmittedBy); err != nil {
		return err
	}

	// The table.
	invs, views := delib.Invitations, delib.Views
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
	for _, inv := range invs {
		n, err := name(inv.UserID)
		if err != nil {
			return err
		}
		pr := row(inv.Perspective)
		pr.Invited = append(pr.Invited, n)
	}
	for _, v := range views {
		n, err := name(v.UserID)
		if err != nil {
			return err
		}
		pr := row(v.Perspective)
		pr.Views = append(pr.Views, viewView{Text: v.Text, By: n, At: v.At})
	}
	for _, p := range order {
		d.Perspectives = append(d.Perspectives, *rows[p])
	}
	for _, p := range cases.Missing(views) {
		d.Missing = append(d.Missing, pg.Perspective(p))
	}

	// The decision.
	if dec := delib.Decision; dec != nil {
		dv := &decisionView{Outcome: dec.Outcome, LegalGround: dec.LegalGround, LegalGroundText: dec.LegalGroundText,
			Weighings: weighingViews(principleName, dec.Weighings), CostCents: dec.CostCents, Explanation: dec.Explanation, At: dec.At}
		if dec.Signal != nil {
			dv.HasSignal, dv.SignalText, dv.SignalRules = true, dec.Signal.Text, caseRuleViews(pg, dec.Signal.RuleRefs)
		}
		if dv.By, err = name(dec.DecidedBy); err != nil {
			return err
		}
		d.Decision = dv
	}

	// The history.
	for _, ev := range delib.History {
		v := eventView{At: ev.At, Title: pg.T(caseEventTitles[ev.Type])}
		if _, ok := caseEventTitles[ev.Type]; !ok {
			v.Title = string(ev.Type)
		}
		if v.Actor, err = name(ev.UserID); err != nil {
			return err
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
		d.Events = append(d.Events, v)
	}

	// The register.
	if d.Similar, err = h.similarView(ctx, pg, orgs, c, d.Decision); err != nil {
		return err
	}

	// The forms the viewer may use now.
	values := func(name string) url.Values {
		if act != nil && act.form == name && schakel.ErrorCode(act.err) == schakel.EINVALID {
			return act.values
		}
		return nil
	}
	manage := authz.Can(pg.User, authz.ManageCases, c.OrganisationID) == nil
	d.CanPublish = manage && c.State == schakel.CaseDecided
	if caseOpen(c.State) {
		if manage {
			f := newForm(pg.translator, inviteFields(), values("invite")).withPrefix(prefixInvite)
			opts := []option{{Value: "", Label: pg.T("Kies een perspectief")}}
			for _, p := range schakel.StandardPerspectives {
				opts = append(opts, option{Value: string(p), Label: pg.Perspective(p)})
			}
			f.SetOptions("perspectief", opts)
			users, _, err := h.Users.Users(ctx, schakel.UserFilter{OrganisationID: c.OrganisationID, Limit: 500})
			if err != nil {
				return err
			}
			uopts := []option{{Value: "", Label: pg.T("Kies een collega")}}
			for _, u := range users {
				var roles []string
				for _, m := range u.Memberships {
					if m.OrganisationID == c.OrganisationID {
						roles = append(roles, pg.Role(m.Role))
					}
				}
				label := u.Name
				if len(roles) > 0 {
					label += " (" + strings.Join(roles, ", ") + ")"
				}
				uopts = append(uopts, option{Value: strconv.FormatInt(u.ID, 10), Label: label})
			}
			f.SetOptions("gebruiker", uopts)
			d.Invite = f
		}
		var mine []schakel.Perspective
		if manage {
			mine = order
		} else {
			for _, inv := range invs {
				if inv.UserID == pg.User.ID && !containsPerspective(mine, inv.Perspective) {
					mine = append(mine, inv.Perspective)
				}
			}
		}
		if len(mine) > 0 {
			f := newForm(pg.translator, viewFields(), values("view")).withPrefix(prefixView)
			opts := []option{}
			if len(mine) > 1 {
				opts = append(opts, option{Value: "", Label: pg.T("Kies een perspectief")})
			}
			for _, p := range mine {
				opts = append(opts, option{Value: string(p), Label: pg.Perspective(p)})
			}
			f.SetOptions("perspectief", opts)
			d.View = f
		}
		if manage {
			f := newForm(pg.translator, decideFields(pg), values("decide"))
			gopts := []option{{Value: "", Label: pg.T("Kies een grondslag")}}
			for _, g := range cases.LegalGrounds {
				gopts = append(gopts, option{Value: g, Label: pg.LegalGround(g)})
			}
			f.SetOptions("grondslag", gopts)
			popts, err := h.principleOptions(r, pg)
			if err != nil {
				return err
			}
			for i := 0; i < maxWeighingRows; i++ {
				f.SetOptions(rowField("afwegingen", i, "beginsel"), popts)
			}
			d.Decide = f
		}
		if manage || c.SubmittedBy == pg.User.ID {
			d.Withdraw = newForm(pg.translator, withdrawCaseFields(), values("withdraw")).withPrefix(prefixCaseWithdraw)
		}
	}
	if act == nil {
		if k, ok := caseDone[r.URL.Query().Get("gedaan")]; ok {
			d.Done = pg.T(k)
		}
	}
	if act != nil {
		switch schakel.ErrorCode(act.err) {
		case schakel.EINVALID:
			f, fallback := d.actionForm(act.form)
			if f == nil {
				d.Conflict = pg.T("Dit kan nu niet: de casus is %s.", pg.CaseState(c.State))
				break
			}
			if !f.AddFieldErrors(act.err, fallback) {
				f.AddError(fallback, pg.ErrorMessage(act.err))
			}
			pg.Form = f
		case schakel.ECONFLICT:
			d.Conflict = pg.T("Dit kan nu niet: de casus is %s.", pg.CaseState(c.State))
			// The service says why in Dutch; show it when the page can.
			if msg := schakel.ErrorMessage(act.err); pg.lang == langNL || english[msg] != "" {
				d.Conflict += " " + pg.T(msg)
			}
		}
	}
	if d.Decide != nil {
		f := d.Decide
		d.Outcome = choiceGroup{Field: f.Field("uitkomst"), Type: "radio", Legend: pg.T("Uitkomst"),
			Description: pg.T("Een fix is maatwerk of een gezagsvol nee; een solve is een signaal over de regel. Een fix kan ook samen met een signaal.")}
		for _, o := range schakel.Outcomes {
			d.Outcome.Choices = append(d.Outcome.Choices, choiceView{ID: fieldID("uitkomst-" + string(o)), Value: string(o),
				Label: pg.T(outcomeLabels[o]), Description: pg.T(outcomeDescriptions[o]), Checked: f.Value("uitkomst") == string(o)})
		}
		d.Weighings = rowGroup{Field: f.Field("afwegingen"), Legend: pg.T("Afwegingen: hoe de beginselen zijn gewogen"),
			Description: pg.T("Zeg per beginsel hoe het is gewogen. Verplicht bij maatwerk en bij een gezagsvol nee."),
			Rows:        rowsOf("afwegingen", maxWeighingRows, "beginsel", "hoe"), Form: f, RowLegend: weighingLegend}
		d.SignalRules = rowGroup{Field: f.Field("signaalRegels"), Legend: pg.T("Regels van het signaal"),
			Description: pg.T("Verplicht bij een signaal: de regels die moeten veranderen."),
			Rows:        rowsOf("signaalRegels", maxSignalRules), Form: f}
	}
	pg.Data = d
	h.render(w, r, status, "case", pg)
	return nil
}

func containsPerspective(ps []schakel.Perspective, p schakel.Perspective) bool {
	for _, v := range ps {
		if v == p {
			return true
		}
	}
	return false
}

// actionForm returns the form of an action and the field its errors fall
// back to.
func (d caseData) actionForm(name string) (*form, string) {
	switch name {
	case "invite":
		return d.Invite, "perspectief"
	case "view":
		return d.View, "standpunt"
	case "decide":
		return d.Decide, "uitkomst"
	case "withdraw":
		return d.Withdraw, "reden"
	}
	return nil, ""
}

// similarView compares the case with the register: the similar published
// cases; once decided, those decided otherwise; before a decision, the two
// sides when the similar cases disagree; and the solve proposal, which
// before a decision is shown when maatwerk for this case would make the
// pile.
func (h *Handler) similarView(ctx context.Context, pg *page, orgs orgIndex, c *schakel.Case, dec *decisionView) (similarView, error) {
	var v similarView
	sim, err := h.Cases.SimilarTo(ctx, pg.User, c.ID)
	if err != nil {
		return v, err
	}
	conv := func(ms []precedent.Match) []similarRow {
		out := make([]similarRow, 0, len(ms))
		for _, m := range ms {
			row := similarRow{ID: m.Item.ID, Organisation: orgs.Name(m.Item.OrganisationID), Outcome: m.Item.Outcome, At: m.Item.DecidedAt, Score: m.Score}
			if p := sim.Precedents[m.Item.ID]; p != nil {
				row.Title = p.Title
			}
			out = append(out, row)
		}
		return out
	}
	v.Rows = conv(sim.Matches)
	v.Inconsistent = conv(sim.Inconsistent)
	th := h.Cases.Thresholds
	if dec == nil && sim.Divergent {
		// The caller names the two sides with Inconsistent (see
		// precedent.Divergent).
		v.Fixes = conv(precedent.Inconsistent(schakel.OutcomeNo, sim.Matches, th))
		v.Noes = conv(precedent.Inconsistent(schakel.OutcomeMaatwerk, sim.Matches, th))
	}
	p := sim.Proposal
	ifMaatwerk := false
	if p == nil && dec == nil && caseOpen(c.State) {
		now := h.Clock.Now()
		p = precedent.SolveProposal(precedent.Item{ID: c.ID, OrganisationID: c.OrganisationID, RuleRefs: c.RuleRefs, Principles: c.Principles,
			Outcome: schakel.OutcomeMaatwerk, DecidedAt: now}, sim.Matches, now, th)
		ifMaatwerk = p != nil
	}
	if p != nil {
		v.Proposal = &proposalView{Count: p.Count, Since: p.Since, Rules: caseRuleViews(pg, p.RuleRefs), Cases: conv(p.Cases), IfMaatwerk: ifMaatwerk,
			SignalRaised: dec != nil && dec.HasSignal}
	}
	return v, nil
}

// caseAction runs one action on the case of the path: on success it goes
// back to the case's page with ?gedaan=done; invalid input shows the page
// again with status 400 and the errors on the form formName; an action the
// state does not allow shows it with status 409; anything else gets its
// error page (a login for a visitor, 403 for a role that may not).
func (h *Handler) caseAction(w http.ResponseWriter, r *http.Request, formName, done string,
	do func(ctx context.Context, u *schakel.User, id int64, f url.Values) error) error {
	if err := h.needCases(); err != nil {
		return err
	}
	id, ok := caseID(r)
	if !ok {
		return errNoPage
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
		http.Redirect(w, r, casePath(id)+"?gedaan="+done, http.StatusSeeOther)
	case schakel.EINVALID:
		return h.renderCase(w, r, http.StatusBadRequest, id, &caseAct{form: formName, values: r.PostForm, err: err})
	case schakel.ECONFLICT:
		return h.renderCase(w, r, http.StatusConflict, id, &caseAct{form: formName, values: r.PostForm, err: err})
	default:
		return err
	}
	return nil
}

// otherPerspective turns a perspective typed by hand into a code: lower
// case, words joined by hyphens.
var spaces = regexp.MustCompile(`[\s_]+`)

func otherPerspective(s string) string {
	return spaces.ReplaceAllString(strings.ToLower(strings.TrimSpace(s)), "-")
}

// InviteToCase asks a colleague to bring a perspective, for the coordinator
// or the board; POST /casussen/{id}/uitnodiging.
func (h *Handler) InviteToCase(w http.ResponseWriter, r *http.Request) error {
	return h.caseAction(w, r, "invite", "uitgenodigd", func(ctx context.Context, u *schakel.User, id int64, f url.Values) error {
		p := strings.TrimSpace(f.Get("perspectief"))
		other := otherPerspective(f.Get("anderPerspectief"))
		if other != "" {
			p = other
		}
		userID, _ := strconv.ParseInt(strings.TrimSpace(f.Get("gebruiker")), 10, 64)
		_, err := h.Cases.Invite(ctx, u, id, schakel.Perspective(p), userID)
		if other != "" {
			err = mapFields(err, func(field string) string {
				if field == "perspectief" {
					return "anderPerspectief"
				}
				return field
			})
		}
		return err
	})
}

// AddCaseView records the view of an invited perspective (or the
// coordinator's); POST /casussen/{id}/standpunt.
func (h *Handler) AddCaseView(w http.ResponseWriter, r *http.Request) error {
	return h.caseAction(w, r, "view", "standpunt", func(ctx context.Context, u *schakel.User, id int64, f url.Values) error {
		_, err := h.Cases.AddView(ctx, u, id, schakel.Perspective(strings.TrimSpace(f.Get("perspectief"))), f.Get("standpunt"))
		return err
	})
}

// DecideCase records the decision, for the coordinator or the board; POST
// /casussen/{id}/besluit.
func (h *Handler) DecideCase(w http.ResponseWriter, r *http.Request) error {
	return h.caseAction(w, r, "decide", "besloten", func(ctx context.Context, u *schakel.User, id int64, f url.Values) error {
		in := cases.DecideInput{
			Outcome:         schakel.Outcome(strings.TrimSpace(f.Get("uitkomst"))),
			LegalGround:     strings.TrimSpace(f.Get("grondslag")),
			LegalGroundText: f.Get("grondslagToelichting"),
			Explanation:     f.Get("uitleg"),
			SignalText:      strings.TrimSpace(f.Get("signaal")),
		}
		var weighingRows []int
		for i := 0; i < maxWeighingRows; i++ {
			p := strings.TrimSpace(f.Get(rowField("afwegingen", i, "beginsel")))
			how := strings.TrimSpace(f.Get(rowField("afwegingen", i, "hoe")))
			if p == "" && how == "" {
				continue
			}
			in.Weighings = append(in.Weighings, schakel.Weighing{Principle: p, How: how})
			weighingRows = append(weighingRows, i)
		}
		var signalRows []int
		in.SignalRuleRefs, signalRows = readRows(f, "signaalRegels", maxSignalRules)
		var v schakel.Validation
		cost, ok := parseEuros(f.Get("kostenCenten"))
		if !ok {
			v.Add("kostenCenten", "format", "Geef een bedrag in euro, zoals 4120 of 4.120,50.")
		}
		in.CostCents, in.Problems = cost, v.Fields()
		_, err := h.Cases.Decide(ctx, u, id, in)
		return remapRows(remapRows(err, "afwegingen", weighingRows), "signaalRegels", signalRows)
	})
}

// WithdrawCase ends a case that is not decided, for whoever submitted it,
// the coordinator or the board; POST /casussen/{id}/intrekking.
func (h *Handler) WithdrawCase(w http.ResponseWriter, r *http.Request) error {
	return h.caseAction(w, r, "withdraw", "ingetrokken", func(ctx context.Context, u *schakel.User, id int64, f url.Values) error {
		_, err := h.Cases.Withdraw(ctx, u, id, f.Get("reden"))
		return err
	})
}
