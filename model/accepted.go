package model

import "slices"

// Accepted returns the effective accepted types per country (alpha-3), in IDTypes order:
//   - in region mode, from each country's region choice: "all" is every ID type, "none"
//     nothing, "supported" what the catalog supports there (nil cat: DefaultCatalog); a
//     region missing from the map counts as "supported" (its default), an unknown choice
//     as "none" (Validate refuses it);
//   - in country mode (or any other mode, which Validate refuses), the table itself.
//
// Countries that accept nothing are left out, as Encode leaves them out. The lists are
// fresh copies.
func (a AcceptedIDs) Accepted(cat *Catalog) map[string][]IDType {
	a = canonAccepted(a)
	if a.Mode == ModeRegion {
		return a.fromRegions(cat)
	}
	out := make(map[string][]IDType, len(a.Countries))
	for code, ts := range a.Countries {
		if len(ts) > 0 {
			ts = slices.Clone(ts)
			sortIDTypes(ts)
			out[code] = ts
		}
	}
	return out
}

// CopyRegionsToCountries fills the per-country table from the region choices, for every
// country, and switches to country mode ("Copy regions to countries"). Countries that the
// regions accept nothing from are left out of the table, as Encode leaves them out.
func (a *AcceptedIDs) CopyRegionsToCountries(cat *Catalog) {
	a.Countries = canonAccepted(*a).fromRegions(cat)
	a.Mode = ModeCountry
}

func (a AcceptedIDs) fromRegions(cat *Catalog) map[string][]IDType {
	if cat == nil {
		cat = DefaultCatalog()
	}
	out := make(map[string][]IDType, len(countryTable))
	for _, c := range countryTable {
		choice, ok := a.Regions[c.Region]
		if !ok {
			choice = RegionSupported
		}
		var ts []IDType
		switch choice {
		case RegionAll:
			ts = IDTypes()
		case RegionSupported:
			ts = cat.Supported(c.Alpha3)
		}
		if len(ts) > 0 {
			out[c.Alpha3] = ts
		}
	}
	return out
}
