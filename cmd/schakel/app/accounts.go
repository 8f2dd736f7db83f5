package app

import (
	"context"
	"log/slog"

	"github.com/schakel-nl/schakel/accounts"
	"github.com/schakel-nl/schakel/config"
	"github.com/schakel-nl/schakel/store"
)

// NewAccounts builds the AccountService of cfg over st: the provisioning
// rules of cfg.ProvisioningRules (read again here; config validation has
// checked them) at cfg.OIDCIssuer, with its former issuers. It refuses
// rules that name organisations which do not exist, so a typo in a code
// stops the start instead of silently admitting nobody.
func NewAccounts(ctx context.Context, cfg *config.Config, st *store.Store, log *slog.Logger) (*accounts.Service, error) {
	rules, err := accounts.LoadRules(cfg.ProvisioningRules)
	if err != nil {
		return nil, err
	}
	svc := accounts.New(st, cfg.OIDCIssuer, cfg.FormerIssuers(), rules, log)
	if err := svc.CheckOrganisations(ctx); err != nil {
		return nil, err
	}
	return svc, nil
}
