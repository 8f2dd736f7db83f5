package ruleref

import (
	"cmp"
	"slices"
	"strings"
)

// Credits for two rule keys that are not the same: how much of a match
// they are (see Likeness). Two keys are the same (credit 1) when law,
// article, lid and onderdeel are all equal.
const (
	// SameArticle is the credit for two references to one article of one
	// law that differ below it (another lid or onderdeel, or one names the
	// whole article).
	SameArticle = 0.75
	// SameLaw is the credit for two references into one law that name
	// different articles, or of which one names the law as a whole.
	SameLaw = 0.4
)

// Key is a rule reference reduced to what a comparison needs: the law,
// the article and what is named below it. It is what stored references
// are compared by (see KeyOf and Likeness); unlike a Ref it is never
// rendered back in full. Keys are comparable with ==: equal keys name
// the same provision. The zero Key is what KeyOf returns for a blank
// reference.
type Key struct {
	// law is, for a law reference, the BWB id in capitals; a policy rule
	// or anything unrecognised is kept whole, lower-cased, and can only
	// match exactly.
	law     string
	article string // artikel, or "hoofdstuk=" and the chapter when only a chapter is named
	below   string // lid and onderdeel, "lid/o"
	bwb     bool
}

// KeyOf reads a reference leniently: a JCI 1.3 string
// ("jci1.3:c:BWBR0019057&artikel=76&lid=2"), the same as a
// wetten.overheid.nl link, a link to a regulation's page with an anchor
// ("…/BWBR0005537/2024-01-01/0#Hoofdstuk4_Artikel4:84"), a bare BWB id,
// the short form "BWBR0019057/76" or "BWBR0019057/76/2", a policy rule
// ("beleidsregel:uwv/BR-2024-12") or any other text. Unlike Parse it never
// fails: it is meant for references that were validated when they were
// stored, and a reference it does not understand can still match itself.
// Structure names, dates and the chapter of an article are ignored
// (article numbers such as 4:84 carry their chapter already). ok is false
// for a blank s.
func KeyOf(s string) (k Key, ok bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Key{}, false
	}
	for _, host := range []string{"https://wetten.overheid.nl/", "http://wetten.overheid.nl/", "wetten.overheid.nl/"} {
		if hasPrefixFold(s, host) {
			s = s[len(host):]
			break
		}
	}
	switch {
	case hasPrefixFold(s, "jci"):
		return jciKey(s), true
	case hasPrefixFold(s, "bwbr"):
		return pageKey(s), true
	default:
		return Key{law: strings.ToLower(s)}, true
	}
}

// jciKey reads a JCI string leniently for KeyOf.
func jciKey(s string) Key {
	_, rest, _ := strings.Cut(s, ":")   // version
	_, rest, _ = strings.Cut(rest, ":") // type
	law, params, _ := strings.Cut(rest, "&")
	k := Key{law: strings.ToUpper(law), bwb: true}
	var chapter, lid, item string
	for p := range strings.SplitSeq(params, "&") {
		name, value, _ := strings.Cut(p, "=")
		switch strings.ToLower(name) {
		case "artikel":
			k.article = value
		case "hoofdstuk":
			chapter = value
		case "lid":
			lid = value
		case "o":
			item = value
		}
	}
	k.setBelow(chapter, lid, item)
	return k
}

// pageKey reads a BWB id, the short form or a page link with an anchor
// leniently for KeyOf.
func pageKey(s string) Key {
	path, frag, _ := strings.Cut(s, "#")
	segs := strings.Split(strings.TrimSuffix(path, "/"), "/")
	k := Key{law: strings.ToUpper(segs[0]), bwb: true}
	var chapter, lid string
	if len(segs) > 1 && !looksLikeDate(segs[1]) {
		k.article = segs[1]
		if len(segs) > 2 {
			lid = segs[2]
		}
	}
	for part := range strings.SplitSeq(frag, "_") {
		switch {
		case strings.HasPrefix(part, "Artikel"):
			k.article = part[len("Artikel"):]
		case strings.HasPrefix(part, "Hoofdstuk"):
			chapter = part[len("Hoofdstuk"):]
		case strings.HasPrefix(part, "Lid"):
			lid = part[len("Lid"):]
		}
	}
	k.setBelow(chapter, lid, "")
	return k
}

func (k *Key) setBelow(chapter, lid, item string) {
	if k.article == "" {
		if chapter != "" {
			k.article = "hoofdstuk=" + chapter
		}
		return // a lid or onderdeel without an article names nothing more
	}
	if lid != "" || item != "" {
		k.below = lid + "/" + item
	}
}

// ArticleLevel returns the reference at the level of its article: for a
// law a JCI 1.3 string naming the article ("jci1.3:c:BWBR0019057&artikel=76"),
// or the chapter or the law when that is all the key names; for anything
// else the reference as KeyOf read it, lower-cased. Keys that differ only
// in lid or onderdeel have the same ArticleLevel.
func (k Key) ArticleLevel() string {
	if !k.bwb {
		return k.law
	}
	s := "jci1.3:c:" + k.law
	switch {
	case strings.HasPrefix(k.article, "hoofdstuk="):
		s += "&" + k.article
	case k.article != "":
		s += "&artikel=" + k.article
	}
	return s
}

// looksLikeDate reports whether s has the shape YYYY-MM-DD. It is
// lenient where isDate is strict: KeyOf only needs to tell a date segment
// from an article number.
func looksLikeDate(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	for i, c := range []byte(s) {
		if i != 4 && i != 7 && (c < '0' || c > '9') {
			return false
		}
	}
	return true
}

// Keys reads references with KeyOf, skipping blank ones, and returns them
// sorted and without duplicates: a set, as Likeness compares them.
func Keys(refs []string) []Key {
	keys := make([]Key, 0, len(refs))
	for _, r := range refs {
		if k, ok := KeyOf(r); ok {
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, func(a, b Key) int {
		return cmp.Or(strings.Compare(a.law, b.law), strings.Compare(a.article, b.article), strings.Compare(a.below, b.below))
	})
	return slices.Compact(keys)
}

// Likeness says how alike two sets of keys (as Keys returns them) are,
// from 0 to 1: a Jaccard index in which keys that are not the same can
// still match in part. The keys are paired off from the best credit
// down: first the same keys (credit 1), then keys to the same article
// (SameArticle), then keys into the same law (SameLaw); each key is in at
// most one pair. The index is the sum of the credits of the pairs divided
// by the size of the union, |a| + |b| − pairs. With only exact matches
// this is the ordinary Jaccard index; one key on each side to different
// leden of one article gives 0.75. It is 0 when either set is empty, and
// symmetric.
func Likeness(a, b []Key) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	pairedA := make([]bool, len(a))
	pairedB := make([]bool, len(b))
	// pairOff pairs each unpaired key of a with the first unpaired one of
	// b that match says goes with it, and returns how many pairs it made.
	// Within a level any pairing gives the same count, so the order does
	// not matter.
	pairOff := func(match func(x, y Key) bool) int {
		n := 0
		for i, x := range a {
			if pairedA[i] {
				continue
			}
			for j, y := range b {
				if !pairedB[j] && match(x, y) {
					pairedA[i], pairedB[j] = true, true
					n++
					break
				}
			}
		}
		return n
	}
	same := pairOff(func(x, y Key) bool { return x == y })
	article := pairOff(func(x, y Key) bool { return x.article != "" && x.law == y.law && x.article == y.article })
	law := pairOff(func(x, y Key) bool { return x.law == y.law })
	credit := float64(same) + SameArticle*float64(article) + SameLaw*float64(law)
	return credit / float64(len(a)+len(b)-same-article-law)
}
