import CasemarkCore
import Foundation

/// The form shown for a folder with no inspection: the service's name and the framework; its own
/// model (state, update, a view into a rectangle).
public struct SetupScreen: Equatable, Sendable {
    public var service = TextField("", limit: 200)
    public var frameworkIndex = 0
    /// The folder the inspection will be created in, shown so a mistyped path is seen.
    public var folder: String?
    /// 0: service name, 1: framework.
    public var field = 0

    public init() {}

    /// Pasted text goes into the name when it has the focus (on one line); false otherwise.
    mutating func paste(_ text: String) -> Bool {
        guard field == 0 else { return false }
        service.insert(text, lineBreaks: false)
        return true
    }

    // MARK: - Update

    /// Applies an event and returns the effects for the runner: creating the inspection
    /// (`Enter`, from either field, once the service is named) or quitting.
    public mutating func update(_ event: ScreenEvent, frameworks: [Framework], context: inout ScreenContext) -> [Effect] {
        guard case .key(let key) = event else { return [] }
        switch key {
        case .tab, .backTab:
            field = 1 - field
        case .down where field == 0:
            field = 1
        case .up where field == 1 && frameworkIndex == 0:
            field = 0
        case .enter:
            let name = service.text.trimmingCharacters(in: .whitespaces)
            if name.isEmpty {
                field = 0
                context.status = StatusLine(text: "Type the name of the service inspected", isError: true)
            } else if frameworks.indices.contains(frameworkIndex) {
                return [.createInspection(service: name, framework: frameworks[frameworkIndex].id)]
            }
        case .escape, .control("c"):
            return [.quit]
        case .function(1):
            context.overlay = .help(.setup, offset: 0)
        default:
            if field == 0 {
                _ = service.handle(key)
            } else if key == .down || key == .character("j") {
                frameworkIndex = min(frameworks.count - 1, frameworkIndex + 1)
            } else if key == .up || key == .character("k") {
                frameworkIndex = max(0, frameworkIndex - 1)
            } else if key == .character("?") {
                context.overlay = .help(.setup, offset: 0)
            } else if key == .character("q") {
                return [.quit]
            }
        }
        return []
    }

    // MARK: - View

    /// Draws the form into `rect`: what it will create, the name, the frameworks (the title
    /// whole, wrapped, then revision and id) and the keys.
    public func view(into buffer: inout ScreenBuffer, rect: Rect, frameworks: [Framework]) {
        Chrome.header("New inspection", right: "", warning: false, into: &buffer, rect: rect)
        buffer.put(
            "No inspection here yet: name the service and choose the framework.", x: rect.x + 2, y: rect.y + 2, maxWidth: rect.width - 4)
        if let folder {
            buffer.put("Creates: " + TerminalText.escaped(folder), x: rect.x + 2, y: rect.y + 3, style: .dim, maxWidth: rect.width - 4)
        }
        let nameWidth = max(10, min(50, rect.width - 26))
        buffer.put(Self.focusMark(field == 0) + "Service inspected:", x: rect.x, y: rect.y + 5, style: field == 0 ? .title : .normal)
        let shown = TextWindow(service, width: nameWidth)
        buffer.put(
            "[" + DisplayWidth.padded(shown.text, to: nameWidth) + "]", x: rect.x + 22, y: rect.y + 5,
            style: field == 0 ? Style(.normal, reverse: true) : .normal)
        if field == 0 { buffer.cursor = (rect.x + 23 + shown.cursor, rect.y + 5) }
        buffer.put(Self.focusMark(field == 1) + "Framework:", x: rect.x, y: rect.y + 7, style: field == 1 ? .title : .normal)
        var row = rect.y + 8
        let last = rect.maxY - 2
        for (index, framework) in frameworks.enumerated() where row < last {
            let marker = index == frameworkIndex ? "(•) " : "( ) "
            let style: Style = index == frameworkIndex && field == 1 ? .selected : .normal
            let text = TerminalText.escaped("\(framework.title) · \(framework.revised) · \(framework.id)")
            for (line, part) in DisplayWidth.wrap(text, width: max(10, rect.width - 10)).enumerated() where row < last {
                buffer.put((line == 0 ? marker : "    ") + part, x: rect.x + 4, y: row, style: style, maxWidth: rect.width - 6)
                row += 1
            }
        }
        Chrome.footer(
            [("Enter", "create"), ("Tab", "next field"), ("↑↓", "choose"), ("F1", "help"), ("Esc", "quit")], into: &buffer, rect: rect)
    }

    /// The marker before the field with the focus.
    static func focusMark(_ focused: Bool) -> String { focused ? "▶ " : "  " }
}
