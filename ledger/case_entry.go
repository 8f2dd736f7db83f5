package ledger

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
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
func (e CaseEntry) Encode() []byte { return encodeCanonical(e, "case entry") }

// Validate checks every field of e.
func (e CaseEntry) Validate() error {
	head := subjectHead{what: "case entry", version: e.Version, want: CaseVersion, id: e.CaseID, seq: e.Seq, org: e.Organisation, at: e.At, idName: "case", orgName: "org"}
	if err := head.check(); err != nil {
		return err
	}
	switch e.Event {
	case schakel.PrecedentPublished, schakel.PrecedentCorrected, schakel.PrecedentWithdrawn:
	default:
		return fmt.Errorf("ledger: case entry field event: %q is not a change of the register", e.Event)
	}
	if !isHash(e.DigestSHA256) {
		return errors.New("ledger: case entry field digestSha256: not a SHA-256")
	}
	return checkHash("reasonSha256", e.ReasonSHA256)
}

// DecodeCase parses an encoded case entry strictly, as Decode does an
// entry about a request: one encoding per entry.
func DecodeCase(data []byte) (CaseEntry, error) {
	return decodeCanonical[CaseEntry](data, CaseVersion, "case entry")
}

// casePrefix is the canonical start of every case entry.
const casePrefix = `{"v":2,"case":`

// IsCaseEntry reports whether data is (shaped as) an entry about the
// register of cases rather than about a request.
func IsCaseEntry(data []byte) bool { return bytes.HasPrefix(data, []byte(casePrefix)) }

// CaseEntryID returns the change id (case id and change number) of an
// encoded case entry by reading only its canonical prefix, as EntryID.
func CaseEntryID(data []byte) (caseID int64, seq int, err error) {
	return subjectEntryID(data, casePrefix, "case entry id", "case id", "change number")
}

// The entries about a subject other than a request (the register of cases,
// version 2; proposals, version 3) share their rules: one canonical
// encoding, a strict decoder, and an id read from the canonical prefix
// `{"v":V,"<subject>":N,"seq":M,`.

// encodeCanonical returns the canonical encoding of an entry: JSON with the
// fields in the order of its type, no HTML escaping, no trailing newline.
// what names the kind of entry in the panic of an entry that cannot encode.
func encodeCanonical(e any, what string) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(e); err != nil {
		// The entries of a subject hold only strings and integers, which
		// always encode.
		panic("ledger: encode " + what + ": " + err.Error())
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

// subjectHead is what every entry about a subject begins with: its
// version, its id (the subject's id and the number of the change or event)
// and the organisation it is of, and its time.
type subjectHead struct {
	what            string // the kind of entry, as "case entry"
	version, want   int
	id, org         int64
	seq             int
	at              string
	idName, orgName string // the members of id and org
}

// check reports the first of the head's fields that is not valid.
func (h subjectHead) check() error {
	if h.version != h.want {
		return fmt.Errorf("%w %d in a %s (want %d)", ErrUnknownVersion, h.version, h.what, h.want)
	}
	if h.id <= 0 || h.seq < 1 || h.org <= 0 {
		return fmt.Errorf("ledger: %s: %s %d, seq %d, %s %d are not ids", h.what, h.idName, h.id, h.seq, h.orgName, h.org)
	}
	if t, err := time.Parse(TimeLayout, h.at); err != nil || t.Format(TimeLayout) != h.at {
		return fmt.Errorf("ledger: %s field at: %q is not a UTC time %s", h.what, h.at, TimeLayout)
	}
	return nil
}

// subjectEntry is an entry about a subject other than a request.
type subjectEntry interface {
	Validate() error
	Encode() []byte
}

// decodeCanonical parses data strictly as an entry of the given version:
// at most MaxEntrySize bytes, starting with its version, no unknown
// fields, every field valid, and exactly the canonical encoding, so an
// entry has one leaf hash.
func decodeCanonical[E subjectEntry](data []byte, version int, what string) (E, error) {
	var e, zero E
	if len(data) > MaxEntrySize {
		return zero, fmt.Errorf("ledger: decode %s: %d bytes, more than %d", what, len(data), MaxEntrySize)
	}
	if !bytes.HasPrefix(data, fmt.Appendf(nil, `{"v":%d,`, version)) {
		return zero, fmt.Errorf("ledger: decode %s: not a version %d entry in canonical form", what, version)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&e); err != nil {
		return zero, fmt.Errorf("ledger: decode %s: %w", what, err)
	}
	if err := e.Validate(); err != nil {
		return zero, err
	}
	if !bytes.Equal(e.Encode(), data) {
		return zero, fmt.Errorf("ledger: decode %s: not in canonical form (field order, spacing, escaping or a duplicate field)", what)
	}
	return e, nil
}

// subjectEntryID reads the id of an entry about a subject from its
// canonical prefix (prefix, then the subject's id, then `,"seq":` and the
// number), without validating the rest. what, idName and seqName word the
// errors.
func subjectEntryID(data []byte, prefix, what, idName, seqName string) (id int64, seq int, err error) {
	rest, ok := bytes.CutPrefix(data, []byte(prefix))
	if !ok {
		v, _, _ := strings.Cut(strings.TrimPrefix(prefix, `{"v":`), ",")
		return 0, 0, fmt.Errorf("ledger: %s: not a version %s entry", what, v)
	}
	i := bytes.IndexByte(rest, ',')
	if i < 1 || rest[0] < '1' || rest[0] > '9' {
		return 0, 0, fmt.Errorf("ledger: %s: malformed %s", what, idName)
	}
	if id, err = strconv.ParseInt(string(rest[:i]), 10, 64); err != nil {
		return 0, 0, fmt.Errorf("ledger: %s: malformed %s", what, idName)
	}
	rest, ok = bytes.CutPrefix(rest[i:], []byte(`,"seq":`))
	j := bytes.IndexByte(rest, ',')
	if !ok || j < 1 || rest[0] < '1' || rest[0] > '9' {
		return 0, 0, fmt.Errorf("ledger: %s: malformed %s", what, seqName)
	}
	s, err := strconv.ParseInt(string(rest[:j]), 10, 64)
	if err != nil || s > math.MaxInt32 {
		return 0, 0, fmt.Errorf("ledger: %s: malformed %s", what, seqName)
	}
	return id, int(s), nil
}
