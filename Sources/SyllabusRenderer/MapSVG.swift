import SyllabusModel
import SyllabusResolver

/// The dependency map as inline SVG, drawn at build time: one row per guide.yml layer, top to
/// bottom, arrows from prerequisite to the topic that builds on it; `MapLayout` decides the
/// order within rows and the arrows' routes. Needs no JavaScript.
struct MapSVG {
  let layers: [Layer]
  let topics: [Topic]  // study order
  let graph: TopicGraph
  let layout: MapLayout
  /// The map's accessible title, in the guide's language.
  let title: String

  init(layers: [Layer], topics: [Topic], graph: TopicGraph, title: String) {
    self.layers = layers
    self.topics = topics
    self.graph = graph
    self.title = title
    self.layout = MapLayout(rows: Self.rows(layers: layers, topics: topics), edges: Self.edges(topics: topics, graph: graph))
  }

  /// One row per layer in guide.yml order (topics of an unknown layer last), each in study order.
  static func rows(layers: [Layer], topics: [Topic]) -> [[String]] {
    var rows: [[String]] = layers.map { layer in topics.filter { $0.layer.value == layer.id }.map(\.id) }
    rows.append(topics.filter { t in !layers.contains { $0.id == t.layer.value } }.map(\.id))
    return rows.filter { !$0.isEmpty }
  }

  /// (prerequisite, topic) for every arrow, in study order.
  static func edges(topics: [Topic], graph: TopicGraph) -> [(String, String)] {
    topics.flatMap { topic in (graph.requires[topic.id] ?? []).map { ($0, topic.id) } }
  }

  /// `focus`: the chapter whose page shows the map; its prerequisites and what it unlocks are
  /// highlighted and the rest dimmed.
  func render(root: String, focus: String? = nil, compact: Bool = false) -> String {
    let positions = layout.positions, width = layout.width, height = layout.height
    let color = Dictionary(layers.map { ($0.id, $0.color) }, uniquingKeysWith: { a, _ in a })
    let before = focus.map { Set(graph.requires[$0] ?? []) } ?? []
    let after = focus.map { Set(graph.unlocks[$0] ?? []) } ?? []
    var svg = "<svg class=\"depmap\(compact ? " depmap-compact" : "")\" viewBox=\"0 0 \(width) \(height)\" aria-labelledby=\"depmap-title\(focus.map { "-" + $0 } ?? "")\" xmlns=\"http://www.w3.org/2000/svg\">"
    svg += "<title id=\"depmap-title\(focus.map { "-" + $0 } ?? "")\">\(HTML.escape(title))</title>"
    svg += "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" class=\"depmap-arrowhead\"/></marker></defs>"
    for route in layout.routes {
      let lit = focus == route.to || focus == route.from
      let cls = focus == nil ? "depmap-edge" : (lit ? "depmap-edge depmap-edge-lit" : "depmap-edge depmap-dim")
      svg += "<path class=\"\(cls)\" d=\"\(Self.path(route))\" marker-end=\"url(#arrow)\"/>"
    }
    for (index, topic) in topics.enumerated() {
      guard let p = positions[topic.id] else { continue }
      var cls = "depmap-node"
      if let focus {
        if topic.id == focus { cls += " depmap-current" }
        else if before.contains(topic.id) { cls += " depmap-before" }
        else if after.contains(topic.id) { cls += " depmap-after" }
        else { cls += " depmap-dim" }
      }
      let fill = HTML.escape(color[topic.layer.value] ?? "#777777")
      svg += "<a href=\"\(HTML.escape(root + SiteURL.topic(topic.id)))\" class=\"\(cls)\"><rect x=\"\(p.x)\" y=\"\(p.y)\" width=\"\(MapLayout.boxWidth)\" height=\"\(MapLayout.boxHeight)\" rx=\"8\" style=\"--layer:\(fill)\"/>"
      let lines = wrap("\(index + 1). \(topic.title)", width: 24)
      for (i, line) in lines.enumerated() {
        let y = p.y + MapLayout.boxHeight / 2 + 5 + (i * 2 - (lines.count - 1)) * 8
        svg += "<text x=\"\(p.x + MapLayout.boxWidth / 2)\" y=\"\(y)\" text-anchor=\"middle\">\(HTML.escape(line))</text>"
      }
      svg += "</a>"
    }
    return svg + "</svg>"
  }

  /// A smooth path through the route's points: straight where it runs down a gap, an S-curve
  /// between rows; an arrow within one row arcs over it.
  static func path(_ route: MapLayout.Route) -> String {
    guard let start = route.points.first, let end = route.points.last else { return "" }
    if route.sameRow {
      let lift = min(60, 18 + abs(end.x - start.x) / 8)
      return "M\(start.x),\(start.y) C\(start.x),\(start.y - lift) \(end.x),\(start.y - lift) \(end.x),\(end.y)"
    }
    var d = "M\(start.x),\(start.y)"
    for (a, b) in zip(route.points, route.points.dropFirst()) {
      let mid = (a.y + b.y) / 2
      d += a.x == b.x ? " L\(b.x),\(b.y)" : " C\(a.x),\(mid) \(b.x),\(mid) \(b.x),\(b.y)"
    }
    return d
  }

  private func wrap(_ text: String, width: Int) -> [String] {
    var lines: [String] = []
    var current = ""
    for word in text.split(separator: " ") {
      if current.isEmpty { current = String(word) }
      else if current.count + 1 + word.count <= width { current += " " + word }
      else { lines.append(current); current = String(word) }
    }
    if !current.isEmpty { lines.append(current) }
    if lines.count > 2 { lines = [lines[0], lines[1...].joined(separator: " ").prefix(width - 1) + "…"] }
    return lines
  }
}
