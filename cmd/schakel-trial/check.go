package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// ack is one write the server acknowledged: a 201 with a Location. Only
// acknowledged writes must survive a crash; a write whose answer never came
// may or may not have happened.
type ack struct {
	Kind     string // request, brake or signal
	Location string // path of the new resource, as the server gave it
	// RequestID is the request for account the write created (a request,
	// or the request a brake opened); its first event must reach the log.
	RequestID int64
	Run       int
}

// checkResult is what checking acknowledged writes after a restart found.
type checkResult struct {
	Checked int
	// Lost are acknowledged writes that are no longer readable.
	Lost []string
	// Gaps are acknowledged requests whose first event did not reach the
	// signed log in time: a hole in the history the log publishes.
	Gaps []string
}

// checkAcks reads every acknowledged write back and waits (at most
// ledgerWait) until the first event of every acknowledged request is in a
// signed checkpoint of the log, with its inclusion proof.
func checkAcks(ctx context.Context, c *http.Client, base string, acks []ack, ledgerWait time.Duration) (checkResult, error) {
	var res checkResult
	var logged []ack
	for _, a := range acks {
		status, err := get(ctx, c, base+a.Location, nil)
		if err != nil {
			return res, err
		}
		res.Checked++
		if status != http.StatusOK {
			res.Lost = append(res.Lost, fmt.Sprintf("run %d: %s %s answers %d", a.Run, a.Kind, a.Location, status))
			continue
		}
		if a.RequestID > 0 {
			logged = append(logged, a)
		}
	}
	deadline := time.Now().Add(ledgerWait)
	for _, a := range logged {
		path := fmt.Sprintf("%s/api/v1/logboek/gebeurtenissen/%d/1", base, a.RequestID)
		for {
			status, err := get(ctx, c, path, nil)
			if err != nil {
				return res, err
			}
			if status == http.StatusOK {
				break
			}
			if status != http.StatusNotFound || time.Now().After(deadline) {
				res.Gaps = append(res.Gaps, fmt.Sprintf("run %d: the first event of request %d is not in the log (%d)", a.Run, a.RequestID, status))
				break
			}
			select {
			case <-ctx.Done():
				return res, ctx.Err()
			case <-time.After(250 * time.Millisecond):
			}
		}
	}
	return res, nil
}

// get GETs url and decodes a JSON body into v when v is not nil and the
// answer is 200.
func get(ctx context.Context, c *http.Client, url string, v any) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return 0, err
	}
	resp, err := c.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	if v != nil && resp.StatusCode == http.StatusOK {
		if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
			return 0, fmt.Errorf("GET %s: %w", url, err)
		}
	}
	io.Copy(io.Discard, resp.Body)
	return resp.StatusCode, nil
}

// checkpointSize returns the size of the newest signed checkpoint.
func checkpointSize(ctx context.Context, c *http.Client, base string) (int64, error) {
	var st struct {
		Size int64 `json:"grootte"`
	}
	status, err := get(ctx, c, base+"/api/v1/logboek", &st)
	if err != nil {
		return 0, err
	}
	if status != http.StatusOK {
		return 0, fmt.Errorf("GET /api/v1/logboek: %d", status)
	}
	return st.Size, nil
}

// idOf returns the number at the end of a Location path.
func idOf(location string) int64 {
	n, _ := strconv.ParseInt(location[strings.LastIndex(location, "/")+1:], 10, 64)
	return n
}

// plainClient is a client without a session.
func plainClient() *http.Client { return &http.Client{Timeout: 30 * time.Second} }
