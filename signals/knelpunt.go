package signals

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"unicode/utf8"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/authz"
	"github.com/schakel-nl/schakel/comply"
	"github.com/schakel-nl/schakel/requests"
)

// Put puts an open knelpunt to its team: a request for account of type
// knelpunt to the organisation's coordinator, escalating to its board when
// the term is missed. Any member who may file signals may put it.
func (s *Service) Put(ctx context.Context, u *schakel.User, id int64) (*schakel.Knelpunt, error) {
	k, err := s.member(ctx, u, id, authz.FileSignal, "voorleggen")
	if err != nil {
		return nil, err
	}
	if k.State != schakel.KnelpuntOpen {
		return nil, schakel.Errorf(schakel.ECONFLICT, "Knelpunt %d is al voorgelegd.", k.ID)
	}
	ladder := []schakel.Addressee{{OrganisationID: k.OrganisationID, Role: schakel.RoleCoordinator}, {OrganisationID: k.OrganisationID, Role: schakel.RoleBoard}}
	opened, err := s.rungRequest(ctx, k, schakel.Party{Kind: schakel.PartyUser, UserID: u.ID}, ladder, "")
	if err != nil {
		return nil, err
	}
	return s.step(ctx, k, u.ID, schakel.KnelpuntEventPut, schakel.LevelTeam, schakel.KnelpuntPut, nil, opened)
}

// Answer records the answer of the current rung of a knelpunt, for its
// addressee: comply adopts it (overnemen: what will be done and by when)
// and takes it up — from the team to the board, from the ministry to
// parliament; the board's adoption waits for its knelpuntenbrief — and
// explain says per principle why not. Returns EFORBIDDEN when u is not the
// rung's addressee, ECONFLICT when no answer is owed, and EINVALID naming
// every invalid field.
func (s *Service) Answer(ctx context.Context, u *schakel.User, id int64, in requests.AnswerInput) (*schakel.Knelpunt, error) {
	if u == nil {
		return nil, schakel.Errorf(schakel.EUNAUTHORIZED, "Log in om te antwoorden.")
	}
	k, _, err := s.visible(ctx, u, id)
	if err != nil {
		return nil, err // ENOTFOUND for whom may not see it: its state is not theirs to learn
	}
	if k.RequestID == 0 {
		return nil, schakel.Errorf(schakel.ECONFLICT, "Knelpunt %d is nog niet voorgelegd.", k.ID)
	}
	r, err := s.store.Request(ctx, k.RequestID)
	if err != nil {
		return nil, err
	}
	if !comply.IsAddressee(r, u) {
		return nil, schakel.Errorf(schakel.EFORBIDDEN, "Alleen wie het knelpunt nu moet beantwoorden, kan antwoorden.")
	}
	actor := schakel.Party{Kind: schakel.PartyUser, UserID: u.ID, OrganisationID: r.Addressee().OrganisationID}
	now := s.Clock.Now()
	if in.Kind == schakel.Partial {
		// A knelpunt is adopted and climbs, or is declined: a rung cannot
		// take half of it up the ladder.
		in.Problems = append(in.Problems, schakel.FieldError{Field: comply.FieldAnswerKind, Code: "not_allowed",
			Format: "Een knelpunt neemt u over (comply) of niet (explain); deels kan hier niet."})
	}
	n, ev, err := requests.Step(in.Problems, func() (*schakel.Request, *schakel.Event, error) {
		return s.Requests.Engine.Answer(r, actor, in.AnswerInput, now)
	})
	if err != nil {
		return nil, err
	}
	level, err := s.levelOf(ctx, k, n.Addressee())
	if err != nil {
		return nil, err
	}
	answered := &schakel.RequestUpdate{PrevVersion: r.Version, Request: n, Event: ev}
	if in.Kind == schakel.Explain {
		return s.step(ctx, k, u.ID, schakel.KnelpuntEventDeclined, level, schakel.KnelpuntDeclined, answered, nil)
	}
	return s.adopt(ctx, k, u, actor, level, answered)
}

// adopt takes an adopted knelpunt up from level.
func (s *Service) adopt(ctx context.Context, k *schakel.Knelpunt, u *schakel.User, actor schakel.Party, level schakel.KnelpuntLevel, answered *schakel.RequestUpdate) (*schakel.Knelpunt, error) {
	switch level {
	case schakel.LevelTeam:
		// The team takes it to its board: the coordinator asks.
		ladder := []schakel.Addressee{{OrganisationID: k.OrganisationID, Role: schakel.RoleBoard}}
		if p, err := s.principal(ctx, k.OrganisationID); err != nil {
			return nil, err
		} else if p != 0 {
			ladder = append(ladder, schakel.Addressee{OrganisationID: p, Role: schakel.RolePolicy})
		}
		opened, err := s.rungRequest(ctx, k, schakel.Party{Kind: schakel.PartyUser, UserID: u.ID}, ladder, "")
		if err != nil {
			return nil, err
		}
		return s.stepAdopted(ctx, k, u.ID, level, schakel.LevelBoard, schakel.KnelpuntPut, answered, opened)
	case schakel.LevelBoard:
		// Its knelpuntenbrief takes it to the ministry.
		k.AdoptedAt = s.Clock.Now()
		return s.step(ctx, k, u.ID, schakel.KnelpuntEventAdopted, level, schakel.KnelpuntAdopted, answered, nil)
	case schakel.LevelMinistry:
		parl, err := s.parliament(ctx)
		if err != nil {
			return nil, err
		}
		if parl == 0 {
			return s.step(ctx, k, u.ID, schakel.KnelpuntEventAdopted, level, schakel.KnelpuntDone, answered, nil)
		}
		requester := schakel.Party{Kind: schakel.PartyOrganisation, UserID: u.ID, OrganisationID: actor.OrganisationID}
		opened, err := s.rungRequest(ctx, k, requester, []schakel.Addressee{{OrganisationID: parl, Role: schakel.RoleParliament}}, "")
		if err != nil {
			return nil, err
		}
		return s.stepAdopted(ctx, k, u.ID, level, schakel.LevelParliament, schakel.KnelpuntPut, answered, opened)
	default:
		return s.step(ctx, k, u.ID, schakel.KnelpuntEventAdopted, level, schakel.KnelpuntDone, answered, nil)
	}
}

// stepAdopted stores an adoption at level that opens the rung above: the
// event says who adopted at which level, the knelpunt stands at next.
func (s *Service) stepAdopted(ctx context.Context, k *schakel.Knelpunt, by int64, level, next schakel.KnelpuntLevel, state schakel.KnelpuntState,
	answered *schakel.RequestUpdate, opened *schakel.RequestCreation) (*schakel.Knelpunt, error) {
	prev := k.Version
	now := s.Clock.Now()
	ev := &schakel.KnelpuntEvent{KnelpuntID: k.ID, Type: schakel.KnelpuntEventAdopted, By: by, Level: level, RequestID: k.RequestID, At: now}
	k.Level, k.State, k.UpdatedAt, k.Version = next, state, now, prev+1
	if err := s.store.StepKnelpunt(ctx, schakel.KnelpuntStep{PrevVersion: prev, Knelpunt: k, Event: ev, Answered: answered, Opened: opened}); err != nil {
		return nil, err
	}
	return s.store.Knelpunt(ctx, k.ID)
}

// step stores one change of k: it stands at level in state afterwards.
func (s *Service) step(ctx context.Context, k *schakel.Knelpunt, by int64, typ schakel.KnelpuntEventType, level schakel.KnelpuntLevel, state schakel.KnelpuntState,
	answered *schakel.RequestUpdate, opened *schakel.RequestCreation) (*schakel.Knelpunt, error) {
	prev := k.Version
	now := s.Clock.Now()
	ev := &schakel.KnelpuntEvent{KnelpuntID: k.ID, Type: typ, By: by, Level: level, RequestID: k.RequestID, At: now}
	k.Level, k.State, k.UpdatedAt, k.Version = level, state, now, prev+1
	if err := s.store.StepKnelpunt(ctx, schakel.KnelpuntStep{PrevVersion: prev, Knelpunt: k, Event: ev, Answered: answered, Opened: opened}); err != nil {
		return nil, err
	}
	return s.store.Knelpunt(ctx, k.ID)
}

// levelOf says which rung of the knelpunt ladder an addressee is: the
// organisation's coordinator is its team, its board the board, parliament
// parliament, and any other organisation (the principal ministry) the
// ministry.
func (s *Service) levelOf(ctx context.Context, k *schakel.Knelpunt, a schakel.Addressee) (schakel.KnelpuntLevel, error) {
	if a.OrganisationID == k.OrganisationID {
		if a.Role == schakel.RoleCoordinator {
			return schakel.LevelTeam, nil
		}
		return schakel.LevelBoard, nil
	}
	parl, err := s.parliament(ctx)
	if err != nil {
		return "", err
	}
	if a.OrganisationID == parl {
		return schakel.LevelParliament, nil
	}
	return schakel.LevelMinistry, nil
}

// parliament returns the id of the parliament organisation, or 0.
func (s *Service) parliament(ctx context.Context) (int64, error) {
	ps, _, err := s.store.Organisations(ctx, schakel.OrganisationFilter{Type: schakel.OrgParliament, Limit: 1})
	if err != nil || len(ps) == 0 {
		return 0, err
	}
	return ps[0].ID, nil
}

// principal returns the id of the first principal ministry of an
// organisation, or 0.
func (s *Service) principal(ctx context.Context, orgID int64) (int64, error) {
	org, err := s.store.Organisation(ctx, orgID)
	if err != nil || len(org.PrincipalIDs) == 0 {
		return 0, err
	}
	return org.PrincipalIDs[0], nil
}

// rungRequest computes the request of a rung of k: its subject and body
// from the knelpunt, its grounds the principles in conflict of its
// signals, addressed along ladder. note is added to the body (a letter's
// reference and hash).
func (s *Service) rungRequest(ctx context.Context, k *schakel.Knelpunt, requester schakel.Party, ladder []schakel.Addressee, note string) (*schakel.RequestCreation, error) {
	grounds, err := s.grounds(ctx, k)
	if err != nil {
		return nil, err
	}
	body := k.Summary
	if k.Proposal != "" {
		body += "\n\nVoorstel: " + k.Proposal
	}
	count := fmt.Sprintf("%d signalen", k.Signals)
	if k.Signals == 1 {
		count = "1 signaal"
	}
	body += fmt.Sprintf("\n\n%s; naar schatting tussen %d en %d burgers geraakt.", count, k.Citizens.Low, k.Citizens.High)
	if note != "" {
		body += "\n\n" + note
	}
	req := comply.NewRequest{Type: schakel.TypeKnelpunt, Subject: subject(k), Body: body, Grounds: grounds, Requester: requester}
	r, ev, err := s.Requests.Engine.New(req, ladder, func(string) bool { return true }, s.Clock.Now())
	if err != nil {
		return nil, fmt.Errorf("signals: the rung of knelpunt %d: %w", k.ID, err)
	}
	return &schakel.RequestCreation{Request: r, Event: ev}, nil
}

// subject is the request's subject: "Knelpunt: " and the title, cut to
// the engine's limit on a character boundary.
func subject(k *schakel.Knelpunt) string {
	out := "Knelpunt: " + k.Title
	for len(out) > comply.MaxSubject {
		_, size := utf8.DecodeLastRuneInString(out)
		out = out[:len(out)-size]
	}
	return out
}

// grounds are the principles in conflict of k's signals, each with the
// grounds of the first signal that named it.
func (s *Service) grounds(ctx context.Context, k *schakel.Knelpunt) ([]schakel.Ground, error) {
	sigs, _, err := s.store.Signals(ctx, schakel.SignalFilter{KnelpuntID: k.ID, State: schakel.SignalFiled, Limit: 500})
	if err != nil {
		return nil, err
	}
	return withAllPrinciples(groundsOf(sigs), k), nil
}

// withAllPrinciples adds the principles of k its signals named but the
// signals read did not (a knelpunt of more signals than one read holds),
// so a rung must answer for every one of them.
func withAllPrinciples(grounds []schakel.Ground, k *schakel.Knelpunt) []schakel.Ground {
	for _, p := range k.Principles {
		if !slices.ContainsFunc(grounds, func(g schakel.Ground) bool { return g.Principle == p }) {
			grounds = append(grounds, schakel.Ground{Principle: p, Text: "Dit beginsel noemen de signalen van dit knelpunt."})
		}
	}
	return grounds
}

// groundsOf are the principles in conflict of sigs, each with the grounds
// of the first signal (by id) that named it.
func groundsOf(sigs []*schakel.Signal) []schakel.Ground {
	sigs = slices.Clone(sigs)
	slices.SortFunc(sigs, func(a, b *schakel.Signal) int { return cmp.Compare(a.ID, b.ID) })
	var out []schakel.Ground
	seen := map[string]bool{}
	for _, sig := range sigs {
		for _, c := range sig.Conflicts {
			if !seen[c.Principle] {
				seen[c.Principle] = true
				out = append(out, c)
			}
		}
	}
	return out
}

// member loads a knelpunt for a user who may do action at its
// organisation; what names the action in the refusal.
func (s *Service) member(ctx context.Context, u *schakel.User, id int64, action authz.Action, what string) (*schakel.Knelpunt, error) {
	if u == nil {
		return nil, schakel.Errorf(schakel.EUNAUTHORIZED, "Log in om knelpunten te %s.", what)
	}
	k, err := s.store.Knelpunt(ctx, id)
	if err != nil {
		return nil, err
	}
	if authz.Can(u, authz.ViewOrganisationInternals, k.OrganisationID) != nil {
		return nil, schakel.Errorf(schakel.ENOTFOUND, "Knelpunt %d bestaat niet.", id)
	}
	if authz.Can(u, action, k.OrganisationID) != nil {
		return nil, schakel.Errorf(schakel.EFORBIDDEN, "U mag dit knelpunt niet %s.", what)
	}
	return k, nil
}

// Merge moves every signal of the knelpunt from into the knelpunt into;
// from ends as merged. Both must be the same organisation's and still take
// signals, and from may not have been put to its team yet. For its
// coordinators and board.
func (s *Service) Merge(ctx context.Context, u *schakel.User, into, from int64) (*schakel.Knelpunt, error) {
	if into == from {
		return nil, invalid("van", "same", "Kies twee verschillende knelpunten.")
	}
	ki, err := s.member(ctx, u, into, authz.ManageKnelpunten, "samenvoegen")
	if err != nil {
		return nil, err
	}
	kf, err := s.member(ctx, u, from, authz.ManageKnelpunten, "samenvoegen")
	if err != nil {
		return nil, err
	}
	switch {
	case kf.OrganisationID != ki.OrganisationID:
		return nil, invalid("van", "other_organisation", "Knelpunten van verschillende organisaties kunnen niet samen.")
	case !ki.State.TakesSignals(ki.Level):
		return nil, schakel.Errorf(schakel.ECONFLICT, "Knelpunt %d neemt geen signalen meer aan.", ki.ID)
	case kf.State != schakel.KnelpuntOpen:
		return nil, schakel.Errorf(schakel.ECONFLICT, "Knelpunt %d is al voorgelegd; alleen een open knelpunt gaat op in een ander.", kf.ID)
	}
	now := s.Clock.Now()
	intoStep := schakel.KnelpuntStep{PrevVersion: ki.Version, Knelpunt: ki,
		Event: &schakel.KnelpuntEvent{KnelpuntID: ki.ID, Type: schakel.KnelpuntEventMerged, By: u.ID, Other: kf.ID, Level: ki.Level, At: now}}
	kf.State, kf.MergedInto = schakel.KnelpuntMerged, ki.ID
	fromStep := schakel.KnelpuntStep{PrevVersion: kf.Version, Knelpunt: kf,
		Event: &schakel.KnelpuntEvent{KnelpuntID: kf.ID, Type: schakel.KnelpuntEventMerged, By: u.ID, Other: ki.ID, Level: kf.Level, At: now}}
	for _, k := range []*schakel.Knelpunt{ki, kf} {
		k.UpdatedAt, k.Version = now, k.Version+1
	}
	if err := s.store.MergeKnelpunten(ctx, intoStep, fromStep); err != nil {
		return nil, err
	}
	return s.store.Knelpunt(ctx, ki.ID)
}

// SplitInput names the signals that leave a knelpunt for a new one, and
// the new one's title.
type SplitInput struct {
	Signals  []int64
	Title    string
	Problems []schakel.FieldError
}

// Split moves some signals of a knelpunt that still takes signals into a
// new knelpunt, and returns the new one. For its coordinators and board.
func (s *Service) Split(ctx context.Context, u *schakel.User, from int64, in SplitInput) (*schakel.Knelpunt, error) {
	k, err := s.member(ctx, u, from, authz.ManageKnelpunten, "splitsen")
	if err != nil {
		return nil, err
	}
	var v schakel.Validation
	v.Given(in.Problems)
	title := v.Text("titel", in.Title, MaxSplitTitle, true)
	if len(in.Signals) == 0 {
		v.Add("signalen", "required", "Kies de signalen die een eigen knelpunt worden.")
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	if !k.State.TakesSignals(k.Level) {
		return nil, schakel.Errorf(schakel.ECONFLICT, "Knelpunt %d neemt geen signalen meer aan; splitsen kan niet meer.", k.ID)
	}
	org, err := s.store.Organisation(ctx, k.OrganisationID)
	if err != nil {
		return nil, err
	}
	title, _ = s.keep(ctx, org).Redact(title)
	now := s.Clock.Now()
	nk := &schakel.Knelpunt{OrganisationID: k.OrganisationID, Title: title, Summary: k.Summary, Solution: k.Solution, Proposal: k.Proposal,
		Level: schakel.LevelTeam, State: schakel.KnelpuntOpen, CreatedBy: u.ID, CreatedAt: now, UpdatedAt: now, Version: 1}
	split := schakel.KnelpuntStep{Knelpunt: nk,
		Event: &schakel.KnelpuntEvent{Type: schakel.KnelpuntEventSplit, By: u.ID, Other: k.ID, Signals: slices.Clone(in.Signals), Level: schakel.LevelTeam, At: now}}
	prev := k.Version
	k.UpdatedAt, k.Version = now, prev+1
	fromStep := schakel.KnelpuntStep{PrevVersion: prev, Knelpunt: k,
		Event: &schakel.KnelpuntEvent{KnelpuntID: k.ID, Type: schakel.KnelpuntEventSplit, By: u.ID, Signals: slices.Clone(in.Signals), Level: k.Level, At: now}}
	if err := s.store.SplitKnelpunt(ctx, fromStep, split); err != nil {
		return nil, err
	}
	return s.store.Knelpunt(ctx, nk.ID)
}

// invalid is an EINVALID error naming one field.
func invalid(field, code, format string, args ...any) error {
	var v schakel.Validation
	v.Add(field, code, format, args...)
	return v.Err()
}
