/// Size and nesting gates checked before any text reaches libyaml or cmark-gfm.
///
/// Debian's cmark-gfm 0.29.0.gfm.6 lacks the 2023 fixes for quadratic inputs, and libyaml is
/// quadratic on deep flow nesting, so the tool refuses such input itself with a located
/// diagnostic. Each limit can be raised in guide.yml under `limits:` with the key named here.
public struct Limits: Sendable, Hashable {
  /// `max_file_bytes`: largest Markdown or YAML file read.
  public var maxFileBytes: Int = 2 * 1024 * 1024
  /// `max_front_matter_bytes`: largest front-matter block.
  public var maxFrontMatterBytes: Int = 64 * 1024
  /// `max_yaml_nodes`: YAML values visited while decoding, aliases counted each time they expand.
  public var maxYAMLNodes: Int = 20_000
  /// `max_yaml_depth`: nesting of YAML flow and block collections.
  public var maxYAMLDepth: Int = 32
  /// `max_nesting`: nested block quotes / list items, and nested brackets in Markdown.
  public var maxNesting: Int = 32
  /// `max_table_columns`: cells in one table row.
  public var maxTableColumns: Int = 64
  /// `max_html_like`: `<` openers (tags, comments, CDATA, declarations) in one file.
  public var maxHTMLLike: Int = 5_000
  /// `max_delimiter_run`: longest run of emphasis or `>`/`-` characters outside code.
  public var maxDelimiterRun: Int = 200
  /// `max_tags`: tags on one question (each tag is a page of its own).
  public var maxTags: Int = 32

  public init() {}
}
