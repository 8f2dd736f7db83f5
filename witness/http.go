package witness

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
)

// StatusOf returns the HTTP status tlog-witness prescribes for an error of
// [Witness.AddCheckpoint].
func StatusOf(err error) int {
	var conflict *ConflictError
	switch {
	case err == nil:
		return http.StatusOK
	case errors.As(err, &conflict):
		return http.StatusConflict
	case errors.Is(err, ErrMalformed):
		return http.StatusBadRequest
	case errors.Is(err, ErrUnknownLog):
		return http.StatusNotFound
	case errors.Is(err, ErrBadSignature):
		return http.StatusForbidden
	case errors.Is(err, ErrInconsistent):
		return http.StatusUnprocessableEntity
	}
	return http.StatusInternalServerError
}

// Handler serves the witness over HTTP: POST /add-checkpoint
// (tlog-witness) and GET /<origin hash>/checkpoint, the latest checkpoint
// cosigned for a log (the monitoring endpoint). Refusals are logged by
// status and origin only: checkpoints hold no personal data, and request
// bodies are never logged.
func Handler(w *Witness, log *slog.Logger) http.Handler {
	if log == nil {
		log = slog.Default()
	}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /add-checkpoint", func(rw http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(io.LimitReader(r.Body, MaxRequestSize+1))
		if err != nil {
			http.Error(rw, "cannot read the request", http.StatusBadRequest)
			return
		}
		req, err := ParseRequest(body)
		var sig []byte
		if err == nil {
			sig, err = w.AddCheckpoint(req)
		}
		status := StatusOf(err)
		var conflict *ConflictError
		switch {
		case err == nil:
			rw.Header().Set("Content-Type", "text/plain; charset=utf-8")
			rw.Write(sig)
		case errors.As(err, &conflict):
			rw.Header().Set("Content-Type", "text/x.tlog.size")
			rw.WriteHeader(status)
			fmt.Fprintf(rw, "%d\n", conflict.Size)
		case status == http.StatusInternalServerError:
			log.Error("witness: add-checkpoint", slog.Any("err", err))
			http.Error(rw, "internal error", status)
		default:
			if status == http.StatusUnprocessableEntity {
				// Proof of a log misbehaving: worth an operator's look.
				log.Warn("witness: refused an inconsistent checkpoint", slog.String("err", err.Error()))
			}
			http.Error(rw, err.Error(), status)
		}
	})
	mux.HandleFunc("GET /{hash}/checkpoint", func(rw http.ResponseWriter, r *http.Request) {
		hash := r.PathValue("hash")
		for origin := range w.logs {
			if OriginHash(origin) != hash {
				continue
			}
			b, err := w.Latest(origin)
			if err != nil {
				http.Error(rw, "internal error", http.StatusInternalServerError)
				return
			}
			if b == nil {
				break
			}
			rw.Header().Set("Content-Type", "text/plain; charset=utf-8")
			rw.Write(b)
			return
		}
		http.NotFound(rw, r)
	})
	return mux
}

// Client is the log's side of tlog-witness: it asks one witness to
// cosign checkpoints.
type Client struct {
	// URL is the witness's submission prefix, such as
	// https://witness.example.nl; add-checkpoint is URL + "/add-checkpoint".
	URL  string
	HTTP *http.Client
}

// AddCheckpoint sends req and returns the cosignature lines the witness
// answered. A 409 is a [*ConflictError] with the witness's size; other
// refusals are errors naming the status (and wrapping the matching error
// of this package, so [StatusOf] maps them back).
func (c *Client) AddCheckpoint(ctx context.Context, req Request) ([]byte, error) {
	hr, err := http.NewRequestWithContext(ctx, http.MethodPost, strings.TrimSuffix(c.URL, "/")+"/add-checkpoint", bytes.NewReader(req.Marshal()))
	if err != nil {
		return nil, fmt.Errorf("witness %s: %w", c.URL, err)
	}
	hc := c.HTTP
	if hc == nil {
		hc = http.DefaultClient
	}
	resp, err := hc.Do(hr)
	if err != nil {
		return nil, fmt.Errorf("witness %s: %w", c.URL, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, MaxRequestSize))
	if err != nil {
		return nil, fmt.Errorf("witness %s: %w", c.URL, err)
	}
	switch resp.StatusCode {
	case http.StatusOK:
		return body, nil
	case http.StatusConflict:
		n, err := parseSize(strings.TrimSuffix(string(body), "\n"))
		if err != nil || resp.Header.Get("Content-Type") != "text/x.tlog.size" {
			return nil, fmt.Errorf("witness %s: 409 without a size", c.URL)
		}
		return nil, &ConflictError{Size: n}
	}
	var kind error
	switch resp.StatusCode {
	case http.StatusBadRequest:
		kind = ErrMalformed
	case http.StatusNotFound:
		kind = ErrUnknownLog
	case http.StatusForbidden:
		kind = ErrBadSignature
	case http.StatusUnprocessableEntity:
		kind = ErrInconsistent
	default:
		kind = errors.New("witness: status " + strconv.Itoa(resp.StatusCode))
	}
	return nil, fmt.Errorf("witness %s answered %d: %w", c.URL, resp.StatusCode, kind)
}
