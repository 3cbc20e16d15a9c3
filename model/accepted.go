package model

import (
	"slices"
	"time"
)

// EncodeVendor writes what a revision accepts under cat in the vendor's acceptedIdTypes
// shape (Accepted, then EncodeVendor), stamped with saved, when the revision was saved,
// as the vendor writes times ("2019-03-01T14:13:38.938Z"). A zero saved writes no stamp:
// the file is still comparable with what the live portal reports.
func (a AcceptedIDs) EncodeVendor(cat *Catalog, saved time.Time) []byte {
	stamp := ""
	if !saved.IsZero() {
		stamp = saved.UTC().Format("2006-01-02T15:04:05.000Z")
	}
	return EncodeVendor("acceptedIdTypes", stamp, a.Accepted(cat), cat)
}

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
