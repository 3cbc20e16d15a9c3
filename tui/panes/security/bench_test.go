package security

import (
	"fmt"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"idvset/model"
	"idvset/themes"
	"idvset/tui/common"
	"idvset/tui/panetest"
)

// BenchmarkPane measures one keystroke as the runtime handles it, Update then View, at
// 80x24 and 200x50 (the pane's share of them), in colour:
//   - move: a cursor move through 500 credentials (↓ ↓ ↑ ↑);
//   - qr-key: a key typed in the code field beside the QR code (then backspace).
func BenchmarkPane(b *testing.B) {
	s := newFakeStore()
	for i := range 500 {
		s.creds = append(s.creds, model.Credential{ID: fmt.Sprintf("tok_%012d", i), Label: fmt.Sprintf("credential %d", i),
			Kind: model.APIToken, Created: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)})
	}
	for _, size := range []struct{ w, h int }{{80, 24}, {200, 50}} {
		ctx := &common.Context{Width: size.w, Height: size.h, Styles: themes.New(themes.Dark()), Keys: common.NewKeyMap(),
			Draft: model.NewDraft(model.Default()), Now: time.Now}
		newPane := func() *Pane {
			p := New(ctx, s)
			p.SetSize(size.w, size.h-5)
			p.Update(stateCmd(s, true)())
			return p
		}
		run := func(name string, p *Pane, keys []tea.Msg) {
			b.Run(fmt.Sprintf("%dx%d/%s", size.w, size.h, name), func(b *testing.B) {
				b.ReportAllocs()
				for i := 0; b.Loop(); i++ {
					p.Update(keys[i%len(keys)])
					_ = p.View()
				}
			})
		}
		down, up := panetest.Key("down"), panetest.Key("up")
		run("move", newPane(), []tea.Msg{down, down, up, up})
		p := newPane()
		p.dialog = newDialog(ctx, actConfirm, false, size.w, size.h-5)
		p.dialog.key = model.TOTPKey{Secret: testSecret, URI: testURI, Issuer: "idvset", Account: "jumphost"}
		p.dialog.build()
		run("qr-key", p, []tea.Msg{panetest.Key("1"), panetest.Key("backspace")})
	}
}
