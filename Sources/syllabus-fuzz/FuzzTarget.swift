import Foundation
import SyllabusLoader
import SyllabusMarkdown
import SyllabusModel
import SyllabusResolver

/// One fuzz input: a question file's bytes through front-matter splitting, YAML decoding,
/// Markdown rendering and link rewriting: everything an untrusted pull request reaches.
enum FuzzTarget {
  static let links: LinkTable = {
    let at = SourceLocation(file: "x")
    let body = { (p: String) in MarkdownSource(path: p, displayPath: p, text: "", firstLine: 1) }
    var site = SiteSource(guide: Guide(title: "T", description: ""))
    site.topics = [Topic(id: "topic", title: "T", layer: Located("l", at: at), body: body("topics/topic.md"), location: at)]
    site.questions = [Question(id: "question", title: "Q", topic: Located("topic", at: at), level: Located("mid", at: at), body: body("questions/topic/question.md"), location: at)]
    return LinkTable(site)
  }()

  static func run(_ data: Data) {
    let (question, _) = ContentLoader.question(from: data)
    guard let question else { return }
    let document = MarkdownParser.parse(question.body, options: .init()) { links.rewrite($0, from: question.body.path) }
    // Touch the results so nothing is optimised away, and check invariants that must hold.
    let html = document.html()
    precondition(!html.contains(MarkdownParser.sectionMark), "section marks must never reach the output")
    for link in document.links { _ = links.target(of: link.destination, from: question.body.path) }
  }
}

#if FUZZING
  @_cdecl("LLVMFuzzerTestOneInput")
  public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    FuzzTarget.run(Data(bytes: start, count: count))
    return 0
  }

  typealias FuzzCallback = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

  @_silgen_name("LLVMFuzzerRunDriver")
  func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: FuzzCallback
  ) -> CInt

  /// SwiftPM links an executable's entry point under this name; hand control to libFuzzer.
  @_cdecl("syllabus_fuzz_main")
  public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in
      FuzzTarget.run(size == 0 || data == nil ? Data() : Data(bytes: data!, count: size))
      return 0
    }
  }
#else
  /// Without the fuzzer: replays corpus files (or folders of them); FuzzCorpusTests runs it on
  /// Fuzz/corpus in `make test`. A path that is missing or unreadable fails the replay, so a
  /// moved corpus cannot pass as "0 inputs replayed".
  @main
  struct Replay {
    static func main() {
      var count = 0
      for argument in CommandLine.arguments.dropFirst() {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory) else { fail("\(argument): no such file or folder") }
        var files = [argument]
        if isDirectory.boolValue {
          do { files = try FileManager.default.contentsOfDirectory(atPath: argument).sorted().map { argument + "/" + $0 } } catch {
            fail("\(argument): the folder cannot be listed (\(error.localizedDescription))")
          }
        }
        for file in files {
          guard let data = FileManager.default.contents(atPath: file) else { fail("\(file): cannot be read") }
          FuzzTarget.run(data)
          count += 1
        }
      }
      if count == 0 { fail("no inputs: pass corpus files or folders, e.g. Fuzz/corpus") }
      print("replayed \(count) fuzz inputs without a crash")
    }

    static func fail(_ message: String) -> Never {
      FileHandle.standardError.write(Data("error: \(message)\n".utf8))
      exit(1)
    }
  }
#endif
