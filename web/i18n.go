package web

import (
	"fmt"
	"maps"
	"net/http"
	"strings"
	"time"

	"golang.org/x/text/language"

	"github.com/schakel-nl/schakel"
)

// langCookie holds the visitor's choice of language: "nl" or "en".
const langCookie = "taal"

// The languages of the pages. Dutch is the default and the source: every
// message key is the Dutch text itself.
const (
	langNL = "nl"
	langEN = "en"
)

var langTags = map[string]language.Tag{langNL: language.Dutch, langEN: language.English}

// english holds every English translation, keyed by the Dutch text: the
// texts of the templates and handlers (pageMessages) and the message formats
// of the domain (domainMessages), and those of each capability kept apart
// (brakeDomainMessages, brakePageMessages).
var english = func() map[string]string {
	m := make(map[string]string, len(pageMessages)+len(domainMessages))
	for _, src := range []map[string]string{domainMessages, brakeDomainMessages, caseDomainMessages, pageMessages, brakePageMessages, casePageMessages, publicationMessages, signalDomainMessages, signalPageMessages, assessmentDomainMessages, assessmentPageMessages, parliamentDomainMessages, parliamentPageMessages, openDataMessages, reportPageMessages,
		siteMessages,
		lawMessages,
		workMessages,
	} {
		for k, v := range src {
			m[k] = v
		}
	}
	maps.Copy(m, partialMessages)
	return m
}()

// requestLang returns the language chosen with the cookie, Dutch by default.
func requestLang(r *http.Request) string {
	if c, err := r.Cookie(langCookie); err == nil && c.Value == langEN {
		return langEN
	}
	return langNL
}

// translator translates for one request.
type translator struct {
	lang string
}

func (h *Handler) translator(r *http.Request) translator {
	return translator{lang: requestLang(r)}
}

// T translates the Dutch text key, formatting args into it the way
// fmt.Sprintf does. A key missing from the catalogue is shown as it is.
func (t translator) T(key string, args ...any) string {
	if len(args) == 0 && !strings.Contains(key, "%") {
		if t.lang == langEN {
			if en, ok := english[key]; ok {
				return en
			}
		}
		return key
	}
	msg := key
	if t.lang == langEN {
		if en, ok := english[key]; ok {
			msg = en
		}
	}
	// fmt rather than a message.Printer: the printer groups the digits of
	// every number by locale, which writes the year 2026 as "2.026".
	return fmt.Sprintf(msg, args...)
}

// FieldMessage translates a field error of the domain.
func (t translator) FieldMessage(f schakel.FieldError) string {
	return t.T(f.Format, f.Args...)
}

// ErrorMessage translates the message of a schakel error when it is in the
// catalogue (messages without arguments are), and never reveals the text
// of an internal error.
func (t translator) ErrorMessage(err error) string {
	return t.T(schakel.ErrorMessage(err))
}

var monthsNL = [...]string{"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"}
var monthsEN = [...]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}

// date formats t as a date in the time zone loc: "2 maart 2026" in Dutch,
// "2 March 2026" in English.
func (t translator) date(tm time.Time, loc *time.Location) string {
	if tm.IsZero() {
		return ""
	}
	tm = tm.In(loc)
	months := monthsNL
	if t.lang == langEN {
		months = monthsEN
	}
	return fmt.Sprintf("%d %s %d", tm.Day(), months[tm.Month()-1], tm.Year())
}
