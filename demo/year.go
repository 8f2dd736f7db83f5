package demo

import (
	"cmp"
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/assessments"
	"github.com/schakel-nl/schakel/auth"
	"github.com/schakel-nl/schakel/brakes"
	"github.com/schakel-nl/schakel/jobs"
	"github.com/schakel-nl/schakel/requests"
	"github.com/schakel-nl/schakel/signals"
	"github.com/schakel-nl/schakel/store"
)

// A year of activity (issue 14): the report's cases show what schakel
// does, but the parliament view, its charts and the yearly report need a
// year of ordinary work to say something. BuildYear makes it, from the
// first of the month eleven months before now up to now, through the same
// services people use, with the escalation sweep running every few days
// on the clock of the moment, so every figure comes from real events in
// the public record.

// YearStore is what a year of activity reads and writes besides the
// services: the organisations and users (two more demo users answer for
// the SVB), whether requests exist, and the sweep.
type YearStore interface {
	Store
	schakel.RequestStore
	jobs.SweepStore
}

// YearServices are the services a year of activity goes through.
type YearServices struct {
	Requests    *requests.Service
	Brakes      *brakes.Service
	Signals     *signals.Service
	Assessments *assessments.Service
}

// YearUsers are the demo users only the year of activity needs: the SVB's
// coordinator and board answer its citizens. The names are invented.
var YearUsers = []User{
	{"svb-coordinator", "Anouk Peeters", []Role{{"svb", schakel.RoleCoordinator, "Maatwerkplaats"}}, false},
	{"svb-bestuur", "Willem de Graaf", []Role{{"svb", schakel.RoleBoard, ""}}, false},
}

// sweepEvery is how often the demo's sweep runs over the year: often
// enough that an escalation follows its missed deadline within days.
const sweepEvery = 3 * 24 * time.Hour

// yearWorld is the year being built: the services on a clock the world
// moves, the demo users and organisations, and the actions still to do.
type yearWorld struct {
	ctx   context.Context
	st    YearStore
	now   time.Time
	start time.Time
	clock time.Time
	rs    *requests.Service
	bs    *brakes.Service
	ss    *signals.Service
	as    *assessments.Service
	user  map[string]*schakel.User
	org   map[string]*schakel.Organisation
	code  map[int64]string
	// answerer is the demo user per organisation code and role.
	answerer map[string]string
	rand     *rand.Rand
	actions  []action
	// first is the first request id of the year: the sweep here touches
	// no request of the rest of the demo world, which has its own moments.
	first int64
	refs  int
}

// action is one thing that happens at a moment of the year.
type action struct {
	at   time.Time
	seq  int
	what string
	do   func() error
}

// yearStart is the first day of the demo's year for now: the first of the
// month eleven months before, so the year ends in now's month.
func yearStart(now time.Time) time.Time {
	y, m, _ := now.In(amsterdam).Date()
	return time.Date(y, m-11, 1, 9, 0, 0, 0, amsterdam)
}

var amsterdam = func() *time.Location {
	if l, err := time.LoadLocation("Europe/Amsterdam"); err == nil {
		return l
	}
	return time.UTC
}()

// BuildYear adds a year of activity before now: requests, objections and
// complaints, citizens' and professionals' brakes, returned assignments,
// knelpunten climbing to their ministry and proposals with their
// assessments, answered in time, late or not at all, and escalated by the
// sweep when a deadline passes. It does nothing, and returns false, when
// requests older than the rest of the demo world exist already.
func BuildYear(ctx context.Context, st YearStore, svc YearServices, now time.Time) (bool, error) {
	start := yearStart(now)
	if _, n, err := st.Requests(ctx, schakel.RequestFilter{CreatedTo: now.AddDate(0, 0, -200), Limit: 1}); err != nil || n > 0 {
		return false, err
	}
	w := &yearWorld{ctx: ctx, st: st, now: now, start: start, rand: rand.New(rand.NewPCG(14, 2026)),
		user: map[string]*schakel.User{}, org: map[string]*schakel.Organisation{}, code: map[int64]string{}, answerer: map[string]string{}}
	if err := w.load(); err != nil {
		return false, err
	}
	past := schakel.ClockFunc(func() time.Time { return w.clock })
	w.rs = svc.Requests.WithClock(past)
	w.bs = svc.Brakes.WithClock(past)
	w.bs.Lookups, w.bs.Submissions = nil, nil
	w.ss = svc.Signals.WithClock(past)
	w.as = svc.Assessments.WithClock(past)
	w.plan(svc.Brakes.Budget)
	sweeper := &jobs.Sweeper{Store: yearSweep{st: st, first: w.first}, Engine: svc.Requests.Engine, Clock: past, Log: slog.New(slog.DiscardHandler)}
	for t := start.Add(sweepEvery); t.Before(now); t = t.Add(sweepEvery) {
		w.add(t, "sweep", func() error { _, err := sweeper.SweepOnce(ctx); return err })
	}
	slices.SortStableFunc(w.actions, func(a, b action) int { return cmp.Or(a.at.Compare(b.at), cmp.Compare(a.seq, b.seq)) })
	for _, a := range w.actions {
		if a.at.After(now) {
			continue
		}
		w.clock = a.at
		if err := a.do(); err != nil {
			return false, fmt.Errorf("demo: year, %s on %s: %w", a.what, a.at.Format(time.DateOnly), err)
		}
	}
	return true, nil
}

// load reads the demo's users and organisations, adds YearUsers, and
// notes the first id the year's requests can have.
func (w *yearWorld) load() error {
	orgs, _, err := w.st.Organisations(w.ctx, schakel.OrganisationFilter{Limit: 500})
	if err != nil {
		return err
	}
	for _, o := range orgs {
		w.org[o.Code], w.code[o.ID] = o, o.Code
	}
	for _, du := range YearUsers {
		u := &schakel.User{Issuer: auth.DemoIssuer, Subject: du.Subject, Name: du.Name}
		if err := w.st.LoginUser(w.ctx, u); err != nil {
			return fmt.Errorf("demo: user %s: %w", du.Subject, err)
		}
		for _, r := range du.Roles {
			o := w.org[r.Org]
			if o == nil {
				return fmt.Errorf("demo: user %s: no organisation %s", du.Subject, r.Org)
			}
			m := schakel.Membership{UserID: u.ID, OrganisationID: o.ID, Role: r.Role}
			if r.Team != "" {
				ts, err := w.st.Teams(w.ctx, o.ID)
				if err != nil {
					return err
				}
				for _, t := range ts {
					if t.Name == r.Team {
						m.TeamID = t.ID
					}
				}
			}
			if err := w.st.AddMembership(w.ctx, m); err != nil {
				return fmt.Errorf("demo: role of %s: %w", du.Subject, err)
			}
		}
	}
	us, _, err := w.st.Users(w.ctx, schakel.UserFilter{Issuer: auth.DemoIssuer, Limit: 500})
	if err != nil {
		return err
	}
	for _, u := range us {
		w.user[u.Subject] = u
	}
	for _, du := range append(slices.Clone(Users), YearUsers...) {
		for _, r := range du.Roles {
			if k := r.Org + "/" + string(r.Role); w.answerer[k] == "" {
				w.answerer[k] = du.Subject
			}
		}
	}
	var last int64
	for {
		rs, _, err := w.st.Requests(w.ctx, schakel.RequestFilter{ByID: true, AfterID: last, Limit: 500})
		if err != nil {
			return err
		}
		if len(rs) == 0 {
			break
		}
		for _, r := range rs {
			last = max(last, r.ID)
		}
	}
	w.first = last + 1
	return nil
}

// add plans an action at t.
func (w *yearWorld) add(t time.Time, what string, do func() error) {
	w.actions = append(w.actions, action{at: t, seq: len(w.actions), what: what, do: do})
}

// day is the moment of day d of the year, at an hour of the working day.
func (w *yearWorld) day(d int) time.Time {
	return w.start.AddDate(0, 0, d).Add(time.Duration(w.rand.IntN(8*60)) * time.Minute)
}

// days is the number of days in the year up to now.
func (w *yearWorld) days() int { return int(w.now.Sub(w.start).Hours() / 24) }

// yearSweep is the store as the year's sweep sees it: only the year's own
// requests, so the rest of the demo world keeps the moments it was made
// with; the server's own sweep takes those over when it starts.
type yearSweep struct {
	st    jobs.SweepStore
	first int64
}

// SweepDue implements jobs.SweepStore.
func (y yearSweep) SweepDue(ctx context.Context, now time.Time, n int, step store.SweepStep) (store.SweepResult, error) {
	return y.st.SweepDue(ctx, now, n, func(r *schakel.Request) (*schakel.Request, *schakel.Event, error) {
		if r.ID < y.first {
			return nil, nil, nil
		}
		return step(r)
	})
}
