package schakel

import (
	"context"
	"time"

	"github.com/schakel-nl/schakel/calendar"
)

// WorkSettings is what schakel keeps per user about the work that comes to
// them: when they last opened their Postvak, so what arrived since is
// marked new, and whether they want a daily digest by e-mail.
type WorkSettings struct {
	UserID int64
	// InboxSeenAt is when the user last opened the Postvak; zero when
	// never, and then everything is new.
	InboxSeenAt time.Time
	// Digest is whether the user wants one e-mail a day with their open
	// work.
	Digest bool
	// DigestSentOn is the civil day (Europe/Amsterdam) of the last digest
	// sent; zero when none was.
	DigestSentOn calendar.Date
}

// NotificationAddress is an e-mail address of an organisation that
// receives the organisation's notifications besides its members in the
// addressee's role, such as a shared mailbox of a team.
type NotificationAddress struct {
	ID             int64
	OrganisationID int64
	Email          string
	CreatedAt      time.Time
	RetiredAt      time.Time // zero while active
}

// NotificationTest is a test message an administrator sent to one of the
// organisation's channels, with its outcome, so the history shows that the
// channel works.
type NotificationTest struct {
	ID             int64
	OrganisationID int64
	Channel        Channel
	// Target is the e-mail address or the webhook's URL.
	Target    string
	WebhookID int64 // 0 for e-mail
	CreatedAt time.Time
	// DeliveredAt is set when the message was delivered; Error holds why
	// not otherwise.
	DeliveredAt time.Time
	Error       string
}

// WorkStore keeps the per-user settings of WorkSettings.
type WorkStore interface {
	// WorkSettings returns the settings of a user; a user who never set
	// anything gets the zero settings.
	WorkSettings(ctx context.Context, userID int64) (*WorkSettings, error)
	// MarkInboxSeen records that the user opened the Postvak at at.
	MarkInboxSeen(ctx context.Context, userID int64, at time.Time) error
	// SetDigest turns the daily digest of a user on or off.
	SetDigest(ctx context.Context, userID int64, on bool) error
	// DigestRecipients returns up to limit users, ids above afterID in
	// order, who want the digest and were not sent one on day.
	DigestRecipients(ctx context.Context, day calendar.Date, afterID int64, limit int) ([]int64, error)
	// ClaimDigest records that the digest of day goes to the user; false
	// when one was claimed for that day already (by another instance too),
	// or the user no longer wants it.
	ClaimDigest(ctx context.Context, userID int64, day calendar.Date) (bool, error)
}

// ChannelStore keeps an organisation's notification e-mail addresses and
// the test messages sent to its channels.
type ChannelStore interface {
	// CreateNotificationAddress stores an address; it sets ID and
	// CreatedAt. Returns EINVALID naming email when the organisation has
	// that address active already.
	CreateNotificationAddress(ctx context.Context, a *NotificationAddress) error
	// NotificationAddress returns an address. Returns ENOTFOUND if there is
	// none.
	NotificationAddress(ctx context.Context, id int64) (*NotificationAddress, error)
	// NotificationAddresses returns an organisation's addresses, active and
	// retired, oldest first.
	NotificationAddresses(ctx context.Context, organisationID int64) ([]*NotificationAddress, error)
	// RetireNotificationAddress stops an address from receiving anything
	// new. Returns ENOTFOUND if there is none, ECONFLICT if it is retired.
	RetireNotificationAddress(ctx context.Context, id int64, at time.Time) error
	// RecordNotificationTest stores a test message with its outcome; it
	// sets ID.
	RecordNotificationTest(ctx context.Context, t *NotificationTest) error
	// NotificationTests returns the latest limit test messages of the
	// organisations, newest first.
	NotificationTests(ctx context.Context, organisationIDs []int64, limit int) ([]*NotificationTest, error)
}
