package model

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
)

// Input limits (issue 7, point 8): a document's size, its number of values, the number
// of violations kept, the memory decoding takes, and text that is not valid Unicode.

func TestDecodeRefusesLargeDocuments(t *testing.T) {
	over := []byte(`{"general": {"callbackUrl": "` + strings.Repeat("a", MaxDocumentBytes) + `"}}`)
	_, err := Decode(over, DecodeOptions{})
	want := fmt.Sprintf(`document: larger than the 32 MiB limit (%s bytes): give large images as "file" references instead of inline data`, groupThousands(len(over)))
	if got := violationLines(err); len(got) != 1 || got[0] != want {
		t.Fatalf("got %q\nwant %q", got, want)
	}
	if raceEnabled {
		return // scanning 32 MiB under the race detector takes seconds; make test runs this without it
	}
	// Exactly the limit is read.
	exact := []byte("{}" + strings.Repeat(" ", MaxDocumentBytes-2))
	if _, err := Decode(exact, DecodeOptions{}); err != nil {
		t.Fatalf("a document of exactly MaxDocumentBytes: %v", err)
	}
}

// valuesDoc is {"general": {"ownedDomains": ["a.example", …]}} with n values in all,
// keys included.
func valuesDoc(n int) []byte {
	items := n - 5 // the root, "general", its object, "ownedDomains" and its list
	return []byte(`{"general": {"ownedDomains": [` + strings.Repeat(`"a.example",`, items-1) + `"a.example"` + `]}}`)
}

func TestDecodeValueLimit(t *testing.T) {
	_, err := Decode(valuesDoc(MaxDocumentValues+1), DecodeOptions{})
	want := "document: too large: more than 250,000 JSON values (keys included); a settings document needs far fewer"
	if got := violationLines(err); len(got) != 1 || got[0] != want {
		t.Fatalf("got %q\nwant %q", got, want)
	}
	s, err := Decode(valuesDoc(MaxDocumentValues), DecodeOptions{})
	if err != nil || len(s.General.OwnedDomains) != MaxDocumentValues-5 {
		t.Fatalf("exactly the limit: %d domains, %v", len(s.General.OwnedDomains), err)
	}
}

// TestViolationsAreCapped: millions of problems become MaxViolations kept, the first in
// path order, and one entry counting the rest; the command line prints 200 of them.
func TestViolationsAreCapped(t *testing.T) {
	var b strings.Builder
	b.WriteString("{")
	const n = 5000
	for i := n - 1; i >= 0; i-- { // in reverse: the kept ones are first by path, not by arrival
		fmt.Fprintf(&b, `"x%05d": 0,`, i)
	}
	b.WriteString(`"general": {"tokenLifetimeMinutes": "x"}}`)
	_, err := Decode([]byte(b.String()), DecodeOptions{})
	vs, _ := err.(Violations)
	if len(vs) != MaxViolations+1 {
		t.Fatalf("%d violations, want %d", len(vs), MaxViolations+1)
	}
	if vs[0].Path != "general.tokenLifetimeMinutes" || vs[1].Path != "x00000" || vs[MaxViolations-1].Path != "x00998" {
		t.Errorf("not the first in path order: %s, %s … %s", vs[0].Path, vs[1].Path, vs[MaxViolations-1].Path)
	}
	last := vs[MaxViolations]
	if last.Omitted != n+1-MaxViolations || last.Severity != Error || !vs.HasErrors() ||
		last.String() != "document: … and 4,001 more (only the first 1,000 are listed)" {
		t.Errorf("last entry %+v", last)
	}
	lines := vs.Lines(200)
	if len(lines) != 201 || lines[200] != "… and 4,801 more" || lines[199] != `x00198: unknown field: expected one of format, general, client, branding, acceptedIds, dataSettings, documents, security` {
		t.Errorf("Lines(200): %d lines, last two %q", len(lines), lines[len(lines)-2:])
	}
	if got := (Violations{{Path: "a", Message: "b"}}).Lines(200); len(got) != 1 || got[0] != "a: b" {
		t.Errorf("a short list: %q", got)
	}

	// Validate caps too.
	set := Default()
	for i := range 2000 {
		set.General.OwnedDomains = append(set.General.OwnedDomains, fmt.Sprintf("bad_%d", i))
	}
	if vs := Validate(set, Context{}); len(vs) != MaxViolations+1 || vs[MaxViolations].Omitted != 3000 { // two problems per domain
		t.Fatalf("Validate: %d violations, last %+v", len(vs), vs[len(vs)-1])
	}

	// When only warnings are left out, the count is a warning: HasErrors tells the truth.
	var c collector
	for i := range MaxViolations + 5 {
		c.add(Violation{Path: fmt.Sprintf("p%04d", i), Message: "w", Severity: Warning})
	}
	if vs := c.result(); vs[MaxViolations].Severity != Warning || vs.HasErrors() {
		t.Errorf("warnings only: %+v", vs[MaxViolations])
	}
	c.add(Violation{Path: "z", Message: "e"}) // an error, last in path order: left out
	if vs := c.result(); vs[len(vs)-1].Severity != Error || !vs.HasErrors() || vs[len(vs)-1].Omitted != 6 {
		t.Errorf("an error left out: %+v", vs[len(vs)-1])
	}
}

// TestHostileDocumentsAreBounded: documents shaped to make decoding expensive (every
// kind of list and map at the largest size MaxDocumentValues allows, a string as long as
// MaxDocumentBytes allows) are decoded and validated with bounded allocation and at most
// MaxViolations+1 violations. Before the limits, the 54 MB document of unknown keys
// allocated 2.7 GB and reported 4 million lines.
func TestHostileDocumentsAreBounded(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation is measured without the race detector: make test runs this test so")
	}
	const n = MaxDocumentValues - 10
	series := func(format string, count int) string {
		var b strings.Builder
		for i := range count {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, format, i)
		}
		return b.String()
	}
	for _, c := range []struct {
		name     string
		doc      string
		maxAlloc int64 // bytes allocated in all, garbage included
	}{
		{"unknown keys", "{" + series(`"x%07d":0`, n/2) + "}", 16 << 20},
		{"unknown keys past the value limit", "{" + series(`"x%07d":0`, 2*n) + "}", 16 << 20},
		{"empty documents", `{"documents": [` + strings.Repeat("{},", n-4) + `{}]}`, 96 << 20},
		{"empty owned domains", `{"general": {"ownedDomains": [` + strings.Repeat(`"",`, n-6) + `""]}}`, 64 << 20},
		{"unknown countries", `{"acceptedIds": {"countries": {` + series(`"C%06d":[]`, n/2-4) + `}}}`, 64 << 20},
		{"unknown translations", `{"documents": [{"code":"A","name":"a","label":"a","translations": {` + series(`"l%06d":"x"`, n/2-20) + `}}]}`, 96 << 20},
		{"repeated ID types", `{"acceptedIds": {"countries": {"DEU": [` + strings.Repeat(`"PASSPORT",`, n-8) + `"X"]}}}`, 64 << 20},
		{"invalid UTF-8 everywhere", `{"general": {"ownedDomains": [` + strings.Repeat("\"\xff\",", n-6) + "\"\xff\"]}}", 32 << 20},
		{"one string of 32 MiB", `{"general": {"callbackUrl": "` + strings.Repeat("a", MaxDocumentBytes-40) + `"}}`, 40 << 20},
	} {
		t.Run(c.name, func(t *testing.T) {
			doc := []byte(c.doc)
			runtime.GC()
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			s, err := Decode(doc, DecodeOptions{})
			vs, _ := err.(Violations)
			if err == nil {
				vs = Validate(s, Context{})
			}
			runtime.ReadMemStats(&after)
			if len(vs) == 0 || len(vs) > MaxViolations+1 {
				t.Errorf("%d violations", len(vs))
			}
			if alloc := int64(after.TotalAlloc - before.TotalAlloc); alloc > c.maxAlloc {
				t.Errorf("%d KB of input allocated %d MB, want at most %d MB", len(doc)>>10, alloc>>20, c.maxAlloc>>20)
			}
		})
	}
}

func TestDecodeRefusesInvalidUnicode(t *testing.T) {
	for _, c := range []struct{ name, doc, want string }{
		{"invalid UTF-8 in a value", "{\"general\": {\"callbackUrl\": \"https://a.example/\xff\"}}",
			"general.callbackUrl: text is not valid Unicode: byte 0xFF at character 19 is not UTF-8 (save the file as UTF-8)"},
		{"Latin-1 in a translation", "{\"documents\": [{\"code\": \"A\", \"translations\": {\"de\": \"Gr\xfc\xdfe\"}}]}",
			"documents[0].translations.de: text is not valid Unicode: byte 0xFC at character 3 is not UTF-8 (save the file as UTF-8)"},
		{"invalid UTF-8 in a key", "{\"branding\": {\"locales\": {\"d\xe9\": {}}}}",
			`branding.locales."d\xe9": key is not valid Unicode: byte 0xE9 at character 2 is not UTF-8 (save the file as UTF-8)`},
		{"a lone high surrogate", `{"documents": [{"code": "A\ud800"}]}`,
			`documents[0].code: text is not valid Unicode: the escape \ud800 at character 2 is half of a surrogate pair, which encodes no character`},
		{"a lone low surrogate", `{"general": {"ownedDomains": ["x", "\udc00.example"]}}`,
			`general.ownedDomains[1]: text is not valid Unicode: the escape \udc00 at character 1 is half of a surrogate pair`},
		{"a high surrogate before an escaped backslash", `{"client": {"domainPrefix": "\ud83d\\ude00"}}`,
			`client.domainPrefix: text is not valid Unicode: the escape \ud83d at character 1`},
		{"in an unknown field too", "{\"nope\": [\"\xc3\"]}",
			"nope[0]: text is not valid Unicode: byte 0xC3 at character 1 is not UTF-8"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Decode([]byte(c.doc), DecodeOptions{})
			got := violationLines(err)
			if len(got) != 1 || !strings.HasPrefix(got[0], c.want) {
				t.Fatalf("got %q\nwant %q", got, c.want)
			}
		})
	}
	// A valid surrogate pair and an escaped U+FFFD are text like any other.
	s := mustDecode(t, `{"documents": [{"code": "A", "name": "\ud83d\ude00 \ufffd", "label": "x"}]}`)
	if s.Documents[0].Name != "😀 \uFFFD" {
		t.Errorf("name %q", s.Documents[0].Name)
	}
}

// TestDecodeFile: a document file is read with its images beside it; one over the size
// limit is refused before it is read, and a pipe as soon as it passes the limit.
func TestDecodeFile(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	write("logo.png", readImage(t, "logo.png"))
	s, err := DecodeFile(write("doc.json", []byte(`{"branding": {"default": {"headerImage": {"file": "logo.png"}}}}`)))
	if err != nil || s.Branding.Default.HeaderImage.Width != 48 {
		t.Fatalf("DecodeFile: %v", err)
	}
	big := filepath.Join(dir, "big.json")
	if err := os.WriteFile(big, nil, 0o600); err != nil || os.Truncate(big, MaxDocumentBytes+1) != nil {
		t.Fatal("cannot make a sparse file")
	}
	if _, err := DecodeFile(big); !strings.Contains(fmt.Sprint(err), "larger than the 32 MiB limit (33,554,433 bytes)") {
		t.Errorf("a file over the limit: %v", err)
	}
	pipe := filepath.Join(dir, "pipe.json")
	if err := syscall.Mkfifo(pipe, 0o600); err != nil {
		t.Skipf("no named pipes: %v", err)
	}
	go func() {
		w, err := os.OpenFile(pipe, os.O_WRONLY, 0)
		if err != nil {
			return
		}
		defer w.Close()
		chunk := make([]byte, 1<<20)
		for range 40 {
			if _, err := w.Write(chunk); err != nil {
				return // the reader stopped at the limit
			}
		}
	}()
	if _, err := DecodeFile(pipe); fmt.Sprint(err) != `document: larger than the 32 MiB limit: give large images as "file" references instead of inline data` {
		t.Errorf("a pipe over the limit: %v", err)
	}
	if _, err := DecodeFile(filepath.Join(dir, "missing.json")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a missing file: %v", err)
	}
}
