package web

import (
	"net/url"
	"strings"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/comply"
	"github.com/schakel-nl/schakel/requests"
)

// A partial answer (deels) on the request page: what the organisation does
// and by when, and what it does not and why, per cited principle. It is a
// form of its own next to comply and explain, so that each stays short and
// works without JavaScript; its element ids carry prefixPartial, as its
// fields share their names with the other two.

// prefixPartial is the id prefix of the partial answer's form.
const prefixPartial = "deels-"

// partialFields are the fields of a partial answer: the done part as a
// comply's, the not-done part a motivation per ground.
func partialFields(grounds []groundView) []fieldSpec {
	specs := []fieldSpec{
		{Name: comply.FieldChanges, Label: "Wat er verandert", Description: "Beschrijf wat uw organisatie wel doet om het verzoek op te volgen.", Kind: kindTextarea, Required: true, Spellcheck: true},
		{Name: comply.FieldByWhen, Label: "Uiterlijk klaar op", Description: "De datum waarop dat deel er is.", Kind: kindDate, Required: true, Autocomplete: "off"},
	}
	for _, g := range grounds {
		specs = append(specs, fieldSpec{Name: comply.FieldMotivations + "." + g.Code, LabelText: g.Name, Label: g.Code,
			Description: "Wat doet uw organisatie op dit beginsel niet, en waarom niet?", Kind: kindTextarea, Required: true, Spellcheck: true})
	}
	return specs
}

// readPartial reads the fields of a partial answer into in: both the done
// part (what changes, by when) and the motivation per principle.
func readPartial(f url.Values, in *requests.AnswerInput) {
	in.Changes = strings.TrimSpace(f.Get(comply.FieldChanges))
	if raw := strings.TrimSpace(f.Get(comply.FieldByWhen)); raw != "" {
		d, err := calendar.ParseDate(raw)
		var v schakel.Validation
		addCalendarError(&v, comply.FieldByWhen, err)
		in.ByWhen, in.Problems = d, v.Fields()
	}
	in.Motivations = map[string]string{}
	for k := range f {
		if code, ok := strings.CutPrefix(k, comply.FieldMotivations+"."); ok {
			in.Motivations[code] = strings.TrimSpace(f.Get(k))
		}
	}
}
