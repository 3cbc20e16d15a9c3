package model

import (
	"slices"
	"strings"
)

//go:generate go run gen_data.go
//go:generate go run gen_godata.go

// Country is a country (or territory) IDs can come from.
type Country struct {
	Alpha2 string
	Alpha3 string // the code settings use
	Name   string // English
	Region Region
}

// countryIndex finds a country of countryTable (countries_data.go, generated from
// data/countries.json by gen_godata.go) by its alpha-3 code.
var countryIndex = func() map[string]int {
	index := make(map[string]int, len(countryTable))
	for i, c := range countryTable {
		index[c.Alpha3] = i
	}
	return index
}()

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
