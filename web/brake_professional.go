package web

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/auth"
	"github.com/schakel-nl/schakel/brakes"
	"github.com/schakel-nl/schakel/comply"
)

// professionalBrakeFields are the fields of the professional's brake.
func professionalBrakeFields(pg *page) []fieldSpec {
	specs := []fieldSpec{
		{Name: "organisatie", Label: "Bij welke organisatie trekt u de noodrem?", Description: "Dat mag ook een andere organisatie zijn dan die waar u werkt.", Kind: kindSelect, Required: true},
		{Name: "betreft", Label: "Om welk besluit, protocol of welke instructie gaat het?", Description: "Als u het weet: noem het besluit, het protocol of de werkinstructie, met een kenmerk of datum.", Kind: kindTextarea, Spellcheck: true},
	}
	specs = append(specs, ruleSpecs(pg, true)...)
	specs = append(specs,
		fieldSpec{Name: "onderwerp", Label: "Onderwerp", Description: "In één regel: waar gaat het om?", Required: true, Spellcheck: true},
		fieldSpec{Name: "toelichting", Label: "Toelichting", Description: "Wat gaat er mis, voor wie, en wat moet er volgens u gebeuren? Noem geen namen of andere gegevens van burgers die niet nodig zijn.", Kind: kindTextarea, Spellcheck: true},
	)
	specs = append(specs, groundSpecs()...)
	specs = append(specs,
		fieldSpec{Name: "urgent", Label: "Spoed: antwoord binnen 5 werkdagen", Description: "Kies dit als er schade ontstaat wanneer het antwoord 6 weken duurt.", Kind: kindCheckbox},
		fieldSpec{Name: "identiteit", Label: "Hoe u bekend bent", Anchor: fieldID("identiteit-" + string(schakel.IdentityNamed))},
	)
	return specs
}

// professionalBrakeData is the Data of the professional's form.
type professionalBrakeData struct {
	brakeFormParts
	Identity choiceGroup
	Term     string // the usual answer term, in words
}

// ProfessionalBrakeForm shows the professional's brake to anyone logged in;
// GET /noodrem/professional.
func (h *Handler) ProfessionalBrakeForm(w http.ResponseWriter, r *http.Request) error {
	if err := h.needBrakes(); err != nil {
		return err
	}
	return h.renderProfessionalBrake(w, r, http.StatusOK, nil, nil)
}

// PullProfessionalBrake pulls the professional's brake; POST
// /noodrem/professional. A named or protected puller goes to the request's
// page; an anonymous one gets the receipt code on this response, and
// nothing links the brake to them.
func (h *Handler) PullProfessionalBrake(w http.ResponseWriter, r *http.Request) error {
	if err := h.needBrakes(); err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	u := auth.UserFrom(r.Context())
	if u == nil {
		return schakel.Errorf(schakel.EUNAUTHORIZED, "Log in om de noodrem van een professional te trekken.")
	}
	f := r.PostForm
	if addingRow(f) {
		return h.renderProfessionalBrake(w, r, http.StatusOK, f, nil)
	}
	token, filed, expired, err := h.claimForm(w, r, f, professionalReceiptCookie, professionalReceiptPath)
	switch {
	case err != nil || filed:
		return err
	case expired:
		return h.renderProfessionalBrake(w, r, http.StatusBadRequest, f, errFormExpired)
	}
	pulled := false
	defer func() {
		if !pulled {
			h.tokens.release(token)
		}
	}()
	refs, ruleRows := readRules(f)
	grounds, groundRows := readGrounds(f)
	in := brakes.PullInput{
		Level:        schakel.LevelProfessional,
		Organisation: strings.TrimSpace(f.Get("organisatie")),
		Identity:     schakel.Identity(strings.TrimSpace(f.Get("identiteit"))),
		Concerned:    strings.TrimSpace(f.Get("betreft")),
		RuleRefs:     refs,
		Subject:      strings.TrimSpace(f.Get("onderwerp")),
		Body:         strings.TrimSpace(f.Get("toelichting")),
		Grounds:      grounds,
		Urgent:       f.Get("urgent") != "",
	}
	p, err := h.Brakes.Pull(r.Context(), u, h.address(r), in)
	switch schakel.ErrorCode(err) {
	case "":
		pulled = true
		h.finishPull(w, r, token, p)
	case schakel.EINVALID:
		err = remapRows(remapRows(err, "regels", ruleRows), "gronden", groundRows)
		return h.renderProfessionalBrake(w, r, http.StatusBadRequest, f, err)
	case schakel.ETOOMANY:
		// Anonymous brakes are limited per user; what was typed is kept.
		setRetryAfter(w, err)
		return h.renderProfessionalBrake(w, r, http.StatusTooManyRequests, f, err)
	default:
		return err
	}
	return nil
}

// renderProfessionalBrake renders the professional's form with the values
// entered and the errors of a failed attempt.
func (h *Handler) renderProfessionalBrake(w http.ResponseWriter, r *http.Request, status int, values url.Values, formErr error) error {
	pg := h.newPage(r, "Noodrem van een professional")
	pg.Nav = "noodrem"
	if pg.User == nil {
		return schakel.Errorf(schakel.EUNAUTHORIZED, "Log in om de noodrem van een professional te trekken.")
	}
	_, all, err := h.orgs(r)
	if err != nil {
		return err
	}
	principles, err := h.principleOptions(r, pg)
	if err != nil {
		return err
	}
	f := newForm(pg.translator, professionalBrakeFields(pg), values)
	opts := []option{{Value: "", Label: pg.T("Kies een organisatie")}}
	for _, o := range all {
		if o.Type.Executes() {
			opts = append(opts, option{Value: o.Code, Label: o.Name + " (" + pg.OrgType(o.Type) + ")"})
		}
	}
	f.SetOptions("organisatie", opts)
	for i := 0; i < maxGroundRows; i++ {
		f.SetOptions(groundField(i, "beginsel"), principles)
	}
	if formErr != nil && !f.AddFieldErrors(formErr, "onderwerp") {
		f.AddError("onderwerp", pg.ErrorMessage(formErr))
	}
	terms := comply.DefaultTerms[schakel.TypeProfessionalBrake]
	d := professionalBrakeData{brakeFormParts: newBrakeFormParts(pg, values, "/noodrem/professional", h.formToken(values)), Term: pg.TermWords(terms.Answer)}
	d.Identity = choiceGroup{Field: f.Field("identiteit"), Type: "radio", Legend: pg.T("Hoe wilt u bekend zijn?"),
		Description: pg.T("U bent beschermd als u de noodrem trekt. Kies hoeveel de organisatie van u weet.")}
	chosen := ""
	if values != nil {
		chosen = values.Get("identiteit")
	}
	for _, id := range schakel.Identities {
		d.Identity.Choices = append(d.Identity.Choices, choiceView{ID: fieldID("identiteit-" + string(id)), Value: string(id),
			Label: pg.T(identityLabels[id]), Description: pg.T(identityDescriptions[id]), Checked: chosen == string(id)})
	}
	pg.Form = f
	pg.Data = d
	h.render(w, r, status, "brake_professional", pg)
	return nil
}
