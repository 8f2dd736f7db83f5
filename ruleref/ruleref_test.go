package ruleref

import (
	"slices"
	"strings"
	"testing"

	"github.com/schakel-nl/schakel"
)

// awb is a valid reference used as the starting point of many cases.
var awb = Ref{Kind: KindLaw, BWB: "BWBR0005537", Article: "4:84"}

// problems renders the field errors of err as "field:code" so a table can
// state exactly which fields failed and why.
func problems(t *testing.T, err error) []string {
	t.Helper()
	if err == nil {
		return nil
	}
	if code := schakel.ErrorCode(err); code != schakel.EINVALID {
		t.Fatalf("error code = %q, want %q (%v)", code, schakel.EINVALID, err)
	}
	var out []string
	for _, f := range schakel.ErrorFields(err) {
		if f.Format == "" || strings.Contains(f.Reason(), "%!") {
			t.Errorf("field %s: bad message %q", f.Field, f.Reason())
		}
		out = append(out, f.Field+":"+f.Code)
	}
	return out
}

// reasons returns the formatted messages of err's field errors.
func reasons(err error) []string {
	var out []string
	for _, f := range schakel.ErrorFields(err) {
		out = append(out, f.Reason())
	}
	return out
}

func TestValidate(t *testing.T) {
	with := func(f func(*Ref)) Ref { r := awb; f(&r); return r }
	tests := []struct {
		name string
		ref  Ref
		want []string // "field:code", in order
	}{
		{"law with article", awb, nil},
		{"law without location", Ref{Kind: KindLaw, BWB: "BWBR0005537"}, nil},
		{"full law reference", Ref{Kind: KindLaw, BWB: "BWBR0005537", Chapter: "4", Article: "4:84", Paragraph: "1", Item: "a", Title: "Algemene wet bestuursrecht"}, nil},
		{"chapter only", Ref{Kind: KindLaw, BWB: "BWBR0002221", Chapter: "II"}, nil},
		{"roman article", with(func(r *Ref) { r.Article = "XII" }), nil},
		{"article with letter", with(func(r *Ref) { r.Article = "7a" }), nil},
		{"dotted article", with(func(r *Ref) { r.Article = "10.1.1" }), nil},
		{"kieswet article", with(func(r *Ref) { r.Article = "A1" }), nil},
		{"bis article", with(func(r *Ref) { r.Article = "68bis" }), nil},
		{"lid with letter", with(func(r *Ref) { r.Paragraph = "2a" }), nil},
		{"onderdeel degree", with(func(r *Ref) { r.Item = "1°" }), nil},
		{"onderdeel double letter", with(func(r *Ref) { r.Item = "aa" }), nil},
		{"onderdeel without lid", with(func(r *Ref) { r.Item = "b" }), nil},
		{"dotted chapter", with(func(r *Ref) { r.Chapter = "3.2" }), nil},
		{"policy rule", Ref{Kind: KindPolicy, Organisation: "uwv", PolicyID: "BR-2024-12"}, nil},
		{"policy rule of municipality", Ref{Kind: KindPolicy, Organisation: "gemeente-utrecht", PolicyID: "beleid_2024.3", Title: "Beleidsregel bijzondere bijstand"}, nil},

		{"zero ref", Ref{}, []string{"soort:required"}},
		{"unknown kind", Ref{Kind: "verdrag", BWB: "BWBR0005537"}, []string{"soort:unknown"}},
		{"missing bwb", Ref{Kind: KindLaw}, []string{"bwbId:required"}},
		{"blank bwb", Ref{Kind: KindLaw, BWB: "  "}, []string{"bwbId:required"}},
		{"short bwb", Ref{Kind: KindLaw, BWB: "BWBR123"}, []string{"bwbId:format"}},
		{"long bwb", Ref{Kind: KindLaw, BWB: "BWBR00055370"}, []string{"bwbId:format"}},
		{"bwb with letter", Ref{Kind: KindLaw, BWB: "BWBR00O5537"}, []string{"bwbId:format"}},
		{"bwb prefix only", Ref{Kind: KindLaw, BWB: "BWBR"}, []string{"bwbId:format"}},
		{"lowercase bwb", Ref{Kind: KindLaw, BWB: "bwbr0005537"}, []string{"bwbId:case"}},
		{"treaty", Ref{Kind: KindLaw, BWB: "BWBV0001000"}, []string{"bwbId:unsupported"}},
		{"other prefix", Ref{Kind: KindLaw, BWB: "CVDR612978"}, []string{"bwbId:format"}},
		{"bwb with space", Ref{Kind: KindLaw, BWB: " BWBR0005537"}, []string{"bwbId:format"}},
		{"arabic-indic digits", Ref{Kind: KindLaw, BWB: "BWBR٠٠٠٥٥٣٧"}, []string{"bwbId:format"}},
		{"article lowercase start", with(func(r *Ref) { r.Article = "a1" }), []string{"artikel:format"}},
		{"article with space", with(func(r *Ref) { r.Article = "4 84" }), []string{"artikel:format"}},
		{"article with art.", with(func(r *Ref) { r.Article = "art.4:84" }), []string{"artikel:format"}},
		{"article trailing colon", with(func(r *Ref) { r.Article = "4:" }), []string{"artikel:format"}},
		{"article double separator", with(func(r *Ref) { r.Article = "4::84" }), []string{"artikel:format"}},
		{"article ampersand", with(func(r *Ref) { r.Article = "4&lid=2" }), []string{"artikel:format"}},
		{"article too long", with(func(r *Ref) { r.Article = strings.Repeat("1", 25) }), []string{"artikel:toolong"}},
		{"chapter colon", with(func(r *Ref) { r.Chapter = "4:1" }), []string{"hoofdstuk:format"}},
		{"chapter lowercase", with(func(r *Ref) { r.Chapter = "iv" }), []string{"hoofdstuk:format"}},
		{"lid zero", with(func(r *Ref) { r.Paragraph = "0" }), []string{"lid:format"}},
		{"lid roman", with(func(r *Ref) { r.Paragraph = "II" }), []string{"lid:format"}},
		{"lid digit after letter", with(func(r *Ref) { r.Paragraph = "2a1" }), []string{"lid:format"}},
		{"lid too long", with(func(r *Ref) { r.Paragraph = "123456789" }), []string{"lid:toolong"}},
		{"lid without article", Ref{Kind: KindLaw, BWB: "BWBR0005537", Paragraph: "1"}, []string{"lid:needsarticle"}},
		{"onderdeel without article", Ref{Kind: KindLaw, BWB: "BWBR0005537", Chapter: "4", Item: "a"}, []string{"onderdeel:needsarticle"}},
		{"onderdeel uppercase", with(func(r *Ref) { r.Item = "A" }), []string{"onderdeel:format"}},
		{"onderdeel letter degree", with(func(r *Ref) { r.Item = "a°" }), []string{"onderdeel:format"}},
		{"onderdeel degree only", with(func(r *Ref) { r.Item = "°" }), []string{"onderdeel:format"}},
		{"onderdeel with dot", with(func(r *Ref) { r.Item = "a." }), []string{"onderdeel:format"}},
		{"law with policy fields", with(func(r *Ref) { r.Organisation = "uwv"; r.PolicyID = "BR-1" }), []string{"organisatie:notallowed", "beleidsregelId:notallowed"}},
		{"every law field wrong", Ref{Kind: KindLaw, BWB: "BWBR1", Chapter: "x", Article: "-", Paragraph: "0", Item: "?"}, []string{"bwbId:format", "hoofdstuk:format", "artikel:format", "lid:format", "onderdeel:format"}},
		{"policy missing all", Ref{Kind: KindPolicy}, []string{"organisatie:required", "beleidsregelId:required"}},
		{"policy org uppercase", Ref{Kind: KindPolicy, Organisation: "UWV", PolicyID: "BR-1"}, []string{"organisatie:format"}},
		{"policy org double hyphen", Ref{Kind: KindPolicy, Organisation: "gemeente--utrecht", PolicyID: "BR-1"}, []string{"organisatie:format"}},
		{"policy org too long", Ref{Kind: KindPolicy, Organisation: strings.Repeat("a", 41), PolicyID: "BR-1"}, []string{"organisatie:toolong"}},
		{"policy id with slash", Ref{Kind: KindPolicy, Organisation: "uwv", PolicyID: "BR/1"}, []string{"beleidsregelId:format"}},
		{"policy id with space", Ref{Kind: KindPolicy, Organisation: "uwv", PolicyID: "BR 1"}, []string{"beleidsregelId:format"}},
		{"policy id trailing dash", Ref{Kind: KindPolicy, Organisation: "uwv", PolicyID: "BR-"}, []string{"beleidsregelId:format"}},
		{"policy id too long", Ref{Kind: KindPolicy, Organisation: "uwv", PolicyID: strings.Repeat("x", 65)}, []string{"beleidsregelId:toolong"}},
		{"policy with law fields", Ref{Kind: KindPolicy, Organisation: "uwv", PolicyID: "BR-1", BWB: "BWBR0005537", Chapter: "1", Article: "1", Paragraph: "1", Item: "a"},
			[]string{"bwbId:notallowed", "hoofdstuk:notallowed", "artikel:notallowed", "lid:notallowed", "onderdeel:notallowed"}},
		{"title too long", with(func(r *Ref) { r.Title = strings.Repeat("é", 201) }), []string{"titel:toolong"}},
		{"title newline", with(func(r *Ref) { r.Title = "Awb\nart. 4:84" }), []string{"titel:format"}},
		{"title invalid utf8", with(func(r *Ref) { r.Title = "Awb\xff" }), []string{"titel:encoding"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := problems(t, tt.ref.Validate())
			if !slices.Equal(got, tt.want) {
				t.Errorf("Validate() = %v, want %v; messages %q", got, tt.want, reasons(tt.ref.Validate()))
			}
		})
	}
}

// TestValidateMessages pins the exact Dutch wording of the messages people
// see most, because they are the precise part of the design.
func TestValidateMessages(t *testing.T) {
	tests := []struct {
		name string
		ref  Ref
		want string
	}{
		{"digit count", Ref{Kind: KindLaw, BWB: "BWBR123"},
			`Een BWB-id is "BWBR" gevolgd door 7 cijfers, zoals BWBR0005537; "BWBR123" heeft 3 cijfers.`},
		{"one digit", Ref{Kind: KindLaw, BWB: "BWBR1"},
			`Een BWB-id is "BWBR" gevolgd door 7 cijfers, zoals BWBR0005537; "BWBR1" heeft 1 cijfer.`},
		{"no digits", Ref{Kind: KindLaw, BWB: "BWBR"},
			`Een BWB-id is "BWBR" gevolgd door 7 cijfers, zoals BWBR0005537; na "BWBR" staan in "BWBR" geen cijfers.`},
		{"letter O", Ref{Kind: KindLaw, BWB: "BWBR00O5537"},
			`Een BWB-id is "BWBR" gevolgd door 7 cijfers, zoals BWBR0005537; "BWBR00O5537" bevat "O" op plaats 7, en dat is geen cijfer.`},
		{"wrong prefix", Ref{Kind: KindLaw, BWB: "0005537"},
			`Een BWB-id is "BWBR" gevolgd door 7 cijfers, zoals BWBR0005537; "0005537" begint niet met "BWBR".`},
		{"lowercase", Ref{Kind: KindLaw, BWB: "bwbr0005537"},
			`Schrijf een BWB-id met hoofdletters: "BWBR0005537".`},
		{"article character", Ref{Kind: KindLaw, BWB: "BWBR0005537", Article: "4;84"},
			`Een artikelnummer bestaat uit letters en cijfers, eventueel gescheiden door ":" of ".", zoals 4:84, 7a of 10.1.1; "4;84" bevat ";".`},
		{"lid start", Ref{Kind: KindLaw, BWB: "BWBR0005537", Article: "1", Paragraph: "01"},
			`Een lid is een nummer, eventueel met kleine letters erachter, zoals 1, 2 of 2a; "01" begint met "0".`},
		{"org capital", Ref{Kind: KindPolicy, Organisation: "Uwv", PolicyID: "BR-1"},
			`Een organisatiecode bestaat uit kleine letters, cijfers en losse streepjes, zoals uwv of gemeente-utrecht; "Uwv" bevat de hoofdletter "U".`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := reasons(tt.ref.Validate())
			if len(got) != 1 || got[0] != tt.want {
				t.Errorf("messages = %q\nwant       %q", got, tt.want)
			}
		})
	}
}

func TestKindValid(t *testing.T) {
	for k, want := range map[Kind]bool{KindLaw: true, KindPolicy: true, "": false, "Wet": false} {
		if got := k.Valid(); got != want {
			t.Errorf("Kind(%q).Valid() = %v, want %v", k, got, want)
		}
	}
}

func TestRender(t *testing.T) {
	policy := Ref{Kind: KindPolicy, Organisation: "uwv", PolicyID: "BR-2024-12"}
	tests := []struct {
		name                 string
		ref                  Ref
		jci, url, str, label string
	}{
		{
			name:  "bare law",
			ref:   Ref{Kind: KindLaw, BWB: "BWBR0005537"},
			jci:   "jci1.3:c:BWBR0005537",
			url:   "https://wetten.overheid.nl/BWBR0005537/",
			str:   "jci1.3:c:BWBR0005537",
			label: "Algemene wet bestuursrecht",
		},
		{
			name:  "law with title only",
			ref:   Ref{Kind: KindLaw, BWB: "BWBR0005537", Title: "Algemene wet bestuursrecht"},
			jci:   "jci1.3:c:BWBR0005537",
			url:   "https://wetten.overheid.nl/BWBR0005537/",
			str:   "jci1.3:c:BWBR0005537",
			label: "Algemene wet bestuursrecht",
		},
		{
			name:  "article",
			ref:   awb,
			jci:   "jci1.3:c:BWBR0005537&artikel=4:84",
			url:   "https://wetten.overheid.nl/jci1.3:c:BWBR0005537&artikel=4:84",
			str:   "jci1.3:c:BWBR0005537&artikel=4:84",
			label: "Algemene wet bestuursrecht, art. 4:84",
		},
		{
			name:  "titled article",
			ref:   Ref{Kind: KindLaw, BWB: "BWBR0005537", Article: "4:84", Title: "Algemene wet bestuursrecht"},
			jci:   "jci1.3:c:BWBR0005537&artikel=4:84",
			url:   "https://wetten.overheid.nl/jci1.3:c:BWBR0005537&artikel=4:84",
			str:   "jci1.3:c:BWBR0005537&artikel=4:84",
			label: "Algemene wet bestuursrecht, art. 4:84",
		},
		{
			name:  "every location part in standard order",
			ref:   Ref{Kind: KindLaw, BWB: "BWBR0005537", Chapter: "4", Article: "4:84", Paragraph: "1", Item: "a"},
			jci:   "jci1.3:c:BWBR0005537&hoofdstuk=4&artikel=4:84&lid=1&o=a",
			url:   "https://wetten.overheid.nl/jci1.3:c:BWBR0005537&hoofdstuk=4&artikel=4:84&lid=1&o=a",
			str:   "jci1.3:c:BWBR0005537&hoofdstuk=4&artikel=4:84&lid=1&o=a",
			label: "Algemene wet bestuursrecht, hoofdstuk 4 art. 4:84 lid 1 onder a",
		},
		{
			name:  "chapter only",
			ref:   Ref{Kind: KindLaw, BWB: "BWBR0002221", Chapter: "II"},
			jci:   "jci1.3:c:BWBR0002221&hoofdstuk=II",
			url:   "https://wetten.overheid.nl/jci1.3:c:BWBR0002221&hoofdstuk=II",
			str:   "jci1.3:c:BWBR0002221&hoofdstuk=II",
			label: "Algemene Ouderdomswet, hoofdstuk II",
		},
		{
			name:  "degree sign is escaped in the URL only",
			ref:   Ref{Kind: KindLaw, BWB: "BWBR0001830", Article: "1", Item: "1°"},
			jci:   "jci1.3:c:BWBR0001830&artikel=1&o=1°",
			url:   "https://wetten.overheid.nl/jci1.3:c:BWBR0001830&artikel=1&o=1%C2%B0",
			str:   "jci1.3:c:BWBR0001830&artikel=1&o=1°",
			label: "Wet op de rechterlijke organisatie, art. 1 onder 1°",
		},
		{
			name:  "policy rule",
			ref:   policy,
			str:   "beleidsregel:uwv/BR-2024-12",
			label: "beleidsregel BR-2024-12 (uwv)",
		},
		{
			name:  "titled policy rule",
			ref:   Ref{Kind: KindPolicy, Organisation: "uwv", PolicyID: "BR-2024-12", Title: "Beleidsregel terugvordering"},
			str:   "beleidsregel:uwv/BR-2024-12",
			label: "Beleidsregel terugvordering (beleidsregel BR-2024-12, uwv)",
		},
		{
			name: "zero ref",
			ref:  Ref{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.ref.JCI(); got != tt.jci {
				t.Errorf("JCI() = %q, want %q", got, tt.jci)
			}
			if got := tt.ref.URL(); got != tt.url {
				t.Errorf("URL() = %q, want %q", got, tt.url)
			}
			if got := tt.ref.String(); got != tt.str {
				t.Errorf("String() = %q, want %q", got, tt.str)
			}
			if got := tt.ref.Label(); got != tt.label {
				t.Errorf("Label() = %q, want %q", got, tt.label)
			}
		})
	}
}
