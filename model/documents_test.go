package model

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// usedCodes lists codes as saved, in revisions unknown (0).
func usedCodes(codes ...string) []UsedCode {
	out := make([]UsedCode, len(codes))
	for i, c := range codes {
		out[i] = UsedCode{Code: c}
	}
	return out
}

// TestNewDocumentCode is the add form's rule, case by case: the message a user reads
// as they type a code for a new document type.
func TestNewDocumentCode(t *testing.T) {
	docs := []Document{
		{Code: "UTILBILL", Name: "Utility bill", Label: "Utility bill", Enabled: true},
		{Code: "PAYSLIP", Name: "Payslip", Label: "Payslip", Enabled: false},
		{Code: "BANKSTMT", Name: "Bank statement", Label: "Bank statement", Enabled: true}, // added in this draft
	}
	used := []UsedCode{{Code: "UTILBILL", Revision: 4}, {Code: "PAYSLIP", Revision: 2}, {Code: "OLD", Revision: 3}, {Code: "ANCIENT"}}
	cases := []struct {
		code string
		want []string // whole messages
	}{
		{"TAXRETURN", nil},
		{"ABCDEFGHIJ", nil},
		{"ÄÖÜÄÖÜÄÖÜÄ", nil},
		{"", []string{"required: 1 to 10 characters without blanks"}},
		{"ABCDEFGHIJK", []string{"longer than 10 characters (11)"}},
		{"TAX RETURN", []string{`must not contain whitespace (" " at position 4)`}},
		{"UTIL\tB", []string{`must not contain whitespace ("\t" at position 5)`}},
		{"UTIL\u200bB", []string{"must not contain invisible or control characters (U+200B at position 5)"}},
		// The same code, and in another case: a document of the draft, saved in revision 4.
		{"UTILBILL", []string{`code "UTILBILL" is taken: "UTILBILL" (Utility bill) has used it since revision 4; a code is never used twice, in any case, even once disabled`}},
		{"utilbill", []string{`code "utilbill" is taken: "UTILBILL" (Utility bill) has used it since revision 4; a code is never used twice, in any case, even once disabled`}},
		// A disabled document keeps its code.
		{"Payslip", []string{`code "Payslip" is taken: the disabled document "PAYSLIP" (Payslip) has used it since revision 2; a code is never used twice, in any case, even once disabled`}},
		// A document added in this draft, not saved yet.
		{"bankStmt", []string{`code "bankStmt" is taken: "BANKSTMT" (Bank statement) was added in this draft; codes are unique regardless of case`}},
		// A code only an earlier revision used, with the revision named.
		{"old", []string{`code "old" was used as "OLD" in revision 3; a code once used is never used again, in any case`}},
		{"OLD", []string{`code "OLD" was used as "OLD" in revision 3; a code once used is never used again, in any case`}},
		{"ancient", []string{`code "ancient" was used as "ANCIENT" before; a code once used is never used again, in any case`}},
		// Unicode case folding: ſ folds with s.
		{"STRASSE\u017f", nil},
		// Shape and reuse together.
		{"old ", []string{`must not contain whitespace (" " at position 4)`}},
	}
	for _, c := range cases {
		got := NewDocumentCodeProblems(c.code, docs, used)
		if !slices.Equal(got, c.want) {
			t.Errorf("%q:\n got %q\nwant %q", c.code, got, c.want)
		}
	}
	withS := append(slices.Clone(docs), Document{Code: "STRASSES", Name: "x", Label: "x", Enabled: true})
	if got := NewDocumentCodeProblems("STRASSE\u017f", withS, nil); len(got) != 1 || !strings.Contains(got[0], `is taken: "STRASSES"`) {
		t.Errorf("case folding: %q", got)
	}
}

// TestValidateNamesTheRevision: the importer's and validate's messages name the revision
// that first saved a code that comes back in another case.
func TestValidateNamesTheRevision(t *testing.T) {
	s := Default()
	s.Documents = []Document{
		{Code: "UTILBILL", Name: "Utility bill", Label: "Utility bill", Enabled: false},
		{Code: "utilbill", Name: "Utility bill", Label: "Utility bill", Enabled: true},
	}
	vs := Validate(s, Context{UsedCodes: []UsedCode{{Code: "UTILBILL", Revision: 7}}})
	want := []string{
		`documents[1].code: code "utilbill" is already used by documents[0] ("UTILBILL"): codes are unique regardless of case`,
		`documents[1].code: code "utilbill" reuses "UTILBILL", first saved in revision 7: codes can never change or be reused`,
	}
	if got := strings.Split(vs.Error(), "\n"); !slices.Equal(got, want) {
		t.Errorf("got\n%s\nwant\n%s", vs.Error(), strings.Join(want, "\n"))
	}
	// A code only an earlier revision used, missing now and back in another case.
	s.Documents = []Document{{Code: "old", Name: "Old", Label: "Old", Enabled: true}}
	vs = Validate(s, Context{UsedCodes: []UsedCode{{Code: "OLD", Revision: 3}}})
	want = []string{
		`documents: document "OLD" is missing: custom documents can be disabled but never deleted`,
		`documents[0].code: code "old" reuses "OLD", first saved in revision 3: codes can never change or be reused`,
	}
	if got := strings.Split(vs.Error(), "\n"); !slices.Equal(got, want) {
		t.Errorf("got\n%s\nwant\n%s", vs.Error(), strings.Join(want, "\n"))
	}
}

// The form and Validate share the rules of name, label and translations.
func TestDocumentFieldRules(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{DocumentNameProblem("Utility bill"), ""},
		{DocumentNameProblem(" \t"), "required: give the document type a name"},
		{DocumentLabelProblem("Utility bill"), ""},
		{DocumentLabelProblem(""), "required: give the default label in English"},
		{TranslationProblem("de", "Nebenkostenabrechnung"), ""},
		{TranslationProblem("de", " "), "empty: give the label in German or remove the translation"},
		{TranslationProblem("xx", "X"), `unknown locale "xx": use one of the 39 locale codes, such as "de", "en-GB" or "pt-BR"`},
		{TranslationProblem("pt_br", "Conta"), `locale "pt_br" must be written "pt-BR"`},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

func TestMRZImpliedFields(t *testing.T) {
	var f DataFields
	for _, name := range DataFieldList() {
		if p, _ := f.Processed(name); p {
			t.Errorf("%s processed with every field off", name)
		}
	}
	f.Set(FieldMRZCheck, true)
	f.Set(FieldExpiryDate, true)
	want := map[DataField][2]bool{ // processed, implied
		FieldDateOfBirth: {true, true}, FieldIDNumber: {false, false}, FieldFirstName: {false, false},
		FieldLastName: {false, false}, FieldExpiryDate: {true, false}, FieldUSState: {false, false},
		FieldPersonalNumber: {true, true}, FieldMRZCheck: {true, false},
	}
	for name, w := range want {
		if p, i := f.Processed(name); p != w[0] || i != w[1] {
			t.Errorf("%s: processed %v implied %v, want %v", name, p, i, w)
		}
	}
	if !f.ExpiryDate || !f.Get(FieldMRZCheck) || f.Get("nonsense") {
		t.Error("Set/Get")
	}
	var mandatory []DataField
	for _, name := range DataFieldList() {
		if name.Mandatory() {
			mandatory = append(mandatory, name)
		}
	}
	if !slices.Equal(mandatory, []DataField{FieldDateOfBirth, FieldIDNumber, FieldFirstName, FieldLastName}) {
		t.Errorf("mandatory: %v", mandatory)
	}
	// The defaults are on for the mandatory fields and off for the optional ones.
	d := Default().DataSettings.Fields
	for _, name := range DataFieldList() {
		if d.Get(name) != name.Mandatory() {
			t.Errorf("default of %s: %v", name, d.Get(name))
		}
	}
}

func TestPurgeAfterDaysProblem(t *testing.T) {
	for days, want := range map[int]string{
		1: "", 90: "", 3650: "",
		0:    "must be between 1 and 3650 days, or forever to keep data forever (0)",
		3651: "must be between 1 and 3650 days, or forever to keep data forever (3651)",
		-5:   "must be between 1 and 3650 days, or forever to keep data forever (-5)",
	} {
		if got := PurgeAfterDaysProblem(days, "forever"); got != want {
			t.Errorf("%d: %q, want %q", days, got, want)
		}
	}
}

// TestRetentionConsequences: the sentence for shorter, longer, forever → days and
// days → forever, and for deleteFraud, as of 2026-03-01.
func TestRetentionConsequences(t *testing.T) {
	now := time.Date(2026, 3, 1, 15, 4, 5, 0, time.UTC)
	days := func(n int) *int { return &n }
	ret := func(d *int, fraud bool) Retention { return Retention{PurgeAfterDays: d, DeleteFraud: fraud} }
	cases := []struct {
		name     string
		old, new Retention
		want     []Consequence
	}{
		{"unchanged", ret(days(360), false), ret(days(360), false), nil},
		{"forever unchanged", ret(nil, true), ret(nil, true), nil},
		{"shorter", ret(days(360), false), ret(days(90), false), []Consequence{
			{Text: "records created between 2025-03-06 and 2025-11-30 will be deleted permanently", Loss: true}}},
		{"one day shorter", ret(days(91), false), ret(days(90), false), []Consequence{
			{Text: "records created on 2025-11-30 will be deleted permanently", Loss: true}}},
		{"longer", ret(days(90), false), ret(days(360), false), []Consequence{
			{Text: "records are kept 360 days instead of 90 days: nothing is deleted (records older than 90 days were deleted already)"}}},
		{"forever to days", ret(nil, false), ret(days(90), false), []Consequence{
			{Text: "records created before 2025-12-01 will be deleted permanently", Loss: true}}},
		{"days to forever", ret(days(1), false), ret(nil, false), []Consequence{
			{Text: "records are kept forever instead of 1 day: nothing is deleted from now on (records older than 1 day were deleted already)"}}},
		{"fraud purged too", ret(days(360), false), ret(days(360), true), []Consequence{
			{Text: "fraud records created before 2025-03-06 will be deleted permanently", Loss: true}}},
		{"fraud purge, forever", ret(nil, false), ret(nil, true), []Consequence{
			{Text: "fraud transactions will be deleted with the other records once retention is not forever"}}},
		{"fraud kept", ret(days(360), true), ret(days(360), false), []Consequence{
			{Text: "fraud transactions are kept forever from now on"}}},
		{"shorter and fraud", ret(days(360), false), ret(days(90), true), []Consequence{
			{Text: "records created between 2025-03-06 and 2025-11-30 will be deleted permanently", Loss: true},
			{Text: "fraud records created before 2025-12-01 will be deleted permanently", Loss: true}}},
	}
	for _, c := range cases {
		got := RetentionConsequences(c.old, c.new, now)
		if !slices.Equal(got, c.want) {
			t.Errorf("%s:\n got %+v\nwant %+v", c.name, got, c.want)
		}
	}
}

// FuzzNewDocumentCode: the add form's rule and Validate agree. On a draft that holds
// every code ever saved (documents are never deleted), a code the form calls free is
// one Validate accepts on a new document at the end of the list, and a code the form
// refuses is refused by Validate.
func FuzzNewDocumentCode(f *testing.F) {
	for _, s := range []string{"", "UTILBILL", "utilbill", "Payslip", "old", "OLD", "a b", "ABCDEFGHIJK", "\x00", "STRASSE\u017f", "ǅ", "\xff"} {
		f.Add(s)
	}
	docs := []Document{
		{Code: "UTILBILL", Name: "Utility bill", Label: "Utility bill", Enabled: true},
		{Code: "PAYSLIP", Name: "Payslip", Label: "Payslip"},
		{Code: "OLD", Name: "Old", Label: "Old"},
		{Code: "STRASSES", Name: "x", Label: "x", Enabled: true}, // added in this draft
	}
	used := []UsedCode{{Code: "UTILBILL", Revision: 4}, {Code: "PAYSLIP", Revision: 2}, {Code: "OLD", Revision: 3}}
	f.Fuzz(func(t *testing.T, code string) {
		problems := NewDocumentCodeProblems(code, docs, used)
		for _, p := range problems {
			if p == "" {
				t.Fatal("an empty problem")
			}
		}
		s := Default()
		s.Documents = append(slices.Clone(docs), Document{Code: code, Name: "New", Label: "New", Enabled: true})
		vs := Validate(s, Context{UsedCodes: used}).At(fmt.Sprintf("documents[%d].code", len(docs)))
		if (len(problems) == 0) != (len(vs) == 0) {
			t.Fatalf("%q: the form says %q, Validate says %v", code, problems, vs)
		}
	})
}
