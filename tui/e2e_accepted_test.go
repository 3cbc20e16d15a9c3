package tui

// End-to-end: the Accepted IDs pane in the real binary, in tmux, as issue 9 asks.

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"idvset/model"
)

// waitGone polls the screen until it no longer shows s.
func (term *terminal) waitGone(s string) {
	term.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	var screen string
	for time.Now().Before(deadline) {
		if screen = term.screen(false); !strings.Contains(screen, s) {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	term.t.Fatalf("the screen still shows %q:\n%s", s, screen)
}

// At 80x24 without colour: per country, filter europe, mark all, none, clear the marks,
// filter deu, toggle ID_CARD and PASSPORT, save with the password. The export then has
// DEU with exactly those two types and every other European country with none.
func TestEndToEndAcceptedIDs(t *testing.T) {
	const pw = "quiet river stone"
	db := initDB(t, pw)
	term := openTerminal(t, 80, 24, []string{"NO_COLOR=1", "TERM=xterm-256color"}, "--db", db)
	term.waitFor("rev 1", "› Callback URL")

	term.send("M-5")
	term.waitFor("[5 IDs]", "Accepted IDs  per region", "Europe   supported 52 of 52")
	term.send("m")
	term.waitFor("c copies the region choices into the table")
	term.send("c")
	term.waitFor("per country", "250 countries", "changed: regions copied to the country table")

	term.typeText("/europe").send("Enter")
	term.waitFor("/europe", "52 of 250", "Albania")
	term.typeText("*")
	term.waitFor("52 of 250 · 52 marked", "space mark · 52 marked")
	term.typeText("n")
	term.waitFor("no ID type from 52 countries", "· no     · no     · no")
	term.typeText("-")
	term.waitGone("52 marked")

	term.typeText("/deu").send("Enter")
	term.waitFor("/deu", "1 of 250", "Germany")
	term.typeText("i")
	term.waitFor("ID_CARD on for Germany (DEU)")
	term.typeText("p")
	term.waitFor("PASSPORT on for Germany (DEU)", "DEU Germany", "Europe   ✓ yes    · no     ✓ yes    – n/a")
	term.wantNoColour()

	term.send("C-s")
	term.waitFor("Review:", "acceptedIds.mode: region → country")
	term.send("Enter")
	term.waitFor("Portal password")
	term.typeText(pw).send("Enter")
	term.waitFor("✓ saved revision 2", "rev 2")
	term.typeText("q")
	term.exited()

	out := runIdvset(t, "export", "--db", db)
	var doc struct {
		AcceptedIDs struct {
			Mode      string              `json:"mode"`
			Countries map[string][]string `json:"countries"`
		} `json:"acceptedIds"`
	}
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	a := doc.AcceptedIDs
	if a.Mode != "country" {
		t.Errorf("mode %q", a.Mode)
	}
	if got := a.Countries["DEU"]; !slices.Equal(got, []string{"PASSPORT", "ID_CARD"}) {
		t.Errorf("DEU accepts %v, want PASSPORT and ID_CARD", got)
	}
	for _, c := range model.CountriesIn(model.Europe) {
		if got := a.Countries[c]; c != "DEU" && len(got) > 0 {
			t.Errorf("%s accepts %v, want none", c, got)
		}
	}
	for _, c := range []string{"USA", "JPN", "NGA", "CYP"} {
		if len(a.Countries[c]) == 0 {
			t.Errorf("%s (not in Europe) accepts nothing", c)
		}
	}
}
