package erasure

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/authz"
)

// Kind is the kind of record whose texts are erased.
type Kind string

// The kinds of record, by the codes the operator's page and `schakel
// erase --soort` use.
const (
	// KindRequest is a request for account that is not a brake.
	KindRequest Kind = "verzoek"
	// KindBrake is an emergency brake (a request with what its level adds).
	KindBrake Kind = "noodrem"
	// KindCase is a case of the maatwerkplaats.
	KindCase Kind = "casus"
)

// Kinds lists the kinds in the order a page offers them.
var Kinds = []Kind{KindRequest, KindBrake, KindCase}

// Valid reports whether k is one of Kinds.
func (k Kind) Valid() bool { return slices.Contains(Kinds, k) }

// Label returns the Dutch name of the kind, for pages and messages.
func (k Kind) Label() string {
	switch k {
	case KindRequest:
		return "Verzoek om verantwoording"
	case KindBrake:
		return "Noodrem"
	case KindCase:
		return "Casus van de maatwerkplaats"
	}
	return string(k)
}

// noun is the kind as a lower-case noun in a sentence.
func (k Kind) noun() string {
	switch k {
	case KindRequest:
		return "verzoek"
	case KindBrake:
		return "noodrem"
	}
	return "casus"
}

// Cause is why texts were erased, as a code: it is what the log says
// instead of the reason, which is free text.
type Cause string

// The causes of an erasure.
const (
	// CauseSubject: on the data subject's request (AVG art. 17).
	CauseSubject Cause = "verzoek-betrokkene"
	// CauseRetention: the retention period of the record ran out (AVG
	// art. 5(1)(e)).
	CauseRetention Cause = "bewaartermijn"
)

// MaxReason is the longest reason an erasure on request may give, in
// characters.
const MaxReason = 500

// Input asks to erase the texts of one record on a data subject's request.
type Input struct {
	Kind Kind
	ID   int64
	// Reason says why, as the operator records it: it is stored with the
	// erasure and shown where the record is ("gewist op …"), never logged.
	// Write no personal data in it.
	Reason string
	// Problems are what the transport found wrong while decoding the
	// input (ParseInput); with any, nothing is erased.
	Problems []schakel.FieldError
}

// ParseInput builds the Input of a form or command line: id must be a
// positive whole number, else the field "id" is named in Problems.
func ParseInput(kind, id, reason string) Input {
	in := Input{Kind: Kind(strings.TrimSpace(kind)), Reason: reason}
	id = strings.TrimSpace(id)
	if id == "" {
		return in
	}
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil || n <= 0 {
		in.Problems = append(in.Problems, schakel.FieldError{Field: "id", Code: "format", Format: "Geef een nummer: een positief geheel getal."})
		return in
	}
	in.ID = n
	return in
}

// Result is an erasure done.
type Result struct {
	Kind     Kind
	ID       int64
	ErasedAt time.Time
	Reason   string
	Cause    Cause
}

// Store is what the service needs of the store.
type Store interface {
	schakel.ErasureStore
	schakel.RetentionStore
	Request(ctx context.Context, id int64) (*schakel.Request, error)
	Brake(ctx context.Context, requestID int64) (*schakel.Brake, error)
	Case(ctx context.Context, id int64) (*schakel.Case, error)
}

// Service erases the personal texts of ended requests, brakes and closed
// cases, on a data subject's request (Erase) and when their retention
// period has run out (Sweep). Build it with New.
type Service struct {
	store   Store
	clock   schakel.Clock
	log     *slog.Logger
	periods Periods
	// batch is how many records one retention query reads.
	batch int
}

// New returns the service over st with the default retention periods; log
// may be nil (nothing is logged).
func New(st Store, clock schakel.Clock, log *slog.Logger) *Service {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Service{store: st, clock: clock, log: log, periods: DefaultPeriods(), batch: 100}
}

// WithClock returns a copy of the service that reads time from clock.
func (s *Service) WithClock(clock schakel.Clock) *Service {
	c := *s
	c.clock = clock
	return &c
}

// WithPeriods returns a copy of the service with the retention periods p.
func (s *Service) WithPeriods(p Periods) *Service {
	c := *s
	c.periods = p
	return &c
}

// Periods returns the retention periods the service applies.
func (s *Service) Periods() Periods { return s.periods }

// Erase erases the texts of the record in in on a data subject's request,
// as u. Only an administrator of an organisation that holds the record
// may (authz.EraseData): for a request or brake, its requesting
// organisation or an organisation on its ladder; for a case, its
// organisation. Returns EUNAUTHORIZED without a user, EFORBIDDEN for
// anyone else, EINVALID naming every invalid field (soort, id, reden),
// ENOTFOUND for an unknown record, and ECONFLICT for a record that has not
// ended or was erased already.
func (s *Service) Erase(ctx context.Context, u *schakel.User, in Input) (*Result, error) {
	if err := s.MayErase(u); err != nil {
		return nil, err
	}
	return s.erase(ctx, u, in)
}

// MayErase returns nil when u administers an organisation and so may use
// the erasure form; EUNAUTHORIZED without a user, EFORBIDDEN otherwise.
// Whether u may erase one record Erase decides.
func (s *Service) MayErase(u *schakel.User) error {
	if u == nil {
		return schakel.Errorf(schakel.EUNAUTHORIZED, "Log in om teksten te wissen.")
	}
	if len(authz.Organisations(u, authz.EraseData)) == 0 {
		return schakel.Errorf(schakel.EFORBIDDEN, "Alleen een beheerder mag teksten wissen.")
	}
	return nil
}

// EraseAsOperator erases the texts of the record in in on a data subject's
// request, for `schakel erase`: whoever runs it holds the database, so no
// user is asked for and none is recorded. Otherwise as Erase.
func (s *Service) EraseAsOperator(ctx context.Context, in Input) (*Result, error) {
	return s.erase(ctx, nil, in)
}

// erase is Erase for u, or for the operator when u is nil.
func (s *Service) erase(ctx context.Context, u *schakel.User, in Input) (*Result, error) {
	if err := validate(in); err != nil {
		return nil, err
	}
	reason := strings.TrimSpace(in.Reason)
	if err := s.check(ctx, u, in.Kind, in.ID); err != nil {
		return nil, err
	}
	res, err := s.eraseRecord(ctx, in.Kind, in.ID, reason, CauseSubject)
	if err != nil {
		return nil, err
	}
	actor := slog.String("actor", "operator")
	if u != nil {
		actor = slog.Int64("actor_user_id", u.ID)
	}
	s.log.Info("erasure", slog.String("kind", string(in.Kind)), slog.Int64("id", in.ID), slog.String("cause", string(CauseSubject)), actor)
	return res, nil
}

// validate names every invalid field of in.
func validate(in Input) error {
	var v schakel.Validation
	v.Given(in.Problems)
	if in.Kind == "" {
		v.Add("soort", "required", "Kies wat u wilt wissen: een verzoek, een noodrem of een casus.")
	} else if !in.Kind.Valid() {
		v.Add("soort", "unknown", "Onbekende soort %q: kies verzoek, noodrem of casus.", string(in.Kind))
	}
	if in.ID <= 0 && !v.Names("id") {
		v.Add("id", "required", "Geef het nummer van wat u wilt wissen.")
	}
	if v.Required("reden", in.Reason) && utf8.RuneCountInString(strings.TrimSpace(in.Reason)) > MaxReason {
		v.Add("reden", "too_long", "Gebruik hoogstens %d tekens.", MaxReason)
	}
	return v.Err()
}

// check reads the record and refuses, before anything is erased: a record
// that is not there or not of the kind, one u may not erase (u nil: the
// operator may), one that has not ended, and one erased already.
func (s *Service) check(ctx context.Context, u *schakel.User, kind Kind, id int64) error {
	var orgs []int64
	var ended bool
	var state string
	switch kind {
	case KindCase:
		c, err := s.store.Case(ctx, id)
		if err != nil {
			return err
		}
		orgs, ended, state = []int64{c.OrganisationID}, c.State.Closed(), string(c.State)
	default:
		r, err := s.request(ctx, kind, id)
		if err != nil {
			return err
		}
		orgs, ended, state = holders(r), r.State.Final(), string(r.State)
	}
	if u != nil && !slices.ContainsFunc(orgs, func(org int64) bool { return authz.Can(u, authz.EraseData, org) == nil }) {
		return schakel.Errorf(schakel.EFORBIDDEN, "Alleen een beheerder van de organisatie die dit %s heeft, mag de teksten wissen.", kind.noun())
	}
	if !ended {
		if kind == KindCase {
			return schakel.Errorf(schakel.ECONFLICT, "Casus %d is %s: alleen de teksten van een besloten, gepubliceerde of ingetrokken casus kunnen worden gewist.", id, state)
		}
		return schakel.Errorf(schakel.ECONFLICT, "%s %d is %s: alleen de teksten van een gesloten of ingetrokken %s kunnen worden gewist.", kind.Label(), id, state, kind.noun())
	}
	at, err := s.erasedAt(ctx, kind, id)
	if err != nil {
		return err
	}
	if !at.IsZero() {
		return schakel.Errorf(schakel.ECONFLICT, "De teksten van %s %d zijn al gewist op %s.", kind.noun(), id, at.UTC().Format(time.DateOnly))
	}
	return nil
}

// request reads the request of kind verzoek or noodrem: a brake is not
// erased as a plain request, nor a plain request as a brake.
func (s *Service) request(ctx context.Context, kind Kind, id int64) (*schakel.Request, error) {
	if kind == KindBrake {
		b, err := s.store.Brake(ctx, id)
		if schakel.ErrorCode(err) == schakel.ENOTFOUND {
			return nil, schakel.Errorf(schakel.ENOTFOUND, "Noodrem %d bestaat niet.", id)
		}
		if err != nil {
			return nil, err
		}
		if b.Request == nil {
			return s.store.Request(ctx, id)
		}
		return b.Request, nil
	}
	r, err := s.store.Request(ctx, id)
	if err != nil {
		return nil, err
	}
	if _, err := s.store.Brake(ctx, id); err == nil {
		return nil, &schakel.Error{Code: schakel.EINVALID, Message: "De invoer is niet geldig.", Fields: []schakel.FieldError{{Field: "soort", Code: "mismatch",
			Format: "Verzoek %d is een noodrem: kies de soort noodrem.", Args: []any{id}}}}
	} else if schakel.ErrorCode(err) != schakel.ENOTFOUND {
		return nil, err
	}
	return r, nil
}

// holders returns the organisations that hold a request: its requesting
// organisation and those on its ladder.
func holders(r *schakel.Request) []int64 {
	var orgs []int64
	if r.Requester.OrganisationID != 0 {
		orgs = append(orgs, r.Requester.OrganisationID)
	}
	for _, a := range r.Ladder {
		orgs = append(orgs, a.OrganisationID)
	}
	return orgs
}

// erasedAt returns when the record's texts were erased; zero if not.
func (s *Service) erasedAt(ctx context.Context, kind Kind, id int64) (time.Time, error) {
	if kind == KindCase {
		xs, err := s.store.CaseErasures(ctx, []int64{id})
		if err != nil || xs[id] == nil {
			return time.Time{}, err
		}
		return xs[id].ErasedAt, nil
	}
	xs, err := s.store.Erasures(ctx, []int64{id})
	if err != nil || xs[id] == nil {
		return time.Time{}, err
	}
	return xs[id].ErasedAt, nil
}

// eraseRecord erases through the store and reads back when.
func (s *Service) eraseRecord(ctx context.Context, kind Kind, id int64, reason string, cause Cause) (*Result, error) {
	var err error
	if kind == KindCase {
		err = s.store.EraseCaseTexts(ctx, id, reason)
	} else {
		err = s.store.EraseRequestTexts(ctx, id, reason)
	}
	if err != nil {
		return nil, err
	}
	at, err := s.erasedAt(ctx, kind, id)
	if err != nil {
		return nil, fmt.Errorf("erasure: read back the erasure of %s %d: %w", kind, id, err)
	}
	return &Result{Kind: kind, ID: id, ErasedAt: at, Reason: reason, Cause: cause}, nil
}
