package model

import "slices"

// mrzIDCardCountries are the countries whose ID cards support the MRZ check, as the
// portal lists them (alpha-3). Passports of every country support it.
var mrzIDCardCountries = []string{
	"ALB", "ARG", "AUT", "BIH", "BGR", "CHL", "HRV", "CZE", "DNK", "DOM", "ECU", "SLV",
	"EST", "FIN", "FRA", "GEO", "DEU", "GTM", "HUN", "ITA", "KAZ", "KEN", "LVA", "LIE",
	"LTU", "MKD", "MLT", "MEX", "MDA", "MNE", "NLD", "PAK", "PRY", "PER", "POL", "PRT",
	"ROU", "SRB", "SVK", "SVN", "ESP", "SWE", "CHE", "TUR", "ARE",
}

// MRZCountries returns the alpha-3 codes of the 45 countries whose ID cards support the
// MRZ check, in the portal's order. The slice is a copy.
func MRZCountries() []string { return slices.Clone(mrzIDCardCountries) }

// SupportsMRZCheck reports whether an ID of type t from country (alpha-3) gets the MRZ
// check: every passport, and the ID cards of the MRZ countries.
func SupportsMRZCheck(country string, t IDType) bool {
	switch t {
	case Passport:
		return true
	case IDCard:
		return slices.Contains(mrzIDCardCountries, country)
	}
	return false
}
