package signals

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/authz"
	"github.com/schakel-nl/schakel/precedent"
	"github.com/schakel-nl/schakel/ruleref"
)

// Suggestion thresholds and bounds. A signal is similar when it shares
// rules and words: the score is precedent.Similarity over text, rules and
// principles. MinScore was chosen on the demo's signals so that a signal
// about the same article in other words is suggested and one about another
// law is not.
const (
	// MinScore is the least similarity for a signal to be suggested.
	MinScore = 0.3
	// CandidatesPerKey bounds the newest signals read per rule key, so
	// filing stays fast however many signals an article has.
	CandidatesPerKey = 150
	// MaxSuggestions is the number of knelpunten suggested.
	MaxSuggestions = 5
)

// Suggestion is a knelpunt a new signal could join: the most similar of
// its signals and the score of the best.
type Suggestion struct {
	Knelpunt *schakel.Knelpunt
	Score    float64
	Signals  []*schakel.Signal
}

// Suggest returns the knelpunten of u's organisation that take signals and
// hold signals similar to the one in (by rule, text and principles), best
// first. in need not be complete: its rules, texts and principles are read
// as far as they are valid; an invalid rule is skipped.
func (s *Service) Suggest(ctx context.Context, u *schakel.User, in FileInput) ([]Suggestion, error) {
	if u == nil {
		return nil, schakel.Errorf(schakel.EUNAUTHORIZED, "Log in om een signaal te geven.")
	}
	org, err := s.store.OrganisationByCode(ctx, in.Organisation)
	if schakel.ErrorCode(err) == schakel.ENOTFOUND {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if err := authz.Can(u, authz.FileSignal, org.ID); err != nil {
		return nil, schakel.Errorf(schakel.EFORBIDDEN, "Alleen medewerkers van %s kunnen daar een signaal geven.", org.Name)
	}
	target := draftItem(in)
	if len(target.RuleRefs) == 0 {
		return nil, nil
	}
	var keys []string
	for _, f := range ruleref.FigureKeys(target.RuleRefs) {
		keys = append(keys, f.Key)
	}
	cands, err := s.store.SimilarSignals(ctx, schakel.SimilarSignalQuery{Keys: keys, OrganisationID: org.ID, Limit: CandidatesPerKey})
	if err != nil {
		return nil, err
	}
	items := make([]precedent.Item, 0, len(cands))
	byID := make(map[int64]*schakel.Signal, len(cands))
	for _, c := range cands {
		if c.OrganisationID != org.ID || c.KnelpuntID == 0 {
			continue
		}
		byID[c.ID] = c
		items = append(items, signalItem(c))
	}
	matches := precedent.Rank(target, items, MinScore, 0)
	return s.group(ctx, matches, byID)
}

// group gathers the matches per knelpunt, keeping knelpunten that still
// take signals, best first.
func (s *Service) group(ctx context.Context, matches []precedent.Match, byID map[int64]*schakel.Signal) ([]Suggestion, error) {
	var out []Suggestion
	at := map[int64]int{}
	for _, m := range matches {
		sig := byID[m.Item.ID]
		if i, ok := at[sig.KnelpuntID]; ok {
			// i is -1 for a knelpunt that takes no signals: skipped again.
			if i >= 0 && len(out[i].Signals) < 3 {
				out[i].Signals = append(out[i].Signals, sig)
			}
			continue
		}
		if len(out) == MaxSuggestions {
			continue
		}
		k, err := s.store.Knelpunt(ctx, sig.KnelpuntID)
		if err != nil {
			return nil, err
		}
		if !k.State.TakesSignals(k.Level) {
			at[sig.KnelpuntID] = -1
			continue
		}
		at[sig.KnelpuntID] = len(out)
		out = append(out, Suggestion{Knelpunt: k, Score: m.Score, Signals: []*schakel.Signal{sig}})
	}
	slices.SortStableFunc(out, func(a, b Suggestion) int { return cmp.Compare(b.Score, a.Score) })
	return out, nil
}

// draftItem is the signal being filed as package precedent compares it:
// the references that parse, the texts, the principles named.
func draftItem(in FileInput) precedent.Item {
	var refs []string
	for _, r := range in.Rules {
		if ref, err := ruleref.Parse(r); err == nil {
			refs = append(refs, ref.String())
		}
	}
	var principles []string
	for _, c := range in.Conflicts {
		if p := strings.TrimSpace(c.Principle); p != "" {
			principles = append(principles, p)
		}
	}
	return precedent.Item{Text: strings.Join([]string{in.Title, in.Group, in.Effect, in.Proposal}, "\n"), RuleRefs: refs, Principles: principles}
}

// signalItem is a filed signal as package precedent compares it.
func signalItem(sig *schakel.Signal) precedent.Item {
	return precedent.Item{ID: sig.ID, OrganisationID: sig.OrganisationID, Text: strings.Join([]string{sig.Title, sig.Group, sig.Effect, sig.Proposal}, "\n"),
		RuleRefs: sig.Refs(), Principles: sig.Principles(), DecidedAt: sig.FiledAt}
}
