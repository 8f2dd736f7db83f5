package jobs

import (
	"context"
	"log/slog"
	"time"

	"github.com/schakel-nl/schakel/brakes"
)

// DefaultBrakeContactInterval is how often BrakeContacts runs when given
// no interval.
const DefaultBrakeContactInterval = time.Minute

// ContactSweeper is what the brake-contact job needs of the brake service.
type ContactSweeper interface {
	SweepContacts(ctx context.Context, base string) (brakes.ContactSweep, error)
}

// BrakeContacts tells citizens who gave an e-mail address that their brake
// was answered, and deletes the addresses of closed and withdrawn brakes
// (issue 15). Marking a contact told never lowers its rung, so instances
// running it at once send a notice at most once each (rarely twice).
type BrakeContacts struct {
	Brakes ContactSweeper
	// BaseURL is the site's public address, for the link in the notice.
	BaseURL string
	Log     *slog.Logger
}

// Run sweeps every interval until ctx ends, logging counts only: never an
// address.
func (j *BrakeContacts) Run(ctx context.Context, interval time.Duration) {
	if interval <= 0 {
		interval = DefaultBrakeContactInterval
	}
	log := j.Log
	if log == nil {
		log = slog.Default()
	}
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		res, err := j.Brakes.SweepContacts(ctx, j.BaseURL)
		switch {
		case err != nil && ctx.Err() == nil:
			log.Error("brake contacts", slog.Any("err", err))
		case res.Notified > 0 || res.Failed > 0 || res.Deleted > 0:
			log.Info("brake contacts", slog.Int("notified", res.Notified), slog.Int("failed", res.Failed), slog.Int("deleted", res.Deleted))
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
