package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/transparency-dev/formats/log"
	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/api"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/cmd/schakel/app"
	"github.com/schakel-nl/schakel/comply"
	"github.com/schakel-nl/schakel/config"
	"github.com/schakel-nl/schakel/demo"
	"github.com/schakel-nl/schakel/jobs"
	"github.com/schakel-nl/schakel/ledger"
	"github.com/schakel-nl/schakel/store"
	"github.com/schakel-nl/schakel/store/storetest"
)

// run runs schakel with args and returns what it printed.
func run(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out bytes.Buffer
	err := Run(context.Background(), args, envOf(nil), &out, io.Discard)
	return out.String(), err
}

var verifierKeyLine = regexp.MustCompile(`(?m)^Verifier key: (\S+)$`)

// keyOf runs `schakel keys` with args and returns the verifier key.
func keyOf(t *testing.T, args ...string) (string, string) {
	t.Helper()
	out, err := run(t, append([]string{"keys"}, args...)...)
	if err != nil {
		t.Fatalf("keys: %v\n%s", err, out)
	}
	m := verifierKeyLine.FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("keys printed no verifier key:\n%s", out)
	}
	return m[1], out
}

// waitCheckpoint waits until every event of the database is in a signed
// checkpoint of at least min entries, and returns its size.
func waitCheckpoint(t *testing.T, st *store.Store, min int64) int64 {
	t.Helper()
	ctx := context.Background()
	deadline := time.Now().Add(20 * time.Second)
	for {
		var events int64
		// Every request event, every change of the register of cases and
		// every event of a proposal.
		if err := st.DB().QueryRowContext(ctx, "SELECT (SELECT COUNT(*) FROM request_events) + (SELECT COUNT(*) FROM precedent_changes) + (SELECT COUNT(*) FROM proposal_events)").Scan(&events); err != nil {
			t.Fatal(err)
		}
		size, _, err := st.LatestCheckpoint(ctx)
		if err == nil && size == events && size >= min {
			return size
		}
		if time.Now().After(deadline) {
			t.Fatalf("no checkpoint of all %d events (≥ %d) within 20s: latest %d (%v)", events, min, size, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func getJSON[T any](t *testing.T, u string) T {
	t.Helper()
	resp, body := get(t, http.DefaultClient, u)
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s: %d %s", u, resp.StatusCode, body)
	}
	var v T
	if err := json.Unmarshal([]byte(body), &v); err != nil {
		t.Fatalf("GET %s: %v", u, err)
	}
	return v
}

// demoClient logs in to a demo server as the user named name.
func demoClient(t *testing.T, base, name string) *http.Client {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, Timeout: 10 * time.Second}
	_, body := get(t, c, base+"/demo/inloggen")
	doc, _ := goquery.NewDocumentFromReader(strings.NewReader(body))
	var id string
	doc.Find(`input[name="gebruiker"], option, button[name="gebruiker"]`).EachWithBreak(func(_ int, s *goquery.Selection) bool {
		if strings.Contains(s.Parent().Text()+s.Text(), name) {
			id = s.AttrOr("value", "")
			return id == ""
		}
		return true
	})
	if id == "" {
		t.Fatalf("no demo user %s", name)
	}
	req, _ := http.NewRequest(http.MethodPost, base+"/demo/inloggen", strings.NewReader(url.Values{"gebruiker": {id}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", base)
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return c
}

// TestPublicRecordEndToEnd runs serve in demo mode and checks the public
// record as an outsider would: `schakel keys`, `schakel verify --url`
// before and after new activity, `schakel verify --db` offline, the raw
// C2SP resources, and the page.
func TestPublicRecordEndToEnd(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "schakel.db")
	base, logs := serve(t, "--demo", "--db", db)
	st, err := store.Open(context.Background(), db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	size := waitCheckpoint(t, st, 1)

	// The key was made on first start, beside the database, mode 0600.
	info, err := os.Stat(filepath.Join(dir, "schakel-log.key"))
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("key file: %v, mode %v", err, info)
	}
	vkey, out := keyOf(t, "--db", db)
	if !strings.Contains(out, "Origin:       127.0.0.1:0/log\n") || !strings.HasPrefix(vkey, "127.0.0.1:0/log+") {
		t.Fatalf("keys:\n%s", out)
	}
	if !strings.Contains(logs.String(), vkey) {
		t.Error("serve did not log the verifier key")
	}
	if _, err := run(t, "keys", "--new", "--db", db); err == nil || !strings.Contains(err.Error(), "never overwrites") {
		t.Fatalf("keys --new over an existing key: %v", err)
	}
	if k2, _ := keyOf(t, "--db", db); k2 != vkey {
		t.Fatal("the key changed")
	}
	keyFile := filepath.Join(dir, "verifier.txt")
	os.WriteFile(keyFile, []byte(out), 0o644)

	// The demo's published cases are in the log too, as changes of the
	// register (one publication each), and so are the events of its
	// proposals.
	var changes, proposalEvents int64
	if err := st.DB().QueryRowContext(context.Background(), "SELECT (SELECT COUNT(*) FROM precedent_changes), (SELECT COUNT(*) FROM proposal_events)").
		Scan(&changes, &proposalEvents); err != nil || changes == 0 || proposalEvents == 0 {
		t.Fatalf("%d changes of the register, %d events of proposals (%v)", changes, proposalEvents, err)
	}
	// The first verification establishes the trusted checkpoint.
	state := filepath.Join(dir, "verify.state")
	out, err = run(t, "verify", "--url", base, "--key", vkey, "--state", state)
	if err != nil {
		t.Fatalf("verify: %v\n%s", err, out)
	}
	for _, want := range []string{
		"checkpoint: signature by key 127.0.0.1:0/log valid",
		fmt.Sprintf("root: the %d entries hash to the checkpoint root", size),
		fmt.Sprintf("events: the %d entries are %d distinct events and %d distinct changes of the register of cases and %d distinct events of proposals", size, size-changes-proposalEvents, changes, proposalEvents),
		"lookups: ",
		fmt.Sprintf("state: checkpoint for size %d saved to %s", size, state),
		"The public record verifies",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("verify output lacks %q:\n%s", want, out)
		}
	}

	// New activity, a new checkpoint: the next run proves it extends the
	// trusted one.
	c := demoClient(t, base, "Fatima El Amrani")
	for i := range 3 {
		body := fmt.Sprintf(`{"type": "verzoek", "onderwerp": "Signaal %d", "toelichting": "Zie het dossier.", "gronden": [{"beginsel": "zorgvuldigheid", "toelichting": "Niemand is gehoord."}], "geadresseerde": {"organisatie": "uwv"}}`, i)
		resp, err := c.Post(base+"/api/v1/verantwoordingsverzoeken", "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 201 {
			t.Fatalf("create: %d %s", resp.StatusCode, b)
		}
	}
	size2 := waitCheckpoint(t, st, size+3)
	out, err = run(t, "verify", "--url", base, "--key-file", keyFile, "--state", state, "--events", "all")
	if err != nil {
		t.Fatalf("second verify: %v\n%s", err, out)
	}
	t.Logf("second verify:\n%s", out)
	for _, want := range []string{
		fmt.Sprintf("trusted from the last run (%s): size %d", state, size),
		fmt.Sprintf("consistency: proof that the trusted tree of size %d is a prefix of this one checked", size),
		fmt.Sprintf("lookups: %d of %d events looked up", size2-changes-proposalEvents, size2-changes-proposalEvents),
		fmt.Sprintf("state: checkpoint for size %d saved", size2),
	} {
		if !strings.Contains(out, want) {
			t.Errorf("second verify output lacks %q:\n%s", want, out)
		}
	}

	// Offline, against the database, while the server runs.
	out, err = run(t, "verify", "--db", db, "--key", vkey, "--state", filepath.Join(dir, "offline.state"))
	if err != nil || !strings.Contains(out, "event rows: ") {
		t.Fatalf("verify --db: %v\n%s", err, out)
	}

	// The raw resources: public, with sensible caching, never beyond the
	// checkpoint.
	resp, body := get(t, http.DefaultClient, base+"/log/checkpoint")
	if resp.StatusCode != 200 || resp.Header.Get("Access-Control-Allow-Origin") != "*" || resp.Header.Get("Cache-Control") != "no-store" || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/plain") {
		t.Fatalf("checkpoint: %d %v", resp.StatusCode, resp.Header)
	}
	if !strings.HasPrefix(body, "127.0.0.1:0/log\n"+strconv.FormatInt(size2, 10)+"\n") {
		t.Fatalf("checkpoint body %q", body)
	}
	// The demo's year of activity fills several tiles; the last is partial.
	last := lastTile(0, size2)
	partial := ledger.TilePath(last)
	resp, body = get(t, http.DefaultClient, base+"/log/"+partial)
	if resp.StatusCode != 200 || len(body) != last.W*32 || resp.Header.Get("Access-Control-Allow-Origin") != "*" || !strings.Contains(resp.Header.Get("Cache-Control"), "max-age") {
		t.Fatalf("%s: %d, %d bytes, %v", partial, resp.StatusCode, len(body), resp.Header)
	}
	beyond, notYet, nextBundle := last, last, lastTile(-1, size2)
	beyond.W++
	notYet.W = 1 << ledger.TileHeight
	nextBundle.N, nextBundle.W = nextBundle.N+1, 1<<ledger.TileHeight
	for _, bad := range []string{
		ledger.TilePath(beyond),     // beyond the checkpoint
		ledger.TilePath(notYet),     // a full tile the log does not have yet
		"tile/entries/0",            // not canonical
		"tile/8/0/000",              // the sumdb layout, not C2SP
		"tile/0/000.p/0",            // width 0
		"tile/0/x000/000",           // leading zero group
		ledger.TilePath(nextBundle), // beyond
	} {
		if resp, _ := get(t, http.DefaultClient, base+"/log/"+bad); resp.StatusCode != 404 || resp.Header.Get("Cache-Control") != "no-store" {
			t.Errorf("%s: %d %q, want 404 no-store", bad, resp.StatusCode, resp.Header.Get("Cache-Control"))
		}
	}

	// The page shows the checkpoint and the key.
	resp, body = get(t, http.DefaultClient, base+"/logboek")
	doc, _ := goquery.NewDocumentFromReader(strings.NewReader(body))
	if resp.StatusCode != 200 || doc.Find("main code.log-key").Text() != vkey || doc.Find("main .log-size").AttrOr("data-size", "") != strconv.FormatInt(size2, 10) {
		t.Fatalf("/logboek: %d key %q size %q", resp.StatusCode, doc.Find("main code.log-key").Text(), doc.Find("main .log-size").AttrOr("data-size", ""))
	}
	if !strings.Contains(doc.Find("main pre.log-command").Text(), "schakel verify --url "+base+" --key "+vkey) {
		t.Errorf("page command %q", doc.Find("main pre.log-command").Text())
	}
}

// TestPublicRecordInterop checks checkpoints and proofs from HTTP responses
// only, with the library functions an outside verifier uses, not schakel's.
func TestPublicRecordInterop(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "schakel.db")
	base, _ := serve(t, "--demo", "--db", db)
	st, err := store.Open(context.Background(), db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	waitCheckpoint(t, st, 2)
	vkey, _ := keyOf(t, "--db", db)

	verifier, err := note.NewVerifier(vkey)
	if err != nil {
		t.Fatal(err)
	}
	_, body := get(t, http.DefaultClient, base+"/log/checkpoint")
	if _, err := note.Open([]byte(body), note.VerifierList(verifier)); err != nil {
		t.Fatalf("note.Open: %v", err)
	}
	cp, _, _, err := log.ParseCheckpoint([]byte(body), verifier.Name(), verifier)
	if err != nil {
		t.Fatalf("log.ParseCheckpoint: %v", err)
	}
	size, root := int64(cp.Size), tlog.Hash(cp.Hash)
	if size < 2 {
		t.Fatalf("size %d", size)
	}
	state := getJSON[api.LedgerState](t, base+"/api/v1/logboek")
	if state.Size != size || state.Root != root.String() || state.Note != body || state.VerifierKey != vkey || state.Origin != verifier.Name() {
		t.Fatalf("logboek %+v", state)
	}

	// Every event's entry is in the checkpoint by its inclusion proof, and
	// is the leaf the tiles hold.
	// The first tile, full or partial: the demo's year fills several.
	w := min(size, 1<<ledger.TileHeight)
	_, tile0 := get(t, http.DefaultClient, base+"/log/"+ledger.TilePath(tlog.Tile{H: 8, L: 0, N: 0, W: int(w)}))
	leaves := []byte(tile0)
	_, bundle := get(t, http.DefaultClient, base+"/log/"+ledger.TilePath(tlog.Tile{H: 8, L: -1, N: 0, W: int(w)}))
	entries, err := ledger.ParseBundle([]byte(bundle))
	if err != nil || int64(len(entries)) != w || len(leaves) != int(w)*32 {
		t.Fatalf("bundle: %d entries, %v; tile %d bytes", len(entries), err, len(leaves))
	}
	for i := int64(0); i < size && i < 5; i++ {
		req, seq, err := ledger.EntryID(entries[i])
		if err != nil {
			t.Fatal(err)
		}
		ev := getJSON[api.LedgerEvent](t, fmt.Sprintf("%s/api/v1/logboek/gebeurtenissen/%d/%d", base, req, seq))
		data, err := base64.StdEncoding.DecodeString(ev.EntryBase64)
		if err != nil || !bytes.Equal(data, entries[i]) || ev.Index != i {
			t.Fatalf("event %d/%d: index %d, bytes equal %v (%v)", req, seq, ev.Index, bytes.Equal(data, entries[i]), err)
		}
		var proof tlog.RecordProof
		for _, p := range ev.Proof {
			h, err := tlog.ParseHash(p)
			if err != nil {
				t.Fatal(err)
			}
			proof = append(proof, h)
		}
		leaf := tlog.RecordHash(data)
		if !bytes.Equal(leaf[:], leaves[i*32:(i+1)*32]) {
			t.Errorf("entry %d is not leaf %d of tile/0", i, i)
		}
		if err := tlog.CheckRecord(proof, size, root, i, leaf); err != nil {
			t.Errorf("tlog.CheckRecord for entry %d: %v", i, err)
		}
	}

	// Consistency to the checkpoint from every size the first tile holds,
	// and from the checkpoint's own.
	for n := int64(1); n <= size; n++ {
		if n > w && n < size {
			continue
		}
		c := getJSON[api.LedgerConsistency](t, fmt.Sprintf("%s/api/v1/logboek/consistentie?van=%d&tot=%d", base, n, size))
		var proof tlog.TreeProof
		for _, p := range c.Proof {
			h, _ := tlog.ParseHash(p)
			proof = append(proof, h)
		}
		old, err := tlog.ParseHash(c.From.Root)
		if err != nil {
			t.Fatal(err)
		}
		if err := tlog.CheckTree(proof, size, root, n, old); err != nil {
			t.Errorf("tlog.CheckTree from %d to %d: %v", n, size, err)
		}
		// The old root is the tree hash of the first n leaves as the tiles
		// hold them.
		if n > w {
			continue
		}
		var hashes []tlog.Hash
		for i := int64(0); i < n; i++ {
			hashes = append(hashes, tlog.Hash(leaves[i*32:(i+1)*32]))
		}
		if want := treeHash(hashes); want != old {
			t.Errorf("root of size %d is %s, want %s", n, old, want)
		}
	}
}

// lastTile is the tile of level l (-1: the entry bundle) that holds the
// last of size entries.
func lastTile(l int, size int64) tlog.Tile {
	n := (size - 1) >> ledger.TileHeight
	return tlog.Tile{H: ledger.TileHeight, L: l, N: n, W: int(size - n<<ledger.TileHeight)}
}

// treeHash is the RFC 6962 Merkle tree hash of leaf hashes.
func treeHash(leaves []tlog.Hash) tlog.Hash {
	if len(leaves) == 1 {
		return leaves[0]
	}
	k := 1
	for k*2 < len(leaves) {
		k *= 2
	}
	return tlog.NodeHash(treeHash(leaves[:k]), treeHash(leaves[k:]))
}

func TestKeys(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "schakel.db")
	if _, err := run(t, "keys", "--db", db); err == nil || !strings.Contains(err.Error(), "no signing key at "+filepath.Join(dir, "schakel-log.key")) {
		t.Fatalf("keys without a key: %v", err)
	}
	vkey, _ := keyOf(t, "--new", "--db", db, "--base-url", "https://schakel.example.nl/")
	if !strings.HasPrefix(vkey, "schakel.example.nl/log+") {
		t.Fatalf("key %q: the origin is the base URL's host + /log", vkey)
	}
	b, _ := os.ReadFile(filepath.Join(dir, "schakel-log.key"))
	if !strings.HasPrefix(string(b), "PRIVATE+KEY+schakel.example.nl/log+") {
		t.Fatalf("key file %q", b)
	}
	// The origin stays the key's name when the base URL changes later.
	k2, out := keyOf(t, "--db", db, "--base-url", "https://elders.example.nl")
	if k2 != vkey || !strings.Contains(out, "Origin:       schakel.example.nl/log\n") || !strings.Contains(out, "schakel verify --url https://elders.example.nl --key "+vkey+"\n") {
		t.Fatalf("keys after a base URL change:\n%s", out)
	}
	if strings.Contains(out, "PRIVATE") {
		t.Fatal("keys printed the secret")
	}
	// An explicit origin and key file.
	kf := filepath.Join(dir, "elders.key")
	k3, _ := keyOf(t, "--new", "--log-key-file", kf, "--log-origin", "rijk.example/schakel/log")
	if !strings.HasPrefix(k3, "rijk.example/schakel/log+") {
		t.Fatalf("key %q", k3)
	}
	if _, err := run(t, "keys", "--new", "--log-origin", "met spatie"); err == nil || !strings.Contains(err.Error(), "--ledger-origin") {
		t.Fatalf("bad origin: %v", err)
	}
	// verify refuses a signing key in place of the verifier key.
	if _, err := run(t, "verify", "--db", db, "--key-file", filepath.Join(dir, "schakel-log.key")); err == nil || !strings.Contains(err.Error(), "signing key") {
		t.Fatalf("verify with the secret: %v", err)
	}
	if _, err := run(t, "verify", "--db", db); err == nil || !strings.Contains(err.Error(), "--key") {
		t.Fatalf("verify without a key: %v", err)
	}
	if _, err := run(t, "verify", "--key", vkey); err == nil || !strings.Contains(err.Error(), "--url") {
		t.Fatalf("verify without a source: %v", err)
	}
	if _, err := run(t, "verify", "--db", filepath.Join(dir, "bestaat-niet.db"), "--key", vkey); err == nil {
		t.Fatal("verify created a database")
	}
}

// TestServeRefusesForeignKey: a database whose checkpoints another key
// signed is not signed on with a new key.
func TestServeRefusesForeignKey(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "schakel.db")
	ctx, cancel := context.WithCancel(context.Background())
	addr := make(chan string, 1)
	errc := make(chan error, 1)
	go func() {
		errc <- runServe(ctx, []string{"--addr", "127.0.0.1:0", "--demo", "--db", db}, envOf(nil), io.Discard, io.Discard, func(a string) { addr <- a })
	}()
	<-addr
	st, err := store.Open(context.Background(), db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	waitCheckpoint(t, st, 1)
	st.Close()
	cancel()
	if err := <-errc; err != nil {
		t.Fatal(err)
	}
	os.Rename(filepath.Join(dir, "schakel-log.key"), filepath.Join(dir, "weg.key"))
	err = runServe(context.Background(), []string{"--addr", "127.0.0.1:0", "--db", db}, envOf(nil), io.Discard, io.Discard, nil)
	if err == nil || !strings.Contains(err.Error(), "restore the key file") {
		t.Fatalf("serve without its key: %v", err)
	}
	if _, err := run(t, "keys", "--new", "--db", db); err != nil {
		t.Fatal(err)
	}
	err = runServe(context.Background(), []string{"--addr", "127.0.0.1:0", "--db", db}, envOf(nil), io.Discard, io.Discard, nil)
	if err == nil || !strings.Contains(err.Error(), "does not verify with the signing key") {
		t.Fatalf("serve with another key: %v", err)
	}
}

// tamperWorld is a database with the demo world, its events in a signed
// checkpoint, and a state file that trusts that checkpoint.
type tamperWorld struct {
	dsn, keyFile, state string
	st                  *store.Store
	signer              *ledger.Signer
	vkey                string
	size                int64
	postgres            bool
}

func newTamperWorld(t *testing.T, backend string) *tamperWorld {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	w := &tamperWorld{keyFile: filepath.Join(dir, "log.key"), state: filepath.Join(dir, "verify.state"), postgres: backend == "postgres"}
	if w.postgres {
		w.dsn = storetest.PostgresURL(t)
	} else {
		w.dsn = filepath.Join(dir, "schakel.db")
	}
	st, err := store.Open(ctx, w.dsn, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	w.st = st
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := st.SeedPrinciples(ctx, schakel.DefaultPrinciples()); err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Build(ctx, st); err != nil {
		t.Fatal(err)
	}
	if _, err := demo.BuildRequests(ctx, st, &comply.Engine{Calendar: calendar.New()}, time.Now()); err != nil {
		t.Fatal(err)
	}
	w.vkey, _ = keyOf(t, "--new", "--log-key-file", w.keyFile, "--log-origin", "schakel.test/log")
	b, _ := os.ReadFile(w.keyFile)
	if w.signer, err = ledger.NewSigner(strings.TrimSpace(string(b)), "schakel.test/log"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := (&jobs.LedgerJob{Store: st, Signer: w.signer}).RunOnce(ctx); err != nil {
		t.Fatal(err)
	}
	if w.size, _, err = st.LatestCheckpoint(ctx); err != nil || w.size < 4 {
		t.Fatalf("checkpoint of size %d: %v", w.size, err)
	}
	if out, err := w.verify(t, "--db", w.dsn); err != nil {
		t.Fatalf("verify before tampering: %v\n%s", err, out)
	}
	return w
}

func (w *tamperWorld) verify(t *testing.T, args ...string) (string, error) {
	t.Helper()
	return run(t, append([]string{"verify", "--key", w.vkey, "--state", w.state}, args...)...)
}

// exec runs SQL written with ? placeholders on either database.
func (w *tamperWorld) exec(t *testing.T, query string, args ...any) {
	t.Helper()
	if w.postgres {
		n := 0
		query = regexp.MustCompile(`\?`).ReplaceAllStringFunc(query, func(string) string { n++; return "$" + strconv.Itoa(n) })
	}
	if _, err := w.st.DB().ExecContext(context.Background(), query, args...); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}

// dropGuards drops the append-only triggers, as someone with write access
// to the database could.
func (w *tamperWorld) dropGuards(t *testing.T) {
	t.Helper()
	if w.postgres {
		for _, table := range []string{"log_entries", "log_hashes", "log_checkpoints"} {
			w.exec(t, "DROP TRIGGER "+table+"_no_change ON "+table)
		}
		w.exec(t, "DROP TRIGGER request_events_no_change ON request_events")
		return
	}
	for _, table := range []string{"log_entries", "log_hashes", "log_checkpoints", "request_events"} {
		w.exec(t, "DROP TRIGGER "+table+"_no_update")
		w.exec(t, "DROP TRIGGER "+table+"_no_delete")
	}
}

func (w *tamperWorld) entry(t *testing.T, idx int64) []byte {
	t.Helper()
	e, err := w.st.LedgerEntries(context.Background(), idx, idx+1)
	if err != nil || len(e) != 1 {
		t.Fatalf("entry %d: %v", idx, err)
	}
	return e[0]
}

// TestVerifyDetectsTampering changes the database in every way the public
// record must survive and checks that `schakel verify`, offline and over
// HTTP, fails naming what is wrong, and leaves the trusted state alone.
func TestVerifyDetectsTampering(t *testing.T) {
	cases := []struct {
		name    string
		tamper  func(t *testing.T, w *tamperWorld)
		noState bool // verify without a trusted checkpoint
		dbOnly  bool // only the database shows it
		want    []string
	}{
		{"entry altered", func(t *testing.T, w *tamperWorld) {
			data := bytes.Replace(w.entry(t, 1), []byte(`"at":"20`), []byte(`"at":"19`), 1)
			w.exec(t, "UPDATE log_entries SET data = ? WHERE idx = 1", data)
		}, false, false, []string{"entry 1 does not hash to the leaf in tile/0/000.p/", "entry altered"}},
		{"last entries deleted", func(t *testing.T, w *tamperWorld) {
			w.exec(t, "DELETE FROM log_entries WHERE idx >= ?", w.size-2)
		}, false, false, []string{"holds {size-2} entries, but the checkpoint for size {size} needs {size} there (entries removed)"}},
		{"last entries removed and an older size re-signed", func(t *testing.T, w *tamperWorld) {
			ctx := context.Background()
			w.exec(t, "DELETE FROM log_entries WHERE idx >= ?", w.size-2)
			w.exec(t, "DELETE FROM log_hashes WHERE id >= ?", tlog.StoredHashIndex(0, w.size-2))
			w.exec(t, "DELETE FROM log_checkpoints WHERE size = ?", w.size)
			w.exec(t, "UPDATE log_head SET size = ?", w.size-2)
			root, err := tlog.TreeHash(w.size-2, w.st.LedgerHashReader(ctx))
			if err != nil {
				t.Fatal(err)
			}
			n, _ := w.signer.Sign(w.size-2, root)
			if err := w.st.SaveCheckpoint(ctx, w.size-2, n); err != nil {
				t.Fatal(err)
			}
		}, false, false, []string{"checkpoint size {size-2} is smaller than the trusted {size} (entries removed)"}},
		{"stored hash changed", func(t *testing.T, w *tamperWorld) {
			w.exec(t, "UPDATE log_hashes SET hash = ? WHERE id = ?", bytes.Repeat([]byte{7}, 32), tlog.StoredHashIndex(0, 2))
		}, false, false, []string{"hash 2 differs from the hash of entry 2 (the tile was altered"}},
		{"stored hash deleted", func(t *testing.T, w *tamperWorld) {
			w.exec(t, "DELETE FROM log_hashes WHERE id = ?", tlog.StoredHashIndex(0, 3))
		}, false, false, []string{"tile/0/000.p/{size}"}},
		{"two entries reordered", func(t *testing.T, w *tamperWorld) {
			a, b := w.entry(t, 1), w.entry(t, 2)
			w.exec(t, "UPDATE log_entries SET data = ? WHERE idx = 1", b)
			w.exec(t, "UPDATE log_entries SET data = ? WHERE idx = 2", a)
		}, false, false, []string{"entries 1 and 2 are swapped", "entries reordered"}},
		{"fork", forkCheckpoint, false, false, []string{"fork: two different logs signed for the same size"}},
		{"fork without a trusted checkpoint", forkCheckpoint, true, false, []string{"entries hash to root", "but the checkpoint for size"}},
		{"event row altered", func(t *testing.T, w *tamperWorld) {
			req, seq, _ := ledger.EntryID(w.entry(t, 0))
			w.exec(t, "UPDATE request_events SET state = 'ingetrokken' WHERE request_id = ? AND seq = ?", req, seq)
		}, false, true, []string{"in the database differs from its log entry 0 in state (event or request row altered after it was logged)"}},
	}
	backends := []string{"sqlite"}
	if os.Getenv(storetest.PostgresEnv) != "" {
		backends = append(backends, "postgres")
	}
	for _, backend := range backends {
		for _, c := range cases {
			t.Run(backend+"/"+c.name, func(t *testing.T) {
				w := newTamperWorld(t, backend)
				w.dropGuards(t)
				before, _ := os.ReadFile(w.state)
				c.tamper(t, w)
				if c.noState {
					w.state = filepath.Join(t.TempDir(), "leeg.state")
				}
				// Offline, and over HTTP from a server on the tampered database.
				cfg := config.Default()
				srv, err := app.New(&cfg, w.st, schakel.SystemClock{}, slog.New(slog.DiscardHandler), nil, app.WithLedgerKey(w.vkey))
				if err != nil {
					t.Fatal(err)
				}
				ts := httptest.NewServer(srv)
				defer ts.Close()
				modes := [][]string{{"--db", w.dsn}, {"--url", ts.URL}}
				if c.dbOnly {
					modes = modes[:1]
				}
				for _, mode := range modes {
					out, err := w.verify(t, mode...)
					if err == nil {
						t.Fatalf("verify %s passed a tampered log:\n%s", mode[0], out)
					}
					t.Logf("verify %s:\n%s%v", mode[0], out, err)
					for _, want := range c.want {
						want = strings.NewReplacer("{size}", strconv.FormatInt(w.size, 10), "{size-2}", strconv.FormatInt(w.size-2, 10)).Replace(want)
						if !strings.Contains(err.Error(), want) {
							t.Errorf("verify %s: error lacks %q:\n%v", mode[0], want, err)
						}
					}
					if after, _ := os.ReadFile(w.state); !c.noState && !bytes.Equal(before, after) {
						t.Errorf("verify %s changed the state after a failure", mode[0])
					}
				}
			})
		}
	}
}

// forkCheckpoint replaces the latest checkpoint by one for the same size
// with another root, validly signed: the operator's key signed two logs.
func forkCheckpoint(t *testing.T, w *tamperWorld) {
	t.Helper()
	n, err := w.signer.Sign(w.size, tlog.RecordHash([]byte("een andere geschiedenis")))
	if err != nil {
		t.Fatal(err)
	}
	w.exec(t, "UPDATE log_checkpoints SET note = ? WHERE size = ?", n, w.size)
}
