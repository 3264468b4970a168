import Foundation
import XCTest

#if canImport(Glibc)
  import Glibc
#endif

/// The conventions a command-line tool is expected to keep (issue 18): --version, a clear
/// failure on a port or address that cannot be used, help wrapped by the parser, colour only
/// on a terminal, --quiet, and exit codes 0 / 1 / 2.
final class CLIConventionsTests: XCTestCase {
  // MARK: - --version

  func testVersionNamesTheReleaseAndTheCommitOfTheBuild() throws {
    let run = try Runner.run(["--version"])
    XCTAssertEqual(run.status, 0, run.stderr)
    XCTAssertEqual(run.stderr, "")
    let pattern = #"^syllabus [0-9]+\.[0-9]+\.[0-9]+( \(commit [0-9a-f]{12}(, with local changes)?\))?\n$"#
    XCTAssertNotNil(run.stdout.range(of: pattern, options: .regularExpression), run.stdout)
    // Built from this checkout (make test builds right before testing), so the commit is HEAD's.
    let git = FileManager.default.isExecutableFile(atPath: "/usr/bin/git")
      ? try Runner.run(["-C", TestSupport.packageRoot.path, "rev-parse", "--short=12", "HEAD"], executable: "/usr/bin/git") : nil
    if let git, git.status == 0 {
      let head = git.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
      XCTAssertTrue(run.stdout.contains("(commit \(head)"), "\(run.stdout) is not HEAD \(head): rebuild before testing")
    }
    XCTAssertEqual(try Runner.run(["build", "--version"]).stdout, run.stdout, "every command knows the version")
  }

  // MARK: - serve on an address that cannot be used

  func testServeOnATakenPortSaysWhichAndWhatToDoBeforeBuilding() throws {
    let held = try HeldSocket()
    let dir = try TestSupport.copyFixture("valid")
    let run = try Runner.run(["serve", "--port", "\(held.port)", "--templates", TestSupport.templates.path], in: dir)
    XCTAssertEqual(run.status, 1)
    XCTAssertEqual(run.stdout, "")
    XCTAssertEqual(
      run.stderr,
      "error: cannot serve on 127.0.0.1:\(held.port): the address is already in use (another `syllabus serve`?); "
        + "stop that program, choose another port with --port N, or use --port 0 for a free one\n",
      "one line, and no build first (the port is tried before the guide is built)")
  }

  // `--port 0` printing the URL it listens on: ServeTests.testPortZeroPrintsTheURLItActuallyListensOn.

  func testServeOnAnAddressOfAnotherMachineOrNoAddressFails() throws {
    let dir = try TestSupport.copyFixture("valid")
    // 192.0.2.1 is reserved for documentation (RFC 5737): never this machine's; nothing is sent.
    let foreign = try Runner.run(["serve", "--host", "192.0.2.1", "--port", "0"], in: dir)
    XCTAssertEqual(foreign.status, 1)
    XCTAssertEqual(
      foreign.stderr,
      "error: cannot serve on 192.0.2.1:0: that address does not belong to this machine; leave out --host to use 127.0.0.1, or give one of this machine's addresses\n")
    let nonsense = try Runner.run(["serve", "--host", "my-laptop"], in: dir)
    XCTAssertEqual(nonsense.status, 2)
    XCTAssertTrue(nonsense.stderr.hasPrefix("Error: --host takes an IP address of this machine, such as 127.0.0.1 or ::1; `my-laptop` is not one\n"), nonsense.stderr)
  }

  // MARK: - help

  /// The root and every subcommand, nested ones too, as the help lists them, so a command
  /// added later is checked without being named here.
  static func commands() throws -> [[String]] {
    var found: [[String]] = [], pending: [[String]] = [[]]
    while let command = pending.popLast() {
      found.append(command)
      let help = try Runner.run(command + ["--help"], environment: ["COLUMNS": "1000"]).stdout
      guard let list = help.components(separatedBy: "SUBCOMMANDS:\n").dropFirst().first else { continue }
      for line in list.components(separatedBy: "\n") {
        guard line.hasPrefix("  "), let name = line.split(separator: " ").first, name.first?.isLowercase == true else { break }
        pending.append(command + [String(name)])
      }
    }
    return found
  }

  /// With a wide terminal every paragraph is one line: a source string with hard line breaks
  /// would show as two non-indented lines in a row (indented lines are lists and examples).
  func testHelpParagraphsAreWrappedByTheParserNotTheSource() throws {
    let commands = try Self.commands()
    XCTAssertTrue(commands.contains(["serve"]) && commands.contains(["new"]), "\(commands)")
    for command in commands {
      let wide = try Runner.run(command + ["--help"], environment: ["COLUMNS": "1000"])
      XCTAssertEqual(wide.status, 0, wide.stderr)
      let prose = wide.stdout.components(separatedBy: "\nUSAGE:")[0].components(separatedBy: "\n")
      for (line, next) in zip(prose, prose.dropFirst()) where !line.isEmpty && !next.isEmpty {
        XCTAssertTrue(next.hasPrefix(" "), "\(command): a paragraph is broken before “\(next)”")
      }
      let narrow = try Runner.run(command + ["--help"], environment: ["COLUMNS": "60"])
      for line in narrow.stdout.components(separatedBy: "\n") where !line.hasPrefix("USAGE:") {
        XCTAssertLessThanOrEqual(line.count, 60, "\(command): “\(line)” is not wrapped to the terminal")
      }
    }
    let serve = try Runner.run(["serve", "--help"], environment: ["COLUMNS": "1000"]).stdout
    XCTAssertTrue(serve.contains("watches content/ and templates/, and reloads open pages"), serve)
  }

  // MARK: - colour and --quiet

  func testDiagnosticsAreColouredOnATerminalOnly() throws {
    let dir = try Self.siteWithAnErrorAndAWarning()
    let arguments = ["build", "--templates", TestSupport.templates.path, "--output", dir.appendingPathComponent("out").path]
    let piped = try Runner.run(arguments, in: dir)
    XCTAssertEqual(piped.status, 1)
    XCTAssertFalse(piped.stderr.contains("\u{1B}"), "no escapes when piped")
    XCTAssertTrue(piped.stderr.contains("content/topics/a.md:5:1: error: link to `missing.md`"), piped.stderr)

    let terminal = try Runner.run(arguments, in: dir, stderrOnTerminal: true)
    XCTAssertEqual(terminal.status, 1)
    XCTAssertTrue(terminal.stderr.contains("\u{1B}[1mcontent/topics/a.md:5:1:\u{1B}[0m \u{1B}[1;31merror:\u{1B}[0m link to"), terminal.stderr)
    XCTAssertTrue(terminal.stderr.contains("\u{1B}[1mcontent/paths/p.md:4:24:\u{1B}[0m \u{1B}[1;35mwarning:\u{1B}[0m `b` is scheduled"), terminal.stderr)
    let stripped = terminal.stderr.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
    XCTAssertEqual(stripped, piped.stderr, "colour changes nothing but the escapes")

    let refused = try Runner.run(arguments, in: dir, environment: ["NO_COLOR": "1"], stderrOnTerminal: true)
    XCTAssertEqual(refused.stderr, piped.stderr, "NO_COLOR is honoured on a terminal")
    let dumb = try Runner.run(arguments, in: dir, environment: ["TERM": "dumb"], stderrOnTerminal: true)
    XCTAssertEqual(dumb.stderr, piped.stderr, "a dumb terminal gets no escapes")
    let empty = try Runner.run(arguments, in: dir, environment: ["NO_COLOR": ""], stderrOnTerminal: true)
    XCTAssertEqual(empty.stderr, terminal.stderr, "an empty NO_COLOR does not count (no-color.org)")
  }

  func testQuietPrintsOnlyWhatFails() throws {
    let mixed = try Self.siteWithAnErrorAndAWarning()
    let output = mixed.appendingPathComponent("out").path
    let errors = try Runner.run(["build", "--quiet", "--templates", TestSupport.templates.path, "--output", output], in: mixed)
    XCTAssertEqual(errors.status, 1)
    let lines = errors.stderr.split(separator: "\n")
    XCTAssertEqual(lines.count, 2, errors.stderr)
    XCTAssertTrue(lines.first?.contains(": error: link to `missing.md`") == true, errors.stderr)
    XCTAssertTrue(lines.last?.hasPrefix("build failed: 1 error, 2 warnings") == true, errors.stderr)

    let warningsOnly = TestSupport.fixtures.appendingPathComponent("invalid/path-order")
    let out = try TestSupport.temporaryDirectory().appendingPathComponent("public").path
    let quiet = try Runner.run(["build", "--quiet", "--templates", TestSupport.templates.path, "--output", out], in: warningsOnly)
    XCTAssertEqual(quiet.status, 0)
    XCTAssertEqual(quiet.stderr, "", "warnings that do not fail the build are not shown")
    // Under --strict the warnings fail the build, so they are what --quiet must show.
    let strict = try Runner.run(["build", "--quiet", "--strict", "--templates", TestSupport.templates.path, "--output", out], in: warningsOnly)
    XCTAssertEqual(strict.status, 1)
    XCTAssertEqual(strict.stderr, try String(contentsOf: warningsOnly.appendingPathComponent("expected.txt"), encoding: .utf8).replacingOccurrences(of: "exit 1\n", with: ""))

    let check = try Runner.run(["check", "--quiet", "--templates", TestSupport.templates.path], in: TestSupport.fixtures.appendingPathComponent("lints/tag-used-once/named"))
    XCTAssertEqual(check.status, 0)
    XCTAssertEqual(check.stderr, "")
  }

  // MARK: - exit codes

  func testExitCodesAreZeroBuiltOneContentTwoUsage() throws {
    let valid = TestSupport.fixtures.appendingPathComponent("valid")
    let templates = ["--templates", TestSupport.templates.path]
    func output() throws -> [String] { ["--output", try TestSupport.temporaryDirectory().appendingPathComponent("public").path] }
    XCTAssertEqual(try Runner.run(["build"] + templates + output(), in: valid).status, 0)
    XCTAssertEqual(try Runner.run(["build"] + templates + output(), in: TestSupport.fixtures.appendingPathComponent("invalid/cycle")).status, 1)
    let warnings = TestSupport.fixtures.appendingPathComponent("invalid/path-order")
    XCTAssertEqual(try Runner.run(["build"] + templates + output(), in: warnings).status, 0)
    XCTAssertEqual(try Runner.run(["build", "--strict"] + templates + output(), in: warnings).status, 1)
    XCTAssertEqual(try Runner.run(["check", "--strict"] + templates, in: warnings).status, 1)

    let usage: [[String]] = [
      ["--no-such-option"], ["build", "--output"], ["no-such-command"], ["new", "topic"], ["new", "chapter", "x"],
      ["check", "--format", "xml"], ["serve", "--port", "70000"],
    ]
    for arguments in usage {
      let run = try Runner.run(arguments, in: valid)
      XCTAssertEqual(run.status, 2, "\(arguments): \(run.stderr)")
      XCTAssertTrue(run.stderr.hasPrefix("Error: "), "\(arguments): \(run.stderr)")
      XCTAssertTrue(run.stderr.contains("Usage: syllabus"), "\(arguments): the usage follows the error")
      XCTAssertEqual(run.stdout, "")
    }
    XCTAssertEqual(try Runner.run(["--help"]).status, 0)
    let help = try Runner.run(["--help"], environment: ["COLUMNS": "100"]).stdout
    XCTAssertTrue(help.contains("Exit status:\n  0  the site was built"), help)
    XCTAssertTrue(help.contains("\n  1  content errors (or warnings under --strict)"), help)
    XCTAssertTrue(help.contains("\n  2  usage error"), help)
  }

  // MARK: - helpers

  /// A copy of the path-order fixture (two path warnings) with one broken link (an error).
  static func siteWithAnErrorAndAWarning() throws -> URL {
    let dir = try TestSupport.temporaryDirectory()
    try FileManager.default.copyItem(
      at: TestSupport.fixtures.appendingPathComponent("invalid/path-order/content"), to: dir.appendingPathComponent("content"))
    try "---\ntitle: \"A\"\nlayer: base\n---\n[gone](missing.md)\n".write(to: dir.appendingPathComponent("content/topics/a.md"), atomically: true, encoding: .utf8)
    return dir
  }
}

/// A loopback TCP socket the test keeps bound and listening, so the port is really taken.
final class HeldSocket {
  let fd: Int32
  let port: Int

  init() throws {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && listen(fd, 1) == 0 && getsockname(fd, $0, &length) == 0 }
    }
    guard bound else {
      close(fd)
      throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EADDRINUSE)
    }
    self.fd = fd
    port = Int(UInt16(bigEndian: address.sin_port))
  }

  deinit { close(fd) }
}

// libc's pseudo-terminal calls, which the Glibc module leaves out (they need _XOPEN_SOURCE).
@_silgen_name("posix_openpt") private func posix_openpt(_ flags: Int32) -> Int32
@_silgen_name("grantpt") private func grantpt(_ fd: Int32) -> Int32
@_silgen_name("unlockpt") private func unlockpt(_ fd: Int32) -> Int32
@_silgen_name("ptsname") private func ptsname(_ fd: Int32) -> UnsafeMutablePointer<CChar>?

/// Runs a program with extra environment variables, optionally with standard error on a
/// pseudo-terminal (as in an interactive shell), and kills it if it outlives `deadline`.
enum Runner {
  static func run(
    _ arguments: [String], executable: String? = nil, in directory: URL = TestSupport.packageRoot,
    environment: [String: String] = [:], stderrOnTerminal: Bool = false, deadline: Double = 60
  ) throws -> TestSupport.Run {
    let process = Process()
    process.executableURL = executable.map { URL(fileURLWithPath: $0) } ?? TestSupport.binary
    process.arguments = arguments
    process.currentDirectoryURL = directory
    var env = ProcessInfo.processInfo.environment
    env["NO_COLOR"] = nil
    env["COLUMNS"] = nil
    env.merge(environment) { $1 }
    process.environment = env
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    var terminal: (controller: FileHandle, device: FileHandle)?
    if stderrOnTerminal {
      terminal = try openTerminal()
      process.standardError = terminal!.device
    } else {
      process.standardError = err
    }
    try process.run()
    try terminal?.device.close()
    let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
    DispatchQueue.global().asyncAfter(deadline: .now() + deadline, execute: watchdog)
    defer { watchdog.cancel() }
    // Read both streams at once, so neither can fill up and stall the program.
    let errData = Collected()
    let errRead = DispatchSemaphore(value: 0)
    let controller = terminal?.controller
    DispatchQueue.global().async {
      errData.data = controller.map(readAll) ?? err.fileHandleForReading.readDataToEndOfFile()
      errRead.signal()
    }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    errRead.wait()
    process.waitUntilExit()
    // A terminal turns "\n" into "\r\n"; undo it so both kinds of output compare.
    let stderr = String(decoding: errData.data, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
    return TestSupport.Run(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: stderr)
  }

  /// Bytes one thread reads and another uses after a semaphore says they are complete.
  final class Collected: @unchecked Sendable { var data = Data() }

  /// A new pseudo-terminal: the controller side to read, the device side for the program.
  static func openTerminal() throws -> (controller: FileHandle, device: FileHandle) {
    let controller = posix_openpt(O_RDWR | O_NOCTTY)
    guard controller >= 0, grantpt(controller) == 0, unlockpt(controller) == 0, let name = ptsname(controller) else {
      throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .ENODEV)
    }
    let device = open(name, O_RDWR | O_NOCTTY)
    guard device >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .ENODEV) }
    return (FileHandle(fileDescriptor: controller, closeOnDealloc: true), FileHandle(fileDescriptor: device, closeOnDealloc: true))
  }

  /// Reads a terminal's controller until the program has closed its side (Linux then reports EIO).
  static func readAll(_ handle: FileHandle) -> Data {
    var data = Data()
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
      let n = read(handle.fileDescriptor, &buffer, buffer.count)
      if n <= 0 { break }
      data.append(contentsOf: buffer[0..<n])
    }
    return data
  }
}
