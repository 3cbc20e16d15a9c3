package persist

import (
	"strings"
	"testing"
)

// A note starts the revision's summary, on one line, before the changes it lists.
func TestSaveNoted(t *testing.T) {
	s, _ := newStore(t, nil)
	doc := fullDoc()
	rev, err := s.SaveNoted(doc, 1, testPassword, "", "rollback to revision 1\n\x1b[2Jforged")
	if err != nil || rev != 2 {
		t.Fatalf("SaveNoted = %d, %v", rev, err)
	}
	ri, err := s.RevisionInfo(2)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(ri.Summary, "rollback to revision 1[2Jforged: ") || !strings.Contains(ri.Summary, " changes: general.") {
		t.Errorf("summary %q: want the note (one line, nothing unprintable), then the changes", ri.Summary)
	}
	if _, err := s.SaveNoted(fullDoc(), 1, testPassword, "", "late"); err == nil {
		t.Error("a noted save on a stale base was accepted: it is a save like any other")
	}
}
