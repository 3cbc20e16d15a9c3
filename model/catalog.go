package model

import (
	"encoding/json"
	"slices"
	"sort"
	"strings"
	"time"
)

// Catalog says which ID types the vendor supports in each country, and whether the back
// side of each must be captured. The embedded default is replaced by importing the
// vendor's own list (see ParseCatalog).
type Catalog struct {
	// Timestamp is the vendor's date of the list (RFC 3339).
	Timestamp string
	// Countries maps an alpha-3 code to what the vendor supports there.
	Countries map[string]map[IDType]CatalogEntry
	// Source is the name of the file the catalog was imported from, without its
	// directory; "" for the embedded default.
	Source string
	// Revision is the revision whose import brought the catalog in; 0 for the default.
	Revision int
}

// CatalogEntry is one supported ID type of one country.
type CatalogEntry struct {
	BackSide bool // the back of the document must be captured too
}

// DefaultCatalog returns the catalog shipped with idvset: PASSPORT, DRIVING_LICENSE and
// ID_CARD for every country, VISA for USA and CHN. It is an honest placeholder until the
// vendor's list is imported. Each call returns a fresh copy.
//
// It is data/catalog.json, built from Go data that gen_godata.go generates from it
// (catalog_default.go): the editor needs it to validate the first frame, and parsing the
// JSON cost more than the rest of its start.
func DefaultCatalog() *Catalog {
	c := &Catalog{Timestamp: defaultCatalogTimestamp, Countries: make(map[string]map[IDType]CatalogEntry, len(defaultCatalogRows))}
	types := IDTypes()
	for _, row := range defaultCatalogRows {
		entries := make(map[IDType]CatalogEntry, len(row.types))
		for _, l := range []byte(row.types) {
			i := strings.IndexByte("pdiv", l|0x20) // lower-case
			entries[types[i]] = CatalogEntry{BackSide: l < 'a'}
		}
		c.Countries[row.code] = entries
	}
	return c
}

// Supports reports whether the catalog lists type t for the country (alpha-3).
func (c *Catalog) Supports(country string, t IDType) bool {
	_, ok := c.Countries[country][t]
	return ok
}

// Supported returns the types the catalog lists for the country, in IDTypes order.
func (c *Catalog) Supported(country string) []IDType {
	var out []IDType
	for _, t := range IDTypes() {
		if c.Supports(country, t) {
			out = append(out, t)
		}
	}
	return out
}

// vendorIDType and vendorCountry are the vendor's JSON shapes of the supported-ID and
// accepted-ID lists, as EncodeVendor writes them.
type vendorIDType struct {
	IDType            string          `json:"idType"`
	AcquisitionConfig map[string]bool `json:"acquisitionConfig"`
}

type vendorCountry struct {
	CountryCode string         `json:"countryCode"`
	CountryName string         `json:"countryName"`
	IDTypes     []vendorIDType `json:"idTypes"`
}

// ParseCatalog reads a catalog in the vendor's supported-ID-types shape:
// {"timestamp": …, "supportedIdTypes": [{"countryCode": "NLD", "countryName": …,
// "idTypes": [{"idType": "ID_CARD", "acquisitionConfig": {"backSide": true}}]}]}.
//
// It is strict, as Decode is for documents: invalid JSON (with line and column),
// duplicate keys, unknown fields, wrong types, an unknown country or ID type, a country
// or a type listed twice, a timestamp that is not RFC 3339, and a missing timestamp or
// list are refused. The error is Violations in path order (so the first is the first
// mistake in the list, supportedIdTypes[3] before supportedIdTypes[10]), at most
// MaxViolations of them. countryName is the vendor's and is not kept (the country table
// names countries).
func ParseCatalog(data []byte) (*Catalog, error) {
	if len(data) > MaxCatalogBytes {
		return nil, Violations{catalogTooLarge(int64(len(data)))}
	}
	t, errs := parseJSON(data)
	if t == nil {
		return nil, catalogPaths(errs)
	}
	d := &decoder{t: t}
	defer d.close()
	cat := d.catalog(0)
	if d.errs.len() > 0 {
		return nil, catalogPaths(d.errs.result())
	}
	return cat, nil
}

// catalogPath names a catalog file as a whole in violations.
const catalogPath = "catalog"

// catalogPaths renames the document-level path the JSON reader uses to catalogPath.
func catalogPaths(vs Violations) Violations {
	for i := range vs {
		if vs[i].Path == rootPath {
			vs[i].Path = catalogPath
		}
	}
	return vs
}

func (d *decoder) catalog(root node) *Catalog {
	cat := &Catalog{Countries: map[string]map[IDType]CatalogEntry{}}
	var seenTime, seenList bool
	ok := d.fields(root, "", []string{"timestamp", "supportedIdTypes"}, func(k string, v node, p string) bool {
		switch k {
		case "timestamp":
			seenTime = true
			d.str(v, p, &cat.Timestamp)
			if _, err := time.Parse(time.RFC3339, cat.Timestamp); err != nil && d.t.kind(v) == jsonString {
				d.fail(p, "%s is not a date and time: use RFC 3339, as the vendor writes it (2019-03-01T14:13:38.938Z)", shortQuote(cat.Timestamp))
			}
		case "supportedIdTypes":
			seenList = true
			d.catalogCountries(v, p, cat)
		default:
			return false
		}
		return true
	})
	if !ok {
		return cat
	}
	if !seenTime {
		d.fail("timestamp", "missing: the date of the vendor's list (RFC 3339, e.g. 2019-03-01T14:13:38.938Z)")
	}
	if !seenList {
		d.fail("supportedIdTypes", "missing: a catalog lists the supported ID types of each country")
	}
	return cat
}

func (d *decoder) catalogCountries(n node, path string, cat *Catalog) {
	if !d.want(n, jsonArray, path) {
		return
	}
	if d.t.count(n) == 0 {
		d.fail(path, "empty: a catalog lists the supported ID types of at least one country")
		return
	}
	seen := map[string]int{} // code → index of its first entry
	d.t.items(n, func(i int, item node) {
		d.catalogCountry(item, indexPath(path, i), i, seen, cat)
	})
	// Countries listed with no type support nothing: a list of only those is as empty as
	// [] (and encodes as [], which the rule above refuses), so a catalog otherwise right
	// is refused the same way.
	if d.errs.len() > 0 {
		return
	}
	for _, types := range cat.Countries {
		if len(types) > 0 {
			return
		}
	}
	d.fail(path, "empty: a catalog lists the supported ID types of at least one country (every country here has none)")
}

func (d *decoder) catalogCountry(n node, path string, i int, seen map[string]int, cat *Catalog) {
	var code string
	var types map[IDType]CatalogEntry
	typesNode, typesPath := node(-1), ""
	ok := d.fields(n, path, []string{"countryCode", "countryName", "idTypes"}, func(k string, v node, p string) bool {
		switch k {
		case "countryCode":
			code = "?" // reported here, if wrong; never "missing" too
			var given string
			if !d.str(v, p, &given) {
				return true
			}
			c, known := CountryByAlpha3(given)
			first, dup := seen[c.Alpha3]
			switch {
			case !known:
				d.fail(p, "unknown country %s: use an ISO 3166-1 alpha-3 code or XKX", shortQuote(given))
			case dup:
				d.fail(p, "%s is listed twice (also at [%d])", c.Alpha3, first)
			default:
				code = c.Alpha3
				seen[code] = i
			}
		case "countryName":
			var name string
			d.str(v, p, &name) // the vendor's name; the country table names countries
		case "idTypes":
			typesNode, typesPath = v, p
		default:
			return false
		}
		return true
	})
	if !ok {
		return
	}
	if code == "" {
		d.fail(path+".countryCode", "missing: the country's ISO 3166-1 alpha-3 code")
	}
	if typesNode < 0 {
		d.fail(path+".idTypes", "missing: the country's supported ID types ([] for none)")
		return
	}
	types = d.catalogTypes(typesNode, typesPath)
	if code != "" && code != "?" && types != nil {
		cat.Countries[code] = types
	}
}

func (d *decoder) catalogTypes(n node, path string) map[IDType]CatalogEntry {
	if !d.want(n, jsonArray, path) {
		return nil
	}
	types := make(map[IDType]CatalogEntry, d.t.count(n))
	at := map[IDType]int{}
	d.t.items(n, func(i int, item node) {
		ip := indexPath(path, i)
		var id IDType
		var entry CatalogEntry
		seenType := false
		ok := d.fields(item, ip, []string{"idType", "acquisitionConfig"}, func(k string, v node, p string) bool {
			switch k {
			case "idType":
				seenType = true
				var given string
				if !d.str(v, p, &given) {
					return true
				}
				t := IDType(given)
				switch j, dup := at[t]; {
				case idTypeIndex(t) < 0:
					d.fail(p, "unknown ID type %s: use one of %s", shortQuote(given), idTypeList())
				case dup:
					d.fail(p, "%s is listed twice (also at [%d])", t, j)
				default:
					id = t
					at[t] = i
				}
			case "acquisitionConfig":
				d.fields(v, p, []string{"backSide"}, func(k string, v node, p string) bool {
					if k != "backSide" {
						return false
					}
					d.boolean(v, p, &entry.BackSide)
					return true
				})
			default:
				return false
			}
			return true
		})
		if ok && !seenType {
			d.fail(ip+".idType", "missing: one of %s", idTypeList())
		}
		if id != "" {
			types[id] = entry
		}
	})
	return types
}

func idTypeList() string {
	var s []string
	for _, t := range IDTypes() {
		s = append(s, string(t))
	}
	return strings.Join(s, ", ")
}

// EncodeVendor writes per-country ID types in the vendor's shape under the given key
// ("supportedIdTypes" for a catalog, "acceptedIdTypes" for what is accepted), countries
// in code order, so two encodings of equal data are byte-identical.
func EncodeVendor(key, timestamp string, types map[string][]IDType, cat *Catalog) []byte {
	codes := make([]string, 0, len(types))
	for code, ts := range types {
		if len(ts) > 0 {
			codes = append(codes, code)
		}
	}
	sort.Strings(codes)
	list := make([]vendorCountry, 0, len(codes))
	for _, code := range codes {
		c, _ := CountryByAlpha3(code)
		vc := vendorCountry{CountryCode: code, CountryName: c.Name, IDTypes: []vendorIDType{}}
		for _, t := range IDTypes() {
			if !slices.Contains(types[code], t) {
				continue
			}
			back := false
			if cat != nil {
				back = cat.Countries[code][t].BackSide
			}
			vc.IDTypes = append(vc.IDTypes, vendorIDType{string(t), map[string]bool{"backSide": back}})
		}
		list = append(list, vc)
	}
	out, _ := json.MarshalIndent(map[string]any{"timestamp": timestamp, key: list}, "", "  ")
	return append(out, '\n')
}

// Types returns the catalog as per-country type lists (IDTypes order), the shape
// EncodeVendor and the accepted-ID computations take.
func (c *Catalog) Types() map[string][]IDType {
	out := make(map[string][]IDType, len(c.Countries))
	for code := range c.Countries {
		out[code] = c.Supported(code)
	}
	return out
}
