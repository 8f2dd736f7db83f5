package ruleref_test

import (
	"reflect"
	"testing"

	"github.com/schakel-nl/schakel/ruleref"
)

func TestFigureKeys(t *testing.T) {
	got := ruleref.FigureKeys([]string{
		"jci1.3:c:BWBR0005537&hoofdstuk=4&artikel=4:84&lid=1",
		"jci1.3:c:BWBR0005537&artikel=4:84&lid=2", // the same article: counted once
		"jci1.3:c:BWBR0019057",                    // a law without an article
		"jci1.3:c:BWBR0002221&hoofdstuk=3",        // a chapter counts towards its law only
		"beleidsregel:uwv/BR-2024-12",
		"",
	})
	want := []ruleref.Figure{
		{Key: "artikel:BWBR0005537/4:84", Level: "artikel", Law: "BWBR0005537", Ref: "jci1.3:c:BWBR0005537&artikel=4:84"},
		{Key: "beleidsregel:uwv/BR-2024-12", Level: "beleidsregel", Law: "uwv", Ref: "beleidsregel:uwv/BR-2024-12"},
		{Key: "wet:BWBR0002221", Level: "wet", Law: "BWBR0002221", Ref: "jci1.3:c:BWBR0002221"},
		{Key: "wet:BWBR0005537", Level: "wet", Law: "BWBR0005537", Ref: "jci1.3:c:BWBR0005537"},
		{Key: "wet:BWBR0019057", Level: "wet", Law: "BWBR0019057", Ref: "jci1.3:c:BWBR0019057"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("FigureKeys:\n got %+v\nwant %+v", got, want)
	}
}

func TestWithTitle(t *testing.T) {
	r, err := ruleref.Parse("jci1.3:c:BWBR0019057&artikel=76")
	if err != nil {
		t.Fatal(err)
	}
	if got := r.WithTitle().Label(); got != "Wet werk en inkomen naar arbeidsvermogen, art. 76" {
		t.Errorf("label %q", got)
	}
	unknown, _ := ruleref.Parse("jci1.3:c:BWBR0099999&artikel=1")
	if got := unknown.WithTitle().Label(); got != "BWBR0099999 art. 1" {
		t.Errorf("label of an unknown law %q", got)
	}
}
