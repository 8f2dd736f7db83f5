package web

import (
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/cases"
	"github.com/schakel-nl/schakel/redact"
)

// redactKindNames name the kinds of personal data the redaction replaces.
var redactKindNames = map[redact.Kind]string{
	redact.BSN:          "burgerservicenummer",
	redact.IBAN:         "rekeningnummer (IBAN)",
	redact.Email:        "e-mailadres",
	redact.Phone:        "telefoonnummer",
	redact.Address:      "adres",
	redact.BirthDate:    "geboortedatum",
	redact.Name:         "naam",
	redact.Place:        "plaats",
	redact.Organisation: "organisatie",
	redact.Age:          "leeftijd",
	redact.Number:       "nummer",
	redact.URL:          "webadres",
	redact.Other:        "ander weggelakt",
}

// reviewCategoryNames say what a reviewer confirms per category.
var reviewCategoryNames = map[cases.ReviewCategory]string{
	cases.ReviewNames:         "Namen van personen, ook van wie geen partij is (familie, buren, artsen)",
	cases.ReviewPlaces:        "Woonplaatsen, dorpen, wijken en straten",
	cases.ReviewOrganisations: "Werkgevers, scholen, zorginstellingen en andere organisaties die iemand aanwijzen",
	cases.ReviewNumbers:       "Nummers en contactgegevens: BSN, dossier- en zaaknummers, kentekens, telefoon, e-mail, webadressen",
	cases.ReviewDates:         "Geboortedata, leeftijden en exacte data",
	cases.ReviewFamilyHealth:  "Gezinssamenstelling, ziektes en andere zeldzame feiten",
	cases.ReviewAmounts:       "Exacte bedragen",
}

// publishFields are the reviewer's fields: the redacted texts to edit and
// the phrases to redact besides; the confirmations are checkboxes of
// their own, named here for the error summary.
func publishFields() []fieldSpec {
	return []fieldSpec{
		{Name: "titel", Label: "Titel", Required: true, Spellcheck: true},
		{Name: "samenvatting", Label: "Samenvatting van de situatie", Kind: kindTextarea, Required: true, Spellcheck: true},
		{Name: "bedoeling", Label: "De bedoeling van de regel", Kind: kindTextarea, Required: true, Spellcheck: true},
		{Name: "knelpunt", Label: "Waarom het wringt", Kind: kindTextarea, Required: true, Spellcheck: true},
		{Name: "uitleg", Label: "Uitleg voor de burger", Kind: kindTextarea, Required: true, Spellcheck: true},
		{Name: "weglakken", Label: "Extra weglakken", Description: "Eén woord of zinsdeel per regel. Het wordt overal weggelakt waar het staat, ook in de afwegingen.", Kind: kindTextarea},
		{Name: "bevestigingen", Label: "Nagelezen", Anchor: "bevestig-namen"},
	}
}

// publicationData is the Data of the review before publication.
type publicationData struct {
	C            *schakel.Case
	Preview      precedentView
	Replacements []replacementView
	Flags        []flagView
	Confirm      []confirmView
	MayPublish   bool
	Why          string
}

// replacementView is one replaced span, as the review lists it.
type replacementView struct {
	Field, Kind, Text string
}

// flagView is one flagged quasi-identifier with its checkbox.
type flagView struct {
	Key, Field, Category, Text, General string
	Keep, Chosen                        bool
}

// confirmView is one category to confirm.
type confirmView struct {
	Code, Label string
	Checked     bool
}

// PublicationReview shows a reviewer what publishing a decided case would
// show: every replacement, every flagged quasi-identifier with the
// defaults for the case type chosen, the preview, and the categories to
// confirm; GET /casussen/{id}/publicatie.
func (h *Handler) PublicationReview(w http.ResponseWriter, r *http.Request) error {
	if err := h.needCases(); err != nil {
		return err
	}
	id, ok := caseID(r)
	if !ok {
		return errNoPage
	}
	return h.renderPublication(w, r, http.StatusOK, id, nil, nil)
}

// publishInputOf reads the review form: with "generaliseren-gekozen" the
// boxes ticked are the choice (none ticked: generalise nothing), and the
// button "alles" ticks every flag.
func publishInputOf(f url.Values) cases.PublishInput {
	in := cases.PublishInput{Title: f.Get("titel"), Summary: f.Get("samenvatting"), Intent: f.Get("bedoeling"), Harm: f.Get("knelpunt"),
		Explanation: f.Get("uitleg"), Redact: redactLines(f.Get("weglakken")), Confirmed: f["bevestigd"]}
	if f.Get("generaliseren-gekozen") != "" {
		in.Generalise = append([]string{}, f["generaliseren"]...)
	}
	if f.Get("actie") == "alles" {
		in.Generalise = append([]string{}, f["kenmerk"]...)
	}
	return in
}

// PublishCase publishes a decided case to the register with the second
// reviewer's edits, generalisations and confirmations, and goes to its
// public page; with "actie" set it only shows the review again with the
// choices applied; POST /casussen/{id}/publicatie.
func (h *Handler) PublishCase(w http.ResponseWriter, r *http.Request) error {
	id, u, err := h.casePost(r)
	if err != nil {
		return err
	}
	f := r.PostForm
	if f.Get("actie") != "" {
		return h.renderPublication(w, r, http.StatusOK, id, f, nil)
	}
	_, err = h.Cases.Publish(r.Context(), u, id, publishInputOf(f))
	switch schakel.ErrorCode(err) {
	case "":
		http.Redirect(w, r, precedentPath(id), http.StatusSeeOther)
	case schakel.EINVALID:
		return h.renderPublication(w, r, http.StatusBadRequest, id, f, err)
	default:
		return err
	}
	return nil
}

// redactLines returns the non-empty lines of s, trimmed.
func redactLines(s string) []string {
	var out []string
	for _, line := range strings.Split(s, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	return out
}

// renderPublication renders the review of case id: the proposal with the
// reviewer's choices when there are values, and the errors of a failed
// attempt.
func (h *Handler) renderPublication(w http.ResponseWriter, r *http.Request, status int, id int64, values url.Values, formErr error) error {
	pg := h.newPage(r, "Publicatie nakijken")
	pg.Nav = "casussen"
	ctx := r.Context()
	c, err := h.Cases.Get(ctx, pg.User, id)
	if err != nil {
		return err
	}
	if c.State == schakel.CasePublished && r.Method == http.MethodGet {
		http.Redirect(w, r, precedentPath(id), http.StatusSeeOther)
		return nil
	}
	in := cases.PublishInput{}
	if values != nil {
		in = publishInputOf(values)
	}
	rv, err := h.Cases.Proposal(ctx, pg.User, id, in)
	if err != nil {
		return err
	}
	if values == nil {
		values = url.Values{}
		for _, name := range []string{"titel", "samenvatting", "bedoeling", "knelpunt", "uitleg"} {
			values.Set(name, rv.Redacted[name])
		}
	}
	f := newForm(pg.translator, publishFields(), values)
	if formErr != nil && !f.AddFieldErrors(formErr, "titel") {
		f.AddError("titel", pg.ErrorMessage(formErr))
	}
	orgs, _, err := h.orgs(r)
	if err != nil {
		return err
	}
	principleName, err := h.principleNames(ctx, pg)
	if err != nil {
		return err
	}
	d := publicationData{C: c, Preview: newPrecedentView(pg, orgs, principleName, rv.Precedent), MayPublish: rv.MayPublish, Why: rv.Why}
	for _, fd := range rv.Replacements {
		d.Replacements = append(d.Replacements, replacementView{Field: pg.T(fieldName(fd.Field)), Kind: pg.T(redactKindNames[fd.Kind]), Text: fd.Text})
	}
	d.Flags = flagViews(pg, rv.Flags)
	for _, cat := range cases.ReviewCategories() {
		d.Confirm = append(d.Confirm, confirmView{Code: string(cat), Label: pg.T(reviewCategoryNames[cat]), Checked: slices.Contains(values["bevestigd"], string(cat))})
	}
	pg.Form = f
	pg.Data = d
	h.render(w, r, status, "case_publication", pg)
	return nil
}

// flagViews translates flags for a review page.
func flagViews(pg *page, fs []cases.Flagged) []flagView {
	var out []flagView
	for _, fl := range fs {
		out = append(out, flagView{Key: fl.Key, Field: pg.T(fieldName(fl.Field)), Category: fl.Flag.Category.Label(pg.Lang()), Text: fl.Flag.Text,
			General: fl.Flag.General, Keep: fl.Flag.Keep, Chosen: fl.Chosen})
	}
	return out
}

// fieldNames name the texts of a publication.
var fieldNames = map[string]string{
	"titel": "Titel", "samenvatting": "Situatie", "bedoeling": "Bedoeling", "knelpunt": "Waarom het wringt", "uitleg": "Uitleg",
}

// fieldName names a field of a publication; every weighing is "Afweging".
func fieldName(field string) string {
	if n, ok := fieldNames[field]; ok {
		return n
	}
	return "Afweging"
}
