package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/authz"
	"github.com/schakel-nl/schakel/comply"
	"github.com/schakel-nl/schakel/requests"
	"github.com/schakel-nl/schakel/signals"
)

// The actions on a knelpunt: putting it to the team, answering its
// current rung (comply: adopt it; explain: per principle why not), and
// merging and splitting while its team has it.

// The id prefixes of the forms of a knelpunt's page, so ids stay unique.
const (
	prefixMerge = "samenvoegen-"
	prefixSplit = "splitsen-"
)

// knelpuntComplyFields are the fields of adopting a knelpunt.
func knelpuntComplyFields() []fieldSpec {
	return []fieldSpec{
		{Name: "wijzigingen", Label: "Wat er gaat veranderen", Description: "Zeg wat u doet met het knelpunt: welke regel of werkwijze verandert er, en hoe?", Kind: kindTextarea, Required: true, Spellcheck: true},
		{Name: "uiterlijk", Label: "Uiterlijk klaar op", Description: "De datum waarop de verandering er is.", Kind: kindDate, Required: true, Autocomplete: "off"},
	}
}

// mergeFields are the fields of merging another knelpunt into this one.
func mergeFields() []fieldSpec {
	return []fieldSpec{{Name: "van", Label: "Knelpunt dat hierin opgaat", Description: "Een open knelpunt van dezelfde organisatie. Zijn signalen komen bij dit knelpunt; het andere knelpunt houdt op.", Kind: kindSelect, Required: true}}
}

// splitFields are the fields of splitting signals off into a new knelpunt.
func splitFields() []fieldSpec {
	return []fieldSpec{
		{Name: "signalen", Label: "Signalen"},
		{Name: "titel", Label: "Titel van het nieuwe knelpunt", Description: "In één regel: welke regel knelt, en voor wie? Noem geen namen.", Required: true, Spellcheck: true},
	}
}

// knelpuntForms adds the forms of d the viewer of pg may use now, each
// filled with the values of act when it is the form of that refused
// action: putting an open knelpunt to the team for its members who may
// file signals; answering for the addressee of the current rung; merging
// and splitting for its coordinators and board while the team has it.
func (h *Handler) knelpuntForms(r *http.Request, pg *page, d *knelpuntPageData, v *signals.View, name func(string) string, act *actionResult) error {
	u, k := pg.User, v.Knelpunt
	if u == nil {
		return nil
	}
	d.Put = v.Member && k.State == schakel.KnelpuntOpen && authz.Can(u, authz.FileSignal, k.OrganisationID) == nil
	if cur := currentRung(v); cur != nil && comply.IsAddressee(cur.Request, u) && cur.Request.State.AwaitsAnswer() {
		for _, g := range cur.Request.Grounds {
			d.Grounds = append(d.Grounds, groundView{Code: g.Principle, Name: name(g.Principle), Text: g.Text})
		}
		d.Comply = newForm(pg.translator, knelpuntComplyFields(), act.valuesFor("comply"))
		d.Explain = newForm(pg.translator, explainFields(d.Grounds), act.valuesFor("explain"))
	}
	if !v.Member || !k.State.TakesSignals(k.Level) || authz.Can(u, authz.ManageKnelpunten, k.OrganisationID) != nil {
		return nil
	}
	others, _, err := h.Signals.List(r.Context(), u, schakel.KnelpuntFilter{OrganisationID: k.OrganisationID, State: schakel.KnelpuntOpen, Limit: 200})
	if err != nil {
		return err
	}
	opts := []option{{Value: "", Label: pg.T("Kies een knelpunt")}}
	for _, o := range others {
		if o.ID != k.ID {
			opts = append(opts, option{Value: strconv.FormatInt(o.ID, 10), Label: pg.T("Knelpunt %d: %s", o.ID, o.Title)})
		}
	}
	if len(opts) > 1 {
		d.Merge = newForm(pg.translator, mergeFields(), act.valuesFor("merge")).withPrefix(prefixMerge)
		d.Merge.SetOptions("van", opts)
	}
	if len(v.Signals) > 1 {
		d.Split = newForm(pg.translator, splitFields(), act.valuesFor("split")).withPrefix(prefixSplit)
	}
	return nil
}

// splitChoices are the checkboxes of the signals that may leave for a new
// knelpunt; call it after the errors are on the form.
func splitChoices(pg *page, f *form, sigs []*schakel.Signal) choiceGroup {
	g := choiceGroup{Field: f.Field("signalen"), Type: "checkbox", Legend: pg.T("Welke signalen worden een eigen knelpunt?"),
		Description: pg.T("Kies een of meer signalen, maar niet allemaal.")}
	chosen := map[string]bool{}
	for _, s := range f.values["signalen"] {
		chosen[s] = true
	}
	for _, s := range sigs {
		id := strconv.FormatInt(s.ID, 10)
		g.Choices = append(g.Choices, choiceView{ID: prefixSplit + "signaal-" + id, Value: id, Label: pg.T("Signaal %d: %s", s.ID, s.Title), Checked: chosen[id]})
	}
	return g
}

// currentRung returns the rung that the knelpunt's current request is,
// or nil.
func currentRung(v *signals.View) *signals.RungView {
	for i := range v.Rungs {
		if rv := &v.Rungs[i]; v.Knelpunt.RequestID != 0 && rv.Rung.RequestID == v.Knelpunt.RequestID && rv.Request != nil {
			return rv
		}
	}
	return nil
}

// actionForm returns the form of an action and the field its errors fall
// back to.
func (d *knelpuntPageData) actionForm(name string) (*form, string) {
	switch name {
	case "comply":
		return d.Comply, "wijzigingen"
	case "explain":
		if d.Explain == nil || len(d.Explain.specs) == 0 {
			return nil, ""
		}
		return d.Explain, d.Explain.specs[0].Name
	case "merge":
		return d.Merge, "van"
	case "split":
		return d.Split, "titel"
	}
	return nil, ""
}

// PutKnelpunt puts an open knelpunt to its team; POST
// /knelpunten/{id}/voorleggen.
func (h *Handler) PutKnelpunt(w http.ResponseWriter, r *http.Request) error {
	return h.knelpuntAction(w, r, "put", "voorgelegd", func(ctx context.Context, u *schakel.User, id int64, _ url.Values) (int64, error) {
		_, err := h.Signals.Put(ctx, u, id)
		return id, err
	})
}

// AnswerKnelpunt records the answer of the current rung, for its
// addressee: comply (wijzigingen, uiterlijk) or explain
// (motiveringen.<code> per principle), by the field soort; POST
// /knelpunten/{id}/antwoord.
func (h *Handler) AnswerKnelpunt(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	formName := "comply"
	if r.PostForm.Get("soort") == string(schakel.Explain) {
		formName = "explain"
	}
	return h.knelpuntAction(w, r, formName, "beantwoord", func(ctx context.Context, u *schakel.User, id int64, f url.Values) (int64, error) {
		_, err := h.Signals.Answer(ctx, u, id, answerInput(f))
		return id, err
	})
}

// answerInput reads an answer form (readAnswer); an unknown kind is named
// at the first field of the comply form, where the page can show it.
func answerInput(f url.Values) requests.AnswerInput {
	in := readAnswer(f)
	if in.Kind != schakel.Comply && in.Kind != schakel.Explain {
		var v schakel.Validation
		v.Add("wijzigingen", "enum", "Kies comply of explain.")
		in.Problems = v.Fields()
	}
	return in
}

// MergeKnelpunt merges another open knelpunt of the organisation (the
// field van) into this one; POST /knelpunten/{id}/samenvoegen.
func (h *Handler) MergeKnelpunt(w http.ResponseWriter, r *http.Request) error {
	return h.knelpuntAction(w, r, "merge", "samengevoegd", func(ctx context.Context, u *schakel.User, id int64, f url.Values) (int64, error) {
		from, err := strconv.ParseInt(strings.TrimSpace(f.Get("van")), 10, 64)
		if err != nil || from <= 0 {
			var v schakel.Validation
			v.Add("van", "required", "Kies het knelpunt dat hierin opgaat.")
			return id, v.Err()
		}
		_, err = h.Signals.Merge(ctx, u, id, from)
		return id, err
	})
}

// SplitKnelpunt moves the checked signals into a new knelpunt with the
// title given and goes to it; POST /knelpunten/{id}/splitsen.
func (h *Handler) SplitKnelpunt(w http.ResponseWriter, r *http.Request) error {
	return h.knelpuntAction(w, r, "split", "gesplitst", func(ctx context.Context, u *schakel.User, id int64, f url.Values) (int64, error) {
		in := signals.SplitInput{Title: f.Get("titel")}
		var v schakel.Validation
		for _, s := range f["signalen"] {
			sid, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
			if err != nil || sid <= 0 {
				v.Add("signalen", "invalid", "Kies signalen uit de lijst.")
				break
			}
			in.Signals = append(in.Signals, sid)
		}
		in.Problems = v.Fields()
		nk, err := h.Signals.Split(ctx, u, id, in)
		if err != nil {
			return id, err
		}
		return nk.ID, nil
	})
}

// knelpuntAction runs one action on the knelpunt of the path (see
// pageAction.run); do returns the knelpunt to go to.
func (h *Handler) knelpuntAction(w http.ResponseWriter, r *http.Request, formName, done string,
	do func(ctx context.Context, u *schakel.User, id int64, f url.Values) (int64, error)) error {
	if err := h.needSignals(); err != nil {
		return err
	}
	return pageAction{form: formName, done: done, path: knelpuntPath, render: h.renderKnelpunt}.run(w, r, do)
}
