package main

import (
	"bytes"
	"database/sql"
	"testing"

	"idvset/model"
)

// A revision's images are kept once, by hash, and read when it is exported: the export
// is the imported document's, images and all, byte for byte. An image whose stored bytes
// were damaged is refused by its path rather than exported as other bytes or without
// them.
func TestExportReadsImagesByHash(t *testing.T) {
	db := initDB(t)
	runCLI(t, password+"\n", "import", "testdata/full.json", "--db", db, "--password-stdin").want(t, exitOK)
	doc, err := model.DecodeFile("testdata/full.json")
	if err != nil {
		t.Fatal(err)
	}
	r := runCLI(t, "", "export", "--db", db)
	r.want(t, exitOK)
	if !bytes.Equal([]byte(r.stdout), model.Encode(doc)) {
		t.Fatalf("the export differs from the imported document:\n%s", r.stdout)
	}

	conn, err := sql.Open("sqlite3", "file:"+db)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.Exec("UPDATE images SET data = X'89504E47' WHERE sha256 = ?", doc.Branding.Default.HeaderImage.SHA256); err != nil {
		t.Fatal(err)
	}
	r = runCLI(t, "", "export", "--db", db)
	r.want(t, exitUsage, "branding.default.headerImage", "do not match their sha256")
	if r.stdout != "" {
		t.Fatalf("a damaged image was exported:\n%s", r.stdout)
	}
}
