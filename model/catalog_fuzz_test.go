package model

import (
	"encoding/json"
	"errors"
	"maps"
	"os"
	"slices"
	"strings"
	"testing"
)

// FuzzParseCatalog: any bytes either parse into a catalog of known countries and ID
// types, which the vendor's shape writes back and reads again to the same catalog, or
// are refused with violations that each name a path and a rule. Never a panic.
func FuzzParseCatalog(f *testing.F) {
	f.Add(defaultCatalogJSON)
	if data, err := os.ReadFile("../testdata/catalog-2019.json"); err == nil {
		f.Add(data) // the example of catalog import, once it lands
	}
	for _, s := range []string{
		`{"timestamp": "2019-03-01T14:13:38.938Z", "supportedIdTypes": [{"countryCode": "NLD", "countryName": "Netherlands", "idTypes": [{"idType": "ID_CARD", "acquisitionConfig": {"backSide": true}}]}]}`,
		`{"supportedIdTypes": [{"countryCode": "xkx", "idTypes": [{"idType": "passport"}]}]}`,
		`{"supportedIdTypes": [{"countryCode": "DEU", "idTypes": []}, {"countryCode": "DEU", "idTypes": []}]}`,
		`{"supportedIdTypes": [{"countryCode": "ZZZ", "idTypes": [{"idType": "BUS_PASS"}]}]}`,
		`{"supportedIdTypes": null}`,
		`{"supportedIdTypes": [], "extra": 1}`,
		`{"supportedIdTypes": [{"countryCode": 276}]}`,
		`[]`, `null`, ``, `{`, "\xff\xfe",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		cat, err := ParseCatalog(data)
		if err != nil {
			var vs Violations
			if !errors.As(err, &vs) || len(vs) == 0 {
				t.Fatalf("refused without violations: %v", err)
			}
			for _, v := range vs {
				if v.Path == "" || strings.TrimSpace(v.Message) == "" {
					t.Fatalf("a violation without its path or rule: %+v", v)
				}
			}
			return
		}
		for code, types := range cat.Countries {
			if _, ok := CountryByAlpha3(code); !ok {
				t.Fatalf("accepted unknown country %q", code)
			}
			for ty := range types {
				if !slices.Contains(IDTypes(), ty) {
					t.Fatalf("accepted unknown ID type %q for %s", ty, code)
				}
			}
		}
		// Written in the vendor's shape and read again: the same countries, types and
		// back sides (a country listed with no type is not written).
		again, err := ParseCatalog(EncodeVendor("supportedIdTypes", cat.Timestamp, cat.Types(), cat))
		if err != nil {
			t.Fatalf("the catalog written back is refused: %v", err)
		}
		for code, types := range cat.Countries {
			if len(types) == 0 {
				continue
			}
			if !maps.Equal(types, again.Countries[code]) {
				t.Fatalf("%s: %v, read back as %v", code, types, again.Countries[code])
			}
		}
		if !json.Valid(EncodeVendor("acceptedIdTypes", cat.Timestamp, cat.Types(), cat)) {
			t.Fatal("EncodeVendor wrote invalid JSON")
		}
	})
}
