// Package notifytest holds test helpers for notifications: an in-process
// SMTP server that keeps what it receives.
package notifytest

import (
	"bytes"
	"encoding/base64"
	"errors"
	"io"
	"log"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/emersion/go-smtp"
)

// Message is one message the sink accepted.
type Message struct {
	From string   // envelope sender (MAIL FROM)
	To   []string // envelope recipients (RCPT TO)
	Data []byte   // the raw message, headers and body
}

// Header returns the message's header, or an empty one when it does not
// parse.
func (m Message) Header() mail.Header {
	msg, err := mail.ReadMessage(bytes.NewReader(m.Data))
	if err != nil {
		return mail.Header{}
	}
	return msg.Header
}

// Subject returns the decoded Subject header.
func (m Message) Subject() string {
	s := m.Header().Get("Subject")
	if d, err := new(mime.WordDecoder).DecodeHeader(s); err == nil {
		return d
	}
	return s
}

// Text returns the body decoded from its Content-Transfer-Encoding
// (quoted-printable, base64 or none), for a single-part message.
func (m Message) Text() string {
	msg, err := mail.ReadMessage(bytes.NewReader(m.Data))
	if err != nil {
		return ""
	}
	var r io.Reader = msg.Body
	switch strings.ToLower(msg.Header.Get("Content-Transfer-Encoding")) {
	case "quoted-printable":
		r = quotedprintable.NewReader(r)
	case "base64":
		r = base64Reader(r)
	}
	b, _ := io.ReadAll(r)
	return strings.ReplaceAll(string(b), "\r\n", "\n")
}

// SMTPSink is an SMTP server on 127.0.0.1 without authentication or TLS
// that keeps every message it accepts. It is safe for concurrent use.
type SMTPSink struct {
	srv  *smtp.Server
	addr *net.TCPAddr

	mu       sync.Mutex
	messages []Message
	refuse   error
}

// ErrRefused is the temporary failure a refusing sink answers with.
var ErrRefused = &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "Tijdelijk niet beschikbaar"}

// NewSMTPSink starts a sink on a free port; it stops when the test ends.
func NewSMTPSink(t testing.TB) *SMTPSink {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("smtp sink: %v", err)
	}
	s := &SMTPSink{addr: l.Addr().(*net.TCPAddr)}
	s.srv = smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) { return &session{sink: s}, nil }))
	s.srv.Domain = "localhost"
	s.srv.ErrorLog = log.New(io.Discard, "", 0)
	go s.srv.Serve(l)
	t.Cleanup(func() { s.srv.Close() })
	return s
}

// Addr returns the sink's address, host:port.
func (s *SMTPSink) Addr() string { return s.addr.String() }

// Host returns the sink's host, 127.0.0.1.
func (s *SMTPSink) Host() string { return s.addr.IP.String() }

// Port returns the sink's port.
func (s *SMTPSink) Port() int { return s.addr.Port }

// Messages returns a copy of the messages accepted so far, in order.
func (s *SMTPSink) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Message, len(s.messages))
	copy(out, s.messages)
	return out
}

// Refuse makes the sink refuse every recipient with ErrRefused (a
// temporary failure, 451) while on is true.
func (s *SMTPSink) Refuse(on bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.refuse = nil
	if on {
		s.refuse = ErrRefused
	}
}

func (s *SMTPSink) refusing() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.refuse
}

// session is one SMTP connection's transaction.
type session struct {
	sink *SMTPSink
	from string
	to   []string
}

func (x *session) Mail(from string, _ *smtp.MailOptions) error {
	x.from = from
	return nil
}

func (x *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	if err := x.sink.refusing(); err != nil {
		return err
	}
	x.to = append(x.to, to)
	return nil
}

func (x *session) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	if err := x.sink.refusing(); err != nil {
		return err
	}
	if len(x.to) == 0 {
		return errors.New("no recipients")
	}
	x.sink.mu.Lock()
	x.sink.messages = append(x.sink.messages, Message{From: x.from, To: append([]string(nil), x.to...), Data: b})
	x.sink.mu.Unlock()
	return nil
}

func (x *session) Reset()        { x.from, x.to = "", nil }
func (x *session) Logout() error { return nil }

// String describes a message for test failures: envelope and subject.
func (m Message) String() string {
	return "from " + m.From + " to " + strings.Join(m.To, ",") + ": " + strconv.Quote(m.Subject())
}

// base64Reader decodes standard base64 with line breaks.
func base64Reader(r io.Reader) io.Reader {
	return base64.NewDecoder(base64.StdEncoding, &stripNewlines{r: r})
}

// stripNewlines drops CR and LF from what it reads.
type stripNewlines struct{ r io.Reader }

func (s *stripNewlines) Read(p []byte) (int, error) {
	for {
		n, err := s.r.Read(p)
		j := 0
		for _, c := range p[:n] {
			if c != '\r' && c != '\n' {
				p[j] = c
				j++
			}
		}
		if j > 0 || err != nil {
			return j, err
		}
	}
}
