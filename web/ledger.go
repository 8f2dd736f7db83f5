package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/ledger"
)

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
	if h.Proofs != nil {
		head, err := h.Proofs.Latest(r.Context())
		switch {
		case schakel.ErrorCode(err) == schakel.ENOTFOUND:
		case err != nil:
			return err
		default:
			d.Available, d.Size, d.Note = true, head.Size, string(head.Note)
			d.Origin, d.Root = head.Origin, head.Root.String()
			if head.LastAt != "" {
				d.LastEventAt, _ = time.Parse(ledger.TimeLayout, head.LastAt)
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
