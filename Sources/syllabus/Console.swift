import ArgumentParser
import Foundation
import SyllabusModel

#if canImport(Glibc)
  import Glibc
#endif

/// `--quiet`, shared by the commands that report diagnostics.
struct Verbosity: ParsableArguments {
  @Flag(help: "Print errors only (and warnings when --strict makes them fail the run), for scripts.")
  var quiet = false
}

/// Everything the commands write to standard error. Diagnostics keep the compiler format
/// `path:line:column: severity: message`; on a terminal the location and the severity are
/// coloured as clang and swift-format do, and never when the output is piped or redirected,
/// when `NO_COLOR` is set to anything non-empty (no-color.org) or when `TERM` is `dumb`.
struct Console {
  var colour: Bool
  var quiet: Bool

  init(quiet: Bool = false, environment: [String: String] = ProcessInfo.processInfo.environment) {
    let refused = !(environment["NO_COLOR"] ?? "").isEmpty || environment["TERM"] == "dumb"
    colour = !refused && isatty(STDERR_FILENO) == 1
    self.quiet = quiet
  }

  private enum Style: String {
    case bold = "1", red = "1;31", magenta = "1;35"
  }

  private func styled(_ text: String, _ style: Style) -> String {
    colour ? "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m" : text
  }

  func format(_ diagnostic: Diagnostic) -> String {
    let prefix = diagnostic.location.prefix
    let severity = styled("\(diagnostic.severity.rawValue):", diagnostic.severity == .error ? .red : .magenta)
    return "\(prefix.isEmpty ? "" : styled(String(prefix.dropLast()), .bold) + " ")\(severity) \(diagnostic.message)"
  }

  /// Prints `diagnostics`; `--quiet` drops warnings unless `warningsFail` (under --strict
  /// they fail the run, and a failure must show its reasons).
  func report(_ diagnostics: [Diagnostic], warningsFail: Bool) {
    for diagnostic in diagnostics where !quiet || warningsFail || diagnostic.severity == .error {
      write(format(diagnostic))
    }
  }

  /// A run's closing line; `--quiet` keeps it only when the run failed.
  func summary(_ line: String, failed: Bool) {
    if !quiet || failed { write(line) }
  }

  /// A failure that is not about a source file: `error: what, and how to fix it`.
  func error(_ message: String) {
    write("\(styled("error:", .red)) \(message)")
  }

  /// A problem that does not stop the run and is not about a source file.
  func warning(_ message: String) {
    write("\(styled("warning:", .magenta)) \(message)")
  }

  func write(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
  }
}
