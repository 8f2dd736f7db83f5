package api_test

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/api"
	"github.com/schakel-nl/schakel/store/storetest"
)

// proposalLoginNeeded are the operations of proposals and assessments
// that need a login; TestOpenAPIDocument holds their security and their
// 401 and 403 to it.
var proposalLoginNeeded = []string{"registerProposal", "requestAssessments", "signProposal", "sendProposal", "proposalInForce",
	"deliverAssessment", "answerAssessment"}

// checkProposalResponses is the part of TestResponsesConformToOpenAPI for
// proposals and assessments: it reaches every documented 2xx and every
// documented error through check, which holds each answer to the schema
// of its operation and status. e has the catalogue, the people and the
// sent knelpunt on article 76 of checkSignalResponses.
func checkProposalResponses(t *testing.T, e *env, check func(method, path, body string, u *schakel.User, wantStatus int) *httptest.ResponseRecorder) {
	t.Helper()
	user := func(subject string, org *schakel.Organisation, role schakel.Role) *schakel.User {
		return storetest.MustUser(t, e.st, subject, schakel.Membership{OrganisationID: org.ID, Role: role})
	}
	policy, minister := user("voorstel-beleid", e.minSZW, schakel.RolePolicy), user("voorstel-minister", e.minSZW, schakel.RoleMinister)
	sg, board := user("voorstel-sg", e.minSZW, schakel.RoleSecretaryGeneral), user("voorstel-bestuur", e.uwv, schakel.RoleBoard)
	huge := `{"titel": "` + strings.Repeat("x", 1<<20) + `"}`
	signBody := `{"verklaring": "Ik teken voor de uitvoering van dit wetsvoorstel."}`

	vs := "/api/v1/voorstellen"
	p := decodeJSON[api.ProposalDetail](t, check("POST", vs, wiaBill, policy, 201).Body.Bytes())
	check("POST", vs, `{"titel": 1, "x": 2}`, policy, 400)
	check("POST", vs, wiaBill, nil, 401)
	check("POST", vs, wiaBill, e.prof, 403)
	check("POST", vs, huge, policy, 413)
	check("GET", vs, "", nil, 200)
	check("GET", vs+"?ministerie=min-szw&soort=wetsvoorstel&status=geregistreerd&pagina=1&paginaGrootte=10", "", nil, 200)
	check("GET", vs+"?soort=x", "", nil, 400)
	one := proposalPath(p.ID, "")
	check("GET", one, "", nil, 200)
	check("GET", vs+"/999", "", nil, 404)

	ask := proposalPath(p.ID, "toetsaanvragen")
	check("POST", ask, `{"organisaties": 1}`, policy, 400)
	check("POST", ask, `{}`, nil, 401)
	check("POST", ask, `{}`, minister, 403)
	check("POST", proposalPath(999, "toetsaanvragen"), `{}`, policy, 404)
	check("POST", ask, huge, policy, 413)
	p = decodeJSON[api.ProposalDetail](t, check("POST", ask, `{"organisaties": ["uwv"]}`, policy, 200).Body.Bytes())
	a := p.Assessments[0].ID
	check("GET", vs+"?organisatie=uwv", "", nil, 200)

	sign := proposalPath(p.ID, "handtekeningen")
	check("POST", sign, signBody, sg, 409)
	check("POST", sign, `{"verklaring": 1}`, sg, 400)
	check("POST", sign, signBody, nil, 401)
	check("POST", sign, signBody, policy, 403)
	check("POST", proposalPath(999, "handtekeningen"), signBody, sg, 404)
	check("POST", sign, huge, sg, 413)
	send := proposalPath(p.ID, "verzendingen")
	check("POST", send, "", policy, 409)
	check("POST", send, `{"x": 1}`, policy, 400)
	check("POST", send, "", nil, 401)
	check("POST", send, "", sg, 403)
	check("POST", proposalPath(999, "verzendingen"), "", policy, 404)
	check("POST", send, huge, policy, 413)

	check("GET", assessmentPath(a, ""), "", nil, 200)
	check("GET", assessmentPath(999, ""), "", nil, 404)
	deliver := assessmentPath(a, "oordelen")
	check("POST", deliver, `{"oordeel": 1}`, board, 400)
	check("POST", deliver, uwvAssessment, nil, 401)
	check("POST", deliver, uwvAssessment, e.svbAdmin, 403)
	check("POST", assessmentPath(999, "oordelen"), uwvAssessment, board, 404)
	check("POST", deliver, huge, board, 413)
	check("POST", deliver, uwvAssessment, board, 200)
	check("POST", deliver, uwvAssessment, board, 409)
	check("GET", one, "", nil, 200)
	answer := assessmentPath(a, "antwoorden")
	check("POST", answer, `{"antwoorden": 1}`, minister, 400)
	check("POST", answer, uwvAnswers, nil, 401)
	check("POST", answer, uwvAnswers, policy, 403)
	check("POST", assessmentPath(999, "antwoorden"), uwvAnswers, minister, 404)
	check("POST", answer, huge, minister, 413)
	check("POST", answer, uwvAnswers, minister, 200)
	check("POST", answer, uwvAnswers, minister, 409)
	check("GET", assessmentPath(a, ""), "", nil, 200)

	check("POST", sign, signBody, sg, 200)
	check("POST", ask, `{"organisaties": ["svb"]}`, policy, 409)
	check("POST", send, "{}", policy, 200)
	force := proposalPath(p.ID, "inwerkingtredingen")
	check("POST", force, `{"datum": "x"}`, policy, 400)
	check("POST", force, `{"datum": "2026-04-01"}`, nil, 401)
	check("POST", force, `{"datum": "2026-04-01"}`, sg, 403)
	check("POST", proposalPath(999, "inwerkingtredingen"), `{"datum": "2026-04-01"}`, policy, 404)
	check("POST", force, huge, policy, 413)
	got := decodeJSON[api.ProposalDetail](t, check("POST", force, `{"datum": "2026-04-01"}`, policy, 200).Body.Bytes())
	check("POST", force, `{"datum": "2026-04-01"}`, policy, 409)
	if len(got.Assessments) != 1 || len(got.Assessments[0].Knelpunten) != 1 || len(got.Figures) != 1 || len(got.SignalsSince) != 1 || got.Signature == nil {
		t.Errorf("the proposal in force, with uwv's sent knelpunt on article 76: %+v", got)
	}
}
