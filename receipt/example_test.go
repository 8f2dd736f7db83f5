package receipt_test

import (
	"bytes"
	"fmt"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/receipt"
)

func ExampleParse() {
	// However the code is typed, it reads as the same code.
	for _, typed := range []string{
		"K7QM-2XHD-9RTB-W4NP-CJ6E-8FGA",
		"k7qm 2xhd 9rtb w4np cj6e 8fga",
		"k7qm2xhd9rtbw4npcj6e8fgo", // an O is read as a zero
		"K7QM-2XHD",
	} {
		c, err := receipt.Parse(typed)
		if err != nil {
			fmt.Println(schakel.ErrorFields(err)[0].Reason())
			continue
		}
		fmt.Println(c, c.Lookup())
	}
	// Output:
	// K7QM-2XHD-9RTB-W4NP-CJ6E-8FGA K7QM2XHD
	// K7QM-2XHD-9RTB-W4NP-CJ6E-8FGA K7QM2XHD
	// K7QM-2XHD-9RTB-W4NP-CJ6E-8FG0 K7QM2XHD
	// Een ontvangstcode heeft 24 tekens in zes groepen van vier, zoals K7QM-2XHD-9RTB-W4NP-CJ6E-8FGA. De invoer heeft er 8.
}

func ExampleGenerate() {
	// Production passes crypto/rand.Reader; fixed bytes show the shape.
	c, err := receipt.Generate(bytes.NewReader([]byte("fifteen bytes!!")))
	if err != nil {
		panic(err)
	}
	fmt.Println(c)
	fmt.Println(c.Lookup())
	// Output:
	// CSMP-CX35-CNQ2-0RKS-EHJQ-6891
	// CSMPCX35
}
