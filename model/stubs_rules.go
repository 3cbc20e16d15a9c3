package model

// STUB: replaced by the rules work (validate.go). Signatures are fixed.

// Context is what validation needs beyond the document itself.
type Context struct {
	// Catalog decides the "not supported by the catalog" warnings; nil means DefaultCatalog.
	Catalog *Catalog
	// UsedCodes are the custom document codes ever saved (from the store): none may be
	// missing from the document (documents are never deleted) or reused with another case.
	UsedCodes []string
}

// Validate checks every rule of the spec and returns all violations, errors and
// warnings, sorted by path.
func Validate(s Settings, ctx Context) Violations { return nil }
