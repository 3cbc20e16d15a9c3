package model

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Format is the format tag of a settings document.
const Format = "idvset.settings/v1"

// DecodeOptions says how to read images given as files.
type DecodeOptions struct {
	// BaseDir is the directory "file" image paths are relative to; "" refuses "file".
	BaseDir string
}

// Decode reads a settings document strictly and returns every problem at once as
// Violations, each with its path:
//   - invalid JSON (with line and column), data after the document, duplicate keys,
//     unknown fields (with the closest known name suggested), wrong JSON types, numbers
//     that are not whole where an integer is due, a "format" other than Format;
//   - images whose data is not base64 or whose file cannot be read (see decodeImage).
//
// A document without "format" is taken as Format. Missing sections and fields take
// their defaults (Default); a document's missing "enabled" is true. null is refused
// everywhere except retention.purgeAfterDays, where it means "keep forever".
//
// Decode normalises spellings that mean the same thing: locale codes ("pt_br" → "pt-BR")
// as keys and in client.defaultLanguage, colours to upper case, country and region keys
// to upper case, ID type lists into IDTypes order (stably: duplicates and unknown types
// are kept, after the known ones, for Validate to report). Two keys that normalise to the
// same one are refused as given twice.
//
// It does not run Validate: values that can be represented (an unknown locale, a bad
// colour, a port in a URL) are left for Validate to report. On error the returned
// Settings are the zero value.
func Decode(data []byte, opt DecodeOptions) (Settings, error) {
	root, errs := parseJSON(data)
	if root == nil {
		return Settings{}, errs
	}
	d := &decoder{opt: opt, errs: errs}
	defer d.close()
	s := d.document(root)
	if len(d.errs) > 0 {
		d.errs.Sort()
		return Settings{}, d.errs
	}
	return s, nil
}

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

func (d *decoder) document(root *jsonNode) Settings {
	s := Default()
	d.fields(root, "", topKeys, func(k string, v *jsonNode, p string) bool {
		switch k {
		case "format":
			var f string
			d.str(v, p, &f)
			if v.kind == jsonString && f != Format {
				d.fail(p, "unsupported format %s: expected %q", shortQuote(f), Format)
			}
		case "general":
			d.general(v, p, &s.General)
		case "client":
			d.client(v, p, &s.Client)
		case "branding":
			d.branding(v, p, &s.Branding)
		case "acceptedIds":
			d.accepted(v, p, &s.AcceptedIDs)
		case "dataSettings":
			d.dataSettings(v, p, &s.DataSettings)
		case "documents":
			s.Documents = d.documents(v, p)
		case "security":
			d.fields(v, p, []string{"twoFactor"}, func(k string, v *jsonNode, p string) bool {
				if k != "twoFactor" {
					return false
				}
				d.boolean(v, p, &s.Security.TwoFactor)
				return true
			})
		default:
			return false
		}
		return true
	})
	return s
}

// The keys of each object of the document, for unknown-field suggestions.
var (
	topKeys       = []string{"format", "general", "client", "branding", "acceptedIds", "dataSettings", "documents", "security"}
	generalKeys   = []string{"callbackUrl", "successUrl", "errorUrl", "tokenLifetimeMinutes", "ownedDomains"}
	clientKeys    = []string{"captureMethod", "skipIntro", "domainPrefix", "defaultLanguage"}
	brandingKeys  = []string{"default", "locales"}
	scopeKeys     = []string{"primaryColor", "secondaryColor", "headerImage", "successImage", "errorImage"}
	imageKeys     = []string{"mediaType", "sha256", "data", "file"}
	acceptedKeys  = []string{"mode", "autoAcceptNew", "regions", "countries"}
	dataKeys      = []string{"fields", "retention"}
	fieldKeys     = []string{"dateOfBirth", "idNumber", "firstName", "lastName", "expiryDate", "usState", "personalNumber", "mrzCheck"}
	retentionKeys = []string{"purgeAfterDays", "deleteFraud"}
	documentKeys  = []string{"code", "name", "label", "translations", "enabled"}
)

func (d *decoder) general(n *jsonNode, path string, g *General) {
	d.fields(n, path, generalKeys, func(k string, v *jsonNode, p string) bool {
		switch k {
		case "callbackUrl":
			d.str(v, p, &g.CallbackURL)
		case "successUrl":
			d.str(v, p, &g.SuccessURL)
		case "errorUrl":
			d.str(v, p, &g.ErrorURL)
		case "tokenLifetimeMinutes":
			d.integer(v, p, &g.TokenLifetimeMinutes)
		case "ownedDomains":
			if l := d.strings(v, p); l != nil {
				g.OwnedDomains = l
			}
		default:
			return false
		}
		return true
	})
}

func (d *decoder) client(n *jsonNode, path string, c *Client) {
	d.fields(n, path, clientKeys, func(k string, v *jsonNode, p string) bool {
		switch k {
		case "captureMethod":
			var m string
			d.str(v, p, &m)
			if v.kind == jsonString {
				c.CaptureMethod = CaptureMethod(m)
			}
		case "skipIntro":
			d.boolean(v, p, &c.SkipIntro)
		case "domainPrefix":
			d.str(v, p, &c.DomainPrefix)
		case "defaultLanguage":
			d.str(v, p, &c.DefaultLanguage)
			c.DefaultLanguage = normLocale(c.DefaultLanguage)
		default:
			return false
		}
		return true
	})
}

func (d *decoder) branding(n *jsonNode, path string, b *Branding) {
	d.fields(n, path, brandingKeys, func(k string, v *jsonNode, p string) bool {
		switch k {
		case "default":
			b.Default = d.scope(v, p)
		case "locales":
			d.normKeys(v, p, normLocale, func(code string, v *jsonNode, p string) {
				b.Locales[code] = d.scope(v, p)
			})
		default:
			return false
		}
		return true
	})
}

func (d *decoder) scope(n *jsonNode, path string) BrandScope {
	var s BrandScope
	d.fields(n, path, scopeKeys, func(k string, v *jsonNode, p string) bool {
		switch k {
		case "primaryColor":
			d.str(v, p, &s.PrimaryColor)
			s.PrimaryColor = asciiUpper(s.PrimaryColor)
		case "secondaryColor":
			d.str(v, p, &s.SecondaryColor)
			s.SecondaryColor = asciiUpper(s.SecondaryColor)
		case "headerImage":
			s.HeaderImage = d.image(v, p)
		case "successImage":
			s.SuccessImage = d.image(v, p)
		case "errorImage":
			s.ErrorImage = d.image(v, p)
		default:
			return false
		}
		return true
	})
	return s
}

func (d *decoder) accepted(n *jsonNode, path string, a *AcceptedIDs) {
	d.fields(n, path, acceptedKeys, func(k string, v *jsonNode, p string) bool {
		switch k {
		case "mode":
			var m string
			d.str(v, p, &m)
			if v.kind == jsonString {
				a.Mode = AcceptMode(m)
			}
		case "autoAcceptNew":
			d.boolean(v, p, &a.AutoAcceptNew)
		case "regions":
			// Regions not named keep their default ("supported").
			d.normKeys(v, p, asciiUpper, func(r string, v *jsonNode, p string) {
				var c string
				d.str(v, p, &c)
				if v.kind == jsonString {
					a.Regions[Region(r)] = RegionChoice(c)
				}
			})
		case "countries":
			d.normKeys(v, p, asciiUpper, func(code string, v *jsonNode, p string) {
				list := d.strings(v, p)
				if list == nil {
					return
				}
				types := make([]IDType, len(list))
				for i, t := range list {
					types[i] = IDType(t)
				}
				sortIDTypes(types)
				a.Countries[code] = types
			})
		default:
			return false
		}
		return true
	})
}

func (d *decoder) dataSettings(n *jsonNode, path string, ds *DataSettings) {
	d.fields(n, path, dataKeys, func(k string, v *jsonNode, p string) bool {
		switch k {
		case "fields":
			f := &ds.Fields
			dst := map[string]*bool{
				"dateOfBirth": &f.DateOfBirth, "idNumber": &f.IDNumber, "firstName": &f.FirstName,
				"lastName": &f.LastName, "expiryDate": &f.ExpiryDate, "usState": &f.USState,
				"personalNumber": &f.PersonalNumber, "mrzCheck": &f.MRZCheck,
			}
			d.fields(v, p, fieldKeys, func(k string, v *jsonNode, p string) bool {
				b, ok := dst[k]
				if ok {
					d.boolean(v, p, b)
				}
				return ok
			})
		case "retention":
			d.retention(v, p, &ds.Retention)
		default:
			return false
		}
		return true
	})
}

func (d *decoder) retention(n *jsonNode, path string, r *Retention) {
	d.fields(n, path, retentionKeys, func(k string, v *jsonNode, p string) bool {
		switch k {
		case "purgeAfterDays":
			if v.kind == jsonNull { // keep forever
				r.PurgeAfterDays = nil
				return true
			}
			if v.kind != jsonNumber {
				d.fail(p, "must be an integer or null (keep forever), got %s", v.describe())
				return true
			}
			days := DefaultPurgeAfterDays
			d.integer(v, p, &days)
			r.PurgeAfterDays = &days
		case "deleteFraud":
			d.boolean(v, p, &r.DeleteFraud)
		default:
			return false
		}
		return true
	})
}

func (d *decoder) documents(n *jsonNode, path string) []Document {
	docs := []Document{}
	if !d.want(n, jsonArray, path) {
		return docs
	}
	for i, item := range n.items {
		doc := Document{Translations: map[string]string{}, Enabled: true}
		d.fields(item, indexPath(path, i), documentKeys, func(k string, v *jsonNode, p string) bool {
			switch k {
			case "code":
				d.str(v, p, &doc.Code)
			case "name":
				d.str(v, p, &doc.Name)
			case "label":
				d.str(v, p, &doc.Label)
			case "translations":
				d.normKeys(v, p, normLocale, func(code string, v *jsonNode, p string) {
					var t string
					d.str(v, p, &t)
					doc.Translations[code] = t
				})
			case "enabled":
				d.boolean(v, p, &doc.Enabled)
			default:
				return false
			}
			return true
		})
		docs = append(docs, doc)
	}
	return docs
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

// normLocale normalises a locale code as NormalizeLocale does, but only plain ASCII
// codes: Unicode case mapping could turn a wrong key into a valid one (the Kelvin sign
// lower-cases to "k"), hiding it from Validate. Blank stays as given for the same reason.
func normLocale(code string) string {
	if localeIsNormal(code) || strings.TrimSpace(code) == "" || !asciiOnly(code) {
		return code
	}
	return NormalizeLocale(code)
}

// localeIsNormal reports, without allocating, that NormalizeLocale would return an ASCII
// code unchanged: no "_", no surrounding space, a lower-case language and an upper-case
// region. Encode and Diff check every locale key this way.
func localeIsNormal(code string) bool {
	if code == "" || code[0] <= ' ' || code[len(code)-1] <= ' ' {
		return false
	}
	region := false
	for i := 0; i < len(code); i++ {
		switch c := code[i]; {
		case c >= 0x80 || c == '_':
			return false
		case c == '-':
			region = true
		case !region && c >= 'A' && c <= 'Z', region && c >= 'a' && c <= 'z':
			return false
		}
	}
	return true
}

// asciiUpper upper-cases ASCII letters only, for colours, country and region codes; it
// returns s itself when nothing changes.
func asciiUpper(s string) string {
	i := strings.IndexFunc(s, func(r rune) bool { return r >= 'a' && r <= 'z' })
	if i < 0 {
		return s
	}
	b := []byte(s)
	for j := i; j < len(b); j++ {
		if b[j] >= 'a' && b[j] <= 'z' {
			b[j] -= 'a' - 'A'
		}
	}
	return string(b)
}

func asciiOnly(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// idTypeRank orders ID types as IDTypes does; unknown types come after every known one.
func idTypeRank(t IDType) int {
	switch t {
	case Passport:
		return 0
	case DrivingLicense:
		return 1
	case IDCard:
		return 2
	case Visa:
		return 3
	}
	return 4
}

// sortIDTypes puts a list into IDTypes order, stably, so duplicates stay next to each
// other for Validate to report.
func sortIDTypes(ts []IDType) {
	slices.SortStableFunc(ts, func(a, b IDType) int { return idTypeRank(a) - idTypeRank(b) })
}

func idTypesSorted(ts []IDType) bool {
	return slices.IsSortedFunc(ts, func(a, b IDType) int { return idTypeRank(a) - idTypeRank(b) })
}
