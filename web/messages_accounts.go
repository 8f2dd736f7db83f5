package web

// accountMessages is the English of the account pages: preparing users,
// switching them off and on, and their history (issue 19). init merges
// them into the english catalogue, like adminMessages.
var accountMessages = map[string]string{
	"Logt de gebruiker de eerste keer in met dit e-mailadres, dan krijgt hij of zij deze rol. Het adres krijgt ook meldingen over nieuw werk.": "When the user first logs in with this e-mail address, they get this role. The address also gets notifications about new work.",
	"Mag leeg blijven: bij de eerste keer inloggen komt de naam van de inlogdienst.":                                                           "May be left empty: at the first login the name comes from the login service.",
	"Alleen als u het e-mailadres niet weet: de vaste code (OIDC-subject) die de inlogdienst voor deze gebruiker doorgeeft.":                   "Only if you do not know the e-mail address: the fixed code (OIDC subject) the login service passes on for this user.",
	"Het adres van de inlogdienst (OIDC-issuer) bij de inlognaam. Ingevuld is die van uzelf.":                                                  "The address of the login service (OIDC issuer) of the login name. Yours is filled in.",
	"Geef het e-mailadres waarmee de gebruiker inlogt, of anders de inlognaam bij de inlogdienst.":                                             "Give the e-mail address the user logs in with, or else the login name at the login service.",
	"Geef het e-mailadres of de inlognaam bij de inlogdienst.":                                                                                 "Give the e-mail address or the login name at the login service.",
	"Er is al een gebruiker voorbereid met dit e-mailadres.":                                                                                   "A user has already been prepared with this e-mail address.",
	"U kunt uzelf niet uitschakelen.":                                                                "You cannot switch yourself off.",
	"Deze gebruiker is al uitgeschakeld.":                                                            "This user is already switched off.",
	"Deze gebruiker is al ingeschakeld.":                                                             "This user is already switched on.",
	"Deze inlognaam hoort al bij een andere gebruiker.":                                              "This login name already belongs to another user.",
	"U heeft geen toegang tot schakel. Vraag de beheerder van uw organisatie om u toegang te geven.": "You have no access to schakel. Ask your organisation's administrator to give you access.",
	"Komt in de geschiedenis van de gebruiker. Schrijf er geen persoonsgegevens in.":                 "Goes into the user's history. Write no personal data in it.",
	"Uitgeschakeld sinds %s":                                                                         "Switched off since %s",
	"Voorbereid, nog niet ingelogd":                                                                  "Prepared, not logged in yet",
	"Ingeschakeld":                                                                                   "Switched on",
	"Toegang":                                                                                        "Access",
	"Weer inschakelen":                                                                               "Switch on again",
	"De gebruiker kan dan weer inloggen, met de rollen hierboven.":                                   "The user can then log in again, with the roles above.",
	"Uitschakelen":                                                                                   "Switch off",
	"Een uitgeschakelde gebruiker kan niet meer inloggen en wordt meteen overal uitgelogd. De rollen blijven bewaard, zodat u de gebruiker later weer kunt inschakelen.": "A switched-off user can no longer log in and is logged out everywhere at once. The roles are kept, so you can switch the user on again later.",
	"Geschiedenis":                           "History",
	"Wanneer":                                "When",
	"Wat":                                    "What",
	"Hoe":                                    "How",
	"Door":                                   "By",
	"gebruiker %d":                           "user %d",
	"Nog niets veranderd.":                   "Nothing changed yet.",
	"Voorbereid":                             "Prepared",
	"Aangemaakt bij de eerste keer inloggen": "Created at the first login",
	"Gekoppeld aan de inlogdienst bij de eerste keer inloggen": "Bound to the login service at the first login",
	"Overgezet naar de nieuwe inlogdienst":                     "Moved to the new login service",
	"Uitgeschakeld":                                            "Switched off",
	"Weer ingeschakeld":                                        "Switched on again",
	"Rol gegeven: %s bij %s":                                   "Role given: %s at %s",
	"Rol ingetrokken: %s bij %s":                               "Role taken away: %s at %s",
	"op de beheerpagina's":                                     "on the administration pages",
	"via de API":                                               "through the API",
	"met de opdracht schakel user":                             "with the command schakel user",
	"door een toegangsregel":                                   "by an access rule",
	"door een rolregel":                                        "by a role rule",
	"bij het inloggen":                                         "at login",
	"De gebruiker is uitgeschakeld. Alle sessies van de gebruiker zijn beëindigd.":        "The user has been switched off. All of the user's sessions have ended.",
	"De gebruiker is weer ingeschakeld.":                                                  "The user has been switched on again.",
	"Nog niet gekoppeld: wordt gekoppeld bij de eerste keer inloggen met dit e-mailadres": "Not bound yet: bound at the first login with this e-mail address",
}

func init() {
	for k, v := range accountMessages {
		english[k] = v
	}
}
