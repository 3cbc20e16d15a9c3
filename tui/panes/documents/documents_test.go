package documents

import (
	"fmt"
	"strings"
	"testing"
	"testing/synctest"

	"idvset/model"
	"idvset/tui/common"
	"idvset/tui/panetest"
)

// saved is a head with two document types: UTILBILL (enabled, one translation, first
// saved in revision 4) and PAYSLIP (disabled, revision 2); OLD was used by revision 3
// only (a history that lost it long ago).
func saved() (model.Settings, []model.UsedCode) {
	s := model.Default()
	s.Documents = []model.Document{
		{Code: "PAYSLIP", Name: "Payslip", Label: "Payslip", Enabled: false},
		{Code: "UTILBILL", Name: "Utility bill", Label: "Utility bill", Enabled: true,
			Translations: map[string]string{"de": "Nebenkostenabrechnung"}},
	}
	return s, []model.UsedCode{{Code: "PAYSLIP", Revision: 2}, {Code: "OLD", Revision: 3}, {Code: "UTILBILL", Revision: 4}}
}

func newPane(t testing.TB, s model.Settings, used []model.UsedCode, opts ...panetest.Option) *panetest.Harness {
	opts = append([]panetest.Option{func(c *common.Context) { c.Rules.UsedCodes = used }}, opts...)
	return panetest.New(t, s, func(ctx *common.Context) common.Pane { return New(ctx) }, opts...)
}

func docs(h *panetest.Harness) []model.Document { return h.Draft.Current().Documents }

func TestListsDocuments(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s, used := saved()
		h := newPane(t, s, used)
		h.WantView("2 document types",
			"Code", "Name", "English label", "State", "Translations",
			"PAYSLIP    Payslip", "disabled              0",
			"UTILBILL   Utility bill", "enabled               1",
			"PAYSLIP · since revision 2 · no translations (t adds one)")
		h.Press("down")
		h.WantView("› ", "UTILBILL · since revision 4 · translated into de (t)")
	})
}

// typeCode opens the add form and types code, leaving it open on the code field.
func typeCode(h *panetest.Harness, code string) {
	h.T.Helper()
	h.Press("a")
	if !h.Pane.Capturing() {
		h.T.Fatalf("a opened no form:\n%s", h.View())
	}
	h.Type(code)
}

// Every rule of a new code, read as it is typed.
func TestAddChecksTheCodeAsTyped(t *testing.T) {
	for _, c := range []struct {
		name, code string
		want       string
	}{
		{"whitespace", "UTIL BILL", `must not contain whitespace (" " at position 5)`},
		{"too long", "UTILITYBILL", "longer than 10 characters (11)"},
		{"the same code", "UTILBILL", `code "UTILBILL" is taken: "UTILBILL" (Utility bill) has used it since revision 4`},
		{"another case", "utilbill", `code "utilbill" is taken: "UTILBILL" (Utility bill) has used it since revision 4`},
		{"a disabled document", "Payslip", `code "Payslip" is taken: the disabled document "PAYSLIP" (Payslip) has used it since revision 2`},
		{"an earlier revision", "old", `code "old" was used as "OLD" in revision 3; a code once used is never used again, in any case`},
	} {
		t.Run(c.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				s, used := saved()
				h := newPane(t, s, used, panetest.Size(120, 30))
				typeCode(h, c.code)
				h.WantView(c.want)
				// Enter moves on, and the document is refused at the end.
				h.Press("enter").Type("Something").Press("enter", "enter")
				if len(h.Edits) != 0 || !h.Pane.Capturing() {
					t.Fatalf("a refused code was kept: edits %q", h.Edits)
				}
				h.WantView(c.want)
				h.Press("esc")
				if h.Pane.Capturing() || len(docs(h)) != 2 {
					t.Fatalf("esc: still open, or %d documents", len(docs(h)))
				}
			})
		})
	}
}

// A code added in this draft is taken too, and an unsaved one is named as such.
func TestAddTwiceInOneDraft(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s, used := saved()
		h := newPane(t, s, used, panetest.Size(120, 30))
		typeCode(h, "BANKSTMT")
		h.WantView("✓ code BANKSTMT is free")
		h.Press("enter").Type("Bank statement").Press("enter", "enter")
		typeCode(h, "bankstmt")
		h.WantView(`code "bankstmt" is taken: "BANKSTMT" (Bank statement) was added in this draft`)
	})
}

func TestAddDocument(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s, used := saved()
		h := newPane(t, s, used)
		typeCode(h, "BANKSTMT")
		h.WantView("Add a custom document type", "The code can never change, and is never used again", "✓ code BANKSTMT is free")
		// The label takes the name when left empty: most are labelled as named.
		h.Press("enter").Type("  Bank statement ").Press("enter")
		h.WantView("› Bank statement")
		h.Press("enter")
		if h.Pane.Capturing() {
			t.Fatalf("the form stayed open:\n%s", h.View())
		}
		want := model.Document{Code: "BANKSTMT", Name: "Bank statement", Label: "Bank statement", Enabled: true}
		got := docs(h)
		if len(got) != 3 || fmt.Sprint(got[2]) != fmt.Sprint(want) {
			t.Fatalf("documents %+v", got)
		}
		if strings.Join(h.Edits, ",") != "added document BANKSTMT" {
			t.Fatalf("edits %q: one undo step", h.Edits)
		}
		// The cursor is on the new row.
		h.WantView("›  BANKSTMT", "BANKSTMT · added in this draft, not saved yet")
	})
}

// Enter on the last field with a field missing goes back to it and says why.
func TestAddNeedsNameAndLabel(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s, used := saved()
		h := newPane(t, s, used, panetest.Size(100, 30))
		typeCode(h, "TAXRET")
		h.Press("tab", "tab", "enter")
		h.WantView("required: give the document type a name", "required: give the default label in English")
		if len(h.Edits) != 0 {
			t.Fatalf("kept without a name: %q", h.Edits)
		}
		h.Type("Tax return") // the name has the focus again
		h.Press("enter", "enter")
		if got := docs(h); len(got) != 3 || got[2].Name != "Tax return" || got[2].Label != "Tax return" {
			t.Fatalf("documents %+v", got)
		}
	})
}

// The code is shown and cannot be edited: the form has no field for it and says why; the
// edit keeps it.
func TestEditKeepsTheCode(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s, used := saved()
		h := newPane(t, s, used)
		h.Press("down", "enter")
		h.WantView("Edit document type UTILBILL", "The code UTILBILL cannot be edited", "disable it (x) instead", "Name", "English label")
		h.NotView("┃ Code")
		// Tab and shift+tab go round name and label only; typing never reaches a code.
		h.Press("shift+tab", "shift+tab")
		h.Erase(len("Utility bill")).Type("Utility invoice").Press("tab")
		h.Erase(len("Utility bill")).Type("Invoice")
		h.Press("enter")
		got := docs(h)[1]
		if got.Code != "UTILBILL" || got.Name != "Utility invoice" || got.Label != "Invoice" || got.Translations["de"] != "Nebenkostenabrechnung" {
			t.Fatalf("document %+v", got)
		}
		if strings.Join(h.Edits, ",") != "document UTILBILL: name and label" {
			t.Fatalf("edits %q", h.Edits)
		}
		// A blank name is refused at enter.
		h.Press("enter").Erase(len("Utility invoice")).Press("enter", "enter")
		h.WantView("required: give the document type a name")
		if len(h.Edits) != 1 {
			t.Fatalf("a blank name was kept: %q", h.Edits)
		}
	})
}

// x disables the marked rows at once, one undo step; again it enables them; a mixed set
// is disabled.
func TestDisableEnableMarked(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s, used := saved()
		s.Documents = append(s.Documents, model.Document{Code: "BANKSTMT", Name: "Bank statement", Label: "Bank statement", Enabled: true})
		h := newPane(t, s, used)
		state := func() string {
			var out []string
			for _, d := range docs(h) {
				out = append(out, fmt.Sprintf("%s=%v", d.Code, d.Enabled))
			}
			return strings.Join(out, " ")
		}
		// Mixed (PAYSLIP off, UTILBILL on): disabled.
		h.Press("space", "down", "space")
		if got := fmt.Sprint(h.Pane.KeyMap().ShortHelp()); !strings.Contains(got, "disable 2") {
			t.Errorf("footer %s: x must say what it does", got)
		}
		h.Press("x")
		if got := state(); got != "PAYSLIP=false UTILBILL=false BANKSTMT=true" {
			t.Fatalf("after x: %s", got)
		}
		h.WantView("disabled              0", "2 marked")
		// The footer follows at once: both are off now.
		if got := fmt.Sprint(h.Pane.KeyMap().ShortHelp()); !strings.Contains(got, "enable 2") {
			t.Errorf("footer after x: %s", got)
		}
		// Both off now: enabled.
		h.Press("x")
		if got := state(); got != "PAYSLIP=true UTILBILL=true BANKSTMT=true" {
			t.Fatalf("after x again: %s", got)
		}
		if strings.Join(h.Edits, ",") != "disabled 2 documents,enabled 2 documents" {
			t.Fatalf("edits %q: one undo step each", h.Edits)
		}
		// One undo step undoes both.
		h.Draft.Undo()
		h.Send(common.HeadMsg{Rev: 1}) // any message: the pane reads the draft again
		if got := state(); got != "PAYSLIP=false UTILBILL=false BANKSTMT=true" {
			t.Fatalf("after undo: %s", got)
		}
		// No marks: the cursor row.
		h.Press("-", "end", "x")
		if got := state(); got != "PAYSLIP=false UTILBILL=false BANKSTMT=false" {
			t.Fatalf("x on the cursor row: %s", got)
		}
	})
}

// d and delete never delete: they say documents are disabled, and change nothing.
func TestDeleteKey(t *testing.T) {
	for _, k := range []string{"d", "delete"} {
		t.Run(k, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				s, used := saved()
				h := newPane(t, s, used)
				h.Press("down").WantSaid(panetest.Key(k), common.StatusMsg{Kind: common.StatusWarning,
					Text: "documents are never deleted, only disabled: x disables UTILBILL"})
				h.Press("up", k)
				if !strings.Contains(h.Status.Text, "PAYSLIP is disabled already") {
					t.Fatalf("status %+v", h.Status)
				}
				if len(h.Edits) != 0 || len(docs(h)) != 2 {
					t.Fatalf("edits %q, %d documents", h.Edits, len(docs(h)))
				}
			})
		})
	}
}

func TestTranslations(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s, used := saved()
		h := newPane(t, s, used)
		h.Press("down", "t")
		h.WantView("Translations of UTILBILL", "English label: Utility bill", "German", "de", "Nebenkostenabrechnung")
		// Add French through the picker.
		h.Press("a").Type("fren")
		h.WantView("French", "1 of 39")
		h.Press("enter")
		h.WantView("Label in French (fr)", "English: Utility bill")
		h.Press("enter")
		h.WantView("✗ empty: give the label in French or remove the translation")
		h.Type("Facture").Press("enter")
		// The picker says which languages have a label already.
		h.Press("a").Type("germ")
		h.WantView("has Nebenkostenabrechnung")
		h.Press("esc")
		// Edit the German label (rows go by language name: French, German).
		h.Press("end", "enter").Erase(len("Nebenkostenabrechnung")).Type("Rechnung").Press("enter")
		tr := docs(h)[1].Translations
		if tr["fr"] != "Facture" || tr["de"] != "Rechnung" || len(tr) != 2 {
			t.Fatalf("translations %v", tr)
		}
		// Remove the French one.
		h.Press("home", "d")
		if tr := docs(h)[1].Translations; len(tr) != 1 || tr["de"] != "Rechnung" {
			t.Fatalf("after removing French: %v", tr)
		}
		want := "UTILBILL: French label,UTILBILL: German label,UTILBILL: removed the French label"
		if strings.Join(h.Edits, ",") != want {
			t.Fatalf("edits %q\nwant %q", h.Edits, want)
		}
		h.Press("esc")
		h.WantView("2 document types", "UTILBILL · since revision 4 · translated into de (t)")
	})
}

func TestReadOnly(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s, used := saved()
		h := newPane(t, s, used, panetest.ReadOnly())
		h.WantView("read-only: started with --readonly")
		h.Press("a")
		h.Press("down", "x").WantSaid(panetest.Key("enter"), common.StatusMsg{Kind: common.StatusWarning, Text: common.ReadOnlyNotice})
		if h.Pane.Capturing() || len(h.Edits) != 0 {
			t.Fatalf("read-only: capturing %v, edits %q", h.Pane.Capturing(), h.Edits)
		}
		// Translations can be read, not changed.
		h.Press("t")
		h.WantView("Translations of UTILBILL", "Nebenkostenabrechnung")
		h.WantSaid(panetest.Key("a"), common.StatusMsg{Kind: common.StatusWarning, Text: common.ReadOnlyNotice})
		if h.Pane.Capturing() || len(h.Edits) != 0 {
			t.Fatalf("read-only translations: capturing %v, edits %q", h.Pane.Capturing(), h.Edits)
		}
	})
}

// The filter finds a document by code, name or label; a kept filter keeps the marks.
func TestFilter(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s, used := saved()
		h := newPane(t, s, used)
		h.Press("/").Type("util")
		if !h.Pane.Capturing() {
			t.Fatal("the filter does not capture keys")
		}
		h.WantView("1 of 2", "UTILBILL")
		h.NotView("PAYSLIP    Payslip")
		// While typing, a and x type; they are not actions.
		h.Type("ax")
		if len(h.Edits) != 0 {
			t.Fatalf("typing in the filter edited: %q", h.Edits)
		}
	})
}

func TestEverySize(t *testing.T) {
	for _, open := range [][]string{nil, {"a"}, {"a", "U", "T", " ", "enter", "enter", "enter"}, {"down", "enter"}, {"down", "t"}, {"down", "t", "a"}, {"down", "t", "enter"}} {
		t.Run(strings.Join(open, "+"), func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				s, used := saved()
				s.Documents = append(s.Documents, model.Document{Code: "BAD CODE", Name: strings.Repeat("long name ", 20), Label: ""})
				h := newPane(t, s, used)
				for _, k := range open {
					if k == " " {
						h.Type(" ")
						continue
					}
					h.Press(k)
				}
				h.EverySize(130, 40)
			})
		})
	}
}
