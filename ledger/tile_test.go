package ledger

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	"golang.org/x/mod/sumdb/tlog"
)

func TestTilePath(t *testing.T) {
	tests := []struct {
		tile tlog.Tile
		path string
	}{
		{tlog.Tile{H: 8, L: 0, N: 0, W: 256}, "tile/0/000"},
		{tlog.Tile{L: 0, N: 0}, "tile/0/000"}, // zero H and W: defaults
		{tlog.Tile{H: 8, L: 0, N: 3, W: 17}, "tile/0/003.p/17"},
		{tlog.Tile{H: 8, L: 2, N: 1234067, W: 256}, "tile/2/x001/x234/067"},
		{tlog.Tile{H: 8, L: 63, N: 1000, W: 1}, "tile/63/x001/000.p/1"},
		{tlog.Tile{H: 8, L: -1, N: 999, W: 256}, "tile/entries/999"},
		{tlog.Tile{H: 8, L: -1, N: 1234067, W: 255}, "tile/entries/x001/x234/067.p/255"},
		{tlog.Tile{H: 8, L: 0, N: 9223372036854775807 >> 8, W: 256}, "tile/0/x036/x028/x797/x018/x963/967"},
	}
	for _, tt := range tests {
		if got := TilePath(tt.tile); got != tt.path {
			t.Errorf("TilePath(%+v) = %q, want %q", tt.tile, got, tt.path)
		}
		got, err := ParseTilePath(tt.path)
		want := normTile(tt.tile)
		if err != nil || got != want {
			t.Errorf("ParseTilePath(%q) = %+v, %v, want %+v", tt.path, got, err, want)
		}
	}
	// tlog's own path has a height element; ours must not.
	if p := (tlog.Tile{H: 8, L: 0, N: 5, W: 256}).Path(); p != "tile/8/0/005" {
		t.Errorf("tlog.Tile.Path = %q: the Go checksum database layout changed?", p)
	}
}

func TestParseTilePathRefuses(t *testing.T) {
	for _, p := range []string{
		"", "tile", "tile/", "tile/0", "tile/0/", "tile/8/0/000", "/tile/0/000", "tile/0/000/",
		"tile/00/000", "tile/01/000", "tile/-1/000", "tile/64/000", "tile/data/000", "tile/entries/0",
		"tile/0/1", "tile/0/0001", "tile/0/x000/001", "tile/0/001/002", "tile/0/x001", "tile/0/x1/000",
		"tile/0/000.p/0", "tile/0/000.p/256", "tile/0/000.p/017", "tile/0/000.p/", "tile/0/000.p/5/x",
		"tile/0/000.p/5.p/4", "tile/0/+00", "tile/0/x999/x999/x999/x999/x999/x999/x999/999",
		"tile/0/x009/x223/x372/x036/x854/x775/808", // 2^63
	} {
		if tile, err := ParseTilePath(p); err == nil {
			t.Errorf("ParseTilePath(%q) = %+v, want error", p, tile)
		}
	}
}

func FuzzParseTilePath(f *testing.F) {
	for _, s := range []string{"tile/0/000", "tile/entries/x001/x234/067.p/255", "tile/63/x001/000.p/1", "tile/1/x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, path string) {
		tile, err := ParseTilePath(path)
		if err != nil {
			return
		}
		if got := TilePath(tile); got != path {
			t.Fatalf("ParseTilePath(%q) = %+v, which formats as %q", path, tile, got)
		}
	})
}

func TestBundle(t *testing.T) {
	entries := [][]byte{[]byte("a"), {}, bytes.Repeat([]byte("x"), MaxEntrySize), []byte("last")}
	b, err := MarshalBundle(entries)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte{0, 1, 'a', 0, 0, 0xff, 0xff, 'x'}) {
		t.Errorf("bundle starts % x", b[:8])
	}
	got, err := ParseBundle(b)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(entries) {
		t.Fatalf("ParseBundle: %d entries, want %d", len(got), len(entries))
	}
	for i := range got {
		if !bytes.Equal(got[i], entries[i]) {
			t.Errorf("entry %d differs", i)
		}
	}
	if _, err := MarshalBundle([][]byte{make([]byte, MaxEntrySize+1)}); err == nil {
		t.Error("MarshalBundle accepted an entry of 65536 bytes")
	}
	for _, bad := range [][]byte{{0}, {0, 2, 'a'}, append(b, 0)} {
		if _, err := ParseBundle(bad); err == nil {
			t.Errorf("ParseBundle(% x) accepted", bad)
		}
	}
}

func FuzzParseBundle(f *testing.F) {
	f.Add([]byte{0, 1, 'a', 0, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		entries, err := ParseBundle(data)
		if err != nil {
			return
		}
		again, err := MarshalBundle(entries)
		if err != nil || !bytes.Equal(again, data) {
			t.Fatalf("ParseBundle then MarshalBundle changed the bundle: %v", err)
		}
	})
}

func TestTileWithin(t *testing.T) {
	tests := []struct {
		tile tlog.Tile
		size int64
		want bool
	}{
		{tlog.Tile{L: 0, N: 0, W: 256}, 256, true},
		{tlog.Tile{L: 0, N: 0, W: 256}, 255, false},
		{tlog.Tile{L: 0, N: 0, W: 255}, 255, true},
		{tlog.Tile{L: 1, N: 0, W: 1}, 256, true},
		{tlog.Tile{L: 1, N: 0, W: 2}, 511, false},
		{tlog.Tile{L: -1, N: 1, W: 1}, 257, true},
		{tlog.Tile{L: -1, N: 1, W: 2}, 257, false},
		{tlog.Tile{L: 2, N: 0, W: 1}, 70000, true},
		{tlog.Tile{L: 1, N: 1, W: 17}, 70000, true},
		{tlog.Tile{L: 1, N: 1, W: 18}, 70000, false},
		{tlog.Tile{L: 0, N: 0, W: 1}, 0, false},
		{tlog.Tile{H: 4, L: 0, N: 0, W: 1}, 10, false},
	}
	for _, tt := range tests {
		if got := TileWithin(tt.tile, tt.size); got != tt.want {
			t.Errorf("TileWithin(%s, %d) = %v, want %v", TilePath(tt.tile), tt.size, got, tt.want)
		}
	}
}

// TestTilesOfSize70000 checks the example of C2SP tlog-tiles: a tree of
// size 70,000 is 273 full level 0 tiles, one partial level 0 tile of width
// 112, one full level 1 tile, one partial level 1 tile of width 17, and one
// partial level 2 tile of width 1 — and that ReadTile serves exactly those.
func TestTilesOfSize70000(t *testing.T) {
	s := testSigner(t)
	m, _ := newTestLog(t, 70000, s)
	tiles := tlog.NewTiles(TileHeight, 0, 70000)
	count := map[string]int{}
	for _, tile := range tiles {
		data, err := ReadTile(TilePath(tile), m.size, m.hashes, m.readEntries)
		if err != nil || len(data) != tile.W*tlog.HashSize {
			t.Fatalf("ReadTile(%s) = %d bytes, %v", TilePath(tile), len(data), err)
		}
		count[fmt.Sprintf("L%d W%d", tile.L, tile.W)]++
	}
	want := map[string]int{"L0 W256": 273, "L0 W112": 1, "L1 W256": 1, "L1 W17": 1, "L2 W1": 1}
	if fmt.Sprint(count) != fmt.Sprint(want) {
		t.Errorf("tiles %v, want %v", count, want)
	}
	for _, p := range []string{"tile/0/273.p/113", "tile/0/274.p/1", "tile/1/001", "tile/2/000", "tile/3/000.p/1", "tile/entries/273", "tile/8/0/000"} {
		if _, err := ReadTile(p, m.size, m.hashes, m.readEntries); !errors.Is(err, ErrNotFound) {
			t.Errorf("ReadTile(%s) = %v, want ErrNotFound", p, err)
		}
	}
	b, err := ReadTile("tile/entries/273.p/112", m.size, m.hashes, m.readEntries)
	if err != nil {
		t.Fatal(err)
	}
	entries, err := ParseBundle(b)
	if err != nil || len(entries) != 112 || !bytes.Equal(entries[0], testEntry(273*256)) {
		t.Errorf("bundle 273: %d entries, %v", len(entries), err)
	}
	if _, err := ReadTileData(tlog.Tile{H: 8, L: -1, N: 0, W: 1}, m.hashes); err == nil || !strings.Contains(err.Error(), "not a hash tile") {
		t.Errorf("ReadTileData(entries) = %v", err)
	}
}

// TestHashesForAppend checks the storage layout on a map-backed table
// against tlog's own tree hash.
func TestHashesForAppend(t *testing.T) {
	table := hashMap{}
	var leaves []tlog.Hash
	for n := range int64(1000) {
		data := testEntry(int(n))
		hs, err := HashesForAppend(n, data, table)
		if err != nil {
			t.Fatal(err)
		}
		for i, h := range hs {
			table[tlog.StoredHashIndex(0, n)+int64(i)] = h
		}
		leaves = append(leaves, tlog.RecordHash(data))
		if int64(len(table)) != tlog.StoredHashCount(n+1) {
			t.Fatalf("after %d entries %d hashes stored, want %d", n+1, len(table), tlog.StoredHashCount(n+1))
		}
	}
	var b treeBuilder
	for i, l := range leaves {
		b.add(l, func(int, int64, tlog.Hash) {})
		if i%97 == 0 || i == len(leaves)-1 {
			want, err := tlog.TreeHash(int64(i+1), table)
			if err != nil {
				t.Fatal(err)
			}
			if b.root() != want {
				t.Fatalf("treeBuilder root at %d = %s, tlog.TreeHash = %s", i+1, b.root(), want)
			}
		}
	}
	if _, err := HashesForAppend(-1, nil, table); err == nil {
		t.Error("HashesForAppend(-1) accepted")
	}
	if _, err := HashesForAppend(1000, make([]byte, MaxEntrySize+1), table); err == nil {
		t.Error("HashesForAppend accepted an entry too big for a bundle")
	}
}
