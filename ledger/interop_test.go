package ledger

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/transparency-dev/formats/log"
	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

// serveLog serves m over HTTP as the publisher would: C2SP paths under
// /log/, and JSON proofs as the API would.
func serveLog(t *testing.T, m *memLog) *httptest.Server {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /log/checkpoint", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Write(m.checkpoint)
	})
	mux.HandleFunc("GET /log/tile/", func(w http.ResponseWriter, r *http.Request) {
		data, err := ReadTile(strings.TrimPrefix(r.URL.Path, "/log/"), m.size, m.hashes, m.readEntries)
		if err != nil {
			http.Error(w, err.Error(), http.StatusNotFound)
			return
		}
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Write(data)
	})
	mux.HandleFunc("GET /proof/inclusion", func(w http.ResponseWriter, r *http.Request) {
		index, _ := strconv.ParseInt(r.URL.Query().Get("index"), 10, 64)
		p, err := tlog.ProveRecord(m.size, index, m.hashes)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		json.NewEncoder(w).Encode(map[string]any{"index": index, "treeSize": m.size, "proof": p})
	})
	mux.HandleFunc("GET /proof/consistency", func(w http.ResponseWriter, r *http.Request) {
		old, _ := strconv.ParseInt(r.URL.Query().Get("from"), 10, 64)
		p, err := tlog.ProveTree(m.size, old, m.hashes)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		json.NewEncoder(w).Encode(map[string]any{"from": old, "treeSize": m.size, "proof": p})
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func httpGet(t *testing.T, url string) []byte {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s %s %v", url, resp.Status, body, err)
	}
	return body
}

// outsideTiles is an outside verifier's own tlog.TileReader: it writes the
// C2SP paths itself, without this package.
type outsideTiles struct {
	t    *testing.T
	base string
}

func (o outsideTiles) Height() int                     { return 8 }
func (o outsideTiles) SaveTiles([]tlog.Tile, [][]byte) {}
func (o outsideTiles) ReadTiles(tiles []tlog.Tile) ([][]byte, error) {
	var out [][]byte
	for _, tile := range tiles {
		n := fmt.Sprintf("%03d", tile.N%1000)
		for x := tile.N / 1000; x > 0; x /= 1000 {
			n = fmt.Sprintf("x%03d/%s", x%1000, n)
		}
		path := fmt.Sprintf("%s/log/tile/%d/%s", o.base, tile.L, n)
		if tile.W < 256 {
			path += fmt.Sprintf(".p/%d", tile.W)
		}
		out = append(out, httpGet(o.t, path))
	}
	return out, nil
}

// TestInteroperability verifies our checkpoints and proofs from HTTP
// responses only, with the library functions an outside verifier would use:
// note.Open, log.ParseCheckpoint, tlog.CheckRecord and tlog.CheckTree.
func TestInteroperability(t *testing.T) {
	s := testSigner(t)
	m, _ := newTestLog(t, 1000, s)
	srv := serveLog(t, m)
	verifier, err := note.NewVerifier(testVKey)
	if err != nil {
		t.Fatal(err)
	}

	// 1. The checkpoint: signed note, C2SP body.
	msg1 := httpGet(t, srv.URL+"/log/checkpoint")
	if _, err := note.Open(msg1, note.VerifierList(verifier)); err != nil {
		t.Fatalf("note.Open: %v", err)
	}
	cp1, _, _, err := log.ParseCheckpoint(msg1, "schakel.example.nl/log", verifier)
	if err != nil {
		t.Fatalf("log.ParseCheckpoint: %v", err)
	}
	if cp1.Size != 1000 {
		t.Fatalf("size %d", cp1.Size)
	}
	root1 := tlog.Hash(cp1.Hash)

	// 2. An entry from its bundle, parsed by hand, and its inclusion proof.
	bundle := httpGet(t, srv.URL+"/log/tile/entries/000")
	var entry41 []byte
	for i, b := 0, bundle; len(b) > 0; i++ {
		n := int(binary.BigEndian.Uint16(b))
		if i == 41 {
			entry41 = b[2 : 2+n]
		}
		b = b[2+n:]
	}
	var inc struct {
		Index int64
		Proof tlog.RecordProof
	}
	if err := json.Unmarshal(httpGet(t, srv.URL+"/proof/inclusion?index=41"), &inc); err != nil {
		t.Fatal(err)
	}
	if err := tlog.CheckRecord(inc.Proof, int64(cp1.Size), root1, 41, tlog.RecordHash(entry41)); err != nil {
		t.Errorf("tlog.CheckRecord: %v", err)
	}
	if err := tlog.CheckRecord(inc.Proof, int64(cp1.Size), root1, 41, tlog.RecordHash(append(entry41, ' '))); err == nil {
		t.Error("tlog.CheckRecord accepted an altered entry")
	}

	// 3. The same proof from the tiles alone.
	thr := tlog.TileHashReader(tlog.Tree{N: int64(cp1.Size), Hash: root1}, outsideTiles{t, srv.URL})
	p, err := tlog.ProveRecord(int64(cp1.Size), 41, thr)
	if err != nil {
		t.Fatalf("tlog.ProveRecord over tiles: %v", err)
	}
	if err := tlog.CheckRecord(p, int64(cp1.Size), root1, 41, tlog.RecordHash(entry41)); err != nil {
		t.Errorf("tlog.CheckRecord (tile proof): %v", err)
	}

	// 4. The log grows; the new checkpoint is consistent with the old.
	for i := 1000; i < 1300; i++ {
		m.append(t, testEntry(i))
	}
	m.sign(t, s)
	msg2 := httpGet(t, srv.URL+"/log/checkpoint")
	cp2, _, _, err := log.ParseCheckpoint(msg2, "schakel.example.nl/log", verifier)
	if err != nil {
		t.Fatal(err)
	}
	var cons struct{ Proof tlog.TreeProof }
	if err := json.Unmarshal(httpGet(t, srv.URL+"/proof/consistency?from=1000"), &cons); err != nil {
		t.Fatal(err)
	}
	if err := tlog.CheckTree(cons.Proof, int64(cp2.Size), tlog.Hash(cp2.Hash), int64(cp1.Size), root1); err != nil {
		t.Errorf("tlog.CheckTree: %v", err)
	}
	thr2 := tlog.TileHashReader(tlog.Tree{N: int64(cp2.Size), Hash: tlog.Hash(cp2.Hash)}, outsideTiles{t, srv.URL})
	tp, err := tlog.ProveTree(int64(cp2.Size), int64(cp1.Size), thr2)
	if err != nil {
		t.Fatal(err)
	}
	if err := tlog.CheckTree(tp, int64(cp2.Size), tlog.Hash(cp2.Hash), int64(cp1.Size), root1); err != nil {
		t.Errorf("tlog.CheckTree (tile proof): %v", err)
	}

	// 5. And our own Verifier over HTTP agrees.
	fetch := func(path string) ([]byte, error) {
		resp, err := http.Get(srv.URL + "/log/" + path)
		if err != nil {
			return nil, err
		}
		defer resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return nil, fmt.Errorf("%s", resp.Status)
		}
		return io.ReadAll(resp.Body)
	}
	trusted := Checkpoint{Size: int64(cp1.Size), Root: root1}
	v := &Verifier{Fetch: fetch, VerifierKey: testVKey, Origin: DefaultOrigin, Trusted: &trusted}
	if rep, err := v.Verify(t.Context()); err != nil {
		t.Errorf("Verify over HTTP: %v\n%s", err, rep)
	}
	if err := CheckInclusion(entry41, 41, Checkpoint{Size: int64(cp2.Size), Root: tlog.Hash(cp2.Hash)}, fetch); err != nil {
		t.Errorf("CheckInclusion over HTTP: %v", err)
	}
}
