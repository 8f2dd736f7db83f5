package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/auth"
	"github.com/schakel-nl/schakel/authz"
	"github.com/schakel-nl/schakel/redact"
	"github.com/schakel-nl/schakel/signals"
)

// The signal form (PRODUCT.md C5): a professional says which rule hurts,
// for whom, how much, what would solve it and at what cost. On the first
// submit the form shows the knelpunten of the organisation with similar
// signals, so the professional chooses to join one or to start a new one;
// then the signal is filed and the browser goes to its knelpunt.

// maxConflictRows is how many principles in conflict the form offers.
const maxConflictRows = 3

// The values of the hidden field "stap" and of the radio buttons
// "knelpunt".
const (
	stepChoose  = "keuze" // the suggestions were shown: the filer chooses
	choiceNewKP = "nieuw" // start a new knelpunt
)

// needSignals returns errNoPage when the signal pages are off: without
// their service they do not exist (404).
func (h *Handler) needSignals() error {
	if h.Signals == nil {
		return errNoPage
	}
	return nil
}

// SignalsOn reports whether the signal pages exist, for the navigation.
func (pg *page) SignalsOn() bool { return pg.h.Signals != nil }

// CanFileSignalAt reports whether the viewer may file a signal at the
// organisation with id orgID: the case page links to the signal form then.
func (pg *page) CanFileSignalAt(orgID int64) bool {
	return pg.SignalsOn() && pg.User != nil && authz.Can(pg.User, authz.FileSignal, orgID) == nil
}

// signalFields are the fields of the signal form.
func signalFields(pg *page) []fieldSpec {
	specs := []fieldSpec{
		{Name: "organisatie", Label: "Organisatie", Description: "De organisatie waar u werkt. Het signaal blijft binnen deze organisatie tot het bestuur het knelpunt doorstuurt.", Kind: kindSelect, Required: true},
		{Name: "titel", Label: "Titel", Description: "In één regel: welke regel knelt, en voor wie? Noem geen namen.", Required: true, Spellcheck: true},
	}
	specs = append(specs, rowSpecs(pg, "regels", "Regels", "Regel %d", "Een wetsartikel, zoals Wet WIA artikel 76 of een link naar wetten.overheid.nl, of een beleidsregel, zoals beleidsregel:uwv/BR-2024-12.", maxRuleRows, true)...)
	specs = append(specs,
		fieldSpec{Name: "groep", Label: "Voor wie knelt het?", Description: "De groep burgers die het treft, zoals: mensen met een voorschot op hun WIA-uitkering. Noem geen namen.", Required: true, Spellcheck: true},
		fieldSpec{Name: "gevolg", Label: "Wat gaat er mis?", Description: "Wat merken deze burgers van de regel? Schrijf het zonder namen, adressen of nummers.", Kind: kindTextarea, Required: true, Spellcheck: true},
		fieldSpec{Name: "burgers.van", Label: "Minstens", Description: "Een heel getal, zoals 2500. Vul 0 in als u het niet weet.", Kind: kindNumber, Autocomplete: "off"},
		fieldSpec{Name: "burgers.tot", Label: "Hoogstens", Description: "Een heel getal, minstens 1.", Kind: kindNumber, Required: true, Autocomplete: "off"},
		fieldSpec{Name: "burgers.methode", Label: "Hoe heeft u dit geschat?", Description: "Bijvoorbeeld: geteld in ons systeem, of geschat uit de casussen van ons team.", Required: true, Spellcheck: true},
		fieldSpec{Name: "oplossing", Label: "Soort oplossing", Anchor: fieldID("oplossing-" + string(schakel.Solutions[0]))},
		fieldSpec{Name: "voorstel", Label: "Wat moet er veranderen?", Description: "Uw voorstel: wat moet er anders, zodat de regel doet waarvoor hij bedoeld is?", Kind: kindTextarea, Required: true, Spellcheck: true},
		fieldSpec{Name: "kosten.eenmalig", Label: "Eenmalige kosten in euro", Description: "Een bedrag, zoals 25000 of 1.250,50. Laat leeg als er geen kosten zijn.", Kind: kindNumber, Autocomplete: "off"},
		fieldSpec{Name: "kosten.structureel", Label: "Kosten per jaar in euro", Description: "Wat de oplossing elk jaar kost. Laat leeg als er geen kosten zijn.", Kind: kindNumber, Autocomplete: "off"},
		fieldSpec{Name: "kosten.drager", Label: "Wie betaalt de kosten?", Description: "Nodig als er kosten zijn. Bijvoorbeeld: het ministerie, of de organisatie zelf.", Spellcheck: true},
		fieldSpec{Name: "conflicten", Label: "Beginselen", Anchor: fieldID(rowField("conflicten", 0, "beginsel"))},
	)
	for i := 0; i < maxConflictRows; i++ {
		specs = append(specs,
			fieldSpec{Name: rowField("conflicten", i, "beginsel"), Label: "Beginsel", Kind: kindSelect, Required: i == 0},
			fieldSpec{Name: rowField("conflicten", i, "reden"), Label: "Waarom dit beginsel in de knel komt", Kind: kindTextarea, Required: i == 0, Spellcheck: true},
		)
	}
	return append(specs,
		fieldSpec{Name: "casussen", Label: "Casussen", Description: "Nummers van casussen van uw organisatie die dit laten zien, gescheiden door komma's, zoals 12, 15.", Autocomplete: "off"},
		fieldSpec{Name: "noodremmen", Label: "Noodremmen", Description: "Nummers van noodremmen van uw organisatie die hierover gingen, gescheiden door komma's.", Autocomplete: "off"},
		fieldSpec{Name: "knelpunt", Label: "Knelpunt"},
	)
}

// signalFormData is the Data of the signal form.
type signalFormData struct {
	// SignalID is the raised signal being completed, or 0.
	SignalID  int64
	Rules     rowGroup
	Conflicts rowGroup
	Solution  choiceGroup
	// Suggestions are the knelpunten to choose from, or nil before they
	// were found (or when there are none).
	Suggestions *choiceGroup
	Conflict    string // why filing cannot be done now, translated
}

// signalRead is the signal form read into the service's input, with the
// rows each rule and principle came from and the number of cases among
// the evidence, to put the service's errors back on the form.
type signalRead struct {
	in           signals.FileInput
	ruleRows     []int
	conflictRows []int
	cases        int
}

// readSignalForm reads the signal form. Values that are no numbers are
// problems of the input, so the service names them with everything else.
func readSignalForm(f url.Values) signalRead {
	var v schakel.Validation
	sr := signalRead{in: signals.FileInput{
		Organisation:   strings.TrimSpace(f.Get("organisatie")),
		Title:          f.Get("titel"),
		Group:          f.Get("groep"),
		Effect:         f.Get("gevolg"),
		CitizensMethod: f.Get("burgers.methode"),
		Solution:       schakel.Solution(strings.TrimSpace(f.Get("oplossing"))),
		Proposal:       f.Get("voorstel"),
		CostBorneBy:    f.Get("kosten.drager"),
	}}
	in := &sr.in
	in.Rules, sr.ruleRows = readRows(f, "regels", maxRuleRows)
	in.CitizensLow = readCount(&v, "burgers.van", f.Get("burgers.van"))
	in.CitizensHigh = readCount(&v, "burgers.tot", f.Get("burgers.tot"))
	in.CostOnceCents = readEuros(&v, "kosten.eenmaligCenten", f.Get("kosten.eenmalig"))
	in.CostYearCents = readEuros(&v, "kosten.structureelCenten", f.Get("kosten.structureel"))
	for i := 0; i < maxConflictRows; i++ {
		p := strings.TrimSpace(f.Get(rowField("conflicten", i, "beginsel")))
		g := strings.TrimSpace(f.Get(rowField("conflicten", i, "reden")))
		if p == "" && g == "" {
			continue
		}
		in.Conflicts = append(in.Conflicts, signals.Conflict{Principle: p, Grounds: g})
		sr.conflictRows = append(sr.conflictRows, i)
	}
	for _, id := range readIDs(&v, "casussen", f.Get("casussen")) {
		in.Evidence = append(in.Evidence, schakel.Evidence{Kind: schakel.EvidenceCase, ID: id})
	}
	sr.cases = len(in.Evidence)
	for _, id := range readIDs(&v, "noodremmen", f.Get("noodremmen")) {
		in.Evidence = append(in.Evidence, schakel.Evidence{Kind: schakel.EvidenceBrake, ID: id})
	}
	if s := strings.TrimSpace(f.Get("signaal")); s != "" {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil || id <= 0 {
			v.Add("signaalId", "invalid", "Dit signaal bestaat niet. Begin opnieuw vanaf de casus.")
		}
		in.SignalID = id
	}
	in.Problems = v.Fields()
	return sr
}

// readChoice reads the knelpunt chosen among the suggestions: a number,
// or "nieuw" for a new one. Without a choice the signal starts a new
// knelpunt unless required, when the form showed knelpunten to choose.
func (sr *signalRead) readChoice(f url.Values, required bool) {
	var v schakel.Validation
	switch c := strings.TrimSpace(f.Get("knelpunt")); c {
	case choiceNewKP:
	case "":
		if required {
			v.Add("knelpuntId", "required", "Kies een knelpunt om bij aan te sluiten, of start een nieuw knelpunt.")
		}
	default:
		id, err := strconv.ParseInt(c, 10, 64)
		if err != nil || id <= 0 {
			v.Add("knelpuntId", "invalid", "Kies een van de knelpunten hierboven, of start een nieuw knelpunt.")
		}
		sr.in.KnelpuntID = id
	}
	sr.in.Problems = append(sr.in.Problems, v.Fields()...)
}

// formErrors puts the service's field errors on the fields of the form:
// rows where they were typed, the cents on the euro fields, the evidence
// on the field of its kind, and the knelpunt on its choice when the form
// shows one.
func (sr signalRead) formErrors(err error, choosing bool) error {
	err = remapRows(remapRows(err, "regels", sr.ruleRows), "conflicten", sr.conflictRows)
	return renameFields(err, func(fe schakel.FieldError) string {
		switch f := fe.Field; {
		case f == "kosten.eenmaligCenten":
			return "kosten.eenmalig"
		case f == "kosten.structureelCenten":
			return "kosten.structureel"
		case f == "knelpuntId" && choosing:
			return "knelpunt"
		case f == "knelpuntId", f == "signaalId", f == "casusId":
			return "titel"
		case f == "bewijs":
			if strings.HasPrefix(fe.Format, "Noodrem") {
				return "noodremmen"
			}
			return "casussen"
		case strings.HasPrefix(f, "bewijs["):
			if i, ok := rowIndex(f, "bewijs"); ok && i >= sr.cases {
				return "noodremmen"
			}
			return "casussen"
		case f == "burgers":
			return "burgers.tot"
		}
		return fe.Field
	})
}

// rowIndex reads i from a field "<group>[i]…".
func rowIndex(field, group string) (int, bool) {
	rest, ok := strings.CutPrefix(field, group+"[")
	if !ok {
		return 0, false
	}
	end := strings.IndexByte(rest, ']')
	if end < 0 {
		return 0, false
	}
	i, err := strconv.Atoi(rest[:end])
	return i, err == nil
}

// renameFields renames the fields of an EINVALID error with rename; any
// other error is returned as it is.
func renameFields(err error, rename func(schakel.FieldError) string) error {
	var e *schakel.Error
	if !errors.As(err, &e) || e.Code != schakel.EINVALID {
		return err
	}
	out := &schakel.Error{Code: e.Code, Message: e.Message}
	for _, fe := range e.Fields {
		fe.Field = rename(fe)
		out.Fields = append(out.Fields, fe)
	}
	return out
}

// fileOrgs returns the organisations where u may file a signal.
func (h *Handler) fileOrgs(r *http.Request, u *schakel.User) ([]*schakel.Organisation, error) {
	return h.orgsWhere(r, u, authz.FileSignal)
}

// orgsWhere returns the organisations where u may do action.
func (h *Handler) orgsWhere(r *http.Request, u *schakel.User, action authz.Action) ([]*schakel.Organisation, error) {
	_, all, err := h.orgs(r)
	if err != nil {
		return nil, err
	}
	var out []*schakel.Organisation
	for _, o := range all {
		if authz.Can(u, action, o.ID) == nil {
			out = append(out, o)
		}
	}
	return out, nil
}

// NewSignalForm shows the signal form to a member who may file signals;
// GET /signalen/nieuw. ?signaal=<id> completes a signal a case decision
// raised, ?casus=<id> the signal raised by that case's decision; both come
// prefilled. ?organisatie=<code> chooses the organisation.
func (h *Handler) NewSignalForm(w http.ResponseWriter, r *http.Request) error {
	if err := h.needSignals(); err != nil {
		return err
	}
	u := auth.UserFrom(r.Context())
	if u == nil {
		return schakel.Errorf(schakel.EUNAUTHORIZED, "Log in om een signaal te geven.")
	}
	q := r.URL.Query()
	values := url.Values{}
	if code := strings.TrimSpace(q.Get("organisatie")); code != "" {
		values.Set("organisatie", code)
	}
	sig, err := h.raisedSignal(r, u, q)
	if err != nil {
		return err
	}
	if sig != nil {
		if sig.State != schakel.SignalRaised {
			http.Redirect(w, r, signalPath(sig.ID), http.StatusSeeOther)
			return nil
		}
		orgs, _, err := h.orgs(r)
		if err != nil {
			return err
		}
		prefillRaised(values, sig, orgs)
	}
	if err := h.prefillBrake(r, u, q, values); err != nil {
		return err
	}
	return h.renderSignalForm(w, r, http.StatusOK, values, nil, nil, nil)
}

// prefillBrake fills the form from the brake ?noodrem=<request id> names,
// when the viewer may see it: the organisation it was pulled at, its rules
// and the brake as evidence. A brake's answer may show that a rule hurts
// beyond the one decision.
func (h *Handler) prefillBrake(r *http.Request, u *schakel.User, q url.Values, values url.Values) error {
	s := q.Get("noodrem")
	if s == "" || h.Brakes == nil {
		return nil
	}
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 {
		return errNoPage
	}
	b, err := h.Brakes.OfRequest(r.Context(), u, id)
	if err != nil {
		return err
	}
	orgs, _, err := h.orgs(r)
	if err != nil {
		return err
	}
	if b.Request != nil && len(b.Request.Ladder) > 0 && values.Get("organisatie") == "" {
		values.Set("organisatie", orgs.Code(b.Request.Ladder[0].OrganisationID))
	}
	for i, ref := range b.RuleRefs {
		if i < maxRuleRows && values.Get(rowField("regels", i, "")) == "" {
			values.Set(rowField("regels", i, ""), ref)
		}
	}
	values.Set("noodremmen", strconv.FormatInt(id, 10))
	return nil
}

// raisedSignal returns the signal the query asks to complete: ?signaal=
// names it, ?casus= names the case whose decision raised it; nil when the
// query names neither. A malformed or unknown id is no page.
func (h *Handler) raisedSignal(r *http.Request, u *schakel.User, q url.Values) (*schakel.Signal, error) {
	ctx := r.Context()
	if s := q.Get("signaal"); s != "" {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil || id <= 0 {
			return nil, errNoPage
		}
		sig, _, err := h.Signals.Signal(ctx, u, id)
		return sig, err
	}
	s := q.Get("casus")
	if s == "" {
		return nil, nil
	}
	caseID, err := strconv.ParseInt(s, 10, 64)
	if err != nil || caseID <= 0 {
		return nil, errNoPage
	}
	return h.signalOfCase(ctx, u, caseID)
}

// signalOfCase finds the signal raised by the decision on case caseID at
// one of u's organisations; ENOTFOUND when there is none.
func (h *Handler) signalOfCase(ctx context.Context, u *schakel.User, caseID int64) (*schakel.Signal, error) {
	for _, orgID := range authz.Organisations(u, authz.ViewOrganisationInternals) {
		sigs, _, err := h.Signals.Signals(ctx, u, schakel.SignalFilter{OrganisationID: orgID, CaseID: caseID, Limit: 1})
		if err != nil {
			return nil, err
		}
		if len(sigs) > 0 {
			return sigs[0], nil
		}
	}
	return nil, schakel.Errorf(schakel.ENOTFOUND, "Bij casus %d is geen signaal gegeven.", caseID)
}

// prefillRaised fills the form with what a raised signal already holds:
// its organisation, title, rules, proposal and case.
func prefillRaised(values url.Values, sig *schakel.Signal, orgs orgIndex) {
	values.Set("signaal", strconv.FormatInt(sig.ID, 10))
	values.Set("organisatie", orgs.Code(sig.OrganisationID))
	values.Set("titel", sig.Title)
	values.Set("voorstel", sig.Proposal)
	for i, ref := range sig.Refs() {
		if i < maxRuleRows {
			values.Set(rowField("regels", i, ""), ref)
		}
	}
	if sig.CaseID != 0 {
		values.Set("casussen", strconv.FormatInt(sig.CaseID, 10))
	}
}

// FileSignal files a signal; POST /signalen. On the first submit it looks
// for knelpunten with similar signals and, when there are, shows the form
// again to choose; otherwise, and once chosen, it files and goes to the
// knelpunt with a notice of what was redacted.
func (h *Handler) FileSignal(w http.ResponseWriter, r *http.Request) error {
	if err := h.needSignals(); err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	u := auth.UserFrom(r.Context())
	if u == nil {
		return schakel.Errorf(schakel.EUNAUTHORIZED, "Log in om een signaal te geven.")
	}
	f := r.PostForm
	if addingRow(f) {
		return h.renderSignalForm(w, r, http.StatusOK, f, nil, nil, nil)
	}
	sr := readSignalForm(f)
	chose := f.Get("stap") == stepChoose
	if !chose {
		// Every invalid field is shown before the filer is asked to
		// choose a knelpunt.
		if err := h.Signals.Check(r.Context(), u, sr.in); schakel.ErrorCode(err) == schakel.EINVALID {
			return h.renderSignalForm(w, r, http.StatusBadRequest, f, sr.formErrors(err, false), nil, nil)
		}
	}
	sugg, err := h.suggestions(r, u, sr.in)
	if err != nil {
		return err
	}
	if !chose && len(sugg) > 0 {
		// The first submit: the filer chooses among the similar knelpunten.
		return h.renderSignalForm(w, r, http.StatusOK, f, nil, sugg, nil)
	}
	if chose {
		sr.readChoice(f, len(sugg) > 0)
	}
	filed, err := h.Signals.File(r.Context(), u, sr.in)
	switch schakel.ErrorCode(err) {
	case "":
		http.Redirect(w, r, filedPath(filed), http.StatusSeeOther)
		return nil
	case schakel.EINVALID:
		return h.renderSignalForm(w, r, http.StatusBadRequest, f, sr.formErrors(err, len(sugg) > 0), sugg, nil)
	case schakel.EFORBIDDEN:
		var v schakel.Validation
		v.Add("organisatie", "not_allowed", "U kunt bij deze organisatie geen signaal geven.")
		return h.renderSignalForm(w, r, http.StatusForbidden, f, v.Err(), sugg, nil)
	case schakel.ECONFLICT:
		return h.renderSignalForm(w, r, http.StatusConflict, f, nil, sugg, err)
	}
	return err
}

// suggestions returns the knelpunten similar to the signal of in, when u
// may file at its organisation (nil otherwise: the service then says
// what is wrong).
func (h *Handler) suggestions(r *http.Request, u *schakel.User, in signals.FileInput) ([]signals.Suggestion, error) {
	orgs, err := h.fileOrgs(r, u)
	if err != nil {
		return nil, err
	}
	for _, o := range orgs {
		if o.Code == in.Organisation {
			return h.Signals.Suggest(r.Context(), u, in)
		}
	}
	return nil, nil
}

// filedPath is the knelpunt of a filed signal, with what redaction
// replaced in its texts: kinds and counts only.
func filedPath(filed *signals.Filed) string {
	v := url.Values{"gedaan": {"signaal"}, "signaal": {strconv.FormatInt(filed.Signal.ID, 10)}}
	if s := encodeFindings(filed.Redacted); s != "" {
		v.Set("weggelakt", s)
	}
	return knelpuntPath(filed.Knelpunt.ID) + "?" + v.Encode()
}

// encodeFindings counts the findings per kind: "bsn:1,naam:2", in the
// order of redact.Kinds.
func encodeFindings(found []redact.Finding) string {
	counts := map[redact.Kind]int{}
	for _, f := range found {
		counts[f.Kind]++
	}
	var parts []string
	for _, k := range redact.Kinds() {
		if n := counts[k]; n > 0 {
			parts = append(parts, string(k)+":"+strconv.Itoa(n))
		}
	}
	return strings.Join(parts, ",")
}

// renderSignalForm renders the signal form with the values entered, the
// errors of a failed attempt, the knelpunten to choose from and the
// conflict that kept the signal from being filed, any of them empty.
func (h *Handler) renderSignalForm(w http.ResponseWriter, r *http.Request, status int, values url.Values, formErr error, sugg []signals.Suggestion, conflict error) error {
	pg := h.newPage(r, "Signaal geven")
	pg.Nav = "knelpunten"
	if pg.User == nil {
		return schakel.Errorf(schakel.EUNAUTHORIZED, "Log in om een signaal te geven.")
	}
	orgs, err := h.fileOrgs(r, pg.User)
	if err != nil {
		return err
	}
	if len(orgs) == 0 {
		return schakel.Errorf(schakel.EFORBIDDEN, "U heeft geen rol die dit mag.")
	}
	principles, err := h.principleOptions(r, pg)
	if err != nil {
		return err
	}
	if values == nil {
		values = url.Values{}
	}
	if values.Get("organisatie") == "" && len(orgs) == 1 {
		values.Set("organisatie", orgs[0].Code)
	}
	f := newForm(pg.translator, signalFields(pg), values)
	opts := []option{{Value: "", Label: pg.T("Kies een organisatie")}}
	for _, o := range orgs {
		opts = append(opts, option{Value: o.Code, Label: o.Name})
	}
	f.SetOptions("organisatie", opts)
	for i := 0; i < maxConflictRows; i++ {
		f.SetOptions(rowField("conflicten", i, "beginsel"), principles)
	}
	if formErr != nil && !f.AddFieldErrors(formErr, "titel") {
		f.AddError("titel", pg.ErrorMessage(formErr))
	}
	d := signalFormData{
		Rules: rowGroup{Field: f.Field("regels"), Legend: pg.T("Regels die knellen"),
			Description: pg.T("De wetsartikelen of beleidsregels waar het om gaat, één per regel. U kunt een verwijzing eerst controleren op de pagina Regelverwijzing."),
			Form:        f}.growing(pg, "/signalen", "Nog een regel toevoegen", maxRuleRows),
		Conflicts: rowGroup{Field: f.Field("conflicten"), Legend: pg.T("Beginselen die in de knel komen"),
			Description: pg.T("Kies minstens één beginsel uit de catalogus en zeg waarom het in de knel komt."),
			Form:        f, RowLegend: "Beginsel %d"}.growing(pg, "/signalen", "Nog een beginsel toevoegen", maxConflictRows, "beginsel", "reden"),
		Solution: solutionChoices(pg, f),
	}
	if id, err := strconv.ParseInt(values.Get("signaal"), 10, 64); err == nil && id > 0 {
		d.SignalID = id
	}
	if len(sugg) > 0 {
		g := suggestionChoices(pg, f, sugg)
		d.Suggestions = &g
	}
	if conflict != nil {
		d.Conflict = withServiceReason(pg, pg.T("Dit kan nu niet."), conflict)
	}
	pg.Form = f
	pg.Data = d
	h.render(w, r, status, "signal_new", pg)
	return nil
}

// solutionChoices are the radio buttons of the kinds of solution.
func solutionChoices(pg *page, f *form) choiceGroup {
	g := choiceGroup{Field: f.Field("oplossing"), Type: "radio", Legend: pg.T("Wat voor oplossing stelt u voor?")}
	chosen := f.Value("oplossing")
	for _, s := range schakel.Solutions {
		g.Choices = append(g.Choices, choiceView{ID: fieldID("oplossing-" + string(s)), Value: string(s), Label: pg.Solution(s), Checked: chosen == string(s)})
	}
	return g
}

// suggestionChoices are the radio buttons of the knelpunten a signal may
// join, each with its number of signals and the titles of the similar
// ones, and the choice to start a new knelpunt.
func suggestionChoices(pg *page, f *form, sugg []signals.Suggestion) choiceGroup {
	g := choiceGroup{Field: f.Field("knelpunt"), Type: "radio", Legend: pg.T("Sluit uw signaal aan bij een knelpunt, of start een nieuw knelpunt"),
		Description: pg.T("Collega's gaven al signalen die op het uwe lijken. Samen wegen signalen zwaarder.")}
	chosen := f.Value("knelpunt")
	for _, s := range sugg {
		k := s.Knelpunt
		id := strconv.FormatInt(k.ID, 10)
		var titles []string
		for _, sig := range s.Signals {
			titles = append(titles, "“"+sig.Title+"”")
		}
		g.Choices = append(g.Choices, choiceView{ID: "knelpunt-" + id, Value: id, Checked: chosen == id,
			Label:       pg.T("Sluit aan bij knelpunt %d: %s", k.ID, k.Title),
			Description: pg.T("%s. Lijkt op: %s.", pg.SignalCount(k.Signals), strings.Join(titles, "; "))})
	}
	g.Choices = append(g.Choices, choiceView{ID: "knelpunt-" + choiceNewKP, Value: choiceNewKP, Label: pg.T("Start een nieuw knelpunt"), Checked: chosen == choiceNewKP})
	return g
}

// SignalCount says a number of signals: "1 signaal", "3 signalen".
func (pg *page) SignalCount(n int) string {
	if n == 1 {
		return pg.T("1 signaal")
	}
	return pg.T("%s signalen", pg.Thousands(int64(n)))
}

// readCount reads a whole number of citizens: empty is 0; dots, commas
// and spaces between thousands are left out. A number too large to read
// is passed on as too large, so the service says so.
func readCount(v *schakel.Validation, field, raw string) int64 {
	s := strings.TrimSpace(raw)
	if s == "" {
		return 0
	}
	neg := strings.HasPrefix(s, "-")
	digits := strings.Map(func(c rune) rune {
		if c == '.' || c == ',' || c == ' ' || c == '_' || c == '\u00a0' {
			return -1
		}
		return c
	}, strings.TrimPrefix(s, "-"))
	if digits == "" || strings.TrimLeft(digits, "0123456789") != "" {
		v.Add(field, "format", "Vul een heel getal in, zoals 2500.")
		return 0
	}
	if len(digits) > 12 {
		digits = "999999999999"
	}
	n, _ := strconv.ParseInt(digits, 10, 64)
	if neg {
		return -n
	}
	return n
}

// readEuros reads an amount in euro as cents: "25000", "1.250,50",
// "€ 1250.5". A separator followed by one or two digits at the end is the
// decimal one. Empty is 0.
func readEuros(v *schakel.Validation, field, raw string) int64 {
	s := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(raw), "€"))
	if s == "" {
		return 0
	}
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac := s, ""
	if i := strings.LastIndexAny(s, ".,"); i >= 0 && len(s)-i-1 >= 1 && len(s)-i-1 <= 2 {
		whole, frac = s[:i], s[i+1:]
	}
	whole = strings.Map(func(c rune) rune {
		if c == '.' || c == ',' || c == ' ' || c == '\u00a0' {
			return -1
		}
		return c
	}, whole)
	if whole == "" {
		whole = "0"
	}
	if strings.TrimLeft(whole, "0123456789") != "" || strings.TrimLeft(frac, "0123456789") != "" {
		v.Add(field, "format", "Vul een bedrag in euro in, zoals 25000 of 1.250,50.")
		return 0
	}
	if len(whole) > 14 {
		whole = "99999999999999"
	}
	euros, _ := strconv.ParseInt(whole, 10, 64)
	cents := int64(0)
	if frac != "" {
		cents, _ = strconv.ParseInt(frac, 10, 64)
		if len(frac) == 1 {
			cents *= 10
		}
	}
	if neg {
		return -(euros*100 + cents)
	}
	return euros*100 + cents
}

// maxIDs bounds the numbers read from one field of case or brake numbers.
const maxIDs = 100

// readIDs reads numbers of cases or brakes separated by commas, spaces or
// semicolons; a "#" before a number is allowed.
func readIDs(v *schakel.Validation, field, raw string) []int64 {
	parts := strings.FieldsFunc(raw, func(c rune) bool { return c == ',' || c == ';' || c == ' ' || c == '\t' || c == '\n' || c == '\r' })
	var out []int64
	for _, p := range parts {
		id, err := strconv.ParseInt(strings.TrimPrefix(p, "#"), 10, 64)
		if err != nil || id <= 0 {
			v.Add(field, "format", "Vul nummers in, gescheiden door komma's, zoals 12, 15.")
			return nil
		}
		if len(out) == maxIDs {
			break
		}
		out = append(out, id)
	}
	return out
}
