package brakes

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/schakel-nl/schakel"
)

// A citizen may give an e-mail address with a brake (issue 15). It gets a
// copy of the receipt at once, sent straight through Mail and kept nowhere
// else (the code must not reach the notification queue or a log), and a
// notice without any content when an answer comes. The address is kept in
// the store only until the brake is closed or withdrawn: SweepContacts
// deletes it then. It is never shown to the organisation.

// contactBatch is how many contacts SweepContacts tells per round.
const contactBatch = 100

// ErrNoMail is returned when a copy is asked for without a way to send it
// or without an address.
var ErrNoMail = errors.New("brakes: no e-mail address or no mailer")

// MailOn reports whether citizens can give an e-mail address.
func (s *Service) MailOn() bool { return s.Mail != nil }

// contactEmail checks the citizen's address; without a mailer an address
// is refused rather than kept for nothing.
func (s *Service) contactEmail(in string, v *schakel.Validation) string {
	email := schakel.CheckBrakeEmail(v, in)
	if email != "" && s.Mail == nil {
		v.Add("email", "not_allowed", "E-mail kan nu niet worden verstuurd. Laat dit veld leeg en schrijf de code op.")
	}
	return email
}

// SendReceiptCopy e-mails the copy of the receipt of p, just pulled, to
// the address given with it: subject and text are made by the caller, in
// the citizen's language. Returns ErrNoMail when there is no address.
func (s *Service) SendReceiptCopy(ctx context.Context, p *Pulled, subject, text string) error {
	if s.Mail == nil || p == nil || p.Brake.ContactEmail == "" {
		return ErrNoMail
	}
	if err := s.Mail.Send(ctx, p.Brake.ContactEmail, subject, text); err != nil {
		// The error may name the address; it is not passed on.
		return errors.New("brakes: the receipt copy could not be sent")
	}
	return nil
}

// ContactSweep is what one SweepContacts did.
type ContactSweep struct {
	Notified int // notices of an answer sent
	Failed   int // notices that could not be sent (tried again next time)
	Deleted  int // addresses of closed and withdrawn brakes deleted
}

// answerNotice is the notice of an answer, in Dutch and English since the
// citizen's language is not kept. It holds nothing of the brake: whoever
// reads the mailbox learns only that there is an answer.
const answerNotice = `Er is een antwoord op uw noodrem. Lees het met uw ontvangstcode op %[1]s/noodrem/volgen.
Uw e-mailadres wordt gewist zodra u de noodrem afsluit of intrekt, en anders 90 dagen na het laatste antwoord.

There is an answer to your emergency brake. Read it with your receipt code at %[1]s/noodrem/volgen.
Your e-mail address is deleted as soon as you close or withdraw the emergency brake, and otherwise 90 days after the last answer.
`

// ContactKeptAfterAnswer is how long a citizen's e-mail address is kept
// after an answer the citizen neither closes nor contests: long enough to
// contest, not for ever.
const ContactKeptAfterAnswer = 90 * 24 * time.Hour

// SweepContacts tells every citizen whose brake was answered at a rung
// they were not told of yet, then deletes the addresses of closed and
// withdrawn brakes and of brakes answered ContactKeptAfterAnswer ago
// without a change since. base is the site's public address, for the link.
func (s *Service) SweepContacts(ctx context.Context, base string) (ContactSweep, error) {
	var out ContactSweep
	if s.Mail != nil {
		cs, err := s.store.BrakeContactsToNotify(ctx, contactBatch)
		if err != nil {
			return out, err
		}
		for _, c := range cs {
			if err := s.Mail.Send(ctx, c.Email, "Antwoord op uw noodrem / Answer to your emergency brake", fmt.Sprintf(answerNotice, base)); err != nil {
				out.Failed++
				continue
			}
			if err := s.store.MarkBrakeContactNotified(ctx, c.RequestID, c.Rung); err != nil {
				return out, err
			}
			out.Notified++
		}
	}
	n, err := s.store.DeleteEndedBrakeContacts(ctx, s.Clock.Now().Add(-ContactKeptAfterAnswer))
	out.Deleted = n
	return out, err
}
