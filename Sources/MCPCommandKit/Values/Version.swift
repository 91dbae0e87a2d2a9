/// mcptask's version, as `--version` and clientInfo say it.
package enum MCPTaskVersion {
    package static let current = "0.1.0"
}
