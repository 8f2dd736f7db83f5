package api

import (
	"net/http"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/auth"
	"github.com/schakel-nl/schakel/respond"
)

// Me serves GET /api/v1/gebruikers/ik: the logged-in user and its roles, so
// a client can tell what it may do before it tries.
func (h *Handler) Me(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	u := auth.UserFrom(ctx)
	if u == nil {
		return schakel.Errorf(schakel.EUNAUTHORIZED, "Log in om uw gegevens te zien.")
	}
	out := Me{ID: u.ID, Name: u.Name, Email: u.Email, Roles: make([]Role, 0, len(u.Memberships))}
	codes := h.orgCodes()
	for _, m := range u.Memberships {
		code, err := codes.code(ctx, m.OrganisationID)
		if err != nil {
			return err
		}
		out.Roles = append(out.Roles, Role{Organisation: code, Role: string(m.Role), TeamID: m.TeamID})
	}
	respond.JSON(w, http.StatusOK, out)
	return nil
}
