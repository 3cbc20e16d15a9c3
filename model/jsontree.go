package model

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The settings document is read in two steps: the JSON text becomes a small tree that
// keeps every key with its path (so duplicates and unknown fields can be named), then
// each section maps its part of the tree (document.go). encoding/json alone cannot do
// this: DisallowUnknownFields names no path and duplicate keys pass silently.

// jsonKind is the kind of a JSON value in the tree.
type jsonKind uint8

const (
	jsonNull jsonKind = iota
	jsonBool
	jsonNumber
	jsonString
	jsonArray
	jsonObject
	jsonBytes // encoding only: base64 written straight from the bytes
)

// jsonNode is one JSON value. Objects keep their fields in document order.
type jsonNode struct {
	kind   jsonKind
	b      bool
	s      string // a string's value or a number's literal
	data   []byte // jsonBytes
	items  []*jsonNode
	fields []jsonField
}

type jsonField struct {
	key string
	val *jsonNode
}

// maxTreeDepth bounds how deep the tree is built. The deepest place the schema allows is
// branding.locales.<l>.headerImage.data (depth 5); anything deeper is refused by the
// schema as a wrong type one level up, so it is skipped rather than built.
const maxTreeDepth = 16

// rootPath names the document as a whole in violations.
const rootPath = "document"

// parseJSON reads a JSON text into a tree. Duplicate keys are reported with their path
// (the first value is kept); a syntax error is reported with its line, column and the
// path it was found under, and then nothing else is.
func parseJSON(data []byte) (*jsonNode, Violations) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // a BOM some editors write
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, Violations{{Path: rootPath, Message: "empty: expected a JSON object"}}
	}
	if !json.Valid(data) {
		return nil, Violations{syntaxViolation(data)}
	}
	p := newJSONParser(data)
	root, err := p.value("", 0)
	if err != nil { // cannot happen after json.Valid; kept so a surprise is not a panic
		return nil, Violations{{Path: rootPath, Message: "invalid JSON: " + err.Error()}}
	}
	return root, p.errs
}

// syntaxViolation explains why data is not valid JSON, where (line and column, counted in
// characters from 1) and under which path.
func syntaxViolation(data []byte) Violation {
	err := json.Unmarshal(data, new(struct{}))
	var se *json.SyntaxError
	if !errors.As(err, &se) {
		return Violation{Path: rootPath, Message: "invalid JSON"}
	}
	pos := min(int(se.Offset), len(data))
	msg := se.Error()
	if strings.HasPrefix(msg, "unexpected end of JSON input") {
		msg = "the document ends too early (unclosed object, list or string?)"
	} else if pos > 0 {
		pos-- // Offset counts the offending byte itself
	}
	line, col := lineCol(data, pos)
	if pos > 0 && json.Valid(data[:pos]) {
		return Violation{Path: rootPath, Message: fmt.Sprintf("unexpected data after the document at line %d, column %d", line, col)}
	}
	// Parse up to the error: the parser stops there and knows which path it was in.
	p := newJSONParser(data[:pos])
	_, _ = p.value("", 0)
	path := p.errPath
	if path == "" {
		path = rootPath
	}
	return Violation{Path: path, Message: fmt.Sprintf("invalid JSON at line %d, column %d: %s", line, col, msg)}
}

// lineCol turns a byte offset into a 1-based line and character column.
func lineCol(data []byte, pos int) (line, col int) {
	before := data[:pos]
	line = bytes.Count(before, []byte("\n")) + 1
	if i := bytes.LastIndexByte(before, '\n'); i >= 0 {
		before = before[i+1:]
	}
	return line, utf8.RuneCount(before) + 1
}

type jsonParser struct {
	dec     *json.Decoder
	errs    Violations
	errPath string // where the token stream failed
}

func newJSONParser(data []byte) *jsonParser {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	return &jsonParser{dec: dec}
}

func (p *jsonParser) token(path string) (json.Token, error) {
	t, err := p.dec.Token()
	if err != nil && p.errPath == "" {
		p.errPath = path
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
	}
	return t, err
}

func (p *jsonParser) value(path string, depth int) (*jsonNode, error) {
	t, err := p.token(path)
	if err != nil {
		return nil, err
	}
	switch t := t.(type) {
	case nil:
		return &jsonNode{kind: jsonNull}, nil
	case bool:
		return &jsonNode{kind: jsonBool, b: t}, nil
	case json.Number:
		return &jsonNode{kind: jsonNumber, s: string(t)}, nil
	case string:
		return &jsonNode{kind: jsonString, s: t}, nil
	case json.Delim:
		kind := jsonObject
		if t == '[' {
			kind = jsonArray
		}
		if depth >= maxTreeDepth {
			return &jsonNode{kind: kind}, p.skip(path)
		}
		if kind == jsonArray {
			return p.array(path, depth)
		}
		return p.object(path, depth)
	}
	return nil, fmt.Errorf("unexpected token %v", t)
}

func (p *jsonParser) array(path string, depth int) (*jsonNode, error) {
	n := &jsonNode{kind: jsonArray}
	for p.dec.More() {
		item, err := p.value(indexPath(path, len(n.items)), depth+1)
		if err != nil {
			return nil, err
		}
		n.items = append(n.items, item)
	}
	_, err := p.token(path) // ']'
	return n, err
}

func (p *jsonParser) object(path string, depth int) (*jsonNode, error) {
	n := &jsonNode{kind: jsonObject}
	var seen map[string]bool
	for p.dec.More() {
		t, err := p.token(path)
		if err != nil {
			return nil, err
		}
		key, _ := t.(string)
		kp := keyPath(path, key)
		val, err := p.value(kp, depth+1)
		if err != nil {
			return nil, err
		}
		if seen == nil {
			seen = make(map[string]bool)
		}
		if seen[key] {
			p.errs = append(p.errs, Violation{Path: kp, Message: "duplicate key: given more than once"})
			continue
		}
		seen[key] = true
		n.fields = append(n.fields, jsonField{key, val})
	}
	_, err := p.token(path) // '}'
	return n, err
}

// skip consumes the rest of an object or list whose opening token was just read.
func (p *jsonParser) skip(path string) error {
	for level := 1; level > 0; {
		t, err := p.token(path)
		if err != nil {
			return err
		}
		switch t {
		case json.Delim('{'), json.Delim('['):
			level++
		case json.Delim('}'), json.Delim(']'):
			level--
		}
	}
	return nil
}

// keyPath appends an object key to a path: "general" + "callbackUrl". Keys that are not
// plain identifiers are quoted, so a key can never smuggle control characters (terminal
// escapes) or a misleading "." into a message.
func keyPath(path, key string) string {
	k := key
	if !plainKey(key) {
		k = shortQuote(key)
	}
	if path == "" {
		return k
	}
	return path + "." + k
}

// indexPath appends a list index to a path: "documents" + 2 = "documents[2]".
func indexPath(path string, i int) string {
	if path == "" {
		path = rootPath
	}
	return path + "[" + strconv.Itoa(i) + "]"
}

func plainKey(k string) bool {
	if k == "" || len(k) > 64 {
		return false
	}
	for i := 0; i < len(k); i++ {
		c := k[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

// shortQuote quotes s as Go does (control characters escaped), cut to 40 characters.
func shortQuote(s string) string { return quoteCut(s, 40) }

// quoteCut quotes s as Go does, cut to max characters.
func quoteCut(s string, max int) string {
	if utf8.RuneCountInString(s) > max {
		r := []rune(s)
		return strconv.Quote(string(r[:max])) + "…"
	}
	return strconv.Quote(s)
}

// describe says what a JSON value is, for "got …" in messages.
func (n *jsonNode) describe() string {
	switch n.kind {
	case jsonNull:
		return "null"
	case jsonBool:
		return strconv.FormatBool(n.b)
	case jsonNumber:
		if len(n.s) > 40 {
			return n.s[:40] + "…"
		}
		return n.s
	case jsonString:
		return shortQuote(n.s)
	case jsonArray:
		return "a list"
	}
	return "an object"
}
