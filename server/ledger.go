package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"

	"golang.org/x/mod/sumdb/tlog"

	"github.com/schakel-nl/schakel/ledger"
	"github.com/schakel-nl/schakel/verify"
)

// LedgerReader is what the publication of the public record reads from the
// store. *store.Store implements it.
type LedgerReader interface {
	LatestCheckpoint(ctx context.Context) (size int64, note []byte, err error)
	LedgerHashReader(ctx context.Context) tlog.HashReader
	LedgerEntries(ctx context.Context, start, end int64) ([][]byte, error)
}

// ErrNoCheckpoint is returned by a LedgerFetcher for the checkpoint of a log
// that has signed none yet. It is verify.ErrNoCheckpoint.
var ErrNoCheckpoint = verify.ErrNoCheckpoint

// LedgerFetcher returns a ledger.Fetcher over the store: "checkpoint" is the
// latest signed checkpoint, and "tile/…" the C2SP tlog-tiles resources of
// the tree as far as the latest checkpoint goes, read with ledger.ReadTile.
// It is verify.StoreFetcher, which `schakel verify --db` reads through, so
// GET /log/… serves exactly what an offline verification checks. Errors for
// paths the log does not have wrap ledger.ErrNotFound or ErrNoCheckpoint.
func LedgerFetcher(ctx context.Context, st LedgerReader) ledger.Fetcher {
	return verify.StoreFetcher(ctx, st)
}

// ledgerCheckpoint serves GET /log/checkpoint: the latest signed checkpoint,
// never cached, readable from any origin.
func (s *Server) ledgerCheckpoint(w http.ResponseWriter, r *http.Request) {
	s.serveLedger(w, r, "checkpoint")
}

// ledgerTile serves GET /log/tile/{rest...}: a hash tile or entry bundle of
// C2SP tlog-tiles. A full tile never changes and is cached for a year; a
// partial one is as fixed, but C2SP lets a log drop it once the full tile
// exists, so it is cached for an hour.
func (s *Server) ledgerTile(w http.ResponseWriter, r *http.Request) {
	s.serveLedger(w, r, "tile/"+r.PathValue("rest"))
}

func (s *Server) serveLedger(w http.ResponseWriter, r *http.Request, path string) {
	h := w.Header()
	h.Set("Access-Control-Allow-Origin", "*")
	data, err := LedgerFetcher(r.Context(), s.store)(path)
	if err != nil {
		h.Set("Content-Type", "text/plain; charset=utf-8")
		h.Set("Cache-Control", "no-store")
		switch {
		case errors.Is(err, ledger.ErrNotFound):
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprintf(w, "not found: %s\n", strings.TrimPrefix(err.Error(), "ledger: no such tile: "))
		case errors.Is(err, ErrNoCheckpoint):
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprintln(w, ErrNoCheckpoint.Error())
		default:
			// A tile the store cannot read is served as an error, never as
			// made-up data: the verifier names what is missing.
			s.log.ErrorContext(r.Context(), "serve log", slog.String("path", path), slog.Any("err", err))
			w.WriteHeader(http.StatusInternalServerError)
			fmt.Fprintf(w, "cannot read %s from the store (hashes or entries missing or damaged)\n", path)
		}
		return
	}
	switch {
	case path == "checkpoint":
		h.Set("Content-Type", "text/plain; charset=utf-8")
		h.Set("Cache-Control", "no-store")
	case strings.Contains(path, ".p/"):
		h.Set("Content-Type", "application/octet-stream")
		h.Set("Cache-Control", "public, max-age=3600")
	default:
		h.Set("Content-Type", "application/octet-stream")
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	}
	w.Write(data)
}
