package model

import (
	_ "embed"
	"encoding/json"
	"slices"
	"strings"
)

//go:generate go run gen_data.go
//go:generate go run gen_catalog.go
//go:generate go run gen_localenames.go

// Country is a country (or territory) IDs can come from.
type Country struct {
	Alpha2 string
	Alpha3 string // the code settings use
	Name   string // English
	Region Region
}

//go:embed data/countries.json
var countriesJSON []byte

// countryTable is parsed once at start-up from the embedded, generated file and never
// changed afterwards.
var countryTable, countryIndex = loadCountries()

func loadCountries() ([]Country, map[string]int) {
	var raw []struct{ Alpha2, Alpha3, Name, Region string }
	if err := json.Unmarshal(countriesJSON, &raw); err != nil {
		panic("model: embedded countries.json: " + err.Error()) // a build defect, not input
	}
	table := make([]Country, len(raw))
	index := make(map[string]int, len(raw))
	for i, c := range raw {
		table[i] = Country{c.Alpha2, c.Alpha3, c.Name, Region(c.Region)}
		index[c.Alpha3] = i
	}
	return table, index
}

// Countries returns every country (the 249 of ISO 3166-1 plus XKX Kosovo) ordered by
// alpha-3 code. The slice is a copy.
func Countries() []Country { return slices.Clone(countryTable) }

// CountryByAlpha3 finds a country by its alpha-3 code (case-insensitive).
func CountryByAlpha3(code string) (Country, bool) {
	i, ok := countryIndex[strings.ToUpper(code)]
	if !ok {
		return Country{}, false
	}
	return countryTable[i], true
}

// CountriesIn returns the alpha-3 codes of the countries of a region, in code order.
func CountriesIn(r Region) []string {
	var out []string
	for _, c := range countryTable {
		if c.Region == r {
			out = append(out, c.Alpha3)
		}
	}
	return out
}
