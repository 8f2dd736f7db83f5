package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/ledger"
)

// LedgerReader reads the public record for the page /logboek.
// *store.Store implements it.
type LedgerReader interface {
	LatestCheckpoint(ctx context.Context) (size int64, note []byte, err error)
	LedgerEntries(ctx context.Context, start, end int64) ([][]byte, error)
}

// logbookData is the Data of the page /logboek.
type logbookData struct {
	Available   bool      // a checkpoint was signed
	Size        int64     // entries in the latest checkpoint
	Root        string    // its root hash, base64
	Origin      string    // its origin line
	Note        string    // the signed note as /log/checkpoint serves it
	LastEventAt time.Time // the time of the newest entry, zero when none
	VerifierKey string    // the log's verifier key, or ""
	BaseURL     string    // this site's public URL, for the verify command
}

// Command returns the command line that checks this log.
func (d logbookData) Command() string {
	key := d.VerifierKey
	if key == "" {
		key = "<verificatiesleutel>"
	}
	return "schakel verify --url " + d.BaseURL + " --key " + key
}

// LedgerBook is the page /logboek: the latest checkpoint of the public record
// and how anyone can check it without trusting the operator.
func (h *Handler) LedgerBook(w http.ResponseWriter, r *http.Request) error {
	pg := h.newPage(r, "Openbaar logboek")
	pg.Nav = "logboek"
	d := logbookData{VerifierKey: h.LedgerKey, BaseURL: h.baseURL(r)}
	if h.Ledger != nil {
		size, note, err := h.Ledger.LatestCheckpoint(r.Context())
		switch {
		case schakel.ErrorCode(err) == schakel.ENOTFOUND:
		case err != nil:
			return err
		default:
			d.Available, d.Size, d.Note = true, size, string(note)
			lines := strings.SplitN(d.Note, "\n", 4)
			if len(lines) >= 3 {
				d.Origin, d.Root = lines[0], lines[2]
			}
			if size > 0 {
				entries, err := h.Ledger.LedgerEntries(r.Context(), size-1, size)
				if err != nil {
					return err
				}
				if len(entries) == 1 {
					if e, err := ledger.Decode(entries[0]); err == nil {
						d.LastEventAt, _ = time.Parse(ledger.TimeLayout, e.At)
					}
				}
			}
		}
	}
	pg.Data = d
	h.render(w, r, http.StatusOK, "logbook", pg)
	return nil
}

// baseURL is the public URL of this site: the configured one, or the
// scheme and host the request came in on.
func (h *Handler) baseURL(r *http.Request) string {
	if h.BaseURL != "" {
		return strings.TrimRight(h.BaseURL, "/")
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// Thousands formats a count with a thin separator per language: 12.345 or
// 12,345.
func (pg *page) Thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	sep := "."
	if pg.lang == langEN {
		sep = ","
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 && c != '-' {
			b.WriteString(sep)
		}
		b.WriteRune(c)
	}
	return b.String()
}
