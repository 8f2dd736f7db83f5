package web

// errorMessages is the English of the form fields' marks, the error
// summary, the conflict page and a form filled in again after logging in
// (issue 15, "Errors that help"). init merges them into the english
// catalogue.
var errorMessages = map[string]string{
	"Dit concept bestaat niet (meer).":        "This draft does not exist (any more).",
	"Een concept heeft een id nodig.":         "A draft needs an id.",
	"Een concept hoort bij een pagina.":       "A draft belongs to a page.",
	"verplicht":                               "required",
	"verplicht bij maatwerk of gezagsvol nee": "required for a tailored decision or an authoritative no",
	"verplicht bij alleen een signaal":        "required for a signal only",
	"Kies waarop het besluit rust: de ruimte om af te wijken in artikel 4:84 van de Awb, een hardheidsclausule in de wet, of een beginsel.": "Choose what the decision rests on: the room to deviate in article 4:84 of the General Administrative Law Act (Awb), a hardship clause in the law, or a principle.",
	"De casus is gewijzigd sinds u de pagina opende: casus %d is nu %s. Daarom kan %s niet meer.":                                           "The case has changed since you opened the page: case %d is now %s. So %s is no longer possible.",
	"Dit kan nu niet meer": "This is no longer possible",
	"Wat u wilde doen past niet meer bij hoe het nu is. Waarschijnlijk heeft iemand anders het intussen veranderd.": "What you wanted to do no longer fits how things are now. Someone else has probably changed it in the meantime.",
	"Bekijk hoe het nu is": "See how it is now",
	"Wat u had ingevuld":   "What you had filled in",
	"Uw tekst is niet verloren. Kopieer hem, of pas hem aan en verstuur hem opnieuw als dat nog past bij hoe het nu is.": "Your text is not lost. Copy it, or change it and send it again if it still fits how things are now.",
	"Opnieuw versturen":                "Send again",
	"Uw tekst bij ‘%s’":                "Your text for ‘%s’",
	"Uw ingevulde tekst is teruggezet": "What you typed has been put back",
	"U was niet meer ingelogd toen u het formulier verstuurde. We hebben bewaard wat u had ingevuld. Controleer het en verstuur het formulier opnieuw.": "You were no longer logged in when you sent the form. We kept what you had filled in. Check it and send the form again.",
	"De datum die in de brief staat.":        "The date in the letter.",
	"Datum in de vorm dd-mm-jjjj, zoals %s.": "Date as dd-mm-yyyy, such as %s.",
}

func init() {
	for k, v := range errorMessages {
		english[k] = v
	}
}
