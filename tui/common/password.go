package common

import (
	"fmt"
	"strings"

	"idvset/model"
	"idvset/themes"
)

// PasswordFeedback is the live verdict on a new password being typed, as the first run
// and a password change show it under their fields: its strength, what the policy still
// wants, and whether the repetition matches. Both inputs are the user's own, never
// printed back.
func PasswordFeedback(st *themes.Styles, pw, again string, width int) []string {
	w := max(width, 1)
	if pw == "" {
		return strings.Split(st.Hint.Render(Wrap(fmt.Sprintf(
			"at least %d characters; a passphrase of a few words is easy to type and hard to guess", model.MinPasswordLen), w)), "\n")
	}
	strength := model.PasswordStrength(pw)
	style := st.Warning
	switch strength {
	case model.StrengthTooShort, model.StrengthWeak:
		style = st.Error
	case model.StrengthStrong:
		style = st.Success
	}
	out := []string{st.Label.Render("strength: ") + style.Render(strength.String())}
	if err := model.CheckPassword(pw); err != nil {
		out = append(out, st.Error.Render(Truncate("✗ "+err.Error(), w)))
	} else {
		out = append(out, st.Success.Render("✓ meets the password policy"))
	}
	switch {
	case again == "":
	case again == pw:
		out = append(out, st.Success.Render("✓ the passwords match"))
	case strings.HasPrefix(pw, again):
		out = append(out, st.Hint.Render("repeat it…"))
	default:
		out = append(out, st.Error.Render("✗ the two passwords differ"))
	}
	return out
}
