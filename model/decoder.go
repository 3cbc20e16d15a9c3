package model

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// The decoder's primitives: reading one JSON value of the kind the schema expects, or
// saying precisely what is wrong with it and where.

// decoder maps the JSON tree onto Settings, collecting violations as it goes.
type decoder struct {
	opt   DecodeOptions
	t     *jsonTree
	errs  collector
	files *fileReader // opened on the first "file" image
	// images remembers the images of this document by where their bytes came from (the
	// base64 text, or the file's path): 120 references to one logo are read, hashed and
	// checked once, and share one copy of the bytes.
	images map[string]*imageSource
	// imageBytes adds up the distinct images of this document, against
	// MaxDocumentImageBytes. (Their decoding is Validate's, against
	// maxDocumentDecodeCost.)
	imageBytes int64
	// imageFiles records the images given as "file" references, for ReadDocumentFile.
	imageFiles ImageFiles
}

func (d *decoder) fail(path, format string, args ...any) {
	if path == "" {
		path = rootPath
	}
	if d.errs.wants(path, Error) {
		d.errs.add(Violation{Path: path, Message: fmt.Sprintf(format, args...)})
	}
}

// fields calls fn for each field of an object; a key fn does not know (returns false) is
// reported as unknown with the nearest known key suggested, a key given twice as such
// (the first value is kept). It reports false when n is not an object.
func (d *decoder) fields(n node, path string, known []string, fn func(key string, v node, path string) bool) bool {
	if !d.want(n, jsonObject, path) {
		return false
	}
	var seen uint64 // bit i: known[i] was given (no object has 64 known keys)
	d.t.members(n, func(k, v node) {
		key := d.t.str(k)
		fp := keyPath(path, key)
		if i := slices.Index(known, key); i >= 0 {
			if seen&(1<<i) != 0 {
				d.fail(fp, "duplicate key: given more than once")
				return
			}
			seen |= 1 << i
		}
		if !fn(key, v, fp) && d.errs.wants(fp, Error) {
			d.fail(fp, "%s", unknownField(key, known))
		}
	})
	return true
}

// want reports whether n is of the kind, reporting a violation when not.
func (d *decoder) want(n node, kind jsonKind, path string) bool {
	if d.t.kind(n) == kind {
		return true
	}
	d.fail(path, "must be %s, got %s", kindName(kind), d.t.describe(n))
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

// str reads a string and reports whether the value was one; dst is left as it was when
// it is not.
func (d *decoder) str(n node, path string, dst *string) bool { return strAs(d, n, path, dst) }

// strAs reads a string into a string type (a mode, a method, a choice) and reports
// whether it could; dst is left as it was when the value is not a string.
func strAs[T ~string](d *decoder, n node, path string, dst *T) bool {
	if !d.want(n, jsonString, path) {
		return false
	}
	*dst = T(d.t.str(n))
	return true
}

func (d *decoder) boolean(n node, path string, dst *bool) {
	if d.want(n, jsonBool, path) {
		*dst = d.t.boolean(n)
	}
}

// integer reads a whole number. Its exact decimal value decides, read from the literal
// (never through a float, which would round 4.9999999999999999 to 5): 30, 30.0 and 3e1
// are all 30; 30.5, 4.9999999999999999 and "30" are refused.
func (d *decoder) integer(n node, path string, dst *int) {
	if !d.want(n, jsonNumber, path) {
		return
	}
	v, whole, inRange := parseWhole(d.t.raw(n))
	switch {
	case !whole:
		d.fail(path, "must be an integer, got %s", d.t.describe(n))
	case !inRange:
		d.fail(path, "number %s is out of range", d.t.describe(n))
	default:
		*dst = v
	}
}

// parseWhole reads a JSON number literal exactly: whether its value is a whole number,
// and whether that number fits in 53 bits (the integers any JSON reader keeps exact).
func parseWhole(lit []byte) (v int, whole, inRange bool) {
	s := string(lit)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	mant, exp := s, 0
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		mant = s[:i]
		e, err := strconv.Atoi(strings.TrimPrefix(s[i+1:], "+"))
		if err != nil || e > 1000 || e < -1000 {
			// So large an exponent is out of range, or so small one leaves a fraction,
			// unless the mantissa is zero.
			zero := strings.Trim(strings.Replace(mant, ".", "", 1), "0") == ""
			big := err == nil && e > 0 || err != nil && !strings.HasPrefix(s[i+1:], "-")
			return 0, zero || big, zero
		}
		exp = e
	}
	intPart, frac, _ := strings.Cut(mant, ".")
	digits := intPart + frac
	point := len(intPart) + exp // the decimal point's position in digits
	if point < len(digits) && strings.Trim(digits[max(point, 0):], "0") != "" {
		return 0, false, false
	}
	if point <= 0 {
		return 0, true, true
	}
	if point > len(digits) {
		digits += strings.Repeat("0", point-len(digits))
	}
	digits = strings.TrimLeft(digits[:point], "0")
	if len(digits) > 16 {
		return 0, true, false
	}
	u, _ := strconv.ParseInt("0"+digits, 10, 64)
	if u > 1<<53 {
		return 0, true, false
	}
	if neg {
		u = -u
	}
	return int(u), true, true
}

// strings reads a list of strings.
func (d *decoder) strings(n node, path string) []string {
	if !d.want(n, jsonArray, path) {
		return nil
	}
	out := make([]string, 0, d.t.count(n))
	d.t.items(n, func(i int, item node) {
		var v string
		ip := indexPath(path, i)
		if d.want(item, jsonString, ip) {
			v = d.t.str(item)
		}
		out = append(out, v)
	})
	return out
}

// normKeys walks an object whose keys are codes (locales, countries, regions), normalising
// each key with norm. A key given twice, or two keys that normalise alike, are reported:
// a map cannot hold both.
func (d *decoder) normKeys(n node, path string, norm func(string) string, fn func(key string, v node, path string)) {
	if !d.want(n, jsonObject, path) {
		return
	}
	given := make(map[string]string, d.t.count(n))
	d.t.members(n, func(kn, v node) {
		key := d.t.str(kn)
		k := norm(key)
		fp := keyPath(path, k)
		if first, dup := given[k]; dup {
			if first == key {
				d.fail(keyPath(path, key), "duplicate key: given more than once")
			} else {
				d.fail(fp, "given twice: as %s and as %s", shortQuote(first), shortQuote(key))
			}
			return
		}
		given[k] = key
		fn(k, v, fp)
	})
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
