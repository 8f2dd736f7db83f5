package ledger

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/schakel-nl/schakel"
)

// Version is the first entry format version of entries about requests,
// which commit to texts by plain SHA-256; [Project] writes it for an event
// without a commitment seed, and [HidingVersion] for one with. [Decode]
// accepts both. A change to the meaning or the spelling of any field takes
// a new version; entries already in the log keep theirs for ever.
const Version = 1

// MaxEntrySize is the largest encoded entry: C2SP entry bundles prefix each
// entry with a big-endian uint16 length.
const MaxEntrySize = 1<<16 - 1

// TimeLayout is the layout of [Entry.At]: RFC 3339 in UTC with whole seconds
// ("2026-03-01T09:30:00Z"). Event times are truncated, not rounded, to the
// second: the public record needs no finer time, and the stores keep
// different sub-second precision, so a projection recomputed from a stored
// event is byte-for-byte the one appended.
const TimeLayout = "2006-01-02T15:04:05Z"

// DateLayout is the layout of the civil dates in an entry: "2026-04-14".
const DateLayout = "2006-01-02"

// ErrUnknownVersion is returned by [Decode] for an entry whose version field
// is neither [Version] nor [HidingVersion].
var ErrUnknownVersion = errors.New("ledger: unknown entry format version")

// Entry is the canonical public projection of one accountability event: the
// facts anyone may see, and the SHA-256 of every text so a published text
// can be checked against the log, and an erased one leaves the log intact.
// It holds no personal data, no free text and no user ids: parties appear
// only by kind and, when they act for an organisation, its id.
//
// The JSON names below are the wire format of version 1 (see FORMAT.md);
// fields with omitempty are absent when empty. Empty maps and slices must be
// nil, so that Decode(e.Encode()) equals e.
type Entry struct {
	// Version is the format version, [Version] for entries this package makes.
	Version int `json:"v"`
	// RequestID and Seq identify the event: the request and the event's
	// number in its history (1 for the creation).
	RequestID int64 `json:"request"`
	Seq       int   `json:"seq"`
	// Event is the event type, such as "aangemaakt" or "beantwoord".
	Event schakel.EventType `json:"event"`
	// RequestType is the kind of request, such as "noodrem-professional".
	RequestType schakel.RequestType `json:"requestType"`
	// At is when the event happened, in [TimeLayout].
	At string `json:"at"`
	// Requester is who made the request: kind, and organisation id when an
	// organisation made it.
	Requester PartyRef `json:"requester"`
	// Actor is who caused the event, in the same form.
	Actor PartyRef `json:"actor"`
	// Addressee is the organisation and role that must answer after the event
	// (the addressee at rung Rung).
	Addressee AddresseeRef `json:"addressee"`
	// From and To are the rungs an escalation or contest moved between.
	From *AddresseeRef `json:"from,omitempty"`
	To   *AddresseeRef `json:"to,omitempty"`
	// Principles are the codes of the principles the request cites, sorted.
	Principles []string `json:"principles,omitempty"`
	// State and Rung are the request's state and rung after the event.
	State schakel.RequestState `json:"state"`
	Rung  int                  `json:"rung"`
	// Answer is comply or explain, for an answer.
	Answer schakel.AnswerKind `json:"answer,omitempty"`
	// Urgent reports whether the request asked for the urgent term.
	Urgent bool `json:"urgent,omitempty"`
	// Late reports whether an answer came after its deadline.
	Late bool `json:"late,omitempty"`
	// Missed is the deadline a sweep found missed: "ontvangst" or "antwoord".
	Missed string `json:"missed,omitempty"`
	// Term is the term of an extension, such as "P4W".
	Term string `json:"term,omitempty"`
	// AckDue, AnswerDue and ByWhen are civil dates in [DateLayout]: the
	// deadlines the event set, and the date a comply promises its changes by.
	AckDue    string `json:"ackDue,omitempty"`
	AnswerDue string `json:"answerDue,omitempty"`
	ByWhen    string `json:"byWhen,omitempty"`
	// SubjectSHA256, BodySHA256 and GroundsSHA256 (per principle code) commit
	// to the texts of the request; they are set on the creation event only.
	SubjectSHA256 string            `json:"subjectSha256,omitempty"`
	BodySHA256    string            `json:"bodySha256,omitempty"`
	GroundsSHA256 map[string]string `json:"groundsSha256,omitempty"`
	// ChangesSHA256 commits to what a comply changes; MotivationsSHA256 to an
	// explain's motivation per principle code; ReasonSHA256 to the reason of
	// a contest, extension, withdrawal, closure or escalation.
	ChangesSHA256     string            `json:"changesSha256,omitempty"`
	MotivationsSHA256 map[string]string `json:"motivationsSha256,omitempty"`
	ReasonSHA256      string            `json:"reasonSha256,omitempty"`
}

// PartyRef is a party as the public record shows it: its kind and, for an
// organisation, the organisation's id. Users are never named.
type PartyRef struct {
	Kind         schakel.PartyKind `json:"kind"`
	Organisation int64             `json:"org,omitempty"`
}

// AddresseeRef is an addressee as the public record shows it.
type AddresseeRef struct {
	Organisation int64        `json:"org"`
	Role         schakel.Role `json:"role"`
}

// TextHash returns the lowercase hex SHA-256 of text's UTF-8 bytes exactly
// as stored, or "" for the empty text (an absent text has no hash).
func TextHash(text string) string {
	if text == "" {
		return ""
	}
	sum := sha256.Sum256([]byte(text))
	return hex.EncodeToString(sum[:])
}

func partyRef(p schakel.Party) PartyRef {
	ref := PartyRef{Kind: p.Kind}
	if p.Kind == schakel.PartyOrganisation {
		ref.Organisation = p.OrganisationID
	}
	return ref
}

func addresseeRef(a *schakel.Addressee) *AddresseeRef {
	if a == nil {
		return nil
	}
	return &AddresseeRef{Organisation: a.OrganisationID, Role: a.Role}
}

func hashTexts(texts map[string]string) map[string]string {
	if len(texts) == 0 {
		return nil
	}
	m := make(map[string]string, len(texts))
	for k, v := range texts {
		m[k] = TextHash(v)
	}
	return m
}

// Project returns the public projection of event ev of request r. It uses
// only the facts of r that do not change over its life (type, requester,
// grounds, ladder, urgency) and the event itself, so it gives the same
// entry whether r is the request as it was at the event or as it is now.
// Texts of the request (subject, body, grounds) are committed to on the
// creation event only.
//
// An event with a commitment seed (ev.CommitSeed, [SeedSize] bytes) is
// projected as a version 5 entry: each text is committed to by
// [Commit]([Opening](seed, label), text), which cannot be checked against a
// guess without the opening. An event without one is projected as a
// version 1 entry, by plain SHA-256, as every event was before version 5.
// Project panics on a seed of another size.
func Project(r *schakel.Request, ev *schakel.Event) Entry {
	e := Entry{
		Version:     Version,
		RequestID:   ev.RequestID,
		Seq:         ev.Seq,
		Event:       ev.Type,
		RequestType: r.Type,
		At:          ev.At.UTC().Truncate(time.Second).Format(TimeLayout),
		Requester:   partyRef(r.Requester),
		Actor:       partyRef(ev.Actor),
		State:       ev.State,
		Rung:        ev.Rung,
		Urgent:      r.Urgent,
	}
	if e.RequestID == 0 {
		e.RequestID = r.ID
	}
	if ev.Rung >= 0 && ev.Rung < len(r.Ladder) {
		e.Addressee = *addresseeRef(&r.Ladder[ev.Rung])
	}
	for _, g := range r.Grounds {
		if !slices.Contains(e.Principles, g.Principle) {
			e.Principles = append(e.Principles, g.Principle)
		}
	}
	slices.Sort(e.Principles)
	commit := TextHash
	commitMap := func(_ string, texts map[string]string) map[string]string { return hashTexts(texts) }
	seed := ev.CommitSeed
	if seed != nil {
		e.Version = HidingVersion
		commit = nil
		commitMap = func(prefix string, texts map[string]string) map[string]string {
			return commitTexts(seed, prefix, texts)
		}
	}
	commitTo := func(label, text string) string {
		if text == "" {
			// No text, no commitment: not even its opening is needed
			// (most events have no changes or reason: verification
			// projects a million of them).
			return ""
		}
		if commit != nil {
			return commit(text)
		}
		return Commit(Opening(seed, label), text)
	}
	if ev.Type == schakel.EventCreated {
		e.SubjectSHA256 = commitTo(LabelSubject, r.Subject)
		e.BodySHA256 = commitTo(LabelBody, r.Body)
		if len(r.Grounds) > 0 {
			grounds := make(map[string]string, len(r.Grounds))
			for _, g := range r.Grounds {
				grounds[g.Principle] = g.Text
			}
			e.GroundsSHA256 = commitMap(LabelGroundsPrefix, grounds)
		}
	}
	d := ev.Data
	e.Answer = d.Answer
	e.Late = d.Late
	e.Missed = d.Missed
	e.Term = d.Term
	e.From, e.To = addresseeRef(d.From), addresseeRef(d.To)
	if d.AckDue != nil {
		e.AckDue = d.AckDue.String()
	}
	if d.AnswerDue != nil {
		e.AnswerDue = d.AnswerDue.String()
	}
	if d.ByWhen != nil {
		e.ByWhen = d.ByWhen.String()
	}
	e.ChangesSHA256 = commitTo(LabelChanges, d.Changes)
	e.MotivationsSHA256 = commitMap(LabelMotivationsPrefix, d.Motivations)
	e.ReasonSHA256 = commitTo(LabelReason, d.Reason)
	return e
}

// Encode returns the canonical encoding of e: JSON with the fields in the
// order of the Entry type, object keys sorted bytewise, no insignificant
// whitespace, no HTML escaping and no trailing newline. It is deterministic:
// equal entries encode to equal bytes. Encode does not validate e; entries
// made by [Project] are valid, and [Decode] refuses anything else.
//
// A version 5 entry is encoded with its text members named for
// commitments (subjectCommit, …; FORMAT.md); every other version as
// version 1.
func (e Entry) Encode() []byte {
	return e.AppendEncode(make([]byte, 0, 512))
}

// Decode parses an encoded entry strictly: it refuses an unknown version
// (with [ErrUnknownVersion]), unknown or missing fields, invalid values, and
// any encoding that is not exactly the canonical one [Entry.Encode] gives,
// so that one entry has one encoding and hence one leaf hash.
func Decode(data []byte) (Entry, error) {
	if len(data) > MaxEntrySize {
		return Entry{}, fmt.Errorf("ledger: decode entry: %d bytes, more than %d", len(data), MaxEntrySize)
	}
	// The canonical form starts with the version; look at anything else
	// only to say what is wrong.
	if IsHidingEntry(data) {
		return decodeHiding(data)
	}
	if !bytes.HasPrefix(data, []byte(`{"v":1,`)) {
		var head struct {
			V *json.RawMessage `json:"v"`
		}
		if err := json.Unmarshal(data, &head); err != nil {
			return Entry{}, fmt.Errorf("ledger: decode entry: %w", err)
		}
		if head.V == nil {
			return Entry{}, errors.New("ledger: decode entry: no version field \"v\"")
		}
		if string(*head.V) != "1" && string(*head.V) != "5" {
			return Entry{}, fmt.Errorf("%w %s (this verifier knows %d and %d)", ErrUnknownVersion, *head.V, Version, HidingVersion)
		}
		return Entry{}, errors.New("ledger: decode entry: not in canonical form (the version must come first)")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var e Entry
	if err := dec.Decode(&e); err != nil {
		return Entry{}, fmt.Errorf("ledger: decode entry: %w", err)
	}
	if err := e.Validate(); err != nil {
		return Entry{}, err
	}
	if !bytes.Equal(e.Encode(), data) {
		return Entry{}, errors.New("ledger: decode entry: not in canonical form (field order, spacing, escaping or a duplicate field)")
	}
	return e, nil
}

const maxToken = 60

// isToken reports whether s matches ^[a-z0-9]+(-[a-z0-9]+)*$ (the form of
// principle codes and of schakel's vocabularies) and is at most maxToken
// bytes.
func isToken(s string) bool {
	if s == "" || len(s) > maxToken || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c == '-' && s[i-1] != '-':
		default:
			return false
		}
	}
	return true
}

// isHash reports whether s is 64 lower-case hex digits.
func isHash(s string) bool {
	if len(s) != 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

func checkToken(field, s string, optional bool) error {
	if s == "" && optional {
		return nil
	}
	if !isToken(s) {
		return fmt.Errorf("ledger: entry field %s: %q is not a lower-case code", field, s)
	}
	return nil
}

func checkHash(field, s string) error {
	if s != "" && !isHash(s) {
		return fmt.Errorf("ledger: entry field %s: %q is not a lower-case hex SHA-256", field, s)
	}
	return nil
}

func checkDate(field, s string) error {
	if s == "" {
		return nil
	}
	if t, err := time.Parse(DateLayout, s); err != nil || t.Format(DateLayout) != s {
		return fmt.Errorf("ledger: entry field %s: %q is not a date YYYY-MM-DD", field, s)
	}
	return nil
}

func checkHashMap(field string, m map[string]string) error {
	if m != nil && len(m) == 0 {
		return fmt.Errorf("ledger: entry field %s: empty (leave it out)", field)
	}
	for k, v := range m {
		if err := checkToken(field+" key", k, false); err != nil {
			return err
		}
		if v == "" {
			return fmt.Errorf("ledger: entry field %s.%s: empty hash", field, k)
		}
		if err := checkHash(field+"."+k, v); err != nil {
			return err
		}
	}
	return nil
}

func (p PartyRef) check(field string) error {
	if err := checkToken(field+".kind", string(p.Kind), false); err != nil {
		return err
	}
	if p.Organisation < 0 {
		return fmt.Errorf("ledger: entry field %s.org: negative", field)
	}
	return nil
}

func (a *AddresseeRef) check(field string, optional bool) error {
	if a == nil {
		return nil
	}
	if a.Organisation < 0 {
		return fmt.Errorf("ledger: entry field %s.org: negative", field)
	}
	return checkToken(field+".role", string(a.Role), optional && a.Organisation == 0)
}

// Validate reports the first field of e that is not a valid version 1
// value. Vocabularies (event types, states, roles) are checked for form,
// not membership, so an entry of a newer event type still validates.
func (e Entry) Validate() error {
	if err := e.checkNumbers(); err != nil {
		return err
	}
	if err := e.checkEvent(); err != nil {
		return err
	}
	if err := e.checkParties(); err != nil {
		return err
	}
	if err := e.checkPrinciples(); err != nil {
		return err
	}
	if err := e.checkTerms(); err != nil {
		return err
	}
	return e.checkHashes()
}

// checkNumbers checks the format version, the event's id (request and
// event number) and the rung.
func (e *Entry) checkNumbers() error {
	if e.Version != Version && e.Version != HidingVersion {
		return fmt.Errorf("%w %d (this verifier knows %d and %d)", ErrUnknownVersion, e.Version, Version, HidingVersion)
	}
	if e.RequestID <= 0 {
		return fmt.Errorf("ledger: entry field request: %d is not a request id", e.RequestID)
	}
	if e.Seq < 1 {
		return fmt.Errorf("ledger: entry field seq: %d is not an event number", e.Seq)
	}
	if e.Rung < 0 {
		return fmt.Errorf("ledger: entry field rung: negative")
	}
	return nil
}

// checkEvent checks the codes that say what happened (event type, request
// type, state, answer, missed deadline) and when.
func (e *Entry) checkEvent() error {
	for _, c := range []struct {
		field, value string
		optional     bool
	}{
		{"event", string(e.Event), false},
		{"requestType", string(e.RequestType), false},
		{"state", string(e.State), false},
		{"answer", string(e.Answer), true},
		{"missed", e.Missed, true},
	} {
		if err := checkToken(c.field, c.value, c.optional); err != nil {
			return err
		}
	}
	if t, err := time.Parse(TimeLayout, e.At); err != nil || t.Format(TimeLayout) != e.At {
		return fmt.Errorf("ledger: entry field at: %q is not a UTC time %s", e.At, TimeLayout)
	}
	return nil
}

// checkParties checks the requester, the actor, the addressee and the
// rungs an escalation moved between.
func (e *Entry) checkParties() error {
	if err := e.Requester.check("requester"); err != nil {
		return err
	}
	if err := e.Actor.check("actor"); err != nil {
		return err
	}
	if err := e.Addressee.check("addressee", true); err != nil {
		return err
	}
	if err := e.From.check("from", false); err != nil {
		return err
	}
	return e.To.check("to", false)
}

// checkPrinciples checks that the principle codes, if any, are codes,
// sorted and unique. An empty list must be left out: an entry has exactly
// one encoding (see FORMAT.md).
func (e *Entry) checkPrinciples() error {
	if e.Principles != nil && len(e.Principles) == 0 {
		return errors.New("ledger: entry field principles: empty (leave it out)")
	}
	for i, p := range e.Principles {
		if err := checkToken("principles", p, false); err != nil {
			return err
		}
		if i > 0 && e.Principles[i-1] >= p {
			return errors.New("ledger: entry field principles: not sorted and unique")
		}
	}
	return nil
}

// checkTerms checks the term of an extension and the dates of the
// deadlines.
func (e *Entry) checkTerms() error {
	if len(e.Term) > maxToken || !printable(e.Term) {
		return fmt.Errorf("ledger: entry field term: %q is not a term", e.Term)
	}
	for _, c := range [][2]string{{"ackDue", e.AckDue}, {"answerDue", e.AnswerDue}, {"byWhen", e.ByWhen}} {
		if err := checkDate(c[0], c[1]); err != nil {
			return err
		}
	}
	return nil
}

// checkHashes checks the hashes that commit to the texts.
func (e *Entry) checkHashes() error {
	for _, c := range [][2]string{{"subjectSha256", e.SubjectSHA256}, {"bodySha256", e.BodySHA256}, {"changesSha256", e.ChangesSHA256}, {"reasonSha256", e.ReasonSHA256}} {
		if err := checkHash(c[0], c[1]); err != nil {
			return err
		}
	}
	if err := checkHashMap("groundsSha256", e.GroundsSHA256); err != nil {
		return err
	}
	return checkHashMap("motivationsSha256", e.MotivationsSHA256)
}

// printable reports whether s is valid UTF-8 of printable characters and
// spaces only.
func printable(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if !unicode.IsPrint(r) {
			return false
		}
	}
	return true
}

// EntryID returns the event id (request id and event number) of an encoded
// entry by reading only its canonical prefix `{"v":1,"request":N,"seq":M,`
// (or `{"v":5,…` for version 5). It is much cheaper than [Decode], for
// indexing a whole log by event; it does not validate the rest of the entry.
func EntryID(data []byte) (requestID int64, seq int, err error) {
	rest, ok := bytes.CutPrefix(data, []byte(`{"v":1,"request":`))
	if !ok {
		rest, ok = bytes.CutPrefix(data, []byte(hidingPrefix))
	}
	if !ok {
		return 0, 0, errors.New("ledger: entry id: not a version 1 or 5 entry about a request")
	}
	num := func(rest []byte, next string) (int64, []byte, bool) {
		i := bytes.IndexByte(rest, ',')
		if i < 1 || rest[0] < '1' || rest[0] > '9' {
			return 0, nil, false
		}
		n, err := strconv.ParseInt(string(rest[:i]), 10, 64)
		if err != nil {
			return 0, nil, false
		}
		rest, ok := bytes.CutPrefix(rest[i:], []byte(next))
		return n, rest, ok
	}
	requestID, rest, ok = num(rest, `,"seq":`)
	if !ok {
		return 0, 0, errors.New("ledger: entry id: malformed request id")
	}
	s, _, ok := num(rest, `,"event":`)
	if !ok || s > math.MaxInt32 {
		return 0, 0, errors.New("ledger: entry id: malformed event number")
	}
	return requestID, int(s), nil
}
