package api

import (
	"context"
	"net/http"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/auth"
	"github.com/schakel-nl/schakel/respond"
)

// Accounts through the API, as the administration pages show them (issue
// 19): a user with its state, switching it off and on, and its history.
// The directory decides who may; a user the caller may not see is a 404.

// Account is a user as its administrators see it.
type Account struct {
	Me
	// Prepared is set while the user has not logged in yet.
	Prepared    bool       `json:"voorbereid"`
	DisabledAt  *time.Time `json:"uitgeschakeldOp,omitempty"`
	LastLoginAt *time.Time `json:"laatstIngelogdOp,omitempty"`
}

// AccountEvent is one line of a user's history.
type AccountEvent struct {
	At           time.Time `json:"op"`
	Kind         string    `json:"soort"`
	Organisation string    `json:"organisatie,omitempty"`
	Role         string    `json:"rol,omitempty"`
	By           int64     `json:"doorGebruikerId,omitempty"`
	Via          string    `json:"via"`
	Reason       string    `json:"reden,omitempty"`
}

// History is the body of GET /gebruikers/{id}/geschiedenis.
type History struct {
	Events []AccountEvent `json:"gebeurtenissen"`
}

// switchInput is the optional body of POST /gebruikers/{id}/uitschakeling.
type switchInput struct {
	Reason string `json:"reden"`
}

func (h *Handler) accountJSON(ctx context.Context, u *schakel.User) (Account, error) {
	me, err := h.userJSON(ctx, u)
	return Account{Me: me, Prepared: u.Prepared(), DisabledAt: u.DisabledAt, LastLoginAt: u.LastLoginAt}, err
}

// GetUser serves GET /api/v1/gebruikers/{id}, for the administrators of
// one of the user's organisations.
func (h *Handler) GetUser(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id, _ := pathID(r, "Gebruiker") // see GrantRole
	u, err := h.Directory.Member(ctx, auth.UserFrom(ctx), id)
	if err != nil {
		return err
	}
	return h.respondAccount(ctx, w, http.StatusOK, u)
}

func (h *Handler) respondAccount(ctx context.Context, w http.ResponseWriter, status int, u *schakel.User) error {
	out, err := h.accountJSON(ctx, u)
	if err != nil {
		return err
	}
	respond.JSON(w, status, out)
	return nil
}

// UserHistory serves GET /api/v1/gebruikers/{id}/geschiedenis: every role
// change and switch, oldest first, with who, when and by which way.
func (h *Handler) UserHistory(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id, _ := pathID(r, "Gebruiker")
	es, err := h.Directory.History(ctx, auth.UserFrom(ctx), id)
	if err != nil {
		return err
	}
	out := History{Events: make([]AccountEvent, 0, len(es))}
	codes := h.orgCodes()
	for _, e := range es {
		ev := AccountEvent{At: e.At, Kind: string(e.Kind), Role: string(e.Role), By: e.ByUserID, Via: string(e.Via), Reason: e.Reason}
		if e.OrganisationID != 0 {
			if ev.Organisation, err = codes.code(ctx, e.OrganisationID); err != nil {
				return err
			}
		}
		out.Events = append(out.Events, ev)
	}
	respond.JSON(w, http.StatusOK, out)
	return nil
}

// DisableUser serves POST /api/v1/gebruikers/{id}/uitschakeling: the user
// is switched off and its sessions end at once. The body, with an
// optional reason for the history, may be left out.
func (h *Handler) DisableUser(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	var in switchInput
	problems, bodyErr := decodeForService(r, &in, true)
	if len(problems) > 0 {
		var v schakel.Validation
		v.Given(problems)
		return orBodyError(v.Err(), bodyErr)
	}
	id, _ := pathID(r, "Gebruiker")
	u, err := h.Directory.SetDisabled(ctx, auth.UserFrom(ctx), id, true, schakel.ViaAPI, in.Reason)
	if err != nil {
		return err
	}
	h.logChange(ctx, "user switched off", "by", auth.UserFrom(ctx).ID, "user", u.ID)
	return h.respondAccount(ctx, w, http.StatusOK, u)
}

// EnableUser serves DELETE /api/v1/gebruikers/{id}/uitschakeling: the
// user may log in again.
func (h *Handler) EnableUser(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id, _ := pathID(r, "Gebruiker")
	u, err := h.Directory.SetDisabled(ctx, auth.UserFrom(ctx), id, false, schakel.ViaAPI, "")
	if err != nil {
		return err
	}
	h.logChange(ctx, "user switched on", "by", auth.UserFrom(ctx).ID, "user", u.ID)
	return h.respondAccount(ctx, w, http.StatusOK, u)
}
