package ruleref

import (
	"slices"
	"strings"
)

// Figure is one rule a signal counts towards in the figures of where the
// law hurts (schakel.RuleFigure): a law as a whole, one article of it, or a
// policy rule.
type Figure struct {
	// Key identifies the figure: "wet:BWBR0005537",
	// "artikel:BWBR0005537/4:84" or "beleidsregel:uwv/BR-2024-12". It has
	// no characters that need escaping in a URL path segment other than
	// ":" and "/".
	Key string
	// Level is "wet", "artikel" or "beleidsregel".
	Level string
	// Law is the BWB id, or for a policy rule the organisation's code.
	Law string
	// Ref is the reference of the figure: the JCI of the law or of the
	// article, or the policy reference.
	Ref string
}

// FigureKeys returns the figures a set of references counts towards, each
// once: for every law reference its law and (when it names one) its
// article, for every policy reference the rule; sorted by key. A lid or
// onderdeel counts towards its article. References KeyOf does not read as
// a law or policy rule count towards nothing.
func FigureKeys(refs []string) []Figure {
	var out []Figure
	for _, r := range refs {
		k, ok := KeyOf(r)
		if !ok {
			continue
		}
		switch {
		case k.bwb:
			out = append(out, Figure{Key: "wet:" + k.law, Level: "wet", Law: k.law, Ref: jciPrefix + k.law})
			if k.article != "" && !strings.HasPrefix(k.article, "hoofdstuk=") {
				out = append(out, Figure{Key: "artikel:" + k.law + "/" + k.article, Level: "artikel", Law: k.law, Ref: k.ArticleLevel()})
			}
		case strings.HasPrefix(k.law, policyPre):
			// A policy rule's id is the organisation's own, kept as it
			// registered it (BR-2024-12), as its register matches it.
			key := k.law
			if ref, err := Parse(r); err == nil && ref.Kind == KindPolicy {
				key = ref.String()
			}
			out = append(out, Figure{Key: key, Level: "beleidsregel", Law: strings.ToLower(strings.TrimPrefix(strings.SplitN(key, "/", 2)[0], policyPre)), Ref: key})
		}
	}
	slices.SortFunc(out, func(a, b Figure) int { return strings.Compare(a.Key, b.Key) })
	return slices.CompactFunc(out, func(a, b Figure) bool { return a.Key == b.Key })
}
