// Command schakel-trial runs the reliability trials of schakel that anyone
// can repeat (docs/RELIABILITY.md, decision 0039):
//
//	schakel-trial crash   kill -9 the real server under load, restart it and
//	                      check every acknowledged write, the log and verify
//	schakel-trial restart restart PostgreSQL under load and check the same
//	schakel-trial fuzz    send generated and mutated inputs to every
//	                      operation of the served OpenAPI document and check
//	                      for 5xx and responses that do not match their schema
//
// It is a program of its own, not a subcommand of schakel, so that the
// production binary carries neither the trial tooling nor its OpenAPI
// library. main only wires signals and exits.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

const usage = `schakel-trial — repeatable reliability trials of schakel

Usage:
  schakel-trial crash   --schakel BIN --store sqlite|postgres [--db URL] --runs N --load-seconds S
  schakel-trial restart --schakel BIN --db URL --runs N --load-seconds S [--restart-command CMD]
  schakel-trial fuzz    --store sqlite|postgres [--db URL] --inputs N

Run "schakel-trial <command> -h" for the flags. Exits 1 when a trial finds a
lost write, a gap, a verify failure, a 5xx or a schema violation.
`

// errUsage means the usage was printed.
var errUsage = errors.New("usage")

// errFound means a trial found a fault; its report says which.
var errFound = errors.New("the trial found faults (see the report above)")

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if err != nil {
		if !errors.Is(err, errUsage) {
			fmt.Fprintln(os.Stderr, "schakel-trial:", err)
		}
		if errors.Is(err, errUsage) || errors.Is(err, flag.ErrHelp) {
			os.Exit(2)
		}
		os.Exit(1)
	}
}

// run dispatches to a trial.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return errUsage
	}
	switch args[0] {
	case "crash":
		return runCrash(ctx, args[1:], stdout, stderr, false)
	case "restart":
		return runCrash(ctx, args[1:], stdout, stderr, true)
	case "fuzz":
		return runFuzz(ctx, args[1:], stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprintf(stderr, "schakel-trial: unknown command %q\n\n%s", args[0], usage)
	return errUsage
}
