package main

import (
	"context"
	crand "crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// kind is a kind of operation of the load.
type kind int

// The kinds, in the order of the report.
const (
	kindRegister kind = iota
	kindPostvak
	kindSearch
	kindCreate
	kindAnswer
	kindCitizen
	numKinds
)

// kindNames are the kinds' names in --mix and the report.
var kindNames = [numKinds]string{"register", "postvak", "search", "create", "answer", "citizen-brake"}

// kindOf returns the kind named name.
func kindOf(name string) (kind, bool) {
	for k, n := range kindNames {
		if n == name {
			return kind(k), true
		}
	}
	return 0, false
}

// kindStats are the outcomes of one kind.
type kindStats struct {
	mu     sync.Mutex
	hist   histogram
	ok     int64
	errors map[string]int64 // by status, or "transport"
	first  []string         // the first few failures, for the report
}

// add records one outcome: failure "" is a success.
func (s *kindStats) add(d time.Duration, timed bool, failure, detail string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if timed {
		s.hist.record(d)
	}
	if failure == "" {
		s.ok++
		return
	}
	s.errors[failure]++
	if len(s.first) < 5 {
		s.first = append(s.first, detail)
	}
}

// created is a request this load created, waiting for an answer.
type created struct {
	id     int64
	byWhen string // its answer term, the "uiterlijk" of a comply
}

// runner is one run of the load.
type runner struct {
	o         options
	transport *http.Transport
	stats     [numKinds]*kindStats
	// pool holds the created requests not yet answered; answer takes from it.
	pool chan created
	// nonce makes the Idempotency-Keys of this run differ from any other's.
	nonce string
	seq   atomic.Int64
	// citizens counts the citizens' brakes, for their addresses.
	citizens atomic.Uint32
}

// client is one simulated user agent: an anonymous visitor and two
// sessions, a professional and the coordinator of uwv.
type client struct {
	r                 *runner
	anon, prof, coord *http.Client
	rnd               *rand.Rand
}

// noRedirect makes a client return redirects instead of following them: a
// 303 to the login page must count as a failure, not as the login page.
func noRedirect(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

// drive runs the load described by o and returns its report.
func drive(ctx context.Context, o options) (*report, error) {
	var b [8]byte
	crand.Read(b[:])
	r := &runner{o: o, nonce: hex.EncodeToString(b[:]), pool: make(chan created, 100_000),
		transport: &http.Transport{MaxIdleConns: 4 * o.clients, MaxIdleConnsPerHost: 4 * o.clients}}
	defer r.transport.CloseIdleConnections()
	for k := range r.stats {
		r.stats[k] = &kindStats{errors: map[string]int64{}}
	}
	clients := make([]*client, o.clients)
	for i := range clients {
		c, err := r.newClient(ctx, i)
		if err != nil {
			return nil, err
		}
		clients[i] = c
	}
	next := r.schedule()
	start := time.Now()
	if o.requests == 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, o.duration)
		defer cancel()
	}
	var wg sync.WaitGroup
	for _, c := range clients {
		wg.Go(func() {
			for ctx.Err() == nil {
				k, ok := next(c)
				if !ok {
					return
				}
				c.do(ctx, k)
			}
		})
	}
	wg.Wait()
	return r.report(time.Since(start)), nil
}

// schedule returns the source of the kinds to run: with --requests a
// shuffled list of exactly that many of every kind the mix weighs above 0,
// shared by the clients;
// otherwise a draw by the weights of the mix from each client's own
// generator, without end.
func (r *runner) schedule() func(*client) (kind, bool) {
	if r.o.requests > 0 {
		list := make([]kind, 0, int(numKinds)*r.o.requests)
		for k := range numKinds {
			if r.o.mix[k] == 0 {
				continue
			}
			for range r.o.requests {
				list = append(list, k)
			}
		}
		rand.New(rand.NewPCG(uint64(r.o.seed), 0)).Shuffle(len(list), func(i, j int) { list[i], list[j] = list[j], list[i] })
		var i atomic.Int64
		return func(*client) (kind, bool) {
			n := i.Add(1) - 1
			if n >= int64(len(list)) {
				return 0, false
			}
			return list[n], true
		}
	}
	total := 0
	for _, w := range r.o.mix {
		total += w
	}
	return func(c *client) (kind, bool) {
		n := c.rnd.IntN(total)
		for k, w := range r.o.mix {
			if n < w {
				return kind(k), true
			}
			n -= w
		}
		return numKinds - 1, true
	}
}

// newClient makes client i and logs its two sessions in.
func (r *runner) newClient(ctx context.Context, i int) (*client, error) {
	c := &client{r: r, rnd: rand.New(rand.NewPCG(uint64(r.o.seed), uint64(i)+1)),
		anon: &http.Client{Transport: r.transport, CheckRedirect: noRedirect, Timeout: time.Minute}}
	var err error
	if c.prof, err = r.login(ctx, r.o.professional); err != nil {
		return nil, err
	}
	if c.coord, err = r.login(ctx, r.o.coordinator); err != nil {
		return nil, err
	}
	return c, nil
}

// login returns a client carrying a session of the demo user id: the demo
// login answers 303 and sets the session cookie.
func (r *runner) login(ctx context.Context, user string) (*http.Client, error) {
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, Transport: r.transport, CheckRedirect: noRedirect, Timeout: time.Minute}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, r.o.url+"/demo/inloggen", strings.NewReader(url.Values{"gebruiker": {user}}.Encode()))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := c.Do(req)
	if err != nil {
		return nil, fmt.Errorf("demo login as %s: %w", user, err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	u, _ := url.Parse(r.o.url)
	if resp.StatusCode != http.StatusSeeOther || len(jar.Cookies(u)) == 0 {
		return nil, fmt.Errorf("demo login as %s: status %d without a session (is the server started with --demo?)", user, resp.StatusCode)
	}
	return c, nil
}

// answer is what one HTTP exchange gave.
type answer struct {
	status int
	header http.Header
	body   []byte
	took   time.Duration
}

// errCanceled means the run ended during the exchange: not an outcome.
var errCanceled = errors.New("canceled")

// send makes one exchange and reads the whole answer; the time covers
// both. An exchange cut short by the end of the run returns errCanceled.
func send(ctx context.Context, c *http.Client, req *http.Request) (answer, error) {
	start := time.Now()
	resp, err := c.Do(req.WithContext(ctx))
	if err == nil {
		var body []byte
		body, err = io.ReadAll(resp.Body)
		resp.Body.Close()
		if err == nil {
			return answer{status: resp.StatusCode, header: resp.Header, body: body, took: time.Since(start)}, nil
		}
	}
	if ctx.Err() != nil {
		return answer{}, errCanceled
	}
	return answer{}, err
}

// outcome records the exchange a of kind k: a success when its status is
// want, else a failure by status, or by "transport" when err is set.
func (c *client) outcome(k kind, a answer, err error, want int) bool {
	s := c.r.stats[k]
	switch {
	case errors.Is(err, errCanceled):
		return false
	case err != nil:
		s.add(0, false, "transport", err.Error())
		return false
	case a.status != want:
		// An answer the load refused itself (status 0) took no time.
		s.add(a.took, a.took > 0, strconv.Itoa(a.status), fmt.Sprintf("%d %.200s", a.status, a.body))
		return false
	}
	s.add(a.took, true, "", "")
	return true
}

// do runs one operation of kind k.
func (c *client) do(ctx context.Context, k kind) {
	switch k {
	case kindRegister:
		c.register(ctx)
	case kindPostvak:
		c.postvak(ctx)
	case kindSearch:
		c.search(ctx)
	case kindCreate:
		c.create(ctx)
	case kindAnswer:
		c.answer(ctx)
	case kindCitizen:
		c.citizenBrake(ctx)
	}
}

// get sends GET path with client hc and records it as kind k.
func (c *client) get(ctx context.Context, k kind, hc *http.Client, path string) {
	req, err := http.NewRequest(http.MethodGet, c.r.o.url+path, nil)
	if err != nil {
		c.outcome(k, answer{}, err, 0)
		return
	}
	a, err := send(ctx, hc, req)
	c.outcome(k, a, err, http.StatusOK)
}
