package web

import (
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
)

// FormPageRoutes takes every page route pattern as registered and returns
// a GET route for the path of each POST route that has none: a reload of a
// page that came back from a POST (an error, a conflict) would otherwise be
// a 404. Each answers with a 303 to the page that holds the form (see
// formPageOf). It also remembers that page for every POST route, so a
// conflict can link to the current version and a draft knows where to go
// back to. Call it once, after registering the page routes and before
// serving.
func (h *Handler) FormPageRoutes(patterns []string) map[string]http.HandlerFunc {
	gets := map[string]bool{}
	var posts []string
	for _, p := range patterns {
		method, path, ok := strings.Cut(p, " ")
		switch {
		case !ok:
			gets[p] = true // a pattern without a method answers GET too
		case method == http.MethodGet:
			gets[path] = true
		case method == http.MethodPost:
			posts = append(posts, path)
		}
	}
	sort.Strings(posts)
	if h.formPages == nil {
		h.formPages = map[string]string{}
	}
	routes := map[string]http.HandlerFunc{}
	for _, post := range posts {
		target := formPageOf(post, gets)
		h.formPages[http.MethodPost+" "+post] = target
		if !gets[post] {
			routes[http.MethodGet+" "+post] = redirectToPattern(target)
		}
	}
	return routes
}

// formPageOf returns the path pattern of the page that holds the form of
// the POST path post: its "/nieuw" page ("/casussen" → "/casussen/nieuw"),
// its own GET page, or else the nearest parent with a GET page
// ("/verzoeken/{id}/antwoord" → "/verzoeken/{id}"); the home page when
// none has.
func formPageOf(post string, gets map[string]bool) string {
	if gets[post+"/nieuw"] {
		return post + "/nieuw"
	}
	for p := post; p != "" && p != "/"; p = p[:strings.LastIndex(p, "/")] {
		if gets[p] {
			return p
		}
	}
	return "/"
}

// redirectToPattern answers with a 303 to the path pattern target, its
// wildcards filled in from the request's path.
func redirectToPattern(target string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, fillPattern(target, r), http.StatusSeeOther)
	}
}

// fillPattern fills the wildcards ({id}, {code}) of the path pattern p
// with the values of r's path, escaped.
func fillPattern(p string, r *http.Request) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		if strings.HasPrefix(s, "{") && strings.HasSuffix(s, "}") {
			name := strings.TrimSuffix(strings.TrimSuffix(s[1:len(s)-1], "..."), "$")
			segs[i] = url.PathEscape(r.PathValue(name))
		}
	}
	out := strings.Join(segs, "/")
	if out == "" {
		return "/"
	}
	return out
}

// formPage returns the path of the page that holds the form r was posted
// from, or "" when r's route is not a known POST route.
func (h *Handler) formPage(r *http.Request) string {
	target, ok := h.formPages[r.Pattern]
	if !ok {
		return ""
	}
	return fillPattern(target, r)
}

// keptField is one field of a form as it was posted, shown back so the
// text can be copied or sent again.
type keptField struct {
	Name, Value string
	ID          string
	// Label is Name in words: "gronden[0].toelichting" is "gronden 1,
	// toelichting".
	Label string
}

// fieldWords writes a form field's name in words, for a person: list
// indexes count from one and the parts are separated by commas.
func fieldWords(name string) string {
	var b strings.Builder
	for i := 0; i < len(name); i++ {
		switch c := name[i]; c {
		case '[':
			j := strings.IndexByte(name[i:], ']')
			n, err := strconv.Atoi(name[i+1 : i+max(j, 1)])
			if j < 0 || err != nil {
				b.WriteByte(c)
				continue
			}
			fmt.Fprintf(&b, " %d", n+1)
			i += j
		case '.':
			b.WriteString(", ")
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// keptFields returns the non-empty posted fields of values, in name order.
func keptFields(values url.Values) []keptField {
	names := make([]string, 0, len(values))
	for n := range values {
		names = append(names, n)
	}
	sort.Strings(names)
	var out []keptField
	for _, n := range names {
		if n == tokenField {
			continue // the form's one-time token is nobody's text
		}
		for i, v := range values[n] {
			if strings.TrimSpace(v) == "" {
				continue
			}
			id := "bewaard-" + fieldID(n)
			if i > 0 {
				id += "-" + strconv.Itoa(i)
			}
			out = append(out, keptField{Name: n, Value: v, ID: id, Label: fieldWords(n)})
		}
	}
	return out
}
