package letters

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
)

// page is the letter as a page of its own: no scripts, no outside
// resources, a little CSS for screen and print.
var page = template.Must(template.New("letter").Parse(`<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}} – {{.Subject}} ({{.Reference}})</title>
<style>
body{font-family:"Helvetica Neue",Arial,sans-serif;font-size:1rem;line-height:1.5;color:#1a1a1a;background:#fff;max-width:44rem;margin:2rem auto;padding:0 1rem}
h1{font-size:1.6rem;margin:0 0 1rem}
h2{font-size:1.3rem;margin:2rem 0 .5rem}
h3{font-size:1.05rem;margin:1.25rem 0 .25rem}
p{margin:0 0 .75rem}
a{color:#1d4e89}
a:focus{outline:3px solid #1d4e89;outline-offset:2px}
.afzender{font-size:1.2rem;font-weight:bold;margin-bottom:1.5rem}
.kenmerken{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0 0 2rem}
.kenmerken dt{font-weight:bold}
.kenmerken dd{margin:0}
.waarden dt{font-weight:bold}
.waarden dd{margin:0 0 .5rem}
.adres{overflow-wrap:anywhere}
.ondertekening{margin-top:2rem}
@page{size:A4;margin:20mm 20mm 22mm 25mm}
@media print{
body{max-width:none;margin:0;padding:0;font-size:10.5pt}
a{color:inherit}
a[href^="http"]:not(.adres)::after{content:" (" attr(href) ")";font-size:.85em;overflow-wrap:anywhere}
nav{display:none}
h2,h3{break-after:avoid}
}
</style>
</head>
<body>
<main>
<header>
<p class="afzender">{{.Sender}}</p>
<h1>{{.Title}}</h1>
<dl class="kenmerken">
{{range .Meta}}<dt>{{.Label}}</dt><dd>{{if .Time}}<time datetime="{{.Time}}">{{.Value}}</time>{{else}}{{.Value}}{{end}}</dd>
{{end}}</dl>
</header>
<p>{{.Salutation}}</p>
{{range .Intro}}<p>{{.}}</p>
{{end}}{{if gt (len .Knelpunten) 1}}<nav aria-labelledby="inhoud">
<h2 id="inhoud">{{.Contents}}</h2>
<ol>
{{range .Knelpunten}}<li><a href="#{{.Anchor}}">{{.Title}}</a></li>
{{end}}</ol>
</nav>
{{end}}{{range .Knelpunten}}<section class="knelpunt" aria-labelledby="{{.Anchor}}">
<h2 id="{{.Anchor}}">{{.Heading}}</h2>
<h3>{{$.Heads.Rules}}</h3>
{{if .Rules}}<ul>
{{range .Rules}}<li>{{template "link" .}}</li>
{{end}}</ul>
{{else}}<p>Er zijn geen regels genoemd.</p>
{{end}}<h3>{{$.Heads.Problem}}</h3>
{{range .Problem}}<p>{{.}}</p>
{{end}}{{if .Group}}<p><strong>Voor wie:</strong> {{index .Group 0}}</p>
{{range slice .Group 1}}<p>{{.}}</p>
{{end}}{{end}}{{range .Figures}}<p>{{.}}</p>
{{end}}<h3>{{$.Heads.Solution}}</h3>
<p>{{.Solution}}</p>
{{range .Proposal}}<p>{{.}}</p>
{{end}}<h3>{{$.Heads.Cost}}</h3>
<p>{{.Cost}}</p>
{{if .Conflict}}<h3>{{$.Heads.Conflicts}}</h3>
<dl class="waarden">
{{range .Conflict}}<dt>{{.Principle}}</dt>
{{range .Grounds}}<dd>{{.}}</dd>
{{end}}{{end}}</dl>
{{end}}{{if .Examples}}<h3>{{$.Heads.Precedents}}</h3>
<ul>
{{range .Examples}}<li>{{template "link" .}}</li>
{{end}}</ul>
{{end}}{{with .Page}}{{if .URL}}<p>{{.Text}}: <a class="adres" href="{{.URL}}">{{.URL}}</a></p>
{{end}}{{end}}</section>
{{end}}<section aria-labelledby="verzoek">
<h2 id="verzoek">{{.Heads.Request}}</h2>
{{range .Request}}<p>{{.}}</p>
{{end}}</section>
<p class="ondertekening">{{.Greeting}}</p>
<p>{{.Closing}}</p>
</main>
</body>
</html>
{{define "link"}}{{if .URL}}<a href="{{.URL}}">{{.Text}}</a>{{else}}{{.Text}}{{end}}{{end}}`))

// heads are the headings of a knelpunt's parts, for the template.
type heads struct {
	Rules, Problem, Solution, Cost, Conflicts, Precedents, Request string
}

// pageData is what the template reads: the view and the fixed texts.
type pageData struct {
	*view
	Heads    heads
	Contents string
	Greeting string
}

// HTML writes the letter as a complete Dutch HTML document: the letterhead
// with reference, date and subject, the introduction, one section per
// knelpunt (its rules linked to their text, what goes wrong and for whom in
// numbers, the proposed solution, its cost, the values in conflict and the
// precedents) and the request to answer each knelpunt, comply or explain.
// It writes nothing when l is invalid (see Validate). The same Letter gives
// the same bytes.
func HTML(w io.Writer, l Letter) error {
	v, err := build(l)
	if err != nil {
		return err
	}
	var b bytes.Buffer
	b.Grow(4096 + 3072*len(v.Knelpunten))
	data := pageData{
		view:     v,
		Heads:    heads{headRules, headProblem, headSolution, headCost, headConflicts, headPrecedents, headRequest},
		Contents: headContents,
		Greeting: greeting,
	}
	if err := page.Execute(&b, data); err != nil {
		return fmt.Errorf("letters: render html: %w", err)
	}
	if _, err := b.WriteTo(w); err != nil {
		return fmt.Errorf("letters: write html: %w", err)
	}
	return nil
}
