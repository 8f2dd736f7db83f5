// Package verify checks schakel's public record as an outsider would: the
// ledger (a C2SP tlog-tiles Merkle log with signed checkpoints) and,
// where the source serves it, the public register of brakes, trusting only
// the log's verifier key and the checkpoint verified last time.
//
// A [Verifier] is given its operations the way the Go checksum database's
// client is: a [Source] to read the record from ([HTTPSource] for a site,
// [StoreSource] for a database offline), a [StateStore] that keeps the
// trusted checkpoint ([FileState]), and an io.Writer for the lines of its
// report. `schakel verify` only builds these and prints.
package verify

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/ledger"
)

// AllEvents, as [Verifier].Events, looks up every event of the log.
const AllEvents = -1

// maxEventProblems caps the problems listed.
const maxEventProblems = 20

// Verifier checks the public record of one schakel.
type Verifier struct {
	// Source is where the record is read.
	Source Source
	// VerifierKey is the log's note verifier key ("<name>+<hash>+<key>"),
	// from a source the caller trusts.
	VerifierKey string
	// Origin is the log's origin line; "" means the name of VerifierKey.
	Origin string
	// State keeps the checkpoint verified last; nil trusts nothing and
	// saves nothing.
	State StateStore
	// Events is how many events, chosen at random, are looked up by their
	// id and checked for inclusion; negative ([AllEvents]) for all.
	Events int
	// Out, if set, receives the report: what is checked, a line each, as
	// `schakel verify` prints it.
	Out io.Writer
	// Rand, if set, chooses the events looked up.
	Rand *rand.Rand
	// Witnesses are the cosignature/v1 verifier keys of witnesses
	// trusted to watch the log; WitnessQuorum of them must have cosigned
	// the checkpoint (docs/decisions/0036-witnesses.md), or it is not
	// trusted nor saved.
	Witnesses     []string
	WitnessQuorum int
	// OnProgress, if set, is called now and then with the work done and
	// the work in total, counted in entries: each entry of the checkpoint
	// hashed by the tree check and, for a source with event rows
	// ([RowSource]), each event row recomputed, so total is the
	// checkpoint's size, or twice it. It is called some 64 times in all,
	// from the goroutines doing the work but one call at a time, with done
	// increasing; when all checks are done, a last time with done equal to
	// total. It must return quickly. It is not called before the
	// checkpoint is fetched.
	OnProgress func(done, total int64)
}

// Result is what a verification found; fields are set as far as it got.
type Result struct {
	// Source is the name of the source.
	Source string
	// Trusted is the checkpoint trusted from the last run, if any.
	Trusted *ledger.Checkpoint
	// Log is what the check of the tree found: the checkpoint verified,
	// its signed note, and the entries, bundles and tiles checked.
	Log *ledger.Report
	// Entries is the number of entries in the checkpoint, and Events the
	// number of distinct events they are.
	Entries int64
	Events  int
	// Changes is the number of distinct changes of the register of cases
	// (publications, corrections, withdrawals) among the entries, and
	// ProposalEvents the number of distinct events of proposals.
	Changes, ProposalEvents int
	// Reports is the number of distinct records of yearly reports.
	Reports int
	// LookedUp is the number of events looked up by their id.
	LookedUp int
	// Register is what the walk over the register of brakes found, if the
	// source serves one.
	Register *RegisterResult
	// Rows is what the comparison of the event rows found, if the source
	// holds them.
	Rows *RowsResult
	// Cosigned names the witnesses whose cosignature verified, when
	// witnesses were given.
	Cosigned []string
	// Saved reports that the checkpoint was saved as the trusted one.
	Saved bool
}

// RegisterResult is what the walk over the register of brakes found.
type RegisterResult struct {
	// Brakes and Events are the brakes and public events the register
	// lists; Pending the events not yet in the checkpoint.
	Brakes, Events, Pending int
}

// RowsResult is what the comparison of the event rows with the log found.
type RowsResult struct {
	// Events is the number of event rows compared; Pending those not yet in
	// the checkpoint; Erased those compared without their text hashes,
	// because the texts of their request were erased.
	Events, Pending, Erased int
	// Changes is the number of changes of the register of cases compared
	// with their entry; ChangesPending those not yet in the checkpoint.
	Changes, ChangesPending int
	// ProposalEvents is the number of events of proposals compared with
	// their entry; ProposalEventsPending those not yet in the checkpoint.
	ProposalEvents, ProposalEventsPending int
	// Reports is the number of records of yearly reports compared with
	// their entry; ReportsPending those not yet in the checkpoint.
	Reports, ReportsPending int
	// Erasures are the erased requests met, in request order.
	Erasures []*schakel.Erasure
}

// ProblemsError is the error of a public record that does not verify:
// each problem names the entry, tile, checkpoint, event or brake concerned
// and what is wrong.
type ProblemsError struct {
	Problems []string
}

// Error lists the problems, one a line, the first 20 of them.
func (e *ProblemsError) Error() string {
	problems := e.Problems
	if len(problems) > maxEventProblems {
		problems = append(problems[:maxEventProblems:maxEventProblems], fmt.Sprintf("and %d more problems", len(problems)-maxEventProblems))
	}
	return fmt.Sprintf("verify: the public record does NOT verify:\n  - %s", strings.Join(problems, "\n  - "))
}

// ledgerError is an error of ledger.Verifier (a fetch, or the checkpoint)
// as the verify package says it.
type ledgerError struct{ err error }

func (e *ledgerError) Error() string {
	return "verify: " + strings.TrimPrefix(e.err.Error(), "ledger: ")
}

func (e *ledgerError) Unwrap() error { return e.err }

// run is one verification under way.
type run struct {
	v      *Verifier
	src    Source
	origin string
	out    io.Writer
	res    *Result
	// progress counts the work for Verifier.OnProgress; nil counts
	// nothing.
	progress *progress
}

// Verify runs the whole check: the checkpoint's signature and origin; its
// consistency with the trusted one; every entry, hash tile and the root
// (ledger.Verifier); each event in the log once; a sample of events looked
// up by their id and checked for inclusion; then what the source offers
// besides: the register of brakes ([RegisterSource]) and the event rows
// ([RowSource]). Only when all is well is the checkpoint saved as the
// trusted one.
//
// It returns what it found, as far as it got, and nil, a *[ProblemsError]
// naming each problem, or another error that stopped it (a source that
// cannot be read, a bad signature, a state that cannot be loaded or
// saved). Every error's text starts with "verify: ".
func (v *Verifier) Verify(ctx context.Context) (*Result, error) {
	r := &run{v: v, src: v.Source, origin: v.Origin, out: v.Out, res: &Result{Source: v.Source.Name()}}
	if r.origin == "" {
		r.origin, _, _ = strings.Cut(v.VerifierKey, "+")
	}
	if r.out == nil {
		r.out = io.Discard
	}
	return r.res, r.run(ctx)
}

func (r *run) run(ctx context.Context) error {
	fmt.Fprintf(r.out, "Checking the public record of %s\n  log %q, verifier key %s\n", r.src.Name(), r.origin, r.v.VerifierKey)
	if err := r.loadTrusted(); err != nil {
		return fmt.Errorf("verify: %w", err)
	}
	// The event rows are read and recomputed while the tree is checked:
	// the two are independent until the rows are compared with the
	// entries.
	rowSrc, hasRows := r.src.(RowSource)
	r.progress = newProgress(r.v.OnProgress, hasRows)
	var bg *backgroundRows
	if hasRows {
		bg = startRows(ctx, rowSrc.EventRows(), r.progress)
		defer bg.stop()
	}
	scan, err := r.checkTree(ctx)
	if err != nil {
		return err
	}
	if err := r.witnesses(); err != nil {
		return err
	}
	cp := r.res.Log.Checkpoint
	if err := r.lookups(ctx, cp, scan); err != nil {
		return err
	}
	if reg, ok := r.src.(RegisterSource); ok {
		if err := r.register(ctx, reg, scan.byEvent); err != nil {
			return err
		}
	}
	if hasRows {
		if err := r.rows(ctx, rowSrc.EventRows(), bg, cp, scan); err != nil {
			return err
		}
	}
	r.progress.finish()
	return r.save()
}

// witnesses checks the quorum of witnesses' cosignatures on the
// checkpoint, when one is asked, and says who cosigned.
func (r *run) witnesses() error {
	if r.v.WitnessQuorum <= 0 && len(r.v.Witnesses) == 0 {
		return nil
	}
	names, err := CheckWitnesses(r.res.Log.Note, r.v.Witnesses, r.v.WitnessQuorum)
	r.res.Cosigned = names
	if err != nil {
		return err
	}
	fmt.Fprintf(r.out, "ok  witnesses: %d of %d cosigned the checkpoint (%d required): %s\n", len(names), len(r.v.Witnesses), r.v.WitnessQuorum, strings.Join(names, ", "))
	return nil
}

// loadTrusted loads the trusted checkpoint and says what it is.
func (r *run) loadTrusted() error {
	st := r.v.State
	if st == nil {
		fmt.Fprintf(r.out, "  no trusted checkpoint: no state is kept\n")
		return nil
	}
	trusted, err := st.Load(r.v.VerifierKey, r.origin)
	if err != nil {
		return err
	}
	r.res.Trusted = trusted
	if trusted != nil {
		fmt.Fprintf(r.out, "  trusted from the last run (%s): %s\n", st, trusted)
	} else {
		fmt.Fprintf(r.out, "  no trusted checkpoint yet (%s): this run establishes one\n", st)
	}
	return nil
}

// fetcher reads the source's log as a ledger.Fetcher. It takes the size
// of the checkpoint fetched for the progress; ledger.Verifier checks it.
func (r *run) fetcher(ctx context.Context) ledger.Fetcher {
	return func(path string) ([]byte, error) {
		data, err := r.src.ReadLog(ctx, path)
		if err == nil && path == "checkpoint" && r.progress != nil {
			if cp, err := ledger.OpenCheckpoint(data, r.v.VerifierKey, r.origin); err == nil {
				r.progress.setSize(cp.Size)
			}
		}
		return data, err
	}
}

// checkTree checks the checkpoint and the tree with ledger.Verifier,
// scanning every entry on the way, and checks each event is in the log
// once.
func (r *run) checkTree(ctx context.Context) (*scanState, error) {
	rnd := r.v.Rand
	if rnd == nil {
		rnd = rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64()))
	}
	scan := &scanState{progress: r.progress, k: r.v.Events, byEvent: map[eventID]seen{}, byChange: map[eventID]seen{}, byProposal: map[eventID]seen{}, byReport: map[eventID]seen{}, rnd: rnd}
	lv := ledger.Verifier{Fetch: r.fetcher(ctx), VerifierKey: r.v.VerifierKey, Origin: r.origin, Trusted: r.res.Trusted, Entry: scan.entry}
	rep, err := lv.Verify(ctx)
	r.res.Log = rep
	for _, line := range rep.Checked {
		fmt.Fprintf(r.out, "ok  %s\n", line)
	}
	if ve, ok := errors.AsType[*ledger.VerifyError](err); ok {
		return nil, &ProblemsError{append(ve.Problems, scan.problems...)}
	}
	if err != nil {
		return nil, &ledgerError{err}
	}
	if len(scan.problems) > 0 {
		return nil, &ProblemsError{scan.problems}
	}
	r.res.Entries, r.res.Events, r.res.Changes, r.res.ProposalEvents = scan.n, len(scan.byEvent), len(scan.byChange), len(scan.byProposal)
	r.res.Reports = len(scan.byReport)
	fmt.Fprintf(r.out, "ok  events: the %d entries are %d distinct events", scan.n, len(scan.byEvent))
	if len(scan.byChange) > 0 {
		fmt.Fprintf(r.out, " and %d distinct changes of the register of cases", len(scan.byChange))
	}
	if len(scan.byProposal) > 0 {
		fmt.Fprintf(r.out, " and %d distinct events of proposals", len(scan.byProposal))
	}
	if len(scan.byReport) > 0 {
		fmt.Fprintf(r.out, " and %d distinct records of yearly reports", len(scan.byReport))
	}
	fmt.Fprintf(r.out, ", each in the log once\n")
	return scan, nil
}

// lookups looks up the sampled events by their id and says what it
// checked.
func (r *run) lookups(ctx context.Context, cp ledger.Checkpoint, scan *scanState) error {
	problems, looked := r.checkSamples(ctx, cp, scan.samples)
	if len(problems) > 0 {
		return &ProblemsError{problems}
	}
	r.res.LookedUp = looked
	if looked == 0 {
		return nil
	}
	_, proving := r.src.(ConsistencySource)
	fmt.Fprintf(r.out, "ok  lookups: %d of %d events looked up by id through %s: same index and bytes as in the tiles, each decodes as a request entry (version 1 or 5), inclusion in the checkpoint checked (ledger.CheckInclusion)", looked, len(scan.byEvent), r.src.LookupMethod())
	if proving {
		fmt.Fprintf(r.out, ", and the API's own inclusion proofs checked against its signed checkpoints (tlog.CheckRecord, tlog.CheckTree)")
	}
	fmt.Fprintln(r.out)
	return nil
}

// register walks the register of brakes and says what it checked.
func (r *run) register(ctx context.Context, src RegisterSource, byEvent map[eventID]seen) error {
	reg, problems := checkRegister(ctx, src, byEvent)
	if len(problems) > 0 {
		return &ProblemsError{problems}
	}
	r.res.Register = &reg
	fmt.Fprintf(r.out, "ok  register: %d brakes listed at /api/v1/noodremmen with %d public events; each event is in the log once", reg.Brakes, reg.Events)
	if reg.Brakes > 0 {
		fmt.Fprintf(r.out, ", and each brake's level and principles equal its entry in the log")
	}
	if reg.Pending > 0 {
		fmt.Fprintf(r.out, "; %d newer events are not yet in a checkpoint", reg.Pending)
	}
	fmt.Fprintln(r.out)
	return nil
}

// rows compares the event rows, and the rows of the other subjects the
// database has, with the log and says what it checked.
func (r *run) rows(ctx context.Context, st EventRows, bg *backgroundRows, cp ledger.Checkpoint, scan *scanState) error {
	rows, problems := bg.compare(cp, scan.byEvent)
	if cr, ok := st.(ChangeRows); ok {
		rows.Changes, rows.ChangesPending, problems = checkChangeRows(ctx, cr, scan.byChange, problems)
	}
	if pr, ok := st.(ProposalRows); ok {
		rows.ProposalEvents, rows.ProposalEventsPending, problems = checkProposalRows(ctx, pr, scan.byProposal, problems)
	}
	if rr, ok := st.(ReportRows); ok {
		rows.Reports, rows.ReportsPending, problems = checkReportRows(ctx, rr, scan.byReport, problems)
	}
	if len(problems) > 0 {
		return &ProblemsError{problems}
	}
	r.res.Rows = &rows
	for i, x := range rows.Erasures {
		if i == maxEventProblems {
			fmt.Fprintf(r.out, "ok  and %d more requests whose texts were erased; their text hashes were not compared\n", len(rows.Erasures)-i)
			break
		}
		fmt.Fprintf(r.out, "ok  request %d: texts erased on %s (%s); text hashes not compared\n", x.RequestID, x.ErasedAt.Format(time.DateOnly), x.Reason)
	}
	fmt.Fprintf(r.out, "ok  event rows: %d events in the database match their log entry (their public projection recomputed)", rows.Events)
	if rows.Erased > 0 {
		fmt.Fprintf(r.out, "; of %d events the texts were erased, so all but their text hashes were compared", rows.Erased)
	}
	if rows.Pending > 0 {
		fmt.Fprintf(r.out, "; %d newer events are not yet in a checkpoint", rows.Pending)
	}
	fmt.Fprintln(r.out)
	subjectLine(r.out, "register of cases", "changes", rows.Changes, rows.ChangesPending)
	subjectLine(r.out, "proposals", "events of proposals", rows.ProposalEvents, rows.ProposalEventsPending)
	subjectLine(r.out, "yearly reports", "records", rows.Reports, rows.ReportsPending)
	return nil
}

// subjectLine says how many rows of a subject other than requests matched
// their log entry, if the database has any.
func subjectLine(out io.Writer, subject, rows string, compared, pending int) {
	if compared == 0 && pending == 0 {
		return
	}
	fmt.Fprintf(out, "ok  %s: %d %s in the database match their log entry (recomputed)", subject, compared, rows)
	if pending > 0 {
		fmt.Fprintf(out, "; %d newer %s are not yet in a checkpoint", pending, rows)
	}
	fmt.Fprintln(out)
}

// save saves the verified checkpoint as the trusted one and sums up.
func (r *run) save() error {
	rep := r.res.Log
	cp := rep.Checkpoint
	if st := r.v.State; st != nil {
		if err := st.Save(r.v.VerifierKey, r.origin, r.src.Name(), rep.Note); err != nil {
			return fmt.Errorf("verify: the log verifies, but the state was not saved: %w", err)
		}
		r.res.Saved = true
		fmt.Fprintf(r.out, "ok  state: checkpoint for size %d saved to %s\n", cp.Size, st)
	}
	fmt.Fprintf(r.out, "The public record verifies: %d entries, %d entry bundles and %d hash tiles checked against the checkpoint for %s.\n", rep.Entries, rep.Bundles, rep.Tiles, cp)
	return nil
}
