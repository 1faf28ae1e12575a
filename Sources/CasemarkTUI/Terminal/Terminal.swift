/// What the app needs from a terminal.
///
/// The curses adapter implements it for real; tests use a fake that records frames and feeds keys.
public protocol Terminal: AnyObject {
    /// Columns and rows.
    var size: (width: Int, height: Int) { get }
    /// Waits for the next key or event; nil when input has ended (the terminal closed) or the
    /// program was asked to stop (SIGTERM, SIGHUP).
    func nextKey() -> Key?
    /// Shows a frame, sending only what changed since the last one.
    func present(_ buffer: ScreenBuffer)
}
