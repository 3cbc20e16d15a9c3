package main

import (
	"os"
	"path/filepath"
	"testing"
)

// edit refuses, before the editor starts: a document that does not parse (with the
// path of each mistake), a file in a directory that does not exist, a wrong number of
// arguments; and it needs a terminal.
func TestEditRefusals(t *testing.T) {
	dir := t.TempDir()
	broken := filepath.Join(dir, "broken.json")
	if err := os.WriteFile(broken, []byte(`{"general": {"tokenLifetimeMinutes": "thirty"}, "clients": {}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	runCLI(t, "", "edit", broken).want(t, exitInvalid,
		broken+": not a settings document the editor can open:\n",
		"general.tokenLifetimeMinutes: ", `clients: unknown field (did you mean "client"?)`)
	runCLI(t, "", "edit", filepath.Join(dir, "missing", "x.json")).want(t, exitUsage, "no such file or directory")
	runCLI(t, "", "edit").want(t, exitUsage, "edit: exactly one FILE expected")
	runCLI(t, "", "edit", filepath.Join(dir, "new.json"), "--theme", "plaid").want(t, exitUsage, "--theme:")
	runCLI(t, "", "edit", filepath.Join(dir, "new.json")).want(t, exitUsage, "the editor needs a terminal")
	if _, err := os.Stat(filepath.Join(dir, "new.json")); !os.IsNotExist(err) {
		t.Fatal("edit created the file without a save")
	}
}
