package notify_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/schakel-nl/schakel/notify"
	"github.com/schakel-nl/schakel/notify/notifytest"
)

func sinkMailer(t *testing.T, sink *notifytest.SMTPSink) *notify.SMTPMailer {
	t.Helper()
	m, err := notify.NewSMTPMailer(notify.SMTPConfig{Host: sink.Host(), Port: sink.Port(), TLS: notify.TLSNone,
		From: "schakel <noreply@schakel.example>", Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestSMTPMailerSend(t *testing.T) {
	sink := notifytest.NewSMTPSink(t)
	m := sinkMailer(t, sink)
	ctx := context.Background()
	text := "Het antwoord op deze noodrem wordt betwist.\n\nAntwoord uiterlijk: vrijdag 13 maart 2026\n" + strings.Repeat("Een lange regel. ", 20) + "\n"
	if err := m.Send(ctx, "bestuur@uwv.example", "Geëscaleerd naar u: Stop de terugvordering", text); err != nil {
		t.Fatal(err)
	}
	got := sink.Messages()
	if len(got) != 1 {
		t.Fatalf("%d messages", len(got))
	}
	msg := got[0]
	if msg.From != "noreply@schakel.example" || len(msg.To) != 1 || msg.To[0] != "bestuur@uwv.example" {
		t.Fatalf("envelope %s", msg)
	}
	h := msg.Header()
	if msg.Subject() != "Geëscaleerd naar u: Stop de terugvordering" || h.Get("Auto-Submitted") != "auto-generated" ||
		!strings.Contains(h.Get("From"), "noreply@schakel.example") || h.Get("To") != "<bestuur@uwv.example>" || h.Get("Message-Id") == "" {
		t.Fatalf("header %v, subject %q", h, msg.Subject())
	}
	if !strings.HasPrefix(h.Get("Content-Type"), "text/plain") || !strings.Contains(strings.ToLower(h.Get("Content-Type")), "utf-8") {
		t.Fatalf("content type %q", h.Get("Content-Type"))
	}
	if body := msg.Text(); strings.TrimRight(body, "\n") != strings.TrimRight(text, "\n") {
		t.Fatalf("body\n%q\nwant\n%q", body, text)
	}

	// A sink that refuses gives an error, and keeps nothing.
	sink.Refuse(true)
	if err := m.Send(ctx, "bestuur@uwv.example", "Opnieuw", "tekst"); err == nil || !strings.Contains(err.Error(), "451") {
		t.Fatalf("send to a refusing server: %v", err)
	}
	sink.Refuse(false)
	if err := m.Send(ctx, "bestuur@uwv.example", "Weer open", "tekst"); err != nil {
		t.Fatal(err)
	}
	if got := sink.Messages(); len(got) != 2 || got[1].Subject() != "Weer open" {
		t.Fatalf("messages %v", got)
	}
	// A refused recipient address fails before connecting.
	if err := m.Send(ctx, "geen adres", "x", "y"); err == nil {
		t.Fatal("sent to a bad address")
	}
	// A server that is down.
	down, err := notify.NewSMTPMailer(notify.SMTPConfig{Host: "127.0.0.1", Port: 1, TLS: notify.TLSNone, From: "noreply@schakel.example", Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if err := down.Send(ctx, "bestuur@uwv.example", "x", "y"); err == nil {
		t.Fatal("sent to a server that is down")
	}
}

func TestSMTPMailerStartTLSRequired(t *testing.T) {
	// The sink offers no STARTTLS: a mailer that requires it refuses to send
	// in plain text.
	sink := notifytest.NewSMTPSink(t)
	m, err := notify.NewSMTPMailer(notify.SMTPConfig{Host: sink.Host(), Port: sink.Port(), From: "noreply@schakel.example", Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Send(context.Background(), "a@uwv.example", "x", "y"); err == nil || !strings.Contains(err.Error(), "STARTTLS") {
		t.Fatalf("send without STARTTLS: %v", err)
	}
	if n := len(sink.Messages()); n != 0 {
		t.Fatalf("%d messages sent in plain text", n)
	}
}

func TestSMTPConfigValidate(t *testing.T) {
	ok := notify.SMTPConfig{Host: "smtp.example", From: "noreply@schakel.example"}
	tests := []struct {
		name   string
		mutate func(*notify.SMTPConfig)
		want   []string // parts of the error, none when valid
	}{
		{"defaults", func(*notify.SMTPConfig) {}, nil},
		{"implicit tls with login", func(c *notify.SMTPConfig) { c.TLS, c.Username, c.Password = "TLS", "u", "p" }, nil},
		{"no host", func(c *notify.SMTPConfig) { c.Host = " " }, []string{"smtp host"}},
		{"bad tls", func(c *notify.SMTPConfig) { c.TLS = "ssl" }, []string{"smtp tls"}},
		{"bad port", func(c *notify.SMTPConfig) { c.Port = 70000 }, []string{"smtp port"}},
		{"bad from", func(c *notify.SMTPConfig) { c.From = "schakel" }, []string{"smtp from"}},
		{"password alone", func(c *notify.SMTPConfig) { c.Password = "p" }, []string{"smtp password"}},
		{"login without tls", func(c *notify.SMTPConfig) { c.TLS, c.Username = "none", "u" }, []string{"smtp username"}},
		{"everything", func(c *notify.SMTPConfig) { *c = notify.SMTPConfig{TLS: "x", Port: -1, Password: "p"} },
			[]string{"smtp host", "smtp tls", "smtp port", "smtp from", "smtp password"}},
	}
	for _, tt := range tests {
		c := ok
		tt.mutate(&c)
		err := c.Validate()
		if len(tt.want) == 0 {
			if err != nil {
				t.Errorf("%s: %v", tt.name, err)
			}
			if _, err := notify.NewSMTPMailer(c); err != nil {
				t.Errorf("%s: NewSMTPMailer: %v", tt.name, err)
			}
			continue
		}
		if err == nil {
			t.Errorf("%s: valid", tt.name)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: %v does not name %s", tt.name, err, w)
			}
		}
		if c.Password != "" && strings.Contains(err.Error(), c.Password+"\"") {
			t.Errorf("%s: error shows the password", tt.name)
		}
		if _, err := notify.NewSMTPMailer(c); err == nil {
			t.Errorf("%s: NewSMTPMailer accepted it", tt.name)
		}
	}
}
