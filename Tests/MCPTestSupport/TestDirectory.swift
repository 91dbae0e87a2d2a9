#if canImport(Glibc)
    import Glibc
#endif

/// A new private directory under the system's temporary one, for a test's XDG state, config and cache.
package func makeTestDirectory(_ label: String) -> String {
    var template = Array("/tmp/mcptask-\(label)-XXXXXX".utf8CString)
    let path = template.withUnsafeMutableBufferPointer { buffer in
        mkdtemp(buffer.baseAddress!).map { String(cString: $0) }
    }
    return path ?? "/tmp"
}

/// The environment variables that keep a test's files in `directory`.
package func isolatedVariables(_ directory: String) -> [String: String] {
    [
        "HOME": directory, "XDG_STATE_HOME": directory + "/state", "XDG_CONFIG_HOME": directory + "/config",
        "XDG_CACHE_HOME": directory + "/cache", "XDG_RUNTIME_DIR": directory + "/run", "NO_COLOR": "1",
    ]
}
