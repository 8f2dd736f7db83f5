package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/auth"
	"github.com/schakel-nl/schakel/authz"
	"github.com/schakel-nl/schakel/directory"
)

// The administration of organisations: the list with a form to create one
// (operators), and per organisation its teams, its members, its terms and
// its contact persons for parliament, each shown to whom may change it.

// adminOrgFields are the fields of the form "Organisatie aanmaken", by the
// directory's field names.
func adminOrgFields() []fieldSpec {
	return []fieldSpec{
		{Name: "code", Label: "Code", Description: "Kort en vast, in kleine letters, cijfers en koppeltekens, zoals uwv of min-szw. Staat in de adressen van de pagina's en kan niet meer veranderen.", Required: true, Autocomplete: "off"},
		{Name: "naam", Label: "Naam", Required: true, Autocomplete: "organization", Spellcheck: true},
		{Name: "type", Label: "Soort", Kind: kindSelect, Required: true},
		{Name: "opdrachtgevers", Label: "Opdrachtgevers", Description: "De ministeries waarvoor de organisatie uitvoert. Alleen voor een uitvoerende organisatie.", Anchor: "opdrachtgever-0"},
		{Name: "kamercommissie", Label: "Vaste Kamercommissie", Description: "Alleen voor een ministerie: de vaste Kamercommissie die het volgt.", Spellcheck: true},
		{Name: "opgave", Label: "Maatschappelijke opgave", Description: "Alleen voor een uitvoerende organisatie, zoals Bestaanszekerheid.", Spellcheck: true},
	}
}

// teamFields are the fields of the form "Team toevoegen".
var teamFields = []fieldSpec{{Name: "naam", Label: "Naam van het team", Required: true, Spellcheck: true}}

// choice is one checkbox of a group, with whether it is ticked.
type choice struct {
	ID, Value, Label string
	Checked          bool
}

// adminOrgsData is the Data of /beheer/organisaties.
type adminOrgsData struct {
	Done string
	Orgs []*schakel.Organisation
	// Create is the form to create one, for operators; nil for others.
	Create     *form
	Principals []choice
}

// AdminOrganisations lists the organisations with the form to create one;
// GET /beheer/organisaties.
func (h *Handler) AdminOrganisations(w http.ResponseWriter, r *http.Request) error {
	if err := mayAdminister(r); err != nil {
		return err
	}
	return h.renderAdminOrgs(w, r, http.StatusOK, nil, nil)
}

// CreateOrganisation creates an organisation; POST /beheer/organisaties.
func (h *Handler) CreateOrganisation(w http.ResponseWriter, r *http.Request) error {
	if err := mayAdminister(r); err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	f := r.PostForm
	ctx := r.Context()
	o, err := h.Directory.CreateOrganisation(ctx, auth.UserFrom(ctx), directory.OrganisationInput{Code: strings.TrimSpace(f.Get("code")), Name: f.Get("naam"),
		Type: schakel.OrgType(f.Get("type")), Principals: f["opdrachtgevers"], Committee: f.Get("kamercommissie"), Task: f.Get("opgave")})
	if refused(err) {
		return h.renderAdminOrgs(w, r, formStatus(err), f, err)
	}
	if err != nil {
		return err
	}
	redirectDone(w, r, "/beheer/organisaties/"+url.PathEscape(o.Code), "organisatie", "")
	return nil
}

// renderAdminOrgs renders the list with the values and error of a refused
// attempt to create one.
func (h *Handler) renderAdminOrgs(w http.ResponseWriter, r *http.Request, status int, values url.Values, formErr error) error {
	pg := h.newPage(r, "Organisaties beheren")
	pg.Nav = adminNav
	all, _, err := h.Directory.Organisations(r.Context(), schakel.OrganisationFilter{Limit: maxOrganisations})
	if err != nil {
		return err
	}
	d := adminOrgsData{Done: doneMessage(pg, r), Orgs: all}
	if authz.Can(pg.User, authz.ManageOrganisations, 0) == nil {
		d.Create = newForm(pg.translator, adminOrgFields(), values)
		opts := []option{{Value: "", Label: pg.T("Kies een soort")}}
		for _, t := range schakel.OrgTypes {
			opts = append(opts, option{Value: string(t), Label: pg.OrgType(t)})
		}
		d.Create.SetOptions("type", opts)
		chosen := map[string]bool{}
		for _, c := range values["opdrachtgevers"] {
			chosen[c] = true
		}
		for _, o := range all {
			if o.Type == schakel.OrgMinistry {
				d.Principals = append(d.Principals, choice{ID: "opdrachtgever-" + strconv.Itoa(len(d.Principals)), Value: o.Code, Label: o.Name, Checked: chosen[o.Code]})
			}
		}
		if formErr != nil {
			putErrors(pg, d.Create, groupIndexed(formErr, "opdrachtgevers"), "code")
		}
	}
	pg.Data = d
	h.render(w, r, status, "admin_organisations", pg)
	return nil
}

// groupIndexed returns err with the errors of the elements of a list
// field ("opdrachtgevers[1]") put on the field itself, whose group of
// checkboxes the summary links to.
func groupIndexed(err error, fields ...string) error {
	e, ok := err.(*schakel.Error)
	if !ok || len(e.Fields) == 0 {
		return err
	}
	out := *e
	out.Fields = make([]schakel.FieldError, len(e.Fields))
	for i, fe := range e.Fields {
		for _, name := range fields {
			if strings.HasPrefix(fe.Field, name+"[") {
				fe.Field = name
			}
		}
		out.Fields[i] = fe
	}
	return &out
}

// adminOrgData is the Data of /beheer/organisaties/{code}.
type adminOrgData struct {
	Done       string
	Org        *schakel.Organisation
	Principals []*schakel.Organisation
	// Members: the viewer manages its people; Teams, Users and TeamForm
	// are then filled.
	Members  bool
	Teams    []*schakel.Team
	Users    []memberRow
	TeamForm *form
	// Terms: the viewer manages its terms; TermRows are then filled.
	Terms    bool
	TermRows []termSettingRow
	// Contacts: the viewer manages its contact persons (it executes).
	Contacts     bool
	ContactList  []*schakel.Contact
	ContactForm  *form
	Committees   []committeeChoice
	NoCommittees bool
}

// memberRow is a user with the roles held in the organisation.
type memberRow struct {
	ID    int64
	Name  string
	Roles []string
}

// adminOrgForms are the input and errors of a failed post to one of the
// organisation page's forms; the zero value shows them empty.
type adminOrgForms struct {
	team, contact       url.Values
	teamErr, contactErr error
}

// AdminOrganisation shows an organisation to an administrator; GET
// /beheer/organisaties/{code}.
func (h *Handler) AdminOrganisation(w http.ResponseWriter, r *http.Request) error {
	return h.renderAdminOrg(w, r, http.StatusOK, adminOrgForms{})
}

// renderAdminOrg renders an organisation's administration page with the
// sections the viewer may use; someone who may use none is refused.
func (h *Handler) renderAdminOrg(w http.ResponseWriter, r *http.Request, status int, forms adminOrgForms) error {
	if err := mayAdminister(r); err != nil {
		return err
	}
	ctx := r.Context()
	o, err := h.Directory.OrganisationByCode(ctx, r.PathValue("code"))
	if err != nil {
		return err
	}
	pg := h.newPage(r, "")
	pg.Title = o.Name
	pg.Nav = adminNav
	d := adminOrgData{Done: doneMessage(pg, r), Org: o}
	for _, id := range o.PrincipalIDs {
		if p, err := h.Directory.Organisation(ctx, id); err == nil {
			d.Principals = append(d.Principals, p)
		}
	}
	if err := h.adminMembers(r, pg, &d, forms); err != nil {
		return err
	}
	if err := h.adminTermRows(r, pg, &d); err != nil {
		return err
	}
	if err := h.adminContacts(r, pg, &d, forms); err != nil {
		return err
	}
	if !d.Members && !d.Terms && !d.Contacts && authz.Can(pg.User, authz.ManageOrganisations, o.ID) != nil {
		return schakel.Errorf(schakel.EFORBIDDEN, "U heeft geen rol die dit mag.")
	}
	pg.Data = d
	h.render(w, r, status, "admin_organisation", pg)
	return nil
}

// adminMembers fills the teams and the members of d when the viewer
// manages them.
func (h *Handler) adminMembers(r *http.Request, pg *page, d *adminOrgData, forms adminOrgForms) error {
	if !directory.MayManageMembers(pg.User, d.Org.ID) {
		return nil
	}
	ctx := r.Context()
	d.Members = true
	var err error
	if d.Teams, err = h.Directory.Teams(ctx, pg.User, d.Org.ID); err != nil {
		return err
	}
	users, err := h.Directory.Members(ctx, pg.User, d.Org.ID)
	if err != nil {
		return err
	}
	for _, u := range users {
		row := memberRow{ID: u.ID, Name: u.Name}
		for _, m := range u.Memberships {
			if m.OrganisationID == d.Org.ID {
				row.Roles = append(row.Roles, pg.Role(m.Role))
			}
		}
		d.Users = append(d.Users, row)
	}
	d.TeamForm = newForm(pg.translator, teamFields, forms.team).withPrefix("team-")
	if forms.teamErr != nil {
		putErrors(pg, d.TeamForm, forms.teamErr, "naam")
	}
	return nil
}

// adminContacts fills the contact persons of d when the viewer manages
// them.
func (h *Handler) adminContacts(r *http.Request, pg *page, d *adminOrgData, forms adminOrgForms) error {
	if !d.Org.Type.Executes() || !directory.MayManageContacts(pg.User, d.Org.ID) {
		return nil
	}
	ctx := r.Context()
	d.Contacts = true
	var err error
	if d.ContactList, err = h.Directory.Contacts(ctx, schakel.ContactFilter{OrganisationID: d.Org.ID}); err != nil {
		return err
	}
	committees, err := h.Directory.Committees(ctx)
	if err != nil {
		return err
	}
	d.NoCommittees = len(committees) == 0
	chosen := map[string]bool{}
	for _, c := range forms.contact["kamercommissies"] {
		chosen[c] = true
	}
	for i, c := range committees {
		d.Committees = append(d.Committees, committeeChoice{ID: "kamercommissie-" + strconv.Itoa(i), Name: c.Name, Checked: chosen[c.Name]})
	}
	d.ContactForm = newForm(pg.translator, contactFields, forms.contact)
	if forms.contactErr != nil {
		addContactErrors(pg, d.ContactForm, forms.contactErr)
		pg.Form = d.ContactForm
	}
	return nil
}

// adminOrgPath is the administration page of the organisation with code.
func adminOrgPath(code string) string { return "/beheer/organisaties/" + url.PathEscape(code) }

// AdminCreateTeam adds a team to the organisation; POST
// /beheer/organisaties/{code}/teams.
func (h *Handler) AdminCreateTeam(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	ctx := r.Context()
	code := r.PathValue("code")
	t, err := h.Directory.CreateTeam(ctx, auth.UserFrom(ctx), code, r.PostForm.Get("naam"), nil)
	if refused(err) {
		return h.renderAdminOrg(w, r, formStatus(err), adminOrgForms{team: r.PostForm, teamErr: err})
	}
	if err != nil {
		return err
	}
	h.Log.InfoContext(ctx, "team created", "by", auth.UserFrom(ctx).ID, "organisation", code, "team", t.ID)
	redirectDone(w, r, adminOrgPath(code), "team", "#teams")
	return nil
}

// AdminAddContact adds a contact person for parliament; POST
// /beheer/organisaties/{code}/contactpersonen.
func (h *Handler) AdminAddContact(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	ctx := r.Context()
	code := r.PathValue("code")
	f := r.PostForm
	_, _, err := h.Directory.AddContact(ctx, auth.UserFrom(ctx), code, contactInput(f))
	if refused(err) {
		return h.renderAdminOrg(w, r, formStatus(err), adminOrgForms{contact: f, contactErr: err})
	}
	if err != nil {
		return err
	}
	redirectDone(w, r, adminOrgPath(code), "contactpersoon", "#contactpersonen")
	return nil
}

// AdminRetireContact retires a contact person; it stays on record. POST
// /beheer/organisaties/{code}/contactpersonen/{id}/intrekking.
func (h *Handler) AdminRetireContact(w http.ResponseWriter, r *http.Request) error {
	code, err := h.retireContact(r)
	if err != nil {
		return err
	}
	redirectDone(w, r, adminOrgPath(code), "ingetrokken", "#contactpersonen")
	return nil
}

// orgLabel is an organisation as an option: its name and code.
func orgLabel(o *schakel.Organisation) string { return fmt.Sprintf("%s (%s)", o.Name, o.Code) }
