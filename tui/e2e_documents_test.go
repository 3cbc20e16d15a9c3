package tui

// End-to-end, issue 10: the Data and Documents panes in the real binary, at 80x24 without
// colour, as an admin over SSH would use them.

import (
	"strings"
	"testing"
	"time"

	"idvset/model"
)

// retentionSentences are the sentences a change from 360 to 90 days reads today, and
// tomorrow in case the test runs across midnight (UTC).
func retentionSentences() []string {
	old, new := model.DefaultPurgeAfterDays, 90
	var out []string
	for _, at := range []time.Time{time.Now(), time.Now().Add(time.Minute)} {
		loss, _ := model.RetentionShortening(model.Retention{PurgeAfterDays: &old}, model.Retention{PurgeAfterDays: &new}, at)
		out = append(out, loss.Sentence())
	}
	return out
}

// waitForOne polls the screen until it shows one of the strings, and returns it.
func (term *terminal) waitForOne(options ...string) string {
	term.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	var s string
	for time.Now().Before(deadline) {
		s = term.screen(false)
		for _, o := range options {
			if strings.Contains(s, o) {
				return o
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	term.t.Fatalf("the screen never showed one of %q:\n%s", options, s)
	return ""
}

// Add UTILBILL with a German translation; try utilbill and read the refusal; shorten
// retention from 360 to 90 days and read the warning; confirm, save with the password;
// idvset export shows both.
func TestEndToEndDocumentsAndRetention(t *testing.T) {
	const pw = "quiet river stone"
	db := initDB(t, pw)
	term := openTerminal(t, 80, 24, []string{"NO_COLOR=1", "TERM=xterm-256color"}, "--db", db)
	term.waitFor("rev 1", "› Callback URL")

	term.send("M-7")
	term.waitFor("[7 Docs]", "no custom document types yet: press a to add one")
	term.send("a")
	term.waitFor("Add a custom document type")
	term.typeText("UTILBILL")
	term.waitFor("✓ code UTILBILL is free")
	term.send("Enter").typeText("Utility bill").send("Enter")
	term.waitFor("› Utility bill") // the label takes the name
	term.send("Enter")
	term.waitFor("changed: added document UTILBILL", "UTILBILL · added in this draft, not saved yet")

	term.send("t")
	term.waitFor("Translations of UTILBILL", "no translations yet: press a to add one")
	term.send("a").typeText("germ")
	term.waitFor("1 of 39", "› German")
	term.send("Enter")
	term.waitFor("Label in German (de)")
	term.typeText("Nebenkostenabrechnung").send("Enter")
	term.waitFor("changed: UTILBILL: German label", "German                   de    Nebenkostenabrechnung")
	term.send("Escape")
	term.waitFor("UTILBILL · added in this draft, not saved yet · translated into de (t)")

	term.send("a").typeText("utilbill")
	term.waitFor(`✗ code "utilbill" is taken: "UTILBILL" (Utility bill) was added in this draft;`,
		"codes are unique regardless of case")
	term.send("Enter", "Enter", "Enter") // refused: the form stays open
	term.waitFor("Add a custom document type", `code "utilbill" is taken`)
	term.send("Escape")
	term.waitFor("1 document type")

	term.send("M-6")
	term.waitFor("[6 Data]", "Keep records      360 days, then deleted")
	term.send("End", "Up", "Enter", "C-u")
	term.typeText("90")
	// As typed, in the field (wrapped before "permanently"); kept, in the pane.
	var typed []string
	for _, s := range retentionSentences() {
		typed = append(typed, strings.TrimSuffix(s, " permanently"))
	}
	sentence := term.waitForOne(typed...) + " permanently"
	term.send("Enter")
	term.waitFor("changed: retention: 90 days", "! "+sentence, "compared with revision 1; saving asks you to confirm")

	term.send("C-s")
	term.waitFor("Review: ", "! "+sentence+".", "[ ] I understand (press d)", "documents[0].code")
	term.send("Enter") // not confirmed: nothing happens
	time.Sleep(200 * time.Millisecond)
	if s := term.screen(false); strings.Contains(s, "Portal password") {
		t.Fatalf("the password was asked before the deletion was confirmed:\n%s", s)
	}
	term.send("d")
	term.waitFor("[x] I understand")
	term.send("Enter")
	term.waitFor("Portal password")
	term.typeText(pw).send("Enter")
	term.waitFor("✓ saved revision 2", "rev 2", "no unsaved changes")
	term.wantNoColour()

	// Saved: the code now names its revision.
	term.send("M-7", "a").typeText("Utilbill")
	term.waitFor(`code "Utilbill" is taken: "UTILBILL" (Utility bill) has used it since`)
	term.send("Escape")
	term.waitFor("UTILBILL · since revision 2")
	term.send("q")
	term.exited()

	out := runIdvset(t, "export", "--db", db)
	for _, want := range []string{`"code": "UTILBILL"`, `"de": "Nebenkostenabrechnung"`, `"purgeAfterDays": 90`} {
		if !strings.Contains(string(out), want) {
			t.Fatalf("export lacks %s:\n%s", want, out)
		}
	}
}
