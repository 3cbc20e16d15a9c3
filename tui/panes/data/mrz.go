package data

import (
	"slices"
	"strings"

	"idvset/model"
	"idvset/tui/components/picker"
)

// mrzItems are the MRZ ID-card countries for the picker: name, alpha-3 code (typing it
// exactly puts the country first: "ken" finds Kenya), region as the hint, and the alpha-2
// code as a keyword.
func mrzItems() []picker.Item {
	var items []picker.Item
	for _, code := range model.MRZCountries() {
		c, ok := model.CountryByAlpha3(code)
		if !ok {
			continue // the reference data has every MRZ country (tested)
		}
		region := string(c.Region)
		items = append(items, picker.Item{Title: c.Name, Code: c.Alpha3,
			Hint: strings.ToUpper(region[:1]) + strings.ToLower(region[1:]), Keywords: []string{c.Alpha2}})
	}
	slices.SortFunc(items, func(a, b picker.Item) int { return strings.Compare(a.Title, b.Title) })
	return items
}

// notCovered names the countries a query finds that are not MRZ ID-card countries, so
// "united states" says it is not in the list rather than only "no match": at most max,
// the best first (the name or a code equal to the query, then a name that starts with
// it, then a word of the name).
func notCovered(query string, max int) []model.Country {
	q := strings.ToLower(strings.TrimSpace(query))
	if q == "" {
		return nil
	}
	mrz := model.MRZCountries()
	var tiers [3][]model.Country
	for _, c := range model.Countries() {
		if slices.Contains(mrz, c.Alpha3) {
			continue
		}
		name := strings.ToLower(c.Name)
		switch {
		case name == q || strings.EqualFold(c.Alpha3, q) || strings.EqualFold(c.Alpha2, q):
			tiers[0] = append(tiers[0], c)
		case strings.HasPrefix(name, q):
			tiers[1] = append(tiers[1], c)
		case strings.Contains(name, " "+q) || strings.Contains(name, "("+q):
			tiers[2] = append(tiers[2], c)
		}
	}
	out := slices.Concat(tiers[0], tiers[1], tiers[2])
	return out[:min(len(out), max)]
}
