package model

import (
	"encoding/base64"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// The spec's §4 example, verbatim, has placeholders where an image's bytes go: Decode
// must refuse "<base64>" and nothing else.
func TestDecodeSpecExampleVerbatim(t *testing.T) {
	_, err := Decode(readTestdata(t, "spec_example.json"), DecodeOptions{})
	want := []string{"branding.locales.de.headerImage.data: not valid base64 (standard alphabet, with padding): illegal base64 data at input byte 0"}
	if got := violationLines(err); !slices.Equal(got, want) {
		t.Fatalf("got %q\nwant %q", got, want)
	}
}

// With a real PNG in place of "<base64>", the example decodes to exactly these settings.
func TestDecodeSpecExample(t *testing.T) {
	pngData := testPNG(t, 12, 4)
	doc := strings.Replace(string(readTestdata(t, "spec_example.json")), "<base64>",
		base64.StdEncoding.EncodeToString(pngData), 1)
	got := mustDecode(t, doc)

	want := Default()
	mt, w, h, _ := CheckImage(pngData)
	_ = mt // the document names its media type; Decode keeps it
	want.Branding.Locales["de"] = BrandScope{
		PrimaryColor: "#112233",
		// The example's sha256 "…" is kept as given, for Validate to report.
		HeaderImage: &Image{MediaType: "image/png", SHA256: "…", Data: pngData, Width: w, Height: h},
	}
	want.AcceptedIDs.Countries["DEU"] = []IDType{Passport, IDCard} // IDTypes order
	want.Documents = []Document{{
		Code: "UTILBILL", Name: "Utility bill", Label: "Utility bill",
		Translations: map[string]string{"de": "Nebenkostenabrechnung"}, Enabled: true,
	}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("decoded:\n%#v\nwant:\n%#v", got, want)
	}
}

func TestDecodeMissingSectionsTakeDefaults(t *testing.T) {
	for _, doc := range []string{`{}`, `{"format": "idvset.settings/v1"}`, "\ufeff{}"} {
		got := mustDecode(t, doc)
		if !reflect.DeepEqual(got, Default()) {
			t.Errorf("%q decoded to %#v, want Default()", doc, got)
		}
	}
	// Missing fields inside a section keep their defaults too.
	got := mustDecode(t, `{"general": {"callbackUrl": "https://a.example/cb"},
		"acceptedIds": {"regions": {"EUROPE": "all"}},
		"dataSettings": {"fields": {"mrzCheck": true}, "retention": {"deleteFraud": true}},
		"documents": [{"code": "X"}]}`)
	want := Default()
	want.General.CallbackURL = "https://a.example/cb"
	want.AcceptedIDs.Regions[Europe] = RegionAll
	want.DataSettings.Fields.MRZCheck = true
	want.DataSettings.Retention.DeleteFraud = true
	want.Documents = []Document{{Code: "X", Translations: map[string]string{}, Enabled: true}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %#v\nwant %#v", got, want)
	}
}

func TestDecodeValues(t *testing.T) {
	s := mustDecode(t, `{"dataSettings": {"retention": {"purgeAfterDays": null}}}`)
	if s.DataSettings.Retention.PurgeAfterDays != nil {
		t.Errorf("purgeAfterDays null: got %d, want nil (keep forever)", *s.DataSettings.Retention.PurgeAfterDays)
	}
	for doc, want := range map[string]int{
		`{"general": {"tokenLifetimeMinutes": 45}}`:                    45,
		`{"general": {"tokenLifetimeMinutes": 45.0}}`:                  45, // a whole number, however written
		`{"general": {"tokenLifetimeMinutes": 4.5e1}}`:                 45,
		`{"general": {"tokenLifetimeMinutes": 4500e-2}}`:               45,
		`{"general": {"tokenLifetimeMinutes": 0.45E+2}}`:               45,
		`{"general": {"tokenLifetimeMinutes": 45.000000000000000000}}`: 45,
		`{"general": {"tokenLifetimeMinutes": -0}}`:                    0,
		`{"general": {"tokenLifetimeMinutes": 0e999999999999}}`:        0,
		`{"general": {"tokenLifetimeMinutes": 9007199254740992}}`:      1 << 53,
		`{"general": {"tokenLifetimeMinutes": -9007199254740992}}`:     -1 << 53,
		`{"general": {"tokenLifetimeMinutes": -3}}`:                    -3, // representable: Validate refuses it
		`{"general": {"tokenLifetimeMinutes": 0}}`:                     0,
	} {
		if got := mustDecode(t, doc).General.TokenLifetimeMinutes; got != want {
			t.Errorf("%s: got %d, want %d", doc, got, want)
		}
	}
}

func TestDecodeNormalises(t *testing.T) {
	s := mustDecode(t, `{
		"client": {"defaultLanguage": "pt_br"},
		"branding": {
			"default": {"primaryColor": "#a1b2c3", "secondaryColor": "#abc"},
			"locales": {"EN_gb": {"secondaryColor": "#0f0f0f"}, "zz": {}}
		},
		"acceptedIds": {
			"regions": {"europe": "none"},
			"countries": {"deu": ["VISA", "ID_CARD", "PASSPORT", "ID_CARD", "FOO", "DRIVING_LICENSE"]}
		},
		"documents": [{"code": "A", "translations": {"es_mx": "x"}}]
	}`)
	check := func(what string, got, want any) {
		t.Helper()
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: got %#v, want %#v", what, got, want)
		}
	}
	check("defaultLanguage", s.Client.DefaultLanguage, "pt-BR")
	check("default colours", []string{s.Branding.Default.PrimaryColor, s.Branding.Default.SecondaryColor}, []string{"#A1B2C3", "#abc"})
	check("locale keys", slices.Sorted(func(yield func(string) bool) {
		for k := range s.Branding.Locales {
			if !yield(k) {
				return
			}
		}
	}), []string{"en-GB", "zz"}) // an unknown locale is kept for Validate to report
	check("locale colour", s.Branding.Locales["en-GB"].SecondaryColor, "#0F0F0F")
	check("region", s.AcceptedIDs.Regions, map[Region]RegionChoice{
		Africa: RegionSupported, Americas: RegionSupported, Asia: RegionSupported, Europe: RegionNone, Oceania: RegionSupported,
	})
	// Sorted stably into IDTypes order; the duplicate and the unknown type stay.
	check("country list", s.AcceptedIDs.Countries, map[string][]IDType{
		"DEU": {Passport, DrivingLicense, IDCard, IDCard, Visa, "FOO"},
	})
	check("translations", s.Documents[0].Translations, map[string]string{"es-MX": "x"})
}

// Normalisation must not turn something wrong into something valid.
func TestDecodeNormalisingHidesNothing(t *testing.T) {
	s := mustDecode(t, `{"branding": {"locales": {"\u212am": {}}},
		"client": {"defaultLanguage": " "},
		"acceptedIds": {"countries": {"\u0131ta": ["PASSPORT"]}}}`)
	if _, ok := s.Branding.Locales["\u212am"]; !ok { // KELVIN SIGN + m is not "km"
		t.Errorf("locale key with a Kelvin sign was normalised: %v", s.Branding.Locales)
	}
	if _, ok := s.AcceptedIDs.Countries["ITA"]; ok { // dotless ı is not "I"
		t.Errorf("country key with a dotless i became ITA")
	}
	if s.Client.DefaultLanguage != " " {
		t.Errorf("blank defaultLanguage became %q", s.Client.DefaultLanguage)
	}
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name string
		doc  string
		want []string
	}{
		{"unknown top-level field", `{"genral": {}}`,
			[]string{`genral: unknown field (did you mean "general"?)`}},
		{"unknown field, case", `{"general": {"callbackURL": ""}}`,
			[]string{`general.callbackURL: unknown field (did you mean "callbackUrl"?)`}},
		{"unknown field, prefix", `{"general": {"tokenLifetime": 30}}`,
			[]string{`general.tokenLifetime: unknown field (did you mean "tokenLifetimeMinutes"?)`}},
		{"unknown field, no close match", `{"client": {"theme": "dark"}}`,
			[]string{`client.theme: unknown field: expected one of captureMethod, skipIntro, domainPrefix, defaultLanguage`}},
		{"unknown field in branding", `{"branding": {"scopes": {}}}`,
			[]string{`branding.scopes: unknown field: expected one of default, locales`}},
		{"unknown field in a scope", `{"branding": {"locales": {"de": {"primaryColour": "#112233"}}}}`,
			[]string{`branding.locales.de.primaryColour: unknown field (did you mean "primaryColor"?)`}},
		{"unknown field in an image", `{"branding": {"default": {"headerImage": {"sha256": "ab", "path": "x.png"}}}}`,
			[]string{`branding.default.headerImage.path: unknown field: expected one of mediaType, sha256, data, file`}},
		{"unknown field in acceptedIds", `{"acceptedIds": {"modes": "region"}}`,
			[]string{`acceptedIds.modes: unknown field (did you mean "mode"?)`}},
		{"unknown field in dataSettings", `{"dataSettings": {"field": {}}}`,
			[]string{`dataSettings.field: unknown field (did you mean "fields"?)`}},
		{"unknown data field", `{"dataSettings": {"fields": {"dob": true}}}`,
			[]string{`dataSettings.fields.dob: unknown field: expected one of dateOfBirth, idNumber, firstName, lastName, expiryDate, usState, personalNumber, mrzCheck`}},
		{"unknown field in retention", `{"dataSettings": {"retention": {"purgeAfterDay": 30}}}`,
			[]string{`dataSettings.retention.purgeAfterDay: unknown field (did you mean "purgeAfterDays"?)`}},
		{"unknown field in a document", `{"documents": [{"code": "A"}, {"labels": {}}]}`,
			[]string{`documents[1].labels: unknown field (did you mean "label"?)`}},
		{"unknown field in security", `{"security": {"password": "x"}}`,
			[]string{`security.password: unknown field: expected one of twoFactor`}},
		{"key with control characters is quoted", `{"gen\u001beral": 1}`,
			[]string{`"gen\x1beral": unknown field (did you mean "general"?)`}},

		{"integer as string", `{"general": {"tokenLifetimeMinutes": "30"}}`,
			[]string{`general.tokenLifetimeMinutes: must be an integer, got "30"`}},
		{"fraction", `{"general": {"tokenLifetimeMinutes": 30.5}}`,
			[]string{`general.tokenLifetimeMinutes: must be an integer, got 30.5`}},
		{"huge number", `{"general": {"tokenLifetimeMinutes": 1e400}}`,
			[]string{`general.tokenLifetimeMinutes: number 1e400 is out of range`}},
		// The exact value of the literal decides, never a float conversion, which rounds
		// these to whole numbers.
		{"inexact integer", `{"general": {"tokenLifetimeMinutes": 4.9999999999999999}}`,
			[]string{`general.tokenLifetimeMinutes: must be an integer, got 4.9999999999999999`}},
		{"a tiny fraction", `{"dataSettings": {"retention": {"purgeAfterDays": 30.000000000000001}}}`,
			[]string{`dataSettings.retention.purgeAfterDays: must be an integer, got 30.000000000000001`}},
		{"a fraction by exponent", `{"general": {"tokenLifetimeMinutes": 45e-1}}`,
			[]string{`general.tokenLifetimeMinutes: must be an integer, got 45e-1`}},
		{"a fraction far below", `{"general": {"tokenLifetimeMinutes": 5e-99999999999999999999}}`,
			[]string{`general.tokenLifetimeMinutes: must be an integer, got 5e-99999999999999999999`}},
		{"an exponent beyond int64", `{"general": {"tokenLifetimeMinutes": 5e99999999999999999999}}`,
			[]string{`general.tokenLifetimeMinutes: number 5e99999999999999999999 is out of range`}},
		{"beyond 2^53", `{"general": {"tokenLifetimeMinutes": 9007199254740993}}`,
			[]string{`general.tokenLifetimeMinutes: number 9007199254740993 is out of range`}},
		{"string as number", `{"general": {"callbackUrl": 5}}`,
			[]string{`general.callbackUrl: must be a string, got 5`}},
		{"null string", `{"general": {"callbackUrl": null}}`,
			[]string{`general.callbackUrl: must be a string, got null`}},
		{"bool as string", `{"client": {"skipIntro": "yes"}}`,
			[]string{`client.skipIntro: must be true or false, got "yes"`}},
		{"list item", `{"general": {"ownedDomains": ["a.example", 1, null]}}`,
			[]string{`general.ownedDomains[1]: must be a string, got 1`, `general.ownedDomains[2]: must be a string, got null`}},
		{"list as string", `{"general": {"ownedDomains": "a.example"}}`,
			[]string{`general.ownedDomains: must be a list, got "a.example"`}},
		{"section as list", `{"general": []}`,
			[]string{`general: must be an object, got a list`}},
		{"document root", `[]`,
			[]string{`document: must be an object, got a list`}},
		{"documents as object", `{"documents": {}}`,
			[]string{`documents: must be a list, got an object`}},
		{"document as number", `{"documents": [3]}`,
			[]string{`documents[0]: must be an object, got 3`}},
		{"purge as string", `{"dataSettings": {"retention": {"purgeAfterDays": "forever"}}}`,
			[]string{`dataSettings.retention.purgeAfterDays: must be an integer or null (keep forever), got "forever"`}},
		{"country list of numbers", `{"acceptedIds": {"countries": {"DEU": [1]}}}`,
			[]string{`acceptedIds.countries.DEU[0]: must be a string, got 1`}},
		{"region as bool", `{"acceptedIds": {"regions": {"ASIA": true}}}`,
			[]string{`acceptedIds.regions.ASIA: must be a string, got true`}},
		{"long string is cut", `{"general": {"tokenLifetimeMinutes": "` + strings.Repeat("x", 60) + `"}}`,
			[]string{`general.tokenLifetimeMinutes: must be an integer, got "` + strings.Repeat("x", 40) + `"…`}},

		{"duplicate key", `{"general": {"errorUrl": "", "errorUrl": "https://b.example"}}`,
			[]string{`general.errorUrl: duplicate key: given more than once`}},
		{"duplicate section", `{"security": {}, "security": {}}`,
			[]string{`security: duplicate key: given more than once`}},
		{"duplicate after normalising a locale", `{"branding": {"locales": {"pt_br": {}, "pt-BR": {}}}}`,
			[]string{`branding.locales.pt-BR: given twice: as "pt_br" and as "pt-BR"`}},
		{"duplicate country", `{"acceptedIds": {"countries": {"deu": [], "DEU": []}}}`,
			[]string{`acceptedIds.countries.DEU: given twice: as "deu" and as "DEU"`}},
		{"duplicate translation", `{"documents": [{"translations": {"de": "a", "DE": "b"}}]}`,
			[]string{`documents[0].translations.de: given twice: as "de" and as "DE"`}},

		{"format wrong", `{"format": "idvset.settings/v2"}`,
			[]string{`format: unsupported format "idvset.settings/v2": expected "idvset.settings/v1"`}},
		{"format not a string", `{"format": 1}`,
			[]string{`format: must be a string, got 1`}},

		{"empty", "  \n", []string{`document: empty: expected a JSON object`}},
		{"trailing comma", "{\n  \"general\": {\n    \"tokenLifetimeMinutes\": 30,\n  }\n}",
			[]string{`general: invalid JSON at line 4, column 3: invalid character '}' looking for beginning of object key string`}},
		{"missing value", `{"general": {"tokenLifetimeMinutes": }}`,
			[]string{`general.tokenLifetimeMinutes: invalid JSON at line 1, column 38: invalid character '}' looking for beginning of value`}},
		{"column counts characters", "{\"general\": {\"callbackUrl\": \"é\" x}}",
			[]string{`general: invalid JSON at line 1, column 33: invalid character 'x' after object key:value pair`}},
		{"truncated", `{"general": {`,
			[]string{`general: invalid JSON at line 1, column 14: the document ends too early (unclosed object, list or string?)`}},
		{"trailing data", "{\"general\": {}}\n{}",
			[]string{`document: unexpected data after the document at line 2, column 1`}},
		{"trailing garbage", `{} x`,
			[]string{`document: unexpected data after the document at line 1, column 4`}},

		{"bad base64", `{"branding": {"default": {"headerImage": {"data": "!!!"}}}}`,
			[]string{`branding.default.headerImage.data: not valid base64 (standard alphabet, with padding): illegal base64 data at input byte 0`}},
		{"data and file", `{"branding": {"default": {"errorImage": {"data": "", "file": "a.png"}}}}`,
			[]string{`branding.default.errorImage: give either "data" or "file", not both`}},
		{"image without bytes or hash", `{"branding": {"default": {"successImage": {"mediaType": "image/png"}}}}`,
			[]string{`branding.default.successImage: an image needs "data" (base64) or "file" (a path relative to the document)`}},
		{"image data not a string", `{"branding": {"default": {"headerImage": {"data": 7}}}}`,
			[]string{`branding.default.headerImage.data: must be a string, got 7`}},
		{"image file without a base directory", `{"branding": {"default": {"headerImage": {"file": "logo.png"}}}}`,
			[]string{`branding.default.headerImage.file: image files cannot be read here: give the image as "data" (base64)`}},

		{"every problem at once, sorted by path", `{"security": {"twoFactor": 1}, "general": {"callbackURL": "", "tokenLifetimeMinutes": "30"}, "client": {"skipIntro": null}}`,
			[]string{
				`client.skipIntro: must be true or false, got null`,
				`general.callbackURL: unknown field (did you mean "callbackUrl"?)`,
				`general.tokenLifetimeMinutes: must be an integer, got "30"`,
				`security.twoFactor: must be true or false, got 1`,
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Decode([]byte(tt.doc), DecodeOptions{})
			if got := violationLines(err); !slices.Equal(got, tt.want) {
				t.Fatalf("got  %q\nwant %q", got, tt.want)
			}
			if !reflect.DeepEqual(s, Settings{}) {
				t.Errorf("settings returned with an error: %#v", s)
			}
		})
	}
}

func TestDecodeImages(t *testing.T) {
	dir := t.TempDir()
	pngData, jpegData := testPNG(t, 30, 10), testJPEG(t, 16, 8)
	if err := os.MkdirAll(filepath.Join(dir, "img"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "img", "logo.png"), pngData, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "ok.jpg"), jpegData, 0o600); err != nil {
		t.Fatal(err)
	}
	outside := filepath.Join(t.TempDir(), "secret.png")
	if err := os.WriteFile(outside, pngData, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dir, "link.png")); err != nil {
		t.Fatal(err)
	}
	opt := DecodeOptions{BaseDir: dir}
	decodeImage := func(img string) (*Image, error) {
		s, err := Decode([]byte(`{"branding": {"locales": {"de": {"headerImage": `+img+`}}}}`), opt)
		return s.Branding.Locales["de"].HeaderImage, err
	}

	t.Run("file relative to BaseDir", func(t *testing.T) {
		img, err := decodeImage(`{"file": "img/logo.png"}`)
		if err != nil {
			t.Fatal(err)
		}
		mt, w, h, _ := CheckImage(pngData)
		want := &Image{MediaType: mt, SHA256: sha256Hex(pngData), Data: pngData, Width: w, Height: h}
		if !reflect.DeepEqual(img, want) {
			t.Fatalf("got %+v\nwant %+v", img, want)
		}
	})
	t.Run("base64 data, hash computed", func(t *testing.T) {
		img, err := decodeImage(`{"data": "` + base64.StdEncoding.EncodeToString(jpegData) + `"}`)
		if err != nil {
			t.Fatal(err)
		}
		if img.SHA256 != sha256Hex(jpegData) || !slices.Equal(img.Data, jpegData) {
			t.Fatalf("got sha %s, %d bytes", img.SHA256, len(img.Data))
		}
	})
	t.Run("given sha256 and media type are kept for Validate", func(t *testing.T) {
		img, err := decodeImage(`{"mediaType": "image/gif", "sha256": "00ff", "data": "` + base64.StdEncoding.EncodeToString(pngData) + `"}`)
		if err != nil {
			t.Fatal(err)
		}
		if img.SHA256 != "00ff" || img.MediaType != "image/gif" {
			t.Fatalf("got %q %q, want the document's values", img.SHA256, img.MediaType)
		}
	})
	t.Run("hash only, as a store keeps it", func(t *testing.T) {
		img, err := decodeImage(`{"mediaType": "image/png", "sha256": "abc123"}`)
		if err != nil {
			t.Fatal(err)
		}
		if want := (&Image{MediaType: "image/png", SHA256: "abc123"}); !reflect.DeepEqual(img, want) {
			t.Fatalf("got %+v, want %+v (nil Data)", img, want)
		}
	})
	t.Run("empty data is an empty image, not a missing one", func(t *testing.T) {
		img, err := decodeImage(`{"data": ""}`)
		if err != nil {
			t.Fatal(err)
		}
		if img.Data == nil || len(img.Data) != 0 {
			t.Fatalf("Data = %#v, want empty and not nil", img.Data)
		}
	})

	for _, tt := range []struct{ name, img, want string }{
		{"absolute path", `{"file": "` + filepath.ToSlash(filepath.Join(dir, "ok.jpg")) + `"}`,
			`branding.locales.de.headerImage.file: absolute path "` + filepath.ToSlash(filepath.Join(dir, "ok.jpg")) + `" not allowed: give a path relative to the document's directory`},
		{"leaves the directory", `{"file": "../x.png"}`,
			`branding.locales.de.headerImage.file: path "../x.png" leaves the document's directory`},
		{"missing file", `{"file": "img/nope.png"}`,
			`branding.locales.de.headerImage.file: image file "img/nope.png" not found`},
		{"symbolic link out of the directory", `{"file": "link.png"}`,
			`branding.locales.de.headerImage.file: cannot read image file "link.png": path escapes from parent`},
		{"directory", `{"file": "img"}`,
			`branding.locales.de.headerImage.file: image file "img" is not a regular file (a directory)`},
		{"empty name", `{"file": ""}`,
			`branding.locales.de.headerImage.file: empty file name`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := decodeImage(tt.img)
			if got := violationLines(err); !slices.Equal(got, []string{tt.want}) {
				t.Fatalf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestDecodeImageFileTooLarge(t *testing.T) {
	dir := t.TempDir()
	f, err := os.Create(filepath.Join(dir, "big.png"))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(MaxImageBytes + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()
	_, err = Decode([]byte(`{"branding": {"default": {"headerImage": {"file": "big.png"}}}}`), DecodeOptions{BaseDir: dir})
	want := []string{`branding.default.headerImage.file: image file "big.png" is larger than the 5 MiB limit (5,242,881 bytes)`}
	if got := violationLines(err); !slices.Equal(got, want) {
		t.Fatalf("got %q\nwant %q", got, want)
	}
}

// Deep nesting is refused by the schema, without building (or recursing through) it.
func TestDecodeDeepNesting(t *testing.T) {
	doc := `{"general": {"callbackUrl": ` + strings.Repeat("[", 5000) + strings.Repeat("]", 5000) + `}}`
	_, err := Decode([]byte(doc), DecodeOptions{})
	want := []string{`general.callbackUrl: must be a string, got a list`}
	if got := violationLines(err); !slices.Equal(got, want) {
		t.Fatalf("got %q\nwant %q", got, want)
	}
}
