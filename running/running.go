// Package running tells the installation's operators which long jobs run
// in this process right now, and how far they are: the retention sweep, a
// ledger round that catches up, and the long commands run inside serve.
// The jobs report to a progress.Board, which lives in memory only: it is
// no record and nothing of it is stored, so a restarted process starts
// empty, as its jobs start again.
package running

import (
	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/authz"
	"github.com/schakel-nl/schakel/progress"
)

// Service shows the jobs on one progress.Board to operators. Build it with
// New.
type Service struct {
	board *progress.Board
}

// New returns the service over board, which the jobs report to.
func New(board *progress.Board) *Service { return &Service{board: board} }

// Board returns the board the jobs report to.
func (s *Service) Board() *progress.Board { return s.board }

// MayView reports, as an error, whether u may see the running jobs: the
// installation's operators only (the rule of authz.ManageOrganisations),
// as the jobs are the installation's, not an organisation's. Returns
// EUNAUTHORIZED without a user and EFORBIDDEN for anyone else.
func (s *Service) MayView(u *schakel.User) error {
	return authz.Can(u, authz.ManageOrganisations, 0)
}

// Jobs returns the jobs running now, the longest running first, for u;
// the errors are those of MayView.
func (s *Service) Jobs(u *schakel.User) ([]progress.Status, error) {
	if err := s.MayView(u); err != nil {
		return nil, err
	}
	return s.board.Running(), nil
}
