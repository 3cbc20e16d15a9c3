package model

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func TestAccepted(t *testing.T) {
	cat := DefaultCatalog()
	a := Default().AcceptedIDs
	a.Regions[Europe] = RegionAll
	a.Regions[Africa] = RegionNone
	a.Countries = map[string][]IDType{"NGA": {Passport}} // kept in region mode, not used

	got := a.Accepted(cat)
	if want := IDTypes(); !slices.Equal(got["DEU"], want) {
		t.Errorf("Europe all: DEU = %v, want %v", got["DEU"], want)
	}
	if _, ok := got["NGA"]; ok {
		t.Errorf("Africa none: NGA accepts %v", got["NGA"])
	}
	if want := cat.Supported("USA"); !slices.Equal(got["USA"], want) || !slices.Contains(want, Visa) {
		t.Errorf("Americas supported: USA = %v, want the catalog's %v", got["USA"], want)
	}
	if want := cat.Supported("BRA"); !slices.Equal(got["BRA"], want) {
		t.Errorf("BRA = %v, want %v", got["BRA"], want)
	}
	if _, ok := got["XKX"]; !ok {
		t.Error("Kosovo missing")
	}
	wantCount := len(Countries()) - len(CountriesIn(Africa))
	if len(got) != wantCount {
		t.Errorf("%d countries accept something, want %d", len(got), wantCount)
	}

	// Country mode: the table, in IDTypes order.
	a.Mode = ModeCountry
	a.Countries = map[string][]IDType{"DEU": {IDCard, Passport}, "FRA": {}}
	got = a.Accepted(nil)
	if len(got) != 1 || !slices.Equal(got["DEU"], []IDType{Passport, IDCard}) {
		t.Errorf("country mode: %v", got)
	}
	got["DEU"][0] = Visa
	if a.Countries["DEU"][1] != Passport {
		t.Error("Accepted returned the table's own slices")
	}
}

func TestCopyRegionsToCountries(t *testing.T) {
	cat := DefaultCatalog()
	a := Default().AcceptedIDs
	a.Regions[Oceania] = RegionNone
	a.Regions[Asia] = RegionAll
	want := a.Accepted(cat)
	a.CopyRegionsToCountries(cat)
	if a.Mode != ModeCountry {
		t.Fatalf("mode = %s", a.Mode)
	}
	if !mapsEqual(a.Countries, want) || !mapsEqual(a.Accepted(cat), want) {
		t.Fatal("the table does not accept what the regions accepted")
	}
	if _, ok := a.Countries["AUS"]; ok {
		t.Error("a country accepting nothing is in the table (Encode leaves it out)")
	}
	if !slices.Equal(a.Countries["CHN"], IDTypes()) {
		t.Errorf("CHN = %v", a.Countries["CHN"])
	}
	// The copied table survives a round trip through the document.
	s := Default()
	s.AcceptedIDs = a
	if back := mustDecode(t, string(Encode(s))); !mapsEqual(back.AcceptedIDs.Countries, a.Countries) {
		t.Error("round trip changed the table")
	}
}

func mapsEqual(a, b map[string][]IDType) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if !slices.Equal(v, b[k]) {
			return false
		}
	}
	return true
}

// TestAcceptedEncodeVendor: export --accepted-id-types stamps the file with the
// revision's time as the vendor writes times, in UTC, and writes no stamp without one.
func TestAcceptedEncodeVendor(t *testing.T) {
	cat := DefaultCatalog()
	a := Default().AcceptedIDs
	saved := time.Date(2026, 3, 1, 15, 13, 38, 938_000_000, time.FixedZone("CET", 3600))
	got := string(a.EncodeVendor(cat, saved))
	if want := string(EncodeVendor("acceptedIdTypes", "2026-03-01T14:13:38.938Z", a.Accepted(cat), cat)); got != want {
		t.Errorf("stamped:\n%.300s\nwant:\n%.300s", got, want)
	}
	got = string(a.EncodeVendor(cat, time.Time{}))
	if want := string(EncodeVendor("acceptedIdTypes", "", a.Accepted(cat), cat)); got != want {
		t.Errorf("unstamped:\n%.300s\nwant:\n%.300s", got, want)
	}
	if !strings.Contains(string(a.EncodeVendor(cat, saved)), `"acceptedIdTypes"`) {
		t.Error("no acceptedIdTypes key")
	}
}
