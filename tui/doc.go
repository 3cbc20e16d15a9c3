// Package tui is the Bubble Tea program of idvset: the tabbed editor, the review-and-save
// flow, the first run. It defines the small storage interface it needs (Store) and never
// imports persist; main wires the store in, so every screen is testable with no disk.
//
// # Layout
//
//	tui/             the root (Model): routing, tabs, header and footer, the full help,
//	                 the quit prompt, the save flow and its review, the first run
//	tui/common/      what the root and the panes share: Context (Edit, Say, OpenReview),
//	                 StatusMsg/HeadMsg/ShownMsg, ChangeLines (a change as the review draws it),
//	                 the Pane interface, key maps (KeyMap, ListKeys, FormKeys, FormNav,
//	                 KeyHelp and Explain), layout (Fit, Wrap, Hang, Truncate, Spread,
//	                 Scroller, CellWidth), Safe, ViolationLines, Placeholder
//	tui/components/  widgets that know no domain (picker, markable table, swatch, preview)
//	tui/panes/<s>/   one package per section: general, redirect, client, branding,
//	                 accepted, data, documents, security, history
//	tui/panetest/    Run (a deterministic command runner) and Harness (one pane on a draft)
//	tui/serve/       idvset serve: the editor over SSH, one Model per session (wish)
//
// A pane imports tui/common, components, model and themes: never another pane, never
// the root, never persist.
//
// # Messages
//
// The root owns the draft and the Context, and routes every message:
//   - tea.WindowSizeMsg: every pane gets SetSize with the room under the tabs.
//   - Keys and pastes: the open dialog, else the pane shown (the root keeps tab, alt+N,
//     ctrl+s, undo, ? and q for itself, and leaves printable keys to a pane that is
//     Capturing).
//   - Edits: a pane hands an edit over with ctx.Edit(model.Edit) during its Update; the
//     root applies it to the draft (one undo step), validates, and says
//     "changed: <label>" as soon as that Update returns, before the next key is read
//     (an edit sent as a command would come back after keys already typed, so "enter"
//     then "ctrl+s" in one read would review a draft without it). Panes never change
//     settings themselves.
//   - Reviews: a pane asks for the review-and-save dialog with ctx.OpenReview() (History's
//     rollback: one edit, then the review and the password); the root opens it once the
//     pane's edits are applied, before the next key. The save flow stays the root's.
//   - Status lines: a pane says one with ctx.Say(kind, text) during its Update, for a
//     key or for a command's result it takes; the root shows it as soon as that Update
//     returns, after the pane's edits (so it replaces their "changed: <label>"), in the
//     same frame as what caused it. The root's own (ctrl+s refused, the save dialog's)
//     are set in their Update too. common.StatusCmd, whose common.StatusMsg Bubble Tea
//     delivers after another Update and View (often the next frame, 8 ms later, and
//     apart from its key over a slow link), is only for a sentence made inside a
//     command, off the event loop.
//   - common.HeadMsg: sent by the root to every pane, shown or not, whenever the draft
//     starts from a new revision (first load, save, reload, re-apply).
//   - common.ShownMsg: sent to a pane when it becomes the section shown (a tab switch,
//     and the first section once loaded): a pane that reads storage only when first
//     looked at (History) starts reading then, so start-up never waits for it.
//   - Everything a pane's command produces comes back to that pane, whether it is shown
//     or not: the root wraps every command a pane returns (tagCmd) so that its message
//     arrives tagged with the pane's section (paneMsg, as gh-dash's SectionMsg), unpacks
//     batches and sequences, takes the status lines, gives Bubble Tea's own
//     messages back to the runtime, and hands the rest to the pane alone. A pane needs no
//     id of its own, and two open forms never see each other's messages (huh's carry no
//     identity).
//
// So all I/O lives in tea.Cmds returning a pane's own typed messages (unexported, in its
// package); Update and View never block.
//
// # Storage
//
// A pane that reads or writes storage (History: revisions and diffs; Security:
// enrolment, credentials) declares in its own package the small interface it needs, and
// its constructor takes it (what every pane needs comes with the Context: the catalog in
// force is Rules.Catalog, which the root reads with the head):
//
//	// Package history …
//	type Store interface {
//		History() ([]model.RevisionInfo, error)
//		Revision(n int) (model.Settings, error)
//	}
//	func New(ctx *common.Context, store Store) *Pane
//
// The methods must speak model's types (or plain ones), which the pane can name:
// persist.Store satisfies the interface only if its methods have exactly these
// signatures. Where persist returns a type of its own (persist.RevisionInfo today), move
// the type to model and leave an alias in persist (type RevisionInfo =
// model.RevisionInfo).
//
// The root passes its store as that capability, found by type assertion in newPanes:
//
//	history.New(ctx, capability[history.Store](store)),
//
// capability returns nil when the store cannot do it (the file-backed store of
// `idvset edit FILE` has no history and no credentials), and the pane then says what is
// missing instead of failing. The pane calls its store only from its own tea.Cmds, which
// return its own messages; the root routes them back to it (see Messages). persist.Store
// satisfies the interface by having the methods; nobody imports persist for it. Tests
// pass an in-memory implementation.
//
// The root itself asks two capabilities of its store (target.go): PasswordFree, whose
// saves need no password (the save dialog goes from the review straight to saving), and
// DocumentFile, a settings document file rather than the database (the header says
// FILE, the messages speak of the file). persist.FileStore, the store of `idvset edit
// FILE`, offers both.
//
// # Shared editors
//
// `idvset serve` (tui/serve) runs one Model per SSH session on one database, each on
// its own store (its saves by that session's author). Options.Presence is who else is
// connected, read when the header is drawn (the server sends PresenceMsg when it
// changes); RevisionSavedMsg says another session saved, and an editor with nothing
// unsaved moves to that revision; Options.OnSave hears every save's outcome (the
// server's log); Saving and Unsaved let the server close a session without cutting a
// save short, and say what was lost.
//
// # How to add a pane
//
// Each section's package already exists under tui/panes/<section> with a placeholder,
// and the root already calls its New; building a pane touches nothing of another's.
//
//  1. Replace tui/panes/<section>/<section>.go with your pane: a type implementing
//     common.Pane (Update, View, SetSize, KeyMap, Title, ShortTitle, Capturing), built by
//     New(ctx *common.Context, …). Keep the title the placeholder had; give a ShortTitle
//     (the tab bar uses it where the full titles do not fit at 80 columns).
//  2. Keys: hold a key map of key.Binding (common.NewListKeys for lists, huh forms with
//     common.FormKeys and common.FormNav), switch bindings with SetEnabled so the footer
//     never lies, and implement common.Explainer (ExplainedHelp, with common.Explain(b,
//     why)) so the full help says why a key does nothing right now.
//  3. Edits go out as ctx.Edit(model.Edit{Label, Apply}); status lines as
//     ctx.Say(kind, text) (common.StatusCmd only from inside a command). Print every
//     user-supplied string through common.Safe; wrap text with common.Wrap or
//     common.Hang; draw within the size SetSize gave (common.Truncate, common.Scroller).
//  4. Storage: declare `type Store interface{…}` in your package, take it in New, and
//     change your one line in newPanes (tui/panes.go) to pass capability[yourpkg.Store](store).
//     Handle a nil store. Do the I/O in a tea.Cmd returning your own message.
//  5. Test the pane alone with panetest.Harness inside synctest.Test: keys, views, the
//     edits it returns (Harness.Edits), Harness.EverySize; a pane's own tea.Tick messages
//     implement common.Timer so the test drivers drop them. End-to-end behaviour (tabs,
//     save) is tested in tui with the root's driver, teatest and tmux.
//
// newPanes keeps one pane a line, each between comment lines, so that parallel work on
// two panes merges without conflicts.
package tui
