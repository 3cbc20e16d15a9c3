package model

import "testing"

func TestResolve(t *testing.T) {
	img := func(sha string) *Image { return &Image{MediaType: "image/png", SHA256: sha} }
	b := Branding{
		Default: BrandScope{SecondaryColor: "#DEFA17", HeaderImage: img("def")},
		Locales: map[string]BrandScope{
			"en":    {PrimaryColor: "#E00000", SuccessImage: img("en")},
			"en-GB": {PrimaryColor: "#E0E0E0"},
			"pt":    {PrimaryColor: "#000001"},
			"de":    {},
		},
	}
	tests := []struct {
		locale string
		field  BrandField
		want   Effective
	}{
		{"en-GB", PrimaryColor, Effective{Color: "#E0E0E0", Source: "en-GB"}},     // the locale itself
		{"en-GB", SuccessImage, Effective{Image: img("en"), Source: "en"}},        // its root language
		{"en-GB", SecondaryColor, Effective{Color: "#DEFA17", Source: "default"}}, // the default scope
		{"en-GB", ErrorImage, Effective{Source: "vendor"}},                        // the vendor's own image
		{"en_gb", PrimaryColor, Effective{Color: "#E0E0E0", Source: "en-GB"}},     // spelled loosely
		{"pt-BR", PrimaryColor, Effective{Color: "#000001", Source: "pt"}},        // pt-BR → pt
		{"es-MX", PrimaryColor, Effective{Color: VendorPrimaryColor, Source: "vendor"}},
		{"de", PrimaryColor, Effective{Color: VendorPrimaryColor, Source: "vendor"}}, // de → default → vendor
		{"de", SecondaryColor, Effective{Color: "#DEFA17", Source: "default"}},
		{"de", HeaderImage, Effective{Image: img("def"), Source: "default"}},
		{"de-AT", SuccessImage, Effective{Source: "vendor"}},
		{"", SecondaryColor, Effective{Color: "#DEFA17", Source: "default"}},
		{"default", PrimaryColor, Effective{Color: VendorPrimaryColor, Source: "vendor"}},
		{"fr", SecondaryColor, Effective{Color: "#DEFA17", Source: "default"}},
	}
	for _, tt := range tests {
		got := b.Resolve(tt.locale, tt.field)
		if got.Color != tt.want.Color || got.Source != tt.want.Source || (got.Image == nil) != (tt.want.Image == nil) ||
			got.Image != nil && got.Image.SHA256 != tt.want.Image.SHA256 {
			t.Errorf("Resolve(%q, %s) = %+v, want %+v", tt.locale, tt.field, got, tt.want)
		}
	}
	// With nothing set anywhere, every colour is the vendor's.
	var none Branding
	if got := none.Resolve("en-GB", SecondaryColor); got != (Effective{Color: VendorSecondaryColor, Source: "vendor"}) {
		t.Errorf("empty branding: %+v", got)
	}
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
