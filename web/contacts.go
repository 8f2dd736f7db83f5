package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/auth"
	"github.com/schakel-nl/schakel/directory"
)

// The section "Contact met het parlement" of an organisation's page: its
// active contact points for parliament (report §5.4.4), for its
// administrators a form to add one and a button to retire one, and for
// operators a form to set the committee of a ministry or the task of an
// executing organisation. A contact point names a function, never a person
// (decision 0021), so the section is public.

// contactSection is the Data of the section.
type contactSection struct {
	// Executes: the organisation has contact points (it executes).
	Executes bool
	Contacts []*schakel.Contact
	// Manage: the viewer may add and retire contact points; AddForm is the
	// form to add one.
	Manage  bool
	AddForm *form
	// Committees are the choices of AddForm, with whether each is ticked.
	Committees []committeeChoice
	// NoCommittees: no ministry names a committee yet, so none can be
	// chosen.
	NoCommittees bool
	// GroupingForm sets the committee or the task, for operators; nil for
	// others and for organisations that have neither.
	GroupingForm *form
	// GroupingField is the field GroupingForm shows: "kamercommissie" or
	// "opgave".
	GroupingField string
}

// committeeChoice is one checkbox of the committees a contact point serves.
type committeeChoice struct {
	ID, Name string
	Checked  bool
}

// contactForms are the input and errors of a failed post to the section's
// forms; the zero value shows them empty.
type contactForms struct {
	add, grouping url.Values
	addErr        error
	groupingErr   error
}

// contactFields are the fields of the form "Contactpersoon toevoegen".
var contactFields = []fieldSpec{
	{Name: "functie", Label: "Functie", Description: "De functie, zoals Politiek accountmanager. Geen naam van een persoon: de functie blijft als de medewerker vertrekt.", Required: true, Spellcheck: true},
	{Name: "email", Label: "E-mailadres", Description: "Een functioneel adres, zoals kamerzaken@organisatie.nl. Geen persoonlijk adres.", Required: true, Autocomplete: "off"},
	{Name: "telefoon", Label: "Telefoonnummer", Description: "Een algemeen nummer, zoals +31 20 123 45 67.", Autocomplete: "off"},
	{Name: "onderwerpen", Label: "Onderwerpen", Description: "Waarover de Kamer deze contactpersoon kan benaderen.", Kind: kindTextarea, Spellcheck: true},
	{Name: "kamercommissies", Label: "Vaste Kamercommissies", Required: true, Anchor: "kamercommissie-0"},
}

// groupingFields are the fields of the form that sets the committee or the
// task; the page shows the one that fits the organisation.
var groupingFields = []fieldSpec{
	{Name: "kamercommissie", Label: "Vaste Kamercommissie", Description: "De vaste Kamercommissie die dit ministerie volgt. Laat leeg om haar te wissen.", Spellcheck: true},
	{Name: "opgave", Label: "Maatschappelijke opgave", Description: "De maatschappelijke opgave die deze organisatie dient, zoals Bestaanszekerheid. Laat leeg om haar te wissen.", Spellcheck: true},
}

// contactSection gathers the section for o as pg's viewer sees it.
func (h *Handler) contactSection(r *http.Request, pg *page, o *schakel.Organisation, forms contactForms) (contactSection, error) {
	ctx := r.Context()
	s := contactSection{Executes: o.Type.Executes()}
	if s.Executes {
		cs, err := h.Directory.Contacts(ctx, schakel.ContactFilter{OrganisationID: o.ID})
		if err != nil {
			return s, err
		}
		s.Contacts = cs
	}
	if s.Executes && directory.MayManageContacts(pg.User, o.ID) {
		committees, err := h.Directory.Committees(ctx)
		if err != nil {
			return s, err
		}
		s.Manage, s.NoCommittees = true, len(committees) == 0
		s.AddForm = newForm(pg.translator, contactFields, forms.add)
		chosen := map[string]bool{}
		for _, c := range forms.add["kamercommissies"] {
			chosen[c] = true
		}
		for i, c := range committees {
			s.Committees = append(s.Committees, committeeChoice{ID: "kamercommissie-" + strconv.Itoa(i), Name: c.Name, Checked: chosen[c.Name]})
		}
		if forms.addErr != nil {
			addContactErrors(pg, s.AddForm, forms.addErr)
			pg.Form = s.AddForm
		}
	}
	if directory.MayManageGrouping(pg.User) && (o.Type == schakel.OrgMinistry || s.Executes) {
		values := forms.grouping
		if values == nil {
			values = url.Values{"kamercommissie": {o.Committee}, "opgave": {o.Task}}
		}
		s.GroupingForm = newForm(pg.translator, groupingFields, values)
		s.GroupingField = "opgave"
		if o.Type == schakel.OrgMinistry {
			s.GroupingField = "kamercommissie"
		}
		if forms.groupingErr != nil {
			if !s.GroupingForm.AddFieldErrors(forms.groupingErr, s.GroupingField) {
				s.GroupingForm.AddError(s.GroupingField, pg.ErrorMessage(forms.groupingErr))
			}
			pg.Form = s.GroupingForm
		}
	}
	return s, nil
}

// addContactErrors puts the errors of adding a contact point on f: those
// of one committee ("kamercommissies[1]") on the group of checkboxes, and
// those of fields the form does not show on the function.
func addContactErrors(pg *page, f *form, err error) {
	fields := schakel.ErrorFields(err)
	if len(fields) == 0 {
		f.AddError("functie", pg.ErrorMessage(err))
		return
	}
	for _, fe := range fields {
		name := fe.Field
		if strings.HasPrefix(name, "kamercommissies") {
			name = "kamercommissies"
		} else if _, ok := f.spec(name); !ok {
			name = "functie"
		}
		f.AddError(name, pg.FieldMessage(fe))
	}
}

// contactAnchor is where the section starts, to return to after a post.
const contactAnchor = "#contact-parlement"

// AddContact adds a contact point for parliament to the organisation
// (POST /organisaties/{code}/contactpersonen) and returns to its page;
// invalid input shows the page again with every error.
func (h *Handler) AddContact(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	ctx := r.Context()
	code := r.PathValue("code")
	o, _, err := h.Directory.AddContact(ctx, auth.UserFrom(ctx), code, contactInput(r.PostForm))
	if schakel.ErrorCode(err) == schakel.EINVALID {
		o, oErr := h.Directory.OrganisationByCode(ctx, code)
		if oErr != nil {
			return oErr
		}
		return h.renderOrganisation(w, r, http.StatusBadRequest, o, contactForms{add: r.PostForm, addErr: err})
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/organisaties/"+url.PathEscape(o.Code)+contactAnchor, http.StatusSeeOther)
	return nil
}

// RetireContact retires a contact point of the organisation (POST
// /organisaties/{code}/contactpersonen/{id}/intrekking); it stays on
// record. The page is shown again.
func (h *Handler) RetireContact(w http.ResponseWriter, r *http.Request) error {
	code, err := h.retireContact(r)
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/organisaties/"+url.PathEscape(code)+contactAnchor, http.StatusSeeOther)
	return nil
}

// retireContact retires the contact point {id} of the organisation {code}
// of r's path, for the organisation's page and the administration page
// alike, and returns the organisation's code.
func (h *Handler) retireContact(r *http.Request) (string, error) {
	if err := parseForm(r); err != nil {
		return "", err
	}
	ctx := r.Context()
	code := r.PathValue("code")
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		id = 0 // the directory answers ENOTFOUND once it knows the user may retire
	}
	_, err = h.Directory.RetireContact(ctx, auth.UserFrom(ctx), code, id, nil)
	return code, err
}

// SetGrouping sets the committee of a ministry or the task of an executing
// organisation (POST /organisaties/{code}/indeling), for operators, and
// returns to its page; invalid input shows the page again with the error.
func (h *Handler) SetGrouping(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	ctx := r.Context()
	code := r.PathValue("code")
	o, err := h.Directory.SetGrouping(ctx, auth.UserFrom(ctx), code, directory.GroupingInput{Committee: r.PostForm.Get("kamercommissie"), Task: r.PostForm.Get("opgave")})
	if schakel.ErrorCode(err) == schakel.EINVALID {
		o, oErr := h.Directory.OrganisationByCode(ctx, code)
		if oErr != nil {
			return oErr
		}
		return h.renderOrganisation(w, r, http.StatusBadRequest, o, contactForms{grouping: r.PostForm, groupingErr: err})
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/organisaties/"+url.PathEscape(o.Code)+contactAnchor, http.StatusSeeOther)
	return nil
}

// contactInput reads the contact point form, the same on the
// organisation's page and the administration page.
func contactInput(f url.Values) directory.ContactInput {
	return directory.ContactInput{Function: f.Get("functie"), Email: f.Get("email"), Phone: f.Get("telefoon"),
		Topics: f.Get("onderwerpen"), Committees: f["kamercommissies"]}
}
