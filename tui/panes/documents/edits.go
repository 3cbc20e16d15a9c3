package documents

import (
	"fmt"
	"slices"

	"idvset/model"
	"idvset/tui/common"
)

// The draft edits of the pane. Each finds its documents by code, never by position, and
// captures every value it needs: Rebase replays it on another head after a conflict,
// where other documents may have been added meanwhile.

// addEdit appends a new enabled document type.
func addEdit(code, name, label string) model.Edit {
	return model.Edit{
		Label: "added document " + common.Safe(code),
		Apply: func(s *model.Settings) {
			s.Documents = append(s.Documents, model.Document{Code: code, Name: name, Label: label, Enabled: true})
		},
	}
}

// renameEdit sets the name and the English label of the document with code; the code
// itself is never touched.
func renameEdit(code, name, label string) model.Edit {
	return model.Edit{
		Label: "document " + common.Safe(code) + ": name and label",
		Apply: func(s *model.Settings) {
			for i := range s.Documents {
				if s.Documents[i].Code == code {
					s.Documents[i].Name, s.Documents[i].Label = name, label
				}
			}
		},
	}
}

// enableEdit enables or disables the documents with codes: one undo step however many.
func enableEdit(codes []string, on bool) model.Edit {
	verb := "disabled"
	if on {
		verb = "enabled"
	}
	what := common.Plural(len(codes), "document")
	if len(codes) == 1 {
		what = common.Safe(codes[0])
	}
	codes = slices.Clone(codes)
	return model.Edit{
		Label: verb + " " + what,
		Apply: func(s *model.Settings) {
			for i := range s.Documents {
				if slices.Contains(codes, s.Documents[i].Code) {
					s.Documents[i].Enabled = on
				}
			}
		},
	}
}

// translateEdit sets the label of the document with code in locale.
func translateEdit(code, locale, label string) model.Edit {
	return model.Edit{
		Label: fmt.Sprintf("%s: %s label", common.Safe(code), model.LanguageName(locale)),
		Apply: func(s *model.Settings) {
			for i := range s.Documents {
				d := &s.Documents[i]
				if d.Code != code {
					continue
				}
				// Apply works on a deep copy (Settings.Clone): the map is its own.
				if d.Translations == nil {
					d.Translations = map[string]string{}
				}
				d.Translations[locale] = label
			}
		},
	}
}

// untranslateEdit removes the translations of the document with code in locales.
func untranslateEdit(code string, locales []string) model.Edit {
	what := common.Plural(len(locales), "translation")
	if len(locales) == 1 {
		what = "the " + model.LanguageName(locales[0]) + " label"
	}
	locales = slices.Clone(locales)
	return model.Edit{
		Label: fmt.Sprintf("%s: removed %s", common.Safe(code), what),
		Apply: func(s *model.Settings) {
			for i := range s.Documents {
				d := &s.Documents[i]
				if d.Code != code || len(d.Translations) == 0 {
					continue
				}
				for _, l := range locales {
					delete(d.Translations, l)
				}
			}
		},
	}
}
