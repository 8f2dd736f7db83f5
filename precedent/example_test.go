package precedent_test

import (
	"fmt"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/precedent"
	"github.com/schakel-nl/schakel/textsim"
)

func ExampleSimilarity() {
	a := precedent.Item{
		Text:       "Voorschot op de WIA-uitkering teruggevorderd terwijl de beoordeling nog liep.",
		RuleRefs:   []string{"jci1.3:c:BWBR0019057&artikel=76&lid=1"},
		Principles: []string{"redelijkheid", "menselijke-maat"},
	}
	b := precedent.Item{
		Text:       "Het UWV vordert het voorschot op de WIA-uitkering terug; de beoordeling duurde te lang.",
		RuleRefs:   []string{"jci1.3:c:BWBR0019057&artikel=76&lid=2"}, // another lid of the same article
		Principles: []string{"redelijkheid"},
	}
	fmt.Printf("%.2f\n", precedent.Similarity(a, b))
	// Output:
	// 0.60
}

// Weighed by an IDF over the register, the case that shares the rare word
// "herstel" ranks above the one that shares "voorschot", which every
// published text has; unweighted, the two score the same.
func ExampleWeightedRank() {
	register := []precedent.Item{
		{ID: 1, Text: "voorschot uitkering"},
		{ID: 2, Text: "voorschot herstel"},
		{ID: 3, Text: "voorschot parkeren"},
	}
	idf := textsim.NewIDF()
	for _, it := range register {
		idf.Add(it.Text)
	}
	target := precedent.Item{Text: "voorschot herstel"}
	candidates := []precedent.Item{{ID: 4, Text: "voorschot parkeren"}, {ID: 5, Text: "herstel parkeren"}}
	for _, m := range precedent.Rank(target, candidates, 0, 0) {
		fmt.Printf("case %d: %.2f\n", m.Item.ID, m.Score)
	}
	for _, m := range precedent.WeightedRank(idf, target, candidates, 0, 0) {
		fmt.Printf("weighed, case %d: %.2f\n", m.Item.ID, m.Score)
	}
	// Output:
	// case 4: 0.50
	// case 5: 0.50
	// weighed, case 5: 0.61
	// weighed, case 4: 0.26
}

// A case is decided with maatwerk; Rank finds the similar published cases,
// Inconsistent names the one that got an authoritative no, and
// SolveProposal sees the fixes pile up: the UWV advances on WIA benefits.
func Example() {
	now := time.Date(2026, 6, 30, 12, 0, 0, 0, time.UTC)
	daysAgo := func(d int) time.Time { return now.AddDate(0, 0, -d) }
	wia76 := "jci1.3:c:BWBR0019057&artikel=76"
	target := precedent.Item{
		ID:         100,
		Text:       "Voorschot op de WIA-uitkering wordt teruggevorderd terwijl de beoordeling nog loopt; de burger komt in de schulden.",
		RuleRefs:   []string{wia76 + "&lid=1"},
		Principles: []string{"evenredigheid"},
		Outcome:    schakel.OutcomeMaatwerk,
		DecidedAt:  now,
	}
	published := []precedent.Item{
		{ID: 1, Text: "Terugvordering van het voorschot op de WIA-uitkering; de beoordeling liep nog en er ontstonden schulden.", RuleRefs: []string{wia76}, Principles: []string{"evenredigheid"}, Outcome: schakel.OutcomeMaatwerk, DecidedAt: daysAgo(80)},
		{ID: 2, Text: "Het voorschot op de WIA-uitkering werd teruggevorderd tijdens een lange beoordeling.", RuleRefs: []string{wia76 + "&lid=2"}, Principles: []string{"evenredigheid"}, Outcome: schakel.OutcomeMaatwerk, DecidedAt: daysAgo(60)},
		{ID: 3, Text: "Voorschot WIA-uitkering teruggevorderd, beoordeling nog niet klaar, schulden bij de burger.", RuleRefs: []string{wia76}, Principles: []string{"evenredigheid"}, Outcome: schakel.OutcomeNo, DecidedAt: daysAgo(45)},
		{ID: 4, Text: "Terugvordering voorschot WIA-uitkering tijdens de beoordeling; de burger raakt in de schulden.", RuleRefs: []string{wia76 + "&lid=1"}, Principles: []string{"evenredigheid"}, Outcome: schakel.OutcomeMaatwerk, DecidedAt: daysAgo(20)},
		{ID: 5, Text: "Voorschot op de WIA-uitkering teruggevorderd; de beoordeling loopt nog en de schulden lopen op.", RuleRefs: []string{wia76 + "&lid=1"}, Principles: []string{"evenredigheid", "redelijkheid"}, Outcome: schakel.OutcomeMaatwerk, DecidedAt: daysAgo(3)},
		{ID: 6, Text: "Parkeervergunning voor een mantelzorger geweigerd omdat de aanvraag te laat was.", RuleRefs: []string{"jci1.3:c:BWBR0005537&artikel=4:84"}, Principles: []string{"redelijkheid"}, Outcome: schakel.OutcomeMaatwerk, DecidedAt: daysAgo(10)},
	}
	th := precedent.DefaultThresholds
	matches := precedent.Rank(target, published, th.Similar, 10)
	for _, m := range matches {
		fmt.Printf("case %d: %.2f %s\n", m.Item.ID, m.Score, m.Item.Outcome)
	}
	for _, m := range precedent.Inconsistent(target.Outcome, matches, th) {
		fmt.Printf("warning: case %d was decided %s\n", m.Item.ID, m.Item.Outcome)
	}
	if p := precedent.SolveProposal(target, matches, now, th); p != nil {
		fmt.Printf("solve? %d similar fixes since %s, about %v\n", p.Count, p.Since.Format(time.DateOnly), p.RuleRefs)
	}
	// Output:
	// case 3: 0.84 gezagsvol-nee
	// case 4: 0.83 maatwerk
	// case 5: 0.81 maatwerk
	// case 2: 0.74 maatwerk
	// case 1: 0.72 maatwerk
	// warning: case 3 was decided gezagsvol-nee
	// solve? 5 similar fixes since 2026-04-11, about [jci1.3:c:BWBR0019057&artikel=76]
}
