package model

import (
	"strings"
	"testing"
)

// The forms' checks say what Validate says, word for word.
func TestColorProblems(t *testing.T) {
	for _, good := range []string{"", "#1A73E8", "#1a73e8", "#000000"} {
		if p := ColorProblems(good); p != nil {
			t.Errorf("ColorProblems(%q) = %q", good, p)
		}
	}
	for _, bad := range []string{"1A73E8", "#1A73E", "#1A73E8F", "#GGGGGG", "blue", " #1A73E8"} {
		p := ColorProblems(bad)
		s := Settings{Branding: Branding{Default: BrandScope{PrimaryColor: bad}}}
		want := Validate(s, Context{}).At("branding.default.primaryColor")
		if len(p) != 1 || len(want) != 1 || p[0] != want[0].Message || !strings.Contains(p[0], "#RRGGBB") {
			t.Errorf("ColorProblems(%q) = %q, Validate says %v", bad, p, want)
		}
	}
	if got := NormalizeColor("#1a73e8"); got != "#1A73E8" {
		t.Errorf("NormalizeColor = %q", got)
	}
	if got := NormalizeColor("blue"); got != "blue" {
		t.Errorf("NormalizeColor(blue) = %q", got)
	}
}

func TestDomainPrefixProblems(t *testing.T) {
	if p := DomainPrefixProblems("acme-eu"); p != nil {
		t.Fatalf("acme-eu: %q", p)
	}
	for bad, want := range map[string]string{
		"-acme":                 `must not start or end with "-"`,
		"Acme":                  `must be lower-case: use "acme"`,
		"ac_me":                 `character "_" not allowed`,
		strings.Repeat("a", 64): "longer than 63 characters (64)",
	} {
		p := DomainPrefixProblems(bad)
		if len(p) == 0 || !strings.Contains(strings.Join(p, "; "), want) {
			t.Errorf("DomainPrefixProblems(%q) = %q, want %q", bad, p, want)
		}
	}
	if got := ClientURL("acme"); got != "https://acme.netverify.com" {
		t.Fatalf("ClientURL = %q", got)
	}
}

func TestNativeNames(t *testing.T) {
	for code, want := range map[string]string{
		"de": "Deutsch", "pt-BR": "português (Brasil)", "pt_br": "português (Brasil)",
		"fr": "français", "en-GB": "British English", "ja": "日本語",
	} {
		if got := NativeNames(code); len(got) == 0 || got[0] != want {
			t.Errorf("NativeNames(%q) = %q, want %q first", code, got, want)
		}
	}
	if got := NativeNames("pt-BR"); len(got) != 2 || got[1] != "português" {
		t.Errorf("NativeNames(pt-BR) = %q, want the language's own name second", got)
	}
	for _, l := range Locales() {
		if len(NativeNames(l.Code)) == 0 {
			t.Errorf("%s has no native name", l.Code)
		}
	}
	if NativeNames("xx") != nil {
		t.Error("an unknown code has native names")
	}
}
