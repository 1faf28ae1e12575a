import CasemarkCore

/// A recovery file found on opening the folder, offered until restored, discarded or put off.
public struct RecoveryOffer: Equatable, Sendable {
    public var path: String
    public var recovery: Recovery
}

extension App {
    /// What is not on disk now: the cases and ratings whose saves failed, each with the version
    /// its change was made to, and the text being typed with what it belongs to.
    public func unsavedWork(user: String, host: String, pid: Int, time: String) -> Recovery {
        var recovery = Recovery(user: user, host: host, pid: pid, time: time)
        for ref in safety.unsavedCases.sorted(by: numberingOrder) {
            guard let file = cases.first(where: { $0.ref == ref }) else { continue }
            recovery.cases.append(Recovery.PendingCase(file: file, base: saveBase(of: ref)))
        }
        if safety.inspectionUnsaved, let file = folder?.inspection, let base = inspectionSaveBase {
            recovery.inspection = Recovery.PendingInspection(file: file, base: base)
        }
        switch prompt {
        case .note(let field)?:
            if let ref = markingRef, let item = currentItem, !field.text.isEmpty {
                recovery.typing = .note(ref: ref, keyQuestion: item.keyQuestion, prompt: item.prompt, text: field.text)
            }
        case .reviewComment(let item, let verdict, let field)?:
            if let ref = markingRef, !field.text.isEmpty {
                recovery.typing = .reviewComment(ref: ref, item: item, verdict: verdict, text: field.text)
            }
        case .reply(let item, let field)?:
            if let ref = markingRef, !field.text.isEmpty { recovery.typing = .reply(ref: ref, item: item, text: field.text) }
        case .ratingNote(let standard, let field)?:
            if !field.text.isEmpty { recovery.typing = .ratingNote(standard: standard, text: field.text) }
        default:
            break
        }
        return recovery
    }

    /// Shows the offer to restore what a previous session left.
    mutating func offerRecovery(_ offer: RecoveryOffer) {
        recoveryOffer = offer
        overlay = .recovery
    }

    /// The recovery box's answer: r restores, d discards, Esc (or any other key) leaves it for
    /// the next start.
    mutating func handleRecoveryChoice(_ answer: OverlayAnswer?) -> [Effect] {
        guard let offer = recoveryOffer else { return [] }
        recoveryOffer = nil
        switch answer {
        case .restoreRecovery:
            let effects = restore(offer.recovery)
            if status.isError { return effects }
            status = StatusLine(text: "Restored the unsaved work of the previous session", isError: false)
            return effects + [.removeRecovery(path: offer.path)]
        case .discardRecovery:
            status = StatusLine(text: "Discarded the unsaved work of the previous session", isError: false)
            return [.removeRecovery(path: offer.path)]
        default:
            status = StatusLine(
                text: "The unsaved work of the previous session is kept for later (offered at the next start)", isError: false)
            return []
        }
    }

    /// Applies recovered work as changes, saved as every change is: merged with what is on
    /// disk now, what clashes with a change made meanwhile listed and not applied.
    mutating func restore(_ recovery: Recovery) -> [Effect] {
        for pending in recovery.cases {
            let ref = pending.file.ref
            if caseIndex(of: ref) == nil {
                caseAppearedOnDisk(pending.file)
            } else {
                replaceCase(pending.file)
            }
            sync.cases[ref] = pending.base.map { .onDisk($0) } ?? .new
            safety.unsavedCases.insert(ref)
        }
        if let inspection = recovery.inspection {
            sync.inspection = inspection.base
            folder?.inspection = inspection.file
            safety.inspectionUnsaved = true
        }
        guard let typing = recovery.typing else { return retries(besides: []) }
        switch typing {
        case .note(let ref, let keyQuestion, let letter, let text):
            guard let index = caseIndex(of: ref), var file = folder?.cases[index] else { break }
            var answer = file.answers[keyQuestion] ?? Answer()
            if let letter { answer.promptNotes[letter] = text } else { answer.note = text }
            file.answers[keyQuestion] = answer
            return change(file)
        case .reviewComment(let ref, let item, let verdict, let text):
            guard let index = caseIndex(of: ref), let file = folder?.cases[index] else { break }
            return updateReview(of: file) { review in
                var entry = review.items[item] ?? ReviewItem()
                if let verdict { entry.verdict = verdict }
                entry.comment = text
                review.items[item] = entry
            }
        case .reply(let ref, let item, let text):
            guard let index = caseIndex(of: ref), var file = folder?.cases[index] else { break }
            file.review.items[item, default: ReviewItem()].replies.append(
                ReviewReply(by: session.user, at: session.timestamp(), text: text))
            return change(file, recordUndo: false)
        case .ratingNote(let standard, let text):
            return changeInspection { $0.ratings[standard]?.note = text }
        }
        status = StatusLine(text: "The text being typed belongs to a case no longer here; not restored", isError: true)
        return retries(besides: [])
    }
}
