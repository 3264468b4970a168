/// Where something is in the author's sources: a file path and a 1-based line and column,
/// counted in the file as the author sees it (front matter included).
public struct SourceLocation: Hashable, Sendable, Comparable {
  public var file: String
  public var line: Int
  public var column: Int

  public init(file: String, line: Int = 1, column: Int = 1) {
    self.file = file
    self.line = line
    self.column = column
  }

  public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
    (a.file, a.line, a.column) < (b.file, b.line, b.column)
  }

  /// For a failure that is about no source file (the Anki deck could not be assembled):
  /// there is nothing to point at, so it prints as `error: message`.
  public static let nowhere = SourceLocation(file: "", line: 0, column: 0)

  /// `path:line:column: `, or nothing for `nowhere`: what a diagnostic's line starts with.
  public var prefix: String { file.isEmpty ? "" : "\(file):\(line):\(column): " }
}

public enum Severity: String, Sendable, Comparable {
  case warning, error

  public static func < (a: Severity, b: Severity) -> Bool { a == .warning && b == .error }
}

/// One finding of a run. Every stage collects these instead of stopping at the first, so an
/// author sees all problems of a build at once.
public struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible {
  public var severity: Severity
  public var location: SourceLocation
  public var message: String
  /// The id of the lint rule that found it (`missing-answer`), nil for the build's own checks.
  public var lint: String?

  public init(_ severity: Severity, _ location: SourceLocation, _ message: String, lint: String? = nil) {
    self.severity = severity
    self.location = location
    self.message = message
    self.lint = lint
  }

  public static func error(_ location: SourceLocation, _ message: String) -> Diagnostic {
    Diagnostic(.error, location, message)
  }

  public static func warning(_ location: SourceLocation, _ message: String) -> Diagnostic {
    Diagnostic(.warning, location, message)
  }

  /// `path:line:column: error: message`, the format compilers and editors understand
  /// (`error: message` when it is about no file).
  public var description: String {
    "\(location.prefix)\(severity.rawValue): \(message)"
  }
}

extension Array where Element == Diagnostic {
  public var hasErrors: Bool { contains { $0.severity == .error } }

  /// Sorted by file, line and column, with exact repeats removed, so output is stable.
  public func normalized() -> [Diagnostic] {
    var seen = Set<Diagnostic>()
    return sorted { ($0.location, $0.message) < ($1.location, $1.message) }
      .filter { seen.insert($0).inserted }
  }
}

/// A value together with the place it was written, so later stages can point back at it.
public struct Located<Value: Sendable>: Sendable {
  public var value: Value
  public var location: SourceLocation

  public init(_ value: Value, at location: SourceLocation) {
    self.value = value
    self.location = location
  }
}

extension Located: Equatable where Value: Equatable {}
extension Located: Hashable where Value: Hashable {}
