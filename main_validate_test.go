package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestValidateCommand runs `idvset validate` on every fixture in testdata/validate and
// compares exit code and stderr with the golden .stderr file next to it (regenerate with
// UPDATE_GOLDEN=1 go test -run TestValidateCommand .).
func TestValidateCommand(t *testing.T) {
	tests := []struct {
		file string
		code int
	}{
		{"valid.json", exitOK},
		{"empty-object.json", exitOK},
		{"warnings-only.json", exitOK},
		{"bad-urls.json", exitInvalid},
		{"bad-fields.json", exitInvalid},
		{"unknown-field.json", exitInvalid},
		{"wrong-types.json", exitInvalid},
		{"wrong-format.json", exitInvalid},
		{"not-json.json", exitInvalid},
		{"bad-images.json", exitInvalid},
		{"bad-image-content.json", exitInvalid},
		{"bad-base64.json", exitInvalid},
		{"dup-code.json", exitInvalid},
	}
	for _, tt := range tests {
		t.Run(strings.TrimSuffix(tt.file, ".json"), func(t *testing.T) {
			path := filepath.Join("testdata", "validate", tt.file)
			var stdout, stderr bytes.Buffer
			code := run([]string{"validate", path}, strings.NewReader(""), &stdout, &stderr)
			if code != tt.code {
				t.Errorf("exit code %d, want %d; stderr:\n%s", code, tt.code, stderr.String())
			}
			if stdout.Len() != 0 {
				t.Errorf("validate wrote to stdout: %q", stdout.String())
			}
			golden := strings.TrimSuffix(path, ".json") + ".stderr"
			if os.Getenv("UPDATE_GOLDEN") != "" {
				if err := os.WriteFile(golden, stderr.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with UPDATE_GOLDEN=1 to create it)", err)
			}
			if stderr.String() != string(want) {
				t.Errorf("stderr:\n%s\nwant:\n%s", stderr.String(), want)
			}
			for _, line := range strings.Split(strings.TrimSpace(stderr.String()), "\n") {
				if line != "" && !strings.Contains(line, ": ") {
					t.Errorf("line %q is not \"path: message\"", line)
				}
			}
		})
	}
}

func TestValidateUsageErrors(t *testing.T) {
	tests := []struct {
		args  []string
		words string
	}{
		{[]string{"validate"}, "exactly one FILE"},
		{[]string{"validate", "a.json", "b.json"}, "exactly one FILE"},
		{[]string{"validate", "testdata/validate/no-such-file.json"}, "no such file"},
		{[]string{"validate", "testdata"}, "is a directory"},
		{[]string{"validate", "--bogus", "x"}, "flag provided but not defined"},
	}
	for _, tt := range tests {
		var stdout, stderr bytes.Buffer
		if code := run(tt.args, strings.NewReader(""), &stdout, &stderr); code != exitUsage {
			t.Errorf("%v: exit %d, want %d", tt.args, code, exitUsage)
		}
		if !strings.Contains(stderr.String(), tt.words) {
			t.Errorf("%v: stderr %q, want %q", tt.args, stderr.String(), tt.words)
		}
	}
}
