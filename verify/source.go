package verify

import (
	"context"
	"encoding/json"

	"golang.org/x/mod/sumdb/tlog"
)

// Source is where the public record is read: the site over HTTP
// ([HTTPSource]), a database offline ([StoreSource]), or a test's memory.
// Like the operations a sumdb client is given, it only moves bytes: every
// check is the [Verifier]'s. Its methods are called from several goroutines
// at once.
//
// A Source may offer more: a [ConsistencySource] proves consistency between
// its own checkpoints, a [RegisterSource] serves the public register of
// brakes, and a [RowSource] holds the event rows the log was made from.
// The Verifier checks what the source offers.
type Source interface {
	// Name names the source in the report and in the trusted state: the
	// base URL, or "database (sqlite)".
	Name() string
	// ReadLog returns the C2SP tlog-tiles resource at path, relative to the
	// log's prefix: "checkpoint", "tile/0/x001/234", "tile/entries/000.p/17".
	ReadLog(ctx context.Context, path string) ([]byte, error)
	// LookupEvent finds an event by its id: request and number in its
	// history (from 1).
	LookupEvent(ctx context.Context, requestID int64, seq int) (*Event, error)
	// LookupMethod says how LookupEvent finds an event, for the report,
	// such as "the database's event index (LedgerIndex)".
	LookupMethod() string
}

// Event is what a [Source] says about one event it was asked for by id.
type Event struct {
	// Index is the event's position in the log, from 0.
	Index int64
	// Entry is the entry's exact bytes, which are what is hashed.
	Entry []byte
	// Proved reports that the source also gave its own inclusion proof:
	// Proof, against the signed checkpoint Checkpoint. The Verifier checks
	// it, and that the checkpoint is consistent with the one it verified.
	Proved     bool
	Checkpoint []byte
	Proof      tlog.RecordProof
	// Decoded, if not nil, is the entry as the source decoded it; it must
	// be byte for byte Entry.
	Decoded json.RawMessage
}

// A ConsistencySource proves that the log of one size is a prefix of the
// log of another. A source whose lookups come with their own inclusion
// proofs ([Event].Proved) against checkpoints other than the latest must be
// one, so the Verifier can connect those checkpoints to the one it checked.
type ConsistencySource interface {
	Source
	// Consistency returns the RFC 6962 consistency proof from size from to
	// size to (tlog.TreeProof).
	Consistency(ctx context.Context, from, to int64) (tlog.TreeProof, error)
}

// A RegisterSource serves the public register of brakes, whose every
// listed event the Verifier looks for in the log.
type RegisterSource interface {
	Source
	// RegisterPage returns page number page (from 1) of the register.
	RegisterPage(ctx context.Context, page int) (*RegisterPage, error)
	// Brake returns one brake of the register with its public events.
	Brake(ctx context.Context, id int64) (*Brake, error)
}

// A RowSource holds the event rows the log was made from: a database. The
// Verifier recomputes each row's public projection and compares it with
// the entry the log holds for it.
type RowSource interface {
	Source
	// EventRows returns the reader of the rows.
	EventRows() EventRows
}

// RegisterPage is one page of the public register of brakes, as GET
// /api/v1/noodremmen serves it (only the fields the Verifier reads).
type RegisterPage struct {
	Brakes   []Brake `json:"resultaten"`
	Total    int     `json:"totaal"`
	Page     int     `json:"pagina"`
	PageSize int     `json:"paginaGrootte"`
}

// Brake is a brake of the public register, as GET /api/v1/noodremmen/{id}
// serves it (only the fields the Verifier reads). A brake listed on a
// [RegisterPage] has no Events.
type Brake struct {
	ID         int64           `json:"id"`
	Level      string          `json:"niveau"`
	Principles []string        `json:"beginselen"`
	Events     []RegisterEvent `json:"gebeurtenissen"`
}

// RegisterEvent is one public event of a [Brake].
type RegisterEvent struct {
	Seq int `json:"volgnummer"`
}
