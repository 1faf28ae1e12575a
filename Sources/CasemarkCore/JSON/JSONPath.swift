/// Where a value sits inside a JSON document, written like `$.answers["2.1.1"].judgement`.
public struct JSONPath: Hashable, Sendable, CustomStringConvertible {
    /// One step into a document: an object key or an array index.
    public enum Component: Hashable, Sendable {
        case key(String)
        case index(Int)
    }

    public private(set) var components: [Component]

    public init(_ components: [Component] = []) {
        self.components = components
    }

    /// The document itself.
    public static let root = JSONPath()

    public func appending(_ key: String) -> JSONPath {
        appending(component: .key(key))
    }

    public func appending(index: Int) -> JSONPath {
        appending(component: .index(index))
    }

    /// One allocation, sized once: a file of a million problems builds a path for each.
    private func appending(component: Component) -> JSONPath {
        var longer: [Component] = []
        longer.reserveCapacity(components.count + 1)
        longer.append(contentsOf: components)
        longer.append(component)
        return JSONPath(longer)
    }

    public var description: String {
        var text = "$"
        for component in components {
            switch component {
            case .index(let index):
                text += "[\(index)]"
            case .key(let key):
                if Self.isPlainName(key) {
                    text += ".\(key)"
                } else {
                    text += "[\"\(TerminalText.escaped(key).replacingOccurrences(of: "\"", with: "\\\""))\"]"
                }
            }
        }
        return text
    }

    private static func isPlainName(_ key: String) -> Bool {
        guard let first = key.unicodeScalars.first, first.properties.isAlphabetic || first == "_" else {
            return false
        }
        return key.unicodeScalars.allSatisfy {
            ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || $0 == "_"
        }
    }
}
