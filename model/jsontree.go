package model

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// The settings document is read in two steps: the JSON text becomes a compact tree that
// keeps every key (so duplicates and unknown fields can be named with their path), then
// each section maps its part of the tree (document.go). encoding/json alone cannot do
// this: DisallowUnknownFields names no path, duplicate keys pass silently, and invalid
// UTF-8 becomes U+FFFD without a word.
//
// The tree is a flat list of 12-byte nodes in document order that point into the input:
// strings are unescaped only when the decoder reads them, so an unknown key costs one
// node and nothing else. Its size is bounded by MaxDocumentValues, the input by
// MaxDocumentBytes; together they bound what decoding any document can cost.

// Limits of a settings document, checked before and while parsing.
const (
	// MaxDocumentBytes is the largest document Decode reads (32 MiB). It holds every
	// field of every section many times over, and four images of the 5 MiB maximum given
	// inline as base64 (or all 120 image slots at about 190 KB each); larger image sets
	// are given as "file" references, which do not count here.
	MaxDocumentBytes = 32 << 20
	// MaxDocumentValues is the most JSON values a document may hold, keys included. A
	// document with every country, every locale's branding and a thousand custom
	// documents translated into all 39 locales has under 100,000.
	MaxDocumentValues = 250_000
)

// jsonKind is the kind of a JSON value.
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

// maxTreeDepth bounds how deep the tree is built. The deepest place the schema allows is
// branding.locales.<l>.headerImage.data (depth 5); anything deeper is refused by the
// schema as a wrong type one level up, so it is skipped rather than built.
const maxTreeDepth = 16

// rootPath names the document as a whole in violations.
const rootPath = "document"

// jsonTree is a parsed document: nodes in document order (pre-order), an object's
// members as key node then value subtree, a list's items one subtree after the other.
type jsonTree struct {
	data  []byte
	nodes []jnode
}

// jnode is one value (or key) of the tree.
type jnode struct {
	kind jsonKind
	// flag: for a string, whether it holds escapes; for a boolean, its value.
	flag bool
	// For strings and numbers, a and b delimit the text in data (a string without its
	// quotes). For objects and lists, a is the number of members or items and b the
	// index of the first node after the subtree.
	a, b uint32
}

// node is the index of a node in its tree.
type node = int32

// next returns the node after n's subtree.
func (t *jsonTree) next(n node) node {
	if k := t.nodes[n].kind; k == jsonObject || k == jsonArray {
		return node(t.nodes[n].b)
	}
	return n + 1
}

func (t *jsonTree) kind(n node) jsonKind { return t.nodes[n].kind }
func (t *jsonTree) boolean(n node) bool  { return t.nodes[n].flag }

// raw returns the text of a string (escapes left as they are) or a number.
func (t *jsonTree) raw(n node) []byte { return t.data[t.nodes[n].a:t.nodes[n].b] }

// str returns a string's value, unescaped. The parser has checked it is valid Unicode.
func (t *jsonTree) str(n node) string {
	if !t.nodes[n].flag {
		return string(t.raw(n))
	}
	return string(unescape(t.raw(n)))
}

// members calls fn for each member of an object, in document order.
func (t *jsonTree) members(obj node, fn func(key, val node)) {
	k := obj + 1
	for range t.nodes[obj].a {
		fn(k, k+1)
		k = t.next(k + 1)
	}
}

// items calls fn for each item of a list, in order.
func (t *jsonTree) items(list node, fn func(i int, item node)) {
	it := list + 1
	for i := range int(t.nodes[list].a) {
		fn(i, it)
		it = t.next(it)
	}
}

// count is the number of members or items of a container.
func (t *jsonTree) count(n node) int { return int(t.nodes[n].a) }

// describe says what a JSON value is, for "got …" in messages.
func (t *jsonTree) describe(n node) string {
	switch t.nodes[n].kind {
	case jsonNull:
		return "null"
	case jsonBool:
		return strconv.FormatBool(t.nodes[n].flag)
	case jsonNumber:
		if s := t.raw(n); len(s) > 40 {
			return string(s[:40]) + "…"
		}
		return string(t.raw(n))
	case jsonString:
		raw := t.raw(n)
		if len(raw) > 400 { // enough for the 40 characters shown
			raw = raw[:400]
		}
		return shortQuote(string(unescape(raw)))
	case jsonArray:
		return "a list"
	}
	return "an object"
}

// parseJSON reads a JSON text into a tree. A syntax error is reported with its line,
// column and the path it was found under; a string that is not valid Unicode with its
// path; a document over MaxDocumentValues as such. Then nothing else is reported and the
// tree is nil.
func parseJSON(data []byte) (*jsonTree, Violations) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // a BOM some editors write
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, Violations{{Path: rootPath, Message: "empty: expected a JSON object"}}
	}
	if !json.Valid(data) {
		return nil, Violations{syntaxViolation(data)}
	}
	p := &treeBuilder{data: data, nodes: make([]jnode, 0, min(len(data)/8+16, MaxDocumentValues+1))}
	p.value(0)
	t := &jsonTree{data: data, nodes: p.nodes}
	if p.tooMany {
		return nil, Violations{{Path: rootPath, Message: fmt.Sprintf(
			"too large: more than %s JSON values (keys included); a settings document needs far fewer",
			groupThousands(MaxDocumentValues))}}
	}
	if len(p.badText) > 0 {
		var c collector
		t.paths(p.badText, func(n node, path string, isKey bool) {
			what := "text"
			if isKey {
				what = "key"
			}
			if c.wants(path, Error) {
				c.add(Violation{Path: path, Message: fmt.Sprintf("%s is not valid Unicode: %s", what, badUnicode(t.raw(n)))})
			}
		})
		return nil, c.result()
	}
	return t, nil
}

// treeBuilder builds the tree of a text json.Valid accepted, so it need not check the
// grammar again.
type treeBuilder struct {
	data    []byte
	pos     int
	nodes   []jnode
	badText []node // strings that are not valid UTF-8 or hold a lone surrogate escape
	tooMany bool
}

func (p *treeBuilder) add(n jnode) node {
	if len(p.nodes) >= MaxDocumentValues {
		p.tooMany = true
	}
	p.nodes = append(p.nodes, n)
	return node(len(p.nodes) - 1)
}

func (p *treeBuilder) ws() {
	for p.pos < len(p.data) {
		switch p.data[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

func (p *treeBuilder) value(depth int) {
	if p.tooMany {
		return
	}
	p.ws()
	switch c := p.data[p.pos]; c {
	case '{', '[':
		kind, end := jsonObject, byte('}')
		if c == '[' {
			kind, end = jsonArray, ']'
		}
		n := p.add(jnode{kind: kind})
		p.pos++
		if depth >= maxTreeDepth {
			p.skip()
			p.nodes[n].b = uint32(len(p.nodes))
			return
		}
		count := uint32(0)
		for !p.tooMany {
			p.ws()
			if p.data[p.pos] == end {
				p.pos++
				break
			}
			if p.data[p.pos] == ',' {
				p.pos++
				p.ws()
			}
			if kind == jsonObject {
				p.str()
				p.ws()
				p.pos++ // ':'
			}
			p.value(depth + 1)
			count++
		}
		p.nodes[n].a, p.nodes[n].b = count, uint32(len(p.nodes))
	case '"':
		p.str()
	case 't':
		p.add(jnode{kind: jsonBool, flag: true})
		p.pos += 4
	case 'f':
		p.add(jnode{kind: jsonBool})
		p.pos += 5
	case 'n':
		p.add(jnode{kind: jsonNull})
		p.pos += 4
	default:
		start := p.pos
		for p.pos < len(p.data) && strings.IndexByte("+-0123456789.eE", p.data[p.pos]) >= 0 {
			p.pos++
		}
		p.add(jnode{kind: jsonNumber, a: uint32(start), b: uint32(p.pos)})
	}
}

// str reads a string (p.pos at its opening quote) as a node.
func (p *treeBuilder) str() {
	start := p.pos + 1
	i, esc, nonASCII := start, false, false
	for {
		c := p.data[i]
		if c == '"' {
			break
		}
		switch {
		case c == '\\':
			esc = true
			i += 2 // the escaped character; \u's hex digits are neither '"' nor '\\'
			continue
		case c >= utf8.RuneSelf:
			nonASCII = true
		}
		i++
	}
	p.pos = i + 1
	n := p.add(jnode{kind: jsonString, flag: esc, a: uint32(start), b: uint32(i)})
	raw := p.data[start:i]
	if nonASCII && !utf8.Valid(raw) || esc && loneSurrogate(raw) {
		p.badText = append(p.badText, n)
	}
}

// skip moves past the rest of an object or list whose opening bracket was just read.
func (p *treeBuilder) skip() {
	for level := 1; level > 0; p.pos++ {
		switch p.data[p.pos] {
		case '{', '[':
			level++
		case '}', ']':
			level--
		case '"':
			for p.pos++; p.data[p.pos] != '"'; p.pos++ {
				if p.data[p.pos] == '\\' {
					p.pos++
				}
			}
		}
	}
}

// paths calls fn with the path of each target node (in document order, as the tree
// holds them), in one walk down the tree that enters only the subtrees holding a target:
// linear in the size of the tree, whatever the number of targets. isKey reports that a
// node is an object's key (the path is then that of its member).
func (t *jsonTree) paths(targets []node, fn func(n node, path string, isKey bool)) {
	var walk func(n node, path string)
	walk = func(n node, path string) {
		for len(targets) > 0 && targets[0] == n {
			fn(n, pathOrRoot(path), false)
			targets = targets[1:]
		}
		holds := func(first, end node) bool { return len(targets) > 0 && targets[0] >= first && targets[0] < end }
		switch t.nodes[n].kind {
		case jsonObject:
			t.members(n, func(k, v node) {
				if !holds(k, t.next(v)) {
					return
				}
				p := keyPath(path, t.str(k))
				for len(targets) > 0 && targets[0] == k {
					fn(k, p, true)
					targets = targets[1:]
				}
				walk(v, p)
			})
		case jsonArray:
			t.items(n, func(i int, it node) {
				if holds(it, t.next(it)) {
					walk(it, indexPath(path, i))
				}
			})
		}
	}
	walk(0, "")
}

func pathOrRoot(p string) string {
	if p == "" {
		return rootPath
	}
	return p
}

// unescape decodes a JSON string's escapes. A lone surrogate (refused by the parser)
// would become U+FFFD.
func unescape(raw []byte) []byte {
	if bytes.IndexByte(raw, '\\') < 0 {
		return raw
	}
	out := make([]byte, 0, len(raw))
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if c != '\\' || i+1 >= len(raw) {
			out = append(out, c)
			continue
		}
		i++
		switch raw[i] {
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'u':
			r, n := decodeU(raw[i-1:])
			out = utf8.AppendRune(out, r)
			i += n - 2
		default: // '"', '\\', '/'
			out = append(out, raw[i])
		}
	}
	return out
}

// decodeU decodes the \uXXXX escape at the start of s, joined with a following low
// surrogate escape when it is a high one. It returns the rune (U+FFFD for a lone
// surrogate) and the bytes used.
func decodeU(s []byte) (rune, int) {
	r := hex4(s)
	if !utf16.IsSurrogate(r) {
		return r, 6
	}
	if len(s) >= 12 && s[6] == '\\' && s[7] == 'u' {
		if d := utf16.DecodeRune(r, hex4(s[6:])); d != utf8.RuneError {
			return d, 12
		}
	}
	return utf8.RuneError, 6
}

// hex4 reads the four hex digits of "\uXXXX" (json.Valid has checked they are there).
func hex4(s []byte) rune {
	var r rune
	for _, c := range s[2:6] {
		r = r<<4 | rune(unhex(c))
	}
	return r
}

// loneSurrogate reports whether a string's escapes hold half a surrogate pair, which
// encodes no character.
func loneSurrogate(raw []byte) bool {
	for i := 0; i+5 < len(raw); i++ {
		if raw[i] != '\\' {
			continue
		}
		if raw[i+1] != 'u' {
			i++ // skip the escaped character, which may be a backslash
			continue
		}
		r, n := decodeU(raw[i:])
		if r == utf8.RuneError && hex4(raw[i:]) != utf8.RuneError {
			return true
		}
		i += n - 1
	}
	return false
}

// badUnicode says what is wrong with a string the parser refused, and where.
func badUnicode(raw []byte) string {
	chars := 0
	for i := 0; i < len(raw); chars++ {
		if raw[i] == '\\' && i+1 < len(raw) && raw[i+1] == 'u' {
			r, n := decodeU(raw[i:])
			if r == utf8.RuneError && hex4(raw[i:]) != utf8.RuneError {
				return fmt.Sprintf(`the escape %s at character %d is half of a surrogate pair, which encodes no character`, raw[i:i+6], chars+1)
			}
			i += n
			continue
		}
		if raw[i] == '\\' {
			i += 2
			continue
		}
		r, n := utf8.DecodeRune(raw[i:])
		if r == utf8.RuneError && n == 1 {
			return fmt.Sprintf("byte 0x%02X at character %d is not UTF-8 (save the file as UTF-8)", raw[i], chars+1)
		}
		i += n
	}
	return "not UTF-8"
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
	return Violation{Path: syntaxPath(data[:pos]), Message: fmt.Sprintf("invalid JSON at line %d, column %d: %s", line, col, msg)}
}

// syntaxPath follows the tokens of a text cut just before a syntax error and returns the
// path it was in. It keeps only the path, never the values.
func syntaxPath(prefix []byte) string {
	type frame struct {
		object bool
		path   string // the container's own path
		index  int    // the next item's index in a list
	}
	dec := json.NewDecoder(bytes.NewReader(prefix))
	var stack []frame
	path := ""
	member := func() string { // the path of the value about to be read in the top frame
		f := &stack[len(stack)-1]
		if f.object {
			return path
		}
		f.index++
		return indexPath(f.path, f.index-1)
	}
	awaitingKey := false
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		if len(stack) > 0 && stack[len(stack)-1].object && awaitingKey {
			if k, ok := tok.(string); ok {
				path = keyPath(stack[len(stack)-1].path, k)
				awaitingKey = false
				continue
			}
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			p := path
			if len(stack) > 0 {
				p = member()
			}
			stack = append(stack, frame{object: tok == json.Delim('{'), path: p})
			path = p
			awaitingKey = tok == json.Delim('{')
			continue
		case json.Delim('}'), json.Delim(']'):
			stack = stack[:len(stack)-1]
			if len(stack) > 0 {
				path = stack[len(stack)-1].path
			}
		default:
			if len(stack) > 0 {
				member()
			}
		}
		if len(stack) > 0 && stack[len(stack)-1].object {
			path, awaitingKey = stack[len(stack)-1].path, true
		}
	}
	if path == "" {
		return rootPath
	}
	return path
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
