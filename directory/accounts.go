package directory

import (
	"context"

	"github.com/schakel-nl/schakel"
)

// SetDisabled switches user userID off (off true) or on again, for an
// administrator of one of its organisations, recording c's way and reason
// with u as who did it. Switching off ends the user's sessions at once.
// Returns ENOTFOUND for a user u may not see, EINVALID when u would switch
// itself off and ECONFLICT when the user is so already.
func (s *Service) SetDisabled(ctx context.Context, u *schakel.User, userID int64, off bool, via schakel.Via, reason string) (*schakel.User, error) {
	x, err := s.Member(ctx, u, userID)
	if err != nil {
		return nil, err
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
// administrator of one of its organisations; ENOTFOUND for others.
func (s *Service) History(ctx context.Context, u *schakel.User, userID int64) ([]schakel.UserEvent, error) {
	x, err := s.Member(ctx, u, userID)
	if err != nil {
		return nil, err
	}
	return s.store.UserEvents(ctx, x.ID)
}
