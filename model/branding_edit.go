package model

// What the editor needs to change branding one field at a time: scopes by name, a field
// set or cleared, and what "Reset all colours" would clear.

// BrandScopes lists the scopes a branding field can be set in, as the Branding pane
// lists them: "default", then the 39 locale codes in the order of their English names.
func BrandScopes() []string {
	out := make([]string, 0, len(locales)+1)
	out = append(out, ScopeDefault)
	for _, l := range locales {
		out = append(out, l.Code)
	}
	return out
}

// Scope returns the scope called name ("default" or a locale code, normalised); a locale
// that sets nothing is the zero scope.
func (b Branding) Scope(name string) BrandScope {
	sc, _ := b.scopeNamed(scopeKey(name))
	return sc
}

// Inherited is what field f of a scope would resolve to if the scope did not set it:
// what clearing it shows, and what the scope shows now when it sets nothing.
func (b Branding) Inherited(scope string, f BrandField) Effective {
	chain := fallbackChain(scopeKey(scope))
	return b.resolveIn(chain[1:], f)
}

// IsSet reports whether the scope sets field f itself (rather than inheriting it).
func (s BrandScope) IsSet(f BrandField) bool {
	_, set := s.get(f)
	return set
}

// SetColor sets colour field f of a scope to hex, stored upper-case (see NormalizeColor);
// "" clears it. Like ResetColors, call it on a draft's copy, in an Edit.
func (b *Branding) SetColor(scope string, f BrandField, hex string) {
	b.update(scope, func(s *BrandScope) {
		switch f {
		case PrimaryColor:
			s.PrimaryColor = NormalizeColor(hex)
		case SecondaryColor:
			s.SecondaryColor = NormalizeColor(hex)
		}
	})
}

// SetImage sets image field f of a scope; nil clears it. Call it in an Edit.
func (b *Branding) SetImage(scope string, f BrandField, img *Image) {
	b.update(scope, func(s *BrandScope) {
		switch f {
		case HeaderImage:
			s.HeaderImage = img
		case SuccessImage:
			s.SuccessImage = img
		case ErrorImage:
			s.ErrorImage = img
		}
	})
}

// Clear unsets field f of a scope, so that it inherits again (see Resolve). Call it in an
// Edit.
func (b *Branding) Clear(scope string, f BrandField) {
	if f.IsImage() {
		b.SetImage(scope, f, nil)
		return
	}
	b.SetColor(scope, f, "")
}

// update changes one scope. A locale scope left with nothing set is removed from
// Locales ("absent means all unset"), so clearing a field leaves no empty entry behind.
func (b *Branding) update(scope string, change func(*BrandScope)) {
	key := scopeKey(scope)
	if key == ScopeDefault {
		change(&b.Default)
		return
	}
	sc := b.Locales[key]
	change(&sc)
	if sc.IsZero() {
		delete(b.Locales, key)
		return
	}
	if b.Locales == nil {
		b.Locales = map[string]BrandScope{}
	}
	b.Locales[key] = sc
}

// scopeKey is the name of a scope as Locales keys it: "default", or the locale's
// canonical code.
func scopeKey(name string) string {
	if name == "" || name == ScopeDefault {
		return ScopeDefault
	}
	return NormalizeLocale(name)
}

// ColorCount is how many colour values the scopes set, and in how many scopes: what
// ResetColors would clear, for its confirmation ("clears 5 colours in 3 scopes").
func (b Branding) ColorCount() (colors, scopes int) {
	count := func(s BrandScope) {
		n := 0
		if s.PrimaryColor != "" {
			n++
		}
		if s.SecondaryColor != "" {
			n++
		}
		colors += n
		if n > 0 {
			scopes++
		}
	}
	count(b.Default)
	for _, s := range b.Locales {
		count(s)
	}
	return colors, scopes
}
