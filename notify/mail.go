package notify

import (
	"context"
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// Mailer sends one plain-text e-mail.
type Mailer interface {
	Send(ctx context.Context, to, subject, text string) error
}

// The TLS modes of SMTPConfig.
const (
	// TLSStartTLS connects in plain text and requires STARTTLS before
	// anything is sent (port 587 by default).
	TLSStartTLS = "starttls"
	// TLSImplicit connects with TLS from the start (port 465 by default).
	TLSImplicit = "tls"
	// TLSNone never encrypts (port 25 by default): only for a relay on the
	// same host or in tests. Credentials are refused with it.
	TLSNone = "none"
)

// DefaultSMTPTimeout bounds connecting to the SMTP server and each
// command when SMTPConfig.Timeout is zero.
const DefaultSMTPTimeout = 30 * time.Second

// SMTPConfig is how to reach the SMTP server.
type SMTPConfig struct {
	Host string
	// Port defaults by TLS mode: 587, 465 or 25.
	Port int
	// Username and Password log in when Username is set; the mechanism is
	// the strongest both sides support.
	Username string
	Password string
	// From is the sender address, e.g. "schakel <noreply@schakel.example.nl>".
	From string
	// TLS is "starttls" (the default), "tls" or "none".
	TLS     string
	Timeout time.Duration
}

// withDefaults returns c with the default TLS mode, port and timeout.
func (c SMTPConfig) withDefaults() SMTPConfig {
	c.TLS = strings.ToLower(strings.TrimSpace(c.TLS))
	if c.TLS == "" {
		c.TLS = TLSStartTLS
	}
	if c.Port == 0 {
		c.Port = map[string]int{TLSStartTLS: 587, TLSImplicit: 465, TLSNone: 25}[c.TLS]
	}
	if c.Timeout <= 0 {
		c.Timeout = DefaultSMTPTimeout
	}
	return c
}

// Validate reports every setting that is wrong, naming it.
func (c SMTPConfig) Validate() error {
	c = c.withDefaults()
	var errs []error
	if strings.TrimSpace(c.Host) == "" {
		errs = append(errs, errors.New("smtp host: empty"))
	}
	switch c.TLS {
	case TLSStartTLS, TLSImplicit, TLSNone:
	default:
		errs = append(errs, fmt.Errorf("smtp tls: %q: want starttls, tls or none", c.TLS))
	}
	if c.Port < 1 || c.Port > 65535 {
		errs = append(errs, fmt.Errorf("smtp port: %d is not from 1 to 65535", c.Port))
	}
	if a, err := mail.ParseAddress(c.From); err != nil || a.Address == "" {
		errs = append(errs, fmt.Errorf("smtp from: %q is not an e-mail address", c.From))
	}
	if c.Password != "" && c.Username == "" {
		errs = append(errs, errors.New("smtp password: given without a username"))
	}
	if c.Username != "" && c.TLS == TLSNone {
		errs = append(errs, errors.New("smtp username: refusing to send credentials without TLS; use starttls or tls"))
	}
	return errors.Join(errs...)
}

// SMTPMailer sends e-mail through an SMTP server with go-mail, one
// connection per message.
type SMTPMailer struct {
	cfg  SMTPConfig
	from *mail.Address
}

// NewSMTPMailer returns a mailer for cfg, or the errors of cfg.Validate.
func NewSMTPMailer(cfg SMTPConfig) (*SMTPMailer, error) {
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("notify: %w", err)
	}
	cfg = cfg.withDefaults()
	from, _ := mail.ParseAddress(cfg.From)
	return &SMTPMailer{cfg: cfg, from: from}, nil
}

// options returns the go-mail client options of the configuration.
func (m *SMTPMailer) options() []gomail.Option {
	opts := []gomail.Option{gomail.WithPort(m.cfg.Port), gomail.WithTimeout(m.cfg.Timeout)}
	switch m.cfg.TLS {
	case TLSImplicit:
		opts = append(opts, gomail.WithSSL(), gomail.WithTLSPolicy(gomail.TLSMandatory))
	case TLSNone:
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	default:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	}
	if m.cfg.Username != "" {
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover),
			gomail.WithUsername(m.cfg.Username), gomail.WithPassword(m.cfg.Password))
	}
	return opts
}

// Send implements Mailer: a plain-text UTF-8 message, marked
// Auto-Submitted so out-of-office replies are not sent back.
func (m *SMTPMailer) Send(ctx context.Context, to, subject, text string) error {
	msg := gomail.NewMsg()
	msg.FromMailAddress(m.from)
	if err := msg.To(to); err != nil {
		return fmt.Errorf("notify: e-mail recipient: %w", err)
	}
	msg.Subject(subject)
	msg.SetDate()
	msg.SetMessageID()
	msg.SetGenHeader("Auto-Submitted", "auto-generated")
	msg.SetGenHeader(gomail.HeaderXAutoResponseSuppress, "All")
	msg.SetBodyString(gomail.TypeTextPlain, text)
	c, err := gomail.NewClient(m.cfg.Host, m.options()...)
	if err != nil {
		return fmt.Errorf("notify: smtp client: %w", err)
	}
	if err := c.DialAndSendWithContext(ctx, msg); err != nil {
		return fmt.Errorf("notify: send e-mail: %w", err)
	}
	return nil
}
