package ledger

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
)

// encodeJSON is the reference encoding of an entry: encoding/json over
// Entry (or entryV5 for version 5) without HTML escaping and without the
// trailing newline, as Entry.Encode was written before its hand-written
// encoder. Every entry in a log was encoded so; the two must agree byte
// for byte.
func encodeJSON(tb testing.TB, e Entry) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	var v any = e
	if e.Version == HidingVersion {
		v = entryV5(e)
	}
	if err := enc.Encode(v); err != nil {
		tb.Fatal(err)
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

// checkSameEncoding fails unless Encode and AppendEncode (onto a non-empty
// buffer) give the reference encoding of e.
func checkSameEncoding(t *testing.T, e Entry) {
	t.Helper()
	want := encodeJSON(t, e)
	if got := e.Encode(); !bytes.Equal(got, want) {
		t.Fatalf("Encode differs from encoding/json:\n got %s\nwant %s", got, want)
	}
	if got := e.AppendEncode([]byte("prefix")); !bytes.Equal(got, append([]byte("prefix"), want...)) {
		t.Fatalf("AppendEncode differs from encoding/json:\n got %s\nwant prefix%s", got, want)
	}
}

// oddStrings are strings that encoding/json escapes or replaces: quotes,
// backslashes, every control character, HTML characters (not escaped
// here), invalid UTF-8, U+2028 and U+2029, and other non-ASCII text.
var oddStrings = func() []string {
	out := []string{"", "a", `"`, `\`, "<>&", "é€😀", "\u2028\u2029", "\xff", "a\xc3", "\xed\xa0\x80", "\u007f", "\u0080\u00a0", "x\uFFFDy"}
	for c := range 0x20 {
		out = append(out, "p"+string(rune(c))+"q")
	}
	return out
}()

// TestEntryEncodeMatchesJSON compares the hand-written encoder with
// encoding/json over every kind of entry: the projections of generated
// requests and events of every event type, with and without a commitment
// seed (version 1 and 5), valid random entries of both versions, masked
// entries (version 0), and entries with odd strings in every string field
// and map key.
func TestEntryEncodeMatchesJSON(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 3))
	for range 3000 {
		r, ev := randomEvent(rng)
		e := Project(r, ev)
		checkSameEncoding(t, e)
		checkSameEncoding(t, e.WithoutTextHashes())
	}
	for range 3000 {
		e := randomEntry(rng)
		checkSameEncoding(t, e)
		e.Version = HidingVersion
		checkSameEncoding(t, e)
	}
	for range 3000 {
		checkSameEncoding(t, oddEntry(rng))
	}
	// Empty but non-nil slices and maps are left out, as omitempty does.
	e := randomEntry(rng)
	e.Principles, e.GroundsSHA256, e.MotivationsSHA256 = []string{}, map[string]string{}, map[string]string{}
	checkSameEncoding(t, e)
	checkSameEncoding(t, Entry{})
}

// eventTypes are the event types the generated events take.
var eventTypes = []schakel.EventType{schakel.EventCreated, schakel.EventAcknowledged, schakel.EventExtended, schakel.EventAnswered,
	schakel.EventContested, schakel.EventEscalated, schakel.EventClosed, schakel.EventWithdrawn, "termijn-gemist"}

// randomEvent returns a request and one of its events, using every field
// the projection reads sometimes, with a commitment seed half the time.
func randomEvent(rng *rand.Rand) (*schakel.Request, *schakel.Event) {
	text := func() string {
		if rng.IntN(3) == 0 {
			return ""
		}
		return oddStrings[rng.IntN(len(oddStrings))] + "tekst"
	}
	date := func() *calendar.Date {
		if rng.IntN(2) == 0 {
			return nil
		}
		d := calendar.DateOf(2000+rng.IntN(40), time.Month(1+rng.IntN(12)), 1+rng.IntN(28))
		return &d
	}
	codes := []string{"zorgvuldigheid", "evenredigheid", "motivering", "a-b"}
	r := &schakel.Request{ID: 1 + rng.Int64N(1e9), Type: schakel.TypeProfessionalBrake, Subject: text(), Body: text(), Urgent: rng.IntN(2) == 0,
		Requester: schakel.Party{Kind: schakel.PartyOrganisation, UserID: 5, OrganisationID: rng.Int64N(3)}}
	for range rng.IntN(4) {
		r.Ladder = append(r.Ladder, schakel.Addressee{OrganisationID: rng.Int64N(1e6), Role: schakel.RoleCoordinator})
	}
	for range rng.IntN(4) {
		r.Grounds = append(r.Grounds, schakel.Ground{Principle: codes[rng.IntN(len(codes))], Text: text()})
	}
	ev := &schakel.Event{RequestID: r.ID, Seq: 1 + rng.IntN(20), Type: eventTypes[rng.IntN(len(eventTypes))],
		At:    time.Unix(rng.Int64N(1<<34), rng.Int64N(1e9)).In(time.FixedZone("x", 3600)),
		Actor: schakel.Party{Kind: schakel.PartyUser, UserID: 9}, State: schakel.StateOpen, Rung: rng.IntN(4),
		Data: schakel.EventData{Answer: schakel.Explain, Changes: text(), ByWhen: date(), Reason: text(), Missed: text(), Late: rng.IntN(2) == 0,
			AckDue: date(), AnswerDue: date(), Term: text()}}
	if rng.IntN(2) == 0 {
		ev.Data.Motivations = map[string]string{}
		for range 1 + rng.IntN(3) {
			ev.Data.Motivations[codes[rng.IntN(len(codes))]] = text()
		}
	}
	if len(r.Ladder) > 1 && rng.IntN(2) == 0 {
		ev.Data.From, ev.Data.To = &r.Ladder[0], &r.Ladder[1]
	}
	if rng.IntN(2) == 0 {
		ev.CommitSeed = testSeed(byte(rng.IntN(256)))
	}
	return r, ev
}

// oddEntry returns an entry (not a valid one) with odd strings in its
// string fields and map keys, and extreme numbers.
func oddEntry(rng *rand.Rand) Entry {
	odd := func() string {
		var b strings.Builder
		for range rng.IntN(4) {
			b.WriteString(oddStrings[rng.IntN(len(oddStrings))])
		}
		return b.String()
	}
	oddMap := func() map[string]string {
		if rng.IntN(3) == 0 {
			return nil
		}
		m := map[string]string{}
		for range rng.IntN(12) {
			m[odd()] = odd()
		}
		return m
	}
	nums := []int64{0, 1, -1, 1 << 62, -1 << 63, 1<<63 - 1}
	num := func() int64 { return nums[rng.IntN(len(nums))] }
	e := Entry{Version: []int{0, Version, HidingVersion, -3}[rng.IntN(4)], RequestID: num(), Seq: int(num()), Event: schakel.EventType(odd()),
		RequestType: schakel.RequestType(odd()), At: odd(), Requester: PartyRef{Kind: schakel.PartyKind(odd()), Organisation: num()},
		Actor: PartyRef{Kind: schakel.PartyKind(odd()), Organisation: num()}, Addressee: AddresseeRef{Organisation: num(), Role: schakel.Role(odd())},
		State: schakel.RequestState(odd()), Rung: int(num()), Answer: schakel.AnswerKind(odd()), Urgent: rng.IntN(2) == 0, Late: rng.IntN(2) == 0,
		Missed: odd(), Term: odd(), AckDue: odd(), AnswerDue: odd(), ByWhen: odd(), SubjectSHA256: odd(), BodySHA256: odd(),
		GroundsSHA256: oddMap(), ChangesSHA256: odd(), MotivationsSHA256: oddMap(), ReasonSHA256: odd()}
	if rng.IntN(2) == 0 {
		e.From = &AddresseeRef{Organisation: num(), Role: schakel.Role(odd())}
	}
	if rng.IntN(2) == 0 {
		e.To = &AddresseeRef{Role: schakel.Role(odd())}
	}
	for range rng.IntN(4) {
		e.Principles = append(e.Principles, odd())
	}
	return e
}

// FuzzEntryEncode compares the hand-written encoder with encoding/json
// for arbitrary strings in every string field and map key, arbitrary
// numbers and flags, and both versions' member names.
func FuzzEntryEncode(f *testing.F) {
	f.Add(1, int64(42), 3, "beantwoord", "P4W", "zorgvuldigheid", "\u2028\"\\\x01\xff<", int64(7), true, false)
	f.Add(5, int64(-1), -9, "", "", "", "", int64(0), false, true)
	f.Add(0, int64(1<<62), 1<<40, "é😀", "\t\n\r\b\f", "a\xc3", "\xed\xa0\x80", int64(-5), true, true)
	f.Fuzz(func(t *testing.T, version int, request int64, seq int, event, term, key, text string, org int64, urgent, late bool) {
		maps := map[string]string{key: text, text: key, event + key: term}
		e := Entry{Version: version, RequestID: request, Seq: seq, Event: schakel.EventType(event), RequestType: schakel.RequestType(term),
			At: text, Requester: PartyRef{Kind: schakel.PartyKind(key), Organisation: org}, Actor: PartyRef{Kind: schakel.PartyKind(text)},
			Addressee: AddresseeRef{Organisation: org, Role: schakel.Role(event)}, From: &AddresseeRef{Organisation: request, Role: schakel.Role(text)},
			Principles: []string{key, text, term}, State: schakel.RequestState(key), Rung: seq, Answer: schakel.AnswerKind(text), Urgent: urgent,
			Late: late, Missed: event, Term: term, AckDue: key, AnswerDue: text, ByWhen: term, SubjectSHA256: text, BodySHA256: key,
			GroundsSHA256: maps, ChangesSHA256: event, MotivationsSHA256: map[string]string{text: text}, ReasonSHA256: term}
		checkSameEncoding(t, e)
		e.Version = HidingVersion
		checkSameEncoding(t, e)
		checkSameEncoding(t, e.WithoutTextHashes())
	})
}

// BenchmarkEntryEncode compares the hand-written encoder with
// encoding/json on the projection of an answer.
func BenchmarkEntryEncode(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 1))
	r, ev := randomEvent(rng)
	e := Project(r, ev)
	b.Run("append", func(b *testing.B) {
		buf := make([]byte, 0, 1024)
		for b.Loop() {
			buf = e.AppendEncode(buf[:0])
		}
	})
	b.Run("encoding-json", func(b *testing.B) {
		for b.Loop() {
			encodeJSON(b, e)
		}
	})
}
