import CasemarkCore

extension App {
    /// A box drawn over the screen until dismissed: the keys of a screen, the framework's
    /// source, a message, a question (remove a case, sign off over open challenges, drop a case's
    /// orphans, throw typing away), a merge conflict's versions or the recovery offer; its own model.
    ///
    /// Its state is the case itself (what it shows, how far it is scrolled). Its update takes a
    /// key, closes or scrolls the box through `context.overlay`, and returns what the answer asks
    /// of the app (`OverlayAnswer`), which carries it out; its view draws the box centred in a
    /// `Rect` from what the app gives it (`OverlayInputs`).
    public enum Overlay: Equatable, Sendable {
        /// The keys of a screen, scrolled down by `offset` lines.
        case help(Mode, offset: Int)
        /// The framework's source, caveat and notes (`i`), scrolled down by `offset` lines.
        case about(offset: Int)
        case confirmRemove(ref: String)
        /// A message (a case's history, what keeps it from being complete, what a save could not
        /// apply), scrolled down by `offset` lines when it is longer than the box.
        case message(title: String, lines: [String], offset: Int = 0)
        /// The answers and review items of the case being marked on what its framework no longer
        /// has, listed in `lines`, with the offer to drop them (`y`).
        case confirmDropOrphans(ref: String, title: String, lines: [String])
        /// Signing off with challenges still open, or a case its inspector has not marked
        /// complete: asks first (`y` signs off, recording the open challenges).
        case confirmSignOff(summary: String?, open: [String], inProgress: Bool)
        /// A merge conflict of the case being marked, with its versions to choose from.
        case resolveConflict(index: Int)
        /// The work a previous session could not save (`recoveryOffer`): restore, discard, later.
        case recovery
        /// Esc or Ctrl-C in a prompt whose text was changed: `y` throws the typing away (and,
        /// for Ctrl-C, then quits), any other key goes back to it.
        case confirmDiscard(quitting: Bool)
    }
}

/// What a key in an overlay asks the app to do beyond closing or scrolling it.
public enum OverlayAnswer: Equatable, Sendable {
    /// `y` to removing a case.
    case removeCase(ref: String)
    /// `y` to dropping a case's orphaned answers and review items.
    case dropOrphans(ref: String)
    /// `y` to signing off with challenges open, or before the case is complete: what the box
    /// showed, for the app to check against the case as it is now.
    case signOff(summary: String?, open: [String], inProgress: Bool)
    /// A key in a conflict's box: the version its number names (counted from 0), or nil to leave
    /// the conflict for later.
    case takeVersion(conflict: Int, version: Int?)
    /// The recovery offer: `r` restores, `d` discards, any other key keeps it for later.
    case restoreRecovery, discardRecovery, keepRecovery
    /// `y` to throwing typing away (and then quitting, for Ctrl-C).
    case discardTyping(quitting: Bool)
}

/// What an overlay shows of what the screens share.
public struct OverlayInputs {
    /// The framework the about box describes.
    public var framework: Framework?
    public var isReviewing: Bool
    /// The merge conflicts of the case being marked.
    public var conflicts: [MergeConflict]
    public var recovery: RecoveryOffer?
}

extension App {
    /// What the overlays read of the app.
    var overlayInputs: OverlayInputs {
        OverlayInputs(
            framework: framework ?? browse?.framework, isReviewing: isReviewing, conflicts: markingCase?.conflicts ?? [],
            recovery: recoveryOffer)
    }

    /// The help screen of a mode, generated from its key map.
    func helpLines(for mode: Mode) -> [String] {
        Overlay.helpLines(for: mode, isReviewing: isReviewing, width: size.width)
    }
}

extension App.Overlay {
    // MARK: - Update

    /// Applies a key: closes or scrolls the box (`context.overlay`), says on the status line what a
    /// "no" kept, and returns what a "yes" or a choice asks of the app.
    public func update(_ event: ScreenEvent, context: inout ScreenContext) -> OverlayAnswer? {
        guard case .key(let key) = event else { return nil }
        let yes = key == .character("y") || key == .character("Y")
        switch self {
        case .help(let mode, let offset):
            context.overlay = Self.scrolled(offset, by: key).map { .help(mode, offset: $0) }
            return nil
        case .about(let offset):
            context.overlay = Self.scrolled(offset, by: key).map { .about(offset: $0) }
            return nil
        case .message(let title, let lines, let offset):
            // A message longer than its box scrolls (j, k, the arrows, the page keys); any other
            // key, or any key on one that fits, closes it.
            let screen = Rect(x: 0, y: 0, width: context.size.width, height: context.size.height)
            let frame = Self.frame(title: title, lines: lines, footer: Self.messageFooter(scrolls: false), in: screen)
            if frame.overflows, let scrolled = Self.scrolled(offset, by: key) {
                context.overlay = .message(title: title, lines: lines, offset: min(scrolled, frame.wrapped.count - frame.room))
            } else {
                context.overlay = nil
            }
            return nil
        case .confirmDropOrphans(let ref, _, _):
            context.overlay = nil
            if yes { return .dropOrphans(ref: ref) }
            context.status = StatusLine(text: "Orphans of case \(ref) kept in its file", isError: false)
            return nil
        case .confirmRemove(let ref):
            context.overlay = nil
            if yes { return .removeCase(ref: ref) }
            context.status = StatusLine(text: "Case \(ref) kept", isError: false)
            return nil
        case .confirmSignOff(let summary, let open, let inProgress):
            context.overlay = nil
            guard yes else {
                let reason = open.isEmpty ? "the case is not complete" : "\(open.count) challenge(s) still open"
                context.status = StatusLine(text: "Not signed off: " + reason, isError: false)
                return nil
            }
            return .signOff(summary: summary, open: open, inProgress: inProgress)
        case .resolveConflict(let index):
            context.overlay = nil
            guard case .character(let character) = key, let number = character.wholeNumberValue else {
                return .takeVersion(conflict: index, version: nil)
            }
            return .takeVersion(conflict: index, version: number - 1)
        case .recovery:
            context.overlay = nil
            switch key {
            case .character("r"), .character("R"): return .restoreRecovery
            case .character("d"), .character("D"): return .discardRecovery
            default: return .keepRecovery
            }
        case .confirmDiscard(let quitting):
            context.overlay = nil
            guard yes else {
                context.status = StatusLine(text: "Kept what you typed: go on", isError: false)
                return nil
            }
            return .discardTyping(quitting: quitting)
        }
    }

    /// Arrows and j/k scroll a help or about screen taller than the terminal (the new offset);
    /// any other key closes it (nil).
    static func scrolled(_ offset: Int, by key: Key) -> Int? {
        switch key {
        case .down, .character("j"), .pageDown, .character(" "):
            offset + (key == .down || key == .character("j") ? 1 : 10)
        case .up, .character("k"), .pageUp:
            max(0, offset - (key == .up || key == .character("k") ? 1 : 10))
        default:
            nil
        }
    }

    // MARK: - View

    /// Draws the box centred in `rect` (the whole terminal), its lines scrolled by its offset.
    public func view(into buffer: inout ScreenBuffer, rect: Rect, inputs: OverlayInputs) {
        var title: String
        var lines: [String]
        // The keys that answer the box, drawn below its lines however many there are: a long
        // list (thousands of orphans, many challenges) never hides the question.
        var footer: [String] = []
        var offset: Int?
        var messageOffset: Int?
        switch self {
        case .help(let mode, let scrolled):
            title = "Keys: " + Self.modeName(mode) + " (j/k scroll, any other key closes)"
            lines = Self.helpLines(for: mode, isReviewing: inputs.isReviewing, width: rect.width)
            offset = scrolled
        case .about(let scrolled):
            guard let shown = inputs.framework else { return }
            title = "About \(shown.id) (j/k scroll, any other key closes)"
            lines = Self.aboutLines(shown, width: min(rect.width - 4, 100) - 4)
            offset = scrolled
        case .confirmRemove(let ref):
            title = "Remove case \(ref)?"
            lines = ["Its file is moved to the removed/ folder of the inspection, never deleted."]
            footer = ["", "y  remove it      any other key  keep it"]
        case .message(let heading, let body, let scrolled):
            title = heading
            lines = body
            // Laid out with the keys of one that fits; one that overflows says it scrolls, below.
            footer = Self.messageFooter(scrolls: false)
            messageOffset = scrolled
        case .confirmDropOrphans(_, let heading, let body):
            title = heading
            lines = body
            footer = ["", "y  drop them      any other key  keep them"]
        case .confirmSignOff(_, let open, let inProgress):
            switch (open.isEmpty, inProgress) {
            case (false, true): title = "Sign off with \(open.count) challenge(s) open, before the case is complete?"
            case (false, false): title = "Sign off with \(open.count) challenge(s) open?"
            default: title = "Sign off a case not yet complete?"
            }
            lines = []
            if inProgress {
                lines += [
                    "The inspector has not marked this case complete: its answers may",
                    "still change, and the sign-off goes out of date when they do.",
                ]
            }
            if !open.isEmpty {
                if !lines.isEmpty { lines.append("") }
                lines +=
                    ["These challenges are still open:"] + open.map { "  " + TerminalText.escaped($0) }
                    + ["", "The sign-off will record that they were open."]
            }
            footer = ["", "y  sign off anyway      any other key  go back"]
        case .resolveConflict(let index):
            let conflicts = inputs.conflicts
            guard conflicts.indices.contains(index) else { return }
            let conflict = conflicts[index]
            title = "Merge conflict \(index + 1) of \(conflicts.count): \(TerminalText.escaped(conflict.place))"
            lines = ["Two copies of this case changed it differently. Which is right?", ""]
            for (number, version) in conflict.versions.enumerated() {
                let who = [version.by, version.source].compactMap { $0 }.map(TerminalText.escaped).joined(separator: ", ")
                lines.append("\(number + 1)  \(TerminalText.escaped(MergeConflict.describe(version.value)))   (\(who))")
            }
            footer = ["", "Esc  decide later (the case cannot be completed meanwhile)"]
        case .confirmDiscard:
            title = "Discard what you typed?"
            lines = ["y discards, any other key goes back"]
        case .recovery:
            guard let offer = inputs.recovery else { return }
            let recovery = offer.recovery
            title = "A previous session left unsaved work"
            lines =
                recovery.summary + [
                    "",
                    "Left by \(TerminalText.escaped(recovery.user)) (process \(recovery.pid)) at \(TerminalText.escaped(recovery.time)),",
                    "kept in \(TerminalText.escaped(FilePath.name(of: offer.path))).",
                ]
            footer = ["", "r  restore (merged with what is on disk now)   d  discard   Esc  later"]
        }
        var frame = Self.frame(title: title, lines: lines, footer: footer, in: rect)
        if let messageOffset, frame.overflows {
            // The same rows: the longer keys cut to the box (only a terminal under 42 columns wide
            // cuts them), not laid out again.
            frame.below = Self.messageFooter(scrolls: true).map { Layout.cut($0, to: frame.width - 4) }
            offset = messageOffset
        }
        let (width, height, wrapped, below, room, footerRows) = (
            frame.width, frame.height, frame.wrapped, frame.below, frame.room, frame.footerRows
        )
        let left = rect.x + (rect.width - width) / 2
        let top = rect.y + max(1, (rect.height - height) / 2)
        buffer.fill(x: left, y: top, width: width, height: height, style: .normal)
        let border = "+" + String(repeating: "-", count: width - 2) + "+"
        buffer.put(border, x: left, y: top, style: .title)
        buffer.put(border, x: left, y: top + height - 1, style: .title)
        for row in (top + 1)..<(top + height - 1) {
            buffer.put("|", x: left, y: row, style: .title)
            buffer.put("|", x: left + width - 1, y: row, style: .title)
        }
        buffer.put(Layout.cut(title, to: width - 4), x: left + 2, y: top + 1, style: .title)
        let first = max(0, min(offset ?? 0, wrapped.count - room))
        for (index, line) in wrapped.dropFirst(first).prefix(room).enumerated() {
            buffer.put(line, x: left + 2, y: top + 3 + index)
        }
        if wrapped.count > first + room {
            let row = top + 2 + room
            buffer.fill(x: left + 1, y: row, width: width - 2, height: 1)
            let more = "… \(wrapped.count - first - room + 1) more lines" + (offset == nil ? "" : " (j to scroll)")
            buffer.put(Layout.cut(more, to: width - 4), x: left + 2, y: row, style: .dim)
        }
        for (index, line) in below.suffix(footerRows).enumerated() {
            buffer.put(line, x: left + 2, y: top + 3 + room + index)
        }
    }

    /// The size of a box and its lines wrapped to it, in `rect`: what the view draws, and what
    /// a message's update asks to know whether it scrolls.
    struct Frame {
        var width: Int
        var height: Int
        /// The lines, and the answering keys below them, wrapped.
        var wrapped: [String]
        var below: [String]
        /// The rows for the lines, and for the keys (which are never hidden by a long list).
        var room: Int
        var footerRows: Int

        var overflows: Bool { wrapped.count > room }
    }

    static func frame(title: String, lines: [String], footer: [String], in rect: Rect) -> Frame {
        let width = min(
            rect.width - 4, max(40, max(DisplayWidth.of(title), (lines + footer).map { DisplayWidth.of($0) }.max() ?? 0) + 4))
        func wrap(_ lines: [String]) -> [String] {
            // Lines that fit keep their spacing (help columns); longer ones wrap.
            lines.flatMap { DisplayWidth.of($0) <= width - 4 ? [$0] : DisplayWidth.wrap($0, width: width - 4) }
        }
        let wrapped = wrap(lines)
        let below = wrap(footer)
        let height = min(rect.height - 2, wrapped.count + below.count + 4)
        let footerRows = min(below.count, max(0, height - 5))
        return Frame(width: width, height: height, wrapped: wrapped, below: below, room: height - 4 - footerRows, footerRows: footerRows)
    }

    /// A message's keys: "j/k scroll" only when it is longer than its box.
    static func messageFooter(scrolls: Bool) -> [String] {
        ["", scrolls ? "(j/k scroll, any other key closes)" : "(any key closes)"]
    }

    /// What the about overlay says of a framework: its title, revision and source, where its
    /// text comes from (the caveat), and its notes, each wrapped to `width`.
    static func aboutLines(_ framework: Framework, width: Int) -> [String] {
        var lines = DisplayWidth.wrap(TerminalText.escaped("\(framework.title) · \(framework.revised)"), width: width)
        lines += DisplayWidth.wrap("Source: " + TerminalText.escaped(framework.source), width: width)
        if let caveat = framework.caveat {
            lines += [""] + DisplayWidth.wrap("Framework text: " + TerminalText.escaped(caveat), width: width)
        }
        for note in framework.notes {
            lines += [""] + DisplayWidth.wrap("• " + TerminalText.escaped(note), width: width)
        }
        return lines
    }

    /// What an action does on a screen, where its words depend on the screen.
    static func help(for action: Action, in mode: App.Mode) -> String {
        switch (action, mode) {
        case (.search, .caseList): "search refs, inspectors and disposals (n / N next / previous match)"
        case (.search, .marking): "search question and prompt text and notes (/ then Enter again: the next match)"
        case (.search, .browse): "search the framework's text (n / N next / previous match)"
        case (.quit, .caseList): "quit casemark"
        case (.quit, .browse): "quit"
        case (.quit, .trainer): "back to the screen the trainer view was opened from"
        case (.quit, _): "back to the case list"
        case (.editNote, .ratings): "write the evidence note of the highlighted standard"
        default: action.help
        }
    }

    static func modeName(_ mode: App.Mode) -> String {
        switch mode {
        case .setup: "new inspection"
        case .caseList: "case list"
        case .details: "case details"
        case .marking: "marking"
        case .ratings: "direct ratings and discretion"
        case .browse: "browsing a framework"
        case .trainer: "trainer view"
        }
    }

    /// The help screen of a mode, generated from its key map, its words wrapped to a terminal
    /// `width` wide.
    static func helpLines(for mode: App.Mode, isReviewing: Bool, width: Int) -> [String] {
        let map: KeyMap
        switch mode {
        case .caseList: map = .caseList
        case .marking: map = isReviewing ? .review : .marking
        case .ratings: map = .ratings
        case .browse: map = .browse
        case .trainer: map = .trainer
        case .setup:
            return [
                "Tab Shift-Tab       move between the name and the framework list",
                "↓ ↑ (j k)           choose a framework (↑ at the top goes back to the name)",
                "← → Home End        move in the name; Backspace Delete erase; Ctrl-U clear it",
                "Enter               create the inspection (from either field)",
                "F1 (? in the list)  these keys", "Esc                 quit",
            ]
        case .details:
            return [
                "Tab ↓ / Shift-Tab ↑  next / previous field", "PgUp PgDn           a screenful of fields up / down",
                "← → Space           change a choice (not recorded, then each value)",
                "a letter            on a choice, the next value starting with it (y Yes, n No)",
                "Ctrl-U              clear a text field", "Home End ← →        move in a text field",
                "Dates               YYYY-MM-DD or DD/MM/YYYY (20/11/2026)", "Numbers             whole numbers",
                "*                   needed before the case can be completed",
                "Fields              the framework's case details for the domain chosen",
                "Enter               save the details", "F1 (? on a choice)  these keys", "Esc                 cancel",
            ]
        }
        // Keys in a column as wide as the longest, the words wrapped beside it (not under it).
        let names = map.bindings.map { $0.keys.map(\.name).joined(separator: " ") }
        let column = min(24, (names.map { DisplayWidth.of($0) }.max() ?? 0) + 1)
        let room = max(20, width - 8 - column)
        var lines: [String] = []
        for (binding, name) in zip(map.bindings, names) {
            let words = DisplayWidth.wrap(help(for: binding.action, in: mode), width: room)
            for (index, part) in words.enumerated() {
                lines.append(DisplayWidth.padded(index == 0 ? name : "", to: column) + part)
            }
        }
        if mode == .marking {
            lines += [
                "", "While typing a note: ← → Home End move, Backspace/Delete erase, Enter saves, Esc cancels.",
                "Every change is saved to the case file at once; the status line says when.",
            ]
        }
        return lines
    }
}
