package model

import "slices"

// The bulk edits of the per-country table (PRODUCT.md §1.4): the Accepted IDs pane
// applies one of them to the marked countries as one undo step. Each keeps the table
// canonical: types in IDTypes order, countries that accept nothing left out (as Encode
// leaves them out), so an edit and its undo compare equal.

// CountryAccepts reports whether the per-country table accepts type t from the country.
func (a AcceptedIDs) CountryAccepts(code string, t IDType) bool {
	return slices.Contains(a.Countries[code], t)
}

// SetCountryTypes sets what each country accepts to types(code) (nil: nothing).
func (a *AcceptedIDs) SetCountryTypes(codes []string, types func(code string) []IDType) {
	if a.Countries == nil {
		a.Countries = map[string][]IDType{}
	}
	for _, code := range codes {
		ts := canonTypes(types(code))
		if len(ts) == 0 {
			delete(a.Countries, code)
			continue
		}
		a.Countries[code] = ts
	}
}

// SetCountryType turns type t on or off for each country, leaving its other types.
func (a *AcceptedIDs) SetCountryType(codes []string, t IDType, on bool) {
	a.SetCountryTypes(codes, func(code string) []IDType {
		cur := a.Countries[code]
		if slices.Contains(cur, t) == on {
			return cur
		}
		if on {
			return append(slices.Clone(cur), t)
		}
		return slices.DeleteFunc(slices.Clone(cur), func(x IDType) bool { return x == t })
	})
}

// canonTypes returns ts in IDTypes order without duplicates (a fresh slice).
func canonTypes(ts []IDType) []IDType {
	var out []IDType
	for _, t := range IDTypes() {
		if slices.Contains(ts, t) {
			out = append(out, t)
		}
	}
	return out
}
