package web

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/auth"
	"github.com/schakel-nl/schakel/directory"
)

// The administration of users and roles: the users of the organisations
// the viewer administers, a form to announce a new user with a first
// role, and per user the roles it holds, with forms to give one and to
// take one away. The directory decides who may (directory/members.go).

// roleFields are the fields of a role: the organisation, the role and
// optionally a team, by the directory's field names.
func roleFields() []fieldSpec {
	return []fieldSpec{
		{Name: "organisatie", Label: "Organisatie", Kind: kindSelect, Required: true},
		{Name: "rol", Label: "Rol", Kind: kindSelect, Required: true},
		{Name: "teamId", Label: "Team", Description: "Alleen als de rol bij één team hoort.", Kind: kindSelect},
	}
}

// userFields are the fields of the form "Gebruiker aanmelden".
func userFields() []fieldSpec {
	return append([]fieldSpec{
		{Name: "email", Label: "E-mailadres", Description: "Logt de gebruiker de eerste keer in met dit e-mailadres, dan krijgt hij of zij deze rol. Het adres krijgt ook meldingen over nieuw werk.", Autocomplete: "off"},
		{Name: "naam", Label: "Naam", Description: "Mag leeg blijven: bij de eerste keer inloggen komt de naam van de inlogdienst.", Autocomplete: "off", Spellcheck: true},
		{Name: "subject", Label: "Inlognaam bij de inlogdienst", Description: "Alleen als u het e-mailadres niet weet: de vaste code (OIDC-subject) die de inlogdienst voor deze gebruiker doorgeeft.", Autocomplete: "off"},
		{Name: "issuer", Label: "Inlogdienst", Description: "Het adres van de inlogdienst (OIDC-issuer) bij de inlognaam. Ingevuld is die van uzelf.", Autocomplete: "off"},
	}, roleFields()...)
}

// userRow is a user in the list, with its roles in words.
type userRow struct {
	ID    int64
	Name  string
	Roles []string
	State string // "" when on and logged in before
}

// adminUsersData is the Data of /beheer/gebruikers.
type adminUsersData struct {
	Done   string
	Users  []userRow
	Create *form
}

// roleOptions sets the choices of the role fields of f: every
// organisation (the directory refuses the ones the viewer may not give
// roles in), every role and the teams of the organisations the viewer
// administers. It returns the organisations by id, for naming roles.
func (h *Handler) roleOptions(r *http.Request, pg *page, f *form) (map[int64]*schakel.Organisation, error) {
	ctx := r.Context()
	all, byID, err := h.allOrganisations(r)
	if err != nil {
		return nil, err
	}
	orgs := []option{{Value: "", Label: pg.T("Kies een organisatie")}}
	for _, o := range all {
		orgs = append(orgs, option{Value: o.Code, Label: orgLabel(o)})
	}
	f.SetOptions("organisatie", orgs)
	roles := []option{{Value: "", Label: pg.T("Kies een rol")}}
	for _, ro := range schakel.Roles {
		roles = append(roles, option{Value: string(ro), Label: pg.Role(ro)})
	}
	f.SetOptions("rol", roles)
	teams := []option{{Value: "", Label: pg.T("Geen team")}}
	for _, id := range directory.Administered(pg.User) {
		ts, err := h.Directory.Teams(ctx, pg.User, id)
		if err != nil {
			return nil, err
		}
		for _, t := range ts {
			label := t.Name
			if o := byID[id]; o != nil {
				label = o.Name + " — " + t.Name
			}
			teams = append(teams, option{Value: strconv.FormatInt(t.ID, 10), Label: label})
		}
	}
	f.SetOptions("teamId", teams)
	return byID, nil
}

// roleWords names the roles of u: "beheerder bij UWV".
func roleWords(pg *page, u *schakel.User, byID map[int64]*schakel.Organisation) []string {
	var out []string
	for _, m := range u.Memberships {
		name := strconv.FormatInt(m.OrganisationID, 10)
		if o := byID[m.OrganisationID]; o != nil {
			name = o.Name
		}
		out = append(out, pg.T("%s bij %s", pg.Role(m.Role), name))
	}
	return out
}

// AdminUsers lists the users of the organisations the viewer administers,
// with the form to announce one; GET /beheer/gebruikers.
func (h *Handler) AdminUsers(w http.ResponseWriter, r *http.Request) error {
	if err := mayAdminister(r); err != nil {
		return err
	}
	u := auth.UserFrom(r.Context())
	return h.renderAdminUsers(w, r, http.StatusOK, url.Values{"issuer": {u.Issuer}, "organisatie": {r.URL.Query().Get("organisatie")}}, nil)
}

// AdminCreateUser announces a user with a first role; POST
// /beheer/gebruikers.
func (h *Handler) AdminCreateUser(w http.ResponseWriter, r *http.Request) error {
	if err := mayAdminister(r); err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	ctx := r.Context()
	f := r.PostForm
	u := auth.UserFrom(ctx)
	x, err := h.Directory.CreateUser(ctx, u, directory.UserInput{Issuer: f.Get("issuer"), Subject: f.Get("subject"), Name: f.Get("naam"), Email: f.Get("email"),
		RoleInput: directory.RoleInput{Organisation: f.Get("organisatie"), Role: schakel.Role(f.Get("rol")), Team: f.Get("teamId"), Via: schakel.ViaPage}})
	if refused(err) || schakel.ErrorCode(err) == schakel.EFORBIDDEN {
		return h.renderAdminUsers(w, r, formStatus(err), f, err)
	}
	if err != nil {
		return err
	}
	h.Log.InfoContext(ctx, "user announced", "by", u.ID, "user", x.ID, "organisation", f.Get("organisatie"), "role", f.Get("rol"))
	if len(x.Memberships) > 0 && !directory.MayManageMembers(u, x.Memberships[0].OrganisationID) {
		// An operator's first administrator of a new organisation is not
		// the operator's to see afterwards: back to the organisation.
		redirectDone(w, r, adminOrgPath(f.Get("organisatie")), "gebruiker", "")
		return nil
	}
	redirectDone(w, r, "/beheer/gebruikers/"+strconv.FormatInt(x.ID, 10), "gebruiker", "")
	return nil
}

// renderAdminUsers renders the users page with the values and error of a
// refused attempt.
func (h *Handler) renderAdminUsers(w http.ResponseWriter, r *http.Request, status int, values url.Values, formErr error) error {
	pg := h.newPage(r, "Gebruikers en rollen")
	pg.Nav = adminNav
	f := newForm(pg.translator, userFields(), values)
	byID, err := h.roleOptions(r, pg, f)
	if err != nil {
		return err
	}
	users, err := h.Directory.AdministeredUsers(r.Context(), pg.User)
	if err != nil {
		return err
	}
	d := adminUsersData{Done: doneMessage(pg, r), Create: f}
	for _, u := range users {
		d.Users = append(d.Users, userRow{ID: u.ID, Name: u.Name, Roles: roleWords(pg, u, byID), State: stateWords(pg, u, false)})
	}
	if formErr != nil {
		putRoleErrors(pg, f, formErr)
	}
	pg.Data = d
	h.render(w, r, status, "admin_users", pg)
	return nil
}

// putRoleErrors puts err on f; a refusal (EFORBIDDEN) is about the
// organisation chosen.
func putRoleErrors(pg *page, f *form, err error) {
	if schakel.ErrorCode(err) == schakel.EFORBIDDEN {
		f.AddError("organisatie", pg.T("U mag in deze organisatie deze rol niet geven of intrekken."))
		pg.Form = f
		return
	}
	putErrors(pg, f, err, "organisatie")
}

// adminUserData is the Data of /beheer/gebruikers/{id}.
type adminUserData struct {
	Done  string
	User  *schakel.User
	Roles []roleRow
	Grant *form
	// State says whether the account is on, switched off or prepared;
	// Switch is the form to switch it off (with a reason) or on again.
	State   string
	Switch  *form
	History []historyRow
	// ByEmail is set while the user waits to be bound by e-mail address:
	// its issuer is no login service to show.
	ByEmail bool
}

// roleRow is one role the user holds, with whether the viewer may take it
// away.
type roleRow struct {
	OrgCode, OrgName, Role, RoleName, Team string
	Revoke                                 bool
}

// userID is the {id} of the path, 0 when it is no number (the directory
// answers ENOTFOUND).
func userID(r *http.Request) int64 {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id < 0 {
		return 0
	}
	return id
}

// AdminUser shows a user's roles with the forms to give and take one; GET
// /beheer/gebruikers/{id}.
func (h *Handler) AdminUser(w http.ResponseWriter, r *http.Request) error {
	return h.renderAdminUser(w, r, http.StatusOK, nil, nil, nil)
}

// renderAdminUser renders a user's page with the values and error of a
// refused attempt to give a role, or the error of a refused switch.
func (h *Handler) renderAdminUser(w http.ResponseWriter, r *http.Request, status int, values url.Values, formErr, switchErr error) error {
	if err := mayAdminister(r); err != nil {
		return err
	}
	ctx := r.Context()
	pg := h.newPage(r, "")
	pg.Nav = adminNav
	x, err := h.Directory.Member(ctx, pg.User, userID(r))
	if err != nil {
		return err
	}
	pg.Title = x.Name
	f := newForm(pg.translator, roleFields(), values)
	byID, err := h.roleOptions(r, pg, f)
	if err != nil {
		return err
	}
	pg.Form = f
	d := adminUserData{Done: doneMessage(pg, r), User: x, Grant: f, State: stateWords(pg, x, true), Switch: newForm(pg.translator, switchFields(), values),
		ByEmail: x.Issuer == schakel.IssuerPreparedByEmail}
	if d.History, err = h.historyRows(r, pg, x.ID, byID); err != nil {
		return err
	}
	for _, m := range x.Memberships {
		row := roleRow{Role: string(m.Role), RoleName: pg.Role(m.Role), Revoke: directory.MayManageMembers(pg.User, m.OrganisationID)}
		if o := byID[m.OrganisationID]; o != nil {
			row.OrgCode, row.OrgName = o.Code, o.Name
		}
		if m.TeamID != 0 && row.Revoke {
			row.Team = h.teamName(r, pg.User, m.OrganisationID, m.TeamID)
		}
		d.Roles = append(d.Roles, row)
	}
	if formErr != nil {
		putRoleErrors(pg, f, formErr)
	}
	if switchErr != nil {
		putErrors(pg, d.Switch, switchErr, "reden")
		pg.Form = d.Switch
	}
	pg.Data = d
	h.render(w, r, status, "admin_user", pg)
	return nil
}

// teamName returns the name of team id of organisation org, or "".
func (h *Handler) teamName(r *http.Request, u *schakel.User, org, id int64) string {
	ts, err := h.Directory.Teams(r.Context(), u, org)
	if err != nil {
		return ""
	}
	for _, t := range ts {
		if t.ID == id {
			return t.Name
		}
	}
	return ""
}

// AdminGrantRole gives the user a role; POST /beheer/gebruikers/{id}/rollen.
func (h *Handler) AdminGrantRole(w http.ResponseWriter, r *http.Request) error {
	if err := mayAdminister(r); err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	ctx := r.Context()
	u := auth.UserFrom(ctx)
	f := r.PostForm
	x, err := h.Directory.GrantRole(ctx, u, userID(r), directory.RoleInput{Organisation: f.Get("organisatie"), Role: schakel.Role(f.Get("rol")), Team: f.Get("teamId"), Via: schakel.ViaPage})
	if refused(err) || schakel.ErrorCode(err) == schakel.EFORBIDDEN {
		return h.renderAdminUser(w, r, formStatus(err), f, err, nil)
	}
	if err != nil {
		return err
	}
	h.Log.InfoContext(ctx, "role granted", "by", u.ID, "user", x.ID, "organisation", f.Get("organisatie"), "role", f.Get("rol"))
	redirectDone(w, r, "/beheer/gebruikers/"+strconv.FormatInt(x.ID, 10), "rol", "")
	return nil
}

// AdminRevokeRole takes a role away from the user; POST
// /beheer/gebruikers/{id}/rollen/intrekking with the organisation and the
// role.
func (h *Handler) AdminRevokeRole(w http.ResponseWriter, r *http.Request) error {
	if err := mayAdminister(r); err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	ctx := r.Context()
	u := auth.UserFrom(ctx)
	f := r.PostForm
	x, err := h.Directory.RevokeRole(ctx, u, userID(r), f.Get("organisatie"), schakel.Role(f.Get("rol")), schakel.ViaPage)
	if err != nil {
		return err
	}
	h.Log.InfoContext(ctx, "role revoked", "by", u.ID, "user", x.ID, "organisation", f.Get("organisatie"), "role", f.Get("rol"))
	redirectDone(w, r, "/beheer/gebruikers/"+strconv.FormatInt(x.ID, 10), "rol-ingetrokken", "")
	return nil
}
