package opendata

import (
	"encoding/json"
	"io"
	"strings"
)

// The catalogue follows DCAT-AP-NL 3.0 (Geonovum), the Dutch profile of
// DCAT-AP 3.0 that data.overheid.nl harvests. It is written as JSON-LD, one
// of the RDF serialisations the profile accepts, with its context inline so
// a harvester needs nothing else. Decision 0023 says which properties are
// mandatory and how the test checks them.

// Controlled vocabularies of the EU Publications Office that DCAT-AP-NL
// prescribes for these properties.
const (
	AccessPublic = "http://publications.europa.eu/resource/authority/access-right/PUBLIC"
	ThemeGov     = "http://publications.europa.eu/resource/authority/data-theme/GOVE"
	LanguageNL   = "http://publications.europa.eu/resource/authority/language/NLD"
	FileTypes    = "http://publications.europa.eu/resource/authority/file-type/"
	MediaTypes   = "https://www.iana.org/assignments/media-types/"
)

// Catalog is what the catalogue says about itself and its publisher.
type Catalog struct {
	// Base is the site's public URL; every URI in the catalogue is under it.
	Base        string
	Title       string
	Description string
	// Publisher names the organisation that runs this schakel; PublisherURI
	// identifies it (ideally from the TOOI register of Dutch government
	// organisations; by default a URI under Base).
	Publisher    string
	PublisherURI string
	// Contact is the URL where questions about the data go.
	Contact  string
	Datasets []*Dataset
	// Feeds are the identifiers of the datasets that have an Atom feed.
	Feeds []string
}

// Format is one way a dataset is distributed.
type Format struct {
	Ext      string // the file's extension in its URL
	FileType string // code in the EU file-type vocabulary
	Media    string // IANA media type
	Title    string
}

// Formats are the downloads of every dataset.
var Formats = []Format{
	{Ext: "csv", FileType: "CSV", Media: "text/csv", Title: "CSV"},
	{Ext: "json", FileType: "JSON", Media: "application/json", Title: "JSON"},
}

// atomFormat is the distribution of a register's feed.
var atomFormat = Format{Ext: "atom", FileType: "ATOM", Media: "application/atom+xml", Title: "Atom-feed van nieuwe openbare vermeldingen"}

// DatasetURI is the URI of dataset d in the catalogue at base.
func DatasetURI(base string, d *Dataset) string {
	return strings.TrimRight(base, "/") + "/open-data/" + d.ID
}

// DownloadURL is the URL of d in format ext at base.
func DownloadURL(base string, d *Dataset, ext string) string {
	return DatasetURI(base, d) + "." + ext
}

// FeedURL is the URL of the Atom feed of d at base.
func FeedURL(base string, d *Dataset) string {
	return strings.TrimRight(base, "/") + "/feeds/" + d.ID + ".atom"
}

var catalogContext = map[string]any{
	"dcat":   "http://www.w3.org/ns/dcat#",
	"dct":    "http://purl.org/dc/terms/",
	"foaf":   "http://xmlns.com/foaf/0.1/",
	"vcard":  "http://www.w3.org/2006/vcard/ns#",
	"adms":   "http://www.w3.org/ns/adms#",
	"xsd":    "http://www.w3.org/2001/XMLSchema#",
	"dcatap": "http://data.europa.eu/r5r/",
}

// WriteCatalog writes c as a DCAT-AP-NL 3.0 catalogue in JSON-LD: one
// dcat:Catalog with a dcat:Dataset per dataset and a dcat:Distribution per
// format (and per feed), each distribution under CC0.
func WriteCatalog(w io.Writer, c Catalog) error {
	base := strings.TrimRight(c.Base, "/")
	publisher := c.PublisherURI
	if publisher == "" {
		publisher = base + "/#uitgever"
	}
	agent := map[string]any{"@id": publisher, "@type": "foaf:Agent", "foaf:name": nl(c.Publisher)}
	contact := func() map[string]any {
		return map[string]any{"@type": "vcard:Organization", "vcard:fn": c.Publisher, "vcard:hasURL": id(c.Contact)}
	}
	graph := []any{agent}
	catalog := map[string]any{
		"@id": base + "/open-data/catalogus", "@type": "dcat:Catalog",
		"dct:title": nl(c.Title), "dct:description": nl(c.Description),
		"dct:publisher": id(publisher), "dcat:contactPoint": contact(),
		"dct:language": id(LanguageNL), "dct:license": id(Licence), "foaf:homepage": id(base + "/open-data"),
	}
	var datasets []any
	for _, d := range c.Datasets {
		datasets = append(datasets, id(DatasetURI(base, d)))
		graph = append(graph, dcatDataset(base, d, publisher, contact(), hasFeed(c.Feeds, d.ID)))
	}
	catalog["dcat:dataset"] = datasets
	graph = append(graph, catalog)
	doc := map[string]any{"@context": catalogContext, "@graph": graph}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

// dcatDataset is the node of one dataset with its distributions inline.
func dcatDataset(base string, d *Dataset, publisher string, contact map[string]any, feed bool) map[string]any {
	uri := DatasetURI(base, d)
	var keywords []any
	for _, k := range d.Keywords {
		keywords = append(keywords, nl(k))
	}
	formats := append([]Format(nil), Formats...)
	if feed {
		formats = append(formats, atomFormat)
	}
	var dists []any
	for _, f := range formats {
		url := DownloadURL(base, d, f.Ext)
		if f.Ext == atomFormat.Ext {
			url = FeedURL(base, d)
		}
		dists = append(dists, map[string]any{
			"@id": uri + "#" + f.Ext, "@type": "dcat:Distribution",
			"dct:title": nl(d.Title + " (" + f.Title + ")"), "dcat:accessURL": id(url), "dcat:downloadURL": id(url),
			"dct:format": id(FileTypes + f.FileType), "dcat:mediaType": id(MediaTypes + f.Media), "dct:license": id(Licence),
		})
	}
	return map[string]any{
		"@id": uri, "@type": "dcat:Dataset",
		"dct:identifier": uri, "dct:title": nl(d.Title), "dct:description": nl(d.Description),
		"dct:publisher": id(publisher), "dct:creator": id(publisher), "dcat:contactPoint": contact,
		"dct:accessRights": id(AccessPublic), "dcat:theme": id(ThemeGov), "dct:language": id(LanguageNL),
		"dcat:keyword": keywords, "dcat:landingPage": id(landingPage(base, d)),
		"dct:conformsTo":    id(DownloadURL(base, d, "csv-metadata.json")),
		"dcat:distribution": dists,
	}
}

func hasFeed(feeds []string, id string) bool {
	for _, f := range feeds {
		if f == id {
			return true
		}
	}
	return false
}

// nl is a Dutch language-tagged literal.
func nl(s string) map[string]any { return map[string]any{"@value": s, "@language": "nl"} }

// id is a reference to the resource with IRI s.
func id(s string) map[string]any { return map[string]any{"@id": s} }

// landingPage is the page of d's register, or the open-data page for an
// aggregate, which has no page of its own.
func landingPage(base string, d *Dataset) string {
	base = strings.TrimRight(base, "/")
	if strings.HasPrefix(d.Page, "/open-data/") {
		return base + "/open-data"
	}
	return base + d.Page
}
