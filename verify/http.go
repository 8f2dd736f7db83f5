package verify

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"golang.org/x/mod/sumdb/tlog"
)

// maxResponse caps the size of a response read: a full entry bundle is at
// most 256 entries of 64 KiB.
const maxResponse = 64 << 20

// HTTPSource reads the public record of a schakel over HTTP, as an
// outsider would: the C2SP resources under /log/, event lookups, proofs
// and the register of brakes from the JSON API under /api/v1. It is a
// [Source], a [ConsistencySource] and a [RegisterSource].
type HTTPSource struct {
	base   string
	client *http.Client
}

// NewHTTPSource returns a source reading the schakel at base, such as
// https://schakel.example.nl, with client (http.DefaultClient if nil).
// It fails when base is not an absolute http or https URL.
func NewHTTPSource(base string, client *http.Client) (*HTTPSource, error) {
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("verify: %q is not an http(s) URL such as https://schakel.example.nl", base)
	}
	if client == nil {
		client = http.DefaultClient
	}
	return &HTTPSource{base: strings.TrimRight(base, "/"), client: client}, nil
}

// Name returns the base URL.
func (s *HTTPSource) Name() string { return s.base }

// ReadLog GETs /log/path.
func (s *HTTPSource) ReadLog(ctx context.Context, path string) ([]byte, error) {
	return s.get(ctx, "/log/"+path)
}

// LookupMethod names the API route of LookupEvent.
func (s *HTTPSource) LookupMethod() string {
	return "GET /api/v1/logboek/gebeurtenissen/{verzoek}/{volgnummer}"
}

// ledgerEvent is GET /api/v1/logboek/gebeurtenissen/{verzoek}/{volgnummer}.
type ledgerEvent struct {
	RequestID   int64           `json:"verzoek"`
	Seq         int             `json:"volgnummer"`
	Index       int64           `json:"index"`
	Entry       json.RawMessage `json:"gebeurtenis,omitempty"`
	EntryBase64 string          `json:"gebeurtenisBase64"`
	Checkpoint  struct {
		Note string `json:"checkpoint,omitempty"`
	} `json:"checkpoint"`
	Proof []string `json:"inclusiebewijs"`
}

// ledgerConsistency is GET /api/v1/logboek/consistentie.
type ledgerConsistency struct {
	Proof []string `json:"consistentiebewijs"`
}

// LookupEvent GETs /api/v1/logboek/gebeurtenissen/{verzoek}/{volgnummer}:
// the entry with the API's inclusion proof against its latest checkpoint.
func (s *HTTPSource) LookupEvent(ctx context.Context, requestID int64, seq int) (*Event, error) {
	body, err := s.get(ctx, fmt.Sprintf("/api/v1/logboek/gebeurtenissen/%d/%d", requestID, seq))
	if err != nil {
		return nil, err
	}
	var ev ledgerEvent
	if err := json.Unmarshal(body, &ev); err != nil {
		return nil, fmt.Errorf("the API's answer is not a log event: %v", err)
	}
	entry, err := base64.StdEncoding.DecodeString(ev.EntryBase64)
	if err != nil {
		return nil, fmt.Errorf("the API's gebeurtenisBase64 is not base64: %v", err)
	}
	proof, err := parseHashes(ev.Proof)
	if err != nil {
		return nil, fmt.Errorf("the API's inclusiebewijs: %v", err)
	}
	if ev.RequestID != requestID || ev.Seq != seq {
		return nil, fmt.Errorf("the API answered with event %d/%d", ev.RequestID, ev.Seq)
	}
	return &Event{Index: ev.Index, Entry: entry, Proved: true, Decoded: ev.Entry, Checkpoint: []byte(ev.Checkpoint.Note), Proof: proof}, nil
}

// Consistency GETs /api/v1/logboek/consistentie?van=from&tot=to.
func (s *HTTPSource) Consistency(ctx context.Context, from, to int64) (tlog.TreeProof, error) {
	body, err := s.get(ctx, fmt.Sprintf("/api/v1/logboek/consistentie?van=%d&tot=%d", from, to))
	if err != nil {
		return nil, err
	}
	var c ledgerConsistency
	if err := json.Unmarshal(body, &c); err != nil {
		return nil, fmt.Errorf("the API's answer is not a consistency proof: %v", err)
	}
	return parseHashes(c.Proof)
}

// RegisterPage GETs /api/v1/noodremmen?pagina=page, 100 brakes a page.
func (s *HTTPSource) RegisterPage(ctx context.Context, page int) (*RegisterPage, error) {
	body, err := s.get(ctx, fmt.Sprintf("/api/v1/noodremmen?pagina=%d&paginaGrootte=100", page))
	if err != nil {
		return nil, err
	}
	var p RegisterPage
	if err := json.Unmarshal(body, &p); err != nil {
		return nil, fmt.Errorf("the API's answer is not a page of the register: %v", err)
	}
	return &p, nil
}

// Brake GETs /api/v1/noodremmen/{id}.
func (s *HTTPSource) Brake(ctx context.Context, id int64) (*Brake, error) {
	body, err := s.get(ctx, fmt.Sprintf("/api/v1/noodremmen/%d", id))
	if err != nil {
		return nil, err
	}
	var b Brake
	if err := json.Unmarshal(body, &b); err != nil {
		return nil, fmt.Errorf("the API's answer is not a brake: %v", err)
	}
	return &b, nil
}

// get GETs base+path and returns the body of a 200 OK, or an *HTTPError.
func (s *HTTPSource) get(ctx context.Context, path string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.base+path, nil)
	if err != nil {
		return nil, err
	}
	resp, err := s.client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxResponse))
	if err != nil {
		return nil, fmt.Errorf("GET %s: %w", path, err)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, &HTTPError{Path: path, Status: resp.Status, Body: body}
	}
	return body, nil
}

// HTTPError is a response other than 200 OK.
type HTTPError struct {
	// Path is the path requested, Status the response's status line and
	// Body its body.
	Path, Status string
	Body         []byte
}

// Error names the request and the problem's detail, or the start of the
// body.
func (e *HTTPError) Error() string {
	detail := strings.TrimSpace(string(e.Body))
	var p struct {
		Detail string `json:"detail"`
	}
	if json.Unmarshal(e.Body, &p) == nil && p.Detail != "" {
		detail = p.Detail
	}
	if len(detail) > 300 {
		detail = detail[:300] + "…"
	}
	return fmt.Sprintf("GET %s: %s: %s", e.Path, e.Status, detail)
}

// parseHashes parses base64 hashes.
func parseHashes(list []string) ([]tlog.Hash, error) {
	out := make([]tlog.Hash, len(list))
	for i, s := range list {
		h, err := tlog.ParseHash(s)
		if err != nil {
			return nil, fmt.Errorf("hash %d: %v", i, err)
		}
		out[i] = h
	}
	return out, nil
}
