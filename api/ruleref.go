package api

import (
	"errors"
	"net/http"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/respond"
	"github.com/schakel-nl/schakel/ruleref"
)

// ruleRefInput is the body of POST /api/v1/regelverwijzingen/validaties:
// either the text form in verwijzing, or the structured fields of a
// ruleref.Ref, never both. Reference is a pointer so that an empty
// verwijzing ("") is told apart from none.
type ruleRefInput struct {
	Reference    *string `json:"verwijzing"`
	Kind         string  `json:"soort"`
	BWB          string  `json:"bwbId"`
	Chapter      string  `json:"hoofdstuk"`
	Article      string  `json:"artikel"`
	Paragraph    string  `json:"lid"`
	Item         string  `json:"onderdeel"`
	Organisation string  `json:"organisatie"`
	PolicyID     string  `json:"beleidsregelId"`
	Title        string  `json:"titel"`
}

// structuredFields are the JSON names of the structured form.
var structuredFields = []string{"soort", "bwbId", "hoofdstuk", "artikel", "lid", "onderdeel", "organisatie", "beleidsregelId", "titel"}

// RuleRef is a valid rule reference with its renderings: the fields of
// ruleref.Ref, the JCI string and wetten.overheid.nl link of a law (absent
// for a policy rule), a label for people and the canonical text form that
// the text input accepts back.
type RuleRef struct {
	ruleref.Ref
	JCI   string `json:"jci,omitempty"`
	URL   string `json:"url,omitempty"`
	Label string `json:"label"`
	Text  string `json:"tekst"`
}

// ValidateRuleRef serves POST /api/v1/regelverwijzingen/validaties. It
// stores nothing: it checks a reference the way schakel will when the
// reference is cited, and returns its canonical form, so a client can check
// its input before it files anything that cites the rule.
//
// Problems with the text form are all named "verwijzing", the field the
// client sent, even where ruleref.Parse blames one part (bwbId, artikel,
// …); the reason says which part is wrong.
func (h *Handler) ValidateRuleRef(w http.ResponseWriter, r *http.Request) error {
	var in ruleRefInput
	var v schakel.Validation
	if err := decode(r, &in, &v); err != nil {
		return err
	}
	bad := invalidFields(&v)
	text := in.Reference != nil || bad["verwijzing"]
	structured := false
	for i, value := range []string{in.Kind, in.BWB, in.Chapter, in.Article, in.Paragraph, in.Item, in.Organisation, in.PolicyID, in.Title} {
		if value != "" || bad[structuredFields[i]] {
			structured = true
		}
	}
	var ref ruleref.Ref
	switch {
	case text && structured:
		v.Add("verwijzing", "exclusive", "Stuur óf een verwijzing als tekst (verwijzing), óf de losse velden (soort, bwbId, …), niet allebei.")
	case text && !bad["verwijzing"]:
		var err error
		ref, err = ruleref.Parse(*in.Reference)
		for _, f := range schakel.ErrorFields(err) {
			v.Add("verwijzing", f.Code, f.Format, f.Args...)
		}
		if err != nil && len(schakel.ErrorFields(err)) == 0 {
			return err
		}
	case !text:
		ref = ruleref.Ref{
			Kind:         ruleref.Kind(in.Kind),
			BWB:          in.BWB,
			Chapter:      in.Chapter,
			Article:      in.Article,
			Paragraph:    in.Paragraph,
			Item:         in.Item,
			Organisation: in.Organisation,
			PolicyID:     in.PolicyID,
			Title:        in.Title,
		}
		err := ref.Validate()
		if bad["artikel"] {
			// An artikel of the wrong type was sent, so a lid or onderdeel
			// does not lack one.
			err = withoutCode(err, "needsarticle")
		}
		if err := mergeNew(&v, err); err != nil {
			return err
		}
	}
	if err := v.Err(); err != nil {
		return err
	}
	respond.JSON(w, http.StatusOK, RuleRef{Ref: ref, JCI: ref.JCI(), URL: ref.URL(), Label: ref.Label(), Text: ref.String()})
	return nil
}

// withoutCode returns err without the field errors of the given code, or nil
// when none are left.
func withoutCode(err error, code string) error {
	e, ok := errors.AsType[*schakel.Error](err)
	if !ok || len(e.Fields) == 0 {
		return err
	}
	out := *e
	out.Fields = nil
	for _, f := range e.Fields {
		if f.Code != code {
			out.Fields = append(out.Fields, f)
		}
	}
	if len(out.Fields) == 0 {
		return nil
	}
	return &out
}
