package model

// euMembers are the member states of the European Union (27 since 1 February 2020), by
// alpha-3 code. It is reference data for finding countries, not a setting: the Accepted
// IDs pane lets "eu member" find them, so "the EU countries" is one filter.
var euMembers = map[string]bool{
	"AUT": true, "BEL": true, "BGR": true, "HRV": true, "CYP": true, "CZE": true, "DNK": true,
	"EST": true, "FIN": true, "FRA": true, "DEU": true, "GRC": true, "HUN": true, "IRL": true,
	"ITA": true, "LVA": true, "LTU": true, "LUX": true, "MLT": true, "NLD": true, "POL": true,
	"PRT": true, "ROU": true, "SVK": true, "SVN": true, "ESP": true, "SWE": true,
}

// EUMember reports whether the country (alpha-3) is a member state of the European Union.
func EUMember(alpha3 string) bool { return euMembers[alpha3] }
