package web

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"net/http"
	"net/url"
	"slices"
	"sync"
	"time"
)

// One-time form tokens for public forms that file something (post–redirect–
// get, issue 15). The form carries a random token in a hidden field; the
// first POST with it claims the token and files, later POSTs with the same
// token (a reload, a double click, the back button) file nothing and are
// sent to the first result. The result is kept in memory only, for a short
// while, under a second random key that travels in an HttpOnly cookie: so a
// secret in the result (a receipt code) is never in a URL, a log, the
// database or the session, and is gone after resultTTL.

// Lifetimes of tokens and results, and the most tokens kept at once.
const (
	// tokenTTL is how long a form may be open before it is sent: a citizen
	// may take long to write.
	tokenTTL = 24 * time.Hour
	// resultTTL is how long the result page of a submission can be shown
	// again (reload, print, PDF).
	resultTTL = 30 * time.Minute
	// maxTokens bounds the memory anyone fetching forms can take.
	maxTokens = 50000
	// tokenField is the hidden field of the token.
	tokenField = "formulierToken"
)

// tokenState is where a token is in its one use.
type tokenState int

const (
	tokenFresh tokenState = iota // issued, not sent yet (or sent with errors)
	tokenBusy                    // a submission with it is being filed
	tokenDone                    // filed; the result is kept
)

// tokenEntry is one issued token.
type tokenEntry struct {
	issued time.Time
	state  tokenState
	wait   chan struct{} // closed when a busy submission ends
	result any
	view   string // the cookie key of the result
	doneAt time.Time
}

// formTokens holds the tokens and the results of submissions, in memory:
// a restart forgets them, which only means a form must be sent again.
type formTokens struct {
	mu      sync.Mutex
	entries map[string]*tokenEntry // by token
	views   map[string]*tokenEntry // by view key
}

func newFormTokens() *formTokens {
	return &formTokens{entries: map[string]*tokenEntry{}, views: map[string]*tokenEntry{}}
}

// randomKey returns 32 random bytes, URL-safe.
func randomKey() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // crypto/rand.Read never fails (Go 1.24+)
	return base64.RawURLEncoding.EncodeToString(b)
}

// issue returns a new token for a form shown at now.
func (t *formTokens) issue(now time.Time) string {
	t.mu.Lock()
	defer t.mu.Unlock()
	if len(t.entries) >= maxTokens {
		t.prune(now)
	}
	if len(t.entries) >= maxTokens {
		// Still full: a flood of form requests. Forget the oldest unsent
		// forms — their senders get the form back as typed, with a new
		// token — but never a result still shown (a receipt code) or a
		// submission being filed.
		t.evictFresh(maxTokens / 10)
	}
	k := randomKey()
	t.entries[k] = &tokenEntry{issued: now, state: tokenFresh}
	return k
}

// prune forgets expired tokens and results; t.mu is held.
func (t *formTokens) prune(now time.Time) {
	for k, e := range t.entries {
		if t.expired(e, now) {
			delete(t.entries, k)
			if e.view != "" {
				delete(t.views, e.view)
			}
		}
	}
}

// evictFresh forgets the n oldest tokens not yet sent; t.mu is held.
func (t *formTokens) evictFresh(n int) {
	type aged struct {
		key    string
		issued time.Time
	}
	var fresh []aged
	for k, e := range t.entries {
		if e.state == tokenFresh {
			fresh = append(fresh, aged{k, e.issued})
		}
	}
	slices.SortFunc(fresh, func(a, b aged) int { return a.issued.Compare(b.issued) })
	for _, f := range fresh[:min(n, len(fresh))] {
		delete(t.entries, f.key)
	}
}

// expired reports whether e is of no use any more at now.
func (t *formTokens) expired(e *tokenEntry, now time.Time) bool {
	switch e.state {
	case tokenDone:
		return now.Sub(e.doneAt) >= resultTTL
	case tokenBusy:
		return false
	}
	return now.Sub(e.issued) >= tokenTTL
}

// claimOutcome is what a POST with a token may do.
type claimOutcome int

const (
	claimUnknown claimOutcome = iota // no such token, or expired: file nothing
	claimFile                        // file; then finish or release
	claimDone                        // filed before: go to the result
)

// claim claims token for one submission at now. When another submission
// with the token is being filed (a double click), claim waits for it to end.
// claimDone returns the view key of the first result.
func (t *formTokens) claim(ctx context.Context, token string, now time.Time) (claimOutcome, string, error) {
	for {
		t.mu.Lock()
		e, ok := t.entries[token]
		if !ok || token == "" || t.expired(e, now) {
			t.mu.Unlock()
			return claimUnknown, "", nil
		}
		switch e.state {
		case tokenFresh:
			e.state, e.wait = tokenBusy, make(chan struct{})
			t.mu.Unlock()
			return claimFile, "", nil
		case tokenDone:
			view := e.view
			t.mu.Unlock()
			return claimDone, view, nil
		}
		wait := e.wait
		t.mu.Unlock()
		select {
		case <-wait:
		case <-ctx.Done():
			return claimUnknown, "", ctx.Err()
		}
	}
}

// finish keeps result as the outcome of token's submission and returns the
// key under which it can be viewed until resultTTL after now.
func (t *formTokens) finish(token string, result any, now time.Time) string {
	t.mu.Lock()
	defer t.mu.Unlock()
	e, ok := t.entries[token]
	if !ok {
		e = &tokenEntry{issued: now}
		t.entries[token] = e
	}
	e.state, e.result, e.doneAt, e.view = tokenDone, result, now, randomKey()
	t.views[e.view] = e
	if e.wait != nil {
		close(e.wait)
		e.wait = nil
	}
	return e.view
}

// release gives token back after a submission that filed nothing (invalid
// input, throttled): the form shown again may be sent with it.
func (t *formTokens) release(token string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	e, ok := t.entries[token]
	if !ok || e.state != tokenBusy {
		return
	}
	e.state = tokenFresh
	close(e.wait)
	e.wait = nil
}

// result returns the result kept under view key at now, if still shown.
func (t *formTokens) result(view string, now time.Time) (any, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	e, ok := t.views[view]
	if !ok || view == "" {
		return nil, false
	}
	if t.expired(e, now) {
		delete(t.views, view)
		return nil, false
	}
	return e.result, true
}

// resultCookie names the cookie of a result's view key.
type resultCookie struct {
	Name string
	Path string // the result page and its downloads
}

// set sends the view key to the browser for resultTTL.
func (c resultCookie) set(w http.ResponseWriter, r *http.Request, view string) {
	http.SetCookie(w, &http.Cookie{Name: c.Name, Value: view, Path: c.Path, MaxAge: int(resultTTL / time.Second),
		HttpOnly: true, Secure: r.TLS != nil, SameSite: http.SameSiteStrictMode})
}

// view returns the view key the browser sent, or "".
func (c resultCookie) view(r *http.Request) string {
	ck, err := r.Cookie(c.Name)
	if err != nil {
		return ""
	}
	return ck.Value
}

// filedAt is the result of a submission whose page is its own (a
// request's page): where a second submission of the same form goes.
type filedAt string

// claimForm claims the one-time token of the form f for one submission.
// done: the form was sent before, and the browser has been sent to the
// first result — the page of a filedAt result, or else path with cookie
// carrying the result's key. expired: the token is unknown (expired, from
// before a restart), it is removed from f, and the form must be shown again
// with errFormExpired. Otherwise the caller files, then keeps the result
// with h.tokens.finish, or calls h.tokens.release so the form can be sent
// again with the same token.
func (h *Handler) claimForm(w http.ResponseWriter, r *http.Request, f url.Values, cookie resultCookie, path string) (token string, done, expired bool, err error) {
	token = f.Get(tokenField)
	outcome, view, err := h.tokens.claim(r.Context(), token, h.Clock.Now())
	switch {
	case err != nil:
		return token, false, false, err
	case outcome == claimUnknown:
		f.Del(tokenField)
		return token, false, true, nil
	case outcome == claimDone:
		if res, _ := h.tokens.result(view, h.Clock.Now()); res != nil {
			if target, ok := res.(filedAt); ok {
				http.Redirect(w, r, string(target), http.StatusSeeOther)
				return token, true, false, nil
			}
		}
		cookie.set(w, r, view)
		http.Redirect(w, r, path, http.StatusSeeOther)
		return token, true, false, nil
	}
	return token, false, false, nil
}
