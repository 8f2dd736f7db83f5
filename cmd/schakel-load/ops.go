package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
)

// registers are the register pages a visitor reads: the public registers
// of brakes, precedent and the requests behind the parliament's figures
// (anonymous), and the list of requests (logged in, page 1 or 2).
var registers = []struct {
	path   string
	logged bool
}{
	{"/noodremmen", false},
	{"/noodremmen?pagina=2", false},
	{"/casusprudentie", false},
	{"/parlement/verzoeken?cijfer=open", false},
	{"/verzoeken", true},
	{"/verzoeken?pagina=2", true},
}

// register reads one register page.
func (c *client) register(ctx context.Context) {
	p := registers[c.rnd.IntN(len(registers))]
	hc := c.anon
	if p.logged {
		hc = c.prof
	}
	c.get(ctx, kindRegister, hc, p.path)
}

// postvak reads the work inbox of the professional or, as often, the
// coordinator, whose inbox holds the requests of this load.
func (c *client) postvak(ctx context.Context) {
	hc := c.prof
	if c.rnd.IntN(2) == 0 {
		hc = c.coord
	}
	c.get(ctx, kindPostvak, hc, "/postvak")
}

// searchWords are what people look for in the precedent register: words
// of the demo world's published cases and words that find nothing.
var searchWords = []string{"terugvordering", "voorschot", "WIA", "bouwdepot", "schuld", "inkomen",
	"boete", "toeslag", "bijstand", "kostendelersnorm", "jongere", "dakloos", "huur", "zorg", "te laat besluit"}

// search searches the precedent register in full text, as a visitor.
func (c *client) search(ctx context.Context) {
	q := searchWords[c.rnd.IntN(len(searchWords))]
	c.get(ctx, kindSearch, c.anon, "/casusprudentie?"+url.Values{"q": {q}}.Encode())
}

// requestBody is a request for account from a professional of uwv to its
// coordinator, citing two principles; %d makes each one its own.
const requestBody = `{"type":"noodrem-professional","onderwerp":"Belasting %d: terugvordering WIA-voorschot","toelichting":"Onevenredig voor mensen zonder buffer.",` +
	`"gronden":[{"beginsel":"evenredigheid","toelichting":"De gevolgen zijn onevenredig."},{"beginsel":"zorgvuldigheid","toelichting":"Niet naar de situatie gekeken."}],` +
	`"geadresseerde":{"organisatie":"uwv"}}`

// The answers: a comply by the request's answer date, or an explain with a
// motivation for both principles the request cites.
const (
	complyBody  = `{"soort":"comply","wijzigingen":"We stoppen de terugvordering en kijken elk dossier opnieuw na.","uiterlijk":%q}`
	explainBody = `{"soort":"explain","motiveringen":{"evenredigheid":"De wet laat geen ruimte; een betalingsregeling verzacht de gevolgen.",` +
		`"zorgvuldigheid":"Elk dossier is door een tweede medewerker bekeken."}}`
)

// apiPost sends a JSON POST to the API with a fresh Idempotency-Key, as a
// careful client does (decision 0038).
func (c *client) apiPost(ctx context.Context, hc *http.Client, path, body string) (answer, error) {
	req, err := http.NewRequest(http.MethodPost, c.r.o.url+path, strings.NewReader(body))
	if err != nil {
		return answer{}, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Idempotency-Key", fmt.Sprintf("load-%s-%d", c.r.nonce, c.r.seq.Add(1)))
	return send(ctx, hc, req)
}

// create creates a request and puts it in the pool for an answer.
func (c *client) create(ctx context.Context) {
	cr, ok := c.newRequest(ctx)
	if !ok {
		return
	}
	select {
	case c.r.pool <- cr:
	default: // a full pool: this one stays unanswered
	}
}

// newRequest creates a request through the API as the professional,
// counted as a create. It reports the request, or false.
func (c *client) newRequest(ctx context.Context) (created, bool) {
	a, err := c.apiPost(ctx, c.prof, "/api/v1/verantwoordingsverzoeken", fmt.Sprintf(requestBody, c.r.seq.Add(1)))
	if !c.outcome(kindCreate, a, err, http.StatusCreated) {
		return created{}, false
	}
	var v struct {
		ID     int64  `json:"id"`
		ByWhen string `json:"antwoordUiterlijk"`
	}
	if err := json.Unmarshal(a.body, &v); err != nil || v.ID == 0 {
		return created{}, false
	}
	return created{id: v.ID, byWhen: v.ByWhen}, true
}

// answer answers a request of this load as the coordinator, its addressee:
// one from the pool, or, when the pool is empty, one it creates first (that
// create is counted as a create). Every other answer explains.
func (c *client) answer(ctx context.Context) {
	var cr created
	select {
	case cr = <-c.r.pool:
	default:
		var ok bool
		if cr, ok = c.newRequest(ctx); !ok {
			return
		}
	}
	body := fmt.Sprintf(complyBody, cr.byWhen)
	if cr.id%2 == 1 {
		body = explainBody
	}
	a, err := c.apiPost(ctx, c.coord, fmt.Sprintf("/api/v1/verantwoordingsverzoeken/%d/antwoorden", cr.id), body)
	c.outcome(kindAnswer, a, err, http.StatusOK)
}

// tokenPattern finds the one-time token of a form.
var tokenPattern = regexp.MustCompile(`name="formulierToken" value="([^"]+)"`)

// citizenForm is a citizen's brake on a decision of one of the demo's
// organisations, with two of the plain sentences.
func citizenForm(n uint32, token string) url.Values {
	orgs := []string{"uwv", "svb", "gemeente-eindhoven"}
	return url.Values{
		"organisatie":      {orgs[n%uint32(len(orgs))]},
		"kenmerk":          {fmt.Sprintf("BL-%06d", n)},
		"datumBesluit":     {"2026-11-02"},
		"toelichting":      {"Het besluit houdt geen rekening met mijn situatie; ik moet ineens alles terugbetalen."},
		"bezwaren":         {"onevenredig", "niet-gehoord"},
		"gewensteUitkomst": {"Dat iemand opnieuw naar mijn situatie kijkt."},
		"formulierToken":   {token},
	}
}

// citizenBrake pulls the citizen's brake as a visitor from an address of
// its own: it asks for the form (not timed), then posts it, which the
// server answers with 303 to the receipt after hashing the receipt code
// with argon2id (timed). A form the server cannot read counts as a failure
// under its status.
func (c *client) citizenBrake(ctx context.Context) {
	n := c.r.citizens.Add(1)
	from := fmt.Sprintf("198.%d.%d.%d", 18+(n>>16)&1, (n>>8)&255, n&255)
	req, err := http.NewRequest(http.MethodGet, c.r.o.url+"/noodrem/burger", nil)
	if err != nil {
		c.outcome(kindCitizen, answer{}, err, 0)
		return
	}
	form, err := send(ctx, c.anon, req)
	if err != nil || form.status != http.StatusOK {
		c.outcome(kindCitizen, form, err, http.StatusOK)
		return
	}
	m := tokenPattern.FindSubmatch(form.body)
	if m == nil {
		c.outcome(kindCitizen, answer{status: 0, body: []byte("the form has no formulierToken")}, nil, http.StatusOK)
		return
	}
	req, err = http.NewRequest(http.MethodPost, c.r.o.url+"/noodrem/burger", strings.NewReader(citizenForm(n, string(m[1])).Encode()))
	if err != nil {
		c.outcome(kindCitizen, answer{}, err, 0)
		return
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if c.r.o.forwardedFor {
		req.Header.Set("X-Forwarded-For", from)
	}
	a, err := send(ctx, c.anon, req)
	if err == nil && a.status == http.StatusSeeOther && a.header.Get("Location") != "/noodrem/burger/ontvangst" {
		a.status, a.body = 0, []byte("303 to "+a.header.Get("Location")+", not the receipt")
	}
	c.outcome(kindCitizen, a, err, http.StatusSeeOther)
}
