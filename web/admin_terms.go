package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/auth"
	"github.com/schakel-nl/schakel/authz"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/requests"
)

// An organisation's own terms per request type, as PUT and DELETE
// /api/v1/organisaties/{code}/termijnen/{type} set them: the same parsing,
// the same validation (schakel.TermSetting.Validate, the statutory maxima
// among it) and the same service (requests.TermSettings), which records
// who changed them last.

// termSettingRow is one request type in the terms table.
type termSettingRow struct {
	Type                schakel.RequestType
	Name                string
	Own                 bool
	Ack, Answer, Urgent string
	MaxExtension, Outer string
	Reminder            int
	UpdatedAt           string
}

// termSettingFields are the fields of the terms form, by the API's field names.
func termSettingFields() []fieldSpec {
	const how = "Een aantal werkdagen, zoals 5 werkdagen, of een ISO-duur, zoals P6W (6 weken), P14D (14 dagen) of P3M (3 maanden)."
	return []fieldSpec{
		{Name: "ontvangst", Label: "Ontvangst bevestigen binnen", Description: how + " Leeg: geen aparte ontvangstbevestiging."},
		{Name: "antwoord", Label: "Antwoorden binnen", Description: how, Required: true},
		{Name: "spoed", Label: "Antwoorden bij spoed binnen", Description: "Leeg: geen kortere termijn bij spoed."},
		{Name: "maximaleVerlenging", Label: "Verlengen met hoogstens", Description: "Leeg: verlengen kan niet."},
		{Name: "buitengrens", Label: "Uiterlijk klaar na het verzoek", Description: "De grens die geen verlenging mag passeren. Leeg: geen grens."},
		{Name: "herinneringWerkdagen", Label: "Herinnering, werkdagen voor de termijn", Description: "0 is geen herinnering; hoogstens 20.", Kind: kindNumber, Required: true},
	}
}

// termsOf returns the text of a term, "" for none.
func termsOf(t calendar.Term) string {
	if t == (calendar.Term{}) {
		return ""
	}
	return t.String()
}

// adminTermRows fills the terms of d when the viewer manages them.
func (h *Handler) adminTermRows(r *http.Request, pg *page, d *adminOrgData) error {
	if h.Terms == nil || authz.Can(pg.User, authz.ManageTerms, d.Org.ID) != nil {
		return nil
	}
	eff, err := h.Terms.Effective(r.Context(), d.Org.ID)
	if err != nil {
		return err
	}
	d.Terms = true
	for _, e := range eff {
		d.TermRows = append(d.TermRows, termSettingOf(pg, e))
	}
	return nil
}

func termSettingOf(pg *page, e requests.Effective) termSettingRow {
	s := e.Setting
	row := termSettingRow{Type: s.Type, Name: pg.RequestType(s.Type), Own: e.Configured, Ack: termsOf(s.Ack), Answer: termsOf(s.Answer), Urgent: termsOf(s.Urgent),
		MaxExtension: termsOf(s.MaxExtension), Outer: termsOf(s.Outer), Reminder: s.ReminderWorkingDays}
	if e.Configured {
		row.UpdatedAt = pg.Date(s.UpdatedAt)
	}
	return row
}

// termsTarget resolves the organisation and type of a terms page and
// checks that the user may manage its terms; the permission comes before
// the input, as in the API.
func (h *Handler) termsTarget(r *http.Request) (*schakel.Organisation, schakel.RequestType, *schakel.User, error) {
	if h.Terms == nil {
		return nil, "", nil, errNoPage
	}
	u := auth.UserFrom(r.Context())
	if err := authz.Can(u, authz.ManageTerms, 0); err != nil {
		return nil, "", nil, err
	}
	o, err := h.Directory.OrganisationByCode(r.Context(), r.PathValue("code"))
	if err != nil {
		return nil, "", nil, err
	}
	if err := authz.Can(u, authz.ManageTerms, o.ID); err != nil {
		return nil, "", nil, err
	}
	typ := schakel.RequestType(r.PathValue("type"))
	if !typ.Valid() {
		return nil, "", nil, errNoPage
	}
	return o, typ, u, nil
}

// adminTermsData is the Data of the terms form.
type adminTermsData struct {
	Org  *schakel.Organisation
	Type schakel.RequestType
	Name string
	// Own: the organisation set these terms; otherwise the defaults apply.
	Own bool
	// Law names the statutory limits of the type, or "".
	Law string
}

// AdminTermsForm shows the form of one type's terms, filled with those in
// force; GET /beheer/organisaties/{code}/termijnen/{type}.
func (h *Handler) AdminTermsForm(w http.ResponseWriter, r *http.Request) error {
	o, typ, _, err := h.termsTarget(r)
	if err != nil {
		return err
	}
	eff, err := h.Terms.Effective(r.Context(), o.ID)
	if err != nil {
		return err
	}
	values := url.Values{}
	own := false
	for _, e := range eff {
		if e.Setting.Type == typ {
			s := e.Setting
			own = e.Configured
			values = url.Values{"ontvangst": {termsOf(s.Ack)}, "antwoord": {termsOf(s.Answer)}, "spoed": {termsOf(s.Urgent)},
				"maximaleVerlenging": {termsOf(s.MaxExtension)}, "buitengrens": {termsOf(s.Outer)}, "herinneringWerkdagen": {strconv.Itoa(s.ReminderWorkingDays)}}
		}
	}
	return h.renderTerms(w, r, http.StatusOK, o, typ, own, values, nil)
}

// AdminSetTerms sets the organisation's own terms for the type; POST
// /beheer/organisaties/{code}/termijnen/{type}.
func (h *Handler) AdminSetTerms(w http.ResponseWriter, r *http.Request) error {
	o, typ, u, err := h.termsTarget(r)
	if err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	s, err := parseTermSetting(r.PostForm, o.ID, typ, u.ID)
	if err == nil {
		err = h.Terms.Set(r.Context(), s)
	}
	if refused(err) {
		return h.renderTerms(w, r, formStatus(err), o, typ, false, r.PostForm, err)
	}
	if err != nil {
		return err
	}
	redirectDone(w, r, adminOrgPath(o.Code), "termijnen", "#termijnen")
	return nil
}

// AdminResetTerms restores the defaults for the type; POST
// /beheer/organisaties/{code}/termijnen/{type}/standaard.
func (h *Handler) AdminResetTerms(w http.ResponseWriter, r *http.Request) error {
	o, typ, u, err := h.termsTarget(r)
	if err != nil {
		return err
	}
	if err := h.Terms.Delete(r.Context(), o.ID, typ, u.ID); err != nil {
		return err
	}
	redirectDone(w, r, adminOrgPath(o.Code), "standaard", "#termijnen")
	return nil
}

// parseTermSetting reads the terms form as the API reads its body: a term
// left empty does not apply (the answer term is required), each is parsed
// by calendar.ParseTermText, and the whole is validated by
// schakel.TermSetting.Validate, every invalid field named once.
func parseTermSetting(f url.Values, org int64, typ schakel.RequestType, by int64) (*schakel.TermSetting, error) {
	var v schakel.Validation
	s := &schakel.TermSetting{OrganisationID: org, Type: typ, UpdatedBy: by}
	reminder := strings.TrimSpace(f.Get("herinneringWerkdagen"))
	if v.Required("herinneringWerkdagen", reminder) {
		n, err := strconv.Atoi(reminder)
		if err != nil {
			v.Add("herinneringWerkdagen", "format", "Vul een heel getal in, zoals 3.")
		}
		s.ReminderWorkingDays = n
	}
	for _, t := range []struct {
		name string
		dst  *calendar.Term
	}{{"ontvangst", &s.Ack}, {"antwoord", &s.Answer}, {"spoed", &s.Urgent}, {"maximaleVerlenging", &s.MaxExtension}, {"buitengrens", &s.Outer}} {
		text := strings.TrimSpace(f.Get(t.name))
		if text == "" {
			continue
		}
		term, err := calendar.ParseTermText(text)
		if err != nil {
			if e, ok := errors.AsType[*calendar.Error](err); ok {
				v.Add(t.name, e.Code, e.Format, e.Args...)
			} else {
				v.Add(t.name, "invalid", "%s", err.Error())
			}
			continue
		}
		*t.dst = term
	}
	given := v.Fields()
	var all schakel.Validation
	all.Given(given)
	if err := all.Merge("", s.Validate()); err != nil {
		return nil, err
	}
	if err := all.Err(); err != nil {
		return nil, err
	}
	return s, nil
}

// renderTerms renders the terms form of one type.
func (h *Handler) renderTerms(w http.ResponseWriter, r *http.Request, status int, o *schakel.Organisation, typ schakel.RequestType, own bool, values url.Values, formErr error) error {
	pg := h.newPage(r, "")
	pg.Nav = adminNav
	name := pg.RequestType(typ)
	pg.Title = pg.T("Termijnen voor %s", name)
	f := newForm(pg.translator, termSettingFields(), values)
	if formErr != nil {
		putErrors(pg, f, formErr, "antwoord")
	}
	pg.Form = f
	pg.Data = adminTermsData{Org: o, Type: typ, Name: name, Own: own, Law: schakel.Statutory(typ).Source}
	h.render(w, r, status, "admin_terms", pg)
	return nil
}
