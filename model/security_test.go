package model

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func TestCheckCredential(t *testing.T) {
	for _, tc := range []struct {
		nc         NewCredential
		want       string // "" when valid
		wantScopes []string
	}{
		{NewCredential{Label: "ci deploy", Kind: APIToken}, "", nil},
		{NewCredential{Label: "Zahlungsprüfung ✓", Kind: OAuth2Client, Scopes: []string{"retrieve"}}, "", []string{"retrieve"}},
		{NewCredential{Label: "both", Kind: OAuth2Client, Scopes: []string{"retrieve", "initiate", "initiate"}}, "", []string{"initiate", "retrieve"}},
		{NewCredential{Label: strings.Repeat("é", 64), Kind: APIToken}, "", nil},
		{NewCredential{Label: "", Kind: APIToken}, "label: required", nil},
		{NewCredential{Label: "   ", Kind: APIToken}, "label: required", nil},
		{NewCredential{Label: strings.Repeat("é", 65), Kind: APIToken}, "label: at most 64 characters (65)", nil},
		{NewCredential{Label: "tab\there", Kind: APIToken}, `label: only printable characters: "\t" is not`, nil},
		{NewCredential{Label: "x\u202e", Kind: APIToken}, `label: only printable characters: "\u202e" is not`, nil},
		{NewCredential{Label: "bad\xffutf8", Kind: APIToken}, "label: not valid UTF-8", nil},
		{NewCredential{Label: "trailing ", Kind: APIToken}, "label: no leading or trailing spaces", nil},
		{NewCredential{Label: "x", Kind: ""}, `kind: unknown kind "": use api_token or oauth2_client`, nil},
		{NewCredential{Label: "x", Kind: OAuth2Client}, "scopes: an oauth2_client needs a scope: initiate, retrieve, or both", nil},
		{NewCredential{Label: "x", Kind: OAuth2Client, Scopes: []string{"Initiate"}}, `scopes: unknown scope "Initiate": use initiate, retrieve`, nil},
		{NewCredential{Label: "x", Kind: APIToken, Scopes: []string{"retrieve"}}, "scopes: an api_token has no scopes: scopes are for an oauth2_client", nil},
	} {
		got, vs := CheckCredential(tc.nc)
		if tc.want == "" {
			if len(vs) > 0 || !slices.Equal(got.Scopes, tc.wantScopes) {
				t.Errorf("%+v: %v, scopes %v; want valid with scopes %v", tc.nc, vs, got.Scopes, tc.wantScopes)
			}
			continue
		}
		if !strings.Contains(vs.Error(), tc.want) {
			t.Errorf("%+v: %q, want %q", tc.nc, vs.Error(), tc.want)
		}
	}
}

func TestLockoutLocked(t *testing.T) {
	now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		until time.Time
		want  bool
	}{{time.Time{}, false}, {now.Add(-time.Second), false}, {now, false}, {now.Add(time.Second), true}} {
		if got := (Lockout{Failures: 5, Until: tc.until}).Locked(now); got != tc.want {
			t.Errorf("until %v: Locked = %v, want %v", tc.until, got, tc.want)
		}
	}
}
