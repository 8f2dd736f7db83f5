package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/schakel-nl/schakel"
)

// sentMail is one e-mail a recordingMailer was asked to send.
type sentMail struct{ to, subject, text string }

// recordingMailer keeps what it is asked to send; fail makes it refuse.
type recordingMailer struct {
	mu   sync.Mutex
	sent []sentMail
	fail bool
}

func (m *recordingMailer) Send(_ context.Context, to, subject, text string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.fail {
		return errors.New("smtp: 550 mailbox " + to + " unavailable")
	}
	m.sent = append(m.sent, sentMail{to, subject, text})
	return nil
}

func (m *recordingMailer) all() []sentMail {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]sentMail(nil), m.sent...)
}

func TestCitizenEmailCopy(t *testing.T) {
	e := newBrakeEnv(t)
	// Without a mailer the form does not ask for an address.
	wantNoSelector(t, e.get(e.client(), "/noodrem/burger"), "input#email")

	m := &recordingMailer{}
	e.h.Brakes.Mail = m
	c := e.client()
	r := e.get(c, "/noodrem/burger")
	wantSelector(t, r, `input#email[name="email"][autocomplete="email"]`)
	wantContains(t, r, "#email-omschrijving", "De organisatie ziet uw e-mailadres niet.")

	// An invalid address is named at its field, with nothing filed.
	r = e.postCitizen(c, validCitizen(func(v url.Values) { v.Set("email", "Jan <jan@example.nl>") }))
	wantStatus(t, r, http.StatusBadRequest)
	wantSelector(t, r, `.error-summary a[href="#email"]`)
	wantSelector(t, r, `input#email[aria-invalid="true"]`)
	wantContains(t, r, "#email-fout", "Vul één e-mailadres in")
	if len(m.all()) != 0 {
		t.Fatal("mail sent for an invalid form")
	}

	addr := "burger.noodrem@example.nl"
	r = e.receiptAfter(c, e.postCitizen(c, validCitizen(func(v url.Values) { v.Set("email", " "+addr+" ") })))
	code := wantReceipt(t, r)
	wantSelector(t, r, ".receipt-email")
	if strings.Contains(r.Body, addr) {
		t.Error("the receipt page shows the address")
	}
	sent := m.all()
	if len(sent) != 1 || sent[0].to != addr || sent[0].subject != "Ontvangstbewijs noodrem" || !strings.Contains(sent[0].text, code) || !strings.Contains(sent[0].text, "UWV") {
		t.Fatalf("sent %+v", sent)
	}
	id := e.brakeByCode(code).RequestID

	// The organisation never sees it; nor does the register or the log.
	for _, path := range []string{requestPath(id), "/noodremmen", "/noodremmen/" + itoa(id)} {
		r := e.get(e.as("uwv-coordinator"), path)
		if strings.Contains(r.Body, addr) || strings.Contains(r.Body, "noodrem@example") {
			t.Errorf("%s shows the address", path)
		}
	}
	if logs := e.site.logs.String(); strings.Contains(logs, addr) || strings.Contains(logs, code) {
		t.Errorf("the log holds the address or code: %s", logs)
	}

	// An answer is told once, without content; closing deletes the address.
	ctx := context.Background()
	e.answerAs("uwv-coordinator", id, schakel.Explain, "Wij hebben u gebeld")
	for range 2 {
		if _, err := e.h.Brakes.SweepContacts(ctx, "https://schakel.example"); err != nil {
			t.Fatal(err)
		}
	}
	sent = m.all()
	if len(sent) != 2 || sent[1].to != addr || !strings.Contains(sent[1].text, "https://schakel.example/noodrem/volgen") || strings.Contains(sent[1].text, "gebeld") {
		t.Fatalf("notices %+v", sent)
	}
	wantStatus(t, e.post(c, "/noodrem/volgen/afsluiting", url.Values{"ontvangstcode": {code}, "reden": {""}}), http.StatusOK)
	res, err := e.h.Brakes.SweepContacts(ctx, "https://schakel.example")
	if err != nil || res.Deleted != 1 {
		t.Fatalf("sweep after closing: %+v, %v", res, err)
	}
	var n int
	if err := e.st.DB().QueryRowContext(ctx, "SELECT COUNT(*) FROM brake_contacts").Scan(&n); err != nil || n != 0 {
		t.Errorf("%d addresses left, %v", n, err)
	}

	// A copy that cannot be sent is said on the receipt, the address not logged.
	m.fail = true
	r = e.receiptAfter(c, e.postCitizen(c, validCitizen(func(v url.Values) { v.Set("email", addr) })))
	wantReceipt(t, r)
	wantSelector(t, r, ".receipt-email--failed")
	if logs := e.site.logs.String(); strings.Contains(logs, addr) {
		t.Errorf("the log holds the address: %s", logs)
	}
}
