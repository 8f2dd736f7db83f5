package auth

import (
	"cmp"
	"context"

	"github.com/schakel-nl/schakel"
)

// storeAccounts admits everyone the provider authenticates, as schakel
// did before provisioning rules: enough to test the protocol. The real
// AccountService lives outside auth.
type storeAccounts struct{ users schakel.UserStore }

func (s storeAccounts) SignIn(ctx context.Context, id schakel.BrokerIdentity) (*schakel.User, error) {
	u := &schakel.User{Issuer: id.Issuer, Subject: id.Subject, Name: cmp.Or(id.Name, "Onbekend"), Email: id.Email}
	if err := s.users.LoginUser(ctx, u); err != nil {
		return nil, err
	}
	return u, nil
}

// refuseAccounts admits nobody.
type refuseAccounts struct{}

func (refuseAccounts) SignIn(context.Context, schakel.BrokerIdentity) (*schakel.User, error) {
	return nil, schakel.Errorf(schakel.EFORBIDDEN, "Geen toegang.")
}
