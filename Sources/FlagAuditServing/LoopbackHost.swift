import Hummingbird

/// On a desk bound to loopback, answers only requests addressed to a loopback name: a web page
/// elsewhere cannot point a name of its own at 127.0.0.1 (DNS rebinding) and read the desk's
/// answers. Anything else gets 421 with the reason.
struct LoopbackHost<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let authority = request.head.authority, DeskServer.isLoopback(DeskServer.host(of: authority)) else {
            let message = "This desk answers only at a loopback address (127.0.0.1, localhost or [::1]), not at '\(request.head.authority ?? "")'.\n"
            return Response(status: .misdirectedRequest, headers: DeskServer.headers("text/plain; charset=utf-8"), body: .init(byteBuffer: .init(string: message)))
        }
        return try await next(request, context)
    }
}

extension DeskServer {
    /// The host of a `Host` value: `[::1]:8080` → `::1`, `localhost:8080` → `localhost`.
    static func host(of authority: String) -> String {
        if authority.hasPrefix("["), let end = authority.firstIndex(of: "]") {
            return String(authority[authority.index(after: authority.startIndex)..<end])
        }
        if authority.filter({ $0 == ":" }).count == 1, let colon = authority.firstIndex(of: ":") { return String(authority[..<colon]) }
        return authority
    }
}
