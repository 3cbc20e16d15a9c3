package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"idvset/model"
)

// The bad-input table (issue 13): hundreds of inputs the command line must refuse, across
// every field of the document, the files it reads and the flags of every command. Each
// is refused with the path it concerns (a document path, a file, a flag) and the rule it
// breaks, in one message line, and a command that takes a database leaves its file
// byte for byte as it was.
//
// Inputs come in three kinds, each run by every command that takes it:
//   - documents (a field set to a bad value, or raw bytes): by documentCommands;
//   - files (what is at the path: not JSON, cut short, huge, not a regular file, a loop):
//     by documentCommands too;
//   - command lines (flags and arguments): as they are.
//
// A command that lands later adds its line to documentCommands when it reads a settings
// document (`idvset edit FILE`), or its command lines to flagInputs (catalog import,
// security, credentials, serve). TODO(lead), once their branches land: catalog import
// (a supportedIdTypes file: not JSON, unknown country, unknown type, duplicates, huge),
// security otp enable|disable and security password (bad codes, weak passwords, wrong
// password), credentials create|rotate|revoke (label, kind, scope, unknown id), serve
// (--listen, --host-key, --authorized-keys), edit FILE (every document input).

// badDoc is a settings document given to a command: full.json with one change, or raw
// bytes.
type badDoc struct {
	name string
	set  []string // path in the JSON tree (keys, or indexes of arrays), then
	val  any      // the value put there (deleteField removes the key)
	raw  []byte   // the whole file instead, when set
	// beside are files written next to the document (for "file" image references).
	beside map[string][]byte
	path   string // what the message must name
	rule   string // and what it must say
	// storeOnly: model.Validate alone lets it pass; the store refuses it (import).
	storeOnly bool
}

type deleteField struct{}

// documentCommand runs a command on a document file; db is "" for one without database.
type documentCommand struct {
	name    string
	args    func(db, file string) []string
	stdin   string
	usesDB  bool
	onStore bool // sees the store's own rules (storeOnly inputs)
	// opensInvalid: the command refuses only a file that is not a settings document
	// (model.DecodeFile fails); a document that breaks a rule it opens, to show and fix
	// the violations (the editor on a file).
	opensInvalid bool
}

var documentCommands = []documentCommand{
	{name: "validate", args: func(_, f string) []string { return []string{"validate", f} }},
	{name: "import --dry-run", usesDB: true, onStore: true,
		args: func(db, f string) []string { return []string{"import", "--dry-run", "--db", db, f} }},
	{name: "import", usesDB: true, onStore: true, stdin: password + "\n",
		args: func(db, f string) []string { return []string{"import", f, "--db", db, "--password-stdin"} }},
	// The editor on a file reads the document before it asks for a terminal (there is
	// none here: a document it would open is refused as needing one).
	{name: "edit", opensInvalid: true, args: func(_, f string) []string { return []string{"edit", f} }},
}

// TestBadInput runs the table. Every refused input is counted; fewer than 300 fails.
func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "settings.db")
	runCLI(t, password+"\n", "init", "--db", db, "--password-stdin").want(t, 0)
	runCLI(t, password+"\n", "import", "testdata/full.json", "--db", db, "--password-stdin").want(t, 0)
	base := fullTree(t)

	inputs := 0
	check := func(t *testing.T, stdin string, args []string, code int, path, rule string, usesDB bool) {
		t.Helper()
		before, revs := dbHash(t, db), count(t, db, "SELECT count(*) FROM revisions")
		var out, errb bytes.Buffer
		got := run(args, strings.NewReader(stdin), &out, &errb)
		stderr := errb.String()
		if got != code {
			t.Fatalf("%q: exit %d, want %d\nstderr: %s", args, got, code, stderr)
		}
		if !lineWith(stderr, path, rule) {
			t.Errorf("%q: no line of stderr names %q and %q:\n%s", args, path, rule, stderr)
		}
		checkExit(t, args, got, stderr)
		if usesDB && dbHash(t, db) != before {
			t.Fatalf("%q changed the database", args)
		}
		if n := count(t, db, "SELECT count(*) FROM revisions"); n != revs {
			t.Fatalf("%q saved: %d revisions, were %d", args, n, revs)
		}
	}

	docs := badDocuments()
	for i, d := range docs {
		t.Run("doc/"+d.name, func(t *testing.T) {
			sub := filepath.Join(dir, "doc", strconv.Itoa(i))
			if err := os.MkdirAll(sub, 0o700); err != nil {
				t.Fatal(err)
			}
			file := filepath.Join(sub, "settings.json")
			data := d.raw
			if data == nil {
				data = withValue(t, base, d.set, d.val)
			}
			writeFile(t, file, data)
			for name, b := range d.beside {
				writeFile(t, filepath.Join(sub, name), b)
			}
			for _, c := range documentCommands {
				if d.storeOnly && !c.onStore {
					continue
				}
				if c.opensInvalid && decodes(file) {
					check(t, c.stdin, c.args(db, file), exitUsage, "idvset", editorNeedsTerminal, c.usesDB)
					continue
				}
				check(t, c.stdin, c.args(db, file), exitInvalid, d.path, d.rule, c.usesDB)
			}
		})
		inputs++
	}

	for _, f := range badFiles(t, filepath.Join(dir, "files")) {
		t.Run("file/"+f.name, func(t *testing.T) {
			for _, c := range documentCommands {
				if c.opensInvalid && f.absent {
					check(t, c.stdin, c.args(db, f.file), exitUsage, "idvset", editorNeedsTerminal, c.usesDB)
					continue
				}
				if f.feed != nil {
					go f.feed()
				}
				check(t, c.stdin, c.args(db, f.file), f.code, f.path, f.rule, c.usesDB)
			}
		})
		inputs++
	}

	for i, c := range badCatalogs() {
		t.Run("catalog/"+c.name, func(t *testing.T) {
			file := filepath.Join(dir, fmt.Sprintf("catalog-%d.json", i))
			if c.size > 0 {
				f, err := os.Create(file)
				if err != nil {
					t.Fatal(err)
				}
				f.Truncate(c.size)
				f.Close()
			} else {
				writeFile(t, file, []byte(c.data))
			}
			check(t, "", []string{"catalog", "import", file, "--db", db, "--dry-run"}, exitInvalid, c.path, c.rule, true)
			check(t, password+"\n", []string{"catalog", "import", file, "--db", db, "--password-stdin"}, exitInvalid, c.path, c.rule, true)
		})
		inputs++
	}

	for _, fl := range flagInputs(dir, db) {
		t.Run("args/"+strings.Join(fl.args, " "), func(t *testing.T) {
			// A wrong password is logged and counted towards the lockout (PRODUCT.md §1.7):
			// there the file changes, but no revision is added.
			check(t, fl.stdin, fl.args, fl.code, fl.path, fl.rule, !fl.attempt)
		})
		inputs++
	}
	t.Logf("%d bad inputs refused with their path and rule, the database unchanged", inputs)
	if inputs < 300 {
		t.Errorf("only %d inputs in the table, want 300 or more", inputs)
	}
}

// editorNeedsTerminal is how a command that would open the editor ends in a test.
const editorNeedsTerminal = "the editor needs a terminal"

// decodes reports whether the file is a settings document, its rules aside.
func decodes(file string) bool {
	_, err := model.DecodeFile(file)
	return err == nil
}

// lineWith reports whether one line of s contains both parts.
func lineWith(s, a, b string) bool {
	for _, line := range strings.Split(s, "\n") {
		if strings.Contains(line, a) && strings.Contains(line, b) {
			return true
		}
	}
	return false
}

// dbHash is the SHA-256 of the database file and its -wal, if any.
func dbHash(t *testing.T, db string) string {
	t.Helper()
	h := sha256.New()
	for _, suffix := range []string{"", "-wal"} {
		data, err := os.ReadFile(db + suffix)
		if err != nil && suffix == "" {
			t.Fatal(err)
		}
		h.Write(data)
	}
	return hex.EncodeToString(h.Sum(nil))
}

func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

// fullTree is testdata/full.json as a JSON tree.
func fullTree(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	dec := json.NewDecoder(bytes.NewReader(readFile(t, "testdata/full.json")))
	dec.UseNumber()
	if err := dec.Decode(&m); err != nil {
		t.Fatal(err)
	}
	return m
}

// withValue encodes a deep copy of tree with val at path.
func withValue(t *testing.T, tree map[string]any, path []string, val any) []byte {
	t.Helper()
	data, _ := json.Marshal(tree)
	var root any
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	dec.Decode(&root)
	cur := root
	for i, key := range path {
		last := i == len(path)-1
		switch node := cur.(type) {
		case map[string]any:
			if last {
				if _, del := val.(deleteField); del {
					delete(node, key)
				} else {
					node[key] = val
				}
				break
			}
			if _, ok := node[key]; !ok {
				node[key] = map[string]any{}
			}
			cur = node[key]
		case []any:
			n, err := strconv.Atoi(key)
			if err != nil || n >= len(node) {
				t.Fatalf("path %v: no element %s", path, key)
			}
			if last {
				node[n] = val
				break
			}
			cur = node[n]
		default:
			t.Fatalf("path %v: %s is not an object or array", path, key)
		}
	}
	out, err := json.MarshalIndent(root, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// p splits a dotted path ("documents.0.code") for badDoc.set.
func p(dotted string) []string { return strings.Split(dotted, ".") }

// badDocuments are the document inputs, field by field.
func badDocuments() []badDoc {
	var docs []badDoc
	add := func(name, set string, val any, path, rule string) {
		docs = append(docs, badDoc{name: name, set: p(set), val: val, path: path, rule: rule})
	}

	// The three URLs, each against every URL rule.
	for _, field := range []string{"callbackUrl", "successUrl", "errorUrl"} {
		path := "general." + field
		limit := 255
		if field == "successUrl" {
			limit = 2047
		}
		for _, u := range []struct{ name, url, rule string }{
			{"http", "http://hooks.example.com/cb", "scheme must be https"},
			{"ftp", "ftp://hooks.example.com/cb", "scheme must be https"},
			{"no scheme", "hooks.example.com/cb", "https"},
			{"relative", "/callback", "https"},
			{"unicode host", "https://bücher.example.com/cb", `use its IDNA form "xn--bcher-kva.example.com"`},
			{"bad punycode", "https://xn--zz-.example.com/cb", "xn--"},
			{"non-ASCII path", "https://hooks.example.com/ü", "percent"},
			{"bad escape", "https://hooks.example.com/%zz", "escape"},
			{"single label", "https://example/cb", "two labels"},
			{"dotted IPv4", "https://127.0.0.1/cb", "IP address not allowed"},
			{"IPv6", "https://[::1]/cb", "IP address not allowed"},
			{"integer IPv4", "https://2130706433/cb", "IP address not allowed"},
			{"hex IPv4", "https://0x7f.1/cb", "IP address not allowed"},
			{"octal IPv4", "https://0177.0.0.1/cb", "IP address not allowed"},
			{"short IPv4", "https://127.1/cb", "IP address not allowed"},
			{"numeric last label", "https://hooks.example.123/cb", "IP address not allowed"},
			{"port", "https://hooks.example.com:8443/cb", `port not allowed (":8443")`},
			{"port 443", "https://hooks.example.com:443/cb", `port not allowed (":443")`},
			{"fragment", "https://hooks.example.com/cb#top", "fragment not allowed"},
			{"bare fragment", "https://hooks.example.com/cb#", "fragment not allowed"},
			{"user info", "https://user:secret@hooks.example.com/cb", "user"},
			{"transactionStatus", "https://hooks.example.com/cb?transactionStatus=SUCCESS", `"transactionStatus" is appended by the portal`},
			{"customerInternalReference", "https://hooks.example.com/cb?CustomerInternalReference=1", "is appended by the portal"},
			{"transactionReference", "https://hooks.example.com/cb?transactionreference=1", "is appended by the portal"},
			{"errorCode", "https://hooks.example.com/cb?errorCode=1", `"errorCode" is appended by the portal`},
			{"e-mail in path", "https://hooks.example.com/u/jane.doe@example.com", "e-mail address"},
			{"e-mail percent-encoded", "https://hooks.example.com/u/jane.doe%40example.com", "e-mail address"},
			{"e-mail in query", "https://hooks.example.com/cb?u=jane.doe@example.com", "e-mail address"},
			{"phone", "https://hooks.example.com/cb?c=%2B4915112345678", "phone number"},
			{"email parameter", "https://hooks.example.com/cb?email=x", `query parameter "email" names personal data`},
			{"first_name parameter", "https://hooks.example.com/cb?first_name=x", "names personal data"},
			{"Date-Of-Birth parameter", "https://hooks.example.com/cb?Date-Of-Birth=x", "names personal data"},
			{"passport parameter", "https://hooks.example.com/cb?passport=x", "names personal data"},
			{"zip parameter", "https://hooks.example.com/cb?ZIP=x", "names personal data"},
			{"not owned", "https://hooks.example.org/cb", "is not one of the owned domains"},
			{"look-alike domain", "https://example.com.evil.org/cb", "is not one of the owned domains"},
			{"too long", "https://hooks.example.com/" + strings.Repeat("a", limit), fmt.Sprintf("%d characters", limit)},
			{"space in host", "https://hooks example.com/cb", path},
			{"empty host", "https:///cb", "host"},
			{"control character", "https://hooks.example.com/\x1b[2J", path},
			{"number", "", "must be a string"},
			{"list", "", "must be a string"},
		} {
			var val any = u.url
			switch u.name {
			case "number":
				val = json.Number("5")
			case "list":
				val = []any{"https://hooks.example.com/cb"}
			}
			add(field+"/"+u.name, "general."+field, val, path, u.rule)
		}
	}

	for _, v := range []struct {
		name string
		val  any
		rule string
	}{
		{"4", json.Number("4"), "must be between 5 and 86400 minutes (4)"},
		{"0", json.Number("0"), "must be between 5 and 86400 minutes"},
		{"negative", json.Number("-30"), "must be between 5 and 86400 minutes"},
		{"86401", json.Number("86401"), "must be between 5 and 86400 minutes (86401)"},
		{"huge", json.Number("99999999999999999999999"), "is out of range"},
		{"fraction", json.Number("30.5"), "integer"},
		{"exponent", json.Number("3e5"), "must be between 5 and 86400 minutes"},
		{"string", "30", "must be an integer"},
		{"null", nil, "integer"},
		{"bool", true, "must be an integer"},
	} {
		add("tokenLifetimeMinutes/"+v.name, "general.tokenLifetimeMinutes", v.val, "general.tokenLifetimeMinutes", v.rule)
	}

	for _, v := range []struct {
		name string
		val  any
		path string
		rule string
	}{
		{"single label", []any{"localhost"}, "general.ownedDomains[0]", "two labels"},
		{"IP", []any{"127.0.0.1"}, "general.ownedDomains[0]", "IP address not allowed"},
		{"URL", []any{"https://example.com"}, "general.ownedDomains[0]", "give the domain only"},
		{"upper-case", []any{"Example.com"}, "general.ownedDomains[0]", `must be lower-case: use "example.com"`},
		{"space", []any{"exa mple.com"}, "general.ownedDomains[0]", "exa mple.com"},
		{"unicode", []any{"bücher.example"}, "general.ownedDomains[0]", "xn--bcher-kva.example"},
		{"leading hyphen", []any{"-shop.example.com"}, "general.ownedDomains[0]", "-shop"},
		{"empty", []any{""}, "general.ownedDomains[0]", "empty"},
		{"number", []any{json.Number("5")}, "general.ownedDomains[0]", "must be a string"},
		{"not a list", "example.com", "general.ownedDomains", "must be a list"},
		{"second bad", []any{"example.com", "with_underscore.example.com"}, "general.ownedDomains[1]", "with_underscore"},
		{"port", []any{"example.com:443"}, "general.ownedDomains[0]", "give the domain only"},
	} {
		add("ownedDomains/"+v.name, "general.ownedDomains", v.val, v.path, v.rule)
	}

	for _, v := range []struct {
		name, field string
		val         any
		rule        string
	}{
		{"captureMethod unknown", "captureMethod", "carrier_pigeon", "is not a capture method: use webcam_and_upload, webcam_only or upload_only"},
		{"captureMethod empty", "captureMethod", "", "capture method"},
		{"captureMethod upper-case", "captureMethod", "WEBCAM_ONLY", "capture method"},
		{"captureMethod number", "captureMethod", json.Number("1"), "must be a string"},
		{"skipIntro string", "skipIntro", "yes", "must be true or false"},
		{"skipIntro number", "skipIntro", json.Number("1"), "must be true or false"},
		{"skipIntro null", "skipIntro", nil, "true or false"},
		{"domainPrefix leading hyphen", "domainPrefix", "-acme", `must not start or end with "-"`},
		{"domainPrefix trailing hyphen", "domainPrefix", "acme-", `must not start or end with "-"`},
		{"domainPrefix upper-case", "domainPrefix", "Acme", `must be lower-case: use "acme"`},
		{"domainPrefix underscore", "domainPrefix", "acme_eu", `character "_" not allowed`},
		{"domainPrefix dot", "domainPrefix", "acme.eu", `character "." not allowed`},
		{"domainPrefix 64", "domainPrefix", strings.Repeat("a", 64), "longer than 63 characters (64)"},
		{"domainPrefix unicode", "domainPrefix", "acmé", "not allowed"},
		{"defaultLanguage unknown", "defaultLanguage", "xx", `unknown locale "xx"`},
		{"defaultLanguage klingon", "defaultLanguage", "tlh", `unknown locale "tlh"`},
		{"defaultLanguage region", "defaultLanguage", "en-US", `unknown locale "en-US"`},
		{"defaultLanguage number", "defaultLanguage", json.Number("7"), "must be a string"},
		{"unknown field", "theme", "dark", "unknown field"},
	} {
		add("client/"+v.name, "client."+v.field, v.val, "client."+v.field, v.rule)
	}

	// Colours in every kind of scope.
	for _, scope := range []string{"default", "locales.de", "locales.pt-BR", "locales.zh-HK"} {
		for _, c := range []struct {
			name string
			val  any
			rule string
		}{
			{"word", "blue", `"blue" is not a colour: use #RRGGBB`},
			{"short", "#12345", "is not a colour"},
			{"long", "#1234567", "is not a colour"},
			{"not hex", "#GGGGGG", "is not a colour"},
			{"no hash", "112233", "is not a colour"},
			{"three digits", "#123", "is not a colour"},
			{"number", json.Number("1122867"), "must be a string"},
		} {
			for _, field := range []string{"primaryColor", "secondaryColor"} {
				if scope != "default" && field == "secondaryColor" && c.name != "word" {
					continue // the locales take the colours' full list once, in primaryColor
				}
				add("branding."+scope+"."+field+"/"+c.name, "branding."+scope+"."+field, c.val, "branding."+scope+"."+field, c.rule)
			}
		}
	}
	for _, loc := range []struct{ code, path, rule string }{
		{"tlh", "tlh", `unknown locale "tlh"`}, {"xx", "xx", `unknown locale "xx"`}, {"de-AT", "de-AT", `unknown locale "de-AT"`},
		{"english", "english", `unknown locale "english"`}, {"", "", "unknown locale"},
		// Written as full.json's "pt-BR" is once normalised: the same scope twice.
		{"pt-br", "pt-BR", `given twice: as "pt-BR" and as "pt-br"`},
	} {
		docs = append(docs, badDoc{name: "branding locale " + loc.code, set: []string{"branding", "locales", loc.code},
			val: map[string]any{"primaryColor": "#112233"}, path: "branding.locales." + loc.path, rule: loc.rule})
	}
	docs = append(docs, badDoc{name: "branding scope field", set: p("branding.default.fontFamily"), val: "serif",
		path: "branding.default.fontFamily", rule: "unknown field"})

	docs = append(docs, imageDocuments()...)

	for _, v := range []struct {
		name, set string
		val       any
		path      string
		rule      string
	}{
		{"mode", "acceptedIds.mode", "continent", "acceptedIds.mode", `"continent" is not a mode: use region or country`},
		{"mode number", "acceptedIds.mode", json.Number("1"), "acceptedIds.mode", "must be a string"},
		{"autoAcceptNew", "acceptedIds.autoAcceptNew", "yes", "acceptedIds.autoAcceptNew", "must be true or false"},
		{"region choice", "acceptedIds.regions.EUROPE", "most", "acceptedIds.regions.EUROPE", `"most" is not a choice: use all, none or supported`},
		{"region choice case", "acceptedIds.regions.ASIA", "ALL", "acceptedIds.regions.ASIA", "is not a choice"},
		{"unknown region", "acceptedIds.regions.ANTARCTICA", "all", "acceptedIds.regions.ANTARCTICA", "unknown region"},
		{"regions not object", "acceptedIds.regions", "all", "acceptedIds.regions", "must be an object"},
		{"unknown country", "acceptedIds.countries.ZZZ", []any{"PASSPORT"}, "acceptedIds.countries.ZZZ", `unknown country "ZZZ"`},
		{"alpha-2 country", "acceptedIds.countries.DE", []any{"PASSPORT"}, "acceptedIds.countries.DE", "alpha-3"},
		{"unknown type", "acceptedIds.countries.DEU", []any{"PASSPORT", "SHOPPING_CARD"}, "acceptedIds.countries.DEU[1]", `unknown ID type "SHOPPING_CARD"`},
		{"type twice", "acceptedIds.countries.DEU", []any{"PASSPORT", "PASSPORT"}, "acceptedIds.countries.DEU[1]", "PASSPORT is listed twice (also at [0])"},
		{"types not list", "acceptedIds.countries.DEU", "PASSPORT", "acceptedIds.countries.DEU", "must be a list"},
		{"type number", "acceptedIds.countries.DEU", []any{json.Number("1")}, "acceptedIds.countries.DEU[0]", "must be a string"},
		{"lower-case type", "acceptedIds.countries.NLD", []any{"passport"}, "acceptedIds.countries.NLD[0]", `unknown ID type "passport"`},
		{"field", "acceptedIds.countriesByRegion", map[string]any{}, "acceptedIds.countriesByRegion", "unknown field"},
	} {
		add("acceptedIds/"+v.name, v.set, v.val, v.path, v.rule)
	}

	for _, v := range []struct {
		name, set string
		val       any
		rule      string
	}{
		{"dateOfBirth string", "dataSettings.fields.dateOfBirth", "yes", "must be true or false"},
		{"mrzCheck number", "dataSettings.fields.mrzCheck", json.Number("1"), "must be true or false"},
		{"unknown field", "dataSettings.fields.middleName", true, "unknown field"},
		{"purgeAfterDays 0", "dataSettings.retention.purgeAfterDays", json.Number("0"), "must be between 1 and 3650 days, or null to keep data forever (0)"},
		{"purgeAfterDays 3651", "dataSettings.retention.purgeAfterDays", json.Number("3651"), "must be between 1 and 3650 days"},
		{"purgeAfterDays negative", "dataSettings.retention.purgeAfterDays", json.Number("-5"), "must be between 1 and 3650 days"},
		{"purgeAfterDays fraction", "dataSettings.retention.purgeAfterDays", json.Number("1.5"), "integer"},
		{"purgeAfterDays string", "dataSettings.retention.purgeAfterDays", "30", "integer"},
		{"deleteFraud string", "dataSettings.retention.deleteFraud", "no", "must be true or false"},
		{"retention field", "dataSettings.retention.keepForever", true, "unknown field"},
	} {
		path := v.set
		add("dataSettings/"+v.name, v.set, v.val, path, v.rule)
	}

	for _, v := range []struct {
		name, set string
		val       any
		path      string
		rule      string
	}{
		{"code empty", "documents.0.code", "", "documents[0].code", "code"},
		{"code space", "documents.0.code", "UTIL BILL", "documents[0].code", "must not contain whitespace"},
		{"code tab", "documents.0.code", "UTIL\tBILL", "documents[0].code", "whitespace"},
		{"code 11", "documents.1.code", "BANKSTMTXYZ", "documents[1].code", "longer than 10 characters (11)"},
		{"code same as other", "documents.1.code", "utilbill", "documents[1].code", "codes are unique regardless of case"},
		{"code number", "documents.0.code", json.Number("5"), "documents[0].code", "must be a string"},
		{"name empty", "documents.0.name", "", "documents[0].name", "required: give the document type a name"},
		{"label empty", "documents.1.label", "", "documents[1].label", "required: give the default label in English"},
		{"translation locale", "documents.0.translations.xx", "Rechnung", "documents[0].translations.xx", `unknown locale "xx"`},
		{"translation empty", "documents.0.translations.de", "", "documents[0].translations.de", "empty: give the label in German"},
		{"translation number", "documents.0.translations.fr", json.Number("1"), "documents[0].translations.fr", "must be a string"},
		{"enabled string", "documents.0.enabled", "yes", "documents[0].enabled", "must be true or false"},
		{"field", "documents.0.color", "red", "documents[0].color", "unknown field"},
		{"not a list", "documents", map[string]any{}, "documents", "must be a list"},
		{"element not object", "documents", []any{"UTILBILL"}, "documents[0]", "must be an object"},
	} {
		add("documents/"+v.name, v.set, v.val, v.path, v.rule)
	}
	// The store's own rules: documents are never deleted, two-factor is the enrolment's.
	docs = append(docs,
		badDoc{name: "documents/deleted", set: p("documents"), val: []any{}, path: "documents",
			rule: `document "UTILBILL" is missing: custom documents can be disabled but never deleted`, storeOnly: true},
		badDoc{name: "security/twoFactor on", set: p("security.twoFactor"), val: true, path: "security.twoFactor",
			rule: "two-factor authentication is off in this database", storeOnly: true},
		badDoc{name: "security/twoFactor string", set: p("security.twoFactor"), val: "on", path: "security.twoFactor", rule: "must be true or false"},
		badDoc{name: "security/field", set: p("security.password"), val: "hunter2", path: "security.password", rule: "unknown field"},
	)

	// The document as a whole.
	for _, r := range []struct {
		name, raw, path, rule string
	}{
		{"format v2", strings.Replace(string(fullJSON()), "idvset.settings/v1", "idvset.settings/v2", 1), "format", "idvset.settings/v1"},
		{"top-level field", strings.Replace(string(fullJSON()), `"format":`, `"version": 2, "format":`, 1), "version", "unknown field"},
		{"array", `[]`, "document", "object"},
		{"null", `null`, "document", "object"},
		{"number", `42`, "document", "object"},
		{"string", `"settings"`, "document", "object"},
		{"two documents", `{"format": "idvset.settings/v1"} {}`, "document", "after"},
		{"duplicate key", `{"format": "idvset.settings/v1", "format": "idvset.settings/v1"}`, "format", "duplicate key: given more than once"},
		{"invalid UTF-8", `{"format": "idvset.settings/v1", "general": {"callbackUrl": "https://hooks.example.com/` + "\xff" + `"}}`, "general.callbackUrl", "UTF-8"},
		{"control character", "{\"format\": \"idvset.settings/v1\", \"documents\": [{\"code\": \"A\x01\"}]}", "documents[0].code", `invalid JSON at line 1, column 59: invalid character '\x01' in string literal`},
		{"deep nesting", strings.Repeat("[", 100000) + strings.Repeat("]", 100000), "document[0][0]", "exceeded max depth"},
		{"comment", "// settings\n" + string(fullJSON()), "document", "JSON"},
		{"trailing comma", `{"format": "idvset.settings/v1",}`, "document", "JSON"},
		{"single quotes", `{'format': 'idvset.settings/v1'}`, "document", "JSON"},
		{"NaN", `{"format": "idvset.settings/v1", "general": {"tokenLifetimeMinutes": NaN}}`, "general.tokenLifetimeMinutes", "invalid JSON"},
	} {
		docs = append(docs, badDoc{name: "whole/" + r.name, raw: []byte(r.raw), path: r.path, rule: r.rule})
	}
	return docs
}

// fullJSON is testdata/full.json (read once; the table is built before any test runs).
var fullJSON = func() func() []byte {
	var data []byte
	return func() []byte {
		if data == nil {
			var err error
			if data, err = os.ReadFile("testdata/full.json"); err != nil {
				panic(err)
			}
		}
		return data
	}
}()

// imageDocuments put images of every refused kind in every image field, inline and as
// files beside the document.
func imageDocuments() []badDoc {
	var docs []badDoc
	logo, err := os.ReadFile("testdata/logo.png")
	if err != nil {
		panic(err)
	}
	inline := func(data []byte) map[string]any {
		sum := sha256.Sum256(data)
		return map[string]any{"mediaType": "image/png", "sha256": hex.EncodeToString(sum[:]), "data": base64.StdEncoding.EncodeToString(data)}
	}
	kinds := []struct {
		name string
		data []byte
		rule string
	}{
		{"GIF", gifImage(), `not a PNG or JPEG image (starts with "GIF89a")`},
		{"BMP", append([]byte("BM"), make([]byte, 60)...), `not a PNG or JPEG image (starts with "BM")`},
		{"WebP", append([]byte("RIFF\x24\x00\x00\x00WEBPVP8 "), make([]byte, 40)...), "not a PNG or JPEG image"},
		{"SVG", []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"/>`), "it is an SVG"},
		{"TIFF", append([]byte("II*\x00"), make([]byte, 60)...), "not a PNG or JPEG image"},
		{"text", []byte("this is not an image"), "not a PNG or JPEG image"},
		{"empty", []byte{}, "empty file: not a PNG or JPEG image"},
		{"PNG cut short", logo[:len(logo)/2], "is damaged"},
		{"PNG bad checksum", corruptCRC(logo), "is damaged"},
		{"PNG signature only", logo[:8], "is damaged"},
		{"JPEG cut short", jpegImage()[:60], "is damaged"},
		{"too wide", pngHeader(20000, 1), "is too large: 20000×1 pixels (at most 10000 a side)"},
		{"decompression bomb", pngHeader(10000, 10000), "is too large"},
		{"no pixels", pngHeader(0, 5), "non-positive dimension"},
		{"over 5 MiB", append(slices.Clone(logo), make([]byte, 5<<20)...), "larger than the 5 MiB limit"},
	}
	fields := []string{"branding.default.headerImage", "branding.locales.de.successImage", "branding.locales.fr.errorImage"}
	for i, k := range kinds {
		field := fields[i%len(fields)]
		docs = append(docs, badDoc{name: "image inline/" + k.name, set: p(field), val: inline(k.data), path: field, rule: k.rule})
		ffield := fields[(i+1)%len(fields)]
		docs = append(docs, badDoc{name: "image file/" + k.name, set: p(ffield), val: map[string]any{"file": "img.bin"},
			beside: map[string][]byte{"img.bin": k.data}, path: ffield, rule: k.rule})
	}
	jpegAsPNG := inline(jpegImage())
	otherSum := inline(logo)
	otherSum["sha256"] = strings.Repeat("ab", 32)
	for _, v := range []struct {
		name string
		val  any
		path string
		rule string
	}{
		{"mediaType mismatch", jpegAsPNG, "branding.default.headerImage", "image/jpeg"},
		{"mediaType gif", map[string]any{"mediaType": "image/gif", "data": base64.StdEncoding.EncodeToString(logo)}, "branding.default.headerImage", "image/gif"},
		{"sha256 mismatch", otherSum, "branding.default.headerImage", "sha256"},
		{"bad base64", map[string]any{"mediaType": "image/png", "data": "!!!not base64!!!"}, "branding.default.headerImage.data", "not valid base64"},
		{"base64 URL alphabet", map[string]any{"data": strings.NewReplacer("+", "-", "/", "_").Replace(base64.StdEncoding.EncodeToString(logo))}, "branding.default.headerImage.data", "base64"},
		{"data and file", map[string]any{"data": base64.StdEncoding.EncodeToString(logo), "file": "logo.png"}, "branding.default.headerImage", `give either "data" or "file", not both`},
		{"neither", map[string]any{"mediaType": "image/png"}, "branding.default.headerImage", `an image needs "data" (base64) or "file"`},
		{"data number", map[string]any{"data": json.Number("5")}, "branding.default.headerImage.data", "must be a string"},
		{"unknown key", map[string]any{"url": "https://example.com/logo.png"}, "branding.default.headerImage.url", "unknown field"},
		{"not an object", "logo.png", "branding.default.headerImage", "must be an object"},
		{"file missing", map[string]any{"file": "missing.png"}, "branding.default.headerImage.file", `image file "missing.png" not found`},
		{"file absolute", map[string]any{"file": "/etc/passwd"}, "branding.default.headerImage.file", "absolute path"},
		{"file outside", map[string]any{"file": "../logo.png"}, "branding.default.headerImage.file", "leaves the document's directory"},
		{"file empty name", map[string]any{"file": ""}, "branding.default.headerImage.file", "empty file name"},
		{"file directory", map[string]any{"file": "."}, "branding.default.headerImage.file", "not a regular file"},
	} {
		docs = append(docs, badDoc{name: "image/" + v.name, set: p("branding.default.headerImage"), val: v.val, path: v.path, rule: v.rule})
	}
	return docs
}

func gifImage() []byte {
	var b bytes.Buffer
	gif.Encode(&b, image.NewPaletted(image.Rect(0, 0, 4, 4), []color.Color{color.Black, color.White}), nil)
	return b.Bytes()
}

func jpegImage() []byte {
	var b bytes.Buffer
	jpeg.Encode(&b, image.NewGray(image.Rect(0, 0, 16, 16)), nil)
	return b.Bytes()
}

// pngHeader is a PNG signature and a valid IHDR chunk of w×h, and nothing after.
func pngHeader(w, h uint32) []byte {
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 2 // 8-bit RGB
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	binary.Write(&b, binary.BigEndian, uint32(len(ihdr)))
	chunk := append([]byte("IHDR"), ihdr...)
	b.Write(chunk)
	binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(chunk))
	return b.Bytes()
}

// corruptCRC flips a byte of the last chunk's checksum.
func corruptCRC(png []byte) []byte {
	out := slices.Clone(png)
	out[len(out)-30] ^= 0xff
	return out
}

// badFile is a path given as the document, with what is there.
type badFile struct {
	name, file string
	absent     bool   // nothing is there: the editor on a file starts a new document
	feed       func() // writes into a named pipe, for commands that read one
	code       int
	path, rule string
}

// badFiles makes, in dir, files that are no settings document.
func badFiles(t *testing.T, dir string) []badFile {
	t.Helper()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	full := fullJSON()
	var out []badFile
	file := func(name string, data []byte) string {
		path := filepath.Join(dir, name)
		writeFile(t, path, data)
		return path
	}
	// Cut short anywhere: at the start, in a key, a string, a number, between values.
	for _, n := range []int{1, 2, 10, 25, 100, 333, 500, 777, 1000, 1500, 2000, 2500, len(full) - 3, len(full) - 2} {
		if n >= len(full) {
			continue
		}
		name := fmt.Sprintf("truncated-%d.json", n)
		out = append(out, badFile{name: "cut at byte " + strconv.Itoa(n), file: file(name, full[:n]), code: exitInvalid,
			path: "document", rule: "JSON"})
	}
	for _, f := range []struct {
		name string
		data []byte
		rule string
	}{
		{"empty", nil, "empty"},
		{"whitespace", []byte(" \n\t\n"), "empty"},
		{"plain text", []byte("callbackUrl = https://hooks.example.com\n"), "JSON"},
		{"YAML", []byte("format: idvset.settings/v1\ngeneral:\n  tokenLifetimeMinutes: 30\n"), "JSON"},
		{"XML", []byte(`<?xml version="1.0"?><settings/>`), "JSON"},
		{"PNG", readFile(t, "testdata/logo.png"), "JSON"},
		{"NUL bytes", make([]byte, 4096), "JSON"},
		{"UTF-16", append([]byte{0xff, 0xfe}, []byte("{\x00}\x00")...), "JSON"},
	} {
		out = append(out, badFile{name: f.name, file: file(strings.ReplaceAll(f.name, " ", "-")+".json", f.data), code: exitInvalid, path: "document", rule: f.rule})
	}
	// Larger than any document may be: refused by its size before it is read (sparse).
	huge := filepath.Join(dir, "huge.json")
	if f, err := os.Create(huge); err == nil {
		f.Truncate(64 << 20)
		f.Close()
	}
	out = append(out, badFile{name: "64 MiB", file: huge, code: exitInvalid, path: "document", rule: "larger than"})
	hugeJSON := filepath.Join(dir, "huge-valid-start.json")
	if f, err := os.Create(hugeJSON); err == nil {
		f.Write(full[:len(full)-2])
		f.Truncate(40 << 20)
		f.Close()
	}
	out = append(out, badFile{name: "40 MiB that starts well", file: hugeJSON, code: exitInvalid, path: "document", rule: "larger than"})

	// Not regular files.
	missing := filepath.Join(dir, "missing.json")
	out = append(out, badFile{name: "missing", file: missing, absent: true, code: exitUsage, path: missing, rule: "no such file"})
	out = append(out, badFile{name: "directory", file: dir, code: exitUsage, path: dir, rule: "is a directory"})
	loop := filepath.Join(dir, "loop.json")
	os.Symlink(loop, loop)
	out = append(out, badFile{name: "symlink to itself", file: loop, code: exitUsage, path: loop, rule: "too many levels of symbolic links"})
	a, b := filepath.Join(dir, "a.json"), filepath.Join(dir, "b.json")
	os.Symlink(b, a)
	os.Symlink(a, b)
	out = append(out, badFile{name: "symlink loop", file: a, code: exitUsage, path: a, rule: "too many levels of symbolic links"})
	dangling := filepath.Join(dir, "dangling.json")
	os.Symlink(filepath.Join(dir, "nowhere.json"), dangling)
	out = append(out, badFile{name: "dangling symlink", file: dangling, absent: true, code: exitUsage, path: dangling, rule: "no such file"})
	notDir := filepath.Join(dir, "not-a-dir.json")
	writeFile(t, notDir, full)
	out = append(out, badFile{name: "file as directory", file: filepath.Join(notDir, "x.json"), code: exitUsage, path: notDir, rule: "not a directory"})
	out = append(out, badFile{name: "/dev/null", file: "/dev/null", code: exitInvalid, path: "document", rule: "empty"})
	out = append(out, badFile{name: "/dev/zero", file: "/dev/zero", code: exitInvalid, path: "document", rule: "larger than"})
	// A named pipe, written by someone else: read to its end like a file.
	fifo := filepath.Join(dir, "pipe.json")
	if err := syscall.Mkfifo(fifo, 0o600); err == nil {
		out = append(out, badFile{name: "named pipe", file: fifo, code: exitInvalid, path: "document", rule: "JSON",
			feed: func() {
				if f, err := os.OpenFile(fifo, os.O_WRONLY, 0); err == nil {
					f.Write([]byte("not json"))
					f.Close()
				}
			}})
	}
	if os.Geteuid() != 0 { // root reads whatever the mode says
		locked := file("unreadable.json", full)
		os.Chmod(locked, 0)
		out = append(out, badFile{name: "unreadable", file: locked, code: exitUsage, path: locked, rule: "permission denied"})
	}
	return out
}

// badCatalog is a supported-ID catalog file for idvset catalog import.
type badCatalog struct {
	name, data string
	size       int64 // a sparse file of this size instead of data
	path, rule string
}

// badCatalogs are catalog files the vendor never sent.
func badCatalogs() []badCatalog {
	const ts = `"timestamp": "2019-03-01T14:13:38.938Z", `
	const deu = `"supportedIdTypes": [{"countryCode": "DEU", "idTypes": [{"idType": "PASSPORT"}]}]`
	return []badCatalog{
		{name: "not JSON", data: "not json", path: "catalog", rule: "invalid JSON"},
		{name: "empty", data: "", path: "catalog", rule: "empty: expected a JSON object"},
		{name: "array", data: "[]", path: "catalog", rule: "object"},
		{name: "cut short", data: `{` + ts + `"supportedIdTypes": [{"countryCode": "DEU"`, path: "supportedIdTypes[0]", rule: "invalid JSON at line 1, column 85: the document ends too early"},
		{name: "no list", data: `{"timestamp": "2019-03-01T14:13:38.938Z"}`, path: "supportedIdTypes", rule: "missing: a catalog lists the supported ID types of each country"},
		{name: "empty list", data: `{` + ts + `"supportedIdTypes": []}`, path: "supportedIdTypes", rule: "empty: a catalog lists the supported ID types of at least one country"},
		{name: "unknown field", data: `{` + ts + deu + `, "extra": 1}`, path: "extra", rule: "unknown field"},
		{name: "unknown country", data: `{` + ts + `"supportedIdTypes": [{"countryCode": "ZZZ", "idTypes": [{"idType": "PASSPORT"}]}]}`, path: "supportedIdTypes[0].countryCode", rule: `unknown country "ZZZ"`},
		{name: "alpha-2 country", data: `{` + ts + `"supportedIdTypes": [{"countryCode": "DE", "idTypes": [{"idType": "PASSPORT"}]}]}`, path: "supportedIdTypes[0].countryCode", rule: `unknown country "DE"`},
		{name: "country number", data: `{` + ts + `"supportedIdTypes": [{"countryCode": 276, "idTypes": [{"idType": "PASSPORT"}]}]}`, path: "supportedIdTypes[0].countryCode", rule: "must be a string"},
		{name: "country twice", data: `{` + ts + `"supportedIdTypes": [{"countryCode": "DEU", "idTypes": [{"idType": "PASSPORT"}]}, {"countryCode": "DEU", "idTypes": [{"idType": "ID_CARD"}]}]}`, path: "supportedIdTypes[1].countryCode", rule: "DEU is listed twice (also at [0])"},
		{name: "unknown type", data: `{` + ts + `"supportedIdTypes": [{"countryCode": "DEU", "idTypes": [{"idType": "BUS_PASS"}]}]}`, path: "supportedIdTypes[0].idTypes[0].idType", rule: `unknown ID type "BUS_PASS"`},
		{name: "backSide string", data: `{` + ts + `"supportedIdTypes": [{"countryCode": "DEU", "idTypes": [{"idType": "PASSPORT", "acquisitionConfig": {"backSide": "yes"}}]}]}`, path: "supportedIdTypes[0].idTypes[0].acquisitionConfig.backSide", rule: "must be true or false"},
		{name: "bad timestamp", data: `{"timestamp": "yesterday", ` + deu + `}`, path: "timestamp", rule: "is not a date and time: use RFC 3339"},
		{name: "timestamp number", data: `{"timestamp": 5, ` + deu + `}`, path: "timestamp", rule: "must be a string"},
		{name: "no timestamp", data: `{` + deu + `}`, path: "timestamp", rule: "missing: the date of the vendor's list"},
		{name: "40 MiB", size: 40 << 20, path: "catalog", rule: "a catalog is at most"},
	}
}

// flagInput is a command line to refuse.
type flagInput struct {
	args       []string
	stdin      string
	code       int
	path, rule string
	attempt    bool // a password attempt, which the database records
}

// flagInputs are the command lines: every command with bad flags and arguments.
func flagInputs(dir, db string) []flagInput {
	full := "testdata/full.json"
	pw := password + "\n"
	in := func(code int, path, rule, stdin string, args ...string) flagInput {
		return flagInput{args: args, stdin: stdin, code: code, path: path, rule: rule}
	}
	usage := func(path, rule string, args ...string) flagInput { return in(exitUsage, path, rule, "", args...) }
	attempt := func(f flagInput) flagInput { f.attempt = true; return f }
	list := []flagInput{
		// --db, before or after the command.
		usage("--db", "a PATH is expected", "--db"),
		usage("--db", "the path is empty", "--db", "", "export"),
		usage("--db", "the path is empty", "--db=", "history"),
		usage("-db", "the path is empty", "export", "-db="),
		usage("-db", "flag needs an argument", "export", "--db"),
		usage(filepath.Join(dir, "none.db"), "no database here", "--db", filepath.Join(dir, "none.db"), "export"),
		usage(dir, "not an idvset database", "--db", dir, "history"),
		usage(full, "not an idvset database", "--db", full, "history"),
		// Commands.
		usage("frobnicate", "unknown command", "frobnicate"),
		usage("Export", "unknown command", "Export"),
		usage("-x", "flag provided but not defined", "-x"),
		usage("--theme", "nope", "--theme", "nope"),
		usage("-readonly", "invalid boolean value", "--readonly=maybe"),
		usage("surplus", "unexpected argument", "--readonly", "surplus"),
		// init.
		usage("--password-stdin", "is required", "init", "--db", filepath.Join(dir, "new.db")),
		usage("init", "no arguments expected", "init", "extra", "--password-stdin"),
		in(exitInvalid, "already initialised", "password", pw, "init", "--db", db, "--password-stdin"),
		in(exitInvalid, "password", "12 characters", "short\n", "init", "--db", filepath.Join(dir, "weak.db"), "--password-stdin"),
		in(exitUsage, "password", "nothing on standard input", "", "init", "--db", filepath.Join(dir, "empty-stdin.db"), "--password-stdin"),
		usage("-password-stdin", "invalid boolean value", "init", "-password-stdin=2"),
		// export.
		usage("-revision", "invalid value", "export", "--revision", "abc"),
		usage("--revision", "-1 is not a revision number", "export", "--revision", "-1"),
		usage("-revision", "invalid value", "export", "--revision", "99999999999999999999"),
		usage("-revision", "invalid value", "export", "--revision", "1.5"),
		usage("-revision", "flag needs an argument", "export", "--revision"),
		in(exitInvalid, "revision 999", "no such revision", "", "export", "--db", db, "--revision", "999"),
		usage("-o", "flag needs an argument", "export", "-o"),
		usage("export", `unexpected argument "out.json" (use -o FILE)`, "export", "out.json"),
		usage(dir, "is a directory", "export", "--db", db, "-o", dir),
		usage(filepath.Join(dir, "no", "such"), "no such file or directory", "export", "--db", db, "-o", filepath.Join(dir, "no", "such", "out.json")),
		usage("-accepted-id-types", "invalid boolean value", "export", "--accepted-id-types=sometimes"),
		usage("-bogus", "flag provided but not defined", "export", "--bogus"),
		// import.
		usage("import", "exactly one FILE expected", "import", "--db", db, "--dry-run"),
		usage("import", "exactly one FILE expected", "import", "--db", db, "--dry-run", full, full),
		usage("import", "--password-stdin is required to save", "import", "--db", db, full),
		usage("-otp", "flag needs an argument", "import", full, "--otp"),
		usage("-dry-run", "invalid boolean value", "import", full, "--dry-run=perhaps"),
		attempt(in(exitInvalid, "password", "wrong password", "not the password\n", "import", "--db", db, "--password-stdin", "testdata/next.json")),
		in(exitUsage, "password", "nothing on standard input", "", "import", "--db", db, "--password-stdin", "testdata/next.json"),
		// validate.
		usage("validate", "exactly one FILE expected", "validate"),
		usage("validate", "exactly one FILE expected", "validate", full, full),
		usage("-strict", "flag provided but not defined", "validate", "-strict", full),
		// diff.
		usage("diff", "at most two arguments", "diff", "--db", db, "1", "2", "3"),
		usage("diff", "99999999999999999999 is not a revision number (too large)", "diff", "--db", db, "99999999999999999999"),
		in(exitInvalid, "revision 999", "no such revision", "", "diff", "--db", db, "1", "999"),
		in(exitInvalid, "revision 0", "no such revision", "", "diff", "--db", db, "0", "1"),
		usage(filepath.Join(dir, "missing.json"), "no such file", "diff", "--db", db, "1", filepath.Join(dir, "missing.json")),
		usage("-context", "flag provided but not defined", "diff", "--context", "3"),
		// history.
		usage("history", "no arguments expected", "history", "--db", db, "10"),
		usage("-limit", "flag provided but not defined", "history", "--limit", "10"),
		// rollback.
		usage("rollback", "exactly one revision number N expected", "rollback", "--db", db, "--password-stdin"),
		usage("rollback", `"one" is not a revision number`, "rollback", "--db", db, "one", "--password-stdin"),
		usage("rollback", `"-1" is not a revision number`, "rollback", "--db", db, "--password-stdin", "--", "-1"),
		usage("rollback", "99999999999999999999 is not a revision number (too large)", "rollback", "--db", db, "99999999999999999999", "--password-stdin"),
		usage("rollback", "--password-stdin is required", "rollback", "--db", db, "1"),
		in(exitInvalid, "revision 999", "no such revision", pw, "rollback", "--db", db, "999", "--password-stdin"),
		attempt(in(exitInvalid, "password", "wrong password", "wrong password!\n", "rollback", "--db", db, "1", "--password-stdin")),
		usage("-otp", "flag needs an argument", "rollback", "1", "--password-stdin", "--otp"),
		// catalog import (issue 9): command lines; the files are badCatalogs.
		usage("catalog", "expected import FILE", "catalog"),
		usage("catalog", "expected import FILE", "catalog", "export"),
		usage("catalog import", "exactly one FILE expected", "catalog", "import", "--db", db, "--dry-run"),
		usage("catalog import", "--password-stdin is required", "catalog", "import", "--db", db, "testdata/catalog-2019.json"),
		usage(filepath.Join(dir, "missing-catalog.json"), "no such file", "catalog", "import", "--db", db, "--dry-run", filepath.Join(dir, "missing-catalog.json")),
		usage(dir, "is a directory", "catalog", "import", "--db", db, "--dry-run", dir),
		// security and credentials (issue 11).
		usage("security", "expected status, otp enable, otp disable or password", "security", "--db", db),
		usage("security", "expected status, otp enable, otp disable or password", "--db", db, "security", "otp"),
		usage("security", "expected status, otp enable, otp disable or password", "--db", db, "security", "bogus"),
		usage("security otp enable", "--password-stdin is required", "--db", db, "security", "otp", "enable"),
		usage("security password", "--password-stdin is required", "--db", db, "security", "password"),
		in(exitInvalid, db, "two-factor authentication is off", pw, "--db", db, "security", "otp", "disable", "--password-stdin"),
		usage("credentials", "expected list, create, rotate or revoke", "credentials", "--db", db),
		usage("credentials list", "no arguments expected", "--db", db, "credentials", "list", "extra"),
		in(exitInvalid, "label", "required: a name that says what uses the credential", pw, "--db", db, "credentials", "create", "--password-stdin"),
		in(exitInvalid, "kind", `unknown kind "magic": use api_token or oauth2_client`, pw, "--db", db, "credentials", "create", "--label", "ci", "--kind", "magic", "--password-stdin"),
		in(exitInvalid, "scopes", `unknown scope "everything": use initiate, retrieve`, pw, "--db", db, "credentials", "create", "--label", "ci", "--kind", "oauth2_client", "--scope", "everything", "--password-stdin"),
		usage("credentials rotate", "exactly one credential ID expected", "--db", db, "credentials", "rotate", "--password-stdin"),
		usage("credentials revoke", "one or more credential IDs expected", "--db", db, "credentials", "revoke", "--password-stdin"),
		in(exitInvalid, `credential "nosuch"`, "no such credential", pw, "--db", db, "credentials", "rotate", "nosuch", "--password-stdin"),
		// serve (issue 12): refused before it listens.
		usage("serve", `unexpected argument "extra"`, "serve", "--db", db, "extra"),
		usage("--max-sessions", "at least 1", "serve", "--db", db, "--max-sessions", "0"),
		usage("--idle-timeout", "not negative (0 means never)", "serve", "--db", db, "--idle-timeout", "-1s"),
		usage("-idle-timeout", "invalid value", "serve", "--db", db, "--idle-timeout", "soon"),
		usage("-listen", "flag needs an argument", "serve", "--db", db, "--listen"),
		usage(filepath.Join(dir, "authorized_keys"), "no authorized keys file", "serve", "--db", db),
		usage(filepath.Join(dir, "none.db"), "no database here", "serve", "--db", filepath.Join(dir, "none.db")),
		// edit FILE (issue 12): command lines; the documents are run by documentCommands.
		usage("edit", "exactly one FILE expected", "edit"),
		usage("edit", "exactly one FILE expected", "edit", full, full),
		usage("--theme", "nope", "edit", full, "--theme", "nope"),
	}
	return list
}
