package api

import (
	"net/http"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/auth"
	"github.com/schakel-nl/schakel/authz"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/comply"
	"github.com/schakel-nl/schakel/requests"
	"github.com/schakel-nl/schakel/respond"
)

// TypeTerms are the terms of one request type in force at an
// organisation. Terms are in their text form: an ISO 8601 duration ("P6W")
// or working days ("5 werkdagen"); a term that does not apply is left out.
type TypeTerms struct {
	Type string `json:"type"`
	// Own reports whether the organisation set these terms; false means
	// they are schakel's defaults.
	Own          bool   `json:"eigen"`
	Ack          string `json:"ontvangst,omitempty"`
	Answer       string `json:"antwoord"`
	Urgent       string `json:"spoed,omitempty"`
	MaxExtension string `json:"maximaleVerlenging,omitempty"`
	Outer        string `json:"buitengrens,omitempty"`
	Reminder     int    `json:"herinneringWerkdagen"`
	// UpdatedAt is when the organisation last changed its own terms.
	UpdatedAt string `json:"gewijzigdOp,omitempty"`
}

// OrganisationTerms are the terms of every request type at an organisation.
type OrganisationTerms struct {
	Organisation string      `json:"organisatie"`
	Results      []TypeTerms `json:"resultaten"`
}

func termString(t calendar.Term) string {
	if t == (calendar.Term{}) {
		return ""
	}
	return t.String()
}

func typeTerms(e requests.Effective) TypeTerms {
	s := e.Setting
	out := TypeTerms{Type: string(s.Type), Own: e.Configured, Ack: termString(s.Ack), Answer: termString(s.Answer), Urgent: termString(s.Urgent),
		MaxExtension: termString(s.MaxExtension), Outer: termString(s.Outer), Reminder: s.ReminderWorkingDays}
	if e.Configured {
		out.UpdatedAt = timestamp(s.UpdatedAt)
	}
	return out
}

// effective returns the terms in force at org: from the store when there
// is a term service, otherwise the defaults.
func (h *Handler) effective(r *http.Request, org int64) ([]requests.Effective, error) {
	if h.Terms != nil {
		return h.Terms.Effective(r.Context(), org)
	}
	out := make([]requests.Effective, 0, len(schakel.RequestTypes))
	for _, typ := range schakel.RequestTypes {
		out = append(out, requests.Effective{Setting: comply.Setting(org, typ, comply.DefaultTerms[typ])})
	}
	return out, nil
}

// GetOrganisationTerms serves GET /api/v1/organisaties/{code}/termijnen:
// for every request type the terms that apply to requests addressed to the
// organisation, its own or the defaults (eigen says which). It is public:
// anyone may know how long an organisation has to answer.
func (h *Handler) GetOrganisationTerms(w http.ResponseWriter, r *http.Request) error {
	o, err := h.Directory.OrganisationByCode(r.Context(), r.PathValue("code"))
	if err != nil {
		return err
	}
	eff, err := h.effective(r, o.ID)
	if err != nil {
		return err
	}
	out := OrganisationTerms{Organisation: o.Code, Results: make([]TypeTerms, 0, len(eff))}
	for _, e := range eff {
		out.Results = append(out.Results, typeTerms(e))
	}
	respond.JSON(w, http.StatusOK, out)
	return nil
}

// termsInput is the body of PUT …/termijnen/{type}. It replaces the whole
// setting: a term left out (or "" or null) does not apply; a reminder left
// out is the default of 3 working days.
type termsInput struct {
	Ack          string `json:"ontvangst"`
	Answer       string `json:"antwoord"`
	Urgent       string `json:"spoed"`
	MaxExtension string `json:"maximaleVerlenging"`
	Outer        string `json:"buitengrens"`
	Reminder     *int   `json:"herinneringWerkdagen"`
}

// DefaultReminderWorkingDays is the reminder of a setting that names none.
const DefaultReminderWorkingDays = 3

// termsTarget resolves the organisation and type of …/termijnen/{type} and
// checks that the user may manage its terms. The permission comes before
// the body, so that someone without it learns nothing from validation.
func (h *Handler) termsTarget(r *http.Request) (*schakel.Organisation, schakel.RequestType, *schakel.User, error) {
	o, err := h.Directory.OrganisationByCode(r.Context(), r.PathValue("code"))
	if err != nil {
		return nil, "", nil, err
	}
	u := auth.UserFrom(r.Context())
	if err := authz.Can(u, authz.ManageTerms, o.ID); err != nil {
		return nil, "", nil, err
	}
	typ := schakel.RequestType(r.PathValue("type"))
	if !typ.Valid() {
		return nil, "", nil, schakel.Errorf(schakel.ENOTFOUND, "Soort verzoek %q bestaat niet; kies een van: %s.", typ, typeList())
	}
	if h.Terms == nil {
		return nil, "", nil, schakel.Errorf(schakel.EUNAVAILABLE, "Eigen termijnen kunnen hier niet worden ingesteld.")
	}
	return o, typ, u, nil
}

// SetOrganisationTerms serves PUT /api/v1/organisaties/{code}/termijnen/{type}:
// an administrator of the organisation sets its own terms for the type.
// Every invalid field is named at once, the statutory maxima among them
// (Awb 7:10 and 9:11, the whistleblower law). Requests made from then on,
// and rungs reached from then on, follow the new terms; requests already
// running keep their deadlines.
func (h *Handler) SetOrganisationTerms(w http.ResponseWriter, r *http.Request) error {
	o, typ, u, err := h.termsTarget(r)
	if err != nil {
		return err
	}
	var in termsInput
	var v schakel.Validation
	if err := decode(r, &in, &v); err != nil {
		return err
	}
	bad := invalidFields(&v)
	s := &schakel.TermSetting{OrganisationID: o.ID, Type: typ, ReminderWorkingDays: DefaultReminderWorkingDays, UpdatedBy: u.ID}
	if in.Reminder != nil {
		s.ReminderWorkingDays = *in.Reminder
	}
	for _, f := range []struct {
		name string
		text string
		dst  *calendar.Term
	}{
		{"ontvangst", in.Ack, &s.Ack}, {"antwoord", in.Answer, &s.Answer}, {"spoed", in.Urgent, &s.Urgent},
		{"maximaleVerlenging", in.MaxExtension, &s.MaxExtension}, {"buitengrens", in.Outer, &s.Outer},
	} {
		if bad[f.name] || (f.text == "" && f.name != "antwoord") {
			continue
		}
		t, err := calendar.ParseTermText(f.text)
		addCalendarError(&v, f.name, err)
		*f.dst = t
	}
	if err := mergeNew(&v, s.Validate()); err != nil {
		return err
	}
	if err := v.Err(); err != nil {
		return err
	}
	if err := h.Terms.Set(r.Context(), s); err != nil {
		return err
	}
	respond.JSON(w, http.StatusOK, typeTerms(requests.Effective{Setting: *s, Configured: true}))
	return nil
}

// DeleteOrganisationTerms serves DELETE /api/v1/organisaties/{code}/termijnen/{type}:
// an administrator of the organisation restores the defaults for the type.
// Restoring defaults that already apply is not an error: 204 either way.
func (h *Handler) DeleteOrganisationTerms(w http.ResponseWriter, r *http.Request) error {
	o, typ, u, err := h.termsTarget(r)
	if err != nil {
		return err
	}
	if err := h.Terms.Delete(r.Context(), o.ID, typ, u.ID); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
