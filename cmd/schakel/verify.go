package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/api"
	"github.com/schakel-nl/schakel/ledger"
	"github.com/schakel-nl/schakel/server"
	"github.com/schakel-nl/schakel/store"
)

// `schakel verify` checks the public record as an outsider would: from
// what the site serves (--url) or, offline, from a database (--db). It
// trusts only the verifier key it is given and the checkpoint it verified
// last time (the state file).

// verifyOptions are the flags of `schakel verify`.
type verifyOptions struct {
	url, db      string
	key, keyFile string
	origin       string
	state        string
	events       int // events to look up; -1 for all
}

// maxEventProblems caps the event problems listed.
const maxEventProblems = 20

func runVerify(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	var o verifyOptions
	var events string
	cfg, rest, err := loadConfig("verify", args, getenv, stderr, func(fs *flag.FlagSet) {
		fs.StringVar(&o.url, "url", "", "base URL of the schakel to check, such as https://schakel.example.nl")
		fs.StringVar(&o.key, "key", "", "the log's verifier key <name>+<hash>+<key>, as `schakel keys` prints it; get it from a source you trust")
		fs.StringVar(&o.keyFile, "key-file", "", "a file holding the verifier key, instead of --key")
		fs.StringVar(&o.origin, "origin", "", "the log's origin (default: the name of the verifier key)")
		fs.StringVar(&o.state, "state", "", "file with the checkpoint verified last time, updated after each successful run (default: schakel-verify.state in the user's config directory)")
		fs.StringVar(&events, "events", "100", "how many events, chosen at random, to look up by their id and check for inclusion; a number or all")
	}, "db")
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return fmt.Errorf("verify: unexpected arguments %q", rest)
	}
	switch {
	case o.url != "" && cfg.Sources["db"] == "flag":
		return errors.New("verify: give --url or --db, not both")
	case o.url != "":
	case cfg.Sources["db"] == "default":
		return errors.New("verify: give --url BASE (the site) or --db PATH|URL (a database, offline)")
	default:
		o.db = cfg.DB
	}
	if events == "all" {
		o.events = -1
	} else if o.events, err = strconv.Atoi(events); err != nil || o.events < 0 {
		return fmt.Errorf("verify: --events %q: want a number or all", events)
	}
	if o.key, err = verifierKey(o.key, o.keyFile); err != nil {
		return fmt.Errorf("verify: %w", err)
	}
	if o.origin == "" {
		o.origin, _, _ = strings.Cut(o.key, "+")
	}
	if o.state == "" {
		o.state = defaultStatePath()
	}

	var src *logSource
	if o.url != "" {
		src, err = httpSource(ctx, o.url)
	} else {
		var st *store.Store
		st, err = openExistingStore(ctx, o.db, cfg.SQLiteSynchronous)
		if st != nil {
			defer st.Close()
			src = dbSource(ctx, st)
		}
	}
	if err != nil {
		return fmt.Errorf("verify: %w", err)
	}
	return verifyLog(ctx, o, src, stdout)
}

// verifierKey returns the verifier key of --key or --key-file, checked.
func verifierKey(key, file string) (string, error) {
	switch {
	case key != "" && file != "":
		return "", errors.New("give --key or --key-file, not both")
	case file != "":
		b, err := os.ReadFile(file)
		if err != nil {
			return "", err
		}
		// The file may hold just the key or the output of `schakel keys`.
		for _, f := range strings.Fields(string(b)) {
			if strings.HasPrefix(f, "PRIVATE+KEY+") {
				return "", fmt.Errorf("%s holds a signing key: give the verifier key (schakel keys prints it), never the secret", file)
			}
			if _, err := note.NewVerifier(f); err == nil {
				return f, nil
			}
		}
		return "", fmt.Errorf("%s holds no note verifier key <name>+<hash>+<key>", file)
	case key == "":
		return "", errors.New("--key VERIFIERKEY (or --key-file) is required: the log's verifier key, as `schakel keys` prints it")
	case strings.HasPrefix(key, "PRIVATE+KEY+"):
		return "", errors.New("--key is a signing key: give the verifier key (schakel keys prints it), never the secret")
	}
	if _, err := note.NewVerifier(key); err != nil {
		return "", fmt.Errorf("--key %q is not a note verifier key <name>+<hash>+<key>: %v", key, err)
	}
	return key, nil
}

func defaultStatePath() string {
	if dir, err := os.UserConfigDir(); err == nil {
		return filepath.Join(dir, "schakel", "schakel-verify.state")
	}
	return "schakel-verify.state"
}

// openExistingStore opens a database for reading the log; it refuses an
// SQLite path that does not exist rather than creating an empty database.
func openExistingStore(ctx context.Context, dsn, synchronous string) (*store.Store, error) {
	if !store.IsPostgres(dsn) {
		if _, err := os.Stat(dsn); err != nil {
			return nil, fmt.Errorf("database %s: %w", dsn, err)
		}
	}
	st, err := store.Open(ctx, dsn, store.Options{SQLiteSynchronous: synchronous})
	if err != nil {
		return nil, err
	}
	if err := st.CheckSchema(ctx); err != nil {
		st.Close()
		return nil, errors.New(schakel.ErrorMessage(err))
	}
	return st, nil
}

// eventLookup is what a source says about one event.
type eventLookup struct {
	index int64
	entry []byte
	// From the JSON API only: the decoded entry, the checkpoint the proof
	// is against and the inclusion proof.
	api     bool
	decoded json.RawMessage
	note    []byte
	proof   tlog.RecordProof
}

// logSource is where the log is read: the site or a database.
type logSource struct {
	name  string
	fetch ledger.Fetcher
	// lookup finds an event by its id.
	lookup func(ctx context.Context, requestID int64, seq int) (*eventLookup, error)
	// consistency returns a consistency proof between two sizes (API only).
	consistency func(ctx context.Context, from, to int64) (tlog.TreeProof, error)
	// events checks every event row of the database against the log
	// (database only); see checkEventRows.
	store *store.Store
	// register reads the public register of brakes (API only): the ids of
	// every brake, and one brake with its events.
	register func(ctx context.Context, page int) (*api.BrakePage, error)
	brake    func(ctx context.Context, id int64) (*api.BrakeDetail, error)
}

// httpSource reads the log at base over HTTP.
func httpSource(ctx context.Context, base string) (*logSource, error) {
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("--url %q is not an http(s) URL such as https://schakel.example.nl", base)
	}
	base = strings.TrimRight(base, "/")
	client := &http.Client{Timeout: time.Minute}
	get := func(ctx context.Context, path string) ([]byte, error) {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+path, nil)
		if err != nil {
			return nil, err
		}
		resp, err := client.Do(req)
		if err != nil {
			return nil, err
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
		if err != nil {
			return nil, fmt.Errorf("GET %s: %w", path, err)
		}
		if resp.StatusCode != http.StatusOK {
			return nil, &httpError{path: path, status: resp.Status, body: body}
		}
		return body, nil
	}
	src := &logSource{name: base}
	src.fetch = func(path string) ([]byte, error) {
		return get(ctx, "/log/"+path)
	}
	src.lookup = func(ctx context.Context, requestID int64, seq int) (*eventLookup, error) {
		body, err := get(ctx, fmt.Sprintf("/api/v1/logboek/gebeurtenissen/%d/%d", requestID, seq))
		if err != nil {
			return nil, err
		}
		var ev api.LedgerEvent
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
		return &eventLookup{index: ev.Index, entry: entry, api: true, decoded: ev.Entry, note: []byte(ev.Checkpoint.Note), proof: proof}, nil
	}
	src.register = func(ctx context.Context, page int) (*api.BrakePage, error) {
		body, err := get(ctx, fmt.Sprintf("/api/v1/noodremmen?pagina=%d&paginaGrootte=100", page))
		if err != nil {
			return nil, err
		}
		var p api.BrakePage
		if err := json.Unmarshal(body, &p); err != nil {
			return nil, fmt.Errorf("the API's answer is not a page of the register: %v", err)
		}
		return &p, nil
	}
	src.brake = func(ctx context.Context, id int64) (*api.BrakeDetail, error) {
		body, err := get(ctx, fmt.Sprintf("/api/v1/noodremmen/%d", id))
		if err != nil {
			return nil, err
		}
		var b api.BrakeDetail
		if err := json.Unmarshal(body, &b); err != nil {
			return nil, fmt.Errorf("the API's answer is not a brake: %v", err)
		}
		return &b, nil
	}
	src.consistency = func(ctx context.Context, from, to int64) (tlog.TreeProof, error) {
		body, err := get(ctx, fmt.Sprintf("/api/v1/logboek/consistentie?van=%d&tot=%d", from, to))
		if err != nil {
			return nil, err
		}
		var c api.LedgerConsistency
		if err := json.Unmarshal(body, &c); err != nil {
			return nil, fmt.Errorf("the API's answer is not a consistency proof: %v", err)
		}
		return parseHashes(c.Proof)
	}
	return src, nil
}

// httpError is a response other than 200 OK.
type httpError struct {
	path, status string
	body         []byte
}

func (e *httpError) Error() string {
	detail := strings.TrimSpace(string(e.body))
	var p struct {
		Detail string `json:"detail"`
	}
	if json.Unmarshal(e.body, &p) == nil && p.Detail != "" {
		detail = p.Detail
	}
	if len(detail) > 300 {
		detail = detail[:300] + "…"
	}
	return fmt.Sprintf("GET %s: %s: %s", e.path, e.status, detail)
}

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

// dbSource reads the log from a database, exactly as the site would
// serve it (server.LedgerFetcher).
func dbSource(ctx context.Context, st *store.Store) *logSource {
	return &logSource{
		name:  "database (" + st.Dialect() + ")",
		fetch: server.LedgerFetcher(ctx, st),
		store: st,
		lookup: func(ctx context.Context, requestID int64, seq int) (*eventLookup, error) {
			index, err := st.LedgerIndex(ctx, requestID, seq)
			if err != nil {
				return nil, errors.New(schakel.ErrorMessage(err))
			}
			entries, err := st.LedgerEntries(ctx, index, index+1)
			if err != nil {
				return nil, err
			}
			if len(entries) != 1 {
				return nil, fmt.Errorf("log entry %d is missing", index)
			}
			return &eventLookup{index: index, entry: entries[0]}, nil
		},
	}
}

// eventID identifies an event: request and number in its history.
type eventID struct {
	request int64
	seq     int
}

// seen is an entry as the scan saw it.
type seen struct {
	index int64
	leaf  tlog.Hash
}

// sample is an entry chosen for a lookup.
type sample struct {
	id eventID
	seen
	data []byte
}

// scanState collects, during the verifier's scan, every entry's event id
// (to check each event is in the log once) and a random sample of entries.
type scanState struct {
	k        int // sample size, -1 for all
	byEvent  map[eventID]seen
	samples  []sample
	n        int64
	problems []string
	rnd      *rand.Rand
}

func (s *scanState) entry(index int64, data []byte) error {
	s.n++
	req, seq, err := ledger.EntryID(data)
	if err != nil {
		s.problems = append(s.problems, fmt.Sprintf("entry %d is not a version 1 entry: %v", index, err))
		return nil
	}
	id := eventID{req, seq}
	leaf := tlog.RecordHash(data)
	if prev, dup := s.byEvent[id]; dup {
		s.problems = append(s.problems, fmt.Sprintf("entries %d and %d are both event %d of request %d (an event may be in the log only once)", prev.index, index, seq, req))
	} else {
		s.byEvent[id] = seen{index, leaf}
	}
	smp := sample{id: id, seen: seen{index, leaf}}
	switch {
	case s.k < 0 || len(s.samples) < s.k:
		smp.data = bytes.Clone(data)
		s.samples = append(s.samples, smp)
	case s.k > 0:
		// Reservoir sampling: every entry is chosen with chance k/n.
		if j := s.rnd.Int64N(s.n); j < int64(s.k) {
			smp.data = bytes.Clone(data)
			s.samples[j] = smp
		}
	}
	return nil
}

// verifyLog runs the whole check and prints what it checked.
func verifyLog(ctx context.Context, o verifyOptions, src *logSource, stdout io.Writer) error {
	fmt.Fprintf(stdout, "Checking the public record of %s\n  log %q, verifier key %s\n", src.name, o.origin, o.key)
	trusted, err := loadState(o.state, o.key, o.origin)
	if err != nil {
		return fmt.Errorf("verify: %w", err)
	}
	if trusted != nil {
		fmt.Fprintf(stdout, "  trusted from the last run (%s): %s\n", o.state, trusted)
	} else {
		fmt.Fprintf(stdout, "  no trusted checkpoint yet (%s): this run establishes one\n", o.state)
	}

	scan := &scanState{k: o.events, byEvent: map[eventID]seen{}, rnd: rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64()))}
	v := ledger.Verifier{Fetch: src.fetch, VerifierKey: o.key, Origin: o.origin, Trusted: trusted, Entry: scan.entry}
	rep, err := v.Verify(ctx)
	for _, line := range rep.Checked {
		fmt.Fprintf(stdout, "ok  %s\n", line)
	}
	if ve, ok := errors.AsType[*ledger.VerifyError](err); ok {
		return problemsError(append(ve.Problems, scan.problems...))
	}
	if err != nil {
		return fmt.Errorf("verify: %s", strings.TrimPrefix(err.Error(), "ledger: "))
	}
	if len(scan.problems) > 0 {
		return problemsError(scan.problems)
	}
	cp := rep.Checkpoint
	fmt.Fprintf(stdout, "ok  events: the %d entries are %d distinct events, each in the log once\n", scan.n, len(scan.byEvent))

	problems, looked := checkSamples(ctx, o, src, cp, scan.samples)
	if len(problems) > 0 {
		return problemsError(problems)
	}
	if looked > 0 {
		how := "the database's event index (LedgerIndex)"
		if src.consistency != nil {
			how = "GET /api/v1/logboek/gebeurtenissen/{verzoek}/{volgnummer}"
		}
		fmt.Fprintf(stdout, "ok  lookups: %d of %d events looked up by id through %s: same index and bytes as in the tiles, each decodes as a version 1 entry, inclusion in the checkpoint checked (ledger.CheckInclusion)", looked, len(scan.byEvent), how)
		if src.consistency != nil {
			fmt.Fprintf(stdout, ", and the API's own inclusion proofs checked against its signed checkpoints (tlog.CheckRecord, tlog.CheckTree)")
		}
		fmt.Fprintln(stdout)
	}
	if src.register != nil {
		reg := checkRegister(ctx, src, scan.byEvent)
		if len(reg.problems) > 0 {
			return problemsError(reg.problems)
		}
		fmt.Fprintf(stdout, "ok  register: %d brakes listed at /api/v1/noodremmen with %d public events; each event is in the log once", reg.brakes, reg.events)
		if reg.brakes > 0 {
			fmt.Fprintf(stdout, ", and each brake's level and principles equal its entry in the log")
		}
		if reg.pending > 0 {
			fmt.Fprintf(stdout, "; %d newer events are not yet in a checkpoint", reg.pending)
		}
		fmt.Fprintln(stdout)
	}
	if src.store != nil {
		rows := checkEventRows(ctx, src.store, cp, scan.byEvent)
		if len(rows.problems) > 0 {
			return problemsError(rows.problems)
		}
		for i, x := range rows.erasures {
			if i == maxEventProblems {
				fmt.Fprintf(stdout, "ok  and %d more requests whose texts were erased; their text hashes were not compared\n", len(rows.erasures)-i)
				break
			}
			fmt.Fprintf(stdout, "ok  request %d: texts erased on %s (%s); text hashes not compared\n", x.RequestID, x.ErasedAt.Format(time.DateOnly), x.Reason)
		}
		fmt.Fprintf(stdout, "ok  event rows: %d events in the database match their log entry (their public projection recomputed)", rows.n)
		if rows.erased > 0 {
			fmt.Fprintf(stdout, "; of %d events the texts were erased, so all but their text hashes were compared", rows.erased)
		}
		if rows.pending > 0 {
			fmt.Fprintf(stdout, "; %d newer events are not yet in a checkpoint", rows.pending)
		}
		fmt.Fprintln(stdout)
	}

	if err := saveState(o.state, o.key, o.origin, src.name, rep.Note); err != nil {
		return fmt.Errorf("verify: the log verifies, but the state was not saved: %w", err)
	}
	fmt.Fprintf(stdout, "ok  state: checkpoint for size %d saved to %s\n", cp.Size, o.state)
	fmt.Fprintf(stdout, "The public record verifies: %d entries, %d entry bundles and %d hash tiles checked against the checkpoint for %s.\n", rep.Entries, rep.Bundles, rep.Tiles, cp)
	return nil
}

// registerCheck is what checkRegister found.
type registerCheck struct {
	brakes, events, pending int
	problems                []string
}

// checkRegister reads the whole public register of brakes and checks that
// every event it lists is in the log, and that each brake's level and
// principles are those of the creation entry the log holds for it. An
// event the register lists that is not in the log may be one the log has
// not taken up yet: it is counted as pending when it is a later event, or
// the creation of a brake newer than every request in the log; the missing
// creation of an older brake is a problem. (Telling a later event that was
// dropped from one not yet sequenced needs the event times, which the log
// entries have and the lookups could compare; not done yet.)
func checkRegister(ctx context.Context, src *logSource, byEvent map[eventID]seen) (res registerCheck) {
	problem := func(format string, args ...any) {
		if len(res.problems) < maxEventProblems+1 {
			res.problems = append(res.problems, fmt.Sprintf(format, args...))
		}
	}
	var maxRequest int64
	for id := range byEvent {
		maxRequest = max(maxRequest, id.request)
	}
	for page := 1; ; page++ {
		p, err := src.register(ctx, page)
		if err != nil {
			problem("reading the register of brakes: %v", err)
			return res
		}
		for _, listed := range p.Results {
			res.brakes++
			b, err := src.brake(ctx, listed.ID)
			if err != nil {
				problem("brake %d of the register: %v", listed.ID, err)
				continue
			}
			for _, ev := range b.Events {
				res.events++
				if _, ok := byEvent[eventID{b.ID, ev.Seq}]; !ok {
					if b.ID > maxRequest || ev.Seq > 1 {
						res.pending++
						continue
					}
					problem("the register lists event %d of brake %d, which is not in the log", ev.Seq, b.ID)
				}
			}
			if _, ok := byEvent[eventID{b.ID, 1}]; !ok {
				continue
			}
			got, err := src.lookup(ctx, b.ID, 1)
			if err != nil {
				problem("brake %d: looking up its creation in the log: %v", b.ID, err)
				continue
			}
			e, err := ledger.Decode(got.entry)
			if err != nil {
				problem("brake %d: its creation entry: %v", b.ID, err)
				continue
			}
			if schakel.LevelOf(e.RequestType) != schakel.BrakeLevel(b.Level) {
				problem("brake %d: the register says level %s, the log says request type %s", b.ID, b.Level, e.RequestType)
			}
			want := slices.Clone(b.Principles)
			slices.Sort(want)
			if !slices.Equal(want, e.Principles) {
				problem("brake %d: the register cites %v, the log %v", b.ID, want, e.Principles)
			}
		}
		if page*p.PageSize >= p.Total || len(p.Results) == 0 {
			return res
		}
	}
}

// problemsError is the error of a failed verification, one problem a line.
func problemsError(problems []string) error {
	if len(problems) > maxEventProblems {
		problems = append(problems[:maxEventProblems:maxEventProblems], fmt.Sprintf("and %d more problems", len(problems)-maxEventProblems))
	}
	return fmt.Errorf("verify: the public record does NOT verify:\n  - %s", strings.Join(problems, "\n  - "))
}

// checkSamples looks up each sampled event by its id and checks what the
// source says against the scan and the verified checkpoint cp.
func checkSamples(ctx context.Context, o verifyOptions, src *logSource, cp ledger.Checkpoint, samples []sample) (problems []string, looked int) {
	if len(samples) == 0 {
		return nil, 0
	}
	tiles := cachedFetcher(src.fetch)
	var mu sync.Mutex
	type found struct {
		index int64
		msg   string
	}
	var bad []found
	report := func(s sample, format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		bad = append(bad, found{s.index, fmt.Sprintf("event %d of request %d (entry %d): ", s.id.seq, s.id.request, s.index) + fmt.Sprintf(format, args...)})
	}
	cons := &consistencyCache{src: src, done: map[[2]int64]error{}}
	work := make(chan sample)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for s := range work {
				checkSample(ctx, o, src, cp, tiles, cons, s, report)
			}
		})
	}
	for _, s := range samples {
		work <- s
	}
	close(work)
	wg.Wait()
	slices.SortFunc(bad, func(a, b found) int { return int(a.index - b.index) })
	for _, b := range bad {
		problems = append(problems, b.msg)
	}
	return problems, len(samples)
}

func checkSample(ctx context.Context, o verifyOptions, src *logSource, cp ledger.Checkpoint, tiles ledger.Fetcher, cons *consistencyCache, s sample, report func(sample, string, ...any)) {
	if _, err := ledger.Decode(s.data); err != nil {
		report(s, "not a valid entry: %v", err)
		return
	}
	got, err := src.lookup(ctx, s.id.request, s.id.seq)
	if err != nil {
		report(s, "in the tiles, but looking it up by its id fails: %v", err)
		return
	}
	if got.index != s.index {
		report(s, "looking it up by its id gives index %d, but it is entry %d in the tiles", got.index, s.index)
		return
	}
	if tlog.RecordHash(got.entry) != s.leaf {
		report(s, "looking it up by its id gives other bytes than entry %d in the tiles", s.index)
		return
	}
	if got.api && got.decoded != nil && !bytes.Equal(got.decoded, got.entry) {
		report(s, "the API's decoded gebeurtenis differs from its gebeurtenisBase64")
	}
	if err := ledger.CheckInclusion(got.entry, s.index, cp, tiles); err != nil {
		report(s, "%s", strings.TrimPrefix(err.Error(), "ledger: "))
		return
	}
	if !got.api {
		return
	}
	apiCP, err := ledger.OpenCheckpoint(got.note, o.key, o.origin)
	if err != nil {
		report(s, "the checkpoint the API proves inclusion against does not verify: %v", err)
		return
	}
	switch {
	case apiCP.Size == cp.Size && apiCP.Root != cp.Root:
		report(s, "the API proves inclusion against a checkpoint for size %d with root %s, but /log/checkpoint has root %s for that size (fork: two different logs signed for the same size)", cp.Size, apiCP.Root, cp.Root)
		return
	case apiCP.Size != cp.Size:
		if err := cons.check(ctx, cp, apiCP); err != nil {
			report(s, "%v", err)
			return
		}
	}
	if err := tlog.CheckRecord(got.proof, apiCP.Size, apiCP.Root, s.index, s.leaf); err != nil {
		report(s, "the API's inclusion proof does not prove it is entry %d of the checkpoint for %s", s.index, apiCP)
	}
}

// consistencyCache checks each pair of checkpoints once.
type consistencyCache struct {
	src  *logSource
	mu   sync.Mutex
	done map[[2]int64]error
}

// check checks, with the API's consistency proof, that the smaller of a and
// b is a prefix of the larger.
func (c *consistencyCache) check(ctx context.Context, a, b ledger.Checkpoint) error {
	small, large := a, b
	if small.Size > large.Size {
		small, large = large, small
	}
	key := [2]int64{small.Size, large.Size}
	c.mu.Lock()
	defer c.mu.Unlock()
	if err, ok := c.done[key]; ok {
		return err
	}
	var err error
	if small.Size == 0 {
		// Every log extends the empty one.
	} else if proof, perr := c.src.consistency(ctx, small.Size, large.Size); perr != nil {
		err = fmt.Errorf("no consistency proof between the checkpoints for sizes %d and %d: %v", small.Size, large.Size, perr)
	} else if tlog.CheckTree(proof, large.Size, large.Root, small.Size, small.Root) != nil {
		err = fmt.Errorf("the API's checkpoint for %s is not consistent with the checkpoint for %s (fork, or entries altered, removed or reordered)", b, a)
	}
	c.done[key] = err
	return err
}

// cachedFetcher keeps the hash tiles it fetched: within one run they are
// immutable, and inclusion proofs of many entries share them.
func cachedFetcher(f ledger.Fetcher) ledger.Fetcher {
	var mu sync.Mutex
	cache := map[string][]byte{}
	return func(path string) ([]byte, error) {
		mu.Lock()
		d, ok := cache[path]
		mu.Unlock()
		if ok {
			return d, nil
		}
		d, err := f(path)
		if err == nil && !strings.HasPrefix(path, "tile/entries/") {
			mu.Lock()
			cache[path] = d
			mu.Unlock()
		}
		return d, err
	}
}

// eventRows is what checkEventRows found.
type eventRows struct {
	n        int                // events checked
	pending  int                // events not yet in the checkpoint
	erased   int                // events of erased requests, compared without their text hashes
	erasures []*schakel.Erasure // the erased requests met, in request order
	problems []string
}

// checkEventRows compares every event row of the database with the log:
// its public projection, recomputed from the stored request and event,
// must be the entry the log holds for it. The texts of an erased request
// (schakel.ErasureStore) were replaced after they were logged, so for
// its erased events the two entries are compared on every field but the
// text hashes (ledger.Entry.WithoutTextHashes).
func checkEventRows(ctx context.Context, st *store.Store, cp ledger.Checkpoint, byEvent map[eventID]seen) (res eventRows) {
	matched := 0
	const page = 500
	// Requests are read in id order, a page at a time, with the events of
	// a page in one query: linear in the size of the database.
	for after := int64(0); ; {
		rs, _, err := st.Requests(ctx, schakel.RequestFilter{ByID: true, AfterID: after, Limit: page})
		if err != nil {
			res.problems = []string{fmt.Sprintf("reading the requests: %v", err)}
			return res
		}
		if len(rs) == 0 {
			break
		}
		after = rs[len(rs)-1].ID
		ids := make([]int64, len(rs))
		for i, r := range rs {
			ids[i] = r.ID
		}
		erasures, err := st.Erasures(ctx, ids)
		if err != nil {
			res.problems = []string{fmt.Sprintf("reading the erasures: %v", err)}
			return res
		}
		events, err := st.EventsOf(ctx, ids)
		if err != nil {
			res.problems = []string{fmt.Sprintf("reading the events: %v", err)}
			return res
		}
		for _, r := range rs {
			evs := events[r.ID]
			erasure := erasures[r.ID]
			if erasure != nil {
				res.erasures = append(res.erasures, erasure)
			}
			for _, ev := range evs {
				res.n++
				e := ledger.Project(r, ev)
				e.RequestID = r.ID
				data := e.Encode()
				got, ok := byEvent[eventID{r.ID, ev.Seq}]
				if !ok {
					if idx, err := st.LedgerIndex(ctx, r.ID, ev.Seq); err == nil && idx < cp.Size {
						res.problems = append(res.problems, fmt.Sprintf("event %d of request %d is entry %d by the database's index, but that entry of the checkpoint for size %d is another event", ev.Seq, r.ID, idx, cp.Size))
						continue
					}
					// Not yet in the log, or appended after the checkpoint.
					res.pending++
					continue
				}
				matched++
				if tlog.RecordHash(data) == got.leaf {
					continue
				}
				if erasure != nil && ev.Seq <= erasure.ThroughSeq {
					res.erased++
					if msg := compareErased(ctx, st, got, e); msg != "" {
						res.problems = append(res.problems, fmt.Sprintf("event %d of request %d (texts erased on %s) %s", ev.Seq, r.ID, erasure.ErasedAt.Format(time.DateOnly), msg))
					}
					continue
				}
				res.problems = append(res.problems, fmt.Sprintf("event %d of request %d in the database differs from its log entry %d%s (event or request row altered after it was logged)", ev.Seq, r.ID, got.index, differingFields(ctx, st, got.index, data)))
			}
		}
	}
	if missing := len(byEvent) - matched; missing > 0 {
		res.problems = append(res.problems, fmt.Sprintf("%d entries of the log are events the database does not have (event rows deleted)", missing))
	}
	return res
}

// compareErased compares the projection e of an erased event with its log
// entry got on every field but the text hashes; it returns what differs,
// or "".
func compareErased(ctx context.Context, st *store.Store, got seen, e ledger.Entry) string {
	entries, err := st.LedgerEntries(ctx, got.index, got.index+1)
	if err != nil || len(entries) != 1 || tlog.RecordHash(entries[0]) != got.leaf {
		return fmt.Sprintf("cannot be compared: log entry %d cannot be read back as verified (%v)", got.index, err)
	}
	logged, err := ledger.Decode(entries[0])
	if err != nil {
		return fmt.Sprintf("cannot be compared: log entry %d: %v", got.index, err)
	}
	data := e.WithoutTextHashes().Encode()
	if bytes.Equal(data, logged.WithoutTextHashes().Encode()) {
		return ""
	}
	return fmt.Sprintf("differs from its log entry %d in more than its text hashes%s (event or request row altered after it was logged)", got.index, differingFieldsOf(logged.WithoutTextHashes().Encode(), data))
}

// differingFields names the members in which the entry at index and data
// differ, as " in at, state", or "".
func differingFields(ctx context.Context, st *store.Store, index int64, data []byte) string {
	entries, err := st.LedgerEntries(ctx, index, index+1)
	if err != nil || len(entries) != 1 {
		return ""
	}
	return differingFieldsOf(entries[0], data)
}

// differingFieldsOf names the members in which two encoded entries differ,
// as " in at, state", or "".
func differingFieldsOf(logged, data []byte) string {
	var a, b map[string]json.RawMessage
	if json.Unmarshal(logged, &a) != nil || json.Unmarshal(data, &b) != nil {
		return ""
	}
	var diff []string
	for k, v := range a {
		if !bytes.Equal(v, b[k]) {
			diff = append(diff, k)
		}
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			diff = append(diff, k)
		}
	}
	if len(diff) == 0 {
		return ""
	}
	slices.Sort(diff)
	return " in " + strings.Join(diff, ", ")
}

// verifyState is the state file: per log (by verifier key) the checkpoint
// verified last. The checkpoint is kept as the signed note, so the file
// proves itself: a changed file does not open with the key.
type verifyState struct {
	Logs map[string]stateEntry `json:"logs"`
}

type stateEntry struct {
	Origin     string `json:"origin"`
	Checkpoint string `json:"checkpoint"`
	Source     string `json:"source"`
	VerifiedAt string `json:"verifiedAt"`
}

func readState(path string) (verifyState, error) {
	var s verifyState
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return verifyState{Logs: map[string]stateEntry{}}, nil
	}
	if err != nil {
		return s, err
	}
	if err := json.Unmarshal(b, &s); err != nil {
		return s, fmt.Errorf("state file %s: %v", path, err)
	}
	if s.Logs == nil {
		s.Logs = map[string]stateEntry{}
	}
	return s, nil
}

// loadState returns the checkpoint trusted for the log, or nil.
func loadState(path, key, origin string) (*ledger.Checkpoint, error) {
	s, err := readState(path)
	if err != nil {
		return nil, err
	}
	e, ok := s.Logs[key]
	if !ok {
		return nil, nil
	}
	cp, err := ledger.OpenCheckpoint([]byte(e.Checkpoint), key, origin)
	if err != nil {
		return nil, fmt.Errorf("state file %s: the checkpoint saved for this log does not verify (%v): the file was altered, or the origin differs", path, err)
	}
	return &cp, nil
}

// saveState records note as the checkpoint trusted for the log, atomically.
func saveState(path, key, origin, source string, note []byte) error {
	s, err := readState(path)
	if err != nil {
		return err
	}
	s.Logs[key] = stateEntry{Origin: origin, Checkpoint: string(note), Source: source, VerifiedAt: time.Now().UTC().Format(time.RFC3339)}
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".schakel-verify-*")
	if err != nil {
		return err
	}
	_, err = tmp.Write(append(b, '\n'))
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}
