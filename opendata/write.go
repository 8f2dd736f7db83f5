package opendata

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"time"
)

// Writer writes the rows of one dataset as they come, so a download of any
// size needs the memory of one row. Build it with NewCSV or NewJSON; call
// Write per row and Close once at the end.
type Writer interface {
	Write(Row) error
	Close() error
}

// csvWriter writes RFC 4180 CSV: comma-separated, CRLF line ends, fields
// quoted where needed, UTF-8, a header row with the column names.
type csvWriter struct {
	d *Dataset
	w *csv.Writer
}

// NewCSV writes the header of d to w and returns the writer of its rows.
func NewCSV(w io.Writer, d *Dataset) (Writer, error) {
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	head := make([]string, len(d.Columns))
	for i, c := range d.Columns {
		head[i] = c.Name
	}
	if err := cw.Write(head); err != nil {
		return nil, err
	}
	return &csvWriter{d: d, w: cw}, nil
}

func (c *csvWriter) Write(row Row) error {
	if err := c.d.check(row); err != nil {
		return err
	}
	rec := make([]string, len(row))
	for i, v := range row {
		rec[i] = text(v)
	}
	return c.w.Write(rec)
}

func (c *csvWriter) Close() error {
	c.w.Flush()
	return c.w.Error()
}

// Meta is what a JSON download says about itself besides its rows.
type Meta struct {
	// Catalogue is the URL of the DCAT catalogue that describes the dataset.
	Catalogue string
	// Schema is the URL of the CSVW metadata with the columns.
	Schema string
}

// jsonWriter writes {"dataset": …, "titel": …, "licentie": …,
// "kolommen": […], "resultaten": [row objects]}.
type jsonWriter struct {
	d     *Dataset
	w     *bufio.Writer
	first bool
}

// jsonHead is the part of a JSON download before its rows.
type jsonHead struct {
	Dataset     string       `json:"dataset"`
	Title       string       `json:"titel"`
	Description string       `json:"beschrijving"`
	Licence     string       `json:"licentie"`
	Catalogue   string       `json:"catalogus,omitempty"`
	Schema      string       `json:"schema,omitempty"`
	Columns     []jsonColumn `json:"kolommen"`
}

type jsonColumn struct {
	Name        string `json:"naam"`
	Type        string `json:"datatype"`
	Description string `json:"beschrijving"`
	Nullable    bool   `json:"kanLeegZijn"`
}

// NewJSON writes the head of the JSON download of d to w and returns the
// writer of its rows.
func NewJSON(w io.Writer, d *Dataset, m Meta) (Writer, error) {
	head := jsonHead{Dataset: d.ID, Title: d.Title, Description: d.Description, Licence: Licence, Catalogue: m.Catalogue, Schema: m.Schema}
	for _, c := range d.Columns {
		head.Columns = append(head.Columns, jsonColumn{Name: c.Name, Type: string(c.Type), Description: c.Description, Nullable: c.Nullable})
	}
	b, err := json.Marshal(head)
	if err != nil {
		return nil, err
	}
	bw := bufio.NewWriter(w)
	// Open the object again after its last field to append the rows.
	bw.Write(b[:len(b)-1])
	bw.WriteString(`,"resultaten":[`)
	return &jsonWriter{d: d, w: bw, first: true}, nil
}

func (j *jsonWriter) Write(row Row) error {
	if err := j.d.check(row); err != nil {
		return err
	}
	if !j.first {
		j.w.WriteByte(',')
	}
	j.first = false
	j.w.WriteByte('{')
	for i, v := range row {
		if i > 0 {
			j.w.WriteByte(',')
		}
		k, _ := json.Marshal(j.d.Columns[i].Name)
		j.w.Write(k)
		j.w.WriteByte(':')
		b, err := json.Marshal(jsonValue(v))
		if err != nil {
			return err
		}
		j.w.Write(b)
	}
	j.w.WriteByte('}')
	return nil
}

func (j *jsonWriter) Close() error {
	j.w.WriteString("]}\n")
	return j.w.Flush()
}

// jsonValue is v as JSON writes it: times as RFC 3339 in UTC, a nil list
// as an empty one.
func jsonValue(v any) any {
	switch x := v.(type) {
	case time.Time:
		return Timestamp(x)
	case []string:
		if x == nil {
			return []string{}
		}
	}
	return v
}

// ErrUnknownFormat is returned by NewWriter for a format it does not know.
var ErrUnknownFormat = errors.New("opendata: unknown format")

// NewWriter returns the writer of format "csv" or "json".
func NewWriter(format string, w io.Writer, d *Dataset, m Meta) (Writer, error) {
	switch format {
	case "csv":
		return NewCSV(w, d)
	case "json":
		return NewJSON(w, d, m)
	}
	return nil, ErrUnknownFormat
}
