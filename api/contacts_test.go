package api_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/api"
	"github.com/schakel-nl/schakel/store/storetest"
)

// contactLoginNeeded are the operations of contact points and grouping
// that need a login; TestOpenAPIDocument holds their security and their
// 401 and 403 to it.
var contactLoginNeeded = []string{"addContact", "retireContact", "setGrouping"}

const validContact = `{"functie": "Politiek accountmanager", "email": "kamerzaken@uwv.example", "telefoon": "+31 20 751 0000", "onderwerpen": "WIA en WW", "kamercommissies": ["Sociale Zaken en Werkgelegenheid"]}`

// checkContactResponses is the part of TestResponsesConformToOpenAPI for
// contact points, committees and grouping: it reaches every documented
// 2xx and error through check.
func checkContactResponses(t *testing.T, e *env, check func(method, path, body string, u *schakel.User, wantStatus int) *httptest.ResponseRecorder) {
	t.Helper()
	huge := `{"functie": "` + strings.Repeat("x", 1<<20) + `"}`
	in := "/api/v1/organisaties/min-szw/indeling"
	check("PUT", in, `{"kamercommissie": "Sociale Zaken en Werkgelegenheid"}`, e.admin, 200)
	check("PUT", "/api/v1/organisaties/uwv/indeling", `{"opgave": "Bestaanszekerheid"}`, e.admin, 200)
	check("PUT", in, `{"opgave": 1, "x": 2}`, e.admin, 400)
	check("PUT", in, `{}`, nil, 401)
	check("PUT", in, `{}`, e.prof, 403)
	check("PUT", "/api/v1/organisaties/nee/indeling", `{}`, e.admin, 404)
	check("PUT", in, huge, e.admin, 413)

	cs := "/api/v1/organisaties/uwv/contactpersonen"
	c := decodeJSON[api.Contact](t, check("POST", cs, validContact, e.admin, 201).Body.Bytes())
	check("POST", cs, `{"functie": 1}`, e.admin, 400)
	check("POST", cs, validContact, nil, 401)
	check("POST", cs, validContact, e.prof, 403)
	check("POST", "/api/v1/organisaties/nee/contactpersonen", validContact, e.admin, 404)
	check("POST", cs, huge, e.admin, 413)
	check("GET", cs, "", nil, 200)
	check("GET", cs+"?ingetrokken=true", "", nil, 200)
	check("GET", cs+"?ingetrokken=x", "", nil, 400)
	check("GET", "/api/v1/organisaties/nee/contactpersonen", "", nil, 404)
	one := fmt.Sprintf("%s/%d", cs, c.ID)
	check("GET", one, "", nil, 200)
	check("GET", cs+"/999", "", nil, 404)
	check("GET", "/api/v1/kamercommissies", "", nil, 200)
	retire := one + "/intrekkingen"
	check("POST", retire, `{"x": 1}`, e.admin, 400)
	check("POST", retire, "", nil, 401)
	check("POST", retire, "", e.prof, 403)
	check("POST", cs+"/999/intrekkingen", "", e.admin, 404)
	check("POST", retire, huge, e.admin, 413)
	check("POST", retire, "", e.admin, 200)
	check("POST", retire, "{}", e.admin, 409)
}

// TestContactsBadInput sends the contact and grouping endpoints bad bodies
// on every backend: each answer is problem+json naming every invalid
// field at once, and nothing is stored.
func TestContactsBadInput(t *testing.T) {
	for _, b := range storetest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			e := newEnvOn(t, b.Open)
			e.t = t
			wantOK := func(rec *httptest.ResponseRecorder, status int) {
				t.Helper()
				if rec.Code != status {
					t.Fatalf("status %d, want %d: %s", rec.Code, status, rec.Body)
				}
			}
			wantOK(e.do("PUT", "/api/v1/organisaties/min-szw/indeling", `{"kamercommissie": "Sociale Zaken en Werkgelegenheid"}`, e.admin), 200)
			cs := "/api/v1/organisaties/uwv/contactpersonen"
			for _, c := range []struct {
				name, path, body string
				fields           []string
			}{
				{"every field", cs, `{"functie": " ", "email": "Jan Jansen <jan@uwv.example>", "telefoon": "bel maar", "onderwerpen": 7, "kamercommissies": ["Onbekend", "", "Onbekend"], "naam": "Jan"}`,
					[]string{"functie", "email", "telefoon", "onderwerpen", "kamercommissies[0]", "kamercommissies[1]", "kamercommissies[2]", "naam"}},
				{"missing", cs, `{}`, []string{"functie", "email", "kamercommissies"}},
				{"wrong types", cs, `{"functie": 1, "email": [], "telefoon": {}, "kamercommissies": "Financiën"}`, []string{"functie", "email", "telefoon", "kamercommissies"}},
				{"a person's address", cs, strings.Replace(validContact, "kamerzaken@", "j.jansen@", 1), []string{"email"}},
				{"a ministry", "/api/v1/organisaties/min-szw/contactpersonen", validContact, []string{"organisatie"}},
				{"grouping", "/api/v1/organisaties/uwv/indeling", `{"kamercommissie": "Financiën", "opgave": "` + strings.Repeat("o", 201) + `", "x": 1}`,
					[]string{"kamercommissie", "opgave", "x"}},
			} {
				t.Run(c.name, func(t *testing.T) {
					method := "POST"
					if strings.HasSuffix(c.path, "/indeling") {
						method = "PUT"
					}
					rec := e.do(method, c.path, c.body, e.admin)
					if ct := rec.Header().Get("Content-Type"); ct != "application/problem+json" {
						t.Errorf("Content-Type %q", ct)
					}
					wantProblem(t, rec, http.StatusBadRequest, c.fields...)
				})
			}
			list := decodeJSON[api.ContactList](t, e.do("GET", cs+"?ingetrokken=true", "", nil).Body.Bytes())
			if len(list.Results) != 0 {
				t.Fatalf("refused contact points stored: %+v", list.Results)
			}
			o := decodeJSON[api.Organisation](t, e.do("GET", "/api/v1/organisaties/uwv", "", nil).Body.Bytes())
			if o.Committee != "" || o.Task != "" {
				t.Fatalf("refused grouping stored: %+v", o)
			}
		})
	}
}

// TestCommittees follows a contact point from adding to retiring in the
// list of committees, on every backend.
func TestCommittees(t *testing.T) {
	for _, b := range storetest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			e := newEnvOn(t, b.Open)
			e.t = t
			for _, code := range []string{"min-szw", "min-bzk"} {
				if rec := e.do("PUT", "/api/v1/organisaties/"+code+"/indeling", `{"kamercommissie": "Sociale Zaken en Werkgelegenheid"}`, e.admin); rec.Code != 200 {
					t.Fatalf("%s: %d %s", code, rec.Code, rec.Body)
				}
			}
			rec := e.do("POST", "/api/v1/organisaties/svb/contactpersonen", strings.Replace(validContact, "kamerzaken@uwv", "kamer@svb", 1), e.svbAdmin)
			if rec.Code != 201 || rec.Header().Get("Location") == "" {
				t.Fatalf("add: %d %s", rec.Code, rec.Body)
			}
			c := decodeJSON[api.Contact](t, rec.Body.Bytes())
			list := decodeJSON[api.CommitteeList](t, e.do("GET", "/api/v1/kamercommissies", "", nil).Body.Bytes())
			if len(list.Results) != 1 || !slices.Equal(list.Results[0].Ministries, []string{"min-bzk", "min-szw"}) || len(list.Results[0].Contacts) != 1 ||
				list.Results[0].Contacts[0].Organisation != "svb" || list.Results[0].Contacts[0].Email != "kamer@svb.example" {
				t.Fatalf("committees %+v", list)
			}
			// The professional of uwv may not retire svb's contact point.
			retire := fmt.Sprintf("/api/v1/organisaties/svb/contactpersonen/%d/intrekkingen", c.ID)
			if rec := e.do("POST", retire, "", e.prof); rec.Code != 403 {
				t.Fatalf("professional retires: %d", rec.Code)
			}
			if rec := e.do("POST", fmt.Sprintf("/api/v1/organisaties/uwv/contactpersonen/%d/intrekkingen", c.ID), "", e.admin); rec.Code != 404 {
				t.Fatalf("retired through another organisation: %d", rec.Code)
			}
			if rec := e.do("POST", retire, "", e.svbAdmin); rec.Code != 200 {
				t.Fatalf("retire: %d %s", rec.Code, rec.Body)
			}
			list = decodeJSON[api.CommitteeList](t, e.do("GET", "/api/v1/kamercommissies", "", nil).Body.Bytes())
			if len(list.Results) != 1 || len(list.Results[0].Contacts) != 0 {
				t.Fatalf("a retired contact point is listed: %+v", list)
			}
			all := decodeJSON[api.ContactList](t, e.do("GET", "/api/v1/organisaties/svb/contactpersonen?ingetrokken=true", "", nil).Body.Bytes())
			if len(all.Results) != 1 || all.Results[0].RetiredAt == "" {
				t.Fatalf("the retired contact point is not kept: %+v", all)
			}
		})
	}
}
