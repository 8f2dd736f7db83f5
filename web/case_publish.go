package web

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/auth"
	"github.com/schakel-nl/schakel/cases"
	"github.com/schakel-nl/schakel/redact"
)

// redactKindNames name the kinds of personal data the redaction replaces.
var redactKindNames = map[redact.Kind]string{
	redact.BSN:       "burgerservicenummers",
	redact.IBAN:      "rekeningnummers (IBAN)",
	redact.Email:     "e-mailadressen",
	redact.Phone:     "telefoonnummers",
	redact.Address:   "adressen",
	redact.BirthDate: "geboortedata",
	redact.Name:      "namen van betrokkenen",
	redact.Other:     "ander weggelakt",
}

// publishFields are the reviewer's fields: the redacted texts to edit and
// the phrases to redact besides.
func publishFields() []fieldSpec {
	return []fieldSpec{
		{Name: "titel", Label: "Titel", Required: true, Spellcheck: true},
		{Name: "samenvatting", Label: "Samenvatting van de situatie", Kind: kindTextarea, Required: true, Spellcheck: true},
		{Name: "bedoeling", Label: "De bedoeling van de regel", Kind: kindTextarea, Required: true, Spellcheck: true},
		{Name: "knelpunt", Label: "Waarom het wringt", Kind: kindTextarea, Required: true, Spellcheck: true},
		{Name: "uitleg", Label: "Uitleg voor de burger", Kind: kindTextarea, Required: true, Spellcheck: true},
		{Name: "weglakken", Label: "Extra weglakken", Description: "Eén woord of zinsdeel per regel. Het wordt overal weggelakt waar het staat, ook in de afwegingen.", Kind: kindTextarea},
	}
}

// publicationData is the Data of the review before publication.
type publicationData struct {
	C       *schakel.Case
	Preview precedentView
	Found   []foundCount
	// Total is the number of spans the redaction replaced.
	Total int
}

// foundCount is how many spans of one kind were redacted.
type foundCount struct {
	Kind  string // translated
	Count int
}

// PublicationReview shows the coordinator or the board what publishing a
// decided case would show, every text redacted, with how much of each
// kind was redacted, and the texts to edit before publishing; GET
// /casussen/{id}/publicatie.
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

// PublishCase publishes a decided case to the register, with the
// reviewer's edits and extra redactions, and goes to its public page; POST
// /casussen/{id}/publicatie.
func (h *Handler) PublishCase(w http.ResponseWriter, r *http.Request) error {
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
	f := r.PostForm
	in := cases.PublishInput{Title: f.Get("titel"), Summary: f.Get("samenvatting"), Intent: f.Get("bedoeling"), Harm: f.Get("knelpunt"),
		Explanation: f.Get("uitleg"), Redact: redactLines(f.Get("weglakken"))}
	_, err := h.Cases.Publish(r.Context(), u, id, in)
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
// reviewer's edits when there are values, and the errors of a failed
// attempt.
func (h *Handler) renderPublication(w http.ResponseWriter, r *http.Request, status int, id int64, values url.Values, formErr error) error {
	pg := h.newPage(r, "Publicatie voorbereiden")
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
	p, found, err := h.Cases.Proposal(ctx, pg.User, id)
	if err != nil {
		return err
	}
	if values == nil {
		values = url.Values{"titel": {p.Title}, "samenvatting": {p.Summary}, "bedoeling": {p.Intent}, "knelpunt": {p.Harm}, "uitleg": {p.Explanation}}
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
	d := publicationData{C: c, Preview: newPrecedentView(pg, orgs, principleName, p), Total: len(found)}
	counts := map[redact.Kind]int{}
	for _, fd := range found {
		counts[fd.Kind]++
	}
	for _, k := range redact.Kinds() {
		if n := counts[k]; n > 0 {
			d.Found = append(d.Found, foundCount{Kind: pg.T(redactKindNames[k]), Count: n})
		}
	}
	pg.Form = f
	pg.Data = d
	h.render(w, r, status, "case_publication", pg)
	return nil
}
