package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"idvset/model"
)

// countryDoc writes a document in country mode (the regions copied into the table) with
// autoAcceptNew as given, and imports it into db as revision 2.
func countryDoc(t *testing.T, db string, auto bool) {
	t.Helper()
	s := model.Default()
	s.AcceptedIDs.CopyRegionsToCountries(model.DefaultCatalog())
	s.AcceptedIDs.AutoAcceptNew = auto
	doc := filepath.Join(t.TempDir(), "country.json")
	if err := os.WriteFile(doc, model.Encode(s), 0o600); err != nil {
		t.Fatal(err)
	}
	runCLI(t, password+"\n", "import", doc, "--db", db, "--password-stdin").want(t, 0, "saved revision 2")
}

// testdata/catalog-2019.json is the default catalog with VISA for AUS CAN DEU FRA GBR JPN
// NLD, and no driving licence for SOM.
const vendorFile = "testdata/catalog-2019.json"

func TestCatalogImportAutoAcceptNew(t *testing.T) {
	db := initDB(t)
	countryDoc(t, db, true)

	before := snap(t, db)
	r := runCLI(t, "", "catalog", "import", vendorFile, "--db", db, "--dry-run")
	r.want(t, 0, "autoAcceptNew is on: 7 newly supported ID types now accepted: AUS VISA, CAN VISA, DEU VISA",
		"warning: 1 ID type still accepted though the new catalog no longer supports it: SOM DRIVING_LICENSE",
		"dry run: nothing saved (the catalog changes for 8 countries; 7 changes to the settings, against revision 2)")
	for _, line := range []string{
		"catalog: embedded default catalog → catalog of 2019-03-01 from catalog-2019.json\n",
		"catalog.NLD: PASSPORT, DRIVING_LICENSE, ID_CARD → PASSPORT, DRIVING_LICENSE, ID_CARD, VISA\n",
		"catalog.SOM.backSide: DRIVING_LICENSE, ID_CARD → ID_CARD\n",
		"acceptedIds.countries.NLD: PASSPORT, DRIVING_LICENSE, ID_CARD → PASSPORT, DRIVING_LICENSE, ID_CARD, VISA\n",
	} {
		if !strings.Contains(r.stdout, line) {
			t.Errorf("stdout lacks %q:\n%s", line, r.stdout)
		}
	}
	if !snap(t, db).equal(before) {
		t.Fatal("--dry-run wrote to the database")
	}

	runCLI(t, password+"\n", "catalog", "import", vendorFile, "--db", db, "--password-stdin").
		want(t, 0, "saved revision 3: catalog of 2019-03-01 from catalog-2019.json in force")
	out := runCLI(t, "", "export", "--db", db)
	if !strings.Contains(out.stdout, `"NLD": [
        "PASSPORT",
        "DRIVING_LICENSE",
        "ID_CARD",
        "VISA"
      ]`) {
		t.Errorf("export: NLD does not accept VISA:\n%s", out.stdout)
	}
	hist := runCLI(t, "", "history", "--db", db)
	if !strings.Contains(hist.stdout, "imported catalog of 2019-03-01 from catalog-2019.json: 7 changes: acceptedIds.countries.AUS") {
		t.Errorf("history:\n%s", hist.stdout)
	}
	if n := count(t, db, "SELECT count(*) FROM catalog_imports WHERE revision = 3 AND source = 'catalog-2019.json'"); n != 1 {
		t.Error("the import is not recorded with its revision and file")
	}
	// The same file again changes nothing and asks for nothing.
	runCLI(t, "", "catalog", "import", vendorFile, "--db", db, "--password-stdin").
		want(t, 0, "no changes: testdata/catalog-2019.json is the catalog in force (catalog of 2019-03-01 from catalog-2019.json, imported in revision 3)")
	// The vendor's accepted list of a revision is written with that revision's catalog:
	// SOM's driving licence has a back side in the default catalog, none in the new one
	// (which no longer supports it; it stays accepted).
	somLicence := func(r result) string {
		s := r.stdout[strings.Index(r.stdout, `"countryCode": "SOM"`):]
		s = s[strings.Index(s, `"DRIVING_LICENSE"`):]
		return s[:strings.Index(s, "}")]
	}
	v2 := runCLI(t, "", "export", "--db", db, "--revision", "2", "--accepted-id-types")
	v3 := runCLI(t, "", "export", "--db", db, "--accepted-id-types")
	if !strings.Contains(somLicence(v2), `"backSide": true`) || !strings.Contains(somLicence(v3), `"backSide": false`) {
		t.Errorf("SOM's driving licence: revision 2 %q, head %q", somLicence(v2), somLicence(v3))
	}
	if strings.Count(v2.stdout, `"idType": "VISA"`) != 2 || strings.Count(v3.stdout, `"idType": "VISA"`) != 9 {
		t.Errorf("accepted VISA: revision 2 %d, head %d; want 2 and 9",
			strings.Count(v2.stdout, `"idType": "VISA"`), strings.Count(v3.stdout, `"idType": "VISA"`))
	}
}

func TestCatalogImportWithoutAutoAcceptNew(t *testing.T) {
	db := initDB(t)
	countryDoc(t, db, false)
	r := runCLI(t, password+"\n", "catalog", "import", vendorFile, "--db", db, "--password-stdin")
	r.want(t, 0, "7 newly supported ID types not accepted (autoAcceptNew is off: accept them in the editor if you want them): AUS VISA",
		"saved revision 3: catalog of 2019-03-01 from catalog-2019.json in force (the catalog changes for 8 countries; 0 changes to the settings)")
	if strings.Contains(r.stdout, "acceptedIds") {
		t.Errorf("autoAcceptNew off, yet the settings change:\n%s", r.stdout)
	}
	if n := count(t, db, "SELECT count(*) FROM accepted_country_types WHERE id_type = 'VISA'"); n != 2 {
		t.Errorf("%d countries accept VISA, want 2 (USA, CHN)", n)
	}
}

// A malformed catalog is refused with the path of its first mistake, before the
// database is opened or the password read: the file is byte for byte as it was.
func TestCatalogImportRefused(t *testing.T) {
	db := initDB(t)
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	good := string(readFile(t, vendorFile))
	// The first mistake: NLD's second type; a later one: an unknown country.
	broken := strings.Replace(good, `"countryCode": "NLD",
      "countryName": "Netherlands",
      "idTypes": [
        {
          "idType": "PASSPORT",
          "acquisitionConfig": {
            "backSide": false
          }
        },
        {
          "idType": "DRIVING_LICENSE",`, `"countryCode": "NLD",
      "countryName": "Netherlands",
      "idTypes": [
        {
          "idType": "PASSPORT",
          "acquisitionConfig": {
            "backSide": false
          }
        },
        {
          "idType": "DRIVING_LICENCE",`, 1)
	broken = strings.Replace(broken, `"countryCode": "ZWE"`, `"countryCode": "ZZZ"`, 1)
	if broken == good {
		t.Fatal("the test file was not broken")
	}
	if err := os.WriteFile(bad, []byte(broken), 0o600); err != nil {
		t.Fatal(err)
	}
	before := snap(t, db)
	r := runCLI(t, password+"\n", "catalog", "import", bad, "--db", db, "--password-stdin")
	r.want(t, exitInvalid, bad+": not imported: nothing was changed")
	first := strings.SplitN(r.stderr, "\n", 2)[0]
	if !strings.HasPrefix(first, "supportedIdTypes[") || !strings.HasSuffix(first, `].idTypes[1].idType: unknown ID type "DRIVING_LICENCE": use one of PASSPORT, DRIVING_LICENSE, ID_CARD, VISA`) {
		t.Errorf("first line %q: not the path of the first mistake", first)
	}
	if !strings.Contains(r.stderr, `.countryCode: unknown country "ZZZ"`) {
		t.Errorf("the later mistake is not listed:\n%s", r.stderr)
	}
	if !snap(t, db).equal(before) {
		t.Fatal("a refused catalog changed the database")
	}

	// Too large: refused by its size.
	big := filepath.Join(dir, "big.json")
	if err := os.WriteFile(big, make([]byte, model.MaxCatalogBytes+1), 0o600); err != nil {
		t.Fatal(err)
	}
	runCLI(t, password+"\n", "catalog", "import", big, "--db", db, "--password-stdin").
		want(t, exitInvalid, "catalog: 4194305 bytes: a catalog is at most 4194304 bytes (4 MiB)")

	// A wrong password counts as an attempt and saves nothing.
	runCLI(t, "not the password\n", "catalog", "import", vendorFile, "--db", db, "--password-stdin").
		want(t, exitInvalid, "password: wrong password")
	if n := count(t, db, "SELECT count(*) FROM revisions"); n != 1 {
		t.Errorf("%d revisions after a wrong password, want 1", n)
	}
	if n := count(t, db, "SELECT count(*) FROM auth_log WHERE kind = 'catalog import' AND outcome = 'wrong password'"); n != 1 {
		t.Error("the failed attempt is not logged")
	}

	for _, tc := range []struct {
		args []string
		msg  string
	}{
		{[]string{"catalog"}, "catalog: expected import FILE"},
		{[]string{"catalog", "export"}, "catalog: expected import FILE"},
		{[]string{"catalog", "import", vendorFile}, "--password-stdin is required to save (or use --dry-run)"},
		{[]string{"catalog", "import"}, "exactly one FILE expected"},
		{[]string{"catalog", "import", filepath.Join(dir, "missing.json"), "--dry-run"}, "missing.json: no such file or directory"},
	} {
		runCLI(t, "", append(tc.args, "--db", db)...).want(t, exitUsage, tc.msg)
	}
}
