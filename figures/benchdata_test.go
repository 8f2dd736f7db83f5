package figures_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/store"
	"github.com/schakel-nl/schakel/store/storetest"
)

// The data of the parliament benchmark: a year (2026) of requests for
// account over five ministries, each followed by a standing committee, and
// ten executing organisations serving six societal tasks. Requests are
// written directly in SQL, in multi-row INSERTs inside large transactions:
// a hundred thousand requests through the services would measure the
// loading, not the view. Every request's row is the cache of its own
// generated events (first_org_id, answered_at, answer_kind, missed_count,
// rung, state and deadlines agree with them), so the figures the view
// computes are those of a real history.

// benchYearStart starts the year the requests are made in; benchNow is
// when the benchmark reads the view, just after the year ended.
var (
	benchYearStart = time.Date(2026, 1, 1, 0, 0, 0, 0, calendar.Location())
	benchNow       = time.Date(2027, 1, 4, 9, 0, 0, 0, time.UTC)
)

// benchMinistries and benchExecutives are the organisations of the
// generated world. weight is an executing organisation's share of the
// requests in tenths of a percent.
var benchMinistries = []struct{ code, name, committee string }{
	{"min-szw", "Ministerie van Sociale Zaken en Werkgelegenheid", "Sociale Zaken en Werkgelegenheid"},
	{"min-jenv", "Ministerie van Justitie en Veiligheid", "Justitie en Veiligheid"},
	{"min-fin", "Ministerie van Financiën", "Financiën"},
	{"min-ocw", "Ministerie van Onderwijs, Cultuur en Wetenschap", "Onderwijs, Cultuur en Wetenschap"},
	{"min-vws", "Ministerie van Volksgezondheid, Welzijn en Sport", "Volksgezondheid, Welzijn en Sport"},
}

var benchExecutives = []struct {
	code, name, ministry, task string
	typ                        schakel.OrgType
	weight                     int
}{
	{"uwv", "UWV", "min-szw", "Bestaanszekerheid", schakel.OrgExecutive, 220},
	{"svb", "SVB", "min-szw", "Bestaanszekerheid", schakel.OrgExecutive, 120},
	{"gemeente-utrecht", "Gemeente Utrecht", "min-szw", "Bestaanszekerheid", schakel.OrgMunicipality, 80},
	{"ind", "IND", "min-jenv", "Migratie", schakel.OrgExecutive, 90},
	{"cjib", "CJIB", "min-jenv", "Rechtshandhaving", schakel.OrgExecutive, 60},
	{"belastingdienst", "Belastingdienst", "min-fin", "Belastingen", schakel.OrgExecutive, 160},
	{"toeslagen", "Dienst Toeslagen", "min-fin", "Bestaanszekerheid", schakel.OrgExecutive, 110},
	{"duo", "DUO", "min-ocw", "Onderwijs", schakel.OrgExecutive, 80},
	{"cak", "CAK", "min-vws", "Zorg", schakel.OrgExecutive, 50},
	{"zorginstituut", "Zorginstituut Nederland", "min-vws", "Zorg", schakel.OrgExecutive, 30},
}

// benchTypes is the mix of request types, in percent; the organisations'
// brakes (returned assignments) come on top, a few per organisation.
var benchTypes = []struct {
	t       schakel.RequestType
	percent int
}{
	{schakel.TypeGeneral, 18}, {schakel.TypeObjection, 25}, {schakel.TypeComplaint, 15}, {schakel.TypeCitizenBrake, 12},
	{schakel.TypeProfessionalBrake, 8}, {schakel.TypeKnelpunt, 10}, {schakel.TypeAssessment, 6}, {schakel.TypeAssessmentAnswer, 6},
}

// returnedPerOrganisation is how many assignments each executing
// organisation returned to its ministry in the year.
const returnedPerOrganisation = 3

var benchPrinciples = []string{"evenredigheid", "zorgvuldigheid", "motivering", "gelijkheid", "rechtszekerheid"}

var benchLawIDs = func() []string {
	var out []string
	for i := range 30 {
		out = append(out, fmt.Sprintf("BWBR%07d", 19057+i*731))
	}
	return out
}()

// benchWorld is the generated world's organisations and users.
type benchWorld struct {
	ministries map[string]*schakel.Organisation
	execs      []*schakel.Organisation
	ministryOf map[int64]*schakel.Organisation
	citizen    *schakel.User
	profs      map[int64]*schakel.User
	policy     map[int64]*schakel.User
}

// benchLoader writes rows in multi-row INSERTs, committing every
// commitEvery rows.
type benchLoader struct {
	tb     testing.TB
	st     *store.Store
	tx     *sql.Tx
	rows   int
	stmts  map[string]string
	pg     bool
	events int
}

const commitEvery = 100_000

func (l *benchLoader) must(err error) {
	l.tb.Helper()
	if err != nil {
		l.tb.Fatal(err)
	}
}

// insert writes rows (each of len(cols) values) into table in statements
// of at most 500 rows.
func (l *benchLoader) insert(table string, cols []string, rows [][]any) {
	for len(rows) > 0 {
		n := min(len(rows), 500)
		l.insertOnce(table, cols, rows[:n])
		rows = rows[n:]
	}
}

func (l *benchLoader) insertOnce(table string, cols []string, rows [][]any) {
	ctx := context.Background()
	key := table + "/" + strconv.Itoa(len(rows))
	q, ok := l.stmts[key]
	if !ok {
		var b strings.Builder
		b.WriteString("INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES ")
		k := 0
		for i := range rows {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteByte('(')
			for j := range cols {
				if j > 0 {
					b.WriteString(", ")
				}
				k++
				if l.pg {
					b.WriteString("$" + strconv.Itoa(k))
				} else {
					b.WriteByte('?')
				}
			}
			b.WriteByte(')')
		}
		q = b.String()
		l.stmts[key] = q
	}
	args := make([]any, 0, len(rows)*len(cols))
	for _, r := range rows {
		args = append(args, r...)
	}
	if l.tx == nil {
		tx, err := l.st.DB().BeginTx(ctx, nil)
		l.must(err)
		l.tx = tx
	}
	_, err := l.tx.ExecContext(ctx, q, args...)
	l.must(err)
	l.rows += len(rows)
	if l.rows >= commitEvery {
		l.commit()
	}
}

func (l *benchLoader) commit() {
	if l.tx != nil {
		l.must(l.tx.Commit())
		l.tx, l.rows = nil, 0
	}
}

func (l *benchLoader) exec(q string, args ...any) {
	l.commit()
	_, err := l.st.DB().ExecContext(context.Background(), q, args...)
	l.must(err)
}

// newBenchWorld creates the organisations and the few users the requests
// name.
func newBenchWorld(tb testing.TB, st *store.Store) *benchWorld {
	ctx := context.Background()
	if _, err := st.SeedPrinciples(ctx, schakel.DefaultPrinciples()); err != nil {
		tb.Fatal(err)
	}
	w := &benchWorld{ministries: map[string]*schakel.Organisation{}, ministryOf: map[int64]*schakel.Organisation{},
		profs: map[int64]*schakel.User{}, policy: map[int64]*schakel.User{}}
	create := func(o *schakel.Organisation) *schakel.Organisation {
		if err := st.CreateOrganisation(ctx, o); err != nil {
			tb.Fatalf("organisation %s: %v", o.Code, err)
		}
		return o
	}
	for _, m := range benchMinistries {
		o := create(&schakel.Organisation{Code: m.code, Name: m.name, Type: schakel.OrgMinistry, Committee: m.committee})
		w.ministries[m.code] = o
		w.policy[o.ID] = storetest.MustUser(tb, st, m.code+"-beleid", schakel.Membership{OrganisationID: o.ID, Role: schakel.RolePolicy})
	}
	for _, e := range benchExecutives {
		m := w.ministries[e.ministry]
		o := create(&schakel.Organisation{Code: e.code, Name: e.name, Type: e.typ, PrincipalIDs: []int64{m.ID}, Task: e.task})
		w.execs = append(w.execs, o)
		w.ministryOf[o.ID] = m
		w.profs[o.ID] = storetest.MustUser(tb, st, e.code+"-prof", schakel.Membership{OrganisationID: o.ID, Role: schakel.RoleProfessional})
	}
	create(&schakel.Organisation{Code: "tweede-kamer", Name: "Tweede Kamer", Type: schakel.OrgParliament})
	w.citizen = storetest.MustUser(tb, st, "burger")
	return w
}

// benchEvent is one generated event.
type benchEvent struct {
	typ   schakel.EventType
	at    time.Time
	state schakel.RequestState
	rung  int
	actor schakel.PartyKind
	org   int64
	data  schakel.EventData
}

// benchRequest is one generated request and its history.
type benchRequest struct {
	id        int64
	typ       schakel.RequestType
	requester schakel.Party
	ladder    []schakel.Addressee
	created   time.Time
	events    []benchEvent
	// the row, derived from the events
	state       schakel.RequestState
	rung        int
	answer      schakel.AnswerKind
	answeredAt  time.Time
	due         calendar.Date
	deadline    time.Time
	missed      int
	missedAtTop bool
	// answeredLate stays false: every late answer generated here follows a
	// recorded miss (the sweep's), which the view counts as late already.
	answeredLate bool
	contested    bool
}

// place returns the executing organisation a new request is about, by the
// organisations' weights.
func (w *benchWorld) place(r *rand.Rand) *schakel.Organisation {
	n := r.IntN(1000)
	for i, e := range benchExecutives {
		if n < e.weight {
			return w.execs[i]
		}
		n -= e.weight
	}
	return w.execs[0]
}

// shape fills a new request's type, requester and ladder.
func (w *benchWorld) shape(q *benchRequest, typ schakel.RequestType, e *schakel.Organisation) {
	m := w.ministryOf[e.ID]
	coord := schakel.Addressee{OrganisationID: e.ID, Role: schakel.RoleCoordinator}
	board := schakel.Addressee{OrganisationID: e.ID, Role: schakel.RoleBoard}
	pol := schakel.Addressee{OrganisationID: m.ID, Role: schakel.RolePolicy}
	minister := schakel.Addressee{OrganisationID: m.ID, Role: schakel.RoleMinister}
	citizen := schakel.Party{Kind: schakel.PartyUser, UserID: w.citizen.ID}
	org := func(o *schakel.Organisation) schakel.Party {
		return schakel.Party{Kind: schakel.PartyOrganisation, UserID: w.profs[o.ID].ID, OrganisationID: o.ID}
	}
	q.typ = typ
	switch typ {
	case schakel.TypeGeneral:
		q.requester, q.ladder = citizen, []schakel.Addressee{coord, board, pol, minister}
	case schakel.TypeObjection, schakel.TypeComplaint:
		q.requester, q.ladder = citizen, []schakel.Addressee{coord, board}
	case schakel.TypeCitizenBrake:
		q.requester, q.ladder = schakel.Party{Kind: schakel.PartyAnonymous}, []schakel.Addressee{coord, board, pol}
	case schakel.TypeProfessionalBrake:
		q.requester, q.ladder = schakel.Party{Kind: schakel.PartyUser, UserID: w.profs[e.ID].ID}, []schakel.Addressee{board, pol, minister}
	case schakel.TypeOrganisationBrake, schakel.TypeKnelpunt:
		q.requester, q.ladder = org(e), []schakel.Addressee{pol, minister}
	case schakel.TypeAssessment:
		q.requester = schakel.Party{Kind: schakel.PartyOrganisation, UserID: w.policy[m.ID].ID, OrganisationID: m.ID}
		q.ladder = []schakel.Addressee{board}
	case schakel.TypeAssessmentAnswer:
		q.requester, q.ladder = org(e), []schakel.Addressee{minister}
	}
}

// termDays is the answer term of a request type in days.
func termDays(t schakel.RequestType) int {
	switch t {
	case schakel.TypeAssessment:
		return 56
	case schakel.TypeAssessmentAnswer:
		return 28
	}
	return 42
}

// escalationDays is the term of a rung reached by escalation.
const escalationDays = 14

// deadlineAfter returns the due day and deadline of a term of days from t.
func deadlineAfter(t time.Time, days int) (calendar.Date, time.Time) {
	due := calendar.DateFromTime(t.In(calendar.Location())).AddDays(days)
	return due, calendar.StartOf(due.AddDays(1)).UTC()
}

// at is a working-hours instant d days (and a random part of a day) after t.
func at(r *rand.Rand, t time.Time, d int) time.Time {
	return t.Add(time.Duration(d)*24*time.Hour + time.Duration(r.IntN(8*3600))*time.Second)
}

// history generates q's events from its creation to benchNow and derives
// its row from them. The outcomes: most requests are answered (comply or
// explain) within their term, some late after a missed deadline and an
// escalation, some contested and answered again a rung up, a few
// withdrawn, a few never answered (missing every rung's deadline); those
// made in the last weeks of the year are still open at benchNow.
func (q *benchRequest) history(r *rand.Rand) {
	term := termDays(q.typ)
	q.due, q.deadline = deadlineAfter(q.created, term)
	add := func(typ schakel.EventType, t time.Time, actor schakel.PartyKind, data schakel.EventData) bool {
		if !t.Before(benchNow) {
			return false
		}
		next := q.state
		switch typ {
		case schakel.EventCreated:
			next = schakel.StateOpen
		case schakel.EventAcknowledged:
			next = schakel.StateAcknowledged
		case schakel.EventAnswered:
			next = schakel.StateAnswered
			q.answer = data.Answer
			if q.answeredAt.IsZero() {
				q.answeredAt = t
			}
		case schakel.EventContested:
			q.contested = true
		case schakel.EventDeadlineMissed:
			q.missed++
			if q.rung == len(q.ladder)-1 {
				q.missedAtTop = true
			}
		case schakel.EventEscalated:
			q.rung++
			next = schakel.StateEscalated
			q.due, q.deadline = deadlineAfter(t, escalationDays)
		case schakel.EventWithdrawn:
			next = schakel.StateWithdrawn
		case schakel.EventClosed:
			next = schakel.StateClosed
		}
		q.state = next
		q.events = append(q.events, benchEvent{typ: typ, at: t, state: next, rung: q.rung, actor: actor, org: q.ladder[q.rung].OrganisationID, data: data})
		return true
	}
	answer := func(t time.Time) bool {
		d := schakel.EventData{Answer: schakel.Comply, Changes: "Het besluit wordt herzien."}
		if r.IntN(100) < 45 {
			d = schakel.EventData{Answer: schakel.Explain, Motivations: map[string]string{benchPrinciples[r.IntN(len(benchPrinciples))]: "De wet laat geen ruimte."}}
		} else {
			by := calendar.DateFromTime(t).AddDays(30)
			d.ByWhen = &by
		}
		return add(schakel.EventAnswered, t, schakel.PartyOrganisation, d)
	}
	miss := func() bool {
		t := q.deadline.Add(time.Minute)
		if !add(schakel.EventDeadlineMissed, t, schakel.PartySystem, schakel.EventData{Missed: "antwoord"}) {
			return false
		}
		if q.rung < len(q.ladder)-1 {
			return add(schakel.EventEscalated, t.Add(time.Second), schakel.PartySystem, schakel.EventData{Reason: "Termijn gemist."})
		}
		return true
	}
	add(schakel.EventCreated, q.created, q.requester.Kind, schakel.EventData{})
	if r.IntN(100) < 80 {
		add(schakel.EventAcknowledged, at(r, q.created, 1+r.IntN(4)), schakel.PartyOrganisation, schakel.EventData{})
	}
	fast := func() int { return min(term-1, 1+int(r.ExpFloat64()*float64(term)/4)) }
	switch u := r.IntN(100); {
	case u < 4: // withdrawn
		add(schakel.EventWithdrawn, at(r, q.created, 2+r.IntN(20)), q.requester.Kind, schakel.EventData{Reason: "Niet meer nodig."})
	case u < 7: // never answered: every rung's deadline missed
		for range q.ladder {
			if !miss() {
				break
			}
		}
	case u < 19: // answered a rung up after a missed deadline
		if miss() && q.rung > 0 {
			answer(at(r, q.events[len(q.events)-1].at, 1+r.IntN(escalationDays-1)))
		}
	case u < 27 && len(q.ladder) > 1: // answered, contested, answered again a rung up
		if answer(at(r, q.created, fast())) {
			t := at(r, q.events[len(q.events)-1].at, 1+r.IntN(10))
			if add(schakel.EventContested, t, q.requester.Kind, schakel.EventData{Reason: "Het antwoord gaat niet in op de beginselen."}) &&
				add(schakel.EventEscalated, t.Add(time.Second), schakel.PartySystem, schakel.EventData{Reason: "Betwist."}) {
				answer(at(r, t, 1+r.IntN(escalationDays-1)))
			}
		}
	default: // answered within the term
		answer(at(r, q.created, fast()))
	}
	if q.state == schakel.StateAnswered && r.IntN(2) == 0 {
		add(schakel.EventClosed, at(r, q.events[len(q.events)-1].at, 1+r.IntN(14)), q.requester.Kind, schakel.EventData{})
	}
	q.remind(r)
}

// remind adds reminders before the last event (or after the only one) so
// that the request has 6 to 14 events, 10 on average.
func (q *benchRequest) remind(r *rand.Rand) {
	k := 6 + r.IntN(9) - len(q.events)
	if k <= 0 {
		return
	}
	var prev, next benchEvent
	var tail []benchEvent
	if len(q.events) == 1 {
		prev = q.events[0]
		next = benchEvent{at: min64(prev.at.Add(time.Duration(termDays(q.typ))*24*time.Hour), benchNow)}
	} else {
		prev, next = q.events[len(q.events)-2], q.events[len(q.events)-1]
		tail = []benchEvent{next}
		q.events = q.events[:len(q.events)-1]
	}
	span := next.at.Sub(prev.at)
	for j := range k {
		t := prev.at.Add(span * time.Duration(j+1) / time.Duration(k+1))
		q.events = append(q.events, benchEvent{typ: schakel.EventReminder, at: t, state: prev.state, rung: prev.rung, actor: schakel.PartySystem, org: q.ladder[prev.rung].OrganisationID})
	}
	q.events = append(q.events, tail...)
}

func min64(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// generate makes n requests of the year (the returned assignments first)
// with their histories.
func (w *benchWorld) generate(n int) []*benchRequest {
	r := rand.New(rand.NewPCG(14, 2026))
	out := make([]*benchRequest, 0, n)
	for i := range n {
		q := &benchRequest{id: int64(i + 1)}
		e := w.place(r)
		typ := schakel.TypeGeneral
		if i < returnedPerOrganisation*len(w.execs) {
			e, typ = w.execs[i%len(w.execs)], schakel.TypeOrganisationBrake
		} else {
			p := r.IntN(100)
			for _, t := range benchTypes {
				if p < t.percent {
					typ = t.t
					break
				}
				p -= t.percent
			}
		}
		w.shape(q, typ, e)
		q.created = time.Date(2026, 1, 1+r.IntN(365), 8+r.IntN(9), r.IntN(60), r.IntN(60), 0, calendar.Location()).UTC()
		q.history(r)
		out = append(out, q)
	}
	return out
}

var (
	requestCols = []string{"id", "type", "subject", "body", "urgent", "requester_kind", "requester_user_id", "requester_org_id",
		"rung", "addressee_org_id", "addressee_role", "state", "answer_kind", "created_at", "updated_at", "answer_due", "answer_deadline",
		"extended", "contested", "missed_count", "missed_at_top", "answered_late", "version", "last_event_at", "first_org_id", "answered_at", "answer_days", "figure_flags"}
	eventCols = []string{"request_id", "seq", "type", "at", "actor_kind", "actor_user_id", "actor_org_id", "state", "rung", "data"}
)

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

func nullInstant(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC().Truncate(time.Microsecond)
}

// loadParliament generates the world and n requests with their events,
// brakes, grounds and ladders, then proposals with assessments and
// knelpunten per law, and returns the world and the number of events.
func loadParliament(tb testing.TB, st *store.Store, n int) (*benchWorld, int) {
	w := newBenchWorld(tb, st)
	l := &benchLoader{tb: tb, st: st, stmts: map[string]string{}, pg: st.Dialect() == "postgres"}
	reqs := w.generate(n)
	var rows, rungs, grounds, brakes, events [][]any
	flush := func(force bool) {
		if force || len(rows) >= 2000 {
			l.insert("requests", requestCols, rows)
			l.insert("request_rungs", []string{"request_id", "rung", "organisation_id", "role"}, rungs)
			l.insert("request_grounds", []string{"request_id", "position", "principle_code", "text"}, grounds)
			l.insert("brakes", []string{"request_id", "level", "identity", "year"}, brakes)
			l.insert("request_events", eventCols, events)
			rows, rungs, grounds, brakes, events = rows[:0], rungs[:0], grounds[:0], brakes[:0], events[:0]
		}
	}
	for _, q := range reqs {
		last := q.events[len(q.events)-1]
		a := q.ladder[q.rung]
		rows = append(rows, []any{q.id, string(q.typ), fmt.Sprintf("Verzoek %d", q.id), "", false, string(q.requester.Kind), nullID(q.requester.UserID), nullID(q.requester.OrganisationID),
			q.rung, a.OrganisationID, string(a.Role), string(q.state), string(q.answer), q.created, last.at, q.due.String(), q.deadline,
			false, q.contested, q.missed, q.missedAtTop, q.answeredLate, len(q.events), last.at, q.ladder[0].OrganisationID, nullInstant(q.answeredAt),
			answerDaysOf(q.created, q.answeredAt), figureFlagsOf(q.state, q.answeredLate, q.missed, q.rung)})
		for i, rg := range q.ladder {
			rungs = append(rungs, []any{q.id, i, rg.OrganisationID, string(rg.Role)})
		}
		grounds = append(grounds, []any{q.id, 0, benchPrinciples[int(q.id)%len(benchPrinciples)], "Het besluit weegt de gevolgen niet af."})
		switch q.typ {
		case schakel.TypeCitizenBrake:
			brakes = append(brakes, []any{q.id, string(schakel.LevelCitizen), "anoniem", q.created.Year()})
		case schakel.TypeProfessionalBrake:
			brakes = append(brakes, []any{q.id, string(schakel.LevelProfessional), "genoemd", q.created.Year()})
		case schakel.TypeOrganisationBrake:
			brakes = append(brakes, []any{q.id, string(schakel.LevelOrganisation), "genoemd", q.created.Year()})
		}
		for i, ev := range q.events {
			data, err := json.Marshal(ev.data)
			l.must(err)
			var user any
			if ev.actor == schakel.PartyUser {
				user = nullID(q.requester.UserID)
			}
			events = append(events, []any{q.id, i + 1, string(ev.typ), ev.at, string(ev.actor), user, nullID(ev.org), string(ev.state), ev.rung, string(data)})
		}
		l.events += len(q.events)
		flush(false)
	}
	flush(true)
	l.commit()
	w.loadProposals(l, reqs)
	w.loadKnelpunten(l)
	// Every event counts as sequenced into the public record and notified:
	// the benchmark is of the view, not of the jobs catching up a backlog.
	l.exec("DELETE FROM log_outbox")
	l.exec("DELETE FROM notify_outbox")
	if l.pg {
		for _, t := range []string{"requests", "request_events", "proposals", "assessments", "knelpunten"} {
			l.exec(fmt.Sprintf("SELECT setval(pg_get_serial_sequence('%s', 'id'), (SELECT COALESCE(MAX(id), 1) FROM %s))", t, t))
		}
		// What autovacuum does to a live database after inserts (PostgreSQL
		// 13 and later): statistics, and the visibility map that lets the
		// view's grouping read its index without visiting the table.
		l.exec("VACUUM (ANALYZE)")
	}
	return w, l.events
}

// loadProposals writes 40 proposals per ministry, each assessed by up to
// three of the generated assessment requests of its ministry, delivered
// when the request was answered; two in five signed.
func (w *benchWorld) loadProposals(l *benchLoader, reqs []*benchRequest) {
	byMinistry := map[int64][]*benchRequest{}
	for _, q := range reqs {
		if q.typ == schakel.TypeAssessment {
			byMinistry[q.requester.OrganisationID] = append(byMinistry[q.requester.OrganisationID], q)
		}
	}
	var props, events, assess, sigs [][]any
	id, aid := int64(0), int64(0)
	for _, mc := range benchMinistries {
		m := w.ministries[mc.code]
		as := byMinistry[m.ID]
		for i := range 40 {
			id++
			created := benchYearStart.Add(time.Duration(i*9*24+10) * time.Hour).UTC()
			state := "in-toetsing"
			if i%5 < 2 {
				state = "getekend"
				sigs = append(sigs, []any{id, w.policy[m.ID].ID, created.Add(60 * 24 * time.Hour), "Ik teken voor de uitvoerbaarheid.", fmt.Sprintf("%064d", id)})
			}
			props = append(props, []any{id, m.ID, "wetsvoorstel", fmt.Sprintf("Voorstel %d van %s", i+1, mc.code), state, w.policy[m.ID].ID, created, created, 1})
			events = append(events, []any{id, 1, "geregistreerd", w.policy[m.ID].ID, created, []byte("{}")})
			for k := range 3 {
				if len(as) <= i*3+k {
					break
				}
				q := as[i*3+k]
				aid++
				st, verdict := "gevraagd", ""
				if !q.answeredAt.IsZero() {
					st, verdict = "uitgebracht", []string{"uitvoerbaar", "uitvoerbaar-onder-voorwaarden", "niet-uitvoerbaar"}[k]
				}
				assess = append(assess, []any{aid, id, q.ladder[0].OrganisationID, st, q.id, verdict, nullInstant(q.answeredAt)})
			}
		}
	}
	l.insert("proposals", []string{"id", "ministry_id", "kind", "title", "state", "created_by", "created_at", "updated_at", "version"}, props)
	l.insert("proposal_events", []string{"proposal_id", "seq", "type", "by_user", "at", "log_entry"}, events)
	l.insert("assessments", []string{"id", "proposal_id", "organisation_id", "state", "request_id", "verdict", "delivered_at"}, assess)
	l.insert("proposal_signatures", []string{"proposal_id", "signed_by", "at", "statement", "digest"}, sigs)
	l.commit()
}

// loadKnelpunten writes 40 knelpunten per executing organisation that
// reached their ministry, each about one or two of thirty laws.
func (w *benchWorld) loadKnelpunten(l *benchLoader) {
	r := rand.New(rand.NewPCG(5, 6))
	var ks, keys [][]any
	id := int64(0)
	for _, e := range w.execs {
		for i := range 40 {
			id++
			created := benchYearStart.Add(time.Duration(i*8*24+11) * time.Hour).UTC()
			low := int64(r.IntN(5000))
			ks = append(ks, []any{id, e.ID, fmt.Sprintf("Knelpunt %d", id), "ministerie", "voorgelegd", 20 + r.IntN(200), low, low + int64(r.IntN(5000)),
				int64(r.IntN(1000)) * 100_000, int64(r.IntN(100)) * 100_000, w.profs[e.ID].ID, created, created})
			first := r.IntN(len(benchLawIDs))
			keys = append(keys, []any{"wet:" + benchLawIDs[first], id})
			if second := r.IntN(len(benchLawIDs)); second != first && r.IntN(3) == 0 {
				keys = append(keys, []any{"wet:" + benchLawIDs[second], id})
			}
		}
	}
	l.insert("knelpunten", []string{"id", "organisation_id", "title", "level", "state", "signals", "citizens_low", "citizens_high", "cost_once", "cost_yearly",
		"created_by", "created_at", "updated_at"}, ks)
	l.insert("knelpunt_keys", []string{"key", "knelpunt_id"}, keys)
	l.commit()
}

// answerDaysOf and figureFlagsOf are the derived columns of migration 00018
// as the store writes them (store.answerDays, store.figureFlags).
func answerDaysOf(created, answered time.Time) any {
	if answered.IsZero() {
		return nil
	}
	return int(answered.UTC().Truncate(time.Microsecond).Sub(created.UTC().Truncate(time.Microsecond)) / (24 * time.Hour))
}

func figureFlagsOf(state schakel.RequestState, answeredLate bool, missed, rung int) int {
	f := 0
	if state.AwaitsAnswer() {
		f |= 1
	}
	if answeredLate || missed > 0 {
		f |= 2
	}
	if missed > 0 {
		f |= 4
	}
	if rung > 0 {
		f |= 8
	}
	return f
}
