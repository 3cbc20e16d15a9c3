package persist

import (
	"bytes"
	"compress/zlib"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"runtime"
	"slices"
	"strings"
	"testing"

	"idvset/model"
)

// packDoc is a large document without images (so raw SQL can write it as an old schema
// would, with no images table to fill): every country, every locale's colours and 200
// custom documents, ~60 kB of JSON.
func packDoc() model.Settings {
	s := fullDoc()
	s.Branding = model.Branding{Locales: map[string]model.BrandScope{}}
	for i, l := range model.Locales() {
		s.Branding.Locales[l.Code] = model.BrandScope{PrimaryColor: fmt.Sprintf("#%06X", i*4099), SecondaryColor: fmt.Sprintf("#%06X", i*7919)}
	}
	for i := range 200 {
		s.Documents = append(s.Documents, model.Document{Code: fmt.Sprintf("DOC%03d", i), Name: fmt.Sprintf("Document %d", i),
			Label: fmt.Sprintf("Proof, kind %d", i), Translations: map[string]string{"de": fmt.Sprintf("Nachweis %d", i)}, Enabled: i%3 != 0})
	}
	return s
}

// packHistory is the documents of revisions 2..n: a few fields changed at each (as
// benchEdit changes them), and at revision 100 every country's types and every colour
// gone, back at 101: two saves that change too much to be stored as deltas.
func packHistory(n int) []model.Settings {
	doc := packDoc()
	var out []model.Settings
	for rev := 2; rev <= n; rev++ {
		doc = benchEdit(doc, rev)
		d := doc
		if rev == 100 {
			d = doc.Clone()
			d.AcceptedIDs.Countries = map[string][]model.IDType{}
			d.Branding.Locales = map[string]model.BrandScope{}
		}
		out = append(out, d)
	}
	return out
}

// rowShape is how one revision is stored.
type rowShape struct {
	number  int
	deltaOf sql.NullInt64
	size    int
}

func storedShapes(t *testing.T, db *sql.DB) []rowShape {
	t.Helper()
	rows, err := db.Query("SELECT number, delta_of, length(packed) FROM revisions ORDER BY number")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []rowShape
	for rows.Next() {
		var r rowShape
		if err := rows.Scan(&r.number, &r.deltaOf, &r.size); err != nil {
			t.Fatal(err)
		}
		out = append(out, r)
	}
	return out
}

// checkReadBack reads every revision back and compares it with the JSON that was saved,
// byte for byte: as stored (document) and as the store returns it (Revision, encoded as
// an export encodes it); and checks how they are stored: the head and every keyframe
// whole, the others as deltas against the revision after them, unless one would not pay.
func checkReadBack(t *testing.T, s *Store, saved map[int][]byte) {
	t.Helper()
	for n := 1; n <= len(saved); n++ {
		doc, err := document(t.Context(), s.db, n)
		if err != nil {
			t.Fatalf("revision %d: %v", n, err)
		}
		if !bytes.Equal(doc, saved[n]) {
			t.Fatalf("revision %d reads back %d bytes different from the %d saved", n, len(doc), len(saved[n]))
		}
		set, err := s.Revision(n)
		if err != nil {
			t.Fatal(err)
		}
		if got := model.EncodeWithoutImageData(set); !bytes.Equal(got, saved[n]) {
			t.Fatalf("Revision(%d) encodes differently from what was saved", n)
		}
	}
	shapes := storedShapes(t, s.db)
	if len(shapes) != len(saved) {
		t.Fatalf("%d revisions stored, want %d", len(shapes), len(saved))
	}
	var whole []int
	chain := 0
	for i := len(shapes) - 1; i >= 0; i-- {
		r := shapes[i]
		switch {
		case !r.deltaOf.Valid:
			whole = append(whole, r.number)
			chain = 0
		case r.deltaOf.Int64 != int64(r.number+1):
			t.Errorf("revision %d is a delta against %d, want %d", r.number, r.deltaOf.Int64, r.number+1)
		default:
			chain++
			if chain >= keyframeEvery {
				t.Errorf("revision %d is read through %d deltas", r.number, chain)
			}
		}
		if isKeyframe(r.number) && r.deltaOf.Valid {
			t.Errorf("revision %d is a keyframe stored as a delta", r.number)
		}
	}
	if len(whole) == 0 || whole[0] != len(saved) {
		t.Errorf("the head is not stored whole (whole: %v)", whole)
	}
}

// TestRevisionsReadBackExactly saves 150 revisions (keyframes at 64 and 128, two saves
// that change most lines) and reads every one back as it was saved; a revision of a few
// changes is stored in a few hundred bytes.
func TestRevisionsReadBackExactly(t *testing.T) {
	s, _ := newStore(t, nil)
	saved := map[int][]byte{1: model.EncodeWithoutImageData(model.Default())}
	rev := 1
	for _, d := range packHistory(150) {
		var err error
		if rev, err = s.commit(d, rev, ""); err != nil {
			t.Fatal(err)
		}
		saved[rev] = model.EncodeWithoutImageData(d)
	}
	checkReadBack(t, s, saved)

	var deltas, deltaBytes int
	for _, r := range storedShapes(t, s.db) {
		if r.deltaOf.Valid {
			deltas++
			deltaBytes += r.size
		}
	}
	// 150 revisions, 2 keyframes, the head, revisions 99 and 100 (whole or not, as the
	// diff finds them): at least 140 deltas.
	if deltas < 140 {
		t.Errorf("%d deltas among 150 revisions, want at least 140", deltas)
	}
	if avg := deltaBytes / max(deltas, 1); avg > 400 {
		t.Errorf("a delta of a few changes takes %d bytes on average, want at most 400 (the document is %d bytes)", avg, len(saved[150]))
	}
	t.Logf("%d deltas of %d bytes on average; the head %d bytes of JSON", deltas, deltaBytes/max(deltas, 1), len(saved[150]))
}

// TestMigratePackedRevisions converts a database of the schema before packed revisions
// (each revision's JSON in a text column) and reads every revision back as it was; the
// file shrinks, and saves go on from there.
func TestMigratePackedRevisions(t *testing.T) {
	step := slices.IndexFunc(migrations, func(m migration) bool { return m.sql == schemaPackedRevisions })
	if step < 0 {
		t.Fatal("no packed revisions migration")
	}
	path := t.TempDir() + "/settings.db"
	db, err := sql.Open("sqlite3", dsn(path, dsnParams))
	if err != nil {
		t.Fatal(err)
	}
	if err := migrate(t.Context(), db, step); err != nil {
		t.Fatal(err)
	}
	saved := map[int][]byte{1: model.EncodeWithoutImageData(model.Default())}
	for i, d := range packHistory(140) {
		saved[i+2] = model.EncodeWithoutImageData(d)
	}
	for n := 1; n <= len(saved); n++ {
		_, err := db.Exec(`INSERT INTO revisions (number, created_at, author, summary, base, document)
			VALUES (?, '2026-03-01T09:00:00Z', 'old', 'a save', ?, ?)`, n, n-1, string(saved[n]))
		if err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	before := fileSize(t, path)

	s := openTest(t, path, nil)
	checkReadBack(t, s, saved)
	if slices.ContainsFunc(columns(t, s.db, "revisions"), func(c string) bool { return c == "document" }) {
		t.Error("the plain document column is still there")
	}
	if after := fileSize(t, path); after > before/10 {
		t.Errorf("the file went from %d to %d bytes: want a tenth or less", before, after)
	}
	// Saves go on: the migrated head becomes a delta.
	next := benchEdit(packDoc(), 7)
	if _, err := s.commit(next, len(saved), ""); err != nil {
		t.Fatal(err)
	}
	saved[len(saved)+1] = model.EncodeWithoutImageData(next)
	checkReadBack(t, s, saved)
}

func fileSize(t *testing.T, path string) int64 {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Size()
}

func columns(t *testing.T, db *sql.DB, table string) []string {
	t.Helper()
	rows, err := db.Query("SELECT name FROM pragma_table_info(?)", table)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			t.Fatal(err)
		}
		out = append(out, c)
	}
	return out
}

// A stored revision that does not decode is reported as a damaged database, on one line
// with the file and the revision, never a panic; revisions that do not need it still read.
func TestDamagedRevisionIsReported(t *testing.T) {
	bomb := func() []byte {
		var buf bytes.Buffer
		w := zlib.NewWriter(&buf)
		w.Write(make([]byte, maxPackedBytes+1))
		w.Close()
		return buf.Bytes()
	}()
	set := func(q string, args ...any) func(*testing.T, *sql.DB) {
		return func(t *testing.T, db *sql.DB) {
			if _, err := db.Exec(q, args...); err != nil {
				t.Fatal(err)
			}
		}
	}
	flip := func(t *testing.T, db *sql.DB) {
		var b []byte
		if err := db.QueryRow("SELECT packed FROM revisions WHERE number = 5").Scan(&b); err != nil {
			t.Fatal(err)
		}
		b[len(b)/2] ^= 0x55
		set("UPDATE revisions SET packed = ? WHERE number = 5", b)(t, db)
	}
	for _, tc := range []struct {
		name   string
		damage func(*testing.T, *sql.DB)
		bad    []int // revisions that must read as damaged (the head is 10)
		detail string
	}{
		{"delta bytes flipped", flip, []int{2, 3, 5}, "revision %d: stored revision unreadable"},
		{"delta truncated", set("UPDATE revisions SET packed = substr(packed, 1, length(packed) / 2) WHERE number = 5"),
			[]int{2, 5}, "stored revision unreadable"},
		{"delta pointing down", set("UPDATE revisions SET delta_of = 4 WHERE number = 5"),
			[]int{2, 5}, "revision 5 is stored as changes from revision 4"},
		{"delta pointing nowhere", set("UPDATE revisions SET delta_of = 99 WHERE number = 5"),
			[]int{5}, "revision 5 is stored as changes from revision 99, which is missing"},
		{"delta of another revision", set("UPDATE revisions SET packed = (SELECT packed FROM revisions WHERE number = 3) WHERE number = 5"),
			[]int{5}, "stored revision unreadable: delta"},
		{"head not zlib", set("UPDATE revisions SET packed = x'00010203' WHERE number = 10"),
			[]int{10, 9, 2}, "stored revision unreadable"},
		{"head inflates past the limit", set("UPDATE revisions SET packed = ? WHERE number = 10", bomb),
			[]int{10}, fmt.Sprintf("inflates past %d bytes", maxPackedBytes)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, path := newStore(t, nil)
			rev := 1
			for _, d := range packHistory(10) {
				var err error
				if rev, err = s.commit(d, rev, ""); err != nil {
					t.Fatal(err)
				}
			}
			tc.damage(t, rawDB(t, path))
			for n := 1; n <= 10; n++ {
				_, err := s.Revision(n)
				if !slices.Contains(tc.bad, n) {
					if err != nil && !slices.ContainsFunc(tc.bad, func(b int) bool { return b > n }) {
						t.Errorf("revision %d: %v", n, err)
					}
					continue
				}
				if !errors.Is(err, ErrDamaged) {
					t.Fatalf("revision %d: err = %v, want %v", n, err, ErrDamaged)
				}
				detail := tc.detail
				if strings.Contains(detail, "%d") {
					detail = fmt.Sprintf(detail, n)
				}
				msg := err.Error()
				for _, want := range []string{path + ": damaged database (", detail, "): restore it from a backup"} {
					if !strings.Contains(msg, want) {
						t.Errorf("revision %d: %q does not contain %q", n, msg, want)
					}
				}
				if strings.ContainsAny(msg, "\n\r") {
					t.Errorf("message %q is not one line", msg)
				}
			}
			if slices.Contains(tc.bad, 10) {
				if _, _, err := s.Head(); !errors.Is(err, ErrDamaged) {
					t.Errorf("Head: err = %v, want %v", err, ErrDamaged)
				}
				if _, err := s.Save(packDoc(), 10, testPassword, ""); !errors.Is(err, ErrDamaged) {
					t.Errorf("a save on a damaged head: err = %v, want %v", err, ErrDamaged)
				}
			} else if _, _, err := s.Head(); err != nil {
				t.Errorf("Head: %v", err)
			}
		})
	}
}

// Damage SQLite meets on the way (a read-only open does no integrity check) is reported
// as a damaged database too.
func TestDamagedPageMetWhileReading(t *testing.T) {
	s, path := newStore(t, nil)
	if _, err := s.commit(packDoc(), 1, ""); err != nil {
		t.Fatal(err)
	}
	s.Close()
	db := rawDB(t, path)
	root := queryInt(t, db, "SELECT rootpage FROM sqlite_master WHERE name = 'revisions'")
	db.Close()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	off := (root - 1) * 4096
	if kind := data[off]; kind != 0x0d {
		t.Fatalf("page %d: kind %#x; want a table leaf", root, kind)
	}
	data[off+8], data[off+9] = 0xff, 0xff // the first row's cell pointer, past the page
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	r, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("Open: %v (the read-only open reads no revision)", err)
	}
	defer r.Close()
	_, err = r.Revision(1)
	if !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), path+": damaged database (") {
		t.Fatalf("Revision(1): err = %v, want %v", err, ErrDamaged)
	}
}

// matchLines gives up past its budget of edits, and packDelta then stores whole.
func TestDeltaBudget(t *testing.T) {
	var a, b []byte
	for i := range 100 {
		a = fmt.Appendf(a, "a%d\n", i)
		b = fmt.Appendf(b, "b%d\n", i)
	}
	if _, ok := matchLines(splitLines(a), splitLines(b), 150); ok {
		t.Error("200 edits found within a budget of 150")
	}
	if _, ok := matchLines(splitLines(a), splitLines(b), 200); !ok {
		t.Error("200 edits not found within a budget of 200")
	}
	if d := packDelta(a, b); d != nil {
		t.Errorf("packDelta of two unrelated documents: %d bytes, want nil (stored whole)", len(d))
	}
}

// FuzzDelta: any pair of documents round-trips through a delta exactly, and any delta
// body, however broken, is applied or refused without a panic.
func FuzzDelta(f *testing.F) {
	small := model.Default()
	small.Documents = fullDoc().Documents
	doc := model.EncodeWithoutImageData(small)
	small.General.TokenLifetimeMinutes = 15
	small.Documents[1].Enabled = true
	edited := model.EncodeWithoutImageData(small)
	f.Add(edited, doc, deltaBody(edited, doc))
	f.Add([]byte("a\nb\nc"), []byte("a\nc\n"), []byte{})
	f.Add([]byte(""), []byte("x"), []byte{0x01, 0, 0, 0, 0, 0x03, 'x'})
	f.Add([]byte("a\n"), []byte("a\n"), []byte{0x02, 0x5e, 0x0d, 0xe4, 0x6d, 0x02, 0x00})
	f.Fuzz(func(t *testing.T, older, newer, body []byte) {
		if out, err := decodeDelta(newer, body); err == nil && len(out) > maxPackedBytes {
			t.Fatalf("a delta decoded to %d bytes", len(out))
		} else if err != nil && !errors.Is(err, errDamagedBlob) {
			t.Fatalf("error %v is not errDamagedBlob", err)
		}
		if len(older)+len(newer) > 1024 {
			return // the diff costs O(lines × edits): keep each run quick
		}
		d := deltaBody(older, newer)
		if d == nil {
			return
		}
		got, err := decodeDelta(newer, d)
		if err != nil || !bytes.Equal(got, older) {
			t.Fatalf("round trip: %q, %v; want %q", got, err, older)
		}
	})
}

// An insertion altered inside a delta that still decodes (same size, valid operations)
// is caught by the document's checksum.
func TestDeltaChecksum(t *testing.T) {
	doc := model.EncodeWithoutImageData(packDoc())
	older := model.EncodeWithoutImageData(benchEdit(packDoc(), 3))
	body := deltaBody(older, doc)
	// Find the first insertion (the header: a uvarint size, 4 bytes of checksum).
	_, n := binary.Uvarint(body)
	at := n + 4
	for {
		tag, n := binary.Uvarint(body[at:])
		at += n
		if tag&1 == 1 {
			body[at] ^= 0x01 // the first byte the insertion writes
			break
		}
		_, n = binary.Uvarint(body[at:])
		at += n
	}
	if _, err := decodeDelta(doc, body); !errors.Is(err, errDamagedBlob) || !strings.Contains(err.Error(), "checksum mismatch") {
		t.Fatalf("err = %v, want a checksum mismatch", err)
	}
}

// A blob that inflates past its limit is refused without inflating it all: a damaged
// or hostile file cannot make a read allocate without bound.
func TestInflateIsBounded(t *testing.T) {
	var buf bytes.Buffer
	w := zlib.NewWriter(&buf)
	w.Write(make([]byte, 64<<20))
	w.Close()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := inflate(buf.Bytes(), 1024)
	runtime.ReadMemStats(&after)
	if !errors.Is(err, errDamagedBlob) {
		t.Fatalf("err = %v, want errDamagedBlob", err)
	}
	if got := after.TotalAlloc - before.TotalAlloc; got > 16<<20 {
		t.Errorf("refusing a 64 MiB blob with a limit of 1 KiB allocated %d bytes", got)
	}
}
