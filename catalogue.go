package schakel

// sourceWegingskader is the Source of every principle taken from the ROB's
// Wegingskader goed openbaar bestuur (ROB 2023a).
const sourceWegingskader = "ROB, Wegingskader goed openbaar bestuur"

// sourceUncodified is the Source of an abbb principle that no statute
// codifies; it is unwritten law developed by the courts.
const sourceUncodified = "ongecodificeerd beginsel"

// DefaultPrinciples returns the national seed catalogue in display order
// (PRODUCT.md, "The principle catalogue"): the algemene beginselen van
// behoorlijk bestuur, then the three leading principles of the ROB's
// Wegingskader goed openbaar bestuur, each followed by its elements.
//
// The codes are stored in records forever: never change or reuse one, only
// add principles or retire them. Every call returns a fresh slice.
func DefaultPrinciples() []Principle {
	return []Principle{
		// Algemene beginselen van behoorlijk bestuur.
		{
			Code:        "zorgvuldigheid",
			Group:       GroupABBB,
			Name:        "Zorgvuldigheid",
			NameEN:      "Due care",
			Source:      "Awb 3:2",
			Description: "Het bestuursorgaan zoekt eerst de feiten en de belangen goed uit voordat het een besluit neemt. Het beslist niet op basis van onvolledige of onjuiste informatie.",
		},
		{
			Code:        "verbod-detournement-de-pouvoir",
			Group:       GroupABBB,
			Name:        "Verbod van détournement de pouvoir",
			NameEN:      "Prohibition of misuse of power",
			Source:      "Awb 3:3",
			Description: "Het bestuursorgaan gebruikt een bevoegdheid alleen voor het doel waarvoor die bevoegdheid is gegeven. Het zet een bevoegdheid niet in voor een ander doel.",
		},
		{
			Code:        "evenredigheid",
			Group:       GroupABBB,
			Name:        "Belangenafweging en evenredigheid",
			NameEN:      "Balancing of interests and proportionality",
			Source:      "Awb 3:4",
			Description: "Het bestuursorgaan weegt alle belangen af die bij een besluit een rol spelen. De nadelige gevolgen voor een burger mogen niet te groot zijn in verhouding tot het doel van het besluit.",
		},
		{
			Code:        "inherente-afwijkingsbevoegdheid",
			Group:       GroupABBB,
			Name:        "Evenredigheid bij beleidsregels (inherente afwijkingsbevoegdheid)",
			NameEN:      "Proportionality in policy rules (inherent power to deviate)",
			Source:      "Awb 4:84",
			Description: "Het bestuursorgaan volgt zijn eigen beleidsregels, maar wijkt ervan af als die door bijzondere omstandigheden voor een burger te zwaar uitpakken. De gevolgen mogen niet onevenredig zijn in verhouding tot het doel van de regel.",
		},
		{
			Code:        "onpartijdigheid",
			Group:       GroupABBB,
			Name:        "Onpartijdigheid",
			NameEN:      "Impartiality",
			Source:      "Awb 2:4",
			Description: "Het bestuursorgaan beslist zonder vooringenomenheid. Wie een persoonlijk belang heeft bij een besluit, mag dat besluit niet beïnvloeden.",
		},
		{
			Code:        "motivering",
			Group:       GroupABBB,
			Name:        "Motivering",
			NameEN:      "Duty to state reasons",
			Source:      "Awb 3:46, 3:47, 7:12",
			Description: "Het bestuursorgaan legt bij elk besluit duidelijk uit waarom het zo beslist, ook bij een beslissing op bezwaar. De uitleg moet kloppen en het besluit kunnen dragen.",
		},
		{
			Code:        "fair-play",
			Group:       GroupABBB,
			Name:        "Fair play (hoor en wederhoor)",
			NameEN:      "Fair play (right to be heard)",
			Source:      "Awb 4:7, 4:8, 7:2",
			Description: "Het bestuursorgaan geeft een burger de kans om zijn kant van de zaak te vertellen voordat het een besluit neemt dat hem raakt. Het speelt open kaart en werkt de burger niet tegen.",
		},
		{
			Code:        "rechtszekerheid",
			Group:       GroupABBB,
			Name:        "Rechtszekerheid",
			NameEN:      "Legal certainty",
			Source:      sourceUncodified,
			Description: "Het bestuursorgaan maakt duidelijk welke regels gelden en houdt zich daaraan. Burgers moeten vooraf kunnen weten waar zij aan toe zijn.",
		},
		{
			Code:        "vertrouwensbeginsel",
			Group:       GroupABBB,
			Name:        "Vertrouwensbeginsel",
			NameEN:      "Protection of legitimate expectations",
			Source:      sourceUncodified,
			Description: "Het bestuursorgaan komt toezeggingen na die het duidelijk en zonder voorbehoud heeft gedaan. Een burger die terecht op de overheid vertrouwt, mag daar niet de dupe van worden.",
		},
		{
			Code:        "gelijkheid",
			Group:       GroupABBB,
			Name:        "Gelijkheidsbeginsel",
			NameEN:      "Equal treatment",
			Source:      "Grondwet art. 1",
			Description: "Het bestuursorgaan behandelt gelijke gevallen gelijk en ongelijke gevallen ongelijk, naar de mate van hun ongelijkheid. Het maakt geen onderscheid op grond van bijvoorbeeld afkomst, geloof of geslacht.",
		},
		{
			Code:        "verbod-van-willekeur",
			Group:       GroupABBB,
			Name:        "Verbod van willekeur",
			NameEN:      "Prohibition of arbitrariness",
			Source:      sourceUncodified,
			Description: "Het bestuursorgaan neemt geen besluit dat een redelijk denkend bestuur niet zou nemen. De uitkomst mag niet afhangen van toeval of van wie er toevallig beslist.",
		},

		// Wegingskader: rechtsstaat.
		{
			Code:        "rechtsstaat",
			Group:       GroupRuleOfLaw,
			Name:        "Rechtsstaat",
			NameEN:      "Rule of law",
			Source:      sourceWegingskader,
			Description: "De overheid is zelf aan het recht gebonden en beschermt de rechten van iedere burger, ook tegen de overheid zelf. Burgers kunnen haar handelen laten toetsen door een onafhankelijke rechter.",
		},
		{
			Code:        "legaliteit",
			Group:       GroupRuleOfLaw,
			Parent:      "rechtsstaat",
			Name:        "Legaliteit",
			NameEN:      "Legality",
			Source:      sourceWegingskader,
			Description: "De overheid handelt alleen op basis van een bevoegdheid die de wet haar geeft, en houdt zich aan de wet. Wie ingrijpt in het leven van burgers, heeft daarvoor een grondslag in de wet nodig.",
		},
		{
			Code:        "rechtsstaat-abbb",
			Group:       GroupRuleOfLaw,
			Parent:      "rechtsstaat",
			Name:        "Algemene beginselen van behoorlijk bestuur",
			NameEN:      "General principles of good administration",
			Source:      sourceWegingskader,
			Description: "De overheid houdt zich bij elk besluit aan de algemene beginselen van behoorlijk bestuur, zoals zorgvuldigheid, evenredigheid en motivering. Die beginselen wijzen de weg als de letter van de wet onrechtvaardig uitpakt.",
		},
		{
			Code:        "grondrechten",
			Group:       GroupRuleOfLaw,
			Parent:      "rechtsstaat",
			Name:        "Grondrechten",
			NameEN:      "Fundamental rights",
			Source:      sourceWegingskader,
			Description: "De overheid respecteert en beschermt de grondrechten van iedereen, zoals gelijke behandeling, privacy en vrijheid van meningsuiting. Zij beperkt een grondrecht alleen als de wet dat toestaat en het echt nodig is.",
		},
		{
			Code:        "behoorlijkheid",
			Group:       GroupRuleOfLaw,
			Parent:      "rechtsstaat",
			Name:        "Behoorlijkheid",
			NameEN:      "Proper conduct",
			Source:      sourceWegingskader,
			Description: "De overheid gaat behoorlijk met burgers om: open en duidelijk, respectvol, betrokken en oplossingsgericht, eerlijk en betrouwbaar. Het gaat er ook om hoe de burger het optreden van de overheid ervaart, niet alleen om wat mag volgens de wet.",
		},
		{
			Code:        "rechtsstaat-legitimiteit",
			Group:       GroupRuleOfLaw,
			Parent:      "rechtsstaat",
			Name:        "Legitimiteit (rechtsstaat)",
			NameEN:      "Legitimacy (rule of law)",
			Source:      sourceWegingskader,
			Description: "Het handelen van de overheid berust op het recht en burgers kunnen het controleren en aanvechten. Daardoor kunnen zij het gezag van de overheid aanvaarden.",
		},
		{
			Code:        "verdragen",
			Group:       GroupRuleOfLaw,
			Parent:      "rechtsstaat",
			Name:        "Verdragen",
			NameEN:      "Treaties",
			Source:      sourceWegingskader,
			Description: "De overheid houdt zich aan de internationale verdragen en het Europese recht waaraan Nederland gebonden is, zoals het Europees Verdrag voor de Rechten van de Mens. Een bepaling die iedereen bindt, gaat voor op een Nederlandse regel die ermee in strijd is.",
		},

		// Wegingskader: democratie.
		{
			Code:        "democratie",
			Group:       GroupDemocracy,
			Name:        "Democratie",
			NameEN:      "Democracy",
			Source:      sourceWegingskader,
			Description: "De overheid handelt namens en voor de burgers, onder controle van gekozen volksvertegenwoordigers. Burgers kunnen meedoen aan en invloed hebben op de besluiten die hen raken.",
		},
		{
			Code:        "participatie",
			Group:       GroupDemocracy,
			Parent:      "democratie",
			Name:        "Participatie",
			NameEN:      "Participation",
			Source:      sourceWegingskader,
			Description: "De overheid geeft burgers en betrokkenen de ruimte om mee te denken en mee te beslissen over beleid en de uitvoering ervan. Zij laat zien wat zij met hun inbreng doet.",
		},
		{
			Code:        "deliberatie",
			Group:       GroupDemocracy,
			Parent:      "democratie",
			Name:        "Deliberatie",
			NameEN:      "Deliberation",
			Source:      sourceWegingskader,
			Description: "De overheid neemt besluiten na een open gesprek waarin argumenten en standpunten eerlijk tegen elkaar worden afgewogen. Ook tegengeluid krijgt daarin een plek.",
		},
		{
			Code:        "vertegenwoordiging",
			Group:       GroupDemocracy,
			Parent:      "democratie",
			Name:        "Vertegenwoordiging",
			NameEN:      "Representation",
			Source:      sourceWegingskader,
			Description: "Gekozen volksvertegenwoordigers stellen de kaders en controleren het bestuur. Daarvoor moeten zij tijdig, volledig en ongefilterd worden geïnformeerd.",
		},
		{
			Code:        "responsiviteit",
			Group:       GroupDemocracy,
			Parent:      "democratie",
			Name:        "Responsiviteit",
			NameEN:      "Responsiveness",
			Source:      sourceWegingskader,
			Description: "De overheid weet wat er onder burgers speelt en hoe zij regels ervaren, en past haar beleid en uitvoering daarop aan. Zij heeft geen blinde vlekken voor de gevolgen van haar handelen.",
		},
		{
			Code:        "belangen-van-minderheden",
			Group:       GroupDemocracy,
			Parent:      "democratie",
			Name:        "Belangen van minderheden",
			NameEN:      "Interests of minorities",
			Source:      sourceWegingskader,
			Description: "De overheid beschermt ook de belangen van minderheden en individuen, ook als een meerderheid iets anders wil. Een plan met groot draagvlak mag niet desastreus uitpakken voor een kleine groep.",
		},
		{
			Code:        "democratie-legitimiteit",
			Group:       GroupDemocracy,
			Parent:      "democratie",
			Name:        "Legitimiteit (democratie)",
			NameEN:      "Legitimacy (democracy)",
			Source:      sourceWegingskader,
			Description: "Het gezag van de overheid rust op democratische besluitvorming en op verantwoording aan gekozen organen. Wie publieke macht uitoefent, legt daarover verantwoording af.",
		},

		// Wegingskader: bestuurlijk vermogen.
		{
			Code:        "bestuurlijk-vermogen",
			Group:       GroupCapacity,
			Name:        "Bestuurlijk vermogen",
			NameEN:      "Administrative capacity",
			Source:      sourceWegingskader,
			Description: "De overheid is in staat haar taken goed uit te voeren en problemen in de samenleving echt op te lossen. Beleid moet uitvoerbaar zijn en de uitvoering moet het aankunnen.",
		},
		{
			Code:        "presterend-vermogen",
			Group:       GroupCapacity,
			Parent:      "bestuurlijk-vermogen",
			Name:        "Presterend vermogen",
			NameEN:      "Capacity to deliver",
			Source:      sourceWegingskader,
			Description: "De overheid levert wat zij belooft: zij bereikt de doelen van beleid en lost maatschappelijke problemen op. Het gaat om het effect op de samenleving, niet alleen om meetbare productie.",
		},
		{
			Code:        "robuuste-uitvoering",
			Group:       GroupCapacity,
			Parent:      "bestuurlijk-vermogen",
			Name:        "Robuuste uitvoering",
			NameEN:      "Robust implementation",
			Source:      sourceWegingskader,
			Description: "De uitvoering heeft genoeg mensen, kennis, geld en werkende systemen om wetten en beleid goed en op tijd uit te voeren. Zij kan tegen een stootje als er iets misgaat of verandert.",
		},
		{
			Code:        "bestendige-overheid",
			Group:       GroupCapacity,
			Parent:      "bestuurlijk-vermogen",
			Name:        "Bestendige overheid",
			NameEN:      "Durable government",
			Source:      sourceWegingskader,
			Description: "De overheid is stabiel en betrouwbaar en kijkt verder dan de waan van de dag. Zij houdt rekening met de lange termijn en met toekomstige generaties.",
		},
		{
			Code:        "effectief-en-efficient",
			Group:       GroupCapacity,
			Parent:      "bestuurlijk-vermogen",
			Name:        "Effectief en efficiënt",
			NameEN:      "Effective and efficient",
			Source:      sourceWegingskader,
			Description: "De overheid bereikt haar doelen en gaat zuinig om met publiek geld, mensen en middelen. Zij voorkomt verspilling, maar niet ten koste van zorgvuldigheid en rechtvaardigheid.",
		},
	}
}
