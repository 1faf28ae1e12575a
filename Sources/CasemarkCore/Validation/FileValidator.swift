/// Checks framework, inspection and case files, or whole inspection folders, and returns every
/// problem found, each naming the file and the place in it.
///
/// Used by `casemark validate`.
public struct FileValidator: Sendable {
    public let catalog: FrameworkCatalog

    public init(catalog: FrameworkCatalog) {
        self.catalog = catalog
    }

    /// The problems in one path; empty when it is valid.
    ///
    /// A folder is checked as an inspection.
    public func validate(path: String) -> [Diagnostic] {
        check(path: path).problems
    }

    /// The problems in one path, and for a folder the line naming its cases whose only problem
    /// is orphans (`InspectionFolder.droppableOrphansHint`), from the one reading of it.
    public func check(path: String) -> (problems: [Diagnostic], hint: String?) {
        if FileSystem.isDirectory(path) {
            return validateFolder(path)
        }
        return (validateFile(path), nil)
    }

    private func validateFile(_ path: String) -> [Diagnostic] {
        let bytes: [UInt8]
        do {
            bytes = try FileSystem.read(path)
        } catch {
            return [Diagnostic(file: path, message: error.message)]
        }
        // Read as a case first, the usual file: a case file is then read once.
        let decoded = CaseFileDecoder.decode(bytes, file: path)
        if decoded.format == CaseFile.format { return validateCase(decoded, bytes: bytes, path: path) }
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            return [Diagnostic(file: path, position: error.position, message: error.message)]
        }
        let format = value.objectValue?["format"]?.stringValue
        switch format {
        case FrameworkReader.format:
            let name = FilePath.name(of: path)
            let expectedID = name.hasSuffix(".json") ? String(name.dropLast(5)) : nil
            return diagnostics { _ = try FrameworkReader.read(bytes: bytes, file: path, expectedID: expectedID) }
        case InspectionFile.format:
            return diagnostics { _ = try InspectionFolder.readInspection(bytes: bytes, file: path, catalog: catalog) }
        case CaseFile.format:
            return validateCase(decoded, bytes: bytes, path: path)
        default:
            let found = format.map { "\"\($0)\"" } ?? "no \"format\" field"
            let position = JSONParser.position(of: JSONPath.root.appending("format"), in: bytes)
            return [
                Diagnostic(
                    file: path, path: JSONPath.root.appending("format"), position: position,
                    message:
                        "not a casemark file: expected format \(FrameworkReader.format), \(InspectionFile.format) or \(CaseFile.format), found \(found)"
                )
            ]
        }
    }

    private func diagnostics(_ body: () throws -> Void) -> [Diagnostic] {
        do {
            try body()
            return []
        } catch let problems as FileProblems {
            return problems.diagnostics
        } catch {
            return [Diagnostic(file: "", message: String(describing: error))]
        }
    }

    /// A case is checked against the inspection it sits in (`../inspection.json` beside its
    /// `cases/` folder) when there is one, and against its framework.
    private func validateCase(_ decoded: consuming DecodedCase, bytes: [UInt8], path: String) -> [Diagnostic] {
        let casesFolder = FilePath.parent(of: path)
        var inspection: InspectionFile?
        if FilePath.name(of: casesFolder) == InspectionFolder.casesFolderName {
            let inspectionPath = InspectionFolder.inspectionFilePath(in: FilePath.parent(of: casesFolder))
            if let inspectionBytes = try? FileSystem.read(inspectionPath) {
                inspection = try? InspectionFolder.readInspection(bytes: inspectionBytes, file: inspectionPath, catalog: catalog)
            }
        }
        var framework: Framework?
        var extra: [Diagnostic] = []
        if let id = decoded.frameworkText {
            do {
                framework = try catalog.framework(id: id)
            } catch let problems as FileProblems {
                let located = decoded.located([Diagnostic(file: path, path: JSONPath.root.appending("framework"), message: "")], in: bytes)
                extra = problems.diagnostics.map {
                    Diagnostic(
                        file: path, path: JSONPath.root.appending("framework"), position: located.first?.position, message: $0.message)
                }
            } catch {}
        }
        let check = InspectionFolder.check(
            &decoded, bytes: bytes, file: path, ref: InspectionFolder.ref(ofCaseFilePath: path),
            index: framework.map(CaseChecker.Index.init),
            inspection: inspection)
        switch check {
        case .success(let file): return Self.unsettled(file, path: path, framework: framework) + extra
        case .failure(let problems): return problems.diagnostics + extra
        }
    }

    /// What a valid case still leaves open that a report must not count as settled: merge
    /// conflicts, and a case marked complete with key questions that apply still unanswered.
    static func unsettled(_ file: CaseFile, path: String, framework: Framework?, completion: CompletionIndex? = nil) -> [Diagnostic] {
        var found = file.conflicts.map { conflict in
            Diagnostic(
                file: path, path: JSONPath.root.appending("conflicts"),
                message: "unresolved merge conflict: \(conflict.summary); run casemark resolve \(TerminalText.escaped(path))")
        }
        if let framework {
            for missing in framework.deciding(file) {
                found.append(
                    Diagnostic(
                        file: path, path: JSONPath.root.appending(missing.classification.rawValue),
                        message:
                            "the inspector's \(missing.classification.label.lowercased()) judgement is not recorded, so the case counts in the sub-samples of \(missing.keyQuestions.joined(separator: ", ")) whatever it is: record it (the case details)"
                    ))
            }
        }
        if file.status == .complete, let framework {
            // The classifications a sub-sample needs are named above already.
            let gaps = framework.completionGaps(file, index: completion)
            let (missing, open, prompts) = (gaps.details, gaps.notJudged, gaps.unansweredPrompts)
            // Each at the status that says complete: what is missing has no place of its own.
            var lacking: [String] = []
            if !missing.isEmpty {
                lacking.append(
                    "required case detail(s) are not recorded: \(missing.joined(separator: ", ")); record them (the case details)")
            }
            if !open.isEmpty {
                lacking.append("\(open.count) key question(s) that apply are unanswered (\(open.prefix(5).joined(separator: ", ")))")
            }
            if !prompts.isEmpty {
                lacking.append(
                    "\(prompts.count) prompt(s) of key questions that apply are unanswered (\(prompts.prefix(5).joined(separator: ", "))): answer them, or judge the key question not applicable"
                )
            }
            found += lacking.map { Diagnostic(file: path, path: JSONPath.root.appending("status"), message: "marked complete, but " + $0) }
        }
        return found
    }

    private func validateFolder(_ path: String) -> (problems: [Diagnostic], hint: String?) {
        do {
            let folder = try InspectionFolder.load(path, catalog: catalog)
            let completion = CompletionIndex(folder.framework)
            let problems =
                folder.damaged.flatMap(\.diagnostics)
                + folder.cases.flatMap {
                    Self.unsettled($0, path: folder.caseFilePath(ref: $0.ref), framework: folder.framework, completion: completion)
                }
            return (problems, folder.droppableOrphansHint)
        } catch let problems as FileProblems {
            return (problems.diagnostics, nil)
        } catch {
            return ([Diagnostic(file: path, message: String(describing: error))], nil)
        }
    }
}
