/// The fast path of loading a case: `CaseFileFastDecoder` and `CaseChecker.passes`. It gives a
/// case only when the slow path (`readCase(bytes:...)`) would give the same case with no problem;
/// on anything else it gives nil and the caller takes the slow path, which alone reports problems.
extension InspectionFolder {
    static func fastCase(bytes: [UInt8], file: String, inspection: InspectionFile?, index: CaseChecker.FastIndex?) -> CaseFile? {
        // The expected ref is the file's name less `.json`; a path whose last component is not
        // plainly `<name>.json` is left to the slow path and its NSString path rules.
        guard let slash = file.utf8.lastIndex(of: UInt8(ascii: "/")) else { return nil }
        let name = file.utf8[file.utf8.index(after: slash)...]
        guard name.count > 5, name.suffix(5).elementsEqual(".json".utf8) else { return nil }
        let expectedRef = String(Substring(name.dropLast(5)))
        guard let caseFile = CaseFileFastDecoder.decode(bytes),
            CaseChecker.passes(caseFile, expectedRef: expectedRef, inspectionFramework: inspection?.framework, index: index)
        else { return nil }
        return caseFile
    }
}
