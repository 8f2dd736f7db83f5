package web

// operatorMessages is the English of the installation's operators and of
// retiring and reinstating principles (issue 16). init merges them into
// the english catalogue, like contactMessages.
var operatorMessages = map[string]string{
	"Deze gebruiker is al operator.":   "This user is already an operator.",
	"Deze gebruiker is geen operator.": "This user is not an operator.",
	"Beginsel %q is niet ingetrokken.": "Principle %q has not been retired.",
}

func init() {
	for k, v := range operatorMessages {
		english[k] = v
	}
}
