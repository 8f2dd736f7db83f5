// Command schakel-load drives a mixed workload against a running schakel
// server started with --demo and reports, per kind of operation, the count,
// the errors by status, the throughput and the latency (p50, p99, max)
// (issue 17, docs/BENCHMARKS.md §10):
//
//	register       a public register page: /noodremmen, /casusprudentie,
//	               /parlement/verzoeken; and the request list /verzoeken as
//	               a logged-in professional
//	postvak        the work inbox /postvak as a professional or coordinator
//	search         a full-text search of the precedent register
//	create         POST /api/v1/verantwoordingsverzoeken as a professional
//	answer         POST …/{id}/antwoorden as the coordinator, on a request
//	               this load created
//	citizen-brake  the public citizen's form, GET then POST /noodrem/burger,
//	               which hashes a receipt code with argon2id; only the POST
//	               is timed
//
// The server limits citizens' brakes per client address (5 at once, then
// one every 6 minutes). The load sends each brake from its own address in
// X-Forwarded-For (198.18.0.0/15, the benchmarking range), which the server
// only believes when started with --trust-proxy; without it all but the
// first brakes are answered 429 and counted as such.
//
// It is a program of its own, like schakel-trial, so that the production
// binary does not carry it. main only wires signals and exits.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// errFailed means some operations failed; the report says which.
var errFailed = errors.New("some operations failed (see the report)")

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(2)
		}
		fmt.Fprintln(os.Stderr, "schakel-load:", err)
		os.Exit(1)
	}
}

// defaultMix is a day at a ministry's executing organisation as we imagine
// it: mostly people reading registers and their inbox, some searching,
// fewer writing, and a few citizens pulling the brake.
const defaultMix = "register=50,postvak=20,search=15,create=7,answer=5,citizen-brake=3"

// options are the flags of a run.
type options struct {
	url                       string
	duration                  time.Duration
	requests                  int // per kind; when > 0 it replaces the duration and the weights
	clients                   int
	mix                       [numKinds]int
	seed                      int64
	json                      bool
	professional, coordinator string // demo user ids
	forwardedFor              bool
}

// parseFlags reads the flags of args.
func parseFlags(args []string, stderr io.Writer) (options, error) {
	var o options
	fs := flag.NewFlagSet("schakel-load", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.url, "url", "http://127.0.0.1:8080", "base URL of a server started with schakel serve --demo (and --trust-proxy)")
	fs.DurationVar(&o.duration, "duration", 30*time.Second, "how long to drive the load")
	fs.IntVar(&o.requests, "requests", 0, "instead of a duration and weights: exactly N operations of every kind the mix weighs above 0")
	fs.IntVar(&o.clients, "clients", 8, "concurrent clients, each with its own sessions")
	mix := fs.String("mix", defaultMix, "weights of the kinds, kind=weight separated by commas; a kind left out gets 0")
	fs.Int64Var(&o.seed, "seed", 1, "seed of the choice of kinds and pages")
	fs.BoolVar(&o.json, "json", false, "print the report as JSON")
	fs.StringVar(&o.professional, "professional", "1", "demo user id of the professional at uwv (Fatima El Amrani: 1 on a new demo database)")
	fs.StringVar(&o.coordinator, "coordinator", "2", "demo user id of the coordinator at uwv (Jeroen Bakker: 2 on a new demo database)")
	fs.BoolVar(&o.forwardedFor, "forwarded-for", true, "send each citizen's brake from its own address in X-Forwarded-For (needs serve --trust-proxy)")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	var err error
	if o.mix, err = parseMix(*mix); err != nil {
		return o, err
	}
	switch {
	case o.clients < 1:
		return o, errors.New("--clients must be at least 1")
	case o.requests < 0:
		return o, errors.New("--requests must not be negative")
	case o.requests == 0 && o.duration <= 0:
		return o, errors.New("--duration must be positive")
	}
	o.url = strings.TrimRight(o.url, "/")
	return o, nil
}

// parseMix reads "kind=weight,…".
func parseMix(s string) ([numKinds]int, error) {
	var mix [numKinds]int
	total := 0
	for part := range strings.SplitSeq(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		name, weight, ok := strings.Cut(part, "=")
		k, known := kindOf(strings.TrimSpace(name))
		w, err := strconv.Atoi(strings.TrimSpace(weight))
		if !ok || !known || err != nil || w < 0 {
			return mix, fmt.Errorf("--mix: %q is not kind=weight with a kind of %s and a weight ≥ 0", part, strings.Join(kindNames[:], ", "))
		}
		mix[k] = w
		total += w
	}
	if total == 0 {
		return mix, errors.New("--mix: every weight is 0")
	}
	return mix, nil
}

// run parses the flags, drives the load and prints the report.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	o, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	rep, err := drive(ctx, o)
	if err != nil {
		return err
	}
	if o.json {
		err = rep.writeJSON(stdout)
	} else {
		err = rep.writeText(stdout)
	}
	if err != nil {
		return err
	}
	if rep.Total.Errors > 0 {
		return errFailed
	}
	return nil
}
