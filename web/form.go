package web

import (
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/schakel-nl/schakel"
)

// Field kinds.
const (
	kindText     = "text"
	kindTextarea = "textarea"
	kindSelect   = "select"
	kindDate     = "date"     // <input type="date">: a browser without a date picker shows a text box for YYYY-MM-DD
	kindNumber   = "number"   // <input type="text" inputmode="numeric">, not type="number" (which changes values on scrolling)
	kindCheckbox = "checkbox" // one checkbox with value "1"
)

// fieldSpec describes one field of a form. Name is the form key, and the
// element id (error summary links point at it) is derived from it (see
// fieldID: "gronden[0].beginsel" has id "gronden-0-beginsel"); Label and
// Description are Dutch message keys.
type fieldSpec struct {
	Name        string
	Label       string
	Description string
	Kind        string // kindText (default), kindTextarea, kindSelect, kindDate, kindNumber or kindCheckbox
	Required    bool
	// RequiredWhen is a Dutch message key saying when an otherwise optional
	// field becomes required ("verplicht bij maatwerk"), so the form says so
	// from the start rather than after a failed submit.
	RequiredWhen string
	Autocomplete string
	Spellcheck   bool // false turns spelling checks off (codes, references)
	// LabelText is a label that is already in the page's language (a
	// principle's name); it replaces Label.
	LabelText string
	// Anchor is the id the error summary links to when it is not the
	// field's own: a group of fields links to its first control.
	Anchor string
}

// fieldID turns a form key into a valid, readable element id: every run of
// characters other than letters, digits, "_" and "-" becomes one "-".
func fieldID(name string) string {
	var b strings.Builder
	dash := false
	for _, c := range name {
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' {
			b.WriteRune(c)
			dash = false
			continue
		}
		if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
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
	prefix  string // put before every element id, when a page has several forms with a field of one name
	specs   []fieldSpec
	values  url.Values
	options map[string][]option
	errs    map[string][]string
	summary []summaryItem
}

// summaryItem is one line of the error summary: a link to the field.
type summaryItem struct {
	ID, Label, Message string
	order              int // position of the field in the form
}

// newForm returns a form of specs with values (nil for an empty form).
func newForm(t translator, specs []fieldSpec, values url.Values) *form {
	if values == nil {
		values = url.Values{}
	}
	return &form{t: t, specs: specs, values: values, options: map[string][]option{}, errs: map[string][]string{}}
}

// withPrefix sets the prefix of the form's element ids and returns f.
func (f *form) withPrefix(p string) *form {
	f.prefix = p
	return f
}

func (f *form) spec(name string) (fieldSpec, bool) {
	for _, s := range f.specs {
		if s.Name == name {
			return s, true
		}
	}
	return fieldSpec{}, false
}

// id returns the element id of the field s.
func (f *form) id(s fieldSpec) string { return f.prefix + fieldID(s.Name) }

// label returns the translated label of s.
func (f *form) label(s fieldSpec) string {
	if s.LabelText != "" {
		return s.LabelText
	}
	return f.t.T(s.Label)
}

// AddError records a translated message for the field name.
func (f *form) AddError(name, message string) {
	s, ok := f.spec(name)
	if !ok {
		s = fieldSpec{Name: name, Label: name}
	}
	f.errs[name] = append(f.errs[name], message)
	anchor := f.id(s)
	if s.Anchor != "" {
		anchor = f.prefix + s.Anchor
	}
	order := len(f.specs)
	for i, sp := range f.specs {
		if sp.Name == s.Name {
			order = i
		}
	}
	f.summary = append(f.summary, summaryItem{ID: anchor, Label: f.label(s), Message: message, order: order})
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

// Errors returns the error summary in the order of the fields on the form,
// so the summary reads like the form (WCAG 1.3.2); errors of one field keep
// the order in which they were found.
func (f *form) Errors() []summaryItem {
	slices.SortStableFunc(f.summary, func(a, b summaryItem) int { return a.order - b.order })
	return f.summary
}

// Value returns the entered value of a field.
func (f *form) Value(name string) string { return f.values.Get(name) }

// Invalid reports whether the field name has errors.
func (f *form) Invalid(name string) bool { return len(f.errs[name]) > 0 }

// SetOptions sets the choices of a select field.
func (f *form) SetOptions(name string, opts []option) { f.options[name] = opts }

// fieldView is what the field partials render.
type fieldView struct {
	ID, Name, Label, Description, Value string
	Kind                                string
	Required, NoSpellcheck              bool
	RequiredWhen                        string // translated: when the field becomes required, or ""
	Autocomplete                        string
	Checked                             bool // a checkbox that is ticked
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

// InputType is the type attribute of an <input> of the field.
func (v fieldView) InputType() string {
	switch v.Kind {
	case kindDate:
		return "date"
	case kindCheckbox:
		return "checkbox"
	}
	return "text"
}

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
		ID:           f.id(s),
		Name:         s.Name,
		Label:        f.label(s),
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
	v.Checked = v.Kind == kindCheckbox && v.Value != "" && v.Value != "0"
	if s.Description != "" {
		v.Description = f.t.T(s.Description)
	}
	if v.Kind == kindDate {
		// The hint matches what a Dutch date picker shows, and what a
		// browser without one lets people type (normalDate accepts it).
		hint := f.t.T("Datum in de vorm dd-mm-jjjj, zoals %s.", "31-03-2026")
		if v.Description != "" {
			hint = v.Description + " " + hint
		}
		v.Description = hint
	}
	if s.RequiredWhen != "" && !s.Required {
		v.RequiredWhen = f.t.T(s.RequiredWhen)
	}
	for _, o := range f.options[s.Name] {
		v.Options = append(v.Options, optionView{Value: o.Value, Label: o.Label, Selected: o.Value == v.Value})
	}
	return v
}

// firstRow returns when for the first of repeated rows (i == 0) and "" for
// the others: only the first row of a group is ever required.
func firstRow(i int, when string) string {
	if i == 0 {
		return when
	}
	return ""
}

// dateFieldNames are the names of the date fields of the forms (kindDate):
// their values are put in ISO form (normalDate) before any handler reads
// them, so "31-03-2026" typed where a browser has no date picker works as
// "2026-03-31" from the picker does.
var dateFieldNames = map[string]bool{
	"datumBesluit": true, "vanaf": true, "tot": true, "van": true, "uiterlijk": true,
	"inwerkingtreding": true, "datum": true, "startdatum": true,
}

// normalDate returns the ISO form (2026-03-31) of a date written the Dutch
// way, day first: "31-03-2026", "31-3-2026", "31/03/2026" or "31.03.2026"
// (surrounding spaces allowed). Anything else, ISO included, comes back
// unchanged, for the service to judge.
func normalDate(s string) string {
	t := strings.TrimSpace(s)
	var parts []string
	for _, sep := range []string{"-", "/", "."} {
		if p := strings.Split(t, sep); len(p) == 3 {
			parts = p
			break
		}
	}
	if parts == nil || len(parts[0]) < 1 || len(parts[0]) > 2 || len(parts[1]) < 1 || len(parts[1]) > 2 || len(parts[2]) != 4 {
		return s
	}
	n := [3]int{}
	for i, p := range parts {
		for _, c := range p {
			if c < '0' || c > '9' {
				return s
			}
			n[i] = n[i]*10 + int(c-'0')
		}
	}
	day, month, year := n[0], n[1], n[2]
	if day < 1 || day > 31 || month < 1 || month > 12 {
		return s
	}
	return fmt.Sprintf("%04d-%02d-%02d", year, month, day)
}

// normalDates puts the date fields of values in ISO form; it reports
// whether it changed any.
func normalDates(values url.Values) bool {
	changed := false
	for name, vs := range values {
		if !dateFieldNames[name] {
			continue
		}
		for i, v := range vs {
			if d := normalDate(v); d != v {
				vs[i] = d
				changed = true
			}
		}
	}
	return changed
}
