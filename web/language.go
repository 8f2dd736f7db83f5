package web

import (
	"net/http"
	"strings"
	"time"
)

// SetLanguage stores the choice of language (GET /taal/{taal}, nl or en) in
// a cookie for a year and returns to the local path in ?terug=, or to /.
func (h *Handler) SetLanguage(w http.ResponseWriter, r *http.Request) error {
	lang := r.PathValue("taal")
	if _, ok := langTags[lang]; !ok {
		return errNoPage
	}
	http.SetCookie(w, &http.Cookie{
		Name:     langCookie,
		Value:    lang,
		Path:     "/",
		MaxAge:   int((365 * 24 * time.Hour).Seconds()),
		HttpOnly: true,
		Secure:   r.TLS != nil,
		SameSite: http.SameSiteLaxMode,
	})
	http.Redirect(w, r, localPath(r.URL.Query().Get("terug")), http.StatusSeeOther)
	return nil
}

// localPath returns p when it is a path on this site, and "/" otherwise: p
// must start with a single "/" (not "//", which browsers read as another
// host) and hold no backslash or control character, which some browsers
// also turn into another host.
func localPath(p string) string {
	if !strings.HasPrefix(p, "/") || strings.HasPrefix(p, "//") {
		return "/"
	}
	for _, c := range p {
		if c == '\\' || c < 0x20 || c == 0x7f {
			return "/"
		}
	}
	return p
}
