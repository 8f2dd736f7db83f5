// Package config is schakel's configuration: one struct, filled from defaults,
// then command-line flags, then SCHAKEL_* environment variables, validated
// once and passed explicitly to what needs it. It is never a global.
package config

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/mail"
	"net/url"
	"path/filepath"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/schakel-nl/schakel/calendar"
)

// Config holds every setting of schakel. Field tags name the flag, the
// environment variable, and whether the value is a secret to mask.
type Config struct {
	Addr              string        `flag:"addr" env:"SCHAKEL_ADDR" help:"address to listen on (host:port)"`
	BaseURL           string        `flag:"base-url" env:"SCHAKEL_BASE_URL" help:"public URL of this schakel, used for login redirects and links (default: http:// + addr)"`
	DB                string        `flag:"db" env:"SCHAKEL_DB" secret:"url" help:"database: an SQLite file path or a postgres:// URL"`
	SQLiteSynchronous string        `flag:"sqlite-synchronous" env:"SCHAKEL_SQLITE_SYNCHRONOUS" help:"SQLite durability in WAL mode: FULL or NORMAL"`
	Migrate           bool          `flag:"migrate" env:"SCHAKEL_MIGRATE" help:"apply pending database migrations before serving"`
	Demo              bool          `flag:"demo" env:"SCHAKEL_DEMO" help:"create the demo world on an empty database and allow the demo login"`
	OIDCIssuer        string        `flag:"oidc-issuer" env:"SCHAKEL_OIDC_ISSUER" help:"OIDC issuer URL of the identity broker"`
	OIDCClientID      string        `flag:"oidc-client-id" env:"SCHAKEL_OIDC_CLIENT_ID" help:"OIDC client id"`
	OIDCClientSecret  string        `flag:"oidc-client-secret" env:"SCHAKEL_OIDC_CLIENT_SECRET" secret:"all" help:"OIDC client secret"`
	SessionLifetime   time.Duration `flag:"session-lifetime" env:"SCHAKEL_SESSION_LIFETIME" help:"maximum age of a login session"`
	SessionIdle       time.Duration `flag:"session-idle" env:"SCHAKEL_SESSION_IDLE" help:"a session ends after this long without use"`
	EquatedDays       string        `flag:"equated-days" env:"SCHAKEL_EQUATED_DAYS" help:"days equated to holidays by Royal Decree (Atw art. 3(3)), e.g. 2026-05-15=Dag na Hemelvaart;2027-05-07=Dag na Hemelvaart"`
	SweepInterval     time.Duration `flag:"sweep-interval" env:"SCHAKEL_SWEEP_INTERVAL" help:"how often the escalation sweep looks for passed deadlines"`
	LogLevel          string        `flag:"log-level" env:"SCHAKEL_LOG_LEVEL" help:"debug, info, warn or error"`
	LogFormat         string        `flag:"log-format" env:"SCHAKEL_LOG_FORMAT" help:"json or text"`
	ShutdownTimeout   time.Duration `flag:"shutdown-timeout" env:"SCHAKEL_SHUTDOWN_TIMEOUT" help:"how long a graceful shutdown waits for requests in flight"`
	LedgerKeyFile     string        `flag:"ledger-key-file" env:"SCHAKEL_LEDGER_KEY_FILE" alias:"log-key-file" envalias:"SCHAKEL_LOG_KEY_FILE" help:"file holding the signing key of the ledger (the public record), created (mode 0600) on first start; never in the database (default: schakel-log.key beside the SQLite file, or in the working directory for PostgreSQL)"`
	LedgerOrigin      string        `flag:"ledger-origin" env:"SCHAKEL_LEDGER_ORIGIN" alias:"log-origin" envalias:"SCHAKEL_LOG_ORIGIN" help:"origin line of the ledger's checkpoints, fixed for the life of the ledger (default: the name of the existing key, else the base URL's host and path + /log, e.g. schakel.example.nl/log)"`
	LedgerCheckpoint  string        `flag:"ledger-checkpoint-file" env:"SCHAKEL_LEDGER_CHECKPOINT_FILE" help:"file holding the newest checkpoint of the ledger published, outside the database: serve refuses to sign a log that is smaller than it or not consistent with it, as after restoring an old backup (default: schakel-log.checkpoint beside the signing key)"`
	LedgerWitnesses   string        `flag:"ledger-witnesses" env:"SCHAKEL_LEDGER_WITNESSES" help:"file naming the witnesses asked to cosign each checkpoint, one a line: the witness's URL and its verifier key, separated by a space (# starts a comment); see docs/operations.md, Getuigen"`
	ReferralBudget    int           `flag:"referral-budget" env:"SCHAKEL_REFERRAL_BUDGET" help:"assignments an organisation may return to its ministry per calendar year (report note 214); 0 refuses every return"`
	MaxInFlight       int           `flag:"max-in-flight" env:"SCHAKEL_MAX_IN_FLIGHT" help:"requests served at once; more wait in line (default 8 per CPU core)"`
	MaxWaiting        int           `flag:"max-waiting" env:"SCHAKEL_MAX_WAITING" help:"requests that may wait in line for one of max-in-flight; the next is refused at once with 503 and Retry-After"`
	MaxWait           time.Duration `flag:"max-wait" env:"SCHAKEL_MAX_WAIT" help:"how long a request waits in line before it is refused with 503 and Retry-After"`
	MemoryLimit       int           `flag:"memory-limit" env:"SCHAKEL_MEMORY_LIMIT" help:"soft limit in MiB of the Go heap of serve: near it the garbage collector works harder, so dropped memory (an argon2id hash takes 19 MiB) goes back before the heap grows; 0 for none; GOMEMLIMIT, when set, wins"`
	TrustProxy        bool          `flag:"trust-proxy" env:"SCHAKEL_TRUST_PROXY" help:"take the client address for rate limits from the right-most X-Forwarded-For entry; only behind a proxy that sets it"`
	SMTPHost          string        `flag:"smtp-host" env:"SCHAKEL_SMTP_HOST" help:"SMTP server for notification e-mail; without it e-mail notifications are given up and shown to operators"`
	SMTPPort          int           `flag:"smtp-port" env:"SCHAKEL_SMTP_PORT" help:"SMTP port"`
	SMTPUsername      string        `flag:"smtp-username" env:"SCHAKEL_SMTP_USERNAME" help:"SMTP user name (empty: no authentication)"`
	SMTPPassword      string        `flag:"smtp-password" env:"SCHAKEL_SMTP_PASSWORD" secret:"all" help:"SMTP password"`
	SMTPFrom          string        `flag:"smtp-from" env:"SCHAKEL_SMTP_FROM" help:"sender address of notification e-mail"`
	SMTPTLS           string        `flag:"smtp-tls" env:"SCHAKEL_SMTP_TLS" help:"starttls, tls or none"`
	NotifyInterval    time.Duration `flag:"notify-interval" env:"SCHAKEL_NOTIFY_INTERVAL" help:"how often notifications are queued and delivered"`
	// WebhookAllowPrivate lets webhooks reach loopback, private and
	// link-local addresses, which are refused by default so an
	// organisation's administrator cannot make schakel probe its own network.
	WebhookAllowPrivate bool `flag:"webhook-allow-private" env:"SCHAKEL_WEBHOOK_ALLOW_PRIVATE" help:"let webhooks connect to loopback, private (RFC 1918, fc00::/7), link-local and carrier-grade NAT addresses; for tests and closed networks only"`
	// WebhookAllowRanges lets webhooks reach these internal ranges only
	// (CIDR, comma-separated): a closed network where receivers live,
	// without opening every internal address.
	WebhookAllowRanges string `flag:"webhook-allow-ranges" env:"SCHAKEL_WEBHOOK_ALLOW_RANGES" help:"internal address ranges (CIDR, comma-separated) webhooks may connect to, e.g. 10.20.0.0/16; every other internal address stays refused"`
	// The retention periods (PRODUCT.md C9; docs/decisions/0016-retention.md),
	// in days from a record's end; 0 keeps the texts of that kind.
	RetentionRequestDays int           `flag:"retention-request-days" env:"SCHAKEL_RETENTION_REQUEST_DAYS" help:"days after a request for account ended (closed or withdrawn) until its texts are erased; 0 keeps them (set it from your selectielijst)"`
	RetentionBrakeDays   int           `flag:"retention-brake-days" env:"SCHAKEL_RETENTION_BRAKE_DAYS" help:"days after an emergency brake ended until its texts are erased; 0 keeps them"`
	RetentionCaseDays    int           `flag:"retention-case-days" env:"SCHAKEL_RETENTION_CASE_DAYS" help:"days after a case of the maatwerkplaats closed (decided, published or withdrawn) until its texts are erased; 0 keeps them"`
	RetentionInterval    time.Duration `flag:"retention-interval" env:"SCHAKEL_RETENTION_INTERVAL" help:"how often the retention job erases the texts whose period ran out"`
	// Who runs this schakel, named on the contact, privacy and
	// accessibility pages a Dutch government site must have.
	OperatorName string `flag:"operator-name" env:"SCHAKEL_OPERATOR_NAME" help:"the organisation that runs this schakel, named on the contact, privacy and accessibility pages"`
	ContactEmail string `flag:"contact-email" env:"SCHAKEL_CONTACT_EMAIL" help:"e-mail address for questions about this schakel and its accessibility, shown on the contact page"`
	PrivacyEmail string `flag:"privacy-email" env:"SCHAKEL_PRIVACY_EMAIL" help:"e-mail address of the data protection officer (functionaris gegevensbescherming), shown on the privacy statement"`
	// Accounts (issue 19; decision 0032): who becomes a user at the first
	// login and which roles follow claims, and the issuer URLs used before
	// the current one, whose users move to it at their next login.
	ProvisioningRules string `flag:"provisioning-rules" env:"SCHAKEL_PROVISIONING_RULES" help:"TOML file of provisioning rules: [[toegang]] who becomes a user at the first login, [[rol]] roles kept in step with claims (empty: only prepared users log in)"`
	OIDCFormerIssuers string `flag:"oidc-former-issuers" env:"SCHAKEL_OIDC_FORMER_ISSUERS" help:"comma-separated issuer URLs used before --oidc-issuer; their users move to the current issuer at their next login"`

	// The identity broker beyond issuer and client (issue 19; see
	// docs/operations.md "Aansluiten op een identiteitsbroker" and
	// decision 0031): scopes, levels of assurance, clock skew and
	// private_key_jwt client authentication.
	OIDCScopes       string        `flag:"oidc-scopes" env:"SCHAKEL_OIDC_SCOPES" help:"scopes asked of the identity broker, separated by spaces; openid is always among them"`
	OIDCACRValues    string        `flag:"oidc-acr-values" env:"SCHAKEL_OIDC_ACR_VALUES" help:"acr values asked for at every login (acr_values), separated by spaces; empty asks for none"`
	OIDCACRLevels    string        `flag:"oidc-acr-levels" env:"SCHAKEL_OIDC_ACR_LEVELS" help:"which acr claim is which level of assurance: acr=level,... with level laag, substantieel or hoog (default: the eIDAS, DigiD and eHerkenning values)"`
	AssuranceMinimum string        `flag:"assurance-minimum" env:"SCHAKEL_ASSURANCE_MINIMUM" help:"minimum level of assurance per stake: stake=level,... with stake lezen, handelen, beslissen or beheren, e.g. beslissen=substantieel,beheren=substantieel; empty requires none"`
	OIDCClockSkew    time.Duration `flag:"oidc-clock-skew" env:"SCHAKEL_OIDC_CLOCK_SKEW" help:"how far the broker's clock may differ from ours when tokens are checked (exp, iat, nbf)"`
	OIDCClientKey    string        `flag:"oidc-client-key" env:"SCHAKEL_OIDC_CLIENT_KEY" help:"PEM file with the private key (RSA or EC) for private_key_jwt client authentication; when set, token requests carry a signed client assertion instead of the secret"`
	OIDCClientKeyID  string        `flag:"oidc-client-key-id" env:"SCHAKEL_OIDC_CLIENT_KEY_ID" help:"key id (kid) of --oidc-client-key as registered at the broker"`

	// MetricsToken and MetricsPublic decide who reads /metrics, whose
	// per-route counters would show the public when brakes are pulled: a
	// scraper with the bearer token; everyone only when MetricsPublic is
	// set (behind a proxy that keeps /metrics inside); else nobody (404).
	MetricsToken  string `flag:"metrics-token" env:"SCHAKEL_METRICS_TOKEN" secret:"all" help:"bearer token a Prometheus scraper sends to read /metrics; without it (and without --metrics-public) /metrics answers 404"`
	MetricsPublic bool   `flag:"metrics-public" env:"SCHAKEL_METRICS_PUBLIC" help:"serve /metrics to everyone without a token; only where a proxy keeps /metrics off the internet"`

	// Sources records where each setting came from ("default", "flag",
	// "env"), by flag name, for --print-config.
	Sources map[string]string `flag:"-"`
}

// Default returns the configuration with every default filled in.
func Default() Config {
	return Config{
		Addr:              "127.0.0.1:8080",
		DB:                "schakel.db",
		SQLiteSynchronous: "FULL",
		SessionLifetime:   12 * time.Hour,
		SessionIdle:       time.Hour,
		LogLevel:          "info",
		LogFormat:         "json",
		ShutdownTimeout:   15 * time.Second,
		SweepInterval:     30 * time.Second,
		ReferralBudget:    1,
		MaxInFlight:       8 * runtime.GOMAXPROCS(0),
		MaxWaiting:        1024,
		MaxWait:           5 * time.Second,
		MemoryLimit:       100,
		SMTPPort:          587,
		SMTPFrom:          "schakel@localhost",
		SMTPTLS:           "starttls",
		NotifyInterval:    10 * time.Second,
		// Two years after a request or brake ended, five after a case
		// closed (decision 0016); the same as erasure.DefaultPeriods.
		RetentionRequestDays: 730,
		RetentionBrakeDays:   730,
		RetentionCaseDays:    1825,
		RetentionInterval:    time.Hour,
		// The identity broker (decision 0031).
		OIDCScopes:    "openid profile email",
		OIDCACRLevels: DefaultACRLevels,
		OIDCClockSkew: time.Minute,
	}
}

// Load builds the configuration of a subcommand: defaults, then the flags in
// args, then environment variables from getenv, each later layer winning.
// Only the settings named in only are accepted as flags (nil means all), so
// "schakel migrate --demo" is refused. The remaining positional arguments are
// returned. extra, when not nil, registers flags of the subcommand itself
// (such as backup's --out). It does not validate; call Validate.
func Load(name string, args []string, getenv func(string) string, stderr io.Writer, extra func(*flag.FlagSet), only ...string) (Config, []string, error) {
	c := Default()
	c.Sources = map[string]string{}
	fs := flag.NewFlagSet("schakel "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	allowed := func(f string) bool { return len(only) == 0 || contains(only, f) }
	var printConfig bool
	if name == "serve" {
		fs.BoolVar(&printConfig, "print-config", false, "print the configuration (secrets masked) and exit")
	}
	aliases := c.registerFlags(fs, allowed)
	if extra != nil {
		extra(fs)
	}
	if err := fs.Parse(args); err != nil {
		return c, nil, err
	}
	errs := c.noteFlags(fs, aliases)
	eachField(&c, func(f reflect.StructField, v reflect.Value) {
		if fl := f.Tag.Get("flag"); allowed(fl) {
			errs = append(errs, c.fromEnv(f, v, getenv)...)
		}
	})
	if printConfig {
		c.Sources["print-config"] = "flag"
	}
	return c, fs.Args(), errors.Join(errs...)
}

// registerFlags registers a flag for every allowed setting, and its former
// name where it has one; it returns the former names with the setting's
// flag.
func (c *Config) registerFlags(fs *flag.FlagSet, allowed func(string) bool) map[string]string {
	aliases := map[string]string{} // former flag name → its setting's flag
	eachField(c, func(f reflect.StructField, v reflect.Value) {
		fl := f.Tag.Get("flag")
		if !allowed(fl) {
			return
		}
		c.Sources[fl] = "default"
		switch p := v.Addr().Interface().(type) {
		case *string:
			fs.StringVar(p, fl, *p, f.Tag.Get("help"))
			if a := f.Tag.Get("alias"); a != "" {
				// An older name of the setting, kept so that existing
				// deployments keep their signing key.
				fs.StringVar(p, a, *p, "the former name of --"+fl)
				aliases[a] = fl
			}
		case *bool:
			fs.BoolVar(p, fl, *p, f.Tag.Get("help"))
		case *int:
			fs.IntVar(p, fl, *p, f.Tag.Get("help"))
		case *time.Duration:
			fs.DurationVar(p, fl, *p, f.Tag.Get("help"))
		}
	})
	return aliases
}

// noteFlags records which settings the flags gave, and refuses a setting
// given under both its former and its current name.
func (c *Config) noteFlags(fs *flag.FlagSet, aliases map[string]string) []error {
	var errs []error
	given := map[string]bool{}
	var names []string
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true; names = append(names, f.Name) })
	for _, name := range names {
		primary, former := aliases[name]
		switch {
		case former && given[primary]:
			errs = append(errs, fmt.Errorf("--%s is the former name of --%s: give only --%s", name, primary, primary))
		case former:
			c.Sources[primary] = "flag --" + name
		default:
			if _, ok := c.Sources[name]; ok {
				c.Sources[name] = "flag"
			}
		}
	}
	return errs
}

// fromEnv sets one setting from its environment variable, or its former
// name's, when given; two names that disagree are refused.
func (c *Config) fromEnv(f reflect.StructField, v reflect.Value, getenv func(string) string) []error {
	fl, key := f.Tag.Get("flag"), f.Tag.Get("env")
	raw, source := getenv(key), "env"
	if a := f.Tag.Get("envalias"); a != "" && getenv(a) != "" {
		switch {
		case raw == "":
			// The former name, kept so that existing deployments keep
			// their signing key; the source says which was read.
			raw, key, source = getenv(a), a, "env "+a
		case raw != getenv(a):
			return []error{fmt.Errorf("%s and its former name %s disagree: set only %s", key, a, key)}
		}
	}
	if raw == "" {
		return nil
	}
	c.Sources[fl] = source
	if err := set(v, raw); err != nil {
		return []error{fmt.Errorf("%s=%q: %w", key, raw, err)}
	}
	return nil
}

// set parses raw into the setting v.
func set(v reflect.Value, raw string) error {
	switch p := v.Addr().Interface().(type) {
	case *string:
		*p = raw
	case *bool:
		b, err := strconv.ParseBool(raw)
		if err != nil {
			return errors.New("want true or false")
		}
		*p = b
	case *int:
		n, err := strconv.Atoi(raw)
		if err != nil {
			return errors.New("want a whole number")
		}
		*p = n
	case *time.Duration:
		d, err := time.ParseDuration(raw)
		if err != nil {
			return errors.New("want a duration such as 30s or 12h")
		}
		*p = d
	}
	return nil
}

// FormerNames lists the settings that were given under a former name
// (--log-key-file, SCHAKEL_LOG_ORIGIN, …), as "former → current", for
// serve to warn about: they still work, but will not forever.
func (c *Config) FormerNames() []string {
	var out []string
	eachField(c, func(f reflect.StructField, _ reflect.Value) {
		fl := f.Tag.Get("flag")
		switch src := c.Sources[fl]; {
		case strings.HasPrefix(src, "flag --"):
			out = append(out, strings.TrimPrefix(src, "flag ")+" → --"+fl)
		case strings.HasPrefix(src, "env "):
			out = append(out, strings.TrimPrefix(src, "env ")+" → "+f.Tag.Get("env"))
		}
	})
	return out
}

// PrintRequested reports whether --print-config was given.
func (c *Config) PrintRequested() bool { return c.Sources["print-config"] == "flag" }

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func eachField(c *Config, fn func(reflect.StructField, reflect.Value)) {
	rv := reflect.ValueOf(c).Elem()
	rt := rv.Type()
	for i := 0; i < rt.NumField(); i++ {
		if f := rt.Field(i); f.Tag.Get("flag") != "-" {
			fn(f, rv.Field(i))
		}
	}
}

// Validate checks the whole configuration once and names every bad setting
// with its flag and environment variable.
func (c *Config) Validate() error {
	var v problems
	c.validateServing(&v)
	c.validateLogin(&v)
	c.validateBroker(&v)
	c.validateMail(&v)
	c.validateRunning(&v)
	c.validateRetention(&v)
	c.validateSite(&v)
	c.validateAccounts(&v)
	c.validateWebhooks(&v)
	c.validateWitnesses(&v)
	return errors.Join(v...)
}

// problems collects the bad settings of a configuration, each named with
// its flag and environment variable.
type problems []error

func (p *problems) bad(flagName, env, format string, args ...any) {
	*p = append(*p, fmt.Errorf("--%s (%s): %s", flagName, env, fmt.Sprintf(format, args...)))
}

// validateServing checks where schakel listens, is reached and stores.
func (c *Config) validateServing(v *problems) {
	if _, port, err := net.SplitHostPort(c.Addr); err != nil {
		v.bad("addr", "SCHAKEL_ADDR", "%q is not host:port, e.g. 127.0.0.1:8080", c.Addr)
	} else if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
		v.bad("addr", "SCHAKEL_ADDR", "port %q is not a number from 0 to 65535", port)
	}
	if c.BaseURL != "" {
		if u, err := url.Parse(c.BaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			v.bad("base-url", "SCHAKEL_BASE_URL", "%q is not an http(s) URL such as https://schakel.example.nl", c.BaseURL)
		}
	}
	if strings.TrimSpace(c.DB) == "" {
		v.bad("db", "SCHAKEL_DB", "empty: give an SQLite file path or a postgres:// URL")
	} else if strings.Contains(c.DB, "://") && !strings.HasPrefix(c.DB, "postgres://") && !strings.HasPrefix(c.DB, "postgresql://") {
		v.bad("db", "SCHAKEL_DB", "only postgres:// URLs or SQLite file paths are supported, not %q", maskURL(c.DB))
	}
	if s := strings.ToUpper(c.SQLiteSynchronous); s != "FULL" && s != "NORMAL" {
		v.bad("sqlite-synchronous", "SCHAKEL_SQLITE_SYNCHRONOUS", "%q: want FULL or NORMAL", c.SQLiteSynchronous)
	}
	if c.LedgerOrigin != "" {
		if err := CheckLedgerOrigin(c.LedgerOrigin); err != nil {
			v.bad("ledger-origin", "SCHAKEL_LEDGER_ORIGIN", "%v", err)
		}
	}
}

// validateLogin checks the identity broker and the sessions.
func (c *Config) validateLogin(v *problems) {
	if (c.OIDCIssuer == "") != (c.OIDCClientID == "") {
		v.bad("oidc-issuer", "SCHAKEL_OIDC_ISSUER", "give both the issuer and --oidc-client-id (SCHAKEL_OIDC_CLIENT_ID), or neither")
	}
	if c.OIDCIssuer != "" {
		if u, err := url.Parse(c.OIDCIssuer); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			v.bad("oidc-issuer", "SCHAKEL_OIDC_ISSUER", "%q is not an http(s) URL", c.OIDCIssuer)
		}
	}
	if c.SessionLifetime < time.Minute {
		v.bad("session-lifetime", "SCHAKEL_SESSION_LIFETIME", "%s is shorter than one minute", c.SessionLifetime)
	}
	if c.SessionIdle < time.Minute || c.SessionIdle > c.SessionLifetime {
		v.bad("session-idle", "SCHAKEL_SESSION_IDLE", "%s must be at least one minute and at most the session lifetime", c.SessionIdle)
	}
}

// validateMail checks the notifications' e-mail.
func (c *Config) validateMail(v *problems) {
	if c.SMTPPort < 1 || c.SMTPPort > 65535 {
		v.bad("smtp-port", "SCHAKEL_SMTP_PORT", "%d is not a port from 1 to 65535", c.SMTPPort)
	}
	if t := c.SMTPTLS; t != "starttls" && t != "tls" && t != "none" {
		v.bad("smtp-tls", "SCHAKEL_SMTP_TLS", "%q: want starttls, tls or none", t)
	}
	if c.SMTPUsername != "" && c.SMTPTLS == "none" {
		v.bad("smtp-username", "SCHAKEL_SMTP_USERNAME", "a password is never sent without TLS: use --smtp-tls starttls or tls")
	}
	if c.SMTPHost != "" {
		if a, err := mail.ParseAddress(c.SMTPFrom); err != nil || a.Address != c.SMTPFrom {
			v.bad("smtp-from", "SCHAKEL_SMTP_FROM", "%q is not an e-mail address such as schakel@example.nl", c.SMTPFrom)
		}
	}
	if c.NotifyInterval < 100*time.Millisecond {
		v.bad("notify-interval", "SCHAKEL_NOTIFY_INTERVAL", "%s is shorter than 100ms", c.NotifyInterval)
	}
}

// validateRunning checks the rules, the jobs and the logs.
func (c *Config) validateRunning(v *problems) {
	if c.MaxInFlight < 1 || c.MaxInFlight > 10000 {
		v.bad("max-in-flight", "SCHAKEL_MAX_IN_FLIGHT", "%d: want 1 to 10000 requests at once", c.MaxInFlight)
	}
	if c.MaxWaiting < 0 || c.MaxWaiting > 100000 {
		v.bad("max-waiting", "SCHAKEL_MAX_WAITING", "%d: want 0 to 100000 waiting requests", c.MaxWaiting)
	}
	if c.MaxWait < 0 || c.MaxWait > time.Minute {
		v.bad("max-wait", "SCHAKEL_MAX_WAIT", "%s: want 0 to 1m", c.MaxWait)
	}
	if c.MemoryLimit != 0 && (c.MemoryLimit < 32 || c.MemoryLimit > 1<<20) {
		v.bad("memory-limit", "SCHAKEL_MEMORY_LIMIT", "%d: want 0 (none) or 32 to 1048576 MiB", c.MemoryLimit)
	}
	if c.ReferralBudget < 0 || c.ReferralBudget > 100 {
		v.bad("referral-budget", "SCHAKEL_REFERRAL_BUDGET", "%d: want 0 to 100 referrals per year", c.ReferralBudget)
	}
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		v.bad("log-level", "SCHAKEL_LOG_LEVEL", "%q: want debug, info, warn or error", c.LogLevel)
	}
	if c.LogFormat != "json" && c.LogFormat != "text" {
		v.bad("log-format", "SCHAKEL_LOG_FORMAT", "%q: want json or text", c.LogFormat)
	}
	if _, err := c.Equated(); err != nil {
		v.bad("equated-days", "SCHAKEL_EQUATED_DAYS", "%v", err)
	}
	if c.SweepInterval < time.Second {
		v.bad("sweep-interval", "SCHAKEL_SWEEP_INTERVAL", "%s is shorter than one second", c.SweepInterval)
	}
	if c.ShutdownTimeout < 0 {
		v.bad("shutdown-timeout", "SCHAKEL_SHUTDOWN_TIMEOUT", "must not be negative")
	}
}

// MaxRetentionDays is the longest retention period accepted: 100 years.
const MaxRetentionDays = 36600

// validateRetention checks the retention periods and the job's interval.
func (c *Config) validateRetention(v *problems) {
	for _, p := range []struct {
		flag, env string
		days      int
	}{
		{"retention-request-days", "SCHAKEL_RETENTION_REQUEST_DAYS", c.RetentionRequestDays},
		{"retention-brake-days", "SCHAKEL_RETENTION_BRAKE_DAYS", c.RetentionBrakeDays},
		{"retention-case-days", "SCHAKEL_RETENTION_CASE_DAYS", c.RetentionCaseDays},
	} {
		if p.days < 0 || p.days > MaxRetentionDays {
			v.bad(p.flag, p.env, "%d: want 0 (keep the texts) to %d days", p.days, MaxRetentionDays)
		}
	}
	if c.RetentionInterval < time.Minute {
		v.bad("retention-interval", "SCHAKEL_RETENTION_INTERVAL", "%s is shorter than one minute", c.RetentionInterval)
	}
}

// PublicURL returns BaseURL, or http:// + Addr when it is not set. An Addr
// that listens on every interface (":8080", "0.0.0.0:8080", "[::]:8080") is
// no address anyone can visit, so the URL names the loopback address
// instead: links and `schakel verify --url` then reach the server.
func (c *Config) PublicURL() string {
	if c.BaseURL != "" {
		return strings.TrimRight(c.BaseURL, "/")
	}
	host, port, err := net.SplitHostPort(c.Addr)
	if err != nil {
		return "http://" + c.Addr
	}
	switch ip := net.ParseIP(host); {
	case host == "" || (ip != nil && ip.IsUnspecified() && ip.To4() != nil):
		host = "127.0.0.1"
	case ip != nil && ip.IsUnspecified():
		host = "::1"
	}
	return "http://" + net.JoinHostPort(host, port)
}

// LedgerKeyName is the default name of the file with the log's signing key.
const LedgerKeyName = "schakel-log.key"

// LedgerKeyPath returns the file of the public record's signing key: LedgerKeyFile,
// or schakel-log.key beside the SQLite database file, or in the working
// directory for PostgreSQL.
func (c *Config) LedgerKeyPath() string {
	if c.LedgerKeyFile != "" {
		return c.LedgerKeyFile
	}
	if strings.Contains(c.DB, "://") {
		return LedgerKeyName
	}
	return filepath.Join(filepath.Dir(c.DB), LedgerKeyName)
}

// LedgerCheckpointName is the default name of the file with the newest
// checkpoint published.
const LedgerCheckpointName = "schakel-log.checkpoint"

// LedgerCheckpointPath returns the file of the newest checkpoint published:
// LedgerCheckpoint, or schakel-log.checkpoint beside the signing key,
// which is outside the database and backed up with the key.
func (c *Config) LedgerCheckpointPath() string {
	if c.LedgerCheckpoint != "" {
		return c.LedgerCheckpoint
	}
	return filepath.Join(filepath.Dir(c.LedgerKeyPath()), LedgerCheckpointName)
}

// DefaultLedgerOrigin returns the origin a new log gets when --ledger-origin is
// not set: the public URL without scheme and trailing slash, followed by
// "/log" (C2SP tlog-checkpoint: the URL prefix of the log), such as
// "schakel.example.nl/log" or "127.0.0.1:8080/log".
func (c *Config) DefaultLedgerOrigin() string {
	u, err := url.Parse(c.PublicURL())
	if err != nil || u.Host == "" {
		return "schakel/log"
	}
	return u.Host + strings.TrimRight(u.Path, "/") + "/log"
}

// CheckLedgerOrigin reports whether origin can be the origin of the log and the
// name of its signing key: a non-empty line of printable characters without
// spaces or plus signs (the rules of golang.org/x/mod/sumdb/note key names).
func CheckLedgerOrigin(origin string) error {
	if origin == "" {
		return errors.New("empty")
	}
	if !utf8.ValidString(origin) {
		return errors.New("not valid UTF-8")
	}
	for _, r := range origin {
		if r == '+' || r <= ' ' || r == 0x7f || unicode.IsSpace(r) || !unicode.IsPrint(r) {
			return fmt.Errorf("%q: want printable characters without spaces or plus signs, such as schakel.example.nl/log", origin)
		}
	}
	return nil
}

// Print writes the configuration, one setting a line with its source, secrets
// masked: passwords in URLs and secret values never appear.
func (c *Config) Print(w io.Writer) {
	eachField(c, func(f reflect.StructField, v reflect.Value) {
		fl := f.Tag.Get("flag")
		src, ok := c.Sources[fl]
		if !ok {
			return
		}
		val := fmt.Sprint(v.Interface())
		switch f.Tag.Get("secret") {
		case "all":
			if val != "" {
				val = "********"
			}
		case "url":
			val = maskURL(val)
		}
		fmt.Fprintf(w, "%-20s %-28s %-9s %s\n", fl, f.Tag.Get("env"), src, val)
	})
}

// maskURL hides the password of a URL, keeping the rest readable.
func maskURL(s string) string {
	u, err := url.Parse(s)
	if err != nil || u.User == nil {
		if strings.Contains(s, "password=") {
			return "(a connection string with a password; not shown)"
		}
		return s
	}
	if _, has := u.User.Password(); has {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	q := u.Query()
	if q.Has("password") {
		q.Set("password", "xxxxx")
		u.RawQuery = q.Encode()
	}
	return u.String()
}

// Equated parses EquatedDays: entries "YYYY-MM-DD=name" separated by ";".
func (c *Config) Equated() ([]calendar.EquatedDay, error) {
	var out []calendar.EquatedDay
	for _, part := range strings.Split(c.EquatedDays, ";") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		date, name, ok := strings.Cut(part, "=")
		if !ok || strings.TrimSpace(name) == "" {
			return nil, fmt.Errorf("%q: want YYYY-MM-DD=name", part)
		}
		d, err := calendar.ParseDate(strings.TrimSpace(date))
		if err != nil {
			return nil, fmt.Errorf("%q: %v", part, err)
		}
		out = append(out, calendar.EquatedDay{Date: d, Name: strings.TrimSpace(name)})
	}
	return out, nil
}

// validateSite checks the addresses shown on the contact and privacy pages.
func (c *Config) validateSite(v *problems) {
	for _, p := range []struct{ flag, env, addr string }{
		{"contact-email", "SCHAKEL_CONTACT_EMAIL", c.ContactEmail},
		{"privacy-email", "SCHAKEL_PRIVACY_EMAIL", c.PrivacyEmail},
	} {
		if p.addr == "" {
			continue
		}
		if a, err := mail.ParseAddress(p.addr); err != nil || a.Name != "" || a.Address != p.addr {
			v.bad(p.flag, p.env, "%q is not a bare e-mail address such as info@example.nl", p.addr)
		}
	}
	if utf8.RuneCountInString(c.OperatorName) > 200 {
		v.bad("operator-name", "SCHAKEL_OPERATOR_NAME", "longer than 200 characters")
	}
}
