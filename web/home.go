package web

import (
	"net/http"

	"github.com/schakel-nl/schakel"
)

// homeData is the Data of the home page.
type homeData struct {
	Memberships []membershipView // the user's organisations with their roles
}

// membershipView is one organisation of the user with the roles there.
type membershipView struct {
	Org   *schakel.Organisation
	Roles []schakel.Role
}

// Home is the start page: what schakel is and a login button for visitors,
// the user's organisations and roles once logged in.
func (h *Handler) Home(w http.ResponseWriter, r *http.Request) error {
	pg := h.newPage(r, "Overzicht")
	pg.Nav = "home"
	var d homeData
	if pg.User != nil {
		ms, err := h.memberships(r, pg.User)
		if err != nil {
			return err
		}
		d.Memberships = ms
	}
	pg.Data = d
	h.render(w, r, http.StatusOK, "home", pg)
	return nil
}

// memberships returns u's organisations in the order of u.Memberships, each
// once, with its roles.
func (h *Handler) memberships(r *http.Request, u *schakel.User) ([]membershipView, error) {
	var out []membershipView
	index := map[int64]int{}
	for _, m := range u.Memberships {
		i, ok := index[m.OrganisationID]
		if !ok {
			o, err := h.Directory.Organisation(r.Context(), m.OrganisationID)
			if err != nil {
				return nil, err
			}
			i = len(out)
			index[m.OrganisationID] = i
			out = append(out, membershipView{Org: o})
		}
		out[i].Roles = appendRole(out[i].Roles, m.Role)
	}
	return out, nil
}

func appendRole(roles []schakel.Role, r schakel.Role) []schakel.Role {
	for _, v := range roles {
		if v == r {
			return roles
		}
	}
	return append(roles, r)
}

// loginData is the Data of the login page.
type loginData struct {
	OIDC  bool // an identity provider is configured
	Demo  bool // the demo login is available
	Error bool // the last login attempt failed (?fout=1)
	// Start begins the broker login, coming back to ?terug= (a deep link
	// kept through login).
	Start string
}

// LoginPage offers the ways to log in that are configured.
func (h *Handler) LoginPage(w http.ResponseWriter, r *http.Request) {
	pg := h.newPage(r, "Inloggen")
	pg.Data = loginData{
		OIDC:  h.Auth.OIDC != nil,
		Demo:  h.Demo,
		Error: r.URL.Query().Get("fout") != "",
		Start: loginStart(r.URL.Query().Get("terug")),
	}
	h.render(w, r, http.StatusOK, "login", pg)
}
