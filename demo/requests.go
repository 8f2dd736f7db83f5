package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/auth"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/comply"
)

// RequestStore is what the demo's requests need of the store.
type RequestStore interface {
	Store
	schakel.RequestStore
}

// step is one thing that happens to a demo request, days before now.
type step struct {
	daysAgo int
	do      func(e *comply.Engine, r *schakel.Request, at time.Time) (*schakel.Request, *schakel.Event, error)
}

type demoRequest struct {
	by        string // demo user subject
	onBehalf  string // organisation code, or ""
	typ       schakel.RequestType
	to        string // addressee organisation code
	role      schakel.Role
	subject   string
	body      string
	grounds   []schakel.Ground
	urgent    bool
	daysAgo   int
	steps     []step
	sweepDays []int // days ago at which the sweep ran
}

// BuildRequests adds requests for account in every state, made and moved in
// the past as people would have, so the demo shows inboxes, timelines, an
// escalation after a missed deadline and a contested explain. It does
// nothing when requests exist already.
func BuildRequests(ctx context.Context, s RequestStore, e *comply.Engine, now time.Time) (bool, error) {
	if _, n, err := s.Requests(ctx, schakel.RequestFilter{Limit: 1}); err != nil || n > 0 {
		return false, err
	}
	users, _, err := s.Users(ctx, schakel.UserFilter{Issuer: auth.DemoIssuer, Limit: 500})
	if err != nil {
		return false, err
	}
	user := map[string]*schakel.User{}
	for _, u := range users {
		user[u.Subject] = u
	}
	orgs, _, err := s.Organisations(ctx, schakel.OrganisationFilter{Limit: 500})
	if err != nil {
		return false, err
	}
	org := map[string]*schakel.Organisation{}
	var parliament int64
	for _, o := range orgs {
		org[o.Code] = o
		if o.Type == schakel.OrgParliament {
			parliament = o.ID
		}
	}
	actor := func(subject string) schakel.Party {
		return schakel.Party{Kind: schakel.PartyUser, UserID: user[subject].ID}
	}
	w := &requestWorld{ctx: ctx, st: s, e: e, now: now, user: user, org: org, parliament: parliament}
	for _, d := range demoRequests(actor) {
		if err := w.build(d); err != nil {
			return false, err
		}
	}
	return true, nil
}

func demoRequests(actor func(string) schakel.Party) []demoRequest {
	ack := func(who string) func(*comply.Engine, *schakel.Request, time.Time) (*schakel.Request, *schakel.Event, error) {
		return func(e *comply.Engine, r *schakel.Request, at time.Time) (*schakel.Request, *schakel.Event, error) {
			return e.Acknowledge(r, actor(who), at)
		}
	}
	explain := func(who string, why map[string]string) func(*comply.Engine, *schakel.Request, time.Time) (*schakel.Request, *schakel.Event, error) {
		return func(e *comply.Engine, r *schakel.Request, at time.Time) (*schakel.Request, *schakel.Event, error) {
			return e.Answer(r, actor(who), comply.AnswerInput{Kind: schakel.Explain, Motivations: why}, at)
		}
	}
	complies := func(who, what string, days int) func(*comply.Engine, *schakel.Request, time.Time) (*schakel.Request, *schakel.Event, error) {
		return func(e *comply.Engine, r *schakel.Request, at time.Time) (*schakel.Request, *schakel.Event, error) {
			by := calendar.DateFromTime(at.Add(time.Duration(days) * 24 * time.Hour))
			return e.Answer(r, actor(who), comply.AnswerInput{Kind: schakel.Comply, Changes: what, ByWhen: by}, at)
		}
	}
	partly := func(who, what string, days int, why map[string]string) func(*comply.Engine, *schakel.Request, time.Time) (*schakel.Request, *schakel.Event, error) {
		return func(e *comply.Engine, r *schakel.Request, at time.Time) (*schakel.Request, *schakel.Event, error) {
			by := calendar.DateFromTime(at.Add(time.Duration(days) * 24 * time.Hour))
			return e.Answer(r, actor(who), comply.AnswerInput{Kind: schakel.Partial, Changes: what, ByWhen: by, Motivations: why}, at)
		}
	}
	contest := func(who, why string) func(*comply.Engine, *schakel.Request, time.Time) (*schakel.Request, *schakel.Event, error) {
		return func(e *comply.Engine, r *schakel.Request, at time.Time) (*schakel.Request, *schakel.Event, error) {
			return e.Contest(r, actor(who), why, at)
		}
	}
	closeBy := func(who string) func(*comply.Engine, *schakel.Request, time.Time) (*schakel.Request, *schakel.Event, error) {
		return func(e *comply.Engine, r *schakel.Request, at time.Time) (*schakel.Request, *schakel.Event, error) {
			return e.Close(r, actor(who), "Dank, zo is het opgelost.", at)
		}
	}
	extend := func(who, why string) func(*comply.Engine, *schakel.Request, time.Time) (*schakel.Request, *schakel.Event, error) {
		return func(e *comply.Engine, r *schakel.Request, at time.Time) (*schakel.Request, *schakel.Event, error) {
			return e.Extend(r, actor(who), calendar.Term{N: 2, Unit: calendar.Weeks}, why, at)
		}
	}
	withdraw := func(who, why string) func(*comply.Engine, *schakel.Request, time.Time) (*schakel.Request, *schakel.Event, error) {
		return func(e *comply.Engine, r *schakel.Request, at time.Time) (*schakel.Request, *schakel.Event, error) {
			return e.Withdraw(r, actor(who), why, at)
		}
	}
	return []demoRequest{
		{
			by: "uwv-professional", typ: schakel.TypeProfessionalBrake, to: "uwv", daysAgo: 2,
			subject: "Stop de terugvordering van WIA-voorschotten bij mensen zonder buffer",
			body:    "Klanten die een voorschot kregen omdat hun WIA-beslissing te laat kwam, moeten dat nu in één keer terugbetalen. Wie geen buffer heeft, raakt in de schulden door onze eigen vertraging.",
			grounds: []schakel.Ground{
				{Principle: "evenredigheid", Text: "De gevolgen van de terugvordering staan niet in verhouding tot het doel: de vertraging lag bij UWV."},
				{Principle: "zorgvuldigheid", Text: "Bij de beslissing is niet gekeken naar de financiële situatie van de klant."},
			},
		},
		{
			by: "politie-professional", typ: schakel.TypeProfessionalBrake, to: "politie", daysAgo: 6,
			subject: "Aangifte alleen digitaal sluit ouderen uit",
			body:    "Ouderen zonder computer of DigiD kunnen van een oplichting geen aangifte meer doen op het bureau; ze worden naar de website verwezen en haken af.",
			grounds: []schakel.Ground{
				{Principle: "gelijkheid", Text: "Wie niet digitaal kan, heeft in feite geen toegang tot aangifte."},
				{Principle: "responsiviteit", Text: "We zien het probleem aan de balie elke week, maar het komt nergens terecht."},
			},
			steps: []step{{daysAgo: 4, do: ack("politie-coordinator")}},
		},
		{
			by: "uwv-professional", typ: schakel.TypeProfessionalBrake, to: "uwv", daysAgo: 30,
			subject: "Kwijtschelding WIA-voorschot bij dezelfde feiten als eerder besloten",
			body:    "In een eerdere zaak schold de maatwerkplaats het voorschot kwijt. Nu krijg ik bij dezelfde feiten te horen dat het niet kan.",
			grounds: []schakel.Ground{{Principle: "gelijkheid", Text: "Gelijke gevallen worden ongelijk behandeld."}},
			steps: []step{
				{daysAgo: 28, do: ack("uwv-coordinator")},
				{daysAgo: 20, do: explain("uwv-coordinator", map[string]string{"gelijkheid": "De eerdere zaak had een hardheidsclausule-grond die hier ontbreekt; de feiten verschillen op het inkomen."})},
				{daysAgo: 18, do: contest("uwv-professional", "Het inkomen is in beide zaken onder het sociaal minimum; het verschil is er niet.")},
				{daysAgo: 16, do: ack("uwv-bestuur")},
			},
		},
		{
			by: "eindhoven-coordinator", typ: schakel.TypeGeneral, to: "min-szw", daysAgo: 60,
			subject:   "Bouwdepot voor jongeren botst met de kostendelersnorm in de Participatiewet",
			body:      "Jongeren die via het Bouwdepot zelfstandig gaan wonen, verliezen bijstand door de kostendelersnorm zodra ze tijdelijk bij familie inwonen.",
			grounds:   []schakel.Ground{{Principle: "rechtsstaat-abbb", Text: "De wet werkt hier anders uit dan de wetgever bedoelde."}},
			sweepDays: []int{15},
		},
		{
			by: "svb-professional", typ: schakel.TypeGeneral, to: "svb", daysAgo: 40,
			subject: "Brieven over de AOW-toeslag zijn onbegrijpelijk",
			grounds: []schakel.Ground{{Principle: "motivering", Text: "Klanten begrijpen niet waarom hun toeslag stopt."}},
			steps: []step{
				{daysAgo: 30, do: complies("svb-professional", "We herschrijven de brief op B1-niveau met een voorbeeldberekening.", 30)},
				{daysAgo: 25, do: closeBy("svb-professional")},
			},
		},
		{
			by: "eindhoven-professional", typ: schakel.TypeObjection, to: "gemeente-eindhoven", daysAgo: 20,
			subject: "Bezwaar tegen terugvordering bijstand na inwoning bij moeder",
			grounds: []schakel.Ground{{Principle: "evenredigheid", Text: "De terugvordering is hoger dan wat de klant in een jaar kan missen."}},
			steps: []step{
				{daysAgo: 10, do: extend("eindhoven-coordinator", "We wachten op informatie van de Belastingdienst over het inkomen.")},
				// Comply in part: a payment plan, but the debt stands.
				{daysAgo: 3, do: partly("eindhoven-coordinator", "We zetten de terugvordering om in een betalingsregeling die past bij wat de klant kan missen, zonder rente of kosten.", 14,
					map[string]string{"evenredigheid": "We schelden de schuld niet kwijt: de bijstand is te veel betaald en de wet verplicht ons die terug te vorderen. " +
						"De regeling zorgt dat de klant altijd genoeg overhoudt om van te leven."})},
			},
		},
		{
			by: "uwv-bestuur", onBehalf: "uwv", typ: schakel.TypeKnelpunt, to: "min-szw", daysAgo: 25,
			subject: "Knelpunt: vaste terugvorderingsregel WIA-voorschotten",
			grounds: []schakel.Ground{{Principle: "evenredigheid", Text: "De regel dwingt volledige terugvordering ook waar dat onevenredig is."}},
			steps:   []step{{daysAgo: 5, do: explain("szw-beleid", map[string]string{"evenredigheid": "Een wetswijziging is in voorbereiding; tot dan geldt de huidige regel, met de hardheidsclausule als uitweg."})}},
		},
		{
			by: "kamerlid", typ: schakel.TypeGeneral, to: "min-jenv", daysAgo: 12,
			subject: "Hoe vaak wordt een aangifte op het bureau geweigerd?",
			grounds: []schakel.Ground{{Principle: "responsiviteit", Text: "De Kamer wil weten of de digitale route mensen buitensluit."}},
			steps:   []step{{daysAgo: 3, do: withdraw("kamerlid", "De vraag is inmiddels in het commissiedebat beantwoord.")}},
		},
	}
}

// requestWorld is what the demo's requests are made in.
type requestWorld struct {
	ctx        context.Context
	st         RequestStore
	e          *comply.Engine
	now        time.Time
	user       map[string]*schakel.User
	org        map[string]*schakel.Organisation
	parliament int64
}

// at is the moment days ago.
func (w *requestWorld) at(days int) time.Time {
	return w.now.Add(-time.Duration(days) * 24 * time.Hour)
}

// build makes one demo request and moves it through its steps, with the
// sweep running at its days in between.
func (w *requestWorld) build(d demoRequest) error {
	to, by := w.org[d.to], w.user[d.by]
	if to == nil || by == nil {
		return fmt.Errorf("demo: request %q: unknown organisation or user", d.subject)
	}
	li := comply.LadderInput{Type: d.typ, Addressee: schakel.Addressee{OrganisationID: to.ID, Role: d.role}, AddresseeType: to.Type, Parliament: w.parliament}
	if len(to.PrincipalIDs) > 0 {
		li.Principal = to.PrincipalIDs[0]
	}
	ladder, err := comply.Ladder(li)
	if err != nil {
		return fmt.Errorf("demo: ladder of %q: %w", d.subject, err)
	}
	requester := schakel.Party{Kind: schakel.PartyUser, UserID: by.ID}
	if d.onBehalf != "" {
		requester = schakel.Party{Kind: schakel.PartyOrganisation, UserID: by.ID, OrganisationID: w.org[d.onBehalf].ID}
	}
	r, ev, err := w.e.New(comply.NewRequest{Type: d.typ, Subject: d.subject, Body: d.body, Grounds: d.grounds, Urgent: d.urgent, Requester: requester}, ladder, nil, w.at(d.daysAgo))
	if err != nil {
		return fmt.Errorf("demo: request %q: %w", d.subject, err)
	}
	if err := w.st.CreateRequest(w.ctx, r, ev); err != nil {
		return fmt.Errorf("demo: request %q: %w", d.subject, err)
	}
	si := 0
	for _, st := range d.steps {
		for si < len(d.sweepDays) && d.sweepDays[si] > st.daysAgo {
			if r, err = w.sweep(r, d.sweepDays[si]); err != nil {
				return fmt.Errorf("demo: sweep of %q: %w", d.subject, err)
			}
			si++
		}
		n, ev, err := st.do(w.e, r, w.at(st.daysAgo))
		if err == nil {
			err = w.st.UpdateRequest(w.ctx, r.Version, n, ev)
		}
		if err != nil {
			return fmt.Errorf("demo: step of %q: %w", d.subject, err)
		}
		r = n
	}
	for ; si < len(d.sweepDays); si++ {
		if r, err = w.sweep(r, d.sweepDays[si]); err != nil {
			return fmt.Errorf("demo: sweep of %q: %w", d.subject, err)
		}
	}
	return nil
}

// sweep runs the escalation sweep on r as it would have run days ago,
// until it has nothing more to do, and returns r as it then stands.
func (w *requestWorld) sweep(r *schakel.Request, days int) (*schakel.Request, error) {
	for {
		n, ev, err := w.e.Sweep(r, w.at(days))
		if err != nil || n == nil {
			return r, err
		}
		if err := w.st.UpdateRequest(w.ctx, r.Version, n, ev); err != nil {
			return r, err
		}
		r = n
	}
}
