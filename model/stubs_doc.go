package model

import "time"

// STUB: replaced by the document work (branding.go,
// redirect.go, retention.go, accepted.go). Signatures are fixed.

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

// Effective is the value of a branding field for a locale after fallback.
type Effective struct {
	Color  string // for colour fields
	Image  *Image // for image fields; nil with Source "vendor" means the vendor's image
	Source string // the locale code, "default" or "vendor"
}

// Resolve returns the effective value of a field for a locale: the locale, then its root
// language, then the default scope, then the vendor default.
func (b Branding) Resolve(locale string, f BrandField) Effective { return Effective{} }

// RedirectPreview returns what the end user's browser is sent to after a verification:
// status "SUCCESS" or "ERROR" with the parameters the portal appends.
func RedirectPreview(base, status string) string { return "" }

// RetentionLoss describes the records a shorter retention deletes.
type RetentionLoss struct {
	From, To time.Time // records created in [From, To) are deleted; From zero = the beginning
}

// RetentionShortening reports whether going from old to new retention deletes records,
// and which, as of now.
func RetentionShortening(old, new Retention, now time.Time) (RetentionLoss, bool) {
	return RetentionLoss{}, false
}

// Accepted returns the effective accepted types per country (alpha-3): in region mode
// computed from the regions and the catalog, in country mode the table itself.
func (a AcceptedIDs) Accepted(cat *Catalog) map[string][]IDType { return nil }

// CopyRegionsToCountries fills the per-country table from the region choices and
// switches to country mode.
func (a *AcceptedIDs) CopyRegionsToCountries(cat *Catalog) {}
