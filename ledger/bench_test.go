package ledger

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"

	"golang.org/x/mod/sumdb/tlog"
)

// benchTrees caches the trees the benchmarks build: 10M entries take a few
// seconds and about 640 MB of stored hashes.
var benchTrees sync.Map // size -> *memLog

// benchTree returns a log of n entries whose stored hashes were written by
// HashesForAppend exactly as the store writes them. With entries set, the
// entries are realistic encoded entries kept for serving; otherwise each
// leaf is the hash of a short distinct record (proofs do not depend on the
// records' contents) and only the hashes are kept.
func benchTree(b *testing.B, n int, entries bool) *memLog {
	key := fmt.Sprint(n, entries)
	if m, ok := benchTrees.Load(key); ok {
		return m.(*memLog)
	}
	b.StopTimer()
	defer b.StartTimer()
	m := &memLog{hashes: make(hashSlice, 0, tlog.StoredHashCount(int64(n)))}
	if entries {
		m.entries = make([][]byte, 0, n)
	}
	var buf []byte
	for i := range n {
		var data []byte
		if entries {
			data = testEntry(i)
			m.entries = append(m.entries, data)
		} else {
			buf = fmt.Appendf(buf[:0], "entry %d", i)
			data = buf
		}
		hs, err := HashesForAppend(int64(i), data, m.hashes)
		if err != nil {
			b.Fatal(err)
		}
		m.hashes = append(m.hashes, hs...)
	}
	m.size = int64(n)
	if entries {
		m.sign(b, testSigner(b))
	}
	benchTrees.Store(key, m)
	return m
}

var benchSizes = []struct {
	name string
	n    int
}{{"1M", 1_000_000}, {"10M", 10_000_000}}

// BenchmarkAppend measures computing the stored hashes of one append.
func BenchmarkAppend(b *testing.B) {
	m := &memLog{}
	data := testEntry(1)
	for i := 0; b.Loop(); i++ {
		hs, err := HashesForAppend(int64(i), data, m.hashes)
		if err != nil {
			b.Fatal(err)
		}
		m.hashes = append(m.hashes, hs...)
	}
}

// BenchmarkProveRecord measures building an inclusion proof for a random
// entry from in-memory stored hashes.
func BenchmarkProveRecord(b *testing.B) {
	for _, sz := range benchSizes {
		b.Run(sz.name, func(b *testing.B) {
			m := benchTree(b, sz.n, false)
			rng := rand.New(rand.NewPCG(1, 1))
			for b.Loop() {
				if _, err := tlog.ProveRecord(int64(sz.n), rng.Int64N(int64(sz.n)), m.hashes); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkCheckRecord measures checking an inclusion proof against a root.
func BenchmarkCheckRecord(b *testing.B) {
	for _, sz := range benchSizes {
		b.Run(sz.name, func(b *testing.B) {
			m := benchTree(b, sz.n, false)
			root, err := tlog.TreeHash(int64(sz.n), m.hashes)
			if err != nil {
				b.Fatal(err)
			}
			type probe struct {
				index int64
				leaf  tlog.Hash
				proof tlog.RecordProof
			}
			rng := rand.New(rand.NewPCG(2, 2))
			probes := make([]probe, 1024)
			for i := range probes {
				x := rng.Int64N(int64(sz.n))
				p, err := tlog.ProveRecord(int64(sz.n), x, m.hashes)
				if err != nil {
					b.Fatal(err)
				}
				probes[i] = probe{x, m.hashes[tlog.StoredHashIndex(0, x)], p}
			}
			b.ResetTimer()
			for i := 0; b.Loop(); i++ {
				p := probes[i%len(probes)]
				if err := tlog.CheckRecord(p.proof, int64(sz.n), root, p.index, p.leaf); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkVerifyAll measures a full verification of a log of 1M realistic
// entries served from memory: checkpoint, every entry bundle hashed, every
// hash tile compared, root recomputed.
func BenchmarkVerifyAll(b *testing.B) {
	m := benchTree(b, 1_000_000, true)
	v := &Verifier{Fetch: m.fetch, VerifierKey: testVKey, Origin: DefaultOrigin}
	for b.Loop() {
		rep, err := v.Verify(context.Background())
		if err != nil {
			b.Fatal(err)
		}
		if rep.Entries != 1_000_000 {
			b.Fatalf("%d entries", rep.Entries)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/1e6, "ns/entry")
}
