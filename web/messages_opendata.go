package web

// openDataMessages are the English of the open-data page; english merges
// them. The datasets' own titles, descriptions and columns are Dutch only:
// they are the data's documentation, the same in every file.
var openDataMessages = map[string]string{
	"Open data": "Open data",
	"Alle openbare registers van schakel kunt u downloaden als CSV en als JSON. Iedereen mag ze vrij gebruiken: ze vallen onder CC0, zonder voorwaarden. Er staan geen persoonsgegevens in.": "You can download every public register of schakel as CSV and as JSON. Anyone may use them freely: they are under CC0, without conditions. They hold no personal data.",
	"Licentie": "Licence",
	"Alle bestanden vallen onder CC0 1.0 (publiek domein):": "Every file is under CC0 1.0 (public domain):",
	"Voor dataportalen":                   "For data portals",
	"Catalogus (DCAT-AP-NL 3.0, JSON-LD)": "Catalogue (DCAT-AP-NL 3.0, JSON-LD)",
	"Kleine aantallen":                    "Small counts",
	"In tellingen laten we een aantal noodremmen van burgers weg als het er bij één organisatie in één maand minder dan %d zijn, en het totaal van die rij ook. Zo'n klein aantal kan naar één burger wijzen.": "In counts we leave out the number of citizens' brakes when there are fewer than %d at one organisation in one month, and the total of that row too. So small a number can point to one citizen.",
	"Download als CSV":                    "Download as CSV",
	"Download als JSON":                   "Download as JSON",
	"Beschrijving van de kolommen (CSVW)": "Description of the columns (CSVW)",
	"Atom-feed van nieuwe vermeldingen":   "Atom feed of new entries",
	"Kolommen":                            "Columns",
	"kan leeg zijn":                       "may be empty",
	"Feeds filteren":                      "Filtering feeds",
	"Een feed kan alleen de vermeldingen van één organisatie tonen, met ?organisatie= en de code van de organisatie, of die over één wet, met ?wet= en de BWB-identificatie, bijvoorbeeld /feeds/knelpunten.atom?wet=BWBR0019057.": "A feed can show only the entries of one organisation, with ?organisatie= and the organisation's code, or those about one law, with ?wet= and the BWB identifier, for example /feeds/knelpunten.atom?wet=BWBR0019057.",
	// Problems of the feeds' filters and files.
	"Onbekende parameter; gebruik organisatie of wet.":                        "Unknown parameter; use organisatie or wet.",
	"Dit register noemt openbaar geen wetten; filteren op wet kan hier niet.": "This register names no laws in public; filtering by law is not possible here.",
	"Geef een BWB-identificatie zoals BWBR0019057.":                           "Give a BWB identifier such as BWBR0019057.",
	"Bestand %q bestaat niet.":                                                "File %q does not exist.",
	"Feed %q bestaat niet.":                                                   "Feed %q does not exist.",
}
