package schakel_test

import (
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/schakel-nl/schakel"
)

// wantCatalogue lists, per group, the codes of the national catalogue in
// display order. Codes are stored in records forever: a change here is a
// change to stored data.
var wantCatalogue = []struct {
	group schakel.PrincipleGroup
	codes []string
}{
	{schakel.GroupABBB, []string{
		"zorgvuldigheid",
		"verbod-detournement-de-pouvoir",
		"evenredigheid",
		"inherente-afwijkingsbevoegdheid",
		"onpartijdigheid",
		"motivering",
		"fair-play",
		"rechtszekerheid",
		"vertrouwensbeginsel",
		"gelijkheid",
		"verbod-van-willekeur",
	}},
	{schakel.GroupRuleOfLaw, []string{
		"rechtsstaat",
		"legaliteit",
		"rechtsstaat-abbb",
		"grondrechten",
		"behoorlijkheid",
		"rechtsstaat-legitimiteit",
		"verdragen",
	}},
	{schakel.GroupDemocracy, []string{
		"democratie",
		"participatie",
		"deliberatie",
		"vertegenwoordiging",
		"responsiviteit",
		"belangen-van-minderheden",
		"democratie-legitimiteit",
	}},
	{schakel.GroupCapacity, []string{
		"bestuurlijk-vermogen",
		"presterend-vermogen",
		"robuuste-uitvoering",
		"bestendige-overheid",
		"effectief-en-efficient",
	}},
}

// wantTop names the top principle of each Wegingskader group; every other
// principle of that group is one of its elements.
var wantTop = map[schakel.PrincipleGroup]string{
	schakel.GroupRuleOfLaw: "rechtsstaat",
	schakel.GroupDemocracy: "democratie",
	schakel.GroupCapacity:  "bestuurlijk-vermogen",
}

const wegingskader = "ROB, Wegingskader goed openbaar bestuur"

func byCode(ps []schakel.Principle) map[string]schakel.Principle {
	m := make(map[string]schakel.Principle, len(ps))
	for _, p := range ps {
		m[p.Code] = p
	}
	return m
}

func TestDefaultPrinciplesValidate(t *testing.T) {
	for _, p := range schakel.DefaultPrinciples() {
		if err := p.Validate(); err != nil {
			t.Errorf("%s: Validate() = %v", p.Code, err)
		}
		if p.OrganisationID != 0 {
			t.Errorf("%s: OrganisationID = %d, want 0 (national catalogue)", p.Code, p.OrganisationID)
		}
		if !p.CreatedAt.IsZero() {
			t.Errorf("%s: CreatedAt = %v, want zero", p.Code, p.CreatedAt)
		}
		if p.Retired() {
			t.Errorf("%s: retired in the seed catalogue", p.Code)
		}
		if p.Group == schakel.GroupOrganisation {
			t.Errorf("%s: seed principle in group %q, which is for operators", p.Code, p.Group)
		}
	}
}

func TestDefaultPrinciplesUniqueCodes(t *testing.T) {
	seen := map[string]bool{}
	for _, p := range schakel.DefaultPrinciples() {
		if seen[p.Code] {
			t.Errorf("code %q used twice", p.Code)
		}
		seen[p.Code] = true
	}
}

func TestDefaultPrinciplesParents(t *testing.T) {
	ps := schakel.DefaultPrinciples()
	codes := byCode(ps)
	seen := map[string]bool{}
	for _, p := range ps {
		if p.Parent == "" {
			seen[p.Code] = true
			continue
		}
		parent, ok := codes[p.Parent]
		switch {
		case !ok:
			t.Errorf("%s: parent %q does not exist", p.Code, p.Parent)
		case parent.Parent != "":
			t.Errorf("%s: parent %q is itself an element of %q, want a top principle", p.Code, p.Parent, parent.Parent)
		case parent.Group != p.Group:
			t.Errorf("%s: group %q, parent %q is in group %q", p.Code, p.Group, p.Parent, parent.Group)
		case !seen[p.Parent]:
			t.Errorf("%s: listed before its parent %q", p.Code, p.Parent)
		}
		seen[p.Code] = true
	}
}

func TestDefaultPrinciplesGroups(t *testing.T) {
	ps := schakel.DefaultPrinciples()
	var all []string
	for _, g := range wantCatalogue {
		var got []string
		for _, p := range ps {
			if p.Group == g.group {
				got = append(got, p.Code)
			}
		}
		if !slices.Equal(got, g.codes) {
			t.Errorf("group %q: codes\n got %q\nwant %q", g.group, got, g.codes)
		}
		all = append(all, g.codes...)
	}
	var got []string
	for _, p := range ps {
		got = append(got, p.Code)
	}
	if !slices.Equal(got, all) {
		t.Errorf("display order\n got %q\nwant %q", got, all)
	}

	codes := byCode(ps)
	for _, p := range ps {
		top, ok := wantTop[p.Group]
		if !ok {
			if p.Parent != "" {
				t.Errorf("%s: parent %q, want none in group %q", p.Code, p.Parent, p.Group)
			}
			continue
		}
		if p.Code == top {
			if p.Parent != "" {
				t.Errorf("%s: top principle has parent %q", p.Code, p.Parent)
			}
		} else if p.Parent != top {
			t.Errorf("%s: parent %q, want %q", p.Code, p.Parent, top)
		}
		if p.Source != wegingskader {
			t.Errorf("%s: Source = %q, want %q", p.Code, p.Source, wegingskader)
		}
	}
	for g, top := range wantTop {
		if p, ok := codes[top]; !ok || p.Group != g {
			t.Errorf("top principle %q missing from group %q", top, g)
		}
	}
}

func TestDefaultPrinciplesABBBSources(t *testing.T) {
	want := map[string][]string{
		"zorgvuldigheid":                  {"Awb", "3:2"},
		"verbod-detournement-de-pouvoir":  {"Awb", "3:3"},
		"evenredigheid":                   {"Awb", "3:4"},
		"inherente-afwijkingsbevoegdheid": {"Awb", "4:84"},
		"onpartijdigheid":                 {"Awb", "2:4"},
		"motivering":                      {"Awb", "3:46", "3:47", "7:12"},
		"fair-play":                       {"Awb", "4:7", "4:8", "7:2"},
		"gelijkheid":                      {"Grondwet", "art. 1"},
	}
	codes := byCode(schakel.DefaultPrinciples())
	for code, subs := range want {
		p, ok := codes[code]
		if !ok {
			t.Errorf("%s: missing", code)
			continue
		}
		for _, s := range subs {
			if !strings.Contains(p.Source, s) {
				t.Errorf("%s: Source = %q, want it to contain %q", code, p.Source, s)
			}
		}
	}
	for _, code := range []string{"rechtszekerheid", "vertrouwensbeginsel", "verbod-van-willekeur"} {
		if p := codes[code]; p.Source == "" || strings.Contains(p.Source, "Awb") {
			t.Errorf("%s: Source = %q, want a note that it is uncodified", code, p.Source)
		}
	}
}

// dutchWords are frequent Dutch function words that English text does not
// use. A description with none of them is almost certainly not Dutch; this
// is a heuristic against English slipping in, not a language detector.
var dutchWords = map[string]bool{
	"de": true, "het": true, "een": true, "en": true, "van": true, "voor": true,
	"zij": true, "niet": true, "die": true, "dat": true, "bij": true, "met": true,
	"op": true, "te": true, "om": true, "wat": true, "ook": true, "zijn": true,
}

func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) })
}

func TestDefaultPrinciplesDescriptions(t *testing.T) {
	for _, p := range schakel.DefaultPrinciples() {
		if strings.TrimSpace(p.Description) == "" {
			t.Errorf("%s: empty Description", p.Code)
			continue
		}
		dutch := map[string]bool{}
		for _, w := range words(p.Description) {
			if dutchWords[w] {
				dutch[w] = true
			}
		}
		if len(dutch) < 2 {
			t.Errorf("%s: Description %q has %d common Dutch words, want at least 2", p.Code, p.Description, len(dutch))
		}
		// One or two sentences: count full stops that end a sentence.
		text := strings.TrimSpace(p.Description)
		n := strings.Count(text, ". ")
		if strings.HasSuffix(text, ".") {
			n++
		}
		if n < 1 || n > 2 {
			t.Errorf("%s: Description has %d sentences, want 1 or 2: %q", p.Code, n, text)
		}
		if p.NameEN == p.Name {
			t.Errorf("%s: NameEN equals the Dutch Name %q", p.Code, p.Name)
		}
	}
}

func TestDefaultPrinciplesFreshSlice(t *testing.T) {
	a := schakel.DefaultPrinciples()
	a[0].Code = "gewijzigd"
	if b := schakel.DefaultPrinciples(); b[0].Code == "gewijzigd" {
		t.Error("DefaultPrinciples shares its slice between calls")
	}
}
