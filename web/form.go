package web

import (
	"net/url"
	"strings"

	"github.com/schakel-nl/schakel"
)

// Field kinds.
const (
	kindText     = "text"
	kindTextarea = "textarea"
	kindSelect   = "select"
)

// fieldSpec describes one field of a form. Name is both the form key and
// the element id (error summary links point at it); Label and Description
// are Dutch message keys.
type fieldSpec struct {
	Name         string
	Label        string
	Description  string
	Kind         string // kindText (default), kindTextarea or kindSelect
	Required     bool
	Autocomplete string
	Spellcheck   bool // false turns spelling checks off (codes, references)
}

// option is one choice of a select; Label is shown as is (translate it
// before).
type option struct {
	Value, Label string
}

// form is a form's fields, the values entered and the errors found, with
// every text translated for the page.
type form struct {
	t       translator
	specs   []fieldSpec
	values  url.Values
	options map[string][]option
	errs    map[string][]string
	summary []summaryItem
}

// summaryItem is one line of the error summary: a link to the field.
type summaryItem struct {
	ID, Label, Message string
}

// newForm returns a form of specs with values (nil for an empty form).
func newForm(t translator, specs []fieldSpec, values url.Values) *form {
	if values == nil {
		values = url.Values{}
	}
	return &form{t: t, specs: specs, values: values, options: map[string][]option{}, errs: map[string][]string{}}
}

func (f *form) spec(name string) (fieldSpec, bool) {
	for _, s := range f.specs {
		if s.Name == name {
			return s, true
		}
	}
	return fieldSpec{}, false
}

// AddError records a translated message for the field name.
func (f *form) AddError(name, message string) {
	s, ok := f.spec(name)
	if !ok {
		s = fieldSpec{Name: name, Label: name}
	}
	f.errs[name] = append(f.errs[name], message)
	f.summary = append(f.summary, summaryItem{ID: name, Label: f.t.T(s.Label), Message: message})
}

// AddFieldErrors translates the field errors of err onto the form. A field
// the form does not show is put on fallback, so every error links to a
// field the visitor can correct. It returns false when err has no field
// errors.
func (f *form) AddFieldErrors(err error, fallback string) bool {
	fields := schakel.ErrorFields(err)
	for _, fe := range fields {
		name := fe.Field
		if _, ok := f.spec(name); !ok {
			name = fallback
		}
		f.AddError(name, f.t.FieldMessage(fe))
	}
	return len(fields) > 0
}

// Errors returns the error summary, in the order the errors were found.
func (f *form) Errors() []summaryItem { return f.summary }

// Value returns the entered value of a field.
func (f *form) Value(name string) string { return f.values.Get(name) }

// SetOptions sets the choices of a select field.
func (f *form) SetOptions(name string, opts []option) { f.options[name] = opts }

// fieldView is what the field partials render.
type fieldView struct {
	ID, Name, Label, Description, Value string
	Kind                                string
	Required, NoSpellcheck              bool
	Autocomplete                        string
	Errors                              []string
	Options                             []optionView
	T                                   translator
}

// optionView is one option of a select, with whether it is chosen.
type optionView struct {
	Value, Label string
	Selected     bool
}

// Invalid reports whether the field has errors.
func (v fieldView) Invalid() bool { return len(v.Errors) > 0 }

// DescriptionID is the id of the field's description element, or "".
func (v fieldView) DescriptionID() string {
	if v.Description == "" {
		return ""
	}
	return v.ID + "-omschrijving"
}

// ErrorID is the id of the field's error message element.
func (v fieldView) ErrorID() string { return v.ID + "-fout" }

// DescribedBy is the value of aria-describedby: the description and the
// error message, when present.
func (v fieldView) DescribedBy() string {
	var ids []string
	if d := v.DescriptionID(); d != "" {
		ids = append(ids, d)
	}
	if v.Invalid() {
		ids = append(ids, v.ErrorID())
	}
	return strings.Join(ids, " ")
}

// Field returns the view of the field name for the "field" partial:
// {{template "field" ($.Form.Field "code")}}.
func (f *form) Field(name string) fieldView {
	s, ok := f.spec(name)
	if !ok {
		s = fieldSpec{Name: name, Label: name}
	}
	v := fieldView{
		ID:           s.Name,
		Name:         s.Name,
		Label:        f.t.T(s.Label),
		Value:        f.values.Get(s.Name),
		Kind:         s.Kind,
		Required:     s.Required,
		NoSpellcheck: !s.Spellcheck,
		Autocomplete: s.Autocomplete,
		Errors:       f.errs[s.Name],
		T:            f.t,
	}
	if v.Kind == "" {
		v.Kind = kindText
	}
	if s.Description != "" {
		v.Description = f.t.T(s.Description)
	}
	for _, o := range f.options[s.Name] {
		v.Options = append(v.Options, optionView{Value: o.Value, Label: o.Label, Selected: o.Value == v.Value})
	}
	return v
}
