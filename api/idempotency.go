package api

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/auth"
	"github.com/schakel-nl/schakel/idempotency"
	"github.com/schakel-nl/schakel/respond"
)

// maxIdempotencyKey is the longest Idempotency-Key taken: room for a UUID
// or a hash, not for a payload.
const maxIdempotencyKey = 255

// maxKeptAnswer is the largest answer kept for a replay; a create's answer
// is far smaller, and a larger one is not kept (the key is freed).
const maxKeptAnswer = 1 << 20

// ParseIdempotencyKey returns the key of the Idempotency-Key header values
// (draft-ietf-httpapi-idempotency-key-header: a Structured Field string,
// quoted; a bare token is taken as well, as most clients send one): one
// value of 1 to 255 visible ASCII characters. Anything else is EINVALID
// naming the header.
func ParseIdempotencyKey(values []string) (string, error) {
	bad := func(format string) error {
		return &schakel.Error{Code: schakel.EINVALID, Message: "De Idempotency-Key is ongeldig.",
			Fields: []schakel.FieldError{{Field: idempotency.Header, Code: "invalid", Format: format}}}
	}
	if len(values) != 1 {
		return "", bad("moet precies één keer voorkomen")
	}
	v := strings.Trim(values[0], " \t")
	if len(v) >= 2 && v[0] == '"' {
		unq, ok := unquoteSF(v)
		if !ok {
			return "", bad("moet een geldige tekenreeks tussen aanhalingstekens zijn")
		}
		v = unq
	}
	if v == "" || len(v) > maxIdempotencyKey {
		return "", bad("moet 1 tot 255 tekens lang zijn")
	}
	for i := range len(v) {
		if v[i] < 0x20 || v[i] > 0x7e {
			return "", bad("mag alleen zichtbare ASCII-tekens bevatten")
		}
	}
	return v, nil
}

// unquoteSF unquotes a Structured Field string (RFC 9651 §3.3.3): between
// double quotes, with \" and \\ the only escapes.
func unquoteSF(v string) (string, bool) {
	if len(v) < 2 || v[0] != '"' || v[len(v)-1] != '"' {
		return "", false
	}
	var b strings.Builder
	for i := 1; i < len(v)-1; i++ {
		c := v[i]
		switch {
		case c == '\\':
			i++
			if i >= len(v)-1 || (v[i] != '"' && v[i] != '\\') {
				return "", false
			}
			b.WriteByte(v[i])
		case c == '"':
			return "", false
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), true
}

// Idempotent makes a create safe to retry: a request with an
// Idempotency-Key from a logged-in caller reserves the key before the
// create runs; the same key with the same route and body from the same
// caller later gets the first answer again (status, Location, body, with
// Idempotent-Replayed: true), a different request with it 422, and one
// while the first still runs 409. Requests without the header, or without
// a caller, run as they are. server/routes.go applies it to every POST of
// the API except the anonymous ones (decision 0038).
func (h *Handler) Idempotent(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		values := r.Header.Values(idempotency.Header)
		u := auth.UserFrom(r.Context())
		if len(values) == 0 || h.Idempotency == nil || u == nil {
			next(w, r)
			return
		}
		key, err := ParseIdempotencyKey(values)
		if err != nil {
			respond.Error(w, r, h.Log, err)
			return
		}
		body, err := io.ReadAll(r.Body)
		if err != nil {
			// Too large or cut off: the endpoint answers that itself.
			r.Body = io.NopCloser(io.MultiReader(bytes.NewReader(body), errReader{err}))
			next(w, r)
			return
		}
		sum := sha256.Sum256(body)
		a := &schakel.IdempotentAnswer{Caller: "gebruiker:" + strconv.FormatInt(u.ID, 10), Key: key,
			Route: r.Method + " " + r.URL.Path, BodyHash: hex.EncodeToString(sum[:])}
		prev, err := h.Idempotency.Begin(r.Context(), a)
		if err != nil {
			respond.Error(w, r, h.Log, err)
			return
		}
		if prev != nil {
			replay(w, prev)
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		rec := &recorder{ResponseWriter: w}
		h.runFreeingOnPanic(next, rec, r, a)
		a.Status, a.Body = rec.status, rec.body.Bytes()
		if rec.status == 0 || rec.overflow {
			a.Status = 0 // nothing to keep: free the key
		}
		a.Headers = map[string]string{}
		for _, k := range []string{"Location", "Content-Type"} {
			if v := w.Header().Get(k); v != "" {
				a.Headers[k] = v
			}
		}
		// The answer is sent; keeping it must not depend on the client
		// still listening.
		if err := h.Idempotency.Finish(context.WithoutCancel(r.Context()), a); err != nil && h.Log != nil {
			h.Log.ErrorContext(r.Context(), "idempotency key not kept", "route", r.Pattern, "err", err)
		}
	}
}

// runFreeingOnPanic runs next; when it panics, the key is freed before the
// panic goes on to the server's recovery (a 500), so a retry runs the
// create again instead of getting 409 until the key expires a day later
// (found in review).
func (h *Handler) runFreeingOnPanic(next http.HandlerFunc, w http.ResponseWriter, r *http.Request, a *schakel.IdempotentAnswer) {
	defer func() {
		if p := recover(); p != nil {
			a.Status = 0
			if err := h.Idempotency.Finish(context.WithoutCancel(r.Context()), a); err != nil && h.Log != nil {
				h.Log.ErrorContext(r.Context(), "idempotency key not freed", "route", r.Pattern, "err", err)
			}
			panic(p)
		}
	}()
	next(w, r)
}

// replay writes a kept answer again.
func replay(w http.ResponseWriter, a *schakel.IdempotentAnswer) {
	for k, v := range a.Headers {
		w.Header().Set(k, v)
	}
	w.Header().Set("Idempotent-Replayed", "true")
	w.WriteHeader(a.Status)
	w.Write(a.Body)
}

// recorder passes an answer on and keeps a copy of it.
type recorder struct {
	http.ResponseWriter
	status   int
	body     bytes.Buffer
	overflow bool
}

func (rec *recorder) WriteHeader(status int) {
	if rec.status == 0 {
		rec.status = status
	}
	rec.ResponseWriter.WriteHeader(status)
}

func (rec *recorder) Write(p []byte) (int, error) {
	if rec.status == 0 {
		rec.status = http.StatusOK
	}
	if rec.body.Len()+len(p) > maxKeptAnswer {
		rec.overflow = true
	} else {
		rec.body.Write(p)
	}
	return rec.ResponseWriter.Write(p)
}

// Unwrap lets http.ResponseController reach the writer underneath.
func (rec *recorder) Unwrap() http.ResponseWriter { return rec.ResponseWriter }

// errReader returns its error on every read.
type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }
