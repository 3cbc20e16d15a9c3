package tui

import (
	"testing"
	"testing/synctest"

	"idvset/tui/common"
)

// TestTwoFactorTurnedOn: when the Security pane says two-factor authentication turned on
// (an enrolment), the draft keeps its edits on a base that reports it, so the next save
// sends security.twoFactor as the store has it and asks for the code at once.
func TestTwoFactorTurnedOn(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store := newMemStore(testPassword)
		store.otp = "123456"
		d := newDriver(t, store, Options{})
		setCallback(d, "https://example.com/cb")
		d.send(paneMsg{pane: SectionSecurity, msg: common.TwoFactorMsg{On: true}})
		if !d.m.draft.Base().Security.TwoFactor || !d.m.draft.Current().Security.TwoFactor {
			t.Fatal("the draft does not report two-factor on")
		}
		d.wantView("● 1 unsaved change")
		d.press("ctrl+s")
		d.wantView("Review: 1 change", "general.callbackUrl")
		d.notView("security.twoFactor")
		d.press("enter")
		d.wantView("Portal password", "Two-factor code", "or a recovery code")
		d.typeText(testPassword).press("enter").typeText("123456").press("enter")
		d.wantView("✓ saved revision 2")
		if !store.head().Security.TwoFactor {
			t.Error("the saved revision says two-factor is off")
		}
		// And off again.
		d.send(paneMsg{pane: SectionSecurity, msg: common.TwoFactorMsg{On: false}})
		if d.m.draft.Current().Security.TwoFactor || d.m.draft.Dirty() {
			t.Error("turning off left the draft reporting on, or dirty")
		}
	})
}
