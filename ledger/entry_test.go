package ledger

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
)

func testRequest() *schakel.Request {
	return &schakel.Request{
		ID:      42,
		Type:    schakel.TypeProfessionalBrake,
		Subject: "Stopzetting toeslag mevrouw J. de Vries, BSN 123456782",
		Body:    "Zij belde mij op 06-12345678.",
		Grounds: []schakel.Ground{
			{Principle: "zorgvuldigheid", Text: "Het dossier van mevrouw De Vries is niet gelezen."},
			{Principle: "evenredigheid", Text: "De terugvordering is € 30.000."},
		},
		Urgent:    true,
		Requester: schakel.Party{Kind: schakel.PartyUser, UserID: 7},
		Ladder: []schakel.Addressee{
			{OrganisationID: 3, Role: schakel.RoleCoordinator},
			{OrganisationID: 3, Role: schakel.RoleBoard},
		},
	}
}

func TestProjectCreated(t *testing.T) {
	r := testRequest()
	ack, ans := calendar.DateOf(2026, 3, 9), calendar.DateOf(2026, 3, 9)
	ev := &schakel.Event{
		RequestID: 42, Seq: 1, Type: schakel.EventCreated,
		At:    time.Date(2026, 3, 2, 10, 15, 30, 999_999_999, time.FixedZone("CET", 3600)),
		Actor: r.Requester, State: schakel.StateOpen, Rung: 0,
		Data: schakel.EventData{AckDue: &ack, AnswerDue: &ans, Reasons: []string{"Atw art. 1: zondag"}},
	}
	e := Project(r, ev)
	if err := e.Validate(); err != nil {
		t.Fatal(err)
	}
	got := string(e.Encode())
	want := `{"v":1,"request":42,"seq":1,"event":"aangemaakt","requestType":"noodrem-professional","at":"2026-03-02T09:15:30Z",` +
		`"requester":{"kind":"gebruiker"},"actor":{"kind":"gebruiker"},"addressee":{"org":3,"role":"coordinator"},` +
		`"principles":["evenredigheid","zorgvuldigheid"],"state":"open","rung":0,"urgent":true,"ackDue":"2026-03-09","answerDue":"2026-03-09",` +
		`"subjectSha256":"` + TextHash(r.Subject) + `","bodySha256":"` + TextHash(r.Body) + `",` +
		`"groundsSha256":{"evenredigheid":"` + TextHash(r.Grounds[1].Text) + `","zorgvuldigheid":"` + TextHash(r.Grounds[0].Text) + `"}}`
	if got != want {
		t.Errorf("Encode:\n got %s\nwant %s", got, want)
	}
	// No personal data, no free text, no user id.
	for _, bad := range []string{"Vries", "123456782", "06-12345678", "30.000", "dossier", "Atw", `"7"`, ":7"} {
		if strings.Contains(got, bad) {
			t.Errorf("entry contains %q: %s", bad, got)
		}
	}
}

func TestProjectEvents(t *testing.T) {
	r := testRequest()
	r.Requester = schakel.Party{Kind: schakel.PartyOrganisation, UserID: 9, OrganisationID: 11}
	by := calendar.DateOf(2026, 6, 1)
	from, to := r.Ladder[0], r.Ladder[1]
	at := time.Date(2026, 4, 1, 8, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		ev   schakel.Event
		want []string // substrings
		not  []string
	}{
		{"comply", schakel.Event{Seq: 3, Type: schakel.EventAnswered, State: schakel.StateAnswered,
			Actor: schakel.Party{Kind: schakel.PartyOrganisation, UserID: 5, OrganisationID: 3},
			Data:  schakel.EventData{Answer: schakel.Comply, Changes: "Wij herstellen de toeslag van mevrouw X.", ByWhen: &by, Late: true}},
			[]string{`"answer":"comply"`, `"late":true`, `"byWhen":"2026-06-01"`, `"changesSha256":"` + TextHash("Wij herstellen de toeslag van mevrouw X.") + `"`, `"actor":{"kind":"organisatie","org":3}`, `"requester":{"kind":"organisatie","org":11}`},
			[]string{"mevrouw", "subjectSha256", "groundsSha256", `"org":5`, `"org":9`}},
		{"explain", schakel.Event{Seq: 3, Type: schakel.EventAnswered, State: schakel.StateAnswered,
			Data: schakel.EventData{Answer: schakel.Explain, Motivations: map[string]string{"zorgvuldigheid": "a", "evenredigheid": "b"}}},
			[]string{`"motivationsSha256":{"evenredigheid":"` + TextHash("b") + `","zorgvuldigheid":"` + TextHash("a") + `"}`}, nil},
		{"deels", schakel.Event{Seq: 3, Type: schakel.EventAnswered, State: schakel.StateAnswered,
			Data: schakel.EventData{Answer: schakel.Partial, Changes: "Een betalingsregeling voor mevrouw X.", ByWhen: &by,
				Motivations: map[string]string{"zorgvuldigheid": "a", "evenredigheid": "Geen kwijtschelding."}}},
			[]string{`"v":1,`, `"answer":"deels"`, `"byWhen":"2026-06-01"`, `"changesSha256":"` + TextHash("Een betalingsregeling voor mevrouw X.") + `"`,
				`"motivationsSha256":{"evenredigheid":"` + TextHash("Geen kwijtschelding.") + `","zorgvuldigheid":"` + TextHash("a") + `"}`},
			[]string{"mevrouw", "kwijtschelding"}},
		{"escalated", schakel.Event{Seq: 4, Type: schakel.EventEscalated, State: schakel.StateEscalated, Rung: 1,
			Actor: schakel.Party{Kind: schakel.PartySystem},
			Data:  schakel.EventData{Missed: "antwoord", From: &from, To: &to, Reason: "termijn verstreken"}},
			[]string{`"addressee":{"org":3,"role":"bestuur"}`, `"from":{"org":3,"role":"coordinator"}`, `"to":{"org":3,"role":"bestuur"}`, `"missed":"antwoord"`, `"rung":1`, `"reasonSha256"`, `"actor":{"kind":"systeem"}`},
			[]string{"verstreken"}},
		{"extended", schakel.Event{Seq: 2, Type: schakel.EventExtended, State: schakel.StateOpen,
			Data: schakel.EventData{Term: "P4W", Reason: "drukte"}},
			[]string{`"term":"P4W"`}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev := tt.ev
			ev.RequestID, ev.At = r.ID, at
			if ev.Actor.Kind == "" {
				ev.Actor = schakel.Party{Kind: schakel.PartyUser, UserID: 5}
			}
			e := Project(r, &ev)
			if err := e.Validate(); err != nil {
				t.Fatal(err)
			}
			data := e.Encode()
			for _, w := range tt.want {
				if !bytes.Contains(data, []byte(w)) {
					t.Errorf("missing %s in %s", w, data)
				}
			}
			for _, n := range tt.not {
				if bytes.Contains(data, []byte(n)) {
					t.Errorf("unexpected %s in %s", n, data)
				}
			}
			back, err := Decode(data)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(back, e) {
				t.Errorf("Decode(Encode(e)) = %+v, want %+v", back, e)
			}
		})
	}
}

// randomEntry returns a valid entry using every field sometimes.
func randomEntry(rng *rand.Rand) Entry {
	pick := func(s ...string) string { return s[rng.IntN(len(s))] }
	maybe := func(s string) string {
		if rng.IntN(2) == 0 {
			return ""
		}
		return s
	}
	hash := func() string { return TextHash(fmt.Sprint(rng.Int64())) }
	hashes := func() map[string]string {
		if rng.IntN(2) == 0 {
			return nil
		}
		m := map[string]string{}
		for range 1 + rng.IntN(4) {
			m[pick("a", "zorgvuldigheid", "fair-play", "b2", "evenredigheid")] = hash()
		}
		return m
	}
	ref := func() *AddresseeRef {
		if rng.IntN(2) == 0 {
			return nil
		}
		return &AddresseeRef{Organisation: rng.Int64N(1e12), Role: schakel.Role(pick("bestuur", "coordinator"))}
	}
	e := Entry{
		Version:           Version,
		RequestID:         1 + rng.Int64N(1<<62),
		Seq:               1 + rng.IntN(1000),
		Event:             schakel.EventType(pick("aangemaakt", "termijn-gemist", "x")),
		RequestType:       schakel.RequestType(pick("verzoek", "noodrem-organisatie")),
		At:                time.Unix(rng.Int64N(1<<36), 0).UTC().Format(TimeLayout),
		Requester:         PartyRef{Kind: schakel.PartyKind(pick("anoniem", "organisatie")), Organisation: rng.Int64N(3)},
		Actor:             PartyRef{Kind: "systeem"},
		Addressee:         AddresseeRef{Organisation: rng.Int64N(100), Role: "bestuur"},
		From:              ref(),
		To:                ref(),
		State:             schakel.RequestState(pick("open", "beantwoord")),
		Rung:              rng.IntN(5),
		Answer:            schakel.AnswerKind(maybe("explain")),
		Urgent:            rng.IntN(2) == 0,
		Late:              rng.IntN(2) == 0,
		Missed:            maybe("ontvangst"),
		Term:              maybe(pick("P4W", "5 werkdagen")),
		AckDue:            maybe("2026-02-28"),
		AnswerDue:         maybe("2030-12-31"),
		ByWhen:            maybe("2026-01-01"),
		GroundsSHA256:     hashes(),
		MotivationsSHA256: hashes(),
	}
	if rng.IntN(2) == 0 {
		e.Principles = []string{"a", "b", "zorgvuldigheid"}[:1+rng.IntN(3)]
	}
	for _, f := range []*string{&e.SubjectSHA256, &e.BodySHA256, &e.ChangesSHA256, &e.ReasonSHA256} {
		*f = maybe(hash())
	}
	return e
}

func TestEntryRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 5000 {
		e := randomEntry(rng)
		data := e.Encode()
		if !bytes.Equal(data, e.Encode()) {
			t.Fatal("Encode is not deterministic")
		}
		got, err := Decode(data)
		if err != nil {
			t.Fatalf("case %d: Decode(%s): %v", i, data, err)
		}
		if !reflect.DeepEqual(got, e) {
			t.Fatalf("case %d: Decode(Encode(e)) = %+v, want %+v", i, got, e)
		}
	}
}

func TestDecodeRefuses(t *testing.T) {
	valid := string(testEntry(1))
	tests := []struct {
		name, data, want string
	}{
		{"empty", ``, "decode entry"},
		{"not json", `hello`, "decode entry"},
		{"no version", `{"request":1}`, "no version"},
		{"version 2", strings.Replace(valid, `"v":1`, `"v":2`, 1), "unknown entry format version 2"},
		{"version string", strings.Replace(valid, `"v":1`, `"v":"1"`, 1), "unknown entry format version \"1\""},
		{"unknown field", strings.Replace(valid, `"seq"`, `"naam":"Jan","seq"`, 1), "unknown field"},
		{"spaces", strings.Replace(valid, `,"seq"`, `, "seq"`, 1), "canonical"},
		{"field order", `{"request":1,"v":1` + valid[len(`{"v":1,"request":1`):], "canonical"},
		{"case", strings.Replace(valid, `"seq"`, `"Seq"`, 1), "canonical"},
		{"duplicate", strings.Replace(valid, `"seq":2`, `"seq":3,"seq":2`, 1), "canonical"},
		{"trailing", valid + "\n", "canonical"},
		{"two values", valid + valid, "decode entry"},
		{"fraction", strings.Replace(valid, `Z"`, `.5Z"`, 1), "not a UTC time"},
		{"offset", strings.Replace(valid, `Z"`, `+01:00"`, 1), "not a UTC time"},
		{"bad date", strings.Replace(valid, `2026-05-01`, `2026-02-30`, 1), "not a date"},
		{"upper hash", strings.Replace(valid, TextHash("reden 1"), strings.ToUpper(TextHash("reden 1")), 1), "hex SHA-256"},
		{"free text", strings.Replace(valid, `"state":"open"`, `"state":"mevrouw De Vries"`, 1), "lower-case code"},
		{"zero request", strings.Replace(valid, `"request":1`, `"request":0`, 1), "not a request id"},
		{"unsorted principles", strings.Replace(valid, `["evenredigheid","zorgvuldigheid"]`, `["zorgvuldigheid","evenredigheid"]`, 1), "not sorted"},
		{"empty principles", strings.Replace(valid, `["evenredigheid","zorgvuldigheid"]`, `[]`, 1), "empty"},
		{"too big", `{"v":1,"x":"` + strings.Repeat("a", MaxEntrySize) + `"}`, "more than"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Decode([]byte(tt.data))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Decode(%.80s) = %v, want error containing %q", tt.data, err, tt.want)
			}
		})
	}
	if _, err := Decode([]byte(strings.Replace(valid, `"v":1`, `"v":2`, 1))); !errors.Is(err, ErrUnknownVersion) {
		t.Errorf("version 2: %v is not ErrUnknownVersion", err)
	}
}

func TestEntryID(t *testing.T) {
	for _, tt := range []struct {
		data       string
		request    int64
		seq        int
		wantErrSub string
	}{
		{string(testEntry(9)), 3, 2, ""},
		{`{"v":1,"request":123456789012345678,"seq":7,"event":"x"}`, 123456789012345678, 7, ""},
		{`{"v":2,"request":1,"seq":1,`, 0, 0, "not a version 1"},
		{`{"v":1,"request":01,"seq":1,"event":`, 0, 0, "request id"},
		{`{"v":1,"request":9223372036854775808,"seq":1,"event":`, 0, 0, "request id"},
		{`{"v":1,"request":9223372036854775807,"seq":1,"event":`, 9223372036854775807, 1, ""},
		{`{"v":1,"request":0,"seq":1,"event":`, 0, 0, "request id"},
		{`{"v":1,"request":5,"seq":-1,"event":`, 0, 0, "event number"},
		{`{"v":1,"request":5,"seq":1}`, 0, 0, "event number"},
	} {
		r, s, err := EntryID([]byte(tt.data))
		if tt.wantErrSub != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErrSub) {
				t.Errorf("EntryID(%s) = %v, want error %q", tt.data, err, tt.wantErrSub)
			}
			continue
		}
		if err != nil || r != tt.request || s != tt.seq {
			t.Errorf("EntryID(%s) = %d, %d, %v", tt.data, r, s, err)
		}
	}
}

func FuzzDecode(f *testing.F) {
	rng := rand.New(rand.NewPCG(3, 4))
	for range 20 {
		f.Add(randomEntry(rng).Encode())
	}
	f.Add(testEntry(0))
	f.Add(partialEntry)
	f.Add([]byte(`{"v":1}`))
	f.Add([]byte(`{"v":2,"request":1}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		e, err := Decode(data)
		if err != nil {
			return
		}
		if !bytes.Equal(e.Encode(), data) {
			t.Fatalf("Decode accepted a non-canonical encoding %q", data)
		}
		if err := e.Validate(); err != nil {
			t.Fatalf("Decode accepted an invalid entry: %v", err)
		}
		if r, s, err := EntryID(data); err != nil || r != e.RequestID || s != e.Seq {
			t.Fatalf("EntryID = %d, %d, %v, want %d, %d", r, s, err, e.RequestID, e.Seq)
		}
	})
}

// partialEntry is the log entry of a partial answer (deels) as this
// package writes it: a version 1 entry, the kind a code like any other.
var partialEntry = []byte(`{"v":1,"request":42,"seq":3,"event":"beantwoord","requestType":"bezwaar","at":"2026-04-01T08:00:00Z",` +
	`"requester":{"kind":"gebruiker"},"actor":{"kind":"organisatie","org":3},"addressee":{"org":3,"role":"coordinator"},` +
	`"principles":["evenredigheid"],"state":"beantwoord","rung":0,"answer":"deels","byWhen":"2026-06-01",` +
	`"changesSha256":"` + TextHash("Wij bieden een betalingsregeling aan.") + `",` +
	`"motivationsSha256":{"evenredigheid":"` + TextHash("De schuld schelden wij niet kwijt.") + `"}}`)

// TestPartialAnswerEntry: a partial answer projects to exactly
// partialEntry, which decodes; entries of the earlier kinds keep their
// bytes, so a log written before partial answers existed still verifies
// and a verifier that knows only comply and explain reads the new entry
// (answers are checked for form, not membership).
func TestPartialAnswerEntry(t *testing.T) {
	by := calendar.DateOf(2026, 6, 1)
	r := &schakel.Request{ID: 42, Type: schakel.TypeObjection, Requester: schakel.Party{Kind: schakel.PartyUser, UserID: 7},
		Grounds: []schakel.Ground{{Principle: "evenredigheid", Text: "Te zwaar."}}, Ladder: []schakel.Addressee{{OrganisationID: 3, Role: schakel.RoleCoordinator}}}
	ev := &schakel.Event{RequestID: 42, Seq: 3, Type: schakel.EventAnswered, State: schakel.StateAnswered, At: time.Date(2026, 4, 1, 8, 0, 0, 0, time.UTC),
		Actor: schakel.Party{Kind: schakel.PartyOrganisation, UserID: 5, OrganisationID: 3},
		Data: schakel.EventData{Answer: schakel.Partial, Changes: "Wij bieden een betalingsregeling aan.", ByWhen: &by,
			Motivations: map[string]string{"evenredigheid": "De schuld schelden wij niet kwijt."}}}
	if got := Project(r, ev).Encode(); !bytes.Equal(got, partialEntry) {
		t.Fatalf("Project:\n got %s\nwant %s", got, partialEntry)
	}
	e, err := Decode(partialEntry)
	if err != nil || e.Answer != schakel.Partial || e.Version != 1 {
		t.Fatalf("Decode: %+v, %v", e, err)
	}
	// The same event answered with comply encodes as it always did.
	ev.Data = schakel.EventData{Answer: schakel.Comply, Changes: "Wij bieden een betalingsregeling aan.", ByWhen: &by}
	old := bytes.Replace(partialEntry, []byte(`"answer":"deels"`), []byte(`"answer":"comply"`), 1)
	old = old[:bytes.Index(old, []byte(`,"motivationsSha256"`))]
	old = append(old, '}')
	if got := Project(r, ev).Encode(); !bytes.Equal(got, old) {
		t.Fatalf("comply:\n got %s\nwant %s", got, old)
	}
	if _, err := Decode(old); err != nil {
		t.Fatal(err)
	}
}
