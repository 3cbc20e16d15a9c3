package model

// NativeNames returns a locale's names in the language itself, as golang.org/x/text
// knows them from CLDR: the name of the whole locale first ("português (Brasil)",
// "British English", "Deutsch"), then the language's own short name when it differs
// ("português", "繁體中文"). A person looking for their language types one of these
// (`deutsch`, `portugues`), so the language picker matches them. Unknown codes have none.
// The names are Go data (localenames_data.go, written by gen_godata.go).
func NativeNames(code string) []string {
	l, ok := LocaleByCode(code)
	if !ok {
		return nil
	}
	return nativeNameData[l.Code]
}
