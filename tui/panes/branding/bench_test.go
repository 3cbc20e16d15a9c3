package branding

import (
	"fmt"
	"testing"

	"idvset/model"
	"idvset/themes"
	"idvset/tui/common"
	"idvset/tui/panetest"
)

// chrome is the editor's rows around a pane: header, tabs, rule, status and footer.
const chrome = 5

// allSet is a document in which all 40 scopes set both colours and all three images
// (one picture for the headers, one for the results), as a fully branded portal would.
func allSet(b *testing.B) model.Settings {
	s := model.Default()
	header, result := model.NewImage(pngBytes(b, 640, 160)), model.NewImage(pngBytes(b, 200, 200))
	for i, code := range model.BrandScopes() {
		s.Branding.SetColor(code, model.PrimaryColor, fmt.Sprintf("#%02X73E8", i))
		s.Branding.SetColor(code, model.SecondaryColor, fmt.Sprintf("#FF%02X00", i))
		s.Branding.SetImage(code, model.HeaderImage, header)
		s.Branding.SetImage(code, model.SuccessImage, result)
		s.Branding.SetImage(code, model.ErrorImage, result)
	}
	return s
}

// BenchmarkBranding measures one keystroke as the editor handles it, the pane's Update
// then its View, in colour, with every scope set: moving through the scopes (each
// redraws the fields, their swatches and the header's preview) and through one scope's
// fields (the preview follows the image under the cursor). view-bytes is the size of
// the pane's frame.
func BenchmarkBranding(b *testing.B) {
	for _, size := range []struct{ w, h int }{{80, 24}, {200, 50}} {
		for _, act := range []struct {
			name string
			open []string
			keys []string
		}{
			{"scopes", nil, []string{"down", "down", "up", "up"}},
			{"fields", []string{"enter"}, []string{"down", "down", "down", "down", "up", "up", "up", "up"}},
		} {
			b.Run(fmt.Sprintf("%dx%d/%s", size.w, size.h, act.name), func(b *testing.B) {
				h := panetest.New(b, allSet(b), func(ctx *common.Context) common.Pane { return New(ctx) },
					panetest.Size(size.w, size.h-chrome))
				h.Ctx.Styles = themes.New(themes.Dark())
				// Once round with the test driver, so every picture is decoded, as it is
				// after the first look at a scope.
				h.Press(act.open...).Press(act.keys...)
				h.Bench(b, panetest.Keys(act.keys...)...)
			})
		}
	}
}
