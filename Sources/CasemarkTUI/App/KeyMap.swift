import CasemarkCore

/// Every user action, named once with its help text; keys are bound to actions separately, per
/// screen.
///
/// The `?` help screen and the footer hints are generated from these tables.
public enum Action: String, CaseIterable, Sendable {
    // Everywhere
    case help, quit, about
    // Moving
    case up, down, pageUp, pageDown, top, bottom
    case nextKeyQuestion, previousKeyQuestion, nextStandard, previousStandard, firstUnanswered
    case search, nextMatch, previousMatch
    // Case list
    case open, addCase, removeCase, ratingsScreen, filterReview
    // Marking
    case answerYes, answerNo, answerNotApplicable, clearAnswer, editNote, undo, complete, details, togglePanel
    case history, whatIf
    // Browse
    case fold
    // Trainer view
    case trainer, sortByEdge
    // Review
    case agree, challenge, comment, clearReview, returnCase, signOff, reopenReview
    // The inspector's side of a review
    case nextChallenge, reply, markAnswered
    // Merge conflicts
    case resolveConflict
    // Ratings screen
    case rateOutstanding, rateGood, rateRequiresImprovement, rateInadequate, clearRating, setDiscretion, clearDiscretion

    /// Whether the action changes the case being marked: refused on a read-only case, and in
    /// review mode (where a reviewer changes only the review).
    public var changesCase: Bool {
        switch self {
        case .answerYes, .answerNo, .answerNotApplicable, .clearAnswer, .editNote, .undo, .complete, .details, .reply,
            .markAnswered, .resolveConflict:
            true
        default:
            false
        }
    }

    /// What the action does, for the help screen.
    public var help: String {
        switch self {
        case .help: "show the keys for this screen"
        case .about: "about this framework: its source, what is inferred, its notes"
        case .quit: "leave this screen (quit from the case list)"
        case .nextMatch: "the next match of the last search"
        case .previousMatch: "the previous match of the last search"
        case .up: "move up"
        case .down: "move down"
        case .pageUp: "page up"
        case .pageDown: "page down"
        case .top: "go to the first item"
        case .bottom: "go to the last item"
        case .nextKeyQuestion: "next key question"
        case .previousKeyQuestion: "previous key question"
        case .nextStandard: "next standard"
        case .previousStandard: "previous standard"
        case .firstUnanswered: "jump to the first unanswered item"
        case .search: "search question and prompt text (Enter again for the next match)"
        case .open: "open the highlighted case"
        case .addCase: "add a case"
        case .removeCase: "remove the highlighted case (moved to removed/, after confirmation)"
        case .ratingsScreen: "direct ratings and ratings panel decisions"
        case .filterReview: "show only cases of one review status (press again for the next)"
        case .history: "the case's history: every change of an answer, who made it and when"
        case .fold: "fold or unfold the highlighted standard or key question"
        case .trainer: "trainer view: each key question's band, cases to the next bands"
        case .sortByEdge: "list the key questions nearest a band edge first, or in framework order"
        case .whatIf: "what if: the band, standard rating and score if this judgement were the other way"
        case .agree: "agree with the inspector's answer to the highlighted item"
        case .challenge: "challenge the highlighted answer, with a comment saying why"
        case .comment: "write a comment on the highlighted item"
        case .clearReview: "clear your verdict and comment on the highlighted item"
        case .returnCase: "return the case to the inspector, with a summary"
        case .signOff: "sign the case off, with your name and today's date (asks first if challenges are open)"
        case .reopenReview: "reopen the review after a sign-off or return (kept in the case's record)"
        case .nextChallenge: "jump to the next challenge you have not answered"
        case .reply: "reply to the reviewer on the highlighted item"
        case .markAnswered: "mark the highlighted challenge answered (or not)"
        case .resolveConflict: "resolve the case's next merge conflict: choose one version"
        case .answerYes: "answer yes and move on"
        case .answerNo: "answer no and move on"
        case .answerNotApplicable: "answer not applicable and move on"
        case .clearAnswer: "clear the highlighted answer"
        case .editNote: "write a note on the highlighted key question or prompt"
        case .undo: "undo the last change to this case (several levels)"
        case .complete: "mark the case complete, or reopen it"
        case .details: "edit the case details"
        case .togglePanel: "show or hide the full banding panel"
        case .rateOutstanding: "rate the highlighted standard Outstanding"
        case .rateGood: "rate it Good"
        case .rateRequiresImprovement: "rate it Requires improvement"
        case .rateInadequate: "rate it Inadequate"
        case .clearRating: "clear its direct rating"
        case .setDiscretion: "record a ratings panel decision (rating and reason)"
        case .clearDiscretion: "remove the ratings panel decision"
        }
    }
}

/// One hint of a screen's footer: the actions it names (their first keys are shown), a short
/// label, and how much it matters (0 is kept first; the footer drops the highest first).
public struct FooterHint: Sendable {
    public var actions: [Action]
    public var label: String
    public var priority: Int

    public init(_ actions: [Action], _ label: String, priority: Int) {
        self.actions = actions
        self.label = label
        self.priority = priority
    }
}

/// The keys bound to actions on one screen, in the order the help screen lists them, and the
/// footer drawn from them.
public struct KeyMap: Sendable {
    public var bindings: [(keys: [Key], action: Action)]
    /// The footer's hints, in the order they show; every action in them is bound here.
    public var footer: [FooterHint] = []

    public init(bindings: [(keys: [Key], action: Action)], footer: [FooterHint] = []) {
        self.bindings = bindings
        self.footer = footer
    }

    /// The footer as (keys, label) pairs that fit in `width`: the least important hints are left
    /// out first, and help (`?`) never.
    public func footerHints(width: Int) -> [(keys: String, label: String)] {
        let all = footer.map { hint in
            (
                keys: hint.actions.compactMap { action in bindings.first { $0.action == action }?.keys.first?.name }.joined(separator: " "),
                label: hint.label, priority: hint.priority
            )
        }
        var kept = Array(all.indices)
        func needed(_ indices: [Int]) -> Int {
            indices.reduce(0) { $0 + DisplayWidth.of(all[$1].keys) + DisplayWidth.of(all[$1].label) + 3 }
        }
        while needed(kept) > width, let drop = kept.filter({ all[$0].priority > 0 }).max(by: { all[$0].priority < all[$1].priority }) {
            kept.removeAll { $0 == drop }
        }
        return kept.map { (all[$0].keys, all[$0].label) }
    }

    public func action(for key: Key) -> Action? {
        bindings.first { $0.keys.contains(key) }?.action
    }

    static let movement: [(keys: [Key], action: Action)] = [
        ([.character("k"), .up], .up),
        ([.character("j"), .down], .down),
        ([.pageUp, .control("b")], .pageUp),
        ([.pageDown, .control("f")], .pageDown),
        ([.home, .character("g")], .top),
        ([.end, .character("G")], .bottom),
    ]

    /// Moving through a case's prompts, key questions and standards, for inspector and reviewer alike.
    static let markingMoves: [(keys: [Key], action: Action)] = [
        ([.character("k"), .up], .up),
        ([.character("j"), .down], .down),
        ([.tab, .character("J")], .nextKeyQuestion),
        ([.backTab, .character("K")], .previousKeyQuestion),
        ([.character("]"), .pageDown], .nextStandard),
        ([.character("["), .pageUp], .previousStandard),
        ([.home, .character("g")], .top),
        ([.end, .character("G")], .bottom),
    ]

    /// What the marking screen opens, for inspector and reviewer alike, and the way back.
    static let markingViews: [(keys: [Key], action: Action)] = [
        ([.character("b")], .togglePanel),
        ([.character("h")], .history),
        ([.character("w")], .whatIf),
        ([.character("t")], .trainer),
        ([.character("i")], .about),
        ([.character("?"), .function(1)], .help),
        ([.character("q"), .escape, .left], .quit),
    ]

    public static let caseList = KeyMap(
        bindings: movement + [
            ([.enter, .character("o"), .right, .character("l")], .open),
            ([.character("a")], .addCase),
            ([.character("D"), .delete], .removeCase),
            ([.character("r")], .ratingsScreen),
            ([.character("v")], .filterReview),
            ([.character("t")], .trainer),
            ([.character("/")], .search),
            ([.character("n")], .nextMatch),
            ([.character("N")], .previousMatch),
            ([.character("?"), .function(1)], .help),
            ([.character("q")], .quit),
        ],
        footer: [
            FooterHint([.open], "open", priority: 1), FooterHint([.addCase], "add", priority: 2),
            FooterHint([.removeCase], "remove", priority: 6),
            FooterHint([.ratingsScreen], "ratings", priority: 3), FooterHint([.filterReview], "filter", priority: 5),
            FooterHint([.search], "search", priority: 4), FooterHint([.trainer], "trainer", priority: 7),
            FooterHint([.help], "help", priority: 0), FooterHint([.quit], "quit", priority: 1),
        ])

    /// The case list of a reviewer: the same keys, a footer without adding or removing cases.
    public static let reviewCaseList = KeyMap(
        bindings: caseList.bindings,
        footer: [
            FooterHint([.open], "review", priority: 1), FooterHint([.filterReview], "filter", priority: 4),
            FooterHint([.ratingsScreen], "ratings", priority: 3), FooterHint([.search], "search", priority: 2),
            FooterHint([.help], "help", priority: 0), FooterHint([.quit], "quit", priority: 1),
        ])

    public static let marking = KeyMap(
        bindings: [
            ([.character("y")], .answerYes),
            ([.character("n")], .answerNo),
            ([.character("x")], .answerNotApplicable),
            ([.character(" "), .backspace], .clearAnswer),
        ] + markingMoves + [
            ([.character("f")], .firstUnanswered),
            ([.character("e"), .enter], .editNote),
            ([.character("u")], .undo),
            ([.character("/")], .search),
            ([.character("c")], .complete),
            ([.character("d")], .details),
            ([.character("!")], .nextChallenge),
            ([.character("r")], .reply),
            ([.character("A")], .markAnswered),
            ([.character("M")], .resolveConflict),
        ] + markingViews,
        footer: [
            FooterHint([.answerYes, .answerNo, .answerNotApplicable], "answer", priority: 1),
            FooterHint([.down, .up], "move", priority: 4),
            FooterHint([.nextKeyQuestion], "next KQ", priority: 5), FooterHint([.editNote], "note", priority: 3),
            FooterHint([.undo], "undo", priority: 6), FooterHint([.complete], "complete", priority: 7),
            FooterHint([.whatIf], "what-if", priority: 2), FooterHint([.togglePanel], "banding", priority: 8),
            FooterHint([.trainer], "trainer", priority: 9),
            FooterHint([.help], "help", priority: 0), FooterHint([.quit], "back", priority: 1),
        ])

    /// The marking screen of a reviewer: the same moves, review actions instead of answers.
    public static let review = KeyMap(
        bindings: [
            ([.character("a")], .agree),
            ([.character("c")], .challenge),
            ([.character("e"), .enter], .comment),
            ([.character(" "), .backspace], .clearReview),
            ([.character("R")], .returnCase),
            ([.character("S")], .signOff),
            ([.character("O")], .reopenReview),
            ([.character("!")], .nextChallenge),
        ] + markingMoves + [
            ([.character("/")], .search)
        ] + markingViews,
        footer: [
            FooterHint([.agree], "agree", priority: 1), FooterHint([.challenge], "challenge", priority: 1),
            FooterHint([.comment], "comment", priority: 3), FooterHint([.returnCase], "return", priority: 2),
            FooterHint([.signOff], "sign off", priority: 2), FooterHint([.history], "history", priority: 4),
            FooterHint([.help], "help", priority: 0), FooterHint([.quit], "back", priority: 1),
        ])

    /// The ratings screen: o, g, r, i rate (as in the panel-decision prompt), so the first and
    /// last rows are Home and End only (g and G would rate, not move).
    public static let ratings = KeyMap(
        bindings: movement.map { binding in
            (keys: binding.keys.filter { $0 != .character("g") && $0 != .character("G") }, action: binding.action)
        } + [
            ([.character("o")], .rateOutstanding),
            ([.character("g"), .character("G")], .rateGood),
            ([.character("r")], .rateRequiresImprovement),
            ([.character("i")], .rateInadequate),
            ([.character(" "), .backspace], .clearRating),
            ([.character("e"), .enter], .editNote),
            ([.character("p")], .setDiscretion),
            ([.character("P")], .clearDiscretion),
            ([.character("?"), .function(1)], .help),
            ([.character("q"), .escape], .quit),
        ],
        footer: [
            FooterHint([.rateOutstanding, .rateGood, .rateRequiresImprovement, .rateInadequate], "rate", priority: 1),
            FooterHint([.editNote], "evidence", priority: 2), FooterHint([.setDiscretion], "panel decision", priority: 3),
            FooterHint([.clearDiscretion], "remove decision", priority: 4), FooterHint([.help], "help", priority: 0),
            FooterHint([.quit], "back", priority: 1),
        ])

    /// The trainer view: moving, sorting, and back the way it came (`t` again too).
    public static let trainer = KeyMap(
        bindings: movement + [
            ([.character("s")], .sortByEdge),
            ([.character("?"), .function(1)], .help),
            ([.character("q"), .escape, .character("t"), .left], .quit),
        ],
        footer: [
            FooterHint([.down, .up], "move", priority: 2), FooterHint([.sortByEdge], "sort by edge", priority: 1),
            FooterHint([.top, .bottom], "top/end", priority: 3), FooterHint([.help], "help", priority: 0),
            FooterHint([.quit], "back", priority: 1),
        ])

    public static let browse = KeyMap(
        bindings: movement + [
            ([.enter, .character(" "), .right, .left], .fold),
            ([.character("/")], .search),
            ([.character("n")], .nextMatch),
            ([.character("N")], .previousMatch),
            ([.character("i")], .about),
            ([.character("?"), .function(1)], .help),
            ([.character("q"), .escape], .quit),
        ],
        footer: [
            FooterHint([.down, .up], "move", priority: 2), FooterHint([.fold], "fold", priority: 1),
            FooterHint([.search], "search", priority: 3), FooterHint([.top, .bottom], "top/end", priority: 4),
            FooterHint([.about], "about", priority: 5),
            FooterHint([.help], "help", priority: 0), FooterHint([.quit], "quit", priority: 1),
        ])
}
