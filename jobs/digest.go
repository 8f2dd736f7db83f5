package jobs

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/inbox"
	"github.com/schakel-nl/schakel/notify"
)

// DigestStore is what the digest needs of the store (*store.Store).
type DigestStore interface {
	DigestRecipients(ctx context.Context, day calendar.Date, afterID int64, limit int) ([]int64, error)
	ClaimDigest(ctx context.Context, userID int64, day calendar.Date) (bool, error)
	User(ctx context.Context, id int64) (*schakel.User, error)
}

// WorkLister returns a user's open work (*inbox.Service).
type WorkLister interface {
	Items(ctx context.Context, u *schakel.User) ([]inbox.Item, error)
}

// DefaultDigestInterval is how often Run looks for digests to send.
const DefaultDigestInterval = 15 * time.Minute

// DefaultDigestHour is the hour (Europe/Amsterdam) from which a day's
// digests go out: at the start of the working day.
const DefaultDigestHour = 7

// Digest sends each user who asked for it one e-mail a day with their
// open work and its due dates — the same list as their Postvak. The day
// is claimed in the store before the mail goes out, so however many
// instances run it, a user gets at most one digest a day (a failed send
// is not retried that day: tomorrow's digest has the same work). A user
// with no open work gets no mail.
//
// It logs counts only, never a user, an address or a title.
type Digest struct {
	Store DigestStore
	Work  WorkLister
	// Mailer sends the e-mail; nil (no SMTP server configured) sends
	// nothing and claims nothing.
	Mailer notify.Mailer
	Clock  schakel.Clock
	// BaseURL is the public URL of schakel, for the link to the Postvak.
	BaseURL string
	Log     *slog.Logger
	// Hour is the hour from which a day's digests go out; 0 means
	// DefaultDigestHour.
	Hour int
}

func (d *Digest) log() *slog.Logger {
	if d.Log == nil {
		return slog.New(slog.DiscardHandler)
	}
	return d.Log
}

// RunOnce sends the digests due at the clock's time: none before Hour,
// then one to each opted-in user not yet sent one today. It returns the
// digests sent and the sends that failed (a user's work that could not be
// read among them, logged); err is an error of the store listing the
// recipients.
func (d *Digest) RunOnce(ctx context.Context) (sent, failed int, err error) {
	if d.Mailer == nil {
		return 0, 0, nil
	}
	now := d.Clock.Now().In(calendar.Location())
	hour := d.Hour
	if hour <= 0 {
		hour = DefaultDigestHour
	}
	if now.Hour() < hour || now.Weekday() == time.Saturday || now.Weekday() == time.Sunday {
		// A digest of work comes on working days, as the setting says.
		return 0, 0, nil
	}
	day := calendar.DateFromTime(now)
	var after int64
	for {
		ids, err := d.Store.DigestRecipients(ctx, day, after, 100)
		if err != nil {
			return sent, failed, err
		}
		for _, id := range ids {
			ok, err := d.sendOne(ctx, id, day)
			switch {
			case err != nil:
				// One user's work that cannot be read must not keep the
				// others from their digest; logged without the user.
				d.log().ErrorContext(ctx, "digest", slog.String("code", schakel.ErrorCode(err)))
				failed++
			case ok == outcomeSent:
				sent++
			case ok == outcomeFailed:
				failed++
			}
		}
		if len(ids) < 100 {
			return sent, failed, nil
		}
		after = ids[len(ids)-1]
	}
}

// outcome is what became of one user's digest.
type outcome int

const (
	outcomeNone   outcome = iota // nothing to send, or claimed elsewhere
	outcomeSent                  // mailed
	outcomeFailed                // the mail failed
)

// sendOne claims day for the user and mails their work.
func (d *Digest) sendOne(ctx context.Context, id int64, day calendar.Date) (outcome, error) {
	u, err := d.Store.User(ctx, id)
	if schakel.ErrorCode(err) == schakel.ENOTFOUND {
		return outcomeNone, nil
	}
	if err != nil {
		return outcomeNone, err
	}
	items, err := d.Work.Items(ctx, u)
	if err != nil {
		return outcomeNone, err
	}
	claimed, err := d.Store.ClaimDigest(ctx, id, day)
	if err != nil || !claimed || len(items) == 0 || u.Email == "" {
		return outcomeNone, err
	}
	subject, text := DigestText(items, day, d.BaseURL)
	if err := d.Mailer.Send(ctx, u.Email, subject, text); err != nil {
		return outcomeFailed, nil
	}
	return outcomeSent, nil
}

// kindWords are the kinds of work in the digest's words.
var kindWords = map[inbox.Kind]string{
	inbox.KindCase:       "Casus",
	inbox.KindBrake:      "Noodrem",
	inbox.KindRequest:    "Verzoek",
	inbox.KindKnelpunt:   "Knelpunt",
	inbox.KindAssessment: "Uitvoeringstoets",
}

// maxDigestItems is how many items one digest lists; the rest is counted.
const maxDigestItems = 30

// DigestText is the subject and plain text of a digest of items on day,
// soonest due first as the Postvak has them, with a link to the Postvak.
func DigestText(items []inbox.Item, day calendar.Date, baseURL string) (subject, text string) {
	overdue := 0
	for _, it := range items {
		if it.Overdue {
			overdue++
		}
	}
	subject = fmt.Sprintf("schakel: %d open in uw postvak", len(items))
	if overdue > 0 {
		subject += fmt.Sprintf(", %d te laat", overdue)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Uw werk in schakel op %s.\n\n", day.Dutch())
	for i, it := range items {
		if i == maxDigestItems {
			fmt.Fprintf(&b, "… en nog %d.\n", len(items)-maxDigestItems)
			break
		}
		due := "geen termijn"
		switch {
		case it.Overdue:
			due = "te laat, termijn was " + it.Due.Dutch()
		case !it.Due.IsZero():
			due = "uiterlijk " + it.Due.Dutch()
		}
		fmt.Fprintf(&b, "- %s %d: %s (%s)\n  %s%s\n", kindWords[it.Kind], it.ID, it.Title, due, strings.TrimRight(baseURL, "/"), it.URL)
	}
	base := strings.TrimRight(baseURL, "/")
	fmt.Fprintf(&b, "\nUw postvak: %s/postvak\nU krijgt deze samenvatting omdat u die hebt aangezet. Uitzetten kan op %s/instellingen.\n", base, base)
	// The titles are people's own words; the rest is said in English too,
	// for colleagues who read the pages in English.
	fmt.Fprintf(&b, "\nIn English: %d open in your schakel inbox, %d overdue: %s/postvak\nYou get this summary because you turned it on. Turn it off at %s/instellingen.\n",
		len(items), overdue, base, base)
	return subject, b.String()
}

// Run sends the due digests every interval until ctx ends.
func (d *Digest) Run(ctx context.Context, interval time.Duration) {
	if interval <= 0 {
		interval = DefaultDigestInterval
	}
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		sent, failed, err := d.RunOnce(ctx)
		switch {
		case err != nil && ctx.Err() == nil:
			d.log().Error("digest", slog.String("err", "store or postvak failed"))
		case sent > 0 || failed > 0:
			d.log().Info("digest", slog.Int("sent", sent), slog.Int("failed", failed))
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
