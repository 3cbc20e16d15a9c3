package model

import "slices"

// Retention limits of the data settings, in days.
const (
	MinPurgeAfterDays = 1
	MaxPurgeAfterDays = 3650
)

func (v *validator) acceptedIDs(a AcceptedIDs, cat *Catalog) {
	if a.Mode != ModeRegion && a.Mode != ModeCountry {
		v.errorf("acceptedIds.mode", "%q is not a mode: use region or country", shorten(string(a.Mode)))
	}
	for _, r := range Regions() {
		ch, ok := a.Regions[r]
		switch {
		case !ok:
			v.errorf(keyPath("acceptedIds.regions", string(r)), "missing: choose all, none or supported")
		case !slices.Contains(RegionChoices(), ch):
			v.errorf(keyPath("acceptedIds.regions", string(r)), "%q is not a choice: use all, none or supported", shorten(string(ch)))
		}
	}
	for r := range a.Regions {
		if !slices.Contains(Regions(), r) {
			v.errorf(keyPath("acceptedIds.regions", string(r)), "unknown region %q: use AFRICA, AMERICAS, ASIA, EUROPE or OCEANIA", shorten(string(r)))
		}
	}
	// The per-country table is kept in region mode too (switching modes loses nothing),
	// so it must always be sound. But the catalog warnings only matter when the table is
	// in force: in region mode it is inert, and warning about it would be noise; the
	// warnings appear as soon as the user switches to country mode.
	warn := a.Mode == ModeCountry
	for code, types := range a.Countries {
		_, known := countryIndex[code]
		if !known {
			path := keyPath("acceptedIds.countries", code)
			if c, ok := CountryByAlpha3(code); ok {
				v.errorf(path, "country code %q must be upper-case: use %q", shorten(code), c.Alpha3)
			} else {
				v.errorf(path, "unknown country %q: use an ISO 3166-1 alpha-3 code or XKX", shorten(code))
			}
		}
		supported := cat.Countries[code] // once per country, not once per type
		var seen [4]int                  // index+1 of each ID type in IDTypes order, 0 when not seen yet
		for i, t := range types {
			k := idTypeIndex(t)
			switch {
			case k < 0:
				v.errorf(indexPath(keyPath("acceptedIds.countries", code), i), "unknown ID type %q: use %s", shorten(string(t)), idTypeList())
			case seen[k] != 0:
				v.errorf(indexPath(keyPath("acceptedIds.countries", code), i), "%s is listed twice (also at [%d])", t, seen[k]-1)
			default:
				seen[k] = i + 1
				if _, ok := supported[t]; warn && known && !ok {
					v.warnf(indexPath(keyPath("acceptedIds.countries", code), i), "%s is not supported by the catalog for %s; accepting it anyway", t, code)
				}
			}
		}
	}
}

// idTypeIndex is the position of t in IDTypes, or -1 for an unknown type.
func idTypeIndex(t IDType) int {
	switch t {
	case Passport:
		return 0
	case DrivingLicense:
		return 1
	case IDCard:
		return 2
	case Visa:
		return 3
	}
	return -1
}

func (v *validator) dataSettings(d DataSettings) {
	if p := d.Retention.PurgeAfterDays; p != nil {
		if m := PurgeAfterDaysProblem(*p, "null"); m != "" {
			v.errorf("dataSettings.retention.purgeAfterDays", "%s", m)
		}
	}
}
