import Mustache
import SyllabusModel

/// The same five replacements as swift-mustache's HTML escaping, done on UTF-8 bytes by
/// `HTML.escape`. swift-mustache looks each Character up in a dictionary, which made escaping a
/// seventh of a build. Our templates opt in with `{{% CONTENT_TYPE: HTML }}` (the name is
/// re-registered); a template without that line renders the same text through the library's
/// own escaping.
struct FastHTMLEscape: MustacheContentType {
  func escapeText(_ text: String) -> String { HTML.escape(text) }

  static let registered: Void = MustacheContentTypes.register(FastHTMLEscape(), named: "HTML")
}
