package reports

import (
	"context"
	"sync"
	"time"

	"github.com/schakel-nl/schakel/calendar"
)

// currentFor is how long a report made on request for a year without a
// record is served again before it is made anew: anyone may ask for it,
// and making it reads every request of the year.
const currentFor = 5 * time.Minute

// current keeps the report last made on request per year.
type current struct {
	mu    sync.Mutex
	made  map[int]currentReport
	guard map[int]*sync.Mutex // one maker per year at a time
}

type currentReport struct {
	g  *Generated
	at time.Time
}

// Current returns the report of year as of today (its default cut-off),
// made at most currentFor ago: for the public page of a year that has no
// record yet. Concurrent requests for one year wait for one making.
// Returns what Generate returns.
func (s *Service) Current(ctx context.Context, year int) (*Generated, error) {
	c := s.current
	c.mu.Lock()
	if c.made == nil {
		c.made, c.guard = map[int]currentReport{}, map[int]*sync.Mutex{}
	}
	g := c.guard[year]
	if g == nil {
		g = &sync.Mutex{}
		c.guard[year] = g
	}
	c.mu.Unlock()

	g.Lock()
	defer g.Unlock()
	now := s.clock.Now()
	c.mu.Lock()
	cached, ok := c.made[year]
	c.mu.Unlock()
	if ok && now.Sub(cached.at) < currentFor && !now.Before(cached.at) {
		return cached.g, nil
	}
	made, err := s.Generate(ctx, year, calendar.Date{})
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	c.made[year] = currentReport{g: made, at: now}
	c.mu.Unlock()
	return made, nil
}
