// Package model is the domain of idvset: the settings of the identity-verification
// portal, their defaults, the reference data they refer to (countries, regions, locales,
// ID types, the supported-ID catalog), every validation rule, branding fallback, the JSON
// settings document, the diff between two documents and the edit draft with undo/redo.
//
// It imports neither UI nor database packages, so the editor, the importer, the store and
// `idvset validate` all share one set of rules.
package model

import (
	"maps"
	"slices"
)

// Settings is one complete settings document: everything a save stores as one revision.
type Settings struct {
	General      General
	Client       Client
	Branding     Branding
	AcceptedIDs  AcceptedIDs
	DataSettings DataSettings
	// Documents keeps creation order: a document is never deleted, only disabled.
	Documents []Document
	Security  Security
}

// General holds the application settings: where results are called back to and where
// the end user is redirected.
type General struct {
	CallbackURL          string
	SuccessURL           string
	ErrorURL             string
	TokenLifetimeMinutes int
	// OwnedDomains, when not empty, restricts every URL's host to these domains and
	// their subdomains.
	OwnedDomains []string
}

// CaptureMethod says how the end user may submit images of their ID.
type CaptureMethod string

// The capture methods the portal offers.
const (
	CaptureWebcamAndUpload CaptureMethod = "webcam_and_upload"
	CaptureWebcamOnly      CaptureMethod = "webcam_only"
	CaptureUploadOnly      CaptureMethod = "upload_only"
)

// CaptureMethods lists every capture method in the order the portal shows them.
func CaptureMethods() []CaptureMethod {
	return []CaptureMethod{CaptureWebcamAndUpload, CaptureWebcamOnly, CaptureUploadOnly}
}

// Client customises the verification client the end user sees.
type Client struct {
	CaptureMethod CaptureMethod
	SkipIntro     bool
	// DomainPrefix is "" or the first label of https://<prefix>.netverify.com.
	DomainPrefix string
	// DefaultLanguage is "" (English (US)) or a locale code from Locales.
	DefaultLanguage string
}

// Branding holds the colours and images of the client: a default scope and one scope per
// locale, resolved by fallback (see Branding.Resolve).
type Branding struct {
	Default BrandScope
	// Locales maps a locale code (see Locales) to its scope; absent means "all unset".
	Locales map[string]BrandScope
}

// BrandScope is the branding of one scope. Empty strings and nil images mean "not set".
type BrandScope struct {
	PrimaryColor   string
	SecondaryColor string
	HeaderImage    *Image
	SuccessImage   *Image
	ErrorImage     *Image
}

// IsZero reports whether nothing is set in the scope.
func (b BrandScope) IsZero() bool {
	return b.PrimaryColor == "" && b.SecondaryColor == "" &&
		b.HeaderImage == nil && b.SuccessImage == nil && b.ErrorImage == nil
}

// Image is a branding image, identified by the SHA-256 of its bytes. Images are treated
// as immutable values, so clones share Data.
type Image struct {
	MediaType string // "image/png" or "image/jpeg"
	SHA256    string // lower-case hex of Data
	// Data is the image's bytes. It is nil for an image a store keeps (StoredImage), whose
	// bytes are read when first needed: read them with Bytes.
	Data   []byte
	Width  int
	Height int
	stored *storedBytes // set by StoredImage only
}

// IDType is a kind of identity document.
type IDType string

// The ID types the portal knows.
const (
	Passport       IDType = "PASSPORT"
	DrivingLicense IDType = "DRIVING_LICENSE"
	IDCard         IDType = "ID_CARD"
	Visa           IDType = "VISA"
)

// IDTypes lists every ID type in display order.
func IDTypes() []IDType { return []IDType{Passport, DrivingLicense, IDCard, Visa} }

// Region is a continent in UN M49 terms, as the Accepted IDs region mode groups countries.
type Region string

// The five regions of the Accepted IDs page.
const (
	Africa   Region = "AFRICA"
	Americas Region = "AMERICAS"
	Asia     Region = "ASIA"
	Europe   Region = "EUROPE"
	Oceania  Region = "OCEANIA"
)

// Regions lists every region in display order.
func Regions() []Region { return []Region{Africa, Americas, Asia, Europe, Oceania} }

// RegionChoice is what a region accepts in region mode.
type RegionChoice string

// The choices of a region in region mode.
const (
	RegionAll       RegionChoice = "all"       // every ID type
	RegionNone      RegionChoice = "none"      // nothing
	RegionSupported RegionChoice = "supported" // the catalog's types for each country
)

// RegionChoices lists the region choices in display order.
func RegionChoices() []RegionChoice {
	return []RegionChoice{RegionAll, RegionNone, RegionSupported}
}

// AcceptMode says whether accepted IDs are configured per region or per country.
type AcceptMode string

// The two accepted-ID modes.
const (
	ModeRegion  AcceptMode = "region"
	ModeCountry AcceptMode = "country"
)

// AcceptedIDs says which ID types are accepted from which countries.
type AcceptedIDs struct {
	Mode AcceptMode
	// AutoAcceptNew accepts the IDs a newly imported catalog supports.
	AutoAcceptNew bool
	Regions       map[Region]RegionChoice
	// Countries maps an alpha-3 code to its accepted types, sorted in IDTypes order.
	// It is kept in region mode too, so switching modes loses nothing.
	Countries map[string][]IDType
}

// DataFields says which fields are extracted during verification.
type DataFields struct {
	DateOfBirth    bool
	IDNumber       bool
	FirstName      bool
	LastName       bool
	ExpiryDate     bool
	USState        bool
	PersonalNumber bool
	// MRZCheck implies date of birth, expiry date and personal number are processed.
	MRZCheck bool
}

// Retention says how long verification data is kept.
type Retention struct {
	// PurgeAfterDays is nil to keep data forever, else 1..3650.
	PurgeAfterDays *int
	DeleteFraud    bool
}

// DataSettings groups extraction fields and retention.
type DataSettings struct {
	Fields    DataFields
	Retention Retention
}

// Document is a custom document type. Its code never changes and is never reused.
type Document struct {
	Code  string
	Name  string
	Label string
	// Translations maps a locale code to the label in that language.
	Translations map[string]string
	Enabled      bool
}

// Security holds the security settings that belong in the document. Secrets never do.
type Security struct {
	TwoFactor bool
}

// Defaults of the numeric settings, as the portal documents them.
const (
	DefaultTokenLifetimeMinutes = 30
	DefaultPurgeAfterDays       = 360
)

// Default returns the settings of a new account.
func Default() Settings {
	days := DefaultPurgeAfterDays
	regions := make(map[Region]RegionChoice, 5)
	for _, r := range Regions() {
		regions[r] = RegionSupported
	}
	return Settings{
		General: General{
			TokenLifetimeMinutes: DefaultTokenLifetimeMinutes,
			OwnedDomains:         []string{},
		},
		Client:   Client{CaptureMethod: CaptureWebcamAndUpload},
		Branding: Branding{Locales: map[string]BrandScope{}},
		AcceptedIDs: AcceptedIDs{
			Mode:          ModeRegion,
			AutoAcceptNew: true,
			Regions:       regions,
			Countries:     map[string][]IDType{},
		},
		DataSettings: DataSettings{
			Fields: DataFields{DateOfBirth: true, IDNumber: true, FirstName: true, LastName: true},
			Retention: Retention{
				PurgeAfterDays: &days,
			},
		},
		Documents: []Document{},
	}
}

// Clone returns a deep copy, so that an edit of the copy never shows in the original.
// Image bytes are shared: images are immutable.
func (s Settings) Clone() Settings {
	c := s
	c.General.OwnedDomains = slices.Clone(s.General.OwnedDomains)
	c.Branding.Locales = maps.Clone(s.Branding.Locales)
	c.AcceptedIDs.Regions = maps.Clone(s.AcceptedIDs.Regions)
	if s.AcceptedIDs.Countries != nil {
		c.AcceptedIDs.Countries = make(map[string][]IDType, len(s.AcceptedIDs.Countries))
		for k, v := range s.AcceptedIDs.Countries {
			c.AcceptedIDs.Countries[k] = slices.Clone(v)
		}
	}
	if s.DataSettings.Retention.PurgeAfterDays != nil {
		d := *s.DataSettings.Retention.PurgeAfterDays
		c.DataSettings.Retention.PurgeAfterDays = &d
	}
	if s.Documents != nil {
		c.Documents = make([]Document, len(s.Documents))
		for i, d := range s.Documents {
			d.Translations = maps.Clone(d.Translations)
			c.Documents[i] = d
		}
	}
	return c
}
