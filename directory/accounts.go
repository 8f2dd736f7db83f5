package directory

import (
	"context"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/authz"
)

// SetDisabled switches user userID off (off true) or on again, recording
// via and reason with u as who did it. Switching off ends the user's
// sessions at once. A switch is global — it ends (or restores) the use of
// every role the user holds, in every organisation — so only an
// administrator of every organisation the user has a role in may do it:
// one organisation's administrator cannot lock someone out of another's
// work. A user without any role is any administrator's to switch, as it is
// any administrator's to see (Member). Returns ENOTFOUND for a user u may
// not see, EFORBIDDEN for one u sees but does not administer everywhere,
// EINVALID when u would switch itself off and ECONFLICT when the user is so
// already.
func (s *Service) SetDisabled(ctx context.Context, u *schakel.User, userID int64, off bool, via schakel.Via, reason string) (*schakel.User, error) {
	x, err := s.Member(ctx, u, userID)
	if err != nil {
		return nil, err
	}
	for _, m := range x.Memberships {
		if !MayManageMembers(u, m.OrganisationID) {
			return nil, schakel.Errorf(schakel.EFORBIDDEN, "Deze gebruiker heeft ook een rol bij een organisatie die u niet beheert. Alleen wie al die organisaties beheert, kan de gebruiker uit- of inschakelen.")
		}
	}
	// An operator works for the whole installation: no one organisation's
	// administrator may lock them out.
	if x.Operator && authz.Can(u, authz.ManageOperators, 0) != nil {
		return nil, schakel.Errorf(schakel.EFORBIDDEN, "Deze gebruiker is operator van de installatie. Alleen een andere operator kan de gebruiker uit- of inschakelen.")
	}
	if off && x.ID == u.ID {
		var v schakel.Validation
		v.Add("gebruikerId", "self", "U kunt uzelf niet uitschakelen.")
		return nil, v.Err()
	}
	var v schakel.Validation
	if len(reason) > 500 {
		v.Add("reden", "too_long", "Gebruik hoogstens %d tekens.", 500)
		return nil, v.Err()
	}
	x, err = s.store.SetUserDisabled(ctx, x.ID, off, change(u, via, reason))
	if err != nil {
		return nil, err
	}
	if off {
		if _, err := s.store.EndLoginSessions(ctx, schakel.LoginSessionFilter{UserID: x.ID}); err != nil {
			return nil, err
		}
	}
	return x, nil
}

// History returns the history of user userID, oldest first, for an
// administrator of one of its organisations (reading, unlike SetDisabled,
// needs only one), or of any organisation while the user holds no role;
// ENOTFOUND for others.
func (s *Service) History(ctx context.Context, u *schakel.User, userID int64) ([]schakel.UserEvent, error) {
	x, err := s.Member(ctx, u, userID)
	if err != nil {
		return nil, err
	}
	return s.store.UserEvents(ctx, x.ID)
}

// SetOperator makes user userID an operator of the installation (on true)
// or no longer one: operators only, and not for themselves, so that the
// last operator cannot leave the installation without one by a slip (the
// schakel user command can always). The history keeps who, when, by which
// way and why. Returns ENOTFOUND for an unknown user and ECONFLICT when
// it is so already.
func (s *Service) SetOperator(ctx context.Context, u *schakel.User, userID int64, on bool, via schakel.Via, reason string) (*schakel.User, error) {
	if err := authz.Can(u, authz.ManageOperators, 0); err != nil {
		return nil, err
	}
	var v schakel.Validation
	if userID == u.ID && !on {
		v.Add("gebruikerId", "self", "U kunt uw eigen operatorschap niet intrekken. Vraag een andere operator.")
	}
	if len(reason) > 500 {
		v.Add("reden", "too_long", "Gebruik hoogstens %d tekens.", 500)
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	return s.store.SetUserOperator(ctx, userID, on, change(u, via, reason))
}
