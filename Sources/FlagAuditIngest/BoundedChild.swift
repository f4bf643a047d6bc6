import Foundation

/// Runs an external tool with a deadline and an output bound, for tools fed untrusted files.
/// The child gets its own process group, and a child that overruns is stopped by killing the
/// group: a tool's own children (a shell's `sleep`, a helper) die with it and cannot hold its
/// output open. Foundation's `Process` waits for its pipes to close, so it is not used here.
enum BoundedChild {
    enum Outcome: Equatable {
        case finished(status: Int32, output: [UInt8], errors: [UInt8])
        case timedOut
        case tooLarge
    }

    struct Failure: Error {
        var reason: String
    }

    static func run(_ tool: String, arguments: [String], limit: Int, seconds: Int) throws(Failure) -> Outcome {
        // Close-on-exec, so a tool started by another task keeps none of these pipes open
        // (dup2 onto 1 and 2 clears the flag for this child). Glibc's pipe2 is not visible to
        // Swift; between pipe and fcntl a spawn elsewhere could still inherit them, which at
        // worst makes this read wait for that child's own deadline.
        var output: [Int32] = [-1, -1], errors: [Int32] = [-1, -1]
        guard pipe(&output) == 0 else { throw Failure(reason: "cannot make a pipe") }
        guard pipe(&errors) == 0 else {
            close(output[0]); close(output[1])
            throw Failure(reason: "cannot make a pipe")
        }
        for descriptor in output + errors { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, output[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errors[1], 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)
        var pid: pid_t = 0
        let argv: [UnsafeMutablePointer<CChar>?] = ([tool] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let spawned = posix_spawn(&pid, tool, &actions, &attributes, argv, environ)
        close(output[1])
        close(errors[1])
        defer { close(output[0]); close(errors[0]) }
        guard spawned == 0 else { throw Failure(reason: String(cString: strerror(spawned))) }

        let deadline = Date().addingTimeInterval(TimeInterval(seconds))
        var out: [UInt8] = [], err: [UInt8] = []
        var open = (output: true, errors: true)
        var chunk = [UInt8](repeating: 0, count: 65_536)
        var stopped: Outcome?
        while open.output || open.errors {
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0 else { stopped = .timedOut; break }
            var fds = [pollfd(fd: open.output ? output[0] : -1, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: open.errors ? errors[0] : -1, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&fds, 2, Int32(min(remaining, 1) * 1000) + 1)
            if ready < 0 && errno != EINTR { stopped = .timedOut; break }
            if ready <= 0 { continue }
            for (index, descriptor) in [output[0], errors[0]].enumerated() where fds[index].revents != 0 {
                let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                if count < 0 && errno == EINTR { continue }
                if count <= 0 {
                    if index == 0 { open.output = false } else { open.errors = false }
                } else if index == 0 {
                    out.append(contentsOf: chunk[0..<count])
                } else if err.count < 4096 {
                    err.append(contentsOf: chunk[0..<min(count, 4096 - err.count)])
                }
            }
            if out.count > limit { stopped = .tooLarge; break }
        }
        if stopped != nil { kill(-pid, SIGKILL) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        if let stopped { return stopped }
        // Exited normally: its exit code; killed by a signal: 128 + the signal, as shells say.
        let code = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return .finished(status: code, output: out, errors: err)
    }
}
