package ledger

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
)

// testSeed is a fixed seed, so the tests have fixed bytes; the store draws
// each event's seed from crypto/rand.
func testSeed(b byte) []byte { return bytes.Repeat([]byte{b}, SeedSize) }

// brakeCreated is the creation of a citizen's brake as the service writes
// it: its subject is "Besluit " and the decision's reference, which anyone
// who knows (or can enumerate) references could guess.
func brakeCreated(seed []byte) (*schakel.Request, *schakel.Event) {
	r := &schakel.Request{ID: 9, Type: schakel.TypeCitizenBrake, Subject: "Besluit 2026-000123",
		Requester: schakel.Party{Kind: schakel.PartyAnonymous}, Ladder: []schakel.Addressee{{OrganisationID: 3, Role: schakel.RoleCoordinator}},
		Grounds: []schakel.Ground{{Principle: "zorgvuldigheid", Text: "Nee."}}}
	ev := &schakel.Event{RequestID: 9, Seq: 1, Type: schakel.EventCreated, At: time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC),
		Actor: r.Requester, State: schakel.StateOpen, CommitSeed: seed}
	return r, ev
}

// TestHidingCommitmentRefusesGuesses: on today's version 1 entry the
// brake's subject is confirmed by hashing a guess; on a version 5 entry the
// same guess (and the right text without its opening) matches nothing,
// while the text with its opening checks.
func TestHidingCommitmentRefusesGuesses(t *testing.T) {
	r, ev := brakeCreated(nil)
	v1 := Project(r, ev)
	if v1.Version != Version || v1.SubjectSHA256 != TextHash("Besluit 2026-000123") {
		t.Fatalf("version 1 entry: %+v", v1)
	}
	seed := testSeed(7)
	r, ev = brakeCreated(seed)
	e := Project(r, ev)
	if e.Version != HidingVersion {
		t.Fatalf("version %d, want %d", e.Version, HidingVersion)
	}
	data := e.Encode()
	for n := 120; n <= 125; n++ { // the attacker's enumeration of references
		guess := "Besluit 2026-000" + itoa(n)
		if h := TextHash(guess); bytes.Contains(data, []byte(h)) {
			t.Fatalf("the SHA-256 of the guess %q is in the entry %s", guess, data)
		}
	}
	for _, text := range []string{r.Subject, "Nee."} {
		if bytes.Contains(data, []byte(TextHash(text))) {
			t.Errorf("the plain SHA-256 of %q is in the entry", text)
		}
	}
	subject := Opening(seed, LabelSubject)
	if err := e.CheckText(LabelSubject, r.Subject, subject); err != nil {
		t.Errorf("the subject with its opening: %v", err)
	}
	if err := e.CheckText(LabelSubject, "Besluit 2026-000124", subject); !errors.Is(err, ErrTextMismatch) {
		t.Errorf("a wrong guess with the opening: %v", err)
	}
	// One text's opening opens no other: the ground does not check with
	// the subject's opening.
	if err := e.CheckText(LabelGroundsPrefix+"zorgvuldigheid", "Nee.", subject); !errors.Is(err, ErrTextMismatch) {
		t.Errorf("the ground with the subject's opening: %v", err)
	}
	if err := e.CheckText(LabelGroundsPrefix+"zorgvuldigheid", "Nee.", Opening(seed, LabelGroundsPrefix+"zorgvuldigheid")); err != nil {
		t.Errorf("the ground with its opening: %v", err)
	}
	if err := e.CheckText(LabelBody, "", subject); err == nil {
		t.Error("a text the entry does not commit to checked")
	}
	if err := e.CheckText(LabelSubject, r.Subject, nil); err == nil {
		t.Error("a version 5 text checked without its opening")
	}
	if err := v1.CheckText(LabelSubject, r.Subject, nil); err != nil {
		t.Errorf("a version 1 text: %v", err)
	}
	if err := v1.CheckText(LabelSubject, r.Subject, subject); err == nil {
		t.Error("a version 1 text checked with an opening")
	}
	if got := e.Labels(); strings.Join(got, " ") != "subject grounds/zorgvuldigheid" {
		t.Errorf("Labels = %q", got)
	}
}

func itoa(n int) string {
	return string(rune('0'+n/100)) + string(rune('0'+n/10%10)) + string(rune('0'+n%10))
}

// TestHidingEntryBytes pins the version 5 encoding: the commitments
// computed here with the standard library alone (HMAC-SHA-256 keyed with
// the seed over the domain and the label gives the opening; HMAC-SHA-256
// keyed with the opening over the text the commitment), the member names
// and their order. Decode gives the entry back, and EntryID reads its id.
func TestHidingEntryBytes(t *testing.T) {
	seed := testSeed(1)
	mac := func(key []byte, msg string) []byte {
		m := hmac.New(sha256.New, key)
		m.Write([]byte(msg))
		return m.Sum(nil)
	}
	commit := func(label, text string) string {
		return hex.EncodeToString(mac(mac(seed, "schakel ledger v5 opening\x00"+label), text))
	}
	r, ev := brakeCreated(seed)
	got := Project(r, ev).Encode()
	want := `{"v":5,"request":9,"seq":1,"event":"aangemaakt","requestType":"noodrem-burger","at":"2026-12-07T09:00:00Z",` +
		`"requester":{"kind":"anoniem"},"actor":{"kind":"anoniem"},"addressee":{"org":3,"role":"coordinator"},` +
		`"principles":["zorgvuldigheid"],"state":"open","rung":0,` +
		`"subjectCommit":"` + commit("subject", r.Subject) + `","groundsCommit":{"zorgvuldigheid":"` + commit("grounds/zorgvuldigheid", "Nee.") + `"}}`
	if string(got) != want {
		t.Fatalf("Encode:\n got %s\nwant %s", got, want)
	}
	e, err := Decode(got)
	if err != nil {
		t.Fatal(err)
	}
	if e.Version != HidingVersion || e.SubjectSHA256 != commit("subject", r.Subject) {
		t.Fatalf("Decode: %+v", e)
	}
	if id, seq, err := EntryID(got); err != nil || id != 9 || seq != 1 {
		t.Fatalf("EntryID = %d, %d, %v", id, seq, err)
	}
	// A version 5 entry spelled with the version 1 member names, and a
	// version 1 entry with the version 5 names, are refused.
	for _, bad := range [][]byte{
		bytes.Replace(got, []byte(`"subjectCommit"`), []byte(`"subjectSha256"`), 1),
		bytes.Replace(bytes.Replace(got, []byte(`{"v":5,`), []byte(`{"v":1,`), 1), []byte(`"subjectCommit"`), []byte(`"subjectSha256"`), -1),
		bytes.Replace(got, []byte(`{"v":5,`), []byte(`{"v":1,`), 1),
		bytes.Replace(got, []byte(`"rung":0,`), []byte(`"rung":0,"v":1,`), 1),
	} {
		if _, err := Decode(bad); err == nil {
			t.Errorf("Decode accepted %s", bad)
		}
	}
}

// TestHidingAfterErasure: once the seed is erased, the event projects as
// version 1 from its erased texts, and the two entries are equal once
// their text commitments and versions are masked — what a verifier
// compares for an erased request.
func TestHidingAfterErasure(t *testing.T) {
	r, ev := brakeCreated(testSeed(3))
	logged := Project(r, ev)
	r.Subject, r.Grounds[0].Text, ev.CommitSeed = schakel.ErasedText, schakel.ErasedText, nil
	now := Project(r, ev)
	if now.Version != Version {
		t.Fatalf("version %d after erasure", now.Version)
	}
	if !bytes.Equal(logged.WithoutTextHashes().Encode(), now.WithoutTextHashes().Encode()) {
		t.Fatalf("masked entries differ:\n%s\n%s", logged.WithoutTextHashes().Encode(), now.WithoutTextHashes().Encode())
	}
	// Every other field still counts.
	now.State = schakel.StateClosed
	if bytes.Equal(logged.WithoutTextHashes().Encode(), now.WithoutTextHashes().Encode()) {
		t.Fatal("masking hid a changed state")
	}
}

// TestHidingProjectEvents: every kind of event with texts projects with a
// seed to a valid version 5 entry that round-trips and commits to each of
// its texts under that text's opening.
func TestHidingProjectEvents(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for range 200 {
		e := randomEntry(rng)
		e.Version = HidingVersion
		data := e.Encode()
		got, err := Decode(data)
		if err != nil {
			t.Fatalf("Decode(%s): %v", data, err)
		}
		if !bytes.Equal(got.Encode(), data) {
			t.Fatalf("round trip: %s", data)
		}
	}
	seed := testSeed(9)
	r := testRequest()
	ev := &schakel.Event{RequestID: 42, Seq: 4, Type: schakel.EventAnswered, State: schakel.StateAnswered, At: time.Date(2026, 4, 1, 8, 0, 0, 0, time.UTC),
		Actor: schakel.Party{Kind: schakel.PartyOrganisation, OrganisationID: 3}, CommitSeed: seed,
		Data: schakel.EventData{Answer: schakel.Partial, Changes: "Ja.", Motivations: map[string]string{"evenredigheid": "Nee.", "zorgvuldigheid": "Ook nee."}, Reason: "Daarom."}}
	e := Project(r, ev)
	if err := e.Validate(); err != nil {
		t.Fatal(err)
	}
	texts := map[string]string{"changes": "Ja.", "motivations/evenredigheid": "Nee.", "motivations/zorgvuldigheid": "Ook nee.", "reason": "Daarom."}
	if len(e.Labels()) != len(texts) {
		t.Fatalf("Labels = %q", e.Labels())
	}
	for _, l := range e.Labels() {
		if err := e.CheckText(l, texts[l], Opening(seed, l)); err != nil {
			t.Errorf("%s: %v", l, err)
		}
	}
	// The seeds of two events give different commitments to equal texts.
	ev.CommitSeed = testSeed(10)
	if Project(r, ev).ChangesSHA256 == e.ChangesSHA256 {
		t.Error("two seeds gave one commitment")
	}
}

func FuzzDecodeHiding(f *testing.F) {
	rng := rand.New(rand.NewPCG(7, 8))
	for range 20 {
		e := randomEntry(rng)
		e.Version = HidingVersion
		f.Add(e.Encode())
	}
	r, ev := brakeCreated(testSeed(2))
	f.Add(Project(r, ev).Encode())
	f.Add([]byte(`{"v":5,"request":1}`))
	f.Add([]byte(`{"v":5,"request":1,"seq":1,"event":"x","requestType":"y","at":"2026-01-01T00:00:00Z","requester":{"kind":"a"},"actor":{"kind":"a"},"addressee":{"org":0,"role":""},"state":"s","rung":0}`))
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
		if IsHidingEntry(data) != (e.Version == HidingVersion) {
			t.Fatalf("version %d of %q", e.Version, data)
		}
		if r, s, err := EntryID(data); err != nil || r != e.RequestID || s != e.Seq {
			t.Fatalf("EntryID = %d, %d, %v, want %d, %d", r, s, err, e.RequestID, e.Seq)
		}
		for _, l := range e.Labels() {
			if e.Commitment(l) == "" {
				t.Fatalf("label %q without a commitment", l)
			}
		}
	})
}
