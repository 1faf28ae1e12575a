import Foundation
import PackagePlugin

/// Build-tool plugin that embeds every `frameworks/*.json` file of the package into the target
/// as Swift source, so an installed `casemark` carries its bundled frameworks without the source
/// tree or a resource bundle beside it.
@main
struct EmbedFrameworks: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        try [
            command(context: context, folder: "frameworks", enumName: "BundledFrameworkFiles"),
            command(context: context, folder: "samples", enumName: "BundledSampleFiles"),
        ]
    }

    /// One command embedding `folder/*.json` as the Swift enum `enumName`.
    private func command(context: PluginContext, folder name: String, enumName: String) throws -> Command {
        let folder = context.package.directoryURL.appending(path: name)
        // A missing folder embeds nothing (the enum is still generated), rather than failing the build.
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path())) ?? [])
            .filter { $0.hasSuffix(".json") }
            .sorted()
        let inputs = names.map { folder.appending(path: $0) }
        let output = context.pluginWorkDirectoryURL.appending(path: "\(enumName).swift")
        return .buildCommand(
            displayName: "Embedding \(names.count) files of \(name)/",
            executable: try context.tool(named: "casemark-embed").url,
            arguments: [output.path(), enumName] + inputs.map { $0.path() },
            inputFiles: inputs,
            outputFiles: [output]
        )
    }
}
