package model

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// writeFile puts data in a file named name in a temporary directory.
func writeFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestReadImageFileAccepts(t *testing.T) {
	for _, name := range []string{"logo.png", "logo.jpg"} {
		data := readImage(t, name)
		img, err := ReadImageFile(writeFile(t, name, data))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if img.Width != 48 || img.Height != 16 || img.SHA256 != sha256Hex(data) || len(img.Data) != len(data) {
			t.Fatalf("%s: %+v", name, img)
		}
		want := "image/png"
		if strings.HasSuffix(name, ".jpg") {
			want = "image/jpeg"
		}
		if img.MediaType != want {
			t.Fatalf("%s: media type %q", name, img.MediaType)
		}
	}
}

// Each refusal names what is wrong: by content, not by the file's name.
func TestReadImageFileRefuses(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "pipe.png")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, path, want string
	}{
		{"GIF renamed .png", writeFile(t, "logo.png", readImage(t, "logo.gif")),
			`not a PNG or JPEG image (starts with "GIF89a"): it is a GIF`},
		{"truncated PNG", writeFile(t, "cut.png", readImage(t, "truncated.png")), "PNG is damaged"},
		{"5 MiB + 1 byte", writeFile(t, "big.png", paddedPNG(t, MaxImageBytes+1)),
			"larger than the 5 MiB limit (5,242,881 bytes)"},
		{"a directory", t.TempDir(), "a directory, not an image file"},
		{"a named pipe", fifo, "a named pipe, not an image file"},
		{"a device", os.DevNull, "a character device, not an image file"},
		{"missing", filepath.Join(t.TempDir(), "none.png"), "no such file"},
		{"empty", writeFile(t, "empty.png", nil), "empty file"},
		{"no name", "", "no file named"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			img, err := ReadImageFile(tt.path)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("ReadImageFile = %v, %v; want an error with %q", img, err, tt.want)
			}
		})
	}
	// Exactly 5 MiB is allowed.
	if _, err := ReadImageFile(writeFile(t, "max.png", paddedPNG(t, MaxImageBytes))); err != nil {
		t.Fatalf("a PNG of exactly 5 MiB: %v", err)
	}
}

func TestDecodeImage(t *testing.T) {
	img, err := DecodeImage(readImage(t, "logo.jpg"))
	if err != nil || img.Bounds().Dx() != 48 || img.Bounds().Dy() != 16 {
		t.Fatalf("DecodeImage(logo.jpg) = %v, %v", img, err)
	}
	if _, err := DecodeImage(readImage(t, "logo.gif")); err == nil {
		t.Fatal("DecodeImage decoded a GIF")
	}
	if _, err := DecodeImage(withDims(readImage(t, "logo.png"), 100000, 100000)); err == nil {
		t.Fatal("DecodeImage decoded a bomb")
	}
}
