package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"reflect"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/schakel-nl/schakel"
)

// MaxBodyBytes is the largest request body the API reads.
const MaxBodyBytes = 1 << 20

// decode reads the JSON body of r into dst, a pointer to a struct, and
// reports every problem with it at once: each unknown or repeated field, each
// field of the wrong type (also inside nested objects and arrays). Problems
// with fields go into v, in the order they appear in the body, so the handler
// can add its own checks and answer with all invalid fields in one 400. A
// body that is empty, too large, not JSON or of another media type is
// returned as an error straight away.
func decode(r *http.Request, dst any, v *schakel.Validation) error {
	return decodeBody(r, dst, v, false)
}

// decodeOptional is decode for endpoints whose body may be left out, such
// as an action without parameters: an empty body leaves dst alone, anything
// else must be valid JSON for dst.
func decodeOptional(r *http.Request, dst any, v *schakel.Validation) error {
	return decodeBody(r, dst, v, true)
}

func decodeBody(r *http.Request, dst any, v *schakel.Validation, optional bool) error {
	var body []byte
	if r.Body != nil {
		b, err := io.ReadAll(http.MaxBytesReader(nil, r.Body, MaxBodyBytes))
		if err != nil {
			if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
				return schakel.Errorf(schakel.ETOOLARGE, "Het verzoek is groter dan %d bytes (1 MiB).", MaxBodyBytes)
			}
			return schakel.Errorf(schakel.EINVALID, "Het verzoek kon niet gelezen worden.")
		}
		body = b
	}
	if len(bytes.TrimSpace(body)) == 0 {
		if optional {
			return nil
		}
		return &schakel.Error{Code: schakel.EINVALID, Message: "Het verzoek heeft geen inhoud; stuur een JSON-object.",
			Fields: []schakel.FieldError{{Field: "body", Code: "empty", Format: "Stuur een JSON-object."}}}
	}
	// The media type is checked only when there is a body: a client that
	// sends nothing need not say what kind of nothing it is.
	if ct := r.Header.Get("Content-Type"); ct != "" {
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil || (mt != "application/json" && !strings.HasSuffix(mt, "+json")) {
			return &schakel.Error{Code: schakel.EINVALID, Message: "Stuur de gegevens als JSON (Content-Type: application/json).",
				Fields: []schakel.FieldError{{Field: "Content-Type", Code: "media_type", Format: "Verwacht application/json, niet %q.", Args: []any{ct}}}}
		}
	}
	if !json.Valid(body) {
		return &schakel.Error{Code: schakel.EINVALID, Message: "Het verzoek is geen geldige JSON.",
			Fields: []schakel.FieldError{{Field: "body", Code: "syntax", Format: "%s", Args: []any{syntaxMessage(body)}}}}
	}
	rv := reflect.ValueOf(dst).Elem()
	if rv.Kind() == reflect.Struct {
		if _, ok := objectMembers(body); !ok {
			// Without an object there are no fields to check, and "naam is
			// verplicht" next to "stuur een object" would only confuse.
			return &schakel.Error{Code: schakel.EINVALID, Message: "Het verzoek is geen JSON-object.",
				Fields: []schakel.FieldError{{Field: "body", Code: "type", Format: "Verwacht een object."}}}
		}
	}
	decodeValue(json.RawMessage(body), rv, "", v)
	return nil
}

// syntaxMessage says where the JSON breaks, in Dutch.
func syntaxMessage(body []byte) string {
	var x any
	err := json.Unmarshal(body, &x)
	if se, ok := errors.AsType[*json.SyntaxError](err); ok {
		return fmt.Sprintf("Ongeldige JSON bij teken %d.", se.Offset)
	}
	return "Ongeldige JSON."
}

var timeType = reflect.TypeFor[time.Time]()

// decodeValue decodes raw into rv, recursing into structs and slices so that
// unknown and mistyped fields are named with their full path ("regels[1].artikel").
func decodeValue(raw json.RawMessage, rv reflect.Value, path string, v *schakel.Validation) {
	t := rv.Type()
	switch {
	case t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.Struct && t.Elem() != timeType:
		if string(bytes.TrimSpace(raw)) == "null" {
			return
		}
		p := reflect.New(t.Elem())
		decodeValue(raw, p.Elem(), path, v)
		rv.Set(p)
	case t.Kind() == reflect.Struct && t != timeType:
		members, ok := objectMembers(raw)
		if !ok {
			v.Add(nameOr(path, "body"), "type", "Verwacht een object.")
			return
		}
		fields := jsonFields(t)
		seen := make(map[string]bool, len(members))
		for _, m := range members {
			name := join(path, m.key)
			if seen[m.key] {
				// encoding/json would silently keep the last one; a client
				// that sends a field twice has made a mistake worth naming.
				v.Add(name, "duplicate", "Dit veld staat meer dan één keer in het verzoek.")
				continue
			}
			seen[m.key] = true
			idx, ok := fields[m.key]
			if !ok {
				v.Add(name, "unknown", "Onbekend veld; zie de OpenAPI-beschrijving voor de velden.")
				continue
			}
			decodeValue(m.value, rv.Field(idx), name, v)
		}
	case t.Kind() == reflect.Slice && t.Elem().Kind() != reflect.Uint8:
		var items []json.RawMessage
		if err := json.Unmarshal(raw, &items); err != nil {
			v.Add(nameOr(path, "body"), "type", "Verwacht een lijst.")
			return
		}
		if items == nil { // null
			return
		}
		out := reflect.MakeSlice(t, len(items), len(items))
		for i, item := range items {
			name := fmt.Sprintf("%s[%d]", path, i)
			if t.Elem().Kind() != reflect.Pointer && string(bytes.TrimSpace(item)) == "null" {
				// A null field means "not given", but a null in a list is
				// a hole that the handler would read as a zero value.
				v.Add(name, "type", "Verwacht %s, niet null.", typeName(t.Elem()))
				continue
			}
			decodeValue(item, out.Index(i), name, v)
		}
		rv.Set(out)
	default:
		if rv.Kind() == reflect.String && !utf8.Valid(raw) {
			// encoding/json would quietly put U+FFFD for the bad bytes;
			// the client is told instead, as for a NUL.
			v.Add(nameOr(path, "body"), "utf8", "Tekst die geen geldige UTF-8 is kan niet worden verwerkt.")
			return
		}
		if err := json.Unmarshal(raw, rv.Addr().Interface()); err != nil {
			v.Add(nameOr(path, "body"), "type", "Verwacht %s.", typeName(t))
			return
		}
		if rv.Kind() == reflect.String && strings.ContainsRune(rv.String(), 0) {
			// PostgreSQL can neither store nor compare text with a NUL
			// character: named here, for every endpoint, it never reaches
			// a service or the store.
			v.Add(nameOr(path, "body"), "nul", "Tekst met een NUL-teken (\\u0000) kan niet worden opgeslagen.")
			rv.SetString("")
		}
	}
}

// member is one name/value pair of a JSON object.
type member struct {
	key   string
	value json.RawMessage
}

// objectMembers returns the members of the JSON object raw in the order they
// appear, with repeated names kept, so that problems are reported in the
// client's order and duplicates can be found. It reports false when raw is
// not an object. raw must be valid JSON.
func objectMembers(raw json.RawMessage) ([]member, bool) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	tok, err := dec.Token()
	if d, ok := tok.(json.Delim); err != nil || !ok || d != '{' {
		return nil, false
	}
	var ms []member
	for dec.More() {
		tok, err := dec.Token()
		key, ok := tok.(string)
		if err != nil || !ok {
			return nil, false
		}
		var val json.RawMessage
		if err := dec.Decode(&val); err != nil {
			return nil, false
		}
		ms = append(ms, member{key: key, value: val})
	}
	return ms, true
}

// jsonFields maps the JSON names of t's exported fields to their index.
func jsonFields(t reflect.Type) map[string]int {
	m := make(map[string]int, t.NumField())
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		m[name] = i
	}
	return m
}

func typeName(t reflect.Type) string {
	if t == timeType {
		return "een datum-tijd in ISO 8601, zoals 2026-04-01T12:00:00Z"
	}
	switch t.Kind() {
	case reflect.String:
		return "tekst"
	case reflect.Bool:
		return "true of false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "een geheel getal"
	case reflect.Float32, reflect.Float64:
		return "een getal"
	case reflect.Pointer:
		return typeName(t.Elem())
	}
	return "een waarde van het juiste type"
}

func join(path, key string) string {
	if key == "" {
		key = `""` // an empty name must still be visible in invalidParams
	}
	if path == "" {
		return key
	}
	return path + "." + key
}

func nameOr(path, def string) string {
	if path == "" {
		return def
	}
	return path
}

// invalidFields returns the set of field names v holds problems for, so a
// handler can skip checks on a field decode already rejected and not name
// one mistake twice.
func invalidFields(v *schakel.Validation) map[string]bool {
	set := map[string]bool{}
	for _, f := range schakel.ErrorFields(v.Err()) {
		set[f.Field] = true
	}
	return set
}

// mergeNew adds the fields of err, an EINVALID error of a domain Validate,
// to v, leaving out fields v already names: a number sent as "naam" is one
// mistake ("verwacht tekst"), not two ("verwacht tekst" and "verplicht").
// Other errors are returned unchanged.
func mergeNew(v *schakel.Validation, err error) error {
	if err == nil {
		return nil
	}
	e, ok := errors.AsType[*schakel.Error](err)
	if !ok || e.Code != schakel.EINVALID {
		return err
	}
	if len(e.Fields) == 0 {
		v.Add("body", "invalid", "%s", e.Message)
		return nil
	}
	have := invalidFields(v)
	for _, f := range e.Fields {
		if !have[f.Field] {
			v.Add(f.Field, f.Code, f.Format, f.Args...)
		}
	}
	return nil
}

// decodeForService decodes r's body into dst for an endpoint whose service
// decides who may act before it looks at the input (decision 0012). It
// returns the problems to hand the service: the fields decode found wrong
// and, when decode refused the body as a whole (empty, not JSON, too large,
// of another media type), that refusal as a problem of "body", returned as
// it was in bodyErr too. So the service refuses whoever may not act before
// they learn anything from the body's mistakes, nothing is stored, and
// orBodyError then tells the others what was wrong with the body.
func decodeForService(r *http.Request, dst any, optional bool) (problems []schakel.FieldError, bodyErr error) {
	var v schakel.Validation
	bodyErr = decodeBody(r, dst, &v, optional)
	if bodyErr == nil {
		return v.Fields(), nil
	}
	problems = schakel.ErrorFields(bodyErr)
	if len(problems) == 0 {
		problems = []schakel.FieldError{{Field: "body", Code: "unreadable", Format: "%s", Args: []any{bodyErr.Error()}}}
	}
	return problems, bodyErr
}

// orBodyError is what an endpoint answers after its service returned err
// for a body decodeForService returned bodyErr for: a refusal of the input
// is bodyErr when there is one, with its own message and status; anything
// else is err.
func orBodyError(err, bodyErr error) error {
	if bodyErr != nil && (err == nil || schakel.ErrorCode(err) == schakel.EINVALID) {
		return bodyErr
	}
	return err
}
