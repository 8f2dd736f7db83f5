package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"sync/atomic"
	"time"
)

// crashOptions are the flags of crash and restart.
type crashOptions struct {
	bin, store, db, dir string
	runs, workers       int
	loadSeconds         float64
	restartCommand      string
	ledgerWait          time.Duration
	seed                uint64
}

// crashTotals sum the runs.
type crashTotals struct {
	runs, acked, lost, gaps, verifyFailures, rollbacks, serverErrors, failed, notRecovered int
}

func runCrash(ctx context.Context, args []string, stdout, stderr io.Writer, restartPostgres bool) error {
	name := "crash"
	if restartPostgres {
		name = "restart"
	}
	var o crashOptions
	fs := flag.NewFlagSet("schakel-trial "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.bin, "schakel", "schakel", "the schakel binary to run (build it with go build ./cmd/schakel)")
	fs.StringVar(&o.store, "store", "sqlite", "sqlite or postgres")
	fs.StringVar(&o.db, "db", os.Getenv("SCHAKEL_TRIAL_POSTGRES"), "postgres:// URL of a database of the trial's own, emptied at the start (default $SCHAKEL_TRIAL_POSTGRES); for sqlite a file in --dir is used")
	fs.StringVar(&o.dir, "dir", "", "working directory for the database file, key and server log (default: a new temporary directory)")
	fs.IntVar(&o.runs, "runs", 3, "how many kills (or PostgreSQL restarts)")
	fs.IntVar(&o.workers, "workers", 8, "concurrent writers")
	fs.Float64Var(&o.loadSeconds, "load-seconds", 3, "the longest load of a run; the kill comes at a random moment between a third of it and all of it")
	fs.StringVar(&o.restartCommand, "restart-command", "pg_ctlcluster 15 main restart", "restart: the shell command that restarts PostgreSQL")
	fs.DurationVar(&o.ledgerWait, "ledger-wait", 60*time.Second, "how long to wait for the log job to sign the acknowledged writes after a restart")
	fs.Uint64Var(&o.seed, "seed", 0, "seed of the random kill moments (default: from the clock)")
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	if restartPostgres {
		o.store = "postgres"
	}
	if err := o.prepare(ctx); err != nil {
		return err
	}
	if o.seed == 0 {
		o.seed = uint64(time.Now().UnixNano())
	}
	rng := rand.New(rand.NewPCG(o.seed, 1))
	fmt.Fprintf(stdout, "%s trial on %s: %d runs, load up to %.1fs with %d writers, seed %d, dir %s\n", name, o.store, o.runs, o.loadSeconds, o.workers, o.seed, o.dir)

	addr, err := freeAddr()
	if err != nil {
		return err
	}
	srv := &server{bin: o.bin, dir: o.dir, db: o.db, addr: addr}
	if err := srv.start(ctx); err != nil {
		return err
	}
	defer srv.stop()
	var tot crashTotals
	var seq atomic.Int64
	var lastSize int64
	var all []ack
	for run := 1; run <= o.runs && ctx.Err() == nil; run++ {
		rep, acks, err := o.oneRun(ctx, srv, run, rng, &seq, restartPostgres)
		if err != nil {
			return fmt.Errorf("run %d: %w", run, err)
		}
		all = append(all, acks...)
		size, err := checkpointSize(ctx, plainClient(), srv.base())
		if err != nil {
			rep.gaps++
			rep.faults = append(rep.faults, "no signed checkpoint: "+err.Error())
		}
		if size < lastSize {
			rep.rollbacks++
			fmt.Fprintf(stdout, "  ROLLBACK: the log shrank from %d to %d entries\n", lastSize, size)
		}
		lastSize = size
		rep.print(stdout, run, size)
		tot.add(rep)
	}
	// Every acknowledged write of every run, once more at the end.
	c, err := login(srv.base(), demoProfessional)
	if err != nil {
		return err
	}
	final, err := checkAcks(ctx, c, srv.base(), all, o.ledgerWait)
	if err != nil {
		return err
	}
	for _, f := range append(final.Lost, final.Gaps...) {
		fmt.Fprintln(stdout, "  FINAL:", f)
	}
	fmt.Fprintf(stdout, "summary: %s on %s: runs %d, acknowledged writes %d, lost %d, gaps %d, verify failures %d, rollbacks %d, 5xx %d, broken off %d, not recovered %d; final check of all %d: lost %d, gaps %d\n",
		name, o.store, tot.runs, tot.acked, tot.lost, tot.gaps, tot.verifyFailures, tot.rollbacks, tot.serverErrors, tot.failed, tot.notRecovered,
		final.Checked, len(final.Lost), len(final.Gaps))
	if tot.lost+tot.gaps+tot.verifyFailures+tot.rollbacks+tot.notRecovered+len(final.Lost)+len(final.Gaps) > 0 || tot.runs < o.runs {
		return errFound
	}
	return nil
}

// prepare checks the options and makes the working directory and database.
func (o *crashOptions) prepare(ctx context.Context) error {
	if o.dir == "" {
		d, err := os.MkdirTemp("", "schakel-trial-")
		if err != nil {
			return err
		}
		o.dir = d
	}
	if err := os.MkdirAll(o.dir, 0o700); err != nil {
		return err
	}
	if b, err := filepath.Abs(o.bin); err == nil && fileExists(b) {
		o.bin = b
	} else if p, err := exec.LookPath(o.bin); err == nil {
		o.bin = p
	} else {
		return fmt.Errorf("--schakel %q: no such program; build it with go build -o schakel ./cmd/schakel", o.bin)
	}
	if o.store != "sqlite" && o.store != "postgres" {
		return fmt.Errorf("--store %q: want sqlite or postgres", o.store)
	}
	// A trial starts from nothing: an old key, checkpoint file or verify
	// state would belong to another log (and serve rightly refuses to sign).
	for _, f := range []string{"trial.db", "trial.db-wal", "trial.db-shm", "schakel-log.key", "schakel-log.checkpoint", "verify.state", "serve.log"} {
		if err := os.Remove(filepath.Join(o.dir, f)); err != nil && !os.IsNotExist(err) {
			return err
		}
	}
	switch o.store {
	case "sqlite":
		o.db = filepath.Join(o.dir, "trial.db")
		return nil
	case "postgres":
		if !isPostgres(o.db) {
			return errors.New("--db: give the postgres:// URL of a database of the trial's own (it is emptied)")
		}
		return resetPostgres(ctx, o.db)
	}
	return fmt.Errorf("--store %q: want sqlite or postgres", o.store)
}

func fileExists(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && !fi.IsDir()
}

// runReport is one run's outcome.
type runReport struct {
	crashTotals
	sent, clientErrors int
	unexpected         []string
	faults             []string
	took               time.Duration
}

// oneRun puts load on the server, kills it (or restarts PostgreSQL) at a
// random moment, restarts it, and checks what was acknowledged.
func (o *crashOptions) oneRun(ctx context.Context, srv *server, run int, rng *rand.Rand, seq *atomic.Int64, restartPostgres bool) (runReport, []ack, error) {
	start := time.Now()
	c, err := login(srv.base(), demoProfessional)
	if err != nil {
		return runReport{}, nil, err
	}
	st := &loadStats{}
	lctx, stopLoad := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { drive(lctx, c, srv.base(), o.workers, run, seq, st); close(done) }()
	at := time.Duration((o.loadSeconds/3 + rng.Float64()*o.loadSeconds*2/3) * float64(time.Second))
	time.Sleep(at)
	var rep runReport
	if restartPostgres {
		out, err := exec.CommandContext(ctx, "sh", "-c", o.restartCommand).CombinedOutput()
		if err != nil {
			stopLoad()
			<-done
			return rep, nil, fmt.Errorf("%s: %v: %s", o.restartCommand, err, out)
		}
		// schakel keeps running: the load goes on until it is acknowledged
		// again, which shows that schakel recovered by itself.
		st.mark.Store(true)
		deadline := time.Now().Add(60 * time.Second)
		for st.afterMark.Load() < int64(o.workers) && time.Now().Before(deadline) {
			time.Sleep(50 * time.Millisecond)
		}
		if st.afterMark.Load() == 0 {
			rep.notRecovered++
			rep.faults = append(rep.faults, "no write was acknowledged in 60 s after PostgreSQL restarted")
		}
		stopLoad()
		<-done
	} else {
		srv.kill()
		stopLoad()
		<-done
		if err := srv.start(ctx); err != nil {
			return rep, nil, err
		}
	}
	rep.runs = 1
	rep.sent = int(st.sent.Load())
	rep.acked = int(st.acked.Load())
	rep.failed = int(st.failed.Load())
	rep.serverErrors = int(st.serverErrors.Load())
	rep.clientErrors = int(st.clientErrors.Load())
	rep.unexpected = st.unexpected
	if c, err = login(srv.base(), demoProfessional); err != nil {
		return rep, nil, err
	}
	res, err := checkAcks(ctx, c, srv.base(), st.acks, o.ledgerWait)
	if err != nil {
		return rep, nil, err
	}
	rep.lost, rep.gaps = len(res.Lost), len(res.Gaps)
	rep.faults = append(rep.faults, res.Lost...)
	rep.faults = append(rep.faults, res.Gaps...)
	if out, err := o.verify(ctx, srv); err != nil {
		rep.verifyFailures++
		rep.faults = append(rep.faults, fmt.Sprintf("verify: %v\n%s", err, out))
	}
	rep.took = time.Since(start)
	return rep, st.acks, nil
}

// verify runs `schakel verify` against the server's /log, keeping its state
// in the trial's directory so that a rollback between runs is caught too.
func (o *crashOptions) verify(ctx context.Context, srv *server) ([]byte, error) {
	cmd := exec.CommandContext(ctx, o.bin, "verify", "--url", srv.base(), "--key", srv.key,
		"--state", filepath.Join(o.dir, "verify.state"), "--events", "50")
	cmd.Env = childEnv()
	return cmd.CombinedOutput()
}

func (r runReport) print(w io.Writer, run int, size int64) {
	fmt.Fprintf(w, "run %d: sent %d, acknowledged %d, 5xx %d, broken off %d, other %d; lost %d, gaps %d, verify %s; log %d entries; %.1fs\n",
		run, r.sent, r.acked, r.serverErrors, r.failed, r.clientErrors, r.lost, r.gaps, okOr(r.verifyFailures == 0), size, r.took.Seconds())
	for _, f := range r.faults {
		fmt.Fprintln(w, "  FAULT:", f)
	}
	for _, u := range r.unexpected {
		fmt.Fprintln(w, "  unexpected answer:", u)
	}
}

func okOr(ok bool) string {
	if ok {
		return "ok"
	}
	return "FAILED"
}

func (t *crashTotals) add(r runReport) {
	t.runs += r.runs
	t.acked += r.acked
	t.lost += r.lost
	t.gaps += r.gaps
	t.verifyFailures += r.verifyFailures
	t.rollbacks += r.rollbacks
	t.serverErrors += r.serverErrors
	t.failed += r.failed
	t.notRecovered += r.notRecovered
}
