package model

import "strings"

// Locale is a language the verification client can be shown in.
type Locale struct {
	Code string // BCP 47, e.g. "pt-BR"
	Name string // English name, e.g. "Portuguese (Brazil)"
	// Root is the root language a regional locale falls back to for branding ("pt" for
	// "pt-BR"); "" when the locale is a root itself.
	Root string
}

// locales is the portal's list, in the order of its English names.
var locales = []Locale{
	{"ar", "Arabic", ""},
	{"hy", "Armenian", ""},
	{"bg", "Bulgarian", ""},
	{"zh-CN", "Chinese (China)", ""},
	{"zh-HK", "Chinese (Hong Kong)", ""},
	{"hr", "Croatian", ""},
	{"cs", "Czech", ""},
	{"da", "Danish", ""},
	{"nl", "Dutch", ""},
	{"en", "English", ""},
	{"en-GB", "English (United Kingdom)", "en"},
	{"et", "Estonian", ""},
	{"fi", "Finnish", ""},
	{"fr", "French", ""},
	{"ka", "Georgian", ""},
	{"de", "German", ""},
	{"el", "Greek", ""},
	{"he", "Hebrew", ""},
	{"hu", "Hungarian", ""},
	{"id", "Indonesian", ""},
	{"it", "Italian", ""},
	{"ja", "Japanese", ""},
	{"km", "Khmer", ""},
	{"ko", "Korean", ""},
	{"lt", "Lithuanian", ""},
	{"ms", "Malay", ""},
	{"no", "Norwegian", ""},
	{"pl", "Polish", ""},
	{"pt", "Portuguese", ""},
	{"pt-BR", "Portuguese (Brazil)", "pt"},
	{"ro", "Romanian", ""},
	{"ru", "Russian", ""},
	{"sk", "Slovak", ""},
	{"es", "Spanish", ""},
	{"es-MX", "Spanish (Mexico)", "es"},
	{"sv", "Swedish", ""},
	{"th", "Thai", ""},
	{"tr", "Turkish", ""},
	{"vi", "Vietnamese", ""},
}

// Locales returns the 39 locales of the portal, ordered by English name. The slice is a
// copy: callers may sort or filter it.
func Locales() []Locale {
	out := make([]Locale, len(locales))
	copy(out, locales)
	return out
}

// LocaleByCode finds a locale by its code; the code is normalised first (see
// NormalizeLocale), so "pt_br" finds "pt-BR".
func LocaleByCode(code string) (Locale, bool) {
	code = NormalizeLocale(code)
	for _, l := range locales {
		if l.Code == code {
			return l, true
		}
	}
	return Locale{}, false
}

// NormalizeLocale turns the spellings people type into the canonical code: "_" becomes
// "-", the language is lower-case and the region upper-case ("PT_br" → "pt-BR"). A code
// that is not a known locale is returned with only those changes.
func NormalizeLocale(code string) string {
	code = strings.ReplaceAll(strings.TrimSpace(code), "_", "-")
	lang, region, found := strings.Cut(code, "-")
	lang = strings.ToLower(lang)
	if !found {
		return lang
	}
	return lang + "-" + strings.ToUpper(region)
}

// LanguageName is the English name shown for a DefaultLanguage value, where "" means the
// portal's own default.
func LanguageName(code string) string {
	if code == "" {
		return "English (US)"
	}
	if l, ok := LocaleByCode(code); ok {
		return l.Name
	}
	return code
}
