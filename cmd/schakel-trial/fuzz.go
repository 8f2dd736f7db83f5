package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
)

// fuzzOptions are the flags of fuzz.
type fuzzOptions struct {
	store, db string
	inputs    int
	workers   int
	seed      uint64
}

// operation is one documented method and path.
type operation struct {
	method, path string
	item         *openapi3.PathItem
	op           *openapi3.Operation
}

// finding is a kind of fault the fuzzer saw, with its first input.
type finding struct {
	count   int
	example string
}

// fuzzer sends inputs to one handler and checks the answers.
type fuzzer struct {
	h        http.Handler
	doc      *openapi3.T
	ops      []operation
	sessions []*http.Cookie // nil: anonymous
	g        gen
	mu       sync.Mutex
	// found are 5xx answers and schema violations, by operation, status
	// and kind.
	found               map[string]*finding
	statuses            map[int]int
	sent                int
	server5, violations int
}

func runFuzz(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var o fuzzOptions
	fs := flag.NewFlagSet("schakel-trial fuzz", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.store, "store", "sqlite", "sqlite or postgres")
	fs.StringVar(&o.db, "db", os.Getenv("SCHAKEL_TRIAL_POSTGRES"), "postgres:// URL of a database of the trial's own, emptied at the start (default $SCHAKEL_TRIAL_POSTGRES); sqlite uses a temporary file")
	fs.IntVar(&o.inputs, "inputs", 2000, "how many inputs to send")
	fs.IntVar(&o.workers, "workers", 4, "inputs sent at once")
	fs.Uint64Var(&o.seed, "seed", 0, "seed of the inputs (default: from the clock)")
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	if o.seed == 0 {
		o.seed = uint64(time.Now().UnixNano())
	}
	switch o.store {
	case "sqlite":
		dir, err := os.MkdirTemp("", "schakel-fuzz-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		o.db = filepath.Join(dir, "fuzz.db")
	case "postgres":
		if !isPostgres(o.db) {
			return errors.New("--db: give the postgres:// URL of a database of the trial's own (it is emptied)")
		}
		if err := resetPostgres(ctx, o.db); err != nil {
			return err
		}
	default:
		return fmt.Errorf("--store %q: want sqlite or postgres", o.store)
	}
	start := time.Now()
	h, stop, err := newWorld(ctx, o.db)
	if err != nil {
		return err
	}
	defer stop()
	fmt.Fprintf(stdout, "fuzz on %s: demo world built in %.1fs; %d inputs, seed %d\n", o.store, time.Since(start).Seconds(), o.inputs, o.seed)
	f, err := newFuzzer(h, o.seed)
	if err != nil {
		return err
	}
	start = time.Now()
	// Several inputs at once, as clients would send them; each worker has
	// a generator of its own.
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := range o.workers {
		g := &gen{rng: rand.New(rand.NewPCG(o.seed, uint64(10+w)))}
		wg.Go(func() {
			for next.Add(1) <= int64(o.inputs) && ctx.Err() == nil {
				f.one(ctx, g)
			}
		})
	}
	wg.Wait()
	f.report(stdout, o.store, time.Since(start))
	if f.server5+f.violations > 0 || f.sent < o.inputs {
		return errFound
	}
	return nil
}

// newFuzzer reads the OpenAPI document the handler serves and logs in as
// every demo user.
func newFuzzer(h http.Handler, seed uint64) (*fuzzer, error) {
	f := &fuzzer{h: h, g: gen{rng: rand.New(rand.NewPCG(seed, 2))}, found: map[string]*finding{}, statuses: map[int]int{}}
	rec := f.do(httptest.NewRequest(http.MethodGet, "/api/v1/openapi.json", nil), &f.g)
	if rec.Code != http.StatusOK {
		return nil, fmt.Errorf("GET /api/v1/openapi.json: %d", rec.Code)
	}
	doc, err := openapi3.NewLoader().LoadFromData(rec.Body.Bytes())
	if err != nil {
		return nil, fmt.Errorf("openapi.json: %w", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		return nil, fmt.Errorf("openapi.json is not a valid OpenAPI document: %w", err)
	}
	f.doc = doc
	for _, path := range slices.Sorted(func(yield func(string) bool) {
		for p := range doc.Paths.Map() {
			if !yield(p) {
				return
			}
		}
	}) {
		item := doc.Paths.Value(path)
		for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodDelete, http.MethodPatch} {
			if op := item.GetOperation(m); op != nil {
				f.ops = append(f.ops, operation{method: m, path: path, item: item, op: op})
			}
		}
	}
	f.sessions = append(f.sessions, nil)
	page := f.do(httptest.NewRequest(http.MethodGet, "/demo/inloggen", nil), &f.g).Body.String()
	for _, m := range regexp.MustCompile(`<option value="([0-9]+)"`).FindAllStringSubmatch(page, -1) {
		req := httptest.NewRequest(http.MethodPost, "/demo/inloggen", strings.NewReader(url.Values{"gebruiker": {m[1]}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		for _, c := range f.do(req, &f.g).Result().Cookies() {
			if c.Name == "schakel_sessie" {
				f.sessions = append(f.sessions, c)
			}
		}
	}
	if len(f.sessions) < 2 {
		return nil, errors.New("no demo user could log in")
	}
	return f, nil
}

// do serves one request through the real handler, from an address of its
// own so that the per-address throttles of the public endpoints do not
// answer everything with 429.
func (f *fuzzer) do(req *http.Request, g *gen) *httptest.ResponseRecorder {
	req.RemoteAddr = fmt.Sprintf("10.%d.%d.%d:40000", g.rng.IntN(256), g.rng.IntN(256), 1+g.rng.IntN(254))
	rec := httptest.NewRecorder()
	f.h.ServeHTTP(rec, req)
	return rec
}

// one makes, sends and checks one input.
func (f *fuzzer) one(ctx context.Context, g *gen) {
	o := f.ops[g.rng.IntN(len(f.ops))]
	mut := mutations[g.rng.IntN(len(mutations))]
	target, pathParams := f.url(o, mut, g)
	var body []byte
	ctype := "application/json"
	if o.op.RequestBody != nil && o.op.RequestBody.Value != nil {
		if mt := o.op.RequestBody.Value.Content.Get("application/json"); mt != nil {
			body = encode(g.mutate(g.value(mt.Schema, 0), mut))
		}
	}
	switch mut {
	case "not-json":
		body = []byte([]string{"{", "", "{\"a\":", "\xff\xfe", "[1,2", "nul", "{\"a\":1}{\"b\":2}"}[g.rng.IntN(7)])
	case "null-body":
		body = []byte("null")
	case "array-body":
		body = []byte("[]")
	case "wrong-content-type":
		ctype = []string{"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", ""}[g.rng.IntN(4)]
	}
	req := httptest.NewRequestWithContext(ctx, o.method, target, bytes.NewReader(body))
	if body != nil || o.method != http.MethodGet {
		req.Header.Set("Content-Type", ctype)
	}
	req.Header.Set("Accept", "application/json")
	if s := f.sessions[g.rng.IntN(len(f.sessions))]; s != nil {
		req.AddCookie(s)
	}
	rec := f.do(req, g)
	input := fmt.Sprintf("%s %s (%d bytes) %q", o.method, target, len(body), truncate(body, 300))
	var err error
	if rec.Code < 500 {
		err = f.check(ctx, o, req, pathParams, rec)
	}
	logged := serverLog.take()
	f.mu.Lock()
	defer f.mu.Unlock()
	f.sent++
	f.statuses[rec.Code]++
	if rec.Code >= 500 {
		f.server5++
		f.note(o, rec.Code, "5xx", input, append(truncate(rec.Body.Bytes(), 200), "\n      log (of this or a concurrent input): "+string(truncate([]byte(logged), 600))...))
		return
	}
	if err != nil {
		f.violations++
		f.note(o, rec.Code, "schema", input, truncate([]byte(err.Error()), 500))
	}
}

// url fills the path parameters and some query parameters of o.
func (f *fuzzer) url(o operation, mut string, g *gen) (string, map[string]string) {
	path := o.path
	params := map[string]string{}
	q := url.Values{}
	var raw []string
	for _, pr := range append(slices.Clone(o.item.Parameters), o.op.Parameters...) {
		p := pr.Value
		if p == nil {
			continue
		}
		switch p.In {
		case "path":
			v := g.segment(p, mut == "odd-path" && g.rng.IntN(2) == 0)
			if !strings.Contains(v, "%") {
				v = url.PathEscape(v)
			}
			params[p.Name] = v
			path = strings.ReplaceAll(path, "{"+p.Name+"}", v)
		case "query":
			if mut == "odd-query" && g.rng.IntN(2) == 0 {
				raw = append(raw, url.QueryEscape(p.Name)+"="+oddSegments[g.rng.IntN(len(oddSegments))])
			} else if p.Required || g.rng.IntN(2) == 0 {
				q.Set(p.Name, fmt.Sprint(g.value(p.Schema, 0)))
			}
		}
	}
	target := "/api/v1" + path
	qs := q.Encode()
	if len(raw) > 0 {
		qs = strings.Trim(qs+"&"+strings.Join(raw, "&"), "&")
	}
	if qs != "" {
		target += "?" + qs
	}
	return target, params
}

// check holds the answer to the schema declared for its status; a 4xx must
// be problem+json whether declared or not.
func (f *fuzzer) check(ctx context.Context, o operation, req *http.Request, params map[string]string, rec *httptest.ResponseRecorder) error {
	if rec.Code >= 400 {
		if err := checkProblem(rec); err != nil {
			return err
		}
	}
	if o.op.Responses.Status(rec.Code) == nil && o.op.Responses.Default() == nil {
		return fmt.Errorf("status %d is not declared for this operation", rec.Code)
	}
	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{
			Request:    req,
			PathParams: params,
			Route:      &routers.Route{Spec: f.doc, Path: o.path, PathItem: o.item, Method: o.method, Operation: o.op},
		},
		Status:  rec.Code,
		Header:  rec.Header(),
		Options: &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true},
	}
	in.SetBodyBytes(rec.Body.Bytes())
	return openapi3filter.ValidateResponse(ctx, in)
}

// checkProblem checks that an error answer is an RFC 9457 problem document
// with the answer's status.
func checkProblem(rec *httptest.ResponseRecorder) error {
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/problem+json") {
		return fmt.Errorf("status %d with Content-Type %q, not application/problem+json", rec.Code, ct)
	}
	var p struct {
		Status int    `json:"status"`
		Title  string `json:"title"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil {
		return fmt.Errorf("problem document: %w", err)
	}
	if p.Status != rec.Code || p.Title == "" {
		return fmt.Errorf("problem document with status %d and title %q for an answer %d", p.Status, p.Title, rec.Code)
	}
	return nil
}

// note keeps a finding, counted by operation, status and kind.
func (f *fuzzer) note(o operation, status int, kind, input string, detail []byte) {
	key := fmt.Sprintf("%s %s %s %d", kind, o.method, o.path, status)
	fd := f.found[key]
	if fd == nil {
		fd = &finding{example: input + "\n      -> " + string(detail)}
		f.found[key] = fd
	}
	fd.count++
}

func (f *fuzzer) report(w io.Writer, store string, took time.Duration) {
	var st []string
	for _, code := range slices.Sorted(func(yield func(int) bool) {
		for c := range f.statuses {
			if !yield(c) {
				return
			}
		}
	}) {
		st = append(st, fmt.Sprintf("%d×%d", code, f.statuses[code]))
	}
	fmt.Fprintf(w, "answers: %s\n", strings.Join(st, " "))
	keys := slices.Sorted(func(yield func(string) bool) {
		for k := range f.found {
			if !yield(k) {
				return
			}
		}
	})
	for _, k := range keys {
		fmt.Fprintf(w, "  FAULT %s (%d×), e.g.\n      %s\n", k, f.found[k].count, f.found[k].example)
	}
	fmt.Fprintf(w, "summary: fuzz on %s: operations %d, users %d (with anonymous), inputs %d, 5xx %d, schema violations %d, %.0f inputs/s\n",
		store, len(f.ops), len(f.sessions), f.sent, f.server5, f.violations, float64(f.sent)/took.Seconds())
}

// truncate shortens b for a report, escaping what is not printable.
func truncate(b []byte, n int) []byte {
	if len(b) > n {
		return append(slices.Clone(b[:n]), "…"...)
	}
	return b
}

// errorLog keeps the in-process server's error log lines, so that a 5xx
// is reported with its cause. The fuzzer sends one input at a time.
type errorLog struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *errorLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

// take returns what was logged since the last take.
func (l *errorLog) take() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	s := strings.TrimSpace(l.buf.String())
	l.buf.Reset()
	return s
}

// serverLog is the in-process server's logger: errors only, kept for the report.
var serverLog = &errorLog{}

func discardLogger() *slog.Logger {
	return slog.New(slog.NewTextHandler(serverLog, &slog.HandlerOptions{Level: slog.LevelWarn}))
}
