package api_test

import (
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/api"
	"github.com/schakel-nl/schakel/store/storetest"
)

// signalLoginNeeded are the operations of signals, knelpunten, letters and
// policy rules that need a login; TestOpenAPIDocument holds their security
// and their 401 and 403 to it.
var signalLoginNeeded = []string{"listSignals", "fileSignal", "compareSignal", "getSignal", "putKnelpunt", "answerKnelpunt", "mergeKnelpunt",
	"splitKnelpunt", "sendLetter", "draftLetter", "registerPolicyRule"}

// signalNeverForbidden need a login but refuse no one who has one: a
// signal someone may not see does not exist for them.
var signalNeverForbidden = []string{"getSignal"}

// checkSignalResponses is the part of TestResponsesConformToOpenAPI for
// signals, knelpunten, letters, figures and policy rules: it reaches every
// documented 2xx and most documented errors through check, which holds
// each answer to the schema of its operation and status. e has the
// catalogue and the people of TestResponsesConformToOpenAPI.
func checkSignalResponses(t *testing.T, e *env, check func(method, path, body string, u *schakel.User, wantStatus int) *httptest.ResponseRecorder) {
	t.Helper()
	e.h.Signals.PublicBase = "https://schakel.example"
	coord := storetest.MustUser(t, e.st, "signaal-coordinator", schakel.Membership{OrganisationID: e.uwv.ID, Role: schakel.RoleCoordinator})
	board := storetest.MustUser(t, e.st, "signaal-bestuur", schakel.Membership{OrganisationID: e.uwv.ID, Role: schakel.RoleBoard})
	huge := `{"titel": "` + strings.Repeat("x", 1<<20) + `"}`

	rules := "/api/v1/organisaties/uwv/beleidsregels"
	check("POST", rules, `{"code": "BR-2024-12", "versie": 1, "titel": "Terugvordering voorschotten", "url": "https://uwv.example/br-2024-12"}`, e.admin, 201)
	check("POST", rules, `{"code": "BR-2024-12", "versie": 1, "titel": "Nog eens"}`, e.admin, 409)
	check("POST", rules, `{"code": "BR-2024-12", "versie": 2, "titel": "Terugvordering voorschotten, herzien"}`, e.admin, 201)
	check("POST", rules, `{"code": 1, "versie": 0}`, e.admin, 400)
	check("POST", rules, `{}`, nil, 401)
	check("POST", rules, `{}`, e.prof, 403)
	check("POST", "/api/v1/organisaties/nee/beleidsregels", `{}`, e.admin, 404)
	check("POST", rules, huge, e.admin, 413)
	check("GET", rules, "", nil, 200)
	check("GET", "/api/v1/organisaties/nee/beleidsregels", "", nil, 404)

	sigs := "/api/v1/signalen"
	withPolicy := strings.Replace(wiaSignal, `"regels": ["jci1.3:c:BWBR0019057&artikel=76"]`,
		`"regels": ["jci1.3:c:BWBR0019057&artikel=76", "beleidsregel:uwv/BR-2024-12"], "versies": {"1": 1}`, 1)
	first := decodeJSON[api.FiledSignal](t, check("POST", sigs, withPolicy, e.prof, 201).Body.Bytes())
	if r := first.Signal.Rules; len(r) != 2 || r[1].Version != 1 || r[1].URL != "" {
		t.Errorf("rules %+v, want the policy rule's version 1", r)
	}
	k1 := first.Knelpunt.ID
	other := decodeJSON[api.FiledSignal](t, check("POST", sigs, otherLaw, e.prof, 201).Body.Bytes())
	joined := decodeJSON[api.FiledSignal](t, check("POST", sigs, joining(wiaSimilar, k1), e.prof, 201).Body.Bytes())
	third := decodeJSON[api.FiledSignal](t, check("POST", sigs, otherLaw, e.prof, 201).Body.Bytes())
	check("POST", sigs, `{"titel": 1, "x": 2}`, e.prof, 400)
	check("POST", sigs, wiaSignal, nil, 401)
	check("POST", sigs, strings.Replace(wiaSignal, `"uwv"`, `"svb"`, 1), e.prof, 403)
	check("POST", sigs, huge, e.prof, 413)
	check("POST", sigs+"/vergelijkingen", wiaSimilar, e.prof, 200)
	check("POST", sigs+"/vergelijkingen", `{"titel": 1}`, e.prof, 400)
	check("POST", sigs+"/vergelijkingen", wiaSimilar, nil, 401)
	check("POST", sigs+"/vergelijkingen", wiaSimilar, e.svbAdmin, 403)
	check("POST", sigs+"/vergelijkingen", huge, e.prof, 413)
	check("GET", sigs+"?organisatie=uwv&status=ingediend&regel=artikel:BWBR0019057/76", "", e.prof, 200)
	check("GET", fmt.Sprintf("%s?organisatie=uwv&knelpunt=%d", sigs, k1), "", e.prof, 200)
	check("GET", sigs+"?status=x", "", e.prof, 400)
	check("GET", sigs+"?organisatie=uwv", "", nil, 401)
	check("GET", sigs+"?organisatie=uwv", "", e.svbAdmin, 403)
	one := fmt.Sprintf("%s/%d", sigs, first.Signal.ID)
	check("GET", one, "", e.prof, 200)
	check("GET", one, "", nil, 401)
	check("GET", one, "", e.svbAdmin, 404)

	ks := "/api/v1/knelpunten"
	kpath := func(id int64) string { return fmt.Sprintf("%s/%d", ks, id) }
	check("GET", ks, "", nil, 200)
	check("GET", ks+"?organisatie=uwv&niveau=team&status=open", "", e.prof, 200)
	check("GET", ks+"?niveau=x", "", nil, 400)
	check("GET", kpath(k1), "", e.prof, 200)
	check("GET", kpath(k1), "", nil, 404)
	// Put, then merge the other open knelpunt into it and split it off again.
	check("POST", kpath(k1)+"/voorleggingen", "", e.prof, 200)
	check("POST", kpath(k1)+"/voorleggingen", "{}", e.prof, 409)
	check("POST", kpath(k1)+"/voorleggingen", `{"x": 1}`, e.prof, 400)
	check("POST", kpath(k1)+"/voorleggingen", "", nil, 401)
	check("POST", kpath(other.Knelpunt.ID)+"/voorleggingen", "", e.admin, 403)
	check("POST", kpath(k1)+"/voorleggingen", "", e.svbAdmin, 404)
	check("POST", kpath(k1)+"/voorleggingen", huge, e.prof, 413)
	check("POST", kpath(k1)+"/samenvoegingen", fmt.Sprintf(`{"van": %d}`, other.Knelpunt.ID), coord, 200)
	check("POST", kpath(third.Knelpunt.ID)+"/samenvoegingen", fmt.Sprintf(`{"van": %d}`, k1), coord, 409)
	check("POST", kpath(k1)+"/samenvoegingen", `{"van": 0}`, coord, 400)
	check("POST", kpath(k1)+"/samenvoegingen", `{"van": 1}`, nil, 401)
	check("POST", kpath(k1)+"/samenvoegingen", fmt.Sprintf(`{"van": %d}`, third.Knelpunt.ID), e.prof, 403)
	check("POST", kpath(999)+"/samenvoegingen", `{"van": 1}`, coord, 404)
	check("POST", kpath(k1)+"/samenvoegingen", huge, coord, 413)
	check("POST", kpath(k1)+"/splitsingen", fmt.Sprintf(`{"signalen": [%d], "titel": "Kostendelersnorm"}`, other.Signal.ID), coord, 201)
	check("POST", kpath(k1)+"/splitsingen", `{"signalen": [], "titel": 1}`, coord, 400)
	check("POST", kpath(k1)+"/splitsingen", `{}`, nil, 401)
	check("POST", kpath(k1)+"/splitsingen", fmt.Sprintf(`{"signalen": [%d], "titel": "x"}`, joined.Signal.ID), e.prof, 403)
	check("POST", kpath(999)+"/splitsingen", `{"signalen": [1], "titel": "x"}`, coord, 404)
	check("POST", kpath(k1)+"/splitsingen", huge, coord, 413)
	// Up the ladder to the board, which sends the letter.
	check("POST", kpath(third.Knelpunt.ID)+"/antwoorden", `{"soort": "comply", "wijzigingen": "x", "uiterlijk": "2026-06-01"}`, coord, 409)
	check("POST", kpath(k1)+"/antwoorden", `{"soort": "x"}`, coord, 400)
	check("POST", kpath(k1)+"/antwoorden", `{"soort": "comply"}`, nil, 401)
	check("POST", kpath(k1)+"/antwoorden", `{"soort": "comply"}`, e.prof, 403)
	check("POST", kpath(999)+"/antwoorden", `{"soort": "comply"}`, coord, 404)
	check("POST", kpath(k1)+"/antwoorden", huge, coord, 413)
	check("POST", kpath(k1)+"/antwoorden", `{"soort": "comply", "wijzigingen": "Naar het bestuur.", "uiterlijk": "2026-06-01"}`, coord, 200)
	check("POST", kpath(k1)+"/splitsingen", fmt.Sprintf(`{"signalen": [%d], "titel": "x"}`, joined.Signal.ID), coord, 409)
	check("POST", sigs, joining(wiaSimilar, k1), e.prof, 409)
	check("POST", kpath(k1)+"/antwoorden", `{"soort": "comply", "wijzigingen": "In de brief.", "uiterlijk": "2026-07-01"}`, board, 200)

	letters := "/api/v1/knelpuntenbrieven"
	period := `{"organisatie": "uwv", "van": "2026-01-01", "tot": "2026-12-31", "onderwerp": "Knelpunten 2026"}`
	check("POST", letters+"/concepten", period, board, 200)
	check("POST", letters+"/concepten", `{"organisatie": "uwv", "van": "morgen", "tot": 3}`, board, 400)
	check("POST", letters+"/concepten", period, nil, 401)
	check("POST", letters+"/concepten", period, coord, 403)
	check("POST", letters+"/concepten", huge, board, 413)
	sent := decodeJSON[api.Letter](t, check("POST", letters, period, board, 201).Body.Bytes())
	check("POST", letters, period, board, 400) // nothing left to send
	check("POST", letters, period, nil, 401)
	check("POST", letters, period, coord, 403)
	check("POST", letters, huge, board, 413)
	check("GET", letters, "", nil, 200)
	check("GET", letters+"?organisatie=uwv&ministerie=min-szw", "", nil, 200)
	check("GET", letters+"?ministerie=nee", "", nil, 400)
	check("GET", fmt.Sprintf("%s/%d", letters, sent.ID), "", nil, 200)
	check("GET", letters+"/999", "", nil, 404)
	check("GET", kpath(k1), "", nil, 200)

	check("GET", "/api/v1/wetten", "", nil, 200)
	check("GET", "/api/v1/wetten?pagina=0", "", nil, 400)
	check("GET", "/api/v1/wetten/BWBR0019057?paginaGrootte=1", "", nil, 200)
	check("GET", "/api/v1/wetten/BWBR0019057?pagina=x", "", nil, 400)
	check("GET", "/api/v1/wetten/BWBR0000001", "", nil, 404)
	check("GET", "/api/v1/beleidsregels", "", nil, 200)
	check("GET", "/api/v1/beleidsregels?organisatie=uwv", "", nil, 200)
	check("GET", "/api/v1/beleidsregels?organisatie=nee", "", nil, 400)
}
