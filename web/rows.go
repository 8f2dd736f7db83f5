package web

import (
	"net/url"
	"strconv"
	"strings"
)

// addRowField is the name of the submit button under a group of repeated
// blocks (rules, grounds, names, weighings) that asks for one block more;
// its value names the group. A form posted by it is shown again with what
// was typed and one empty block more, without checking anything: the
// person has not asked to send it yet.
const addRowField = "blok-toevoegen"

// addingRow reports whether the form values were posted by an "add a
// block" button, so the handler renders the form again instead of
// validating it.
func addingRow(values url.Values) bool {
	return values != nil && values.Get(addRowField) != ""
}

// shownRows is how many blocks of group a form shows: every block up to
// the last one with something typed in it, at least one, one more when the
// form came back from group's "add a block" button, and never more than
// limit. Blocks are named "<group>[i]" or "<group>[i].<part>".
func shownRows(values url.Values, group string, limit int) int {
	n := 1
	for key, vs := range values {
		rest, ok := strings.CutPrefix(key, group+"[")
		if !ok {
			continue
		}
		idx, _, ok := strings.Cut(rest, "]")
		if !ok {
			continue
		}
		i, err := strconv.Atoi(idx)
		if err != nil || i < 0 || i >= limit || !filled(vs) {
			continue
		}
		n = max(n, i+1)
	}
	if values.Get(addRowField) == group {
		n++
	}
	return min(n, limit)
}

// filled reports whether any of vs has more than white space.
func filled(vs []string) bool {
	for _, v := range vs {
		if strings.TrimSpace(v) != "" {
			return true
		}
	}
	return false
}

// moreRows is the "add a block" button under a group of blocks, for the
// partial "more-rows". Without JavaScript it posts the form back to Action
// and the page comes back at the new block (Next); with htmx it posts the
// same and swaps only the group's fieldset (Target) in place.
type moreRows struct {
	Group  string // the group's form name: the button's value
	Label  string // translated; "" when the group has all its blocks already
	Action string // the form's action
	Target string // the id of the group's fieldset
	Next   string // the id of the block the button adds
	Focus  string // the id of the block just added on this round trip, or ""
}

// newMoreRows is the button under group, which shows shown of limit blocks
// now; labelKey is its Dutch message key. Block ids are rowID(group, i).
func newMoreRows(pg *page, values url.Values, action, group, labelKey string, shown, limit int) moreRows {
	m := moreRows{Group: group, Action: action, Target: fieldID(group), Next: rowID(group, shown)}
	if shown < limit {
		m.Label = pg.T(labelKey)
	}
	if values.Get(addRowField) == group {
		m.Focus = rowID(group, shown-1)
	}
	return m
}

// rowID is the id of the wrapper of block i of group.
func rowID(group string, i int) string { return fieldID(group) + "-blok-" + strconv.Itoa(i+1) }

// growing gives g the blocks of group to show now, at most limit, and the
// button under them that adds one; action is the form's action and
// labelKey the button's Dutch message key. Parts are as for rowsOf.
func (g rowGroup) growing(pg *page, action, labelKey string, limit int, parts ...string) rowGroup {
	group := g.Field.Name
	n := shownRows(g.Form.values, group, limit)
	g.Rows = rowsOf(group, n, parts...)
	g.More = newMoreRows(pg, g.Form.values, action, group, labelKey, n, limit)
	g.More.Target = g.Field.ID
	return g
}

// RowID is the id of the wrapper of block i of the group.
func (g rowGroup) RowID(i int) string { return rowID(g.Field.Name, i) }
