package ledger

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/schakel-nl/schakel"
)

// CaseVersion is the format version of the entries about the register of
// published cases (FORMAT.md, "Entries about the register of cases"). The
// entries about requests keep Version; a log holds both.
const CaseVersion = 2

// CaseEntry is the public projection of one change of the register of
// published cases: a publication, correction or withdrawal, with the
// SHA-256 of the version it published, corrected to or withdrew and of its
// public reason. The register's texts can be corrected and withdrawn; the
// log keeps, for ever, that they were and which version each was.
type CaseEntry struct {
	// Version is CaseVersion.
	Version int `json:"v"`
	// CaseID and Seq identify the change: the case and the change's number
	// in the register (1 for the publication).
	CaseID int64 `json:"case"`
	Seq    int   `json:"seq"`
	// Event is "gepubliceerd", "gecorrigeerd" or "ingetrokken".
	Event schakel.PrecedentChangeKind `json:"event"`
	// At is when it happened, in TimeLayout.
	At string `json:"at"`
	// Organisation is the id of the organisation whose case it is.
	Organisation int64 `json:"org"`
	// DigestSHA256 is schakel.Precedent.ComputeDigest of the version.
	DigestSHA256 string `json:"digestSha256"`
	// ReasonSHA256 commits to the public reason of a correction or
	// withdrawal; absent for a publication.
	ReasonSHA256 string `json:"reasonSha256,omitempty"`
}

// ProjectChange returns the log entry of a change of the register.
func ProjectChange(ch *schakel.PrecedentChange) CaseEntry {
	return CaseEntry{Version: CaseVersion, CaseID: ch.CaseID, Seq: ch.Seq, Event: ch.Kind, At: ch.At.UTC().Truncate(time.Second).Format(TimeLayout),
		Organisation: ch.OrganisationID, DigestSHA256: ch.Digest, ReasonSHA256: TextHash(ch.Reason)}
}

// Encode returns the canonical encoding of e, as for Entry.Encode.
func (e CaseEntry) Encode() []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(e); err != nil {
		// CaseEntry holds only strings and integers, which always encode.
		panic("ledger: encode case entry: " + err.Error())
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

// Validate checks every field of e.
func (e CaseEntry) Validate() error {
	if e.Version != CaseVersion {
		return fmt.Errorf("%w %d in a case entry (want %d)", ErrUnknownVersion, e.Version, CaseVersion)
	}
	if e.CaseID <= 0 || e.Seq < 1 || e.Organisation <= 0 {
		return fmt.Errorf("ledger: case entry: case %d, seq %d, org %d are not ids", e.CaseID, e.Seq, e.Organisation)
	}
	switch e.Event {
	case schakel.PrecedentPublished, schakel.PrecedentCorrected, schakel.PrecedentWithdrawn:
	default:
		return fmt.Errorf("ledger: case entry field event: %q is not a change of the register", e.Event)
	}
	if t, err := time.Parse(TimeLayout, e.At); err != nil || t.Format(TimeLayout) != e.At {
		return fmt.Errorf("ledger: case entry field at: %q is not a UTC time %s", e.At, TimeLayout)
	}
	if !isHash(e.DigestSHA256) {
		return errors.New("ledger: case entry field digestSha256: not a SHA-256")
	}
	return checkHash("reasonSha256", e.ReasonSHA256)
}

// DecodeCase parses an encoded case entry strictly, as Decode does an
// entry about a request: one encoding per entry.
func DecodeCase(data []byte) (CaseEntry, error) {
	if len(data) > MaxEntrySize {
		return CaseEntry{}, fmt.Errorf("ledger: decode case entry: %d bytes, more than %d", len(data), MaxEntrySize)
	}
	if !bytes.HasPrefix(data, []byte(`{"v":2,`)) {
		return CaseEntry{}, errors.New("ledger: decode case entry: not a version 2 entry in canonical form")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var e CaseEntry
	if err := dec.Decode(&e); err != nil {
		return CaseEntry{}, fmt.Errorf("ledger: decode case entry: %w", err)
	}
	if err := e.Validate(); err != nil {
		return CaseEntry{}, err
	}
	if !bytes.Equal(e.Encode(), data) {
		return CaseEntry{}, errors.New("ledger: decode case entry: not in canonical form (field order, spacing, escaping or a duplicate field)")
	}
	return e, nil
}

// IsCaseEntry reports whether data is (shaped as) an entry about the
// register of cases rather than about a request.
func IsCaseEntry(data []byte) bool { return bytes.HasPrefix(data, []byte(`{"v":2,"case":`)) }

// CaseEntryID returns the change id (case id and change number) of an
// encoded case entry by reading only its canonical prefix, as EntryID.
func CaseEntryID(data []byte) (caseID int64, seq int, err error) {
	rest, ok := bytes.CutPrefix(data, []byte(`{"v":2,"case":`))
	if !ok {
		return 0, 0, errors.New("ledger: case entry id: not a version 2 entry")
	}
	i := bytes.IndexByte(rest, ',')
	if i < 1 || rest[0] < '1' || rest[0] > '9' {
		return 0, 0, errors.New("ledger: case entry id: malformed case id")
	}
	if caseID, err = strconv.ParseInt(string(rest[:i]), 10, 64); err != nil {
		return 0, 0, errors.New("ledger: case entry id: malformed case id")
	}
	rest, ok = bytes.CutPrefix(rest[i:], []byte(`,"seq":`))
	j := bytes.IndexByte(rest, ',')
	if !ok || j < 1 || rest[0] < '1' || rest[0] > '9' {
		return 0, 0, errors.New("ledger: case entry id: malformed change number")
	}
	s, err := strconv.ParseInt(string(rest[:j]), 10, 64)
	if err != nil || s > math.MaxInt32 {
		return 0, 0, errors.New("ledger: case entry id: malformed change number")
	}
	return caseID, int(s), nil
}
