import Foundation
import SyllabusModel

extension ContentLoader {
  /// One question file from bytes, through the same gates, front-matter split and decoding as
  /// a full load. The fuzz target drives this; `path` is where the file would sit in content/.
  public static func question(from data: Data, path: String = "questions/topic/question.md", limits: Limits = Limits()) -> (Question?, [Diagnostic]) {
    var diagnostics: [Diagnostic] = []
    guard case .success(let text) = SourceText.decode(data, file: path, limits: limits) else {
      if case .failure(let d) = SourceText.decode(data, file: path, limits: limits) { diagnostics.append(d) }
      return (nil, diagnostics)
    }
    let parts: FrontMatter
    switch FrontMatter.split(text, file: path) {
    case .failure(let d): return (nil, [d])
    case .success(let p): parts = p
    }
    switch YAMLDocument.mapping(parts.yaml, file: path, firstLine: parts.yamlFirstLine, limits: limits, what: "front matter") {
    case .failure(let d): return (nil, [d])
    case .success(let mapping):
      var fields = YAMLFields(mapping, file: path, lineOffset: parts.yamlFirstLine - 1, budget: NodeBudget(limit: limits.maxYAMLNodes))
      let body = MarkdownSource(path: path, displayPath: path, text: parts.body, firstLine: parts.bodyFirstLine)
      let folder = Located(String(path.split(separator: "/").dropLast().last ?? "topic"), at: SourceLocation(file: path))
      let question = KindDecoders.question(&fields, id: "question", folder: folder, body: body, location: SourceLocation(file: path), limits: limits, examples: KindDecoders.Examples(), diagnostics: &diagnostics)
      return (question, diagnostics)
    }
  }
}
