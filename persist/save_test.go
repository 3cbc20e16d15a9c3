package persist

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"idvset/model"
)

func TestSaveRoundTrip(t *testing.T) {
	c := newClock()
	s, path := newStore(t, c)
	doc := fullDoc()
	rev, err := s.Save(doc, 1, testPassword, "")
	if err != nil || rev != 2 {
		t.Fatalf("Save = %d, %v; want revision 2", rev, err)
	}
	head, got, err := s.Head()
	if err != nil || head != 2 {
		t.Fatalf("Head = %d, %v", head, err)
	}
	mustEqualDoc(t, got, doc)
	if data, err := got.Branding.Default.HeaderImage.Bytes(); err != nil || !bytes.Equal(data, doc.Branding.Default.HeaderImage.Data) {
		t.Fatalf("the header image lost its bytes: %d bytes, %v", len(data), err)
	}

	// Reopened, by another store: the same document, byte for byte.
	s.Close()
	s = openTest(t, path, c)
	old, err := s.Revision(2)
	if err != nil {
		t.Fatal(err)
	}
	mustEqualDoc(t, old, doc)
	if _, err := s.Revision(9); !errors.Is(err, ErrNoRevision) {
		t.Errorf("Revision(9): err = %v, want ErrNoRevision", err)
	}
	if codes, err := s.UsedCodes(); err != nil || !slices.Equal(codes, []model.UsedCode{{Code: "UTILBILL", Revision: 2}, {Code: "BANKSTMT", Revision: 2}}) {
		t.Errorf("UsedCodes = %v, %v", codes, err)
	}
}

// TestNormalisedTables reads the head with SQL, as a person with the sqlite3 shell would.
func TestNormalisedTables(t *testing.T) {
	s, path := newStore(t, nil)
	doc := fullDoc()
	if _, err := s.Save(doc, 1, testPassword, ""); err != nil {
		t.Fatal(err)
	}
	db := rawDB(t, path)
	for q, want := range map[string]string{
		"SELECT callback_url FROM general":                                                                                      "https://hooks.example.com/idv/callback",
		"SELECT group_concat(domain) FROM owned_domains":                                                                        "example.com",
		"SELECT capture_method || ' ' || skip_intro || ' ' || domain_prefix FROM client":                                        "webcam_only 1 acme-eu",
		"SELECT value FROM branding WHERE scope = 'de' AND field = 'primaryColor'":                                              "#445566",
		"SELECT value FROM branding WHERE scope = 'pt-BR' AND field = 'secondaryColor'":                                         "#778899",
		"SELECT mode FROM accepted":                                                                                             "country",
		"SELECT choice FROM accepted_regions WHERE region = 'AFRICA'":                                                           "none",
		"SELECT group_concat(id_type) FROM (SELECT id_type FROM accepted_country_types WHERE country = 'DEU' ORDER BY id_type)": "ID_CARD,PASSPORT",
		"SELECT group_concat(field) FROM (SELECT field FROM data_fields WHERE enabled ORDER BY field)":                          "dateOfBirth,expiryDate,firstName,idNumber,lastName,mrzCheck",
		"SELECT purge_after_days || ' ' || delete_fraud FROM retention":                                                         "90 1",
		"SELECT group_concat(code) FROM (SELECT code FROM documents ORDER BY position)":                                         "UTILBILL,BANKSTMT",
		"SELECT label FROM document_translations WHERE code = 'BANKSTMT' AND locale = 'fr'":                                     "Relevé bancaire",
		"SELECT two_factor FROM security":                                                                                       "0",
		// The logo is used in two scopes and stored once.
		"SELECT count(*) FROM images": "2",
		"SELECT media_type || ' ' || width || 'x' || height FROM images WHERE sha256 = '" + doc.Branding.Default.HeaderImage.SHA256 + "'": "image/png 8x4",
		"SELECT value FROM branding WHERE scope = 'default' AND field = 'headerImage'":                                                    doc.Branding.Default.HeaderImage.SHA256,
		"SELECT count(*) FROM accepted_effective WHERE country = 'DEU'":                                                                   "2",
	} {
		if got := queryString(t, db, q); got != want {
			t.Errorf("%s\n got %q\nwant %q", q, got, want)
		}
	}
	// The revision keeps images by hash only: their bytes are in the images table.
	stored, err := document(t.Context(), db, 2)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(stored, []byte(`"data"`)) {
		t.Errorf("the revision document holds image data")
	}
}

func TestSaveRefusals(t *testing.T) {
	for _, tc := range []struct {
		name     string
		edit     func(*model.Settings)
		base     int
		password string
		check    func(t *testing.T, err error)
	}{
		{"wrong password", nil, 2, "not the password", func(t *testing.T, err error) {
			if !errors.Is(err, model.ErrWrongPassword) {
				t.Fatalf("err = %v, want ErrWrongPassword", err)
			}
		}},
		{"invalid document", func(s *model.Settings) { s.General.CallbackURL = "http://hooks.example.com:8443/cb" }, 2, testPassword,
			wantViolation("general.callbackUrl", "port")},
		{"deleted document", func(s *model.Settings) { s.Documents = s.Documents[1:] }, 2, testPassword,
			wantViolation("documents", "UTILBILL")},
		// A code can only come back in another case, and the original is then missing
		// too: both refusals, exactly, each at its own path.
		{"reused code", func(s *model.Settings) { s.Documents[0].Code = "utilbill" }, 2, testPassword,
			wantViolations(`documents[0].code: code "utilbill" reuses "UTILBILL", first saved in revision 2: codes can never change or be reused`,
				`documents: document "UTILBILL" is missing: custom documents can be disabled but never deleted`)},
		{"conflict", func(s *model.Settings) { s.Client.SkipIntro = false }, 1, testPassword, func(t *testing.T, err error) {
			var ce *model.ConflictError
			if !errors.As(err, &ce) || ce.Base != 1 || ce.Head != 2 {
				t.Fatalf("err = %v, want a conflict naming revisions 1 and 2", err)
			}
			if err.Error() != "conflict: edited from revision 1 but the head is now revision 2" {
				t.Errorf("message %q", err)
			}
		}},
		{"nothing to save", func(s *model.Settings) {}, 2, testPassword, func(t *testing.T, err error) {
			if !errors.Is(err, model.ErrNothingToSave) {
				t.Fatalf("err = %v, want ErrNothingToSave", err)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, path := newStore(t, nil)
			if _, err := s.Save(fullDoc(), 1, testPassword, ""); err != nil {
				t.Fatal(err)
			}
			doc := fullDoc()
			if tc.edit != nil {
				tc.edit(&doc)
			}
			rev, err := s.Save(doc, tc.base, tc.password, "")
			if rev != 0 {
				t.Errorf("refused save returned revision %d", rev)
			}
			tc.check(t, err)
			head, got, err := s.Head()
			if err != nil || head != 2 {
				t.Fatalf("after refusal: Head = %d, %v; want 2", head, err)
			}
			mustEqualDoc(t, got, fullDoc())
			db := rawDB(t, path)
			if n := queryInt(t, db, "SELECT count(*) FROM documents"); n != 2 {
				t.Errorf("%d documents rows, want 2", n)
			}
			if u := queryString(t, db, "SELECT callback_url FROM general"); u != fullDoc().General.CallbackURL {
				t.Errorf("general.callback_url changed to %q", u)
			}
		})
	}
}

// wantViolation checks that err is model.Violations with an error at path (or under it)
// whose message contains substr.
func wantViolation(path, substr string) func(*testing.T, error) {
	return func(t *testing.T, err error) {
		t.Helper()
		var vs model.Violations
		if !errors.As(err, &vs) {
			t.Fatalf("err = %v (%T), want model.Violations", err, err)
		}
		for _, v := range vs.At(path) {
			if v.Severity == model.Error && strings.Contains(v.Message, substr) {
				return
			}
		}
		t.Fatalf("no error at %s containing %q in:\n%v", path, substr, vs)
	}
}

// wantViolations checks that err is model.Violations whose errors are exactly lines, in
// any order.
func wantViolations(lines ...string) func(*testing.T, error) {
	return func(t *testing.T, err error) {
		t.Helper()
		var vs model.Violations
		if !errors.As(err, &vs) {
			t.Fatalf("err = %v (%T), want model.Violations", err, err)
		}
		var got []string
		for _, v := range vs.Errors() {
			got = append(got, v.String())
		}
		slices.Sort(got)
		want := slices.Sorted(slices.Values(lines))
		if !slices.Equal(got, want) {
			t.Fatalf("violations:\n%s\nwant exactly:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}

// TestStoreEnforcesDocuments bypasses the model's rules (commit is what Save calls after
// them) to show that the database refuses a deleted document or a reused code by itself.
func TestStoreEnforcesDocuments(t *testing.T) {
	s, path := newStore(t, nil)
	if _, err := s.commit(fullDoc(), 1, ""); err != nil {
		t.Fatal(err)
	}
	doc := fullDoc()
	doc.Documents = doc.Documents[:1]
	_, err := s.commit(doc, 2, "")
	wantViolation("documents", `document "BANKSTMT" is missing: a custom document can be disabled but never deleted`)(t, err)

	doc = fullDoc()
	doc.Documents = append(doc.Documents, model.Document{Code: "UtilBill", Name: "x", Label: "x"})
	doc.Documents[0].Code = "NEWCODE"
	_, err = s.commit(doc, 2, "")
	wantViolation("documents", `"UTILBILL" is missing`)(t, err)
	wantViolation("documents[2].code", `code "UtilBill" was already used as "UTILBILL" in revision 2: a code is never reused or changed`)(t, err)

	// Under the program, the schema: triggers and a case-insensitive unique index.
	db := rawDB(t, path)
	for q, want := range map[string]string{
		"DELETE FROM documents WHERE code = 'BANKSTMT'":                           "custom documents are never deleted",
		"UPDATE documents SET code = 'OTHER' WHERE code = 'BANKSTMT'":             "the code of a custom document never changes",
		"INSERT INTO documents VALUES ('bankstmt', 'n', 'l', 1, 5, 3)":            "a custom document code is never reused",
		"INSERT OR REPLACE INTO documents VALUES ('BANKSTMT', 'n', 'l', 1, 5, 3)": "a custom document code is never reused",
	} {
		if _, err := db.Exec(q); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: err = %v, want %q", q, err, want)
		}
	}
	if n := queryInt(t, db, "SELECT count(*) FROM documents"); n != 2 {
		t.Errorf("%d documents rows, want 2", n)
	}
}

func TestRollback(t *testing.T) {
	c := newClock()
	s, _ := newStore(t, c)
	v2 := fullDoc()
	v2.Documents = v2.Documents[:1]
	if _, err := s.Save(v2, 1, testPassword, ""); err != nil {
		t.Fatal(err)
	}
	v3 := fullDoc()
	v3.General.CallbackURL = "https://hooks.example.com/v3"
	v3.Client.SkipIntro = false
	if _, err := s.Save(v3, 2, testPassword, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Rollback(2, "wrong password!", ""); !errors.Is(err, model.ErrWrongPassword) {
		t.Fatalf("rollback with the wrong password: %v", err)
	}
	rev, err := s.Rollback(2, testPassword, "")
	if err != nil || rev != 4 {
		t.Fatalf("Rollback(2) = %d, %v; want revision 4", rev, err)
	}
	_, got, _ := s.Head()
	// Revision 2 did not have BANKSTMT yet: it stays, disabled, since documents are
	// never deleted.
	want := v2.Clone()
	bank := fullDoc().Documents[1]
	bank.Enabled = false
	want.Documents = append(want.Documents, bank)
	mustEqualDoc(t, got, want)
	info, err := s.RevisionInfo(4)
	if err != nil || !strings.HasPrefix(info.Summary, "rollback to revision 2: ") || info.Base != 3 {
		t.Errorf("RevisionInfo(4) = %+v, %v", info, err)
	}
	// Each code keeps the revision that first saved it, through the rollback that
	// disabled BANKSTMT.
	if codes, err := s.UsedCodes(); err != nil || !slices.Equal(codes, []model.UsedCode{{Code: "UTILBILL", Revision: 2}, {Code: "BANKSTMT", Revision: 3}}) {
		t.Errorf("UsedCodes = %v, %v", codes, err)
	}
	if _, err := s.Rollback(4, testPassword, ""); !errors.Is(err, model.ErrNothingToSave) {
		t.Errorf("rollback to the head: err = %v, want ErrNothingToSave", err)
	}
	if _, err := s.Rollback(17, testPassword, ""); !errors.Is(err, ErrNoRevision) {
		t.Errorf("rollback to a missing revision: err = %v, want ErrNoRevision", err)
	}
}

func TestHistory(t *testing.T) {
	c := newClock()
	s, path := newStore(t, c)
	c.Advance(time.Hour)
	doc := fullDoc()
	if _, err := s.Save(doc, 1, testPassword, ""); err != nil {
		t.Fatal(err)
	}
	c.Advance(time.Minute)
	s2 := openTest(t, path, c)
	s2.author = "alice"
	doc.Client.SkipIntro = false
	if _, err := s2.Save(doc, 2, testPassword, ""); err != nil {
		t.Fatal(err)
	}
	h, err := s.History()
	if err != nil {
		t.Fatal(err)
	}
	start := newClock().Now()
	want := []RevisionInfo{
		{Number: 3, Time: start.Add(time.Hour + time.Minute), Author: "alice", Summary: "1 change: client.skipIntro", Base: 2},
		{Number: 2, Time: start.Add(time.Hour), Author: "tester", Base: 1},
		{Number: 1, Time: start, Author: "tester", Summary: "initial settings"},
	}
	if len(h) != len(want) {
		t.Fatalf("History has %d revisions, want %d", len(h), len(want))
	}
	for i, w := range want {
		g := h[i]
		if g.Number != w.Number || !g.Time.Equal(w.Time) || g.Author != w.Author || g.Base != w.Base ||
			(w.Summary != "" && g.Summary != w.Summary) {
			t.Errorf("History[%d] = %+v, want %+v", i, g, w)
		}
	}
	if !strings.Contains(h[1].Summary, " changes: general.") {
		t.Errorf("summary of revision 2 = %q", h[1].Summary)
	}
}

func TestSummarize(t *testing.T) {
	ch := func(paths ...string) []model.Change {
		var out []model.Change
		for _, p := range paths {
			out = append(out, model.Change{Path: p})
		}
		return out
	}
	for _, tc := range []struct {
		changes []model.Change
		want    string
	}{
		{nil, "no changes"},
		{ch("client.skipIntro"), "1 change: client.skipIntro"},
		{ch("a", "b", "c"), "3 changes: a, b, c"},
		{ch("a", "b", "c", "d", "e"), "5 changes: a, b, c, …"},
	} {
		if got := summarize(tc.changes); got != tc.want {
			t.Errorf("summarize(%v) = %q, want %q", tc.changes, got, tc.want)
		}
	}
}

// TestConflictBetweenStores: two editors on one file save from the same base at the same
// time. Exactly one wins; the other is told so, loses nothing and can save on top.
func TestConflictBetweenStores(t *testing.T) {
	_, path := newStore(t, nil)
	stores := []*Store{openTest(t, path, nil), openTest(t, path, nil)}
	docs := []model.Settings{fullDoc(), fullDoc()}
	docs[1].General.CallbackURL = "https://hooks.example.com/second"
	var wg sync.WaitGroup
	revs, errs := make([]int, 2), make([]error, 2)
	for i := range stores {
		wg.Go(func() { revs[i], errs[i] = stores[i].Save(docs[i], 1, testPassword, "") })
	}
	wg.Wait()
	winner := 0
	if errs[0] != nil {
		winner = 1
	}
	loser := 1 - winner
	if errs[winner] != nil || revs[winner] != 2 {
		t.Fatalf("winner: %d, %v", revs[winner], errs[winner])
	}
	var ce *model.ConflictError
	if !errors.As(errs[loser], &ce) || ce.Base != 1 || ce.Head != 2 {
		t.Fatalf("loser: err = %v, want a conflict naming revisions 1 and 2", errs[loser])
	}
	_, head, _ := stores[loser].Head()
	mustEqualDoc(t, head, docs[winner])
	// The loser's document is untouched; saved on top of the new head it wins too.
	want := fullDoc()
	if loser == 1 {
		want.General.CallbackURL = "https://hooks.example.com/second"
	}
	mustEqualDoc(t, docs[loser], want)
	rev, err := stores[loser].Save(docs[loser], ce.Head, testPassword, "")
	if err != nil || rev != 3 {
		t.Fatalf("re-applied save: %d, %v", rev, err)
	}
	_, head, _ = stores[winner].Head()
	mustEqualDoc(t, head, docs[loser])
}

const (
	msgTwoFactorOn = "two-factor authentication is off in this database and a document cannot turn it on: " +
		"it is turned on by enrolling an authenticator (`idvset security otp enable`, or the editor's Security section); set it to false"
	msgTwoFactorOff = "two-factor authentication is on in this database and a document cannot turn it off: " +
		"it is turned off with the password and a code (`idvset security otp disable`, or the editor's Security section); set it to true"
)

// TestTwoFactorFromStore: security.twoFactor is what the store's enrolment says. A
// document saved or imported that differs is refused, before any password is checked;
// a rollback keeps the enrolment as it is instead.
func TestTwoFactorFromStore(t *testing.T) {
	c := newClock()
	s, path := newStore(t, c)
	on := fullDoc()
	on.Security.TwoFactor = true

	// Checked before any password, as import does, and refused by Save and under it.
	vs, err := s.Check(on)
	if err != nil {
		t.Fatal(err)
	}
	if got := vs.At("security.twoFactor"); len(got) != 1 || got[0].Message != msgTwoFactorOn {
		t.Fatalf("Check: %v\nwant security.twoFactor: %s", vs, msgTwoFactorOn)
	}
	_, err = s.Save(on, 1, "a wrong password", "")
	wantViolation("security.twoFactor", msgTwoFactorOn)(t, err)
	_, err = s.commit(on, 1, "")
	wantViolation("security.twoFactor", msgTwoFactorOn)(t, err)
	if rev, _, _ := s.Head(); rev != 1 {
		t.Fatalf("head %d after refusals, want 1", rev)
	}
	if n := queryInt(t, rawDB(t, path), "SELECT count(*) FROM auth_log WHERE kind = 'save'"); n != 0 {
		t.Errorf("%d save attempts logged: a refused document cost an attempt", n)
	}
	// Revision 2 is from before the enrolment, and says off.
	if rev, err := s.Save(fullDoc(), 1, testPassword, ""); err != nil || rev != 2 {
		t.Fatalf("save: %d, %v", rev, err)
	}

	// Enrolled: the head reports it, a document may not turn it off, and one that keeps
	// it on saves.
	key, _ := enrolTOTP(t, s, c)
	if _, head, _ := s.Head(); !head.Security.TwoFactor {
		t.Error("Head does not report the enrolment")
	}
	c.Advance(30 * time.Second)
	_, err = s.Save(model.Default(), 2, testPassword, codeAt(t, key, c.Now()))
	wantViolation("security.twoFactor", msgTwoFactorOff)(t, err)
	doc3 := fullDoc()
	doc3.Security.TwoFactor = true
	doc3.General.TokenLifetimeMinutes = 45
	if rev, err := s.Save(doc3, 2, testPassword, codeAt(t, key, c.Now())); err != nil || rev != 3 {
		t.Fatalf("save keeping two-factor on: %d, %v", rev, err)
	}

	// A rollback to revision 1, from before the enrolment, keeps two-factor on.
	c.Advance(30 * time.Second)
	rev, err := s.Rollback(1, testPassword, codeAt(t, key, c.Now()))
	if err != nil || rev != 4 {
		t.Fatalf("rollback to before the enrolment: %d, %v", rev, err)
	}
	if got, _ := s.Revision(4); !got.Security.TwoFactor {
		t.Error("the rollback turned two-factor off in revision 4")
	}
	if tf, _ := s.TwoFactor(); !tf.On {
		t.Error("the rollback turned two-factor off")
	}

	// Disabled: a rollback to revision 3, saved while it was on, keeps it off.
	c.Advance(30 * time.Second)
	if err := s.DisableTwoFactor(testPassword, codeAt(t, key, c.Now())); err != nil {
		t.Fatal(err)
	}
	if _, head, _ := s.Head(); head.Security.TwoFactor {
		t.Error("Head reports two-factor from the revision, not from the store")
	}
	rev, err = s.Rollback(3, testPassword, "")
	if err != nil || rev != 5 {
		t.Fatalf("rollback to a revision saved with two-factor on: %d, %v", rev, err)
	}
	if got, _ := s.Revision(5); got.Security.TwoFactor || got.General.TokenLifetimeMinutes != 45 {
		t.Errorf("revision 5: twoFactor %v, token lifetime %d; want false, 45", got.Security.TwoFactor, got.General.TokenLifetimeMinutes)
	}
}

// TestRulesBeforePassword: an invalid document is refused before the password is
// checked, so it costs no attempt (and says what is wrong even with a wrong password).
func TestRulesBeforePassword(t *testing.T) {
	s, path := newStore(t, nil)
	doc := fullDoc()
	doc.General.CallbackURL = "https://hooks.example.com:8443/cb"
	for range lockoutAfter + 1 {
		_, err := s.Save(doc, 1, "not the password", "")
		wantViolation("general.callbackUrl", "port not allowed")(t, err)
	}
	if n := queryInt(t, rawDB(t, path), "SELECT count(*) FROM auth_log WHERE kind = 'save'"); n != 0 {
		t.Errorf("%d save attempts logged for invalid documents", n)
	}
}
