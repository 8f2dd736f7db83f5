package opendata

// The datasets of schakel's public registers. Each publishes the same
// public projection as the register's API (GET /api/v1/noodremmen,
// /knelpunten, /voorstellen, /casusprudentie), flattened into columns —
// never a field more — so what decisions 0014 and 0015 made safe stays
// safe. Every register starts with id, the row's URI, and nummer, the
// API's id.

// idColumns are the first two columns of every register.
func idColumns(what string) []Column {
	return []Column{
		{Name: "id", Type: TypeURI, Description: "Vaste identificatie van " + what + ": het adres van de openbare pagina."},
		{Name: "nummer", Type: TypeInteger, Description: "Nummer van " + what + ", hetzelfde als id in de API."},
	}
}

// Brakes is the register of emergency brakes.
var Brakes = &Dataset{
	ID:          "noodremmen",
	Title:       "Register van noodremmen",
	Description: "Elke noodrem die in schakel is getrokken, door een burger, een professional of een organisatie: bij welke organisatie, om welke beginselen, wanneer, hoe het ervoor staat en of de termijnen zijn gehaald. Wat er in de noodrem staat en wie hem trok, staat er niet in.",
	Keywords:    []string{"noodrem", "comply or explain", "verantwoording", "uitvoering"},
	Page:        "/noodremmen",
	Columns: append(idColumns("de noodrem"),
		Column{Name: "niveau", Type: TypeString, Description: "Wie de noodrem trok: burger, professional of organisatie."},
		Column{Name: "organisatie", Type: TypeString, Description: "Code van de organisatie waar de noodrem werd getrokken."},
		Column{Name: "geadresseerdeOrganisatie", Type: TypeString, Description: "Code van de organisatie die nu moet antwoorden."},
		Column{Name: "geadresseerdeRol", Type: TypeString, Description: "Rol die nu moet antwoorden, bijvoorbeeld coordinator, bestuur of minister."},
		Column{Name: "trede", Type: TypeInteger, Description: "Hoe vaak de noodrem is opgeschaald (0 is de eerste trede)."},
		Column{Name: "beginselen", Type: TypeString, List: true, Description: "Codes van de ingeroepen beginselen, gescheiden door '; ' (in JSON een lijst)."},
		Column{Name: "urgent", Type: TypeBoolean, Description: "Of de noodrem als spoedeisend is getrokken."},
		Column{Name: "status", Type: TypeString, Description: "Toestand: open, acknowledged, answered, escalated, closed of withdrawn."},
		Column{Name: "antwoord", Type: TypeString, Nullable: true, Description: "Soort antwoord: comply, deels (deels toegepast, voor de rest uitgelegd) of explain; leeg zolang er geen antwoord is."},
		Column{Name: "getrokkenOp", Type: TypeDateTime, Description: "Moment van trekken (UTC)."},
		Column{Name: "antwoordUiterlijk", Type: TypeDate, Description: "Dag waarop het antwoord uiterlijk moet komen."},
		Column{Name: "termijnGemist", Type: TypeBoolean, Description: "Of een termijn is gemist: verstreken zonder antwoord, of te laat beantwoord."},
		Column{Name: "gemisteTermijnen", Type: TypeInteger, Description: "Aantal termijnen dat verstreek zonder antwoord."},
		Column{Name: "laatBeantwoord", Type: TypeBoolean, Description: "Of er na de termijn is geantwoord."},
		Column{Name: "bewijs", Type: TypeURI, Description: "Adres van het bewijs in het openbare logboek dat de noodrem is getrokken."},
	),
}

// Knelpunten is the register of knelpunten that reached a ministry.
var Knelpunten = &Dataset{
	ID:          "knelpunten",
	Title:       "Knelpunten bij ministeries",
	Description: "Knelpunten die uitvoeringsorganisaties aan een ministerie hebben voorgelegd: wat er misgaat en voor wie, de voorgestelde oplossing, de regels en beginselen, het geschatte aantal burgers en de kosten. De signalen zelf en wie ze gaf staan er niet in.",
	Keywords:    []string{"knelpunt", "signaal", "wetgeving", "uitvoering"},
	Page:        "/knelpunten",
	Columns: append(idColumns("het knelpunt"),
		Column{Name: "organisatie", Type: TypeString, Description: "Code van de organisatie die het knelpunt opstelde."},
		Column{Name: "titel", Type: TypeString, Description: "Titel."},
		Column{Name: "samenvatting", Type: TypeString, Description: "Wat er misgaat en voor wie, zonder persoonsgegevens."},
		Column{Name: "oplossing", Type: TypeString, Description: "Soort oplossing die wordt voorgesteld."},
		Column{Name: "voorstel", Type: TypeString, Description: "De voorgestelde oplossing."},
		Column{Name: "niveau", Type: TypeString, Description: "Trede waar het knelpunt nu ligt: team, bestuur, ministerie of parlement."},
		Column{Name: "status", Type: TypeString, Description: "Toestand van het knelpunt."},
		Column{Name: "samengevoegdIn", Type: TypeInteger, Nullable: true, Description: "Nummer van het knelpunt waarin dit is opgegaan; leeg als het niet is samengevoegd."},
		Column{Name: "briefId", Type: TypeInteger, Nullable: true, Description: "Nummer van de knelpuntenbrief die het naar het ministerie bracht."},
		Column{Name: "overgenomenOp", Type: TypeDateTime, Nullable: true, Description: "Moment waarop het bestuur het knelpunt overnam (UTC)."},
		Column{Name: "aantalSignalen", Type: TypeInteger, Description: "Aantal signalen in het knelpunt."},
		Column{Name: "burgersVan", Type: TypeInteger, Description: "Geschat aantal geraakte burgers, ondergrens (som over de signalen)."},
		Column{Name: "burgersTot", Type: TypeInteger, Description: "Geschat aantal geraakte burgers, bovengrens."},
		Column{Name: "kostenEenmaligCenten", Type: TypeInteger, Description: "Geschatte eenmalige kosten van de oplossing, in eurocent."},
		Column{Name: "kostenStructureelCenten", Type: TypeInteger, Description: "Geschatte kosten per jaar, in eurocent."},
		Column{Name: "regels", Type: TypeString, List: true, Description: "Regels waar het om gaat (wet:BWB-id, artikel: of beleidsregel:), gescheiden door '; '."},
		Column{Name: "beginselen", Type: TypeString, List: true, Description: "Codes van de beginselen die in het geding zijn, gescheiden door '; '."},
		Column{Name: "aangemaaktOp", Type: TypeDateTime, Description: "Moment van aanmaken (UTC)."},
		Column{Name: "bijgewerktOp", Type: TypeDateTime, Description: "Moment van de laatste wijziging (UTC)."},
		Column{Name: "versie", Type: TypeInteger, Description: "Versie; hoger na elke wijziging."},
	),
}

// Proposals is the register of proposals and their uitvoeringstoetsen.
var Proposals = &Dataset{
	ID:          "voorstellen",
	Title:       "Voorstellen en uitvoeringstoetsen",
	Description: "Wets- en beleidsvoorstellen van ministeries waarvoor een uitvoeringstoets is gevraagd: soort, regels die veranderen, maatschappelijke opgave, geplande inwerkingtreding en toestand. De toetsen en de antwoorden staan op de pagina van elk voorstel.",
	Keywords:    []string{"uitvoeringstoets", "wetsvoorstel", "beleid", "uitvoerbaarheid"},
	Page:        "/voorstellen",
	Columns: append(idColumns("het voorstel"),
		Column{Name: "ministerie", Type: TypeString, Description: "Code van het ministerie dat het voorstel doet."},
		Column{Name: "soort", Type: TypeString, Description: "Soort voorstel."},
		Column{Name: "titel", Type: TypeString, Description: "Titel."},
		Column{Name: "samenvatting", Type: TypeString, Description: "Samenvatting."},
		Column{Name: "regels", Type: TypeString, List: true, Description: "Regels die het voorstel verandert, gescheiden door '; '."},
		Column{Name: "opgave", Type: TypeString, Description: "Maatschappelijke opgave die het voorstel dient."},
		Column{Name: "inwerkingtreding", Type: TypeDate, Nullable: true, Description: "Geplande dag van inwerkingtreding."},
		Column{Name: "tekstUrl", Type: TypeURI, Nullable: true, Description: "Adres van de tekst van het voorstel."},
		Column{Name: "status", Type: TypeString, Description: "Toestand van het voorstel."},
		Column{Name: "inWerkingOp", Type: TypeDate, Nullable: true, Description: "Dag waarop het in werking trad."},
		Column{Name: "aangemaaktOp", Type: TypeDateTime, Description: "Moment van registreren (UTC)."},
		Column{Name: "bijgewerktOp", Type: TypeDateTime, Description: "Moment van de laatste wijziging (UTC)."},
		Column{Name: "versie", Type: TypeInteger, Description: "Versie; hoger na elke wijziging."},
	),
}

// Precedents is the register of case precedent (casusprudentie).
var Precedents = &Dataset{
	ID:          "casusprudentie",
	Title:       "Casusprudentie",
	Description: "Besloten maatwerkcasussen, ontdaan van persoonsgegevens en door een tweede persoon nagelezen voor publicatie: de bedoeling van de regel, wat er knelde, de uitkomst, de grondslag en de uitleg. Kosten staan er als bandbreedte in.",
	Keywords:    []string{"casusprudentie", "maatwerk", "maatwerkplaats", "gezagsvol nee"},
	Page:        "/casusprudentie",
	Columns: append(idColumns("de casus"),
		Column{Name: "organisatie", Type: TypeString, Description: "Code van de organisatie die besloot."},
		Column{Name: "titel", Type: TypeString, Description: "Titel."},
		Column{Name: "samenvatting", Type: TypeString, Description: "Samenvatting van de situatie."},
		Column{Name: "bedoeling", Type: TypeString, Description: "Wat de regel wil bereiken."},
		Column{Name: "knelpunt", Type: TypeString, Description: "Waarom de regel hier knelt."},
		Column{Name: "regels", Type: TypeString, List: true, Description: "Regels (JCI 1.3), gescheiden door '; '."},
		Column{Name: "beginselen", Type: TypeString, List: true, Description: "Codes van de gewogen beginselen, gescheiden door '; '."},
		Column{Name: "uitkomst", Type: TypeString, Description: "Uitkomst: maatwerk of een gezagsvol nee."},
		Column{Name: "grondslag", Type: TypeString, Nullable: true, Description: "Juridische grondslag van het besluit."},
		Column{Name: "uitleg", Type: TypeString, Description: "Uitleg in gewone taal."},
		Column{Name: "kostenVanafCenten", Type: TypeInteger, Description: "Ondergrens van de bandbreedte van de kosten, in eurocent."},
		Column{Name: "kostenTotCenten", Type: TypeInteger, Description: "Bovengrens van de bandbreedte van de kosten, in eurocent."},
		Column{Name: "beslotenOp", Type: TypeDateTime, Description: "Moment van het besluit (UTC)."},
		Column{Name: "gepubliceerdOp", Type: TypeDateTime, Nullable: true, Description: "Moment van publiceren (UTC)."},
		Column{Name: "gecorrigeerdOp", Type: TypeDateTime, Nullable: true, Description: "Moment van de laatste correctie (UTC)."},
		Column{Name: "sha256", Type: TypeString, Nullable: true, Description: "SHA-256 van de gepubliceerde teksten van deze versie."},
	),
}

// BrakesPerMonth counts brakes per month, organisation and level, with the
// count of citizens' brakes suppressed below MinCitizens (see Suppress).
var BrakesPerMonth = &Dataset{
	ID:          "noodremmen-per-maand",
	Title:       "Noodremmen per maand en organisatie",
	Description: "Aantal getrokken noodremmen per kalendermaand (Nederlandse tijd), per organisatie en per niveau. Minder dan 5 noodremmen van burgers bij één organisatie in één maand worden niet getoond, en het totaal van die rij dan ook niet: zo'n klein aantal kan naar één burger wijzen.",
	Keywords:    []string{"noodrem", "statistiek", "aantallen"},
	Page:        "/open-data/noodremmen-per-maand",
	Columns: []Column{
		{Name: "id", Type: TypeURI, Description: "Vaste identificatie van de rij: maand en organisatie."},
		{Name: "periode", Type: TypeString, Description: "Kalendermaand als JJJJ-MM."},
		{Name: "organisatie", Type: TypeString, Description: "Code van de organisatie waar de noodremmen werden getrokken."},
		{Name: "burger", Type: TypeInteger, Nullable: true, Description: "Aantal noodremmen van burgers; leeg als het er 1 tot en met 4 zijn (zie onderdrukt)."},
		{Name: "professional", Type: TypeInteger, Description: "Aantal noodremmen van professionals."},
		{Name: "organisatieNiveau", Type: TypeInteger, Description: "Aantal noodremmen van organisaties (teruggegeven opdrachten)."},
		{Name: "totaal", Type: TypeInteger, Nullable: true, Description: "Totaal van de drie; leeg als burger leeg is, omdat het aantal burgers er anders uit volgt."},
		{Name: "onderdrukt", Type: TypeBoolean, Description: "Waar als burger en totaal zijn weggelaten omdat het aantal burgers kleiner is dan 5."},
	},
}

// Deadlines are the figures of the parliament view (package figures) per
// calendar year, organisation and kind of request: the same numbers as
// perOrganisatieEnSoort of GET /api/v1/parlement for that year.
var Deadlines = &Dataset{
	ID:          "termijnen",
	Title:       "Termijnen, pas toe, deels en leg uit per organisatie",
	Description: "Per kalenderjaar, organisatie en soort verzoek: hoeveel verzoeken er kwamen, hoeveel open staan of over hun termijn zijn, hoe vaak is toegepast, deels toegepast of uitgelegd, de antwoordtijd (mediaan en 90e percentiel in hele dagen tot het eerste antwoord) naast de wettelijke termijn, en hoe vaak een termijn werd gemist of een verzoek escaleerde. Noodremmen van burgers van een organisatie met minder dan 5 in het jaar tellen nergens mee (achtergehouden).",
	Keywords:    []string{"termijnen", "pas toe of leg uit", "statistiek"},
	Page:        "/open-data/termijnen",
	Columns: []Column{
		{Name: "id", Type: TypeURI, Description: "Vaste identificatie van de rij: jaar, organisatie en soort verzoek."},
		{Name: "periode", Type: TypeString, Description: "Kalenderjaar als JJJJ."},
		{Name: "organisatie", Type: TypeString, Description: "Code van de organisatie waar de verzoeken over gaan."},
		{Name: "soort", Type: TypeString, Description: "Soort verzoek, zoals bezwaar of noodrem-burger."},
		{Name: "wettelijkeTermijn", Type: TypeString, Description: "Wettelijke termijn om te antwoorden (ISO 8601, zoals P6W)."},
		{Name: "verzoeken", Type: TypeInteger, Description: "Aantal verzoeken gedaan in het jaar."},
		{Name: "open", Type: TypeInteger, Description: "Waarvan nog zonder antwoord."},
		{Name: "overTermijn", Type: TypeInteger, Description: "Waarvan nog zonder antwoord en over de termijn."},
		{Name: "beantwoord", Type: TypeInteger, Description: "Aantal met minstens één antwoord."},
		{Name: "pasToe", Type: TypeInteger, Description: "Aantal waarvan het laatste antwoord pas toe was."},
		{Name: "legUit", Type: TypeInteger, Description: "Aantal waarvan het laatste antwoord leg uit was."},
		{Name: "deels", Type: TypeInteger, Description: "Aantal waarvan het laatste antwoord deels was: een deel toegepast, voor de rest uitgelegd waarom niet."},
		{Name: "opTijd", Type: TypeInteger, Description: "Aantal beantwoord zonder gemiste termijn."},
		{Name: "mediaanDagen", Type: TypeInteger, Nullable: true, Description: "Mediaan van de hele dagen tot het eerste antwoord; leeg zonder antwoorden."},
		{Name: "percentiel90Dagen", Type: TypeInteger, Nullable: true, Description: "Hele dagen waarbinnen 90% het eerste antwoord kreeg; leeg zonder antwoorden."},
		{Name: "termijnGemist", Type: TypeInteger, Description: "Aantal dat een termijn miste."},
		{Name: "geescaleerd", Type: TypeInteger, Description: "Aantal dat een trede hoger ging."},
		{Name: "achtergehouden", Type: TypeBoolean, Description: "Waar als noodremmen van burgers van deze organisatie in dit jaar niet zijn meegeteld (minder dan 5)."},
	},
}

// Registers are the datasets of the public registers, in the order the
// page lists them; BrakesPerMonth follows them in All.
var Registers = []*Dataset{Brakes, Knelpunten, Proposals, Precedents}

// All is every dataset, registers first.
var All = []*Dataset{Brakes, Knelpunten, Proposals, Precedents, BrakesPerMonth, Deadlines}

// ByID returns the dataset with identifier id among ds, or nil.
func ByID(ds []*Dataset, id string) *Dataset {
	for _, d := range ds {
		if d.ID == id {
			return d
		}
	}
	return nil
}
