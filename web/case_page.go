package web

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/auth"
	"github.com/schakel-nl/schakel/authz"
	"github.com/schakel-nl/schakel/cases"
)

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
		{Name: "grondslag", Label: "Grondslag", Description: "Waarop rust het besluit? Niet nodig bij alleen een signaal.", Kind: kindSelect, RequiredWhen: "verplicht bij maatwerk of gezagsvol nee"},
		{Name: "grondslagToelichting", Label: "Toelichting op de grondslag", Description: "Welke bepaling of welk beginsel, en waarom die hier de ruimte geeft of niet.", Kind: kindTextarea, Spellcheck: true, RequiredWhen: "verplicht bij maatwerk of gezagsvol nee"},
		{Name: "afwegingen", Label: "Afwegingen", Anchor: fieldID(rowField("afwegingen", 0, "beginsel"))},
	}
	for i := 0; i < maxWeighingRows; i++ {
		specs = append(specs,
			fieldSpec{Name: rowField("afwegingen", i, "beginsel"), Label: "Beginsel", Kind: kindSelect, RequiredWhen: firstRow(i, "verplicht bij maatwerk of gezagsvol nee")},
			fieldSpec{Name: rowField("afwegingen", i, "hoe"), Label: "Hoe het is gewogen", Kind: kindTextarea, Spellcheck: true, RequiredWhen: firstRow(i, "verplicht bij maatwerk of gezagsvol nee")},
		)
	}
	specs = append(specs,
		fieldSpec{Name: "kostenCenten", Label: "Kosten van de fix, in euro", Description: "Eenmalige kosten, zoals 4120 of 4.120,50. Laat leeg als er geen kosten zijn.", Autocomplete: "off"}, // text: a numeric keyboard lacks the comma of the cents
		fieldSpec{Name: "uitleg", Label: "Uitleg voor de burger, in gewone taal", Description: "Wat betekent het besluit voor de burger, en waarom? Schrijf zoals u het zou zeggen.", Kind: kindTextarea, Required: true, Spellcheck: true},
		fieldSpec{Name: "signaal", Label: "Signaal: wat moet er structureel veranderen?", Description: "Een solve: beschrijf het probleem in de regel en een oplossing. Verplicht bij alleen een signaal.", Kind: kindTextarea, Spellcheck: true, RequiredWhen: "verplicht bij alleen een signaal"},
	)
	specs = append(specs, rowSpecs(pg, "signaalRegels", "Regels van het signaal", "Regel %d", "De regel die moet veranderen, zoals Wet WIA artikel 76.", maxSignalRules, false)...)
	return specs
}

func withdrawCaseFields() []fieldSpec {
	return []fieldSpec{{Name: "reden", Label: "Waarom u de casus intrekt", Description: "Intrekken is definitief; de geschiedenis blijft bewaard.", Kind: kindTextarea, Required: true, Spellcheck: true}}
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
func (h *Handler) renderCase(w http.ResponseWriter, r *http.Request, status int, id int64, act *actionResult) error {
	pg := h.newPage(r, "Casus")
	pg.Nav = "casussen"
	src, err := h.caseSources(r, pg, id)
	if err != nil {
		return err
	}
	pg.Title = src.Deliberation.Case.Title
	d := caseDataOf(pg, src)
	if err := h.caseForms(r, pg, &d, src.Deliberation.Invitations, act); err != nil {
		return err
	}
	if act == nil {
		if k, ok := caseDone[r.URL.Query().Get("gedaan")]; ok {
			d.Done = pg.T(k)
		}
	}
	d.showRefused(pg, act)
	d.decisionParts(pg)
	pg.Data = d
	h.render(w, r, status, "case", pg)
	return nil
}

// caseSources reads what the page of case id shows, for the viewer of pg:
// the case with its deliberation (ENOTFOUND when they may not see it), the
// names it mentions and its comparison with the register.
func (h *Handler) caseSources(r *http.Request, pg *page, id int64) (caseSources, error) {
	ctx := r.Context()
	delib, err := h.Cases.Deliberation(ctx, pg.User, id)
	if err != nil {
		return caseSources{}, err
	}
	src := caseSources{Deliberation: delib, Thresholds: h.Cases.Thresholds, Now: h.Clock.Now()}
	if src.Orgs, _, err = h.orgs(r); err != nil {
		return caseSources{}, err
	}
	if src.PrincipleName, err = h.principleNames(ctx, pg); err != nil {
		return caseSources{}, err
	}
	if src.UserNames, err = h.userNames(ctx, pg, caseUserIDs(delib)); err != nil {
		return caseSources{}, err
	}
	if src.Similar, err = h.Cases.SimilarTo(ctx, pg.User, id); err != nil {
		return caseSources{}, err
	}
	return src, nil
}

// maxColleagues bounds the colleagues the invitation form offers.
const maxColleagues = 500

// caseForms adds the forms of d the viewer of pg may use now, each filled
// with the values of act when it is the form of that refused action:
// inviting and deciding for those who manage the organisation's cases, a
// view for them and for whoever was invited (invs), withdrawing also for
// whoever submitted the case; none once the deliberation is over (only
// CanPublish, for a decided case).
func (h *Handler) caseForms(r *http.Request, pg *page, d *caseData, invs []*schakel.Invitation, act *actionResult) error {
	c := d.C
	manage := authz.Can(pg.User, authz.ManageCases, c.OrganisationID) == nil
	d.CanPublish = manage && c.State == schakel.CaseDecided
	d.CanCorrect = manage && c.State == schakel.CasePublished
	if !caseOpen(c.State) {
		return nil
	}
	if manage {
		users, err := h.Directory.Colleagues(r.Context(), pg.User, c.OrganisationID, maxColleagues)
		if err != nil {
			return err
		}
		d.Invite = inviteForm(pg, c.OrganisationID, users, act.valuesFor("invite"))
	}
	var mine []schakel.Perspective
	if manage {
		for _, row := range d.Perspectives {
			mine = append(mine, row.Code)
		}
	} else {
		for _, inv := range invs {
			if inv.UserID == pg.User.ID && !slices.Contains(mine, inv.Perspective) {
				mine = append(mine, inv.Perspective)
			}
		}
	}
	if len(mine) > 0 {
		d.View = viewForm(pg, mine, act.valuesFor("view"))
	}
	if manage {
		principles, err := h.principleOptions(r, pg)
		if err != nil {
			return err
		}
		d.Decide = decideForm(pg, principles, act.valuesFor("decide"))
	}
	if manage || c.SubmittedBy == pg.User.ID {
		d.Withdraw = newForm(pg.translator, withdrawCaseFields(), act.valuesFor("withdraw")).withPrefix(prefixCaseWithdraw)
	}
	return nil
}

// inviteForm is the form to invite a colleague of organisation orgID (one
// of users) to bring a perspective.
func inviteForm(pg *page, orgID int64, users []*schakel.User, values url.Values) *form {
	f := newForm(pg.translator, inviteFields(), values).withPrefix(prefixInvite)
	opts := []option{{Value: "", Label: pg.T("Kies een perspectief")}}
	for _, p := range schakel.StandardPerspectives {
		opts = append(opts, option{Value: string(p), Label: pg.Perspective(p)})
	}
	f.SetOptions("perspectief", opts)
	uopts := []option{{Value: "", Label: pg.T("Kies een collega")}}
	for _, u := range users {
		var roles []string
		for _, m := range u.Memberships {
			if m.OrganisationID == orgID {
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
	return f
}

// viewForm is the form to give a view from one of the perspectives mine.
func viewForm(pg *page, mine []schakel.Perspective, values url.Values) *form {
	f := newForm(pg.translator, viewFields(), values).withPrefix(prefixView)
	opts := []option{}
	if len(mine) > 1 {
		opts = append(opts, option{Value: "", Label: pg.T("Kies een perspectief")})
	}
	for _, p := range mine {
		opts = append(opts, option{Value: string(p), Label: pg.Perspective(p)})
	}
	f.SetOptions("perspectief", opts)
	return f
}

// decideForm is the form of the decision, its weighings choosing from the
// principles.
func decideForm(pg *page, principles []option, values url.Values) *form {
	f := newForm(pg.translator, decideFields(pg), values)
	gopts := []option{{Value: "", Label: pg.T("Kies een grondslag")}}
	for _, g := range cases.LegalGrounds {
		gopts = append(gopts, option{Value: g, Label: pg.LegalGround(g)})
	}
	f.SetOptions("grondslag", gopts)
	for i := 0; i < maxWeighingRows; i++ {
		f.SetOptions(rowField("afwegingen", i, "beginsel"), principles)
	}
	return f
}

// showRefused shows the refused action act (nil for none); see refusal.
func (d *caseData) showRefused(pg *page, act *actionResult) {
	if c := refusal(pg, act, d.actionForm, pg.T("Dit kan nu niet: de casus is %s.", pg.CaseState(d.C.State))); c != "" {
		d.Conflict = c
	}
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

// decisionParts sets the groups of the decision form (the outcome, the
// weighings and the rules of the signal) from its fields, errors included;
// nothing when the viewer may not decide.
func (d *caseData) decisionParts(pg *page) {
	f := d.Decide
	if f == nil {
		return
	}
	d.Outcome = choiceGroup{Field: f.Field("uitkomst"), Type: "radio", Legend: pg.T("Uitkomst"),
		Description: pg.T("Een fix is maatwerk of een gezagsvol nee; een solve is een signaal over de regel. Een fix kan ook samen met een signaal.")}
	for _, o := range schakel.Outcomes {
		d.Outcome.Choices = append(d.Outcome.Choices, choiceView{ID: fieldID("uitkomst-" + string(o)), Value: string(o),
			Label: pg.T(outcomeLabels[o]), Description: pg.T(outcomeDescriptions[o]), Checked: f.Value("uitkomst") == string(o)})
	}
	d.Weighings = rowGroup{Field: f.Field("afwegingen"), Legend: pg.T("Afwegingen: hoe de beginselen zijn gewogen"),
		Description: pg.T("Zeg per beginsel hoe het is gewogen. Verplicht bij maatwerk en bij een gezagsvol nee."),
		Form:        f, RowLegend: weighingLegend}.growing(pg, d.decideAction(), "Nog een afweging toevoegen", maxWeighingRows, "beginsel", "hoe")
	d.SignalRules = rowGroup{Field: f.Field("signaalRegels"), Legend: pg.T("Regels van het signaal"),
		Description: pg.T("Verplicht bij een signaal: de regels die moeten veranderen."),
		Form:        f}.growing(pg, d.decideAction(), "Nog een regel toevoegen", maxSignalRules)
}

// decideAction is the action of the decision form.
func (d *caseData) decideAction() string { return casePath(d.C.ID) + "/besluit" }

// casePost reads a form posted about the case of the path: its id and
// the user, who must be logged in; r.PostForm holds the form.
func (h *Handler) casePost(r *http.Request) (int64, *schakel.User, error) {
	if err := h.needCases(); err != nil {
		return 0, nil, err
	}
	id, ok := caseID(r)
	if !ok {
		return 0, nil, errNoPage
	}
	if err := parseForm(r); err != nil {
		return 0, nil, err
	}
	u := auth.UserFrom(r.Context())
	if u == nil {
		return 0, nil, schakel.Errorf(schakel.EUNAUTHORIZED, "Log in om dit te doen.")
	}
	return id, u, nil
}

// caseAction runs one action on the case of the path: on success it goes
// back to the case's page with ?gedaan=done; invalid input shows the page
// again with status 400 and the errors on the form formName; an action the
// state does not allow shows it with status 409; anything else gets its
// error page (a login for a visitor, 403 for a role that may not).
func (h *Handler) caseAction(w http.ResponseWriter, r *http.Request, formName, done string,
	do func(ctx context.Context, u *schakel.User, id int64, f url.Values) error) error {
	id, u, err := h.casePost(r)
	if err != nil {
		return err
	}
	if addingRow(r.PostForm) {
		return h.renderCase(w, r, http.StatusOK, id, &actionResult{form: formName, values: r.PostForm})
	}
	err = do(r.Context(), u, id, r.PostForm)
	switch schakel.ErrorCode(err) {
	case "":
		http.Redirect(w, r, casePath(id)+"?gedaan="+done, http.StatusSeeOther)
	case schakel.EINVALID:
		return h.renderCase(w, r, http.StatusBadRequest, id, &actionResult{form: formName, values: r.PostForm, err: err})
	case schakel.ECONFLICT:
		return h.renderCase(w, r, http.StatusConflict, id, &actionResult{form: formName, values: r.PostForm, err: err})
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
