package cases

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/generalise"
	"github.com/schakel-nl/schakel/redact"
)

// Publication follows the four-eyes principle (PRODUCT.md C9): whoever
// decided a case cannot publish it. A second person with the reviewing
// role (coordinator or board of the organisation) reads every replacement
// and every flagged quasi-identifier, generalises what identifies in
// combination, confirms each review category, and publishes. Afterwards
// the publication can only be redacted more (Correct) or withdrawn
// (WithdrawPublication), each with a public reason.

// ReviewCategory is what a reviewer confirms to have checked, one by one,
// before publishing: the detectors find much, never everything.
type ReviewCategory string

// The review categories, in the order the review page asks them.
const (
	ReviewNames         ReviewCategory = "namen"
	ReviewPlaces        ReviewCategory = "plaatsen"
	ReviewOrganisations ReviewCategory = "organisaties"
	ReviewNumbers       ReviewCategory = "nummers-en-contactgegevens"
	ReviewDates         ReviewCategory = "data-en-leeftijden"
	ReviewFamilyHealth  ReviewCategory = "gezin-en-gezondheid"
	ReviewAmounts       ReviewCategory = "bedragen"
)

// ReviewCategories lists every category a reviewer must confirm.
func ReviewCategories() []ReviewCategory {
	return []ReviewCategory{ReviewNames, ReviewPlaces, ReviewOrganisations, ReviewNumbers, ReviewDates, ReviewFamilyHealth, ReviewAmounts}
}

// PublishInput is what a reviewer changes in the proposal before
// publication: each text replaces the proposal's, and is redacted again;
// empty keeps the proposal's. Redact are extra spans to hide in any text:
// words or phrases, each replaced wherever it stands. Generalise are the
// keys of the flagged quasi-identifiers to generalise (Flagged.Key); nil
// means the defaults for the case's type. Confirmed are the review
// categories the reviewer checked; publishing needs all of them.
type PublishInput struct {
	Title, Summary, Intent, Harm, Explanation string
	Redact                                    []string
	Generalise                                []string
	Confirmed                                 []string
	// Problems are what the transport found wrong while decoding the
	// input; they are named with the service's findings.
	Problems []schakel.FieldError
}

// Replacement is one span the redaction replaced, for the reviewer: the
// field it stands in, the kind, the original text and its label.
type Replacement struct {
	Field string
	Kind  redact.Kind
	Text  string
}

// Flagged is one quasi-identifier found in a redacted text: Key names it
// in PublishInput.Generalise, Chosen says whether it is generalised in
// this review.
type Flagged struct {
	Key    string
	Field  string
	Flag   generalise.Flag
	Chosen bool
}

// Review is what a reviewer reads before publishing: the publication as
// it would be, every replacement and every flagged quasi-identifier, and
// whether this user may publish (not when they decided the case).
type Review struct {
	Case         *schakel.Case
	Precedent    *schakel.Precedent
	Replacements []Replacement
	Flags        []Flagged
	// Redacted are the texts by field, redacted but not generalised: what
	// a reviewer edits (and sends back) to keep the flags' keys.
	Redacted map[string]string
	CaseType generalise.CaseType
	// MayPublish is false for the one who decided the case; Why says so.
	MayPublish bool
	Why        string
}

// reviewer builds one review: it redacts each text with the case's
// context, flags what is left and generalises the chosen flags.
type reviewer struct {
	ctx      redact.Context
	in       PublishInput
	defaults map[generalise.Category]bool
	chosen   map[string]bool
	review   *Review
}

// text returns the publication of one field: def or the reviewer's
// edited version, extra spans hidden, redacted, generalised as chosen.
func (r *reviewer) text(field, def, edited string) string {
	hide := func(t string) string {
		for _, extra := range r.in.Redact {
			t = hidePhrase(t, extra)
		}
		return t
	}
	out, found := r.ctx.Redact(hide(def))
	// Browsers send a textarea's line breaks as CRLF; the texts shown had LF.
	edited = strings.ReplaceAll(edited, "\r\n", "\n")
	if strings.TrimSpace(edited) != "" {
		// The reviewer sends back the redacted text, edited: what was
		// replaced in the original stays listed, with what the edit adds.
		var more []redact.Finding
		out, more = r.ctx.Redact(hide(edited))
		found = append(found, more...)
	}
	r.review.Redacted[field] = out
	for _, f := range found {
		r.review.Replacements = append(r.review.Replacements, Replacement{Field: field, Kind: f.Kind, Text: f.Text})
	}
	var apply []generalise.Flag
	flags := generalise.Flags(out)
	for i, fl := range flags {
		key := flagKey(field, flags, i)
		chosen := r.chosen[key]
		if r.chosen == nil {
			chosen = r.defaults[fl.Category] && !fl.Keep
		}
		r.review.Flags = append(r.review.Flags, Flagged{Key: key, Field: field, Flag: fl, Chosen: chosen})
		if chosen {
			apply = append(apply, fl)
		}
	}
	return generalise.Apply(out, apply)
}

// review builds the publication of c and d with the reviewer's changes.
func review(c *schakel.Case, d *schakel.Decision, org *schakel.Organisation, in PublishInput) *Review {
	t := generalise.TypeOf(c.RuleRefs)
	r := &reviewer{ctx: contextOf(c, org), in: in, defaults: generalise.Defaults(t),
		review: &Review{Case: c, CaseType: t, Redacted: map[string]string{}}}
	if in.Generalise != nil {
		r.chosen = map[string]bool{}
		for _, k := range in.Generalise {
			r.chosen[k] = true
		}
	}
	p := &schakel.Precedent{CaseID: c.ID, OrganisationID: c.OrganisationID, RuleRefs: c.RuleRefs, Outcome: d.Outcome, LegalGround: d.LegalGround,
		CostCents: d.CostCents, DecidedAt: d.At}
	p.Title = r.text("titel", c.Title, in.Title)
	p.Summary = r.text("samenvatting", c.Situation, in.Summary)
	p.Intent = r.text("bedoeling", c.Intent, in.Intent)
	p.Harm = r.text("knelpunt", c.Harm, in.Harm)
	p.Explanation = r.text("uitleg", d.Explanation, in.Explanation)
	for i, w := range d.Weighings {
		p.Principles = append(p.Principles, w.Principle)
		p.Weighings = append(p.Weighings, schakel.Weighing{Principle: w.Principle, How: r.text(fmt.Sprintf("afweging-%d", i+1), w.How, "")})
	}
	if len(p.Principles) == 0 {
		p.Principles = c.Principles
	}
	p.Digest = p.ComputeDigest()
	r.review.Precedent = p
	return r.review
}

// decided returns the decided case id with its decision and organisation,
// for a user who manages its cases.
func (s *Service) decided(ctx context.Context, u *schakel.User, id int64) (*schakel.Case, *schakel.Decision, *schakel.Organisation, error) {
	c, err := s.manage(ctx, u, id, "publiceren", schakel.CaseDecided)
	if err != nil {
		return nil, nil, nil, err
	}
	if erased, err := s.store.CaseErasures(ctx, []int64{id}); err != nil {
		return nil, nil, nil, err
	} else if erased[id] != nil {
		return nil, nil, nil, schakel.Errorf(schakel.ECONFLICT, "De teksten van casus %d zijn gewist; publiceren kan niet meer.", id)
	}
	d, err := s.store.CaseDecision(ctx, id)
	if err != nil {
		return nil, nil, nil, err
	}
	org, err := s.store.Organisation(ctx, c.OrganisationID)
	if err != nil {
		return nil, nil, nil, err
	}
	return c, d, org, nil
}

// fourEyes refuses the one who decided the case.
func fourEyes(u *schakel.User, d *schakel.Decision) error {
	if d.DecidedBy == u.ID {
		return schakel.Errorf(schakel.EFORBIDDEN, "U hebt over deze casus besloten. Een tweede beoordelaar (coördinator of bestuur) leest de publicatie na en publiceert.")
	}
	return nil
}

// Proposal returns the review of what would be published with in's
// choices (the zero PublishInput: the proposal with the defaults): every
// text redacted and generalised, every replacement and flag, and whether
// u may publish.
func (s *Service) Proposal(ctx context.Context, u *schakel.User, id int64, in PublishInput) (*Review, error) {
	c, d, org, err := s.decided(ctx, u, id)
	if err != nil {
		return nil, err
	}
	rv := review(c, d, org, in)
	if err := fourEyes(u, d); err != nil {
		rv.Why = err.Error()
	} else {
		rv.MayPublish = true
	}
	return rv, nil
}

// checkPublishInput names every invalid field of in.
func checkPublishInput(v *schakel.Validation, in PublishInput) {
	for _, f := range []struct{ name, value string }{{"titel", in.Title}, {"samenvatting", in.Summary}, {"bedoeling", in.Intent}, {"knelpunt", in.Harm}, {"uitleg", in.Explanation}} {
		if len(f.value) > MaxText {
			v.Add(f.name, "too_long", "Gebruik hoogstens %d tekens.", MaxText)
		}
	}
	if len(in.Redact) > 100 {
		v.Add("weglakken", "too_many", "Geef hoogstens %d stukken tekst om weg te lakken.", 100)
	}
	if len(in.Generalise) > 1000 {
		v.Add("generaliseren", "too_many", "Kies hoogstens %d stukken tekst om algemener te maken.", 1000)
	}
	var missing []string
	for _, c := range ReviewCategories() {
		if !slices.Contains(in.Confirmed, string(c)) {
			missing = append(missing, string(c))
		}
	}
	if len(missing) > 0 {
		v.Add("bevestigingen", "required", "Bevestig dat u elke soort gegevens hebt nagelezen; nog niet: %s.", strings.Join(missing, ", "))
	}
}

// Publish publishes a decided case to the register, redacted and
// generalised as the reviewer chose. The one who decided the case cannot
// (four eyes), and the reviewer must confirm every review category.
func (s *Service) Publish(ctx context.Context, u *schakel.User, id int64, in PublishInput) (*schakel.Precedent, error) {
	c, d, org, err := s.decided(ctx, u, id)
	if err != nil {
		return nil, err
	}
	if err := fourEyes(u, d); err != nil {
		return nil, err
	}
	var v schakel.Validation
	v.Given(in.Problems)
	checkPublishInput(&v, in)
	if err := v.Err(); err != nil {
		return nil, err
	}
	rv := review(c, d, org, in)
	unknownKeys(&v, in.Generalise, rv.Flags)
	if err := v.Err(); err != nil {
		return nil, err
	}
	p := rv.Precedent
	p.PublishedAt, p.PublishedBy = s.Clock.Now(), u.ID
	if err := s.store.Publish(ctx, c.Version, p); err != nil {
		return nil, err
	}
	return p, nil
}

// flagKey names the i-th of the flags of one field by the field, the
// flagged text and which occurrence of that text it is — not by its
// position, which an edit earlier in the text would shift.
func flagKey(field string, flags []generalise.Flag, i int) string {
	n := 0
	for _, f := range flags[:i] {
		if f.Text == flags[i].Text {
			n++
		}
	}
	return field + ":" + strconv.Itoa(n) + ":" + flags[i].Text
}

// unknownKeys names, in v, a choice of in that matches no flagged text of
// the review: the text it named is gone (edited away), and silently
// ignoring the choice would publish what the reviewer meant to generalise.
func unknownKeys(v *schakel.Validation, chosen []string, flags []Flagged) {
	known := make(map[string]bool, len(flags))
	for _, f := range flags {
		known[f.Key] = true
	}
	for _, k := range chosen {
		if !known[k] {
			v.Add("generaliseren", "unknown", "Een gekozen stuk tekst staat niet meer in de tekst. Bekijk het voorbeeld opnieuw en kies opnieuw wat algemener moet.")
			return
		}
	}
}
