package web

import (
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/brakes"
	"github.com/schakel-nl/schakel/comply"
)

// citizenBrakeFields are the fields of the citizen's brake. The texts are
// plain Dutch (B1): the form is public and for everybody.
func citizenBrakeFields() []fieldSpec {
	return []fieldSpec{
		{Name: "organisatie", Label: "Welke organisatie nam het besluit?", Kind: kindSelect, Required: true},
		{Name: "kenmerk", Label: "Kenmerk van het besluit", Description: "Het nummer van de brief met het besluit. Het staat meestal bovenaan, bij 'Ons kenmerk' of 'Kenmerk'.", Required: true, Autocomplete: "off"},
		{Name: "datumBesluit", Label: "Datum van het besluit", Description: "De datum die in de brief staat.", Kind: kindDate, Required: true, Autocomplete: "off"},
		{Name: "toelichting", Label: "Wat is er mis met het besluit?", Description: "Vertel in uw eigen woorden wat er niet klopt. Schrijf geen burgerservicenummer (BSN) of gegevens over uw gezondheid op; dat is niet nodig.", Kind: kindTextarea, Required: true, Spellcheck: true},
		{Name: "bezwaren", Label: "Welke zinnen passen bij uw situatie?", Anchor: fieldID("bezwaren-" + schakel.CitizenGrounds[0].Key)},
		{Name: "gewensteUitkomst", Label: "Wat wilt u dat er gebeurt?", Description: "Bijvoorbeeld: dat het besluit wordt teruggedraaid, dat iemand opnieuw naar mijn situatie kijkt, of dat ik eerst word gehoord.", Kind: kindTextarea, Required: true, Spellcheck: true},
	}
}

// citizenBrakeData is the Data of the citizen's form.
type citizenBrakeData struct {
	Bezwaren choiceGroup // the sentences of schakel.CitizenGrounds
	Term     string      // the usual answer term, in words
	Notice   string      // why the form cannot be sent now (throttled, expired), translated
	Token    string      // the one-time form token
	Mail     bool        // the citizen may give an e-mail address
}

// citizenField maps a field of the service to the citizen's form, which
// shows the chosen sentences as one group: an error about one of them is
// shown at the group.
func citizenField(field string) string {
	if strings.HasPrefix(field, "bezwaren") {
		return "bezwaren"
	}
	return field
}

// CitizenBrakeForm shows the public form of the citizen's brake: contest a
// decision, without logging in; GET /noodrem/burger. The form carries a
// one-time token (formtoken.go).
func (h *Handler) CitizenBrakeForm(w http.ResponseWriter, r *http.Request) error {
	if err := h.needBrakes(); err != nil {
		return err
	}
	return h.renderCitizenBrake(w, r, http.StatusOK, nil, nil)
}

// citizenReceiptCookie carries the key of a citizen's receipt, never the
// code itself, to the receipt page and its PDF.
var citizenReceiptCookie = resultCookie{Name: "noodrem-ontvangst", Path: "/noodrem/burger/ontvangst"}

// citizenReceiptPath is the receipt page of a citizen's brake just pulled.
const citizenReceiptPath = "/noodrem/burger/ontvangst"

// PullCitizenBrake pulls the citizen's brake (POST /noodrem/burger) and
// sends the browser to the receipt page (post–redirect–get). A second POST
// with the same form token files nothing and goes to the first receipt; a
// form without a known token is shown again to be sent once more. Invalid
// input shows the form again with every error at its field.
func (h *Handler) PullCitizenBrake(w http.ResponseWriter, r *http.Request) error {
	if err := h.needBrakes(); err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	f := r.PostForm
	token, done, expired, err := h.claimForm(w, r, f, citizenReceiptCookie, citizenReceiptPath)
	switch {
	case err != nil || done:
		return err
	case expired:
		return h.renderCitizenBrake(w, r, http.StatusBadRequest, f, errFormExpired)
	}
	filed := false
	defer func() {
		if !filed {
			h.tokens.release(token)
		}
	}()
	in := brakes.PullInput{
		Level:             schakel.LevelCitizen,
		Organisation:      strings.TrimSpace(f.Get("organisatie")),
		DecisionReference: strings.TrimSpace(f.Get("kenmerk")),
		DecisionDate:      strings.TrimSpace(f.Get("datumBesluit")),
		Body:              strings.TrimSpace(f.Get("toelichting")),
		CitizenGrounds:    f["bezwaren"],
		WantedOutcome:     strings.TrimSpace(f.Get("gewensteUitkomst")),
		ContactEmail:      f.Get("email"),
	}
	// A citizen is nobody in schakel, also when logged in: no user is passed.
	p, err := h.Brakes.Pull(r.Context(), nil, h.address(r), in)
	switch schakel.ErrorCode(err) {
	case "":
		filed = true
		now := h.Clock.Now()
		res := h.receiptOf(r, p, now)
		h.sendReceiptCopy(r, p, &res)
		citizenReceiptCookie.set(w, r, h.tokens.finish(token, res, now))
		http.Redirect(w, r, citizenReceiptPath, http.StatusSeeOther)
	case schakel.EINVALID:
		return h.renderCitizenBrake(w, r, http.StatusBadRequest, f, mapFields(err, citizenField))
	case schakel.ETOOMANY:
		setRetryAfter(w, err)
		return h.renderCitizenBrake(w, r, http.StatusTooManyRequests, f, err)
	default:
		return err
	}
	return nil
}

// errFormExpired is the answer to a form sent without a token that is
// still known: expired, from before a restart, or never issued.
var errFormExpired = &schakel.Error{Code: schakel.ECONFLICT, Message: "Dit formulier was verlopen. Er is nog niets verstuurd. Uw tekst staat er nog: kijk hem na en verstuur het formulier opnieuw."}

// renderCitizenBrake renders the citizen's form with the values entered and
// the error of a failed attempt.
func (h *Handler) renderCitizenBrake(w http.ResponseWriter, r *http.Request, status int, values url.Values, formErr error) error {
	pg := h.newPage(r, "Noodrem voor burgers")
	pg.Nav = "noodrem"
	_, all, err := h.orgs(r)
	if err != nil {
		return err
	}
	specs := citizenBrakeFields()
	if h.Brakes.MailOn() {
		specs = append(specs, citizenEmailField)
	}
	f := newForm(pg.translator, specs, values)
	token := values.Get(tokenField)
	if token == "" {
		token = h.tokens.issue(h.Clock.Now())
	}
	opts := []option{{Value: "", Label: pg.T("Kies een organisatie")}}
	for _, o := range all {
		if o.Type != schakel.OrgParliament {
			opts = append(opts, option{Value: o.Code, Label: o.Name})
		}
	}
	f.SetOptions("organisatie", opts)
	d := citizenBrakeData{Term: pg.TermWords(comply.DefaultTerms[schakel.TypeCitizenBrake].Answer), Token: token, Mail: h.Brakes.MailOn()}
	switch schakel.ErrorCode(formErr) {
	case "":
	case schakel.ETOOMANY:
		d.Notice = waitNotice(pg, formErr)
	case schakel.ECONFLICT:
		d.Notice = pg.ErrorMessage(formErr)
	default:
		if !f.AddFieldErrors(formErr, "organisatie") {
			f.AddError("organisatie", pg.ErrorMessage(formErr))
		}
	}
	d.Bezwaren = choiceGroup{Field: f.Field("bezwaren"), Type: "checkbox", Legend: pg.T("Welke zinnen passen bij uw situatie?"),
		Description: pg.T("Kies één of meer zinnen. Achter elke zin zit een beginsel van behoorlijk bestuur waar de organisatie zich aan moet houden.")}
	for _, g := range schakel.CitizenGrounds {
		text := g.Dutch
		if pg.lang == langEN {
			text = g.English
		}
		d.Bezwaren.Choices = append(d.Bezwaren.Choices, choiceView{ID: fieldID("bezwaren-" + g.Key), Value: g.Key, Label: text, Checked: slices.Contains(values["bezwaren"], g.Key)})
	}
	pg.Form = f
	pg.Data = d
	h.render(w, r, status, "brake_citizen", pg)
	return nil
}
