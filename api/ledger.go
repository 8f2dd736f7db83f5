package api

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/tlog"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/ledger"
	"github.com/schakel-nl/schakel/respond"
)

// The endpoints of /api/v1/logboek: the public record (package ledger) for
// people and scripts, beside the C2SP tlog-tiles under /log/ that
// `schakel verify` reads. Everything here is public and may be read from
// any origin: the record holds only the public projection of each event.

// LedgerStore reads the public record. *store.Store implements it.
type LedgerStore interface {
	// LatestCheckpoint returns the newest signed checkpoint and its size;
	// ENOTFOUND when none was signed yet.
	LatestCheckpoint(ctx context.Context) (size int64, note []byte, err error)
	// CheckpointAt returns the signed checkpoint for a size; ENOTFOUND when
	// none was signed for it.
	CheckpointAt(ctx context.Context, size int64) ([]byte, error)
	// LedgerHashReader reads the stored hashes of the tree.
	LedgerHashReader(ctx context.Context) tlog.HashReader
	// LedgerEntries returns the encoded entries start ≤ i < end.
	LedgerEntries(ctx context.Context, start, end int64) ([][]byte, error)
	// LedgerIndex returns the index of the entry of an event; ENOTFOUND when
	// the event is not (yet) in the log.
	LedgerIndex(ctx context.Context, requestID int64, seq int) (int64, error)
}

// LedgerCheckpoint is a signed checkpoint of the public record.
type LedgerCheckpoint struct {
	// Size is the number of entries the checkpoint covers.
	Size int64 `json:"grootte"`
	// Root is the RFC 6962 tree hash of those entries, standard base64.
	Root string `json:"wortelhash"`
	// Note is the signed note exactly as /log/checkpoint serves it, when
	// one was signed for this size.
	Note string `json:"checkpoint,omitempty"`
}

// LedgerState is GET /api/v1/logboek: the latest checkpoint with what a
// verifier needs to check it.
type LedgerState struct {
	LedgerCheckpoint
	// Origin is the first line of every checkpoint.
	Origin string `json:"oorsprong"`
	// VerifierKey is the note verifier key of the log's signing key. Take
	// it from a source you trust rather than from the log itself.
	VerifierKey string `json:"verificatiesleutel,omitempty"`
	// LastEventAt is the time of the newest entry in the checkpoint.
	LastEventAt string `json:"laatsteGebeurtenis,omitempty"`
	// Links are the C2SP tlog-tiles resources.
	Links LedgerLinks `json:"_links"`
}

// LedgerLinks point to the raw log.
type LedgerLinks struct {
	Checkpoint Link `json:"checkpoint"`
	Tiles      Link `json:"tegels"`
}

// Link is a HAL-style link.
type Link struct {
	Href string `json:"href"`
}

// LedgerEvent is GET /api/v1/logboek/gebeurtenissen/{verzoek}/{volgnummer}:
// the entry of one event with the proof that it is in the log.
type LedgerEvent struct {
	RequestID int64 `json:"verzoek"`
	Seq       int   `json:"volgnummer"`
	// Index is the entry's position in the log, from 0.
	Index int64 `json:"index"`
	// Entry is the entry decoded as JSON; EntryBase64 its exact bytes,
	// which are what is hashed.
	Entry       json.RawMessage `json:"gebeurtenis,omitempty"`
	EntryBase64 string          `json:"gebeurtenisBase64"`
	// LeafHash is tlog.RecordHash of the entry bytes, standard base64.
	LeafHash string `json:"bladhash"`
	// Checkpoint is the checkpoint the proof is against: the latest.
	Checkpoint LedgerCheckpoint `json:"checkpoint"`
	// Proof is the RFC 6962 inclusion proof (tlog.RecordProof), standard
	// base64 hashes; check it with tlog.CheckRecord.
	Proof []string `json:"inclusiebewijs"`
}

// LedgerConsistency is GET /api/v1/logboek/consistentie: the proof that the
// log of size From is a prefix of the log of size To.
type LedgerConsistency struct {
	From LedgerCheckpoint `json:"van"`
	To   LedgerCheckpoint `json:"tot"`
	// Proof is the RFC 6962 consistency proof (tlog.TreeProof), standard
	// base64 hashes; check it with tlog.CheckTree.
	Proof []string `json:"consistentiebewijs"`
}

// errNoLedger answers when the server has no log to show.
var errNoLedger = schakel.Errorf(schakel.ENOTFOUND, "Het openbare logboek heeft nog geen ondertekend checkpoint; probeer het over enkele seconden opnieuw.")

// public marks a response as readable from any origin.
func public(w http.ResponseWriter) {
	w.Header().Set("Access-Control-Allow-Origin", "*")
}

// latest returns the latest checkpoint, verified against the server's own
// key when it has one, so that the API never vouches for a note it would
// not sign.
func (h *Handler) latest(ctx context.Context) (int64, []byte, ledger.Checkpoint, string, error) {
	if h.Ledger == nil {
		return 0, nil, ledger.Checkpoint{}, "", errNoLedger
	}
	size, note, err := h.Ledger.LatestCheckpoint(ctx)
	if schakel.ErrorCode(err) == schakel.ENOTFOUND {
		return 0, nil, ledger.Checkpoint{}, "", errNoLedger
	}
	if err != nil {
		return 0, nil, ledger.Checkpoint{}, "", err
	}
	origin, cp, err := parseNote(note)
	if err != nil {
		return 0, nil, ledger.Checkpoint{}, "", err
	}
	if cp.Size != size {
		return 0, nil, ledger.Checkpoint{}, "", fmt.Errorf("api: latest checkpoint is stored for size %d but signs %d", size, cp.Size)
	}
	return size, note, cp, origin, nil
}

// parseNote reads the origin, size and root of a checkpoint note without
// checking its signature: the API serves what the store holds, and
// verifiers check the signature themselves.
func parseNote(note []byte) (string, ledger.Checkpoint, error) {
	text, _, ok := strings.Cut(string(note), "\n\n")
	lines := strings.Split(text, "\n")
	if !ok || len(lines) < 3 {
		return "", ledger.Checkpoint{}, fmt.Errorf("api: stored checkpoint is not a signed note")
	}
	size, err := strconv.ParseInt(lines[1], 10, 64)
	if err != nil || size < 0 {
		return "", ledger.Checkpoint{}, fmt.Errorf("api: stored checkpoint has size %q", lines[1])
	}
	root, err := tlog.ParseHash(lines[2])
	if err != nil {
		return "", ledger.Checkpoint{}, fmt.Errorf("api: stored checkpoint has root %q", lines[2])
	}
	return lines[0], ledger.Checkpoint{Size: size, Root: root}, nil
}

// ledgerSize returns the size parameter name, def when it is absent, and
// records a problem when it is not a whole number from 1 to the latest
// checkpoint's size.
func ledgerSize(q query, name string, def, size int64) int64 {
	s, ok := q.get(name)
	if !ok {
		return def
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 1 || n > size {
		q.v.Add(name, "range", "Geef een grootte van 1 tot en met %d, de grootte van het laatste checkpoint.", size)
		return def
	}
	return n
}

func encodeBase64(b []byte) string { return base64.StdEncoding.EncodeToString(b) }

func hashStrings(hs []tlog.Hash) []string {
	out := make([]string, len(hs))
	for i, h := range hs {
		out[i] = h.String()
	}
	return out
}

// GetLedger serves GET /api/v1/logboek: the latest signed checkpoint of the
// public record, its origin and the verifier key.
func (h *Handler) GetLedger(w http.ResponseWriter, r *http.Request) error {
	public(w)
	size, note, cp, origin, err := h.latest(r.Context())
	if err != nil {
		return err
	}
	out := LedgerState{
		LedgerCheckpoint: LedgerCheckpoint{Size: size, Root: cp.Root.String(), Note: string(note)},
		Origin:           origin,
		VerifierKey:      h.LedgerKey,
		Links:            LedgerLinks{Checkpoint: Link{"/log/checkpoint"}, Tiles: Link{"/log/tile/"}},
	}
	if size > 0 {
		entries, err := h.Ledger.LedgerEntries(r.Context(), size-1, size)
		if err != nil {
			return err
		}
		if len(entries) == 1 {
			if e, err := ledger.Decode(entries[0]); err == nil {
				out.LastEventAt = e.At
			}
		}
	}
	respond.JSON(w, http.StatusOK, out)
	return nil
}

// GetLedgerEvent serves GET /api/v1/logboek/gebeurtenissen/{verzoek}/{volgnummer}:
// the entry of an event, its index and an inclusion proof against the
// latest checkpoint. An event that is not in a checkpoint yet is a 404.
func (h *Handler) GetLedgerEvent(w http.ResponseWriter, r *http.Request) error {
	public(w)
	ctx := r.Context()
	reqText, seqText := r.PathValue("verzoek"), r.PathValue("volgnummer")
	reqID, err1 := strconv.ParseInt(reqText, 10, 64)
	seq, err2 := strconv.Atoi(seqText)
	if err1 != nil || err2 != nil || reqID <= 0 || seq <= 0 || strconv.FormatInt(reqID, 10) != reqText || strconv.Itoa(seq) != seqText {
		return schakel.Errorf(schakel.ENOTFOUND, "Gebeurtenis %s/%s bestaat niet: geef het nummer van het verzoek en het volgnummer van de gebeurtenis (vanaf 1).", reqText, seqText)
	}
	size, note, cp, _, err := h.latest(ctx)
	if err != nil {
		return err
	}
	index, err := h.Ledger.LedgerIndex(ctx, reqID, seq)
	if schakel.ErrorCode(err) == schakel.ENOTFOUND {
		err = schakel.Errorf(schakel.ENOTFOUND, "Gebeurtenis %d van verzoek %d staat niet in het logboek (nog niet, of zij bestaat niet).", seq, reqID)
	}
	if err != nil {
		return err
	}
	if index >= size {
		return schakel.Errorf(schakel.ENOTFOUND, "Gebeurtenis %d van verzoek %d staat in het logboek op plaats %d, maar nog niet in een ondertekend checkpoint (grootte %d); probeer het over enkele seconden opnieuw.", seq, reqID, index, size)
	}
	entries, err := h.Ledger.LedgerEntries(ctx, index, index+1)
	if err != nil {
		return err
	}
	if len(entries) != 1 {
		return fmt.Errorf("api: log entry %d missing", index)
	}
	proof, err := tlog.ProveRecord(size, index, h.Ledger.LedgerHashReader(ctx))
	if err != nil {
		return fmt.Errorf("api: inclusion proof of entry %d in size %d: %v", index, size, err)
	}
	data := entries[0]
	out := LedgerEvent{
		RequestID:   reqID,
		Seq:         seq,
		Index:       index,
		EntryBase64: encodeBase64(data),
		LeafHash:    tlog.RecordHash(data).String(),
		Checkpoint:  LedgerCheckpoint{Size: size, Root: cp.Root.String(), Note: string(note)},
		Proof:       hashStrings(proof),
	}
	if json.Valid(data) {
		out.Entry = json.RawMessage(data)
	}
	respond.JSON(w, http.StatusOK, out)
	return nil
}

// GetLedgerConsistency serves GET /api/v1/logboek/consistentie?van=N&tot=M:
// the proof that the log of size van is a prefix of the log of size tot
// (default: the latest checkpoint), for a verifier who trusted the
// checkpoint of size van before. Both sizes must be at most the latest
// checkpoint's; van at least 1.
func (h *Handler) GetLedgerConsistency(w http.ResponseWriter, r *http.Request) error {
	public(w)
	ctx := r.Context()
	var v schakel.Validation
	q := parseQuery(r, &v, "van", "tot")
	bad := invalidFields(&v)
	if err := v.Err(); err != nil {
		return err
	}
	size, note, cp, _, err := h.latest(ctx)
	if err != nil {
		return err
	}
	if size == 0 {
		return schakel.Errorf(schakel.ENOTFOUND, "Het logboek is nog leeg: er is niets om te bewijzen.")
	}
	from := ledgerSize(q, "van", 0, size)
	to := ledgerSize(q, "tot", size, size)
	if _, ok := q.get("van"); !ok && !bad["van"] {
		v.Add("van", "required", "Geef de grootte van het checkpoint dat u vertrouwt, bijvoorbeeld van=10.")
	}
	if from > to && to > 0 {
		v.Add("van", "range", "van (%d) mag niet groter zijn dan tot (%d).", from, to)
	}
	if err := v.Err(); err != nil {
		return err
	}
	hr := h.Ledger.LedgerHashReader(ctx)
	proof, err := tlog.ProveTree(to, from, hr)
	if err != nil {
		return fmt.Errorf("api: consistency proof from %d to %d: %v", from, to, err)
	}
	out := LedgerConsistency{Proof: hashStrings(proof)}
	for _, c := range []struct {
		n   int64
		dst *LedgerCheckpoint
	}{{from, &out.From}, {to, &out.To}} {
		c.dst.Size = c.n
		if c.n == size {
			c.dst.Root, c.dst.Note = cp.Root.String(), string(note)
			continue
		}
		root, err := tlog.TreeHash(c.n, hr)
		if err != nil {
			return fmt.Errorf("api: tree hash of size %d: %v", c.n, err)
		}
		c.dst.Root = root.String()
		n, err := h.Ledger.CheckpointAt(ctx, c.n)
		switch {
		case err == nil:
			c.dst.Note = string(n)
		case schakel.ErrorCode(err) != schakel.ENOTFOUND:
			return err
		}
	}
	respond.JSON(w, http.StatusOK, out)
	return nil
}
