package generalise_test

import (
	"fmt"

	"github.com/schakel-nl/schakel/generalise"
)

func ExampleFlags() {
	text := "Ze heeft drie kinderen en een zeldzame spierziekte (ALS). Ze heeft een schuld van € 3.750,12 " +
		"en werd op 14 maart 2025 ontslagen. Het besluit van 2 juni 2025 blijft."
	for _, f := range generalise.Flags(text) {
		fmt.Printf("%s %q → %q keep=%v\n", f.Category, f.Text, f.General, f.Keep)
	}
	// Output:
	// gezin "drie kinderen" → "kinderen" keep=false
	// aandoening "ALS" → "een neurologische ziekte" keep=false
	// bedrag "€ 3.750,12" → "tussen € 2.500 en € 5.000" keep=false
	// datum "op 14 maart 2025" → "in maart 2025" keep=false
	// datum "2 juni 2025" → "juni 2025" keep=true
}

func ExampleApply() {
	text := "Ze heeft drie kinderen. Het besluit van 2 juni 2025 kent € 1.250 toe."
	rules := []string{"jci1.3:c:BWBR0015703&artikel=35"} // Participatiewet
	flags := generalise.Flags(text)
	t := generalise.TypeOf(rules)
	fmt.Println(t)
	fmt.Println(generalise.Apply(text, generalise.ByDefault(t, flags)))
	// Output:
	// werk-en-inkomen
	// Ze heeft kinderen. Het besluit van 2 juni 2025 kent tussen € 1.000 en € 2.500 toe.
}

func ExampleBandText() {
	fmt.Println(generalise.BandText(375012, "nl"))
	fmt.Println(generalise.BandText(375012, "en"))
	fmt.Println(generalise.Band(375012))
	// Output:
	// tussen € 2.500 en € 5.000
	// between €2,500 and €5,000
	// 250000 500000
}
