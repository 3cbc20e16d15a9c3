package model

import (
	"slices"
	"strings"
	"testing"
)

func TestBrandScopes(t *testing.T) {
	got := BrandScopes()
	if len(got) != 40 || got[0] != "default" || got[1] != "ar" || got[39] != "vi" {
		t.Fatalf("BrandScopes = %q", got)
	}
}

// SetColor stores upper case, Clear makes a field inherit again, and a locale scope left
// empty goes from the map.
func TestBrandingEdits(t *testing.T) {
	s := Default()
	d := NewDraft(s)
	img := &Image{MediaType: "image/png", SHA256: "abc"}
	d.Do(Edit{Label: "a", Apply: func(s *Settings) { s.Branding.SetColor("en", PrimaryColor, "#1a73e8") }})
	d.Do(Edit{Label: "b", Apply: func(s *Settings) { s.Branding.SetImage("pt_br", HeaderImage, img) }})
	d.Do(Edit{Label: "c", Apply: func(s *Settings) { s.Branding.SetColor("default", SecondaryColor, "#00ff00") }})
	b := d.Current().Branding
	if got := b.Resolve("en-GB", PrimaryColor); got.Color != "#1A73E8" || got.Source != "en" {
		t.Fatalf("en-GB primary: %+v", got)
	}
	if !b.Scope("pt-BR").IsSet(HeaderImage) || b.Scope("pt-BR").IsSet(ErrorImage) {
		t.Fatalf("pt-BR: %+v", b.Scope("pt-BR"))
	}
	if b.Scope("default").SecondaryColor != "#00FF00" {
		t.Fatalf("default: %+v", b.Default)
	}
	lines := changeLines(d.Changes())
	for _, want := range []string{
		`branding.locales.en.primaryColor: (not set) → "#1A73E8"`,
		`branding.default.secondaryColor: (not set) → "#00FF00"`,
		"branding.locales.pt-BR.headerImage",
	} {
		if !slices.ContainsFunc(lines, func(l string) bool { return strings.HasPrefix(l, want) }) {
			t.Fatalf("changes %q lack %q", lines, want)
		}
	}

	d.Do(Edit{Label: "d", Apply: func(s *Settings) { s.Branding.Clear("en", PrimaryColor) }})
	d.Do(Edit{Label: "e", Apply: func(s *Settings) { s.Branding.Clear("pt-BR", HeaderImage) }})
	b = d.Current().Branding
	if _, ok := b.Locales["en"]; ok {
		t.Fatal("an emptied locale scope stays in the map")
	}
	if got := b.Resolve("en-GB", PrimaryColor); got.Source != ScopeVendor {
		t.Fatalf("after clearing, en-GB primary is %+v", got)
	}
	if s.Branding.Locales["en"].PrimaryColor != "" {
		t.Fatal("the base was modified")
	}
	// A nil map is made when needed.
	var nb Branding
	nb.SetColor("de", PrimaryColor, "#000000")
	if nb.Scope("de").PrimaryColor != "#000000" {
		t.Fatalf("%+v", nb)
	}
}

func TestColorCount(t *testing.T) {
	b := Branding{
		Default: BrandScope{PrimaryColor: "#111111", SecondaryColor: "#222222"},
		Locales: map[string]BrandScope{
			"de": {PrimaryColor: "#333333"},
			"fr": {HeaderImage: &Image{}},
			"it": {},
		},
	}
	if c, s := b.ColorCount(); c != 3 || s != 2 {
		t.Fatalf("ColorCount = %d, %d; want 3 colours in 2 scopes", c, s)
	}
	b.ResetColors()
	if c, s := b.ColorCount(); c != 0 || s != 0 {
		t.Fatalf("after ResetColors: %d, %d", c, s)
	}
}

// Inherited is the next level of the fallback: what clearing a field would show.
func TestInherited(t *testing.T) {
	b := Branding{
		Default: BrandScope{PrimaryColor: "#111111"},
		Locales: map[string]BrandScope{"en": {PrimaryColor: "#222222"}, "en-GB": {PrimaryColor: "#333333"}},
	}
	for _, tt := range []struct {
		scope, color, source string
	}{
		{"en-GB", "#222222", "en"},
		{"en", "#111111", "default"},
		{"de", "#111111", "default"},
		{"default", VendorPrimaryColor, "vendor"},
	} {
		if got := b.Inherited(tt.scope, PrimaryColor); got.Color != tt.color || got.Source != tt.source {
			t.Errorf("Inherited(%s) = %+v, want %s from %s", tt.scope, got, tt.color, tt.source)
		}
	}
}
