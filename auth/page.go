package auth

import (
	"html"
	"net/http"
)

// loginPage answers with a short Dutch page that says what went wrong with
// logging in or out, with links onward. msg is fixed text, never input.
func loginPage(w http.ResponseWriter, status int, msg string) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write([]byte(`<!doctype html>
<html lang="nl">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Inloggen – Schakel</title></head>
<body>
<main>
<h1>Inloggen</h1>
<p>` + html.EscapeString(msg) + `</p>
<p><a href="/inloggen">Opnieuw inloggen</a> · <a href="/">Naar de startpagina</a></p>
</main>
</body>
</html>
`))
}
