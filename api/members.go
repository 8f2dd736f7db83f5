package api

import (
	"context"
	"net/http"
	"net/url"
	"strconv"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/auth"
	"github.com/schakel-nl/schakel/directory"
	"github.com/schakel-nl/schakel/respond"
)

// The administration of an organisation's people through the API, as the
// pages under /beheer do it: teams, users announced before their first
// login, and roles given and taken. The directory decides who may
// (directory/members.go); every invalid field is named at once.

// logChange logs who changed an organisation's people, as the pages under
// /beheer do: user ids and codes, never names.
func (h *Handler) logChange(ctx context.Context, msg string, args ...any) {
	if h.Log != nil {
		h.Log.InfoContext(ctx, msg, args...)
	}
}

// Team is a team of an organisation.
type Team struct {
	ID           int64  `json:"id"`
	Organisation string `json:"organisatie"`
	Name         string `json:"naam"`
}

// teamInput is the body of POST …/teams.
type teamInput struct {
	Name string `json:"naam"`
}

// CreateTeam serves POST /api/v1/organisaties/{code}/teams, for the
// organisation's administrators.
func (h *Handler) CreateTeam(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	var in teamInput
	problems, bodyErr := decodeForService(r, &in, false)
	code := r.PathValue("code")
	t, err := h.Directory.CreateTeam(ctx, auth.UserFrom(ctx), code, in.Name, problems)
	if err := orBodyError(err, bodyErr); err != nil {
		return err
	}
	h.logChange(ctx, "team created", "by", auth.UserFrom(ctx).ID, "organisation", code, "team", t.ID)
	w.Header().Set("Location", "/api/v1/organisaties/"+url.PathEscape(code))
	respond.JSON(w, http.StatusCreated, Team{ID: t.ID, Organisation: code, Name: t.Name})
	return nil
}

// roleInput is the body of POST /gebruikers/{id}/rollen and the role of
// POST /gebruikers.
type roleInput struct {
	Organisation string `json:"organisatie"`
	Role         string `json:"rol"`
	TeamID       int64  `json:"teamId"`
}

func (in roleInput) service(problems []schakel.FieldError) directory.RoleInput {
	team := ""
	if in.TeamID != 0 {
		team = strconv.FormatInt(in.TeamID, 10)
	}
	return directory.RoleInput{Organisation: in.Organisation, Role: schakel.Role(in.Role), Team: team, Via: schakel.ViaAPI, Problems: problems}
}

// userInput is the body of POST /gebruikers: the user and its first role
// (flat: the decoder reads no embedded fields).
type userInput struct {
	Name         string `json:"naam"`
	Email        string `json:"email"`
	Issuer       string `json:"issuer"`
	Subject      string `json:"subject"`
	Organisation string `json:"organisatie"`
	Role         string `json:"rol"`
	TeamID       int64  `json:"teamId"`
}

// userJSON is u with its roles, as /gebruikers/ik shows the logged-in one.
func (h *Handler) userJSON(ctx context.Context, u *schakel.User) (Me, error) {
	out := Me{ID: u.ID, Name: u.Name, Email: u.Email, Roles: make([]Role, 0, len(u.Memberships))}
	codes := h.orgCodes()
	for _, m := range u.Memberships {
		code, err := codes.code(ctx, m.OrganisationID)
		if err != nil {
			return out, err
		}
		out.Roles = append(out.Roles, Role{Organisation: code, Role: string(m.Role), TeamID: m.TeamID})
	}
	return out, nil
}

// CreateUser serves POST /api/v1/gebruikers: an administrator announces a
// user with its first role, before the user's first login.
func (h *Handler) CreateUser(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	var in userInput
	problems, bodyErr := decodeForService(r, &in, false)
	u, err := h.Directory.CreateUser(ctx, auth.UserFrom(ctx), directory.UserInput{Issuer: in.Issuer, Subject: in.Subject, Name: in.Name, Email: in.Email,
		RoleInput: roleInput{Organisation: in.Organisation, Role: in.Role, TeamID: in.TeamID}.service(problems)})
	if err := orBodyError(err, bodyErr); err != nil {
		return err
	}
	out, err := h.userJSON(ctx, u)
	if err != nil {
		return err
	}
	h.logChange(ctx, "user announced", "by", auth.UserFrom(ctx).ID, "user", u.ID, "organisation", in.Organisation, "role", in.Role)
	w.Header().Set("Location", "/api/v1/gebruikers/"+strconv.FormatInt(u.ID, 10))
	respond.JSON(w, http.StatusCreated, out)
	return nil
}

// GrantRole serves POST /api/v1/gebruikers/{id}/rollen: the user gets a
// role in an organisation the caller administers. A user the caller may
// not see is a 404.
func (h *Handler) GrantRole(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	var in roleInput
	problems, bodyErr := decodeForService(r, &in, false)
	// An id that is no number is a user nobody may see: the directory
	// answers 401 or 403 first, as for any other user.
	id, _ := pathID(r, "Gebruiker")
	u, err := h.Directory.GrantRole(ctx, auth.UserFrom(ctx), id, in.service(problems))
	if err := orBodyError(err, bodyErr); err != nil {
		return err
	}
	h.logChange(ctx, "role granted", "by", auth.UserFrom(ctx).ID, "user", u.ID, "organisation", in.Organisation, "role", in.Role)
	out, err := h.userJSON(ctx, u)
	if err != nil {
		return err
	}
	respond.JSON(w, http.StatusOK, out)
	return nil
}

// RevokeRole serves DELETE
// /api/v1/gebruikers/{id}/rollen/{organisatie}/{rol}: the user loses the
// role. A role the user does not have is a 404.
func (h *Handler) RevokeRole(w http.ResponseWriter, r *http.Request) error {
	id, _ := pathID(r, "Gebruiker") // see GrantRole
	ctx := r.Context()
	if _, err := h.Directory.RevokeRole(ctx, auth.UserFrom(ctx), id, r.PathValue("organisatie"), schakel.Role(r.PathValue("rol")), schakel.ViaAPI); err != nil {
		return err
	}
	h.logChange(ctx, "role revoked", "by", auth.UserFrom(ctx).ID, "user", id, "organisation", r.PathValue("organisatie"), "role", r.PathValue("rol"))
	w.WriteHeader(http.StatusNoContent)
	return nil
}
