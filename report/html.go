package report

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"strconv"
)

// The geometry of an SVG chart, in its own units: a column of labels, the
// bars and their values.
const (
	svgWidth  = 440 // narrow, so the labels stay readable on a phone
	svgLabel  = 170 // width of the labels' column
	svgBars   = 210 // longest bar
	svgRowH   = 26
	svgBar    = 18
	svgMargin = 6
	svgChars  = 24 // longest label shown in full; the table holds all
)

// svgChart is a chart laid out for SVG.
type svgChart struct {
	*chart
	Width, Height, LabelX, BarX int
	Rows                        []svgRow
}

// svgRow is one bar laid out.
type svgRow struct {
	Label, Value   string
	Y, TextY, W, X int
}

// layoutSVG lays out c.
func layoutSVG(c *chart) svgChart {
	out := svgChart{chart: c, Width: svgWidth, Height: 2*svgMargin + svgRowH*len(c.Bars), LabelX: svgLabel - 6, BarX: svgLabel}
	for i, b := range c.Bars {
		y := svgMargin + i*svgRowH
		w := 0
		if c.Max > 0 {
			w = b.Value * svgBars / c.Max
		}
		if b.Value > 0 {
			w = max(w, 1)
		}
		out.Rows = append(out.Rows, svgRow{Label: shorten(b.Label, svgChars), Value: number(int64(b.Value)),
			Y: y + (svgRowH-svgBar)/2, TextY: y + svgRowH/2 + 5, W: w, X: svgLabel + w + 6})
	}
	return out
}

// shorten cuts s to at most n characters, ending with "…" when cut.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

var funcs = template.FuncMap{
	"svg":  layoutSVG,
	"itoa": strconv.Itoa,
	"num":  func(t table, i int) bool { return i < len(t.Num) && t.Num[i] },
}

// page is the report as one file: no scripts, no outside resources, a
// little CSS for screen and print, the charts as inline SVG.
var page = template.Must(template.New("report").Funcs(funcs).Parse(`<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>
body{font-family:"Helvetica Neue",Arial,sans-serif;font-size:1rem;line-height:1.5;color:#1a1a1a;background:#fff;max-width:52rem;margin:2rem auto;padding:0 1rem}
h1{font-size:1.8rem;margin:0 0 .25rem}
h2{font-size:1.4rem;margin:2.5rem 0 .5rem;border-top:2px solid #154273;padding-top:1rem}
h3{font-size:1.1rem;margin:1.5rem 0 .25rem}
p{margin:0 0 .75rem}
a{color:#154273}
a:focus{outline:3px solid #154273;outline-offset:2px}
.ondertitel{font-size:1.15rem;margin:0 0 1rem}
.kenmerken{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0 0 2rem}
.kenmerken dt{font-weight:bold}
.kenmerken dd{margin:0}
figure{margin:1rem 0}
figure svg{width:100%;height:auto;max-width:30rem}
figcaption{font-weight:bold;margin-bottom:.25rem}
.tabel{overflow-x:auto}
table{border-collapse:collapse;margin:0 0 1rem;font-size:.95rem}
caption{text-align:left;font-weight:bold;padding:.25rem 0}
.grafiek caption{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
th,td{border-bottom:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}
.getal{text-align:right;font-variant-numeric:tabular-nums}
@page{size:A4;margin:20mm}
@media print{body{max-width:none;margin:0;padding:0;font-size:10pt}h2{break-before:page}figure,table{break-inside:avoid}}
</style>
</head>
<body>
<main>
<header>
<h1>{{.Title}}</h1>
<p class="ondertitel">{{.Subtitle}}</p>
<dl class="kenmerken">
{{range .Meta}}<dt>{{.Label}}</dt><dd>{{.Value}}</dd>
{{end}}</dl>
</header>
<nav aria-labelledby="inhoud">
<h2 id="inhoud">Inhoud</h2>
<ol>
{{range .Chapters}}<li><a href="#{{.Anchor}}">{{.Title}}</a></li>
{{end}}</ol>
</nav>
{{range .Chapters}}<section aria-labelledby="{{.Anchor}}">
<h2 id="{{.Anchor}}">{{.Heading}}</h2>
{{range .Blocks}}{{with .Heading}}<h3>{{.}}</h3>
{{end}}{{range .Paras}}<p>{{.}}</p>
{{end}}{{with .Chart}}{{template "chart" svg .}}{{end}}{{with .Table}}{{template "table" .}}{{end}}{{with .Link}}<p><a href="{{.URL}}">{{.Text}}</a></p>
{{end}}{{end}}</section>
{{end}}</main>
</body>
</html>
{{define "chart"}}<figure class="grafiek" id="{{.ID}}">
<figcaption id="{{.ID}}-titel">{{.Title}}</figcaption>
<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{{.ID}}-svg-titel" viewBox="0 0 {{.Width}} {{.Height}}" width="{{.Width}}" height="{{.Height}}">
<title id="{{.ID}}-svg-titel">{{.Title}} (de tabel hieronder geeft dezelfde cijfers)</title>
{{$c := .}}{{range .Rows}}<g class="staaf">
<text x="{{$c.LabelX}}" y="{{.TextY}}" text-anchor="end" font-size="14" fill="#1a1a1a">{{.Label}}</text>
<rect x="{{$c.BarX}}" y="{{.Y}}" width="{{.W}}" height="18" fill="#154273"></rect>
<text x="{{.X}}" y="{{.TextY}}" font-size="14" fill="#1a1a1a">{{.Value}}</text>
</g>
{{end}}</svg>
{{template "table" .Table}}</figure>
{{end}}{{define "table"}}<div class="tabel" role="region" tabindex="0" aria-label="{{.Caption}}">
<table>
<caption>{{.Caption}}</caption>
<thead><tr>{{range .Head}}<th scope="col">{{.}}</th>{{end}}</tr></thead>
<tbody>
{{range .Rows}}<tr>{{range $i, $c := .}}{{if eq $i 0}}<th scope="row">{{$c}}</th>{{else}}<td{{if num $ $i}} class="getal"{{end}}>{{$c}}</td>{{end}}{{end}}</tr>
{{end}}</tbody>
</table>
</div>
{{end}}`))

// HTML writes the report as one complete Dutch HTML file: inline CSS, a
// table of contents, the eight chapters, each chart as inline SVG with a
// title and, beside it, a table with the same numbers. It writes nothing
// when r is invalid (see Validate). The same Report gives the same bytes.
func HTML(w io.Writer, r Report) error {
	v, err := build(r)
	if err != nil {
		return err
	}
	var b bytes.Buffer
	if err := page.Execute(&b, v); err != nil {
		return fmt.Errorf("report: render html: %w", err)
	}
	if _, err := b.WriteTo(w); err != nil {
		return fmt.Errorf("report: write html: %w", err)
	}
	return nil
}
