package ruleref_test

import (
	"fmt"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/ruleref"
)

func ExampleParse() {
	ref, err := ruleref.Parse("https://wetten.overheid.nl/jci1.3:c:BWBR0005537&hoofdstuk=4&artikel=4:84&z=2024-01-01&g=2024-01-01")
	if err != nil {
		panic(err)
	}
	fmt.Println(ref.Label())
	fmt.Println(ref.String())

	_, err = ruleref.Parse("jci1.3:c:BWBR123&artikel=4:84")
	for _, f := range schakel.ErrorFields(err) {
		fmt.Printf("%s: %s\n", f.Field, f.Reason())
	}
	// Output:
	// Algemene wet bestuursrecht, hoofdstuk 4 art. 4:84
	// jci1.3:c:BWBR0005537&hoofdstuk=4&artikel=4:84
	// bwbId: Een BWB-id is "BWBR" gevolgd door 7 cijfers, zoals BWBR0005537; "BWBR123" heeft 3 cijfers.
}

func ExampleParse_policyRule() {
	ref, err := ruleref.Parse("beleidsregel:uwv/BR-2024-12")
	if err != nil {
		panic(err)
	}
	fmt.Println(ref.Kind, ref.Organisation, ref.PolicyID)
	fmt.Printf("%q\n", ref.JCI())
	// Output:
	// beleidsregel uwv BR-2024-12
	// ""
}

func ExampleRef_JCI() {
	ref := ruleref.Ref{
		Kind:      ruleref.KindLaw,
		BWB:       "BWBR0005537",
		Article:   "4:84",
		Paragraph: "1",
		Item:      "a",
		Title:     "Algemene wet bestuursrecht",
	}
	fmt.Println(ref.JCI())
	fmt.Println(ref.URL())
	fmt.Println(ref.Label())
	// Output:
	// jci1.3:c:BWBR0005537&artikel=4:84&lid=1&o=a
	// https://wetten.overheid.nl/jci1.3:c:BWBR0005537&artikel=4:84&lid=1&o=a
	// Algemene wet bestuursrecht, art. 4:84 lid 1 onder a
}

func ExampleRef_Validate() {
	ref := ruleref.Ref{Kind: ruleref.KindLaw, BWB: "BWBR0005537", Paragraph: "2"}
	for _, f := range schakel.ErrorFields(ref.Validate()) {
		fmt.Printf("%s (%s): %s\n", f.Field, f.Code, f.Reason())
	}
	// Output:
	// lid (needsarticle): Een lid hoort bij een artikel; vul ook het artikel in.
}

// Stored references in different notations are compared by their keys:
// the same provision counts 1, another lid of the same article
// SameArticle, another article of the same law SameLaw.
func ExampleLikeness() {
	a := ruleref.Keys([]string{"jci1.3:c:BWBR0019057&artikel=76&lid=1"})
	for _, other := range []string{
		"https://wetten.overheid.nl/jci1.3:c:BWBR0019057&lid=1&artikel=76",
		"BWBR0019057/76/2",
		"jci1.3:c:BWBR0019057&artikel=80",
		"jci1.3:c:BWBR0005537&artikel=4:84",
	} {
		fmt.Printf("%.2f\n", ruleref.Likeness(a, ruleref.Keys([]string{other})))
	}
	// Output:
	// 1.00
	// 0.75
	// 0.40
	// 0.00
}

func ExampleKeyOf() {
	k, _ := ruleref.KeyOf("https://wetten.overheid.nl/BWBR0005537/2024-01-01/0#Hoofdstuk4_Afdeling4.4_Artikel4:84")
	fmt.Println(k.ArticleLevel())
	_, ok := ruleref.KeyOf("  ")
	fmt.Println(ok)
	// Output:
	// jci1.3:c:BWBR0005537&artikel=4:84
	// false
}
