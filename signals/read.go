package signals

import (
	"context"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/authz"
	"github.com/schakel-nl/schakel/calendar"
)

// Answer is what one rung answered: comply (adopted) or explain (per
// principle why not). It is public once the knelpunt went to a ministry.
type Answer struct {
	Level       schakel.KnelpuntLevel
	Kind        schakel.AnswerKind
	Changes     string
	ByWhen      calendar.Date
	Motivations map[string]string
	At          time.Time
	Late        bool
}

// RungView is a rung of a knelpunt with its request and the answers given
// at it (an explain that was contested and escalated has a later answer).
type RungView struct {
	Rung    schakel.Rung
	Request *schakel.Request
	Answers []Answer
}

// View is a knelpunt as a user may see it: members of its organisation
// see its signals and history; others see a knelpunt only once its board
// sent it to the ministry, with the rungs from the ministry on.
type View struct {
	Knelpunt *schakel.Knelpunt
	// Member is true when the viewer works at the knelpunt's organisation.
	Member  bool
	Signals []*schakel.Signal
	Events  []*schakel.KnelpuntEvent
	Rungs   []RungView
	// Answering is the level that owes an answer now, or "" when none does.
	Answering schakel.KnelpuntLevel
}

// Get returns a knelpunt as u (nil for the public) may see it. Returns
// ENOTFOUND also when u may not see it.
func (s *Service) Get(ctx context.Context, u *schakel.User, id int64) (*View, error) {
	k, member, err := s.visible(ctx, u, id)
	if err != nil {
		return nil, err
	}
	view := &View{Knelpunt: k, Member: member}
	if member {
		if view.Signals, _, err = s.store.Signals(ctx, schakel.SignalFilter{KnelpuntID: k.ID, Limit: 500}); err != nil {
			return nil, err
		}
		if view.Events, err = s.store.KnelpuntEvents(ctx, k.ID); err != nil {
			return nil, err
		}
	}
	if err := s.rungs(ctx, view); err != nil {
		return nil, err
	}
	return view, nil
}

// rungs fills the rungs of view, public ones only for a non-member.
func (s *Service) rungs(ctx context.Context, view *View) error {
	k := view.Knelpunt
	ids := make([]int64, 0, len(k.Rungs))
	for _, r := range k.Rungs {
		ids = append(ids, r.RequestID)
	}
	events, err := s.store.EventsOf(ctx, ids)
	if err != nil {
		return err
	}
	for _, rung := range k.Rungs {
		r, err := s.store.Request(ctx, rung.RequestID)
		if err != nil {
			return err
		}
		if !view.Member && !reachedOutside(r, k) {
			// A rung inside the organisation stays internal.
			continue
		}
		rv := RungView{Rung: rung, Request: r}
		for _, ev := range events[rung.RequestID] {
			if ev.Type != schakel.EventAnswered {
				continue
			}
			level, err := s.levelOf(ctx, k, r.Ladder[min(ev.Rung, len(r.Ladder)-1)])
			if err != nil {
				return err
			}
			a := Answer{Level: level, Kind: ev.Data.Answer, Changes: ev.Data.Changes, Motivations: ev.Data.Motivations, At: ev.At, Late: ev.Data.Late}
			if ev.Data.ByWhen != nil {
				a.ByWhen = *ev.Data.ByWhen
			}
			rv.Answers = append(rv.Answers, a)
		}
		if rung.RequestID == k.RequestID && r.State.AwaitsAnswer() {
			if view.Answering, err = s.levelOf(ctx, k, r.Addressee()); err != nil {
				return err
			}
		}
		view.Rungs = append(view.Rungs, rv)
	}
	return nil
}

// List returns the knelpunten matching f that u may see: all of u's own
// organisation's, and of others only those sent to a ministry.
func (s *Service) List(ctx context.Context, u *schakel.User, f schakel.KnelpuntFilter) ([]*schakel.Knelpunt, int, error) {
	if f.OrganisationID == 0 || u == nil || authz.Can(u, authz.ViewOrganisationInternals, f.OrganisationID) != nil {
		f.Sent = true
	}
	return s.store.Knelpunten(ctx, f)
}

// Figures returns the public figures of where the law hurts: per law, per
// article of a law, or per policy rule, most signals first.
func (s *Service) Figures(ctx context.Context, f schakel.FigureFilter) ([]*schakel.RuleFigure, int, error) {
	return s.store.RuleFigures(ctx, f)
}

// Signal returns a signal for a member of its organisation. ENOTFOUND also
// when u may not see it.
func (s *Service) Signal(ctx context.Context, u *schakel.User, id int64) (*schakel.Signal, []*schakel.SignalEvent, error) {
	sig, err := s.store.Signal(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	if u == nil || authz.Can(u, authz.ViewOrganisationInternals, sig.OrganisationID) != nil {
		return nil, nil, schakel.Errorf(schakel.ENOTFOUND, "Signaal %d bestaat niet.", id)
	}
	evs, err := s.store.SignalEvents(ctx, id)
	return sig, evs, err
}

// Signals returns the signals of an organisation matching f for a member.
func (s *Service) Signals(ctx context.Context, u *schakel.User, f schakel.SignalFilter) ([]*schakel.Signal, int, error) {
	if u == nil || f.OrganisationID == 0 || authz.Can(u, authz.ViewOrganisationInternals, f.OrganisationID) != nil {
		return nil, 0, schakel.Errorf(schakel.EFORBIDDEN, "Alleen medewerkers van de organisatie zien haar signalen.")
	}
	return s.store.Signals(ctx, f)
}

// KnelpuntOfRequest returns the id of the knelpunt whose rung the request
// is, or 0, so a page of the request can send its addressee there.
func (s *Service) KnelpuntOfRequest(ctx context.Context, requestID int64) (int64, error) {
	return s.store.KnelpuntOfRequest(ctx, requestID)
}

// visible loads knelpunt id for u and says whether u is a member of its
// organisation. ENOTFOUND also when u may see neither it nor its rungs.
func (s *Service) visible(ctx context.Context, u *schakel.User, id int64) (*schakel.Knelpunt, bool, error) {
	k, err := s.store.Knelpunt(ctx, id)
	if err != nil {
		return nil, false, err
	}
	member := u != nil && authz.Can(u, authz.ViewOrganisationInternals, k.OrganisationID) == nil
	if member || public(k) {
		return k, member, nil
	}
	addressed, err := s.addressed(ctx, u, k)
	if err != nil {
		return nil, false, err
	}
	if !addressed {
		return nil, false, schakel.Errorf(schakel.ENOTFOUND, "Knelpunt %d bestaat niet of is niet openbaar.", id)
	}
	return k, false, nil
}

// public reports whether a knelpunt has left its organisation: sent in a
// letter, or (by escalation) at the ministry or parliament.
func public(k *schakel.Knelpunt) bool {
	return k.LetterID != 0 || k.Level == schakel.LevelMinistry || k.Level == schakel.LevelParliament
}

// reachedOutside reports whether a rung's request has reached an
// organisation other than the knelpunt's own.
func reachedOutside(r *schakel.Request, k *schakel.Knelpunt) bool {
	for _, a := range r.Ladder[:min(r.Rung+1, len(r.Ladder))] {
		if a.OrganisationID != k.OrganisationID {
			return true
		}
	}
	return false
}

// addressed reports whether u works at an organisation a rung of k has
// reached: the ministry a board's missed term escalated it to may see
// what it must answer before the knelpunt is public.
func (s *Service) addressed(ctx context.Context, u *schakel.User, k *schakel.Knelpunt) (bool, error) {
	if u == nil {
		return false, nil
	}
	for _, rung := range k.Rungs {
		r, err := s.store.Request(ctx, rung.RequestID)
		if err != nil {
			return false, err
		}
		for _, a := range r.Ladder[:min(r.Rung+1, len(r.Ladder))] {
			for _, m := range u.Memberships {
				if m.OrganisationID == a.OrganisationID {
					return true, nil
				}
			}
		}
	}
	return false, nil
}
