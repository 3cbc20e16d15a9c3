package model

import (
	"bytes"
	"slices"
	"strings"
	"testing"
)

func changeLines(cs []Change) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.Path + ": " + c.Old + " → " + c.New
	}
	return out
}

func TestDiffFields(t *testing.T) {
	img := &Image{MediaType: "image/png", SHA256: "1a2b3c4d5e6f00112233", Data: []byte{1}, Width: 120, Height: 40}
	tests := []struct {
		name string
		edit func(*Settings)
		want []string
	}{
		{"nothing", func(*Settings) {}, nil},
		{"url set", func(s *Settings) { s.General.CallbackURL = "https://a.example/cb" },
			[]string{`general.callbackUrl: (not set) → "https://a.example/cb"`}},
		{"number", func(s *Settings) { s.General.TokenLifetimeMinutes = 60 },
			[]string{`general.tokenLifetimeMinutes: 30 → 60`}},
		{"list", func(s *Settings) { s.General.OwnedDomains = []string{"a.example", "b.example"} },
			[]string{`general.ownedDomains: (none) → "a.example", "b.example"`}},
		{"choice", func(s *Settings) { s.Client.CaptureMethod = CaptureWebcamOnly },
			[]string{`client.captureMethod: webcam_and_upload → webcam_only`}},
		{"invalid choice is quoted", func(s *Settings) { s.Client.CaptureMethod = "fax" },
			[]string{`client.captureMethod: webcam_and_upload → "fax"`}},
		{"boolean", func(s *Settings) { s.Client.SkipIntro = true },
			[]string{`client.skipIntro: off → on`}},
		{"language", func(s *Settings) { s.Client.DefaultLanguage = "de" },
			[]string{`client.defaultLanguage: (not set: English (US)) → German (de)`}},
		{"colour", func(s *Settings) { s.Branding.Locales["de"] = BrandScope{PrimaryColor: "#112233"} },
			[]string{`branding.locales.de.primaryColor: (not set) → "#112233"`}},
		{"image", func(s *Settings) { s.Branding.Default.HeaderImage = img },
			[]string{`branding.default.headerImage: (not set) → image/png 120×40 sha256:1a2b3c4d…`}},
		{"mode and region", func(s *Settings) {
			s.AcceptedIDs.Mode = ModeCountry
			s.AcceptedIDs.Regions[Europe] = RegionAll
		}, []string{`acceptedIds.mode: region → country`, `acceptedIds.regions.EUROPE: supported → all`}},
		{"country", func(s *Settings) { s.AcceptedIDs.Countries["DEU"] = []IDType{IDCard, Passport} },
			[]string{`acceptedIds.countries.DEU: (none) → PASSPORT, ID_CARD`}},
		{"empty country list is no change", func(s *Settings) { s.AcceptedIDs.Countries["DEU"] = []IDType{} },
			nil},
		{"data field", func(s *Settings) { s.DataSettings.Fields.MRZCheck = true },
			[]string{`dataSettings.fields.mrzCheck: off → on`}},
		{"keep forever", func(s *Settings) { s.DataSettings.Retention.PurgeAfterDays = nil },
			[]string{`dataSettings.retention.purgeAfterDays: 360 → keep forever`}},
		{"new document", func(s *Settings) {
			s.Documents = append(s.Documents, Document{Code: "UTILBILL", Name: "Utility bill", Label: "Utility bill",
				Translations: map[string]string{"de": "Nebenkostenabrechnung", "ar": "فاتورة"}, Enabled: true})
		}, []string{
			`documents[0].code: (not set) → "UTILBILL"`,
			`documents[0].name: (not set) → "Utility bill"`,
			`documents[0].label: (not set) → "Utility bill"`,
			`documents[0].translations.ar: (not set) → "فاتورة"`, // locales by English name: Arabic first
			`documents[0].translations.de: (not set) → "Nebenkostenabrechnung"`,
			`documents[0].enabled: (not set) → on`,
		}},
		{"two factor", func(s *Settings) { s.Security.TwoFactor = true },
			[]string{`security.twoFactor: off → on`}},
		{"control characters never reach the terminal", func(s *Settings) { s.General.ErrorURL = "https://a.example/\x1b[31m" },
			[]string{`general.errorUrl: (not set) → "https://a.example/\x1b[31m"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := Default()
			tt.edit(&b)
			if got := changeLines(Diff(Default(), b)); !slices.Equal(got, tt.want) {
				t.Fatalf("got  %q\nwant %q", got, tt.want)
			}
			// The other way round, old and new swap.
			back := changeLines(Diff(b, Default()))
			if len(back) != len(tt.want) {
				t.Fatalf("reverse diff: %q", back)
			}
		})
	}
}

func TestDiffRemovedAndChanged(t *testing.T) {
	a := Default()
	a.General.CallbackURL = "https://a.example/cb"
	a.Branding.Locales["de"] = BrandScope{HeaderImage: &Image{MediaType: "image/jpeg", SHA256: "ffeeddccbbaa", Width: 8, Height: 8}}
	a.Documents = []Document{
		{Code: "A", Name: "A", Label: "A", Translations: map[string]string{"de": "Ä"}, Enabled: true},
		{Code: "B", Name: "B", Label: "B", Enabled: false},
	}
	b := a.Clone()
	b.General.CallbackURL = ""
	b.Branding.Locales["de"] = BrandScope{HeaderImage: &Image{MediaType: "image/png", SHA256: "0011", Width: 4, Height: 2}}
	b.Documents = b.Documents[:1]
	b.Documents[0].Translations = map[string]string{"de": "Ae", "fr": ""}
	b.Documents[0].Enabled = false
	want := []string{
		`general.callbackUrl: "https://a.example/cb" → (not set)`,
		`branding.locales.de.headerImage: image/jpeg 8×8 sha256:ffeeddcc… → image/png 4×2 sha256:0011`,
		`documents[0].translations.fr: (not set) → "" (empty)`,
		`documents[0].translations.de: "Ä" → "Ae"`,
		`documents[0].enabled: on → off`,
		`documents[1].code: "B" → (not set)`,
		`documents[1].name: "B" → (not set)`,
		`documents[1].label: "B" → (not set)`,
		`documents[1].enabled: off → (not set)`,
	}
	if got := changeLines(Diff(a, b)); !slices.Equal(got, want) {
		t.Fatalf("got  %q\nwant %q", got, want)
	}
}

// Changes come in the order of the editor's tabs, whatever order they were made in.
func TestDiffOrder(t *testing.T) {
	b := Default()
	b.Security.TwoFactor = true
	b.Documents = []Document{{Code: "X", Name: "X", Label: "X", Enabled: true}}
	b.DataSettings.Retention.DeleteFraud = true
	b.DataSettings.Fields.DateOfBirth = false
	b.AcceptedIDs.Countries["FRA"] = []IDType{Passport}
	b.AcceptedIDs.Countries["AUT"] = []IDType{Passport}
	b.AcceptedIDs.Regions[Oceania] = RegionNone
	b.AcceptedIDs.Regions[Africa] = RegionAll
	b.Branding.Locales["zz"] = BrandScope{PrimaryColor: "#000000"} // unknown locales after known ones
	b.Branding.Locales["vi"] = BrandScope{PrimaryColor: "#000000"}
	b.Branding.Locales["ar"] = BrandScope{PrimaryColor: "#000000"}
	b.Branding.Default.SecondaryColor = "#FFFFFF"
	b.Client.DomainPrefix = "shop"
	b.General.TokenLifetimeMinutes = 10
	var paths []string
	for _, c := range Diff(Default(), b) {
		paths = append(paths, c.Path)
	}
	want := []string{
		"general.tokenLifetimeMinutes", "client.domainPrefix", "branding.default.secondaryColor",
		"branding.locales.ar.primaryColor", "branding.locales.vi.primaryColor", "branding.locales.zz.primaryColor",
		"acceptedIds.regions.AFRICA", "acceptedIds.regions.OCEANIA",
		"acceptedIds.countries.AUT", "acceptedIds.countries.FRA",
		"dataSettings.fields.dateOfBirth", "dataSettings.retention.deleteFraud",
		"documents[0].code", "documents[0].name", "documents[0].label", "documents[0].enabled",
		"security.twoFactor",
	}
	if !slices.Equal(paths, want) {
		t.Fatalf("got  %q\nwant %q", paths, want)
	}
}

// Spellings Decode would normalise are no change.
func TestDiffIgnoresSpelling(t *testing.T) {
	a, b := Default(), Default()
	a.Branding.Default.PrimaryColor = "#ABCDEF"
	b.Branding.Default.PrimaryColor = "#abcdef"
	a.Branding.Locales["pt-BR"] = BrandScope{SecondaryColor: "#000000"}
	b.Branding.Locales["pt_br"] = BrandScope{SecondaryColor: "#000000"}
	b.AcceptedIDs.Regions = map[Region]RegionChoice{"europe": RegionSupported}
	if d := Diff(a, b); len(d) != 0 {
		t.Fatalf("got %q", changeLines(d))
	}
}

// No value is ever blank, and no image data is ever shown.
func TestDiffValuesReadable(t *testing.T) {
	a, b := Default(), fullSettings(t)
	for _, cs := range [][]Change{Diff(a, b), Diff(b, a)} {
		for _, c := range cs {
			if c.Old == "" || c.New == "" || c.Old == c.New {
				t.Errorf("unreadable change %+v", c)
			}
			if len(c.Old) > 200 || len(c.New) > 200 {
				t.Errorf("change too long (image data?): %s", c.Path)
			}
		}
	}
}

// Diff is empty exactly when the canonical encodings are equal.
func TestDiffAgreesWithEncode(t *testing.T) {
	base := fullSettings(t)
	edits := []func(*Settings){
		func(s *Settings) {},
		func(s *Settings) { s.General.OwnedDomains = nil },
		func(s *Settings) { s.General.OwnedDomains = append(s.General.OwnedDomains, "x.example") },
		func(s *Settings) { s.Branding.Locales["de"] = BrandScope{} },
		func(s *Settings) { s.Branding.Locales["xx"] = BrandScope{} },
		func(s *Settings) { s.Branding.Default.PrimaryColor = strings.ToLower(s.Branding.Default.PrimaryColor) },
		func(s *Settings) { s.AcceptedIDs.Countries["DEU"] = nil },
		func(s *Settings) { s.AcceptedIDs.Countries["ZZZ"] = nil },
		func(s *Settings) { s.AcceptedIDs.Countries["USA"] = []IDType{Visa, Passport, IDCard, DrivingLicense} },
		func(s *Settings) { delete(s.AcceptedIDs.Regions, Asia) },
		func(s *Settings) { s.AcceptedIDs.Regions[Asia] = RegionAll },
		func(s *Settings) { s.Documents[3].Translations = nil },
		func(s *Settings) { s.Documents[3].Translations["it"] = "" },
		func(s *Settings) { s.Documents = s.Documents[:199] },
		func(s *Settings) { s.DataSettings.Retention.PurgeAfterDays = intPtr(90) },
		func(s *Settings) { s.DataSettings.Retention.PurgeAfterDays = nil },
		func(s *Settings) { s.Branding.Default.HeaderImage = NewImage(s.Branding.Default.HeaderImage.Data) },
		func(s *Settings) {
			img := *s.Branding.Default.HeaderImage
			img.Data = nil // bytes kept elsewhere: the same image
			s.Branding.Default.HeaderImage = &img
		},
	}
	for i, edit := range edits {
		b := base.Clone()
		edit(&b)
		sameEnc := bytes.Equal(EncodeWithoutImageData(base), EncodeWithoutImageData(b))
		if empty := len(Diff(base, b)) == 0; empty != sameEnc {
			t.Errorf("edit %d: Diff empty = %v, encodings equal = %v: %q", i, empty, sameEnc, changeLines(Diff(base, b)))
		}
		if sameSettings(base, b) != sameEnc {
			t.Errorf("edit %d: sameSettings disagrees with Diff", i)
		}
	}
}
