package model

import "testing"

// TestResolve: each level of the fallback (locale → root language → default → vendor)
// is seen to win over the levels after it, because the fixture sets most fields at
// several levels: swapping two levels, or dropping the language fallback of an unknown
// regional code ("de-AT" → "de"), changes a result below.
func TestResolve(t *testing.T) {
	img := func(sha string) *Image { return &Image{MediaType: "image/png", SHA256: sha} }
	b := Branding{
		// The default scope sets every field, so "vendor" never appears with this fixture.
		Default: BrandScope{PrimaryColor: "#D00000", SecondaryColor: "#D11111",
			HeaderImage: img("default-h"), SuccessImage: img("default-s"), ErrorImage: img("default-e")},
		Locales: map[string]BrandScope{
			"en":    {PrimaryColor: "#E00000", SecondaryColor: "#E11111", SuccessImage: img("en-s")},
			"en-GB": {PrimaryColor: "#EB0000", ErrorImage: img("en-GB-e")},
			"pt":    {SecondaryColor: "#B11111", HeaderImage: img("pt-h")},
			"pt_br": {ErrorImage: img("pt-BR-e")}, // a key not normalised yet is still found
			"es":    {PrimaryColor: "#500000"},
			"de":    {PrimaryColor: "#DE0000", ErrorImage: img("de-e")},
			"fr":    {},
			"zh":    {PrimaryColor: "#2B0000"}, // not a portal locale: zh-CN's root is none
		},
	}
	color := func(c, src string) Effective { return Effective{Color: c, Source: src} }
	image := func(sha, src string) Effective { return Effective{Image: img(sha), Source: src} }
	tests := []struct {
		locale string
		field  BrandField
		want   Effective
	}{
		// en-GB: itself, then en, then default.
		{"en-GB", PrimaryColor, color("#EB0000", "en-GB")},       // set in en-GB, en and default
		{"en-GB", ErrorImage, image("en-GB-e", "en-GB")},         // set in en-GB and default
		{"en-GB", SecondaryColor, color("#E11111", "en")},        // set in en and default
		{"en-GB", SuccessImage, image("en-s", "en")},             // set in en and default
		{"en-GB", HeaderImage, image("default-h", "default")},    // set in default only
		{"en_gb", PrimaryColor, color("#EB0000", "en-GB")},       // spelled loosely
		{"en", PrimaryColor, color("#E00000", "en")},             // a root language is a locale itself
		{"en", ErrorImage, image("default-e", "default")},        // never en-GB's
		{"pt-BR", ErrorImage, image("pt-BR-e", "pt-BR")},         // under the key "pt_br"
		{"pt-BR", SecondaryColor, color("#B11111", "pt")},        // pt-BR → pt before default
		{"pt-BR", HeaderImage, image("pt-h", "pt")},              //
		{"pt-BR", PrimaryColor, color("#D00000", "default")},     // then default
		{"es-MX", PrimaryColor, color("#500000", "es")},          // es-MX → es before default
		{"es-MX", SecondaryColor, color("#D11111", "default")},   //
		{"de-AT", PrimaryColor, color("#DE0000", "de")},          // not a portal locale: its language
		{"de-AT", ErrorImage, image("de-e", "de")},               //
		{"de-AT", SecondaryColor, color("#D11111", "default")},   //
		{"de", SecondaryColor, color("#D11111", "default")},      //
		{"fr-CA", PrimaryColor, color("#D00000", "default")},     // fr sets nothing
		{"zh-CN", PrimaryColor, color("#D00000", "default")},     // no root language: straight to default
		{"zh-HK", PrimaryColor, color("#D00000", "default")},     //
		{"", PrimaryColor, color("#D00000", "default")},          // no locale: the default scope
		{"default", SuccessImage, image("default-s", "default")}, //
	}
	check := func(b Branding, locale string, field BrandField, want Effective) {
		t.Helper()
		got := b.Resolve(locale, field)
		if got.Color != want.Color || got.Source != want.Source || (got.Image == nil) != (want.Image == nil) ||
			got.Image != nil && got.Image.SHA256 != want.Image.SHA256 {
			t.Errorf("Resolve(%q, %s) = %+v, want %+v", locale, field, got, want)
		}
	}
	for _, tt := range tests {
		check(b, tt.locale, tt.field, tt.want)
	}
	// The vendor's values come last: after the default scope, for a field nobody sets.
	partial := Branding{
		Default: BrandScope{PrimaryColor: "#D00000"},
		Locales: map[string]BrandScope{"en": {SecondaryColor: "#E11111"}},
	}
	check(partial, "en-GB", SecondaryColor, color("#E11111", "en"))
	check(partial, "en-GB", PrimaryColor, color("#D00000", "default"))
	check(partial, "de", SecondaryColor, color(VendorSecondaryColor, "vendor"))
	check(partial, "de-AT", HeaderImage, Effective{Source: "vendor"}) // the vendor's own image
	check(Branding{}, "en-GB", PrimaryColor, color(VendorPrimaryColor, "vendor"))
}

func TestResetColors(t *testing.T) {
	s := Default()
	s.Branding.Default = BrandScope{PrimaryColor: "#111111", SecondaryColor: "#222222", HeaderImage: &Image{SHA256: "a"}}
	s.Branding.Locales["de"] = BrandScope{PrimaryColor: "#333333"}
	s.Branding.Locales["fr"] = BrandScope{SecondaryColor: "#444444", ErrorImage: &Image{SHA256: "b"}}
	d := NewDraft(s)
	d.Do(Edit{Label: "reset all colours", Apply: func(s *Settings) { s.Branding.ResetColors() }})
	got := changeLines(d.Changes())
	want := []string{
		`branding.default.primaryColor: "#111111" → (not set)`,
		`branding.default.secondaryColor: "#222222" → (not set)`,
		`branding.locales.fr.secondaryColor: "#444444" → (not set)`,
		`branding.locales.de.primaryColor: "#333333" → (not set)`,
	}
	if len(got) != len(want) {
		t.Fatalf("got %q", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("got %q\nwant %q", got, want)
		}
	}
	if d.Current().Branding.Default.HeaderImage == nil || d.Current().Branding.Locales["fr"].ErrorImage == nil {
		t.Fatal("images were reset too")
	}
	if s.Branding.Locales["de"].PrimaryColor != "#333333" {
		t.Fatal("the base was modified")
	}
}
