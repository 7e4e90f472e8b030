/// Numbers as the figures print them.
enum NumberText {
  /// `1214` → `1,214`; negative numbers keep their sign.
  static func grouped(_ value: Int) -> String {
    let digits = String(value.magnitude)
    var out = ""
    for (index, digit) in digits.enumerated() {
      if index > 0, (digits.count - index) % 3 == 0 { out += "," }
      out.append(digit)
    }
    return value < 0 ? "-" + out : out
  }

  /// `0.0312` → `3.1 %`.
  static func percent(_ fraction: Double) -> String {
    let tenths = (fraction * 1000).rounded() / 10
    return tenths == tenths.rounded() ? "\(Int(tenths)) %" : "\(tenths) %"
  }
}
