package api_test

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/api"
	"github.com/schakel-nl/schakel/jobs"
	"github.com/schakel-nl/schakel/store/storetest"
)

// proposalEnv is the API env on one backend with the catalogue, the
// people of uwv's knelpunt ladder and the ministry's policy officer
// (signalEnv), and the rest of an uitvoeringstoets: the ministry's
// minister and secretary-general, svb's board, and another ministry's
// policy officer, minister and secretary-general.
type proposalEnv struct {
	*signalEnv
	minister, sg, svbBoard        *schakel.User
	bzkPolicy, bzkMinister, bzkSG *schakel.User
}

func newProposalEnv(t *testing.T, open storetest.Opener) *proposalEnv {
	t.Helper()
	return withProposalPeople(newSignalEnv(t, open))
}

// withProposalPeople adds the people of an uitvoeringstoets to e.
func withProposalPeople(e *signalEnv) *proposalEnv {
	e.t.Helper()
	m := func(subject string, org *schakel.Organisation, role schakel.Role) *schakel.User {
		return storetest.MustUser(e.t, e.st, subject, schakel.Membership{OrganisationID: org.ID, Role: role})
	}
	return &proposalEnv{signalEnv: e,
		minister: m("minister-szw", e.minSZW, schakel.RoleMinister), sg: m("sg-szw", e.minSZW, schakel.RoleSecretaryGeneral),
		svbBoard:  m("bestuur-svb", e.svb, schakel.RoleBoard),
		bzkPolicy: m("beleid-bzk", e.minBZK, schakel.RolePolicy), bzkMinister: m("minister-bzk", e.minBZK, schakel.RoleMinister),
		bzkSG: m("sg-bzk", e.minBZK, schakel.RoleSecretaryGeneral)}
}

// onEveryProposalBackend runs test on SQLite and, when
// SCHAKEL_TEST_POSTGRES is set, on PostgreSQL, each with a fresh
// proposalEnv.
func onEveryProposalBackend(t *testing.T, test func(t *testing.T, e *proposalEnv)) {
	for _, b := range storetest.Backends() {
		t.Run(b.Name, func(t *testing.T) { test(t, newProposalEnv(t, b.Open)) })
	}
}

// The bodies of the flow: a bill changing article 76 of the WIA; uwv's
// assessment, executable under two conditions with a value in conflict;
// svb's, executable; and answers to every item of each.
const (
	wiaBill = `{"ministerie": "min-szw", "soort": "wetsvoorstel", "titel": "Wet voorschotten WIA",
		"samenvatting": "Een voorschot wordt niet teruggevorderd als het besluit te laat kwam.",
		"regels": ["jci1.3:c:BWBR0019057&artikel=76"], "opgave": "Bestaanszekerheid bij arbeidsongeschiktheid",
		"inwerkingtreding": "2027-01-01", "tekst": "Artikel 76 wordt als volgt gewijzigd: …", "tekstUrl": "https://www.internetconsultatie.nl/wiavoorschotten"}`
	uwvAssessment = `{"oordeel": "uitvoerbaar-onder-voorwaarden",
		"kosten": {"eenmaligCenten": 150000000, "structureelCenten": 40000000, "fteEenmalig": 25, "fteStructureel": 15, "drager": "Begroting SZW"},
		"effecten": [{"groep": "Mensen met een WIA-voorschot", "burgers": 4000, "beter": true, "toelichting": "Zij hoeven niets terug te betalen na een te laat besluit."}],
		"conflicten": [{"beginsel": "rechtszekerheid", "reden": "Lopende terugvorderingen moeten worden herzien."}],
		"voorwaarden": ["Een overgangstermijn van zes maanden voor lopende zaken.", "Aanpassing van het systeem voor voorschotten vooraf gefinancierd."],
		"start": "2027-01-01", "alternatieven": ["Terugvordering matigen in plaats van schrappen."], "dilemmas": ["Gelijke behandeling van oude en nieuwe zaken."]}`
	svbAssessment = `{"oordeel": "uitvoerbaar", "start": "2026-10-01",
		"effecten": [{"groep": "AOW'ers met een WIA-verleden", "burgers": 200, "beter": true, "toelichting": "Geen samenloop meer met een terugvordering."}]}`
	uwvAnswers = `{"antwoorden": {
		"oordeel": {"aanvaard": true, "tekst": "Het oordeel is overgenomen in de memorie van toelichting."},
		"voorwaarde-1": {"aanvaard": true, "tekst": "Artikel II regelt een overgangstermijn van zes maanden."},
		"voorwaarde-2": {"aanvaard": false, "tekst": "De systeemaanpassing wordt uit de bestaande begroting van uwv betaald."},
		"waarde-rechtszekerheid": {"aanvaard": true, "tekst": "Lopende terugvorderingen worden ambtshalve herzien, met bericht aan elke betrokkene."}}}`
	svbAnswers = `{"antwoorden": {"oordeel": {"aanvaard": true, "tekst": "Svb kan per 1 oktober beginnen; dat is zo opgenomen."}}}`
)

// proposalPath is the path of proposal id, with a sub-resource when sub
// is not "".
func proposalPath(id int64, sub string) string {
	p := fmt.Sprintf("/api/v1/voorstellen/%d", id)
	if sub != "" {
		p += "/" + sub
	}
	return p
}

// assessmentPath is the path of assessment id, with a sub-resource.
func assessmentPath(id int64, sub string) string {
	p := fmt.Sprintf("/api/v1/uitvoeringstoetsen/%d", id)
	if sub != "" {
		p += "/" + sub
	}
	return p
}

// register registers body as u and returns the proposal.
func (e *proposalEnv) register(body string, u *schakel.User) api.ProposalDetail {
	e.t.Helper()
	rec := e.do("POST", "/api/v1/voorstellen", body, u)
	if rec.Code != http.StatusCreated {
		e.t.Fatalf("register: %d %s", rec.Code, rec.Body)
	}
	p := decodeJSON[api.ProposalDetail](e.t, rec.Body.Bytes())
	if loc := rec.Header().Get("Location"); loc != proposalPath(p.ID, "") {
		e.t.Errorf("Location %q for proposal %d", loc, p.ID)
	}
	return p
}

// proposal reads a proposal as nobody.
func (e *proposalEnv) proposal(id int64) api.ProposalDetail {
	e.t.Helper()
	return signalStep[api.ProposalDetail](e.signalEnv, "GET", proposalPath(id, ""), "", nil, http.StatusOK)
}

// byOrganisation returns the assessment of org in p.
func byOrganisation(t *testing.T, p api.ProposalDetail, org string) api.ProposalAssessment {
	t.Helper()
	for _, a := range p.Assessments {
		if a.Organisation == org {
			return a
		}
	}
	t.Fatalf("proposal %d has no assessment by %s: %+v", p.ID, org, p.Assessments)
	return api.ProposalAssessment{}
}

// requested registers wiaBill and asks uwv and svb to assess it; it
// returns the proposal and the ids of their assessments.
func (e *proposalEnv) requested() (p api.ProposalDetail, uwv, svb int64) {
	e.t.Helper()
	p = e.register(wiaBill, e.policy)
	p = signalStep[api.ProposalDetail](e.signalEnv, "POST", proposalPath(p.ID, "toetsaanvragen"), `{"organisaties": ["uwv", "svb"]}`, e.policy, http.StatusOK)
	return p, byOrganisation(e.t, p, "uwv").ID, byOrganisation(e.t, p, "svb").ID
}

// missing returns the fields a 409 names as missing.
func missing(t *testing.T, body []byte) []string {
	t.Helper()
	var p problem
	if err := jsonDecode(strings.NewReader(string(body)), &p); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, ip := range p.InvalidParams {
		out = append(out, ip.Name+":"+ip.Code)
	}
	slices.Sort(out)
	return out
}

// wantMissing checks a refusal for what is missing: 409, and exactly want
// ("field:code") in invalidParams and in the proposal's ontbreekt.
func (e *proposalEnv) wantMissing(method, path, body string, u *schakel.User, id int64, want ...string) {
	e.t.Helper()
	rec := e.do(method, path, body, u)
	if rec.Code != http.StatusConflict || rec.Header().Get("Content-Type") != "application/problem+json" {
		e.t.Fatalf("%s %s: %d %s, want a 409 problem", method, path, rec.Code, rec.Body)
	}
	slices.Sort(want)
	if got := missing(e.t, rec.Body.Bytes()); !slices.Equal(got, want) {
		e.t.Errorf("%s %s: missing %v, want %v", method, path, got, want)
	}
	var shown []string
	for _, m := range e.proposal(id).Missing {
		if m.Message == "" {
			e.t.Errorf("missing item %+v has no message", m)
		}
		shown = append(shown, m.Field+":"+m.Code)
	}
	slices.Sort(shown)
	// The proposal shows what is missing for its signature and for
	// sending; the signature itself is missing only for sending.
	want = slices.DeleteFunc(want, func(s string) bool { return s == "handtekening:required" })
	if !slices.Equal(shown, want) {
		e.t.Errorf("ontbreekt %v, want %v", shown, want)
	}
}

// TestProposalFlow follows a proposal through the API only: registered,
// two organisations asked, each board delivering, the minister answering
// every item — refused while an item is unanswered or two items share an
// answer — the secretary-general signing, sent to parliament and entered
// into force, with signals filed since counted. Until complete, signing
// and sending are refused with the list of what is missing.
func TestProposalFlow(t *testing.T) {
	onEveryProposalBackend(t, func(t *testing.T, e *proposalEnv) {
		p, uwv, svb := e.requested()
		if p.State != "in-toetsing" || p.Ministry != "min-szw" || p.Kind != "wetsvoorstel" || p.PlannedEntry != "2027-01-01" || len(p.Assessments) != 2 ||
			p.Text == "" || len(p.Rules) != 1 || p.Rules[0].URL != "https://wetten.overheid.nl/jci1.3:c:BWBR0019057&artikel=76" {
			t.Fatalf("requested: %+v", p)
		}
		a := byOrganisation(t, p, "uwv")
		// Eight weeks from Wednesday 1 April 2026.
		if a.State != "gevraagd" || a.Request == 0 || a.Term.Due != "2026-05-27" || a.Term.Kept || a.Term.Missed || a.AnswerTerm != nil || a.Cost != nil || len(a.Items) != 0 {
			t.Errorf("uwv's assessment before delivery: %+v", a)
		}
		uwvMissing, svbMissing := fmt.Sprintf("toetsen[%d]", uwv), fmt.Sprintf("toetsen[%d]", svb)
		e.wantMissing("POST", proposalPath(p.ID, "verzendingen"), "", e.policy, p.ID, uwvMissing+":not_delivered", svbMissing+":not_delivered", "handtekening:required")
		e.wantMissing("POST", proposalPath(p.ID, "handtekeningen"), `{"verklaring": "Ik teken voor de uitvoering van dit wetsvoorstel."}`, e.sg, p.ID,
			uwvMissing+":not_delivered", svbMissing+":not_delivered")

		// Each board delivers.
		e.clock.Advance(7 * 24 * time.Hour)
		got := signalStep[api.Assessment](e.signalEnv, "POST", assessmentPath(uwv, "oordelen"), uwvAssessment, e.board, http.StatusOK)
		items := func(a api.Assessment) []string {
			var out []string
			for _, it := range a.Items {
				out = append(out, it.Item)
			}
			return out
		}
		if got.State != "uitgebracht" || got.Verdict != "uitvoerbaar-onder-voorwaarden" || got.Start != "2027-01-01" || got.AnswerRequest == 0 ||
			*got.Cost != (api.AssessmentCost{OnceCents: 150000000, YearlyCents: 40000000, FTEOnce: 25, FTEYearly: 15, BorneBy: "Begroting SZW"}) ||
			len(got.Effects) != 1 || !got.Effects[0].Better || got.Effects[0].Citizens != 4000 || len(got.Conditions) != 2 || len(got.Alternatives) != 1 || len(got.Dilemmas) != 1 ||
			!slices.Equal(items(got), []string{"oordeel", "voorwaarde-1", "voorwaarde-2", "waarde-rechtszekerheid"}) || got.DeliveredAt == "" {
			t.Fatalf("uwv's assessment: %+v", got)
		}
		wantProblem(t, e.do("POST", assessmentPath(uwv, "oordelen"), uwvAssessment, e.board), http.StatusConflict)
		signalStep[api.Assessment](e.signalEnv, "POST", assessmentPath(svb, "oordelen"), svbAssessment, e.svbBoard, http.StatusOK)
		p = e.proposal(p.ID)
		if a := byOrganisation(t, p, "uwv"); !a.Term.Kept || a.Term.Answered == "" || a.AnswerTerm == nil || a.AnswerTerm.Due == "" || a.AnswerTerm.Kept {
			t.Errorf("uwv's terms after delivery: %+v, %+v", a.Term, a.AnswerTerm)
		}
		e.wantMissing("POST", proposalPath(p.ID, "handtekeningen"), `{"verklaring": "Ik teken voor de uitvoering van dit wetsvoorstel."}`, e.sg, p.ID,
			uwvMissing+":not_answered", svbMissing+":not_answered")

		// The minister answers every item, each with its own text.
		e.clock.Advance(7 * 24 * time.Hour)
		unanswered := strings.Replace(uwvAnswers, `"voorwaarde-2": {"aanvaard": false, "tekst": "De systeemaanpassing wordt uit de bestaande begroting van uwv betaald."},`, "", 1)
		wantProblem(t, e.do("POST", assessmentPath(uwv, "antwoorden"), unanswered, e.minister), http.StatusBadRequest, "antwoorden.voorwaarde-2")
		same := strings.Replace(uwvAnswers, "De systeemaanpassing wordt uit de bestaande begroting van uwv betaald.", "Artikel II regelt een overgangstermijn van zes maanden!", 1)
		pr := wantProblem(t, e.do("POST", assessmentPath(uwv, "antwoorden"), same, e.minister), http.StatusBadRequest, "antwoorden.voorwaarde-2")
		if pr.InvalidParams[0].Code != "boilerplate" || !strings.Contains(pr.InvalidParams[0].Reason, "voorwaarde-1") {
			t.Errorf("the same answer twice: %+v", pr.InvalidParams)
		}
		if a := e.proposal(p.ID); byOrganisation(t, a, "uwv").State != "uitgebracht" {
			t.Fatalf("a refused answer changed the assessment: %+v", byOrganisation(t, a, "uwv"))
		}
		got = signalStep[api.Assessment](e.signalEnv, "POST", assessmentPath(uwv, "antwoorden"), uwvAnswers, e.minister, http.StatusOK)
		if got.State != "beantwoord" || len(got.Answers) != 4 || got.Answers[0] != (api.ItemAnswer{Item: "oordeel", Accepted: true, Text: "Het oordeel is overgenomen in de memorie van toelichting."}) ||
			got.Answers[2].Item != "voorwaarde-2" || got.Answers[2].Accepted || got.AnsweredAt == "" {
			t.Fatalf("uwv's answered assessment: %+v", got)
		}
		e.wantMissing("POST", proposalPath(p.ID, "verzendingen"), "{}", e.policy, p.ID, svbMissing+":not_answered", "handtekening:required")
		signalStep[api.Assessment](e.signalEnv, "POST", assessmentPath(svb, "antwoorden"), svbAnswers, e.minister, http.StatusOK)
		e.wantMissing("POST", proposalPath(p.ID, "verzendingen"), "", e.policy, p.ID, "handtekening:required")

		// The secretary-general signs; then it goes to parliament.
		wantProblem(t, e.do("POST", proposalPath(p.ID, "handtekeningen"), `{"verklaring": "Akkoord.", "x": 1}`, e.sg), http.StatusBadRequest, "verklaring", "x")
		p = signalStep[api.ProposalDetail](e.signalEnv, "POST", proposalPath(p.ID, "handtekeningen"), `{"verklaring": "Ik teken voor de uitvoering van dit wetsvoorstel."}`, e.sg, http.StatusOK)
		sig := p.Signature
		if p.State != "getekend" || sig == nil || sig.By != "secretaris-generaal van Organisatie min-szw" || sig.Statement != "Ik teken voor de uitvoering van dit wetsvoorstel." ||
			len(sig.Digest) != 64 || !slices.Equal(sig.Assessments, []int64{uwv, svb}) || sig.At != "2026-04-15T09:00:00Z" || len(p.Missing) != 0 {
			t.Fatalf("signed: %+v, %+v", p, sig)
		}
		wantProblem(t, e.do("POST", proposalPath(p.ID, "handtekeningen"), `{"verklaring": "Ik teken voor de uitvoering van dit wetsvoorstel."}`, e.sg), http.StatusConflict)
		wantProblem(t, e.do("POST", proposalPath(p.ID, "toetsaanvragen"), `{"organisaties": ["gemeente-utrecht"]}`, e.policy), http.StatusConflict)
		wantProblem(t, e.do("POST", proposalPath(p.ID, "verzendingen"), `{"x": 1}`, e.policy), http.StatusBadRequest, "x")
		p = signalStep[api.ProposalDetail](e.signalEnv, "POST", proposalPath(p.ID, "verzendingen"), "", e.policy, http.StatusOK)
		if p.State != "naar-parlement" {
			t.Fatalf("sent: %+v", p)
		}
		wantProblem(t, e.do("POST", proposalPath(p.ID, "verzendingen"), "", e.policy), http.StatusConflict)

		// It enters into force; signals on its article are counted since.
		e.clock.Set(time.Date(2027, 1, 4, 9, 0, 0, 0, time.UTC))
		wantProblem(t, e.do("POST", proposalPath(p.ID, "inwerkingtredingen"), `{"datum": "2027-02-01"}`, e.policy), http.StatusBadRequest, "datum")
		wantProblem(t, e.do("POST", proposalPath(p.ID, "inwerkingtredingen"), `{"datum": "1 januari", "y": 1}`, e.policy), http.StatusBadRequest, "datum", "y")
		wantProblem(t, e.do("POST", proposalPath(p.ID, "inwerkingtredingen"), `{"y": 1}`, e.policy), http.StatusBadRequest, "datum", "y")
		wantProblem(t, e.do("POST", proposalPath(p.ID, "inwerkingtredingen"), `{"datum": "1 januari"}`, e.sg), http.StatusForbidden)
		p = signalStep[api.ProposalDetail](e.signalEnv, "POST", proposalPath(p.ID, "inwerkingtredingen"), `{"datum": "2027-01-01"}`, e.policy, http.StatusOK)
		if p.State != "in-werking" || p.InForce != "2027-01-01" || len(p.SignalsSince) != 1 || p.SignalsSince[0] != (api.RuleCount{Key: "artikel:BWBR0019057/76"}) {
			t.Fatalf("in force: %+v", p)
		}
		e.file(wiaSignal, e.prof)
		p = e.proposal(p.ID)
		if p.SignalsSince[0].Signals != 1 || len(p.Figures) != 1 || p.Figures[0].Signals != 1 || p.Figures[0].Key != "artikel:BWBR0019057/76" {
			t.Errorf("after a signal on article 76: since %+v, figures %+v", p.SignalsSince, p.Figures)
		}
		var steps []string
		for _, s := range p.Timeline {
			if s.Organisation == "" {
				steps = append(steps, s.What)
			}
		}
		if want := []string{"geregistreerd", "toets-gevraagd", "getekend", "naar-parlement", "in-werking"}; !slices.Equal(steps, want) {
			t.Errorf("the proposal's own steps %v, want %v", steps, want)
		}

		// The lists find it by ministry, kind, state and organisation.
		for query, want := range map[string]int{"": 1, "?ministerie=min-szw&soort=wetsvoorstel&status=in-werking&organisatie=svb": 1,
			"?ministerie=min-bzk": 0, "?organisatie=gemeente-utrecht": 0, "?status=geregistreerd": 0} {
			page := signalStep[api.ProposalPage](e.signalEnv, "GET", "/api/v1/voorstellen"+query, "", nil, http.StatusOK)
			if page.Total != want || len(page.Results) != want {
				t.Errorf("GET /api/v1/voorstellen%s: %d, want %d", query, page.Total, want)
			}
		}
		wantProblem(t, e.do("GET", "/api/v1/voorstellen?soort=wet&status=x&ministerie=nee&pagina=0&y=1", "", nil), http.StatusBadRequest,
			"soort", "status", "ministerie", "pagina", "y")
		wantProblem(t, e.do("GET", "/api/v1/voorstellen?ministerie=min-szw%00&organisatie=%00", "", nil), http.StatusBadRequest, "ministerie", "organisatie")
	})
}

// TestProposalMissedTerm: an organisation that lets its term pass blocks
// the signature until the sweeper records the miss at the top of its
// ladder; then the secretary-general signs and the proposal goes to
// parliament without that assessment, whose miss is public.
func TestProposalMissedTerm(t *testing.T) {
	onEveryProposalBackend(t, func(t *testing.T, e *proposalEnv) {
		p, uwv, svb := e.requested()
		signalStep[api.Assessment](e.signalEnv, "POST", assessmentPath(uwv, "oordelen"), uwvAssessment, e.board, http.StatusOK)
		signalStep[api.Assessment](e.signalEnv, "POST", assessmentPath(uwv, "antwoorden"), uwvAnswers, e.minister, http.StatusOK)
		sign := `{"verklaring": "Ik teken voor de uitvoering van dit wetsvoorstel."}`
		svbMissing := fmt.Sprintf("toetsen[%d]", svb)
		e.wantMissing("POST", proposalPath(p.ID, "handtekeningen"), sign, e.sg, p.ID, svbMissing+":not_delivered")

		// The term ends with 27 May 2026 in Amsterdam.
		e.clock.Set(time.Date(2026, 5, 27, 21, 59, 59, 0, time.UTC))
		e.wantMissing("POST", proposalPath(p.ID, "handtekeningen"), sign, e.sg, p.ID, svbMissing+":not_delivered")
		e.clock.Set(time.Date(2026, 5, 27, 22, 0, 0, 0, time.UTC))
		e.wantMissing("POST", proposalPath(p.ID, "handtekeningen"), sign, e.sg, p.ID, svbMissing+":overdue")
		e.wantMissing("POST", proposalPath(p.ID, "verzendingen"), "", e.policy, p.ID, svbMissing+":overdue", "handtekening:required")
		if a := byOrganisation(t, e.proposal(p.ID), "svb"); a.State != "gevraagd" {
			t.Fatalf("svb's assessment before the sweep: %+v", a)
		}

		sw := &jobs.Sweeper{Store: e.st, Engine: e.h.Requests.Engine, Clock: e.clock}
		if _, err := sw.SweepOnce(t.Context()); err != nil {
			t.Fatal(err)
		}
		p = e.proposal(p.ID)
		a := byOrganisation(t, p, "svb")
		if a.State != "termijn-gemist" || !a.Term.Missed || a.Term.Kept || a.Term.Answered != "" || len(p.Missing) != 0 {
			t.Fatalf("svb's assessment after the sweep: %+v; missing %+v", a, p.Missing)
		}
		wantProblem(t, e.do("POST", assessmentPath(svb, "oordelen"), svbAssessment, e.svbBoard), http.StatusConflict)
		e.clock.Advance(time.Hour)
		p = signalStep[api.ProposalDetail](e.signalEnv, "POST", proposalPath(p.ID, "handtekeningen"), sign, e.sg, http.StatusOK)
		if !slices.Equal(p.Signature.Assessments, []int64{uwv, svb}) {
			t.Errorf("signature covers %v", p.Signature.Assessments)
		}
		p = signalStep[api.ProposalDetail](e.signalEnv, "POST", proposalPath(p.ID, "verzendingen"), "", e.policy, http.StatusOK)
		if p.State != "naar-parlement" {
			t.Fatalf("sent: %+v", p)
		}
		late := false
		for _, s := range p.Timeline {
			late = late || (s.Organisation == "svb" && strings.HasPrefix(s.What, "uitvoeringstoets:"))
		}
		if !late {
			t.Errorf("the timeline does not show svb's request: %+v", p.Timeline)
		}
	})
}

// TestProposalAccess: only a policy officer of the ministry registers,
// asks, sends and records entry into force; only the board of the
// organisation asked delivers; only the ministry's minister answers; only
// its secretary-general signs. Each refusal stores nothing.
func TestProposalAccess(t *testing.T) {
	onEveryProposalBackend(t, func(t *testing.T, e *proposalEnv) {
		wantProblem(t, e.do("POST", "/api/v1/voorstellen", wiaBill, nil), http.StatusUnauthorized)
		for _, u := range []*schakel.User{e.board, e.bzkPolicy, e.minister, e.sg} {
			wantProblem(t, e.do("POST", "/api/v1/voorstellen", wiaBill, u), http.StatusForbidden)
		}
		if n := e.proposalCount(); n != 0 {
			t.Fatalf("%d proposals after refusals", n)
		}
		p := e.register(wiaBill, e.policy)
		ask := `{"organisaties": ["uwv", "svb"]}`
		for _, u := range []*schakel.User{e.minister, e.sg, e.bzkPolicy, e.board} {
			wantProblem(t, e.do("POST", proposalPath(p.ID, "toetsaanvragen"), ask, u), http.StatusForbidden)
		}
		wantProblem(t, e.do("POST", proposalPath(p.ID, "toetsaanvragen"), ask, nil), http.StatusUnauthorized)
		if n := e.assessmentCount(p.ID); n != 0 {
			t.Fatalf("%d assessments after refusals", n)
		}
		p = signalStep[api.ProposalDetail](e.signalEnv, "POST", proposalPath(p.ID, "toetsaanvragen"), ask, e.policy, http.StatusOK)
		uwv := byOrganisation(t, p, "uwv").ID

		// Delivering: uwv's board only, not svb's, nor the ministry.
		for _, u := range []*schakel.User{e.svbBoard, e.minister, e.policy, e.sg, e.coord, e.admin} {
			wantProblem(t, e.do("POST", assessmentPath(uwv, "oordelen"), uwvAssessment, u), http.StatusForbidden)
		}
		wantProblem(t, e.do("POST", assessmentPath(uwv, "oordelen"), uwvAssessment, nil), http.StatusUnauthorized)
		// Who may not deliver learns nothing from the body's mistakes.
		wantProblem(t, e.do("POST", assessmentPath(uwv, "oordelen"), `{"oordeel": 1}`, e.svbBoard), http.StatusForbidden)
		wantProblem(t, e.do("POST", assessmentPath(999, "oordelen"), uwvAssessment, e.board), http.StatusNotFound)
		if a := e.assessmentState(uwv); a != schakel.AssessmentRequested {
			t.Fatalf("after refused deliveries: %s", a)
		}
		signalStep[api.Assessment](e.signalEnv, "POST", assessmentPath(uwv, "oordelen"), uwvAssessment, e.board, http.StatusOK)

		// Answering: the ministry's minister only.
		for _, u := range []*schakel.User{e.board, e.policy, e.sg, e.bzkMinister, e.mp} {
			wantProblem(t, e.do("POST", assessmentPath(uwv, "antwoorden"), uwvAnswers, u), http.StatusForbidden)
		}
		wantProblem(t, e.do("POST", assessmentPath(uwv, "antwoorden"), `{"antwoorden": []}`, e.bzkMinister), http.StatusForbidden)
		wantProblem(t, e.do("POST", assessmentPath(uwv, "antwoorden"), uwvAnswers, nil), http.StatusUnauthorized)
		if a := e.assessmentState(uwv); a != schakel.AssessmentDelivered {
			t.Fatalf("after refused answers: %s", a)
		}
		signalStep[api.Assessment](e.signalEnv, "POST", assessmentPath(uwv, "antwoorden"), uwvAnswers, e.minister, http.StatusOK)
		signalStep[api.Assessment](e.signalEnv, "POST", assessmentPath(byOrganisation(t, p, "svb").ID, "oordelen"), svbAssessment, e.svbBoard, http.StatusOK)
		signalStep[api.Assessment](e.signalEnv, "POST", assessmentPath(byOrganisation(t, p, "svb").ID, "antwoorden"), svbAnswers, e.minister, http.StatusOK)

		// Signing: the ministry's secretary-general only.
		sign := `{"verklaring": "Ik teken voor de uitvoering van dit wetsvoorstel."}`
		for _, u := range []*schakel.User{e.policy, e.minister, e.bzkSG, e.board} {
			wantProblem(t, e.do("POST", proposalPath(p.ID, "handtekeningen"), sign, u), http.StatusForbidden)
		}
		wantProblem(t, e.do("POST", proposalPath(p.ID, "handtekeningen"), sign, nil), http.StatusUnauthorized)
		if got := e.proposal(p.ID); got.State != "in-toetsing" || got.Signature != nil {
			t.Fatalf("after refused signatures: %+v", got)
		}
		signalStep[api.ProposalDetail](e.signalEnv, "POST", proposalPath(p.ID, "handtekeningen"), sign, e.sg, http.StatusOK)

		// Sending and entry into force: the ministry's policy officers.
		for _, u := range []*schakel.User{e.sg, e.minister, e.bzkPolicy} {
			wantProblem(t, e.do("POST", proposalPath(p.ID, "verzendingen"), "", u), http.StatusForbidden)
		}
		signalStep[api.ProposalDetail](e.signalEnv, "POST", proposalPath(p.ID, "verzendingen"), "", e.policy, http.StatusOK)
		for _, u := range []*schakel.User{e.sg, e.minister, e.bzkPolicy} {
			wantProblem(t, e.do("POST", proposalPath(p.ID, "inwerkingtredingen"), `{"datum": "2026-04-01"}`, u), http.StatusForbidden)
		}
		wantProblem(t, e.do("POST", proposalPath(999, "verzendingen"), "", e.policy), http.StatusNotFound)
		wantProblem(t, e.do("GET", proposalPath(999, ""), "", nil), http.StatusNotFound)
		wantProblem(t, e.do("GET", "/api/v1/voorstellen/x", "", nil), http.StatusNotFound)
		wantProblem(t, e.do("GET", assessmentPath(999, ""), "", nil), http.StatusNotFound)
		if got := e.proposal(p.ID); got.State != "naar-parlement" {
			t.Fatalf("after refused entries into force: %+v", got)
		}
	})
}

// TestProposalPublic: the public view of a proposal and of its
// assessments names organisations and offices, never a user: no user id
// under any name, not the name or e-mail address of anyone who acted, and
// of the organisation's knelpunten only those its board sent to a
// ministry; its own people see the others too.
func TestProposalPublic(t *testing.T) {
	onEveryProposalBackend(t, func(t *testing.T, e *proposalEnv) {
		ctx := context.Background()
		person := func(subject, name, email string, org *schakel.Organisation, role schakel.Role) *schakel.User {
			u := &schakel.User{Issuer: "https://idp.test", Subject: subject, Name: name, Email: email}
			if err := e.st.LoginUser(ctx, u); err != nil {
				t.Fatal(err)
			}
			if err := e.st.AddMembership(ctx, schakel.Membership{UserID: u.ID, OrganisationID: org.ID, Role: role}); err != nil {
				t.Fatal(err)
			}
			u, err := e.st.User(ctx, u.ID)
			if err != nil {
				t.Fatal(err)
			}
			return u
		}
		policy := person("p-4411", "Jolanda Verbeek", "j.verbeek@minszw.example", e.minSZW, schakel.RolePolicy)
		minister := person("m-1", "Karel Doorn", "k.doorn@minszw.example", e.minSZW, schakel.RoleMinister)
		sg := person("sg-1", "Fatima el Amrani", "f.elamrani@minszw.example", e.minSZW, schakel.RoleSecretaryGeneral)
		board := person("b-1", "Pieter Smits", "p.smits@uwv.example", e.uwv, schakel.RoleBoard)
		personal := []string{"Jolanda", "Verbeek", "Karel", "Doorn", "Fatima", "Amrani", "Pieter", "Smits", "@minszw.example", "@uwv.example", "p-4411", "idp.test"}

		// A knelpunt of uwv on article 76 that stays inside uwv.
		inside := e.file(wiaSignal, e.prof)
		p := e.register(wiaBill, policy)
		p = signalStep[api.ProposalDetail](e.signalEnv, "POST", proposalPath(p.ID, "toetsaanvragen"), `{"organisaties": ["uwv"]}`, policy, http.StatusOK)
		a := byOrganisation(t, p, "uwv").ID
		signalStep[api.Assessment](e.signalEnv, "POST", assessmentPath(a, "oordelen"), uwvAssessment, board, http.StatusOK)
		signalStep[api.Assessment](e.signalEnv, "POST", assessmentPath(a, "antwoorden"), uwvAnswers, minister, http.StatusOK)
		signalStep[api.ProposalDetail](e.signalEnv, "POST", proposalPath(p.ID, "handtekeningen"), `{"verklaring": "Ik teken voor de uitvoering van dit wetsvoorstel."}`, sg, http.StatusOK)

		pub := &publicAnswers{e: e.signalEnv, bodies: map[string]string{}}
		got := decodeJSON[api.ProposalDetail](t, []byte(pub.get(proposalPath(p.ID, ""))))
		pub.get(assessmentPath(a, ""))
		pub.get("/api/v1/voorstellen")
		pub.scan(t, personal)
		if got.Signature == nil || got.Signature.By != "secretaris-generaal van Organisatie min-szw" {
			t.Errorf("signature %+v", got.Signature)
		}
		if ks := byOrganisation(t, got, "uwv").Knelpunten; len(ks) != 0 {
			t.Errorf("knelpunt %d of uwv, not sent, is public: %+v", inside.Knelpunt.ID, ks)
		}
		// Who works at uwv sees it, as on the knelpunt's own page; the
		// ministry does not.
		mine := byOrganisation(t, signalStep[api.ProposalDetail](e.signalEnv, "GET", proposalPath(p.ID, ""), "", e.prof, http.StatusOK), "uwv").Knelpunten
		if len(mine) != 1 || mine[0] != (api.AttachedKnelpunt{ID: inside.Knelpunt.ID, Title: inside.Knelpunt.Title, Signals: 1}) {
			t.Errorf("uwv's own view of its knelpunten: %+v", mine)
		}
		if ks := byOrganisation(t, signalStep[api.ProposalDetail](e.signalEnv, "GET", proposalPath(p.ID, ""), "", policy, http.StatusOK), "uwv").Knelpunten; len(ks) != 0 {
			t.Errorf("the ministry sees uwv's knelpunt before it was sent: %+v", ks)
		}
		// Every user id is in the store; none of them is in the answer
		// under a key of its own, and the document allows no other keys.
		for _, body := range pub.bodies {
			if strings.Contains(body, `"door"`) || strings.Contains(body, "Gebruiker ") {
				t.Errorf("a public answer names a user: %s", body)
			}
		}
	})
}

// proposalCount is how many proposals there are, read through the service.
func (e *proposalEnv) proposalCount() int {
	e.t.Helper()
	_, n, err := e.h.Assessments.List(context.Background(), schakel.ProposalFilter{})
	if err != nil {
		e.t.Fatal(err)
	}
	return n
}

// assessmentCount is how many assessments proposal id has, read through
// the service.
func (e *proposalEnv) assessmentCount(id int64) int {
	e.t.Helper()
	v, err := e.h.Assessments.Get(context.Background(), nil, id)
	if err != nil {
		e.t.Fatal(err)
	}
	return len(v.Assessments)
}

// assessmentState is the state of assessment id, read through the service.
func (e *proposalEnv) assessmentState(id int64) schakel.AssessmentState {
	e.t.Helper()
	a, err := e.h.Assessments.Assessment(context.Background(), id)
	if err != nil {
		e.t.Fatal(err)
	}
	return a.State
}
