import SyllabusModel
import SyllabusResolver

/// The dependency map as inline SVG, drawn at build time: one row per guide.yml layer, top to
/// bottom, topics ordered within a row to keep edges short (barycentre of their prerequisites),
/// arrows from prerequisite to the topic that builds on it. Needs no JavaScript.
struct MapSVG {
  let layers: [Layer]
  let topics: [Topic]  // study order
  let graph: TopicGraph
  /// The map's accessible title, in the guide's language.
  var title = UIStrings.english["map_svg_title"] ?? ""

  static let boxWidth = 176, boxHeight = 46, gapX = 28, gapY = 70, margin = 16

  struct Placement {
    var x: Int
    var y: Int
  }

  func placements() -> (positions: [String: Placement], width: Int, height: Int) {
    var rows: [[Topic]] = layers.map { layer in topics.filter { $0.layer.value == layer.id } }
    let stray = topics.filter { t in !layers.contains { $0.id == t.layer.value } }
    if !stray.isEmpty { rows.append(stray) }
    rows = rows.filter { !$0.isEmpty }
    let study = Dictionary(uniqueKeysWithValues: topics.enumerated().map { ($1.id, $0) })
    var column: [String: Double] = [:]
    for (r, row) in rows.enumerated() {
      // Order by the mean column of prerequisites already placed; study order breaks ties.
      let sorted = row.sorted { a, b in
        let ka = barycentre(a, column) ?? Double(study[a.id] ?? 0) / 100
        let kb = barycentre(b, column) ?? Double(study[b.id] ?? 0) / 100
        return (r == 0 ? 0 : ka, study[a.id] ?? 0) < (r == 0 ? 0 : kb, study[b.id] ?? 0)
      }
      rows[r] = sorted
      for (i, t) in sorted.enumerated() { column[t.id] = Double(i) - Double(sorted.count - 1) / 2 }
    }
    let widest = rows.map(\.count).max() ?? 1
    let width = Self.margin * 2 + widest * Self.boxWidth + (widest - 1) * Self.gapX
    var positions: [String: Placement] = [:]
    for (r, row) in rows.enumerated() {
      let rowWidth = row.count * Self.boxWidth + (row.count - 1) * Self.gapX
      let start = (width - rowWidth) / 2
      for (i, t) in row.enumerated() {
        positions[t.id] = Placement(x: start + i * (Self.boxWidth + Self.gapX), y: Self.margin + r * (Self.boxHeight + Self.gapY))
      }
    }
    let height = Self.margin * 2 + rows.count * Self.boxHeight + (rows.count - 1) * Self.gapY
    return (positions, width, height)
  }

  private func barycentre(_ topic: Topic, _ column: [String: Double]) -> Double? {
    let placed = (graph.requires[topic.id] ?? []).compactMap { column[$0] }
    return placed.isEmpty ? nil : placed.reduce(0, +) / Double(placed.count)
  }

  /// `focus`: the chapter whose page shows the map; its prerequisites and what it unlocks are
  /// highlighted and the rest dimmed.
  func render(root: String, focus: String? = nil, compact: Bool = false) -> String {
    let (positions, width, height) = placements()
    let color = Dictionary(layers.map { ($0.id, $0.color) }, uniquingKeysWith: { a, _ in a })
    let before = focus.map { Set(graph.requires[$0] ?? []) } ?? []
    let after = focus.map { Set(graph.unlocks[$0] ?? []) } ?? []
    var svg = "<svg class=\"depmap\(compact ? " depmap-compact" : "")\" viewBox=\"0 0 \(width) \(height)\" aria-labelledby=\"depmap-title\(focus.map { "-" + $0 } ?? "")\" xmlns=\"http://www.w3.org/2000/svg\">"
    svg += "<title id=\"depmap-title\(focus.map { "-" + $0 } ?? "")\">\(HTML.escape(title))</title>"
    svg += "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" class=\"depmap-arrowhead\"/></marker></defs>"
    for topic in topics {
      for prerequisite in graph.requires[topic.id] ?? [] {
        guard let from = positions[prerequisite], let to = positions[topic.id] else { continue }
        let lit = focus == topic.id || focus == prerequisite
        let cls = focus == nil ? "depmap-edge" : (lit ? "depmap-edge depmap-edge-lit" : "depmap-edge depmap-dim")
        svg += "<path class=\"\(cls)\" d=\"\(edgePath(from, to, boxes: Array(positions.values)))\" marker-end=\"url(#arrow)\"/>"
      }
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
      svg += "<a href=\"\(HTML.escape(root + SiteURL.topic(topic.id)))\" class=\"\(cls)\"><rect x=\"\(p.x)\" y=\"\(p.y)\" width=\"\(Self.boxWidth)\" height=\"\(Self.boxHeight)\" rx=\"8\" style=\"--layer:\(fill)\"/>"
      let lines = wrap("\(index + 1). \(topic.title)", width: 24)
      for (i, line) in lines.enumerated() {
        let y = p.y + Self.boxHeight / 2 + 5 + (i * 2 - (lines.count - 1)) * 8
        svg += "<text x=\"\(p.x + Self.boxWidth / 2)\" y=\"\(y)\" text-anchor=\"middle\">\(HTML.escape(line))</text>"
      }
      svg += "</a>"
    }
    return svg + "</svg>"
  }

  /// A smooth path from the bottom of one box to the top of another. An edge that skips a
  /// row passes through that row in the gap between boxes nearest its straight line, so it
  /// never runs across a box it does not connect.
  private func edgePath(_ from: Placement, _ to: Placement, boxes: [Placement]) -> String {
    let w = Self.boxWidth, h = Self.boxHeight
    if from.y == to.y {
      // Same layer: an arc over the row, from the top of one box to the top of the other.
      let x1 = from.x + w / 2, x2 = to.x + w / 2, y = from.y
      let lift = min(60, 18 + abs(x2 - x1) / 8)
      return "M\(x1),\(y) C\(x1),\(y - lift) \(x2),\(y - lift) \(x2),\(y - 2)"
    }
    let down = to.y > from.y
    let start = (x: from.x + w / 2, y: down ? from.y + h : from.y)
    let end = (x: to.x + w / 2, y: down ? to.y - 2 : to.y + h + 2)
    var points = [start]
    let low = min(from.y, to.y), high = max(from.y, to.y)
    let between: [Int] = Set(boxes.map(\.y)).filter { $0 > low && $0 < high }.sorted()
    let rows: [Int] = down ? between : between.reversed()
    for row in rows {
      let t = Double(row + h / 2 - start.y) / Double(end.y - start.y)
      let straight: Double = Double(start.x) + t * Double(end.x - start.x)
      let edges = boxes.filter { $0.y == row }.map(\.x).sorted()
      var gaps = [Double(edges[0] - Self.gapX / 2)]  // left of the row
      for (a, b) in zip(edges, edges.dropFirst()) { gaps.append(Double(a + w + b) / 2) }
      gaps.append(Double(edges[edges.count - 1] + w + Self.gapX / 2))
      let inside = edges.contains { Double($0) - 4 <= straight && straight <= Double($0 + w) + 4 }
      let x = inside ? gaps.min { abs($0 - straight) < abs($1 - straight) }! : straight
      points.append((x: Int(x), y: row - 8))
      points.append((x: Int(x), y: row + h + 8))
    }
    points.append(end)
    var d = "M\(start.x),\(start.y)"
    for (a, b) in zip(points, points.dropFirst()) {
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
