package accepted

import (
	"strings"
	"testing"

	"idvset/model"
	"idvset/themes"
	"idvset/tui/common"
)

// The table of 250 countries is computed when the pane is first shown, not while the
// editor starts on another pane; what changed meanwhile shows when it is.
func TestTableComputedWhenFirstShown(t *testing.T) {
	draft := model.NewDraft(model.Default())
	ctx := &common.Context{Width: 80, Height: 19, Styles: themes.New(themes.Mono()), Keys: common.NewKeyMap(), Draft: draft, Head: 1}
	p := New(ctx)
	p.SetSize(80, 19)
	draft.Reset(perCountry())
	p.Update(common.HeadMsg{Rev: 2})
	if p.effect != nil {
		t.Fatal("the table was computed while the pane was not shown")
	}
	p.Update(common.ShownMsg{})
	if p.effect == nil {
		t.Fatal("the table was not computed when the pane was shown")
	}
	if v := p.View(); !strings.Contains(v, "per country") || !strings.Contains(v, "250 countries") {
		t.Fatalf("the pane does not show the head's table:\n%s", v)
	}
}
