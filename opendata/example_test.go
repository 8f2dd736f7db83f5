package opendata_test

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/schakel-nl/schakel/opendata"
)

// Four citizens' brakes at one organisation in one month are too few to
// publish: the count and the row's total are left empty and flagged.
func ExampleCountBrakes() {
	var in []opendata.BrakeItem
	for i := range 4 {
		in = append(in, opendata.BrakeItem{PulledAt: time.Date(2026, 5, 1+i, 9, 0, 0, 0, time.UTC), Organisation: "uwv", Level: "burger"})
	}
	in = append(in, opendata.BrakeItem{PulledAt: time.Date(2026, 5, 9, 9, 0, 0, 0, time.UTC), Organisation: "uwv", Level: "professional"})
	var b bytes.Buffer
	w, _ := opendata.NewCSV(&b, opendata.BrakesPerMonth)
	for _, c := range opendata.CountBrakes(in, time.UTC) {
		w.Write(c.Row("https://schakel.example"))
	}
	w.Close()
	// RFC 4180 ends lines with CRLF; shown here without the CR.
	fmt.Print(strings.ReplaceAll(b.String(), "\r\n", "\n"))
	fmt.Println(opendata.Suppress(4), opendata.Suppress(5))
	// Output:
	// id,periode,organisatie,burger,professional,organisatieNiveau,totaal,onderdrukt
	// https://schakel.example/open-data/noodremmen-per-maand/2026-05/uwv,2026-05,uwv,,1,0,,true
	// true false
}
