package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/requests"
)

// sweep does what the sweeper would do for request id at the clock's time.
func (e *brakeEnv) sweep(id int64) {
	e.t.Helper()
	ctx := context.Background()
	for {
		r, err := e.st.Request(ctx, id)
		if err != nil {
			e.t.Fatal(err)
		}
		n, ev, err := e.h.Requests.Engine.Sweep(r, e.clock.Now())
		if err != nil {
			e.t.Fatal(err)
		}
		if n == nil {
			return
		}
		if err := e.st.UpdateRequest(ctx, r.Version, n, ev); err != nil {
			e.t.Fatal(err)
		}
	}
}

// registerIDs returns the ids of the rows of a register page, in order.
func registerIDs(t *testing.T, r *response) []string {
	t.Helper()
	var ids []string
	for _, n := range r.Doc(t).Find("tr.brake-row").Nodes {
		for _, a := range n.Attr {
			if a.Key == "data-id" {
				ids = append(ids, a.Val)
			}
		}
	}
	return ids
}

func TestBrakeRegister(t *testing.T) {
	e := newBrakeEnv(t)
	citizenCode := e.pullCitizen(nil)
	citizen := e.brakeByCode(citizenCode).RequestID
	professional := idFromLocation(t, e.post(e.as("uwv-professional"), "/noodrem/professional", validProfessional(schakel.IdentityProtected, func(v url.Values) {
		v.Set("organisatie", "politie")
	})))
	organisation := idFromLocation(t, e.post(e.as("uwv-bestuur"), "/noodrem/organisatie", validAssignment(nil)))
	texts := []string{
		// The citizen's.
		"UWV-2026-004711", "zonder dat iemand mij belde", "Dat de uitkering doorloopt", schakel.CitizenGrounds[0].Dutch,
		// The professional's.
		"Werkinstructie WIA-herbeoordeling", "Herbeoordelingen zonder gesprek", "herbeoordelingen op papier", "Zonder gesprek is de situatie",
		// The organisation's.
		"Opdrachtbrief handhaving", "Handhavingsopdracht zonder ruimte", "schrijnende gevallen", "Terugvorderingen treffen gezinnen",
		// Names.
		e.user("uwv-professional").Name, e.user("uwv-bestuur").Name,
	}
	noTexts := func(t *testing.T, r *response) {
		t.Helper()
		for _, s := range texts {
			if strings.Contains(r.Body, s) {
				t.Errorf("the register shows %q", s)
			}
		}
	}

	c := e.client()
	r := e.get(c, "/noodremmen")
	wantStatus(t, r, http.StatusOK)
	checkPage(t, r, "nl")
	noTexts(t, r)
	wantText(t, r, `p[role="status"]`, "Aantal noodremmen: 3")
	if got, want := strings.Join(registerIDs(t, r), ","), itoa(organisation)+","+itoa(professional)+","+itoa(citizen); got != want {
		t.Errorf("rows %s, want newest first %s", got, want)
	}
	row := `tr.brake-row[data-id="` + itoa(citizen) + `"]`
	wantText(t, r, row+" .level", "burger")
	wantText(t, r, row+" .addressee", "UWV")
	wantText(t, r, row+" .principles", "Fair play (hoor en wederhoor), Belangenafweging en evenredigheid")
	wantContains(t, r, row, "2 maart 2026")
	wantText(t, r, row+" .state", "open")
	wantText(t, r, row+" .deadline", "loopt tot 13 april 2026")
	wantText(t, r, row+" .escalations", "0")
	wantSelector(t, r, row+` a[href="/noodremmen/`+itoa(citizen)+`"]`)
	wantSelector(t, r, row+` a.proof[href="/api/v1/logboek/gebeurtenissen/`+itoa(citizen)+`/1"]`)
	wantText(t, r, `tr.brake-row[data-id="`+itoa(professional)+`"] .addressee`, "Politie")
	wantText(t, r, `tr.brake-row[data-id="`+itoa(organisation)+`"] .addressee`, "Ministerie van Sociale Zaken en Werkgelegenheid")
	// The filters are a GET form.
	for _, sel := range []string{`form[method="get"][action="/noodremmen"] select#niveau option[value="burger"]`, `select#organisatie option[value="politie"]`,
		`select#beginsel option[value="evenredigheid"]`, `select#status option[value="beantwoord"]`, `input#vanaf[type="date"]`, `input#tot[type="date"]`, `select#termijnGemist option[value="true"]`} {
		wantSelector(t, r, sel)
	}

	// The professional's is answered; the citizen's deadline is missed.
	e.answerAs("politie-coordinator", professional, schakel.Explain, "Het protocol blijft")
	e.clock.Set(time.Date(2026, 4, 14, 8, 0, 0, 0, time.UTC))
	e.sweep(citizen)

	r = e.get(c, "/noodremmen")
	noTexts(t, r)
	if strings.Contains(r.Body, "Het protocol blijft") {
		t.Error("the register shows the answer")
	}
	wantText(t, r, `tr.brake-row[data-id="`+itoa(professional)+`"] .state`, "beantwoord explain: uitleg waarom niet")
	wantText(t, r, `tr.brake-row[data-id="`+itoa(professional)+`"] .deadline`, "gehaald")
	wantText(t, r, row+" .state", "geëscaleerd")
	wantText(t, r, row+" .deadline", "gemist")
	wantText(t, r, row+" .escalations", "1 (nu bij UWV, bestuur)")

	for _, tc := range []struct {
		query string
		ids   []int64
	}{
		{"niveau=burger", []int64{citizen}},
		{"niveau=professional", []int64{professional}},
		{"niveau=organisatie", []int64{organisation}},
		{"organisatie=politie", []int64{professional}},
		{"organisatie=uwv", []int64{citizen}},
		{"beginsel=evenredigheid", []int64{organisation, citizen}},
		{"beginsel=zorgvuldigheid", []int64{professional}},
		{"status=beantwoord", []int64{professional}},
		{"status=geescaleerd", []int64{citizen}},
		{"termijnGemist=true", []int64{citizen}},
		{"termijnGemist=false", []int64{organisation, professional}},
		{"vanaf=2026-03-02&tot=2026-03-02", []int64{organisation, professional, citizen}},
		{"vanaf=2026-03-03", nil},
		{"tot=2026-03-01", nil},
		{"niveau=burger&termijnGemist=false", nil},
		// The choices "Alle …" and empty days are no filter.
		{"niveau=&organisatie=&beginsel=&status=&vanaf=&tot=&termijnGemist=", []int64{organisation, professional, citizen}},
	} {
		t.Run(tc.query, func(t *testing.T) {
			r := e.get(c, "/noodremmen?"+tc.query)
			wantStatus(t, r, http.StatusOK)
			checkPage(t, r, "nl")
			var want []string
			for _, id := range tc.ids {
				want = append(want, itoa(id))
			}
			if got := registerIDs(t, r); strings.Join(got, ",") != strings.Join(want, ",") {
				t.Errorf("rows %v, want %v", got, want)
			}
			wantText(t, r, `p[role="status"]`, "Aantal noodremmen: "+strconv.Itoa(len(tc.ids)))
			if len(tc.ids) == 0 {
				wantSelector(t, r, ".empty-state")
			}
			// The filters chosen stay chosen.
			q, _ := url.ParseQuery(tc.query)
			for _, k := range []string{"niveau", "status", "termijnGemist"} {
				if v := q.Get(k); v != "" {
					wantSelector(t, r, `select#`+k+` option[value="`+v+`"][selected]`)
				}
			}
		})
	}

	t.Run("invalid dates", func(t *testing.T) {
		r := e.get(c, "/noodremmen?vanaf=2026-02-30&tot=gisteren")
		wantStatus(t, r, http.StatusBadRequest)
		checkPage(t, r, "nl")
		wantSelector(t, r, `.error-summary a[href="#vanaf"]`)
		wantSelector(t, r, `.error-summary a[href="#tot"]`)
		wantSelector(t, r, `input#vanaf[aria-invalid="true"][value="2026-02-30"]`)
		wantNoSelector(t, r, "table.register")
		r = e.get(c, "/noodremmen?vanaf=2026-03-10&tot=2026-03-01")
		wantStatus(t, r, http.StatusBadRequest)
		wantText(t, r, `.error-summary a[href="#tot"]`, "Getrokken tot en met: Deze datum ligt voor de datum vanaf.")
	})

	t.Run("invalid filters", func(t *testing.T) {
		// Every invalid filter is named at its field, as the API names them
		// (brakes.RegisterFilter), and no brakes are shown.
		r := e.get(c, "/noodremmen?niveau=onzin&status=onzin&termijnGemist=misschien&organisatie=bestaat-niet&beginsel=bestaat-niet")
		wantStatus(t, r, http.StatusBadRequest)
		checkPage(t, r, "nl")
		wantErrorsAt(t, r, "niveau", "organisatie", "beginsel", "status", "termijnGemist")
		wantText(t, r, `.error-summary a[href="#organisatie"]`, `Organisatie: Organisatie "bestaat-niet" bestaat niet.`)
		wantSelector(t, r, `select#status[aria-invalid="true"]`)
		wantNoSelector(t, r, "table.register")
		wantNoSelector(t, r, `p[role="status"]`)
		// A link with the page's former names goes to the current ones.
		r = e.get(c, "/noodremmen?toestand=beantwoord&gemist=ja&van=2026-03-03")
		wantStatus(t, r, http.StatusMovedPermanently)
		if loc := r.Header.Get("Location"); loc != "/noodremmen?status=beantwoord&termijnGemist=true&vanaf=2026-03-03" {
			t.Errorf("former names redirect to %q", loc)
		}
	})

	t.Run("entry", func(t *testing.T) {
		r := e.get(c, "/noodremmen/"+itoa(citizen))
		wantStatus(t, r, http.StatusOK)
		checkPage(t, r, "nl")
		noTexts(t, r)
		wantText(t, r, "h1", "Noodrem "+itoa(citizen))
		wantText(t, r, ".level", "burger")
		wantText(t, r, ".deadline", "gemist")
		wantText(t, r, ".escalations", "1")
		wantText(t, r, `ol.ladder li[aria-current="step"] strong`, "UWV, bestuur")
		if n := r.Count(t, ".timeline__event"); n != 2 {
			t.Errorf("%d events, want 2", n)
		}
		for seq := 1; seq <= 2; seq++ {
			wantSelector(t, r, `.timeline__event a.proof[href="/api/v1/logboek/gebeurtenissen/`+itoa(citizen)+`/`+strconv.Itoa(seq)+`"]`)
		}
		wantText(t, r, ".timeline__event:first-child .timeline__title", "Noodrem getrokken")
		wantContains(t, r, ".timeline__event:first-child", "de indiener")
		wantContains(t, r, ".timeline__event:nth-child(2)", "Termijn gemist en geëscaleerd")

		r = e.get(c, "/noodremmen/"+itoa(professional))
		noTexts(t, r)
		if strings.Contains(r.Body, "Het protocol blijft") || strings.Contains(r.Body, e.user("politie-coordinator").Name) {
			t.Error("the entry shows the answer's text or the name of who answered")
		}
		wantContains(t, r, ".timeline", "Antwoord explain: uitleg waarom niet")
		wantContains(t, r, ".timeline", "Politie, coördinator")

		wantStatus(t, e.get(c, "/noodremmen/99999"), http.StatusNotFound)
		wantStatus(t, e.get(c, "/noodremmen/abc"), http.StatusNotFound)
		// A request that is no brake is not in the register.
		req, err := e.h.Requests.Create(context.Background(), e.user("uwv-professional"), requests.CreateInput{Type: schakel.TypeGeneral, Subject: "Gewoon verzoek",
			AddresseeCode: "uwv", Grounds: []schakel.Ground{{Principle: "zorgvuldigheid", Text: "x"}}})
		if err != nil {
			t.Fatal(err)
		}
		wantStatus(t, e.get(c, "/noodremmen/"+itoa(req.ID)), http.StatusNotFound)
	})
}

func TestBrakeRegisterPages(t *testing.T) {
	e := newBrakeEnv(t)
	for i := 0; i < brakesPerPage+2; i++ {
		e.pullCitizen(func(v url.Values) { v.Set("kenmerk", "K-"+strconv.Itoa(i)) })
	}
	c := e.client()
	r := e.get(c, "/noodremmen?niveau=burger")
	wantText(t, r, `p[role="status"]`, "Aantal noodremmen: 27")
	if n := r.Count(t, "tr.brake-row"); n != brakesPerPage {
		t.Errorf("%d rows, want %d", n, brakesPerPage)
	}
	wantSelector(t, r, `nav.pagination a[rel="next"][href="/noodremmen?niveau=burger&pagina=2"]`)
	r = e.get(c, "/noodremmen?niveau=burger&pagina=2")
	if n := r.Count(t, "tr.brake-row"); n != 2 {
		t.Errorf("%d rows on page 2, want 2", n)
	}
	wantText(t, r, `nav.pagination [aria-current="page"]`, "Pagina 2 van 2")
	wantSelector(t, r, `nav.pagination a[rel="prev"][href="/noodremmen?niveau=burger"]`)
}
