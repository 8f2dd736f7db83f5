package ledger

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/mod/sumdb/tlog"
)

// Fetcher returns the resource a log serves at a path relative to its
// prefix: "checkpoint", "tile/0/x001/234", "tile/entries/000.p/17". An
// implementation over HTTP GETs <prefix>/<path>; tests serve from memory.
type Fetcher func(path string) ([]byte, error)

// A VerifyError says what is wrong with a log: each problem names the
// entry, tile or checkpoint concerned and what it means.
type VerifyError struct {
	Problems []string
}

// Error lists the problems.
func (e *VerifyError) Error() string {
	return "ledger: the log does not verify: " + strings.Join(e.Problems, "; ")
}

// maxProblems caps the problems a VerifyError lists; the first ones name
// the cause, the rest are its consequences.
const maxProblems = 20

// Report says what a [Verifier] checked.
type Report struct {
	// Note is the signed checkpoint as fetched: keep it, with the trusted
	// one, as evidence when they disagree.
	Note []byte
	// Checkpoint is the verified checkpoint.
	Checkpoint Checkpoint
	// Trusted is the checkpoint verified against, if any.
	Trusted *Checkpoint
	// Entries is the number of entries hashed; Bundles and Tiles the number
	// of entry bundles and hash tiles checked.
	Entries int64
	Bundles int
	Tiles   int
	// Checked describes each check done, in order, in plain sentences.
	Checked []string
}

func (r *Report) add(format string, args ...any) {
	r.Checked = append(r.Checked, fmt.Sprintf(format, args...))
}

// String returns the Checked lines, one per line.
func (r *Report) String() string { return strings.Join(r.Checked, "\n") }

// Verifier checks a C2SP tlog-tiles log from what it serves: the
// checkpoint's signature and origin; its consistency with a checkpoint
// trusted earlier; and, by hashing every entry, that the entries, every
// hash tile and the checkpoint root agree. It keeps only one window of
// entry bundles and a few partial tiles in memory, so its cost is linear
// in the log and its memory constant.
type Verifier struct {
	// Fetch reads the log's resources. It is called from several
	// goroutines at once (see Concurrency).
	Fetch Fetcher
	// VerifierKey is the log's note verifier key ("<name>+<hash>+<key>").
	VerifierKey string
	// Origin is the log's origin line.
	Origin string
	// Trusted is the checkpoint verified last time, or nil for none.
	Trusted *Checkpoint
	// Entry, if set, is called with every entry in index order after its
	// bundle has been fetched; an error stops the verification. Use it to
	// decode entries or to index them by event for inclusion checks.
	Entry func(index int64, data []byte) error
	// Concurrency is the number of entry bundles fetched and hashed ahead;
	// 0 means 8.
	Concurrency int
}

// Verify fetches the checkpoint and checks the log as described at
// [Verifier]. It returns a Report of what it checked (also on error, as far
// as it got) and either nil, a *[VerifyError] naming each problem found, an
// error wrapping [ErrBadSignature], [ErrWrongOrigin] or [ErrMalformed] for
// the checkpoint, or the error of a fetch or of the Entry function.
func (v *Verifier) Verify(ctx context.Context) (*Report, error) {
	rep := &Report{Trusted: v.Trusted}
	msg, err := v.Fetch("checkpoint")
	if err != nil {
		return rep, fmt.Errorf("ledger: fetch checkpoint: %w", err)
	}
	cp, err := OpenCheckpoint(msg, v.VerifierKey, v.Origin)
	if err != nil {
		return rep, err
	}
	rep.Note, rep.Checkpoint = msg, cp
	name, _, _ := strings.Cut(v.VerifierKey, "+")
	rep.add("checkpoint: signature by key %s valid, origin %q, %s", name, v.Origin, cp)

	var problems []string
	if t := v.Trusted; t != nil {
		switch {
		case cp.Size < t.Size:
			return rep, &VerifyError{[]string{fmt.Sprintf("checkpoint size %d is smaller than the trusted %d (entries removed)", cp.Size, t.Size)}}
		case cp.Size == t.Size && cp.Root != t.Root:
			return rep, &VerifyError{[]string{fmt.Sprintf("checkpoint for size %d has root %s, but the trusted one had %s (fork: two different logs signed for the same size)", cp.Size, cp.Root, t.Root)}}
		case cp.Size == t.Size:
			rep.add("consistency: the checkpoint is the trusted one")
		case t.Size == 0:
			if empty := (&treeBuilder{}).root(); t.Root != empty {
				return rep, &VerifyError{[]string{fmt.Sprintf("the trusted checkpoint for size 0 has root %s, but the empty tree's is %s", t.Root, empty)}}
			}
			rep.add("consistency: the trusted checkpoint is of the empty log")
		default:
			if p := v.consistency(cp, *t); p != "" {
				problems = append(problems, p)
			} else {
				rep.add("consistency: proof that the trusted tree of size %d is a prefix of this one checked (tlog.ProveTree over the served tiles, tlog.CheckTree)", t.Size)
			}
		}
	}

	s := &scan{v: v, rep: rep, cp: cp, levels: make([][]tlog.Hash, 64)}
	if err := s.run(ctx); err != nil {
		return rep, err
	}
	problems = append(problems, s.problems()...)
	if len(problems) > maxProblems {
		problems = append(problems[:maxProblems], fmt.Sprintf("and %d more problems", len(problems)-maxProblems))
	}
	if len(problems) > 0 {
		return rep, &VerifyError{problems}
	}
	rep.add("entries: %d entries in %d entry bundles hashed, each equal to its leaf in tile/0", rep.Entries, rep.Bundles)
	rep.add("tiles: %d hash tiles equal to the hashes recomputed from the entries", rep.Tiles)
	if v.Trusted != nil && v.Trusted.Size > 0 {
		rep.add("history: the first %d entries hash to the trusted root", v.Trusted.Size)
	}
	rep.add("root: the %d entries hash to the checkpoint root", cp.Size)
	return rep, nil
}

// consistency checks the proof that trusted is a prefix of cp, built from
// the served tiles as a light client would, and returns a problem or "".
func (v *Verifier) consistency(cp, trusted Checkpoint) string {
	r := tlog.TileHashReader(cp.Tree(), tileFetcher{v.Fetch})
	proof, err := tlog.ProveTree(cp.Size, trusted.Size, r)
	if err != nil {
		return fmt.Sprintf("no consistency proof from size %d to %d can be built from the served tiles (%v): the tiles do not match the checkpoint root", trusted.Size, cp.Size, err)
	}
	if err := tlog.CheckTree(proof, cp.Size, cp.Root, trusted.Size, trusted.Root); err != nil {
		return fmt.Sprintf("checkpoint for size %d is not consistent with the trusted checkpoint for size %d (fork, or entries before %d altered, removed or reordered)", cp.Size, trusted.Size, trusted.Size)
	}
	return ""
}

// CheckInclusion checks that entryData is entry number index of the log
// whose verified checkpoint is cp, with a proof built from the hash tiles
// fetch serves (tlog.TileHashReader authenticates them against cp). It
// fails naming the entry when it is not there.
func CheckInclusion(entryData []byte, index int64, cp Checkpoint, fetch Fetcher) error {
	if index < 0 || index >= cp.Size {
		return fmt.Errorf("ledger: entry %d is not in the checkpoint for size %d", index, cp.Size)
	}
	r := tlog.TileHashReader(cp.Tree(), tileFetcher{fetch})
	proof, err := tlog.ProveRecord(cp.Size, index, r)
	if err != nil {
		return fmt.Errorf("ledger: inclusion of entry %d: the served tiles do not match the checkpoint for %s: %w", index, cp, err)
	}
	if err := tlog.CheckRecord(proof, cp.Size, cp.Root, index, tlog.RecordHash(entryData)); err != nil {
		return fmt.Errorf("ledger: entry %d as given is not included in the checkpoint for size %d (entry altered, or at another index)", index, cp.Size)
	}
	return nil
}

// tileFetcher is a tlog.TileReader over C2SP paths.
type tileFetcher struct{ fetch Fetcher }

func (f tileFetcher) Height() int { return TileHeight }

func (f tileFetcher) ReadTiles(tiles []tlog.Tile) ([][]byte, error) {
	data := make([][]byte, len(tiles))
	for i, t := range tiles {
		d, err := fetchTile(f.fetch, t)
		if err != nil {
			return nil, err
		}
		data[i] = d
	}
	return data, nil
}

func (f tileFetcher) SaveTiles([]tlog.Tile, [][]byte) {}

// fetchTile fetches a hash tile and checks its length. A missing partial
// tile is read from the full one, as C2SP lets a log delete partial tiles
// once the full tile exists.
func fetchTile(fetch Fetcher, t tlog.Tile) ([]byte, error) {
	t = normTile(t)
	path := TilePath(t)
	data, err := fetch(path)
	if err != nil && t.W < TileWidth {
		full := t
		full.W = TileWidth
		if d, err2 := fetch(TilePath(full)); err2 == nil && len(d) == TileWidth*tlog.HashSize {
			data, err = d[:t.W*tlog.HashSize], nil
		}
	}
	if err != nil {
		return nil, fmt.Errorf("ledger: fetch %s: %w", path, err)
	}
	if len(data) != t.W*tlog.HashSize {
		return nil, &tileLengthError{path, len(data), t.W}
	}
	return data, nil
}

type tileLengthError struct {
	path string
	n, w int
}

func (e *tileLengthError) Error() string {
	return fmt.Sprintf("%s is %d bytes, but must hold %d hashes of 32 bytes (%d bytes)", e.path, e.n, e.w, e.w*tlog.HashSize)
}

// treeBuilder computes RFC 6962 tree hashes over a stream of leaf hashes,
// keeping one hash per set bit of the number of leaves.
type treeBuilder struct {
	n     int64
	stack []tlog.Hash
}

// add appends a leaf hash. For every completed subtree whose height is a
// multiple of TileHeight it calls emit with its tile level (height / 8), its
// index at that height, and its hash: the hash a tile at that level holds.
func (b *treeBuilder) add(h tlog.Hash, emit func(level int, index int64, h tlog.Hash)) {
	n := b.n
	for height := 1; n&1 == 1; height++ {
		h = tlog.NodeHash(b.stack[len(b.stack)-1], h)
		b.stack = b.stack[:len(b.stack)-1]
		n >>= 1
		if height%TileHeight == 0 {
			emit(height/TileHeight, n, h)
		}
	}
	b.stack = append(b.stack, h)
	b.n++
}

// root returns the tree hash of the leaves added so far.
func (b *treeBuilder) root() tlog.Hash {
	if len(b.stack) == 0 {
		h, _ := tlog.TreeHash(0, nil)
		return h
	}
	h := b.stack[len(b.stack)-1]
	for i := len(b.stack) - 2; i >= 0; i-- {
		h = tlog.NodeHash(b.stack[i], h)
	}
	return h
}

// bundle is one entry bundle with its level 0 tile, fetched and hashed.
type bundle struct {
	n       int64 // bundle and tile index
	w       int   // entries the checkpoint needs in it
	entries [][]byte
	leaves  []tlog.Hash
	tile    []byte // the level 0 tile, nil when its length was wrong
	tileErr string // why tile is nil
	err     error  // a fetch failed: fatal
}

// leafMismatch is a leaf of a level 0 tile that differs from the hash of
// its entry: the first in a bundle, and how many more there are.
type leafMismatch struct {
	bundle int64
	first  int    // position in the bundle
	more   int    // further mismatching positions in the bundle
	what   string // the diagnosis when the entries are wrong
}

// tileMismatch is a hash of a tile at level ≥ 1 that differs from the hash
// recomputed from the entries.
type tileMismatch struct {
	level int
	n     int64
	i     int
}

// scan hashes every entry and compares with every tile.
type scan struct {
	v      *Verifier
	rep    *Report
	cp     Checkpoint
	b      treeBuilder
	levels [][]tlog.Hash // completed hashes awaiting their tile, per level ≥ 1

	leafBad     []leafMismatch
	tileBad     []tileMismatch
	other       []string // tile length problems
	stopped     string   // why the scan could not finish, or ""
	shift       string   // the removal or insertion found, shifting later entries
	trustedRoot *tlog.Hash
	fatal       error
}

func (s *scan) run(ctx context.Context) error {
	size := s.cp.Size
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	window := s.v.Concurrency
	if window <= 0 {
		window = 8
	}
	nb := (size + TileWidth - 1) / TileWidth
	queue := make(chan chan bundle, window)
	go func() {
		defer close(queue)
		for k := int64(0); k < nb; k++ {
			w := TileWidth
			if k == nb-1 && size%TileWidth != 0 {
				w = int(size % TileWidth)
			}
			ch := make(chan bundle, 1)
			select {
			case queue <- ch:
			case <-ctx.Done():
				return
			}
			go func() { ch <- s.v.fetchBundle(k, w) }()
		}
	}()
	for ch := range queue {
		if err := ctx.Err(); err != nil {
			return err
		}
		b := <-ch
		if b.err != nil {
			return b.err
		}
		if !s.bundle(b) {
			break
		}
		if s.fatal != nil {
			return s.fatal
		}
	}
	if s.fatal != nil {
		return s.fatal
	}
	if s.stopped != "" {
		return nil
	}
	if int64(s.rep.Bundles) != nb {
		if err := ctx.Err(); err != nil {
			return err
		}
		return fmt.Errorf("ledger: verify: %d of %d entry bundles checked", s.rep.Bundles, nb)
	}
	// The partial tiles at levels ≥ 1 hold the completed hashes left over.
	for level := 1; size>>(TileHeight*level) > 0; level++ {
		w := int(size >> (TileHeight * level) % TileWidth)
		if len(s.levels[level]) != w {
			panic(fmt.Sprintf("ledger: bad math: %d hashes left at level %d, want %d", len(s.levels[level]), level, w))
		}
		if w > 0 {
			s.checkTile(level, size>>(TileHeight*(level+1)), s.levels[level])
		}
	}
	return s.fatal
}

// fetchBundle fetches and hashes entry bundle k of width w and its level 0
// tile.
func (v *Verifier) fetchBundle(k int64, w int) bundle {
	b := bundle{n: k, w: w}
	t := tlog.Tile{H: TileHeight, L: -1, N: k, W: w}
	path := TilePath(t)
	data, err := v.Fetch(path)
	if err != nil && w < TileWidth {
		t.W = TileWidth
		if d, err2 := v.Fetch(TilePath(t)); err2 == nil {
			if all, err3 := ParseBundle(d); err3 == nil && len(all) == TileWidth {
				data, err = nil, nil
				b.entries = all[:w]
			}
		}
	}
	if err != nil {
		b.err = fmt.Errorf("ledger: fetch %s: %w", path, err)
		return b
	}
	if b.entries == nil {
		if b.entries, err = ParseBundle(data); err != nil {
			b.err = fmt.Errorf("ledger: %s: %w", path, err)
			return b
		}
	}
	b.leaves = make([]tlog.Hash, len(b.entries))
	for i, e := range b.entries {
		b.leaves[i] = tlog.RecordHash(e)
	}
	tile, err := fetchTile(v.Fetch, tlog.Tile{H: TileHeight, L: 0, N: k, W: w})
	var lenErr *tileLengthError
	switch {
	case errors.As(err, &lenErr):
		b.tileErr = lenErr.Error() + " (hashes removed or added)"
	case err != nil:
		b.err = err
	default:
		b.tile = tile
	}
	return b
}

// bundle checks one bundle; it reports false when the scan cannot go on.
func (s *scan) bundle(b bundle) bool {
	s.rep.Bundles++
	path := TilePath(tlog.Tile{H: TileHeight, L: -1, N: b.n, W: b.w})
	if len(b.entries) != b.w {
		verb := "removed"
		if len(b.entries) > b.w {
			verb = "added"
		}
		s.stopped = fmt.Sprintf("%s holds %d entries, but the checkpoint for size %d needs %d there (entries %s)", path, len(b.entries), s.cp.Size, b.w, verb)
		// Still compare what is there, to name the first entry that moved.
		n := min(len(b.entries), b.w)
		b.entries, b.leaves = b.entries[:n], b.leaves[:n]
	}
	if b.tile != nil {
		s.rep.Tiles++
		s.compareLeaves(b)
	} else if b.tileErr != "" {
		s.other = append(s.other, b.tileErr)
	}
	if s.stopped != "" {
		return false
	}
	trusted := int64(-1)
	if s.v.Trusted != nil {
		trusted = s.v.Trusted.Size
	}
	for i, leaf := range b.leaves {
		index := b.n<<TileHeight + int64(i)
		if s.v.Entry != nil {
			if err := s.v.Entry(index, b.entries[i]); err != nil {
				s.fatal = fmt.Errorf("ledger: entry %d: %w", index, err)
				return false
			}
		}
		s.b.add(leaf, s.emit)
		s.rep.Entries++
		if s.b.n == trusted {
			r := s.b.root()
			s.trustedRoot = &r
		}
	}
	return s.fatal == nil
}

// compareLeaves compares a bundle's entry hashes with its level 0 tile and
// diagnoses the first difference.
func (s *scan) compareLeaves(b bundle) {
	m := leafMismatch{bundle: b.n, first: -1}
	for i, h := range b.leaves {
		if h == b.leaf(i) {
			continue
		}
		if m.first < 0 {
			m.first = i
		} else {
			m.more++
		}
	}
	if m.first < 0 {
		return
	}
	m.what = s.diagnoseLeaf(&b, m.first)
	s.leafBad = append(s.leafBad, m)
}

// diagnoseLeaf explains why entry i of a bundle does not hash to its leaf
// of the level 0 tile: entries swapped, removed or inserted (which shifts
// the entries after them, here and in later bundles: s.shift remembers
// it), reordered or altered.
func (s *scan) diagnoseLeaf(b *bundle, i int) string {
	base := b.n << TileHeight
	tilePath := TilePath(tlog.Tile{H: TileHeight, L: 0, N: b.n, W: b.w})
	j := b.leafIndex(b.leaves[i], i)
	inserted := 0 // entries inserted at i: the ones after them are shifted back
	if j < 0 {
		inserted = b.insertedAt(i)
	}
	switch {
	case s.shift != "" && i == 0:
		return fmt.Sprintf("entries from %d on are shifted by the %s", base, s.shift)
	case j > i && j < len(b.leaves) && b.leaves[j] == b.leaf(i):
		return fmt.Sprintf("entries %d and %d are swapped: each hashes to the other's leaf in %s (entries reordered)", base+int64(i), base+int64(j), tilePath)
	case j > i && b.shifted(i, j-i):
		s.shift = fmt.Sprintf("%d entries removed at %d", j-i, base+int64(i))
		return fmt.Sprintf("entry %d hashes to leaf %d of %s and the entries after it are shifted likewise (%d entries removed at %d)", base+int64(i), base+int64(j), tilePath, j-i, base+int64(i))
	case j >= 0 && j < i && b.shifted(i, j-i):
		s.shift = fmt.Sprintf("%d entries inserted at %d", i-j, base+int64(j))
		return fmt.Sprintf("entry %d hashes to leaf %d of %s and the entries after it are shifted likewise (%d entries inserted at %d)", base+int64(i), base+int64(j), tilePath, i-j, base+int64(j))
	case inserted > 0:
		s.shift = fmt.Sprintf("%d entries inserted at %d", inserted, base+int64(i))
		return fmt.Sprintf("entry %d is not in %s and the entries after it hash to the leaves %d positions earlier (%d entries inserted at %d)", base+int64(i), tilePath, inserted, inserted, base+int64(i))
	case j >= 0:
		return fmt.Sprintf("entry %d hashes to the leaf of entry %d in %s (entries reordered)", base+int64(i), base+int64(j), tilePath)
	}
	return fmt.Sprintf("entry %d does not hash to the leaf in %s (entry altered or reordered)", base+int64(i), tilePath)
}

// leaf returns hash i of the bundle's level 0 tile.
func (b *bundle) leaf(i int) tlog.Hash {
	return tlog.Hash(b.tile[i*tlog.HashSize : (i+1)*tlog.HashSize])
}

// leafIndex returns the first position other than skip whose leaf in the
// level 0 tile is h, or -1.
func (b *bundle) leafIndex(h tlog.Hash, skip int) int {
	for k := 0; k < b.w; k++ {
		if k != skip && b.leaf(k) == h {
			return k
		}
	}
	return -1
}

// shifted reports whether every entry from position from on hashes to the
// leaf d positions further (d < 0: earlier).
func (b *bundle) shifted(from, d int) bool {
	n := 0
	for k := from; k < len(b.leaves); k++ {
		if k+d >= 0 && k+d < b.w {
			if b.leaves[k] != b.leaf(k+d) {
				return false
			}
			n++
		}
	}
	return n > 0
}

// insertedAt returns how many entries (up to 16) were inserted at position
// i, judged by the entries after them hashing to the leaves that many
// positions earlier, or 0.
func (b *bundle) insertedAt(i int) int {
	for d := 1; d <= 16 && i+d < len(b.leaves); d++ {
		if b.shifted(i+d, -d) {
			return d
		}
	}
	return 0
}

// emit receives a completed hash of tile level ≥ 1 and checks full tiles.
func (s *scan) emit(level int, index int64, h tlog.Hash) {
	s.levels[level] = append(s.levels[level], h)
	if len(s.levels[level]) == TileWidth {
		s.checkTile(level, index>>TileHeight, s.levels[level])
		s.levels[level] = s.levels[level][:0]
	}
}

// checkTile fetches tile n at level ≥ 1 and compares it with want.
func (s *scan) checkTile(level int, n int64, want []tlog.Hash) {
	if s.fatal != nil {
		return
	}
	data, err := fetchTile(s.v.Fetch, tlog.Tile{H: TileHeight, L: level, N: n, W: len(want)})
	var lenErr *tileLengthError
	switch {
	case errors.As(err, &lenErr):
		s.other = append(s.other, lenErr.Error()+" (hashes removed or added)")
		return
	case err != nil:
		s.fatal = err
		return
	}
	s.rep.Tiles++
	for i, h := range want {
		if tlog.Hash(data[i*tlog.HashSize:(i+1)*tlog.HashSize]) != h {
			s.tileBad = append(s.tileBad, tileMismatch{level, n, i})
		}
	}
}

// problems renders what the scan found. When the entries hash to the
// checkpoint root, the entries are right and any difference is in a tile;
// otherwise differences are blamed on the entries, and tile differences
// that follow from an entry difference below them are left out.
func (s *scan) problems() []string {
	root := s.b.root()
	entriesOK := s.stopped == "" && root == s.cp.Root
	var out []string
	for _, m := range s.leafBad {
		more := ""
		if m.more > 0 {
			more = fmt.Sprintf("; %d more entries of tile/entries/%s differ", m.more, formatIndex(m.bundle))
		}
		if entriesOK {
			out = append(out, fmt.Sprintf("%s hash %d differs from the hash of entry %d (the tile was altered: the entries hash to the checkpoint root)%s",
				TilePath(tlog.Tile{H: TileHeight, L: 0, N: m.bundle, W: s.width(0, m.bundle)}), m.first, m.bundle<<TileHeight+int64(m.first), more))
		} else {
			out = append(out, m.what+more)
		}
	}
	for _, t := range s.tileBad {
		child := t.n<<TileHeight + int64(t.i) // index of the full tile one level down
		if !entriesOK && s.leafBadUnder(t.level-1, child) {
			continue
		}
		msg := fmt.Sprintf("%s hash %d differs from the hash of %s recomputed from its entries",
			TilePath(tlog.Tile{H: TileHeight, L: t.level, N: t.n, W: s.width(t.level, t.n)}), t.i, TilePath(tlog.Tile{H: TileHeight, L: t.level - 1, N: child}))
		if entriesOK {
			msg += " (the tile was altered: the entries hash to the checkpoint root)"
		}
		out = append(out, msg)
	}
	out = append(out, s.other...)
	if s.stopped != "" {
		out = append(out, s.stopped)
		return out
	}
	if t := s.v.Trusted; t != nil && s.trustedRoot != nil && *s.trustedRoot != t.Root {
		out = append(out, fmt.Sprintf("the first %d entries hash to root %s, but the trusted checkpoint for size %d had %s (history rewritten: entries before %d altered, removed or reordered)", t.Size, *s.trustedRoot, t.Size, t.Root, t.Size))
	}
	if !entriesOK {
		out = append(out, fmt.Sprintf("the %d entries hash to root %s, but the checkpoint for size %d has root %s (entries altered, removed or reordered)", s.cp.Size, root, s.cp.Size, s.cp.Root))
	}
	return out
}

// width returns the width of tile n at the level in the checkpoint's tree.
func (s *scan) width(level int, n int64) int {
	count := s.cp.Size >> (TileHeight * level)
	return int(min(count-n<<TileHeight, TileWidth))
}

// leafBadUnder reports whether a leaf mismatch lies under tile n at level.
func (s *scan) leafBadUnder(level int, n int64) bool {
	shift := TileHeight * level
	for _, m := range s.leafBad {
		if m.bundle>>shift == n {
			return true
		}
	}
	return false
}
