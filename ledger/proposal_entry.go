package ledger

import (
	"bytes"
	"fmt"
	"time"

	"github.com/schakel-nl/schakel"
)

// ProposalVersion is the format version of the entries about proposals
// and their implementation assessment (FORMAT.md, "Entries about
// proposals"). A log holds entries of every version; each keeps its own.
const ProposalVersion = 3

// ProposalEntry is the public projection of one event of a proposal: its
// registration, the request for assessments, the secretary-general's
// signature, its going to parliament and its entry into force, with the
// SHA-256 digest of what the step fixed. The assessments themselves and
// the minister's answers are requests for account: their steps are
// entries of version 1.
type ProposalEntry struct {
	// Version is ProposalVersion.
	Version int `json:"v"`
	// ProposalID and Seq identify the event: the proposal and the event's
	// number in its history (1 for the registration).
	ProposalID int64 `json:"proposal"`
	Seq        int   `json:"seq"`
	// Event is the event type, such as "geregistreerd" or "getekend".
	Event schakel.ProposalEventType `json:"event"`
	// At is when it happened, in TimeLayout.
	At string `json:"at"`
	// Ministry is the id of the ministry whose proposal it is.
	Ministry int64 `json:"ministry"`
	// DigestSHA256 is the event's Digest: of the proposal's texts at its
	// registration, of the signature's statement and what it covers at the
	// signature; absent for an event that fixed nothing.
	DigestSHA256 string `json:"digestSha256,omitempty"`
}

// ProjectProposal returns the log entry of event ev of a proposal of the
// ministry ministryID.
func ProjectProposal(ministryID int64, ev *schakel.ProposalEvent) ProposalEntry {
	return ProposalEntry{Version: ProposalVersion, ProposalID: ev.ProposalID, Seq: ev.Seq, Event: ev.Type,
		At: ev.At.UTC().Truncate(time.Second).Format(TimeLayout), Ministry: ministryID, DigestSHA256: ev.Digest}
}

// Encode returns the canonical encoding of e, as for Entry.Encode.
func (e ProposalEntry) Encode() []byte { return encodeCanonical(e, "proposal entry") }

// Validate checks every field of e. The event type is checked for form,
// not membership, so an entry of a later event type still validates; the
// registration and the signature must carry their digest.
func (e ProposalEntry) Validate() error {
	head := subjectHead{what: "proposal entry", version: e.Version, want: ProposalVersion, id: e.ProposalID, seq: e.Seq, org: e.Ministry, at: e.At,
		idName: "proposal", orgName: "ministry"}
	if err := head.check(); err != nil {
		return err
	}
	if err := checkToken("event", string(e.Event), false); err != nil {
		return err
	}
	if e.DigestSHA256 == "" && (e.Event == schakel.ProposalEventRegistered || e.Event == schakel.ProposalEventSigned) {
		return fmt.Errorf("ledger: proposal entry field digestSha256: an event %q commits to what it fixed", e.Event)
	}
	return checkHash("digestSha256", e.DigestSHA256)
}

// DecodeProposal parses an encoded proposal entry strictly, as Decode does
// an entry about a request: one encoding per entry.
func DecodeProposal(data []byte) (ProposalEntry, error) {
	return decodeCanonical[ProposalEntry](data, ProposalVersion, "proposal entry")
}

// proposalPrefix is the canonical start of every proposal entry.
const proposalPrefix = `{"v":3,"proposal":`

// IsProposalEntry reports whether data is (shaped as) an entry about a
// proposal rather than about a request or the register of cases.
func IsProposalEntry(data []byte) bool { return bytes.HasPrefix(data, []byte(proposalPrefix)) }

// ProposalEntryID returns the event id (proposal id and event number) of
// an encoded proposal entry by reading only its canonical prefix, as
// EntryID.
func ProposalEntryID(data []byte) (proposalID int64, seq int, err error) {
	return subjectEntryID(data, proposalPrefix, "proposal entry id", "proposal id", "event number")
}
