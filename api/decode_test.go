package api

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/respond"
)

// sample is a representative request body: scalars of each kind, optional
// values, lists, nested objects and lists of objects, and an unexported
// field that the decoder must pass over.
//
//lint:ignore U1000 unexposed is never set: it is there for decode to meet
type sample struct {
	Code      string        `json:"code"`
	Count     int           `json:"aantal"`
	Amount    float64       `json:"bedrag"`
	Active    bool          `json:"actief"`
	At        time.Time     `json:"op"`
	Option    *bool         `json:"optie"`
	Note      *string       `json:"notitie"`
	Labels    []string      `json:"labels"`
	Rule      *sampleRule   `json:"regel"`
	Rules     []sampleRule  `json:"regels"`
	RulePtrs  []*sampleRule `json:"regelVerwijzingen"`
	Nested    [][]string    `json:"genest"`
	Raw       []byte        `json:"ruw"`
	Ignored   string        `json:"-"`
	Untagged  string
	unexposed string
}

type sampleRule struct {
	Article   string `json:"artikel"`
	Paragraph *int   `json:"lid"`
	Numbers   []int  `json:"nummers"`
}

func decodeString(t testing.TB, body, contentType string) (sample, *schakel.Validation, error) {
	req := httptest.NewRequest("POST", "/api/v1/x", strings.NewReader(body))
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	var s sample
	var v schakel.Validation
	err := decode(req, &s, &v)
	return s, &v, err
}

func fieldNames(v *schakel.Validation) []string {
	var out []string
	for _, f := range schakel.ErrorFields(v.Err()) {
		out = append(out, f.Field+":"+f.Code)
	}
	return out
}

func TestDecode(t *testing.T) {
	for _, tc := range []struct {
		name, body, contentType string
		errCode                 string   // code of decode's error, "" for none
		fields                  []string // "field:code" in order
	}{
		{name: "valid", body: `{"code": "x", "aantal": 2, "bedrag": 1.5, "actief": true, "op": "2026-04-01T09:00:00Z", "optie": null, "labels": ["a"], "regel": {"artikel": "1", "lid": 2}, "regels": [{"nummers": [1, 2]}], "genest": [["a"], []], "ruw": "AQI=", "Untagged": "u"}`},
		{name: "charset", body: `{}`, contentType: "application/json; charset=utf-8"},
		{name: "json suffix", body: `{}`, contentType: "application/problem+json"},
		{name: "no content type", body: `{}`},
		{name: "text", body: `{}`, contentType: "text/plain", errCode: schakel.EINVALID},
		{name: "bad media type", body: `{}`, contentType: "application/json; =", errCode: schakel.EINVALID},
		{name: "empty", body: "", errCode: schakel.EINVALID},
		{name: "white space", body: " \n\t", errCode: schakel.EINVALID},
		{name: "syntax", body: `{"code": }`, errCode: schakel.EINVALID},
		{name: "array", body: `[]`, errCode: schakel.EINVALID},
		{name: "too large", body: `{"code": "` + strings.Repeat("x", MaxBodyBytes) + `"}`, errCode: schakel.ETOOLARGE},
		{
			name:   "problems in body order, with paths",
			body:   `{"zeta": 1, "code": 5, "regels": [{"artikel": "1"}, {"artikel": 2, "extra": true, "nummers": [1, "twee"]}], "alfa": 2, "regel": {"lid": "1"}, "genest": [["a", 1]]}`,
			fields: []string{"zeta:unknown", "code:type", "regels[1].artikel:type", "regels[1].extra:unknown", "regels[1].nummers[1]:type", "alfa:unknown", "regel.lid:type", "genest[0][1]:type"},
		},
		{name: "duplicate", body: `{"code": "a", "code": "b"}`, fields: []string{"code:duplicate"}},
		{name: "case matters", body: `{"Code": "a"}`, fields: []string{"Code:unknown"}},
		{name: "ignored field is unknown", body: `{"Ignored": "a", "-": "b"}`, fields: []string{"Ignored:unknown", "-:unknown"}},
		{name: "null in a list", body: `{"labels": ["a", null], "regelVerwijzingen": [null]}`, fields: []string{"labels[1]:type"}},
		{name: "object expected", body: `{"regel": [], "regels": [1]}`, fields: []string{"regel:type", "regels[0]:type"}},
		{name: "list expected", body: `{"labels": "a", "genest": [{}]}`, fields: []string{"labels:type", "genest[0]:type"}},
		{name: "number range", body: `{"aantal": 1e400, "bedrag": 1e400}`, fields: []string{"aantal:type", "bedrag:type"}},
		{name: "fraction for integer", body: `{"aantal": 1.5}`, fields: []string{"aantal:type"}},
		{name: "bad time", body: `{"op": "1 april"}`, fields: []string{"op:type"}},
		{name: "bad base64", body: `{"ruw": "!"}`, fields: []string{"ruw:type"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, v, err := decodeString(t, tc.body, tc.contentType)
			if got := schakel.ErrorCode(err); got != tc.errCode {
				t.Fatalf("error code %q (%v), want %q", got, err, tc.errCode)
			}
			if err != nil {
				if len(fieldNames(v)) != 0 {
					t.Errorf("fatal error but fields %v", fieldNames(v))
				}
				return
			}
			if got := strings.Join(fieldNames(v), " "); got != strings.Join(tc.fields, " ") {
				t.Errorf("fields\n got %s\nwant %s", got, strings.Join(tc.fields, " "))
			}
		})
	}
}

func TestDecodeValues(t *testing.T) {
	s, v, err := decodeString(t, `{"code": "x", "optie": false, "notitie": "n", "labels": [], "regel": null, "regels": [{"lid": 3}], "regelVerwijzingen": [{"artikel": "1"}], "Untagged": "u"}`, "")
	if err != nil || !v.Valid() {
		t.Fatal(err, fieldNames(v))
	}
	three := 3
	f := false
	n := "n"
	want := sample{Code: "x", Option: &f, Note: &n, Labels: []string{}, Rules: []sampleRule{{Paragraph: &three}}, RulePtrs: []*sampleRule{{Article: "1"}}, Untagged: "u"}
	if !reflect.DeepEqual(s, want) {
		t.Errorf("got %+v\nwant %+v", s, want)
	}
}

func TestDecodeOptional(t *testing.T) {
	for _, body := range []string{"", "  "} {
		var s struct{}
		var v schakel.Validation
		// The media type of an empty body does not matter.
		req := httptest.NewRequest("POST", "/", strings.NewReader(body))
		req.Header.Set("Content-Type", "text/plain")
		if err := decodeOptional(req, &s, &v); err != nil || !v.Valid() {
			t.Errorf("%q: %v %v", body, err, fieldNames(&v))
		}
	}
	// A request without a body at all, as a client may construct.
	req, _ := http.NewRequest("POST", "/", nil)
	var s struct{}
	var v schakel.Validation
	if err := decodeOptional(req, &s, &v); err != nil {
		t.Error(err)
	}
	if err := decode(req, &s, &v); schakel.ErrorCode(err) != schakel.EINVALID {
		t.Errorf("decode of no body: %v", err)
	}
}

func TestMergeNew(t *testing.T) {
	var v schakel.Validation
	v.Add("naam", "type", "Verwacht tekst.")
	var d schakel.Validation
	d.Add("naam", "required", "Dit veld is verplicht.")
	d.Add("code", "format", "Fout.")
	d.Add("code", "other", "Nog een fout.")
	if err := mergeNew(&v, d.Err()); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(fieldNames(&v), " "); got != "naam:type code:format code:other" {
		t.Errorf("fields %s", got)
	}
	other := schakel.Errorf(schakel.ECONFLICT, "x")
	if err := mergeNew(&v, other); err != other {
		t.Errorf("mergeNew(conflict) = %v", err)
	}
}

// FuzzDecode sends random bodies into a representative nested struct. decode
// must never panic, must fail only as 400 or 413 with named fields, and
// whatever it accepts encoding/json must decode strictly to the same value,
// so the field-by-field walk never invents or loses data.
func FuzzDecode(f *testing.F) {
	for _, seed := range []string{
		`{}`,
		`{"code": "x", "aantal": 2, "bedrag": 1.5, "actief": true, "op": "2026-04-01T09:00:00Z", "optie": null, "labels": ["a"], "regel": {"artikel": "1", "lid": 2}, "regels": [{"nummers": [1, 2]}], "genest": [["a"], []], "ruw": "AQI="}`,
		`{"regels": [{"artikel": 2, "extra": true}], "code": "a", "code": "b"}`,
		`{"labels": [null], "regelVerwijzingen": [null, {}], "regel": null}`,
		`{"aantal": 1e400, "op": "gisteren", "ruw": "!!"}`,
		`[1, 2]`, `null`, `"x"`, `{"a": {"b": {"c": [[[]]]}}}`, `{"code": "\ud800"}`, "{\"code\": \"\xff\"}",
		`{"genest": [[1], "x", null]}`, `{"Code": 1, "CODE": 2}`, ``, ` `, `{`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		req := httptest.NewRequest("POST", "/api/v1/x", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		var s sample
		var v schakel.Validation
		err := decode(req, &s, &v)
		if err != nil {
			if st := respond.Status(err); st != http.StatusBadRequest && st != http.StatusRequestEntityTooLarge {
				t.Fatalf("status %d for %v", st, err)
			}
			return
		}
		for _, fe := range schakel.ErrorFields(v.Err()) {
			if fe.Field == "" || fe.Code == "" || strings.Contains(fe.Reason(), "%!") {
				t.Fatalf("bad field error %+v", fe)
			}
		}
		if st := respond.Status(v.Err()); v.Err() != nil && st != http.StatusBadRequest {
			t.Fatalf("status %d for field problems", st)
		}
		if !v.Valid() {
			return
		}
		var std sample
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&std); err != nil {
			t.Fatalf("decode accepted %q, encoding/json did not: %v", body, err)
		}
		if !reflect.DeepEqual(s, std) {
			t.Fatalf("decode and encoding/json differ for %q:\n%+v\n%+v", body, s, std)
		}
	})
}
