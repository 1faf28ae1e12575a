import CasemarkCore

/// The front end: routes events to the screen showing and holds what the screens share.
///
/// `handle(_:)` takes a key and returns the effects (saves, quit) for the runner to perform;
/// `handle(_: RunnerEvent)` takes what the runner reports back (saved, failed, what others saved)
/// the same way; `render(into:)` draws the state. Nothing here touches the terminal or the disk,
/// so tests drive it key by key and read the screen as text.
///
/// **Screens are models** (Bubble Tea's model / update / view, ratatui's widgets), each in its
/// own folder under `Screens/`: a struct with its own state, a
/// `mutating func update(_ event: ScreenEvent, …, context: inout ScreenContext) -> [Effect]`, and a
/// `func view(into buffer: inout ScreenBuffer, rect: Rect, …)` that draws only inside `rect`.
/// What a screen reads of the shared state (framework, inspection, ratings) is passed in; what it
/// may change of it goes through `ScreenContext`: the status line, the overlay or prompt it
/// opens, `leave` to go back, and `changes` to the inspection, which the app makes (so a
/// reviewer's refusal, saving and what moved stay in one place), and `request` for another
/// screen or quitting. Every screen is one: `BrowseScreen`, `CaseListScreen`, `DetailsForm` (the
/// details form; saving the case it describes stays here), `MarkingScreen` (marking and its review
/// mode: the case open, cursor, panel and undo stacks; it asks for a changed case as
/// `SharedChange.replaceCase`), `RatingsScreen`, `SetupScreen`, `TrainerScreen`, and the overlays
/// (`Overlay`: its update answers with an `OverlayAnswer` the app carries out). The prompts'
/// ends (a note, evidence, a panel decision, a review comment or outcome, a reply) are here, as
/// they change what the screens share.
///
/// **Shared here:** the inspection folder and its tally, the session, sync and safety state, the
/// status line, the overlay and prompt, the last search, and what the last change moved
/// (`movement`).
public struct App: Sendable {
    /// Which screen is showing.
    public enum Mode: Equatable, Sendable {
        case setup
        case caseList
        case details
        case marking
        case ratings
        /// `casemark browse`: a framework read-only.
        case browse
        /// The trainer view: every key question's band and distance to the next band.
        case trainer
    }

    /// A one-line text entry at the bottom of the screen, and what it is for.
    public enum Prompt: Equatable, Sendable {
        case search(TextField)
        case note(TextField)
        case ratingNote(standard: String, field: TextField)
        case discretionRating(standard: String)
        case discretionReason(standard: String, rating: String, field: TextField)
        /// A reviewer's comment on an item (`verdict` set for a challenge, which needs one).
        case reviewComment(item: String, verdict: ReviewVerdict?, field: TextField)
        /// Returning (summary required) or signing off (summary optional).
        case reviewOutcome(kind: ReviewOutcome.Kind, field: TextField)
        /// The inspector's reply to the reviewer on an item.
        case reply(item: String, field: TextField)

        /// Whether the text holds lines (Ctrl-J and pasted line breaks): notes, evidence,
        /// comments, summaries and replies; not a search or a panel decision's reason.
        public var allowsLineBreaks: Bool {
            switch self {
            case .note, .ratingNote, .reviewComment, .reviewOutcome, .reply: true
            case .search, .discretionRating, .discretionReason: false
            }
        }

        /// Whether leaving the prompt would throw away typing (a search is not worth asking for).
        public var hasUnsavedTyping: Bool {
            switch self {
            case .search, .discretionRating: false
            case .note(let field), .ratingNote(_, let field), .discretionReason(_, _, let field),
                .reviewComment(_, _, let field), .reviewOutcome(_, let field), .reply(_, let field):
                field.isChanged
            }
        }
    }

    public var mode: Mode
    public var overlay: Overlay?
    public var prompt: Prompt?
    public var size: (width: Int, height: Int)

    /// The loaded inspection; nil only while the setup form shows.
    public var folder: InspectionFolder?
    public var tally: InspectionTally?
    /// Frameworks offered by the setup form.
    public var frameworks: [Framework]
    /// The setup form's model, while no inspection exists.
    public var setup = SetupScreen()
    public var detailsForm = DetailsForm()

    /// The case list's model: its highlighted case and review filter.
    public var caseList = CaseListScreen()
    /// The highlighted row of the case list.
    public var caseCursor: Int {
        get { caseList.cursor }
        set { caseList.cursor = newValue }
    }
    /// The marking screen's model (and its review mode): the case open, its cursor, the banding
    /// panel's height and the undo stacks.
    public var marking = MarkingScreen()
    /// The case open on the marking screen.
    public var markingRef: String? { marking.ref }
    /// The highlighted item of the marking screen.
    public var markingCursor: Int { marking.cursor }
    /// The ratings screen's model: its highlighted standard.
    public var ratingsScreen = RatingsScreen()
    /// The standard highlighted on the ratings screen.
    public var ratingsCursor: Int { ratingsScreen.cursor }
    /// The last search typed, which `/` then Enter and `n` / `N` repeat (shared by the screens).
    public var lastSearch = ""
    /// `casemark browse`'s screen: the framework it shows, its highlighted row and folded items.
    public var browse: BrowseScreen?
    /// The trainer view, while it shows.
    public var trainer: TrainerScreen?

    /// Who is working, in which role; stamps history entries and reviews.
    public var session = Session()
    /// The case list shows only cases of this review status when set.
    public var reviewFilter: ReviewStatus? { caseList.reviewFilter }

    /// Locks held elsewhere and saves still owed (see App+Safety).
    public var safety = SafetyState()
    /// What is on disk for the cases and inspection changed here and not yet saved (see App+Sync).
    public var sync = SyncState()

    /// Unsaved work a previous session left in the folder, while it is offered.
    public var recoveryOffer: RecoveryOffer?

    public var status = StatusLine(text: "", isError: false)
    /// What the last key changed, in words, for the status line once the change is saved
    /// ("Undid 2.1.2 judgement: no → open · saved at 10:02:03").
    public var changeNote: String?
    /// What the last change moved in the ratings (key questions, standards, score), marked on
    /// the screens until the next key.
    public var movement: RatingMovement?
    /// Shown in the header when set, e.g.
    ///
    /// "SANDBOX: changes here never reach real data".
    public var banner: String?

    /// An app on an existing inspection, at the case list.
    public init(folder: InspectionFolder, size: (width: Int, height: Int), banner: String? = nil) {
        self.mode = .caseList
        self.size = size
        self.folder = folder
        self.tally = InspectionTally(framework: folder.framework, cases: folder.cases)
        self.frameworks = [folder.framework]
        self.banner = banner
        if !folder.damaged.isEmpty {
            status = StatusLine(
                text: "\(folder.damaged.count) case file(s) have problems (listed below; never overwritten): run casemark validate",
                isError: true)
        }
    }

    /// An app on a folder with no inspection yet: the setup form, on the latest revision, saying
    /// which folder it will create (`folder`, as the user will recognise it).
    public init(frameworks: [Framework], size: (width: Int, height: Int), folder: String? = nil) {
        self.mode = .setup
        self.size = size
        self.frameworks = frameworks
        setup.folder = folder
        // New inspections use the latest revision: the one revised last.
        setup.frameworkIndex = frameworks.indices.max { frameworks[$0].revised < frameworks[$1].revised } ?? 0
    }

    /// An app showing `framework` read-only: no inspection, nothing written.
    public init(browsing framework: Framework, size: (width: Int, height: Int)) {
        self.mode = .browse
        self.size = size
        self.frameworks = [framework]
        self.browse = BrowseScreen(framework: framework)
    }

    // MARK: - Routing to the screen models

    /// Runs `body` with the part of the app a screen may change (status line, overlay, prompt),
    /// and takes back what it changed.
    mutating func withScreenContext<Result>(_ body: (inout ScreenContext) -> Result) -> Result {
        var context = ScreenContext(size: size, status: status, overlay: overlay, prompt: prompt, lastSearch: lastSearch)
        context.changeNote = changeNote
        let result = body(&context)
        status = context.status
        overlay = context.overlay
        prompt = context.prompt
        changeNote = context.changeNote
        return result
    }

    /// Sends an event to the browse screen.
    mutating func routeToBrowse(_ event: ScreenEvent) -> [Effect] {
        // Taken out while it updates, so its rows are not copied.
        guard var screen = browse.take() else { return [] }
        let effects = withScreenContext { screen.update(event, context: &$0) }
        browse = screen
        return effects
    }

    /// Opens the trainer view, coming back to the screen it was opened from, with what the change
    /// just before moved (`moved`) marked until its first key.
    mutating func openTrainer(moved: RatingMovement?) {
        guard let framework else { return }
        trainer = TrainerScreen(framework: framework, returnMode: mode, moved: moved)
        mode = .trainer
    }

    /// Sends an event to the trainer view, and goes back when it asks to be left.
    mutating func routeToTrainer(_ event: ScreenEvent) -> [Effect] {
        guard var screen = trainer.take(), let ratings else { return [] }
        var leave = false
        let effects = withScreenContext { context in
            let effects = screen.update(event, ratings: ratings, context: &context)
            leave = context.leave
            return effects
        }
        if leave {
            mode = screen.returnMode
        } else {
            trainer = screen
        }
        return effects
    }

    /// Sends an event to the case list, and carries out what it asks for.
    mutating func routeToCaseList(_ event: ScreenEvent) -> [Effect] {
        var screen = caseList
        let cases = cases
        let reviewing = isReviewing
        let damaged = damagedCaseLines().count
        var request: ScreenRequest?
        let effects = withScreenContext { context in
            let effects = screen.update(event, cases: cases, isReviewing: reviewing, damaged: damaged, context: &context)
            request = context.request
            return effects
        }
        caseList = screen
        switch request {
        case .openCase(let ref): openMarking(ref)
        case .addCase: startDetails(editing: nil)
        case .ratings: mode = .ratings
        case .quit: return effects + confirmQuit()
        case .submitDetails, .editDetails, nil: break
        }
        return effects
    }

    /// Sends an event to the details form; leaving goes back where it came from, and saving adds
    /// or changes the case.
    mutating func routeToDetails(_ event: ScreenEvent) -> [Effect] {
        guard let framework else { return [] }
        var form = detailsForm
        var request: ScreenRequest?
        var leave = false
        var effects = withScreenContext { context in
            let effects = form.update(event, framework: framework, context: &context)
            request = context.request
            leave = context.leave
            return effects
        }
        if leave { mode = form.editingRef == nil ? .caseList : .marking }
        if request == .submitDetails {
            effects += submitDetails(&form)
            // A refusal moves the focus to its field: in view.
            form.scrollToFocus(framework, rect: Rect(x: 0, y: 0, width: size.width, height: size.height - 1))
        }
        detailsForm = form
        return effects
    }

    /// Sends an event to the ratings screen, and makes the changes to the inspection it asks for.
    mutating func routeToRatings(_ event: ScreenEvent) -> [Effect] {
        guard let framework, let inspection = folder?.inspection else { return [] }
        var screen = ratingsScreen
        var changes: [SharedChange] = []
        var leave = false
        var effects = withScreenContext { context in
            let effects = screen.update(event, framework: framework, inspection: inspection, context: &context)
            changes = context.changes
            leave = context.leave
            return effects
        }
        ratingsScreen = screen
        if leave { mode = .caseList }
        for change in changes {
            switch change {
            case .rate(let standard, let rating):
                effects += changeInspection { inspection in
                    var entry = inspection.ratings[standard] ?? DirectRating(rating: rating)
                    entry.rating = rating
                    inspection.ratings[standard] = entry
                }
            case .clearRating(let standard):
                effects += changeInspection { $0.ratings[standard] = nil }
            case .clearDiscretion(let standard):
                effects += changeInspection { $0.discretion[standard] = nil }
            case .replaceCase(let file, let recordUndo):
                effects += self.change(file, recordUndo: recordUndo)
            }
        }
        return effects
    }

    /// The rows `casemark browse` shows.
    public var browseRows: [BrowseRow] { browse?.rows ?? [] }

    /// The highlighted row of `casemark browse`.
    public var browseCursor: Int { browse?.cursor ?? 0 }

    // MARK: - Derived state

    public var framework: Framework? { folder?.framework }

    public var cases: [CaseFile] { folder?.cases ?? [] }

    /// The cases the case list shows: all, or those of the review status filtered on.
    public var listedCases: [CaseFile] { caseList.listed(cases) }

    public var isReviewing: Bool { session.role == .reviewer }

    public var markingCase: CaseFile? {
        guard let markingRef, let index = caseIndex(of: markingRef) else { return nil }
        return folder?.cases[index]
    }

    /// Where a case is in `folder.cases`: the remembered place of the case being marked when it
    /// still holds it (no search of a large inspection on every key), else a search.
    func caseIndex(of ref: String) -> Int? {
        guard let cases = folder?.cases else { return nil }
        if let index = marking.index, cases.indices.contains(index), cases[index].ref == ref { return index }
        return cases.firstIndex { $0.ref == ref }
    }

    public var outline: CaseOutline? {
        guard let framework, let file = markingCase else { return nil }
        return CaseOutline(framework: framework, domain: file.domain)
    }

    public var markingItems: [MarkingItem] {
        guard let outline, let file = markingCase else { return [] }
        return outline.items(for: file)
    }

    /// The highlighted item of the marking screen.
    public var currentItem: MarkingItem? { marking.current(markingItems) }

    public var ratings: InspectionRatings? {
        guard let folder, let tally else { return nil }
        return RatingEngine(framework: folder.framework).rate(tally: tally, inspection: folder.inspection)
    }

    // MARK: - Changes

    /// Replaces a case in memory and in the tallies, keeps the old version for undo, and asks for
    /// it to be saved.
    mutating func change(_ updated: CaseFile, recordUndo: Bool = true) -> [Effect] {
        guard let index = caseIndex(of: updated.ref), let old = folder?.cases[index] else { return [] }
        guard old != updated else { return [] }
        if isReviewing {
            // A reviewer changes the review and nothing else.
            var onlyReview = old
            onlyReview.review = updated.review
            guard onlyReview == updated else {
                status = StatusLine(text: Self.reviewRefusal, isError: true)
                return []
            }
        }
        var updated = old.recording(updated, by: session.user, at: session.timestamp())
        if !isReviewing { updated.frameworkHash = framework?.markedHash ?? updated.frameworkHash }
        // The version on disk this change is made to, kept until it is saved: the save applies
        // the change to the file as it is then, not over it.
        if sync.cases[updated.ref] == nil { sync.cases[updated.ref] = .onDisk(old) }
        if recordUndo { marking.recordUndo(old) }
        // In place: copying the folder first would copy every case (copy on write), making one
        // answer cost time in proportion to the inspection.
        // The ratings before, to say what moved: only when the change can move one (a prompt
        // answer, most keys, cannot), so an answer does not cost two more rating runs.
        let before = Self.mayMoveRatings(old, updated) ? ratings : nil
        folder?.cases[index] = updated
        tally?.replace(old, with: updated)
        noteMovement(since: before)
        return retries(besides: [.saveCase(updated)])
    }

    /// Whether changing `old` to `new` can move a key question's count: a judgement, or what
    /// decides which cases count (domain, disposal, details).
    static func mayMoveRatings(_ old: CaseFile, _ new: CaseFile) -> Bool {
        guard old.domain == new.domain, old.disposal == new.disposal, old.details == new.details else { return true }
        if old.answers.keys == new.answers.keys {
            return zip(old.answers, new.answers).contains { $0.value.judgement != $1.value.judgement }
        }
        // A key question answered for the first time (or cleared) has no judgement on one side.
        return new.answers.contains { old.answers[$0.key]?.judgement != $0.value.judgement }
            || old.answers.contains { new.answers[$0.key]?.judgement != $0.value.judgement }
    }

    /// Keeps what a change moved in the ratings, from `before` to now, for the screens to mark.
    mutating func noteMovement(since before: InspectionRatings?) {
        guard let before, let after = ratings else {
            movement = nil
            return
        }
        movement = RatingMovement(from: before, to: after)
    }

    static let reviewRefusal = "Review mode: the inspector's answers, notes and ratings cannot be changed here"

    mutating func changeInspection(_ update: (inout InspectionFile) -> Void) -> [Effect] {
        guard var folder else { return [] }
        if isReviewing {
            status = StatusLine(text: Self.reviewRefusal, isError: true)
            return []
        }
        if sync.inspection == nil { sync.inspection = folder.inspection }
        let before = ratings
        update(&folder.inspection)
        self.folder = folder
        noteMovement(since: before)
        return retries(besides: [.saveInspection(folder.inspection)])
    }

    // MARK: - Results from the runner

    /// A save failed: the answers stay in memory and the next change saves again.
    mutating func saveFailed(_ message: String) {
        status = StatusLine(
            text: "NOT SAVED: \(message). Your answers are kept; the next change or S tries again.", isError: true)
    }

    /// The inspection folder was created by the runner.
    mutating func created(_ folder: InspectionFolder) {
        self.folder = folder
        self.tally = InspectionTally(framework: folder.framework, cases: folder.cases)
        mode = .caseList
        status = StatusLine(text: "Created the inspection of \(folder.inspection.service)", isError: false)
    }

    /// A case was moved to `removed/`.
    mutating func removed(ref: String) {
        guard var folder, let index = folder.cases.firstIndex(where: { $0.ref == ref }) else { return }
        tally?.remove(folder.cases[index])
        folder.cases.remove(at: index)
        self.folder = folder
        caseCursor = min(caseCursor, max(0, listedCases.count - 1))
        marking.undoStacks[ref] = nil
        status = StatusLine(text: "Moved case \(ref) to removed/", isError: false)
    }

    mutating func failed(_ message: String) {
        status = StatusLine(text: message, isError: true)
    }
}

/// The bottom line: the last save, or an error in plain words.
public struct StatusLine: Equatable, Sendable {
    public var text: String
    public var isError: Bool
}

/// The case details form, for a new case or an existing one: the ref, domain and disposal, then
/// every detail the framework declares for the domain, in its order.
public struct DetailsForm: Equatable, Sendable {
    /// A field of the form: the case's ref, domain or disposal, or a declared detail by its id.
    public struct Field: Hashable, Sendable {
        public var id: String

        public init(_ id: String) {
            self.id = id
        }

        // `$` cannot start a detail's id, so these never meet one.
        public static let ref = Field("$ref")
        public static let domain = Field("$domain")
        public static let disposal = Field("$disposal")
        public static let inspector = Field("inspector")
        public static let date = Field("date")
        public static let riskOfSeriousHarm = Field("riskOfSeriousHarm")
        public static let safetyAndWellbeing = Field("safetyAndWellbeing")
        public static let interviewed = Field("caseManagerInterviewed")

        /// The declared detail the field edits; nil for the ref, domain and disposal.
        public var detail: String? { id.hasPrefix("$") ? nil : id }
    }

    /// Nil when adding a new case.
    public var editingRef: String?
    public var field = Field.ref
    public var ref = TextField("", limit: 100)
    public var domainIndex = 0
    public var disposalIndex = 0
    /// What is typed in each text, number and date detail, by id.
    public var texts: [String: TextField] = [:]
    /// Each choice and yes-no detail's position: 0 not recorded, then its values (yes, no).
    public var choices: [String: Int] = [:]
    /// The first field shown when the form is longer than the screen.
    public var scroll = 0

    /// The inspector's name as typed.
    public var inspector: TextField {
        get { texts["inspector"] ?? TextField("", limit: DetailDeclaration.longestText) }
        set { texts["inspector"] = newValue }
    }

    /// The date inspected as typed.
    public var date: TextField {
        get { texts["date"] ?? TextField("", limit: 10) }
        set { texts["date"] = newValue }
    }
}
