package assessments

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/authz"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/comply"
	"github.com/schakel-nl/schakel/requests"
)

// careGround is the ground of every request for an assessment: careful
// preparation asks whether a rule can be carried out (Awb 3:2).
var careGround = schakel.Ground{Principle: "zorgvuldigheid",
	Text: "Een zorgvuldige voorbereiding van regels vraagt een oordeel van wie ze moet uitvoeren: is het uitvoerbaar, tegen welke prijs en voor wie?"}

// answerGround is the ground of the request for the minister's answer:
// careful preparation asks that the minister weighs what the executing
// organisation foresaw, point by point (report §5.4.4).
var answerGround = schakel.Ground{Principle: "zorgvuldigheid",
	Text: "Een zorgvuldige voorbereiding vraagt dat de minister elk punt van de uitvoeringstoets weegt en beantwoordt, voordat het voorstel naar het parlement gaat."}

// RequestInput names the organisations asked for an assessment, by code.
type RequestInput struct {
	Organisations []string
	Problems      []schakel.FieldError
}

// RequestAssessments asks executing organisations (and municipalities)
// for their assessment of a proposal: one request for account each, to
// its board, in the short term for an amendment or motion. For the
// ministry's policy officers. Returns ECONFLICT once the proposal is
// signed, and EINVALID naming every invalid organisation.
func (s *Service) RequestAssessments(ctx context.Context, u *schakel.User, proposalID int64, in RequestInput) (*schakel.Proposal, error) {
	p, err := s.forMinistry(ctx, u, proposalID, authz.ManageProposals, "toetsen aanvragen")
	if err != nil {
		return nil, err
	}
	if p.State != schakel.ProposalRegistered && p.State != schakel.ProposalAssessing {
		return nil, schakel.Errorf(schakel.ECONFLICT, "Voorstel %d is al getekend; vraag geen nieuwe toetsen meer.", p.ID)
	}
	asked, err := s.store.Assessments(ctx, p.ID)
	if err != nil {
		return nil, err
	}
	var v schakel.Validation
	v.Given(in.Problems)
	orgs, err := s.assessors(ctx, &v, in.Organisations, asked)
	if err != nil {
		return nil, err
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	now := s.Clock.Now()
	requester := schakel.Party{Kind: schakel.PartyOrganisation, UserID: u.ID, OrganisationID: p.MinistryID}
	step := schakel.ProposalStep{PrevVersion: p.Version, Proposal: p,
		Event: &schakel.ProposalEvent{ProposalID: p.ID, Seq: p.Version + 1, Type: schakel.ProposalEventRequested, By: u.ID, At: now}}
	var codes []string
	for _, org := range orgs {
		req := comply.NewRequest{Type: schakel.TypeAssessment, Subject: subject("Uitvoeringstoets: ", p.Title), Body: requestBody(p), Grounds: []schakel.Ground{careGround},
			Urgent: p.Kind.Short(), Requester: requester}
		r, ev, err := s.Requests.Engine.New(req, []schakel.Addressee{{OrganisationID: org.ID, Role: schakel.RoleBoard}}, func(string) bool { return true }, now)
		if schakel.ErrorCode(err) == schakel.EINVALID {
			// Only the organisation's own terms can make a valid request
			// invalid here (no short term for an amendment).
			var v schakel.Validation
			field := fmt.Sprintf("organisaties[%d]", slices.Index(in.Organisations, org.Code))
			v.Add(field, "no_terms", "%s heeft geen termijn ingesteld voor deze soort toets; vraag haar beheerder die in te stellen.", org.Name)
			return nil, v.Err()
		}
		if err != nil {
			return nil, fmt.Errorf("assessments: request of %s: %w", org.Code, err)
		}
		step.Requested = append(step.Requested, schakel.AssessmentCreation{Request: r, Event: ev,
			Assessment: &schakel.Assessment{ProposalID: p.ID, OrganisationID: org.ID, State: schakel.AssessmentRequested}})
		codes = append(codes, org.Code)
	}
	step.Event.Digest = digestOf(codes)
	p.State, p.UpdatedAt, p.Version = schakel.ProposalAssessing, now, p.Version+1
	if err := s.store.StepProposal(ctx, step); err != nil {
		return nil, err
	}
	return p, nil
}

// assessors resolves the organisations to ask: at least one, each
// existing, executing, and not asked before.
func (s *Service) assessors(ctx context.Context, v *schakel.Validation, codes []string, asked []*schakel.Assessment) ([]*schakel.Organisation, error) {
	switch {
	case len(codes) == 0:
		v.Add("organisaties", "required", "Kies minstens één uitvoeringsorganisatie of gemeente.")
		return nil, nil
	case len(codes) > MaxOrgs:
		v.Add("organisaties", "too_many", "Vraag hoogstens %d organisaties tegelijk.", MaxOrgs)
		return nil, nil
	}
	already := map[int64]bool{}
	for _, a := range asked {
		already[a.OrganisationID] = true
	}
	var out []*schakel.Organisation
	for i, code := range codes {
		field := fmt.Sprintf("organisaties[%d]", i)
		org, err := s.store.OrganisationByCode(ctx, strings.TrimSpace(code))
		switch {
		case schakel.ErrorCode(err) == schakel.ENOTFOUND:
			v.Add(field, "unknown", "Organisatie %q bestaat niet.", code)
			continue
		case err != nil:
			return nil, err
		case !org.Type.Executes():
			v.Add(field, "not_executing", "%s voert geen wetten uit en toetst dus niet.", org.Name)
			continue
		case already[org.ID]:
			v.Add(field, "duplicate", "%s is al om een toets gevraagd.", org.Name)
			continue
		}
		already[org.ID] = true
		out = append(out, org)
	}
	return out, nil
}

// requestBody is the text of a request for an assessment.
func requestBody(p *schakel.Proposal) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n\nMaatschappelijke opgave: %s\nGeplande inwerkingtreding: %s\nRegels die wijzigen: %s", p.Summary, p.Task, p.PlannedEntry.Dutch(), strings.Join(p.RuleRefs, ", "))
	if p.TextURL != "" {
		b.WriteString("\nTekst: " + p.TextURL)
	}
	return b.String()
}

// subject is prefix and title, cut to the engine's limit on a character
// boundary.
func subject(prefix, title string) string {
	out := prefix + title
	for len(out) > comply.MaxSubject {
		r := []rune(out)
		out = string(r[:len(r)-1])
	}
	return out
}

// Conflict is a public value in conflict as an organisation names it.
type Conflict struct {
	Principle string
	Grounds   string
}

// DeliverInput is an organisation's assessment.
type DeliverInput struct {
	Verdict      schakel.Verdict
	CostOnce     int64 // euro cents
	CostYearly   int64 // euro cents
	FTEOnce      int64 // tenths
	FTEYearly    int64 // tenths
	BorneBy      string
	Effects      []schakel.Effect
	Conflicts    []Conflict
	Conditions   []string
	Start        calendar.Date
	Alternatives []string
	Dilemmas     []string
	Problems     []schakel.FieldError
}

// Deliver records an organisation's assessment, answering its request,
// and asks the minister to answer every item of it. For the board of the
// organisation asked. Returns ECONFLICT when it is not owed (any more)
// and EINVALID naming every invalid field.
func (s *Service) Deliver(ctx context.Context, u *schakel.User, assessmentID int64, in DeliverInput) (*schakel.Assessment, error) {
	a, r, err := s.owed(ctx, u, assessmentID)
	if err != nil {
		return nil, err
	}
	var v schakel.Validation
	v.Given(in.Problems)
	if err := s.checkAssessment(ctx, &v, in, a); err != nil {
		return nil, err
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	p, err := s.store.Proposal(ctx, a.ProposalID)
	if err != nil {
		return nil, err
	}
	now := s.Clock.Now()
	actor := schakel.Party{Kind: schakel.PartyUser, UserID: u.ID, OrganisationID: a.OrganisationID}
	n, ev, err := requests.Step(nil, func() (*schakel.Request, *schakel.Event, error) {
		return s.Requests.Engine.Answer(r, actor, comply.AnswerInput{Kind: schakel.Comply, Changes: assessmentText(a), ByWhen: a.Start}, now)
	})
	if err != nil {
		return nil, renameStart(err)
	}
	opened, err := s.answerRequest(ctx, p, a, u)
	if err != nil {
		return nil, err
	}
	a.State, a.DeliveredBy, a.DeliveredAt = schakel.AssessmentDelivered, u.ID, now
	if err := s.store.DeliverAssessment(ctx, a, schakel.RequestUpdate{PrevVersion: r.Version, Request: n, Event: ev}, *opened); err != nil {
		return nil, err
	}
	return s.store.Assessment(ctx, a.ID)
}

// owed loads an assessment that u's organisation owes, with its request.
func (s *Service) owed(ctx context.Context, u *schakel.User, id int64) (*schakel.Assessment, *schakel.Request, error) {
	if u == nil {
		return nil, nil, schakel.Errorf(schakel.EUNAUTHORIZED, "Log in om een uitvoeringstoets uit te brengen.")
	}
	a, err := s.store.Assessment(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	if authz.Can(u, authz.AssessProposal, a.OrganisationID) != nil {
		return nil, nil, schakel.Errorf(schakel.EFORBIDDEN, "Alleen het bestuur van de gevraagde organisatie brengt de toets uit.")
	}
	r, err := s.store.Request(ctx, a.RequestID)
	if err != nil {
		return nil, nil, err
	}
	if a.State == schakel.AssessmentRequested && r.MissedAtTop {
		// The term was missed and the miss is public: the proposal may go
		// on without this assessment, so it is no longer owed.
		if err := s.store.MissAssessment(ctx, a.ID); err != nil {
			return nil, nil, err
		}
		a.State = schakel.AssessmentMissed
	}
	if a.State != schakel.AssessmentRequested || !r.State.AwaitsAnswer() {
		return nil, nil, schakel.Errorf(schakel.ECONFLICT, "Deze uitvoeringstoets is niet (meer) verschuldigd: %s.", a.State)
	}
	return a, r, nil
}

// renameStart names the engine's finding about the comply's date as the
// assessment's feasible start.
func renameStart(err error) error {
	e, ok := err.(*schakel.Error)
	if !ok || e.Code != schakel.EINVALID {
		return err
	}
	var v schakel.Validation
	for _, f := range e.Fields {
		if f.Field == "uiterlijk" {
			f.Field = "start"
		}
		v.Add(f.Field, f.Code, f.Format, f.Args...)
	}
	return v.Err()
}

// checkAssessment validates in into a.
func (s *Service) checkAssessment(ctx context.Context, v *schakel.Validation, in DeliverInput, a *schakel.Assessment) error {
	if !in.Verdict.Valid() {
		v.Add("oordeel", "enum", "Kies een van: uitvoerbaar, uitvoerbaar-onder-voorwaarden, niet-uitvoerbaar.")
	}
	a.Verdict = in.Verdict
	for _, n := range []struct {
		field string
		value int64
		max   int64
	}{{"kosten.eenmaligCenten", in.CostOnce, MaxCents}, {"kosten.structureelCenten", in.CostYearly, MaxCents},
		{"kosten.fteEenmalig", in.FTEOnce, MaxFTE}, {"kosten.fteStructureel", in.FTEYearly, MaxFTE}} {
		switch {
		case n.value < 0:
			v.Add(n.field, "negative", "Dit getal is niet negatief.")
		case n.value > n.max:
			v.Add(n.field, "too_large", "Dit getal is te groot om waar te zijn.")
		}
	}
	a.CostOnce, a.CostYearly, a.FTEOnce, a.FTEYearly = in.CostOnce, in.CostYearly, in.FTEOnce, in.FTEYearly
	a.BorneBy = v.Text("kosten.drager", in.BorneBy, MaxShort, in.CostOnce > 0 || in.CostYearly > 0 || in.FTEOnce > 0 || in.FTEYearly > 0)
	a.Effects = checkEffects(v, in.Effects)
	a.Conditions = texts(v, "voorwaarden", in.Conditions, MaxText)
	if in.Verdict == schakel.VerdictConditional && len(in.Conditions) == 0 {
		v.Add("voorwaarden", "required", "Noem de voorwaarden waaronder het uitvoerbaar is, elk apart.")
	}
	if len(in.Conditions) <= MaxItems && len(in.Conflicts) <= MaxItems && len(in.Conditions)+len(in.Conflicts) > comply.MaxGrounds-1 {
		v.Add("voorwaarden", "too_many", "Voorwaarden en waarden samen: hoogstens %d, zodat de minister elk punt apart kan beantwoorden.", comply.MaxGrounds-1)
	}
	a.Alternatives = texts(v, "alternatieven", in.Alternatives, MaxText)
	a.Dilemmas = texts(v, "dilemmas", in.Dilemmas, MaxText)
	if in.Verdict == schakel.VerdictNot && len(in.Alternatives)+len(in.Dilemmas) == 0 {
		v.Add("alternatieven", "required", "Zeg bij 'niet uitvoerbaar' welke alternatieven of dilemma's er zijn.")
	}
	if in.Start.IsZero() {
		v.Add("start", "required", "Geef de datum waarop de uitvoering op zijn vroegst kan beginnen.")
	}
	a.Start = in.Start
	var err error
	a.Conflicts, err = s.conflicts(ctx, v, in.Conflicts)
	return err
}

// checkEffects validates the effects on citizens.
func checkEffects(v *schakel.Validation, in []schakel.Effect) []schakel.Effect {
	if len(in) > MaxItems {
		v.Add("effecten", "too_many", "Noem hoogstens %d effecten.", MaxItems)
		return nil
	}
	out := make([]schakel.Effect, 0, len(in))
	for i, e := range in {
		f := fmt.Sprintf("effecten[%d]", i)
		e.Group = v.Text(f+".groep", e.Group, MaxShort, true)
		e.Text = v.Text(f+".toelichting", e.Text, MaxText, true)
		if e.Citizens < 0 || e.Citizens > MaxPeople {
			v.Add(f+".burgers", "range", "Gebruik een aantal van 0 tot %d.", MaxPeople)
		}
		out = append(out, e)
	}
	return out
}

// conflicts checks the values in conflict: each a principle of the
// catalogue, once, with grounds.
func (s *Service) conflicts(ctx context.Context, v *schakel.Validation, in []Conflict) ([]schakel.Ground, error) {
	if len(in) > MaxItems {
		v.Add("conflicten", "too_many", "Noem hoogstens %d waarden.", MaxItems)
		return nil, nil
	}
	grounds := make([]schakel.Ground, len(in))
	for i, c := range in {
		grounds[i] = schakel.Ground{Principle: c.Principle, Text: c.Grounds}
	}
	return s.Requests.CheckGrounds(ctx, v, "conflicten", grounds, MaxText)
}

// assessmentText is the assessment as the text of the comply that answers
// its request: its verdict, costs and start, how many items of each kind
// it holds, and the SHA-256 of the whole, so the public record commits to
// all of it while the text stays within the engine's limit however long
// the assessment is.
func assessmentText(a *schakel.Assessment) string {
	return fmt.Sprintf("Oordeel: %s.\nKosten: eenmalig %d cent en %d tiende fte, structureel %d cent en %d tiende fte per jaar, te dragen door %s.\nStart op zijn vroegst: %s.\n"+
		"%d voorwaarden, %d waarden in het geding, %d effecten, %d alternatieven, %d dilemma's.\nSHA-256 van de toets: %s",
		a.Verdict, a.CostOnce, a.FTEOnce, a.CostYearly, a.FTEYearly, or(a.BorneBy, "-"), a.Start.Dutch(),
		len(a.Conditions), len(a.Conflicts), len(a.Effects), len(a.Alternatives), len(a.Dilemmas), digestOf(a))
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// answerRequest is the request for the minister's answer to a: from the
// organisation to the ministry's minister, then parliament, every item a
// ground.
func (s *Service) answerRequest(ctx context.Context, p *schakel.Proposal, a *schakel.Assessment, u *schakel.User) (*schakel.RequestCreation, error) {
	ladder := []schakel.Addressee{{OrganisationID: p.MinistryID, Role: schakel.RoleMinister}}
	parl, _, err := s.store.Organisations(ctx, schakel.OrganisationFilter{Type: schakel.OrgParliament, Limit: 1})
	if err != nil {
		return nil, err
	}
	if len(parl) > 0 {
		ladder = append(ladder, schakel.Addressee{OrganisationID: parl[0].ID, Role: schakel.RoleParliament})
	}
	var b strings.Builder
	b.WriteString("Beantwoord elk punt van de uitvoeringstoets: aanvaard (en hoe erin is voorzien) of niet aanvaard (en waarom niet).")
	for _, it := range a.Items() {
		fmt.Fprintf(&b, "\n%s (SHA-256 %s)", it.Principle, digestOf(it.Text))
	}
	req := comply.NewRequest{Type: schakel.TypeAssessmentAnswer, Subject: subject("Reactie op uitvoeringstoets: ", p.Title),
		Body: b.String(), Grounds: []schakel.Ground{answerGround},
		Requester: schakel.Party{Kind: schakel.PartyOrganisation, UserID: u.ID, OrganisationID: a.OrganisationID}}
	r, ev, err := s.Requests.Engine.New(req, ladder, func(string) bool { return true }, s.Clock.Now())
	if err != nil {
		return nil, fmt.Errorf("assessments: the answer request of assessment %d: %w", a.ID, err)
	}
	return &schakel.RequestCreation{Request: r, Event: ev}, nil
}
