import CasemarkCore

/// Something the app asks its runner to do outside the state: write files, quit.
///
/// The runner performs it and reports back, so the screen shows a change as saved only once it is
/// on disk.
public enum Effect: Equatable, Sendable {
    case saveCase(CaseFile)
    case saveInspection(InspectionFile)
    /// Moves a case file to the inspection's `removed/` folder.
    case removeCase(ref: String)
    /// Creates the inspection folder with this service and framework.
    case createInspection(service: String, framework: String)
    /// Looks at the folder for what others saved; `force` reads every file again (Ctrl-L), not
    /// only those whose signature changed.
    case checkDisk(force: Bool)
    /// Deletes a recovery file left by an earlier session (restored or discarded).
    case removeRecovery(path: String)
    case quit
    /// Ctrl-C (SIGINT) with nothing typed to lose: ends as a terminating signal does (pending
    /// saves retried, what is still unsaved kept in the recovery file), not as q.
    case interrupt
}
