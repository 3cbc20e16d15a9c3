package qrcode

import (
	"strings"
	"testing"
	"unicode/utf8"

	"rsc.io/qr"
)

// modules reads the drawing back into light (true) and dark modules, two a cell.
func modules(t *testing.T, lines []string, invert bool) [][]bool {
	t.Helper()
	var out [][]bool
	for _, l := range lines {
		top, bottom := make([]bool, 0, len(l)), make([]bool, 0, len(l))
		for _, r := range l {
			var u, d bool // drawn halves
			switch r {
			case '█':
				u, d = true, true
			case '▀':
				u = true
			case '▄':
				d = true
			case ' ':
			default:
				t.Fatalf("unexpected %q in %q", r, l)
			}
			top, bottom = append(top, u != invert), append(bottom, d != invert)
		}
		out = append(out, top, bottom)
	}
	return out
}

// The drawing is the code: every module of rsc.io/qr's encoding, in place, inside a
// light margin of Quiet modules, normal and inverted.
func TestLinesDrawTheCode(t *testing.T) {
	const uri = "otpauth://totp/idvset:jumphost-prod-01?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
	code, err := qr.Encode(uri, qr.L)
	if err != nil {
		t.Fatal(err)
	}
	for _, invert := range []bool{false, true} {
		lines := Lines(uri, invert)
		// A 78-byte URI is a version-4 code: 33 modules, 37 with the margin, 19 lines.
		if code.Size != 33 || len(lines) != 19 {
			t.Fatalf("size %d, %d lines; want 33 and 19", code.Size, len(lines))
		}
		m := modules(t, lines, invert)
		// 37 module rows in 19 lines: the last line's lower half is no module.
		m = m[:code.Size+2*Quiet]
		for y, row := range m {
			if n := len(row); n != code.Size+2*Quiet {
				t.Fatalf("row %d is %d modules wide, want %d", y, n, code.Size+2*Quiet)
			}
			for x, light := range row {
				cx, cy := x-Quiet, y-Quiet
				inside := cx >= 0 && cy >= 0 && cx < code.Size && cy < code.Size
				want := !inside || !code.Black(cx, cy)
				if light != want {
					t.Fatalf("invert=%v: module (%d,%d) light=%v, want %v\n%s", invert, cx, cy, light, want, strings.Join(lines, "\n"))
				}
			}
		}
		for _, l := range lines {
			if utf8.RuneCountInString(l) != 37 {
				t.Fatalf("line %q is not 37 cells", l)
			}
		}
	}
}

func TestLinesTooLong(t *testing.T) {
	if got := Lines(strings.Repeat("x", 3000), false); got != nil {
		t.Errorf("%d lines for a text no QR code holds", len(got))
	}
}
