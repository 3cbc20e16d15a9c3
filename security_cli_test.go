package main

import (
	"bufio"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"
)

// The security commands as a script runs them: the password and the code on stdin, the
// secrets on stdout once, refusals with exit 1.

// totpCode is the code an authenticator shows for secret at t.
func totpCode(t *testing.T, secret string, at time.Time) string {
	t.Helper()
	code, err := totp.GenerateCodeCustom(secret, at, totp.ValidateOpts{Period: 30, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
	if err != nil {
		t.Fatal(err)
	}
	return code
}

// enrolCLI runs `security otp enable` as a coprocess would: the password, then, once the
// secret is printed, the code computed from it (or wrong, when code returns one). It
// returns the result, the secret and the recovery codes.
func enrolCLI(t *testing.T, db string, code func(secret string) string) (result, string, []string) {
	t.Helper()
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	var errb bytes.Buffer
	done := make(chan int, 1)
	go func() {
		done <- run([]string{"--db", db, "security", "otp", "enable", "--password-stdin"}, inR, outW, &errb)
		outW.Close()
	}()
	io.WriteString(inW, password+"\n")
	var out strings.Builder
	var secret string
	var recovery []string
	sc := bufio.NewScanner(outR)
	for sc.Scan() {
		line := sc.Text()
		out.WriteString(line + "\n")
		if s, ok := strings.CutPrefix(line, "secret: "); ok {
			secret = s
		}
		if strings.HasPrefix(line, "uri: ") {
			io.WriteString(inW, code(secret)+"\n")
		}
		if rc, ok := strings.CutPrefix(line, "recovery code: "); ok {
			recovery = append(recovery, rc)
		}
	}
	inW.Close()
	return result{<-done, out.String(), errb.String()}, secret, recovery
}

func TestOTPEnableCommand(t *testing.T) {
	db := initDB(t)
	// A wrong code: refused, nothing stored.
	r, _, _ := enrolCLI(t, db, func(string) string { return "000000" })
	r.want(t, exitInvalid, "otp: wrong or already used two-factor code")
	runCLI(t, "", "--db", db, "security", "status").wantOut(t, 0, "two-factor: off\n")

	r, secret, recovery := enrolCLI(t, db, func(secret string) string { return totpCode(t, secret, time.Now()) })
	r.want(t, exitOK, "two-factor authentication is on", "copy them now: they will not be shown again")
	if !regexp.MustCompile(`^[A-Z2-7]{32}$`).MatchString(secret) || len(recovery) != 8 {
		t.Fatalf("secret %q, %d recovery codes:\n%s", secret, len(recovery), r.stdout)
	}
	if !strings.Contains(r.stdout, "uri: otpauth://totp/idvset:") || strings.Contains(r.stderr, secret) || strings.Contains(r.stderr, recovery[0]) {
		t.Errorf("secrets belong on stdout only:\nstdout %s\nstderr %s", r.stdout, r.stderr)
	}
	runCLI(t, "", "--db", db, "security", "status").wantOut(t, 0, "two-factor: on since ", "8 of 8 recovery codes left")
	if st := runCLI(t, "", "--db", db, "security", "status"); strings.Contains(st.stdout, secret) {
		t.Error("status prints the secret")
	}

	// Every saving command now needs the code.
	doc := filepath.Join(t.TempDir(), "doc.json")
	if err := os.WriteFile(doc, []byte(`{"format": "idvset.settings/v1", "general": {"tokenLifetimeMinutes": 45}, "security": {"twoFactor": true}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	runCLI(t, password+"\n", "--db", db, "import", doc, "--password-stdin").
		want(t, exitInvalid, "otp: two-factor authentication is on: give the code from your authenticator app (or a recovery code) with --otp CODE")
	// The enrolment spent the current step's code: the next step's is within the skew.
	next := totpCode(t, secret, time.Now().Add(30*time.Second))
	runCLI(t, password+"\n", "--db", db, "import", doc, "--password-stdin", "--otp", next).want(t, exitOK, "saved revision 2")
	runCLI(t, password+"\n", "--db", db, "rollback", "1", "--password-stdin", "--otp", next).
		want(t, exitInvalid, "otp: wrong or already used two-factor code")
	runCLI(t, password+"\n", "--db", db, "catalog", "import", "testdata/catalog-2019.json", "--password-stdin").
		want(t, exitInvalid, "otp: two-factor authentication is on")
	runCLI(t, password+"\n", "--db", db, "catalog", "import", "testdata/catalog-2019.json", "--password-stdin", "--otp", recovery[7]).
		want(t, exitOK, "saved revision 3")
	runCLI(t, password+"\n", "--db", db, "rollback", "1", "--password-stdin", "--otp", strings.ToLower(recovery[0])).
		want(t, exitOK, "saved revision 4: rollback to revision 1")
	if r := runCLI(t, "", "--db", db, "export"); !strings.Contains(r.stdout, `"twoFactor": true`) {
		t.Errorf("the rollback to before the enrolment turned two-factor off:\n%s", r.stdout)
	}
	runCLI(t, password+"\n", "--db", db, "security", "otp", "enable", "--password-stdin").
		want(t, exitInvalid, "two-factor authentication is already on: turn it off first (idvset security otp disable)")

	// Disabling needs the password and a code.
	runCLI(t, password+"\n", "--db", db, "security", "otp", "disable", "--password-stdin").want(t, exitInvalid, "otp: two-factor authentication is on")
	runCLI(t, password+"\n", "--db", db, "security", "otp", "disable", "--password-stdin", "--otp", recovery[0]).
		want(t, exitInvalid, "otp: wrong or already used")
	runCLI(t, password+"\n", "--db", db, "security", "otp", "disable", "--password-stdin", "--otp", recovery[1]).
		want(t, exitOK, "two-factor authentication is off")
	runCLI(t, "", "--db", db, "security", "status").wantOut(t, 0, "two-factor: off\n", "failed attempts in a row: 0\n", "next attempt allowed: now\n")
}

// wantOut is want for stdout.
func (r result) wantOut(t *testing.T, code int, stdoutParts ...string) {
	t.Helper()
	r.want(t, code)
	for _, p := range stdoutParts {
		if !strings.Contains(r.stdout, p) {
			t.Errorf("stdout %q does not contain %q", r.stdout, p)
		}
	}
}

func TestPasswordCommand(t *testing.T) {
	db := initDB(t)
	const newPW = "a brand new passphrase"
	runCLI(t, "wrong password!\n"+newPW+"\n", "--db", db, "security", "password", "--password-stdin").want(t, exitInvalid, "password: wrong password")
	runCLI(t, password+"\nshort\n", "--db", db, "security", "password", "--password-stdin").want(t, exitInvalid, "new password: at least 12 characters")
	runCLI(t, password+"\n", "--db", db, "security", "password", "--password-stdin").want(t, exitUsage, "new password: nothing on standard input")
	runCLI(t, password+"\n"+newPW+"\n", "--db", db, "security", "password", "--password-stdin").want(t, exitOK, "password changed (strength: ")
	create := func(pw string) result {
		return runCLI(t, pw+"\n", "--db", db, "credentials", "create", "--label", "x", "--password-stdin")
	}
	create(password).want(t, exitInvalid, "password: wrong password")
	runCLI(t, "", "--db", db, "security", "status").wantOut(t, 0, "failed attempts in a row: 1\n")
	create(newPW).want(t, exitOK, "created api_token")
}

func TestCredentialsCommands(t *testing.T) {
	db := initDB(t)
	runCLI(t, "", "--db", db, "credentials", "list").want(t, exitOK, "no credentials yet")
	// The rules before the password: nothing is read from stdin.
	runCLI(t, "", "--db", db, "credentials", "create", "--kind", "oauth2_client", "--password-stdin").
		want(t, exitInvalid, "label: required", "scopes: an oauth2_client needs a scope")

	r := runCLI(t, password+"\n", "--db", db, "credentials", "create", "--label", "ci deploy", "--password-stdin")
	r.want(t, exitOK, `created api_token "ci deploy" (tok_`, "copy the secret now: it will not be shown again")
	m := regexp.MustCompile(`^id: (tok_[0-9a-z]{12})\nsecret: ([A-Za-z0-9_-]{43})\n$`).FindStringSubmatch(r.stdout)
	if m == nil {
		t.Fatalf("stdout %q", r.stdout)
	}
	id, secret := m[1], m[2]
	if strings.Contains(r.stderr, secret) {
		t.Error("the secret went to stderr")
	}
	r = runCLI(t, password+"\n", "--db", db, "credentials", "create", "--label", "backend", "--kind", "oauth2_client",
		"--scope", "retrieve,initiate", "--password-stdin")
	r.want(t, exitOK, `created oauth2_client "backend" (cli_`)

	list := runCLI(t, "", "--db", db, "credentials", "list")
	list.wantOut(t, exitOK, "ID", "LABEL", id, "api_token", "ci deploy", "oauth2_client", "initiate,retrieve", "backend")
	if strings.Contains(list.stdout, secret) {
		t.Error("list shows a secret")
	}

	r = runCLI(t, password+"\n", "--db", db, "credentials", "rotate", id, "--password-stdin")
	r.want(t, exitOK, "the old secret no longer works")
	if !strings.HasPrefix(r.stdout, "id: "+id+"\nsecret: ") || strings.Contains(r.stdout, secret) {
		t.Errorf("rotate printed %q", r.stdout)
	}
	runCLI(t, password+"\n", "--db", db, "credentials", "revoke", id, "--password-stdin").want(t, exitOK, "revoked 1 credential: "+id)
	runCLI(t, password+"\n", "--db", db, "credentials", "rotate", id, "--password-stdin").
		want(t, exitInvalid, `credential "`+id+`": the credential is revoked: create a new one`)
	runCLI(t, password+"\n", "--db", db, "credentials", "revoke", "tok_nothing", "--password-stdin").
		want(t, exitInvalid, `credential "tok_nothing": no such credential`)
	list = runCLI(t, "", "--db", db, "credentials", "list")
	if !regexp.MustCompile(id + `\s+api_token\s+-\s+\S+\s+\S+Z\s+\S+Z\s+ci deploy`).MatchString(list.stdout) {
		t.Errorf("the revoked, rotated credential is not listed so:\n%s", list.stdout)
	}
	runCLI(t, "", "--db", db, "credentials", "revoke", id).want(t, exitUsage, "--password-stdin is required")
}
