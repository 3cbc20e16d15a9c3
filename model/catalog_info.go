package model

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"time"
	"unicode/utf8"
)

// Encode writes the catalog in the vendor's supportedIdTypes shape, canonically: countries
// in code order, types in IDTypes order, every backSide written, countries that support
// nothing left out. Two catalogs that say the same thing encode to the same bytes, which
// is what a store keeps and hashes.
func (c *Catalog) Encode() []byte {
	return EncodeVendor("supportedIdTypes", c.Timestamp, c.Types(), c)
}

// SHA256 is the lower-case hex SHA-256 of Encode: a catalog's identity. Source and
// Revision say where a catalog came from, not what it says, and are not part of it.
func (c *Catalog) SHA256() string {
	sum := sha256.Sum256(c.Encode())
	return hex.EncodeToString(sum[:])
}

// IsDefault reports the embedded default catalog (one that was never imported).
func (c *Catalog) IsDefault() bool { return c.Source == "" && c.Revision == 0 }

// Date is the day of the vendor's timestamp ("2019-03-01"), or the timestamp as given
// when it is not RFC 3339 (escaped), or "undated".
func (c *Catalog) Date() string {
	if c.Timestamp == "" {
		return "undated"
	}
	if t, err := time.Parse(time.RFC3339, c.Timestamp); err == nil {
		return t.UTC().Format(time.DateOnly)
	}
	return quoteCut(c.Timestamp, 40)
}

// Describe says which catalog this is, for the editor and the command line: "catalog of
// 2019-03-01 from vendor-2019.json, imported in revision 7", or "embedded default
// catalog". The file name is escaped when it holds anything unprintable.
func (c *Catalog) Describe() string {
	if c.IsDefault() {
		return "embedded default catalog"
	}
	s := "catalog of " + c.Date()
	if c.Source != "" {
		s += " from " + printableName(c.Source)
	}
	if c.Revision > 0 {
		s += fmt.Sprintf(", imported in revision %d", c.Revision)
	}
	return s
}

// printableName is a file name as Escape prints it, cut when it is long.
func printableName(s string) string {
	if utf8.RuneCountInString(s) > maxSourceName || Escape(s) != s {
		return quoteCut(s, maxSourceName)
	}
	return s
}

// maxSourceName is the longest file name shown whole.
const maxSourceName = 80
