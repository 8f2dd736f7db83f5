package web

// faultMessages is the English of the domain messages of write faults and
// Idempotency-Keys (decision 0038). init merges them into the english
// catalogue.
var faultMessages = map[string]string{
	"schakel kan dit nu niet opslaan. Probeer het later opnieuw.":       "schakel cannot save this right now. Please try again later.",
	"schakel kan uw sessie nu niet lezen. Probeer het later opnieuw.":   "schakel cannot read your session right now. Please try again later.",
	"Geen open reservering voor deze Idempotency-Key.":                  "No open reservation for this Idempotency-Key.",
	"Deze Idempotency-Key is al gebruikt voor een ander verzoek.":       "This Idempotency-Key was already used for another request.",
	"is al gebruikt voor een ander verzoek; gebruik een nieuwe sleutel": "was already used for another request; use a new key",
	"De Idempotency-Key is ongeldig.":                                   "The Idempotency-Key is invalid.",
	"moet precies één keer voorkomen":                                   "must occur exactly once",
	"moet een geldige tekenreeks tussen aanhalingstekens zijn":          "must be a valid quoted string",
	"moet 1 tot 255 tekens lang zijn":                                   "must be 1 to 255 characters long",
	"mag alleen zichtbare ASCII-tekens bevatten":                        "may contain only visible ASCII characters",
	"Een verzoek met deze Idempotency-Key is nog bezig, of de uitkomst ervan is onbekend. Probeer het zo opnieuw met dezelfde sleutel.": "A request with this Idempotency-Key is still running, or its outcome is unknown. Try again shortly with the same key.",
}

func init() {
	for k, v := range faultMessages {
		english[k] = v
	}
}
