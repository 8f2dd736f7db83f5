package web

// operatorMessages is the English of the installation's operators and of
// retiring and reinstating principles (issue 16). init merges them into
// the english catalogue, like contactMessages.
var operatorMessages = map[string]string{
	"Deze gebruiker is al operator.":   "This user is already an operator.",
	"Deze gebruiker is geen operator.": "This user is not an operator.",
	"Beginsel %q is niet ingetrokken.": "Principle %q has not been retired.",
	"Deze gebruiker is operator van de installatie. Alleen een andere operator kan de gebruiker uit- of inschakelen.": "This user is an operator of the installation. Only another operator can switch the user off or on.",
	"U kunt uw eigen operatorschap niet intrekken. Vraag een andere operator.":                                        "You cannot withdraw your own operator status. Ask another operator.",
}

func init() {
	for k, v := range operatorMessages {
		english[k] = v
	}
}
