import ArgumentParser

/// The exit codes of every command, declared once: the commands throw them, `main` maps the
/// argument parser's own usage code (64, BSD's EX_USAGE) to `usage`, and --help lists them.
enum ExitStatus: Int32, CaseIterable {
  case success = 0
  case failure = 1
  case usage = 2

  /// One short line each (the indented --help list does not wrap well); docs/cli.md has more.
  var meaning: String {
    switch self {
    case .success: "the site was built, or `check` found nothing that fails"
    case .failure: "content errors (or warnings under --strict); a refused output or port"
    case .usage: "usage error: an unknown command or option, a missing or bad argument"
    }
  }

  var exitCode: ExitCode { ExitCode(rawValue) }

  /// The "Exit status" section of --help.
  static var helpSection: String {
    "Exit status:\n" + allCases.map { "  \($0.rawValue)  \($0.meaning)" }.joined(separator: "\n")
  }
}
