package web

import (
	"net/http"
	"strconv"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/auth"
)

// demoData is the Data of the demo login page.
type demoData struct {
	Groups []demoGroup
}

// demoGroup is an organisation with its demo users.
type demoGroup struct {
	Org   *schakel.Organisation // nil for users without an organisation
	Users []demoUser
}

// demoUser is a demo user with the roles in the group's organisation.
type demoUser struct {
	User  *schakel.User
	Roles []schakel.Role
}

var demoFields = []fieldSpec{
	{Name: "gebruiker", Label: "Voorbeeldgebruiker", Description: "Kies als wie u inlogt. Per organisatie staan de gebruikers met hun rollen.", Kind: kindSelect, Required: true},
}

// DemoLoginPage lists the demo users by organisation to log in as one.
// It exists only in demo mode.
func (h *Handler) DemoLoginPage(w http.ResponseWriter, r *http.Request) error {
	if !h.Demo {
		return errNoPage
	}
	return h.renderDemo(w, r, http.StatusOK, nil, "")
}

// DemoLogin logs in as the demo user of the form field "gebruiker" and goes
// to the home page. It refuses every user that is not a demo user.
func (h *Handler) DemoLogin(w http.ResponseWriter, r *http.Request) error {
	if !h.Demo {
		return errNoPage
	}
	if err := parseForm(r); err != nil {
		return err
	}
	raw := r.PostForm.Get("gebruiker")
	id, err := strconv.ParseInt(raw, 10, 64)
	var u *schakel.User
	if err == nil && id > 0 {
		u, err = h.Directory.User(r.Context(), id)
		if err != nil && schakel.ErrorCode(err) != schakel.ENOTFOUND {
			return err
		}
	}
	if u == nil || u.Issuer != auth.DemoIssuer {
		return h.renderDemo(w, r, http.StatusBadRequest, r.PostForm, "Kies een van de voorbeeldgebruikers uit de lijst.")
	}
	if err := h.Auth.Login(r.Context(), u.ID); err != nil {
		return err
	}
	// Back to a form whose input was kept through an expired session.
	http.Redirect(w, r, h.Auth.AfterLogin(r, "/"), http.StatusSeeOther)
	return nil
}

// renderDemo renders the demo login page with the values entered and, when
// errKey is not empty, that error on the field.
func (h *Handler) renderDemo(w http.ResponseWriter, r *http.Request, status int, values map[string][]string, errKey string) error {
	pg := h.newPage(r, "Inloggen als voorbeeldgebruiker")
	users, _, err := h.Directory.Users(r.Context(), schakel.UserFilter{Issuer: auth.DemoIssuer, Limit: 500})
	if err != nil {
		return err
	}
	groups, err := h.demoGroups(r, users)
	if err != nil {
		return err
	}
	pg.Form = newForm(pg.translator, demoFields, values)
	if errKey != "" {
		pg.Form.AddError("gebruiker", pg.T(errKey))
	}
	pg.Data = demoData{Groups: groups}
	h.render(w, r, status, "demo_login", pg)
	return nil
}

// demoGroups groups users by organisation, in the order the organisations
// first appear; users without a membership come last.
func (h *Handler) demoGroups(r *http.Request, users []*schakel.User) ([]demoGroup, error) {
	var groups []demoGroup
	index := map[int64]int{}
	var loose []demoUser
	for _, u := range users {
		if len(u.Memberships) == 0 {
			loose = append(loose, demoUser{User: u})
			continue
		}
		seen := map[int64]int{} // organisation → index in its group's Users
		for _, m := range u.Memberships {
			gi, ok := index[m.OrganisationID]
			if !ok {
				o, err := h.Directory.Organisation(r.Context(), m.OrganisationID)
				if err != nil {
					return nil, err
				}
				gi = len(groups)
				index[m.OrganisationID] = gi
				groups = append(groups, demoGroup{Org: o})
			}
			ui, ok := seen[m.OrganisationID]
			if !ok {
				ui = len(groups[gi].Users)
				seen[m.OrganisationID] = ui
				groups[gi].Users = append(groups[gi].Users, demoUser{User: u})
			}
			du := &groups[gi].Users[ui]
			du.Roles = appendRole(du.Roles, m.Role)
		}
	}
	if len(loose) > 0 {
		groups = append(groups, demoGroup{Users: loose})
	}
	return groups, nil
}
