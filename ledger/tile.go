package ledger

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/tlog"
)

// TileHeight is the height of the log's tiles, fixed by C2SP tlog-tiles: a
// full tile holds TileWidth = 2^8 hashes.
const TileHeight = 8

// TileWidth is the number of hashes in a full tile and of entries in a full
// entry bundle.
const TileWidth = 1 << TileHeight

// ErrNotFound is returned by [ReadTile] for a path that names no resource of
// the tree: malformed, or beyond its size.
var ErrNotFound = errors.New("ledger: no such tile")

// HashesForAppend returns the hashes the store must write when appending
// entry number n (0-based) with encoding data. It is tlog.StoredHashes.
//
// Storage layout: the store keeps one table of hashes keyed by stored hash
// index. The hashes returned go to indexes tlog.StoredHashIndex(0, n),
// tlog.StoredHashIndex(0, n)+1, … in order: first the leaf hash
// tlog.RecordHash(data), then the hash of every subtree the entry completes.
// A tree of n entries has tlog.StoredHashCount(n) hashes, just under 2n. r
// must read earlier hashes from that table (up to log₂ n of them); within a
// batch of appends it must also see the batch's own earlier hashes. Appends
// are strictly sequential: entry n is appended only after 0…n-1.
func HashesForAppend(n int64, data []byte, r tlog.HashReader) ([]tlog.Hash, error) {
	if n < 0 {
		return nil, fmt.Errorf("ledger: append entry %d: negative index", n)
	}
	if len(data) > MaxEntrySize {
		return nil, fmt.Errorf("ledger: append entry %d: %d bytes, more than %d", n, len(data), MaxEntrySize)
	}
	hashes, err := tlog.StoredHashes(n, data, r)
	if err != nil {
		return nil, fmt.Errorf("ledger: append entry %d: %w", n, err)
	}
	return hashes, nil
}

// normTile fills in the defaults of a tile: height [TileHeight] when zero,
// full width when zero.
func normTile(t tlog.Tile) tlog.Tile {
	if t.H == 0 {
		t.H = TileHeight
	}
	if t.W == 0 {
		t.W = 1 << t.H
	}
	return t
}

// formatIndex encodes a tile index in C2SP path elements of three digits,
// all but the last prefixed with "x": 1234067 is "x001/x234/067".
func formatIndex(n int64) string {
	s := fmt.Sprintf("%03d", n%1000)
	for n >= 1000 {
		n /= 1000
		s = fmt.Sprintf("x%03d/%s", n%1000, s)
	}
	return s
}

// TilePath returns the C2SP tlog-tiles path of t, relative to the log's
// prefix: "tile/<L>/<N>[.p/<W>]" for a hash tile and
// "tile/entries/<N>[.p/<W>]" for an entry bundle (t.L == -1, the data tiles
// of package tlog). N is in three-digit groups, all but the last prefixed
// with "x" (1234067 is "x001/x234/067"); ".p/<W>" marks a partial tile of
// width W < 256.
//
// Unlike tlog.Tile.Path ("tile/8/0/…", the Go checksum database layout),
// the C2SP path has no height element: the height is always [TileHeight].
// A zero t.H means TileHeight and a zero t.W a full tile.
func TilePath(t tlog.Tile) string {
	t = normTile(t)
	var b strings.Builder
	b.WriteString("tile/")
	if t.L == -1 {
		b.WriteString("entries")
	} else {
		b.WriteString(strconv.Itoa(t.L))
	}
	b.WriteByte('/')
	b.WriteString(formatIndex(t.N))
	if t.W < 1<<t.H {
		b.WriteString(".p/")
		b.WriteString(strconv.Itoa(t.W))
	}
	return b.String()
}

// ParseTilePath parses a C2SP tile or entry bundle path as [TilePath]
// writes it and returns the tile with H = [TileHeight] (L = -1 for entry
// bundles). It accepts only the one canonical spelling: levels 0 to 63 and
// widths 1 to 255 without leading zeros, index groups of exactly three
// digits with "x" on all but the last and no leading zero group.
func ParseTilePath(path string) (tlog.Tile, error) {
	bad := func() (tlog.Tile, error) {
		return tlog.Tile{}, fmt.Errorf("ledger: malformed tile path %q", path)
	}
	rest, ok := strings.CutPrefix(path, "tile/")
	if !ok {
		return bad()
	}
	levelStr, rest, ok := strings.Cut(rest, "/")
	if !ok {
		return bad()
	}
	t := tlog.Tile{H: TileHeight, W: TileWidth}
	if levelStr == "entries" {
		t.L = -1
	} else {
		l, err := strconv.Atoi(levelStr)
		if err != nil || l < 0 || l > 63 {
			return bad()
		}
		t.L = l
	}
	if i := strings.Index(rest, ".p/"); i >= 0 {
		w, err := strconv.Atoi(rest[i+len(".p/"):])
		if err != nil || w < 1 || w >= TileWidth {
			return bad()
		}
		t.W = w
		rest = rest[:i]
	}
	groups := strings.Split(rest, "/")
	if len(groups) > 7 {
		return bad()
	}
	for i, g := range groups {
		if i < len(groups)-1 {
			var ok bool
			if g, ok = strings.CutPrefix(g, "x"); !ok {
				return bad()
			}
		}
		if len(g) != 3 || g[0] < '0' || g[0] > '9' || g[1] < '0' || g[1] > '9' || g[2] < '0' || g[2] > '9' {
			return bad()
		}
		d, _ := strconv.Atoi(g)
		if t.N > (math.MaxInt64-int64(d))/1000 {
			return bad()
		}
		t.N = t.N*1000 + int64(d)
	}
	if TilePath(t) != path {
		return bad()
	}
	return t, nil
}

// TileWithin reports whether tile t (an entry bundle when t.L == -1) is
// determined by a tree of the given size, that is, whether a log of that
// size can serve it. Partial tiles of any width up to what size allows are
// within it, as C2SP lets a log keep serving them.
func TileWithin(t tlog.Tile, size int64) bool {
	t = normTile(t)
	if t.H != TileHeight || t.L < -1 || t.L > 63 || t.N < 0 || t.W < 1 || t.W > TileWidth || size < 0 {
		return false
	}
	level := max(t.L, 0)
	if t.N > (math.MaxInt64-int64(t.W))>>TileHeight {
		return false
	}
	count := t.N<<TileHeight + int64(t.W) // hashes or entries at this level
	return count <= size>>(TileHeight*level)
}

// ReadTileData returns the content of hash tile t, the concatenation of its
// W hashes, read from the stored hash table through r. It is
// tlog.ReadTileData for tiles of height [TileHeight]; entry bundles
// (t.L == -1) are not in the hash table: use [MarshalBundle].
func ReadTileData(t tlog.Tile, r tlog.HashReader) ([]byte, error) {
	t = normTile(t)
	if t.H != TileHeight || t.L < 0 || t.L > 63 || t.N < 0 || t.W < 1 || t.W > TileWidth {
		return nil, fmt.Errorf("ledger: read %s: not a hash tile of height %d", TilePath(t), TileHeight)
	}
	data, err := tlog.ReadTileData(t, r)
	if err != nil {
		return nil, fmt.Errorf("ledger: read %s: %w", TilePath(t), err)
	}
	return data, nil
}

// EntryReader returns the encoded entries with indexes start ≤ i < end, in
// order; it is how [ReadTile] reads the entries table.
type EntryReader func(start, end int64) ([][]byte, error)

// ReadTile returns the resource a C2SP tlog-tiles log of the given size
// serves at path (relative to the prefix, e.g. "tile/0/x001/234.p/17" or
// "tile/entries/000"): a hash tile read through hashes, or an entry bundle
// read through entries. It returns an error wrapping [ErrNotFound] when the
// path is malformed or names a tile beyond size. The checkpoint is not a
// tile: serve the latest signed one.
//
// ReadTile serves what the tables hold, also a bundle with fewer entries
// than the tile needs (rows deleted): judging that is the verifier's job,
// and a log that refused to serve would hide tampering as an outage.
func ReadTile(path string, size int64, hashes tlog.HashReader, entries EntryReader) ([]byte, error) {
	t, err := ParseTilePath(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNotFound, err)
	}
	if !TileWithin(t, size) {
		return nil, fmt.Errorf("%w: %s is beyond tree size %d", ErrNotFound, path, size)
	}
	if t.L >= 0 {
		return ReadTileData(t, hashes)
	}
	start := t.N << TileHeight
	list, err := entries(start, start+int64(t.W))
	if err != nil {
		return nil, fmt.Errorf("ledger: read %s: %w", path, err)
	}
	return MarshalBundle(list)
}

// AppendBundle appends one entry to a C2SP entry bundle: its length as a
// big-endian uint16, then its bytes.
func AppendBundle(bundle, entry []byte) ([]byte, error) {
	if len(entry) > MaxEntrySize {
		return bundle, fmt.Errorf("ledger: bundle entry of %d bytes, more than %d", len(entry), MaxEntrySize)
	}
	bundle = binary.BigEndian.AppendUint16(bundle, uint16(len(entry)))
	return append(bundle, entry...), nil
}

// MarshalBundle returns the C2SP entry bundle of entries: each as a
// big-endian uint16 length followed by its bytes.
func MarshalBundle(entries [][]byte) ([]byte, error) {
	n := 0
	for _, e := range entries {
		n += 2 + len(e)
	}
	b := make([]byte, 0, n)
	var err error
	for _, e := range entries {
		if b, err = AppendBundle(b, e); err != nil {
			return nil, err
		}
	}
	return b, nil
}

// ParseBundle splits a C2SP entry bundle into its entries. The entries
// share data's memory. It fails on a length prefix that runs past the end.
func ParseBundle(data []byte) ([][]byte, error) {
	var entries [][]byte
	for i := 0; len(data) > 0; i++ {
		if len(data) < 2 {
			return nil, fmt.Errorf("ledger: entry bundle: entry %d: truncated length", i)
		}
		n := int(binary.BigEndian.Uint16(data))
		if len(data)-2 < n {
			return nil, fmt.Errorf("ledger: entry bundle: entry %d: length %d runs past the end (%d bytes left)", i, n, len(data)-2)
		}
		entries = append(entries, data[2:2+n:2+n])
		data = data[2+n:]
	}
	return entries, nil
}
