package opendatatest

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/piprate/json-gold/ld"
)

// Namespaces of the vocabularies the catalogue uses.
const (
	RDF   = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
	DCAT  = "http://www.w3.org/ns/dcat#"
	DCT   = "http://purl.org/dc/terms/"
	FOAF  = "http://xmlns.com/foaf/0.1/"
	VCARD = "http://www.w3.org/2006/vcard/ns#"
)

// Term is an RDF term: an IRI, a blank node or a literal.
type Term struct {
	Kind     string // "iri", "blank" or "literal"
	Value    string
	Language string
	Datatype string
}

// Triple is one RDF statement.
type Triple struct {
	S, P string // subject (IRI or blank node label) and predicate
	O    Term
}

// Graph is a set of triples.
type Graph struct{ Triples []Triple }

// noLoader refuses every remote document: the catalogue carries its
// context, and a test never reaches the network.
type noLoader struct{}

func (noLoader) LoadDocument(u string) (*ld.RemoteDocument, error) {
	return nil, fmt.Errorf("opendatatest: no remote documents (%s)", u)
}

// ParseJSONLD turns a JSON-LD document into its RDF triples with a JSON-LD
// 1.1 processor (json-gold).
func ParseJSONLD(b []byte) (*Graph, error) {
	var doc any
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, err
	}
	opts := ld.NewJsonLdOptions("")
	opts.DocumentLoader = noLoader{}
	out, err := ld.NewJsonLdProcessor().ToRDF(doc, opts)
	if err != nil {
		return nil, fmt.Errorf("json-ld: %w", err)
	}
	ds, ok := out.(*ld.RDFDataset)
	if !ok {
		return nil, errors.New("json-ld: no dataset")
	}
	g := &Graph{}
	for name, quads := range ds.Graphs {
		if name != "@default" && len(quads) > 0 {
			return nil, fmt.Errorf("json-ld: unexpected named graph %s", name)
		}
		for _, q := range quads {
			g.Triples = append(g.Triples, Triple{S: q.Subject.GetValue(), P: q.Predicate.GetValue(), O: term(q.Object)})
		}
	}
	return g, nil
}

func term(n ld.Node) Term {
	switch x := n.(type) {
	case ld.IRI:
		return Term{Kind: "iri", Value: x.Value}
	case ld.BlankNode:
		return Term{Kind: "blank", Value: x.Attribute}
	case ld.Literal:
		return Term{Kind: "literal", Value: x.Value, Language: x.Language, Datatype: x.Datatype}
	}
	return Term{Kind: "unknown", Value: n.GetValue()}
}

// OfType returns the subjects of type class.
func (g *Graph) OfType(class string) []string {
	var out []string
	for _, t := range g.Triples {
		if t.P == RDF+"type" && t.O.Value == class {
			out = append(out, t.S)
		}
	}
	return out
}

// Objects returns the objects of subject s and predicate p.
func (g *Graph) Objects(s, p string) []Term {
	var out []Term
	for _, t := range g.Triples {
		if t.S == s && t.P == p {
			out = append(out, t.O)
		}
	}
	return out
}

// Remove drops every triple with predicate p: for tests that prove the
// check fails.
func (g *Graph) Remove(p string) {
	g.Triples = slices.DeleteFunc(g.Triples, func(t Triple) bool { return t.P == p })
}

// rule is one constraint on the property path of the subjects of a class.
type rule struct {
	class, path string
	min, max    int    // max 0: unbounded
	kind        string // "iri", "literal", "node" (IRI or blank) or "" for any
	vocabulary  string // when set, every IRI value starts with it
	lang        bool   // literals must carry a language tag
}

// rules are the mandatory properties of DCAT-AP 3.0 and the additions of
// DCAT-AP-NL 3.0 (Geonovum's SHACL shapes, dcat-ap-nl-SHACL.ttl), with the
// controlled vocabularies the profile prescribes for what we publish.
var rules = []rule{
	// dcat:Catalog — DCAT-AP: title, description, publisher; NL: exactly
	// one contact point, at least one dataset.
	{class: DCAT + "Catalog", path: DCT + "title", min: 1, kind: "literal", lang: true},
	{class: DCAT + "Catalog", path: DCT + "description", min: 1, kind: "literal", lang: true},
	{class: DCAT + "Catalog", path: DCT + "publisher", min: 1, max: 1, kind: "node"},
	{class: DCAT + "Catalog", path: DCAT + "contactPoint", min: 1, max: 1, kind: "node"},
	{class: DCAT + "Catalog", path: DCAT + "dataset", min: 1, kind: "iri"},
	{class: DCAT + "Catalog", path: DCT + "language", kind: "iri", vocabulary: "http://publications.europa.eu/resource/authority/language/"},
	// dcat:Dataset — DCAT-AP: title, description; NL: access rights,
	// exactly one contact point, creator, exactly one identifier,
	// publisher, theme.
	{class: DCAT + "Dataset", path: DCT + "title", min: 1, kind: "literal", lang: true},
	{class: DCAT + "Dataset", path: DCT + "description", min: 1, kind: "literal", lang: true},
	{class: DCAT + "Dataset", path: DCT + "accessRights", min: 1, max: 1, kind: "iri", vocabulary: "http://publications.europa.eu/resource/authority/access-right/"},
	{class: DCAT + "Dataset", path: DCAT + "contactPoint", min: 1, max: 1, kind: "node"},
	{class: DCAT + "Dataset", path: DCT + "creator", min: 1, kind: "node"},
	{class: DCAT + "Dataset", path: DCT + "identifier", min: 1, max: 1, kind: "literal"},
	{class: DCAT + "Dataset", path: DCT + "publisher", min: 1, max: 1, kind: "node"},
	{class: DCAT + "Dataset", path: DCAT + "theme", min: 1, kind: "iri", vocabulary: "http://publications.europa.eu/resource/authority/data-theme/"},
	{class: DCAT + "Dataset", path: DCT + "language", kind: "iri", vocabulary: "http://publications.europa.eu/resource/authority/language/"},
	{class: DCAT + "Dataset", path: DCAT + "distribution", min: 1, kind: "node"},
	{class: DCAT + "Dataset", path: DCAT + "landingPage", kind: "iri"},
	// dcat:Distribution — DCAT-AP: access URL (at most one in NL); NL:
	// licence; at most one download URL; format and media type from their
	// vocabularies.
	{class: DCAT + "Distribution", path: DCAT + "accessURL", min: 1, max: 1, kind: "iri"},
	{class: DCAT + "Distribution", path: DCAT + "downloadURL", max: 1, kind: "iri"},
	{class: DCAT + "Distribution", path: DCT + "license", min: 1, max: 1, kind: "iri", vocabulary: "http://creativecommons.org/publicdomain/zero/1.0/"},
	{class: DCAT + "Distribution", path: DCT + "format", max: 1, kind: "iri", vocabulary: "http://publications.europa.eu/resource/authority/file-type/"},
	{class: DCAT + "Distribution", path: DCAT + "mediaType", max: 1, kind: "iri", vocabulary: "https://www.iana.org/assignments/media-types/"},
	// foaf:Agent — DCAT-AP: a name.
	{class: FOAF + "Agent", path: FOAF + "name", min: 1, kind: "literal"},
	// vcard:Kind (here vcard:Organization) — a name and a way to reach it.
	{class: VCARD + "Organization", path: VCARD + "fn", min: 1, kind: "literal"},
	{class: VCARD + "Organization", path: VCARD + "hasURL", min: 1, kind: "iri"},
}

// CheckDCATAPNL returns a problem per violated rule: the mandatory
// classes and properties, their cardinalities, the kind of their values
// and the controlled vocabularies; also every publisher that is not
// typed foaf:Agent, and a catalogue that is not exactly one.
func CheckDCATAPNL(g *Graph) []string {
	var problems []string
	if n := len(g.OfType(DCAT + "Catalog")); n != 1 {
		problems = append(problems, fmt.Sprintf("%d dcat:Catalog, want 1", n))
	}
	for _, r := range rules {
		for _, s := range g.OfType(r.class) {
			problems = append(problems, r.check(g, s)...)
		}
	}
	agents := g.OfType(FOAF + "Agent")
	for _, t := range g.Triples {
		if t.P == DCT+"publisher" && !slices.Contains(agents, t.O.Value) {
			problems = append(problems, fmt.Sprintf("%s: publisher %s is no foaf:Agent", t.S, t.O.Value))
		}
	}
	return problems
}

func (r rule) check(g *Graph, s string) []string {
	var problems []string
	name := r.path[strings.LastIndexAny(r.path, "#/")+1:]
	objs := g.Objects(s, r.path)
	if len(objs) < r.min || (r.max > 0 && len(objs) > r.max) {
		problems = append(problems, fmt.Sprintf("%s: %d values of %s, want %d..%d", s, len(objs), name, r.min, r.max))
	}
	for _, o := range objs {
		switch {
		case r.kind == "node" && o.Kind == "literal", r.kind == "iri" && o.Kind != "iri", r.kind == "literal" && o.Kind != "literal":
			problems = append(problems, fmt.Sprintf("%s: %s is a %s, want %s", s, name, o.Kind, r.kind))
		case r.vocabulary != "" && !strings.HasPrefix(o.Value, r.vocabulary):
			problems = append(problems, fmt.Sprintf("%s: %s %s is not from %s", s, name, o.Value, r.vocabulary))
		case r.lang && o.Language == "":
			problems = append(problems, fmt.Sprintf("%s: %s has no language tag", s, name))
		}
	}
	return problems
}
