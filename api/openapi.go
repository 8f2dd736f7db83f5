package api

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"

	"github.com/schakel-nl/schakel/respond"
)

// openAPIDoc is the OpenAPI 3 description of the API. It is written by hand
// and held to the real routes by tests in this package and in server.
//
//go:embed openapi.json
var openAPIDoc []byte

// OpenAPI serves GET /api/v1/openapi.json. It needs no login and may be read
// from any origin, so that API portals and validators can fetch it.
func (h *Handler) OpenAPI(w http.ResponseWriter, r *http.Request) {
	hd := w.Header()
	hd.Set("Content-Type", "application/json")
	hd.Set("Access-Control-Allow-Origin", "*")
	w.WriteHeader(http.StatusOK)
	w.Write(openAPIDoc)
}

// NotFound answers every /api/ path that no route serves with a problem
// document: 404, or 405 with an Allow header when the path exists for other
// methods. The catch-all "/api/" route matches every method, so without
// this check the mux would answer a wrong method with 404 instead of 405.
// A trailing slash is never redirected: /api/v1/organisaties/ is a 404.
func (h *Handler) NotFound(w http.ResponseWriter, r *http.Request) {
	if methods := allowedMethods(r.URL.EscapedPath()); len(methods) > 0 {
		w.Header().Set("Allow", strings.Join(methods, ", "))
		respond.StatusProblem(w, r, http.StatusMethodNotAllowed,
			fmt.Sprintf("Deze methode is niet toegestaan; toegestaan: %s.", strings.Join(methods, ", ")))
		return
	}
	respond.StatusProblem(w, r, http.StatusNotFound, "Deze API-route bestaat niet; zie /api/v1/openapi.json voor de routes.")
}

// route is one documented operation.
type route struct {
	method   string
	segments []string // of the full path; "{name}" matches one non-empty segment
}

// parsedDoc is the part of openapi.json the routing needs.
type parsedDoc struct {
	Servers []struct {
		URL string `json:"url"`
	} `json:"servers"`
	Paths map[string]map[string]json.RawMessage `json:"paths"`
}

var httpMethods = []string{"get", "put", "post", "delete", "options", "head", "patch", "trace"}

// documentedRoutes parses the embedded document once.
var documentedRoutes = sync.OnceValues(func() ([]route, error) {
	var d parsedDoc
	if err := json.Unmarshal(openAPIDoc, &d); err != nil {
		return nil, fmt.Errorf("api: parse openapi.json: %w", err)
	}
	if len(d.Servers) != 1 {
		return nil, fmt.Errorf("api: openapi.json has %d servers, want 1", len(d.Servers))
	}
	base := strings.TrimSuffix(d.Servers[0].URL, "/")
	var rs []route
	for path, item := range d.Paths {
		for key := range item {
			if !slices.Contains(httpMethods, key) {
				continue // parameters, summary, …
			}
			rs = append(rs, route{method: strings.ToUpper(key), segments: strings.Split(base+path, "/")})
		}
	}
	slices.SortFunc(rs, func(a, b route) int {
		return strings.Compare(a.pattern(), b.pattern())
	})
	return rs, nil
})

func (rt route) pattern() string { return rt.method + " " + strings.Join(rt.segments, "/") }

func (rt route) matches(segments []string) bool {
	if len(segments) != len(rt.segments) {
		return false
	}
	for i, s := range rt.segments {
		if strings.HasPrefix(s, "{") && strings.HasSuffix(s, "}") {
			if segments[i] == "" {
				return false
			}
			continue
		}
		if s != segments[i] {
			return false
		}
	}
	return true
}

// DocumentedRoutes returns every operation of openapi.json as a ServeMux
// pattern ("GET /api/v1/organisaties/{code}"): the server URL followed by
// the path. The document keeps /api/v1 in servers, as the NL API Design
// Rules ask, and its paths relative to it; this is the form to compare with
// the registered routes.
func DocumentedRoutes() ([]string, error) {
	rs, err := documentedRoutes()
	if err != nil {
		return nil, err
	}
	out := make([]string, len(rs))
	for i, rt := range rs {
		out[i] = rt.pattern()
	}
	return out, nil
}

// allowedMethods returns the methods documented for an escaped path, with
// HEAD where GET is allowed (the mux serves HEAD with a GET route).
func allowedMethods(path string) []string {
	rs, err := documentedRoutes()
	if err != nil {
		return nil
	}
	segments := strings.Split(path, "/")
	var out []string
	for _, rt := range rs {
		if rt.matches(segments) {
			out = append(out, rt.method)
			if rt.method == http.MethodGet {
				out = append(out, http.MethodHead)
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}
