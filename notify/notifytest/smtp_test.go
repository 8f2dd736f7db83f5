package notifytest_test

import (
	"fmt"
	"net/smtp"
	"strings"
	"sync"
	"testing"

	"github.com/schakel-nl/schakel/notify/notifytest"
)

func TestSMTPSink(t *testing.T) {
	sink := notifytest.NewSMTPSink(t)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			msg := fmt.Sprintf("Subject: Bericht %d\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nTekst %d\r\n", i, i)
			if err := smtp.SendMail(sink.Addr(), nil, "noreply@schakel.example", []string{fmt.Sprintf("u%d@uwv.example", i)}, []byte(msg)); err != nil {
				t.Error(err)
			}
			_ = sink.Messages() // read while others write
		}()
	}
	wg.Wait()
	got := sink.Messages()
	if len(got) != 8 {
		t.Fatalf("%d messages, want 8", len(got))
	}
	for _, m := range got {
		var i int
		if _, err := fmt.Sscanf(m.Subject(), "Bericht %d", &i); err != nil || m.To[0] != fmt.Sprintf("u%d@uwv.example", i) ||
			strings.TrimSpace(m.Text()) != fmt.Sprintf("Tekst %d", i) || m.From != "noreply@schakel.example" {
			t.Fatalf("message %s: %q", m, m.Text())
		}
	}
	sink.Refuse(true)
	err := smtp.SendMail(sink.Addr(), nil, "noreply@schakel.example", []string{"a@uwv.example"}, []byte("Subject: x\r\n\r\ny\r\n"))
	if err == nil || !strings.Contains(err.Error(), "451") {
		t.Fatalf("refusing sink: %v", err)
	}
	sink.Refuse(false)
	if len(sink.Messages()) != 8 {
		t.Fatal("a refused message was kept")
	}
}
