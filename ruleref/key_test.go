package ruleref

import (
	"math"
	"testing"
)

func TestKeyOf(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want Key
		ok   bool
	}{
		{"blank", "  ", Key{}, false},
		{"jci with lid", "jci1.3:c:BWBR0019057&artikel=76&lid=2", Key{law: "BWBR0019057", article: "76", below: "2/", bwb: true}, true},
		{"jci parameters in any order", "jci1.31:c:bwbr0019057&lid=2&z=2024-01-01&artikel=76", Key{law: "BWBR0019057", article: "76", below: "2/", bwb: true}, true},
		{"jci with onderdeel", "jci1.3:c:BWBR0005537&hoofdstuk=4&artikel=4:84&o=a", Key{law: "BWBR0005537", article: "4:84", below: "/a", bwb: true}, true},
		{"jci chapter only", "jci1.3:c:BWBR0005537&hoofdstuk=4", Key{law: "BWBR0005537", article: "hoofdstuk=4", bwb: true}, true},
		{"jci law only", "jci1.3:c:BWBR0005537", Key{law: "BWBR0005537", bwb: true}, true},
		{"lid without article names the law", "jci1.3:c:BWBR0005537&lid=2", Key{law: "BWBR0005537", bwb: true}, true},
		{"link", "https://wetten.overheid.nl/jci1.3:c:BWBR0019057&artikel=76", Key{law: "BWBR0019057", article: "76", bwb: true}, true},
		{"page with anchor", "https://wetten.overheid.nl/BWBR0005537/2024-01-01/0#Hoofdstuk4_Afdeling4.4_Artikel4:84", Key{law: "BWBR0005537", article: "4:84", bwb: true}, true},
		{"page", "https://wetten.overheid.nl/BWBR0005537/", Key{law: "BWBR0005537", bwb: true}, true},
		{"bare id", " bwbr0005537 ", Key{law: "BWBR0005537", bwb: true}, true},
		{"short form", "BWBR0019057/76", Key{law: "BWBR0019057", article: "76", bwb: true}, true},
		{"short form with lid", "BWBR0019057/76/2", Key{law: "BWBR0019057", article: "76", below: "2/", bwb: true}, true},
		{"policy rule", "beleidsregel:UWV/BR-2024-12", Key{law: "beleidsregel:uwv/br-2024-12"}, true},
		{"anything else", "Participatiewet", Key{law: "participatiewet"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := KeyOf(tt.in)
			if got != tt.want || ok != tt.ok {
				t.Errorf("KeyOf(%q) = %+v, %v; want %+v, %v", tt.in, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestLikeness(t *testing.T) {
	const (
		wia76lid1 = "jci1.3:c:BWBR0019057&artikel=76&lid=1"
		wia76lid2 = "jci1.3:c:BWBR0019057&artikel=76&lid=2"
		wia76     = "jci1.3:c:BWBR0019057&artikel=76"
		wia77     = "jci1.3:c:BWBR0019057&artikel=77"
		wia80     = "jci1.3:c:BWBR0019057&artikel=80"
		wia       = "BWBR0019057"
		awb484    = "jci1.3:c:BWBR0005537&artikel=4:84"
		pw18      = "jci1.3:c:BWBR0015703&artikel=18"
	)
	tests := []struct {
		name string
		a, b []string
		want float64
	}{
		{"none", nil, []string{wia76}, 0},
		{"same", []string{wia76lid2}, []string{wia76lid2}, 1},
		{"same in another notation", []string{wia76lid2}, []string{"https://wetten.overheid.nl/jci1.3:c:BWBR0019057&lid=2&artikel=76"}, 1},
		{"same in the short form", []string{wia76lid2}, []string{"BWBR0019057/76/2"}, 1},
		{"other lid", []string{wia76lid1}, []string{wia76lid2}, SameArticle},
		{"lid and whole article", []string{wia76lid1}, []string{wia76}, SameArticle},
		{"other article", []string{wia76}, []string{wia77}, SameLaw},
		{"article and whole law", []string{wia76}, []string{wia}, SameLaw},
		{"other law", []string{wia76}, []string{awb484}, 0},
		{"duplicates count once", []string{wia76, wia76, " " + wia76}, []string{wia76}, 1},
		{"one of two", []string{wia76lid1, wia76lid2}, []string{wia76lid1}, 0.5},
		{"partial with others", []string{wia76lid1, awb484}, []string{wia76lid2, pw18}, SameArticle / 3},
		{"article pair before law pair", []string{wia76, wia77}, []string{wia76lid2, wia80}, (SameArticle + SameLaw) / 2},
		{"each reference pairs once", []string{wia76lid1, wia76lid2}, []string{wia}, SameLaw / 2},
		{"policy rule same", []string{"beleidsregel:uwv/BR-1"}, []string{"beleidsregel:UWV/br-1"}, 1},
		{"policy rule other", []string{"beleidsregel:uwv/BR-1"}, []string{"beleidsregel:uwv/BR-2"}, 0},
		{"chapter and article in it", []string{"jci1.3:c:BWBR0005537&hoofdstuk=4"}, []string{awb484}, SameLaw},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, b := Keys(tt.a), Keys(tt.b)
			got, back := Likeness(a, b), Likeness(b, a)
			if math.Abs(got-tt.want) > 1e-12 {
				t.Errorf("Likeness(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
			}
			if got != back {
				t.Errorf("not symmetric: %v one way, %v the other", got, back)
			}
		})
	}
}

func TestArticleLevel(t *testing.T) {
	tests := []struct{ in, want string }{
		{"jci1.3:c:BWBR0019057&artikel=76&lid=2", "jci1.3:c:BWBR0019057&artikel=76"},
		{"BWBR0005537/2024-01-01/0#Hoofdstuk4_Artikel4:84_Lid1", "jci1.3:c:BWBR0005537&artikel=4:84"},
		{"jci1.3:c:BWBR0005537&hoofdstuk=4", "jci1.3:c:BWBR0005537&hoofdstuk=4"},
		{"bwbr0005537", "jci1.3:c:BWBR0005537"},
		{"beleidsregel:UWV/BR-1", "beleidsregel:uwv/br-1"},
	}
	for _, tt := range tests {
		k, _ := KeyOf(tt.in)
		if got := k.ArticleLevel(); got != tt.want {
			t.Errorf("KeyOf(%q).ArticleLevel() = %q, want %q", tt.in, got, tt.want)
		}
	}
}
