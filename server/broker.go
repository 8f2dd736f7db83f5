package server

import (
	"context"
	"fmt"
	"time"

	"github.com/schakel-nl/schakel/auth"
	"github.com/schakel-nl/schakel/config"
)

// wireBroker gives the login what the identity broker work needs: the
// account service, the record of login sessions and the assurance policy.
func (s *Server) wireBroker(d Deps) error {
	policy, err := config.ParseAssuranceMinimum(s.cfg.AssuranceMinimum)
	if err != nil {
		return fmt.Errorf("--assurance-minimum: %w", err)
	}
	s.auth.Accounts = d.Accounts
	s.auth.LoginSessions = s.store
	s.auth.Policy = policy
	return nil
}

// formActions is the identity provider's origin when logging out continues
// there, for the Content-Security-Policy's form-action.
func (s *Server) formActions() string {
	if s.auth.OIDC == nil {
		return ""
	}
	return s.auth.OIDC.EndSessionOrigin()
}

// brokerProbeBudget bounds the broker's part of /readyz. A provider that
// answers, even with a mismatch, answers well within it; one that does not
// answer would otherwise make every probe wait for it, for nothing, since
// an unreachable provider does not make schakel unready.
const brokerProbeBudget = 500 * time.Millisecond

// brokerMismatch names a provider configured differently from schakel
// (found by discovery), "" otherwise. An unreachable provider does not
// make schakel unready: its public pages and API still work.
func (s *Server) brokerMismatch(ctx context.Context) string {
	if s.auth.OIDC == nil {
		return ""
	}
	ctx, cancel := context.WithTimeout(ctx, brokerProbeBudget)
	defer cancel()
	if err := s.auth.OIDC.Discover(ctx); auth.IsMismatch(err) {
		return err.Error()
	}
	return ""
}
