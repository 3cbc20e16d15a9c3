package persist

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"idvset/model"
)

func TestCredentialLifecycle(t *testing.T) {
	c := newClock()
	s, path := newStore(t, c)
	tok, tokSecret, err := s.CreateCredential(testPassword, "", model.NewCredential{Label: "ci deploy", Kind: model.APIToken})
	if err != nil {
		t.Fatal(err)
	}
	c.Advance(time.Minute)
	cli, cliSecret, err := s.CreateCredential(testPassword, "", model.NewCredential{
		Label: "verification backend", Kind: model.OAuth2Client, Scopes: []string{"retrieve", "initiate", "retrieve"}})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(tok.ID, "tok_") || !strings.HasPrefix(cli.ID, "cli_") || len(tokSecret) != 43 || tokSecret == cliSecret {
		t.Errorf("ids %q %q, secrets %q %q", tok.ID, cli.ID, tokSecret, cliSecret)
	}
	if !slices.Equal(cli.Scopes, []string{"initiate", "retrieve"}) {
		t.Errorf("scopes %v, want canonical order without repeats", cli.Scopes)
	}

	// The secret is shown once: the store keeps its hash only, and it verifies against it.
	db := rawDB(t, path)
	if h := queryString(t, db, "SELECT secret_hash FROM credentials WHERE id = ?", tok.ID); h != secretHash(tokSecret) || strings.Contains(h, tokSecret) {
		t.Errorf("stored %q", h)
	}
	verify := func(id, secret string, want bool) {
		t.Helper()
		if ok, err := s.VerifyCredential(id, secret); err != nil || ok != want {
			t.Errorf("VerifyCredential(%s, %.6s…) = %v, %v; want %v", id, secret, ok, err, want)
		}
	}
	verify(tok.ID, tokSecret, true)
	verify(cli.ID, cliSecret, true)
	verify(tok.ID, cliSecret, false)
	verify("tok_nosuchthing", tokSecret, false)

	list, err := s.Credentials()
	if err != nil || len(list) != 2 || list[0].ID != tok.ID || list[1].Label != "verification backend" ||
		!list[0].Created.Equal(c.Now().Add(-time.Minute)) || !list[1].Rotated.IsZero() || list[1].IsRevoked() {
		t.Fatalf("Credentials = %+v, %v", list, err)
	}

	// Rotate: the old secret stops working, the new one works, the id stays.
	c.Advance(time.Hour)
	rot, newSecret, err := s.RotateCredential(testPassword, "", cli.ID)
	if err != nil {
		t.Fatal(err)
	}
	if rot.ID != cli.ID || newSecret == cliSecret || !rot.Rotated.Equal(c.Now()) {
		t.Errorf("rotated %+v", rot)
	}
	verify(cli.ID, cliSecret, false)
	verify(cli.ID, newSecret, true)

	// Revoke: it stops working for good and can be neither rotated nor revoked again.
	if err := s.RevokeCredentials("wrong password!", "", []string{tok.ID}); !errors.Is(err, model.ErrWrongPassword) {
		t.Fatalf("revoke with a wrong password: %v", err)
	}
	verify(tok.ID, tokSecret, true)
	if err := s.RevokeCredentials(testPassword, "", []string{tok.ID, cli.ID}); err != nil {
		t.Fatal(err)
	}
	verify(tok.ID, tokSecret, false)
	verify(cli.ID, newSecret, false)
	if _, _, err := s.RotateCredential(testPassword, "", tok.ID); !errors.Is(err, model.ErrCredentialRevoked) {
		t.Errorf("rotate a revoked credential: %v", err)
	}
	if err := s.RevokeCredentials(testPassword, "", []string{cli.ID}); !errors.Is(err, model.ErrCredentialRevoked) {
		t.Errorf("revoke again: %v", err)
	}
	if err := s.RevokeCredentials(testPassword, "", []string{"cli_unknown"}); !errors.Is(err, model.ErrNoCredential) {
		t.Errorf("revoke an unknown id: %v", err)
	}
	list, _ = s.Credentials()
	if !list[0].Revoked.Equal(c.Now()) || !list[1].IsRevoked() {
		t.Errorf("after revoking: %+v", list)
	}
	if o := queryString(t, db, "SELECT group_concat(kind || ':' || outcome, ',') FROM auth_log WHERE kind LIKE '%credential'"); o !=
		"create credential:ok,create credential:ok,rotate credential:ok,revoke credential:wrong password,revoke credential:ok" {
		t.Errorf("auth_log: %s", o)
	}
}

// TestCredentialRules: a bad label, kind or scope is refused before the password is
// checked.
func TestCredentialRules(t *testing.T) {
	s, path := newStore(t, nil)
	for _, tc := range []struct {
		nc   model.NewCredential
		path string
		want string
	}{
		{model.NewCredential{Label: "", Kind: model.APIToken}, "label", "required"},
		{model.NewCredential{Label: " padded", Kind: model.APIToken}, "label", "no leading or trailing spaces"},
		{model.NewCredential{Label: "a\x1b[2Jb", Kind: model.APIToken}, "label", `"\x1b" is not`},
		{model.NewCredential{Label: strings.Repeat("x", 65), Kind: model.APIToken}, "label", "at most 64 characters"},
		{model.NewCredential{Label: "x", Kind: "password"}, "kind", `unknown kind "password"`},
		{model.NewCredential{Label: "x", Kind: model.OAuth2Client}, "scopes", "needs a scope"},
		{model.NewCredential{Label: "x", Kind: model.OAuth2Client, Scopes: []string{"admin"}}, "scopes", `unknown scope "admin"`},
		{model.NewCredential{Label: "x", Kind: model.APIToken, Scopes: []string{"initiate"}}, "scopes", "an api_token has no scopes"},
	} {
		_, _, err := s.CreateCredential("not even the password", "", tc.nc)
		wantViolation(tc.path, tc.want)(t, err)
	}
	if n := queryInt(t, rawDB(t, path), "SELECT count(*) FROM auth_log WHERE kind = 'create credential'"); n != 0 {
		t.Errorf("%d attempts logged for refused credentials", n)
	}
}

// TestCredentialsNeedCode: with two-factor on, every credential change needs a code.
func TestCredentialsNeedCode(t *testing.T) {
	s, _, c, key, _ := newEnrolled(t)
	nc := model.NewCredential{Label: "ci", Kind: model.APIToken}
	if _, _, err := s.CreateCredential(testPassword, "", nc); !errors.Is(err, model.ErrOTPRequired) {
		t.Fatalf("create without a code: %v", err)
	}
	cr, _, err := s.CreateCredential(testPassword, codeAt(t, key, c.Now()), nc)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.RotateCredential(testPassword, "", cr.ID); !errors.Is(err, model.ErrOTPRequired) {
		t.Fatalf("rotate without a code: %v", err)
	}
	if err := s.RevokeCredentials(testPassword, codeAt(t, key, c.Now()), []string{cr.ID}); !errors.Is(err, model.ErrWrongOTP) {
		t.Fatalf("revoke with the code already used: %v", err)
	}
	c.Advance(30 * time.Second)
	if err := s.RevokeCredentials(testPassword, codeAt(t, key, c.Now()), []string{cr.ID}); err != nil {
		t.Fatal(err)
	}
}
