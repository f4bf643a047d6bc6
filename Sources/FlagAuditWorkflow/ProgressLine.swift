import Foundation

/// A run's progress on standard error, as one line rewritten in place ("1,200 of 10,000 entries,
/// 4,100/s, 2 s left"): shown only once a run has taken two seconds, at most four times a
/// second, and wiped when the run ends. The command line turns it on only for a terminal that
/// is not a CI log; a redirected or captured run never sees it.
struct ProgressLine {
    let total: Int
    let noun: String
    private let write: (String) -> Void
    private let start = ContinuousClock.now
    private var last: ContinuousClock.Instant?
    private(set) var done = 0
    /// Whether the line is on the screen now.
    private var visible = false

    static let delay = Duration.seconds(2)
    static let interval = Duration.milliseconds(250)

    init(total: Int, noun: String, write: @escaping (String) -> Void) {
        self.total = total
        self.noun = noun
        self.write = write
    }

    mutating func advance() {
        done += 1
        let now = ContinuousClock.now
        guard now - start >= ProgressLine.delay, last.map({ now - $0 >= ProgressLine.interval }) ?? true else { return }
        last = now
        visible = true
        write("\r\u{1B}[K" + ProgressLine.describe(done: done, total: total, noun: noun, elapsed: now - start))
    }

    /// Wipes the line, before output to the same terminal and at the end; the next `advance`
    /// past the interval draws it again.
    mutating func hide() {
        if visible { write("\r\u{1B}[K") }
        visible = false
    }

    static func describe(done: Int, total: Int, noun: String, elapsed: Duration) -> String {
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let rate = seconds > 0 ? Double(done) / seconds : 0
        let left = rate > 0 ? Int((Double(total - done) / rate).rounded(.up)) : 0
        let number = { (value: Int) in value.formatted(.number.grouping(.automatic).locale(Locale(identifier: "en_US"))) }
        return "\(number(done)) of \(number(total)) \(noun), \(number(Int(rate)))/s, \(left) s left"
    }
}
