package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// gen makes inputs from schemas: values valid by the schema (from its
// examples and enums and from a pool of the demo world's real codes, so
// that many reach past validation), then mutated.
type gen struct {
	rng *rand.Rand
}

// pools of plausible values; the demo world has these organisations,
// principles and rules, and ids up to a few hundred.
var (
	codePool = []string{"uwv", "svb", "politie", "gemeente-eindhoven", "min-szw", "min-jenv", "min-bzk", "tweede-kamer",
		"evenredigheid", "zorgvuldigheid", "rechtszekerheid", "legaliteit", "professional", "coordinator", "bestuur", "beleid", "verzoek", "noodrem-professional"}
	textPool = []string{"Terugvordering WIA-voorschot", "Onevenredig voor mensen zonder buffer.", "jci1.3:c:BWBR0019057&artikel=76",
		"Wet WIA artikel 76", "https://wetten.overheid.nl/BWBR0019057/#Artikel76", "uwv", "evenredigheid", "2026-05-13", "a", ""}
	oddSegments = []string{"0", "-1", "99999999999999999999", "abc", "%00", "%FF", "%C3%28", "%2e%2e", "%20", strings.Repeat("9", 300),
		strings.Repeat("x", 5000), "1.5", "1e3", "%EF%BF%BF", "%F0%9F%98%80", "%E2%80%AE"}
	badStrings = []string{"\x00", "a\x00b", "\u0000", strings.Repeat("é", 3000), "<script>alert(1)</script>", "' OR 1=1 --", "\u202e", "\ufeff", "%s%n", "💥"}
)

// badUTF8Mark stands in a generated value for bytes that are not UTF-8;
// encoding/json cannot write them, so they are put into the encoded body.
const badUTF8Mark = "\u0001BADUTF8\u0001"

// value returns a value for s, valid by it as far as the generator knows.
func (g *gen) value(ref *openapi3.SchemaRef, depth int) any {
	if ref == nil || ref.Value == nil || depth > 8 {
		return nil
	}
	s := ref.Value
	switch {
	case s.Example != nil && g.rng.IntN(3) == 0:
		return s.Example
	case len(s.Enum) > 0:
		return s.Enum[g.rng.IntN(len(s.Enum))]
	case len(s.OneOf) > 0:
		return g.value(s.OneOf[g.rng.IntN(len(s.OneOf))], depth+1)
	case len(s.AnyOf) > 0:
		return g.value(s.AnyOf[g.rng.IntN(len(s.AnyOf))], depth+1)
	case len(s.AllOf) > 0:
		m := map[string]any{}
		for _, r := range s.AllOf {
			if sub, ok := g.value(r, depth+1).(map[string]any); ok {
				for k, v := range sub {
					m[k] = v
				}
			}
		}
		return m
	}
	t := s.Type
	switch {
	case t.Is("object") || len(s.Properties) > 0:
		return g.object(s, depth)
	case t.Is("array"):
		n := int(s.MinItems) + g.rng.IntN(3)
		if s.MaxItems != nil && n > int(*s.MaxItems) {
			n = int(*s.MaxItems)
		}
		a := make([]any, n)
		for i := range a {
			a[i] = g.value(s.Items, depth+1)
		}
		return a
	case t.Is("integer"):
		lo := 0.0
		if s.Min != nil {
			lo = *s.Min
		}
		return int64(lo) + int64(g.rng.IntN(300))
	case t.Is("number"):
		return g.rng.Float64() * 1000
	case t.Is("boolean"):
		return g.rng.IntN(2) == 0
	}
	return g.str(s)
}

// object fills the required properties and about half of the others.
func (g *gen) object(s *openapi3.Schema, depth int) map[string]any {
	m := map[string]any{}
	for _, name := range slices.Sorted(func(yield func(string) bool) {
		for k := range s.Properties {
			if !yield(k) {
				return
			}
		}
	}) {
		if slices.Contains(s.Required, name) || g.rng.IntN(2) == 0 {
			m[name] = g.value(s.Properties[name], depth+1)
		}
	}
	return m
}

// str returns a string for s: an example, a date, a code or a text.
func (g *gen) str(s *openapi3.Schema) string {
	var v string
	switch {
	case s.Format == "date":
		v = fmt.Sprintf("2026-%02d-%02d", 1+g.rng.IntN(12), 1+g.rng.IntN(28))
	case s.Format == "date-time":
		v = fmt.Sprintf("2026-%02d-%02dT10:00:00Z", 1+g.rng.IntN(12), 1+g.rng.IntN(28))
	case s.Example != nil:
		v = fmt.Sprint(s.Example)
	case s.Pattern != "":
		v = codePool[g.rng.IntN(len(codePool))]
	default:
		v = textPool[g.rng.IntN(len(textPool))]
	}
	if s.MaxLength != nil && uint64(len(v)) > *s.MaxLength {
		v = v[:*s.MaxLength]
	}
	return v
}

// mutation names what an input does wrong; "valid" does nothing wrong.
var mutations = []string{"valid", "valid", "valid", "wrong-type", "missing-field", "huge-string", "nul", "invalid-utf8", "lone-surrogate",
	"extra-field", "bad-string", "not-json", "null-body", "array-body", "wrong-content-type", "odd-path", "odd-query"}

// mutate changes a generated body value; it returns the value to encode.
func (g *gen) mutate(v any, m string) any {
	switch m {
	case "wrong-type":
		return g.atLeaf(v, func(any) any {
			return []any{42, "tekst", true, nil, map[string]any{"x": 1}, []any{1, "a"}, -1.5, 1e300}[g.rng.IntN(8)]
		})
	case "missing-field":
		return g.dropKey(v)
	case "huge-string":
		n := []int{5000, 70000, 300000, 1100000}[g.rng.IntN(4)]
		return g.atLeaf(v, func(any) any { return strings.Repeat("x", n) })
	case "nul":
		return g.atLeaf(v, func(old any) any { return fmt.Sprint(old) + "\x00" })
	case "invalid-utf8":
		return g.atLeaf(v, func(old any) any { return fmt.Sprint(old) + badUTF8Mark })
	case "lone-surrogate":
		return g.atLeaf(v, func(old any) any { return fmt.Sprint(old) + badUTF8Mark + "S" })
	case "extra-field":
		if o, ok := v.(map[string]any); ok {
			o["onbekendVeld"] = "x"
		}
	case "bad-string":
		return g.atLeaf(v, func(any) any { return badStrings[g.rng.IntN(len(badStrings))] })
	}
	return v
}

// atLeaf replaces one value in v, chosen at random, by f of it.
func (g *gen) atLeaf(v any, f func(any) any) any {
	switch t := v.(type) {
	case map[string]any:
		if len(t) == 0 {
			return f(t)
		}
		keys := slices.Sorted(func(yield func(string) bool) {
			for k := range t {
				if !yield(k) {
					return
				}
			}
		})
		k := keys[g.rng.IntN(len(keys))]
		if g.rng.IntN(3) == 0 {
			t[k] = f(t[k])
		} else {
			t[k] = g.atLeaf(t[k], f)
		}
		return t
	case []any:
		if len(t) == 0 || g.rng.IntN(3) == 0 {
			return f(t)
		}
		i := g.rng.IntN(len(t))
		t[i] = g.atLeaf(t[i], f)
		return t
	}
	return f(v)
}

// dropKey removes one key of an object, or of an object inside it.
func (g *gen) dropKey(v any) any {
	if o, ok := v.(map[string]any); ok && len(o) > 0 {
		for k := range o { // map order is random enough here
			if sub, ok := o[k].(map[string]any); ok && g.rng.IntN(3) == 0 {
				g.dropKey(sub)
			} else {
				delete(o, k)
			}
			break
		}
	}
	return v
}

// encode writes v as JSON and puts the invalid bytes in place of their mark.
func encode(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		return []byte("{")
	}
	mark, _ := json.Marshal(badUTF8Mark)
	mark = mark[1 : len(mark)-1]
	b = bytes.ReplaceAll(b, append(slices.Clone(mark), 'S'), []byte(`\ud800`))
	return bytes.ReplaceAll(b, mark, []byte("\xff\xfe"))
}

// segment returns a value for a path parameter: mostly a plausible one
// (an id of the demo world or a code), sometimes an odd one.
func (g *gen) segment(p *openapi3.Parameter, odd bool) string {
	if odd {
		return oddSegments[g.rng.IntN(len(oddSegments))]
	}
	if p.Schema != nil && p.Schema.Value != nil {
		s := p.Schema.Value
		if s.Type.Is("integer") {
			return fmt.Sprint(1 + g.rng.IntN(400))
		}
		if len(s.Enum) > 0 {
			return fmt.Sprint(s.Enum[g.rng.IntN(len(s.Enum))])
		}
		if s.Example != nil && g.rng.IntN(2) == 0 {
			return fmt.Sprint(s.Example)
		}
	}
	return codePool[g.rng.IntN(len(codePool))]
}
