package web

// citizenMessages is the English of the citizen's flow (issue 15): the
// receipt page and its PDF, the follow page in citizen words, the links
// onward and how long to wait. init merges them into the english catalogue.
var citizenMessages = map[string]string{
	// Form token and receipt.
	"Dit formulier was verlopen. Er is nog niets verstuurd. Uw tekst staat er nog: kijk hem na en verstuur het formulier opnieuw.": "This form had expired. Nothing has been sent yet. Your text is still there: check it and send the form again.",
	"Deze pagina is verlopen": "This page has expired",
	"Wij laten uw ontvangstcode maar korte tijd zien, zodat niemand anders hem later op dit apparaat kan lezen. Die tijd is voorbij, of u opende deze pagina in een andere browser.": "We show your receipt code only for a short time, so nobody else can read it later on this device. That time has passed, or you opened this page in another browser.",
	"Heeft u de code opgeschreven, geprint of als PDF bewaard? Dan leest u het antwoord op de pagina":                                                                                "Did you write the code down, print it or save it as a PDF? Then read the answer on the page",
	"Bent u de code kwijt? Dan kunnen wij hem niet opnieuw geven: we bewaren hem niet. Uw noodrem is wel verstuurd.":                                                                 "Lost the code? We cannot give it again: we do not keep it. Your emergency brake was sent, though.",
	"Bent u de code kwijt? Dan kunnen wij hem niet opnieuw geven: we bewaren hem niet. Uw noodrem is wel verstuurd. U kunt zo nodig een nieuwe noodrem trekken op de pagina":         "Have you lost the code? Then we cannot give it again: we do not keep it. Your emergency brake was sent. If needed, you can pull a new emergency brake on the page",
	"Getrokken op %s": "Pulled on %s",
	"Bewaar deze code goed en geef hem niet aan anderen: wie de code heeft, kan uw noodrem volgen, afsluiten of intrekken.":                                                             "Keep this code safe and do not give it to others: whoever has the code can follow, close or withdraw your emergency brake.",
	"De organisatie kijkt opnieuw naar het besluit. Zij verandert het besluit, of legt uit waarom niet. Antwoordt zij niet op tijd, dan gaat uw noodrem vanzelf naar de volgende laag.": "The organisation looks at the decision again. It changes the decision, or explains why not. If it does not answer in time, your emergency brake goes to the next level by itself.",
	"De code bewaren": "Keeping the code",
	"We hebben een kopie van dit bewijs naar uw e-mailadres gestuurd.":                                           "We have sent a copy of this receipt to your e-mail address.",
	"U kunt deze pagina printen met de printknop van uw browser. U kunt het bewijs ook als PDF-bestand bewaren.": "You can print this page with your browser's print button. You can also save the receipt as a PDF file.",
	"Bewijs downloaden als PDF": "Download the receipt as a PDF",
	"Wij laten deze pagina zien tot %s. Daarna tonen wij de code niet meer.": "We show this page until %s. After that we no longer show the code.",
	"Ontvangstbewijs noodrem":                      "Emergency brake receipt",
	"Organisatie: %s":                              "Organisation: %s",
	"De organisatie moet uiterlijk %s antwoorden.": "The organisation must answer by %s at the latest.",
	"Wat gebeurt er nu? De organisatie kijkt opnieuw naar het besluit. Zij verandert het besluit, of legt uit waarom niet. Antwoordt zij niet op tijd, dan gaat uw noodrem vanzelf naar de volgende laag.": "What happens now? The organisation looks at the decision again. It changes the decision, or explains why not. If it does not answer in time, your emergency brake goes to the next level by itself.",
	"Het antwoord leest u met uw code op %s.": "You read the answer with your code at %s.",
	"Deze noodrem is geen bezwaarschrift. Wilt u ook bezwaar maken, doe dat dan bij de organisatie zelf, binnen 6 weken na de datum van het besluit.": "This emergency brake is not an objection. If you also want to object, do so with the organisation itself, within 6 weeks of the date of the decision.",
	// The e-mail copy.
	"Uw e-mailadres": "Your e-mail address",
	"Dit hoeft niet. Geeft u het, dan sturen wij u een kopie van het bewijs met de code, en een bericht als er een antwoord is. De organisatie ziet uw e-mailadres niet. Wij wissen het als de noodrem is afgesloten of ingetrokken.": "You do not have to. If you give it, we send you a copy of the receipt with the code, and a message when there is an answer. The organisation does not see your e-mail address. We delete it when the emergency brake is closed or withdrawn.",
	"Uw ontvangstcode": "Your receipt code",
	"Uw e-mailadres wissen wij zodra de noodrem is afgesloten of ingetrokken. De organisatie ziet het niet.":                         "We delete your e-mail address as soon as the emergency brake is closed or withdrawn. The organisation does not see it.",
	"Het lukte niet om een kopie naar uw e-mailadres te sturen. Schrijf de code op, print deze pagina of bewaar het bewijs als PDF.": "We could not send a copy to your e-mail address. Write the code down, print this page or save the receipt as a PDF.",
	"Vul één e-mailadres in, zoals naam@voorbeeld.nl, of laat dit veld leeg.":                                                        "Enter one e-mail address, such as name@example.nl, or leave this field empty.",
	"Alleen bij de noodrem voor burgers kunt u een e-mailadres geven.":                                                               "Only with the emergency brake for citizens can you give an e-mail address.",
	"E-mail kan nu niet worden verstuurd. Laat dit veld leeg en schrijf de code op.":                                                 "E-mail cannot be sent now. Leave this field empty and write the code down.",
	// Throttling.
	"Probeer het over 1 minuut opnieuw.":   "Try again in 1 minute.",
	"Probeer het over %d minuten opnieuw.": "Try again in %d minutes.",
	// The follow page in citizen words.
	"de organisatie doet iets":            "the organisation takes action",
	"de organisatie legt uit waarom niet": "the organisation explains why not",
	"Wat u schreef":                       "What you wrote",
	"Wat er mis is met het besluit":       "What is wrong with the decision",
	"Wat u wilt dat er gebeurt":           "What you want to happen",
	"Wat de organisatie doet":             "What the organisation does",
	"Waarom niet":                         "Why not",
	"Niet eens met het antwoord?":         "Do you disagree with the answer?",
	"Vindt u de uitleg niet goed? Vraag dan of iemand hoger in de organisatie er opnieuw naar kijkt. Dat kan één keer.": "Do you find the explanation not good enough? Then ask for someone higher up in the organisation to look at it again. You can do this once.",
	"Vragen om opnieuw te kijken":                                                                      "Ask for another look",
	"Waarom bent u het niet eens met het antwoord?":                                                    "Why do you disagree with the answer?",
	"Uw noodrem gaat dan naar iemand hoger in de organisatie, die opnieuw moet antwoorden.":            "Your emergency brake then goes to someone higher up in the organisation, who must answer again.",
	"Met afsluiten laat u het antwoord zo staan. U kunt daarna niet meer vragen om opnieuw te kijken.": "By closing you let the answer stand. After that you can no longer ask for another look.",
	"Waar kunt u nog meer terecht?":                                                                    "Where else can you go?",
	"Bezwaar maken":                                                                                    "Making an objection",
	"bent u het niet eens met het besluit zelf, dan maakt u bezwaar bij de organisatie die het besluit nam, binnen 6 weken na de datum van het besluit.": "if you disagree with the decision itself, you object with the organisation that made the decision, within 6 weeks of the date of the decision.",
	"Het Juridisch Loket": "Het Juridisch Loket (legal advice desk)",
	"gratis advies over uw rechten en over wat u kunt doen, ook over bezwaar maken.": "free advice about your rights and about what you can do, also about making an objection.",
	"Nationale ombudsman": "National Ombudsman",
	"bent u niet goed behandeld door een organisatie van de overheid, en helpt een klacht bij die organisatie niet, dan kunt u hier terecht.": "if a government organisation did not treat you properly, and a complaint to that organisation does not help, you can go here.",
}

func init() {
	for k, v := range citizenMessages {
		english[k] = v
	}
}
