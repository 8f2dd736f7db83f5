package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/api"
	"github.com/schakel-nl/schakel/store/storetest"
)

// oas is openapi.json as generic JSON.
type oas map[string]any

func loadOAS(t *testing.T) oas {
	t.Helper()
	b, err := os.ReadFile("openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	var d oas
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	return d
}

// resolve follows a local $ref ("#/components/schemas/X"), repeatedly.
func (d oas) resolve(t *testing.T, v any) map[string]any {
	t.Helper()
	m, _ := v.(map[string]any)
	for m != nil {
		ref, ok := m["$ref"].(string)
		if !ok {
			return m
		}
		var cur any = map[string]any(d)
		for _, part := range strings.Split(strings.TrimPrefix(ref, "#/"), "/") {
			cm, _ := cur.(map[string]any)
			cur = cm[part]
		}
		next, ok := cur.(map[string]any)
		if !ok {
			t.Fatalf("$ref %s does not resolve", ref)
		}
		m = next
	}
	return m
}

func (d oas) operations() map[string]map[string]any {
	out := map[string]map[string]any{}
	for path, item := range d["paths"].(map[string]any) {
		for method, op := range item.(map[string]any) {
			out[strings.ToUpper(method)+" /api/v1"+path] = op.(map[string]any)
		}
	}
	return out
}

func TestOpenAPIServed(t *testing.T) {
	e := newEnv(t)
	rec := e.do("GET", "/api/v1/openapi.json", "", nil)
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d", rec.Code)
	}
	if got := rec.Header().Get("Access-Control-Allow-Origin"); got != "*" {
		t.Errorf("Access-Control-Allow-Origin = %q, want *", got)
	}
	if ct := rec.Header().Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type = %q", ct)
	}
	file, _ := os.ReadFile("openapi.json")
	if rec.Body.String() != string(file) {
		t.Error("served document differs from openapi.json")
	}
	var d struct {
		OpenAPI string `json:"openapi"`
		Info    struct {
			Version string `json:"version"`
		} `json:"info"`
		Servers []struct {
			URL string `json:"url"`
		} `json:"servers"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &d); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(d.OpenAPI, "3.") {
		t.Errorf("openapi = %q, want 3.x", d.OpenAPI)
	}
	if d.Info.Version != api.Version {
		t.Errorf("info.version = %q, want api.Version %q", d.Info.Version, api.Version)
	}
	if len(d.Servers) != 1 || d.Servers[0].URL != "/api/v1" {
		t.Errorf("servers = %+v, want one with url /api/v1", d.Servers)
	}
	// Anyone may read it, also without login from a page elsewhere.
	if rec := e.do("GET", "/api/v1/openapi.json", "", e.prof); rec.Code != http.StatusOK {
		t.Errorf("status %d for a logged-in user", rec.Code)
	}
}

// TestOpenAPIDocument checks the rules every operation must keep.
func TestOpenAPIDocument(t *testing.T) {
	d := loadOAS(t)
	// Every $ref anywhere resolves.
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			if _, ok := x["$ref"]; ok {
				d.resolve(t, x)
			}
			for _, c := range x {
				walk(c)
			}
		case []any:
			for _, c := range x {
				walk(c)
			}
		}
	}
	walk(map[string]any(d))

	problem := d.resolve(t, map[string]any{"$ref": "#/components/schemas/Problem"})
	props := problem["properties"].(map[string]any)
	for _, f := range []string{"type", "title", "status", "detail", "instance", "invalidParams"} {
		if _, ok := props[f]; !ok {
			t.Errorf("Problem schema lacks %s", f)
		}
	}

	loginNeeded := map[string]bool{"createOrganisation": true, "getMe": true, "createPrinciple": true, "retirePrinciple": true, "reinstatePrinciple": true,
		"listRequests": true, "createRequest": true, "getRequest": true, "acknowledgeRequest": true, "answerRequest": true,
		"contestRequest": true, "extendRequest": true, "withdrawRequest": true, "closeRequest": true,
		"setOrganisationTerms": true, "deleteOrganisationTerms": true,
		"listWebhooks": true, "createWebhook": true, "retireWebhook": true, "listNotifications": true, "retryNotification": true,
		"listCases": true, "submitCase": true, "getCase": true, "inviteToCase": true, "addCaseView": true, "decideCase": true, "withdrawCase": true,
		"publishCase": true, "getPublicationProposal": true, "similarCases": true, "correctPublication": true, "withdrawPublication": true}
	// Operations where a login is optional: without one some inputs are
	// refused (a professional's brake needs a login, a citizen's does not).
	loginOptional := map[string]bool{"pullBrake": true}
	// Operations that need a login but never refuse a logged-in user: they
	// show what the user may see, and a request the user may not see is a 404.
	neverForbidden := map[string]bool{"getMe": true, "listRequests": true, "getRequest": true, "listCases": true, "getCase": true, "similarCases": true}
	for _, id := range signalLoginNeeded {
		loginNeeded[id] = true
	}
	for _, id := range signalNeverForbidden {
		neverForbidden[id] = true
	}
	for _, id := range proposalLoginNeeded {
		loginNeeded[id] = true
	}
	for _, id := range contactLoginNeeded {
		loginNeeded[id] = true
	}
	for _, id := range memberLoginNeeded {
		loginNeeded[id] = true
	}
	ids := map[string]bool{}
	paramRe := regexp.MustCompile(`\{(\w+)\}`)
	for name, op := range d.operations() {
		t.Run(name, func(t *testing.T) {
			id, _ := op["operationId"].(string)
			if id == "" || ids[id] {
				t.Errorf("operationId %q missing or repeated", id)
			}
			ids[id] = true
			if sec, ok := op["security"].([]any); !ok || (len(sec) > 0) != (loginNeeded[id] || loginOptional[id]) {
				t.Errorf("security = %v; login needed: %v", op["security"], loginNeeded[id])
			}
			var pathParams, queryParams []string
			params, _ := op["parameters"].([]any)
			for _, p := range params {
				pm := d.resolve(t, p)
				switch pm["in"] {
				case "path":
					pathParams = append(pathParams, pm["name"].(string))
				case "query":
					queryParams = append(queryParams, pm["name"].(string))
				}
			}
			var want []string
			for _, m := range paramRe.FindAllStringSubmatch(name, -1) {
				want = append(want, m[1])
			}
			if fmt.Sprint(pathParams) != fmt.Sprint(want) {
				t.Errorf("path parameters %v, want %v", pathParams, want)
			}
			responses := op["responses"].(map[string]any)
			_, hasBody := op["requestBody"]
			for status, want := range map[string]bool{
				// A path segment with a NUL byte or invalid UTF-8 is refused
				// at the edge with 400, so every path parameter can give one.
				"400": hasBody || len(queryParams) > 0 || len(pathParams) > 0,
				"401": loginNeeded[id] || loginOptional[id],
				"403": (loginNeeded[id] || loginOptional[id]) && !neverForbidden[id],
				"413": hasBody,
				"500": true,
			} {
				if _, ok := responses[status]; ok != want {
					t.Errorf("response %s documented: %v, want %v", status, ok, want)
				}
			}
			for status, r := range responses {
				rm := d.resolve(t, r)
				headers, _ := rm["headers"].(map[string]any)
				if _, ok := headers["API-Version"]; !ok {
					t.Errorf("response %s lacks the API-Version header", status)
				}
				content, _ := rm["content"].(map[string]any)
				if strings.HasPrefix(status, "4") || strings.HasPrefix(status, "5") {
					pj, ok := content["application/problem+json"].(map[string]any)
					if !ok || len(content) != 1 || d.resolve(t, pj["schema"])["properties"] == nil {
						t.Errorf("response %s is not application/problem+json with the Problem schema", status)
					}
				} else if status == "204" {
					if content != nil {
						t.Errorf("response 204 documents content")
					}
				} else if _, ok := content["application/json"]; !ok {
					t.Errorf("response %s has no application/json content", status)
				}
				if status == "201" {
					if _, ok := headers["Location"]; !ok {
						t.Errorf("response 201 lacks the Location header")
					}
				}
			}
		})
	}
}

// TestResponsesConformToOpenAPI sends requests that reach every documented
// response shape and checks each answer against the schema the document
// gives for its operation and status, so the document cannot drift from
// what the handlers send.
func TestResponsesConformToOpenAPI(t *testing.T) {
	d := loadOAS(t)
	e := newEnv(t)
	e.seedPrinciples()
	documented, err := api.DocumentedRoutes()
	if err != nil {
		t.Fatal(err)
	}
	router := http.NewServeMux()
	for _, p := range documented {
		router.HandleFunc(p, func(http.ResponseWriter, *http.Request) {})
	}
	ops := d.operations()
	seen := map[string]bool{}
	check := func(method, path, body string, u *schakel.User, wantStatus int) *httptest.ResponseRecorder {
		t.Helper()
		rec := e.do(method, path, body, u)
		if rec.Code != wantStatus {
			t.Fatalf("%s %s: status %d, want %d: %s", method, path, rec.Code, wantStatus, rec.Body)
		}
		_, pattern := router.Handler(httptest.NewRequest(method, path, nil))
		op, ok := ops[pattern]
		if !ok {
			t.Fatalf("%s %s: no documented operation (pattern %q)", method, path, pattern)
		}
		status := fmt.Sprint(rec.Code)
		r, ok := op["responses"].(map[string]any)[status]
		if !ok {
			t.Errorf("%s: status %s not documented", pattern, status)
			return rec
		}
		seen[pattern+" "+status] = true
		if rec.Code == http.StatusNoContent {
			if rec.Body.Len() != 0 || d.resolve(t, r)["content"] != nil {
				t.Errorf("%s 204: body %q, or content documented", pattern, rec.Body)
			}
			return rec
		}
		ct := rec.Header().Get("Content-Type")
		media, ok := d.resolve(t, r)["content"].(map[string]any)[ct].(map[string]any)
		if !ok {
			t.Errorf("%s %s: content type %q not documented", pattern, status, ct)
			return rec
		}
		var v any
		if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil {
			t.Fatalf("%s: %v", pattern, err)
		}
		for _, p := range validate(t, d, media["schema"], v, "") {
			t.Errorf("%s %s: %s", pattern, status, p)
		}
		return rec
	}

	check("GET", "/api/v1/openapi.json", "", nil, 200)
	check("GET", "/api/v1/organisaties", "", nil, 200)
	check("GET", "/api/v1/organisaties?type=x&y=1", "", nil, 400)
	check("POST", "/api/v1/organisaties", `{"code": "ind", "naam": "IND", "type": "uitvoeringsorganisatie", "opdrachtgevers": ["min-bzk"]}`, e.admin, 201)
	check("POST", "/api/v1/organisaties", `{"code": "ind", "naam": "IND", "type": "uitvoeringsorganisatie"}`, e.admin, 409)
	check("POST", "/api/v1/organisaties", `{"code": 1}`, e.admin, 400)
	check("POST", "/api/v1/organisaties", `{}`, nil, 401)
	check("POST", "/api/v1/organisaties", `{}`, e.prof, 403)
	check("POST", "/api/v1/organisaties", `{"naam": "`+strings.Repeat("x", 1<<20)+`"}`, e.admin, 413)
	check("GET", "/api/v1/organisaties/uwv", "", nil, 200)
	check("GET", "/api/v1/organisaties/nee", "", nil, 404)
	check("GET", "/api/v1/organisaties/uwv/termijnen", "", nil, 200)
	check("GET", "/api/v1/organisaties/nee/termijnen", "", nil, 404)
	check("PUT", "/api/v1/organisaties/uwv/termijnen/noodrem-professional", `{"ontvangst": "P5D", "antwoord": "P4W", "spoed": "3 werkdagen", "maximaleVerlenging": "P2W", "buitengrens": "P3M", "herinneringWerkdagen": 2}`, e.admin, 200)
	check("PUT", "/api/v1/organisaties/uwv/termijnen/bezwaar", `{"antwoord": "P13W", "x": 1}`, e.admin, 400)
	check("PUT", "/api/v1/organisaties/uwv/termijnen/bezwaar", `{}`, nil, 401)
	check("PUT", "/api/v1/organisaties/uwv/termijnen/bezwaar", `{}`, e.svbAdmin, 403)
	check("PUT", "/api/v1/organisaties/uwv/termijnen/bestaat-niet", `{}`, e.admin, 404)
	check("PUT", "/api/v1/organisaties/uwv/termijnen/bezwaar", `{"antwoord": "`+strings.Repeat("x", 1<<20)+`"}`, e.admin, 413)
	check("GET", "/api/v1/organisaties/uwv/termijnen", "", nil, 200)
	check("DELETE", "/api/v1/organisaties/uwv/termijnen/noodrem-professional", "", e.admin, 204)
	check("DELETE", "/api/v1/organisaties/uwv/termijnen/bezwaar", "", nil, 401)
	check("DELETE", "/api/v1/organisaties/uwv/termijnen/bezwaar", "", e.prof, 403)
	check("DELETE", "/api/v1/organisaties/nee/termijnen/bezwaar", "", e.admin, 404)
	check("GET", "/api/v1/gebruikers/ik", "", e.admin, 200)
	check("GET", "/api/v1/gebruikers/ik", "", nil, 401)
	check("POST", "/api/v1/beginselen", `{"code": "uwv-x", "ouder": "rechtsstaat", "naam": "X", "naamEn": "X", "organisatie": "uwv"}`, e.admin, 201)
	check("GET", "/api/v1/beginselen/uwv-x", "", nil, 200)
	check("POST", "/api/v1/beginselen/zorgvuldigheid/intrekking", "", e.admin, 200)
	check("POST", "/api/v1/beginselen/zorgvuldigheid/intrekking", "{}", e.admin, 409)
	check("POST", "/api/v1/beginselen/nee/intrekking", "", e.admin, 404)
	check("POST", "/api/v1/beginselen/zorgvuldigheid/herstel", `{"reden": "Toch nodig."}`, e.admin, 200)
	check("POST", "/api/v1/beginselen/zorgvuldigheid/herstel", "", e.admin, 409)
	check("POST", "/api/v1/beginselen/zorgvuldigheid/herstel", "", e.svbAdmin, 403)
	check("POST", "/api/v1/beginselen/zorgvuldigheid/herstel", "", nil, 401)
	check("POST", "/api/v1/beginselen/nee/herstel", "", e.admin, 404)
	check("POST", "/api/v1/beginselen/zorgvuldigheid/herstel", `{"reden": 1}`, e.admin, 400)
	check("GET", "/api/v1/beginselen?ingetrokken=true", "", nil, 200)
	check("GET", "/api/v1/beginselen?groep=x", "", nil, 400)
	check("GET", "/api/v1/beginselen/nee", "", nil, 404)
	check("POST", "/api/v1/regelverwijzingen/validaties", `{"verwijzing": "jci1.3:c:BWBR0005537&artikel=4:84&lid=1&o=a"}`, nil, 200)
	check("POST", "/api/v1/regelverwijzingen/validaties", `{"soort": "beleidsregel", "organisatie": "uwv", "beleidsregelId": "BR-1", "titel": "T"}`, nil, 200)
	check("POST", "/api/v1/regelverwijzingen/validaties", `{"soort": "wet"}`, nil, 400)

	check("GET", "/api/v1/termijnen?startdatum=2026-04-01&duur=P6W", "", nil, 200)
	check("GET", "/api/v1/termijnen?startdatum=2026-04-02&werkdagen=30", "", nil, 200)
	check("GET", "/api/v1/termijnen?startdatum=2026-04-02&duur=P6W&werkdagen=5", "", nil, 400)
	coord := storetest.MustUser(t, e.st, "coordinator", schakel.Membership{OrganisationID: e.uwv.ID, Role: schakel.RoleCoordinator})
	board := storetest.MustUser(t, e.st, "bestuur", schakel.Membership{OrganisationID: e.uwv.ID, Role: schakel.RoleBoard})
	const reqs = "/api/v1/verantwoordingsverzoeken"
	// Zorgvuldigheid was retired above; the requests cite the others.
	active := func(body string) string { return strings.ReplaceAll(body, "zorgvuldigheid", "rechtsstaat") }
	check("POST", reqs, active(complaintBody), e.prof, 201)
	check("POST", reqs, `{"type": "noodrem-professional", "onderwerp": "Stop", "urgent": true, "gronden": [{"beginsel": "legaliteit", "toelichting": "x"}], "geadresseerde": {"organisatie": "uwv", "rol": "coordinator"}}`, e.prof, 201)
	check("POST", reqs, `{"type": "verzoek", "gronden": [{"beginsel": 1}], "x": 1}`, e.prof, 400)
	check("POST", reqs, `{}`, nil, 401)
	check("POST", reqs, strings.Replace(active(generalBody), `"type"`, `"namens": "uwv", "type"`, 1), e.prof, 403)
	check("POST", reqs, `{"onderwerp": "`+strings.Repeat("x", 1<<20)+`"}`, e.prof, 413)
	check("GET", reqs, "", e.prof, 200)
	check("GET", reqs+"?verlopen=false&status=open", "", coord, 200)
	check("GET", reqs+"?status=x", "", e.prof, 400)
	check("GET", reqs, "", nil, 401)
	check("GET", reqs+"/1", "", coord, 200)
	check("GET", reqs+"/1", "", nil, 401)
	check("GET", reqs+"/1", "", e.svbAdmin, 404)
	check("POST", reqs+"/1/ontvangstbevestigingen", "", coord, 200)
	check("POST", reqs+"/1/antwoorden", `{"soort": "explain", "motiveringen": {"rechtsstaat": "x", "legaliteit": "y"}}`, coord, 200)
	check("POST", reqs+"/1/betwistingen", `{"reden": "Niet overtuigend."}`, e.prof, 200)
	check("POST", reqs+"/1/verlengingen", `{"termijn": "P2W", "reden": "Drukte."}`, board, 200)
	check("POST", reqs+"/1/antwoorden", `{"soort": "comply", "wijzigingen": "x", "uiterlijk": "2026-06-01"}`, board, 200)
	check("POST", reqs+"/1/afsluitingen", "", e.prof, 200)
	check("GET", reqs+"/1", "", e.prof, 200)
	check("POST", reqs+"/2/ontvangstbevestigingen", "{}", coord, 200)
	check("POST", reqs+"/2/intrekkingen", `{"reden": "Opgelost."}`, e.prof, 200)
	check("GET", reqs+"/2", "", e.prof, 200)
	for _, sub := range []string{"ontvangstbevestigingen", "antwoorden", "betwistingen", "verlengingen", "intrekkingen", "afsluitingen"} {
		check("POST", reqs+"/2/"+sub, `{"reden": "x"}`, nil, 401)
		check("POST", reqs+"/999/"+sub, `{"reden": "x"}`, e.prof, 404)
		check("POST", reqs+"/2/"+sub, `{"reden": "`+strings.Repeat("x", 1<<20)+`"}`, e.prof, 413)
		check("POST", reqs+"/2/"+sub, `{"reden": 1}`, e.svbAdmin, 404)
	}
	check("POST", reqs+"/2/intrekkingen", `{"reden": "Opgelost."}`, e.prof, 409)
	check("POST", reqs+"/2/antwoorden", `{"soort": "explain"}`, e.prof, 403)
	check("POST", reqs+"/1/antwoorden", `{"soort": "x"}`, e.prof, 403)
	e.create(active(generalBody), e.prof) // 3
	check("POST", reqs+"/3/antwoorden", `{"soort": "x", "y": 1}`, board, 400)

	// The public record, once the events are in a signed checkpoint.
	check("GET", "/api/v1/logboek", "", nil, 404)
	e.checkpoint()
	check("GET", "/api/v1/logboek", "", nil, 200)
	check("GET", "/api/v1/logboek/gebeurtenissen/1/1", "", nil, 200)
	check("GET", "/api/v1/logboek/gebeurtenissen/1/99", "", nil, 404)
	check("GET", "/api/v1/logboek/consistentie?van=1", "", nil, 200)
	check("GET", "/api/v1/logboek/consistentie?van=2&tot=3", "", nil, 200)
	check("GET", "/api/v1/logboek/consistentie?van=x", "", nil, 400)

	// Emergency brakes: pulling at each level, the register, following by
	// receipt code, the referral budget; webhooks and the notification queue.
	brk := "/api/v1/noodremmen"
	if _, err := e.st.SeedPrinciples(context.Background(), schakel.DefaultPrinciples()); err != nil {
		t.Fatal(err)
	}
	citizen := `{"niveau": "burger", "organisatie": "uwv", "kenmerk": "UWV-2026-1", "datumBesluit": "2026-03-20", "toelichting": "Ik ben niet gehoord.", "bezwaren": ["niet-gehoord", "onevenredig"], "gewensteUitkomst": "Opnieuw beslissen."}`
	pulled := decodeJSON[api.PulledBrake](t, check("POST", brk, citizen, nil, 201).Body.Bytes())
	closing := decodeJSON[api.PulledBrake](t, check("POST", brk, citizen, nil, 201).Body.Bytes())
	check("POST", brk, `{"niveau": "professional", "organisatie": "uwv", "identiteit": "beschermd", "regels": ["jci1.3:c:BWBR0019057&artikel=76"], "onderwerp": "Terugvordering voorschotten", "gronden": [{"beginsel": "evenredigheid", "toelichting": "Te zwaar."}]}`, e.svbAdmin, 201)
	check("POST", brk, `{"niveau": "professional", "organisatie": "uwv"}`, nil, 401)
	returned := `{"niveau": "organisatie", "organisatie": "uwv", "betreft": "Opdracht X", "onderwerp": "Onuitvoerbaar", "gronden": [{"beginsel": "legaliteit", "toelichting": "Geen grondslag."}]}`
	check("POST", brk, returned, e.prof, 403)
	check("POST", brk, returned, board, 201)
	check("POST", brk, returned, board, 409)
	check("POST", brk, `{"niveau": "x", "extra": 1}`, nil, 400)
	check("POST", brk, `{"toelichting": "`+strings.Repeat("x", 1<<20)+`"}`, nil, 413)
	check("GET", brk, "", nil, 200)
	check("GET", brk+"?niveau=burger&termijnGemist=false&vanaf=2026-04-01", "", nil, 200)
	check("GET", brk+"?niveau=x", "", nil, 400)
	check("GET", fmt.Sprintf("%s/%d", brk, pulled.Brake.ID), "", nil, 200)
	check("GET", brk+"/999", "", nil, 404)
	check("GET", "/api/v1/organisaties/uwv/doorverwijsbudget", "", nil, 200)
	check("GET", "/api/v1/organisaties/nee/doorverwijsbudget", "", nil, 404)
	code := fmt.Sprintf(`{"ontvangstcode": %q, "reden": "Niet overtuigend."}`, pulled.ReceiptCode)
	check("POST", "/api/v1/ontvangstcodes/raadplegingen", code, nil, 200)
	check("POST", "/api/v1/ontvangstcodes/raadplegingen", `{"ontvangstcode": "AAAA-AAAA-AAAA-AAAA-AAAA-AAAA"}`, nil, 404)
	check("POST", "/api/v1/ontvangstcodes/raadplegingen", `{"ontvangstcode": 1}`, nil, 400)
	check("POST", "/api/v1/ontvangstcodes/raadplegingen", `{"ontvangstcode": "`+strings.Repeat("x", 1<<20)+`"}`, nil, 413)
	check("POST", fmt.Sprintf("%s/%d/antwoorden", reqs, pulled.Brake.ID), `{"soort": "explain", "motiveringen": {"fair-play": "U bent gehoord op 3 maart.", "evenredigheid": "Afgewogen."}}`, coord, 200)
	check("POST", "/api/v1/ontvangstcodes/betwistingen", code, nil, 200)
	check("POST", "/api/v1/ontvangstcodes/betwistingen", code, nil, 409)
	check("POST", "/api/v1/ontvangstcodes/intrekkingen", code, nil, 200)
	check("POST", fmt.Sprintf("%s/%d/antwoorden", reqs, closing.Brake.ID), `{"soort": "comply", "wijzigingen": "Het besluit wordt herzien.", "uiterlijk": "2026-06-01"}`, coord, 200)
	check("POST", "/api/v1/ontvangstcodes/afsluitingen", fmt.Sprintf(`{"ontvangstcode": %q}`, closing.ReceiptCode), nil, 200)
	hooks := "/api/v1/organisaties/uwv/webhooks"
	check("POST", hooks, `{"url": "https://uwv.example.nl/schakel"}`, e.admin, 201)
	check("POST", hooks, `{"url": "ftp://x"}`, e.admin, 400)
	check("POST", hooks, `{"url": "https://x.example"}`, nil, 401)
	check("POST", hooks, `{"url": "https://x.example"}`, e.svbAdmin, 403)
	check("POST", hooks, `{"url": "`+strings.Repeat("x", 1<<20)+`"}`, e.admin, 413)
	check("GET", hooks, "", e.admin, 200)
	check("GET", hooks, "", nil, 401)
	check("GET", hooks, "", e.prof, 403)
	check("GET", "/api/v1/organisaties/nee/webhooks", "", e.admin, 404)
	if _, err := e.st.QueueNotifications(context.Background(), e.clock.Now(), 1000); err != nil {
		t.Fatal(err)
	}
	check("GET", "/api/v1/meldingen", "", e.admin, 200)
	check("GET", "/api/v1/meldingen?status=opgegeven&verzoek=1", "", e.admin, 200)
	check("GET", "/api/v1/meldingen?status=x", "", e.admin, 400)
	check("GET", "/api/v1/meldingen", "", nil, 401)
	check("GET", "/api/v1/meldingen", "", e.prof, 403)
	claimed, err := e.st.ClaimNotifications(context.Background(), e.clock.Now(), time.Minute, 1)
	if err != nil || len(claimed) != 1 {
		t.Fatalf("claim: %v, %v", claimed, err)
	}
	if err := e.st.NotificationFailed(context.Background(), claimed[0].ID, e.clock.Now(), "verbinding geweigerd", time.Time{}); err != nil {
		t.Fatal(err)
	}
	retry := fmt.Sprintf("/api/v1/meldingen/%d/herhalingen", claimed[0].ID)
	check("POST", retry, "", e.admin, 204)
	check("POST", retry, "", e.admin, 409)
	check("POST", retry, "", nil, 401)
	check("POST", retry, "", e.prof, 403)
	check("POST", "/api/v1/meldingen/99999/herhalingen", "", e.admin, 404)
	check("DELETE", hooks+"/1", "", e.admin, 204)
	check("DELETE", hooks+"/1", "", e.admin, 409)
	check("DELETE", hooks+"/1", "", nil, 401)
	check("DELETE", hooks+"/1", "", e.prof, 403)
	check("DELETE", hooks+"/99", "", e.admin, 404)

	// The maatwerkplaats and the casusprudentie.
	cs := "/api/v1/casussen"
	// zorgvuldigheid was retired above.
	wia := strings.Replace(wiaCase, `"zorgvuldigheid"`, `"motivering"`, 1)
	jurist := storetest.MustUser(t, e.st, "jurist", schakel.Membership{OrganisationID: e.uwv.ID, Role: schakel.RoleProfessional})
	submitted := decodeJSON[api.Case](t, check("POST", cs, wia, e.prof, 201).Body.Bytes())
	check("POST", cs, `{"titel": 1}`, e.prof, 400)
	check("POST", cs, wia, nil, 401)
	check("POST", cs, strings.Replace(wia, `"uwv"`, `"svb"`, 1), e.prof, 403)
	check("POST", cs, `{"situatie": "`+strings.Repeat("x", 1<<20)+`"}`, e.prof, 413)
	check("GET", cs, "", e.prof, 200)
	check("GET", cs+"?status=x", "", e.prof, 400)
	check("GET", cs, "", nil, 401)
	one := fmt.Sprintf("%s/%d", cs, submitted.ID)
	check("GET", one, "", e.prof, 200)
	check("GET", one, "", nil, 401)
	check("GET", one, "", e.svbAdmin, 404)
	check("POST", one+"/uitnodigingen", fmt.Sprintf(`{"perspectief": "juridisch", "gebruiker": %d}`, jurist.ID), coord, 200)
	check("POST", one+"/uitnodigingen", `{"perspectief": 1}`, coord, 400)
	check("POST", one+"/uitnodigingen", `{}`, nil, 401)
	check("POST", one+"/uitnodigingen", `{}`, e.prof, 403)
	check("POST", cs+"/999/uitnodigingen", `{}`, coord, 404)
	check("POST", one+"/uitnodigingen", `{"perspectief": "`+strings.Repeat("x", 1<<20)+`"}`, coord, 413)
	check("POST", one+"/standpunten", `{"perspectief": "juridisch", "tekst": "Awb 4:84."}`, jurist, 200)
	check("POST", one+"/besluiten", `{"uitkomst": "maatwerk", "grondslag": "awb-4:84", "grondslagToelichting": "x", "afwegingen": [{"beginsel": "evenredigheid", "hoe": "y"}], "uitleg": "z"}`, coord, 200)
	check("POST", one+"/besluiten", `{"uitkomst": "maatwerk"}`, coord, 409)
	check("GET", one+"/publicatievoorstel", "", coord, 200)
	check("GET", one+"/publicatievoorstel", "", e.prof, 403)
	check("GET", one+"/publicatievoorstel", "", nil, 401)
	check("GET", cs+"/999/publicatievoorstel", "", coord, 404)
	check("GET", one+"/vergelijkbaar", "", e.prof, 200)
	check("GET", one+"/vergelijkbaar", "", nil, 401)
	check("GET", one+"/vergelijkbaar", "", e.svbAdmin, 404)
	check("POST", one+"/publicaties", `{"weglakken": ["Utrecht"], `+confirmed+`}`, coord, 403) // coord decided: four eyes
	check("POST", one+"/publicaties", `{"weglakken": ["Utrecht"]}`, board, 400)
	check("POST", one+"/publicaties", `{"weglakken": ["Utrecht"], `+confirmed+`}`, board, 201)
	check("POST", one+"/correcties", `{"weglakken": ["voorschot"], "reden": "Te herkenbaar."}`, coord, 200)
	check("POST", one+"/correcties", `{"weglakken": ["voorschot"], "reden": "Te herkenbaar."}`, coord, 400) // nothing changes any more
	check("POST", one+"/correcties", `{"reden": 1}`, coord, 400)
	check("POST", one+"/correcties", `{}`, nil, 401)
	check("POST", one+"/correcties", `{}`, e.prof, 403)
	check("POST", cs+"/999/correcties", `{"reden": "x"}`, coord, 404)
	check("POST", one+"/correcties", `{"reden": "`+strings.Repeat("x", 1<<20)+`"}`, coord, 413)
	check("GET", "/api/v1/casusprudentie/wijzigingen", "", nil, 200)
	check("GET", "/api/v1/casusprudentie/wijzigingen?pagina=0", "", nil, 400)
	check("GET", "/api/v1/casusprudentie", "", nil, 200)
	check("GET", "/api/v1/casusprudentie?q=voorschot&uitkomst=maatwerk&vanaf=2026-01-01", "", nil, 200)
	check("GET", "/api/v1/casusprudentie?uitkomst=x", "", nil, 400)
	check("GET", fmt.Sprintf("/api/v1/casusprudentie/%d", submitted.ID), "", nil, 200)
	check("POST", one+"/publicatie-intrekkingen", `{"reden": ""}`, coord, 400)
	check("POST", one+"/publicatie-intrekkingen", `{"reden": "x"}`, nil, 401)
	check("POST", one+"/publicatie-intrekkingen", `{"reden": "x"}`, e.prof, 403)
	check("POST", cs+"/999/publicatie-intrekkingen", `{"reden": "x"}`, coord, 404)
	check("POST", one+"/publicatie-intrekkingen", `{"reden": "`+strings.Repeat("x", 1<<20)+`"}`, coord, 413)
	check("POST", one+"/publicatie-intrekkingen", `{"reden": "De situatie bleek herkenbaar."}`, coord, 200)
	check("POST", one+"/publicatie-intrekkingen", `{"reden": "Nog eens."}`, coord, 409)
	check("GET", fmt.Sprintf("/api/v1/casusprudentie/%d", submitted.ID), "", nil, 410)
	check("GET", "/api/v1/casusprudentie/999", "", nil, 404)
	check("POST", "/api/v1/casusprudentie/vergelijkingen", `{"tekst": "voorschot"}`, nil, 200)
	check("POST", "/api/v1/casusprudentie/vergelijkingen", `{"tekst": 1}`, nil, 400)
	check("POST", "/api/v1/casusprudentie/vergelijkingen", `{"tekst": "`+strings.Repeat("x", 1<<20)+`"}`, nil, 413)
	withdrawn := decodeJSON[api.Case](t, check("POST", cs, wia, e.prof, 201).Body.Bytes())
	check("POST", fmt.Sprintf("%s/%d/intrekkingen", cs, withdrawn.ID), `{"reden": "Opgelost."}`, e.prof, 200)

	checkSignalResponses(t, e, check)
	checkProposalResponses(t, e, check)
	checkContactResponses(t, e, check)
	checkMemberResponses(t, e, check)
	checkParliamentResponses(t, e, check)

	// Every documented 2xx was produced and checked at least once.
	for pattern, op := range ops {
		for status := range op["responses"].(map[string]any) {
			if strings.HasPrefix(status, "2") && !seen[pattern+" "+status] {
				t.Errorf("%s %s was never checked", pattern, status)
			}
		}
	}
}

// validate checks v against the subset of JSON Schema openapi.json uses and
// returns every problem.
func validate(t *testing.T, d oas, schema, v any, at string) []string {
	t.Helper()
	s := d.resolve(t, schema)
	if s == nil {
		return nil
	}
	if alts, ok := s["oneOf"].([]any); ok {
		n := 0
		for _, a := range alts {
			if len(validate(t, d, a, v, at)) == 0 {
				n++
			}
		}
		if n != 1 {
			return []string{fmt.Sprintf("%s: matches %d of oneOf, want 1", at, n)}
		}
		return nil
	}
	var out []string
	bad := func(format string, args ...any) { out = append(out, at+": "+fmt.Sprintf(format, args...)) }
	if enum, ok := s["enum"].([]any); ok && !slices.Contains(enum, v) {
		bad("%v not in enum %v", v, enum)
	}
	switch s["type"] {
	case "object":
		m, ok := v.(map[string]any)
		if !ok {
			bad("want an object, got %T", v)
			return out
		}
		props, _ := s["properties"].(map[string]any)
		req, _ := s["required"].([]any)
		for _, r := range req {
			if _, ok := m[r.(string)]; !ok {
				bad("required %s missing", r)
			}
		}
		for k, val := range m {
			p, ok := props[k]
			if !ok {
				if s["additionalProperties"] == false {
					bad("undocumented property %s", k)
				}
				continue
			}
			out = append(out, validate(t, d, p, val, at+"."+k)...)
		}
	case "array":
		items, ok := v.([]any)
		if !ok {
			bad("want an array, got %T", v)
			return out
		}
		for i, it := range items {
			out = append(out, validate(t, d, s["items"], it, fmt.Sprintf("%s[%d]", at, i))...)
		}
	case "string":
		str, ok := v.(string)
		if !ok {
			bad("want a string, got %T", v)
			return out
		}
		if p, ok := s["pattern"].(string); ok && !regexp.MustCompile(p).MatchString(str) {
			bad("%q does not match %s", str, p)
		}
		if n, ok := s["maxLength"].(float64); ok && utf8.RuneCountInString(str) > int(n) {
			bad("%q longer than %v", str, n)
		}
	case "integer":
		if f, ok := v.(float64); !ok || f != float64(int64(f)) {
			bad("want an integer, got %v", v)
		}
	case "boolean":
		if _, ok := v.(bool); !ok {
			bad("want a boolean, got %T", v)
		}
	}
	return out
}

// TestAccountHistoryKindsDocumented checks that the document's enum of
// account history kinds holds every kind the domain writes: the operator
// kinds were missing, and a history holding one broke its schema (found by
// the OpenAPI fuzzer of cmd/schakel-trial).
func TestAccountHistoryKindsDocumented(t *testing.T) {
	d := loadOAS(t)
	var enum []any
	var find func(v any)
	find = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			if e, ok := x["enum"].([]any); ok && slices.Contains(e, any(string(schakel.UserRoleTaken))) {
				enum = e
			}
			for _, c := range x {
				find(c)
			}
		case []any:
			for _, c := range x {
				find(c)
			}
		}
	}
	find(map[string]any(d))
	if enum == nil {
		t.Fatal("no enum of account history kinds in the document")
	}
	for _, k := range schakel.UserEventKinds {
		if !slices.Contains(enum, any(string(k))) {
			t.Errorf("account history kind %q is not in the document's enum %v", k, enum)
		}
	}
	if len(enum) != len(schakel.UserEventKinds) {
		t.Errorf("document enum %v has %d kinds, the domain %d", enum, len(enum), len(schakel.UserEventKinds))
	}
}

// TestNamedEnumsHoldEveryDomainValue checks the document's named enums
// against the domain's lists of values: a value the domain writes but the
// document lacks breaks every answer that holds it ("publicatie-ingetrokken"
// was missing from CaseState; found by the OpenAPI fuzzer).
func TestNamedEnumsHoldEveryDomainValue(t *testing.T) {
	d := loadOAS(t)
	schemas := d["components"].(map[string]any)["schemas"].(map[string]any)
	for name, values := range map[string][]string{
		"CaseState":      strs(schakel.CaseStates),
		"Outcome":        strs(schakel.Outcomes),
		"OrgType":        strs(schakel.OrgTypes),
		"RequestType":    strs(schakel.RequestTypes),
		"RequestState":   strs(schakel.RequestStates),
		"AnswerKind":     strs(schakel.AnswerKinds),
		"BrakeLevel":     strs(schakel.BrakeLevels),
		"Solution":       strs(schakel.Solutions),
		"KnelpuntLevel":  strs(schakel.KnelpuntLevels),
		"KnelpuntState":  strs(schakel.KnelpuntStates),
		"ProposalKind":   strs(schakel.ProposalKinds),
		"ProposalState":  strs(schakel.ProposalStates),
		"Verdict":        strs(schakel.Verdicts),
		"PrincipleGroup": strs(schakel.PrincipleGroups),
	} {
		enum, _ := schemas[name].(map[string]any)["enum"].([]any)
		for _, v := range values {
			if !slices.Contains(enum, any(v)) {
				t.Errorf("%s: the domain's %q is not in the document's enum %v", name, v, enum)
			}
		}
	}
}

// strs returns the values of a list of domain string values as strings.
func strs[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}
