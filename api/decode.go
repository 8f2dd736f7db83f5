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

	"github.com/schakel-nl/schakel"
)

// MaxBodyBytes is the largest request body the API reads.
const MaxBodyBytes = 1 << 20

// decode reads the JSON body of r into dst, a pointer to a struct, and
// reports every problem with it at once: each unknown field, each field of
// the wrong type (also inside nested objects and arrays). Problems with
// fields go into v, so the handler can add its own checks and answer with all
// invalid fields in one 400. A body that is too large, not JSON or of another
// media type is returned as an error straight away.
func decode(r *http.Request, dst any, v *schakel.Validation) error {
	if ct := r.Header.Get("Content-Type"); ct != "" {
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil || (mt != "application/json" && !strings.HasSuffix(mt, "+json")) {
			return &schakel.Error{Code: schakel.EINVALID, Message: "Stuur de gegevens als JSON (Content-Type: application/json).",
				Fields: []schakel.FieldError{{Field: "Content-Type", Code: "media_type", Format: "Verwacht application/json, niet %q.", Args: []any{ct}}}}
		}
	}
	body, err := io.ReadAll(http.MaxBytesReader(nil, r.Body, MaxBodyBytes))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return schakel.Errorf(schakel.ETOOLARGE, "Het verzoek is groter dan %d bytes (1 MiB).", MaxBodyBytes)
		}
		return schakel.Errorf(schakel.EINVALID, "Het verzoek kon niet gelezen worden.")
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return &schakel.Error{Code: schakel.EINVALID, Message: "Het verzoek heeft geen inhoud; stuur een JSON-object.",
			Fields: []schakel.FieldError{{Field: "body", Code: "empty", Format: "Stuur een JSON-object."}}}
	}
	if !json.Valid(body) {
		return &schakel.Error{Code: schakel.EINVALID, Message: "Het verzoek is geen geldige JSON.",
			Fields: []schakel.FieldError{{Field: "body", Code: "syntax", Format: "%s", Args: []any{syntaxMessage(body)}}}}
	}
	decodeValue(json.RawMessage(body), reflect.ValueOf(dst).Elem(), "", v)
	return nil
}

// syntaxMessage says where the JSON breaks, in Dutch.
func syntaxMessage(body []byte) string {
	var x any
	err := json.Unmarshal(body, &x)
	var se *json.SyntaxError
	if errors.As(err, &se) {
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
		var obj map[string]json.RawMessage
		if err := json.Unmarshal(raw, &obj); err != nil || obj == nil {
			v.Add(nameOr(path, "body"), "type", "Verwacht een object.")
			return
		}
		fields := jsonFields(t)
		for key, val := range obj {
			idx, ok := fields[key]
			if !ok {
				v.Add(join(path, key), "unknown", "Onbekend veld; zie de OpenAPI-beschrijving voor de velden.")
				continue
			}
			decodeValue(val, rv.Field(idx), join(path, key), v)
		}
	case t.Kind() == reflect.Slice && t.Elem().Kind() != reflect.Uint8:
		var items []json.RawMessage
		if err := json.Unmarshal(raw, &items); err != nil {
			v.Add(path, "type", "Verwacht een lijst.")
			return
		}
		out := reflect.MakeSlice(t, len(items), len(items))
		for i, item := range items {
			decodeValue(item, out.Index(i), fmt.Sprintf("%s[%d]", path, i), v)
		}
		rv.Set(out)
	default:
		if err := json.Unmarshal(raw, rv.Addr().Interface()); err != nil {
			v.Add(path, "type", "Verwacht %s.", typeName(t))
		}
	}
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
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Uint, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "een geheel getal"
	case reflect.Float32, reflect.Float64:
		return "een getal"
	case reflect.Pointer:
		return typeName(t.Elem())
	}
	return "een waarde van het juiste type"
}

func join(path, key string) string {
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
