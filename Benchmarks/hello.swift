// The start-up floor of the benchmarks: a Swift program that imports Foundation and prints a line.
import Foundation

print("hello from \(ProcessInfo.processInfo.processName)")
