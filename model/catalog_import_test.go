package model

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// catalogWith is the default catalog with VISA added for the given countries and
// DRIVING_LICENSE dropped for others.
func catalogWith(t *testing.T, visa, noLicence []string) *Catalog {
	t.Helper()
	cat := DefaultCatalog()
	cat.Timestamp = "2019-03-01T14:13:38.938Z"
	for _, c := range visa {
		cat.Countries[c][Visa] = CatalogEntry{BackSide: true}
	}
	for _, c := range noLicence {
		delete(cat.Countries[c], DrivingLicense)
	}
	again, err := ParseCatalog(cat.Encode())
	if err != nil {
		t.Fatal(err)
	}
	return again
}

func TestDiffCatalogs(t *testing.T) {
	old, cat := DefaultCatalog(), catalogWith(t, []string{"NLD"}, []string{"DEU"})
	got := DiffCatalogs(old, cat)
	if len(got) != 2 || got[0].Country != "DEU" || got[1].Country != "NLD" {
		t.Fatalf("changes %+v, want DEU and NLD", got)
	}
	lines := append(got[0].Lines(), got[1].Lines()...)
	want := []string{
		"catalog.DEU: PASSPORT, DRIVING_LICENSE, ID_CARD → PASSPORT, ID_CARD",
		"catalog.DEU.backSide: DRIVING_LICENSE, ID_CARD → ID_CARD",
		"catalog.NLD: PASSPORT, DRIVING_LICENSE, ID_CARD → PASSPORT, DRIVING_LICENSE, ID_CARD, VISA",
		"catalog.NLD.backSide: DRIVING_LICENSE, ID_CARD → DRIVING_LICENSE, ID_CARD, VISA",
	}
	if !slices.Equal(lines, want) {
		t.Errorf("lines\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	if len(DiffCatalogs(old, DefaultCatalog())) != 0 {
		t.Error("equal catalogs differ")
	}
}

func TestImportCatalog(t *testing.T) {
	old, cat := DefaultCatalog(), catalogWith(t, []string{"NLD", "FRA"}, []string{"DEU"})
	country := func(auto bool) Settings {
		s := Default()
		s.AcceptedIDs.Mode = ModeCountry
		s.AcceptedIDs.AutoAcceptNew = auto
		s.AcceptedIDs.Countries = map[string][]IDType{"NLD": {IDCard}, "DEU": {Passport, DrivingLicense}}
		return s
	}

	t.Run("country mode, autoAcceptNew on", func(t *testing.T) {
		s := country(true)
		ci := ImportCatalog(s, old, cat)
		got := ci.Settings.AcceptedIDs.Countries
		if !slices.Equal(got["NLD"], []IDType{IDCard, Visa}) || !slices.Equal(got["FRA"], []IDType{Visa}) {
			t.Errorf("newly supported VISA not accepted: NLD %v, FRA %v", got["NLD"], got["FRA"])
		}
		if !slices.Equal(got["DEU"], []IDType{Passport, DrivingLicense}) {
			t.Errorf("DEU %v: a type the catalog drops stays accepted", got["DEU"])
		}
		if !slices.Equal(s.AcceptedIDs.Countries["NLD"], []IDType{IDCard}) {
			t.Error("ImportCatalog changed the settings it was given")
		}
		wantTypes(t, "accepted", ci.Accepted, "FRA VISA", "NLD VISA")
		wantTypes(t, "still accepted", ci.StillAccepted, "DEU DRIVING_LICENSE")
		wantTypes(t, "not accepted", ci.NotAccepted)
		notes := strings.Join(ci.Notes(), "\n")
		for _, w := range []string{"autoAcceptNew is on: 2 newly supported ID types now accepted: FRA VISA, NLD VISA",
			"warning: 1 ID type still accepted though the new catalog no longer supports it: DEU DRIVING_LICENSE"} {
			if !strings.Contains(notes, w) {
				t.Errorf("notes lack %q:\n%s", w, notes)
			}
		}
		if d := Diff(s, ci.Settings); len(d) != 2 {
			t.Errorf("diff %v, want FRA and NLD", d)
		}
	})

	t.Run("country mode, autoAcceptNew off", func(t *testing.T) {
		s := country(false)
		ci := ImportCatalog(s, old, cat)
		if d := Diff(s, ci.Settings); len(d) != 0 {
			t.Errorf("autoAcceptNew off changed %v", d)
		}
		wantTypes(t, "not accepted", ci.NotAccepted, "FRA VISA", "NLD VISA")
		wantTypes(t, "accepted", ci.Accepted)
		if notes := strings.Join(ci.Notes(), "\n"); !strings.Contains(notes, "2 newly supported ID types not accepted (autoAcceptNew is off") {
			t.Errorf("notes:\n%s", notes)
		}
	})

	t.Run("region mode", func(t *testing.T) {
		s := Default() // every region supported, autoAcceptNew on
		s.AcceptedIDs.Regions[Africa] = RegionNone
		withGuinea := catalogWith(t, []string{"NLD", "GIN"}, []string{"DEU"})
		ci := ImportCatalog(s, old, withGuinea)
		if d := Diff(s, ci.Settings); len(d) != 0 {
			t.Errorf("region mode changed the settings: %v", d)
		}
		wantTypes(t, "accepted", ci.Accepted, "NLD VISA")
		wantTypes(t, "not accepted", ci.NotAccepted, "GIN VISA")
		wantTypes(t, "withdrawn", ci.Withdrawn, "DEU DRIVING_LICENSE")
		notes := strings.Join(ci.Notes(), "\n")
		for _, w := range []string{"per region: regions set to supported follow the catalog: 1 newly supported ID type now accepted: NLD VISA",
			"(their region accepts none): GIN VISA", "1 ID type no longer accepted"} {
			if !strings.Contains(notes, w) {
				t.Errorf("notes lack %q:\n%s", w, notes)
			}
		}
	})
}

func wantTypes(t *testing.T, what string, got []CountryType, want ...string) {
	t.Helper()
	var s []string
	for _, ct := range got {
		s = append(s, ct.String())
	}
	if !slices.Equal(s, want) {
		t.Errorf("%s: %q, want %q", what, s, want)
	}
}

func TestReadCatalogFile(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "vendor-2019.json")
	if err := os.WriteFile(good, catalogWith(t, []string{"NLD"}, nil).Encode(), 0o600); err != nil {
		t.Fatal(err)
	}
	cat, err := ReadCatalogFile(good)
	if err != nil {
		t.Fatal(err)
	}
	if cat.Source != "vendor-2019.json" || !cat.Supports("NLD", Visa) {
		t.Errorf("source %q, NLD VISA %v", cat.Source, cat.Supports("NLD", Visa))
	}
	cat.Revision = 7
	if got := cat.Describe(); got != "catalog of 2019-03-01 from vendor-2019.json, imported in revision 7" {
		t.Errorf("Describe = %q", got)
	}
	if got := DefaultCatalog().Describe(); got != "embedded default catalog" {
		t.Errorf("default Describe = %q", got)
	}
	cat.Source = "evil\x1b[2J.json"
	if got := cat.Describe(); !strings.Contains(got, `"evil\x1b[2J.json"`) {
		t.Errorf("an unprintable name is not escaped: %q", got)
	}

	// Too large: refused by its size, before a byte is parsed.
	big := filepath.Join(dir, "big.json")
	if err := os.WriteFile(big, bytes.Repeat([]byte(" "), MaxCatalogBytes+1), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = ReadCatalogFile(big)
	var vs Violations
	if !errors.As(err, &vs) || vs[0].Path != "catalog" || vs[0].Message != "4194305 bytes: a catalog is at most 4194304 bytes (4 MiB)" {
		t.Errorf("large file: %v", err)
	}
	if _, err := ReadCatalogFile(filepath.Join(dir, "missing.json")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
}

func TestSetCountryType(t *testing.T) {
	a := Default().AcceptedIDs
	a.Countries = map[string][]IDType{"DEU": {Passport, IDCard}, "FRA": {IDCard}}
	a.SetCountryType([]string{"DEU", "FRA", "ITA"}, Passport, true)
	if !slices.Equal(a.Countries["FRA"], []IDType{Passport, IDCard}) || !slices.Equal(a.Countries["ITA"], []IDType{Passport}) {
		t.Errorf("on: %v", a.Countries)
	}
	a.SetCountryType([]string{"DEU", "ITA"}, Passport, false)
	if !slices.Equal(a.Countries["DEU"], []IDType{IDCard}) {
		t.Errorf("off: DEU %v", a.Countries["DEU"])
	}
	if _, ok := a.Countries["ITA"]; ok {
		t.Error("a country that accepts nothing stays in the table")
	}
	a.SetCountryTypes([]string{"DEU"}, func(string) []IDType { return []IDType{Visa, Passport, Visa} })
	if !slices.Equal(a.Countries["DEU"], []IDType{Passport, Visa}) {
		t.Errorf("not canonical: %v", a.Countries["DEU"])
	}
	var empty AcceptedIDs
	empty.SetCountryType([]string{"DEU"}, Visa, true)
	if !empty.CountryAccepts("DEU", Visa) {
		t.Error("a nil table gains nothing")
	}
}

func TestEUMembers(t *testing.T) {
	n := 0
	for _, c := range Countries() {
		// Cyprus is in Asia in UN M49: the EU members are not all in "europe".
		if EUMember(c.Alpha3) {
			n++
		}
	}
	if n != 27 || EUMember("GBR") || !EUMember("HRV") || !EUMember("CYP") {
		t.Errorf("%d EU members", n)
	}
}

// FuzzParseCatalog: no input panics ParseCatalog, a refusal is a non-empty Violations
// whose every line names a path and a rule, what it accepts holds only known countries
// and ID types, and it encodes canonically (Encode(Parse(Encode(c))) == Encode(c)).
func FuzzParseCatalog(f *testing.F) {
	f.Add(DefaultCatalog().Encode())
	f.Add([]byte(`{"timestamp": "2019-03-01T14:13:38.938Z", "supportedIdTypes": [{"countryCode": "nld", "countryName": "x", "idTypes": [{"idType": "VISA"}]}]}`))
	f.Add([]byte(`{"timestamp": "x", "supportedIdTypes": [{"countryCode": 1, "idTypes": [{"idType": "VISA"}, {"idType": "VISA"}]}]}`))
	for _, s := range []string{
		`{"supportedIdTypes": [{"countryCode": "xkx", "idTypes": [{"idType": "passport", "acquisitionConfig": {"backSide": true}}]}]}`,
		`{"supportedIdTypes": [{"countryCode": "DEU", "idTypes": []}, {"countryCode": "DEU", "idTypes": []}]}`,
		`{"supportedIdTypes": [{"countryCode": "ZZZ", "idTypes": [{"idType": "BUS_PASS"}]}]}`,
		`{"supportedIdTypes": null}`, `{"supportedIdTypes": [], "extra": 1}`, `[]`, `null`, ``, `{`, "\xff\xfe",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		cat, err := ParseCatalog(data)
		if err != nil {
			vs, ok := err.(Violations)
			if !ok || len(vs) == 0 {
				t.Fatalf("error is not a non-empty Violations: %#v", err)
			}
			for _, v := range vs {
				if v.Path == "" || strings.TrimSpace(v.Message) == "" {
					t.Fatalf("a violation without its path or rule: %+v", v)
				}
			}
			return
		}
		for code, types := range cat.Countries {
			if _, ok := CountryByAlpha3(code); !ok {
				t.Fatalf("accepted unknown country %q", code)
			}
			for ty := range types {
				if !slices.Contains(IDTypes(), ty) {
					t.Fatalf("accepted unknown ID type %q for %s", ty, code)
				}
			}
		}
		enc := cat.Encode()
		again, err := ParseCatalog(enc)
		if err != nil {
			t.Fatalf("Parse(Encode(c)) failed: %v\n%s", err, enc)
		}
		if !bytes.Equal(again.Encode(), enc) {
			t.Fatalf("encoding not stable:\n%s", enc)
		}
	})
}
