package main

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"text/tabwriter"
	"time"
)

// report is the outcome of a run.
type report struct {
	URL     string       `json:"url"`     // the server's base URL
	Clients int          `json:"clients"` // concurrent clients
	Seconds float64      `json:"seconds"` // how long the load ran
	Kinds   []kindReport `json:"kinds"`   // one per kind, in the order of kindNames
	Total   kindReport   `json:"total"`   // all kinds together
	// Failures are the first few failures of each kind, to start a search.
	Failures map[string][]string `json:"failures,omitempty"`
}

// kindReport is the outcome of one kind (or of all, in Total).
type kindReport struct {
	Kind      string           `json:"kind"`
	Count     int64            `json:"count"` // successes and failures
	OK        int64            `json:"ok"`
	Errors    int64            `json:"errors"`
	ByStatus  map[string]int64 `json:"errorsByStatus,omitempty"` // "transport" when no answer came
	PerSecond float64          `json:"perSecond"`                // Count over the whole run's time
	// The latencies of every answered operation, failed ones included.
	P50Ms float64 `json:"p50Ms"`
	P99Ms float64 `json:"p99Ms"`
	MaxMs float64 `json:"maxMs"`
}

// ms is d in milliseconds, to the microsecond.
func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// kindReportOf summarises the samples of h and the counts.
func kindReportOf(name string, ok int64, byStatus map[string]int64, h *histogram, took time.Duration) kindReport {
	kr := kindReport{Kind: name, OK: ok, ByStatus: byStatus,
		P50Ms: ms(h.quantile(0.50)), P99Ms: ms(h.quantile(0.99)), MaxMs: ms(h.maximum())}
	for _, n := range byStatus {
		kr.Errors += n
	}
	kr.Count = kr.OK + kr.Errors
	if s := took.Seconds(); s > 0 {
		kr.PerSecond = float64(kr.Count) / s
	}
	return kr
}

// report summarises the run, which took took.
func (r *runner) report(took time.Duration) *report {
	rep := &report{URL: r.o.url, Clients: r.o.clients, Seconds: took.Seconds(), Failures: map[string][]string{}}
	var all histogram
	var ok int64
	byStatus := map[string]int64{}
	for k, s := range r.stats {
		s.mu.Lock()
		kr := kindReportOf(kindNames[k], s.ok, maps.Clone(s.errors), &s.hist, took)
		all.merge(&s.hist)
		ok += s.ok
		for st, n := range s.errors {
			byStatus[st] += n
		}
		if len(s.first) > 0 {
			rep.Failures[kindNames[k]] = slices.Clone(s.first)
		}
		s.mu.Unlock()
		rep.Kinds = append(rep.Kinds, kr)
	}
	rep.Total = kindReportOf("total", ok, byStatus, &all, took)
	return rep
}

// writeJSON prints the report as indented JSON.
func (rep *report) writeJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(rep)
}

// writeText prints the report as a table, with the first failures below.
func (rep *report) writeText(w io.Writer) error {
	fmt.Fprintf(w, "schakel-load: %s, %d clients, %.1f s\n\n", rep.URL, rep.Clients, rep.Seconds)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "kind\tcount\terrors\tper s\tp50 ms\tp99 ms\tmax ms\terrors by status\t")
	for _, kr := range append(slices.Clone(rep.Kinds), rep.Total) {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%.1f\t%.1f\t%.1f\t%.1f\t%s\t\n", kr.Kind, kr.Count, kr.Errors, kr.PerSecond, kr.P50Ms, kr.P99Ms, kr.MaxMs, statuses(kr.ByStatus))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, k := range slices.Sorted(maps.Keys(rep.Failures)) {
		fmt.Fprintf(w, "\nfirst failures of %s:\n", k)
		for _, f := range rep.Failures[k] {
			fmt.Fprintf(w, "  %s\n", strings.Join(strings.Fields(f), " "))
		}
	}
	if n := rep.kind("citizen-brake").ByStatus["429"]; n > 0 {
		fmt.Fprintf(w, "\n%d citizens' brakes were throttled: start the server with --trust-proxy so that each comes from its own address\n", n)
	}
	_, err := fmt.Fprintln(w)
	return err
}

// kind returns the report of the kind named name.
func (rep *report) kind(name string) kindReport {
	for _, kr := range rep.Kinds {
		if kr.Kind == name {
			return kr
		}
	}
	return kindReport{}
}

// statuses prints errors by status as "429×3 500×1", or "-".
func statuses(m map[string]int64) string {
	if len(m) == 0 {
		return "-"
	}
	var parts []string
	for _, s := range slices.Sorted(maps.Keys(m)) {
		parts = append(parts, fmt.Sprintf("%s×%d", s, m[s]))
	}
	return strings.Join(parts, " ")
}
