/// Reading `inspection.json` into `InspectionFile` (shape and types; `InspectionChecker` checks
/// it against the framework), and writing it back in a stable order.
extension InspectionFile {
    static let knownFields: Set<String> = ["format", "version", "service", "framework", "ratings", "discretion", "sample"]

    public static func read(_ value: JSONValue, problems: inout ProblemCollector) -> InspectionFile? {
        let root = JSONPath.root
        guard let object = problems.object(value, at: root) else { return nil }
        let version = problems.header(object, format: format, supportedVersion: supportedVersion, at: root)
        let service = problems.string(object, "service", at: root)
        let framework = problems.string(object, "framework", at: root)
        var ratings: [String: DirectRating] = [:]
        if let ratingsObject = problems.object(object, "ratings", at: root, required: false) {
            for member in ratingsObject.members {
                let path = root.appending("ratings").appending(member.key)
                guard let item = problems.object(member.value, at: path),
                    let rating = problems.string(item, "rating", at: path)
                else { continue }
                var entry = DirectRating(rating: rating, note: problems.string(item, "note", at: path, required: false, nonEmpty: false))
                entry.unknown = item.removingKeys(["rating", "note"])
                ratings[member.key] = entry
            }
        }
        var discretion: [String: Discretion] = [:]
        var declined: [String: DeclinedDiscretion] = [:]
        if let discretionObject = problems.object(object, "discretion", at: root, required: false) {
            for member in discretionObject.members {
                let path = root.appending("discretion").appending(member.key)
                guard let item = problems.object(member.value, at: path) else { continue }
                if problems.bool(item, "declined", at: path, required: false) == true {
                    if item["rating"] != nil {
                        problems.report("a declined ratings panel decision sets no \"rating\"", at: path.appending("rating"))
                    }
                    if item["reason"] == nil {
                        problems.report("a declined ratings panel decision needs a \"reason\"", at: path)
                    }
                    guard let reason = problems.string(item, "reason", at: path, required: false) else { continue }
                    var entry = DeclinedDiscretion(reason: reason)
                    entry.unknown = item.removingKeys(["declined", "rating", "reason"])
                    declined[member.key] = entry
                    continue
                }
                let rating = problems.string(item, "rating", at: path)
                if item["reason"] == nil {
                    problems.report("a ratings panel decision needs a \"reason\"", at: path)
                }
                let reason = problems.string(item, "reason", at: path, required: false)
                guard let rating, let reason else { continue }
                var entry = Discretion(rating: rating, reason: reason)
                entry.unknown = item.removingKeys(["declined", "rating", "reason"])
                discretion[member.key] = entry
            }
        }
        let drawn = object["sample"].flatMap { DrawnSample.read($0, at: root.appending("sample"), problems: &problems) }
        guard let service, let framework else { return nil }
        var file = InspectionFile(service: service, framework: framework)
        file.drawnSample = drawn
        file.version = version ?? supportedVersion
        file.ratings = ratings
        file.discretion = discretion
        file.declinedDiscretion = declined
        file.unknown = object.removingKeys(knownFields)
        return file
    }

    public func jsonValue() -> JSONValue {
        var object = JSONObject([
            "format": .string(Self.format),
            "version": .integer(version),
            "service": .string(service),
            "framework": .string(framework),
        ])
        var ratingsObject = JSONObject()
        for number in ratings.keys.sorted(by: numberingOrder) {
            guard let entry = ratings[number] else { continue }
            var item = JSONObject(["rating": .string(entry.rating)])
            if let note = entry.note { item["note"] = .string(note) }
            item.append(contentsOf: entry.unknown)
            ratingsObject[number] = .object(item)
        }
        object["ratings"] = .object(ratingsObject)
        var discretionObject = JSONObject()
        // An applied decision and a declined one on one standard: the applied one is written.
        let decided = Set(discretion.keys).union(declinedDiscretion.keys)
        for number in decided.sorted(by: numberingOrder) {
            if let entry = discretion[number] {
                var item = JSONObject(["rating": .string(entry.rating), "reason": .string(entry.reason)])
                item.append(contentsOf: entry.unknown)
                discretionObject[number] = .object(item)
            } else if let entry = declinedDiscretion[number] {
                var item = JSONObject(["declined": .bool(true), "reason": .string(entry.reason)])
                item.append(contentsOf: entry.unknown)
                discretionObject[number] = .object(item)
            }
        }
        object["discretion"] = .object(discretionObject)
        object["sample"] = drawnSample?.jsonValue()
        object.append(contentsOf: unknown)
        return .object(object)
    }

    public func encoded() -> [UInt8] {
        JSONWriter.bytes(from: jsonValue())
    }
}
