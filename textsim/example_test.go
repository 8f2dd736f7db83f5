package textsim_test

import (
	"fmt"
	"maps"
	"slices"

	"github.com/schakel-nl/schakel/textsim"
)

// Words are light stems: "voorschotten" meets "voorschot", and the
// placeholder and the stop words are gone.
func ExampleWords() {
	freq := textsim.Words("De voorschotten op de WIA-uitkering van [naam 1] zijn niet geïnd; één voorschot bleef staan.")
	for _, word := range slices.Sorted(maps.Keys(freq)) {
		fmt.Println(word, freq[word])
	}
	// Output:
	// blef 1
	// geind 1
	// stan 1
	// uitkering 1
	// voorschot 2
	// wia 1
}

func ExampleStem() {
	for _, w := range []string{"aanvragen", "aanvraag", "mogelijkheden", "boetes", "kans"} {
		fmt.Println(w, "→", textsim.Stem(w))
	}
	// Output:
	// aanvragen → aanvrag
	// aanvraag → aanvrag
	// mogelijkheden → mogelijkheid
	// boetes → boet
	// kans → kans
}

func ExampleIsStopWord() {
	fmt.Println(textsim.IsStopWord("niet"), textsim.IsStopWord("een"), textsim.IsStopWord("voorschot"))
	// Output:
	// true true false
}

// One Scorer compares many texts with one target; ok is false for a text
// with no words to compare.
func ExampleScorer() {
	s := textsim.NewScorer(nil, "Het voorschot op de WIA-uitkering wordt teruggevorderd.")
	for _, text := range []string{
		"Terugvordering van voorschotten op een WIA-uitkering.",
		"Voorschot WIA-uitkering teruggevorderd",
		"Parkeervergunning geweigerd",
		"[naam 1] en [BSN]",
	} {
		sim, ok := s.Cosine(text)
		fmt.Printf("%.2f %v\n", sim, ok)
	}
	// Output:
	// 0.75 true
	// 1.00 true
	// 0.00 true
	// 0.00 false
}

// Under an IDF a word shared by every text weighs least, so sharing the
// rarer "herstel" counts for more than sharing "voorschot".
func ExampleIDF() {
	idf := textsim.NewIDF("voorschot uitkering", "voorschot herstel", "voorschot parkeren")
	fmt.Printf("voorschot %.2f, herstel %.2f\n", idf.Weight("voorschot"), idf.Weight("herstel"))
	s := textsim.NewScorer(idf, "voorschot herstel")
	rare, _ := s.Cosine("herstel parkeren")
	common, _ := s.Cosine("voorschot parkeren")
	fmt.Printf("rare %.2f, common %.2f\n", rare, common)
	// Output:
	// voorschot 1.00, herstel 1.69
	// rare 0.61, common 0.26
}
