package storetest

import (
	"encoding/json"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/comply"
	"github.com/schakel-nl/schakel/ledger"
)

// erasureWorld stores a request with a whole life, every kind of free text
// in it, ended by its requester; and an open request with the same texts.
func erasureWorld(e *env, f *reqFixture) (ended, open *schakel.Request) {
	e.t.Helper()
	r := f.brake(e, "Persoonlijk onderwerp van mevrouw Jansen")
	coord := schakel.Party{Kind: schakel.PartyOrganisation, UserID: f.coord.ID, OrganisationID: f.uwv.ID}
	step := func(d time.Duration) func(*schakel.Request, *schakel.Event, error) {
		return func(n *schakel.Request, ev *schakel.Event, err error) {
			e.t.Helper()
			r = apply(e, r)(n, ev, err)
			e.clock.Advance(d)
		}
	}
	e.clock.Advance(2 * time.Hour)
	step(24 * time.Hour)(f.eng.Acknowledge(r, coord, e.clock.Now()))
	step(24 * time.Hour)(f.eng.Extend(r, coord, calendar.Term{N: 2, Unit: calendar.Weeks}, "Dossier van mevrouw Jansen is groot.", e.clock.Now()))
	step(24 * time.Hour)(f.eng.Answer(r, coord, comply.AnswerInput{Kind: schakel.Explain,
		Motivations: map[string]string{"zorgvuldigheid": "Mevrouw Jansen is wel gehoord.", "motivering": "Zie de brief aan mevrouw Jansen."}}, e.clock.Now()))
	step(24 * time.Hour)(f.eng.Contest(r, user(f.burger), "Mevrouw Jansen is niet overtuigd.", e.clock.Now()))
	e.clock.Set(r.AckDeadline)
	step(time.Hour)(f.eng.Sweep(r, e.clock.Now()))
	step(time.Hour)(f.eng.Answer(r, user(f.policy), comply.AnswerInput{Kind: schakel.Comply,
		Changes: "De werkwijze voor mevrouw Jansen verandert.", ByWhen: f.eng.Calendar.Today(e.clock.Now()).AddDays(30)}, e.clock.Now()))
	step(time.Hour)(f.eng.Close(r, user(f.burger), "Dank namens mevrouw Jansen.", e.clock.Now()))
	open = f.brake(e, "Persoonlijk onderwerp van meneer De Vries")
	return r, open
}

// erased returns r as it should read after its texts were erased.
func erased(r *schakel.Request) *schakel.Request {
	x := *r
	x.Subject, x.Body = schakel.ErasedText, schakel.ErasedText
	x.Grounds = slices.Clone(r.Grounds)
	for i := range x.Grounds {
		x.Grounds[i].Text = schakel.ErasedText
	}
	return &x
}

// textsIn returns the rows of the tables holding request texts that contain
// s.
func (e *env) textsIn(s string) []string {
	e.t.Helper()
	var found []string
	for _, q := range []string{
		"SELECT 'requests ' || id FROM requests WHERE subject LIKE ? OR body LIKE ?",
		"SELECT 'request_grounds ' || request_id FROM request_grounds WHERE text LIKE ? OR text LIKE ?",
		"SELECT 'request_events ' || id FROM request_events WHERE data LIKE ? OR data LIKE ?",
	} {
		rows, err := e.s.DB().QueryContext(e.ctx, e.rebind(q), "%"+s+"%", "%"+s+"%")
		must(e.t, err)
		for rows.Next() {
			var where string
			must(e.t, rows.Scan(&where))
			found = append(found, where)
		}
		must(e.t, rows.Err())
		rows.Close()
	}
	return found
}

func testEraseRequestTexts(e *env) {
	f := newReqFixture(e)
	r, open := erasureWorld(e, f)
	evsBefore, err := e.s.Events(e.ctx, r.ID)
	must(e.t, err)
	entriesBefore := e.eventEntries()
	openTexts := e.textsIn("De Vries")
	if got := e.textsIn("Jansen"); len(got) < 6 {
		e.t.Fatalf("the world holds the name in %v only", got)
	}

	e.step("refused", func(e *env) {
		wantFields(e.t, e.s.EraseRequestTexts(e.ctx, r.ID, "  "), "reden")
		wantCode(e.t, e.s.EraseRequestTexts(e.ctx, 99999, "Bewaartermijn verstreken."), schakel.ENOTFOUND)
		// A request that has not ended keeps its texts: it still awaits texts.
		wantCode(e.t, e.s.EraseRequestTexts(e.ctx, open.ID, "Bewaartermijn verstreken."), schakel.ECONFLICT)
		if e.count("request_erasures") != 0 || !slices.Equal(e.textsIn("De Vries"), openTexts) {
			e.t.Fatal("a refused erasure changed something")
		}
	})

	var evs []*schakel.Event
	e.step("erased", func(e *env) {
		e.clock.Advance(24 * time.Hour)
		erasedAt := e.clock.Now()
		must(e.t, e.s.EraseRequestTexts(e.ctx, r.ID, "Bewaartermijn verstreken."))
		// The texts are gone from the request, its grounds and every event;
		// all else is as it was, the log entries too.
		wantRequest(e, erased(r))
		evs = wantEventsErased(e, r.ID, evsBefore)
		if got := e.textsIn("Jansen"); len(got) != 0 {
			e.t.Fatalf("the name is still in %v", got)
		}
		if !reflect.DeepEqual(e.eventEntries(), entriesBefore) {
			e.t.Fatal("the events' log entries changed")
		}
		if !slices.Equal(e.textsIn("De Vries"), openTexts) {
			e.t.Fatal("the texts of another request changed")
		}
		got, err := e.s.Erasures(e.ctx, []int64{open.ID, r.ID, 99999})
		must(e.t, err)
		want := map[int64]*schakel.Erasure{r.ID: {RequestID: r.ID, ErasedAt: erasedAt, Reason: "Bewaartermijn verstreken.", ThroughSeq: r.Version}}
		if !reflect.DeepEqual(got, want) {
			e.t.Fatalf("Erasures = %+v, want %+v", got[r.ID], want[r.ID])
		}
	})

	e.step("once only", func(e *env) {
		wantCode(e.t, e.s.EraseRequestTexts(e.ctx, r.ID, "Nog eens."), schakel.ECONFLICT)
	})

	e.step("the ledger holds", func(e *env) {
		// The log still holds, and verifies, what was logged before.
		n, err := e.s.SequenceLedger(e.ctx, 0)
		must(e.t, err)
		if n != len(entriesBefore) {
			e.t.Fatalf("appended %d of %d", n, len(entriesBefore))
		}
		wantLedger(e)
	})

	e.step("append-only", func(e *env) { wantEventsAppendOnly(e, f, r, open, evs, entriesBefore) })
	e.step("before the ledger", func(e *env) { wantErasureAfterSequencing(e, f) })
}

// wantEventsErased fails unless the events of request id read as before
// with their texts erased, and at least five of them had texts; it returns
// the events as read.
func wantEventsErased(e *env, id int64, before []*schakel.Event) []*schakel.Event {
	e.t.Helper()
	evs, err := e.s.Events(e.ctx, id)
	must(e.t, err)
	if len(evs) != len(before) {
		e.t.Fatalf("%d events, had %d", len(evs), len(before))
	}
	texts := 0
	for i, ev := range evs {
		want := *before[i]
		if len(want.CommitSeed) != ledger.SeedSize {
			e.t.Fatalf("event %d was written without a commitment seed", want.Seq)
		}
		// The seed goes with the texts (decision 0037).
		want.Data, want.CommitSeed = want.Data.EraseTexts(), nil
		if !reflect.DeepEqual(ev, &want) {
			e.t.Fatalf("event %d after erasure:\n got %+v\nwant %+v", ev.Seq, ev, want)
		}
		if d := before[i].Data; d.Reason != "" || d.Changes != "" || len(d.Motivations) > 0 {
			texts++
			wantNoText(e, ev)
		}
	}
	if texts < 5 {
		e.t.Fatalf("only %d events had texts", texts)
	}
	return evs
}

// wantNoText fails if the reason or changes of ev are anything but erased.
func wantNoText(e *env, ev *schakel.Event) {
	e.t.Helper()
	if ev.Data.Reason != "" && ev.Data.Reason != schakel.ErasedText || ev.Data.Changes != "" && ev.Data.Changes != schakel.ErasedText {
		e.t.Fatalf("event %d keeps a text: %+v", ev.Seq, ev.Data)
	}
}

// wantEventsAppendOnly: request_events stays append-only under the store —
// all it allows is erasing the texts of an erased request's events (r's,
// read as evs), and never a delete; open's events are untouched.
func wantEventsAppendOnly(e *env, f *reqFixture, r, open *schakel.Request, evs []*schakel.Event, entriesBefore []storedEntry) {
	e.t.Helper()
	var explainSeq int
	for _, ev := range evs {
		if len(ev.Data.Motivations) > 0 {
			explainSeq = ev.Seq
		}
	}
	closing := e.eventData(r.ID, r.Version)
	explain := e.eventData(r.ID, explainSeq)
	ack := e.eventData(r.ID, 2)
	for _, c := range []struct {
		what  string
		query string
		args  []any
	}{
		{"state", "UPDATE request_events SET state = 'open' WHERE request_id = ? AND seq = ?", []any{r.ID, r.Version}},
		{"time", "UPDATE request_events SET at = ? WHERE request_id = ? AND seq = ?", []any{Start, r.ID, r.Version}},
		{"actor", "UPDATE request_events SET actor_user_id = ? WHERE request_id = ? AND seq = ?", []any{f.coord.ID, r.ID, r.Version}},
		{"log entry", "UPDATE request_events SET log_entry = ? WHERE request_id = ? AND seq = ?", []any{[]byte(`{"v":1}`), r.ID, r.Version}},
		{"log entry to NULL", "UPDATE request_events SET log_entry = NULL WHERE request_id = ? AND seq = ?", []any{r.ID, r.Version}},
		{"a text back", "UPDATE request_events SET data = ? WHERE request_id = ? AND seq = ?",
			[]any{strings.Replace(closing, schakel.ErasedText, "Dank namens mevrouw Jansen.", 1), r.ID, r.Version}},
		{"a text dropped", "UPDATE request_events SET data = '{}' WHERE request_id = ? AND seq = ?", []any{r.ID, r.Version}},
		{"a text added", "UPDATE request_events SET data = ? WHERE request_id = ? AND seq = ?",
			[]any{withMember(e, ack, "reden", schakel.ErasedText), r.ID, 2}},
		{"a motivation's code", "UPDATE request_events SET data = ? WHERE request_id = ? AND seq = ?",
			[]any{strings.Replace(explain, `"zorgvuldigheid"`, `"gelijkheid"`, 1), r.ID, explainSeq}},
		{"a fact", "UPDATE request_events SET data = ? WHERE request_id = ? AND seq = ?",
			[]any{strings.Replace(explain, `"antwoord":"explain"`, `"antwoord":"comply"`, 1), r.ID, explainSeq}},
		{"an event deleted", "DELETE FROM request_events WHERE request_id = ? AND seq = ?", []any{r.ID, r.Version}},
		{"an open request's texts erased", "UPDATE request_events SET data = ? WHERE request_id = ? AND seq = 1",
			[]any{e.erasedData(open.ID, 1), open.ID}},
		{"an open request's event", "UPDATE request_events SET state = 'gesloten' WHERE request_id = ?", []any{open.ID}},
		{"an open request's event deleted", "DELETE FROM request_events WHERE request_id = ?", []any{open.ID}},
		{"the erasure altered", "UPDATE request_erasures SET through_seq = 99 WHERE request_id = ?", []any{r.ID}},
		{"the erasure deleted", "DELETE FROM request_erasures WHERE request_id = ?", []any{r.ID}},
	} {
		if err := e.rawExec(c.query, c.args...); err == nil || !strings.Contains(err.Error(), "append-only") {
			e.t.Fatalf("%s: %s: %v, want refused as append-only", c.what, c.query, err)
		}
	}
	if !strings.Contains(explain, `"zorgvuldigheid"`) || !strings.Contains(explain, `"antwoord":"explain"`) {
		e.t.Fatalf("the explain's data %s does not read as the test expects", explain)
	}
	if after, err := e.s.Events(e.ctx, r.ID); err != nil || !reflect.DeepEqual(after, evs) || !reflect.DeepEqual(e.eventEntries(), entriesBefore) {
		e.t.Fatalf("a refused change changed the events (%v)", err)
	}
	// Erasing again under the store changes nothing, so it is allowed.
	must(e.t, e.rawExec("UPDATE request_events SET data = ? WHERE request_id = ? AND seq = ?", closing, r.ID, r.Version))
}

// wantErasureAfterSequencing: an event from before the log, not yet
// sequenced, would have its entry computed from the erased texts, so
// erasure waits for the sequencer; then the entry holds the hash of the
// original text.
func wantErasureAfterSequencing(e *env, f *reqFixture) {
	e.t.Helper()
	old := f.brake(e, "Oud verzoek van mevrouw Bakker")
	must(e.t, e.rawExec(`INSERT INTO request_events (request_id, seq, type, at, actor_kind, actor_user_id, state, rung, data)
		VALUES (?, 2, 'ingetrokken', ?, 'gebruiker', ?, 'ingetrokken', 0, ?)`, old.ID, e.clock.Now(), f.burger.ID, `{"reden":"Mevrouw Bakker trekt in."}`))
	must(e.t, e.rawExec("UPDATE requests SET state = 'ingetrokken', version = 2 WHERE id = ?", old.ID))
	wantCode(e.t, e.s.EraseRequestTexts(e.ctx, old.ID, "Bewaartermijn verstreken."), schakel.ECONFLICT)
	_, err := e.s.SequenceLedger(e.ctx, 0)
	must(e.t, err)
	must(e.t, e.s.EraseRequestTexts(e.ctx, old.ID, "Bewaartermijn verstreken."))
	if got := e.textsIn("Bakker"); len(got) != 0 {
		e.t.Fatalf("the name is still in %v", got)
	}
	idx, err := e.s.LedgerIndex(e.ctx, old.ID, 2)
	must(e.t, err)
	entry, err := e.s.LedgerEntries(e.ctx, idx, idx+1)
	must(e.t, err)
	if len(entry) != 1 || !strings.Contains(string(entry[0]), ledger.TextHash("Mevrouw Bakker trekt in.")) {
		e.t.Fatalf("the old event was logged as %q, not with the hash of its original reason", entry)
	}
}

func testErasures(e *env) {
	f := newReqFixture(e)
	got, err := e.s.Erasures(e.ctx, nil)
	if err != nil || len(got) != 0 {
		e.t.Fatalf("Erasures(nil) = %v, %v", got, err)
	}
	var ids []int64
	for i := range 3 {
		r := f.brake(e, "Verzoek")
		ids = append(ids, r.ID)
		apply(e, r)(f.eng.Withdraw(r, user(f.burger), "Niet meer nodig.", e.clock.Now()))
		if i != 1 {
			e.clock.Advance(time.Minute)
			must(e.t, e.s.EraseRequestTexts(e.ctx, r.ID, "Reden "+r.Subject))
		}
	}
	got, err = e.s.Erasures(e.ctx, append(ids, 99999))
	must(e.t, err)
	if len(got) != 2 || got[ids[0]] == nil || got[ids[1]] != nil || got[ids[2]] == nil ||
		got[ids[2]].ThroughSeq != 2 || got[ids[2]].Reason != "Reden Verzoek" || !got[ids[2]].ErasedAt.Equal(Start.Add(2*time.Minute)) {
		e.t.Fatalf("Erasures = %v", got)
	}
	if got, err := e.s.Erasures(e.ctx, ids[1:2]); err != nil || len(got) != 0 {
		e.t.Fatalf("Erasures of a request not erased = %v, %v", got, err)
	}
}

// withMember returns the JSON object data with member k set to v.
func withMember(e *env, data, k, v string) string {
	e.t.Helper()
	var m map[string]any
	must(e.t, json.Unmarshal([]byte(data), &m))
	m[k] = v
	b, err := json.Marshal(m)
	must(e.t, err)
	return string(b)
}

// rebind rewrites "?" placeholders for the store's dialect: "$1", "$2", …
// on PostgreSQL. The suite reaches under the store through DB, so it has
// only the dialect's public name to go by.
func (e *env) rebind(query string) string {
	if e.s.Dialect() != "postgres" {
		return query
	}
	var b strings.Builder
	n := 0
	for _, c := range query {
		if c == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(c)
	}
	return b.String()
}

// eventData returns the stored data of an event.
func (e *env) eventData(requestID int64, seq int) string {
	e.t.Helper()
	var data string
	must(e.t, e.s.DB().QueryRowContext(e.ctx, e.rebind("SELECT data FROM request_events WHERE request_id = ? AND seq = ?"), requestID, seq).Scan(&data))
	return data
}

// erasedData returns the stored data of an event with its texts erased.
func (e *env) erasedData(requestID int64, seq int) string {
	e.t.Helper()
	var d schakel.EventData
	must(e.t, json.Unmarshal([]byte(e.eventData(requestID, seq)), &d))
	b, err := json.Marshal(d.EraseTexts())
	must(e.t, err)
	return string(b)
}
