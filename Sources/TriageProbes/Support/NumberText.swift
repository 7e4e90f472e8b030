/// Numbers as the figures print them.
enum NumberText {
  /// `0.0312` → `3.1 %`.
  static func percent(_ fraction: Double) -> String {
    let tenths = (fraction * 1000).rounded() / 10
    return tenths == tenths.rounded() ? "\(Int(tenths)) %" : "\(tenths) %"
  }
}
