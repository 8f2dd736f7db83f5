package web

// phoneMessages is the English of the phone-first layout (issue 15): the
// menu button, the buttons that add one more repeated block to a form and
// the in-page navigation of the case page. init merges them into the
// english catalogue.
var phoneMessages = map[string]string{
	"Menu":                          "Menu",
	"Nog een regel toevoegen":       "Add another rule",
	"Nog een grond toevoegen":       "Add another ground",
	"Nog een naam toevoegen":        "Add another name",
	"Nog een afweging toevoegen":    "Add another weighing",
	"Nog een beginsel toevoegen":    "Add another principle",
	"Nog een effect toevoegen":      "Add another effect",
	"Nog een voorwaarde toevoegen":  "Add another condition",
	"Nog een alternatief toevoegen": "Add another alternative",
	"Nog een dilemma toevoegen":     "Add another dilemma",
	"Op deze pagina":                "On this page",
	"Naar het besluit":              "To the decision",
}

func init() {
	for k, v := range phoneMessages {
		english[k] = v
	}
}
