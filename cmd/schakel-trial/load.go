package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
)

// The writes of the load: the creates that matter after a crash. Each body
// gets a number so that no two are alike.
const (
	requestBody = `{"type":"noodrem-professional","onderwerp":"Proef %d: terugvordering WIA-voorschot","toelichting":"Onevenredig voor mensen zonder buffer.",` +
		`"gronden":[{"beginsel":"evenredigheid","toelichting":"De gevolgen zijn onevenredig."},{"beginsel":"zorgvuldigheid","toelichting":"Niet naar de situatie gekeken."}],` +
		`"geadresseerde":{"organisatie":"uwv"}}`
	brakeBody = `{"niveau":"professional","organisatie":"uwv","identiteit":"genoemd","betreft":"Werkinstructie terugvordering WIA-voorschotten",` +
		`"regels":["jci1.3:c:BWBR0019057&artikel=76"],"onderwerp":"Proef %d: terugvordering van voorschotten stoppen",` +
		`"toelichting":"Mensen moeten duizenden euro's terugbetalen door een fout van ons.",` +
		`"gronden":[{"beginsel":"evenredigheid","toelichting":"De gevolgen zijn onevenredig."},{"beginsel":"zorgvuldigheid","toelichting":"Niemand keek naar de situatie."}],"urgent":false}`
	signalBody = `{"organisatie":"uwv","titel":"Proef %d: terugvordering van WIA-voorschotten bij een te laat besluit",` +
		`"regels":["jci1.3:c:BWBR0019057&artikel=76"],"groep":"Mensen met een WIA-voorschot dat na een te laat besluit lager uitvalt",` +
		`"gevolg":"Zij moeten het voorschot terugbetalen omdat ons besluit te laat kwam.",` +
		`"burgers":{"van":2000,"tot":5000,"methode":"Telling van de terugvorderingen van voorschotten"},` +
		`"oplossing":"wet","voorstel":"Voorschotten niet terugvorderen als het besluit te laat kwam.",` +
		`"conflicten":[{"beginsel":"evenredigheid","reden":"Terugbetalen is onevenredig."}]}`
)

// writeKinds are the creates, in turn.
var writeKinds = []struct {
	kind, path, body string
}{
	{"request", "/api/v1/verantwoordingsverzoeken", requestBody},
	{"brake", "/api/v1/noodremmen", brakeBody},
	{"signal", "/api/v1/signalen", signalBody},
}

// loadStats counts the answers of one run's load.
type loadStats struct {
	sent, acked, failed, serverErrors, clientErrors atomic.Int64
	// afterMark counts acknowledgements after mark was set: for a restart
	// of PostgreSQL, proof that schakel recovered.
	afterMark atomic.Int64
	mark      atomic.Bool
	mu        sync.Mutex
	acks      []ack
	// unexpected are 4xx answers, which a valid write must never get.
	unexpected []string
}

// drive sends creates from workers goroutines until ctx ends; every 201 is
// recorded as an acknowledged write. A transport error (the server was
// killed) or a 5xx is counted, not acknowledged.
func drive(ctx context.Context, c *http.Client, base string, workers, run int, seq *atomic.Int64, st *loadStats) {
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Go(func() {
			for ctx.Err() == nil {
				n := seq.Add(1)
				k := writeKinds[int(n)%len(writeKinds)]
				write(ctx, c, base, k.kind, k.path, fmt.Sprintf(k.body, n), run, st)
			}
		})
	}
	wg.Wait()
}

// write sends one create and records its outcome.
func write(ctx context.Context, c *http.Client, base, kind, path, body string, run int, st *loadStats) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+path, strings.NewReader(body))
	if err != nil {
		return
	}
	req.Header.Set("Content-Type", "application/json")
	st.sent.Add(1)
	resp, err := c.Do(req)
	if err != nil {
		st.failed.Add(1)
		return
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	switch {
	case err != nil:
		// The answer broke off: the client cannot know, so no acknowledgement.
		st.failed.Add(1)
		return
	case resp.StatusCode >= 500:
		st.serverErrors.Add(1)
		return
	case resp.StatusCode != http.StatusCreated || resp.Header.Get("Location") == "":
		st.clientErrors.Add(1)
		st.mu.Lock()
		if len(st.unexpected) < 10 {
			st.unexpected = append(st.unexpected, fmt.Sprintf("%s: %d %.200s", kind, resp.StatusCode, b))
		}
		st.mu.Unlock()
		return
	}
	a := ack{Kind: kind, Location: resp.Header.Get("Location"), Run: run}
	switch kind {
	case "request":
		a.RequestID = idOf(a.Location)
	case "brake":
		var p struct {
			Request string `json:"verzoek"`
		}
		if json.Unmarshal(b, &p) == nil && p.Request != "" {
			a.RequestID = idOf(p.Request)
		}
	}
	st.acked.Add(1)
	if st.mark.Load() {
		st.afterMark.Add(1)
	}
	st.mu.Lock()
	st.acks = append(st.acks, a)
	st.mu.Unlock()
}
