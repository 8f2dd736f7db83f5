package comply

// The names of a new request's fields, as the API's JSON and the pages'
// forms name them. Every finding about a field of a request — by the engine,
// the request service or the store — names it with these, so a field is
// spelled in one place.
const (
	FieldType       = "type"
	FieldSubject    = "onderwerp"
	FieldBody       = "toelichting"
	FieldGrounds    = "gronden"
	FieldUrgent     = "urgent"
	FieldAddressee  = "geadresseerde"
	FieldOnBehalfOf = "namens"
)
