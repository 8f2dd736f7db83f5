package precedent

import (
	"cmp"
	"slices"
	"strings"
)

// Credits for two rule references that are not the same: how much of a
// match they are. Two references are the same (credit 1) when law,
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

// refKey is a rule reference reduced to what the comparison needs. For a
// law reference law is the BWB id in capitals; a policy rule or anything
// unrecognised is kept whole, lower-cased, in law, and can only match
// exactly.
type refKey struct {
	law     string
	article string // artikel, or "hoofdstuk=" and the chapter when only a chapter is named
	below   string // lid and onderdeel, "lid/o"
	bwb     bool
}

// parseRef reads a reference leniently: a JCI 1.3 string
// ("jci1.3:c:BWBR0019057&artikel=76&lid=2"), the same as a
// wetten.overheid.nl link, a link to a regulation's page with an anchor
// ("…/BWBR0005537/2024-01-01/0#Hoofdstuk4_Artikel4:84"), a bare BWB id,
// the short form "BWBR0019057/76" or "BWBR0019057/76/2", a policy rule
// ("beleidsregel:uwv/BR-2024-12") or any other text. Unlike package ruleref
// it never fails: references were validated when they were stored, and a
// reference it does not understand can still match itself. Structure
// names, dates and the chapter of an article are ignored (article numbers
// such as 4:84 carry their chapter already). ok is false for a blank s.
func parseRef(s string) (k refKey, ok bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return refKey{}, false
	}
	for _, host := range []string{"https://wetten.overheid.nl/", "http://wetten.overheid.nl/", "wetten.overheid.nl/"} {
		if hasPrefixFold(s, host) {
			s = s[len(host):]
			break
		}
	}
	switch {
	case hasPrefixFold(s, "jci"):
		_, rest, _ := strings.Cut(s, ":")   // version
		_, rest, _ = strings.Cut(rest, ":") // type
		law, params, _ := strings.Cut(rest, "&")
		k = refKey{law: strings.ToUpper(law), bwb: true}
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
	case hasPrefixFold(s, "bwbr"):
		path, frag, _ := strings.Cut(s, "#")
		segs := strings.Split(strings.TrimSuffix(path, "/"), "/")
		k = refKey{law: strings.ToUpper(segs[0]), bwb: true}
		var chapter, lid string
		if len(segs) > 1 && !isDate(segs[1]) {
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
	default:
		k = refKey{law: strings.ToLower(s)}
	}
	return k, true
}

func (k *refKey) setBelow(chapter, lid, item string) {
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

// articleString returns the reference at the level of its article, as a JCI 1.3
// string for a law ("jci1.3:c:BWBR0019057&artikel=76") and as parsed for
// anything else.
func (k refKey) articleString() string {
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

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// isDate reports whether s looks like YYYY-MM-DD.
func isDate(s string) bool {
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

// refKeys parses and de-duplicates references, in a fixed order.
func refKeys(refs []string) []refKey {
	keys := make([]refKey, 0, len(refs))
	for _, r := range refs {
		if k, ok := parseRef(r); ok {
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, func(a, b refKey) int {
		return cmp.Or(strings.Compare(a.law, b.law), strings.Compare(a.article, b.article), strings.Compare(a.below, b.below))
	})
	return slices.Compact(keys)
}

// refSimilarity is a Jaccard index over two sets of references in which
// references that are not the same can still match in part. The
// references are paired off from the best credit down: first the same
// references (credit 1), then references to the same article
// (SameArticle), then references into the same law (SameLaw); each
// reference is in at most one pair. The index is the sum of the credits of
// the pairs divided by the size of the union, |a| + |b| − pairs. With only
// exact matches this is the ordinary Jaccard index; one reference on each
// side to different leden of one article gives 0.75.
func refSimilarity(a, b []refKey) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	pairedA := make([]bool, len(a))
	pairedB := make([]bool, len(b))
	// pairOff pairs each unpaired reference of a with the first unpaired
	// one of b that match says goes with it, and returns how many pairs it
	// made. Within a level any pairing gives the same count, so the order
	// does not matter.
	pairOff := func(match func(x, y refKey) bool) int {
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
	same := pairOff(func(x, y refKey) bool { return x == y })
	article := pairOff(func(x, y refKey) bool { return x.article != "" && x.law == y.law && x.article == y.article })
	law := pairOff(func(x, y refKey) bool { return x.law == y.law })
	credit := float64(same) + SameArticle*float64(article) + SameLaw*float64(law)
	return credit / float64(len(a)+len(b)-same-article-law)
}

// jaccard is the Jaccard index of two sorted, de-duplicated string sets.
func jaccard(a, b []string) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	both := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch strings.Compare(a[i], b[j]) {
		case 0:
			both++
			i++
			j++
		case -1:
			i++
		default:
			j++
		}
	}
	return float64(both) / float64(len(a)+len(b)-both)
}

// principleSet lower-cases, trims, sorts and de-duplicates principle codes.
func principleSet(ps []string) []string {
	out := make([]string, 0, len(ps))
	for _, p := range ps {
		if p = strings.ToLower(strings.TrimSpace(p)); p != "" {
			out = append(out, p)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}
