package model

import (
	"slices"
	"testing"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// The native names are Go data generated from golang.org/x/text/language/display
// (gen_godata.go): they are what display says, for every locale.
func TestNativeNamesAreDisplays(t *testing.T) {
	if len(nativeNameData) != len(Locales()) {
		t.Errorf("%d locales have native names, want %d: run go generate ./model", len(nativeNameData), len(Locales()))
	}
	for _, l := range Locales() {
		tag := language.MustParse(l.Code)
		var want []string
		for _, n := range []string{display.Tags(tag).Name(tag), display.Self.Name(tag)} {
			if n != "" && (len(want) == 0 || want[0] != n) {
				want = append(want, n)
			}
		}
		if got := NativeNames(l.Code); !slices.Equal(got, want) {
			t.Errorf("NativeNames(%q) = %q, display says %q: run go generate ./model", l.Code, got, want)
		}
	}
}
