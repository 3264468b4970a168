import Foundation

/// What the dev server accepts, as pure functions so each rule is unit-tested on its own.
public enum RequestPolicy {
  public static let maxTargetLength = 2_048

  /// The output-relative file a request target names, or nil when the target must be refused.
  /// Each segment is percent-decoded exactly once *after* splitting, and any segment that
  /// decodes to a dot segment, a hidden name, or contains a separator is refused: `%2e%2e`,
  /// `..%2f`, `..%5c` and double encodings never reach a lookup. Lookups only ever hit the
  /// in-memory site, so nothing outside it can be served even if a rule were missed.
  public static func file(forTarget target: String) -> String? {
    guard target.utf8.count <= maxTargetLength, target.hasPrefix("/") else { return nil }
    let path = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0]
      .split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
    var segments: [String] = []
    let raw = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
    for (index, piece) in raw.enumerated() {
      if piece.isEmpty {
        if index == raw.count - 1 { break }  // trailing slash
        return nil  // `//` is never something the site links to
      }
      guard let decoded = piece.removingPercentEncoding else { return nil }
      if decoded.hasPrefix(".") || decoded.contains("/") || decoded.contains("\\") || decoded.contains("\0") || decoded.contains("%") {
        return nil
      }
      segments.append(decoded)
    }
    if segments.isEmpty || path.hasSuffix("/") { segments.append("index.html") }
    return segments.joined(separator: "/")
  }

  /// The names this machine's loopback answers to; a Host header naming anything else is a
  /// DNS-rebinding attempt (a foreign name resolving to 127.0.0.1).
  public static func isAllowed(host header: String?, boundHost: String, port: Int) -> Bool {
    guard let header = header?.lowercased(), !header.isEmpty else { return false }
    let names = Set(["127.0.0.1", "localhost", "[::1]", boundHost.lowercased()])
    for name in names where header == name || header == "\(name):\(port)" { return true }
    return false
  }

  /// The live-reload channel only talks to pages of this server.
  public static func isAllowed(origin: String?, boundHost: String, port: Int) -> Bool {
    guard let origin = origin?.lowercased() else { return true }  // not a browser page
    for prefix in ["http://", "https://"] where origin.hasPrefix(prefix) {
      return isAllowed(host: String(origin.dropFirst(prefix.count)), boundHost: boundHost, port: port)
    }
    return false
  }

  public static func contentType(for path: String) -> String {
    switch (path as NSString).pathExtension.lowercased() {
    case "html": return "text/html; charset=utf-8"
    case "css": return "text/css; charset=utf-8"
    case "js": return "text/javascript; charset=utf-8"
    case "json": return "application/json"
    case "svg": return "image/svg+xml"
    case "xml": return "application/xml"
    case "txt": return "text/plain; charset=utf-8"
    case "png": return "image/png"
    case "jpg", "jpeg": return "image/jpeg"
    case "gif": return "image/gif"
    case "webp": return "image/webp"
    case "ico": return "image/x-icon"
    case "woff2": return "font/woff2"
    case "pdf": return "application/pdf"
    default: return "application/octet-stream"
    }
  }
}
