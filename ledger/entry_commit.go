package ledger

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/schakel-nl/schakel"
)

// HidingVersion is the format version of the entries about requests that
// commit to their texts with hiding commitments (FORMAT.md, "Entries about
// requests with hiding commitments (version 5)", decision 0037). Entries of
// Version 1 keep their plain SHA-256; a log holds both, and an event is
// projected as version 5 exactly when it has a commitment seed.
const HidingVersion = 5

// SeedSize is the size in bytes of an event's commitment seed: the secret
// the store draws from crypto/rand for every event, keeps beside its texts
// and erases with them.
const SeedSize = 32

// The labels of the texts an entry commits to. A ground's and a
// motivation's label is the prefix followed by the principle code, as
// "grounds/zorgvuldigheid".
const (
	LabelSubject           = "subject"
	LabelBody              = "body"
	LabelChanges           = "changes"
	LabelReason            = "reason"
	LabelGroundsPrefix     = "grounds/"
	LabelMotivationsPrefix = "motivations/"
)

// openingDomain separates the derivation of openings from every other use
// of HMAC-SHA-256 with an event's seed.
const openingDomain = "schakel ledger v5 opening\x00"

// Opening returns the opening of the text labelled label of the event whose
// commitment seed is seed: HMAC-SHA-256 keyed with the seed over the
// domain and the label. Each text has its own opening, and one opening says
// nothing of another (HMAC is a pseudo-random function of its key), so the
// opening of one text can be handed to one person to prove that text
// without revealing anything about the others. It panics on a seed that is
// not SeedSize bytes: a seed is made by the store, never read from outside.
func Opening(seed []byte, label string) []byte {
	if len(seed) != SeedSize {
		panic(fmt.Sprintf("ledger: commitment seed of %d bytes, not %d", len(seed), SeedSize))
	}
	m := hmac.New(sha256.New, seed)
	m.Write([]byte(openingDomain))
	m.Write([]byte(label))
	return m.Sum(nil)
}

// Commit returns the hiding commitment to text under its opening: the
// lowercase hex HMAC-SHA-256 keyed with the opening over the text's UTF-8
// bytes exactly as stored, or "" for the empty text (an absent text has no
// commitment). Without the opening, 32 random-looking bytes, a guess of
// the text cannot be checked against the commitment.
func Commit(opening []byte, text string) string {
	if text == "" {
		return ""
	}
	m := hmac.New(sha256.New, opening)
	m.Write([]byte(text))
	return hex.EncodeToString(m.Sum(nil))
}

// commitTexts commits to each text of a map under the openings of its
// labels prefix+key.
func commitTexts(seed []byte, prefix string, texts map[string]string) map[string]string {
	if len(texts) == 0 {
		return nil
	}
	m := make(map[string]string, len(texts))
	for k, v := range texts {
		if v == "" {
			m[k] = "" // as Commit has it, without computing the opening
			continue
		}
		m[k] = Commit(Opening(seed, prefix+k), v)
	}
	return m
}

// Commitment returns what e commits to for the text labelled label (the
// SHA-256 of a version 1 entry, the hiding commitment of a version 5
// entry), or "" when e has no such text.
func (e Entry) Commitment(label string) string {
	switch {
	case label == LabelSubject:
		return e.SubjectSHA256
	case label == LabelBody:
		return e.BodySHA256
	case label == LabelChanges:
		return e.ChangesSHA256
	case label == LabelReason:
		return e.ReasonSHA256
	case strings.HasPrefix(label, LabelGroundsPrefix):
		return e.GroundsSHA256[strings.TrimPrefix(label, LabelGroundsPrefix)]
	case strings.HasPrefix(label, LabelMotivationsPrefix):
		return e.MotivationsSHA256[strings.TrimPrefix(label, LabelMotivationsPrefix)]
	}
	return ""
}

// Labels returns the labels of every text e commits to, in the order of
// the entry's members (and of principle codes within a map).
func (e Entry) Labels() []string {
	var out []string
	add := func(label, c string) {
		if c != "" {
			out = append(out, label)
		}
	}
	add(LabelSubject, e.SubjectSHA256)
	add(LabelBody, e.BodySHA256)
	for _, k := range sortedKeys(e.GroundsSHA256) {
		out = append(out, LabelGroundsPrefix+k)
	}
	add(LabelChanges, e.ChangesSHA256)
	for _, k := range sortedKeys(e.MotivationsSHA256) {
		out = append(out, LabelMotivationsPrefix+k)
	}
	add(LabelReason, e.ReasonSHA256)
	return out
}

// ErrTextMismatch is returned by [Entry.CheckText] for a text (or opening)
// that is not the one the entry commits to.
var ErrTextMismatch = errors.New("ledger: the text is not the one the entry commits to")

// CheckText reports whether text is the text labelled label that e commits
// to. For a version 5 entry opening must be that text's opening (see
// [Opening]; whoever may see the text gets it with the text); for a
// version 1 entry, which commits by plain SHA-256, opening must be nil. It
// returns nil on a match, [ErrTextMismatch] when text or opening is wrong,
// and another error when e has no such text or the opening has the wrong
// form. It is pure: it needs the entry (checked against the log by its
// inclusion proof), the text and its opening, nothing else.
func (e Entry) CheckText(label, text string, opening []byte) error {
	want := e.Commitment(label)
	if want == "" {
		return fmt.Errorf("ledger: the entry commits to no text %q", label)
	}
	var got string
	switch e.Version {
	case Version:
		if opening != nil {
			return errors.New("ledger: a version 1 entry commits by plain SHA-256 and has no openings")
		}
		got = TextHash(text)
	case HidingVersion:
		if len(opening) != sha256.Size {
			return fmt.Errorf("ledger: an opening has %d bytes, not %d", sha256.Size, len(opening))
		}
		got = Commit(opening, text)
	default:
		return fmt.Errorf("%w %d", ErrUnknownVersion, e.Version)
	}
	if !hmac.Equal([]byte(got), []byte(want)) {
		return ErrTextMismatch
	}
	return nil
}

// entryV5 is the wire form of a version 5 entry: the fields of Entry in
// the same order, with the text members named for what they hold, a
// commitment rather than a SHA-256. Go converts between the two types
// (their fields are identical but for the tags).
type entryV5 struct {
	Version           int                  `json:"v"`
	RequestID         int64                `json:"request"`
	Seq               int                  `json:"seq"`
	Event             schakel.EventType    `json:"event"`
	RequestType       schakel.RequestType  `json:"requestType"`
	At                string               `json:"at"`
	Requester         PartyRef             `json:"requester"`
	Actor             PartyRef             `json:"actor"`
	Addressee         AddresseeRef         `json:"addressee"`
	From              *AddresseeRef        `json:"from,omitempty"`
	To                *AddresseeRef        `json:"to,omitempty"`
	Principles        []string             `json:"principles,omitempty"`
	State             schakel.RequestState `json:"state"`
	Rung              int                  `json:"rung"`
	Answer            schakel.AnswerKind   `json:"answer,omitempty"`
	Urgent            bool                 `json:"urgent,omitempty"`
	Late              bool                 `json:"late,omitempty"`
	Missed            string               `json:"missed,omitempty"`
	Term              string               `json:"term,omitempty"`
	AckDue            string               `json:"ackDue,omitempty"`
	AnswerDue         string               `json:"answerDue,omitempty"`
	ByWhen            string               `json:"byWhen,omitempty"`
	SubjectSHA256     string               `json:"subjectCommit,omitempty"`
	BodySHA256        string               `json:"bodyCommit,omitempty"`
	GroundsSHA256     map[string]string    `json:"groundsCommit,omitempty"`
	ChangesSHA256     string               `json:"changesCommit,omitempty"`
	MotivationsSHA256 map[string]string    `json:"motivationsCommit,omitempty"`
	ReasonSHA256      string               `json:"reasonCommit,omitempty"`
}

// hidingPrefix is the canonical start of every version 5 entry.
const hidingPrefix = `{"v":5,"request":`

// IsHidingEntry reports whether data is (shaped as) a version 5 entry
// about a request.
func IsHidingEntry(data []byte) bool { return bytes.HasPrefix(data, []byte(hidingPrefix)) }

// sortedKeys returns the keys of m sorted bytewise.
func sortedKeys(m map[string]string) []string { return slices.Sorted(maps.Keys(m)) }

// decodeHiding decodes a version 5 entry strictly, as Decode a version 1
// entry: its own member names, every field valid, one encoding.
func decodeHiding(data []byte) (Entry, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var w entryV5
	if err := dec.Decode(&w); err != nil {
		return Entry{}, fmt.Errorf("ledger: decode entry: %w", err)
	}
	e := Entry(w)
	if e.Version != HidingVersion {
		return Entry{}, errors.New("ledger: decode entry: not in canonical form (a duplicate version)")
	}
	if err := e.Validate(); err != nil {
		return Entry{}, err
	}
	if !bytes.Equal(e.Encode(), data) {
		return Entry{}, errors.New("ledger: decode entry: not in canonical form (field order, spacing, escaping or a duplicate field)")
	}
	return e, nil
}

// Openings returns the opening of every text the log entry of event ev of
// request r commits to, by label (see [Entry.Labels]), for whoever may see
// those texts: with a text and its opening anyone can check the text
// against the public entry ([Entry.CheckText]). It is nil for an event
// without a commitment seed (logged as version 1, or erased).
func Openings(r *schakel.Request, ev *schakel.Event) map[string][]byte {
	if ev.CommitSeed == nil {
		return nil
	}
	labels := Project(r, ev).Labels()
	if len(labels) == 0 {
		return nil
	}
	out := make(map[string][]byte, len(labels))
	for _, l := range labels {
		out[l] = Opening(ev.CommitSeed, l)
	}
	return out
}
