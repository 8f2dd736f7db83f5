package schakel

import (
	"time"

	"github.com/schakel-nl/schakel/calendar"
)

// PublicPulledAt is the moment of pulling b as the public register, the API
// and the open data show it. For a brake whose puller is anonymous or
// protected it is the start of the day (Europe/Amsterdam) of pulling: an
// exact moment, set beside building access logs or rosters, could point to
// the one person on duty. Other brakes show the moment itself.
func (b *Brake) PublicPulledAt() time.Time {
	at := b.Request.CreatedAt
	if !b.PullDayOnly() {
		return at
	}
	local := at.In(calendar.Location())
	y, m, d := local.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, calendar.Location()).UTC()
}

// PullDayOnly reports whether the public sees only the day b was pulled:
// when its puller is anonymous or protected.
func (b *Brake) PullDayOnly() bool {
	return b.Identity == IdentityAnonymous || b.Identity == IdentityProtected
}
