// Package assessments is the one place where proposals for policy and law
// are assessed for execution (PRODUCT.md C6; report §5.3, §5.4.1, §5.4.4):
// a ministry registers a proposal and asks executing organisations for
// their uitvoeringstoets, each a request for account with its legal term;
// each organisation delivers its verdict, costs, effects, conditions,
// values in conflict, alternatives and dilemmas; the minister answers every
// item — accepted and how, or why not — and cannot answer with the same
// text twice; the secretary-general signs for execution; only then may
// the proposal go to parliament. Every step is in the public record: the
// requests' events, and the proposal's own events as entries of their own.
package assessments

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/authz"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/requests"
	"github.com/schakel-nl/schakel/ruleref"
)

// Store is what the service needs of the store.
type Store interface {
	requests.Store
	schakel.ProposalStore
	// RuleFigures, Knelpunten and Signals attach what organisations already
	// signalled on the proposal's articles.
	RuleFigures(ctx context.Context, f schakel.FigureFilter) ([]*schakel.RuleFigure, int, error)
	Knelpunten(ctx context.Context, f schakel.KnelpuntFilter) ([]*schakel.Knelpunt, int, error)
	Signals(ctx context.Context, f schakel.SignalFilter) ([]*schakel.Signal, int, error)
}

// Limits on a proposal and an assessment.
const (
	MaxTitle   = 200
	MaxText    = 4000
	MaxLong    = 100_000
	MaxShort   = 500
	MaxRules   = 30
	MaxItems   = 20
	MaxOrgs    = 30
	MaxCents   = 100_000_000_000_00 // € 100 billion
	MaxFTE     = 1_000_000          // tenths: 100,000 full-time jobs
	MaxPeople  = 20_000_000
	MinAnswer  = 20 // characters an item's answer needs at least
	MaxURLSize = 500
)

// Service registers proposals and moves their assessments. Build it with
// New.
type Service struct {
	Requests *requests.Service
	store    Store
	Clock    schakel.Clock
}

// New returns the assessment service over st, making requests through rs.
func New(st Store, rs *requests.Service, clock schakel.Clock) *Service {
	return &Service{Requests: rs, store: st, Clock: clock}
}

// WithClock returns a copy of s, and of its request service, that tells
// time by clock: for the demo, which builds its history in the past.
func (s *Service) WithClock(clock schakel.Clock) *Service {
	c := *s
	c.Clock = clock
	c.Requests = s.Requests.WithClock(clock)
	return &c
}

// RegisterInput is a proposal as a ministry's policy officer registers it.
type RegisterInput struct {
	Ministry     string
	Kind         schakel.ProposalKind
	Title        string
	Summary      string
	Rules        []string
	Task         string
	PlannedEntry calendar.Date
	Text         string
	TextURL      string
	Problems     []schakel.FieldError
}

// Register registers a proposal of a ministry. Returns EUNAUTHORIZED
// without a user, EFORBIDDEN for anyone but the ministry's policy
// officers, and EINVALID naming every invalid field; then nothing is
// stored.
func (s *Service) Register(ctx context.Context, u *schakel.User, in RegisterInput) (*schakel.Proposal, error) {
	if u == nil {
		return nil, schakel.Errorf(schakel.EUNAUTHORIZED, "Log in om een voorstel te registreren.")
	}
	var v schakel.Validation
	v.Given(in.Problems)
	ministry, err := s.ministry(ctx, &v, in.Ministry)
	if err != nil {
		return nil, err
	}
	if ministry != nil && authz.Can(u, authz.ManageProposals, ministry.ID) != nil {
		return nil, schakel.Errorf(schakel.EFORBIDDEN, "Alleen beleidsmedewerkers van %s registreren haar voorstellen.", ministry.Name)
	}
	p := &schakel.Proposal{Kind: in.Kind, State: schakel.ProposalRegistered, CreatedBy: u.ID, Version: 1}
	if !in.Kind.Valid() {
		v.Add("soort", "enum", "Kies een van: wetsvoorstel, amvb, ministeriele-regeling, beleidsregel, amendement, motie.")
	}
	p.Title = v.Text("titel", in.Title, MaxTitle, true)
	p.Summary = v.Text("samenvatting", in.Summary, MaxText, true)
	p.Task = v.Text("opgave", in.Task, MaxShort, true)
	p.Text = v.Text("tekst", in.Text, MaxLong, false)
	p.TextURL = strings.TrimSpace(in.TextURL)
	if p.TextURL != "" && !httpsURL(p.TextURL) {
		v.Add("tekstUrl", "format", "Gebruik een https-adres van hoogstens %d tekens.", MaxURLSize)
	}
	if p.Text == "" && p.TextURL == "" && !v.Names("tekst") {
		v.Add("tekst", "required", "Geef de tekst van het voorstel of een https-adres waar die staat.")
	}
	p.RuleRefs = ruleRefs(&v, "regels", in.Rules)
	now := s.Clock.Now()
	switch {
	case in.PlannedEntry.IsZero():
		v.Add("inwerkingtreding", "required", "Geef de geplande datum van inwerkingtreding.")
	case in.PlannedEntry.Before(s.Requests.Engine.Calendar.Today(now)):
		v.Add("inwerkingtreding", "past", "Deze datum ligt in het verleden.")
	}
	p.PlannedEntry = in.PlannedEntry
	if err := v.Err(); err != nil {
		return nil, err
	}
	p.MinistryID, p.CreatedAt, p.UpdatedAt = ministry.ID, now, now
	ev := &schakel.ProposalEvent{Seq: 1, Type: schakel.ProposalEventRegistered, By: u.ID, At: now, Digest: proposalDigest(p)}
	if err := s.store.CreateProposal(ctx, p, ev); err != nil {
		return nil, err
	}
	return p, nil
}

// ministry finds the ministry by code, naming a missing, unknown or
// non-ministry organisation in v.
func (s *Service) ministry(ctx context.Context, v *schakel.Validation, code string) (*schakel.Organisation, error) {
	if !v.Required("ministerie", code) {
		return nil, nil
	}
	org, err := s.store.OrganisationByCode(ctx, code)
	switch {
	case schakel.ErrorCode(err) == schakel.ENOTFOUND:
		v.Add("ministerie", "unknown", "Organisatie %q bestaat niet.", code)
		return nil, nil
	case err != nil:
		return nil, err
	case org.Type != schakel.OrgMinistry:
		v.Add("ministerie", "not_ministry", "%s is geen ministerie.", org.Name)
		return nil, nil
	}
	return org, nil
}

// texts checks a list of texts: at most MaxItems, each present and at most
// n characters.
func texts(v *schakel.Validation, field string, in []string, n int) []string {
	if len(in) > MaxItems {
		v.Add(field, "too_many", "Noem er hoogstens %d.", MaxItems)
		return nil
	}
	out := make([]string, 0, len(in))
	for i, t := range in {
		out = append(out, v.Text(fmt.Sprintf("%s[%d]", field, i), t, n, true))
	}
	return out
}

// ruleRefs parses the rules a proposal changes: at least one.
func ruleRefs(v *schakel.Validation, field string, in []string) []string {
	switch {
	case len(in) == 0:
		v.Add(field, "required", "Noem minstens één regel die het voorstel wijzigt, zoals Wet WIA artikel 76.")
		return nil
	case len(in) > MaxRules:
		v.Add(field, "too_many", "Noem hoogstens %d regels.", MaxRules)
		return nil
	}
	out := make([]string, 0, len(in))
	for i, raw := range in {
		ref, err := ruleref.Parse(raw)
		if err != nil {
			for _, f := range schakel.ErrorFields(err) {
				v.Add(fmt.Sprintf("%s[%d]", field, i), f.Code, f.Format, f.Args...)
			}
			continue
		}
		out = append(out, ref.String())
	}
	return out
}

// httpsURL reports whether s is an https address of a sane length.
func httpsURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && u.Scheme == "https" && u.Host != "" && len(s) <= MaxURLSize
}

// digestOf is the hex SHA-256 of v's JSON encoding.
func digestOf(v any) string {
	b, _ := json.Marshal(v) // plain structs, strings and numbers always encode
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// proposalDigest commits to the texts of a proposal as registered.
func proposalDigest(p *schakel.Proposal) string {
	return digestOf(struct {
		Kind, Title, Summary, Task, Text, TextURL, PlannedEntry string
		Rules                                                   []string
	}{string(p.Kind), p.Title, p.Summary, p.Task, p.Text, p.TextURL, p.PlannedEntry.String(), p.RuleRefs})
}
