package model

import (
	"sync"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// NativeNames returns a locale's names in the language itself, as golang.org/x/text
// knows them from CLDR: the name of the whole locale first ("português (Brasil)",
// "British English", "Deutsch"), then the language's own short name when it differs
// ("português", "繁體中文"). A person looking for their language types one of these
// (`deutsch`, `portugues`), so the language picker matches them. Unknown codes have none.
func NativeNames(code string) []string {
	l, ok := LocaleByCode(code)
	if !ok {
		return nil
	}
	return nativeNames()[l.Code]
}

// nativeNames is every locale's native names, worked out once: display's tables are
// large and a lookup allocates.
var nativeNames = sync.OnceValue(func() map[string][]string {
	out := make(map[string][]string, len(locales))
	for _, l := range locales {
		tag, err := language.Parse(l.Code)
		if err != nil {
			continue // the 39 codes all parse; a typo here must not panic the editor
		}
		var names []string
		for _, n := range []string{display.Tags(tag).Name(tag), display.Self.Name(tag)} {
			if n != "" && (len(names) == 0 || names[0] != n) {
				names = append(names, n)
			}
		}
		out[l.Code] = names
	}
	return out
})
