/// Where a run writes: its report (standard output, in large chunks), its messages (standard
/// error, a line each), and text for standard error as it comes (a report moved aside so that
/// standard output carries only a patch). The command line passes the terminal; tests pass closures
/// that collect, so a run's whole behaviour is observable without a process.
public struct Console {
    /// Writes part of the report, exactly as given.
    public var write: (String) -> Void
    /// Writes one message; the console ends the line.
    public var message: (String) -> Void
    /// Writes to standard error, exactly as given.
    public var writeError: (String) -> Void

    public init(write: @escaping (String) -> Void, message: @escaping (String) -> Void, writeError: @escaping (String) -> Void) {
        self.write = write
        self.message = message
        self.writeError = writeError
    }
}
