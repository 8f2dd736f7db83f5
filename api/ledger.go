package api

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strconv"

	"golang.org/x/mod/sumdb/tlog"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/proofs"
	"github.com/schakel-nl/schakel/respond"
)

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

// errNoLedger answers when the server has no ledger to show.
var errNoLedger = schakel.Errorf(schakel.ENOTFOUND, "Het openbare logboek heeft nog geen ondertekend checkpoint; probeer het over enkele seconden opnieuw.")

// public marks a response as readable from any origin.
func public(w http.ResponseWriter) {
	w.Header().Set("Access-Control-Allow-Origin", "*")
}

// proofsAvailable refuses the ledger's endpoints on a server without it.
func (h *Handler) proofsAvailable() error {
	if h.Proofs == nil {
		return errNoLedger
	}
	return nil
}

// checkpointJSON is a checkpoint as the API shows it.
func checkpointJSON(c proofs.Checkpoint) LedgerCheckpoint {
	return LedgerCheckpoint{Size: c.Size, Root: c.Root.String(), Note: string(c.Note)}
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
	if err := h.proofsAvailable(); err != nil {
		return err
	}
	head, err := h.Proofs.Latest(r.Context())
	if err != nil {
		return err
	}
	out := LedgerState{
		LedgerCheckpoint: checkpointJSON(head.Checkpoint),
		Origin:           head.Origin,
		VerifierKey:      h.LedgerKey,
		Links:            LedgerLinks{Checkpoint: Link{"/log/checkpoint"}, Tiles: Link{"/log/tile/"}},
	}
	if head.LastAt != "" {
		out.LastEventAt = head.LastAt
	}
	respond.JSON(w, http.StatusOK, out)
	return nil
}

// GetLedgerEvent serves GET /api/v1/logboek/gebeurtenissen/{verzoek}/{volgnummer}:
// the entry of an event, its index and an inclusion proof against the
// latest checkpoint. An event that is not in a checkpoint yet is a 404.
func (h *Handler) GetLedgerEvent(w http.ResponseWriter, r *http.Request) error {
	public(w)
	reqText, seqText := r.PathValue("verzoek"), r.PathValue("volgnummer")
	reqID, err1 := strconv.ParseInt(reqText, 10, 64)
	seq, err2 := strconv.Atoi(seqText)
	if err1 != nil || err2 != nil || reqID <= 0 || seq <= 0 || strconv.FormatInt(reqID, 10) != reqText || strconv.Itoa(seq) != seqText {
		return schakel.Errorf(schakel.ENOTFOUND, "Gebeurtenis %s/%s bestaat niet: geef het nummer van het verzoek en het volgnummer van de gebeurtenis (vanaf 1).", reqText, seqText)
	}
	if err := h.proofsAvailable(); err != nil {
		return err
	}
	in, err := h.Proofs.Event(r.Context(), reqID, seq)
	if err != nil {
		return err
	}
	out := LedgerEvent{
		RequestID:   reqID,
		Seq:         seq,
		Index:       in.Index,
		EntryBase64: encodeBase64(in.Entry),
		LeafHash:    tlog.RecordHash(in.Entry).String(),
		Checkpoint:  checkpointJSON(in.Head.Checkpoint),
		Proof:       hashStrings(in.Proof),
	}
	if json.Valid(in.Entry) {
		out.Entry = json.RawMessage(in.Entry)
	}
	respond.JSON(w, http.StatusOK, out)
	return nil
}

// GetLedgerConsistency serves GET /api/v1/logboek/consistentie?van=N&tot=M:
// the proof that the ledger of size van is a prefix of the ledger of size
// tot (default: the latest checkpoint), for a verifier who trusted the
// checkpoint of size van before. Both sizes must be at most the latest
// checkpoint's; van at least 1.
func (h *Handler) GetLedgerConsistency(w http.ResponseWriter, r *http.Request) error {
	public(w)
	var v schakel.Validation
	q := parseQuery(r, &v, "van", "tot")
	if err := v.Err(); err != nil {
		return err
	}
	if err := h.proofsAvailable(); err != nil {
		return err
	}
	in := proofs.ConsistencyInput{Problems: v.Fields()}
	in.From, in.FromGiven = q.get("van")
	in.To, in.ToGiven = q.get("tot")
	c, err := h.Proofs.Consistency(r.Context(), in)
	if err != nil {
		return err
	}
	respond.JSON(w, http.StatusOK, LedgerConsistency{From: checkpointJSON(c.From), To: checkpointJSON(c.To), Proof: hashStrings(c.Proof)})
	return nil
}
