import CasemarkCore

extension App {
    /// The rating actions by the place on the scale they rate (0 for the best).
    static let ratingRanks: [Action: Int] = [.rateOutstanding: 0, .rateGood: 1, .rateRequiresImprovement: 2, .rateInadequate: 3]

    /// The id of the rating at `rank` on the framework's scale (0 for the best).
    func ratingID(rank: Int) -> String? {
        guard let scale = framework?.ratingScale.sorted(by: { $0.score > $1.score }), scale.indices.contains(rank) else { return nil }
        return scale[rank].id
    }

    mutating func handleRatings(_ key: Key) -> [Effect] {
        guard let framework, let action = KeyMap.ratings.action(for: key) else { return [] }
        let standards = framework.standards
        guard standards.indices.contains(ratingsCursor) else { return [] }
        let standard = standards[ratingsCursor]
        func rate(_ id: String) -> [Effect] {
            guard standard.rated == .directly else {
                status = StatusLine(
                    text: "\(standard.number) is rated from cases; press p to record a ratings panel decision", isError: true)
                return []
            }
            return changeInspection { inspection in
                var entry = inspection.ratings[standard.number] ?? DirectRating(rating: id)
                entry.rating = id
                inspection.ratings[standard.number] = entry
            }
        }
        switch action {
        case .quit: mode = .caseList
        case .help: overlay = .help(.ratings, offset: 0)
        case .up: ratingsCursor = max(0, ratingsCursor - 1)
        case .down: ratingsCursor = min(standards.count - 1, ratingsCursor + 1)
        case .pageUp: ratingsCursor = max(0, ratingsCursor - 10)
        case .pageDown: ratingsCursor = min(standards.count - 1, ratingsCursor + 10)
        case .top: ratingsCursor = 0
        case .bottom: ratingsCursor = max(0, standards.count - 1)
        case .rateOutstanding, .rateGood, .rateRequiresImprovement, .rateInadequate:
            guard let id = ratingID(rank: Self.ratingRanks[action] ?? 0) else { return [] }
            return rate(id)
        case .clearRating:
            guard standard.rated == .directly else { return [] }
            return changeInspection { $0.ratings[standard.number] = nil }
        case .editNote:
            guard standard.rated == .directly, let entry = folder?.inspection.ratings[standard.number] else {
                status = StatusLine(text: "Rate the standard first (o, g, r or i), then write the evidence", isError: true)
                return []
            }
            prompt = .ratingNote(standard: standard.number, field: TextField(entry.note ?? "", limit: 100_000))
        case .setDiscretion:
            prompt = .discretionRating(standard: standard.number)
        case .clearDiscretion:
            return changeInspection { $0.discretion[standard.number] = nil }
        default:
            break
        }
        return []
    }
}
