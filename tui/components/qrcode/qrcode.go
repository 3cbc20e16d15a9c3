// Package qrcode draws a QR code for a terminal with github.com/mdp/qrterminal in half
// blocks: a character cell holds two modules, one above the other, so the code is square
// on a terminal whose cells are twice as high as wide, and a version-4 code (33 modules)
// with a 2-module margin takes 37 columns by 19 lines: it fits an 80x24 screen.
//
// Light modules are drawn as blocks and dark ones as spaces: on a terminal with a dark
// background (most, and what the editor's colour themes force with their QRCode style)
// that reads as dark on light, which is what a scanner looks for. Invert swaps them for a
// terminal with a light background and no colour.
package qrcode

import (
	"bytes"
	"strings"

	"github.com/mdp/qrterminal/v3"
	"rsc.io/qr"
)

// Quiet is the margin of light modules around the code that Lines draws: the standard
// asks for 4, phone scanners read 2 well, and 2 is what keeps a code beside its
// instructions at 80x24.
const Quiet = 2

// Lines draws text as a QR code at error-correction level L (the smallest code, fine for
// a screen that cannot smudge), one string per line, all of one width. It returns nil when
// text is too long for any QR code.
func Lines(text string, invert bool) []string {
	if _, err := qr.Encode(text, qr.L); err != nil {
		return nil // qrterminal would dereference the nil code
	}
	cfg := qrterminal.Config{
		Level:          qr.L,
		HalfBlocks:     true,
		QuietZone:      Quiet,
		WhiteChar:      qrterminal.WHITE_WHITE,
		BlackChar:      qrterminal.BLACK_BLACK,
		WhiteBlackChar: qrterminal.WHITE_BLACK,
		BlackWhiteChar: qrterminal.BLACK_WHITE,
	}
	if invert {
		cfg.WhiteChar, cfg.BlackChar = qrterminal.BLACK_BLACK, qrterminal.WHITE_WHITE
		cfg.WhiteBlackChar, cfg.BlackWhiteChar = qrterminal.BLACK_WHITE, qrterminal.WHITE_BLACK
	}
	var b bytes.Buffer
	cfg.Writer = &b
	qrterminal.GenerateWithConfig(text, cfg)
	return strings.Split(strings.TrimRight(b.String(), "\n"), "\n")
}
