package persist

import (
	"database/sql"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"idvset/model"
)

// vendorCatalog is the default catalog with VISA supported for the given countries and
// DRIVING_LICENSE dropped for DEU, dated 2019-03-01, as if read from source.
func vendorCatalog(t testing.TB, source string, visa ...string) *model.Catalog {
	t.Helper()
	cat := model.DefaultCatalog()
	cat.Timestamp = "2019-03-01T14:13:38.938Z"
	for _, c := range visa {
		cat.Countries[c][model.Visa] = model.CatalogEntry{BackSide: true}
	}
	delete(cat.Countries["DEU"], model.DrivingLicense)
	again, err := model.ParseCatalog(cat.Encode())
	if err != nil {
		t.Fatal(err)
	}
	again.Source = source
	return again
}

// countryMode saves a revision in country mode (the regions copied) with autoAcceptNew
// as given, and returns its number.
func countryMode(t *testing.T, s *Store, auto bool) int {
	t.Helper()
	rev, doc, err := s.Head()
	if err != nil {
		t.Fatal(err)
	}
	cat, _ := s.Catalog()
	doc.AcceptedIDs.CopyRegionsToCountries(cat)
	doc.AcceptedIDs.AutoAcceptNew = auto
	rev, err = s.Save(doc, rev, testPassword, "")
	if err != nil {
		t.Fatal(err)
	}
	return rev
}

func TestImportCatalogAutoAcceptNew(t *testing.T) {
	s, path := newStore(t, nil)
	base := countryMode(t, s, true)
	cat := vendorCatalog(t, "vendor-2019.json", "NLD", "FRA")

	rev, err := s.ImportCatalog(cat, base, testPassword, "")
	if err != nil {
		t.Fatal(err)
	}
	if rev != base+1 {
		t.Fatalf("revision %d, want %d", rev, base+1)
	}
	_, head, _ := s.Head()
	if got := head.AcceptedIDs.Countries["NLD"]; !slices.Contains(got, model.Visa) {
		t.Errorf("NLD accepts %v: autoAcceptNew did not accept the newly supported VISA", got)
	}
	if got := head.AcceptedIDs.Countries["DEU"]; !slices.Contains(got, model.DrivingLicense) {
		t.Errorf("DEU accepts %v: a type the catalog drops must stay accepted (with a warning)", got)
	}
	inForce, err := s.Catalog()
	if err != nil {
		t.Fatal(err)
	}
	if got := inForce.Describe(); got != "catalog of 2019-03-01 from vendor-2019.json, imported in revision 3" {
		t.Errorf("catalog in force: %q", got)
	}
	if !inForce.Supports("NLD", model.Visa) || inForce.Supports("DEU", model.DrivingLicense) {
		t.Error("the catalog in force is not the imported one")
	}
	if old, _ := s.CatalogAt(base); !old.IsDefault() {
		t.Errorf("revision %d's catalog is %s, want the default", base, old.Describe())
	}
	db := rawDB(t, path)
	if n := queryInt(t, db, "SELECT count(*) FROM accepted_effective WHERE country = 'NLD' AND id_type = 'VISA'"); n != 1 {
		t.Error("accepted_effective lacks NLD VISA")
	}
	info, _ := s.RevisionInfo(rev)
	if !strings.HasPrefix(info.Summary, "imported catalog of 2019-03-01 from vendor-2019.json: 2 changes: acceptedIds.countries.FRA") {
		t.Errorf("summary %q", info.Summary)
	}
	if got := queryString(t, db, "SELECT catalog FROM revisions WHERE number = ?", rev); got != cat.SHA256() {
		t.Errorf("revision %d records catalog %q, want %s", rev, got, cat.SHA256())
	}

	// The same catalog again: nothing to save, and no password attempt wasted on it.
	if _, err := s.ImportCatalog(cat, rev, testPassword, ""); !errors.Is(err, model.ErrNothingToSave) {
		t.Errorf("importing the catalog in force again: %v", err)
	}
	// Later saves and rollbacks keep the catalog in force: it is the vendor's, not a setting.
	_, doc, _ := s.Head()
	doc.General.CallbackURL = "https://example.com/cb"
	next, err := s.Save(doc, rev, testPassword, "")
	if err != nil {
		t.Fatal(err)
	}
	back, err := s.Rollback(1, testPassword, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []int{next, back} {
		if c, _ := s.CatalogAt(n); c.Revision != rev || c.Source != "vendor-2019.json" {
			t.Errorf("revision %d: catalog %s, want the one of revision %d", n, c.Describe(), rev)
		}
	}
	if n := queryInt(t, db, "SELECT count(*) FROM accepted_effective WHERE country = 'DEU' AND id_type = 'DRIVING_LICENSE'"); n != 0 {
		t.Error("after the rollback (region mode, supported), DEU still accepts the driving licence the catalog dropped")
	}
}

func TestImportCatalogWithoutAutoAcceptNew(t *testing.T) {
	s, _ := newStore(t, nil)
	base := countryMode(t, s, false)
	_, before, _ := s.Head()
	rev, err := s.ImportCatalog(vendorCatalog(t, "v.json", "NLD"), base, testPassword, "")
	if err != nil {
		t.Fatal(err)
	}
	_, after, _ := s.Head()
	mustEqualDoc(t, after, before) // a new revision, with the same settings
	if rev != base+1 {
		t.Errorf("revision %d, want %d", rev, base+1)
	}
	info, _ := s.RevisionInfo(rev)
	if !strings.HasSuffix(info.Summary, ": no changes") {
		t.Errorf("summary %q", info.Summary)
	}
}

// In region mode the settings do not change, but what a "supported" region accepts in
// effect follows the new catalog.
func TestImportCatalogRegionMode(t *testing.T) {
	s, path := newStore(t, nil)
	if _, err := s.ImportCatalog(vendorCatalog(t, "v.json", "NLD"), 1, testPassword, ""); err != nil {
		t.Fatal(err)
	}
	db := rawDB(t, path)
	if n := queryInt(t, db, "SELECT count(*) FROM accepted_effective WHERE country = 'NLD' AND id_type = 'VISA'"); n != 1 {
		t.Error("a supported region does not accept the newly supported VISA")
	}
	if n := queryInt(t, db, "SELECT count(*) FROM accepted_effective WHERE country = 'DEU' AND id_type = 'DRIVING_LICENSE'"); n != 0 {
		t.Error("a supported region still accepts what the catalog dropped")
	}
}

// A refused import writes nothing: a wrong password (which counts towards the lockout),
// a conflict.
func TestImportCatalogRefused(t *testing.T) {
	s, path := newStore(t, nil)
	cat := vendorCatalog(t, "v.json", "NLD")
	if _, err := s.ImportCatalog(cat, 1, "not the password at all", ""); !errors.Is(err, model.ErrWrongPassword) {
		t.Fatalf("wrong password: %v", err)
	}
	var conflict *model.ConflictError
	if _, err := s.ImportCatalog(cat, 7, testPassword, ""); !errors.As(err, &conflict) {
		t.Fatalf("stale base: %v", err)
	}
	db := rawDB(t, path)
	for q, want := range map[string]int{
		"SELECT count(*) FROM revisions":                                                 1,
		"SELECT count(*) FROM catalogs":                                                  0,
		"SELECT count(*) FROM catalog_imports":                                           0,
		"SELECT count(*) FROM auth_log WHERE kind = 'catalog import'":                    1, // the stale base is refused before the password
		"SELECT count(*) FROM auth_log WHERE outcome = 'wrong password'":                 1,
		"SELECT failures FROM auth_state":                                                1,
		"SELECT count(*) FROM revisions WHERE catalog IS NOT NULL":                       0,
		"SELECT count(*) FROM accepted_effective WHERE id_type = 'VISA'":                 2, // USA and CHN, as before
		"SELECT count(*) FROM auth_log WHERE kind = 'catalog import' AND outcome = 'ok'": 0,
	} {
		if got := queryInt(t, db, q); got != want {
			t.Errorf("%s = %d, want %d", q, got, want)
		}
	}
	if c, _ := s.Catalog(); !c.IsDefault() {
		t.Errorf("catalog in force: %s", c.Describe())
	}
}

// Catalogs are kept once by hash; every import is recorded with its revision and file.
func TestCatalogsStoredOnce(t *testing.T) {
	s, path := newStore(t, nil)
	a, b := vendorCatalog(t, "a.json", "NLD"), vendorCatalog(t, "b.json", "FRA")
	rev := 1
	for _, cat := range []*model.Catalog{a, b, a} {
		var err error
		if rev, err = s.ImportCatalog(cat, rev, testPassword, ""); err != nil {
			t.Fatal(err)
		}
	}
	db := rawDB(t, path)
	if n := queryInt(t, db, "SELECT count(*) FROM catalogs"); n != 2 {
		t.Errorf("%d catalogs stored, want 2", n)
	}
	if n := queryInt(t, db, "SELECT count(*) FROM catalog_imports"); n != 3 {
		t.Errorf("%d imports recorded, want 3", n)
	}
	for n, want := range map[int]string{1: "embedded default catalog",
		2: "catalog of 2019-03-01 from a.json, imported in revision 2",
		3: "catalog of 2019-03-01 from b.json, imported in revision 3",
		4: "catalog of 2019-03-01 from a.json, imported in revision 4"} {
		c, err := s.CatalogAt(n)
		if err != nil || c.Describe() != want {
			t.Errorf("CatalogAt(%d) = %v, %v; want %s", n, c.Describe(), err, want)
		}
	}
	if _, err := s.CatalogAt(9); !errors.Is(err, ErrNoRevision) {
		t.Errorf("CatalogAt(9): %v", err)
	}
	// Another store on the file (another process) reads the same catalog.
	other := openTest(t, path, nil)
	if c, err := other.Catalog(); err != nil || c.Revision != 4 || !c.Supports("NLD", model.Visa) {
		t.Errorf("another store reads %v, %v", c, err)
	}
}

// A database of schema 1 (before catalogs were kept) comes up with its revisions on the
// embedded default, and takes an import.
func TestMigrateCatalogs(t *testing.T) {
	path := filepath.Join(t.TempDir(), "settings.db")
	db, err := sql.Open("sqlite3", dsn(path, dsnParams))
	if err != nil {
		t.Fatal(err)
	}
	if err := migrate(t.Context(), db, 1); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`INSERT INTO revisions (number, created_at, author, summary, base, document)
		VALUES (1, '2026-03-01T09:00:00Z', 'old', 'initial settings', 0, ?)`, string(model.EncodeWithoutImageData(model.Default()))); err != nil {
		t.Fatal(err)
	}
	db.Close()
	s := openTest(t, path, nil)
	if err := s.SetPassword(testPassword); err != nil {
		t.Fatal(err)
	}
	if c, err := s.CatalogAt(1); err != nil || !c.IsDefault() {
		t.Fatalf("revision 1 of schema 1: %v, %v", c, err)
	}
	if _, err := s.ImportCatalog(vendorCatalog(t, "v.json", "NLD"), 1, testPassword, ""); err != nil {
		t.Fatal(err)
	}
}
