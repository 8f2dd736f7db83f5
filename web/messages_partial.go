package web

// partialMessages are the English texts of the partial answer (deels,
// comply in part): the engine's findings, the answer form on the request
// page, and the words of the registers and figures.
var partialMessages = map[string]string{
	"Kies comply, deels of explain.": "Choose comply, partly or explain.",
	"Een explain verandert niets; gebruik comply of deels om een wijziging toe te zeggen.":  "An explain changes nothing; use comply or partly to promise a change.",
	"Een explain heeft geen datum; gebruik comply of deels om een wijziging toe te zeggen.": "An explain has no date; use comply or partly to promise a change.",
	"Een comply heeft geen motivering per beginsel; gebruik deels of explain.":              "A comply has no motivation per principle; use partly or explain.",
	"deels: een deel wordt opgelost":                                                          "partly: part of it is solved",
	"Antwoorden met deels: een deel wordt opgelost":                                           "Answer with partly: part of it is solved",
	"Zeg wat uw organisatie wel doet en wanneer, en per genoemd beginsel wat niet en waarom.": "Say what your organisation does and when, and for every principle cited what it does not do and why.",
	"Wat de organisatie wel doet":                                                             "What the organisation does",
	"Deels: de organisatie doet een deel":                                                     "Partly: the organisation does part of it",
	"Wat niet, en waarom":                                                                     "What not, and why",
	"Deels versturen":                                                                         "Send partly",
	"Beschrijf wat uw organisatie wel doet om het verzoek op te volgen.":                      "Describe what your organisation does to follow the request.",
	"De datum waarop dat deel er is.":                                                         "The date by which that part is done.",
	"Wat doet uw organisatie op dit beginsel niet, en waarom niet?":                           "What does your organisation not do on this principle, and why not?",
	"Deels":               "Partly",
	"verzoeken met deels": "requests answered partly",
	"Beantwoord telt elk verzoek met minstens één antwoord. Pas toe, deels en leg uit tellen het laatste antwoord: een betwist antwoord dat nog bij de volgende trede ligt, telt bij geen ervan. Deels is een antwoord dat een deel toepast en voor de rest uitlegt waarom niet.": "Answered counts every request with at least one answer. Comply, partly and explain count the latest answer: a contested answer that is still with the next rung counts in none of them. Partly is an answer that complies with a part and explains why not for the rest.",
	"Een knelpunt neemt u over (comply) of niet (explain); deels kan hier niet.": "A knelpunt is adopted (comply) or not (explain); partly is not possible here.",
}
