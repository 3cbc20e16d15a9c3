package model

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"
)

// Catalog says which ID types the vendor supports in each country, and whether the back
// side of each must be captured. The embedded default is replaced by importing the
// vendor's own list (see ParseCatalog).
type Catalog struct {
	Timestamp string
	// Countries maps an alpha-3 code to what the vendor supports there.
	Countries map[string]map[IDType]CatalogEntry
}

// CatalogEntry is one supported ID type of one country.
type CatalogEntry struct {
	BackSide bool // the back of the document must be captured too
}

//go:embed data/catalog.json
var defaultCatalogJSON []byte

// DefaultCatalog returns the catalog shipped with idvset: PASSPORT, DRIVING_LICENSE and
// ID_CARD for every country, VISA for USA and CHN. It is an honest placeholder until the
// vendor's list is imported. Each call returns a fresh copy.
func DefaultCatalog() *Catalog {
	c, err := ParseCatalog(defaultCatalogJSON)
	if err != nil {
		panic("model: embedded catalog.json: " + err.Error()) // a build defect, not input
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
// accepted-ID lists.
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
// Every problem is reported with its path, all at once.
func ParseCatalog(data []byte) (*Catalog, error) {
	var raw struct {
		Timestamp        string          `json:"timestamp"`
		SupportedIDTypes []vendorCountry `json:"supportedIdTypes"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&raw); err != nil {
		return nil, Violations{{Path: "catalog", Message: "not a supported-ID-types file: " + err.Error()}}
	}
	if raw.SupportedIDTypes == nil {
		return nil, Violations{{Path: "supportedIdTypes", Message: "missing: a catalog lists the supported ID types of each country"}}
	}
	cat := &Catalog{Timestamp: raw.Timestamp, Countries: map[string]map[IDType]CatalogEntry{}}
	var errs Violations
	for i, c := range raw.SupportedIDTypes {
		path := fmt.Sprintf("supportedIdTypes[%d]", i)
		code := strings.ToUpper(c.CountryCode)
		if _, ok := CountryByAlpha3(code); !ok {
			errs = append(errs, Violation{Path: path + ".countryCode", Message: fmt.Sprintf("unknown country %q: use an ISO 3166-1 alpha-3 code or XKX", c.CountryCode)})
			continue
		}
		if _, dup := cat.Countries[code]; dup {
			errs = append(errs, Violation{Path: path + ".countryCode", Message: fmt.Sprintf("%s is listed twice", code)})
			continue
		}
		types := map[IDType]CatalogEntry{}
		for j, t := range c.IDTypes {
			tp := fmt.Sprintf("%s.idTypes[%d].idType", path, j)
			id := IDType(strings.ToUpper(t.IDType))
			if !slices.Contains(IDTypes(), id) {
				errs = append(errs, Violation{Path: tp, Message: fmt.Sprintf("unknown ID type %q: use one of %s", t.IDType, idTypeList())})
				continue
			}
			types[id] = CatalogEntry{BackSide: t.AcquisitionConfig["backSide"]}
		}
		cat.Countries[code] = types
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return cat, nil
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
