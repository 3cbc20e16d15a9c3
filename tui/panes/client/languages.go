package client

import (
	"idvset/model"
	"idvset/tui/components/picker"
)

// vendorDefault is how an unset default language reads, in the list and in the picker.
const vendorDefault = "English (US), the vendor default"

// languageItems are the picker's items: first "English (US)", which unsets the default
// language (the vendor's own), then the 39 locales by English name, each with its name in
// the language itself as hint and keywords (model.NativeNames), so that `germ`,
// `deutsch`, `de` and `pt-BR` all find what the user means.
func languageItems() []picker.Item {
	locales := model.Locales()
	items := make([]picker.Item, 0, len(locales)+1)
	items = append(items, picker.Item{
		Title:    "English (US)",
		Hint:     "not set: the vendor default",
		Keywords: []string{"en-US", "default", "unset", "none"},
	})
	for _, l := range locales {
		native := model.NativeNames(l.Code)
		hint := ""
		if len(native) > 0 && native[0] != l.Name {
			hint = native[0]
		}
		items = append(items, picker.Item{Title: l.Name, Code: l.Code, Hint: hint, Keywords: native})
	}
	return items
}

// languageIndex is the item holding a default language: 0 for "" (the vendor's), -1 for
// a code the picker does not list (a stored typo, reported by validation).
func languageIndex(items []picker.Item, code string) int {
	if code == "" {
		return 0
	}
	for i, it := range items {
		if it.Code != "" && it.Code == model.NormalizeLocale(code) {
			return i
		}
	}
	return -1
}

// languageText is a default language as the list shows it: "German (de) · Deutsch", or
// vendorDefault when unset.
func languageText(code string) (text string, unset bool) {
	if code == "" {
		return vendorDefault, true
	}
	l, ok := model.LocaleByCode(code)
	if !ok {
		return code, false
	}
	text = l.Name + " (" + l.Code + ")"
	if native := model.NativeNames(l.Code); len(native) > 0 && native[0] != l.Name {
		text += " · " + native[0]
	}
	return text, false
}
