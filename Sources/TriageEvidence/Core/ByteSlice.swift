/// A run of bytes of the input, indexed by offsets into it: an `ArraySlice<UInt8>` of
/// ``EvidenceText/bytes``, or a ``RowField`` of the buffer a connection table is read from.
///
/// The byte-level helpers of the connection tables are generic over it, so the row loop works on
/// slices of an unsafe buffer (plain offsets, no reference counting per field) while tests and
/// other importers keep passing array slices.
protocol ByteSlice: RandomAccessCollection<UInt8> where Index == Int, SubSequence == Self {}

extension ArraySlice: ByteSlice where Element == UInt8 {}

extension Slice: ByteSlice where Base == UnsafeBufferPointer<UInt8> {}

/// A field or line of the buffer a connection table is read from: its offsets into the input.
typealias RowField = Slice<UnsafeBufferPointer<UInt8>>
