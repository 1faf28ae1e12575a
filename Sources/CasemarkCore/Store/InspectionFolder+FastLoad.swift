/// The fast path of loading a case: `CaseFileFastDecoder` and `CaseChecker.passes`. It gives a
/// case only when the slow path (`readCase(bytes:...)`) would give the same case with no problem;
/// on anything else it gives nil and the caller takes the slow path, which alone reports problems.
extension InspectionFolder {
    /// `ref` is the ref the file's name gives (`ref(ofCaseFilePath:)`).
    static func fastCase(
        bytes: [UInt8], ref: String, inspection: InspectionFile?, index: CaseChecker.FastIndex?, keepingHistory: Bool = true
    ) -> CaseFile? {
        guard let caseFile = CaseFileFastDecoder.decode(bytes, keepingHistory: keepingHistory),
            CaseChecker.passes(caseFile, expectedRef: ref, inspectionFramework: inspection?.framework, index: index)
        else { return nil }
        return caseFile
    }
}
