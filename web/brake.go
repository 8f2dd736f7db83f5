package web

import (
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
)

// The emergency brake's pages (PRODUCT.md C2): the landing page, the three
// forms (citizen, professional, organisation), the receipt page, following a
// brake by receipt code, the public register, the parliament's view and the
// operators' page of notifications. This file holds what they share.
//
// Anonymity: a brake followed by a receipt code must never be linked to a
// session, a user or an address. So the receipt code is never put in a URL,
// the session or the database, and nothing of the request is logged beyond
// its route. An anonymous professional sees it once, on the response to the
// POST; a citizen on a GET page after a redirect, from memory for a short
// while behind a random cookie key (formtoken.go, decision 0027).

// brakeLevelNames are the levels in a word, for the register.
var brakeLevelNames = map[schakel.BrakeLevel]string{
	schakel.LevelCitizen:      "burger",
	schakel.LevelProfessional: "professional",
	schakel.LevelOrganisation: "organisatie",
}

// identityNames say how the puller of a professional's brake is known.
var identityNames = map[schakel.Identity]string{
	schakel.IdentityNamed:     "met naam",
	schakel.IdentityProtected: "beschermd",
	schakel.IdentityAnonymous: "anoniem",
}

// identityLabels and identityDescriptions are the choices of the
// professional's form.
var identityLabels = map[schakel.Identity]string{
	schakel.IdentityNamed:     "Met mijn naam",
	schakel.IdentityProtected: "Beschermd",
	schakel.IdentityAnonymous: "Anoniem",
}

var identityDescriptions = map[schakel.Identity]string{
	schakel.IdentityNamed:     "De organisatie ziet wie de noodrem trok. U volgt de noodrem na inloggen.",
	schakel.IdentityProtected: "Alleen de vertrouwenspersoon van de organisatie weet wie u bent; de organisatie zelf ziet het niet. U volgt de noodrem na inloggen.",
	schakel.IdentityAnonymous: "Niemand weet wie u bent: we bewaren geen gebruiker, geen sessie en geen adres. U volgt de noodrem alleen met een ontvangstcode, die u één keer te zien krijgt.",
}

// BrakeLevel returns the name of a brake level.
func (pg *page) BrakeLevel(l schakel.BrakeLevel) string {
	if k, ok := brakeLevelNames[l]; ok {
		return pg.T(k)
	}
	return string(l)
}

// Identity returns how a puller is known, in words.
func (pg *page) Identity(i schakel.Identity) string {
	if k, ok := identityNames[i]; ok {
		return pg.T(k)
	}
	return string(i)
}

// needBrakes returns errNoPage when the brake pages are off: without the
// service they do not exist (404).
func (h *Handler) needBrakes() error {
	if h.Brakes == nil {
		return errNoPage
	}
	return nil
}

// address is the client's address for throttling, or "" when the handler
// has no way to tell. It is passed to the service and nowhere else.
func (h *Handler) address(r *http.Request) string {
	if h.Address == nil {
		return ""
	}
	return h.Address(r)
}

// setRetryAfter sets the Retry-After header of a throttled answer, in whole
// seconds rounded up.
func setRetryAfter(w http.ResponseWriter, err error) {
	if d := schakel.ErrorRetryAfter(err); d > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(d.Seconds()))))
	}
}

// brakeHomeData is the Data of /noodrem.
type brakeHomeData struct {
	Budget int // the referral budget per organisation per year
}

// BrakeHome explains the three emergency brakes in plain words, with links
// to their forms, to following a brake and to the register; GET /noodrem.
func (h *Handler) BrakeHome(w http.ResponseWriter, r *http.Request) error {
	if err := h.needBrakes(); err != nil {
		return err
	}
	pg := h.newPage(r, "Noodrem")
	pg.Nav = "noodrem"
	pg.Data = brakeHomeData{Budget: h.Brakes.Budget}
	h.render(w, r, http.StatusOK, "brake_home", pg)
	return nil
}

// mapFields moves the field errors of an EINVALID error to the fields of a
// form that shows several of the service's fields as one (the citizen's
// sentences as one group): rename returns the form's field for a field of
// the service. A moved error is dropped when the form's field already has
// an error of its own, and so is an error that repeats another.
func mapFields(err error, rename func(field string) string) error {
	var e *schakel.Error
	if !errors.As(err, &e) || e.Code != schakel.EINVALID {
		return err
	}
	own := map[string]bool{}
	for _, fe := range e.Fields {
		own[fe.Field] = true
	}
	out := &schakel.Error{Code: e.Code, Message: e.Message}
	seen := map[string]bool{}
	for _, fe := range e.Fields {
		name := rename(fe.Field)
		if name != fe.Field && own[name] {
			continue
		}
		key := name + "\x00" + fe.Format
		if seen[key] {
			continue
		}
		seen[key] = true
		fe.Field = name
		out.Fields = append(out.Fields, fe)
	}
	return out
}

// remapRows renames the field errors "<name>[i]…" of err from the index i
// among the rows given to the row of the form they came from, so an error
// on the second rule given lands on the row it was typed in.
func remapRows(err error, name string, rows []int) error {
	var e *schakel.Error
	if !errors.As(err, &e) {
		return err
	}
	out := &schakel.Error{Code: e.Code, Message: e.Message, RetryAfter: e.RetryAfter}
	for _, fe := range e.Fields {
		if rest, ok := strings.CutPrefix(fe.Field, name+"["); ok {
			if end := strings.Index(rest, "]"); end > 0 {
				if i, err := strconv.Atoi(rest[:end]); err == nil && i >= 0 && i < len(rows) {
					fe.Field = fmt.Sprintf("%s[%d]%s", name, rows[i], rest[end+1:])
				}
			}
		}
		out.Fields = append(out.Fields, fe)
	}
	return out
}

// maxRuleRows is how many rule references the forms offer.
const maxRuleRows = 5

// ruleField is the form key of rule row i.
func ruleField(i int) string { return fmt.Sprintf("regels[%d]", i) }

// ruleSpecs are the fields of the rows of rule references, labelled in the
// page's language.
func ruleSpecs(pg *page, required bool) []fieldSpec {
	specs := []fieldSpec{{Name: "regels", Label: "Regels", Anchor: fieldID(ruleField(0))}}
	for i := 0; i < maxRuleRows; i++ {
		s := fieldSpec{Name: ruleField(i), LabelText: pg.T("Regel %d", i+1), Required: required && i == 0, Autocomplete: "off"}
		if i == 0 {
			s.Description = "Een verwijzing naar een wet of regel, zoals Participatiewet artikel 36 of een link naar wetten.overheid.nl."
		}
		specs = append(specs, s)
	}
	return specs
}

// groundSpecs are the fields of the rows of grounds, as the request form
// has them.
func groundSpecs() []fieldSpec {
	specs := []fieldSpec{{Name: "gronden", Label: "Gronden", Anchor: fieldID(groundField(0, "beginsel"))}}
	for i := 0; i < maxGroundRows; i++ {
		specs = append(specs,
			fieldSpec{Name: groundField(i, "beginsel"), Label: "Beginsel", Kind: kindSelect, Required: i == 0},
			fieldSpec{Name: groundField(i, "toelichting"), Label: "Waarom dit beginsel in het geding is", Kind: kindTextarea, Required: i == 0, Spellcheck: true},
		)
	}
	return specs
}

// readRules returns the rule references of the form, leaving out empty rows,
// and the row each came from.
func readRules(f url.Values) (refs []string, rows []int) {
	for i := 0; i < maxRuleRows; i++ {
		if s := strings.TrimSpace(f.Get(ruleField(i))); s != "" {
			refs = append(refs, s)
			rows = append(rows, i)
		}
	}
	return refs, rows
}

// readGrounds returns the grounds of the form, leaving out empty rows, and
// the row each came from.
func readGrounds(f url.Values) (gs []schakel.Ground, rows []int) {
	for i := 0; i < maxGroundRows; i++ {
		p := strings.TrimSpace(f.Get(groundField(i, "beginsel")))
		t := strings.TrimSpace(f.Get(groundField(i, "toelichting")))
		if p == "" && t == "" {
			continue
		}
		gs = append(gs, schakel.Ground{Principle: p, Text: t})
		rows = append(rows, i)
	}
	return gs, rows
}

// principleOptions are the principles that may be cited, for the selects
// of the grounds.
func (h *Handler) principleOptions(r *http.Request, pg *page) ([]option, error) {
	ps, err := h.Directory.Principles(r.Context(), schakel.PrincipleFilter{})
	if err != nil {
		return nil, err
	}
	opts := []option{{Value: "", Label: pg.T("Kies een beginsel")}}
	for _, p := range ps {
		if !p.Retired() {
			opts = append(opts, option{Value: p.Code, Label: pg.PrincipleName(p) + " (" + pg.Group(p.Group) + ")"})
		}
	}
	return opts, nil
}

// indexes returns 0, 1, …, n-1, for ranging over the rows of a form.
func indexes(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

// receiptData is the Data of the receipt page: the code, shown this once.
type receiptData struct {
	Code      string // in groups: K7QM-2XHD-9RTB-W4NP-CJ6E-8FGA
	Level     schakel.BrakeLevel
	Addressee string // the organisation that must answer
	AnswerDue calendar.Date
}

// choiceGroup is a group of checkboxes or radio buttons in a fieldset, for
// the partial "choice-group". Field holds the group's name, id and errors.
type choiceGroup struct {
	Field       fieldView
	Type        string // "checkbox" or "radio"
	Legend      string // translated
	Description string // translated, or ""
	Choices     []choiceView
}

// DescriptionID is the id of the group's description, or "".
func (g choiceGroup) DescriptionID() string {
	if g.Description == "" {
		return ""
	}
	return g.Field.ID + "-omschrijving"
}

// DescribedBy is the fieldset's aria-describedby: the description and the
// error message, when present.
func (g choiceGroup) DescribedBy() string {
	var ids []string
	if d := g.DescriptionID(); d != "" {
		ids = append(ids, d)
	}
	if g.Field.Invalid() {
		ids = append(ids, g.Field.ErrorID())
	}
	return strings.Join(ids, " ")
}

// choiceView is one checkbox or radio button of a group.
type choiceView struct {
	ID, Value, Label, Description string
	Checked                       bool
}

// DescriptionID is the id of the choice's description, or "".
func (c choiceView) DescriptionID() string {
	if c.Description == "" {
		return ""
	}
	return c.ID + "-omschrijving"
}

// brakeFormParts are what the partials "brake-rules" and "brake-grounds"
// read from a form's Data: the blocks shown now and the buttons that add
// one (see shownRows).
type brakeFormParts struct {
	RuleFields  []string // the keys of the rows of rule references
	GroundRows  []int    // the indexes of the rows of grounds
	MoreRules   moreRows
	MoreGrounds moreRows
	// Token is the form's one-time token (brake_once.go).
	Token string
}

// newBrakeFormParts shows the blocks of rules and grounds that values fill,
// at least one of each; action is the form's action, token its one-time
// token.
func newBrakeFormParts(pg *page, values url.Values, action, token string) brakeFormParts {
	rules := shownRows(values, "regels", maxRuleRows)
	grounds := shownRows(values, "gronden", maxGroundRows)
	p := brakeFormParts{Token: token, GroundRows: indexes(grounds),
		MoreRules:   newMoreRows(pg, values, action, "regels", "Nog een regel toevoegen", rules, maxRuleRows),
		MoreGrounds: newMoreRows(pg, values, action, "gronden", "Nog een grond toevoegen", grounds, maxGroundRows)}
	for i := 0; i < rules; i++ {
		p.RuleFields = append(p.RuleFields, ruleField(i))
	}
	return p
}

// BlockID is the id of the wrapper of block i of group.
func (brakeFormParts) BlockID(group string, i int) string { return rowID(group, i) }

// BrakesOn reports whether the brake pages exist, for the navigation.
func (pg *page) BrakesOn() bool { return pg.h.Brakes != nil }
