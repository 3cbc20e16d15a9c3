package model

import (
	"encoding/base64"
	"maps"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Encode writes the canonical document: sorted keys at every level, two-space indent, a
// final newline, images with base64 data. Equal settings give byte-identical output, and
// Encode(Decode(Encode(s))) equals Encode(s).
//
// The shape is that of PRODUCT.md §4. Every field of the fixed sections is written, empty
// strings included; branding.default always has both colours and its images when set;
// branding.locales has only the locales with something set, and in them only what is
// set; acceptedIds.regions has all five regions ("supported" for one missing from the
// map, as Decode fills it); acceptedIds.countries is always an object and leaves out
// countries whose list is empty (nothing accepted either way); documents keep their
// order and always carry translations. Spellings are normalised as Decode does (see
// canonical). No secret is part of Settings, so none can be written.
func Encode(s Settings) []byte { return encodeDoc(s, true) }

// EncodeWithoutImageData is Encode with each image's "data" left out (mediaType and
// sha256 kept): what a store keeps per revision when it keeps image bytes once, by hash.
// Decode reads such a document back with nil Data (see Decode).
func EncodeWithoutImageData(s Settings) []byte { return encodeDoc(s, false) }

func encodeDoc(s Settings, withData bool) []byte {
	s = canonical(s)
	e := encoder{withData: withData}
	return append(writeJSON(nil, e.document(s), 0), '\n')
}

type encoder struct {
	withData bool
	files    ImageFiles // images written as "file" references (EncodeWithImageFiles)
}

// jsonNode is one value of a document being written. Objects keep their fields in the
// order built; writeJSON sorts them.
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

// obj builds an object node from key/value pairs; the writer sorts the keys.
func obj(kv ...any) *jsonNode {
	n := &jsonNode{kind: jsonObject, fields: make([]jsonField, 0, len(kv)/2)}
	for i := 0; i < len(kv); i += 2 {
		n.fields = append(n.fields, jsonField{kv[i].(string), kv[i+1].(*jsonNode)})
	}
	return n
}

func str(s string) *jsonNode   { return &jsonNode{kind: jsonString, s: s} }
func boolean(b bool) *jsonNode { return &jsonNode{kind: jsonBool, b: b} }
func integer(i int) *jsonNode  { return &jsonNode{kind: jsonNumber, s: strconv.Itoa(i)} }

func strList[T ~string](l []T) *jsonNode {
	n := &jsonNode{kind: jsonArray, items: make([]*jsonNode, len(l))}
	for i, v := range l {
		n.items[i] = str(string(v))
	}
	return n
}

func (e encoder) document(s Settings) *jsonNode {
	g, c, ds := s.General, s.Client, s.DataSettings
	f := ds.Fields
	purge := &jsonNode{kind: jsonNull}
	if p := ds.Retention.PurgeAfterDays; p != nil {
		purge = integer(*p)
	}
	docs := &jsonNode{kind: jsonArray, items: make([]*jsonNode, len(s.Documents))}
	for i, d := range s.Documents {
		tr := &jsonNode{kind: jsonObject, fields: make([]jsonField, 0, len(d.Translations))}
		for k, v := range d.Translations {
			tr.fields = append(tr.fields, jsonField{k, str(v)})
		}
		docs.items[i] = obj("code", str(d.Code), "name", str(d.Name), "label", str(d.Label),
			"translations", tr, "enabled", boolean(d.Enabled))
	}
	return obj(
		"format", str(Format),
		"general", obj("callbackUrl", str(g.CallbackURL), "successUrl", str(g.SuccessURL),
			"errorUrl", str(g.ErrorURL), "tokenLifetimeMinutes", integer(g.TokenLifetimeMinutes),
			"ownedDomains", strList(g.OwnedDomains)),
		"client", obj("captureMethod", str(string(c.CaptureMethod)), "skipIntro", boolean(c.SkipIntro),
			"domainPrefix", str(c.DomainPrefix), "defaultLanguage", str(c.DefaultLanguage)),
		"branding", e.branding(s.Branding),
		"acceptedIds", e.accepted(s.AcceptedIDs),
		"dataSettings", obj(
			"fields", obj("dateOfBirth", boolean(f.DateOfBirth), "idNumber", boolean(f.IDNumber),
				"firstName", boolean(f.FirstName), "lastName", boolean(f.LastName),
				"expiryDate", boolean(f.ExpiryDate), "usState", boolean(f.USState),
				"personalNumber", boolean(f.PersonalNumber), "mrzCheck", boolean(f.MRZCheck)),
			"retention", obj("purgeAfterDays", purge, "deleteFraud", boolean(ds.Retention.DeleteFraud))),
		"documents", docs,
		"security", obj("twoFactor", boolean(s.Security.TwoFactor)),
	)
}

func (e encoder) branding(b Branding) *jsonNode {
	def := e.scope(b.Default, "branding.default")
	if b.Default.PrimaryColor == "" {
		def.fields = append(def.fields, jsonField{"primaryColor", str("")})
	}
	if b.Default.SecondaryColor == "" {
		def.fields = append(def.fields, jsonField{"secondaryColor", str("")})
	}
	locs := &jsonNode{kind: jsonObject}
	for code, sc := range b.Locales {
		locs.fields = append(locs.fields, jsonField{code, e.scope(sc, keyPath("branding.locales", code))})
	}
	return obj("default", def, "locales", locs)
}

// scope writes only the fields that are set; path is the scope's path in the document.
func (e encoder) scope(s BrandScope, path string) *jsonNode {
	n := &jsonNode{kind: jsonObject}
	add := func(k string, v *jsonNode) { n.fields = append(n.fields, jsonField{k, v}) }
	if s.PrimaryColor != "" {
		add("primaryColor", str(s.PrimaryColor))
	}
	if s.SecondaryColor != "" {
		add("secondaryColor", str(s.SecondaryColor))
	}
	for _, im := range []struct {
		k   string
		img *Image
	}{{"headerImage", s.HeaderImage}, {"successImage", s.SuccessImage}, {"errorImage", s.ErrorImage}} {
		if im.img != nil {
			add(im.k, e.image(im.img, path+"."+im.k))
		}
	}
	return n
}

// image writes data only when the bytes are at hand: nil Data means they are kept
// elsewhere, and writing "" would turn them into an empty image. A stored image's bytes
// are read from its store (LoadImages reports when they cannot be).
func (e encoder) image(img *Image, path string) *jsonNode {
	if name, ok := e.files.reference(path, img); ok {
		return obj("file", str(name))
	}
	n := obj("mediaType", str(img.MediaType), "sha256", str(img.SHA256))
	if !e.withData {
		return n
	}
	if data, err := img.Bytes(); err == nil && data != nil {
		n.fields = append(n.fields, jsonField{"data", &jsonNode{kind: jsonBytes, data: data}})
	}
	return n
}

func (e encoder) accepted(a AcceptedIDs) *jsonNode {
	regions := &jsonNode{kind: jsonObject}
	for r, c := range a.Regions {
		regions.fields = append(regions.fields, jsonField{string(r), str(string(c))})
	}
	countries := &jsonNode{kind: jsonObject}
	for code, ts := range a.Countries {
		countries.fields = append(countries.fields, jsonField{code, strList(ts)})
	}
	return obj("mode", str(string(a.Mode)), "autoAcceptNew", boolean(a.AutoAcceptNew),
		"regions", regions, "countries", countries)
}

// writeJSON appends n as indented JSON (the layout of json.MarshalIndent with two
// spaces), object keys sorted.
func writeJSON(buf []byte, n *jsonNode, depth int) []byte {
	switch n.kind {
	case jsonNull:
		return append(buf, "null"...)
	case jsonBool:
		return strconv.AppendBool(buf, n.b)
	case jsonNumber:
		return append(buf, n.s...)
	case jsonString:
		return appendString(buf, n.s)
	case jsonBytes:
		buf = append(buf, '"')
		buf = base64.StdEncoding.AppendEncode(buf, n.data)
		return append(buf, '"')
	case jsonArray:
		if len(n.items) == 0 {
			return append(buf, "[]"...)
		}
		buf = append(buf, '[')
		for i, item := range n.items {
			if i > 0 {
				buf = append(buf, ',')
			}
			buf = newline(buf, depth+1)
			buf = writeJSON(buf, item, depth+1)
		}
		return append(newline(buf, depth), ']')
	}
	if len(n.fields) == 0 {
		return append(buf, "{}"...)
	}
	slices.SortFunc(n.fields, func(a, b jsonField) int { return strings.Compare(a.key, b.key) })
	buf = append(buf, '{')
	for i, f := range n.fields {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = newline(buf, depth+1)
		buf = appendString(buf, f.key)
		buf = append(buf, ": "...)
		buf = writeJSON(buf, f.val, depth+1)
	}
	return append(newline(buf, depth), '}')
}

func newline(buf []byte, depth int) []byte {
	buf = append(buf, '\n')
	for range depth {
		buf = append(buf, "  "...)
	}
	return buf
}

// appendString writes a JSON string as encoding/json does, without its HTML escaping:
// control characters, U+2028 and U+2029 escaped, invalid UTF-8 replaced by U+FFFD
// written as itself (which is what Decode reads invalid UTF-8 as, so round trips hold).
func appendString(buf []byte, s string) []byte {
	const hexDigits = "0123456789abcdef"
	buf = append(buf, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			buf = append(buf, s[start:i]...)
			switch c {
			case '"', '\\':
				buf = append(buf, '\\', c)
			case '\n':
				buf = append(buf, '\\', 'n')
			case '\r':
				buf = append(buf, '\\', 'r')
			case '\t':
				buf = append(buf, '\\', 't')
			default:
				buf = append(buf, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			buf = append(buf, s[start:i]...)
			buf = append(buf, "\uFFFD"...) // the character itself, as a real U+FFFD is written
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			buf = append(buf, s[start:i]...)
			buf = append(buf, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	buf = append(buf, s[start:]...)
	return append(buf, '"')
}

// canonical returns s with every spelling normalised as Decode normalises it, so that
// settings built in code encode and compare like decoded ones: locale codes (keys and
// client.defaultLanguage), colours, country and region codes, ID type order; all five
// regions present; empty country lists and empty locale scopes dropped. It returns s
// itself (sharing its maps) when it is canonical already, the common case; it never
// modifies s.
//
// When two keys normalise alike ("pt_br" and "pt-BR"), the one already spelled
// canonically wins, else the first in byte order: settings from Decode never have both.
func canonical(s Settings) Settings {
	s.Client.DefaultLanguage = normLocale(s.Client.DefaultLanguage)
	s.Branding = canonBranding(s.Branding)
	s.AcceptedIDs = canonAccepted(s.AcceptedIDs)
	s.Documents = canonDocuments(s.Documents)
	return s
}

func canonScope(s BrandScope) BrandScope {
	s.PrimaryColor = normColor(s.PrimaryColor)
	s.SecondaryColor = normColor(s.SecondaryColor)
	return s
}

func canonBranding(b Branding) Branding {
	b.Default = canonScope(b.Default)
	ok := true
	for k, sc := range b.Locales {
		if normLocale(k) != k || sc.IsZero() || canonScope(sc) != sc {
			ok = false
			break
		}
	}
	if ok {
		return b
	}
	b.Locales = normMap(b.Locales, normLocale, func(sc BrandScope) (BrandScope, bool) {
		return canonScope(sc), !sc.IsZero()
	})
	return b
}

func canonAccepted(a AcceptedIDs) AcceptedIDs {
	ok := len(a.Regions) >= len(Regions())
	for _, r := range Regions() {
		if _, has := a.Regions[r]; !has {
			ok = false
		}
	}
	for r := range a.Regions {
		if asciiUpper(string(r)) != string(r) {
			ok = false
		}
	}
	if !ok {
		regions := normMap(a.Regions, func(r Region) Region { return Region(asciiUpper(string(r))) },
			func(c RegionChoice) (RegionChoice, bool) { return c, true })
		for _, r := range Regions() {
			if _, has := regions[r]; !has {
				regions[r] = RegionSupported
			}
		}
		a.Regions = regions
	}
	for code, ts := range a.Countries {
		if asciiUpper(code) != code || len(ts) == 0 || !idTypesSorted(ts) {
			a.Countries = normMap(a.Countries, asciiUpper, func(ts []IDType) ([]IDType, bool) {
				if idTypesSorted(ts) {
					return ts, len(ts) > 0
				}
				ts = slices.Clone(ts)
				sortIDTypes(ts)
				return ts, true
			})
			break
		}
	}
	return a
}

func canonDocuments(docs []Document) []Document {
	for i, d := range docs {
		for k := range d.Translations {
			if normLocale(k) != k {
				docs = slices.Clone(docs)
				docs[i].Translations = normMap(d.Translations, normLocale, func(t string) (string, bool) { return t, true })
				break
			}
		}
	}
	return docs
}

// normMap builds a new map with normalised keys and values; keep=false drops an entry.
// See canonical for which of two colliding keys wins.
func normMap[K ~string, V any](m map[K]V, norm func(K) K, value func(V) (V, bool)) map[K]V {
	out := make(map[K]V, len(m))
	for _, k := range slices.Sorted(maps.Keys(m)) {
		v, keep := value(m[k])
		if !keep {
			continue
		}
		nk := norm(k)
		if _, taken := out[nk]; taken && k != nk {
			continue
		}
		out[nk] = v
	}
	return out
}
