package main

import (
	"bytes"
	"fmt"
	"path/filepath"
	"testing"
	"text/tabwriter"
	"time"

	"idvset/model"
	"idvset/persist"
)

// history aligns its columns exactly as text/tabwriter would (it writes them itself, in
// one buffered pass): numbers of one and two digits, authors of several widths in runes
// (accents, CJK, one escaped).
func TestHistoryColumns(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	s, err := persist.Create(db, password, persist.Options{Author: "al"})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	authors := []string{"zoë", "田中 花子", "bob\tthe\x1b[1mbuilder", "a-very-long-name@example.com"}
	for i := range 10 {
		s, err := persist.Open(db, persist.Options{Author: authors[i%len(authors)]})
		if err != nil {
			t.Fatal(err)
		}
		doc := model.Default()
		doc.General.TokenLifetimeMinutes = 10 + i
		if _, err := s.Save(doc, i+1, password, ""); err != nil {
			t.Fatal(err)
		}
		s.Close()
	}
	s, err = persist.Open(db, persist.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	h, err := s.History()
	s.Close()
	if err != nil || len(h) != 11 {
		t.Fatalf("History: %d revisions, %v", len(h), err)
	}
	var want bytes.Buffer
	tw := tabwriter.NewWriter(&want, 0, 0, 2, ' ', 0)
	for _, r := range h {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\n", r.Number, r.Time.UTC().Format(time.RFC3339), model.Escape(r.Author), model.Escape(r.Summary))
	}
	tw.Flush()
	r := runCLI(t, "", "history", "--db", db)
	r.want(t, exitOK)
	if r.stdout != want.String() {
		t.Fatalf("history printed\n%s\nwant (as text/tabwriter aligns it)\n%s", r.stdout, want.String())
	}
}
