package web

// brakeDomainMessages and brakePageMessages are the English of the
// emergency brake's words and of the Dutch formats of brakes, receipts and
// notifications, kept in one place for this capability; english merges them.
var brakeDomainMessages = map[string]string{
	"Deze ontvangstcode bestaat al; probeer het opnieuw.":                                      "This receipt code already exists; please try again.",
	"Er is geen noodrem met deze ontvangstcode.":                                               "There is no emergency brake with this receipt code.",
	"Bericht %d bestaat niet.":                                                                 "Notification %d does not exist.",
	"Bericht %d is niet opgegeven: alleen een opgegeven bericht kan opnieuw worden verstuurd.": "Notification %d was not given up: only a notification that was given up can be sent again.",
	"Webhook %d bestaat niet.":                                                                 "Webhook %d does not exist.",
	"Webhook %d is al ingetrokken.":                                                            "Webhook %d was already retired.",
	"Noodrem %d bestaat niet.":                                                                 "Emergency brake %d does not exist.",
	"Organisatie %d bestaat niet.":                                                             "Organisation %d does not exist.",
	"Het budget van %d doorverwijzing(en) per jaar is voor %d op. Het wordt op 1 januari %d weer aangevuld; een doorverwijzing waarop het ministerie het verzoek volgt (comply), komt eerder terug.": "The budget of %d referral(s) a year is spent for %d. It is renewed on 1 January %d; a referral the ministry complies with comes back sooner.",
}

var brakePageMessages = map[string]string{
	"Noodrem van een burger": "Emergency brake of a citizen",
	"vertrouwenspersoon":     "confidential counsel",
}
