package web

// contactMessages is the English of the contact points for parliament,
// the standing committees and the grouping of organisations: the Dutch
// formats of the domain, the store and the directory, and the words of
// their pages, kept in one place for this capability. init merges them
// into the english catalogue.
var contactMessages = map[string]string{
	"Noem hier geen persoon of persoonsgegevens (gevonden: %s); een contactpunt is een functie.": "Name no person or personal data here (found: %s); a contact point is a function.",
	// The domain, the store and the directory.
	"Vul één e-mailadres in, zoals kamercontact@organisatie.nl, zonder naam ervoor.":                                  "Enter one e-mail address, such as kamercontact@organisatie.nl, without a name before it.",
	"Dit lijkt het adres van een persoon. Gebruik een functioneel adres dat blijft als de medewerker vertrekt.":       "This looks like a person's address. Use a functional address that stays when the employee leaves.",
	"Gebruik alleen cijfers, spaties, een + vooraan en koppeltekens, zoals +31 20 123 45 67.":                         "Use only digits, spaces, a leading + and hyphens, such as +31 20 123 45 67.",
	"Dit lijkt een mobiel nummer van een persoon. Gebruik een algemeen nummer dat blijft als de medewerker vertrekt.": "This looks like a person's mobile number. Use a general number that stays when the employee leaves.",
	"Kies ten minste één vaste Kamercommissie.":                                                                       "Choose at least one standing committee.",
	"Kies hoogstens %d vaste Kamercommissies.":                                                                        "Choose at most %d standing committees.",
	"Deze commissie staat er al.": "This committee is listed already.",
	"Alleen een uitvoerende organisatie heeft contactpersonen voor het parlement.": "Only an executing organisation has contact persons for parliament.",
	"Geen ministerie noemt de vaste Kamercommissie %q.":                            "No ministry names the standing committee %q.",
	"Contactpersoon %d bestaat niet.":                                              "Contact person %d does not exist.",
	"Deze contactpersoon is al ingetrokken.":                                       "This contact person has been retired already.",
	"Alleen een ministerie heeft een vaste Kamercommissie.":                        "Only a ministry has a standing committee.",
	"Alleen een uitvoerende organisatie dient een maatschappelijke opgave.":        "Only an executing organisation serves a societal task.",
	"Contactpersoon %q bestaat niet.":                                              "Contact person %q does not exist.",

	// The organisation's page.
	"Contact met het parlement": "Contact with parliament",
	"Leden en medewerkers van de Kamer kunnen deze contactpersonen benaderen. Er staan functies, geen namen: een functie blijft als een medewerker vertrekt.": "Members and staff of parliament can approach these contact persons. They are functions, not names: a function stays when an employee leaves.",
	"Deze organisatie heeft nog geen contactpersoon voor het parlement.":                                                                                      "This organisation has no contact person for parliament yet.",
	"Contactpersoon toevoegen": "Add a contact person",
	"Nog geen ministerie noemt een vaste Kamercommissie. Vraag een operator om die bij het ministerie vast te leggen.": "No ministry names a standing committee yet. Ask an operator to record it with the ministry.",
	"Een contactpersoon verandert niet. Klopt er iets niet meer, trek hem dan in en voeg een nieuwe toe.":              "A contact person does not change. When something is no longer right, retire it and add a new one.",
	"Intrekken":                          "Retire",
	"Vaste Kamercommissie":               "Standing committee",
	"Vaste Kamercommissies":              "Standing committees",
	"Maatschappelijke opgave":            "Societal task",
	"Vaste Kamercommissie vastleggen":    "Record the standing committee",
	"Maatschappelijke opgave vastleggen": "Record the societal task",
	"Opslaan":                            "Save",
	"Functie":                            "Function",
	"E-mailadres":                        "E-mail address",
	"Telefoonnummer":                     "Telephone number",
	"Onderwerpen":                        "Topics",
	"De functie, zoals Politiek accountmanager. Geen naam van een persoon: de functie blijft als de medewerker vertrekt.": "The function, such as Political account manager. No person's name: the function stays when the employee leaves.",
	"Een functioneel adres, zoals kamerzaken@organisatie.nl. Geen persoonlijk adres.":                                     "A functional address, such as kamerzaken@organisatie.nl. No personal address.",
	"Een algemeen nummer, zoals +31 20 123 45 67.":                                                                        "A general number, such as +31 20 123 45 67.",
	"Waarover de Kamer deze contactpersoon kan benaderen.":                                                                "What parliament can approach this contact person about.",
	"De vaste Kamercommissie die dit ministerie volgt. Laat leeg om haar te wissen.":                                      "The standing committee that follows this ministry. Leave empty to clear it.",
	"De maatschappelijke opgave die deze organisatie dient, zoals Bestaanszekerheid. Laat leeg om haar te wissen.":        "The societal task this organisation serves, such as Bestaanszekerheid (income security). Leave empty to clear it.",

	// The page of the standing committees.
	"Elke vaste Kamercommissie volgt een of meer ministeries. Hier staan die ministeries, de uitvoerende organisaties waarvan zij opdrachtgever zijn, en de contactpersonen die deze organisaties voor de Kamer hebben. Er staan functies, geen namen.": "Each standing committee of parliament follows one or more ministries. Here are those ministries, the executing organisations they are principal of, and the contact persons these organisations have for parliament. They are functions, not names.",
	"Commissies op deze pagina":                       "Committees on this page",
	"Vaste Kamercommissie voor %s":                    "Standing committee for %s",
	"Uitvoerende organisaties en hun contactpersonen": "Executing organisations and their contact persons",
	"opgave: %s": "task: %s",
	"Nog geen contactpersoon voor deze commissie.":              "No contact person for this committee yet.",
	"Geen uitvoerende organisatie valt onder deze ministeries.": "No executing organisation falls under these ministries.",
	"Nog geen ministerie noemt een vaste Kamercommissie.":       "No ministry names a standing committee yet.",
}

func init() {
	for k, v := range contactMessages {
		english[k] = v
	}
}
