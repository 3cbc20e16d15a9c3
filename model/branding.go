package model

import "strings"

// BrandField names a branding field of a scope.
type BrandField string

// The branding fields of a scope, as named in the document.
const (
	PrimaryColor   BrandField = "primaryColor"
	SecondaryColor BrandField = "secondaryColor"
	HeaderImage    BrandField = "headerImage"
	SuccessImage   BrandField = "successImage"
	ErrorImage     BrandField = "errorImage"
)

// BrandFields lists the fields of a scope in the order the Branding pane shows them.
func BrandFields() []BrandField {
	return []BrandField{PrimaryColor, SecondaryColor, HeaderImage, SuccessImage, ErrorImage}
}

// IsImage reports whether the field holds an image rather than a colour.
func (f BrandField) IsImage() bool {
	return f == HeaderImage || f == SuccessImage || f == ErrorImage
}

// The vendor's default colours: what a colour resolves to when no scope sets it, and
// what "Reset all colours" returns to. The portal page does not publish the vendor's
// values, so these are idvset's stand-ins, kept here as the one place to change.
// Images have no stand-in: an image that no scope sets resolves to Source "vendor" with
// a nil Image, meaning the vendor shows its own.
const (
	VendorPrimaryColor   = "#1F4E79"
	VendorSecondaryColor = "#FFFFFF"
)

// Scope names used as Effective.Source besides locale codes.
const (
	ScopeDefault = "default"
	ScopeVendor  = "vendor"
)

// Effective is the value of a branding field for a locale after fallback.
type Effective struct {
	Color  string // for colour fields
	Image  *Image // for image fields; nil with Source "vendor" means the vendor's image
	Source string // the locale code, "default" or "vendor"
}

// Resolve returns the effective value of a field for a locale: the locale, then its root
// language (en-GB → en, pt-BR → pt, es-MX → es), then the default scope, then the vendor
// default. The locale is normalised first ("pt_br" is "pt-BR"); "" or "default" starts
// at the default scope. A code that is not one of the portal's locales falls back to its
// language part ("de-AT" → "de") before the default scope.
func (b Branding) Resolve(locale string, f BrandField) Effective {
	return b.resolveIn(fallbackChain(locale), f)
}

// resolveIn is the value of f in the first of the scopes named in chain that sets it,
// else the vendor default.
func (b Branding) resolveIn(chain []string, f BrandField) Effective {
	for _, name := range chain {
		sc, ok := b.scopeNamed(name)
		if !ok {
			continue
		}
		if e, set := sc.get(f); set {
			e.Source = name
			return e
		}
	}
	e := Effective{Source: ScopeVendor}
	switch f {
	case PrimaryColor:
		e.Color = VendorPrimaryColor
	case SecondaryColor:
		e.Color = VendorSecondaryColor
	}
	return e
}

// fallbackChain lists the scopes a locale's branding is looked up in, vendor excluded.
func fallbackChain(locale string) []string {
	code := normLocale(locale)
	if code == "" || code == ScopeDefault {
		return []string{ScopeDefault}
	}
	chain := []string{code}
	root := ""
	if l, ok := LocaleByCode(code); ok {
		root = l.Root
	} else if lang, _, found := strings.Cut(code, "-"); found {
		root = lang
	}
	if root != "" && root != code {
		chain = append(chain, root)
	}
	return append(chain, ScopeDefault)
}

// scopeNamed finds a scope by name, tolerating a locale key that was not normalised.
func (b Branding) scopeNamed(name string) (BrandScope, bool) {
	if name == ScopeDefault {
		return b.Default, true
	}
	if sc, ok := b.Locales[name]; ok {
		return sc, true
	}
	for k, sc := range b.Locales {
		if normLocale(k) == name {
			return sc, true
		}
	}
	return BrandScope{}, false
}

// get returns a field of the scope and whether it is set.
func (s BrandScope) get(f BrandField) (Effective, bool) {
	switch f {
	case PrimaryColor:
		return Effective{Color: s.PrimaryColor}, s.PrimaryColor != ""
	case SecondaryColor:
		return Effective{Color: s.SecondaryColor}, s.SecondaryColor != ""
	case HeaderImage:
		return Effective{Image: s.HeaderImage}, s.HeaderImage != nil
	case SuccessImage:
		return Effective{Image: s.SuccessImage}, s.SuccessImage != nil
	case ErrorImage:
		return Effective{Image: s.ErrorImage}, s.ErrorImage != nil
	}
	return Effective{}, false
}

// ResetColors clears every colour in every scope ("Reset all colours"), so that each
// resolves to the vendor default again. Images are kept. Call it on a draft's copy (in
// an Edit), never on settings someone else holds: the Locales map is written.
func (b *Branding) ResetColors() {
	b.Default.PrimaryColor, b.Default.SecondaryColor = "", ""
	for k, sc := range b.Locales {
		sc.PrimaryColor, sc.SecondaryColor = "", ""
		b.Locales[k] = sc
	}
}
