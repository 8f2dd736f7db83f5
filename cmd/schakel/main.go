// Command schakel runs the schakel platform: serve, migrate, backup, keys, verify, witness, erase, report, user, version.
// main only wires signals and exits; the work is in Run, so tests start the
// whole program in-process.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := Run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stop()
	if err != nil {
		if err != errUsage {
			fmt.Fprintln(os.Stderr, "schakel:", err)
		}
		os.Exit(exitCode(err))
	}
}
