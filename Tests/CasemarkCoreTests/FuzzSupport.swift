import Foundation

@testable import CasemarkCore

/// How long the fuzz tests run: `CASEMARK_FUZZ_ITERATIONS` multiplies each target's default
/// number of inputs (1 in CI), and `CASEMARK_FUZZ_SEED` changes the fixed seed, so a longer or
/// different run is one environment variable away and any failure can be repeated exactly.
enum FuzzBudget {
    static let environment = ProcessInfo.processInfo.environment
    static let multiplier = max(1, Int(environment["CASEMARK_FUZZ_ITERATIONS"] ?? "") ?? 1)
    static let seed = UInt64(environment["CASEMARK_FUZZ_SEED"] ?? "") ?? 0xCA5E_3A2C

    static func iterations(_ base: Int) -> Int { base * multiplier }
}

/// Makes broken variants of a valid JSON file: byte-level damage (truncation, flipped and
/// inserted bytes) and structural damage (a value replaced by one of another type, a strange
/// string or number, a key removed or added), which reaches deeper into the readers than random
/// bytes would.
struct JSONMutator {
    var random: SplitMix64

    init(seed: UInt64) {
        random = SplitMix64(seed: seed)
    }

    mutating func below(_ bound: Int) -> Int {
        bound <= 0 ? 0 : Int(random.next() % UInt64(bound))
    }

    mutating func mutate(_ bytes: [UInt8]) -> [UInt8] {
        switch below(10) {
        case 0: return Array(bytes.prefix(below(bytes.count + 1)))
        case 1:
            var copy = bytes
            for _ in 0...below(4) where !copy.isEmpty { copy[below(copy.count)] = UInt8(truncatingIfNeeded: random.next()) }
            return copy
        case 2:
            var copy = bytes
            let tokens: [[UInt8]] = ["{", "}", "[", "]", ",", ":", "\"", "\\", "\\u", "\\ud800", "null", "-", "1e999", "\u{0}", "\u{FF}"]
                .map { Array($0.utf8) }
            copy.insert(contentsOf: tokens[below(tokens.count)], at: below(copy.count + 1))
            return copy
        default:
            guard let value = try? JSONParser.parse(bytes) else { return bytes }
            var tree = value
            for _ in 0...below(3) { tree = mutate(tree, depth: 0) }
            return JSONWriter.bytes(from: tree)
        }
    }

    /// The value with one node somewhere below it changed.
    mutating func mutate(_ value: JSONValue, depth: Int) -> JSONValue {
        switch value {
        case .object(let object) where !object.isEmpty && below(4) != 0:
            var members = object.members
            let index = below(members.count)
            switch below(8) {
            case 0: members.remove(at: index)
            case 1: members.append(.init(key: strangeString(), value: strangeValue()))
            case 2: members.append(members[index])  // a duplicate key
            default: members[index].value = mutate(members[index].value, depth: depth + 1)
            }
            return .object(JSONObject(members))
        case .array(var array) where !array.isEmpty && below(4) != 0:
            let index = below(array.count)
            switch below(6) {
            case 0: array.remove(at: index)
            case 1: array.append(array[index])
            case 2: array.insert(strangeValue(), at: index)
            default: array[index] = mutate(array[index], depth: depth + 1)
            }
            return .array(array)
        default:
            return strangeValue()
        }
    }

    mutating func strangeValue() -> JSONValue {
        switch below(9) {
        case 0: .null
        case 1: .bool(below(2) == 0)
        case 2: .number(["0", "-0", "1e2", "-1", "99999999999999999999999", "1.5", "-9223372036854775808", "1e-400"][below(8)])
        case 3: .array([])
        case 4: .object(JSONObject())
        case 5: .array((0..<below(4)).map { _ in strangeValue() })
        default: .string(strangeString())
        }
    }

    mutating func strangeString() -> String {
        let pieces = [
            "", " ", "yes", "no", "na", "2.1.1", "a", "complete", "in-progress", "casemark/case", "hmip-yos-2020-09",
            "\u{1B}[2J", "\u{0}", "\u{7}", "../../etc/passwd", "C01", "2", "referral-order", "é", "👩🏽‍⚖️",
            "\u{301}", String(repeating: "x", count: 300), "good", "outstanding", "2026-02-30", "2026-11-23",
        ]
        return (0...below(3)).map { _ in pieces[below(pieces.count)] }.joined()
    }
}
