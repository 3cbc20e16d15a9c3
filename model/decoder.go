package model

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// The decoder's primitives: reading one JSON value of the kind the schema expects, or
// saying precisely what is wrong with it and where.

// decoder maps the JSON tree onto Settings, collecting violations as it goes.
type decoder struct {
	opt   DecodeOptions
	errs  Violations
	files *fileReader // opened on the first "file" image
}

func (d *decoder) fail(path, format string, args ...any) {
	if path == "" {
		path = rootPath
	}
	d.errs = append(d.errs, Violation{Path: path, Message: fmt.Sprintf(format, args...)})
}

// fields calls fn for each field of an object; a key fn does not know (returns false) is
// reported as unknown with the nearest known key suggested. It reports false when n is
// not an object.
func (d *decoder) fields(n *jsonNode, path string, known []string, fn func(key string, v *jsonNode, path string) bool) bool {
	if !d.want(n, jsonObject, path) {
		return false
	}
	for _, f := range n.fields {
		fp := keyPath(path, f.key)
		if !fn(f.key, f.val, fp) {
			d.fail(fp, "%s", unknownField(f.key, known))
		}
	}
	return true
}

// want reports whether n is of the kind, reporting a violation when not.
func (d *decoder) want(n *jsonNode, kind jsonKind, path string) bool {
	if n.kind == kind {
		return true
	}
	d.fail(path, "must be %s, got %s", kindName(kind), n.describe())
	return false
}

func kindName(k jsonKind) string {
	switch k {
	case jsonBool:
		return "true or false"
	case jsonNumber:
		return "an integer"
	case jsonString:
		return "a string"
	case jsonArray:
		return "a list"
	}
	return "an object"
}

func (d *decoder) str(n *jsonNode, path string, dst *string) {
	if d.want(n, jsonString, path) {
		*dst = n.s
	}
}

func (d *decoder) boolean(n *jsonNode, path string, dst *bool) {
	if d.want(n, jsonBool, path) {
		*dst = n.b
	}
}

// integer reads a whole number. 30, 30.0 and 3e1 are all 30; 30.5 and "30" are refused.
func (d *decoder) integer(n *jsonNode, path string, dst *int) {
	if !d.want(n, jsonNumber, path) {
		return
	}
	if i, err := strconv.ParseInt(n.s, 10, 64); err == nil && int64(int(i)) == i {
		*dst = int(i)
		return
	}
	f, err := strconv.ParseFloat(n.s, 64)
	switch {
	case err == nil && f == math.Trunc(f) && math.Abs(f) <= 1<<53:
		*dst = int(f)
	case f != 0 && (f == math.Trunc(f) || math.IsInf(f, 0)):
		d.fail(path, "number %s is out of range", n.describe())
	default:
		d.fail(path, "must be an integer, got %s", n.describe())
	}
}

// strings reads a list of strings.
func (d *decoder) strings(n *jsonNode, path string) []string {
	if !d.want(n, jsonArray, path) {
		return nil
	}
	out := make([]string, 0, len(n.items))
	for i, item := range n.items {
		var v string
		ip := indexPath(path, i)
		if d.want(item, jsonString, ip) {
			v = item.s
		}
		out = append(out, v)
	}
	return out
}

// normKeys walks an object whose keys are codes (locales, countries, regions), normalising
// each key with norm. Two keys that normalise alike are reported: a map cannot hold both.
func (d *decoder) normKeys(n *jsonNode, path string, norm func(string) string, fn func(key string, v *jsonNode, path string)) {
	if !d.want(n, jsonObject, path) {
		return
	}
	given := make(map[string]string, len(n.fields))
	for _, f := range n.fields {
		k := norm(f.key)
		fp := keyPath(path, k)
		if first, dup := given[k]; dup {
			d.fail(fp, "given twice: as %s and as %s", shortQuote(first), shortQuote(f.key))
			continue
		}
		given[k] = f.key
		fn(k, f.val, fp)
	}
}

// unknownField says a key is not part of the document, suggesting the known key it was
// probably meant to be.
func unknownField(key string, known []string) string {
	if s := closest(key, known); s != "" {
		return fmt.Sprintf("unknown field (did you mean %q?)", s)
	}
	return "unknown field: expected one of " + strings.Join(known, ", ")
}

// closest returns the known key meant by a mistyped one: equal ignoring case, a prefix
// of it ("tokenLifetime"), or a few edits away ("primaryColour"); "" when none is close.
func closest(key string, known []string) string {
	if len(key) > 64 {
		return ""
	}
	lk := strings.ToLower(key)
	for _, k := range known {
		if strings.EqualFold(k, key) {
			return k
		}
	}
	best, bestDist := "", 0
	for _, k := range known {
		lower := strings.ToLower(k)
		if len(lk) >= 4 && strings.HasPrefix(lower, lk) {
			return k
		}
		dist := editDistance(lk, lower)
		if dist <= max(1, len(k)/4) && (best == "" || dist < bestDist) {
			best, bestDist = k, dist
		}
	}
	return best
}

// editDistance is the Levenshtein distance between two strings, by bytes (keys are ASCII).
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
