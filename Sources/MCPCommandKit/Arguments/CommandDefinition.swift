import ArgumentParser

/// A command whose options are defined here, in the kit, because the REPL parses them too; the program runs
/// it with `RunnableCommand.run(in:)`, which the commands target adds. argument-parser's own `run()` is
/// never called: it only shows the help.
package protocol CommandDefinition: AsyncParsableCommand {}

extension CommandDefinition {
    package mutating func run() async throws { throw CleanExit.helpRequest(self) }
}
