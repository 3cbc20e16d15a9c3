package model

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// MaxCatalogBytes is the largest catalog file ReadCatalogFile reads (4 MiB). The vendor's
// list of every country with every ID type, pretty-printed, is about 150 KB.
const MaxCatalogBytes = 4 << 20

// ReadCatalogFile reads and parses a catalog file (see ParseCatalog), with Source set to
// the file's name. A file over MaxCatalogBytes is refused before it is parsed: a regular
// file by its size, before it is read; anything else (a pipe) as soon as reading passes
// the limit. The error is Violations for what is wrong in the file, or the
// *fs.PathError of a file that cannot be read.
func ReadCatalogFile(path string) (*Catalog, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() && fi.Size() > MaxCatalogBytes {
		return nil, Violations{catalogTooLarge(fi.Size())}
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxCatalogBytes+1))
	if err != nil {
		return nil, &fs.PathError{Op: "read", Path: path, Err: err}
	}
	if len(data) > MaxCatalogBytes {
		return nil, Violations{catalogTooLarge(-1)}
	}
	cat, err := ParseCatalog(data)
	if err != nil {
		return nil, err
	}
	cat.Source = filepath.Base(path)
	return cat, nil
}

// catalogTooLarge is the violation of a file of size bytes (< 0: more than the limit,
// by how much is not known).
func catalogTooLarge(size int64) Violation {
	msg := fmt.Sprintf("more than %d bytes: a catalog is at most %d bytes (4 MiB)", MaxCatalogBytes, MaxCatalogBytes)
	if size >= 0 {
		msg = fmt.Sprintf("%d bytes: a catalog is at most %d bytes (4 MiB)", size, MaxCatalogBytes)
	}
	return Violation{Path: catalogPath, Message: msg}
}

// CatalogChange is what a new catalog changes for one country: the types supported
// before and after, and the types whose back side must be captured, before and after
// (each in IDTypes order).
type CatalogChange struct {
	Country          string
	Old, New         []IDType
	OldBack, NewBack []IDType
}

// DiffCatalogs lists the countries whose supported types or back sides differ between
// two catalogs, in code order.
func DiffCatalogs(old, new *Catalog) []CatalogChange {
	var out []CatalogChange
	for _, c := range countryTable {
		ch := CatalogChange{Country: c.Alpha3,
			Old: old.Supported(c.Alpha3), New: new.Supported(c.Alpha3),
			OldBack: old.backSides(c.Alpha3), NewBack: new.backSides(c.Alpha3)}
		if !slices.Equal(ch.Old, ch.New) || !slices.Equal(ch.OldBack, ch.NewBack) {
			out = append(out, ch)
		}
	}
	return out
}

// backSides are the types of a country whose back side must be captured, in IDTypes order.
func (c *Catalog) backSides(country string) []IDType {
	var out []IDType
	for _, t := range IDTypes() {
		if e, ok := c.Countries[country][t]; ok && e.BackSide {
			out = append(out, t)
		}
	}
	return out
}

// CountryType is one ID type of one country.
type CountryType struct {
	Country string
	Type    IDType
}

// String reads "DEU VISA".
func (ct CountryType) String() string { return ct.Country + " " + string(ct.Type) }

// CatalogImport is what importing a new catalog does to the settings (ImportCatalog).
type CatalogImport struct {
	// Settings are the settings after the import: the per-country table gains the newly
	// supported types when autoAcceptNew is on in country mode; otherwise unchanged.
	Settings Settings
	// Changes are the catalog's own changes, country by country.
	Changes []CatalogChange
	// Accepted are the newly supported types that are accepted after the import: by
	// autoAcceptNew (country mode) or because their region follows the catalog
	// (region mode, "supported").
	Accepted []CountryType
	// NotAccepted are the newly supported types that stay unaccepted.
	NotAccepted []CountryType
	// StillAccepted are the types no longer supported that stay accepted (a warning:
	// the vendor may refuse them).
	StillAccepted []CountryType
	// Withdrawn are the types no longer supported that stop being accepted, because
	// their region accepts what the catalog supports.
	Withdrawn []CountryType
}

// ImportCatalog works out what replacing catalog old by new does to s. The rule is
// autoAcceptNew's (PRODUCT.md §1.4): in country mode with autoAcceptNew on, every type
// the new catalog supports and the old one did not becomes accepted in its country; with
// it off, nothing changes. In region mode the settings never change: a region set to
// "supported" accepts the new catalog's types by itself, one set to "all" or "none" is
// not affected. The per-country table is left alone in region mode.
func ImportCatalog(s Settings, old, new *Catalog) CatalogImport {
	out := CatalogImport{Settings: s.Clone(), Changes: DiffCatalogs(old, new)}
	a := &out.Settings.AcceptedIDs
	var added []CountryType // newly supported
	for _, ch := range out.Changes {
		for _, t := range ch.New {
			if !slices.Contains(ch.Old, t) {
				added = append(added, CountryType{ch.Country, t})
			}
		}
	}
	if a.Mode == ModeCountry && a.AutoAcceptNew {
		for _, ct := range added {
			a.SetCountryType([]string{ct.Country}, ct.Type, true)
		}
	}
	before, after := s.AcceptedIDs.Accepted(old), a.Accepted(new)
	for _, ch := range out.Changes {
		for _, t := range IDTypes() {
			was, is := slices.Contains(ch.Old, t), slices.Contains(ch.New, t)
			ct := CountryType{ch.Country, t}
			on := slices.Contains(after[ch.Country], t)
			switch {
			case !was && is && on && !slices.Contains(before[ch.Country], t):
				out.Accepted = append(out.Accepted, ct)
			case !was && is && !on:
				out.NotAccepted = append(out.NotAccepted, ct)
			case was && !is && on:
				out.StillAccepted = append(out.StillAccepted, ct)
			case was && !is && slices.Contains(before[ch.Country], t):
				out.Withdrawn = append(out.Withdrawn, ct)
			}
		}
	}
	return out
}

// Notes say in sentences what the import does to what is accepted, for the command line
// (and the revision's reader): which newly supported types are accepted and why, which
// are not and why, and which types the catalog dropped.
func (ci CatalogImport) Notes() []string {
	a := ci.Settings.AcceptedIDs
	var out []string
	if n := len(ci.Accepted); n > 0 {
		why := "autoAcceptNew is on"
		if a.Mode == ModeRegion {
			why = "per region: regions set to supported follow the catalog"
		}
		out = append(out, fmt.Sprintf("%s: %s now accepted: %s", why, typeCount(n, "newly supported"), listTypes(ci.Accepted)))
	}
	if n := len(ci.NotAccepted); n > 0 {
		// In country mode autoAcceptNew accepts them all; so it is off. In region mode
		// only a region set to none leaves a newly supported type out.
		why := "autoAcceptNew is off: accept them in the editor if you want them"
		if a.Mode == ModeRegion {
			why = "their region accepts none"
		}
		out = append(out, fmt.Sprintf("%s not accepted (%s): %s", typeCount(n, "newly supported"), why, listTypes(ci.NotAccepted)))
	}
	if n := len(ci.StillAccepted); n > 0 {
		out = append(out, fmt.Sprintf("warning: %s still accepted though the new catalog no longer supports %s: %s",
			typeCount(n, ""), them(n), listTypes(ci.StillAccepted)))
	}
	if n := len(ci.Withdrawn); n > 0 {
		out = append(out, fmt.Sprintf("%s no longer accepted: the new catalog drops %s and %s region accepts what is supported: %s",
			typeCount(n, ""), them(n), their(n), listTypes(ci.Withdrawn)))
	}
	if len(ci.Changes) == 0 {
		out = append(out, "the new catalog supports the same ID types as the one in force")
	}
	return out
}

// typeCount reads "3 newly supported ID types", "1 ID type".
func typeCount(n int, adj string) string {
	noun := "ID types"
	if n == 1 {
		noun = "ID type"
	}
	if adj != "" {
		return fmt.Sprintf("%d %s %s", n, adj, noun)
	}
	return fmt.Sprintf("%d %s", n, noun)
}

func them(n int) string {
	if n == 1 {
		return "it"
	}
	return "them"
}

func their(n int) string {
	if n == 1 {
		return "its"
	}
	return "their"
}

// maxListed is how many country types a note names before "… and N more".
const maxListed = 8

func listTypes(cts []CountryType) string {
	var parts []string
	for i, ct := range cts {
		if i == maxListed {
			parts = append(parts, fmt.Sprintf("… and %d more", len(cts)-maxListed))
			break
		}
		parts = append(parts, ct.String())
	}
	return strings.Join(parts, ", ")
}

// Lines describe the catalog's changes as "path: old → new" lines, one per country:
// "catalog.NLD: PASSPORT, ID_CARD → PASSPORT, ID_CARD, VISA" and, when the back sides
// change, "catalog.NLD.backSide: ID_CARD → (none)".
func (ch CatalogChange) Lines() []string {
	var out []string
	show := func(ts []IDType) string {
		if len(ts) == 0 {
			return "(none)"
		}
		s := make([]string, len(ts))
		for i, t := range ts {
			s[i] = string(t)
		}
		return strings.Join(s, ", ")
	}
	if !slices.Equal(ch.Old, ch.New) {
		out = append(out, fmt.Sprintf("catalog.%s: %s → %s", ch.Country, show(ch.Old), show(ch.New)))
	}
	if !slices.Equal(ch.OldBack, ch.NewBack) {
		out = append(out, fmt.Sprintf("catalog.%s.backSide: %s → %s", ch.Country, show(ch.OldBack), show(ch.NewBack)))
	}
	return out
}
