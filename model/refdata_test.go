package model

import (
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/language"
)

func TestCountries(t *testing.T) {
	cs := Countries()
	if len(cs) != 250 {
		t.Fatalf("got %d countries, want the 249 of ISO 3166-1 plus XKX", len(cs))
	}
	for _, code := range []string{"DEU", "USA", "CHN", "XKX", "ATA", "NLD"} {
		if _, ok := CountryByAlpha3(code); !ok {
			t.Errorf("%s missing", code)
		}
	}
	if c, _ := CountryByAlpha3("deu"); c.Name != "Germany" || c.Alpha2 != "DE" || c.Region != Europe {
		t.Errorf("deu = %+v, want Germany/DE/EUROPE (lookup is case-insensitive)", c)
	}
	if c, _ := CountryByAlpha3("BOL"); c.Name != "Bolivia" {
		t.Errorf("BOL is named %q, want the common name Bolivia", c.Name)
	}
	if _, ok := CountryByAlpha3("XYZ"); ok {
		t.Error("XYZ found")
	}
	if !slices.IsSortedFunc(cs, func(a, b Country) int { return strings.Compare(a.Alpha3, b.Alpha3) }) {
		t.Error("countries not in alpha-3 order")
	}
}

// The generated regions must agree with golang.org/x/text/language, the source the spec
// names; this catches a stale data file after a dependency update.
func TestCountryRegionsMatchXText(t *testing.T) {
	conts := map[Region]string{Africa: "002", Americas: "019", Asia: "142", Europe: "150", Oceania: "009"}
	for _, c := range Countries() {
		r := language.MustParseRegion(c.Alpha2)
		cont := language.MustParseRegion(conts[c.Region])
		if !cont.Contains(r) && c.Alpha3 != "ATA" {
			t.Errorf("%s (%s) is filed under %s, which x/text says does not contain it", c.Alpha3, c.Name, c.Region)
		}
	}
	if c, _ := CountryByAlpha3("ATA"); c.Region != Oceania {
		t.Errorf("Antarctica in %s, want OCEANIA", c.Region)
	}
	total := 0
	for _, r := range Regions() {
		n := len(CountriesIn(r))
		if n == 0 {
			t.Errorf("region %s is empty", r)
		}
		total += n
	}
	if total != 250 {
		t.Errorf("regions hold %d countries, want 250", total)
	}
}

func TestLocales(t *testing.T) {
	ls := Locales()
	if len(ls) != 39 {
		t.Fatalf("got %d locales, want 39", len(ls))
	}
	roots := map[string]string{"en-GB": "en", "pt-BR": "pt", "es-MX": "es", "zh-CN": "", "de": ""}
	for code, root := range roots {
		l, ok := LocaleByCode(code)
		if !ok || l.Root != root {
			t.Errorf("LocaleByCode(%q) = %+v, %v; want root %q", code, l, ok, root)
		}
		if root != "" {
			if _, ok := LocaleByCode(root); !ok {
				t.Errorf("root %q of %s is not a locale", root, code)
			}
		}
	}
	for in, want := range map[string]string{"pt_br": "pt-BR", "EN_gb": "en-GB", "DE": "de", " zh-cn ": "zh-CN", "xx_yy": "xx-YY"} {
		if got := NormalizeLocale(in); got != want {
			t.Errorf("NormalizeLocale(%q) = %q, want %q", in, got, want)
		}
	}
	if LanguageName("") != "English (US)" || LanguageName("pt_BR") != "Portuguese (Brazil)" {
		t.Error("LanguageName does not name the default or a normalised code")
	}
}

func TestMRZCountries(t *testing.T) {
	mrz := MRZCountries()
	if len(mrz) != 45 {
		t.Fatalf("got %d MRZ countries, want 45", len(mrz))
	}
	for _, code := range mrz {
		if _, ok := CountryByAlpha3(code); !ok {
			t.Errorf("MRZ country %s is not a country", code)
		}
	}
	if !SupportsMRZCheck("USA", Passport) || SupportsMRZCheck("USA", IDCard) || !SupportsMRZCheck("DEU", IDCard) || SupportsMRZCheck("DEU", DrivingLicense) {
		t.Error("SupportsMRZCheck: passports everywhere, ID cards of the listed countries only")
	}
}

func TestDefaultCatalog(t *testing.T) {
	cat := DefaultCatalog()
	if len(cat.Countries) != 250 {
		t.Fatalf("default catalog covers %d countries, want 250", len(cat.Countries))
	}
	want3 := []IDType{Passport, DrivingLicense, IDCard}
	for code := range cat.Countries {
		got := cat.Supported(code)
		want := want3
		if code == "USA" || code == "CHN" {
			want = IDTypes()
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s supports %v, want %v", code, got, want)
		}
	}
	if !cat.Countries["NLD"][IDCard].BackSide || cat.Countries["NLD"][Passport].BackSide {
		t.Error("backSide: ID cards have a back side to capture, passports not")
	}
}

func TestParseCatalog(t *testing.T) {
	good := `{"timestamp": "2019-03-01T14:13:38.938Z", "supportedIdTypes": [
	  {"countryCode": "NLD", "countryName": "Netherlands", "idTypes": [
	    {"idType": "ID_CARD", "acquisitionConfig": {"backSide": true}},
	    {"idType": "PASSPORT", "acquisitionConfig": {"backSide": false}}]},
	  {"countryCode": "XKX", "countryName": "Kosovo", "idTypes": []}]}`
	cat, err := ParseCatalog([]byte(good))
	if err != nil {
		t.Fatal(err)
	}
	if !cat.Supports("NLD", IDCard) || cat.Supports("NLD", Visa) || !cat.Countries["NLD"][IDCard].BackSide {
		t.Errorf("parsed %+v", cat.Countries["NLD"])
	}
	if _, ok := cat.Countries["XKX"]; !ok {
		t.Error("XKX with no types dropped")
	}

	bad := []struct{ doc, path, words string }{
		{`not json`, "catalog", "invalid JSON at line 1, column 2"},
		{`[]`, "catalog", "must be an object"},
		{`{"timestamp": "2019-03-01T14:13:38.938Z"}`, "supportedIdTypes", "missing"},
		{`{"supportedIdTypes": [{"countryCode": "DEU", "idTypes": [{"idType": "PASSPORT"}]}]}`, "timestamp", "missing"},
		{`{"timestamp": "yesterday", "supportedIdTypes": [{"countryCode": "DEU", "idTypes": []}]}`, "timestamp", `"yesterday" is not a date and time: use RFC 3339`},
		{`{"timestamp": "2019-03-01T14:13:38.938Z", "supportedIdTypes": []}`, "supportedIdTypes", "empty"},
		{`{"timestamp": "2019-03-01T14:13:38.938Z", "supportedIdTypes": [], "extra": 1}`, "extra", "unknown field"},
		// Only countries with no type: it supports nothing, and would encode as [] (found by
		// FuzzParseCatalog: it was taken, and its own encoding refused).
		{`{"timestamp": "2019-03-01T14:13:38.938Z", "supportedIdTypes": [{"countryCode": "DEU", "idTypes": []}, {"countryCode": "NLD", "idTypes": []}]}`,
			"supportedIdTypes", "empty: a catalog lists the supported ID types of at least one country (every country here has none)"},
		{`{"timestamp": "2019-03-01T14:13:38.938Z", "timestamp": "2019-03-01T14:13:38.938Z", "supportedIdTypes": []}`, "supportedIdTypes", "empty"},
		{`{"timestamp": "2019-03-01T14:13:38.938Z", "extra": 1, "supportedIdTypes": [{"countryCode": "DEU", "idTypes": []}]}`, "extra", "unknown field"},
		{`{"timestamp": "2019-03-01T14:13:38.938Z", "supportedIdTypes": [{"countryCode": "ZZZ", "idTypes": []}]}`, "supportedIdTypes[0].countryCode", `unknown country "ZZZ"`},
		{`{"timestamp": "2019-03-01T14:13:38.938Z", "supportedIdTypes": [{"countryCode": "DEU", "idTypes": []}, {"countryCode": "deu", "idTypes": []}]}`,
			"supportedIdTypes[1].countryCode", "DEU is listed twice (also at [0])"},
		{`{"timestamp": "2019-03-01T14:13:38.938Z", "supportedIdTypes": [{"countryCode": "DEU", "idTypes": [{"idType": "RESIDENCE_PERMIT"}]}]}`,
			"supportedIdTypes[0].idTypes[0].idType", `unknown ID type "RESIDENCE_PERMIT"`},
		{`{"timestamp": "2019-03-01T14:13:38.938Z", "supportedIdTypes": [{"countryCode": "DEU", "idTypes": [{"idType": "VISA"}, {"idType": "VISA"}]}]}`,
			"supportedIdTypes[0].idTypes[1].idType", "VISA is listed twice (also at [0])"},
		{`{"timestamp": "2019-03-01T14:13:38.938Z", "supportedIdTypes": [{"countryCode": "DEU", "idTypes": [{"idType": "VISA", "acquisitionConfig": {"backside": true}}]}]}`,
			"supportedIdTypes[0].idTypes[0].acquisitionConfig.backside", `unknown field (did you mean "backSide"?)`},
		{`{"timestamp": "2019-03-01T14:13:38.938Z", "supportedIdTypes": [{"countryCode": "DEU", "idTypes": [{"idType": "VISA", "acquisitionConfig": {"backSide": "yes"}}]}]}`,
			"supportedIdTypes[0].idTypes[0].acquisitionConfig.backSide", `must be true or false, got "yes"`},
		{`{"timestamp": "2019-03-01T14:13:38.938Z", "supportedIdTypes": [{"countryCode": "DEU"}]}`, "supportedIdTypes[0].idTypes", "missing"},
		{`{"timestamp": "2019-03-01T14:13:38.938Z", "supportedIdTypes": [{"idTypes": []}]}`, "supportedIdTypes[0].countryCode", "missing"},
		{`{"timestamp": "2019-03-01T14:13:38.938Z", "supportedIdTypes": [{"countryCode": "DEU", "idTypes": [{}]}]}`, "supportedIdTypes[0].idTypes[0].idType", "missing"},
		{"{\"timestamp\": \"2019-03-01T14:13:38.938Z\",\n \"supportedIdTypes\": [{\"countryCode\": \"DEU\", \"idTypes\": [}]}",
			"supportedIdTypes[0].idTypes", "invalid JSON at line 2, column"},
		// The first country's mistake comes before the second's.
		{`{"timestamp": "2019-03-01T14:13:38.938Z", "supportedIdTypes": [{"countryCode": "DEU", "idTypes": [{"idType": "X"}]}, {"countryCode": "AAA", "idTypes": []}]}`,
			"supportedIdTypes[0].idTypes[0].idType", `unknown ID type "X"`},
		{`{"timestamp": "2019-03-01T14:13:38.938Z", "supportedIdTypes": [{"countryCode": "DEU\u001b[2J", "idTypes": []}]}`,
			"supportedIdTypes[0].countryCode", `unknown country "DEU\x1b[2J"`},
	}
	for _, tt := range bad {
		_, err := ParseCatalog([]byte(tt.doc))
		vs, ok := err.(Violations)
		if !ok || len(vs) == 0 || vs[0].Path != tt.path || !strings.Contains(vs[0].Message, tt.words) {
			t.Errorf("ParseCatalog(%s) = %v, want first %s: …%s…", tt.doc, err, tt.path, tt.words)
		}
	}
}

// A hopeless file lists a bounded number of mistakes, the first ones first.
func TestParseCatalogBounded(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"timestamp": "2019-03-01T14:13:38.938Z", "supportedIdTypes": [`)
	for i := range 5_000 {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(`{"countryCode": "ZZZ", "idTypes": []}`)
	}
	b.WriteString("]}")
	_, err := ParseCatalog([]byte(b.String()))
	vs, _ := err.(Violations)
	if len(vs) != MaxViolations+1 || vs[0].Path != "supportedIdTypes[0].countryCode" {
		t.Fatalf("%d violations, first %v; want %d, the first country's first", len(vs), vs[0], MaxViolations+1)
	}
	if last := vs[len(vs)-1]; last.Path != "catalog" || !strings.Contains(last.Message, "and 4,000 more") {
		t.Errorf("last violation %v does not count the rest", last)
	}
}

func TestEncodeVendorRoundTrip(t *testing.T) {
	cat := DefaultCatalog()
	out := EncodeVendor("supportedIdTypes", cat.Timestamp, cat.Types(), cat)
	again, err := ParseCatalog(out)
	if err != nil {
		t.Fatal(err)
	}
	if string(EncodeVendor("supportedIdTypes", again.Timestamp, again.Types(), again)) != string(out) {
		t.Error("vendor encoding is not stable across a round trip")
	}
	acc := EncodeVendor("acceptedIdTypes", "t", map[string][]IDType{"DEU": {IDCard, Passport}, "FRA": {}}, cat)
	s := string(acc)
	if !strings.Contains(s, `"acceptedIdTypes"`) || !strings.Contains(s, `"countryName": "Germany"`) || strings.Contains(s, "FRA") {
		t.Errorf("accepted encoding:\n%s", s)
	}
	if strings.Index(s, "PASSPORT") > strings.Index(s, "ID_CARD") {
		t.Error("ID types not in display order (PASSPORT first)")
	}
}

func TestViolationsSortNumerically(t *testing.T) {
	vs := Violations{{Path: "documents[10].code"}, {Path: "general.callbackUrl"}, {Path: "documents[2].code", Message: "first"}, {Path: "documents[2].code", Message: "second"}, {Path: "acceptedIds.countries.DEU[1]"}}
	vs.Sort()
	var got []string
	for _, v := range vs {
		got = append(got, v.Path+v.Message)
	}
	want := []string{"acceptedIds.countries.DEU[1]", "documents[2].codefirst", "documents[2].codesecond", "documents[10].code", "general.callbackUrl"}
	if !slices.Equal(got, want) {
		t.Errorf("sorted %v, want %v", got, want)
	}
}
